"""Scripts and directions: which runs of a text the Arabic face sets, which languages read right to left.

Shared by the layout stage (which measures the runs) and the renderers (which mark them, in the
DOCX, or order them, in the PDF), so it lives with the fonts it chooses between.
"""
from __future__ import annotations

import functools
import re

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic Extended; presentation forms
RTL_TEXT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
RTL_LANGUAGES = ("ar", "fa", "he", "ps", "ur", "yi")
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc"
# A run set in the Arabic face: Arabic letters, the spaces and punctuation between them and
# the punctuation that ends them (a sentence's full stop is not a Latin run of its own).
ARABIC_RUN = re.compile(f"[{_ARABIC}]+(?:[ \u00a0.,:!\u2013\u2014]+[{_ARABIC}]+)*[.,:;!?]*")


def is_rtl_language(language: str | None) -> bool:
    """Whether a sheet in `language` reads right to left (the page mirrors)."""
    return (language or "").split("-")[0].lower() in RTL_LANGUAGES


@functools.lru_cache(maxsize=4096)
def script_runs(text: str) -> tuple:
    """((text, is_arabic), ...): the Arabic runs of a text (with the spaces and punctuation
    between their words) apart from the rest, so that figures and Latin stay in their own runs."""
    parts, position = [], 0
    for match in ARABIC_RUN.finditer(text):
        if match.start() > position:
            parts.append((text[position:match.start()], False))
        parts.append((match.group(), True))
        position = match.end()
    if position < len(text):
        parts.append((text[position:], False))
    return tuple(parts)
