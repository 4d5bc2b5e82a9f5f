"""Arabic typography: the digits, letters and marks that read alike, folded for reading and matching.

Two folds. `fold_digits` and `fold_letters` replace one character by one, so positions in the
folded text are positions in the original: the figure reader and the qualifier reader use
them. `fold_for_matching` also deletes what a reader does not see as a difference (short
vowels, tatweel, presentation forms from PDFs) and keeps, for each folded character, the
position it came from: quotes are matched in it.

What is never folded: a digit into another digit, one word into another (ة and ه are kept
apart: 'كتابة', writing, is not 'كتابه', his book), and negations ('لا', 'لم', 'غير') are
words like any other.
"""
from __future__ import annotations

import re
import unicodedata

# Arabic-Indic (U+0660-0669) and Extended Arabic-Indic (Persian, Urdu: U+06F0-06F9) digits,
# the Arabic decimal and thousands separators and the Arabic per cent sign
_DIGITS = str.maketrans("\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
                        "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"
                        "\u066b\u066c\u066a", "01234567890123456789.,%")
HAS_FOREIGN_DIGITS = re.compile("[\u0660-\u066c\u06f0-\u06f9]")
# Alef with hamza above or below, with madda, wasla -> bare alef; alef maqsura and Farsi yeh
# -> yeh; keheh -> kaf: spellings of one word that writers and keyboards vary
_LETTERS = str.maketrans("\u0623\u0625\u0622\u0671\u0649\u06cc\u06a9", "\u0627\u0627\u0627\u0627"
                         "\u064a\u064a\u0643")
# the Arabic comma, semicolon and question mark, as their Latin twins
_PUNCTUATION = str.maketrans("\u060c\u061b\u061f", ",;?")
# harakat (fathatan .. sukun and the rarer marks), superscript alef, tatweel
_UNSEEN = re.compile("[\u064b-\u065f\u0670\u0640]")
# presentation forms (a PDF's text layer often has them): NFKC gives the plain letters
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
ARABIC_LETTER = re.compile("[\u0620-\u064a\u0671-\u06d3\ufb50-\ufdff\ufe70-\ufefe]")
# what makes a quote worth the slower, folded comparison
NEEDS_FOLDING = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufefe\u0152\u0153]")
_LIGATURES = {"\u0153": "oe", "\u0152": "OE"}   # French 'cœur' is also written 'coeur'


def fold_digits(text: str) -> str:
    """'٢٠٫٥٪' -> '20.5%': Arabic-Indic digits and separators as Western ones, one for one."""
    return text.translate(_DIGITS) if not text.isascii() and HAS_FOREIGN_DIGITS.search(text) else text


def fold_letters(text: str) -> str:
    """'أكثر' -> 'اكثر': alef forms, alef maqsura and Persian letters as one spelling, one for one."""
    return text.translate(_LETTERS)


def strip_marks(word: str) -> str:
    """A word without its short vowels and tatweel: 'مليونًا' -> 'مليونا'."""
    return _UNSEEN.sub("", word)


def fold_for_matching(text: str) -> tuple:
    """(folded text, position in `text` of each folded character). Folded: presentation forms
    as letters, no harakat or tatweel, one alef, Western digits and separators, Latin
    punctuation, 'œ' as 'oe', runs of spaces as one."""
    out, where = [], []
    for i, char in enumerate(text):
        if _UNSEEN.match(char):
            continue
        if _PRESENTATION.match(char):
            char = unicodedata.normalize("NFKC", char)
        char = _LIGATURES.get(char, char).translate(_DIGITS).translate(_LETTERS).translate(_PUNCTUATION)
        for part in char:
            if part == " " and out and out[-1] == " ":
                continue
            out.append(part)
            where.append(i)
    return "".join(out), where
