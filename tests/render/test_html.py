"""The audit page and the index, parsed back with html.parser: content, escaping, links."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from html.parser import HTMLParser

import pytest

from factsheet.sheet.words import words_for
from factsheet.build.index import IndexEntry, index_html
from factsheet.render.audit import render_audit
from factsheet.render.html import is_web_url
from factsheet.files import file_sha256
from fixture_specs import (EVIL, HOSTILE, MARKUP_TITLE, checked, copy_spec, hostile_sheet,
                           spec_variant)

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


@pytest.fixture(scope="module")
def sheet():
    return hostile_sheet()


def write_audit(sheet, path):
    """render_audit into path (a file), read back."""
    render_audit(sheet, None, path)
    return Page(path.read_text(encoding="utf-8"))


@pytest.fixture
def audit(sheet, tmp_path):
    return write_audit(sheet, tmp_path / "hostile.sources.html")


def figures(page) -> list:
    return [e for e in page.find("article") if "figure" in e.classes]


def archive_sha(name) -> str:
    return file_sha256(HOSTILE.parent / "sources" / name)


def test_audit_page_is_titled_and_in_the_sheet_language(audit):
    assert audit.doctype == "DOCTYPE html"
    html = audit.one("html")
    assert (html.attrs["lang"], html.attrs["dir"]) == ("en", "ltr")
    assert audit.one("title").text == f"Sources for {MARKUP_TITLE}"
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
    assert MARKUP_TITLE in audit.one("h1").text
    evil_card = figures(audit)[7]
    assert evil_card.attrs["id"] == "fact-evil-fact"
    assert [e.text for e in audit.find("span", "label")].count(evil) == 1
    assert f"the front line moved by about 3.5 km overnight, quoted: {evil}" in [
        e.text for e in audit.find("blockquote")]
    assert evil in [e.text for e in audit.find("p", "source-title")][7]
    assert "Publisher Evil & Sons <i>press</i>" in evil_card.text


def test_links_only_for_web_urls(audit):
    # the validator refuses any other address; is_web_url (below) guards the page all the same
    hrefs = audit.hrefs()
    assert hrefs[:2] == ["hostile.pdf", "hostile.docx"]
    assert all(h.startswith("https://") for h in hrefs[2:])
    assert "https://example.org/report?a=1&b=<i>2</i>" in hrefs      # escaped, read back whole
    cites = [e.attrs["cite"] for e in audit.find("blockquote") if "cite" in e.attrs]
    assert len(cites) == 9 and all(is_web_url(cite) for cite in cites)


def test_a_source_without_a_web_address_says_so(audit):
    wire = [e for e in audit.find("tr") if e.attrs.get("id") == "source-evil-wire"]
    assert len(wire) == 1 and "none given" in wire[0].text and "Wire & Co" in wire[0].text


def test_every_figure_is_listed_as_printed_key_figures_first(audit, sheet):
    cards = figures(audit)
    assert [c.attrs["id"] for c in cards] == [
        "fact-trapped-august", "fact-population-june", "fact-killed-may", "fact-casualty-increase",
        "fact-died-fleeing", "fact-expected-to-flee", "fact-killed-friday", "fact-evil-fact",
        "cited-1"]
    displays = [e.text for e in audit.find("span", "display")]
    assert displays == ["20,000", "220,000", "at least 220", "400%", "at least 21", "up to 50%",
                        "12", "about 3.5 km", "thousands"]
    assert set(displays[:-1]) == {words_for(sheet.language).value(f) for f in sheet.facts}
    assert ["Key figure" in c.text for c in cards] == [True] * 6 + [False] * 3
    labels = [e.text for e in audit.find("span", "label")]
    assert labels[2] == "civilians estimated killed by coalition strikes in May 2017"
    assert labels[6] == ("more civilians reported killed in strikes on 2 June 2017, besides the "
                         "at least 21 who died fleeing (unverified)")


def test_audit_links_only_the_documents_that_exist(sheet, tmp_path):
    (tmp_path / "hostile.pdf").write_bytes(b"%PDF")
    page = write_audit(sheet, tmp_path / "hostile.sources.html")
    assert page.one("nav").text == "Fact sheet (PDF)"
    assert page.hrefs()[0] == "hostile.pdf"
    assert "hostile.docx" not in page.hrefs()


def test_each_figure_shows_date_quote_and_full_source(audit):
    card = figures(audit)[2]
    assert "Date 31 May 2017" in card.text
    assert "at least 220 civilians are estimated to have been killed in May alone" in card.text
    assert ("[2] Civilians die fleeing US-led bombing as the battle for Raqqa begins "
            "Publisher The Independent Published 6 June 2017 "
            "URL https://www.independent.co.uk/news/world/middle-east/raqqa-civilians-die-fleeing-"
            "us-bombing-a7775146.html?ref=a&b=c "
            "Archive sources/independent-2017-06-06.txt "
            f"SHA-256 {archive_sha('independent-2017-06-06.txt')}") in card.text
    assert "Date not given" in figures(audit)[3].text


def test_the_digest_shown_is_the_one_checked_even_when_the_archive_is_gone(tmp_path):
    sheet = checked(copy_spec(tmp_path / "specs", HOSTILE))
    (tmp_path / "specs" / "sources" / "voa-2017-08-25.txt").unlink()
    page = write_audit(sheet, tmp_path / f"{sheet.stem}.sources.html")
    assert f"SHA-256 {archive_sha('voa-2017-08-25.txt')}" in figures(page)[0].text
    evil = figures(page)[7]
    assert "Archive sources/evil-press-2017-08-01.txt SHA-256" in evil.text
    assert "[4] Wire <i>bulletin</i> & more" in evil.text


def test_sources_table_is_numbered_as_on_the_sheet(audit):
    rows = [e for e in audit.find("tr") if e.attrs.get("id", "").startswith("source-")]
    assert [r.attrs["id"] for r in rows] == [
        "source-voa-2017-08-25", "source-independent-2017-06-06", "source-evil-source",
        "source-evil-wire"]
    assert [r.text.split()[0] for r in rows] == ["1", "2", "3", "4"]


def test_right_to_left_language_sets_dir(tmp_path):
    sheet = checked(spec_variant(tmp_path / "specs", ("language: en\n", "language: ar\n"), spec=HOSTILE))
    page = write_audit(sheet, tmp_path / "x.html")
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


def index_page(entries) -> Page:
    return Page(index_html(entries))


def test_index_lists_sheets_newest_build_first():
    page = index_page([
        IndexEntry("old", "Old sheet", date(2017, 1, 1), NOW - timedelta(days=2)),
        {"stem": "raqqa-2017", "title": f"Raqqa {EVIL}", "as_of": "2017-08-25",
         "built": NOW.isoformat(), "formats": ("pdf", "docx", "audit"), "extra": "ignored"},
        IndexEntry("mid", "Middle", "2017-05-01", "2026-11-20T12:00:00", ("pdf", "audit")),
        IndexEntry("unknown", "Never dated", None, None, ("audit",)),
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


def test_index_links_are_relative_and_only_to_the_files_there():
    page = index_page([
        IndexEntry("raqqa-2017", "Raqqa", date(2017, 8, 25), NOW),
        IndexEntry("mid", "Middle", None, NOW - timedelta(hours=1), ("pdf", "audit")),
        IndexEntry("odd name#1", "Odd", None, NOW - timedelta(hours=2), ("docx",)),
    ])
    assert page.hrefs() == [
        "raqqa-2017.pdf", "raqqa-2017.docx", "raqqa-2017.sources.html",
        "mid.pdf", "mid.sources.html",
        "odd%20name%231.docx",
    ]


def test_index_without_sheets_says_so():
    page = index_page([])
    assert page.one("p", "note").text == "No sheets have been built yet."
    assert page.find("table") == []
