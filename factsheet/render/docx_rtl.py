"""Right-to-left in the DOCX: Arabic runs marked as complex script, paragraphs and tables mirrored.

Word and LibreOffice shape and reorder the text themselves; they need to know which runs are
Arabic (w:rtl, the complex-script font, size and weight, w:lang/@w:bidi) and, in a right-to-left
sheet, that every paragraph reads right to left (w:bidi: its jc and ind are then logical, start
on the right) and every table is laid out from the right (w:bidiVisual: the first column, the
first key figure and the header's text on the right, the logo on the left).
"""
from __future__ import annotations

import re

from ..theme.fonts import ARABIC_FAMILY

ARABIC_FONTS = f'<w:rFonts w:cs="{ARABIC_FAMILY}"/>'


def arabic_run_properties(props: list, language: str = "ar") -> list:
    """A run's properties (w:rPr children, in schema order) with the complex-script ones added:
    the Arabic font first, then right-to-left and the bidi language after the others. Arabic
    is not slanted (Noto Sans Arabic has no italic; the PDF sets such a run upright too)."""
    props = [p.replace("<w:iCs/>", '<w:iCs w:val="0"/>') for p in props]
    return [ARABIC_FONTS, *props, "<w:rtl/>", f'<w:lang w:bidi="{language}"/>']


# The property each paragraph and table gets, at its place in the schema's order: w:bidi
# before w:spacing in w:pPr (not the w:spacing of a run, which has w:val), w:bidiVisual first
# in w:tblPr (no table style is written).
_PARAGRAPH_SPACING = "<w:spacing w:before="
_TABLE = "<w:tblPr>"


# The no-break space between a figure and its citation marker: to the bidi algorithm
# '220,000' + no-break space + '1' is one number (rule W4), so in Arabic the marker would be
# read first. A figure space also never breaks but separates them (the PDF, which draws the
# order itself, steers it with a mark that is never drawn: render/pdf_bidi.py). No direction
# mark is written: none may reach a document.
_GAP_AFTER_FIGURE = re.compile(
    r'(\d</w:t></w:r><w:r><w:rPr>(?:<[^>]*>)*?</w:rPr><w:t xml:space="preserve">)\u00a0'
    r'(?=</w:t></w:r><w:r><w:rPr>(?:<[^>]*>)*?<w:vertAlign w:val="superscript"/>)')
FIGURE_SPACE = "\u2007"


def mirror_document(xml: str) -> str:
    """document.xml or a footer of a right-to-left sheet: every paragraph w:bidi, every table
    w:bidiVisual, a figure space between a figure and its marker."""
    xml = xml.replace(_PARAGRAPH_SPACING, "<w:bidi/>" + _PARAGRAPH_SPACING)
    xml = _GAP_AFTER_FIGURE.sub(lambda m: m.group(1) + FIGURE_SPACE, xml)
    return xml.replace(_TABLE, _TABLE + "<w:bidiVisual/>")
