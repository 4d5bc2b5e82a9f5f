"""Characters a sheet must not carry: unprintable, hiding or reordering a figure, or undrawable.

Unprintable ones, ones that hide or reorder a figure (direction marks included), and, in
printed fields, ones the sheet's fonts cannot draw (they would vanish silently). Arabic
script is drawn; emoji and other scripts are not.
"""
from __future__ import annotations

import functools
import re
import unicodedata

# Bidirectional embeddings, overrides and isolates can show '12' as '21' or move a figure
# to another place in its line: never allowed.
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Invisible characters with no use in a fact sheet that can split a figure unseen
# ('2\u200b0' looks like 20 but reads as two numbers).
_INVISIBLE = set("\u200b\u2060\u2061\u2062\u2063\u2064\ufeff\u180e")
# Direction marks that Word and web pages put around figures in Arabic text. Refused, not
# stripped: the spec stays what the sheet prints, and the sheet sets the direction of its
# text itself (a mark printed beside a figure can move it in the reader's PDF viewer).
_DIRECTION_MARKS = set("\u200e\u200f\u061c")
_NOTE = {
    "unprintable": "cannot be printed in a PDF or DOCX: remove it",
    "bidi": "could reorder the text around it, figures included: remove it",
    "invisible": "is invisible and can hide or split a figure: remove it",
    "next-to-digit": "is invisible and stands next to a figure: remove it",
    "direction-mark": ("is an invisible direction mark (pasted from Word or a web page): remove "
                       "it; the sheet sets the direction of Arabic text itself"),
}
# Printed with certainty by the bundled font, so the font file is read only for rarer text.
_COMMON = frozenset(map(chr, [*range(0x20, 0x7F), *range(0xA0, 0x100)])) | frozenset(
    "\n\t\u2018\u2019\u201c\u201d\u2013\u2014\u2022\u2026\u20ac")


def describe(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE': how the user can find the character."""
    name = unicodedata.name(char, "")
    if not name:
        name = {"Cc": "(a control character)", "Cs": "(half of a surrogate pair)",
                "Co": "(a private-use character)"}.get(unicodedata.category(char), "(not a character)")
    return f"U+{ord(char):04X} {name}"


def _unprintable(char: str) -> bool:
    code = ord(char)
    if char in "\n\t":
        return False
    category = unicodedata.category(char)
    return (category in ("Cc", "Cs", "Co") or 0xFDD0 <= code <= 0xFDEF
            or (code & 0xFFFE) == 0xFFFE)   # U+FFFE, U+FFFF and their copies in every plane


# Characters outside these need a closer look; most specs have only a few (curly quotes).
_UNUSUAL = re.compile(r"[^\t\n -~]")
_UNCOMMON = re.compile("[^%s]" % re.escape("".join(sorted(_COMMON))))


def problems(text: str):
    """(offset, problem, char) for each character the tool refuses anywhere in a spec."""
    for match in _UNUSUAL.finditer(text):
        i, char = match.start(), match.group()
        if _unprintable(char):
            yield i, "unprintable", char
        elif char in _BIDI_CONTROLS:
            yield i, "bidi", char
        elif char in _INVISIBLE:
            yield i, "invisible", char
        elif char in _DIRECTION_MARKS:
            yield i, "direction-mark", char
        elif unicodedata.category(char) == "Cf" and (
                text[i - 1:i].isdigit() or text[i + 1:i + 2].isdigit()):
            yield i, "next-to-digit", char   # a soft hyphen or joiner inside '20\u00ad000'


def message(problem: str, char: str, where: str) -> str:
    return f"character {describe(char)} in {where} {_NOTE[problem]}"


@functools.cache
def _font_characters() -> frozenset:
    """Every character the bundled fonts have a glyph for (the four Noto Sans faces share one
    set; Noto Sans Arabic adds the Arabic script)."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    from ..theme.fonts import ARABIC_FACES, ARABIC_REGULAR, FACES, FONT_DIR, REGULAR

    return frozenset(map(chr, [*TTFontFile(str(FONT_DIR / FACES[REGULAR])).charToGlyph,
                               *TTFontFile(str(FONT_DIR / ARABIC_FACES[ARABIC_REGULAR])).charToGlyph]))


def unprintable_by_font(text: str):
    """(offset, char) of each character the sheet's font cannot draw."""
    known = None
    for match in _UNCOMMON.finditer(text):
        known = known or _font_characters()   # the font file is read only when needed
        char = match.group()
        if char not in known and not _unprintable(char) and char not in _DIRECTION_MARKS:
            yield match.start(), char


def font_message(char: str, where: str, others: int = 0) -> str:
    script = unicodedata.name(char, "").split(" ")[0]
    if unicodedata.bidirectional(char) in ("R", "AL"):
        why = f"of the right-to-left scripts, Arabic is supported, {script.title()} not yet"
    else:
        why = "the sheet's fonts (Noto Sans, Noto Sans Arabic) cover Latin, Greek, Cyrillic and Arabic"
    more = f" ({others:,} more in this field)" if others else ""
    return f"character {describe(char)} in {where} cannot be drawn{more}: {why}"
