"""Right-to-left text as measured: Arabic runs in Noto Sans Arabic, in their joined forms.

ReportLab wraps the logical text (so a paragraph's lines are in reading order, and the PDF
renderer puts each in visual order); the Arabic letters are set as the presentation forms
they take in their words (arabic-reshaper), so the widths measured are the shaped widths.
Figures and Latin stay in Noto Sans. Sheets without right-to-left text never come here.
"""
from __future__ import annotations

from ..theme.scripts import RTL_TEXT, is_rtl_language, script_runs
from .shaping import _SHAPED, shape_arabic, shape_runs, text_width  # noqa: F401 (their home was here)


def script_frags(frags: list) -> list:
    """Each ReportLab fragment with Arabic text split into runs, Arabic ones shaped and set in
    Noto Sans Arabic (the weight of the fragment's face); other fragments unchanged."""
    from ..theme.fonts import register_arabic_fonts

    arabic_face = register_arabic_fonts()
    split = [script_runs(getattr(f, "text", "")) if RTL_TEXT.search(getattr(f, "text", ""))
             else None for f in frags]
    shaped = iter(shape_runs([part for parts in split if parts for part, arabic in parts
                              if arabic]))
    out = []
    for frag, parts in zip(frags, split):
        if parts is None:
            out.append(frag)
            continue
        for part, arabic in parts:
            out.append(_clone(frag, next(shaped), arabic_face.get(frag.fontName))
                       if arabic else _clone(frag, part))
    return out


def _clone(frag, text: str, font: str | None = None):
    return frag.clone(text=text, fontName=font or frag.fontName)


def sheet_is_rtl(sheet) -> bool:
    """Whether the sheet's page mirrors: its language reads right to left (its catalogue says
    so, where it has a `direction`)."""
    from ..sheet.words import words_for

    direction = getattr(words_for(sheet.language), "direction", None)
    return direction == "rtl" if direction else is_rtl_language(sheet.language)


def mirror_items(items, page_width: float) -> tuple:
    """Every placed box, fill, rule and picture reflected about the page's vertical centre: the
    first column, the first key figure and the header's text on the right, the logo on the left."""
    from dataclasses import replace

    from .geometry import Rule

    mirrored = []
    for item in items:
        if isinstance(item, Rule):
            mirrored.append(replace(item, x1=page_width - item.x2, x2=page_width - item.x1))
        else:
            mirrored.append(replace(item, x=page_width - item.x - item.width))
    return tuple(mirrored)


def shape_sheet(sheet) -> None:
    """Shape the Arabic of a whole sheet as it will be set, in one reshaper call: its set-up
    costs about as much as shaping a line, and the fit then finds nearly every run shaped."""
    from ..sheet.words import words_for
    from .text import band_lines, figure_label, footer_texts, reference_parts, typeset

    inlines = [inline for _, inline in band_lines(sheet)]
    inlines += [figure_label(figure) for figure in sheet.key_figures]
    for section in sheet.sections:
        inlines += [typeset(inline) for inline in (section.heading, *section.paragraphs,
                                                   *section.bullets)]
    words = words_for(sheet.language)
    texts = [span.text for inline in inlines for span in inline]
    texts += [text for text in footer_texts(sheet) if text]
    texts += [reference_parts(reference, words)[1] for reference in sheet.references]
    shape_runs([part for text in texts if RTL_TEXT.search(text)
                for part, arabic in script_runs(text) if arabic])
