"""The page as a reader uses it: figures copy as themselves, no break inside a date, a number
and its unit or a hyphenated name, and (test_page_fill) short sheets fill their page."""
import re
import shutil
import subprocess

import docx
import pytest

from factsheet.build.sheet import build_sheet
from factsheet.layout.text import NBSP, tie_text, typeset
from factsheet.sheet.model import Span
from factsheet.theme.template import load_template

from fixture_specs import ROOT, checked, raqqa_sheet, spec_variant, with_produced

# the example, a short sheet, and the example sheets built from real reports (specs/examples/)
SPECS = [ROOT / "specs" / "raqqa-2017.yaml", ROOT / "tests" / "page" / "short-sheet.yaml",
         *sorted(p for p in (ROOT / "specs" / "examples").glob("*.yaml") if "." not in p.stem)]
NUMBER = re.compile(r"\d[\d,.]*\d%?|\d%?")


def built(spec, folder):
    sheet = with_produced(checked(spec))
    return sheet, build_sheet(sheet, load_template(sheet.template, sheet.spec_path), folder)


def pdftotext(path, *args) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", *args, str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def docx_text(path) -> str:
    document = docx.Document(path)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    parts.extend(c.text for r in inner.rows for c in r.cells)
    return "\n".join(parts)


def printed_figures(sheet) -> set:
    """The numbers of every fact the sheet prints (key figures and {facts} in its text)."""
    spans = [s for section in sheet.sections for inline in (section.heading, *section.paragraphs,
                                                           *section.bullets) for s in inline]
    # figures in words ('thousands', cited) have no digits to run together
    numbers = {NUMBER.search(s.text).group() for s in spans
               if s.kind == "figure" and NUMBER.search(s.text)}
    return numbers | {NUMBER.search(f.number).group() for f in sheet.key_figures}


def assert_figures_extract_as_themselves(sheet, text):
    tokens = set(NUMBER.findall(text))
    markers = {r.text for section in sheet.sections for inline in (*section.paragraphs,
               *section.bullets) for r in inline if r.kind == "cite"} | {"1", "2"}
    for figure in printed_figures(sheet):
        assert figure in tokens, (figure, text)
        for marker in markers:
            assert figure + marker.split(",")[0] not in tokens, (figure, marker)


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_every_figure_copies_from_the_pdf_and_docx_as_itself(tmp_path, spec):
    sheet, (pdf, docx_path) = built(spec, tmp_path)
    text = pdftotext(pdf)
    assert_figures_extract_as_themselves(sheet, text)
    assert_figures_extract_as_themselves(sheet, docx_text(docx_path))
    if spec.stem == "raqqa-2017":   # the cases: '20,0001', '2202'; the PDF's markers
        assert "20,000 [1] civilians" in text and "at least 220 [2]" in text   # read as citations


def test_libreoffice_reads_every_figure_of_the_docx_as_itself(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    sheet, (_, docx_path) = built(SPECS[0], tmp_path)
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path / "txt"),
                    str(docx_path)], check=True, capture_output=True, timeout=120)
    text = (tmp_path / "txt" / "raqqa-2017.txt").read_text(encoding="utf-8-sig")
    assert_figures_extract_as_themselves(sheet, text)


@pytest.mark.parametrize("text, expected", [
    ("on 7 October 2023", f"on 7{NBSP}October 2023"),
    ("on October 19, 2019", f"on October{NBSP}19, 2019"),
    ("5 km from the city", f"5{NBSP}km from the city"),
    ("1.2 million people", f"1.2{NBSP}million people"),
    ("USD 40 million", f"USD{NBSP}40{NBSP}million"),
    ("20 000 people", f"20{NBSP}000 people"),
    ("in 2017 people fled", "in 2017 people fled"),
    ("Al-Hasakeh", "Al-Hasakeh"),
])
def test_no_line_break_inside_a_date_or_between_a_number_and_its_unit(text, expected):
    assert tie_text(text) == expected


@pytest.mark.parametrize("spans, expected", [
    ((Span("more than 176,400", "figure"), Span(" people")), "More than 176,400"),
    ((Span("It rose. "), Span("about 20", "figure")), "About 20"),
    ((Span("Reports say "), Span("at least 21", "figure")), "at least 21"),
])
def test_a_sentence_that_starts_with_a_fact_starts_with_a_capital(spans, expected):
    figure = next(s for s in typeset(spans) if s.kind == "figure")
    assert figure.text == expected


def test_a_citation_marker_is_set_apart_from_its_figure_by_a_no_break_space():
    assert typeset((Span("20,000", "figure"), Span("1", "cite"))) == \
        (Span("20,000", "figure"), Span(NBSP, "gap"), Span("1", "cite"))


def test_a_hyphenated_place_name_never_breaks_in_the_docx(tmp_path):
    from factsheet.render.docx import run
    xml = run("camps in Al-Hasakeh")
    assert "<w:noBreakHyphen/>" in xml and "Al-" not in xml


def largest_empty_band(pdf) -> tuple:
    """(height of the tallest horizontal band without a word, page height), from the word boxes
    `pdftotext -bbox` reports: the gap between one line of text and the next, anywhere across."""
    html = pdftotext(pdf, "-bbox")
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', html).group(1))
    boxes = sorted((float(a), float(b)) for a, b in
                   re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', html))
    largest, bottom = 0.0, boxes[0][1]
    for top, low in boxes[1:]:
        largest = max(largest, top - bottom)
        bottom = max(bottom, low)
    return largest, height


@pytest.fixture(scope="module")
def office_pdfs(tmp_path_factory):
    """Each page spec built, and its DOCX laid out by LibreOffice as a PDF."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    root = tmp_path_factory.mktemp("fill")
    built_pdfs = {}
    for spec in SPECS:
        _, (pdf, docx_path) = built(spec, root / spec.stem)
        built_pdfs[spec.stem] = (pdf, docx_path)
    subprocess.run([soffice, f"-env:UserInstallation={(root / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(root / "office"),
                    *(str(d) for _, d in built_pdfs.values())], check=True, capture_output=True,
                   timeout=300)
    return {stem: (pdf, root / "office" / f"{stem}.pdf") for stem, (pdf, _) in built_pdfs.items()}


@pytest.mark.parametrize("stem", [s.stem for s in SPECS])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_sheet_fills_its_page_no_empty_band_taller_than_an_eighth(office_pdfs, stem, fmt):
    pdf, office = office_pdfs[stem]
    largest, height = largest_empty_band(pdf if fmt == "pdf" else office)
    assert largest <= height / 8, f"{fmt}: an empty band of {largest:.0f} pt on a {height:.0f} pt page"


def test_a_title_never_ends_with_one_word_alone_on_its_line_in_pdf_and_docx(tmp_path):
    from factsheet.layout.compose import compose_page
    from factsheet.layout.geometry import size_layout
    from factsheet.render.docx import render_docx
    from factsheet.render.pdf import render_pdf

    sheet = with_produced(raqqa_sheet())
    template = load_template("default")
    # at 10 pt the title breaks as '... battle for the city' / 'begins'
    layout = compose_page(sheet, size_layout(template, 10)).layout
    title = dict(layout.band)["title"]
    assert "".join(s.text for s in title).endswith(f"city{NBSP}begins")
    render_pdf(sheet, layout, tmp_path / "t.pdf")
    lines = [line for line in pdftotext(tmp_path / "t.pdf").splitlines() if line.strip()]
    assert lines[1:3] == ["Raqqa: civilians trapped as the battle for the", "city begins"]
    render_docx(sheet, layout, tmp_path / "t.docx")
    assert f"city{NBSP}begins" in docx_text(tmp_path / "t.docx")


def test_a_title_on_one_line_is_left_as_it_is(tmp_path):
    from factsheet.layout.compose import compose_page
    from factsheet.layout.geometry import size_layout

    spec = spec_variant(tmp_path, ('"Raqqa: civilians trapped as the battle for the city begins"',
                                   '"Raqqa: civilians trapped"'))
    sheet = with_produced(checked(spec))
    layout = compose_page(sheet, size_layout(load_template("default"), 10)).layout
    assert dict(layout.band)["title"] == typeset(sheet.title)
