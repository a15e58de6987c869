"""Content that says when it is stale: owner, last_reviewed and review_every; the overdue warning."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from helpers import MINIMAL_FILES, minimal_project, problem_lines, run_cli, write_tree
from journeybook.editors.review import needs_attention, review_items
from journeybook.read.project import Project
from journeybook.resolve import load

BASE_PLAYBOOK = MINIMAL_FILES["journeys/playbook.yml"]
assert isinstance(BASE_PLAYBOOK, str)
PLAYBOOK = BASE_PLAYBOOK.replace("title: Tiny playbook\n", "title: Tiny playbook\nreview_every: 90\n")
FILES = {
    "journeys/playbook.yml": PLAYBOOK,
    "journeys/personas/ann.yml": "name: Ann\nrole: Busy parent\nowner: Marketing\nlast_reviewed: 2026-01-10\n",
    "journeys/touchpoints/checkout.yml": ("name: Checkout\ncategory: checkout\nowner: Web team\n"
                                         "last_reviewed: '2026-03-20'\nchecklist:\n  - id: a\n    text: A\n"),
    "journeys/buy.yml": ("title: Buying online\nlast_reviewed: \"2025-06-01\"\npersonas: [ann]\nphases:\n"
                         "  purchase:\n    touchpoints: [checkout]\n"),
}


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return minimal_project(tmp_path / "project", FILES)


def test_overdue_reviews_are_warnings_at_last_reviewed(tiny: Path) -> None:
    proc = run_cli("validate", "--today", "2026-04-11", tiny)
    assert proc.returncode == 0
    assert problem_lines(proc.stdout) == [
        "journeys/buy.yml:2:16: warning: journey 'buy' is due for review since 2025-08-30 (last reviewed 2025-06-01, "
        "review_every: 90 days); check it, then set last_reviewed to the date of the check",
        "journeys/personas/ann.yml:4:16: warning: persona 'ann' is due for review since 2026-04-10 (last reviewed "
        "2026-01-10, review_every: 90 days); check it, then set last_reviewed to the date of the check",
    ]
    assert run_cli("validate", "--strict", "--today", "2026-04-11", tiny).returncode == 1


def test_a_review_is_due_on_the_day_not_before(tiny: Path) -> None:
    """Ann was reviewed 2026-01-10: due 90 days later, 2026-04-10; overdue from the day after."""
    lines = problem_lines(run_cli("validate", "--today", "2026-04-10", tiny).stdout)
    assert [line.split(": warning: ")[1].split(" is ")[0] for line in lines] == ["journey 'buy'"]


def test_without_review_every_nothing_is_overdue(tiny: Path) -> None:
    write_tree(tiny, {"journeys/playbook.yml": PLAYBOOK.replace("review_every: 90\n", "")})
    proc = run_cli("validate", "--strict", "--today", "2030-01-01", tiny)
    assert (proc.returncode, proc.stdout) == (0, "No problems found.\n")


@pytest.mark.parametrize(("value", "message"), [
    ("2026-02-30", "'last_reviewed' must be a date written as YYYY-MM-DD (e.g. 2026-03-01), got '2026-02-30'"),
    ("1 March 2026", "'last_reviewed' must be a date written as YYYY-MM-DD (e.g. 2026-03-01), got '1 March 2026'"),
    ("20260301", "'last_reviewed' must be a date written as YYYY-MM-DD (e.g. 2026-03-01), got '20260301'"),
])
def test_a_wrong_date_is_an_error(value: str, message: str, tiny: Path) -> None:
    write_tree(tiny, {"journeys/personas/ann.yml": f"name: Ann\nrole: Busy parent\nlast_reviewed: {value}\n"})
    lines = problem_lines(run_cli("validate", "--today", "2025-07-01", tiny).stdout)
    assert lines == [f"journeys/personas/ann.yml:3:16: error: {message}"]


def test_review_every_is_a_positive_whole_number(tiny: Path) -> None:
    write_tree(tiny, {"journeys/playbook.yml": PLAYBOOK.replace("review_every: 90", "review_every: 0")})
    assert problem_lines(run_cli("validate", "--today", "2025-07-01", tiny).stdout) == [
        "journeys/playbook.yml:2:15: error: 'review_every' must be at least 1, got 0"]


def test_the_model_holds_owner_and_dates_quoted_or_not(tiny: Path) -> None:
    result = load(Project(root=tiny, today=datetime.date(2026, 4, 11)))
    assert result.playbook is not None
    playbook = result.playbook
    assert playbook.review_every == 90
    assert (playbook.personas["ann"].owner, playbook.personas["ann"].last_reviewed) == (
        "Marketing", datetime.date(2026, 1, 10))
    assert playbook.touchpoints["checkout"].last_reviewed == datetime.date(2026, 3, 20)
    assert (playbook.journeys["buy"].owner, playbook.journeys["buy"].last_reviewed) == (
        None, datetime.date(2025, 6, 1))


def test_review_items_oldest_first_and_what_needs_attention(tiny: Path) -> None:
    write_tree(tiny, {"journeys/personas/bob.yml": "name: Bob\nrole: Retired\nowner: Sales\n",
                      "journeys/buy.yml": FILES["journeys/buy.yml"].replace("[ann]", "[ann, bob]")})
    result = load(Project(root=tiny))
    assert result.playbook is not None
    items = review_items(result.playbook)
    assert [(i.kind, i.id) for i in items] == [
        ("persona", "bob"), ("journey", "buy"), ("persona", "ann"), ("touchpoint", "checkout")]
    today = datetime.date(2026, 4, 11)
    assert [(i.id, i.owner, i.due) for i in needs_attention(items, today)] == [
        ("bob", "Sales", None),  # never reviewed
        ("buy", None, datetime.date(2025, 8, 30)),  # no owner, overdue
        ("ann", "Marketing", datetime.date(2026, 4, 10)),  # overdue
    ]


def test_pages_show_owner_and_last_review(tiny: Path) -> None:
    from journeybook.render import RenderOptions, render_pages

    result = load(Project(root=tiny))
    assert result.playbook is not None
    pages = {p.src_uri: p.html for p in render_pages(result.playbook, RenderOptions())}
    review = '<dt>Last reviewed</dt>\n<dd><time datetime="{0}">{0}</time></dd>'
    assert "<dt>Owner</dt>\n<dd>Marketing</dd>" in pages["personas/ann.md"]
    assert review.format("2026-01-10") in pages["personas/ann.md"]
    assert "<dt>Owner</dt>\n<dd>Web team</dd>" in pages["touchpoints/checkout.md"]
    assert review.format("2026-03-20") in pages["touchpoints/checkout.md"]
    assert review.format("2025-06-01") in pages["journeys/buy/index.md"]
    assert "<dt>Owner</dt>" not in pages["journeys/buy/index.md"]  # the journey names none


def review_rows(project: Path, today: datetime.date) -> tuple[list[str], str]:
    """The rows of the review page rendered as of ``today``, and its HTML."""
    from journeybook.render import RenderOptions, render_pages

    result = load(Project(root=project))
    assert result.playbook is not None
    options = RenderOptions(edit_base="https://example.org/edit/main/", today=today)
    page = next(p for p in render_pages(result.playbook, options) if p.src_uri == "review/index.md")
    assert page.url == "review/" and page.title == "Review"
    return [line for line in page.html.splitlines() if line.startswith("<tr data-jb-review=")], page.html


def test_the_review_page_lists_what_needs_attention_oldest_first(tiny: Path) -> None:
    write_tree(tiny, {"journeys/personas/bob.yml": "name: Bob\nrole: Retired\nowner: Sales\n",
                      "journeys/touchpoints/delivery.yml": ("name: Delivery\ncategory: checkout\n"
                                                           "last_reviewed: 2026-03-25\nchecklist:\n"
                                                           "  - id: b\n    text: B\n"),
                      "journeys/buy.yml": FILES["journeys/buy.yml"].replace("[ann]", "[ann, bob]").replace(
                          "[checkout]", "[checkout, delivery]")})

    rows, html = review_rows(tiny, datetime.date(2026, 4, 11))

    assert rows == ['<tr data-jb-review="persona/bob">',  # never reviewed
                    '<tr data-jb-review="journey/buy">',  # overdue since 2025-08-30
                    '<tr data-jb-review="persona/ann">',  # overdue since 2026-04-10
                    '<tr data-jb-review="touchpoint/delivery">']  # due 2026-06-23, but without an owner
    # not listed: touchpoint/checkout, with an owner and due 2026-06-18
    assert '<a href="../personas/bob/">Bob</a>' in html
    assert ('<a href="https://example.org/edit/main/journeys/personas/bob.yml" title="journeys/personas/bob.yml">'
            'Edit</a>') in html
    assert '<time datetime="2026-04-10">2026-04-10</time> <strong class="jb-overdue">overdue</strong>' in html
    assert "A review is due every 90 days" in html
    assert "checkout" not in html


def test_the_review_page_is_as_of_the_day_it_is_given(tiny: Path) -> None:
    """Ann is due 2026-04-10 and checkout 2026-06-18 (both have an owner): each is listed from the day after."""
    assert review_rows(tiny, datetime.date(2026, 4, 10))[0] == ['<tr data-jb-review="journey/buy">']
    assert review_rows(tiny, datetime.date(2026, 4, 11))[0] == ['<tr data-jb-review="journey/buy">',
                                                                 '<tr data-jb-review="persona/ann">']
    assert review_rows(tiny, datetime.date(2026, 6, 19))[0] == ['<tr data-jb-review="journey/buy">',
                                                                 '<tr data-jb-review="persona/ann">',
                                                                 '<tr data-jb-review="touchpoint/checkout">']
