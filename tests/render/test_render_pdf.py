"""The PDF: one page, every figure, marker and source readable, fonts embedded, metadata, links,
byte-identical rebuilds, and atomic replacement of the previous file."""
import re
import shutil
import subprocess
import threading

import pypdf
import pytest

from factsheet.build import sheet as build_module
from factsheet.build.sheet import build_sheet, produced_date
from factsheet.theme.fonts import FACES, FONT_DIR, register_fonts
from factsheet.files import write_all_atomic, write_atomic
from factsheet.render.pdf import render_pdf
from factsheet.theme.template import load_template
from factsheet.sheet.words import words_for

from fixture_specs import (EVIL, MARKUP_BULLET, MARKUP_HEADING, MARKUP_TITLE, ORG_TEMPLATES, checked,
                           hostile_sheet, raqqa_sheet, spec_variant, with_produced, with_urls)

EPOCH = "1503705600"                      # 2017-08-26 00:00:00 UTC
STANDARD_14 = {"Courier", "Helvetica", "Times", "Symbol", "ZapfDingbats"}


@pytest.fixture(scope="module")
def default():
    return load_template("default")


@pytest.fixture
def epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def build_pdf(sheet, template, folder):
    (path,) = build_sheet(sheet, template, folder, formats=("pdf",))
    return path


def flat_text(path) -> str:
    """The page's text with line breaks folded into spaces, as a reader would quote it."""
    text = pypdf.PdfReader(path).pages[0].extract_text()
    return re.sub(r"\s+", " ", text)


def text_pieces(path) -> list:
    """Each piece of text drawn on the page with its (x, y), in drawing order (PDF points, y upwards)."""
    pieces = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            pieces.append((text.strip(), (x, y)))

    pypdf.PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return pieces


def text_positions(path) -> dict:
    """First (x, y) of each piece of text drawn on the page."""
    positions = {}
    for text, position in text_pieces(path):
        positions.setdefault(text, position)
    return positions


def test_example_is_one_page_with_every_figure_marker_and_source(tmp_path, default, epoch):
    sheet = checked(with_urls(tmp_path / "spec"))
    path = build_pdf(sheet, default, tmp_path)
    assert path == tmp_path / "raqqa-2017.pdf"
    assert len(pypdf.PdfReader(path).pages) == 1
    text = flat_text(path)
    # each tile: its qualifier, if any, drawn just above its number (tiles are drawn first)
    pieces = text_pieces(path)
    tiles = []
    for number in ("20,000", "220,000", "220", "400%", "21", "50%"):
        x, y = next(position for piece, position in pieces if piece == number)
        above = [piece for piece, (px, py) in pieces if abs(px - x) < 0.5 and 0 < py - y < 40]
        tiles.append((above, number))
    assert tiles == [([], "20,000"), ([], "220,000"), (["at least"], "220"), ([], "400%"),
                     (["at least"], "21"), (["up to"], "50%")]
    for expected in ("at least 220 civilians", "20,000", "220,000", "400%", "50%", "[1]", "[2]",
                     "shelling 1", "human shields 2", "west 2.", "leave 1,2."):
        assert expected in text, expected
    for reference in sheet.references:   # a long URL may wrap at a larger size: ignore spaces
        assert words_for("en").reference(reference.source).replace(" ", "") in text.replace(" ", "")
    for expected in ("Humanitarian Information Unit", "Raqqa: civilians trapped as the battle for "
                     "the city begins", "Humanitarian fact sheet", "Raqqa, Syria",
                     "Figures as of 25 August 2017", "Situation", "Protection of civilians",
                     "What humanitarian agencies ask", "Contact: info@example.org",
                     "Figures are as reported by the sources cited",
                     "Produced 26 August 2017 from raqqa-2017.yaml"):
        assert expected in text, expected


def test_text_that_looks_like_markup_prints_exactly_as_typed(tmp_path, default):
    text = flat_text(build_pdf(with_produced(hostile_sheet()), default, tmp_path))
    assert MARKUP_TITLE in text
    assert MARKUP_BULLET in text
    assert f"Evil & Sons <i>press</i>, \u201c{EVIL}\u201d" in text
    for literal in ("<b>", "&", "<font color=red>", "<script>alert('x')</script>", MARKUP_HEADING):
        assert literal in text
    assert "Ḥasakah" in text and "Deir ez\u2011Zor" in text


def test_the_bundled_font_has_the_glyphs_for_transliterated_names():
    from reportlab.pdfbase.pdfmetrics import getFont
    register_fonts()
    for name in FACES:
        glyphs = getFont(name).face.charToGlyph
        assert all(ord(c) in glyphs for c in "Ḥasakah Deir ez\u2011Zor \u201c\u201d\u2022")


def test_fonts_are_embedded_truetype_subsets_and_no_standard_fonts(tmp_path, default):
    page = pypdf.PdfReader(build_pdf(with_produced(raqqa_sheet()), default, tmp_path)).pages[0]
    fonts = page["/Resources"]["/Font"]
    names = set()
    for ref in fonts.values():
        font = ref.get_object()
        base = str(font["/BaseFont"]).lstrip("/")
        names.add(base.split("+")[-1])
        assert not any(base.startswith(std) for std in STANDARD_14), base
        assert "/FontFile2" in font["/FontDescriptor"].get_object()
    assert {"NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic"} == names


def test_metadata_title_author_subject_keywords_language(tmp_path, default):
    sheet = with_produced(checked(spec_variant(tmp_path / "spec", ("language: en\n", "language: en-GB\n"),
                                               ("\nsources:", "keywords: [Syria, civilians]\n\nsources:"))))
    reader = pypdf.PdfReader(build_pdf(sheet, default, tmp_path))
    info = reader.metadata
    assert info.title == "Raqqa: civilians trapped as the battle for the city begins"
    assert info.author == "Humanitarian Information Unit"
    assert info.subject == "Humanitarian fact sheet"
    assert info["/Keywords"] == "Raqqa, Syria, Syria, civilians"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert info["/CreationDate"].startswith("D:20170826000000")


def test_source_urls_are_live_links(tmp_path, default):
    sheet = with_produced(checked(with_urls(tmp_path / "spec")))
    page = pypdf.PdfReader(build_pdf(sheet, default, tmp_path)).pages[0]
    uris = {a.get_object()["/A"]["/URI"] for a in page.get("/Annots", [])}
    assert uris == {s.url for s in sheet.sources}


def test_key_figures_come_first_below_the_header_three_to_a_row(tmp_path, default):
    positions = text_positions(build_pdf(with_produced(raqqa_sheet()), default, tmp_path))
    title = next(y for line, (_, y) in positions.items() if line.startswith("Raqqa: civilians"))
    first_row = [positions[n] for n in ("20,000", "220,000", "220")]
    second_row = [positions[n] for n in ("400%", "21", "50%")]
    situation = positions["Situation"][1]
    assert title > first_row[0][1] > second_row[0][1] > situation
    assert len({round(y) for _, y in first_row}) == 1
    assert first_row[0][0] < first_row[1][0] < first_row[2][0]
    assert positions["Sources"][1] < situation
    assert positions["Contact: info@example.org"][1] < positions["Sources"][1]


@pytest.mark.parametrize("name, size", [("default", (595.28, 841.89)), ("letter", (612, 792))])
def test_page_size_follows_the_template(tmp_path, name, size):
    template = load_template(name)
    box = pypdf.PdfReader(build_pdf(with_produced(raqqa_sheet()), template, tmp_path)).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(size, abs=0.01)


def test_a_custom_template_sets_margins_colours_and_logo(tmp_path):
    template = load_template(ORG_TEMPLATES / "branded.yaml")
    path = build_pdf(with_produced(raqqa_sheet()), template, tmp_path)
    positions = text_positions(path)
    assert positions["Humanitarian Information Unit"][0] == pytest.approx(20 * 72 / 25.4, abs=0.1)
    page = pypdf.PdfReader(path).pages[0]
    assert any(x.get_object()["/Subtype"] == "/Image"
               for x in page["/Resources"]["/XObject"].values())
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed: colours not checked")
    subprocess.run(["pdftoppm", "-png", "-r", "20", "-singlefile", str(path), str(tmp_path / "p")],
                   check=True)
    from PIL import Image
    with Image.open(tmp_path / "p.png") as image:
        assert image.convert("RGB").getpixel((2, 2)) == (0x0B, 0x53, 0x94)


def test_rebuilds_are_byte_identical(tmp_path, default, epoch):
    first = build_sheet(raqqa_sheet(), default, tmp_path / "a")
    second = build_sheet(raqqa_sheet(), default, tmp_path / "b")
    for one, two in zip(first, second):
        assert one.read_bytes() == two.read_bytes(), one.name


def test_produced_date_comes_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert str(produced_date()) == "2017-08-26"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    import datetime
    before = datetime.date.today()
    produced = produced_date()
    assert produced in (before, datetime.date.today())     # the day may turn in between


def test_a_failed_build_keeps_the_previous_files_and_leaves_no_temp_files(tmp_path, default,
                                                                          monkeypatch, epoch):
    out = tmp_path / "out"
    paths = build_sheet(raqqa_sheet(), default, out)
    before = {p: p.read_bytes() for p in paths}

    def broken(sheet, layout, out_path):
        out_path.write_bytes(b"half a docx")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(build_module, "get_renderer",
                        lambda fmt: {"pdf": render_pdf, "docx": broken}[fmt])
    with pytest.raises(RuntimeError, match="disk on fire"):
        build_sheet(checked(spec_variant(tmp_path / "spec", ('"Raqqa: civilians trapped as the battle for '
                                                             'the city begins"', "A different title"))),
                    default, out)
    assert {p: p.read_bytes() for p in paths} == before
    assert sorted(p.name for p in out.iterdir()) == ["raqqa-2017.docx", "raqqa-2017.pdf"]


def test_an_interrupted_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"old good file")

    def interrupted(handle):
        handle.write(b"new but incomp")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, interrupted)
    assert target.read_bytes() == b"old good file"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]


def test_atomic_writes_replace_whole_files_and_keep_permissions(tmp_path):
    target = tmp_path / "sheet.docx"
    write_atomic(target, lambda handle: handle.write(b"one"))
    target.chmod(0o640)
    write_all_atomic([(target, lambda handle: handle.write(b"two")),
                      (tmp_path / "other.pdf", lambda handle: handle.write(b"three"))])
    assert target.read_bytes() == b"two" and (tmp_path / "other.pdf").read_bytes() == b"three"
    assert target.stat().st_mode & 0o777 == 0o640


def test_concurrent_writers_never_leave_a_mixed_file(tmp_path):
    target = tmp_path / "sheet.pdf"
    contents = [bytes([65 + n]) * 200_000 for n in range(4)]
    errors = []

    def writer(data):
        try:
            for _ in range(10):
                write_atomic(target, lambda handle: handle.write(data))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(c,)) for c in contents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert target.read_bytes() in contents
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]


def test_fonts_are_bundled_files():
    assert all((FONT_DIR / f).is_file() for f in FACES.values())


def test_a_malformed_source_date_epoch_is_a_usage_error(tmp_path, default, monkeypatch):
    from factsheet.diagnostics import UsageError
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH must be a whole number of seconds"):
        build_sheet(raqqa_sheet(), default, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_format_is_a_usage_error(tmp_path, default):
    from factsheet.diagnostics import UsageError
    with pytest.raises(UsageError, match="unknown output format 'odt': use pdf, docx, png, html, audit, json or hxl"):
        build_sheet(raqqa_sheet(), default, tmp_path, formats=("pdf", "odt"))
