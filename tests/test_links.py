"""A guide's links to pages it leaves out become their text (journeybook.engines.common.links)."""

from __future__ import annotations

from journeybook.engines.common.links import LeftOut

PAGE = ('<p>See <a href="../../about/#team" class="x" title="t">who <em>we</em> are</a>, '
        '<a href="../">the journeys</a> and <a href="https://example.org/about/">their about page</a>.</p>')


def test_links_to_left_out_pages_become_their_text() -> None:
    left_out = LeftOut(["about/", "for-editors/reference/"])
    assert left_out.unlink(PAGE, "journeys/online-purchase/") == (
        '<p>See who <em>we</em> are, <a href="../">the journeys</a> and '
        '<a href="https://example.org/about/">their about page</a>.</p>')
    assert left_out.unlink('<a href="for-editors/reference/">YAML</a>', "") == "YAML"
    assert left_out.unlink('<a href="for-editors/">guide</a>', "") == '<a href="for-editors/">guide</a>'


def test_without_directory_urls() -> None:
    left_out = LeftOut(["about.html"])
    assert left_out.unlink('<a href="../about.html">About</a>', "journeys/index.html") == "About"
    assert left_out.unlink('<a href="about.html#x">About</a>', "index.html") == "About"
    assert left_out.unlink('<a href="about.md">About</a>', "index.html") == '<a href="about.md">About</a>'


def test_nothing_left_out_changes_nothing() -> None:
    assert LeftOut().unlink(PAGE, "journeys/online-purchase/") == PAGE
