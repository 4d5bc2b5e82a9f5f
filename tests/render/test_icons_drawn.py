"""Key figures' icons drawn: vector paths in the PDF, decorative pictures (SVG with a PNG) in
the DOCX, both at the box the layout gives; a sheet without icons is set as before."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import pypdf
import pytest
from lxml import etree
from PIL import Image

from factsheet.build.sheet import build_sheet
from factsheet.layout.fit import fit_page
from factsheet.layout.geometry import Fill, Icon, TextBox
from factsheet.render.docx import EMU
from factsheet.render.docx_icon import PNG_HEIGHT
from factsheet.theme.icons import icon_shape
from factsheet.theme.template import load_template

from fixture_specs import RAQQA, checked, copy_spec, raqqa_sheet, with_produced, without_icons

ICONS = ["confined", "protection", "dead", "injured", "dead", "internally-displaced"]
PRIMARY = "#1F4E79"                 # the default template's primary colour
NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
      "asvg": "http://schemas.microsoft.com/office/drawing/2016/SVG/main",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
      "ct": "http://schemas.openxmlformats.org/package/2006/content-types"}


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The Raqqa example (its key figures carry icons), built twice, with its layout."""
    sheet, template = with_produced(raqqa_sheet()), load_template("default")
    root = tmp_path_factory.mktemp("icons")
    first = build_sheet(sheet, template, root / "a")
    second = build_sheet(sheet, template, root / "b")
    return {"pdf": first[0], "docx": first[1], "again": second, "layout": fit_page(sheet, template)}


def icons(layout) -> list:
    return [item for item in layout.items if isinstance(item, Icon)]


def test_the_spec_gives_each_key_figure_its_icon():
    assert [figure.icon for figure in raqqa_sheet().key_figures] == ICONS


def test_each_icon_stands_in_its_tile_above_the_number(example):
    layout = example["layout"]
    placed = icons(layout)
    assert [icon.name for icon in placed] == ICONS
    tiles = [item for item in layout.items if isinstance(item, Fill) and item.colour == "#EEF3F8"]
    numbers = [item for item in layout.items if isinstance(item, TextBox) and item.role == "number"]
    assert len(tiles) == len(numbers) == len(placed)
    for icon, number in zip(placed, numbers):
        tile, = [t for t in tiles if t.x < number.x < t.x + t.width and t.y < number.y < t.y + t.height]
        assert icon.decorative and icon.alt == "" and icon.colour == PRIMARY
        assert icon.x == number.x and tile.x < icon.x < icon.x + icon.width < tile.x + tile.width
        assert tile.y < icon.y and icon.y + icon.height < number.y
        assert icon.width / icon.height == pytest.approx(icon_shape(icon.name).aspect, rel=0.01)
    assert {row.icon_line for row in layout.tile_rows} == {layout.tile_rows[0].icon_line} != {0.0}


def icon_blocks(pdf) -> list:
    """Each `q rg cm ... Q` block whose matrix flips y: (colour, sx, sy, x, y, fill operators)."""
    data = pypdf.PdfReader(pdf).pages[0].get_contents().get_data().decode("latin-1")
    blocks = re.findall(r"q\n(\S+ \S+ \S+) rg\n(\S+) 0 0 (-\S+) (\S+) (\S+) cm\n(.*?)\nQ", data, re.S)
    return [(colour, float(sx), float(sy), float(x), float(y), re.findall(r"(?<=\s)f\*?(?=\s|$)", body))
            for colour, sx, sy, x, y, body in blocks]


def test_the_pdf_fills_each_icon_s_shapes_at_its_box_in_the_primary_colour(example):
    layout = example["layout"]
    blocks = icon_blocks(example["pdf"])
    assert len(blocks) == len(ICONS)
    for (colour, sx, sy, x, y, fills), icon in zip(blocks, icons(layout)):
        shape = icon_shape(icon.name)
        assert colour == ".121569 .305882 .47451"           # #1F4E79
        assert (x, y) == pytest.approx((icon.x, layout.page_height - icon.y), abs=0.01)
        assert (sx, -sy) == pytest.approx((icon.width / shape.width, icon.height / shape.height),
                                          abs=1e-5)
        assert len(fills) == len(shape.shapes)


def test_the_pdf_stays_one_page_with_only_the_bundled_fonts(example):
    reader = pypdf.PdfReader(example["pdf"])
    assert len(reader.pages) == 1
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = sorted(str(fonts[key].get_object()["/BaseFont"]) for key in fonts)
    assert names and all(re.fullmatch(r"/[A-Z]{6}\+NotoSans-\w+", n) for n in names), names


def package(path) -> dict:
    with zipfile.ZipFile(path) as docx:
        return {name: docx.read(name) for name in docx.namelist()}


def test_the_docx_has_a_decorative_picture_per_icon_at_the_pdf_s_size(example):
    parts = package(example["docx"])
    document = etree.fromstring(parts["word/document.xml"])
    rels = {r.get("Id"): r.get("Target") for r in
            etree.fromstring(parts["word/_rels/document.xml.rels"]).iter(f"{{{NS['rel']}}}Relationship")}
    drawn = [d for d in document.iter(f"{{{NS['wp']}}}inline")
             if d.find("wp:docPr", NS).get("name").startswith("Icon ")]
    assert [d.find("wp:docPr", NS).get("name") for d in drawn] == [f"Icon {n}" for n in ICONS]
    ids = [d.find("wp:docPr", NS).get("id") for d in drawn]
    assert len(set(ids)) == len(ids) and "1" not in ids            # the logo's id is 1
    for inline, icon in zip(drawn, icons(example["layout"])):
        doc_pr = inline.find("wp:docPr", NS)
        assert doc_pr.get("descr", "") == ""
        assert doc_pr.find(".//adec:decorative", NS).get("val") == "1"
        extent = inline.find("wp:extent", NS)
        assert (int(extent.get("cx")), int(extent.get("cy"))) == (round(icon.width * EMU),
                                                                  round(icon.height * EMU))
        blip = inline.find(".//a:blip", NS)
        png = rels[blip.get(f"{{{NS['r']}}}embed")]
        svg = rels[blip.find(".//asvg:svgBlip", NS).get(f"{{{NS['r']}}}embed")]
        assert png.endswith(".png") and svg.endswith(".svg")
        assert f"word/{png}" in parts and f"word/{svg}" in parts
    types = etree.fromstring(parts["[Content_Types].xml"])
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(f"{{{NS['ct']}}}Default")}
    assert defaults["png"] == "image/png" and defaults["svg"] == "image/svg+xml"
    # one media pair per distinct icon: 'dead' is drawn twice
    assert len([n for n in parts if n.startswith("word/media/fs-icon")]) == 2 * len(set(ICONS))


def test_the_docx_icon_pictures_are_the_icon_in_the_primary_colour(example):
    parts = package(example["docx"])
    icon = icons(example["layout"])[0]
    picture = Image.open(io.BytesIO(parts["word/media/fs-icon1.png"]))
    assert picture.mode == "RGBA"
    assert picture.size == (PNG_HEIGHT, PNG_HEIGHT)         # 'confined' is square
    assert PNG_HEIGHT / (icon.height / 72) >= 300            # print resolution at its size
    data = picture.tobytes()
    solid = {tuple(data[at:at + 3]) for at in range(0, len(data), 4) if data[at + 3] == 255}
    assert solid == {(0x1F, 0x4E, 0x79)}
    assert picture.getpixel((picture.width // 2, picture.height // 2))[3] == 0   # the frame's inside
    svg = etree.fromstring(parts["word/media/fs-icon1.svg"])
    assert svg.get("viewBox") == "0 0 48 48"
    assert svg[0].get("fill") == PRIMARY and len(svg[0]) == len(icon_shape("confined").shapes)


def test_a_sheet_with_icons_is_built_byte_for_byte_again(example):
    pdf, docx = example["again"]
    assert pdf.read_bytes() == example["pdf"].read_bytes()
    assert docx.read_bytes() == example["docx"].read_bytes()


def test_a_sheet_without_icons_is_set_as_before(tmp_path):
    """`{fact: id}` without an icon is the plain id: the same bytes, no picture, no media."""
    template = load_template("default")
    plain = copy_spec(tmp_path / "plain")
    plain.write_text(without_icons(RAQQA.read_text(encoding="utf-8")), encoding="utf-8")
    mapped = copy_spec(tmp_path / "mapped")
    mapped.write_text(re.sub(r", icon: [a-z-]+\}", "}", RAQQA.read_text(encoding="utf-8")),
                      encoding="utf-8")
    built = [build_sheet(with_produced(checked(spec)), template, spec.parent / "out")
             for spec in (plain, mapped)]
    assert built[0][0].read_bytes() == built[1][0].read_bytes()
    assert built[0][1].read_bytes() == built[1][1].read_bytes()
    parts = package(built[0][1])
    assert not [n for n in parts if "fs-icon" in n] and b"Icon " not in parts["word/document.xml"]
    assert icon_blocks(built[0][0]) == []


def test_libreoffice_sets_the_key_numbers_where_the_pdf_does(example, tmp_path):
    """The icon line is as tall in the DOCX as in the PDF: the numbers under it line up."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and pdftotext are needed to lay out the DOCX")
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(example["docx"])], check=True, capture_output=True, timeout=300)
    office = tmp_path / example["docx"].with_suffix(".pdf").name

    def numbers(pdf) -> list:
        boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                               capture_output=True, text=True).stdout
        return sorted((float(y), float(x)) for x, y, word in
                      re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)<', boxes)
                      if word in ("20,000", "220,000", "400%", "50%") and float(y) < 400)

    ours, theirs = numbers(example["pdf"]), numbers(office)
    assert len(ours) == len(theirs) == 4
    for (y, x), (oy, ox) in zip(ours, theirs):
        assert ox == pytest.approx(x, abs=1.0) and oy == pytest.approx(y, abs=2.0)
    assert len(pypdf.PdfReader(office).pages) == 1


def test_an_icon_s_png_is_drawn_once_then_read_from_the_cache(tmp_path, monkeypatch):
    """A fresh process reads the PNG from the cache folder (no PDFium), byte for byte the same."""
    from factsheet.render import docx_icon

    monkeypatch.setenv("FACTSHEET_CACHE_DIR", str(tmp_path))
    docx_icon.icon_png.cache_clear()
    drawn = docx_icon.icon_png("refugee", PRIMARY)
    assert drawn == docx_icon.draw_png("refugee", PRIMARY)
    assert [p.name.startswith("icon-") for p in tmp_path.iterdir()] == [True]

    def refuse(*args):
        raise AssertionError("drawn again instead of read from the cache")

    docx_icon.icon_png.cache_clear()                     # as a new process starts
    monkeypatch.setattr(docx_icon, "draw_png", refuse)
    assert docx_icon.icon_png("refugee", PRIMARY) == drawn
    docx_icon.icon_png.cache_clear()


def test_the_html_sheet_shows_each_icon_inline_hidden_from_screen_readers(example):
    from factsheet.render.webpage import sheet_html

    page = sheet_html(with_produced(raqqa_sheet()), example["layout"])
    figures = page[page.index('<ul class="figures"'):]
    items = re.findall(r"<li [^>]*>(.*?)</li>", figures[:figures.index("</ul>")], re.S)
    icons_shown = [re.match(r'<svg [^>]*class="icon"[^>]*aria-hidden="true"', item) for item in items]
    assert len(items) == len(ICONS) and all(icons_shown)
    assert page.count(f'<g fill="{PRIMARY}">') == len(ICONS)


def test_icons_and_charts_on_one_sheet_give_every_docx_drawing_its_own_id(tmp_path):
    # Word repairs (or refuses) a document whose wp:docPr ids repeat: icons once took 101..,
    # the ids of the first charts
    spec = copy_spec(tmp_path, RAQQA.parent / "examples" / "chad-appeal-2004.yaml")
    spec.write_text(spec.read_text(encoding="utf-8").replace(
        "key_figures: [refugees-july,", "key_figures: [{fact: refugees-july, icon: refugee},"),
        encoding="utf-8")
    docx = build_sheet(with_produced(checked(spec)), load_template("default"), tmp_path / "out")[1]
    ids = re.findall(r'<wp:docPr id="(\d+)"', package(docx)["word/document.xml"].decode())
    assert len(ids) == 4 and len(set(ids)) == 4, ids   # the icon and the three charts
