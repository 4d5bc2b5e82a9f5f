"""The verified sheet: the one model every renderer draws from.

Only `assemble.assemble_sheet` builds these objects, once `validate` has checked the spec;
renderers only read them.
It holds facts, not words: a qualifier is a code, dates are dates, values are numbers, and
`words.words_for(sheet.language)` prints them. It must never import reportlab or docx.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


def citation_marker(numbers: dict, source_ids) -> str:
    """The citation marker for sources: their numbers ({source id: number}), in order, each
    once: '1,3'. Sources without a number are left out."""
    return ",".join(str(n) for n in sorted({numbers[s] for s in source_ids if s in numbers}))


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    published: date
    archive: Path                 # absolute path of the archived article text
    url: str | None = None
    archive_sha256: str = ""
    confidential: bool = False    # `confidential: true`: never in the public edition


@dataclass(frozen=True)
class Fact:
    id: str
    value: int | float
    label: str                    # as written in the spec, markup included
    sources: tuple[str, ...]
    quote: str
    qualifier: str | None = None  # a code ('at_least': spec/qualifiers.py); sheet/words prints it
    unit: str | None = None
    date: date | None = None
    note: str | None = None       # why this figure differs from another, shown in the audit trail
    attribution: str | None = None   # who states the figure in the source: 'AirWars'


@dataclass(frozen=True)
class CitedFigure:
    """A figure printed in a cited sentence, with the archive passage that states it.

    Printed in bold like a fact's value; listed in the audit page, JSON and HXL.."""
    text: str            # as printed: '180,000', 'six', '40%'
    value: float | None  # None for a vague magnitude ('thousands')
    percent: bool
    source: str          # id of the cited source whose archive states it
    passage: str         # the sentence (or clause) of the archive it was found in
    sentence: str        # the sheet's sentence it is printed in, without markup


@dataclass(frozen=True)
class Span:
    """A run of inline text. kind: 'text', 'figure' (a fact's value or a cited figure,
    set bold) or
    'cite' (citation numbers such as '1,2', set as a superscript marker)."""
    text: str
    kind: str = "text"


Inline = tuple  # tuple[Span, ...]


def plain_text(inline: Inline, cites: bool = False) -> str:
    """The inline text without styling; citation markers dropped unless cites=True."""
    return "".join(f"[{s.text}]" if s.kind == "cite" else s.text
                   for s in inline if cites or s.kind != "cite")


@dataclass(frozen=True)
class KeyFigure:
    fact_id: str
    qualifier: str                # as printed ('at least'), '' when none: worded by sheet/words
    number: str                   # as printed: '220', '400%', '5 km'
    label: Inline
    cite: str                     # citation numbers for the fact's sources, '1' or '1,2'
    icon: str | None = None       # an OCHA icon's name (theme/icons.py), drawn above the number


@dataclass(frozen=True)
class Section:
    heading: Inline
    paragraphs: tuple = ()        # tuple[Inline, ...]
    bullets: tuple = ()           # tuple[Inline, ...]
    chart: object = None          # a sheet.chart.Chart, drawn after the text and bullets


@dataclass(frozen=True)
class Reference:
    number: int                   # order of first citation on the sheet, from 1
    source: Source


@dataclass(frozen=True)
class Sheet:
    spec_path: Path
    title: Inline
    as_of: date
    key_figures: tuple            # tuple[KeyFigure, ...]
    sections: tuple               # tuple[Section, ...]
    references: tuple             # tuple[Reference, ...], numbered in order of first citation
    facts: tuple                  # tuple[Fact, ...]: every fact in the spec, in spec order
    sources: tuple                # tuple[Source, ...]: every source in the spec, in spec order
    subtitle: Inline = ()
    location: str | None = None
    organisation: str | None = None
    contact: str | None = None
    disclaimer: str | None = None
    language: str = "en"
    template: str = "default"
    produced: date | None = None  # set by the build (SOURCE_DATE_EPOCH or today)
    keywords: tuple = field(default=())
    cited_figures: tuple = ()     # tuple[CitedFigure, ...]: figures of cited sentences, in order
    # set by the build, for the audit page's links: the documents beside this sheet's files
    # ('pdf', 'docx'); None when no build said, and the page looks for them itself
    documents: tuple | None = None
    # 'internal' (every source) or 'public' (validate/edition.py: nothing of a confidential one)
    edition: str = "internal"
    # set by the build: this sheet in every language built beside it, ((language, stem), ...),
    # the original first; the audit page and the index link them to each other
    languages: tuple = ()

    @property
    def stem(self) -> str:
        return self.spec_path.stem

    @property
    def title_text(self) -> str:
        return plain_text(self.title)

    def citation_numbers(self, source_ids) -> str:
        return citation_marker({r.source.id: r.number for r in self.references}, source_ids)
