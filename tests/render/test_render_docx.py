"""The DOCX: the PDF's content and geometry in Word's named styles, real hyperlinks, Noto Sans with
a fallback, core properties, byte-identical rebuilds, and one page when LibreOffice lays it out."""
import re
import shutil
import subprocess
import zipfile

import docx
import pypdf
import pytest
from docx.oxml.ns import qn

from factsheet.build.sheet import build_sheet
from factsheet.layout.fit import fit_page
from factsheet.theme.template import load_template
from factsheet.sheet.words import words_for

from fixture_specs import (MARKUP_BULLET, MARKUP_HEADING, MARKUP_TITLE, ORG_TEMPLATES, checked,
                           hostile_sheet, long_sheet, raqqa_sheet, spec_variant, tightest_sheet,
                           with_produced, with_urls)

EPOCH = "1503705600"                      # 2017-08-26 00:00:00 UTC


@pytest.fixture(scope="module")
def default():
    return load_template("default")


def build_docx(sheet, template, folder):
    (path,) = build_sheet(sheet, template, folder, formats=("docx",))
    return path


def paragraphs(document):
    """Every paragraph of the body, tables included, then the footer's, in order."""
    body = document.element.body.iter(qn("w:p"))
    footer = document.sections[0].footer._element.iter(qn("w:p"))
    return [*body, *footer]


def para_text(p) -> str:
    """The paragraph's text as a reader quotes it: a tab or a no-break space (which ties words
    together on a line) read as a space, a non-breaking hyphen as '-'."""
    read = {qn("w:tab"): " ", qn("w:noBreakHyphen"): "-"}
    return "".join(read.get(child.tag, child.text) for r in p.iter(qn("w:r"))
                   for child in r.iterchildren(qn("w:t"), qn("w:tab"), qn("w:noBreakHyphen"))
                   ).replace("\u00a0", " ")


def flat_text(document) -> str:
    return re.sub(r"\s+", " ", " ".join(para_text(p) for p in paragraphs(document)))


def style_name(document, p) -> str:
    style_id = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val"))
    return next(s.name for s in document.styles if s.style_id == style_id)


def test_every_figure_marker_and_source_is_in_the_docx(tmp_path, default):
    sheet = with_produced(checked(with_urls(tmp_path / "spec")))
    path = build_docx(sheet, default, tmp_path)
    assert path == tmp_path / "raqqa-2017.docx"
    document = docx.Document(path)
    text = flat_text(document)
    # each tile: a qualifier line (empty when the figure has none) above the number
    texts = [(style_name(document, p), para_text(p)) for p in paragraphs(document)]
    tiles = [(texts[n - 1][1], number) for n, (style, number) in enumerate(texts) if style == "Key Figure"]
    assert tiles == [("", "20,000"), ("", "220,000"), ("at least", "220"), ("", "400%"),
                     ("at least", "21"), ("up to", "50%")]
    for reference in sheet.references:
        assert f"[{reference.number}] {words_for('en').reference(reference.source)}" in text
    for expected in ("Humanitarian Information Unit", sheet.title_text, "Humanitarian fact sheet",
                     "Raqqa, Syria | Figures as of 25 August 2017", "at least 220 civilians",
                     "Contact: info@example.org", "Produced 26 August 2017 from raqqa-2017.yaml",
                     "Casualty counts in active conflict are estimates."):
        assert expected in text, expected
    superscripts = [r for r in document.element.body.iter(qn("w:r"))
                    if r.find(f"{qn('w:rPr')}/{qn('w:vertAlign')}") is not None]
    markers = [para_text(r) for r in superscripts]
    assert markers.count("1,2") == 1 and "1" in markers and "2" in markers
    assert all(r.find(f"{qn('w:rPr')}/{qn('w:vertAlign')}").get(qn("w:val")) == "superscript"
               for r in superscripts)


def test_text_that_looks_like_markup_stays_text(tmp_path, default):
    document = docx.Document(build_docx(with_produced(hostile_sheet()), default, tmp_path))
    texts = [para_text(p) for p in paragraphs(document)]
    assert MARKUP_TITLE in texts
    assert MARKUP_HEADING in texts
    assert any(MARKUP_BULLET in t for t in texts)
    assert document.core_properties.title == MARKUP_TITLE


def test_figures_are_bold_runs(tmp_path, default):
    document = docx.Document(build_docx(with_produced(raqqa_sheet()), default, tmp_path))
    bold = {para_text(r) for r in document.element.body.iter(qn("w:r"))
            if r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None
            and r.find(f"{qn('w:rPr')}/{qn('w:b')}").get(qn("w:val")) is None}
    assert {"20,000", "at least 220", "400%", "up to 50%", "220,000"} <= bold


def test_source_urls_are_real_hyperlinks(tmp_path, default):
    sheet = with_produced(checked(with_urls(tmp_path / "spec")))
    document = docx.Document(build_docx(sheet, default, tmp_path))
    links = {}
    for link in document.element.body.iter(qn("w:hyperlink")):
        rel = document.part.rels[link.get(qn("r:id"))]
        assert rel.is_external
        links[rel.target_ref] = para_text(link)
    assert links == {s.url: s.url for s in sheet.sources}


def test_named_styles_carry_the_structure(tmp_path, default):
    sheet = with_produced(raqqa_sheet())
    document = docx.Document(build_docx(sheet, default, tmp_path))
    by_style = {}
    for p in paragraphs(document):
        by_style.setdefault(style_name(document, p), []).append(para_text(p))
    assert by_style["Title"] == [sheet.title_text]
    assert by_style["Subtitle"] == ["Humanitarian fact sheet"]
    # "Sources" at the sections' level: a Heading 2 would nest under the last section
    assert by_style["Heading 1"] == ["Situation", "Protection of civilians",
                                     "What humanitarian agencies ask", "Sources"]
    assert len(by_style["List Bullet"]) == 7
    assert "Heading 2" not in by_style
    assert len(by_style["Source List"]) == 2
    assert by_style["Key Figure"] == [f.number for f in sheet.key_figures]


def test_noto_sans_is_named_with_a_fallback_word_and_libreoffice_have(tmp_path, default):
    path = build_docx(with_produced(raqqa_sheet()), default, tmp_path)
    document = docx.Document(path)
    fonts = document.styles.element.find(qn("w:docDefaults")).find(
        f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert {k: fonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "cs", "eastAsia")} == dict.fromkeys(
        ("ascii", "hAnsi", "cs", "eastAsia"), "Noto Sans")
    assert document.styles["Normal"].font.name == "Noto Sans"
    with zipfile.ZipFile(path) as package:
        table = package.read("word/fontTable.xml").decode()
    entry = re.search(r'<w:font w:name="Noto Sans">.*?</w:font>', table).group(0)
    assert '<w:altName w:val="Arial"/>' in entry and '<w:family w:val="swiss"/>' in entry


def test_geometry_mirrors_the_pdf_at_the_size_the_fit_chose(tmp_path, default):
    sheet = long_sheet(tmp_path, 6)
    layout = fit_page(sheet, default)
    assert layout.body_size == 9.0
    document = docx.Document(build_docx(sheet, default, tmp_path))
    section = document.sections[0]
    assert section.page_width.pt == pytest.approx(layout.page_width, abs=0.05)
    assert section.page_height.pt == pytest.approx(layout.page_height, abs=0.05)
    assert section.left_margin.pt == pytest.approx(layout.margin_left, abs=0.05)
    assert section.bottom_margin.pt == pytest.approx(layout.body_bottom, abs=0.05)
    body = [p for p in paragraphs(document) if style_name(document, p) in ("Normal", "List Bullet")
            and para_text(p).strip()][2:]   # after the organisation and meta lines of the band
    assert body
    for p in body:
        spacing = p.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
        assert spacing.get(qn("w:lineRule")) == "exact"
        assert int(spacing.get(qn("w:line"))) == round(layout.leading * 20)
        size = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:sz')}")
        assert int(size.get(qn("w:val"))) == 18


def test_core_properties_match_the_pdf_metadata(tmp_path, default, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    spec = spec_variant(tmp_path / "spec", ("\nsources:", "keywords: [Syria, civilians]\n\nsources:"))
    props = docx.Document(build_docx(checked(spec), default, tmp_path)).core_properties
    assert props.title == "Raqqa: civilians trapped as the battle for the city begins"
    assert props.author == "Humanitarian Information Unit"
    assert props.subject == "Humanitarian fact sheet"
    assert props.keywords == "Raqqa, Syria, Syria, civilians"
    assert props.language == "en"
    assert props.created.isoformat().startswith("2017-08-26T00:00:00")
    assert props.modified == props.created == props.last_printed


def test_rebuilds_are_byte_identical_with_fixed_zip_entries(tmp_path, default, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = build_docx(raqqa_sheet(), default, tmp_path / "a")
    second = build_docx(raqqa_sheet(), default, tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as package:
        assert package.testzip() is None
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert package.namelist()[0] == "[Content_Types].xml"


def test_a_custom_word_file_brands_the_docx(tmp_path):
    template = load_template(ORG_TEMPLATES / "branded.yaml")
    sheet = with_produced(raqqa_sheet())
    document = docx.Document(build_docx(sheet, template, tmp_path))
    assert document.styles["Normal"].font.name == "Georgia"
    assert str(document.styles["Normal"].font.color.rgb) == "4A148C"
    assert document.styles["Heading 1"].font.name == "Georgia"
    assert str(document.styles["Heading 1"].font.color.rgb) == "B71C1C"
    headings = [p for p in paragraphs(document) if style_name(document, p) == "Heading 1"]
    assert [para_text(p) for p in headings] == ["Situation", "Protection of civilians",
                                                "What humanitarian agencies ask", "Sources"]
    for p in headings[:-1]:   # no direct font or colour: the Word file's style decides
        assert not list(p.iter(qn("w:rFonts"))) and not list(p.iter(qn("w:color")))
    for p in headings[-1:]:   # "Sources" keeps the PDF's colour, and the style's font
        assert not list(p.iter(qn("w:rFonts")))
    text = flat_text(document)
    assert "This body is cleared" not in text
    assert "20,000" in text


def test_docx_without_a_contact_puts_provenance_alone(tmp_path, default):
    sheet = checked(spec_variant(tmp_path / "spec", ("contact: info@example.org\n", "")))
    document = docx.Document(build_docx(with_produced(sheet), default, tmp_path))
    footer = [para_text(p) for p in document.sections[0].footer._element.iter(qn("w:p"))]
    assert footer[-1] == "Produced 26 August 2017 from raqqa-2017.yaml"


# -- LibreOffice lays the DOCX out on exactly one page ----------------------------------------

CASES = {   # name: folder -> (sheet, template); None: the tightest sheet for the template
    "example": lambda folder: (raqqa_sheet(), "default"),
    "letter": lambda folder: (raqqa_sheet(), "letter"),
    "markup": lambda folder: (hostile_sheet(), "default"),
    "logo": lambda folder: (checked(with_urls(folder)), ORG_TEMPLATES / "branded.yaml"),
    "branded": lambda folder: (raqqa_sheet(), ORG_TEMPLATES / "branded.yaml"),
    "tightest": lambda folder: (None, "default"),
}


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """Each case built (PDF and DOCX), and its DOCX converted to PDF by LibreOffice, in one run."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot check the DOCX page count")
    root = tmp_path_factory.mktemp("lo")
    built = {}
    for name, case in CASES.items():
        sheet, template = case(root / "specs" / name)
        template = load_template(template)
        sheet = tightest_sheet(root / "specs" / name, template) if sheet is None else with_produced(sheet)
        folder = root / name
        pdf, docx_path = build_sheet(sheet, template, folder)
        target = docx_path.with_name(f"{name}.docx")
        docx_path.rename(target)
        built[name] = (pdf, target, fit_page(sheet, template))
    profile = (root / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(root / "out"), *(str(d) for _, d, _ in built.values())],
                   check=True, capture_output=True, timeout=300)
    return {name: (pdf, root / "out" / f"{name}.pdf", layout)
            for name, (pdf, _, layout) in built.items()}


@pytest.mark.parametrize("case", list(CASES))
def test_libreoffice_lays_the_docx_out_on_one_page(converted, case):
    _, office_pdf, _ = converted[case]
    assert len(pypdf.PdfReader(office_pdf).pages) == 1


def test_the_tightest_sheet_is_set_at_the_minimum_size(converted):
    layout = converted["tightest"][2]
    assert layout.body_size == 7.5 and layout.slack < 3 * layout.leading


@pytest.mark.parametrize("case", ["example", "tightest", "letter"])
def test_libreoffice_puts_the_sources_where_the_pdf_does(converted, case):
    ours, office, layout = converted[case]

    def sources_y(path):
        found = []

        def visit(text, cm, tm, font, size):
            if text.strip() == "Sources" and not found:
                found.append(tm[5] * cm[3] + cm[5])

        pypdf.PdfReader(path).pages[0].extract_text(visitor_text=visit)
        return found[0]

    assert sources_y(office) == pytest.approx(sources_y(ours), abs=2 * layout.leading)
