"""The bundled Noto Sans faces: registered with ReportLab once per process, named in the DOCX."""
from __future__ import annotations

import functools
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "Noto Sans"                      # the name Word and LibreOffice look up
FALLBACK = "Arial"                        # w:altName in the DOCX font table: every office suite has it

# ReportLab font names for the four faces, and the file each comes from.
REGULAR, BOLD, ITALIC, BOLD_ITALIC = ("NotoSans", "NotoSans-Bold", "NotoSans-Italic",
                                      "NotoSans-BoldItalic")
FACES = {
    REGULAR: "NotoSans-Regular.ttf",
    BOLD: "NotoSans-Bold.ttf",
    ITALIC: "NotoSans-Italic.ttf",
    BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
}
SUPPORTED_FAMILIES = (FAMILY,)            # what a template's `font` may name
# Arabic runs are set in Noto Sans Arabic (no italic: an italic role keeps the upright face);
# figures and Latin stay in Noto Sans. tools/make_arabic_fonts.py makes the two subsets.
ARABIC_FAMILY = "Noto Sans Arabic"
ARABIC_REGULAR, ARABIC_BOLD = "NotoSansArabic", "NotoSansArabic-Bold"
ARABIC_FACES = {ARABIC_REGULAR: "NotoSansArabic-Regular.ttf", ARABIC_BOLD: "NotoSansArabic-Bold.ttf"}


@functools.cache
def register_fonts() -> str:
    """Register the four faces and their family with ReportLab; return the regular face's name.

    Parsing four TrueType files costs tens of milliseconds, so it happens once per process;
    ReportLab keeps per-document subsetting state on the font objects, so sharing them
    between documents is safe.
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, filename in FACES.items():
        # Registered under our own names, never the system's: the PDF must not depend on
        # what happens to be installed.
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC,
                                  boldItalic=BOLD_ITALIC)
    # <b>/<i> inside Paragraph markup resolve through these mappings.
    for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(REGULAR, bold, italic, name)
    return REGULAR


@functools.cache
def register_arabic_fonts() -> dict:
    """Register Noto Sans Arabic with ReportLab, only for a sheet that has Arabic text; return
    {Noto Sans face: the Arabic face set for its Arabic runs}."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    register_fonts()
    for name, filename in ARABIC_FACES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    return {REGULAR: ARABIC_REGULAR, ITALIC: ARABIC_REGULAR, BOLD: ARABIC_BOLD,
            BOLD_ITALIC: ARABIC_BOLD}
