"""Paragraphs as ReportLab sets them, by role: the measure of the layout, rebuilt by the PDF.

Spans become paragraphs without the markup parser, in the page's styles; wrapped paragraphs
are kept by (spans, style, width), so the fit re-wraps nothing it wrapped at another spacing
and the PDF renderer, rebuilding a placed box, usually finds it already wrapped.
"""
from __future__ import annotations

import copy
import functools
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaParser

from ..sheet.model import plain_text
from ..theme.fonts import BOLD, ITALIC, REGULAR, register_fonts
from ..theme.scripts import RTL_TEXT
from .bidi import script_frags
from .geometry import FIGURE_LEADING, TextBox, _pt, size_layout
from .text import gap_size, tie_last_words

NARROW_NBSP = "\u202f"
# Enough for every paragraph of a few fits: a fit, then its PDF, wrap each paragraph once.
WRAP_CACHE = 2048


def spans_paragraph(inline, style, bullet: str | None = None) -> Paragraph:
    """A Paragraph straight from spans: fragments are cloned from ones ReportLab parsed once per
    style, so spec text never goes through the markup parser (it is text, and this is faster)."""
    if any(RTL_TEXT.search(span.text) for span in inline):
        frags = list(_shaped_frags(inline, style))
    else:
        frags = _span_frags(inline, style)
    return Paragraph(plain_text(inline, cites=True), style, bulletText=bullet, frags=frags)


def _span_frags(inline, style) -> list:
    protos = _prototypes(style)
    frags = []
    for span in inline:
        frag = copy.copy(protos[span.kind if span.kind in protos else "text"])
        # ReportLab breaks lines at a narrow no-break space (French '20 000', '4 %'), which
        # must never break: set as a no-break space, which it keeps (Word keeps either)
        frag.text = span.text.replace(NARROW_NBSP, "\u00a0") if NARROW_NBSP in span.text else span.text
        frags.append(frag)
    return frags


@functools.lru_cache(maxsize=WRAP_CACHE)
def _shaped_frags(inline, style) -> tuple:
    """Fragments of right-to-left spans: Arabic runs shaped and in their own face, so that the
    widths measured are the ones drawn; made once for every width the fit tries."""
    return tuple(script_frags(_span_frags(inline, style)))


@functools.lru_cache(maxsize=512)
def _prototypes(style) -> dict:
    size = style.fontSize
    samples = {"text": "x", "figure": "<b>x</b>", "gap": f'<font size="{gap_size(size):g}">x</font>',
               "cite": f'<super rise="{size * 0.38:.2f}" size="{size * 0.68:.2f}">x</super>'}
    return {kind: ParaParser().parse(sample, style)[1][0] for kind, sample in samples.items()}


@functools.lru_cache(maxsize=WRAP_CACHE)
def wrapped_paragraph(inline, style, width, bullet=None) -> Paragraph:
    """The paragraph wrapped at `width`: made once, then only placed (or drawn)."""
    paragraph = spans_paragraph(inline, style, bullet)
    paragraph.wrap(width, 1e6)
    return paragraph


def link_markup(url: str, colour: str) -> str:
    href = escape(url, {'"': "&quot;"})
    return f'<a href="{href}" color="{colour}">{escape(url)}</a>'


@functools.lru_cache(maxsize=WRAP_CACHE)
def source_paragraph(number: str, text: str, url, colour: str, style, width) -> Paragraph:
    """A source, wrapped: its markup holds a link, so it is parsed, once."""
    body = escape(text) + (link_markup(url, colour) if url else "")
    paragraph = Paragraph(body, style, bulletText=number)
    if RTL_TEXT.search(text):
        paragraph.frags = script_frags(paragraph.frags)
    paragraph.wrap(width, 1e6)
    return paragraph


@functools.lru_cache(maxsize=64)
def page_styles(template, body: float) -> dict:
    """Every paragraph style of a page at body size `body`, by role."""
    register_fonts()
    lay = size_layout(template, body)
    colours = template.colours

    def style(name, size, leading, colour, font=REGULAR, **extra):
        # No space shrinking: Word and LibreOffice never squeeze a line, so neither may we.
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading,
                              textColor=HexColor(colour), spaceBefore=0, spaceAfter=0,
                              spaceShrinkage=0, **extra)

    return {
        "organisation": style("organisation", lay.small_size, lay.small_leading,
                              colours.header_muted, BOLD),
        "title": style("title", lay.title_size, lay.title_leading, colours.header_text, BOLD),
        "subtitle": style("subtitle", lay.subtitle_size, lay.subtitle_leading, colours.header_text),
        "meta": style("meta", lay.small_size, lay.small_leading, colours.header_muted, BOLD),
        "qualifier": style("qualifier", lay.small_size, lay.small_leading, colours.muted),
        "number": style("number", lay.figure_size, lay.figure_leading, colours.accent, BOLD),
        "label": style("label", lay.small_size, lay.small_leading, colours.text),
        "heading": style("heading", lay.heading_size, lay.heading_leading, colours.primary, BOLD),
        "paragraph": style("paragraph", body, lay.leading, colours.text),
        "bullet": style("bullet", body, lay.leading, colours.text, leftIndent=lay.bullet_indent,
                        bulletIndent=0, bulletFontName=BOLD, bulletFontSize=body,
                        bulletColor=HexColor(colours.primary)),
        "sources": style("sources", lay.small_size, lay.small_leading, colours.primary, BOLD),
        "source": style("source", lay.small_size, lay.small_leading, colours.muted,
                        leftIndent=lay.source_indent, bulletIndent=0, bulletFontName=REGULAR,
                        bulletFontSize=lay.small_size),
        "disclaimer": style("disclaimer", lay.small_size, lay.small_leading, colours.muted, ITALIC),
        "footer": style("footer", lay.small_size, lay.small_leading, colours.muted),
        "footer-right": style("footer-right", lay.small_size, lay.small_leading, colours.muted,
                              alignment=TA_RIGHT),
    }


@functools.lru_cache(maxsize=64)
def _number_style(template, body: float, size: float) -> ParagraphStyle:
    base = page_styles(template, body)["number"]
    return ParagraphStyle("number", parent=base, fontSize=size, leading=_pt(size * FIGURE_LEADING))


def box_style(layout, box: TextBox) -> ParagraphStyle:
    """The style a box is set in: its role's at the layout's body size, or at the box's size."""
    if box.size is not None:
        return _number_style(layout.template, layout.body_size, box.size)
    return page_styles(layout.template, layout.body_size)[box.role]


def box_paragraph(layout, box: TextBox) -> Paragraph:
    """The ReportLab paragraph of a placed box, wrapped at its width: what the PDF draws."""
    style = box_style(layout, box)
    if box.role == "source":
        return source_paragraph(box.bullet, box.inline[0].text, box.link,
                                layout.template.colours.primary, style, box.width)
    return wrapped_paragraph(box.inline, style, box.width, box.bullet)


def tied_paragraph(inline, style, width, bullet=None) -> tuple:
    """(paragraph, spans as set) of a title, label or heading wrapped with its last two words
    tied, unless that adds a line: then the one-word last line is the best break there is."""
    paragraph = wrapped_paragraph(inline, style, width, bullet)
    tied = tie_last_words(inline)
    if tied is inline or paragraph.height <= style.leading * 1.5:
        return paragraph, inline
    candidate = wrapped_paragraph(tied, style, width, bullet)
    if candidate.height > paragraph.height:
        return paragraph, inline
    return candidate, tied
