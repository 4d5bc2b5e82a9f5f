"""The HTML sheet (`build --format html`): the PDF's words as an accessible, responsive web page."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from factsheet.cli import main

from headless import browser  # noqa: F401  (the fixture)
from factsheet.sheet.model import plain_text
from factsheet.theme.template import load_template

REPO = Path(__file__).resolve().parent.parent.parent
EPOCH = "1503705600"                      # 2017-08-26 00:00:00 UTC
SPECS = ["raqqa-2017.yaml", "examples/nes-flash-update-2019-10.yaml"]


class Page(HTMLParser):
    """The parts of a page a reader (or a screen reader) meets: tags, headings, list items, links."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.ids, self.links, self.stack = [], set(), [], []
        self.headings, self.figures, self.html_attrs, self.title = [], [], {}, ""
        self._open = []              # [tag, attrs, text] being collected
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "html":
            self.html_attrs = attrs
        if tag not in ("meta", "br", "link"):
            self.stack.append((tag, attrs))
            self._open.append([tag, attrs, ""])

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, attrs = self.stack.pop()
            _, _, text = self._open.pop()
            if self._open:              # the parent's text includes its children's
                self._open[-1][2] += text
            text = " ".join(text.replace("\u00a0", " ").split())
            if open_tag in ("h1", "h2"):
                self.headings.append((open_tag, text))
            elif open_tag == "title":
                self.title = text
            elif open_tag == "a":
                self.links.append((attrs.get("href"), attrs.get("aria-label"), text))
            elif open_tag == "li" and any(t == "ul" and "figures" in a.get("class", "")
                                          for t, a in self.stack):
                self.figures.append(text)
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._open:
            self._open[-1][2] += data


def normal(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u00ad", "").split())


def load_sheet(spec: Path):
    from factsheet import check_spec
    return check_spec(spec)[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(REPO / "specs", root / "specs")
    shutil.copytree(REPO / "templates", root / "templates")
    out = root / "output"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        specs = [str(root / "specs" / name) for name in SPECS]
        assert main(["build", *specs, "--out", str(out), "--format", "all", "--jobs", "1"],
                    stdout=io.StringIO(), stderr=io.StringIO()) == 0
    return root, out


def stems():
    return [Path(name).stem for name in SPECS]


@pytest.mark.parametrize("stem", stems())
def test_the_page_has_its_title_language_landmarks_and_headings(built, stem):
    root, out = built
    spec = next(root.glob(f"specs/**/{stem}.yaml"))
    sheet = load_sheet(spec)
    page = Page((out / f"{stem}.html").read_text(encoding="utf-8"))
    assert page.title == normal(sheet.title_text)
    assert page.html_attrs["lang"] == sheet.language and page.html_attrs["dir"] == "ltr"
    for landmark in ("header", "main", "footer"):
        assert page.tags.count(landmark) == 1, landmark
    assert page.headings[0] == ("h1", normal(sheet.title_text))
    assert [h for h in page.headings if h[0] == "h1"] == [page.headings[0]]
    assert page.headings[1:] == [("h2", normal(plain_text(s.heading))) for s in sheet.sections] \
        + [("h2", "Sources")]
    assert "<script" not in (out / f"{stem}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("stem", stems())
def test_each_key_figure_is_one_list_item_with_its_number_and_label(built, stem):
    root, out = built
    sheet = load_sheet(next(root.glob(f"specs/**/{stem}.yaml")))
    page = Page((out / f"{stem}.html").read_text(encoding="utf-8"))
    assert len(page.figures) == len(sheet.key_figures)
    for item, figure in zip(page.figures, sheet.key_figures):
        number = normal(f"{figure.qualifier} {figure.number}")
        assert item == normal(f"{number} {plain_text(figure.label)} {figure.cite}"), item


@pytest.mark.parametrize("stem", stems())
def test_every_citation_links_to_its_source_on_the_audit_page(built, stem):
    root, out = built
    sheet = load_sheet(next(root.glob(f"specs/**/{stem}.yaml")))
    page = Page((out / f"{stem}.html").read_text(encoding="utf-8"))
    audit = Page((out / f"{stem}.sources.html").read_text(encoding="utf-8"))
    numbers = {str(ref.number): ref.source.id for ref in sheet.references}
    cites = [link for link in page.links if link[1]]
    assert cites, "no citation links"
    for href, name, text in cites:
        assert name == f"source {text}"
        target = urlparse(href)
        assert unquote(target.path) == f"{stem}.sources.html"
        assert target.fragment == f"source-{numbers[text]}" and target.fragment in audit.ids
    for href, _, _ in page.links:        # every local link resolves to a file in the folder
        if urlparse(href).scheme in ("", "file"):
            assert (out / unquote(urlparse(href).path)).is_file(), href


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils' pdftotext is not "
                    "installed (apt-get install poppler-utils)")
@pytest.mark.parametrize("stem", stems())
def test_the_page_prints_the_words_of_the_pdf(built, stem):
    root, out = built
    sheet = load_sheet(next(root.glob(f"specs/**/{stem}.yaml")))
    pdf = normal(subprocess.run(["pdftotext", str(out / f"{stem}.pdf"), "-"], check=True,
                                capture_output=True, text=True).stdout)
    pdf_words = pdf.replace(" ", "")   # the PDF's columns and tiles break lines elsewhere
    page = Page((out / f"{stem}.html").read_text(encoding="utf-8"))
    html_words = normal(" ".join([text for _, text in page.headings] + page.figures)
                        + " " + " ".join(text for _, _, text in page.links)).replace(" ", "")
    # every heading, key figure (number, label) and source link, on both
    pieces = [text for _, text in page.headings]
    for figure in sheet.key_figures:
        pieces += [normal(figure.number), normal(plain_text(figure.label))]
    pieces += [text for href, name, text in page.links if not name and href.startswith("http")]
    assert len(pieces) > 5
    for piece in pieces:
        assert piece.replace(" ", "") in pdf_words, piece
        assert piece.replace(" ", "") in html_words, piece


def test_build_writes_the_html_sheet_only_when_asked(tmp_path):
    spec = tmp_path / "specs" / "raqqa-2017.yaml"
    shutil.copytree(REPO / "specs", tmp_path / "specs")
    out = io.StringIO()
    assert main(["build", str(spec), "--out", str(tmp_path / "a")], stdout=out,
                stderr=io.StringIO()) == 0
    assert not (tmp_path / "a" / "raqqa-2017.html").exists()
    assert (tmp_path / "a" / "raqqa-2017.pdf").is_file()
    assert main(["build", str(spec), "--out", str(tmp_path / "a"), "--format", "html"],
                stdout=out, stderr=io.StringIO()) == 0
    assert (tmp_path / "a" / "raqqa-2017.html").is_file()
    # the audit page and the index now link it
    assert 'href="raqqa-2017.html">Fact sheet (HTML)' in \
        (tmp_path / "a" / "raqqa-2017.sources.html").read_text(encoding="utf-8")
    assert 'href="raqqa-2017.html">HTML' in \
        (tmp_path / "a" / "index.html").read_text(encoding="utf-8")


# -- contrast of the template's colours (WCAG 2.x) ---------------------------------------------

def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_ratio_of_known_pairs():
    assert round(contrast("#000000", "#FFFFFF"), 1) == 21.0
    assert round(contrast("#777777", "#FFFFFF"), 2) == 4.48


# the built-in templates, and the example of an organisation's own (templates/branded.yaml),
# which people copy: its accent was once #E8731B, 2.74:1 on its panel
@pytest.mark.parametrize("template", ["default", "letter", Path(__file__).resolve().parents[2] / "templates" / "branded.yaml"])
def test_the_template_colours_are_readable_as_the_page_sets_them(template):
    colours = load_template(template).colours
    white = "#FFFFFF"
    # (text, background, large): large is the key figure numbers and the title (>= 18.66 px bold)
    pairs = {
        "body text": (colours.text, white, False),
        "key figure label": (colours.text, colours.panel, False),
        "qualifier": (colours.muted, colours.panel, False),
        "key figure number": (colours.accent, colours.panel, True),
        "section heading, links": (colours.primary, white, False),
        "sources, footer": (colours.muted, white, False),
        "title, subtitle": (colours.header_text, colours.primary, False),
        "organisation, figures as of": (colours.header_muted, colours.primary, False),
    }
    for name, (text, background, large) in pairs.items():
        assert contrast(text, background) >= (3.0 if large else 4.5), \
            f"{name}: {text} on {background} is {contrast(text, background):.2f}:1"


# -- in a real browser -------------------------------------------------------------------------



@pytest.mark.parametrize("stem", stems())
def test_the_page_loads_without_errors_and_fits_a_phone(built, browser, stem, tmp_path):
    _, out = built
    page = browser.new_page(viewport={"width": 390, "height": 844})
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((out / f"{stem}.html").as_uri())
    assert errors == []
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"horizontal scroll on a phone: {width}"
    # one column on a phone, two on a wide screen
    assert page.evaluate("getComputedStyle(document.querySelector('.columns')).columnCount") == "auto"
    page.set_viewport_size({"width": 1200, "height": 900})
    assert page.evaluate("getComputedStyle(document.querySelector('.columns')).columnCount") == "2"
    page.close()


# the example's translations are built beside it: the Arabic one in Noto Sans Arabic, the PDF's
# face (in Chromium's fallback for Arabic it took two pages)
@pytest.mark.parametrize("stem", stems() + ["raqqa-2017.ar", "raqqa-2017.fr"])
def test_the_page_prints_on_one_page_of_the_templates_paper(built, browser, stem, tmp_path):
    _, out = built
    page = browser.new_page()
    page.goto((out / f"{stem}.html").as_uri())
    printed = tmp_path / "printed.pdf"
    page.pdf(path=str(printed), prefer_css_page_size=True, print_background=True)
    page.close()
    from pypdf import PdfReader

    reader = PdfReader(printed)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)   # A4


def fitted(root, stem, template=None):
    """The sheet as the build fitted it (produced on the build's date) and its layout."""
    import dataclasses
    from datetime import date

    from factsheet.layout.fit import fit_page

    sheet = load_sheet(next(root.glob(f"specs/**/{stem}.yaml")))
    sheet = dataclasses.replace(sheet, produced=date(2017, 8, 26))
    return sheet, fit_page(sheet, load_template(template or sheet.template, sheet.spec_path))


def test_a_right_to_left_language_sets_the_page_right_to_left(built):
    import dataclasses

    from factsheet.render.webpage import sheet_html

    root, _ = built
    sheet, layout = fitted(root, "raqqa-2017")
    page = Page(sheet_html(dataclasses.replace(sheet, language="ar"), layout))
    assert (page.html_attrs["lang"], page.html_attrs["dir"]) == ("ar", "rtl")


@pytest.mark.parametrize("stem", stems())
def test_printed_the_type_is_the_size_the_pdf_chose(built, browser, stem):
    root, out = built
    _, layout = fitted(root, stem)
    page = browser.new_page()
    page.goto((out / f"{stem}.html").as_uri())
    page.emulate_media(media="print")
    size = "parseFloat(getComputedStyle(document.querySelector(%r)).fontSize)"
    for selector, points in (("h1", layout.title_size), (".columns p", layout.body_size),
                             (".columns h2", layout.heading_size),
                             (".figures .number", layout.figure_size),
                             (".sources li", layout.small_size)):
        assert page.evaluate(size % selector) == pytest.approx(points * 4 / 3, abs=0.1), selector
    page.close()


def test_a_letter_template_prints_on_one_letter_page(built, browser, tmp_path):
    from pypdf import PdfReader

    from factsheet.render.webpage import render_html

    root, out = built
    sheet, layout = fitted(root, "raqqa-2017", template="letter")
    letter = out / "raqqa-2017-letter.html"
    render_html(sheet, layout, letter)
    assert "@page { size: Letter; margin: 0; }" in letter.read_text(encoding="utf-8")
    page = browser.new_page()
    page.goto(letter.as_uri())
    page.pdf(path=str(tmp_path / "printed.pdf"), prefer_css_page_size=True, print_background=True)
    page.close()
    reader = PdfReader(tmp_path / "printed.pdf")
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
