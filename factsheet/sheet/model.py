"""The verified sheet: the one model every renderer draws from.

`validate` builds these objects and nothing else does; renderers only read them.
This module must never import reportlab or docx.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..spec.qualifiers import BOUNDS

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
QUALIFIERS = tuple(BOUNDS)         # as a spec writes them; qualifiers.py says what each bounds


def format_date(day: date) -> str:
    """25 August 2017: unambiguous in every English-speaking country."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_number(value: int | float, unit: str | None = None) -> str:
    """20000 -> 20,000; 3.5 -> 3.5; (400, '%') -> 400%; (5, 'km') -> 5 km."""
    if isinstance(value, float) and not value.is_integer():
        # the shortest decimal that is this float: 1234567.89, never 1,234,567.8899999999
        text = format(Decimal(repr(value)), ",f")
    else:
        text = f"{int(value):,}"
    if not unit:
        return text
    return text + unit if unit == "%" else f"{text} {unit}"


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    published: date
    archive: Path                 # absolute path of the archived article text
    url: str | None = None
    archive_sha256: str = ""

    def reference_text(self) -> str:
        """Publisher, "Title", 6 June 2017, URL (as printed in the sources list)."""
        parts = [self.publisher, f"\u201c{self.title}\u201d", format_date(self.published)]
        if self.url:
            parts.append(self.url)
        return ", ".join(parts)


@dataclass(frozen=True)
class Fact:
    id: str
    value: int | float
    label: str                    # as written in the spec, markup included
    sources: tuple[str, ...]
    quote: str
    qualifier: str | None = None
    unit: str | None = None
    date: date | None = None
    note: str | None = None       # why this figure differs from another, shown in the audit trail
    attribution: str | None = None   # who states the figure in the source: 'AirWars'

    @property
    def number_text(self) -> str:
        return format_number(self.value, self.unit)

    @property
    def display(self) -> str:
        """The value as printed in running text: 'at least 20,000'."""
        return f"{self.qualifier} {self.number_text}" if self.qualifier else self.number_text


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
    qualifier: str                # '' when none
    number: str                   # '220', '400%', '5 km'
    label: Inline
    cite: str                     # citation numbers for the fact's sources, '1' or '1,2'


@dataclass(frozen=True)
class Section:
    heading: Inline
    paragraphs: tuple = ()        # tuple[Inline, ...]
    bullets: tuple = ()           # tuple[Inline, ...]


@dataclass(frozen=True)
class Reference:
    number: int                   # order of first citation on the sheet, from 1
    source: Source

    @property
    def text(self) -> str:
        return self.source.reference_text()


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

    @property
    def stem(self) -> str:
        return self.spec_path.stem

    @property
    def title_text(self) -> str:
        return plain_text(self.title)

    @property
    def as_of_text(self) -> str:
        return f"Figures as of {format_date(self.as_of)}"

    def citation_numbers(self, source_ids) -> str:
        numbers = {r.source.id: r.number for r in self.references}
        return ",".join(str(n) for n in sorted(numbers[s] for s in source_ids if s in numbers))
