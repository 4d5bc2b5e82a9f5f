"""The sheet's words as set on the page: ties, citation gaps, the band, blocks, sources, footer."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from ..sheet.model import Span
from ..sheet.words import words_for
from ..spec.dates import MONTHS
from .geometry import _half

NBSP = "\u00a0"
# Units and scale words that stay on the line of their number ('5 km', '1.2 million', 'USD 40').
_UNITS = ("thousand|million|billion|trillion|per cent|percent|km²|km2|km|m²|m2|m|cm|mm|kg|g|t|"
          "tonnes|tons|MT|ha|hectares|l|litres|liters|°C|%|USD|EUR|GBP|CHF|US\\$|\\$|€|£")
_MONTH = "|".join(MONTHS + tuple(m[:3] for m in MONTHS))
_TIES = (
    re.compile(rf"(?<![\w.,])(\d{{1,2}}) (?=(?:{_MONTH})\b)"),          # 7 October
    re.compile(rf"\b((?:{_MONTH})\.?) (?=\d{{1,2}}\b)"),                # October 7
    re.compile(rf"(\d) (?=(?:{_UNITS})(?!\w))"),                       # 5 km, 1.2 million
    re.compile(rf"(?<!\w)((?:{_UNITS})) (?=\d)"),                        # USD 40
    re.compile(r"(\d) (?=\d{3}(?!\d))"),                                # 20 000
)
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s*$")


@dataclass(frozen=True)
class Block:
    """One paragraph of the sections, as both renderers set it."""
    kind: str                     # 'heading', 'paragraph' or 'bullet'
    inline: tuple                 # tuple[Span, ...]
    space_after: float            # points below it (0 at the foot of a column)
    section: int                  # index of its section
    continued: bool = False       # the rest of a paragraph that began at the foot of the left column
    chart: object = None          # kind 'chart': its ChartBox (layout/chart.py), placed at 0, 0


def divide_block(block: Block, words: int) -> tuple:
    """(its first `words` words, the rest as a continued block), split at a space where a line
    may break: a paragraph that continues from the left column into the right."""
    count = 0
    for position, span in enumerate(block.inline):
        if span.kind in ("cite", "gap"):
            continue
        for space in re.finditer(" +", span.text):
            count += 1
            if count == words:
                head = span.text[:space.start()]
                tail = span.text[space.end():]
                first = block.inline[:position] + ((Span(head, span.kind),) if head else ())
                rest = ((Span(tail, span.kind),) if tail else ()) + block.inline[position + 1:]
                return (replace(block, inline=first, space_after=0.0),
                        replace(block, inline=rest, continued=True))
    return block, None


def tie_text(text: str) -> str:
    """No line break between a day and its month or a number and its unit: no-break spaces."""
    for pattern in _TIES:
        text = pattern.sub(lambda m: m.group(1) + NBSP, text)
    return text


def gap_size(size: float) -> float:
    """The size of the no-break space before a citation marker: a hair's width, half-points."""
    return _half(max(size * 0.3, 1.0))


@functools.lru_cache(maxsize=4096)
def typeset(inline: tuple) -> tuple:
    """Spans as both renderers set them: ties (tie_text); a figure that starts a sentence with a
    capital ('More than 176,400 people'); and before each citation marker a 'gap' span, a
    no-break space set at gap_size, so that text copied from the PDF or DOCX reads '20,000 1',
    never '20,0001', while the marker still hugs its word."""
    out = []
    for position, span in enumerate(inline):
        if span.kind == "cite":
            out += [Span(NBSP, "gap"), span]
            continue
        text = tie_text(span.text)
        if span.kind == "figure" and text[:1].islower():
            before = "".join(s.text for s in inline[:position] if s.kind != "cite")
            if not before.strip() or _SENTENCE_END.search(before):
                text = text[0].upper() + text[1:]
        out.append(Span(text, span.kind))
    return tuple(out)


def tie_last_words(inline: tuple) -> tuple:
    """The inline with its last two words joined by a no-break space: a title or label never
    ends with one word alone on its line (the fit keeps this only where no line is added)."""
    for position in range(len(inline) - 1, -1, -1):
        span = inline[position]
        if span.kind in ("cite", "gap"):
            continue
        head, space, tail = span.text.rstrip().rpartition(" ")
        if not space or not head.strip() or not tail:
            return inline
        tied = Span(head + NBSP + tail + span.text[len(span.text.rstrip()):], span.kind)
        return inline[:position] + (tied,) + inline[position + 1:]
    return inline


def figure_label(figure) -> tuple:
    """A key figure's label with its citation marker, typeset."""
    return typeset(figure.label + ((Span(figure.cite, "cite"),) if figure.cite else ()))


def plan_blocks(sheet, layout) -> list:
    """Every heading, paragraph and bullet of the sections, with the space that follows it."""
    blocks = []
    for index, section in enumerate(sheet.sections):
        blocks.append(Block("heading", typeset(section.heading), layout.heading_space, index))
        body = [("paragraph", p) for p in section.paragraphs] + [("bullet", b) for b in section.bullets]
        for position, (kind, inline) in enumerate(body):
            last = position == len(body) - 1
            following = None if last else body[position + 1][0]
            if last:
                space = layout.section_space
            elif kind == "bullet" and following == "bullet":
                space = layout.bullet_space
            else:
                space = layout.paragraph_space
            blocks.append(Block(kind, typeset(inline), space, index))
        if section.chart is not None:   # after the text and bullets
            from .chart import chart_box   # ReportLab's measures: only sheets with charts
            if body:
                blocks[-1] = replace(blocks[-1], space_after=layout.paragraph_space)
            box = chart_box(section.chart, layout, layout.column_width, sheet.language)
            blocks.append(Block("chart", (), layout.section_space, index, chart=box))
        elif not body:
            blocks[-1] = replace(blocks[-1], space_after=layout.section_space)
    return blocks


def split_points(blocks) -> list:
    """Where the columns may break: never straight after a heading (no orphaned headings)."""
    return [k for k in range(len(blocks) + 1)
            if k in (0, len(blocks)) or blocks[k - 1].kind != "heading"]


def band_lines(sheet) -> list:
    """The header band, top to bottom, as (role, inline): organisation, title, subtitle, meta."""
    lines = []
    if sheet.organisation:
        lines.append(("organisation", (Span(sheet.organisation),)))
    lines.append(("title", typeset(sheet.title)))
    if sheet.subtitle:
        lines.append(("subtitle", typeset(sheet.subtitle)))
    meta = " | ".join(part for part in (sheet.location, words_for(sheet.language).as_of(sheet.as_of))
                      if part)
    lines.append(("meta", (Span(meta),)))
    return lines


def footer_texts(sheet) -> tuple:
    """(disclaimer or None, 'Contact: ...' or None, 'Produced 25 August 2017 from x.yaml')."""
    words = words_for(sheet.language)
    contact = words("contact", contact=sheet.contact) if sheet.contact else None
    return (sheet.disclaimer or None, contact, words.produced(sheet.produced, sheet.spec_path.name))


def reference_parts(reference, words) -> tuple:
    """('[1]', 'Publisher, "Title", 6 June 2017, ', url or None): the link is set apart."""
    text, url = words.reference(reference.source), reference.source.url
    if url and text.endswith(url):
        return (f"[{reference.number}]", text[:-len(url)], url)
    return (f"[{reference.number}]", text, None)
