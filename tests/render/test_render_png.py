"""The PNG: a picture of the PDF's page at 150 dpi, not blank, byte-identical on rebuild, linked
by the audit page and the index, and written only when asked for."""
from __future__ import annotations

import io
import math
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from factsheet.cli import main
from factsheet.render.pdf import render_pdf
from factsheet.render.png import DPI
from factsheet.theme.template import load_template

REPO = Path(__file__).resolve().parent.parent.parent
SPEC = REPO / "specs" / "raqqa-2017.yaml"
EPOCH = "1700000000"


def build(*argv) -> tuple:
    out, err = io.StringIO(), io.StringIO()
    code = main(["build", *map(str, argv)], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The example built with every document (PDF, DOCX, PNG and HTML)."""
    out = tmp_path_factory.mktemp("all")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        code, stdout, stderr = build(SPEC, "--out", out, "--format", "all")
    assert code == 0, stdout + stderr
    assert stdout.startswith(f"built {SPEC} -> {out}/raqqa-2017.pdf, {out}/raqqa-2017.docx, "
                             f"{out}/raqqa-2017.png, {out}/raqqa-2017.html (")
    return out


def picture(folder: Path) -> Image.Image:
    return Image.open(folder / "raqqa-2017.png").convert("RGB")


def test_the_picture_is_the_pdf_page_at_150_dpi(built):
    page = pypdf.PdfReader(built / "raqqa-2017.pdf").pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert picture(built).size == (math.ceil(width * DPI / 72), math.ceil(height * DPI / 72))
    assert picture(built).size == (1241, 1754)      # A4, the default template


def test_the_picture_shows_the_header_band_and_text(built):
    image = picture(built)
    width, height = image.size
    band = tuple(int(load_template("default").colours.primary[i:i + 2], 16) for i in (1, 3, 5))
    top_row = [image.getpixel((x, 10)) for x in range(0, width, 10)]
    assert top_row.count(band) == len(top_row)       # the band spans the top of the page
    below = image.crop((0, height // 3, width, height))    # the sections, sources, footer
    dark = sum(below.convert("L").histogram()[:100])      # pixels darker than 100 of 255
    assert dark > 0.01 * below.width * below.height, "no text below the key figures"
    assert image.getpixel((width // 2, height - 5)) == (255, 255, 255)   # white paper


def test_the_picture_is_byte_identical_on_rebuild_and_carries_no_time(built, tmp_path,
                                                                       monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    code, stdout, stderr = build(SPEC, "--out", tmp_path, "--format", "png")
    assert code == 0, stdout + stderr
    data = (tmp_path / "raqqa-2017.png").read_bytes()
    assert data == (built / "raqqa-2017.png").read_bytes()
    chunks, at = [], 8
    while at < len(data):
        size = int.from_bytes(data[at:at + 4], "big")
        chunks.append(data[at + 4:at + 8].decode("ascii"))
        at += size + 12
    assert set(chunks) == {"IHDR", "PLTE", "IDAT", "IEND"}   # no tIME, no text chunks


def test_the_audit_page_and_the_index_link_the_picture(built):
    audit = (built / "raqqa-2017.sources.html").read_text(encoding="utf-8")
    assert ('<nav class="downloads"><a href="raqqa-2017.pdf">Fact sheet (PDF)</a> '
            '<a href="raqqa-2017.docx">Fact sheet (DOCX)</a> '
            '<a href="raqqa-2017.png">Fact sheet (PNG)</a> '
            '<a href="raqqa-2017.html">Fact sheet (HTML)</a></nav>') in audit
    index = (built / "index.html").read_text(encoding="utf-8")
    assert ('<a href="raqqa-2017.pdf">PDF</a> <a href="raqqa-2017.docx">DOCX</a> '
            '<a href="raqqa-2017.png">PNG</a> <a href="raqqa-2017.html">HTML</a> '
            '<a href="raqqa-2017.sources.html">Sources</a>'
            ) in index


def test_a_build_writes_no_picture_unless_asked_and_then_links_it(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    code, stdout, _ = build(SPEC, "--out", tmp_path)
    assert code == 0 and stdout.startswith(
        f"built {SPEC} -> {tmp_path}/raqqa-2017.pdf, {tmp_path}/raqqa-2017.docx (")
    assert not (tmp_path / "raqqa-2017.png").exists()
    assert "png" not in (tmp_path / "raqqa-2017.sources.html").read_text(encoding="utf-8")
    assert "png" not in (tmp_path / "index.html").read_text(encoding="utf-8")
    # asked for later, the picture joins the documents already there
    code, stdout, _ = build(SPEC, "--out", tmp_path, "--format", "png")
    assert code == 0 and stdout.startswith(f"built {SPEC} -> {tmp_path}/raqqa-2017.png (")
    audit = (tmp_path / "raqqa-2017.sources.html").read_text(encoding="utf-8")
    assert '<a href="raqqa-2017.docx">Fact sheet (DOCX)</a> <a href="raqqa-2017.png">' in audit
    assert build(SPEC, "--out", tmp_path, "--format", "png")[1].startswith("up to date")


def test_a_pdf_drawn_into_memory_is_the_pdf_written_to_a_file(built, tmp_path, monkeypatch):
    import dataclasses

    from factsheet import check_spec
    from factsheet.build.sheet import produced_date
    from factsheet.layout.fit import fit_page

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    sheet, _ = check_spec(SPEC)
    sheet = dataclasses.replace(sheet, produced=produced_date())
    layout = fit_page(sheet, load_template("default"))
    memory = io.BytesIO()
    render_pdf(sheet, layout, memory)
    render_pdf(sheet, layout, tmp_path / "x.pdf")
    assert memory.getvalue() == (tmp_path / "x.pdf").read_bytes()
