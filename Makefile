# Quick start: `make site` builds the sample playbook into site/, `make test` runs the whole suite
# (after `make lint`: ruff on the code, tests and benchmarks, mypy --strict on the package and benchmarks).
#
# `make site` and `make test` install from the lock files in requirements/ (the same
# versions, checked by hash, on every machine); `make lock` refreshes them.
# `make test-latest` and `make test-lowest` run the suite (without the browser
# tests) at the newest versions and at the lowest versions pyproject.toml allows.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
UV     := $(VENV)/bin/uv
STAMP  := $(VENV)/.installed-site
TSTAMP := $(VENV)/.installed-test
SITE_LOCK := requirements/site.lock
TEST_LOCK := requirements/test.lock
PYTEST := -m pytest -q -p no:cacheprovider
NOBROWSER := --ignore=tests/browser

.PHONY: site site-offline lint test test-latest test-lowest lock serve validate bench bench-lighthouse clean browser dist

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "journeybook needs Python 3.11 or newer (as mkdocs-material 9.8 does): make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) $(SITE_LOCK) pyproject.toml
	$(PY) -m pip install -q --require-hashes -r $(SITE_LOCK)
	$(PY) -m pip install -q --no-deps -e .
	touch $@

$(TSTAMP): $(PY) $(TEST_LOCK) pyproject.toml
	$(PY) -m pip install -q --require-hashes -r $(TEST_LOCK)
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP) $@

site: $(STAMP)
	$(VENV)/bin/journeybook build

serve: $(STAMP)
	$(VENV)/bin/mkdocs serve

site-offline: $(STAMP)
	$(VENV)/bin/mkdocs build -f mkdocs-offline.yml

validate: $(STAMP)
	$(VENV)/bin/journeybook validate

browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

lint: $(TSTAMP)
	$(PY) -m ruff check plugins tests benchmarks
	$(PY) -m mypy plugins/journeybook benchmarks

test: lint $(TSTAMP) browser
	$(PY) $(PYTEST) -n 2

# The newest versions the ranges allow, resolved afresh (not from the lock).
test-latest: $(TSTAMP)
	rm -rf .venv-latest
	$(UV) venv -q --python $(PY) .venv-latest
	$(UV) pip install -q --python .venv-latest/bin/python --upgrade -e '.[test]'
	.venv-latest/bin/python $(PYTEST) -n 2 $(NOBROWSER)

# Every runtime dependency at the lower bound pyproject.toml declares; the test
# tools (and the other MkDocs plugins the suite builds with) at their newest
# versions that keep those pins.
test-lowest: $(TSTAMP)
	rm -rf .venv-lowest
	$(UV) venv -q --python $(PY) .venv-lowest
	$(UV) pip install -q --python .venv-lowest/bin/python --resolution lowest-direct -e .
	$(UV) pip freeze --python .venv-lowest/bin/python --exclude-editable > .venv-lowest/runtime.txt
	$(UV) pip install -q --python .venv-lowest/bin/python -c .venv-lowest/runtime.txt -e '.[test]'
	.venv-lowest/bin/python -c "import importlib.metadata as m; print(*(f'{d}=={m.version(d)}' for d in ['mkdocs', 'mkdocs-material', 'jinja2', 'pyyaml', 'markdown', 'nh3', 'jsonschema', 'pathspec']))"
	.venv-lowest/bin/python $(PYTEST) -n 2 $(NOBROWSER)

# Refresh the lock files from pyproject.toml (for every platform and Python >= 3.11).
lock: $(TSTAMP)
	$(UV) pip compile -q --universal --generate-hashes pyproject.toml -o $(SITE_LOCK)
	$(UV) pip compile -q --universal --generate-hashes --extra test pyproject.toml -o $(TEST_LOCK)

# A wheel and an sdist in dist/ (`pip install dist/journeybook-*.whl` anywhere); the sdist leaves the
# tests out (they need the whole repository: the sample playbook, Chromium), see MANIFEST.in.
dist: $(TSTAMP)
	rm -rf dist
	$(UV) build -q --python $(PY) --out-dir dist .
	$(PY) -c "import pathlib, sys, tarfile; sdist = next(pathlib.Path('dist').glob('*.tar.gz')); \
	  sys.exit('tests in the sdist' if any('/tests/' in n for n in tarfile.open(sdist).getnames()) else 0)"
	@ls dist

bench: $(TSTAMP)
	$(PY) benchmarks/run.py
	$(PY) benchmarks/clients.py --runs 3

# Lighthouse (mobile) on the journey map, a phase page and a plain page of the sample: a figure, not a test.
# Needs Node.js and `npm install --prefix <dir> lighthouse`; LIGHTHOUSE_ARGS="--npm-prefix <dir> --runs 5".
bench-lighthouse: $(STAMP)
	$(PY) benchmarks/lighthouse.py $(LIGHTHOUSE_ARGS)

clean:
	rm -rf site dist .venv .venv-latest .venv-lowest .pytest_cache .mypy_cache .ruff_cache
