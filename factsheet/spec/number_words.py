"""Figures in French and Arabic prose: number words, scale words after digits, vague magnitudes.

The Arabic words themselves are read in arabic_numbers.py.

figures.find_figures reads digits and English words; `add_figures` then reads what the
language of the text adds, and its readings replace the English ones they overlap
('deux millions et demi' is one figure, not 'millions'). A French 'billion' is 10^12 and
'milliard' 10^9. A vague magnitude ('des milliers', 'عشرات الآلاف') is a figure without a
value; `find_vague` states its lower bound, as figures.VAGUE_FLOORS does in English.
"""
from __future__ import annotations

import re
from fractions import Fraction

from .arabic import ARABIC_LETTER, fold_letters
from .arabic_numbers import AR_MONTHS, find_arabic_vague, read_arabic_figures


class _Lazy:
    """A regular expression compiled on first use: most texts are English and never need
    these, and compiling them all costs a cold `factsheet build` 7 ms."""

    def __init__(self, pattern: str, flags: int = 0):
        self._args, self._compiled = (pattern, flags), None

    def __getattr__(self, name: str):
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return getattr(self._compiled, name)

# -- French -----------------------------------------------------------------------------------
_FR_SMALL = {w: i for i, w in enumerate(
    "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze "
    "seize".split())}
_FR_SMALL["une"] = 1
_FR_TENS = {"vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}
_FR_SCALES = {"mille": 10 ** 3, "million": 10 ** 6, "millions": 10 ** 6, "milliard": 10 ** 9,
              "milliards": 10 ** 9, "billion": 10 ** 12, "billions": 10 ** 12}
_FR_VOCAB = set(_FR_SMALL) | set(_FR_TENS) | set(_FR_SCALES) | {"cent", "cents", "et", "demi", "demie"}
_FR_RUN = _Lazy(r"\b(?:%s)\b(?:[\s-]+(?:%s)\b)*" % (("|".join(sorted(_FR_VOCAB, key=len, reverse=True)),) * 2),
                     re.IGNORECASE)
_FR_VAGUE_FLOORS = {"dizaines": 10, "centaines": 100, "milliers": 1000, "millions": 10 ** 6,
                    "milliards": 10 ** 9}
_FR_VAGUE = _Lazy(r"\b(?:(?:des|plusieurs|quelques|de)\s+)?(?P<first>dizaines|centaines|milliers|"
                       r"millions|milliards)(?:\s+de\s+(?P<second>milliers|millions|milliards))?\b",
                       re.IGNORECASE)
# digits and a scale word: '2,5 millions', '190 000', '1,2 milliard et demi'
_NUMBER = r"\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?!\d)(?:,\d+)?|\d+(?:[.,]\d+)?"
_FR_DIGITS_SCALE = _Lazy(r"(?P<num>%s)\s*(?P<scale>mille|millions?|milliards?|billions?)\b"
                              r"(?P<half>\s+et\s+demie?\b)?" % _NUMBER, re.IGNORECASE)
_FR_MONTHS = ("janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
              "novembre|décembre|decembre")
# words that make a text French rather than English (for a quote, whose language no field gives)
_FR_MARKERS = _Lazy(r"\b(?:de|des|du|la|le|les|et|au|aux|sur|dans|selon|été|ont|sont|une|"
                         r"par|pour|plus|moins|personnes)\b", re.IGNORECASE)
_EN_MARKERS = _Lazy(r"\b(?:the|of|and|in|to|is|was|were|by|for|on|with|people|have|has)\b",
                         re.IGNORECASE)
_FR_HINT = _Lazy(r"\b(?:deux|trois|quatre|cinq|sept|huit|neuf|dix|onze|douze|vingts?|trente|"
                      r"quarante|cinquante|soixante|cents?|mille|millions?|milliards?|billions?|"
                      r"dizaines|centaines|milliers|pour\s?cent)\b", re.IGNORECASE)

_FR_LETTERS = _Lazy("[\u00e0\u00e2\u00e7\u00e8\u00e9\u00ea\u00ee\u00f4\u00fb]")
# French number words that are no English word: a short passage of them alone is French
FRENCH_ONLY = _Lazy(r"\b(?:deux|trois|quatre|cinq|huit|neuf|onze|douze|vingts?|trente|quarante|"
                      r"cinquante|soixante|mille|milliards?|dizaines|centaines|milliers)\b", re.IGNORECASE)
# what makes a passage worth counting its little words: a French number word or month, or
# digits grouped by points (not 'six', 'cent' or 'million', which English has too)
_FR_GATE = frozenset(
    "dizaine douzaine quinzaine vingtaine trentaine quarantaine cinquantaine soixantaine "
    "centaine millier deux trois quatre cinq huit neuf onze douze vingt vingts trente quarante cinquante soixante "
    "mille milliard milliards billions dizaines centaines milliers pour janvier février fevrier "
    "mars avril mai juin juillet août aout septembre octobre novembre décembre decembre "
    "des les une dans selon personnes sont ont".split())
_ASCII_WORD = _Lazy(r"[a-z]+")
_DATE_DAY = _Lazy(r"(?:er)?\s*(?:%s|%s)(?![\w])" % (_FR_MONTHS, AR_MONTHS), re.IGNORECASE)
# '5،2 مليون': the Arabic comma between digits is a list's comma in most copy, a decimal
# sign in some wire copy, and some reverse the digits around it: never read
_ARABIC_COMMA = _Lazy(r"(?<![\d.,])\d+\u060c\d+")
_SCALE_AFTER = _Lazy(r"\s*(?:الف|الاف|مليون|ملايين|مليار|مليارات|mille|millions?|milliards?)(?!\w)")
_POINT_THOUSANDS = _Lazy(r"\d{1,3}(?:\.\d{3})+")
_POINT_GROUP = _Lazy(r"\d\.\d\d\d(?!\d)")
_FR_ABOUT = _Lazy(r"\b(?:une|la|quelques|plusieurs|deux|trois)\s+(?:dizaine|douzaine|quinzaine|vingtaine|"
                  r"trentaine|quarantaine|cinquantaine|soixantaine|centaine)s?\b|\b(?:un|le)\s+millier\b",
                  re.IGNORECASE)
_FR_PERCENT = _Lazy(r"\s*pour\s?cent\b", re.IGNORECASE)


def has_arabic(text: str) -> bool:
    """Whether the text has Arabic letters or the Arabic comma, which any text's figures may use."""
    return ARABIC_LETTER.search(text) is not None or "\u060c" in text


has_number_words = has_arabic   # an Arabic passage may state a figure in words alone


def guess_language(text: str, ascii_words: list | None = None) -> str:
    """'ar', 'fr' or 'en' for a passage whose language no field states (a quote, an article).
    Most passages are English and end at the first check: this runs on every sentence.
    `ascii_words`: the passage's runs of a-z, lower-cased, when the caller has them."""
    if not text.isascii() and ARABIC_LETTER.search(text):
        return "ar"
    if ascii_words is None:
        ascii_words = _ASCII_WORD.findall(text.lower())
    # a French number word or month ('août' and 'décembre' by their accents), or '100.000'
    french = not _FR_GATE.isdisjoint(ascii_words) or \
        ("." in text and _POINT_GROUP.search(text) is not None) or \
        (not text.isascii() and _FR_LETTERS.search(text) is not None)
    if french:
        french, english = len(_FR_MARKERS.findall(text)), len(_EN_MARKERS.findall(text))
        if french > english or (french == english and FRENCH_ONLY.search(text)):
            return "fr"
    return "en"


def add_figures(text: str, figures: list, language: str, exempt_dates: bool, make) -> list:
    """`figures` (the English reader's, in digit-folded `text`) with the readings of `language`
    and the Arabic ones; `make(start, end, value, percent, doubt)` builds a Figure."""
    found, doubts = [], []
    letters = fold_letters(text)
    for match in _ARABIC_COMMA.finditer(text):
        scale = _SCALE_AFTER.match(letters, match.end())
        doubts.append(make(match.start(), scale.end() if scale else match.end(), None, False,
                           "the Arabic comma \u060c between its digits is a decimal sign in some "
                           "copy and a list's comma in other, and some copy reverses the digits "
                           "around it: write the figure with \u066b or a point"))
    if language == "fr":
        found += _french(text, figures, make)
    if ARABIC_LETTER.search(text):
        found += read_arabic_figures(letters, figures, make)
    found = [g for g in found if not any(g.start < d.end and d.start < g.end for d in doubts)] + doubts
    if not found and not exempt_dates:
        return figures
    kept = [f for f in figures if not any(f.start < g.end and g.start < f.end for g in found)]
    if exempt_dates:   # '25 août', '25 آب/أغسطس': days, not figures
        kept = [f for f in kept if not _is_day(letters, f)]
    found = [g for g in found if not (exempt_dates and _is_day(letters, g))]
    return sorted(kept + found, key=lambda f: f.start)


def _is_day(text: str, figure) -> bool:
    raw = text[figure.start:figure.end]
    return raw.isdigit() and 1 <= int(raw) <= 31 and bool(_DATE_DAY.match(text, figure.end))


def _number(raw: str) -> Fraction:
    """'2,5' -> 2.5 (French decimal comma), '190 000' -> 190000, '1.5' -> 1.5."""
    raw = re.sub(r"[ \u00a0\u2009\u202f]", "", raw)
    return Fraction(raw.replace(",", "."))


def _french(text: str, figures: list, make) -> list:
    found = []
    for match in _FR_DIGITS_SCALE.finditer(text):
        if match.start() and (text[match.start() - 1].isalnum() or text[match.start() - 1] in ".,"):
            continue
        scale = _FR_SCALES[match.group("scale").lower()]
        value = _number(match.group("num")) * scale + (Fraction(scale, 2) if match.group("half") else 0)
        found.append(make(match.start(), match.end(), value, False, None))
    for run in _FR_RUN.finditer(text):
        if any(run.start() < f.end and f.start < run.end() for f in found):
            continue
        tokens = [(m.group().lower(), run.start() + m.start(), run.start() + m.end())
                  for m in re.finditer(r"[^\W\d_]+", run.group())]
        i = 0
        while i < len(tokens):
            end, value = _read_french([t[0] for t in tokens], i)
            if value is not None and not (text[max(0, tokens[i][1] - 5):tokens[i][1]].lower().rstrip()
                                          .endswith("pour") and tokens[i][0] in ("cent", "cents")):
                stop = tokens[end - 1][2]
                pct = _FR_PERCENT.match(text, stop)
                found.append(make(tokens[i][1], pct.end() if pct else stop, value, bool(pct), None))
            i = max(end, i + 1)
    numbers = list(found)
    for match in _FR_VAGUE.finditer(text):
        if not any(match.start() < f.end and f.start < match.end() for f in numbers):
            found.append(make(match.start(), match.end(), None, False, None))
    # 'une centaine' is about a hundred, neither 100 nor more than 100: a figure that needs
    # a source, whose only value is its own words
    for match in _FR_ABOUT.finditer(text):
        if not any(match.start() < f.end and f.start < match.end() for f in found):
            found.append(make(match.start(), match.end(), None, False, None))
    out = list(found)
    for figure in figures:
        # '100.000': in French the point is only ever between thousands
        if figure.value is None and _POINT_THOUSANDS.fullmatch(figure.text):
            out.append(make(figure.start, figure.end, _number(figure.text.replace(".", "")), False, None))
            continue
        # 'pour cent' after digits: a percentage ('5 pour cent')
        pct = _FR_PERCENT.match(text, figure.end)
        if pct and not figure.percent and figure.value is not None:
            out.append(make(figure.start, pct.end(), figure.value, True, None))
    return out


def _read_french(words: list, i: int) -> tuple:
    """(end, value) of the number in French words at words[i:], value None when none is there."""
    total, current, last_scale, start = Fraction(0), None, None, i
    while i < len(words):
        word = words[i]
        if word in _FR_SMALL:
            small = _FR_SMALL[word]
            if current is not None and not (current % 100 == 0 or (current % 10 == 0 and current % 100 >= 20
                                            and (small < 10 or current % 100 in (60, 80)))):
                break
            current = (current or 0) + small
        elif word in _FR_TENS:
            if word.startswith("vingt") and current is not None and current % 100 == 4:
                current += 76                     # quatre-vingt(s): 80
            elif current is None or current % 100 == 0:
                current = (current or 0) + _FR_TENS[word]
            else:
                break
        elif word in ("cent", "cents"):
            if current is not None and (current >= 100 or current == 0):
                break
            current = (current or 1) * 100
        elif word in _FR_SCALES:
            scale = _FR_SCALES[word]
            if last_scale is not None and scale >= last_scale:
                break
            total += (current if current is not None else 1) * scale
            current, last_scale = None, scale
        elif word == "et" and i + 1 < len(words) and words[i + 1] in ("demi", "demie") and \
                (current is not None or last_scale is not None):
            total += Fraction(last_scale, 2) if current is None else Fraction(1, 2)
            i += 2
            continue
        elif word == "et" and i + 1 < len(words) and words[i + 1] in ("un", "une", "onze") and \
                current is not None and current % 10 == 0:
            pass
        else:
            break
        i += 1
    if i == start:
        return start + 1, None
    if words[start:i] in (["un"], ["une"]):    # 'un homme' is no figure
        return i, None
    return i, total + (current or 0)



def may_be_foreign_vague(text: str) -> bool:
    """Whether the text may hold a French or Arabic vague magnitude: a quick look first."""
    return "illiers" in text or "izaines" in text or "entaines" in text or "illi" in text \
        or (not text.isascii() and ARABIC_LETTER.search(text) is not None)


def find_vague(text: str, make) -> list:
    """The French and Arabic vague magnitudes in `text`, each made with its lower bound:
    'des milliers' 1,000, 'plusieurs dizaines de milliers' 10,000, 'عشرات الآلاف' 10,000."""
    found = []
    if _FR_HINT.search(text):
        for match in _FR_VAGUE.finditer(text):
            if match.group().lower() == "millions":
                continue     # English too: figures.find_vague reads it
            if match.group("first").lower() in ("millions", "milliards") and \
                    re.search(r"\d\s*$|\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s+$",
                              text[:match.start()], re.IGNORECASE):
                continue     # '3 millions': a scale, not a vague magnitude
            floor = _FR_VAGUE_FLOORS[match.group("first").lower()]
            if match.group("second"):
                floor *= _FR_VAGUE_FLOORS[match.group("second").lower()]
            found.append(make(match.start(), match.end(), floor))
    if ARABIC_LETTER.search(text):
        found += find_arabic_vague(text, make)
    return found
