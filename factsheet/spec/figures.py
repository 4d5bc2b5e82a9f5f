"""Figures in prose: find numbers written in digits or words, and match a fact's value in its quote."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from fractions import Fraction

from . import number_words
from .arabic import fold_digits
from .dates import MONTHS
from .qualifiers import disagreement, kind, qualifier_after, qualifier_before, spec_words, supports

# Month names and their short forms, matched ignoring case except 'may', which is a month
# only as May or MAY: '12 may have died' is a figure, not a date
MONTH_NAMES = "|".join(["(?-i:May|MAY)" if m == "May" else m.lower() for m in MONTHS]
                       + [m[:3].lower() for m in MONTHS if m != "May"] + ["sept"])

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate(
    "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_SMALL = {**_UNITS, **_TENS}
_SCALES = {"thousand": 10 ** 3, "million": 10 ** 6, "billion": 10 ** 9, "trillion": 10 ** 12}
# Shares of a whole: alone they are percentages ('half' is 50 %); with a count or a scale
# they are part of a number ('one and a half', 'a quarter of a million').
_SHARES = {"half": Fraction(1, 2), "halves": Fraction(1, 2), "third": Fraction(1, 3),
           "thirds": Fraction(1, 3), "quarter": Fraction(1, 4), "quarters": Fraction(1, 4),
           "fifth": Fraction(1, 5), "fifths": Fraction(1, 5)}
# Scales a careful reader of these reports cannot vouch for: refused, never read in part
_UNREAD_SCALES = {"lakh", "lakhs", "lac", "lacs", "crore", "crores"}
# Vague magnitudes are figures that need a source but have no single value. Each states
# only a lower bound: 'thousands' is more than 1,000 (as a fact: 1000, qualifier 'more than').
VAGUE_FLOORS = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000,
                "millions": 1_000_000, "billions": 1_000_000_000}
# 'tens of thousands' is more than 10,000: one magnitude, though find_figures sees two words
_VAGUE_PHRASE = re.compile(r"\b(?P<first>%s)(?:\s+of\s+(?P<second>thousands|millions|billions))?\b"
                           % "|".join(VAGUE_FLOORS), re.IGNORECASE)
_SIGNS = {"minus", "negative"}
_LINKS = {"a", "an", "and", "of", "point"}
_VOCAB = (set(_SMALL) | set(_SCALES) | set(_SHARES) | _UNREAD_SCALES | set(VAGUE_FLOORS)
          | _SIGNS | _LINKS | {"hundred", "dozen"})
# A run of vocabulary words joined by spaces, hyphens or a comma ('two hundred thousand,
# three hundred'); _read_words decides how much of it is one number.
_WORD_RUN = re.compile(r"\b(?:%s)\b(?:(?:[\s-]+|,\s+)(?:%s)\b)*" % (("|".join(sorted(
    _VOCAB, key=len, reverse=True)),) * 2), re.IGNORECASE)
_WORD_TOKEN = re.compile(r"[A-Za-z]+")

_PERCENT = re.compile(r"\s*(?:%|per\s?cent\b|percent\b|pc\b)", re.IGNORECASE)
# cited figures: the word rules are slow on long texts, so they run only where a number word is
_WORD_SET = frozenset(_VOCAB - _LINKS)
_LETTERS = re.compile(r"[a-z]+")
# Thousands grouped by commas (20,000) or by spaces (20 000, also no-break and thin spaces).
_GROUPED = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?!\d)(?:\.\d+)?"
# A sign is a minus stuck to the digits, not a dash between two numbers ('20-25', '20 -25',
# 'COVID-19')
_DIGITS = re.compile(
    r"(?:(?<![\w.,\-\u2212\u2013])(?<!\d\s)(?P<sign>[-\u2212])|(?<![\w.,])|(?<=[a-z]{3}\.))"
    r"(?P<num>" + _GROUPED + r"|\d+(?:[.,]\d+)+|\d+)(?![\w,]*\d)"
    r"(?P<suffix>(?:k|K|m|M|mn|mln|b|B|bn|Bn|BN|tn|trn|T)(?![\w])|\s(?:bn|mn|mln|tn|trn)\b)?")
_SUFFIXES = {"k": 10 ** 3, "m": 10 ** 6, "mn": 10 ** 6, "mln": 10 ** 6, "b": 10 ** 9, "bn": 10 ** 9,
             "tn": 10 ** 12, "trn": 10 ** 12, "t": 10 ** 12}
# 'm', 'b' and 'T' after a bare number may be metres, a flat number or tonnes: read as
# scales only after a currency ('US$10m') or, for b and T, a decimal point ('1.2b')
_SURE_SUFFIXES = {"k", "K", "M", "mn", "mln", "bn", "Bn", "BN", "tn", "trn"}
# '3.4m children': 'm' before people counted is a million, never metres
_COUNTED_AFTER = re.compile(r"\s+(?:more\s+|other\s+|new\s+)?(?:people|persons|individuals|children|"
                            r"adults|women|men|girls|boys|refugees|migrants|returnees|households|"
                            r"families|residents|civilians|IDPs|displaced|inhabitants|voters|"
                            r"students|pupils|patients|beneficiaries)\b", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"(?:[$\u00a3\u20ac]|\b(?:US|USD|EUR|GBP|CHF)\s?\$?)\s?$")
_REGULAR = re.compile(_GROUPED + r"|\d+(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
_POINT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")
# '180.000': nobody writes three decimals ending in 0, unless the point is between thousands
_POINT_OR_THOUSANDS = re.compile(r"[1-9]\d{0,2}\.\d\d0")
_ISO_DATE = re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d")
_SEPARATORS = str.maketrans("", "", ", \u00a0\u2009\u202f")
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
    value: float | None     # None for vague words such as 'thousands', and for doubtful figures
    percent: bool
    doubt: str | None = None   # why the value cannot be read with certainty: '13 lakh'


@dataclass
class _Reading:
    end: int                # index of the first token not read
    value: Fraction | None
    share: bool = False     # a share of a whole alone ('half', 'two thirds'): a percentage
    doubt: str | None = None


def _tokens(run: str, offset: int) -> list:
    """(lower-case word, start, end, joined by a comma) for each word of a run."""
    out, last = [], 0
    for m in _WORD_TOKEN.finditer(run):
        out.append((m.group().lower(), offset + m.start(), offset + m.end(), "," in run[last:m.start()]))
        last = m.end()
    return out


def _fits(current: Fraction, small: int) -> bool:
    """'twenty' + 'one', 'three hundred' + 'five': a small number continues the current one."""
    if current.denominator != 1:
        return False
    rest = int(current) % 100
    return rest == 0 or (rest % 10 == 0 and rest >= 20 and small < 10)


def _skip_articles(words: list, i: int) -> int:
    while i < len(words) and words[i] in ("a", "an", "of"):
        i += 1
    return i


def _read_share(words: list, i: int):
    """A share at words[i:] after 'and': 'a half', 'three quarters'. (end, share) or None."""
    count = Fraction(1)
    if i < len(words) and words[i] in ("a", "an", "one"):
        i += 1
    elif i + 1 < len(words) and words[i] in _UNITS and words[i + 1] in _SHARES:
        count, i = Fraction(_UNITS[words[i]]), i + 1
    if i < len(words) and words[i] in _SHARES:
        return i + 1, count * _SHARES[words[i]]
    return None


_SCALE_NAMES = {v: k for k, v in _SCALES.items()}


def _read_decimals(words: list, commas: list, i: int):
    """The digits after 'point': 'three six' -> '36', 'ninety-nine' -> '99', 'zero five' -> '05'.
    (end, digits), or None when no digit words follow."""
    digits, first = "", i
    while i < len(words) and words[i] in _SMALL and (i == first or not commas[i]):
        value = _SMALL[words[i]]
        if digits.endswith("0") and value < 10 and words[i - 1] in _TENS:
            digits = digits[:-1] + str(value)    # 'ninety' + 'nine'
        else:
            digits += str(value)
        i += 1
    return (i, digits) if digits else None


def _read_words(words: list, commas: list, i: int, seed: Fraction | None = None) -> _Reading:
    """Read one number from words[i:] ('five and a half million', 'two thousand and nineteen',
    'a quarter of a million'), no further than a careful reader would. `seed` is a number in
    digits that the words follow ('3' in '3 million and a half'): then only scales, 'hundred',
    'dozen' and 'and a half' may follow it."""
    n, start, sign = len(words), i, 1
    if seed is None and words[i] in _SIGNS:
        sign, i = -1, i + 1
    if seed is None and words[i:i + 1] == ["and"]:
        return _Reading(i + 1, None)
    total, current, last_scale, counted = Fraction(0), seed, None, seed is not None
    valued = 0                # words read that carry a value ('a', 'and', 'of' alone are none)
    saved = None              # the reading before an 'and' or a comma, if what follows is a new number
    if seed is None and i < n and words[i] in VAGUE_FLOORS:
        return _Reading(i + 1, None)
    if seed is None and i + 1 < n and words[i] in ("a", "an") and \
            words[i + 1] in ("hundred", "dozen", *_SCALES, *_SHARES):
        current, counted, i = (None if words[i + 1] in _SHARES else Fraction(1)), True, i + 1
    while i < n:
        word = words[i]
        joined = commas[i] and i > start     # a comma inside the number, not before it
        if joined and not (words[i - 1] in _SCALES or words[i - 1] == "hundred"):
            break
        if joined and word != "and":
            saved = ("comma", i, total, current, last_scale, valued)
        if word in _SMALL:
            if (seed is not None and last_scale is None) or \
                    (current is not None and not _fits(current, _SMALL[word])):
                break
            current = (current or 0) + _SMALL[word]
        elif word == "hundred":
            if current is not None and (current >= 100 or current.denominator != 1):
                break
            current = (current or 1) * 100
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in _SCALES:
            scale = _SCALES[word]
            if last_scale is not None and scale >= last_scale and saved:
                break        # 'seven million, two million': a list of two
            if last_scale is not None and scale >= last_scale:
                return _Reading(i + 1, None, doubt=f"'{_SCALE_NAMES[last_scale]} {word}' can be "
                                "read in more than one way")
            total += (current if current is not None else 1) * scale
            current, last_scale = None, scale
        elif word in _UNREAD_SCALES:
            return _Reading(i + 1, None, doubt=f"'{word}' is a scale this reader does not read")
        elif word == "point" and seed is None and i + 1 < n and not commas[i + 1] and \
                (decimals := _read_decimals(words, commas, i + 1)):
            i, digits = decimals   # 'two point three', 'twelve point ninety-nine'
            if current is None and not total:   # 'at this point two people': 0.2, or 2?
                return _Reading(i, None, doubt=f"it may be 0.{digits}, or {int(digits)} after "
                                "the word 'point'")
            current = (current or 0) + Fraction(int(digits), 10 ** len(digits))
            valued += 1
            continue
        elif word == "hundreds" and current is not None and current < 100 and seed is None:
            current *= 100               # 'two hundreds' is 200
        elif word in ("thousands", "millions", "billions") and current is not None and seed is None:
            scale = _SCALES[word[:-1]]   # 'seventy-five thousands' is 75,000
            if last_scale is not None and scale >= last_scale:
                break
            total, current, last_scale = total + current * scale, None, scale
        elif word == "and" and (current is not None or last_scale is not None) and \
                (share := _read_share(words, i + 1)) is not None:
            # 'five and a half (million)', '3 million and a half'
            end, part = share
            if current is not None:
                current += part * (12 if words[i - 1] == "dozen" else 1)   # 'a dozen and a half' is 18
            else:
                total += part * last_scale
            i, valued = end, valued + 1
            continue
        elif word == "and" and seed is None and i + 1 < n and words[i + 1] in _SMALL and \
                ((current is not None and current >= 100 and current % 100 == 0) or
                 (current is None and last_scale is not None)):
            saved = saved or ("and", i, total, current, last_scale, valued)  # 'a hundred and two hundred'
        elif word in _SHARES and seed is None and \
                (current is None or (current.denominator == 1 and current < 10)):
            # 'half a million', 'a quarter of a million', 'quarter million', 'two thirds'
            j = _skip_articles(words, i + 1)
            scale = _SCALES.get(words[j]) if j < n else None
            if scale and last_scale is not None and scale >= last_scale:
                scale = None
            if not (counted or current is not None or word in ("half", "halves") or scale):
                break        # 'the third day', 'the old quarter': ordinals and nouns
            part = (current if current is not None else 1) * _SHARES[word]
            if j < n and words[j] == "dozen" and total == 0:     # 'half a dozen' is 6
                current, i, valued = part * 12, j + 1, valued + 2
                continue
            if scale:
                total, current, last_scale, i = total + part * scale, None, scale, j + 1
                valued += 2
                continue
            if total == 0:
                return _Reading(i + 1, sign * part * 100, share=True)
            break
        else:
            break
        valued += 1
        i += 1
    if saved:
        how, state = saved[0], saved[1:]
        after = words[state[0]:i]
        # a second number begins at the 'and' or comma: 'a hundred and two hundred',
        # 'ten thousand, two' (a list), but not 'two hundred thousand, three hundred'
        if (i < n and (words[i] in _SMALL or words[i] in ("hundred", *_SCALES))) or \
                (how == "comma" and not any(w in _SCALES or w in ("hundred", "and") for w in after)):
            i, total, current, last_scale, valued = state
    if not valued or words[start:i] == ["one"]:          # 'one person' is no figure
        return _Reading(max(i, start + 1), None)
    return _Reading(i, sign * (total + (current or 0)))


def _read_digits(text: str, match) -> tuple:
    """(value, end, doubt, scaled) for a number in digits with what follows it: a scale
    suffix ('10k', '1.2bn'), scale words ('3 million and a half') or a scale not read ('13 lakh')."""
    raw, suffix = match.group("num"), match.group("suffix")
    value = None  # '1,2345': a figure all the same, but of no sure value
    if _REGULAR.fullmatch(raw):
        value = Fraction(raw.translate(_SEPARATORS))
    elif _DECIMAL_COMMA.fullmatch(raw):   # '3,5' can only be a decimal comma: thousands come in threes
        value = Fraction(raw.replace(",", "."))
    elif _POINT_THOUSANDS.fullmatch(raw):  # '1.200.000': two points, so both between thousands
        value = Fraction(raw.replace(".", ""))
    end = match.end("num")
    if _POINT_OR_THOUSANDS.fullmatch(raw) and not suffix:
        return None, end, (f"it may be {float(raw):g}, with a decimal point, or "
                           f"{int(raw.replace('.', '')):,}, with a point between thousands"), False
    if suffix:
        key = suffix.strip()
        sure = key in _SURE_SUFFIXES or bool(_CURRENCY_BEFORE.search(text[max(0, match.start() - 6):match.start()])) or \
            ("." in raw and key in ("b", "B", "T")) or \
            (key in ("m", "b") and bool(_COUNTED_AFTER.match(text, match.end("suffix"))))
        if not sure:
            other = {"m": f"{raw} metres", "b": f"a name such as flat {raw}b",
                     "B": f"a name such as block {raw}B", "T": f"{raw} tonnes"}[key]
            scale = _SCALE_NAMES[_SUFFIXES[key.lower()]]
            return None, match.end("suffix"), f"it may be {raw} {scale} or {other}", True
        if value is not None:
            value *= _SUFFIXES[key.lower()]
        return value, match.end("suffix"), None, True
    gap = _GAP.match(text, end)
    run = _WORD_RUN.match(text, gap.end()) if gap and value is not None else None
    if run:
        tokens = _tokens(run.group(), run.start())
        words, commas = [t[0] for t in tokens], [t[3] for t in tokens]
        commas[0] = False
        reading = _read_words(words, commas, 0, seed=value)
        if reading.doubt:
            return None, tokens[reading.end - 1][2], reading.doubt, True
        if reading.value is not None and reading.end > 0:
            return reading.value, tokens[reading.end - 1][2], None, True
    return value, end, None, False


_GAP = re.compile(r"[ \t\u00a0-]+")
_SIGN_WORD_BEFORE = re.compile(r"\b(?:minus|negative)\s+$", re.IGNORECASE)


def _is_exempt(text: str, start: int, raw: str, end: int, value) -> bool:
    """Years 1900-2099 and day numbers beside a month name are dates, not figures."""
    if re.fullmatch(r"(19|20)\d\d", raw):
        return True
    if any(date.start() <= start < date.end()
           for date in _ISO_DATE.finditer(text, max(0, start - 8), end + 8)):
        return True   # the month and day of 2017-08-25
    if re.fullmatch(r"\d{1,2}", raw) and 1 <= value <= 31:
        if _DAY_BEFORE_MONTH.match(text, end) or _DAY_RANGE.match(text, end):
            return True
        if _MONTH_BEFORE_DAY.search(text[max(0, start - 12):start]):
            return True
    return False


def _with_percent(text: str, end: int) -> tuple:
    pct = _PERCENT.match(text, end)
    return (pct.end(), True) if pct else (end, False)


def find_figures(text: str, exempt_dates: bool = True, language: str | None = None) -> list:
    """Every figure in `text`, in order: numbers in digits (Western or Arabic-Indic) and in
    words. A figure whose value cannot be read with certainty ('13 lakh', '10m') has value
    None and says why in `doubt`. `language` ('en', 'fr', 'ar') is the text's, guessed when
    not given (a quote's); Arabic words are read in any text."""
    original, text = text, fold_digits(text)
    words = _LETTERS.findall(text.lower())    # once, for the English words and the language
    figures = _find_figures(text, exempt_dates, words)
    if language is None:
        language = number_words.guess_language(text, words)
    if language != "en" or (not text.isascii() and number_words.has_arabic(text)):

        def make(start, end, value, percent, doubt):
            return Figure(original[start:end], start, end, _float(value), percent, doubt)
        figures = number_words.add_figures(text, figures, language, exempt_dates, make)
    if text is not original:   # Arabic-Indic digits: each figure as written
        figures = [Figure(original[f.start:f.end], f.start, f.end, f.value, f.percent, f.doubt)
                   for f in figures]
    return figures


def _find_figures(text: str, exempt_dates: bool, words: list) -> list:
    """find_figures in English, in a text whose digits are Western."""
    figures = []
    for match in _DIGITS.finditer(text):
        value, end, doubt, scaled = _read_digits(text, match)
        start = match.start()
        sign = match.group("sign") or _SIGN_WORD_BEFORE.search(text[max(0, start - 12):start])
        if sign and not match.group("sign"):
            start -= len(sign.group())
        end, percent = _with_percent(text, end)
        if exempt_dates and not (percent or scaled or sign) and \
                _is_exempt(text, match.start(), match.group("num"), match.end("num"), value):
            continue
        if sign and value is not None:
            value = -value
        figures.append(Figure(text[start:end], start, end, _float(value), percent, doubt))
    starts, ends = [f.start for f in figures], [f.end for f in figures]
    # the word rules are slow on long texts: run them only when a number word is there
    has_words = not _WORD_SET.isdisjoint(words)
    for run in _WORD_RUN.finditer(text) if has_words else ():
        # words inside a figure in digits ('million' in '1.2 million') are read already
        tokens = [t for t in _tokens(run.group(), run.start()) if not _inside(starts, ends, t[1], t[2])]
        words, commas = [t[0] for t in tokens], [t[3] for t in tokens]
        if commas:
            commas[0] = False
        i = 0
        while i < len(words):
            reading = _read_words(words, commas, i)
            last = tokens[reading.end - 1]
            if reading.value is not None or reading.doubt or words[i] in VAGUE_FLOORS:
                start, end = tokens[i][1], last[2]
                percent = reading.share
                if not percent and reading.value is not None:
                    end, percent = _with_percent(text, end)
                figures.append(Figure(text[start:end], start, end, _float(reading.value), percent,
                                      reading.doubt))
            i = reading.end
    return sorted(figures, key=lambda f: f.start)


def _inside(starts: list, ends: list, start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the figures (sorted spans that do not overlap)."""
    i = bisect.bisect_left(ends, start + 1)
    return i < len(starts) and starts[i] < end


def _float(value):
    return None if value is None else float(value)


def find_vague(text: str) -> list:
    """Vague magnitudes in `text` ('thousands', 'tens of thousands'), each as a Figure whose
    value is the lower bound it states (1000, 10000)."""
    found = []
    for match in _VAGUE_PHRASE.finditer(text):
        floor = VAGUE_FLOORS[match.group("first").lower()]
        if match.group("second"):
            floor *= VAGUE_FLOORS[match.group("second").lower()]
        found.append(Figure(match.group(0), match.start(), match.end(), float(floor), False))
    if number_words.may_be_foreign_vague(text) and number_words.guess_language(text) != "en":
        # '2 millions' in French is a number, not the English vague 'millions'
        numbers = [f for f in find_figures(text) if f.value is not None]
        found = [f for f in found if not any(n.start <= f.start < n.end for n in numbers)]
        found += number_words.find_vague(text, lambda start, end, floor: Figure(
            text[start:end], start, end, float(floor), False))
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
RANGE_QUALIFIERS = {"low": ("at_least", "more_than", "over", "about", "around", "approximately"),
                    "high": ("up_to", "nearly", "almost", "about", "around", "approximately")}


@dataclass(frozen=True)
class Verdict:
    """Whether a quote states a fact's value. `problem` says what is wrong: 'value' (the quote
    states no such figure), 'qualifier' (it does, with a bound the fact's qualifier does not
    agree with), 'range' (one end of a range, without a qualifier that says so)."""
    ok: bool
    hint: str | None = None
    problem: str | None = None


def check_value(value: float, unit: str | None, quote: str, qualifier: str | None = None,
                before: str = "") -> Verdict:
    """Whether the quote states `value` (with % when unit is '%') as the fact's qualifier says.

    The quote's own qualifier must support the fact's ('less than 80' cannot support
    'at least 80' or a bare 80: see qualifiers.SUPPORTS). A vague magnitude states its lower
    bound with qualifier 'more than' ('thousands' states more than 1,000). `before` is the
    source's text just before the quote: a quote that starts at its figure ('80 trucks')
    is still bounded by the source's 'less than' in front of it.
    """
    found = find_figures(quote, exempt_dates=False)
    figures = [f for f in found if f.value is not None]
    wants_percent = unit == "%"
    range_hint = bound_hint = None
    for figure in figures:
        if _close(figure.value, value) and figure.percent == wants_percent:
            end = _range_end(quote, figure)
            if end is not None:
                if qualifier in RANGE_QUALIFIERS[end]:
                    return Verdict(True)
                words = " or ".join(spec_words(code) for code in RANGE_QUALIFIERS[end][:2])
                range_hint = range_hint or (f"'{figure.text}' is the {end} end of a range in the "
                                            f"quote: give qualifier: {words}")
                continue
            stated, words = qualifier_before(quote[:figure.start])
            where = "the quote"
            if stated is None and number_words.guess_language(quote) != "en":   # "946 مدنياً على الأقل"
                stated, words = qualifier_after(quote[figure.end:])
            if stated is None and before and not quote[:figure.start].strip():
                stated, words = qualifier_before(before.rstrip() + " ")
                where = "the source, just before the quote,"
            if supports(stated, qualifier):
                return Verdict(True)
            bound_hint = bound_hint or disagreement(words, stated, qualifier, figure.text, where)
    if range_hint:
        return Verdict(False, range_hint, "range")
    if bound_hint:
        return Verdict(False, bound_hint, "qualifier")
    vague = [f for f in find_vague(quote) if _close(f.value, value)] if not wants_percent else []
    for figure in vague:
        stated, words = qualifier_before(quote[:figure.start])
        if kind(stated) in ("max", "below", "near"):   # 'no more than hundreds': no lower bound
            return Verdict(False, f"the quote says '{words} {figure.text}', which bounds a vague "
                           "figure from above: no value states it", "qualifier")
    if vague and kind(qualifier) == "above":
        return Verdict(True)
    for figure in figures:
        if _close(figure.value, value):
            if figure.percent:
                return Verdict(False, f"the quote states '{figure.text}', a percentage: add unit: \"%\"",
                               "value")
            return Verdict(False, f"the quote states '{figure.text}', not a percentage: remove "
                           "unit: \"%\"", "value")
    if vague:
        return Verdict(False, f"the quote states '{vague[0].text}', which says only more than "
                       f"{value:,.0f}: use qualifier: more than", "value")
    doubtful = [f for f in found if f.doubt]
    if doubtful:   # '13 lakh' is not 13, and not anything else we can vouch for
        return Verdict(False, f"the quote states '{doubtful[0].text}', which cannot be read with "
                       f"certainty: {doubtful[0].doubt}; quote a passage that states the figure "
                       "plainly", "value")
    stated = ", ".join(f"'{f.text}'" for f in figures)
    return Verdict(False, f"the quote states {stated}" if stated else "the quote states no figure", "value")


def value_in_quote(value: float, unit: str | None, quote: str, qualifier: str | None = None):
    """check_value as (True, None) or (False, hint)."""
    verdict = check_value(value, unit, quote, qualifier)
    return verdict.ok, verdict.hint


def _close(a: float, b: float) -> bool:
    # 'a third' is 33.3...%: allow the rounding people write (33, 33.3)
    if not float(a).is_integer() or not float(b).is_integer():
        return abs(a - b) < 0.5 if _thirds(a) or _thirds(b) else abs(a - b) < 1e-6
    return a == b


def _thirds(x: float) -> bool:
    """'a third' and 'two thirds' (33.3...% and 66.6...%), which people round."""
    return not float(x).is_integer() and abs(x * 3 / 100 - round(x * 3 / 100)) < 1e-9
