"""Qualifiers: their codes, the words a spec writes, the bound each states, and which agree.

A fact's qualifier must say no more than its quote says: "less than 80" cannot support
`at least 80` or a bare 80. Each qualifier states one kind of bound; a quote's kind supports
the fact's kinds listed in SUPPORTS (the README's table, "Qualifiers").
"""
from __future__ import annotations

import re

from .arabic import fold_for_matching, fold_letters

# A qualifier's code (what the model stores) -> the words a spec writes for it, and the kind
# of bound it states about the value N. The printed words are sheet/words.py's, per language.
QUALIFIERS = {
    "at_least": ("at least", "min"),            # N or more
    "more_than": ("more than", "above"),        # more than N
    "over": ("over", "above"),
    "up_to": ("up to", "max"),                  # N or fewer
    "less_than": ("less than", "below"),        # fewer than N
    "fewer_than": ("fewer than", "below"),
    "under": ("under", "below"),
    "nearly": ("nearly", "near"),               # a little under N
    "almost": ("almost", "near"),
    "about": ("about", "approx"),               # close to N, either side
    "around": ("around", "approx"),
    "approximately": ("approximately", "approx"),
}
# The words a spec may write, in the order the messages and the JSON Schema list them
SPEC_WORDS = tuple(words for words, _bound in QUALIFIERS.values())
_CODES = {words: code for code, (words, _bound) in QUALIFIERS.items()}
# What each kind is, as the messages say it
KIND_NAMES = {"exact": "an exact figure", "min": "a lower bound", "above": "a lower bound",
              "max": "an upper bound", "below": "an upper bound",
              "near": "an approximation from below", "approx": "an approximation"}
# quote's kind -> the fact kinds it supports: the same bound, or a weaker one that follows
# from it ('more than 80' is also 'at least 80'; '80' is also 'about 80' and 'up to 80')
SUPPORTS = {
    "exact": {"exact", "approx", "min", "max"},
    "min": {"min"},
    "above": {"above", "min"},
    "max": {"max"},
    "below": {"below", "max"},
    "near": {"near", "approx", "below", "max"},
    "approx": {"approx"},
}
# Words a quote may use before a figure, and the spec words of the qualifier each one means
_QUOTE_WORDS = {
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "not less than": "at least", "a minimum of": "at least",
    "more than": "more than", "in excess of": "more than", "upwards of": "more than",
    "above": "more than", "over": "over",
    "up to": "up to", "as many as": "up to", "no more than": "up to", "not more than": "up to",
    "at most": "up to", "a maximum of": "up to",
    "less than": "less than", "fewer than": "fewer than", "under": "under", "below": "under",
    "nearly": "nearly", "almost": "almost", "close to": "nearly", "just under": "nearly",
    "about": "about", "some": "about", "roughly": "about", "an estimated": "about",
    "around": "around", "approximately": "approximately", "approx.": "approximately",
    # French
    "au moins": "at least", "pas moins de": "at least", "au minimum": "at least",
    "plus de": "more than", "plus d'": "more than", "au-delà de": "more than",
    "jusqu'à": "up to", "au plus": "up to", "pas plus de": "up to", "au maximum": "up to",
    "moins de": "less than", "moins d'": "less than",
    "près de": "nearly", "presque": "almost", "quasiment": "almost", "un peu moins de": "nearly",
    "environ": "about", "quelque": "about", "autour de": "around", "approximativement": "approximately",
    # Arabic, as written; folded below as arabic.fold_letters folds the text before them
    "ما لا يقل عن": "at least", "لا يقل عن": "at least", "ما لا يقل على": "at least",
    "أكثر من": "more than", "ما يزيد عن": "more than", "ما يزيد على": "more than",
    "يزيد عن": "more than", "يزيد على": "more than", "أزيد من": "more than",
    "ما يصل إلى": "up to", "يصل إلى": "up to", "ما لا يزيد عن": "up to", "ما لا يزيد على": "up to",
    "أقل من": "less than", "ما يقل عن": "less than",
    "قرابة": "nearly", "ما يقارب": "nearly", "يقارب": "nearly",
    "نحو": "about", "زهاء": "about", "حوالي": "around", "حوالى": "around",
}
_QUOTE_WORDS = {fold_letters(words): meant for words, meant in _QUOTE_WORDS.items()}
# the longest words first: 'no more than 5' is an upper bound, not 'more than 5'
# ('plus d'un million': French elides before a vowel, with no space after the apostrophe)
_BEFORE = re.compile(r"(?<![\w.])(?P<words>%s)(?:\s+|(?<='))$" % "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_QUOTE_WORDS, key=len, reverse=True)), re.I)
_APOSTROPHES = str.maketrans("\u2019\u02bc", "''")


def code_of(words: str) -> str | None:
    """The code of a qualifier as a spec writes it ('at least' -> 'at_least'), or None."""
    return _CODES.get(words)


def spec_words(code: str | None) -> str | None:
    """The words a spec writes for a qualifier's code ('at_least' -> 'at least')."""
    return QUALIFIERS[code][0] if code else None


def kind(qualifier: str | None) -> str:
    """The kind of bound a qualifier's code states; 'exact' for none."""
    return QUALIFIERS[qualifier][1] if qualifier else "exact"


def qualifier_before(text: str):
    """The qualifier the words just before a figure state: (its code, words as written),
    or (None, None). 'fewer than 80' gives ('fewer_than', 'fewer than')."""
    tail = text[-40:]
    if tail.isascii():
        folded, where = tail, None
    else:   # Arabic with its short vowels or tatweel: 'أَكثر مِن'
        folded, where = fold_for_matching(tail.translate(_APOSTROPHES))
    found = _BEFORE.search(folded)
    if not found:
        return None, None
    start, end = found.span("words")
    words = tail[start:end] if where is None else tail[where[start]:where[end - 1] + 1]  # as written
    return _CODES[_QUOTE_WORDS[" ".join(found.group("words").lower().split())]], words


def _folded(text: str) -> str:
    """Arabic letters in one spelling and curly apostrophes straight, one character for one."""
    return fold_letters(text).translate(_APOSTROPHES) if not text.isascii() else text


# French and Arabic also put 'at least' after the counted noun: '903 blessés au moins',
# '946 مدنياً على الأقل' (the figure, at most two words, then the words)
_AFTER = re.compile(r"^(?:\s+[^\s\d.,;:]+){0,2}?\s+(?P<words>au moins|%s)(?!\w)" % fold_letters("على الأقل"), re.I)


def qualifier_after(text: str):
    """The qualifier stated just after a figure ('au moins', 'على الأقل'): (code, words) or (None, None)."""
    head = text[:40]
    found = _AFTER.match(_folded(head))
    if not found:
        return None, None
    return "at_least", head[found.start("words"):found.end("words")]


def meaning(words: str):
    """The code of the qualifier that prose words mean ('roughly' -> 'about'), or None."""
    meant = _QUOTE_WORDS.get(" ".join(_folded(words).lower().split()))
    return _CODES[meant] if meant else None


def supports(quote_qualifier: str | None, fact_qualifier: str | None) -> bool:
    """Whether a quote stating its figure with `quote_qualifier` supports the fact's."""
    return kind(fact_qualifier) in SUPPORTS[kind(quote_qualifier)]


def disagreement(quote_words: str | None, quote_qualifier: str | None, fact_qualifier: str | None,
                 figure: str, where: str = "the quote") -> str:
    """The hint for a fact whose qualifier its quote does not support."""
    said = f"'{quote_words} {figure}'" if quote_words else f"'{figure}'"
    quote_kind, fact_kind = kind(quote_qualifier), kind(fact_qualifier)
    fix = f"give qualifier: {spec_words(quote_qualifier)}" if quote_qualifier else "remove the qualifier"
    if fact_qualifier:
        return (f"{where} says {said}, {KIND_NAMES[quote_kind]}; '{spec_words(fact_qualifier)}' states "
                f"{KIND_NAMES[fact_kind]}: {fix}")
    return f"{where} says {said}, {KIND_NAMES[quote_kind]}, not an exact figure: {fix}"
