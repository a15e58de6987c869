"""Measured KPIs from metrics CSV files: every bad row a located error, the rest still counts; status; stale."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from conftest import copy_sample, mkdocs_build
from helpers import MINIMAL_FILES, minimal_project, problem_lines, run_cli, write_tree
from journeybook.metrics.keys import kpi_keys
from journeybook.metrics.load import load_metrics
from journeybook.metrics.status import MET, MISSED, NEAR, judge, target_text, with_unit
from journeybook.model import Kpi
from journeybook.read.project import Project
from journeybook.render import RenderOptions, render_pages, render_playbook_json
from journeybook.resolve import load, read_playbook
from journeybook.session import Session
from test_serve import fetch, serving, wait_for

TOUCHPOINT = """\
name: Checkout
category: checkout
checklist:
  - id: no-surprises
    text: No surprise costs
kpis:
  - id: completion-rate
    name: Checkout completion rate
    min: 70
    unit: "%"
  - name: Drop-out per step
"""
JOURNEY = """\
title: Buying online
personas: [ann]
phases:
  purchase:
    touchpoints: [checkout]
    kpis:
      - id: csat
        name: Satisfaction
        min: 4
        max: 5
"""
GOOD = "date,kpi,value,source\n2026-11-01,checkout/completion-rate,64.5,GA4\n2026-11-05,buy/purchase/csat,4.2,survey\n"
BAD = (
    "date,kpi,value,source\n"
    "2026-11-01,checkout/completion-rate,64.5,GA4\n"  # 2: fine
    "2026-11-31,checkout/completion-rate,65,GA4\n"  # 3: no such day
    "2026-11-02,checkout/completon-rate,65,GA4\n"  # 4: a typo of a KPI
    '2026-11-03,checkout/completion-rate,"6,5",GA4\n'  # 5: a decimal comma
    "2026-11-04,checkout/completion-rate\n"  # 6: no value
    "2026-11-01,checkout/completion-rate,66,GA4\n"  # 7: a second value on 2026-11-01
    "2026-11-05,buy/purchase/csat,4.2\n"  # 8: fine (no source)
    "2026-11-06,nothing/like/this,1\n"  # 9: unknown, nothing close
)
TODAY = datetime.date(2026, 11, 30)


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return minimal_project(tmp_path / "project", {"journeys/touchpoints/checkout.yml": TOUCHPOINT,
                                                  "journeys/buy.yml": JOURNEY})


def _validate(root: Path, *extra: str) -> list[str]:
    return problem_lines(run_cli("validate", "--today", TODAY.isoformat(), *extra, root).stdout)


def test_every_bad_row_is_a_located_error(tiny: Path) -> None:
    write_tree(tiny, {"journeys/metrics/q4.csv": BAD})
    assert _validate(tiny) == [
        "journeys/metrics/q4.csv:3:1: error: date '2026-11-31' is not a date written YYYY-MM-DD (e.g. 2026-11-30)",
        "journeys/metrics/q4.csv:4:12: error: unknown KPI 'checkout/completon-rate' (did you mean "
        "'checkout/completion-rate'?); name a KPI that has an id: <touchpoint>/<kpi-id> or <journey>/<phase>/<kpi-id>",
        "journeys/metrics/q4.csv:5:37: error: value '6,5' is not a number; write digits with '.' for decimals and no "
        "thousands separator (e.g. 64.5)",
        "journeys/metrics/q4.csv:6:36: error: the row ends before its 'value' cell; a row is date,kpi,value",
        "journeys/metrics/q4.csv:7:1: error: a second value for 'checkout/completion-rate' on 2026-11-01 (the first is "
        "at journeys/metrics/q4.csv:2); keep one row per KPI and date",
        "journeys/metrics/q4.csv:9:12: error: unknown KPI 'nothing/like/this'; name a KPI that has an id: "
        "<touchpoint>/<kpi-id> or <journey>/<phase>/<kpi-id>",
    ]


def test_the_rest_of_a_bad_file_still_counts(tiny: Path) -> None:
    write_tree(tiny, {"journeys/metrics/q4.csv": BAD})
    result = load(Project(root=tiny, today=TODAY))
    assert result.playbook is None  # errors stop the build, as YAML errors do
    files = read_playbook(Project(root=tiny)).files
    measured = load_metrics([tiny / "journeys" / "metrics"], kpi_keys(files), tiny, tiny / "journeys", TODAY, None)
    assert {key: (list(s.days), list(s.values), s.source) for key, s in measured.series.items()} == {
        "checkout/completion-rate": ([datetime.date(2026, 11, 1).toordinal()], [64.5], "GA4"),
        "buy/purchase/csat": ([datetime.date(2026, 11, 5).toordinal()], [4.2], None),
    }
    assert measured.files == ["journeys/metrics/q4.csv"]


def test_a_duplicate_across_files_names_the_first(tiny: Path) -> None:
    write_tree(tiny, {"journeys/metrics/a.csv": GOOD,
                      "journeys/metrics/b.csv": "kpi,value,date\nbuy/purchase/csat,4.4,2026-11-05\n"})
    assert _validate(tiny) == [
        "journeys/metrics/b.csv:2:23: error: a second value for 'buy/purchase/csat' on 2026-11-05 (the first is at "
        "journeys/metrics/a.csv:3); keep one row per KPI and date"]


@pytest.mark.parametrize(("text", "expected"), [
    ("", ["journeys/metrics/q4.csv:1:1: error: the file is empty; the first line must be the header: date,kpi,value"]),
    ("2026-11-01,checkout/completion-rate,64.5\n",
     ["journeys/metrics/q4.csv:1:1: error: the first line must be the header naming the columns: date,kpi,value "
      "(and optionally source)"]),
    ("date,kpi,valeu\n2026-11-01,checkout/completion-rate,64.5\n",
     ["journeys/metrics/q4.csv:1:1: error: the header has no 'value' column (is 'valeu' meant to be 'value'?); "
      "it needs date, kpi and value (found: date, kpi, valeu)"]),
    ("day,kpi,amount\n",
     ["journeys/metrics/q4.csv:1:1: error: the header has no 'date' column; it needs date, kpi and value "
      "(found: day, kpi, amount)",
      "journeys/metrics/q4.csv:1:1: error: the header has no 'value' column; it needs date, kpi and value "
      "(found: day, kpi, amount)"]),
    (b"date,kpi,value\n2026-11-01,checkout/completion-rate,6\xe94\n",
     ["journeys/metrics/q4.csv:2:1: error: the file is not UTF-8 text from here on; save it as 'CSV UTF-8'"]),
])
def test_header_and_encoding_errors(tiny: Path, text: str | bytes, expected: list[str]) -> None:
    write_tree(tiny, {"journeys/metrics/q4.csv": text})
    assert _validate(tiny) == expected


def test_bom_extra_columns_and_any_column_order_are_fine(tiny: Path) -> None:
    write_tree(tiny, {"journeys/metrics/export.csv": (
        "\ufeffValue,Note,KPI,Date\r\n64.5,first,checkout/completion-rate,2026-11-01\r\n"
        "71,\"after the fix, finally\",checkout/completion-rate,2026-11-08\r\n")})
    proc = run_cli("validate", "--today", TODAY.isoformat(), tiny)
    assert (proc.returncode, proc.stdout) == (0, "No problems found.\n")
    result = load(Project(root=tiny, today=TODAY))
    assert result.playbook is not None
    series = result.playbook.metrics["checkout/completion-rate"]
    assert (series.latest, list(series.values)) == ((datetime.date(2026, 11, 8), 71.0), [64.5, 71.0])
    assert "journeys/metrics/export.csv" in result.files


def test_stale_measurements_are_a_warning_at_the_latest_row(tiny: Path) -> None:
    playbook = MINIMAL_FILES["journeys/playbook.yml"]
    assert isinstance(playbook, str)
    write_tree(tiny, {"journeys/metrics/q4.csv": GOOD,
                      "journeys/playbook.yml": playbook + "metrics_stale_after: 25\n"})
    assert _validate(tiny) == [
        "journeys/metrics/q4.csv:2:1: warning: KPI 'checkout/completion-rate' was last measured on 2026-11-01, 29 days "
        "ago (metrics_stale_after: 25 days); add newer measurements"]
    assert run_cli("validate", "--strict", "--today", TODAY.isoformat(), tiny).returncode == 1


def test_github_format_annotates_csv_rows(tiny: Path) -> None:
    write_tree(tiny, {"journeys/metrics/q4.csv": "date,kpi,value\n2026-11-01,checkout/completion-rate,n/a\n"})
    proc = run_cli("validate", "--format", "github", "--today", TODAY.isoformat(), tiny)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0] == (
        "::error file=journeys/metrics/q4.csv,line=2,col=37,title=journeybook::value 'n/a' is not a number; write "
        "digits with '.' for decimals and no thousands separator (e.g. 64.5)")


@pytest.mark.parametrize(("low", "high", "value", "status"), [
    (70.0, None, 70.0, MET), (70.0, None, 63.0, NEAR), (70.0, None, 62.9, MISSED),
    (None, 10.0, 11.0, NEAR), (None, 10.0, 11.5, MISSED), (4.0, 5.0, 5.0, MET),
    (0.0, 10.0, -1.0, NEAR), (0.0, 10.0, -1.5, MISSED),
])
def test_status_met_near_missed(low: float | None, high: float | None, value: float, status: str) -> None:
    assert judge(Kpi("k", min=low, max=high), value) == status


def test_values_and_targets_in_words() -> None:
    assert with_unit(64.5, "%") == "64.5%"
    assert with_unit(4.25, "s", ",") == "4,25\u00a0s"
    assert with_unit(70.0, None) == "70"
    assert target_text(Kpi("k", min=4.0, max=5.0)) == "4–5"
    assert target_text(Kpi("k", max=2.5, unit="s"), ",") == "≤ 2,5\u00a0s"
    assert target_text(Kpi("k", target="Falling month on month", max=12.0, unit="%")) == (
        "Falling month on month (≤ 12%)")
    assert target_text(Kpi("k", target="70% of started checkouts", min=70.0, unit="%")) == "70% of started checkouts"
    assert target_text(Kpi("k", target="4,5 van 5", min=4.5, max=5.0), ",") == "4,5 van 5"
    assert target_text(Kpi("k", target="8 of 10 or higher")) == "8 of 10 or higher"


def test_pages_show_latest_value_target_status_in_words(tiny: Path) -> None:
    write_tree(tiny, {"journeys/metrics/q4.csv": GOOD + "2026-11-08,checkout/completion-rate,71,GA4\n"})
    result = load(Project(root=tiny, today=TODAY))
    assert result.playbook is not None
    pages = {p.src_uri: p.html for p in render_pages(result.playbook, RenderOptions(today=TODAY))}
    kpis = pages["kpis/index.md"]
    assert kpis.index('data-jb-kpi="checkout/completion-rate"') > kpis.index('data-jb-kpi="buy/purchase/csat"')
    touchpoint = pages["touchpoints/checkout.md"]
    assert ('<strong>71%</strong> <time class="jb-kpis__date" datetime="2026-11-08">2026-11-08</time> '
            '<span class="jb-kpis__change">+6.5 pp since 2026-11-01</span></td>') in touchpoint
    assert '<span class="jb-kstatus jb-kstatus--met"><span class="jb-kstatus__mark" aria-hidden="true">✓</span> met' \
           "</span>" in touchpoint
    blank = ('<td class="jb-kpis__blank"><span aria-hidden="true">—</span>'
             '<span class="jb-visually-hidden">none</span></td>')
    # a KPI without measurements (or a target): no empty cell, a dash to the eye and "none" to a screen reader
    assert ("<tr><td>Drop-out per step</td>\n<td><span class=\"jb-kpis__none\">not measured</span></td>"
            + blank * 3 + "\n</tr>") in touchpoint
    assert "<td></td>" not in touchpoint
    phase = pages["journeys/buy/purchase.md"]
    assert '<strong>4.2</strong>' in phase and "jb-kstatus--met" in phase
    data = json.loads(render_playbook_json(result.playbook))
    assert data["metrics"]["checkout/completion-rate"] == {
        "kpi": "checkout/completion-rate", "source": "GA4", "dates": ["2026-11-01", "2026-11-08"],
        "values": [64.5, 71.0]}
    assert data["touchpoints"]["checkout"]["kpis"][0] == {
        "id": "completion-rate", "name": "Checkout completion rate", "target": None, "min": 70.0, "max": None,
        "unit": "%"}


def test_without_measurements_a_kpi_without_a_target_has_a_dash(tiny: Path) -> None:
    write_tree(tiny, {"journeys/touchpoints/checkout.yml": TOUCHPOINT.replace(
        "    min: 70\n", '    target: "70% of started checkouts"\n    min: 70\n')})
    result = load(Project(root=tiny, today=TODAY))
    assert result.playbook is not None
    touchpoint = {p.src_uri: p.html for p in render_pages(result.playbook, RenderOptions(today=TODAY))}[
        "touchpoints/checkout.md"]
    assert ("<tr><td>Checkout completion rate</td><td>70% of started checkouts</td></tr>\n"
            '<tr><td>Drop-out per step</td><td class="jb-kpis__blank"><span aria-hidden="true">—</span>'
            '<span class="jb-visually-hidden">none</span></td></tr>') in touchpoint


@pytest.mark.parametrize(("rows", "language", "expected"), [
    ("2026-10-25,checkout/completion-rate,60\n2026-11-01,checkout/completion-rate,64.5\n"
     "2026-11-08,checkout/completion-rate,63.7\n", "en",  # against the one before, not the first
     '<span class="jb-kpis__change">\u22120.8 pp since 2026-11-01</span>'),
    ("2026-11-01,checkout/completion-rate,64.5\n2026-11-08,checkout/completion-rate,63.7\n", "nl",
     '<span class="jb-kpis__change">\u22120,8 procentpunt sinds 2026-11-01</span>'),
    ("2026-11-01,checkout/completion-rate,64.5\n2026-11-08,checkout/completion-rate,64.5\n", "en",
     '<span class="jb-kpis__change">unchanged since 2026-11-01</span>'),
    ("2026-11-08,checkout/completion-rate,64.5\n", "en", None),  # one measurement: nothing to compare
    # values that differ past the six digits a table shows are unchanged to the reader, not "+1e-07 pp"
    ("2026-11-01,checkout/completion-rate,64.1234561\n2026-11-08,checkout/completion-rate,64.1234562\n", "en",
     '<span class="jb-kpis__change">unchanged since 2026-11-01</span>'),
    ("2026-11-01,checkout/completion-rate,64.12341\n2026-11-08,checkout/completion-rate,64.12349\n", "en",
     '<span class="jb-kpis__change">+0.0001 pp since 2026-11-01</span>'),  # 64.1234 to 64.1235, as shown
    ("2026-11-01,checkout/completion-rate,50\n2026-11-08,checkout/completion-rate,60\n", "en",
     '<span class="jb-kpis__change">+10 pp since 2026-11-01</span>'),  # whole numbers keep their zeros
    ("2026-11-01,checkout/completion-rate,0.123456\n2026-11-08,checkout/completion-rate,0.123457\n", "en",
     '<span class="jb-kpis__change">+0.000001 pp since 2026-11-01</span>'),  # written out, not 1e-06
    # a KPI without a unit (the phase's satisfaction score) changes by its own amount, no percentage points
    ("2026-11-01,buy/purchase/csat,4.2\n2026-11-08,buy/purchase/csat,4.5\n", "en",
     '<span class="jb-kpis__change">+0.3 since 2026-11-01</span>'),
])
def test_the_latest_value_says_how_it_changed(tiny: Path, rows: str, language: str, expected: str | None) -> None:
    write_tree(tiny, {"journeys/metrics/q4.csv": "date,kpi,value\n" + rows})
    result = load(Project(root=tiny, today=TODAY))
    assert result.playbook is not None
    pages = {p.src_uri: p.html for p in render_pages(result.playbook, RenderOptions(language=language, today=TODAY))}
    page = pages["journeys/buy/purchase.md" if "csat" in rows else "touchpoints/checkout.md"]
    changes = [cell.split("</td>")[0].strip() for cell in page.split("</time>")[1:]
               if cell.startswith(' <span class="jb-kpis__change">')]
    assert changes == ([] if expected is None else [expected])
    if expected is None:
        assert "jb-kpis__change" not in page


def test_a_change_is_in_the_kpis_own_unit(tiny: Path) -> None:
    write_tree(tiny, {
        "journeys/touchpoints/checkout.yml": TOUCHPOINT + "  - id: load-time\n    name: Page load\n    max: 2\n"
                                                          "    unit: s\n",
        "journeys/metrics/q4.csv": "date,kpi,value\n2026-11-01,checkout/load-time,2.5\n"
                                   "2026-11-08,checkout/load-time,2.25\n"})
    result = load(Project(root=tiny, today=TODAY))
    assert result.playbook is not None
    for language, expected in (("en", "\u22120.25\u00a0s since 2026-11-01"),
                               ("nl", "\u22120,25\u00a0s sinds 2026-11-01")):
        page = {p.src_uri: p.html for p in render_pages(result.playbook, RenderOptions(
            language=language, today=TODAY))}["touchpoints/checkout.md"]
        assert f'<span class="jb-kpis__change">{expected}</span>' in page


def test_kpis_page_lists_missed_first(tiny: Path) -> None:
    write_tree(tiny, {"journeys/metrics/q4.csv": "date,kpi,value\n2026-11-05,buy/purchase/csat,4.5\n"
                                                 "2026-11-05,checkout/completion-rate,50\n"})
    result = load(Project(root=tiny, today=TODAY))
    assert result.playbook is not None
    html = {p.src_uri: p.html for p in render_pages(result.playbook, RenderOptions(today=TODAY))}["kpis/index.md"]
    order = [line.split('"')[1] for line in html.split("data-jb-kpi=")[1:]]
    assert order == ["checkout/completion-rate", "buy/purchase/csat"]  # missed (50 < 63), then met
    assert "✗</span> missed</span>" in html and "✓</span> met</span>" in html


def test_without_metrics_there_is_no_kpis_page(tiny: Path) -> None:
    result = load(Project(root=tiny, today=TODAY))
    assert result.playbook is not None and result.playbook.metrics == {}
    assert "kpis/index.md" not in {p.src_uri for p in render_pages(result.playbook, RenderOptions(today=TODAY))}


def test_a_guide_shows_only_its_clients_measurements(tmp_path: Path) -> None:
    sample = copy_sample(tmp_path / "sample")
    base = load(Project(root=sample, today=TODAY))
    guide = load(Project(root=sample, client="fietsbaas", language="nl", today=TODAY))
    assert base.playbook is not None and guide.playbook is not None
    assert sorted(guide.playbook.metrics) == ["checkout/completion-rate", "proefrit/naar-aankoop",
                                              "proefrit/nagebeld"]
    assert guide.playbook.metrics["checkout/completion-rate"].latest == (datetime.date(2026, 11, 28), 72.4)
    assert base.playbook.metrics["checkout/completion-rate"].latest == (datetime.date(2026, 11, 23), 66.4)
    assert "clients/fietsbaas/journeys/metrics/2026.csv" in guide.files
    assert "journeys/metrics/2026.csv" not in guide.files
    pages = {p.src_uri: p.html for p in render_pages(guide.playbook, RenderOptions(language="nl", today=TODAY))}
    kpis = pages["kpis/index.md"]
    assert "<h1>Gemeten KPI&#39;s</h1>" in kpis
    assert "<strong>72,4%</strong>" in kpis and "66,4%" not in kpis
    assert "✓</span> gehaald</span>" in kpis and "≈</span> bijna</span>" in kpis
    assert "delivery/on-time" not in kpis  # the base's measurements stay out of the guide


def test_a_real_build_has_the_kpis_page_and_stops_on_bad_rows(tiny: Path) -> None:
    write_tree(tiny, {"journeys/metrics/q4.csv": GOOD})
    built = mkdocs_build(tiny)
    assert built.returncode == 0, built.stderr
    page = (tiny / "site" / "kpis" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Measured KPIs</h1>" in page
    assert '<a href="./" class="md-nav__link md-nav__link--active">\n<span class="md-ellipsis">\nMeasured KPIs' in page
    assert 'href="kpis/"' in (tiny / "site" / "index.html").read_text(encoding="utf-8")  # reachable from home
    data = json.loads((tiny / "site" / "playbook.json").read_text(encoding="utf-8"))
    assert data["metrics"]["buy/purchase/csat"]["values"] == [4.2]
    write_tree(tiny, {"journeys/metrics/q4.csv": GOOD + "2026-11-07,checkout/completion-rate,lots\n"})
    failed = mkdocs_build(tiny)
    assert failed.returncode != 0
    assert "journeys/metrics/q4.csv:4:37: error: value 'lots' is not a number" in failed.stdout + failed.stderr


def test_the_session_sees_a_saved_csv(tiny: Path) -> None:
    write_tree(tiny, {"journeys/metrics/q4.csv": GOOD})
    session = Session(Project(root=tiny, today=TODAY), keep=True)
    first, loaded = session.load()
    assert loaded and first.playbook is not None
    assert session.load()[1] is False  # nothing changed: nothing read again
    write_tree(tiny, {"journeys/metrics/q4.csv": GOOD + "2026-11-08,checkout/completion-rate,71,GA4\n"})
    again, loaded = session.load()
    assert loaded and again.playbook is not None
    assert again.playbook.metrics["checkout/completion-rate"].latest == (datetime.date(2026, 11, 8), 71.0)


def test_csv_files_in_subfolders_count_too(tiny: Path) -> None:
    """An export a year (or a source) in its own folder: read as the files beside them are, hidden ones left out."""
    write_tree(tiny, {
        "journeys/metrics/top.csv": GOOD,
        "journeys/metrics/2025/q4.csv": "date,kpi,value\n2025-12-01,checkout/completion-rate,60\n",
        "journeys/metrics/2026/Q1.CSV": "date,kpi,value\n2026-11-31,checkout/completion-rate,61\n"
                                        "2026-11-02,checkout/completion-rate,62\n",
        "journeys/metrics/.drafts/wip.csv": "not,a,header\n",
        "journeys/metrics/2026/.backup.csv": "not,a,header\n",
    })
    assert _validate(tiny) == [
        "journeys/metrics/2026/Q1.CSV:2:1: error: date '2026-11-31' is not a date written YYYY-MM-DD (e.g. 2026-11-30)"]
    files = read_playbook(Project(root=tiny)).files
    measured = load_metrics([tiny / "journeys" / "metrics"], kpi_keys(files), tiny, tiny / "journeys", TODAY, None)
    assert measured.files == [
        "journeys/metrics/2025/q4.csv", "journeys/metrics/2026/Q1.CSV", "journeys/metrics/top.csv"]
    days = [datetime.date(2025, 12, 1), datetime.date(2026, 11, 1), datetime.date(2026, 11, 2)]
    series = measured.series["checkout/completion-rate"]
    assert (list(series.days), list(series.values)) == ([d.toordinal() for d in days], [60.0, 64.5, 62.0])


def test_the_session_sees_a_new_csv_in_a_subfolder(tiny: Path) -> None:
    write_tree(tiny, {"journeys/metrics/2026/q4.csv": GOOD})
    session = Session(Project(root=tiny, today=TODAY), keep=True)
    assert session.load()[1] is True
    assert session.load()[1] is False
    write_tree(tiny, {"journeys/metrics/2026/november.csv": "date,kpi,value\n2026-11-08,checkout/completion-rate,71\n"})
    again, loaded = session.load()
    assert loaded and again.playbook is not None
    assert again.playbook.metrics["checkout/completion-rate"].latest == (datetime.date(2026, 11, 8), 71.0)


def test_serve_rebuilds_when_a_csv_is_saved(tiny: Path) -> None:
    write_tree(tiny, {"journeys/metrics/q4.csv": GOOD})
    with serving(tiny) as (base, log):
        url = f"{base}/touchpoints/checkout/"
        assert wait_for(lambda: "<strong>64.5%</strong>" in fetch(url)), "".join(log)
        write_tree(tiny, {"journeys/metrics/q4.csv": GOOD + "2026-11-08,checkout/completion-rate,71,GA4\n"})
        assert wait_for(lambda: "<strong>71%</strong>" in fetch(url)), "".join(log)


def test_a_guide_publishes_only_the_measurements_its_journeys_reach(tmp_path: Path) -> None:
    sample = copy_sample(tmp_path / "sample")
    write_tree(sample, {"clients/fietsbaas/journeys/metrics/2026.csv": (
        "date,kpi,value\n2026-11-02,delivery/on-time,97\n2026-11-02,repair-request/service/first-time-fix,80\n")})
    session = Session(Project(root=sample, client="fietsbaas", language="nl", today=TODAY))
    result = session.load()[0]
    assert result.playbook is not None, [str(p) for p in result.problems]
    assert sorted(result.playbook.metrics) == ["delivery/on-time"]  # repair-request is not in its journeys


def test_a_kpi_id_is_unique_in_its_list_and_bounds_are_numbers(tiny: Path) -> None:
    write_tree(tiny, {"journeys/touchpoints/checkout.yml": TOUCHPOINT.replace(
        "  - name: Drop-out per step\n", "  - id: completion-rate\n    name: Drop-out per step\n    max: ten\n")})
    assert _validate(tiny) == [
        "journeys/touchpoints/checkout.yml:11:9: error: duplicate id 'completion-rate' in kpis (first at line 7)",
        "journeys/touchpoints/checkout.yml:13:10: error: 'kpis[1].max' should be a number, not the text 'ten'",
    ]


def test_a_stale_kpi_says_so_and_how_it_stood(tiny: Path) -> None:
    playbook = MINIMAL_FILES["journeys/playbook.yml"]
    assert isinstance(playbook, str)
    write_tree(tiny, {"journeys/metrics/q4.csv": GOOD, "journeys/playbook.yml": playbook + "metrics_stale_after: 25\n"})
    result = load(Project(root=tiny, today=TODAY))
    assert result.playbook is not None
    html = {p.src_uri: p.html for p in render_pages(result.playbook, RenderOptions(today=TODAY))}
    assert ('<span class="jb-kstatus jb-kstatus--stale"><span class="jb-kstatus__mark" aria-hidden="true">⧗</span> '
            'stale</span> <span class="jb-kstatus__was">(was near)</span>') in html["touchpoints/checkout.md"]
    kpis = html["kpis/index.md"]
    assert "A KPI whose latest value is more than 25 days old is stale (metrics_stale_after in playbook.yml)." in kpis
    assert "jb-kstatus--met" in kpis  # csat, measured 25 days before: not stale yet


def test_validate_checks_a_clients_own_csv(tmp_path: Path) -> None:
    sample = copy_sample(tmp_path / "sample")
    csv_path = sample / "clients" / "fietsbaas" / "journeys" / "metrics" / "2026.csv"
    csv_path.write_text(csv_path.read_text(encoding="utf-8") + "2026-12-01,proefrit/nagebelt,91,CRM\n",
                        encoding="utf-8")
    expected = ["clients/fietsbaas/journeys/metrics/2026.csv:38:12: error: unknown KPI 'proefrit/nagebelt' (did you "
                "mean 'proefrit/nagebeld'?); name a KPI that has an id: <touchpoint>/<kpi-id> or "
                "<journey>/<phase>/<kpi-id>"]
    assert _validate(sample, "--client", "fietsbaas") == expected
    assert _validate(sample) == expected  # the base and every guide
