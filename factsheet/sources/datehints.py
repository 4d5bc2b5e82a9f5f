"""Date hints in a sentence ('last Friday', 'in May', '6 June'), resolved against a publication date.

'in May' is May's total, dated 31 May; 'during January and February' is dated the end of
February; 'over the past six months', 'to date' and 'so far' run up to the day of
publication; plain 'last month' is the calendar month before it.

A hint becomes a fact's date only when it names one day, on or before the day the source
was published; otherwise it is kept as words for the person who checks the draft.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..spec.dates import MONTH_NUMBERS, MONTHS

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Month names are capitalised in news text; 'may' the verb is not a month.
_MONTH = "(?:%s)" % "|".join(MONTHS)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_HINTS = [
    ("day", re.compile(_DAY + r"\s+(?:of\s+)?(?P<month>" + _MONTH + r")\b" + _YEAR)),
    ("day", re.compile(r"(?P<month>" + _MONTH + r")\s+" + _DAY + r"\b" + _YEAR)),
    ("weekday", re.compile(r"\b(?:(?P<which>[Ll]ast|[Tt]his|[Nn]ext|[Oo]n)\s+)?"
                           r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                           r"(?:\s+(?:night|morning|afternoon|evening))?\b")),
    ("relative", re.compile(r"\b(?P<word>yesterday|today|tonight|this morning|last night)\b", re.I)),
    # 'during January and February': the months' total, dated the last one's last day
    ("month", re.compile(r"\b(?P<which>[Ii]n|[Dd]uring|[Tt]hroughout|[Bb]etween)\s+(?:" + _MONTH +
                         r")\s+(?:and|to|-|\u2013)\s+(?P<month>" + _MONTH + r")\b" + _YEAR)),
    ("month", re.compile(r"\b(?P<which>[Ii]n|[Dd]uring|[Tt]hroughout|[Ss]ince|[Bb]y|[Uu]ntil|[Ll]ast|"
                         r"[Ee]arly|[Ll]ate|[Mm]id-?)\s+(?P<month>" + _MONTH + r")\b" + _YEAR)),
    # 'over the past six months', 'over the last month': up to the day of publication
    ("upto", re.compile(r"\b(?:over|in|during|throughout|within)\s+the\s+(?:last|past|previous)\s+"
                        r"(?:(?:\d+|few|several|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                        r"twelve)\s+)?(?:days?|weeks?|months?|years?)\b", re.I)),
    ("upto", re.compile(r"\b(?:to date|so far|as of today)\b", re.I)),
    ("period", re.compile(r"\b(?P<which>last|this|earlier this|next)\s+"
                          r"(?P<period>week|month|year|autumn|fall|spring|summer|winter)\b", re.I)),
    ("year", re.compile(r"\b(?:in|since|by|until|during)\s+(?:19|20)\d\d\b", re.I)),
    ("ago", re.compile(r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)\s+"
                       r"(?:days?|weeks?|months?|years?)\s+ago\b", re.I)),
]


@dataclass(frozen=True)
class DateHint:
    text: str                  # as written: 'last Friday'
    start: int
    end: int
    day: date | None           # the day it names, when it names one not after publication


def find_date_hints(sentence: str, published: date | None) -> list:
    """Every date hint in the sentence, in order, each resolved where it can be."""
    hints, taken = [], []
    for kind, pattern in _HINTS:
        for match in pattern.finditer(sentence):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append((match.start(), match.end()))
            day = _resolve(kind, match, published)
            if day is not None and published is not None and day > published:
                day = None
            hints.append(DateHint(match.group(0), match.start(), match.end(), day))
    return sorted(hints, key=lambda h: h.start)


def _resolve(kind: str, match, published: date | None):
    groups = match.groupdict()
    if kind == "day":
        month = MONTH_NUMBERS[groups["month"].lower()]
        year = int(groups["year"]) if groups.get("year") else None
        if year is None:
            if published is None:
                return None
            year = published.year
            try:
                ahead = (date(year, month, int(groups["day"])) - published).days
            except ValueError:
                return None
            if ahead > 183:
                year -= 1   # '12 December' in a June article is last December; '12 June' is ahead
        try:
            return date(year, month, int(groups["day"]))
        except ValueError:
            return None
    if kind == "month":
        # 'in May': the month's total, dated its last day; 'since May' is a start, not a date
        if groups["which"].lower() not in ("in", "during", "throughout", "between"):
            return None
        month = MONTH_NUMBERS[groups["month"].lower()]
        if groups.get("year"):
            return _month_end(int(groups["year"]), month)
        if published is None:
            return None
        return _month_end(published.year - (month > published.month), month)
    if published is None:
        return None
    if kind == "weekday":
        which = (groups["which"] or "on").lower()
        back = (published.weekday() - _WEEKDAYS.index(groups["weekday"].lower())) % 7
        if which == "last":
            return published - timedelta(days=back or 7)
        if which == "next" or (which == "this" and back > published.weekday()):
            return None     # ahead of the article: not the date of a figure
        return published - timedelta(days=back)
    if kind == "relative":
        word = groups["word"].lower()
        return published - timedelta(days=1) if word in ("yesterday", "last night") else published
    if kind == "upto":
        return published
    if kind == "period" and groups["which"].lower() == "last" and groups["period"].lower() == "month":
        first = published.replace(day=1)
        return first - timedelta(days=1)
    return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
