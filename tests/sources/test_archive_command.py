"""`factsheet archive`: an article (text or saved web page) into sources/, its source into the spec."""
from __future__ import annotations

import html
import io
import re
import shutil
from pathlib import Path

import pytest

from factsheet.sources.archive import ArchiveCache
from factsheet.cli import main
from factsheet.sources.capture import read_article
from factsheet.spec.markup import slugify

ROOT = Path(__file__).parent.parent.parent
PAGE = Path(__file__).parent.parent / "data" / "html" / "voa-raqqa-2017-08-25.html"
TITLE = "No 'Worse Place On Earth' Than Syria's Raqqa"
URL = "https://www.voanews.com/a/syria-raqqa-civilians-trapped/4000852.html"


def run(*argv) -> tuple:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main([*map(str, argv)], stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def spec(tmp_path) -> Path:
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    return tmp_path / "specs" / "raqqa-2017.yaml"


def snapshot(folder: Path) -> dict:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def refused(spec: Path, *argv) -> str:
    """Runs archive, expects exit 2 and no change to the spec's folder; returns stderr."""
    before = snapshot(spec.parent)
    code, out, err = run("archive", *argv, "--spec", spec)
    assert (code, out) == (2, "")
    assert snapshot(spec.parent) == before
    return err


def article_paragraphs() -> list:
    """The article's own paragraphs in the fixture: <p> at the article body's indent, not the advert's."""
    page = PAGE.read_text(encoding="utf-8")
    return [html.unescape(p) for p in re.findall(r"^    <p>(.*)</p>$", page, re.MULTILINE)]


# -- a saved web page -----------------------------------------------------------------------

def test_web_page_stores_only_the_article_and_adds_its_metadata(spec):
    before = spec.read_text(encoding="utf-8")
    code, out, err = run("archive", PAGE, "--spec", spec)
    archive = spec.parent / "sources" / "voa-news-2017-08-25.txt"
    entry = ("  - id: voa-news-2017-08-25\n"
             f'    title: "{TITLE}"\n'
             "    publisher: VOA News\n"
             f"    url: {URL}\n"
             "    published: 2017-08-25\n"
             "    archive: sources/voa-news-2017-08-25.txt\n")
    assert (code, err) == (0, "")
    assert out == (f"archived {PAGE} (web page, utf-8) -> {archive} (477 words)\n"
                   f"added to {spec} sources (title, publisher, url, published from the page):\n"
                   f"{entry}"
                   f"next: factsheet extract voa-news-2017-08-25 --spec {spec}\n")
    paragraphs = article_paragraphs()
    assert len(paragraphs) == 18
    assert archive.read_text(encoding="utf-8") == "\n\n".join([TITLE, *paragraphs]) + "\n"
    cut = before.index("\nfacts:")
    assert spec.read_text(encoding="utf-8") == before[:cut] + entry + before[cut:]


@pytest.mark.parametrize("junk", [
    "cookies", "Home", "Watch Live TV", "Subscribe", "Share on", "Advertisement", "Sponsored", "VPN",
    "googletag", "Tracking script", "Related stories", "Mosul after the battle", "Comments (3)",
    "truthseeker77", "fake news", "Praying for the families", "Post comment", "Latest News",
    "Hurricane Harvey", "Yemen cholera", "Most Popular", "Privacy Policy", "All rights reserved",
    "A Syrian girl in Raqqa"])
def test_web_page_archive_holds_no_navigation_adverts_scripts_or_comments(junk):
    assert junk not in read_article(PAGE).text


def test_archived_page_lets_the_specs_quote_be_found(spec):
    assert run("archive", PAGE, "--spec", spec)[0] == 0
    archive = ArchiveCache().get(spec.parent / "sources" / "voa-news-2017-08-25.txt")
    assert archive.find("saying that 20,000 civilians trapped by ISIS were at risk from airstrikes, "
                        "shelling and attacks on boats on the Euphrates")


def test_spec_with_the_new_source_validates(spec):
    assert run("archive", PAGE, "--spec", spec)[0] == 0
    code, out, err = run("validate", "--max-age", "100000", spec)
    assert code == 0
    assert out == f"{spec}:26:9: warning: source 'voa-news-2017-08-25' is never cited\n"


def test_options_win_over_the_pages_metadata(spec):
    code, out, _ = run("archive", PAGE, "--spec", spec, "--id", "voa", "--publisher", "Voice of America",
                       "--published", "2017-08-26")
    assert code == 0
    assert "added to " + str(spec) + " sources (title, url from the page):\n" in out
    assert ("  - id: voa\n"
            f'    title: "{TITLE}"\n'
            "    publisher: Voice of America\n"
            f"    url: {URL}\n"
            "    published: 2017-08-26\n"
            "    archive: sources/voa.txt\n") in spec.read_text(encoding="utf-8")


def test_html_is_recognised_by_its_content_whatever_the_name(spec, tmp_path):
    saved = tmp_path / "page.txt"
    shutil.copy(PAGE, saved)
    article = read_article(saved)
    assert (article.kind, article.title, article.publisher, str(article.published)) == (
        "html", TITLE, "VOA News", "2017-08-25")


def test_page_text_is_nfc_and_paragraphs_are_kept(tmp_path):
    page = tmp_path / "page.html"
    body = ("<p>Displaced families reached Al-Ḥasakah on Monday, where aid workers registered them "
            "at the camp gate.<br>Many had walked for two days.</p>"
            "<p>The camp manager said water was the most urgent need for the new arrivals.</p>")
    page.write_text("<!doctype html><html><head><title>Ḥasakah camp</title>"
                    '<meta property="og:site_name" content="Example News"></head>'
                    f"<body><article>{unicodedata_nfd(body)}</article></body></html>", encoding="utf-8")
    article = read_article(page)
    assert article.text == ("Ḥasakah camp\n\nDisplaced families reached Al-Ḥasakah on Monday, where aid "
                            "workers registered them at the camp gate.\nMany had walked for two days.\n\n"
                            "The camp manager said water was the most urgent need for the new arrivals.\n")
    assert article.published is None


@pytest.mark.parametrize("declaration", ['<meta charset="windows-1252">',
                                         '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',
                                         '<?xml version="1.0" encoding="iso-8859-1"?>'])
def test_a_page_in_its_declared_encoding_is_stored_as_utf8(tmp_path, declaration):
    words = ("Les civils piégés à Raqqa sont à la merci des frappes aériennes, a déclaré l’ONU : "
             "« nous ne pouvons pas partir », disent les habitants.")
    page = tmp_path / "page.html"
    page.write_bytes((f"{declaration}<html><head><title>Raqqa</title></head><body><article>"
                      f"<p>{words}</p></article></body></html>").encode("cp1252"))
    article = read_article(page)
    assert article.encoding == "cp1252"
    assert article.text == f"Raqqa\n\n{words}\n"


def test_tables_of_links_are_left_out_but_tables_of_figures_kept(tmp_path):
    page = tmp_path / "page.html"
    links = "".join(f'<td><a href="/a/{i}">Another story number {i} about the region</a></td>'
                    for i in range(4))
    page.write_text(f"<html><body><table><tr>{links}</tr></table><article><p>Aid agencies counted the "
                    "displaced in each district of the governorate this week, and published the "
                    "figures below.</p><table><tr><th>District</th><th>Displaced</th></tr>"
                    "<tr><td>Raqqa</td><td>20,000</td></tr></table></article></body></html>",
                    encoding="utf-8")
    text = read_article(page).text
    assert "Another story" not in text
    assert "District\tDisplaced\nRaqqa\t20,000\n" in text


def test_a_page_without_a_date_asks_for_published(spec, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Camp update</title><meta property='og:site_name' content='OCHA'>"
                    "</head><body><article><p>The camp now hosts families from three districts, and "
                    "more arrive each day as the fighting moves south.</p></article></body></html>",
                    encoding="utf-8")
    assert refused(spec, page) == (f"factsheet: {page}: the page's metadata gives no publication date: "
                                   "pass --published YYYY-MM-DD; nothing written\n")


def test_a_page_with_no_article_text_is_refused(spec, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<!DOCTYPE html><html><body><script>render()</script></body></html>", encoding="utf-8")
    assert refused(spec, page) == (f"factsheet: {page}: no article text found in the page (it may load "
                                   "its text with JavaScript): copy the article's text into a .txt file "
                                   "and archive that\n")


# -- plain text -----------------------------------------------------------------------------

TEXT_OPTIONS = ("--title", "Floods in Example Town", "--publisher", "The Example Times",
                "--published", "2017-06-06")


def unicodedata_nfd(text: str) -> str:
    import unicodedata
    return unicodedata.normalize("NFD", text)


def test_text_is_stored_as_nfc_utf8_with_lf_line_ends_and_every_word_kept(spec, tmp_path):
    words = "Al-Ḥasakah: “1,200 households” were displaced – officials said.\u00a0Don�t panic.  "
    source = tmp_path / "article.txt"
    source.write_bytes(b"\xef\xbb\xbf" + unicodedata_nfd(f"{words}\r\nSecond line\rThird\r\n\r\n").encode())
    code, out, err = run("archive", source, "--spec", spec, *TEXT_OPTIONS)
    assert (code, err) == (0, "factsheet: warning: only 13 words archived: check that "
                              f"{source} is the article\n")
    archive = spec.parent / "sources" / "example-times-2017-06-06.txt"
    assert archive.read_bytes() == f"{words}\nSecond line\nThird\n".encode("utf-8")
    assert "archive: sources/example-times-2017-06-06.txt\n" in spec.read_text(encoding="utf-8")
    assert out.startswith(f"archived {source} (text, utf-8) -> {archive} (13 words)\n"
                          f"added to {spec} sources:\n")


def test_windows_1252_text_is_stored_as_utf8(spec, tmp_path):
    text = ("Les civils piégés à Raqqa sont à la merci des frappes aériennes, a déclaré l’ONU.\n"
            "“Nous ne pouvons pas partir”, disent les habitants – 20 000 personnes selon l’ONU.\n") * 3
    source = tmp_path / "article.txt"
    source.write_bytes(text.encode("cp1252"))
    code, out, _ = run("archive", source, "--spec", spec, "--id", "onu", *TEXT_OPTIONS)
    assert code == 0
    assert "(text, cp1252)" in out
    assert (spec.parent / "sources" / "onu.txt").read_text(encoding="utf-8") == text


def test_text_without_title_publisher_and_date_says_which_options_to_pass(spec, tmp_path):
    source = tmp_path / "article.txt"
    source.write_text("Heavy rain caused the river to burst its banks.\n", encoding="utf-8")
    assert refused(spec, source) == (
        f"factsheet: {source}: plain text carries no title or publisher or publication date: pass "
        "--title TEXT --publisher NAME --published YYYY-MM-DD; nothing written\n")


# -- refused --------------------------------------------------------------------------------

@pytest.mark.parametrize("name, data, what", [
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a PNG image"),
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF"),
    ("article.docx", b"PK\x03\x04\x14\x00\x06\x00", "is a zip archive (or .docx, .xlsx, .epub)"),
    ("data.bin", b"some text\x00\x01\x02\x03 then binary", "is binary data (NUL bytes)"),
])
def test_files_that_are_not_text_or_html_are_refused(spec, tmp_path, name, data, what):
    source = tmp_path / name
    source.write_bytes(data)
    assert refused(spec, source, *TEXT_OPTIONS) == (
        f"factsheet: {source}: {what}, not text or HTML: save the article as a web page (HTML) or copy "
        "its text into a .txt file, and archive that\n")


def test_an_id_already_in_the_spec_is_refused_naming_id_and_file(spec):
    assert refused(spec, PAGE, "--id", "voa-2017-08-25") == (
        f"factsheet: source id 'voa-2017-08-25' exists already in {spec}:21:9; "
        f"{spec.parent / 'sources' / 'voa-2017-08-25.txt'} exists already: nothing written; "
        f"pick another id with --id (the archive would be {spec.parent / 'sources' / 'voa-2017-08-25.txt'})\n")


def test_an_existing_archive_file_is_not_overwritten(spec):
    (spec.parent / "sources" / "voa-news-2017-08-25.txt").write_text("someone else's article\n")
    err = refused(spec, PAGE)
    assert err == (f"factsheet: {spec.parent / 'sources' / 'voa-news-2017-08-25.txt'} exists already: "
                   "nothing written; pick another id with --id (the archive would be "
                   f"{spec.parent / 'sources' / 'voa-news-2017-08-25.txt'})\n")


def test_when_the_spec_cannot_be_edited_the_new_archive_is_removed(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text("sources: [{id: a, title: A}]\n", encoding="utf-8")
    assert refused(spec, PAGE) == (f"factsheet: {spec}:1:1: 'sources' is a flow list ([...]); write it "
                                   "as a block list (one '- ' item per entry) to add to it: not edited\n")
    assert not (tmp_path / "sources").exists()


@pytest.mark.parametrize("argv, message", [
    (("--published", "25/08/2017"), "--published must be an ISO date, YYYY-MM-DD, not '25/08/2017'"),
    (("--published", "2017-02-30"), "--published '2017-02-30' is not a real date"),
    (("--published", "2999-01-01"), "--published 2999-01-01 is in the future"),
    (("--id", "VOA page"), "--id 'VOA page' is not a valid id: use lowercase letters, digits, - and _"),
    (("--url", "ftp://example.org/a"), "--url must start with http:// or https://, not 'ftp://example.org/a'"),
])
def test_bad_options_are_refused(spec, argv, message):
    assert refused(spec, PAGE, *argv) == f"factsheet: {message}\n"


def test_a_missing_file_or_spec_is_a_usage_error(spec, tmp_path):
    assert refused(spec, tmp_path / "absent.html") == f"factsheet: {tmp_path / 'absent.html'}: no such file\n"
    code, out, err = run("archive", PAGE, "--spec", tmp_path / "absent.yaml")
    assert (code, err) == (2, f"factsheet: {tmp_path / 'absent.yaml'}: no such file\n")
    assert not (tmp_path / "sources").exists()


def test_spec_is_required():
    code, _, err = run("archive", PAGE)
    assert code == 2
    assert "the following arguments are required: --spec" in err


@pytest.mark.parametrize("text, slug", [("The Independent", "the-independent"), ("VOA News", "voa-news"),
                                        ("Le Monde: Société", "le-monde-societe"), ("الجزيرة", "")])
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_extract_names_an_unknown_article_with_the_same_slugs_as_archive(tmp_path):
    # one slug maker: accents folded, underscores and other marks a break ('Café_Report 2' -> cafe-report-2)
    from factsheet.sources.extract import open_source
    path = tmp_path / "Café_Report 2.txt"
    path.write_text("The camp holds 300 people.", encoding="utf-8")
    assert open_source(str(path)).id == "cafe-report-2"     # was 'caf-_report-2'
