"""Figures in cited sentences: each must be stated in the archived text of a source the sentence cites.

A figure written in running text with a `[source]` is held to the same value rules as a
fact's quote (digits, separators, words, per cent, scale words, vague magnitudes). The
archive's figures are read once per archive (`figure_index`) and kept on the cached
`Archive`, so a thousand specs citing the same article read its figures once.
"""
from __future__ import annotations

import functools
import math
import re

from ..sheet.model import CitedFigure  # noqa: F401  (re-exported for validate)
from ..spec.number_words import FRENCH_ONLY as _FRENCH_WORDS, guess_language, has_number_words
from ..spec.figures import (_LETTERS, _WORD_SET, VAGUE_FLOORS, Figure, _close, find_figures,
                      find_vague)

# a passage is the sentence around a figure, cut to a clause when the sentence is long
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[^a-z\s])|\n")
_CLAUSE_BREAK = re.compile(r"[;:]\s|,\s")
MAX_PASSAGE = 220
# '180.000' is 180 in English; in much of Europe it is 180,000
_EUROPEAN = re.compile(r"\d{1,3}(?:\.\d{3})+")


# a sentence: up to . ! ? followed by a space or the end ('3.5' and 'U.S.' stay whole)
_CHUNK = re.compile(r"(?:[^.!?\n]|[.!?](?=[^\s.!?]))*[.!?]*")
_DIGIT = re.compile(r"\d")


def _archive_figures(text: str, language: str) -> list:
    """find_figures over a whole article, sentence by sentence: a figure never spans a full
    stop or a line, and the slow word rules then run only on sentences with a number word."""
    figures = []
    for chunk in _CHUNK.finditer(text):
        part = chunk.group(0)
        if _DIGIT.search(part) or not _WORD_SET.isdisjoint(_LETTERS.findall(part.lower())) or \
                (language == "ar" and has_number_words(part)) or \
                (language == "fr" and _FRENCH_WORDS.search(part)):
            base = chunk.start()
            figures.extend(Figure(f.text, f.start + base, f.end + base, f.value, f.percent)
                           for f in find_figures(part, exempt_dates=False, language=language))
    return figures


class FigureIndex:
    """The figures an archive states, by value, for exact look-up and 'nearest' hints."""

    def __init__(self, text: str):
        self.text = text
        self._figures: list | None = None   # read on first use: most figures are copied as
        self._by_value: dict = {}           # written, and found by find_as_written alone
        self._vague: dict | None = None     # few sheets use 'thousands'
        self._passages: dict = {}
        self._lower: str | None = None

    @functools.cached_property
    def language(self) -> str:
        """The article's language, guessed once: its sentences are read in it."""
        return guess_language(self.text)

    @property
    def figures(self) -> list:
        if self._figures is None:
            self._figures = [f for f in _archive_figures(self.text, self.language) if f.value is not None]
            for figure in self._figures:
                self._by_value.setdefault((_key(figure.value), figure.percent), figure)
        return self._figures

    def find_as_written(self, figure: Figure) -> Figure | None:
        """The figure where the archive has the same characters and reads them as the same
        value: reads only the sentences around those characters, not the whole article."""
        if self._lower is None:
            self._lower = self.text.lower()
        lower, wanted = self._lower, figure.text.lower()
        at = lower.find(wanted)
        while at >= 0:
            start = max(0, at - MAX_PASSAGE)
            chunk = _CHUNK.match(self.text, max((m.end() for m in _CHUNK.finditer(self.text, start, at + 1)
                                                 if m.end() <= at and m.group(0)), default=start))
            for found in find_figures(chunk.group(0), exempt_dates=False, language=self.language):
                if chunk.start() + found.start == at and found.value is not None and \
                        found.percent == figure.percent and _close(found.value, figure.value):
                    return Figure(found.text, at, at + len(found.text), found.value, found.percent)
            at = lower.find(wanted, at + 1)
        return None

    @property
    def vague(self) -> dict:
        """The vague magnitudes the archive states, by their lower bound."""
        if self._vague is None:
            self._vague = {}
            for figure in find_vague(self.text):
                self._vague.setdefault(figure.value, figure)
        return self._vague

    def find(self, value: float, percent: bool) -> Figure | None:
        self.figures   # noqa: B018  (reads the article's figures on first use)
        found = self._by_value.get((_key(value), percent))
        if found is None and not float(value).is_integer():   # 'a third' and 33.3 %
            found = next((f for f in self.figures
                          if f.percent == percent and _close(f.value, value)), None)
        return found

    def find_vague(self, floor: float) -> Figure | None:
        """A vague magnitude ('thousands', floor 1000) is stated by the same magnitude, or by
        a figure of that order (1,000 to 9,999; millions: 1 million to 999 million)."""
        if floor in self.vague:
            return self.vague[floor]
        ceiling = floor * (1000 if floor >= 1_000_000 else 10)
        return next((f for f in self.figures if not f.percent and floor <= f.value < ceiling), None)

    def nearest(self, value: float, percent: bool, count: int = 3) -> list:
        """The distinct figures closest in value (same kind, per cent or not): those within
        a factor of ten, or else the one nearest, so '9' is shown '6', not also '180,000'."""
        seen, out = set(), []
        for figure in sorted((f for f in self.figures if f.percent == percent),
                             key=lambda f: (_distance(f.value, value), f.start)):
            if out and not _same_order(figure.value, value):
                break
            if (figure.value, figure.percent) not in seen:
                seen.add((figure.value, figure.percent))
                out.append(figure)
            if len(out) == count:
                break
        return out

    def passage(self, figure: Figure) -> str:
        found = self._passages.get(figure.start)
        if found is None:
            found = self._passages[figure.start] = passage_around(self.text, figure.start, figure.end)
        return found


def _same_order(a: float, b: float) -> bool:
    low, high = sorted((abs(a), abs(b)))
    return high <= 10 * max(low, 1)


def _distance(a: float, b: float) -> float:
    """How far apart two figures are as a reader sees them: by ratio (62,000 is nearer
    180,000 than 6), by difference near zero."""
    if a > 0 and b > 0:
        return abs(math.log(a / b))
    return abs(a - b)


def _key(value: float):
    return round(float(value), 6)


def figure_index(archive) -> FigureIndex:
    """The archive's figure index, built on first use and kept with the cached archive."""
    if archive.figures is None:
        archive.figures = FigureIndex(archive.text)
    return archive.figures


def passage_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` around [start, end), cut to its clause when it is long."""
    # look back only as far as a long sentence; endpos start + 1: the break's look-ahead
    # needs the figure's first character
    window = max(0, start - 4 * MAX_PASSAGE)
    left = max((m.end() for m in _SENTENCE_BREAK.finditer(text, window, start + 1) if m.end() <= start),
               default=window)
    after = _SENTENCE_BREAK.search(text, end)
    right = after.start() if after else len(text)
    if right - left > MAX_PASSAGE:
        left = max([left] + [m.end() for m in _CLAUSE_BREAK.finditer(text, max(left, start - MAX_PASSAGE // 2), start)])
        after = _CLAUSE_BREAK.search(text, end, min(right, end + MAX_PASSAGE // 2))
        right = after.start() if after else min(right, end + MAX_PASSAGE // 2)
        while right < len(text) and right > end and not text[right].isspace() and not after:
            right -= 1
    passage = text[left:right].strip()
    if passage.count('"') % 2:   # cut inside a quotation: drop its lone mark at an edge
        passage = passage.strip('"').strip()
    return passage


def vague_floor(sentence: str, figure: Figure) -> float | None:
    """The lower bound of the vague magnitude the figure belongs to ('tens of thousands': 10000)."""
    for phrase in find_vague(sentence):
        if phrase.start <= figure.start < phrase.end:
            return phrase.value
    word = figure.text.lower()
    return float(VAGUE_FLOORS[word]) if word in VAGUE_FLOORS else None


def whole_phrases(sentence: str, figures: list) -> list:
    """The figures with 'tens of thousands' as one figure, not 'tens' and 'thousands'."""
    phrases = [p for p in find_vague(sentence) if " " in p.text]
    out = []
    for figure in figures:
        phrase = next((p for p in phrases if p.start <= figure.start < p.end), None)
        if phrase is None:
            out.append(figure)
        elif phrase.start == figure.start:
            out.append(Figure(phrase.text, phrase.start, phrase.end, None, False))
    return out


def european_value(text: str) -> float | None:
    """180000 for '180.000': the value a European reader means, when written that way."""
    if _EUROPEAN.fullmatch(text):
        return float(text.replace(".", ""))
    return None


def lookup(figure: Figure, sentence: str, index: FigureIndex) -> Figure | None:
    """The archive figure that states `figure` (read in `sentence`), or None."""
    if figure.value is None:
        floor = vague_floor(sentence, figure)
        if floor is not None:
            return index.find_vague(floor)
        # a figure of no sure value ('1,2345'): only the same characters state it
        at = index.text.find(figure.text)
        return Figure(figure.text, at, at + len(figure.text), None, False) if at >= 0 else None
    return index.find_as_written(figure) or index.find(figure.value, figure.percent)


def missing_hint(figure: Figure, indexes: dict, rel) -> str:
    """What the cited sources do state: the figures nearest in value, each with its passage."""
    lines = []
    european = european_value(figure.text)
    if european is not None:
        lines.append(f"'{figure.text}' reads as {figure.text.split('.')[0]} in English: "
                     f"write {european:,.0f}")
    for sid, (index, path) in indexes.items():
        if figure.value is None and european is None:
            phrase = find_vague(figure.text)
            floor = phrase[0].value if phrase else 0
            near = index.nearest(floor, False, 2) + list(index.vague.values())[:1]
        else:
            near = index.nearest(european if european is not None else figure.value,
                                 figure.percent)
        if near:
            shown = "; ".join(f"'{f.text}' (\"{_short(index.passage(f))}\")" for f in near)
            lines.append(f"nearest figures in {rel(path)}: {shown}")
        else:
            lines.append(f"{rel(path)} states no figure")
    return "\n".join(lines)


def _short(passage: str, most: int = 100) -> str:
    return passage if len(passage) <= most else passage[:most].rsplit(" ", 1)[0] + " ..."
