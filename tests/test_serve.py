"""`mkdocs serve` rebuilds when the YAML changes and keeps the last good site on bad data."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from conftest import copy_sample
from test_build import MINIMAL, write


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


@contextlib.contextmanager
def serving(project: Path, *command: str, journeybook: bool = False, **env: str) -> Iterator[tuple[str, list[str]]]:
    """A real `mkdocs serve` of ``project`` (or ``journeybook serve`` with the arguments given) on a free
    local port, with ``env`` added to the environment: (its base URL, its log lines so far)."""
    port = free_port()
    exe = Path(sys.executable).parent / ("journeybook" if command or journeybook else "mkdocs")
    server = subprocess.Popen(
        [str(exe), "serve", *command, "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **env),
    )
    log: list[str] = []
    assert server.stdout is not None
    reader = threading.Thread(target=lambda: log.extend(iter(server.stdout.readline, "")), daemon=True)
    reader.start()
    try:
        yield f"http://127.0.0.1:{port}", log
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def test_serve_rebuilds_on_yaml_change_and_survives_bad_data(tmp_path: Path) -> None:
    project = write(tmp_path, MINIMAL)
    with serving(project) as (base, log):
        url = f"{base}/touchpoints/webshop/"
        assert wait_for(lambda: "Show shipping costs early" in fetch(url)), "".join(log)
        touchpoint = project / "journeys" / "touchpoints" / "webshop.yml"
        touchpoint.write_text(touchpoint.read_text().replace("Show shipping costs early", "Shipping costs up front"))
        assert wait_for(lambda: "Shipping costs up front" in fetch(url)), "".join(log)

        touchpoint.write_text("name: Webshop\ncategory: chekout\nchecklist: []\n")
        assert wait_for(lambda: "unknown category 'chekout'" in "".join(log)), "".join(log)
        time.sleep(1.0)
        # the last good page is still served (waiting, as a loaded machine may answer slowly while it rebuilds)
        assert wait_for(lambda: "Shipping costs up front" in fetch(url), timeout=30), "".join(log)
        assert "Traceback" not in "".join(log)


def test_serve_shows_an_edited_template_override(tmp_path: Path) -> None:
    """A user's override of a journeybook template (<custom_dir>/journeybook/...) shows on the next reload."""
    files = dict(MINIMAL)
    theme = "  name: material\n  custom_dir: overrides\n"
    files["mkdocs.yml"] = MINIMAL["mkdocs.yml"].replace("  name: material\n", theme)
    files["overrides/journeybook/sources.html"] = "<h1>Our sources</h1>\n<p>First wording of the override</p>\n"
    project = write(tmp_path, files)
    with serving(project) as (base, log):
        url = f"{base}/sources/"
        assert wait_for(lambda: "First wording of the override" in fetch(url)), "".join(log)
        override = project / "overrides" / "journeybook" / "sources.html"
        override.write_text("<h1>Our sources</h1>\n<p>Second wording of the override</p>\n", encoding="utf-8")
        assert wait_for(lambda: "Second wording of the override" in fetch(url)), "".join(log)
        assert "First wording" not in fetch(url)
        assert "Traceback" not in "".join(log)


# Acme Outdoor's own checklist item (its overlay of the checkout), with its brand's value filled in
ACME_ITEM = "Show in the basket how far the customer is from free shipping (€50)"


def test_serve_previews_a_clients_guide(tmp_path: Path) -> None:
    """`journeybook serve --client ID` serves that client's guide at the address `mkdocs serve` prints (the
    path of the base's site_url), and rebuilds it when the client's overlay is saved."""
    project = copy_sample(tmp_path / "p")
    with serving(project, "--client", "acme-outdoor") as (base, log):
        url = f"{base}/playbook/touchpoints/checkout/"
        assert wait_for(lambda: ACME_ITEM in fetch(url), timeout=120), "".join(log)
        overlay = project / "clients/acme-outdoor/journeys/touchpoints/checkout.yml"
        overlay.write_text(overlay.read_text(encoding="utf-8").replace("Show in the basket", "Show in the cart"),
                           encoding="utf-8")
        assert wait_for(lambda: "Show in the cart how far" in fetch(url)), "".join(log)
        assert "Traceback" not in "".join(log)
    assert fetch(url) == ""  # stopping `journeybook serve` stopped the server: none is left behind


def test_a_stale_serve_variable_does_not_change_journeybook_serve(tmp_path: Path) -> None:
    """Without --client, `journeybook serve` serves the base even when a shell kept JOURNEYBOOK_CLIENT set."""
    project = copy_sample(tmp_path / "p")
    with serving(project, journeybook=True, JOURNEYBOOK_CLIENT="fietsbaas") as (base, log):
        url = f"{base}/playbook/"
        assert wait_for(lambda: "<html lang=\"en\"" in fetch(url), timeout=120), "".join(log)
        assert "Fietsbaas" not in fetch(url)


def test_the_serve_variable_does_not_change_a_build(tmp_path: Path) -> None:
    """JOURNEYBOOK_CLIENT (what `serve --client` hands `mkdocs serve`) left set in a shell: a build still
    builds the base playbook, as the checks before it do."""
    project = copy_sample(tmp_path / "p")
    exe = Path(sys.executable).parent / "journeybook"
    done = subprocess.run([str(exe), "build"], cwd=project, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, JOURNEYBOOK_CLIENT="fietsbaas", NO_MKDOCS_2_WARNING="1"))
    assert done.returncode == 0, done.stderr
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in home and "Fietsbaas" not in home


def test_serve_names_the_clients_there_are(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "p")
    exe = Path(sys.executable).parent / "journeybook"
    done = subprocess.run([str(exe), "serve", "--client", "acme"], cwd=project, capture_output=True, text=True,
                          timeout=60)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "journeybook: error: unknown client 'acme'; clients: acme-outdoor, fietsbaas\n"
