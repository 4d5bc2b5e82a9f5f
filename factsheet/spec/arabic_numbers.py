"""Figures in Arabic: number words, scale words after digits, duals, vague magnitudes.

number_words.add_figures calls `read_arabic_figures` on any text with Arabic letters, after
the English reader has read its digits (Arabic-Indic ones folded to Western). Words are
compared without short vowels and tatweel, with one alef and yeh for alef maqsura.
"""
from __future__ import annotations

import re
from fractions import Fraction

from .arabic import fold_letters, strip_marks

_AR_UNITS = {"واحد": 1, "واحدة": 1, "احد": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
             "اثنا": 2, "اثني": 2, "ثلاث": 3, "ثلاثة": 3, "اربع": 4, "اربعة": 4, "خمس": 5,
             "خمسة": 5, "ست": 6, "ستة": 6, "سبع": 7, "سبعة": 7, "ثماني": 8, "ثمانية": 8,
             "ثمان": 8, "تسع": 9, "تسعة": 9, "عشر": 10, "عشرة": 10}
_AR_TENS = {stem + end: 10 * n for n, stem in enumerate(
    ("", "", "عشر", "ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع")) if stem for end in ("ون", "ين")}
_AR_HUNDREDS = {"مئة": 100, "مائة": 100, "مئه": 100, "مائه": 100}
_AR_HUNDREDS.update({form: 200 for form in ("مئتان", "مئتين", "مئتا", "مئتي", "مائتان", "مائتين",
                                            "مائتا", "مائتي")})
_AR_HUNDREDS.update({stem + h: n * 100 for n, stem in ((3, "ثلاث"), (4, "اربع"), (5, "خمس"),
                     (6, "ست"), (7, "سبع"), (8, "ثمان"), (9, "تسع")) for h in ("مئة", "مائة")})
_AR_SCALES = {"الف": 10 ** 3, "مليون": 10 ** 6, "مليار": 10 ** 9, "بليون": 10 ** 9,
              "ترليون": 10 ** 12, "تريليون": 10 ** 12}
# after a count of 3 to 10: 'ثلاثة آلاف', '5 ملايين'; alone, a vague magnitude
_AR_PLURALS = {"الاف": 10 ** 3, "ملايين": 10 ** 6, "مليارات": 10 ** 9}
# two of a scale, in one word: 'مليونا نازح', 'ألفان'
_AR_DUALS = {form: scale for stem, scale in (("الف", 10 ** 3), ("مليون", 10 ** 6), ("مليار", 10 ** 9))
             for form in (stem + "ان", stem + "ين", stem + "ا", stem + "ي")}
# a scale's accusative after a count ('20 ألفاً', 'عشرين مليوناً'), spelled as its dual's
# construct form ('مليونا نازح', two million displaced) once the tanween is taken off
_AR_ACCUSATIVES = {stem + "ا": scale for stem, scale in _AR_SCALES.items()}
_AR_VAGUE_FLOORS = {"عشرات": 10, "مئات": 100, "الاف": 1000, "ملايين": 10 ** 6, "مليارات": 10 ** 9}
_AR_WORD = re.compile("[\u0621-\u064a\u0640\u064b-\u065f\u0670]+")
_AR_PERCENT = re.compile(r"\s*(?:في\s?الم(?:ئ|ائ)ة|بالم(?:ئ|ائ)ة)")
AR_MONTHS = ("كانون|شباط|اذار|نيسان|ايار|حزيران|تموز|اب|ايلول|تشرين|يناير|فبراير|مارس|ابريل|"
              "مايو|يونيو|يونيه|يوليو|يوليه|اغسطس|سبتمبر|اكتوبر|نوفمبر|ديسمبر")


def _arabic_tokens(letters: str) -> list:
    """(key, start, end, joined by 'و') of each Arabic word: the key without its short vowels,
    tatweel, and the 'و' (and) prefixed to it."""
    out = []
    for match in _AR_WORD.finditer(letters):
        key, joined = strip_marks(match.group()), False
        if key.startswith("و") and key not in _AR_ALL and key[1:] in _AR_ALL | {"نصف"}:
            key, joined = key[1:], True
        if key.startswith("ال") and key not in _AR_ALL and key[2:] in _AR_DEFINITE:
            key = key[2:]          # 'الآلاف', 'العشرات'; never 'الاثنين' (Monday) or 'الأحد' (Sunday)
        out.append((key, match.start(), match.end(), joined))
    return out


_AR_DEFINITE = set(_AR_PLURALS) | set(_AR_VAGUE_FLOORS) | set(_AR_SCALES)
_AR_ALL = set(_AR_UNITS) | set(_AR_TENS) | set(_AR_HUNDREDS) | set(_AR_SCALES) | set(_AR_PLURALS) \
    | set(_AR_DUALS) | set(_AR_VAGUE_FLOORS)


def read_arabic_figures(letters: str, figures: list, make) -> list:
    """Arabic figures in `letters` (digit-folded, letters folded): scale words after the
    English reader's digits, number words, vague magnitudes and percentages."""
    tokens = _arabic_tokens(letters)
    found, used = [], set()
    # digits and the scale word after them: '190 ألف', '2.5 مليون', '3 آلاف'
    by_start = {t[1]: k for k, t in enumerate(tokens)}
    for figure in figures:
        if figure.value is None or figure.percent:
            continue
        gap = re.match(r"\s*", letters[figure.end:]).end()
        k = by_start.get(figure.end + gap)
        if k is None or letters[figure.start:figure.end].strip().isalpha():
            continue
        key = tokens[k][0]
        scale = _AR_SCALES.get(key) or _AR_ACCUSATIVES.get(key) or \
            (_AR_PLURALS.get(key) if 3 <= figure.value <= 10 else None)
        if scale:
            end, value = tokens[k][2], Fraction(figure.value).limit_denominator(10 ** 6) * scale
            used.add(k)
            if k + 1 < len(tokens) and tokens[k + 1][0] == "نصف" and tokens[k + 1][3]:
                end, value = tokens[k + 1][2], value + Fraction(scale, 2)
                used.add(k + 1)
            found.append(make(figure.start, end, value, False, None))
    for figure in figures:
        pct = _AR_PERCENT.match(letters, figure.end)
        if pct and not figure.percent and figure.value is not None:
            found.append(make(figure.start, pct.end(), figure.value, True, None))
            used.update(j for j, t in enumerate(tokens) if figure.end <= t[1] < pct.end())
    k = 0
    while k < len(tokens):
        if k in used:
            k += 1
            continue
        end, value = _read_arabic(tokens, k, letters)
        if value is not None:
            stop = tokens[end - 1][2]
            pct = _AR_PERCENT.match(letters, stop)
            found.append(make(tokens[k][1], pct.end() if pct else stop, value, bool(pct), None))
            used.update(range(k, end))
            k = end
            continue
        key = tokens[k][0]
        if key in _AR_VAGUE_FLOORS:
            last = k + 1 if k + 1 < len(tokens) and tokens[k + 1][0] in _AR_PLURALS and \
                _adjacent(letters, tokens[k], tokens[k + 1]) else k
            found.append(make(tokens[k][1], tokens[last][2], None, False, None))
            k = last + 1
            continue
        k += 1
    return found


def _adjacent(letters: str, first: tuple, second: tuple) -> bool:
    return not letters[first[2]:second[1]].strip()


def _read_arabic(tokens: list, k: int, letters: str) -> tuple:
    """(end, value) of the number in Arabic words at tokens[k:], value None when none is there."""
    total, current, last_scale, start = Fraction(0), None, None, k
    while k < len(tokens):
        key, _s, _e, joined = tokens[k]
        if k > start and not _adjacent(letters, tokens[k - 1], tokens[k]):
            break
        if key in _AR_UNITS:
            unit = _AR_UNITS[key]
            if unit == 10 and current is not None and current < 10 and not joined:
                current += 10                      # 'ثلاثة عشر': 13
            elif current is None or (joined and current % 10 == 0):
                current = (current or 0) + unit
            else:
                break
        elif key in _AR_TENS:
            if current is not None and not joined:
                break
            current = (current or 0) + _AR_TENS[key]
        elif key in _AR_HUNDREDS:
            if key in ("مئة", "مائة", "مئه", "مائه") and current is not None and 3 <= current <= 9 \
                    and not joined:
                current *= 100                     # 'ثلاث مئة'
            elif current is None or joined:
                current = (current or 0) + _AR_HUNDREDS[key]
            else:
                break
        elif key in _AR_SCALES or (key in _AR_PLURALS and current is not None and 3 <= current <= 10) \
                or (key in _AR_ACCUSATIVES and current is not None):
            scale = _AR_SCALES.get(key) or _AR_ACCUSATIVES.get(key) or _AR_PLURALS[key]
            if last_scale is not None and scale >= last_scale:
                break
            total += (current if current is not None else 1) * scale
            current, last_scale = None, scale
        elif key in _AR_DUALS and current is None and (k == start or joined):
            scale = _AR_DUALS[key]
            if last_scale is not None and scale >= last_scale:
                break
            total, last_scale = total + 2 * scale, scale
        elif key == "نصف" and joined and (last_scale is not None or current is not None):
            total += Fraction(last_scale, 2) if current is None else Fraction(1, 2)
        elif key == "نصف" and k == start and k + 1 < len(tokens) and tokens[k + 1][0] in _AR_SCALES:
            total, last_scale = Fraction(_AR_SCALES[tokens[k + 1][0]], 2), _AR_SCALES[tokens[k + 1][0]]
            k += 2
            continue
        else:
            break
        k += 1
    if k == start or (k == start + 1 and tokens[start][0] in ("واحد", "واحدة", "احد")):
        return max(k, start + 1), None
    return k, total + (current or 0)


def find_arabic_vague(text: str, make) -> list:
    """The Arabic vague magnitudes, each made with its lower bound: 'عشرات الآلاف' 10,000."""
    found = []
    letters = fold_letters(text)
    tokens = _arabic_tokens(letters)
    k = 0
    while k < len(tokens):
        key = tokens[k][0]
        before = letters[:tokens[k][1]].rstrip()
        counted = key in _AR_PLURALS and (before[-1:].isdigit() or (k and tokens[k - 1][0] in _AR_UNITS
                                                                      and _adjacent(letters, tokens[k - 1], tokens[k])))
        if key in _AR_VAGUE_FLOORS and not counted:
            floor, last = _AR_VAGUE_FLOORS[key], k
            if k + 1 < len(tokens) and tokens[k + 1][0] in _AR_PLURALS and \
                    _adjacent(letters, tokens[k], tokens[k + 1]):
                floor, last = floor * _AR_PLURALS[tokens[k + 1][0]], k + 1
            found.append(make(tokens[k][1], tokens[last][2], floor))
            k = last + 1
            continue
        k += 1
    return found
