"""Marked content in a drawn text box, and the text a reader gets from it.

ReportLab shows each line's words without the space the line broke at, so text read from the
structure tree (screen readers, `pdfinfo -struct-text`) ran 'the' and 'city' together as
'thecity'; and a citation marker, a small raised '2' after a thin gap, was read as part of the
figure before it ('autumn 20162'). `mark_text` rewrites ReportLab's operators of one box, with
no pixel moved: each text object is marked content (a bullet or a source's number apart, as a
list label); a space is shown where a line broke at a space (a space draws nothing, and the
next line starts from the line's start, `T*`); each citation is marked content of its own
whose /ActualText is ' [2]'.
"""
from __future__ import annotations

import re
from typing import NamedTuple

_STRING = r"\((?:[^()\\]|\\.)*\)"
# What the marking acts on in ReportLab's operators, found in one pass: a citation (its gap, a
# one-character string at its own size, then the raised marker); a string shown; the start and
# end of a text object; a line break; a font selection (its subset: 0 holds ASCII as itself).
_EVENT = re.compile(
    rf"(?P<cite>(?:/F\d+\+\d+ [\d.]+ Tf [\d.]+ TL \((?:[^()\\]|\\.)\) Tj )?"
    rf"[1-9][\d.]* Ts /F\d+\+(?P<cite_subset>\d+) [\d.]+ Tf [\d.]+ TL {_STRING} Tj)"
    rf"|(?P<string>{_STRING})|(?<!\S)(?P<op>BT|ET|T\*)(?!\S)|/F\d+\+(?P<subset>\d+) [\d.]+ Tf")
_NEXT_TEXT = re.compile(rf"{_STRING}|(?<!\S)ET(?!\S)")
_BT = re.compile(r"(?<!\S)BT(?!\S)")


class Part(NamedTuple):
    """One marked-content sequence of a box."""
    mcid: int
    kind: str                  # 'label' (a bullet, a source's number), 'text' or 'cite'
    actual: str | None = None  # a citation's /ActualText: ' [2]'


def mark_text(code: str, box, paragraph, role: str, first_mcid: int, divided=False) -> tuple:
    """(ReportLab's operators `code` of one text box, marked, with its spaces and citations;
    the Parts, numbered from first_mcid). `paragraph` is the box's paragraph as drawn;
    `divided`: it goes on in the next box, so its last line ends in a space too."""
    breaks = iter(_spaced_breaks(paragraph, box))
    cites = iter(span.text for span in box.inline if span.kind == "cite")
    objects = len(_BT.findall(code))
    labelled = bool(box.bullet) and objects > 1   # the bullet is a text object of its own
    out, parts = [], []
    last = at = started = 0
    subset, opened, shown = None, False, ""

    def emit(text):   # the code up to `at`, then `text`
        nonlocal last
        out.append(code[last:at])
        out.append(text)
        last = at

    def begin(kind, actual=None):
        nonlocal opened
        mcid = first_mcid + len(parts)
        parts.append(Part(mcid, kind, actual))
        tag = {"label": "Lbl", "cite": "Span"}.get(kind, role)
        extra = f" /ActualText {_pdf_string(actual)}" if actual else ""
        emit(f" /{tag} <</MCID {mcid}{extra}>> BDC ")
        opened = True

    def end():
        nonlocal opened
        if opened:
            emit(" EMC ")
            opened = False

    def space():   # shown at a line's end unless it ends in one; ASCII is itself in subset 0 only
        if subset == "0" and not shown.endswith(" )"):
            emit(" ( ) Tj ")

    for match in _EVENT.finditer(code):
        kind, at = match.lastgroup, match.start()
        if kind == "cite":
            end()
            cite = next(cites, None)
            begin("cite", f" [{cite}]" if cite else None)
            at = match.end()
            end()
            subset, shown = match.group("cite_subset"), ""
        elif kind == "string":
            if not opened:
                begin("text")
            shown = match.group()
        elif kind == "subset":
            subset = match.group("subset")
        elif match.group("op") == "BT":
            started += 1
            at = match.end()
            begin("label" if labelled and started == 1 else "text")
        elif match.group("op") == "ET":
            # '• ' and '[1] ' read apart from the text; a divided paragraph from its rest
            if (labelled and started == 1) or (divided and started == objects):
                if not opened:
                    begin("text")
                space()
            end()
        else:   # T*: a line break, with more text to come in this text object?
            more = _NEXT_TEXT.search(code, match.end())
            if more and more.group() != "ET" and next(breaks, True):
                if not opened:   # after a citation at the line's end
                    begin("text")
                space()
    out.append(code[last:])
    return "".join(out), parts


def _line_texts(paragraph) -> list:
    """Each wrapped line's text, as ReportLab set it."""
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return [" ".join(line[1]) for line in lines]
    return ["".join(getattr(frag, "text", "") for frag in line.words) for line in lines]


def _spaced_breaks(paragraph, box) -> list:
    """For each line break of the paragraph, whether it broke at a space (a long web address
    breaks inside itself, and gets none)."""
    full = "".join(span.text for span in box.inline) + (box.link or "")
    breaks, position = [], 0
    for index, text in enumerate(_line_texts(paragraph)):
        if index:
            start = position
            while position < len(full) and full[position] == " ":
                position += 1
            breaks.append(position > start and not text.startswith(" "))
        position += len(text.lstrip(" ") if index else text)
    return breaks


def _pdf_string(text: str) -> str:
    """A PDF text string as hex UTF-16BE with its byte order mark: any script, no escaping."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"
