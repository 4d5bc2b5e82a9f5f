"""Stage 7b, DOCX: key figures' icons as pictures, an SVG with a PNG for older Word, as Word
inserts its own icons (Insert > Icons).

Both are made from the icon's stored shapes: the SVG written as text, the PNG drawn by the
PDF's own icon code (pdf_icon) and rasterised by PDFium, so the three agree, and kept on disk
so that PDFium is loaded once per machine, not per build. Neither has a time stamp: the same
sheet gives the same bytes. Each (icon, colour) is stored once in a document.
"""
from __future__ import annotations

import functools
import io
import zlib

from ..files import zip_entry
from ..theme.icons import icon_shape, svg_text

# The PNG's height in dots, whatever the icon's size on the sheet (Word scales it to its box):
# 300 dpi or more for icons up to 38 pt (the example's are 26.5 pt), and each icon is drawn once
# per process and colour, not once per sheet size.
PNG_HEIGHT = 160
_PNG_FORMAT = 2               # bump when the PNG's drawing changes: cached ones are then redrawn
_RT_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
_SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
_FIRST_ID = 200               # wp:docPr ids: the logo has 1, charts 101.. (docx_chart.py)
_TYPES = {"png": "image/png", "svg": "image/svg+xml"}


class IconPictures:
    """The icons of one document: their drawings, relationships and media parts."""

    def __init__(self, base):
        self.base = base
        self.media = {}           # (name, colour) -> number
        self.drawn = 0

    def drawing(self, icon, emu: int, alt: str) -> str:
        """A w:drawing of `icon` (a layout Icon) at its size, with `alt` (its alt text escaped
        for an attribute): decorative when that is empty."""
        key = (icon.name, icon.colour)
        number = self.media.setdefault(key, len(self.media) + 1)
        self.drawn += 1
        svg = (f'<a:ext uri="{_SVG_EXT}"><asvg:svgBlip xmlns:asvg="{_SVG_NS}" '
               f'r:embed="rIdFsIcon{number}svg"/></a:ext>')
        return self.base.picture_xml(icon.width * emu, icon.height * emu, alt,
                                     rid=f"rIdFsIcon{number}png", pid=_FIRST_ID + self.drawn,
                                     name=f"Icon {icon.name}", blip_ext=svg)

    def relationships(self) -> list:
        return [f'<Relationship Id="rIdFsIcon{number}{kind}" Type="{_RT_IMAGE}" '
                f'Target="media/fs-icon{number}.{kind}"/>'
                for number in self.media.values() for kind in ("png", "svg")]

    def entries(self) -> list:
        """The media parts (ZipEntry), PNG then SVG of each icon, in order of first use."""
        out = []
        for (name, colour), number in self.media.items():
            out.append(zip_entry(f"word/media/fs-icon{number}.png", icon_png(name, colour), level=0))
            out.append(zip_entry(f"word/media/fs-icon{number}.svg",
                                 svg_text(name, colour).encode("utf-8")))
        return out


def content_types(entry):
    """[Content_Types].xml (a ZipEntry) with Defaults for PNG and SVG added where missing."""
    xml = zlib.decompress(entry.data, -15).decode("utf-8")
    missing = "".join(f'<Default Extension="{ext}" ContentType="{kind}"/>'
                      for ext, kind in _TYPES.items() if f'Extension="{ext}"' not in xml)
    if not missing:
        return entry
    start = xml.index("<Default")
    return zip_entry(entry.name, (xml[:start] + missing + xml[start:]).encode("utf-8"))


@functools.lru_cache(maxsize=64)
def icon_png(name: str, colour: str) -> bytes:
    """The icon's PNG (draw_png), kept on disk beside the Word package's cache: a fresh process
    then skips loading PDFium and Pillow (about 100 ms). The cache's name holds the versions of
    everything that shapes the bytes, so a cached PNG is the one drawing it would give."""
    from ..files import write_atomic
    from .docx_package import cache_folder

    folder = cache_folder()
    path = folder / f"icon-{_png_key(name, colour)}.png" if folder is not None else None
    if path is not None:
        try:
            return path.read_bytes()
        except OSError:
            pass
    data = draw_png(name, colour)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, lambda handle: handle.write(data))
        except OSError:
            pass   # a read-only cache folder: draw it again next time
    return data


def _png_key(name: str, colour: str) -> str:
    """A hash of the icon, its colour and the code and libraries that draw it."""
    import hashlib
    import importlib.util
    import os

    from .. import __version__
    from ..theme.icons import ICON_FILE

    key = [_PNG_FORMAT, PNG_HEIGHT, __version__, name, colour, os.stat(ICON_FILE).st_mtime_ns]
    for module in ("pypdfium2", "PIL", "reportlab"):   # found, not imported
        origin = importlib.util.find_spec(module).origin
        key += [origin, os.stat(origin).st_mtime_ns]
    return hashlib.sha256(repr(key).encode("utf-8")).hexdigest()[:32]


def draw_png(name: str, colour: str) -> bytes:
    """The icon as an RGBA PNG PNG_HEIGHT dots tall: `colour` where the icon is, transparent
    elsewhere (the PDF icon drawn in black on white, rasterised, its greys taken as coverage)."""
    from PIL import Image, ImageOps
    from reportlab.lib.colors import HexColor
    from reportlab.pdfgen.canvas import Canvas

    from ..layout.geometry import Icon
    from .pdf_icon import draw_icon
    from .png import rasterise_pdf

    shape = icon_shape(name)
    height, width = 72.0, 72.0 * shape.aspect        # an inch tall, rasterised at PNG_HEIGHT dpi
    pdf = io.BytesIO()
    canvas = Canvas(pdf, pagesize=(width, height), invariant=1)
    draw_icon(canvas, Icon(name, 0, 0, width, height, "#000000"), height)
    canvas.showPage()
    canvas.save()
    coverage = ImageOps.invert(rasterise_pdf(pdf.getvalue(), PNG_HEIGHT).convert("L"))
    red, green, blue = (round(c * 255) for c in HexColor(colour).rgb())
    picture = Image.new("RGBA", coverage.size, (red, green, blue, 0))
    picture.putalpha(coverage)
    out = io.BytesIO()
    picture.save(out, format="PNG", compress_level=9, optimize=False)
    return out.getvalue()


def add_icons(entries: list, icons: IconPictures) -> list:
    """The package's entries with the icons' media after the others and their types declared."""
    entries = [content_types(e) if e.name == "[Content_Types].xml" else e for e in entries]
    return entries + icons.entries()
