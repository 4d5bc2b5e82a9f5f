"""Stage 7d, PNG: a picture of the sheet's page, for messaging apps and thumbnails.

The picture is the PDF, rasterised: render_pdf draws the same layout into memory and PDFium
(pypdfium2) paints that page, so the picture never disagrees with the PDF. Drawing the PDF a
second time costs about 12 ms of the picture's 110 ms (rasterising ~30, the palette ~35,
writing ~30), and keeps every renderer's signature render(sheet, layout, out_path), with no
order among renderers. Slow enough that `build` writes it only when asked (`--format png`). The PNG is written by Pillow without
any time stamp or text chunk, at a fixed compression level: the same sheet gives the same
bytes (with the same PDFium, as the PDF needs the same ReportLab).
"""
from __future__ import annotations

import dataclasses
import io

DPI = 150              # A4 (595.3 x 841.9 pt) -> 1241 x 1754 px: sharp on a phone
COLOURS = 256          # a palette PNG: 110 KB, against 370 KB in RGB, and quicker to write
COMPRESS_LEVEL = 6     # zlib's default, fixed here so that a Pillow change cannot move it


def render_png(sheet, layout, out_path) -> None:
    """Write the sheet's page as a PNG of DPI dots per inch (opaque, a palette of COLOURS)."""
    from .pdf import render_pdf

    pdf = io.BytesIO()
    # the page as drawn, without PDF/A's finish or tags: the same pixels, ~40 ms less cold
    plain = dataclasses.replace(layout, template=dataclasses.replace(layout.template, pdfa=False))
    render_pdf(sheet, plain, pdf)
    picture = palette_picture(rasterise_pdf(pdf.getvalue(), DPI))
    with open(out_path, "wb") as handle:
        picture.save(handle, format="PNG", compress_level=COMPRESS_LEVEL, optimize=False)


def palette_picture(picture):
    """The picture with at most COLOURS colours: a sheet is a few flat colours (paper, band,
    tiles, text) and the anti-aliased edges of letters. An octree palette is the fastest and
    smallest; it averages each cluster of colours, which turns the white paper into 254, 254,
    254 (white and the lightest letter edges), so a near-white entry is put back to white. No
    dithering: no noise, and the same picture every time."""
    from PIL import Image

    picture = picture.quantize(COLOURS, method=Image.Quantize.FASTOCTREE,
                               dither=Image.Dither.NONE)
    palette = picture.getpalette()
    for at in range(0, len(palette), 3):
        if min(palette[at:at + 3]) >= 252:
            palette[at:at + 3] = (255, 255, 255)
    picture.putpalette(palette)
    return picture


def rasterise_pdf(data: bytes, dpi: int):
    """The first page of a PDF (bytes) as a Pillow RGB image at dpi."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        page = document[0]
        bitmap = page.render(scale=dpi / 72, fill_color=(255, 255, 255, 255))
        picture = bitmap.to_pil().convert("RGB")
        page.close()
        return picture
    finally:
        document.close()

