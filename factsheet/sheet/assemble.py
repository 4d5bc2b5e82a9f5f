"""From a validated spec to the `Sheet` model: resolve references, number the sources."""
from __future__ import annotations

import re
from pathlib import Path

from ..spec.markup import join_lines, parse_inline, split_paragraphs
from .chart import assemble_chart
from .model import KeyFigure, Reference, Section, Sheet, Span, citation_marker
from .words import Words, words_for


class _Numbering:
    """Sources are numbered in the order the reader first meets their citation."""

    def __init__(self, sources: dict):
        self.sources = sources
        self.numbers: dict = {}

    def cite(self, source_ids) -> str:
        for sid in source_ids:
            self.numbers.setdefault(sid, len(self.numbers) + 1)
        return citation_marker(self.numbers, source_ids)

    def references(self) -> tuple:
        return tuple(Reference(n, self.sources[sid]) for sid, n in self.numbers.items())


def _inline(raw: str, facts: dict, numbering: _Numbering, words: Words, cited: dict | None = None,
            found: list | None = None, hidden: frozenset = frozenset()) -> tuple:
    """Spans for one paragraph: text, bold figures, and merged citation markers.

    `cited` maps a raw paragraph to its verified figures [(start, end, CitedFigure)]: those
    are set bold like a fact's value, and appended to `found` for the audit trail. Citations
    of `hidden` sources (confidential ones, in the public edition) are left out."""
    marks = (cited or {}).get(raw, [])
    if found is not None:
        found.extend(figure for _s, _e, figure in marks)
    spans: list = []
    pending: list = []  # source ids of adjacent [cites], merged into one marker

    def flush() -> None:
        if pending:
            spans.append(Span(numbering.cite(pending), "cite"))
            pending.clear()

    for tok in parse_inline(raw):
        if tok.kind == "cite":
            if spans and spans[-1].kind == "text":
                # 'killed [src].' prints as 'killed¹.': the marker hugs the word
                spans[-1] = Span(spans[-1].text.rstrip(), "text")
            if tok.value in hidden:   # 'killed [hidden].' prints as 'killed.'
                continue
            pending.append(tok.value)
            continue
        if tok.kind == "text" and pending and not tok.value.strip():
            continue  # the space between two citations
        flush()
        if tok.kind == "fact":
            fact = facts[tok.value]
            spans.append(Span(words.value(fact), "figure"))
            spans.append(Span(numbering.cite(fact.sources), "cite"))
        else:
            spans.extend(_text_spans(raw, tok, marks))
    flush()
    return tuple(s for s in spans if s.text)


_CURRENCY_BEFORE = re.compile(r"(?:US\$|\$|€|£)$")
_FOLD_AFTER = re.compile(r"-fold\b")


def _text_spans(raw: str, tok, marks: list) -> list:
    """A text token as text spans, with the cited figures inside it as 'figure' spans."""
    inside = [(s, e) for s, e, _f in marks if tok.offset <= s and e <= tok.end]
    if not inside or raw[tok.offset:tok.end] != tok.value:   # literal {{ }}: offsets differ
        return [Span(join_lines(tok.value), "text")]
    spans, pos = [], tok.offset
    for start, end in sorted(inside):
        # set bold with the figure what reads as part of it: '$250 million', 'seven-fold'
        sign = _CURRENCY_BEFORE.search(raw, tok.offset, start)
        start = sign.start() if sign and sign.start() >= pos else start
        fold = _FOLD_AFTER.match(raw, end, tok.end)
        end = fold.end() if fold else end
        spans.append(Span(join_lines(raw[pos:start]), "text"))
        spans.append(Span(join_lines(raw[start:end]), "figure"))
        pos = end
    spans.append(Span(join_lines(raw[pos:tok.end]), "text"))
    return spans


def assemble_sheet(*, spec_path: Path, root, header: dict, as_of, keywords: tuple,
                   sources: dict, facts: dict, key_figures: list, sections: list,
                   cited_figures: dict | None = None, hidden: frozenset = frozenset(),
                   edition: str = "internal", charts: dict | None = None,
                   icons: dict | None = None) -> Sheet:
    """The Sheet of a checked spec. `sources` and `facts` are this edition's (the public one
    has no confidential source; validate/edition.py); citations of `hidden` sources are dropped."""
    numbering = _Numbering(sources)
    language = header["language"] or "en"
    words = words_for(language)
    found: list = []
    title = _inline(header["title"], facts, numbering, words, cited_figures, found, hidden)
    subtitle = _inline(header["subtitle"], facts, numbering, words, cited_figures, found, hidden) \
        if header["subtitle"] else ()
    figures = []
    for fid in key_figures:
        fact = facts[fid]
        cite = numbering.cite(fact.sources)
        figures.append(KeyFigure(fid, words.qualifier(fact.qualifier),
                                 words.number(fact.value, fact.unit),
                                 _inline(fact.label, facts, numbering, words, hidden=hidden), cite,
                                 (icons or {}).get(fid)))
    built = []
    for index, (_node, heading, text, bullets) in enumerate(sections):
        head = _inline(heading, facts, numbering, words, cited_figures, found, hidden)
        paragraphs = tuple(_inline(raw, facts, numbering, words, cited_figures, found, hidden)
                           for raw, _ in split_paragraphs(text or ""))
        items = tuple(_inline(b.value.strip(), facts, numbering, words, cited_figures, found, hidden)
                      for b in bullets)
        checked = (charts or {}).get(index)
        chart = assemble_chart(checked, facts, numbering, words, lambda raw: _inline(
            raw, facts, numbering, words, cited_figures, found, hidden)) if checked else None
        built.append(Section(head, paragraphs, items, chart))
    return Sheet(
        spec_path=spec_path, title=title, subtitle=subtitle, as_of=as_of,
        key_figures=tuple(figures), sections=tuple(built), references=numbering.references(),
        facts=tuple(facts.values()), sources=tuple(sources.values()),
        location=header["location"], organisation=header["organisation"],
        contact=header["contact"], disclaimer=header["disclaimer"],
        language=language, template=header["template"] or "default",
        keywords=keywords, cited_figures=tuple(found), edition=edition)
