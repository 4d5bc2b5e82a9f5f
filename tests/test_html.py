"""The audit page and the index, parsed back with html.parser: content, escaping, links."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from html.parser import HTMLParser

import pytest

from factsheet.sheet.words import words_for
from factsheet.render.audit import IndexEntry, is_web_url, render_audit, render_index
from records_fixtures import (EVIL, EVIL_URL, INDEPENDENT_TEXT, TITLE, VOA_SHA, make_sheet,
                              sha256_text)

VOID = {"meta", "br", "hr", "img", "link", "input", "wbr"}
SCRIPTING = {"script", "iframe", "object", "embed", "link", "img", "form", "base", "b", "i"}


class Element:
    def __init__(self, tag, attrs):
        self.tag, self.attrs, self.parts = tag, dict(attrs), []

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())

    @property
    def classes(self) -> list:
        return (self.attrs.get("class") or "").split()


class Page(HTMLParser):
    """Every element with the text inside it; entities are decoded as a browser would."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements, self.stack, self.doctype = [], [], None
        self.feed(text)
        self.close()

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        self.handle_data(" ")  # tags separate words, as a browser's layout mostly does
        element = Element(tag, attrs)
        self.elements.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1].tag == tag, f"unbalanced </{tag}>"
        self.stack.pop()
        self.handle_data(" ")

    def handle_data(self, data):
        for element in self.stack:
            element.parts.append(data)

    def find(self, tag=None, cls=None) -> list:
        return [e for e in self.elements
                if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)]

    def one(self, tag=None, cls=None) -> Element:
        found = self.find(tag, cls)
        assert len(found) == 1, (tag, cls, len(found))
        return found[0]

    def hrefs(self) -> list:
        return [e.attrs["href"] for e in self.find("a")]


@pytest.fixture
def sheet(tmp_path):
    return make_sheet(tmp_path / "specs")


@pytest.fixture
def audit(sheet, tmp_path):
    path = render_audit(sheet, None, tmp_path)
    assert path == tmp_path / "raqqa-2017.sources.html"
    return Page(path.read_text(encoding="utf-8"))


def figures(page) -> list:
    return [e for e in page.find("article") if "figure" in e.classes]


def test_audit_page_is_titled_and_in_the_sheet_language(audit):
    assert audit.doctype == "DOCTYPE html"
    html = audit.one("html")
    assert (html.attrs["lang"], html.attrs["dir"]) == ("en", "ltr")
    assert audit.one("title").text == f"Sources for {TITLE} {' '.join(EVIL.split())}"
    assert audit.one("h1").text == audit.one("title").text
    assert audit.one("p", "meta").text == (
        "Humanitarian fact sheet \u00b7 Raqqa, Syria \u00b7 Figures as of 25 August 2017 "
        "\u00b7 Humanitarian Information Unit")


def test_audit_page_is_self_contained_and_scriptless(audit):
    assert [e.tag for e in audit.elements if e.tag in SCRIPTING] == []
    assert not any(name.startswith("on") for e in audit.elements for name in e.attrs)
    assert not any("src" in e.attrs for e in audit.elements)
    csp = [e.attrs["content"] for e in audit.find("meta") if "http-equiv" in e.attrs]
    assert csp == ["default-src 'none'; style-src 'unsafe-inline'; img-src data:"]


def test_hostile_text_is_shown_as_text_everywhere(audit):
    evil = " ".join(EVIL.split())
    assert evil in audit.one("h1").text
    evil_card = figures(audit)[3]
    assert evil_card.attrs["id"] == "fact-evil-fact"
    assert [e.text for e in audit.find("span", "label")].count(evil) == 1
    assert f"quoted: {evil}" in [e.text for e in audit.find("blockquote")]
    assert evil in [e.text for e in audit.find("p", "source-title")][3]


def test_links_only_for_web_urls(audit):
    hrefs = audit.hrefs()
    assert hrefs[:2] == ["raqqa-2017.pdf", "raqqa-2017.docx"]
    assert EVIL_URL not in hrefs
    assert all(h.startswith("https://") for h in hrefs[2:])
    assert EVIL_URL in [e.text for e in audit.find("code")]
    assert all(is_web_url(e.attrs["cite"]) for e in audit.find("blockquote") if "cite" in e.attrs)


def test_every_figure_is_listed_as_printed_key_figures_first(audit, sheet):
    cards = figures(audit)
    assert [c.attrs["id"] for c in cards] == [
        "fact-trapped-august", "fact-killed-may", "fact-casualty-increase", "fact-evil-fact",
        "fact-died-fleeing", "fact-killed-friday"]
    displays = [e.text for e in audit.find("span", "display")]
    assert displays == ["20,000", "at least 220", "400%", "about 3.5 km", "at least 21", "12"]
    assert set(displays) == {words_for(sheet.language).value(f) for f in sheet.facts}
    assert [len(c.parts) > 0 and "Key figure" in c.text for c in cards] == [True] * 4 + [False] * 2
    labels = [e.text for e in audit.find("span", "label")]
    assert labels[1] == "civilians estimated killed by coalition strikes in May 2017"
    assert labels[5] == "of at least 21 fleeing, killed in strikes on 2 June 2017"


def test_audit_links_only_the_documents_that_exist(sheet, tmp_path):
    (tmp_path / "raqqa-2017.pdf").write_bytes(b"%PDF")
    page = Page(render_audit(sheet, None, tmp_path).read_text(encoding="utf-8"))
    assert page.one("nav").text == "Fact sheet (PDF)"
    assert page.hrefs()[0] == "raqqa-2017.pdf"
    assert "raqqa-2017.docx" not in page.hrefs()


def test_each_figure_shows_date_quote_and_full_source(audit):
    card = figures(audit)[1]
    assert "Date 31 May 2017" in card.text
    assert "at least 220 civilians are estimated to have been killed in May alone" in card.text
    assert ("[2] Civilians die fleeing US-led bombing as the battle for Raqqa begins "
            "Publisher The Independent Published 6 June 2017 "
            "URL https://www.independent.co.uk/news/world/middle-east/raqqa-battle "
            "Archive sources/independent-2017-06-06.txt "
            f"SHA-256 {sha256_text(INDEPENDENT_TEXT)}") in card.text
    assert "Date not given" in figures(audit)[2].text


def test_archive_digest_recorded_or_missing(audit):
    cards = figures(audit)
    assert f"SHA-256 {VOA_SHA}" in cards[0].text
    evil = cards[3]
    assert "Archive sources/evil-missing.txt SHA-256 archive file missing" in evil.text
    assert "[1] No 'Worse Place On Earth' Than Syria's Raqqa" in evil.text


def test_sources_table_is_numbered_as_on_the_sheet(audit):
    rows = [e for e in audit.find("tr") if e.attrs.get("id", "").startswith("source-")]
    assert [r.attrs["id"] for r in rows] == [
        "source-voa-2017-08-25", "source-independent-2017-06-06", "source-evil-source"]
    assert [r.text.split()[0] for r in rows] == ["1", "2", "3"]


def test_right_to_left_language_sets_dir(sheet, tmp_path):
    page = Page(render_audit(replace(sheet, language="ar"), None, tmp_path / "x.html")
                .read_text(encoding="utf-8"))
    assert (page.one("html").attrs["lang"], page.one("html").attrs["dir"]) == ("ar", "rtl")


@pytest.mark.parametrize("url, ok", [
    ("https://example.org/a?b=1&c=2", True),
    ("HTTP://EXAMPLE.ORG", True),
    ("javascript:alert(1)", False),
    (" https://example.org", False),
    ("https://exa mple.org", False),
    ("data:text/html,<script>", False),
    ("https:///nohost", False),
    ("//example.org", False),
    (None, False),
])
def test_is_web_url(url, ok):
    assert is_web_url(url) is ok


NOW = datetime(2026, 11, 21, 10, 32, tzinfo=timezone.utc)


def render_entries(tmp_path, entries) -> Page:
    path = render_index(entries, tmp_path)
    assert path == tmp_path / "index.html"
    return Page(path.read_text(encoding="utf-8"))


def test_index_lists_sheets_newest_build_first(tmp_path):
    page = render_entries(tmp_path, [
        IndexEntry("old", "Old sheet", date(2017, 1, 1), NOW - timedelta(days=2)),
        {"stem": "raqqa-2017", "title": f"Raqqa {EVIL}", "as_of": "2017-08-25",
         "built": NOW.isoformat(), "has_pdf": True, "has_docx": True, "extra": "ignored"},
        IndexEntry("mid", "Middle", "2017-05-01", "2026-11-20T12:00:00", has_docx=False),
        IndexEntry("unknown", "Never dated", None, None, has_pdf=False, has_docx=False),
    ])
    rows = [e for e in page.find("tr") if "id" in e.attrs]
    assert [r.attrs["id"] for r in rows] == ["sheet-raqqa-2017", "sheet-mid", "sheet-old",
                                             "sheet-unknown"]
    assert page.one("p", "meta").text == "4 sheets, most recently built first."
    assert page.find("strong")[0].text == " ".join(f"Raqqa {EVIL}".split())
    assert [e.tag for e in page.elements if e.tag in SCRIPTING] == []
    first = rows[0].text
    assert "25 August 2017" in first and "2026-11-21 10:32 UTC" in first
    assert page.find("time")[0].attrs["datetime"] == "2026-11-21T10:32:00+00:00"
    assert f"{words_for('en').date(date(2017, 5, 1))} 2026-11-20 12:00" in rows[1].text


def test_index_links_are_relative_and_follow_the_flags(tmp_path):
    page = render_entries(tmp_path, [
        IndexEntry("raqqa-2017", "Raqqa", date(2017, 8, 25), NOW),
        IndexEntry("mid", "Middle", None, NOW - timedelta(hours=1), has_docx=False),
        IndexEntry("odd name#1", "Odd", None, NOW - timedelta(hours=2), has_pdf=False,
                   has_audit=False),
    ])
    assert page.hrefs() == [
        "raqqa-2017.pdf", "raqqa-2017.docx", "raqqa-2017.sources.html",
        "mid.pdf", "mid.sources.html",
        "odd%20name%231.docx",
    ]


def test_index_without_sheets_says_so(tmp_path):
    page = render_entries(tmp_path, [])
    assert page.one("p", "note").text == "No sheets have been built yet."
    assert page.find("table") == []
