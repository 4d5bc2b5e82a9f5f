"""`factsheet publish`: the site's files, its relative links, its feed of changes, incremental runs."""
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree

from factsheet.build.changes import ADDED, CHANGED, REMOVED, Change, format_change
from factsheet.build.feed import parse_change
from factsheet.cli import main

REPO = Path(__file__).resolve().parent.parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"
DAY_ONE, DAY_TWO = "1700000000", "1700100000"   # 2023-11-14, 2023-11-16


@pytest.fixture
def project(tmp_path, monkeypatch):
    """The example specs (raqqa-2017 and specs/examples/) and templates, in a scratch folder
    (8 sheets: five specs, the Raqqa French and Arabic and the Chad appeal French translations)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY_ONE)
    shutil.copytree(REPO / "specs", tmp_path / "specs")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def publish(capsys, *extra):
    code = main(["publish", "specs", "--site", "site", *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def change_killed_may(project):
    """raqqa-2017's killed-may from 'at least 220' to 'at least 21', with a quote that says so."""
    spec = project / "specs" / "raqqa-2017.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace(
        "    value: 220\n    qualifier: at least\n", "    value: 21\n    qualifier: at least\n").replace(
        "quote: \"at least 220 civilians are estimated to have been killed in May alone\"",
        "quote: \"At least 21 civilians have reportedly died\""), encoding="utf-8")


def mtimes(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def test_publish_writes_an_index_a_feed_and_a_page_per_sheet(project, capsys):
    code, out, err = publish(capsys)
    assert code == 0, out + err
    site = project / "site"
    stems = ["al-hol-2019-03", "chad-adre-2023", "chad-appeal-2004", "nes-flash-update-2019-10", "raqqa-2017"]
    for name in ["index.html", "feed.atom", "site.json"] + [f"thumbs/{s}.png" for s in stems]:
        assert (site / name).is_file(), name
    for stem in stems:
        for suffix in (".page.html", ".html", ".pdf", ".docx", ".png", ".json", ".hxl.csv", ".sources.html"):
            assert (site / "sheets" / f"{stem}{suffix}").is_file()
    assert "5 built, 0 up to date, 0 failed; site site: 8 sheet(s)" in err
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Raqqa: civilians trapped as the battle for the city begins" in index
    assert '<time datetime="2017-08-25">25 August 2017</time>' in index     # figures as of
    assert 'data-location="Raqqa, Syria"' in index and ">English</a>" in index
    page = (site / "sheets" / "raqqa-2017.page.html").read_text(encoding="utf-8")
    assert '<a href="raqqa-2017.hxl.csv">HXL</a>' in page and '<a href="../index.html">' in page
    assert "First published on <time datetime=\"2023-11-14\">14 November 2023</time>." in page


def test_every_link_in_the_site_is_relative_and_resolves_to_a_file_in_it(project, capsys):
    assert publish(capsys)[0] == 0
    site = (project / "site").resolve()
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    checked = 0
    for page in pages:
        links = _Links()
        links.feed(page.read_text(encoding="utf-8"))
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "data", "mailto"):
                continue            # a source's own address, or the logo inside the page
            assert not parts.scheme and not parts.netloc and not link.startswith("/"), \
                f"{page.name}: {link} is not relative"
            if not parts.path:
                continue            # '#source-x' within the page
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_relative_to(site) and target.is_file(), f"{page.name} links to {link}"
            checked += 1
    assert checked > 100


def test_a_second_publish_rewrites_nothing(project, capsys):
    assert publish(capsys)[0] == 0
    before = mtimes(project / "site")
    code, out, err = publish(capsys)
    assert code == 0
    assert out.count("up to date") == 5 and "0 file(s) written" in err
    assert mtimes(project / "site") == before


def test_the_feed_is_atom_and_names_a_changed_figure_with_its_old_and_new_value(project, capsys, monkeypatch):
    feedparser = pytest.importorskip("feedparser", reason="the test extra's feedparser is not installed")
    assert publish(capsys)[0] == 0
    site = project / "site"
    first = etree.parse(str(site / "feed.atom")).getroot()
    assert first.tag == f"{ATOM}feed"
    titles = [e.findtext(f"{ATOM}title") for e in first.iter(f"{ATOM}entry")]
    assert "New sheet: Raqqa: civilians trapped as the battle for the city begins" in titles
    before = mtimes(site)

    change_killed_may(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY_TWO)
    code, out, err = publish(capsys)
    assert code == 0, out + err
    assert "4 up to date" in err
    changed = {name for name, t in mtimes(site).items() if before.get(name) != t}
    # the one sheet's files, its page, the build's log and index, and the site's index and feed
    # (and its picture in the index, if the change shows at that size)
    assert {n for n in changed if not n.startswith("sheets/raqqa-2017.")} - {"thumbs/raqqa-2017.png", "thumbs/raqqa-2017.fr.png", "thumbs/raqqa-2017.ar.png"} \
        == {"index.html", "feed.atom", "sheets/CHANGES.md", "sheets/index.html"}

    root = etree.parse(str(site / "feed.atom")).getroot()
    for element in [root, *root.iter(f"{ATOM}entry")]:     # what RFC 4287 requires of each
        for child in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM}{child}")) == 1, (element.tag, child)
        assert element.find(f"{ATOM}link[@rel='alternate']") is not None
    assert root.find(f"{ATOM}author/{ATOM}name").text
    feed = feedparser.parse((site / "feed.atom").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    entry = feed.entries[0]
    assert entry.title == ("Raqqa: civilians trapped as the battle for the city begins: figure "
                           "killed-may changed from at least 220 to at least 21")
    assert "Old value: at least 220\nNew value: at least 21" in entry.summary
    assert entry.updated == "2023-11-16T00:00:00Z" and feed.feed.updated == "2023-11-16T00:00:00Z"
    assert entry.link.endswith("sheets/raqqa-2017.page.html")
    ids = [e.id for e in feed.entries]
    assert len(ids) == len(set(ids)) == 9          # eight new sheets (three of them translations), one changed figure
    page = (site / "sheets" / "raqqa-2017.page.html").read_text(encoding="utf-8")
    assert ('<td><time datetime="2023-11-16">16 November 2023</time></td><td><code>killed-may</code>'
            "</td><td>at least 220</td><td>at least 21</td>") in page
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-changed="2023-11-16"' in index

    # the same record gives the same feed, ids and all, whatever day it is published again
    feed_bytes = (site / "feed.atom").read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    assert publish(capsys)[0] == 0
    assert (site / "feed.atom").read_bytes() == feed_bytes


def test_the_same_specs_publish_the_same_feed_byte_for_byte(project, capsys, tmp_path):
    assert publish(capsys)[0] == 0
    shutil.move(str(project / "site"), str(tmp_path / "first"))
    assert publish(capsys)[0] == 0
    assert (project / "site" / "feed.atom").read_bytes() == (tmp_path / "first" / "feed.atom").read_bytes()
    assert (project / "site" / "index.html").read_bytes() == (tmp_path / "first" / "index.html").read_bytes()


FACT = {"id": "killed-may", "value": 220, "qualifier": "at least", "unit": None,
        "display": "at least 220", "sources": ["airwars"]}


@pytest.mark.parametrize("change, parsed", [
    (Change(CHANGED, "killed-may", FACT, {**FACT, "value": 250, "display": "at least 250"}, ("value",)),
     (CHANGED, "killed-may", "at least 220", "at least 250", "")),
    (Change(CHANGED, "killed-may", FACT, {**FACT, "value": 250, "display": "at least 250",
                                          "sources": ["monitor"]}, ("value", "sources")),
     (CHANGED, "killed-may", "at least 220", "at least 250", "source airwars -> monitor")),
    (Change(CHANGED, "killed-may", FACT, {**FACT, "sources": ["airwars", "monitor"]}, ("sources",)),
     (CHANGED, "killed-may", "", "", "sources airwars -> airwars; monitor")),
    (Change(ADDED, "killed-may", new=FACT), (ADDED, "killed-may", "", "at least 220", "source airwars")),
    (Change(REMOVED, "killed-may", old=FACT), (REMOVED, "killed-may", "at least 220", "", "")),
])
def test_the_feed_reads_back_every_line_the_build_writes_in_changes_md(change, parsed):
    assert parse_change(format_change(change)) == parsed


def test_a_translation_is_listed_with_its_sheet_and_linked_from_its_page(project, capsys):
    spec = (project / "specs" / "raqqa-2017.yaml").read_text(encoding="utf-8")
    for language in ("fr", "ar"):    # (English words for now: the languages' words come later)
        (project / "specs" / f"raqqa-2017.{language}.yaml").write_text(
            spec.replace("language: en", f"language: {language}"), encoding="utf-8")
    code, out, err = publish(capsys)
    assert code == 0, out + err
    site = project / "site"
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.count("<tr ") == 5          # one row for the sheet and its translations
    assert 'data-languages="en ar fr"' in index
    assert '<a href="sheets/raqqa-2017.fr.page.html" hreflang="fr" lang="fr">français</a>' in index
    page = (site / "sheets" / "raqqa-2017.page.html").read_text(encoding="utf-8")
    # the sheet's own language bar, linking the pages (not the bare HTML sheets), and alternates
    assert ('<nav class="languages" aria-label="Languages"><span lang="en" aria-current="page">English'
            '</span> · <a href="raqqa-2017.ar.page.html" lang="ar" hreflang="ar">العربية</a> · '
            '<a href="raqqa-2017.fr.page.html" lang="fr" hreflang="fr">français</a></nav>') in page
    assert '<link rel="alternate" hreflang="fr" href="raqqa-2017.fr.page.html">' in page
    assert page.count('class="languages"') == 1 and "raqqa-2017.fr.html\"" not in page
    french = (site / "sheets" / "raqqa-2017.fr.page.html").read_text(encoding="utf-8")
    assert '<html lang="fr" dir="ltr">' in french
    assert '<nav class="site-nav" aria-label="Site" lang="en" dir="ltr">' in french   # the site's words
    assert 'lang="en" hreflang="en">English</a>' in french
    arabic = (site / "sheets" / "raqqa-2017.ar.page.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in arabic
    assert '<nav class="site-nav" aria-label="Site" lang="en" dir="ltr">' in arabic
    assert 'lang="fr" hreflang="fr">français</a>' in arabic


def test_a_spec_that_fails_is_reported_and_the_others_are_published(project, capsys):
    shutil.copy(REPO / "tests" / "broken" / "quote-one-word-off.yaml", project / "specs" / "broken.yaml")
    code, out, err = publish(capsys)
    assert code == 1
    assert "FAILED specs/broken.yaml" in out
    assert "5 built, 0 up to date, 1 failed; site site: 8 sheet(s)" in err
    index = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert index.count("<tr ") == 5 and "broken" not in index


def test_a_site_keeps_its_edition(project, capsys):
    assert publish(capsys)[0] == 0
    record = project / "site" / "site.json"
    record.write_text(record.read_text(encoding="utf-8").replace('"internal"', '"public"'), encoding="utf-8")
    code, out, err = publish(capsys)
    assert code == 2
    assert err == ("factsheet: --site site: it holds the public edition: publish the internal "
                   "edition into another folder\n")


def test_the_html_sheet_shows_the_templates_logo_with_its_alt_text(project, capsys):
    spec = project / "specs" / "raqqa-2017.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("language: en", "language: en\ntemplate: branded"),
                    encoding="utf-8")
    assert main(["build", str(spec), "--format", "html", "--out", "out"]) == 0
    html = (project / "out" / "raqqa-2017.html").read_text(encoding="utf-8")
    logo = re.search(r'<img class="logo" src="data:image/png;base64,([A-Za-z0-9+/=]+)" '
                     r'alt="Humanitarian Information Unit logo" style="width: [\d.]+em; height: [\d.]+em">', html)
    assert logo, html[:3000]
    import base64
    assert base64.b64decode(logo[1]) == (project / "templates" / "branded-logo.png").read_bytes()
    plain = main(["build", str(project / "specs" / "examples" / "al-hol-2019-03.yaml"), "--format", "html",
                  "--out", "out"])
    assert plain == 0 and "<img" not in (project / "out" / "al-hol-2019-03.html").read_text(encoding="utf-8")


def test_publish_url_makes_the_feed_links_absolute_and_is_kept(project, capsys):
    feedparser = pytest.importorskip("feedparser", reason="the test extra's feedparser is not installed")
    assert main(["publish", "specs/raqqa-2017.yaml", "--site", "site",
                 "--url", "https://example.org/sheets"]) == 0
    feed = (project / "site" / "feed.atom").read_text(encoding="utf-8")
    assert '<link rel="self" type="application/atom+xml" href="https://example.org/sheets/feed.atom"/>' in feed
    assert '<link rel="alternate" type="text/html" href="https://example.org/sheets/index.html"/>' in feed
    parsed = feedparser.parse(feed.encode("utf-8"))
    assert not parsed.bozo and parsed.version == "atom10"
    assert {e.link for e in parsed.entries} == {
        f"https://example.org/sheets/sheets/raqqa-2017{lang}.page.html" for lang in ("", ".ar", ".fr")}
    # the site's pages keep relative links: only the feed, read outside the site, needs the address
    assert "https://example.org" not in (project / "site" / "index.html").read_text(encoding="utf-8")
    # kept in site.json: publishing again without --url changes nothing
    before = mtimes(project / "site")
    assert main(["publish", "specs/raqqa-2017.yaml", "--site", "site"]) == 0
    assert mtimes(project / "site") == before


@pytest.mark.parametrize("url", ["example.org/sheets", "ftp://example.org/", "https://", "https://x.org/?a=1",
                                 "javascript:alert(1)"])
def test_publish_refuses_a_url_that_is_not_a_web_address(project, capsys, url):
    assert main(["publish", "specs/raqqa-2017.yaml", "--site", "site", "--url", url]) == 2
    assert capsys.readouterr().err.strip() == (
        "factsheet: publish --url: give the site's web address, such as "
        f"https://example.org/factsheets/, not {url!r}")
    assert not (project / "site" / "sheets").exists()
