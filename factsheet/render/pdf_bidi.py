"""Right-to-left and mixed lines in the PDF: each line ReportLab wrapped, put in visual order.

The fit wrapped the logical text (Arabic in joined presentation forms, `layout.bidi`), so the
line breaks and widths are the measured ones; here each line goes through the Unicode
bidirectional algorithm (python-bidi: the Rust crate unicode-bidi, with bracket pairs and
mirroring) and is drawn left to right, flush right in a right-to-left sheet.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..theme.scripts import RTL_TEXT

# python-bidi returns the visual string only: not where each character went, and without
# mirroring (rule L4). So before reordering each character whose place or form matters gets a
# stand-in the algorithm treats exactly alike, found again afterwards:
# - a character of a less common style in the line (a bold figure, a superscript marker, a small
#   no-break space, a link): one of the same bidi class that is in no style;
# - each pair of matched brackets (rule BD16): a bracket pair of its own, so that N0 pairs it as
#   before; the pair is mirrored when its closing stand-in comes out first (an odd level);
# - any other mirrored character (« » < >): two neutral stand-ins, resolved as one; it is
#   mirrored when they come out reversed.
_STAND_INS = {
    "L": [(0x4E00, 0x9FFF)],
    "AL": [(0xFB50, 0xFBB1), (0xFBD3, 0xFD3D), (0xFE70, 0xFE74), (0xFE76, 0xFEFC)],
    "R": [(0x05D0, 0x05EA), (0x10800, 0x10855)],
    "EN": [(0x2070, 0x2070), (0x2074, 0x2079), (0x2080, 0x2089), (0x2488, 0x249B),
           (0xFF10, 0xFF19), (0x1D7CE, 0x1D7FF)],
    "AN": [(0x0600, 0x0605), (0x0660, 0x0669), (0x066B, 0x066C), (0x06DD, 0x06DD),
           (0x10E60, 0x10E7E)],
    "ES": [(0x002B, 0x002B), (0x002D, 0x002D), (0x207A, 0x207B), (0x208A, 0x208B),
           (0x2212, 0x2212), (0xFB29, 0xFB29), (0xFE62, 0xFE63), (0xFF0B, 0xFF0B),
           (0xFF0D, 0xFF0D)],
    "ET": [(0x0023, 0x0025), (0x00A2, 0x00A5), (0x00B0, 0x00B1), (0x20A0, 0x20C0)],
    "CS": [(0x002C, 0x002C), (0x002E, 0x002F), (0x003A, 0x003A), (0x00A0, 0x00A0),
           (0x060C, 0x060C), (0x202F, 0x202F), (0x2044, 0x2044), (0xFE50, 0xFE50),
           (0xFE52, 0xFE52), (0xFE55, 0xFE55), (0xFF0C, 0xFF0C), (0xFF0E, 0xFF0F),
           (0xFF1A, 0xFF1A)],
    "WS": [(0x0020, 0x0020), (0x1680, 0x1680), (0x2000, 0x200A), (0x2028, 0x2028),
           (0x205F, 0x205F), (0x3000, 0x3000)],
    "ON": [(0x2190, 0x21FF), (0x2500, 0x257F), (0x25A0, 0x25FF)],
    "NSM": [(0x0300, 0x036F), (0x0483, 0x0489), (0x0591, 0x05BD)],
}
# Bidi_Paired_Bracket pairs (BidiBrackets.txt), but U+2329/U+232A (canonically U+3008/U+3009)
_BRACKETS = ("()[]{}\u0f3a\u0f3b\u0f3c\u0f3d\u169b\u169c\u2045\u2046\u207d\u207e\u208d\u208e"
             "\u2308\u2309\u230a\u230b\u2768\u2769\u276a\u276b\u276c\u276d\u276e\u276f\u2770\u2771"
             "\u2772\u2773\u2774\u2775\u27c5\u27c6\u27e6\u27e7\u27e8\u27e9\u27ea\u27eb\u27ec\u27ed"
             "\u27ee\u27ef\u2983\u2984\u2985\u2986\u2987\u2988\u2989\u298a\u298b\u298c\u2991\u2992"
             "\u2993\u2994\u2995\u2996\u2997\u2998\u29d8\u29d9\u29da\u29db\u29fc\u29fd\u3008\u3009"
             "\u300a\u300b\u300c\u300d\u300e\u300f\u3010\u3011\u3014\u3015\u3016\u3017\u3018\u3019"
             "\u301a\u301b\ufe59\ufe5a\ufe5b\ufe5c\ufe5d\ufe5e\uff08\uff09\uff3b\uff3d\uff5b\uff5d"
             "\uff5f\uff60\uff62\uff63")
_CLOSER_OF = dict(zip(_BRACKETS[::2], _BRACKETS[1::2]))
_OPENER_OF = {close: open_ for open_, close in _CLOSER_OF.items()}
_STACK = 63                               # BD16's bracket stack
# Strong marks placed before a citation marker for the ordering only (never drawn): without
# one, '220,000' + no-break space + '1' is one number to the algorithm (rule W4), and in
# Arabic the marker would be read before the figure it follows.
_MARK = {True: "\u200f", False: "\u200e"}


@functools.cache
def _pool(bidi_class: str) -> tuple:
    """Stand-ins for one bidi class: assigned, neither mirrored nor a bracket, of that class."""
    return tuple(chr(code) for start, end in _STAND_INS.get(bidi_class, ()) for code in
                 range(start, end + 1)
                 if unicodedata.bidirectional(chr(code)) == bidi_class
                 and not unicodedata.mirrored(chr(code)) and unicodedata.category(chr(code)) != "Cn")


def bracket_pairs(text: str) -> list:
    """(opening, closing) positions of the brackets the bidi algorithm pairs (rule BD16)."""
    stack, pairs = [], []
    for position, char in enumerate(text):
        if char in _CLOSER_OF:
            if len(stack) == _STACK:
                return sorted(pairs)
            stack.append((_CLOSER_OF[char], position))
        elif char in _OPENER_OF:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == char:
                    pairs.append((stack[depth][1], position))
                    del stack[depth:]
                    break
    return sorted(pairs)


class _StandIns:
    """Unused characters of each bidi class, handed out one by one."""

    def __init__(self, used):
        self.used, self.next = set(used), {}

    def take(self, bidi_class: str) -> str | None:
        pool = _pool(bidi_class)
        position = self.next.get(bidi_class, 0)
        while position < len(pool) and pool[position] in self.used:
            position += 1
        self.next[bidi_class] = position + 1
        if position >= len(pool):
            return None
        self.used.add(pool[position])
        return pool[position]


def visual_order(pieces, rtl: bool) -> list:
    """[(text, style)] in logical order -> [(text, style)] left to right, by the Unicode bidi
    algorithm with a right-to-left (`rtl`) or left-to-right paragraph direction, mirrored
    characters (brackets, guillemets) in the form their direction gives them. Pieces of style
    None take part in the ordering and are not returned."""
    from bidi import get_display   # only sheets with right-to-left text load it
    from bidi.mirror import MIRRORED

    text = "".join(piece for piece, _ in pieces)
    counts = {}
    for piece, style in pieces:
        if style is not None:
            counts[style] = counts.get(style, 0) + len(piece)
    common = max(counts, key=counts.get)
    spare = _StandIns(text)
    origin, chars = {}, {}               # stand-in -> the position it stands for; its (char, style)
    pairs, doubled, by_style = {}, {}, {}
    free_pairs = iter(zip(_BRACKETS[::2], _BRACKETS[1::2]))
    for opening, closing in bracket_pairs(text):
        pair = next((p for p in free_pairs if not spare.used.intersection(p)), None)
        if pair:
            spare.used.update(pair)
            pairs[opening], pairs[closing] = pair
            origin[pair[0]], origin[pair[1]] = opening, closing
    logical, offset = [], 0
    for piece, style in pieces:
        if style == common and not _mirrored_re().search(piece):
            logical.append(piece)        # the usual case: the text stands for itself
            offset += len(piece)
            continue
        for char in piece:
            position, offset = offset, offset + 1
            chars[position] = (char, style)
            stand_in = pairs.get(position)
            if stand_in is None and char in MIRRORED:
                first, second = spare.take("ON"), spare.take("ON")
                if first and second:
                    doubled[position] = (first, second)
                    origin[first] = origin[second] = position
                    stand_in = first + second
            elif stand_in is None and style != common:
                if (char, style) not in by_style:
                    by_style[char, style] = spare.take(unicodedata.bidirectional(char))
                    if by_style[char, style]:   # else (no line has so many) the common style
                        origin[by_style[char, style]] = position
                stand_in = by_style[char, style]
            logical.append(stand_in or char)
    display = get_display("".join(logical), base_dir="R" if rtl else "L")
    if not origin:
        return [(display, common)]
    found = [index for index, char in enumerate(display) if char in origin]
    place = {display[index]: index for index in found}   # brackets and doubles: one each
    mirrored = {p for p in pairs if _reversed(pairs, p, place)}
    mirrored |= {p for p, (first, second) in doubled.items() if place[second] < place[first]}
    runs, drawn, start = [], set(), 0

    def add(text, style):
        if runs and runs[-1][1] == style:
            runs[-1][0].append(text)
        else:
            runs.append(([text], style))

    for index in found + [len(display)]:
        if index > start:
            add(display[start:index], common)
        start = index + 1
        if index == len(display):
            break
        position = origin[display[index]]
        if position in doubled and position in drawn:
            continue   # a doubled character is drawn once
        drawn.add(position)
        char, style = chars[position]
        if style is not None:   # else a mark that only steers the order
            add(MIRRORED.get(char, char) if position in mirrored else char, style)
    return [("".join(text), style) for text, style in runs]


@functools.cache
def _mirrored_re():
    from bidi.mirror import MIRRORED

    return re.compile("[%s]" % re.escape("".join(MIRRORED)))


def _reversed(pairs: dict, position: int, place: dict) -> bool:
    """Whether the bracket pair of `position` came out closing bracket first (an odd level)."""
    stand_in = pairs[position]
    if stand_in in _CLOSER_OF:
        opening, closing = stand_in, _CLOSER_OF[stand_in]
    else:
        opening, closing = _OPENER_OF[stand_in], stand_in
    return place[closing] < place[opening]


def _look(frag) -> tuple:
    # colours and links by identity: fragments cloned from one prototype share them
    return (frag.fontName, frag.fontSize, getattr(frag, "rise", 0), id(frag.textColor),
            id(getattr(frag, "link", None)))


@functools.lru_cache(maxsize=4096)
def _visual_runs(logical: tuple, rtl: bool) -> tuple:
    """visual_order of a line whose styles are the positions of its pieces, kept: a sheet
    rebuilt, or a line in several sheets, is ordered once."""
    return tuple(visual_order(logical, rtl))


def _line_pieces(paragraph, line) -> list:
    """[(text, frag)] of one wrapped line, whichever way ReportLab stored it."""
    if paragraph.blPara.kind == 0:
        return [(" ".join(line[1]), paragraph.frags[0])]
    return [(frag.text, frag) for frag in line.words if not hasattr(frag, "cbDefn")]


def has_rtl(box) -> bool:
    """Whether a placed box holds right-to-left text (in a left-to-right sheet, only its
    paragraph goes through the bidi algorithm: English sheets draw as they always did)."""
    return any(RTL_TEXT.search(span.text) for span in box.inline)


def visual_lines(paragraph, rtl: bool) -> list:
    """Each wrapped line of a paragraph as [(text, fragment)] left to right."""
    lines = []
    for line in paragraph.blPara.lines:
        pieces = _line_pieces(paragraph, line)
        logical, looks = [], {}
        for position, (text, frag) in enumerate(pieces):
            if getattr(frag, "rise", 0) > 0:   # a citation marker follows its text in the
                logical.append((_MARK[rtl], None))   # paragraph's direction, even after a figure
            # pieces that look alike are one style: fewer characters need stand-ins
            logical.append((text, looks.setdefault(_look(frag), position)))
        lines.append([(text, pieces[position][1])
                      for text, position in (_visual_runs(tuple(logical), rtl) if pieces else ())])
    return lines


def draw_box(canvas, paragraph, x: float, y: float, rtl: bool) -> None:
    """Draw a wrapped paragraph with its bottom left at (x, y), each line in visual order, as
    ReportLab places lines (first baseline a font size below the top, then a leading apart);
    in a right-to-left sheet start and end swap sides: alignment, indents and the bullet."""
    style, blpara = paragraph.style, paragraph.blPara
    kind0 = blpara.kind == 0
    start_indent, alignment = style.leftIndent, style.alignment
    if rtl:
        start_indent = style.rightIndent
        alignment = {TA_LEFT: TA_RIGHT, TA_RIGHT: TA_LEFT}.get(alignment, alignment)
    baseline = y + paragraph.height - (blpara.fontSize if kind0 else blpara.lines[0].fontSize)
    text = canvas.beginText()
    if paragraph.bulletText:
        bullet = paragraph.bulletText
        width = stringWidth(bullet, style.bulletFontName, style.bulletFontSize)
        text.setTextOrigin(x + (paragraph.width - style.bulletIndent - width if rtl
                                else style.bulletIndent), baseline)
        text.setFont(style.bulletFontName, style.bulletFontSize)
        text.setFillColor(getattr(style, "bulletColor", None) or style.textColor)
        text.textOut(bullet)
    links = []
    for line, runs in zip(blpara.lines, visual_lines(paragraph, rtl)):
        extra = line[0] if kind0 else line.extraSpace
        left = x + start_indent + {TA_RIGHT: extra, TA_CENTER: extra / 2}.get(alignment, 0.0)
        text.setTextOrigin(left, baseline)
        for run, frag in runs:
            text.setFont(frag.fontName, frag.fontSize)
            text.setFillColor(frag.textColor)
            text.setRise(getattr(frag, "rise", 0))
            width = stringWidth(run, frag.fontName, frag.fontSize)
            for _, url in getattr(frag, "link", None) or ():   # a source's web address
                links.append((url, (left, baseline - frag.fontSize * 0.25, left + width,
                                    baseline + frag.fontSize)))
            text.textOut(run)
            left += width
        baseline -= style.leading
    canvas.saveState()   # the text's colours stay inside it, as ReportLab's paragraphs do
    canvas.drawText(text)
    canvas.restoreState()
    for url, rect in links:
        canvas.linkURL(url, rect)
