"""Arabic letters in their joined forms, and the width of a text set with them.

The Arabic letters of a run are set as the presentation forms they take in their words
(arabic-reshaper), in Noto Sans Arabic; figures and Latin stay in Noto Sans. Apart from
layout/bidi.py so that the chart layout measures Arabic labels without importing the page's
text layout back (layout/chart_rtl.py).
"""
from __future__ import annotations

import functools

from ..theme.scripts import RTL_TEXT, script_runs


@functools.cache
def _reshaper():
    import arabic_reshaper   # only a sheet with Arabic text pays for it

    # Harakat kept (a vowelled word must print as written). Each stays after its letter, so
    # in visual order it is drawn just before it, at the letter's left edge: Noto's marks have
    # no advance and sit 40-264 units right of the pen, over the letter (HarfBuzz would centre
    # them with GPOS; ReportLab draws characters, not positioned glyphs). Lam-alef ligatures,
    # which Arabic requires, and no optional ones (the font may lack them).
    return arabic_reshaper.ArabicReshaper(configuration={
        "delete_harakat": False, "shift_harakat_position": False, "support_ligatures": True,
        "ARABIC LIGATURE ALLAH": False})


_SHAPED: dict = {}       # Arabic run -> its joined forms, for the process (cleared when large)
_SHAPED_LIMIT = 8192


def shape_arabic(text: str) -> str:
    """The text with its Arabic letters in their joined presentation forms, logical order."""
    return shape_runs((text,))[0]


def shape_runs(runs) -> list:
    """shape_arabic of each run, the new ones in one call: the reshaper's set-up costs about
    as much as a line of text, and a paragraph has several runs (a newline never joins)."""
    new = [run for run in dict.fromkeys(runs) if run not in _SHAPED]
    if new:
        if len(_SHAPED) > _SHAPED_LIMIT:
            _SHAPED.clear()
        shaped = _reshaper().reshape("\n".join(new)).split("\n")
        if len(shaped) != len(new):   # a run with a newline of its own: one call each
            shaped = [_reshaper().reshape(run) for run in new]
        _SHAPED.update(zip(new, shaped))
    return [_SHAPED[run] for run in runs]


def text_width(text: str, face: str, size: float) -> float:
    """The width of a one-style text as set: its Arabic runs shaped, in the Arabic face."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if not RTL_TEXT.search(text):
        return stringWidth(text, face, size)
    from ..theme.fonts import register_arabic_fonts

    arabic_face = register_arabic_fonts()[face]
    return sum(stringWidth(shape_arabic(part), arabic_face, size) if arabic else
               stringWidth(part, face, size) for part, arabic in script_runs(text))
