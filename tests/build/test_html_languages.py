"""The HTML sheet of a spec with translations: alternates in its head and a visible language bar
(the audit page's, from one piece of code), each linking the other languages' HTML sheets; the
Arabic sheet right to left."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factsheet.sheet.words import words_for
from translation_copies import copy_raqqa, run

# labelled in the sheet's language (the audit page's word: 'Languages' in English)
BAR = '<nav class="languages" aria-label="{label}">{items}</nav>'


@pytest.fixture
def built(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1503705600")
    spec = copy_raqqa(tmp_path)
    out = tmp_path / "output"
    code, stdout, stderr = run("build", spec, "--out", out, "--format", "all")
    assert code == 0, stdout + stderr
    return out


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alternates, self.hrefs, self.html = [], [], {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html = attrs
        if tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.alternates.append((attrs["hreflang"], attrs["href"]))
        if tag == "a" and "href" in attrs:
            self.hrefs.append(attrs["href"])


def parsed(path: Path) -> _Links:
    links = _Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def test_each_html_sheet_names_its_languages_in_its_head(built):
    expected = [("en", "raqqa-2017.html"), ("ar", "raqqa-2017.ar.html"), ("fr", "raqqa-2017.fr.html")]
    for stem, language, direction in (("raqqa-2017", "en", "ltr"), ("raqqa-2017.ar", "ar", "rtl"),
                                      ("raqqa-2017.fr", "fr", "ltr")):
        links = parsed(built / f"{stem}.html")
        assert links.html == {"lang": language, "dir": direction}
        assert links.alternates == expected
        for _language, href in links.alternates:
            assert (built / href).is_file()


def test_the_html_sheet_has_a_visible_language_bar_the_current_one_marked(built):
    arabic = (built / "raqqa-2017.ar.html").read_text(encoding="utf-8")
    assert BAR.format(label=words_for("ar")("audit_languages"), items=(
        '<a href="raqqa-2017.html" lang="en" hreflang="en">English</a> · '
        '<span lang="ar" aria-current="page">العربية</span> · '
        '<a href="raqqa-2017.fr.html" lang="fr" hreflang="fr">français</a>')) in arabic
    # before the band: the first thing a reader (or a screen reader) meets on the page
    assert arabic.index('<nav class="languages"') < arabic.index('<header class="band">')
    # and hidden in print: the sheet prints as on paper
    assert re.search(r"@media print \{.*\.audit-link, \.languages \{ display: none; \}", arabic, re.S)


def test_the_audit_page_and_the_html_sheet_share_the_bar(built):
    audit = (built / "raqqa-2017.fr.sources.html").read_text(encoding="utf-8")
    sheet = (built / "raqqa-2017.fr.html").read_text(encoding="utf-8")
    bar = re.compile(r'<nav class="languages"[^>]*>.*?</nav>')
    assert bar.search(audit).group().replace(".sources.html", ".html") == bar.search(sheet).group()


def test_a_sheet_in_one_language_has_no_bar(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1503705600")
    spec = copy_raqqa(tmp_path)
    for language in ("fr", "ar"):
        (tmp_path / f"raqqa-2017.{language}.yaml").unlink()
    assert run("build", spec, "--out", tmp_path / "out", "--format", "html")[0] == 0
    page = (tmp_path / "out" / "raqqa-2017.html").read_text(encoding="utf-8")
    assert 'class="languages"' not in page and 'hreflang' not in page
