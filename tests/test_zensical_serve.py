"""`journeybook serve --engine zensical`: a saved YAML file shows on the served page; errors keep the last good
version (issue 21). A real `zensical serve` on a free local port."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import copy_sample
from test_serve import ACME_ITEM, fetch, wait_for

PAGE = "playbook/journeys/online-purchase/awareness/"  # served under site_url's path, as published
CLIENT_PAGE = "playbook/acme-outdoor/touchpoints/checkout/"  # a guide where it is published: <site>/<id>/


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _page(port: int) -> str:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{PAGE}", timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(port: int, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _page(port):
            return True
        time.sleep(0.2)
    return False


def test_serve_regenerates_on_save_and_keeps_the_last_good_version(tmp_path: Path) -> None:
    project = copy_sample(tmp_path / "p")
    port = _port()
    exe = Path(sys.executable).parent / "journeybook"
    proc = subprocess.Popen([str(exe), "serve", "--engine", "zensical", "-a", f"127.0.0.1:{port}"], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert _wait_for(port, "<h1>Awareness", 180), "the phase page was never served"
        playbook = project / "journeys/playbook.yml"
        text = playbook.read_text(encoding="utf-8")
        playbook.write_text(text.replace("name: Awareness", "name: Awakening", 1), encoding="utf-8")
        assert _wait_for(port, "<h1>Awakening", 60), "the saved phase name never showed"

        playbook.write_text(text.replace("name: Awareness", "nmae: Awareness", 1), encoding="utf-8")
        time.sleep(3)
        assert "<h1>Awakening" in _page(port)  # the last good version is still served
    finally:
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=60)
    assert "journeys/playbook.yml:7:5: error: unknown key 'nmae' (did you mean 'name'?)" in out
    assert "journeybook: the playbook has errors; still serving the last good version" in out
    assert not (project / "site").exists()  # serve publishes nothing into the project
    assert not any(p.suffix == ".md" for p in (project / "journeys").rglob("*"))


def test_serve_previews_a_clients_guide(tmp_path: Path) -> None:
    """`journeybook serve --engine zensical --client ID` serves the client's guide, not the base, without links
    to the pages the guide leaves out (as `journeybook build` has it)."""
    project = copy_sample(tmp_path / "p")
    port = _port()
    exe = Path(sys.executable).parent / "journeybook"
    proc = subprocess.Popen([str(exe), "serve", "--engine", "zensical", "--client", "acme-outdoor",
                             "-a", f"127.0.0.1:{port}"], cwd=project, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/{CLIENT_PAGE}"
    try:
        assert wait_for(lambda: ACME_ITEM in fetch(url), timeout=180), "the client's checkout page was never served"
        # the guide leaves out the editors' pages (base_only): the home page's links to them become their text
        home = f"http://127.0.0.1:{port}/playbook/acme-outdoor/"
        assert wait_for(lambda: "see how this playbook is maintained." in fetch(home), timeout=30), fetch(home)
        assert "the editors' guide and the YAML reference" in fetch(home)
    finally:
        proc.terminate()  # SIGTERM, as a process manager stops it: Zensical stops with it
        out, _ = proc.communicate(timeout=60)
    assert "Traceback" not in out
    assert fetch(url) == ""
    assert not [line for line in out.splitlines() if line.startswith("Serving ") and Path(line.split()[1]).exists()]
