"""Figures in prose: find numbers written in digits or words, and match a fact's value in its quote."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

# 'may' only as May or MAY: '12 may have died' is a figure, not a date
MONTH_NAMES = ("january|february|march|april|(?-i:May|MAY)|june|july|august|september|october|"
               "november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate(
    "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Fractions of a whole: as figures they are percentages ("half" matches 50 with unit %).
_FRACTIONS = {"half": 50.0, "third": 100 / 3, "thirds": 100 / 3, "quarter": 25.0,
              "quarters": 25.0, "fifth": 20.0, "fifths": 20.0}
# Vague magnitudes are figures that need a source but have no single value. Each states
# only a lower bound: 'thousands' is more than 1,000 (as a fact: 1000, qualifier 'more than').
VAGUE_FLOORS = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000,
                "millions": 1_000_000, "billions": 1_000_000_000}
_VAGUE = set(VAGUE_FLOORS)
# 'tens of thousands' is more than 10,000: one magnitude, though find_figures sees two words
_VAGUE_PHRASE = re.compile(r"\b(?P<first>%s)(?:\s+of\s+(?P<second>thousands|millions|billions))?\b"
                           % "|".join(VAGUE_FLOORS), re.IGNORECASE)

_NUMBER_WORDS = sorted(set(_UNITS) - {"zero", "one"} | set(_TENS) | set(_SCALES) | {"dozen", "half"}
                       | _VAGUE, key=len, reverse=True)
# 'third' alone is usually an ordinal ('the third day'); 'a third' and 'two thirds' are figures.
_PART_OF = r"(?:a|one|two|three|four)[\s-]+(?:thirds?|quarters?|fifths?)"
_WORD = r"(?:%s)" % "|".join(_NUMBER_WORDS)
_ANY_WORD = r"(?:%s)" % "|".join(sorted(set(_UNITS) | set(_TENS) | set(_SCALES) | {"dozen", "a", "and"},
                                         key=len, reverse=True))

_WORD_SET = frozenset(_NUMBER_WORDS) | {"third", "thirds", "quarter", "quarters", "fifth", "fifths"}
_LETTERS = re.compile(r"[a-z]+")
_PERCENT = r"(?P<pct>\s*(?:%|per\s?cent\b|percent\b|pc\b))?"
# Thousands grouped by commas (20,000) or by spaces (20 000, also no-break and thin spaces).
_GROUPED = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?!\d)(?:\.\d+)?"
_DIGITS = re.compile(
    r"(?<![\w.,])(?P<num>" + _GROUPED + r"|\d+(?:\.\d+)?|\d+(?:[.,]\d+)+)(?![\w,]*\d)"
    r"(?P<scale>\s+(?:million|billion|thousand)\b)?" + _PERCENT, re.IGNORECASE)
_REGULAR = re.compile(_GROUPED + r"|\d+(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
_ISO_DATE = re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d")
_SEPARATORS = str.maketrans("", "", ", \u00a0\u2009\u202f")
_WORDS = re.compile(
    r"\b(?P<words>%s|(?:%s)(?:[\s-]+(?:%s))*)\b" % (_PART_OF, _WORD, _ANY_WORD) + _PERCENT, re.IGNORECASE)
_DAY_BEFORE_MONTH = re.compile(r"\s*(?:st|nd|rd|th)?\s+(?:of\s+)?(?:%s)\b" % MONTH_NAMES, re.I)
_MONTH_BEFORE_DAY = re.compile(r"\b(?:%s)\.?\s+$" % MONTH_NAMES, re.I)
# the first day of a range of dates: '5-8 August', '5 and 8 August', '19 to 20 October'
_DAY_RANGE = re.compile(r"\s*(?:st|nd|rd|th)?\s*(?:[-\u2013\u2014/]|to\b|and\b|until\b|till\b)\s*"
                        r"\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:%s)\b" % MONTH_NAMES, re.I)


@dataclass(frozen=True)
class Figure:
    text: str               # as written: '20,000', '400 per cent', 'half'
    start: int
    end: int
    value: float | None     # None for vague words such as 'thousands'
    percent: bool


def _words_value(words: str):
    """Value of a run of number words: 'twenty-one' 21, 'three hundred' 300, 'half' 50 (%)."""
    parts = [w for w in re.split(r"[\s-]+", words.lower()) if w not in ("a", "and", "")]
    if len(parts) == 1 and parts[0] in _FRACTIONS:
        return _FRACTIONS[parts[0]], True
    if any(p in _VAGUE for p in parts):
        return None, False
    total, current = 0, 0
    for part in parts:
        if part in _UNITS:
            current += _UNITS[part]
        elif part in _TENS:
            current += _TENS[part]
        elif part == "dozen":
            current = (current or 1) * 12
        elif part in _SCALES:
            current = (current or 1) * _SCALES[part]
            if _SCALES[part] >= 1000:
                total, current = total + current, 0
        elif part in _FRACTIONS:
            rest = parts[parts.index(part) + 1:]
            if rest and all(p in _SCALES for p in rest):  # 'half a million' is 500,000
                share = (current or 1) * _FRACTIONS[part] / 100
                return share * math.prod(_SCALES[p] for p in rest), False
            return (current or 1) * _FRACTIONS[part], True
    return float(total + current), False


def _is_exempt(text: str, match, value: float, percent: bool) -> bool:
    """Years 1900-2099 and day numbers beside a month name are dates, not figures."""
    raw = match.group("num")
    if percent or match.group("scale"):
        return False
    if re.fullmatch(r"(19|20)\d\d", raw):
        return True
    if any(date.start() <= match.start() < date.end()
           for date in _ISO_DATE.finditer(text, max(0, match.start() - 8), match.end() + 8)):
        return True   # the month and day of 2017-08-25
    if re.fullmatch(r"\d{1,2}", raw) and 1 <= value <= 31:
        if _DAY_BEFORE_MONTH.match(text, match.end("num")) or _DAY_RANGE.match(text, match.end("num")):
            return True
        if _MONTH_BEFORE_DAY.search(text[max(0, match.start() - 12):match.start()]):
            return True
    return False


def find_figures(text: str, exempt_dates: bool = True) -> list:
    """Every figure in `text`, in order: numbers in digits and in words."""
    figures = []
    for match in _DIGITS.finditer(text):
        value = None  # '12,5' or '1,2345': a figure all the same, but of no sure value
        if _REGULAR.fullmatch(match.group("num")) or _DECIMAL_COMMA.fullmatch(match.group("num")):
            # '3,5' can only be a decimal comma: thousands come in threes
            value = float(match.group("num").translate(_SEPARATORS) if _REGULAR.fullmatch(
                match.group("num")) else match.group("num").replace(",", "."))
            if match.group("scale"):
                value *= _SCALES[match.group("scale").strip().lower()]
        percent = bool(match.group("pct"))
        if exempt_dates and _is_exempt(text, match, value, percent):
            continue
        end = match.end() if percent else match.end("scale") if match.group("scale") else match.end("num")
        figures.append(Figure(text[match.start():end], match.start(), end, value, percent))
    taken = [(f.start, f.end) for f in figures]
    # the word rules are slow on long texts: run them only when a number word is there
    has_words = not _WORD_SET.isdisjoint(_LETTERS.findall(text.lower()))
    for match in _WORDS.finditer(text) if has_words else ():
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue  # 'million' in '1.2 million' is part of a number already found
        words = match.group("words")
        # trailing 'a'/'and' belong to the sentence, not the number
        words = re.sub(r"(?:[\s-]+(?:a|and))+$", "", words, flags=re.I)
        value, fraction = _words_value(words)
        percent = fraction or bool(match.group("pct"))
        end = match.end() if match.group("pct") else match.start() + len(words)
        figures.append(Figure(text[match.start():end], match.start(), end, value, percent))
    return sorted(figures, key=lambda f: f.start)


def find_vague(text: str) -> list:
    """Vague magnitudes in `text` ('thousands', 'tens of thousands'), each as a Figure whose
    value is the lower bound it states (1000, 10000)."""
    found = []
    for match in _VAGUE_PHRASE.finditer(text):
        floor = VAGUE_FLOORS[match.group("first").lower()]
        if match.group("second"):
            floor *= VAGUE_FLOORS[match.group("second").lower()]
        found.append(Figure(match.group(0), match.start(), match.end(), float(floor), False))
    return found


def _range_end(quote: str, figure: Figure):
    """'low' or 'high' when the figure is one end of a range ('20-25', '20 to 25',
    'between 20 and 25'), else None."""
    if _RANGE_AFTER.match(quote, figure.end):
        return "low"
    if _RANGE_BEFORE.search(quote[:figure.start]):
        return "high"
    return None


_RANGE_AFTER = re.compile(r"\s*(?:[-\u2013\u2014]|to\b|and\b(?=\s*\d))\s*\d")
_RANGE_BEFORE = re.compile(r"(?:\d\s*[-\u2013\u2014]\s*|\d\s+to\s+|between\s+\S+\s+and\s+)$", re.I)
# One end of a range is stated only with a qualifier that says it is one end.
RANGE_QUALIFIERS = {"low": ("at least", "more than", "about"), "high": ("up to", "nearly", "about")}


def value_in_quote(value: float, unit: str | None, quote: str, qualifier: str | None = None):
    """Whether the quote states `value` (with % when unit is '%').

    A vague magnitude states its lower bound with qualifier 'more than' ('thousands' states
    more than 1,000). Returns (True, None), or (False, hint) where the hint says what the
    quote does state.
    """
    figures = [f for f in find_figures(quote, exempt_dates=False) if f.value is not None]
    wants_percent = unit == "%"
    range_hint = None
    for figure in figures:
        if _close(figure.value, value) and figure.percent == wants_percent:
            end = _range_end(quote, figure)
            if end is None or qualifier in RANGE_QUALIFIERS[end]:
                return True, None
            words = " or ".join(RANGE_QUALIFIERS[end][:2])
            range_hint = (f"'{figure.text}' is the {end} end of a range in the quote: "
                          f"give qualifier: {words}")
    if range_hint:
        return False, range_hint
    vague = [f for f in find_vague(quote) if _close(f.value, value)] if not wants_percent else []
    if vague and qualifier == "more than":
        return True, None
    for figure in figures:
        if _close(figure.value, value):
            if figure.percent:
                return False, f"the quote states '{figure.text}', a percentage: add unit: \"%\""
            return False, f"the quote states '{figure.text}', not a percentage: remove unit: \"%\""
    if vague:
        return False, (f"the quote states '{vague[0].text}', which says only more than "
                       f"{value:,.0f}: use qualifier: more than")
    stated = ", ".join(f"'{f.text}'" for f in figures)
    return False, (f"the quote states {stated}" if stated else "the quote states no figure")


def _close(a: float, b: float) -> bool:
    # 'a third' is 33.3...%: allow the rounding people write (33, 33.3)
    if not float(a).is_integer() or not float(b).is_integer():
        return abs(a - b) < 0.5 if _thirds(a) or _thirds(b) else abs(a - b) < 1e-6
    return a == b


def _thirds(x: float) -> bool:
    """'a third' and 'two thirds' (33.3...% and 66.6...%), which people round."""
    return not float(x).is_integer() and abs(x * 3 / 100 - round(x * 3 / 100)) < 1e-9
