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
from dataclasses import dataclass

_TOKEN = re.compile(r"\((?:[^()\\]|\\.)*\)|\S+")


@dataclass(frozen=True)
class Part:
    """One marked-content sequence of a box."""
    mcid: int
    kind: str                  # 'label' (a bullet, a source's number), 'text' or 'cite'
    actual: str | None = None  # a citation's /ActualText: ' [2]'


def mark_text(code: str, box, paragraph, role: str, first_mcid: int, divided=False) -> tuple:
    """(ReportLab's operators `code` of one text box, marked, with its spaces and citations;
    the Parts, numbered from first_mcid). `paragraph` is the box's paragraph as drawn;
    `divided`: it goes on in the next box, so its last line ends in a space too."""
    tokens = _TOKEN.findall(code)
    breaks = iter(_spaced_breaks(paragraph, box))
    cites = iter(span.text for span in box.inline if span.kind == "cite")
    labelled = bool(box.bullet) and tokens.count("BT") > 1   # the bullet is its own text object
    out, parts = [], []
    state = {"subset": None, "open": False, "object": -1, "cite": False}

    def begin(kind, actual=None):
        mcid = first_mcid + len(parts)
        parts.append(Part(mcid, kind, actual))
        tag = {"label": "Lbl", "cite": "Span"}.get(kind, role)
        extra = f" /ActualText {_pdf_string(actual)}" if actual else ""
        out.append(f"/{tag} <</MCID {mcid}{extra}>> BDC")
        state["open"] = True

    def end():
        if state["open"]:
            out.append("EMC")
            state["open"] = False

    for index, token in enumerate(tokens):
        if token == "BT":
            state["object"] += 1
            out.append(token)
            begin("label" if labelled and state["object"] == 0 else "text")
            continue
        if token == "ET":
            # '• ' and '[1] ' read apart from the text; a divided paragraph from its rest
            if (labelled and state["object"] == 0) or (divided and "BT" not in tokens[index:]):
                if not state["open"]:
                    begin("text")
                _show_space(out, state["subset"])
            end()
            out.append(token)
            continue
        if token == "Tf" and "+" in tokens[index - 2]:
            state["subset"] = tokens[index - 2].rsplit("+", 1)[1]
        elif token == "T*" and _more_text(tokens, index) and next(breaks, True):
            if not state["open"]:   # after a citation at the line's end
                begin("text")
            _show_space(out, state["subset"])
        elif token == "Ts" and float(tokens[index - 1]) and not state["cite"]:
            rise = out.pop()
            # the gap before the marker: a one-character string at its own size
            gap = out[-7:] if len(out) >= 7 and out[-5] == "Tf" and out[-3] == "TL"                 and len(out[-2]) == 3 and out[-1] == "Tj" else []
            del out[len(out) - len(gap):]
            end()
            cite = next(cites, None)
            begin("cite", f" [{cite}]" if cite else None)
            out.extend([*gap, rise])
            state["cite"] = True
        elif token.startswith("(") and not state["open"]:
            begin("text")
        out.append(token)
        if state["cite"] and token == "Tj":
            end()
            state["cite"] = False
    return " ".join(out), parts


def _show_space(out: list, subset) -> None:
    """A space shown at the end of a line, unless it ends in one already. Shown in the first
    subset of a font, whose codes are ASCII's; a line that ends in another subset's font (a
    non-ASCII last letter) is left as it is."""
    last = next((token for token in reversed(out) if token.startswith("(")), "")
    if subset == "0" and not last.endswith(" )"):
        out.extend(["( )", "Tj"])


def _more_text(tokens: list, index: int) -> bool:
    """Whether more text is shown after tokens[index] in the same text object."""
    for token in tokens[index + 1:]:
        if token == "ET":
            return False
        if token.startswith("("):
            return True
    return False


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
