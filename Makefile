# Quick start: `make site` builds the sample playbook into site/, `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: site test serve validate bench clean browser

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install -q -e .
	touch $@

$(TSTAMP): $(STAMP)
	$(PY) -m pip install -q -e '.[test]'
	touch $@

site: $(STAMP)
	$(VENV)/bin/journeybook build

serve: $(STAMP)
	$(VENV)/bin/mkdocs serve

validate: $(STAMP)
	$(VENV)/bin/journeybook validate

browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: $(TSTAMP) browser
	$(PY) -m pytest -q -n 2 -p no:cacheprovider

bench: $(TSTAMP)
	$(PY) benchmarks/run.py

clean:
	rm -rf site .venv .pytest_cache
