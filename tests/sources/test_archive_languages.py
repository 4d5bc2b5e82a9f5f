"""Quotes in Arabic and French sources: typography aside, the words and figures must match.

The archives are real articles about Raqqa in 2017 (tests/data/articles/SOURCES.md).
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from factsheet.sources.archive import Archive, ArchiveCache, normalise
from factsheet.spec.figures import check_value

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
CACHE = ArchiveCache()


def archive(name: str) -> Archive:
    return CACHE.get(ARTICLES / name)


ARABIC = "24ae-2017-08-23-raqqa.ar.txt"
AFP = "masress-elwatan-2017-raqqa.ar.txt"
FRENCH = "francetvinfo-2017-raqqa.fr.txt"


@pytest.mark.parametrize("name, quote", [
    (ARABIC, "أكثر من 170 مدنياً قتلوا في الرقة"),                              # as published
    (ARABIC, "أَكْثَرَ مِنْ 170 مَدَنِيّاً قُتِلُوا فِي الرَّقَّةِ"),                   # with harakat
    (ARABIC, "أكثر من 170 مدنيـــاً قتلـوا في الرقـة"),                           # with tatweel
    (ARABIC, "اكثر من 170 مدنياً قتلوا في الرقة"),                               # bare alef
    (ARABIC, "أكثر من ١٧٠ مدنياً قتلوا في الرقة"),                               # Arabic-Indic digits
    (ARABIC, "أكثر من ۱۷۰ مدنیاً قتلوا في الرقة"),                               # Persian digits, yeh
    (ARABIC, "وبقاء ما يصل الى 20 ألفاً من المدنيين"),                            # إلى without hamza
    (ARABIC, "وبقاء ما يصل إلي 20 ألفاً من المدنيين"),                            # ى written ي
    (ARABIC, "بينهم 19 طفلاً و19 إمرأة"),
    (AFP, "ما لا يقل عن 21 مدنيا, بينهم 5 أطفال"),                              # Latin comma for ،
    (AFP, "ما لا يقل عن \u200f21 مدنيا، بينهم 5 أطفال"),                         # a pasted RLM
    (AFP, "".join(unicodedata.lookup(n) for n in (
        "ARABIC LETTER MEEM ISOLATED FORM", "ARABIC LETTER ALEF FINAL FORM"))
     + " لا يقل عن 21 مدنيا"),                                                  # PDF presentation forms
    (FRENCH, "Quelque 100 000 personnes sont bloquées dans la ville"),
    (FRENCH, "Quelque 100\u202f000 personnes sont bloquées dans la ville"),       # narrow no-break space
    (FRENCH, "L'offensive des forces démocratiques syriennes"),                  # straight apostrophe
])
def test_a_quote_matches_across_typography(name, quote):
    assert archive(name).find(quote)


@pytest.mark.parametrize("name, quote, why", [
    (ARABIC, "أكثر من 171 مدنياً قتلوا في الرقة", "a changed digit"),
    (ARABIC, "أكثر من ١٧١ مدنياً قتلوا في الرقة", "a changed Arabic-Indic digit"),
    (ARABIC, "نزوح حوالي 200 مليون شخص", "a changed magnitude word (million for thousand)"),
    (ARABIC, "وبقاء ما يصل إلى 20 مليوناً من المدنيين", "a changed magnitude word"),
    (ARABIC, "أقل من 170 مدنياً قتلوا في الرقة", "a changed qualifier"),
    (AFP, "في الوقت الذي حددت فيه هوية الطائرات", "a negation taken out ('لم')"),
    (ARABIC, "المدينة التي زال تنظيم داعش يسيطر", "a negation taken out ('لا')"),
    (ARABIC, "أكثر من 170 مدنياً قتلوا في الرقه", "ة and ه are different letters"),
    (ARABIC, "أكثر من 17.0 مدنياً", "a decimal point added"),
    (FRENCH, "Quelque 10 000 personnes sont bloquées dans la ville", "a changed figure"),
    (FRENCH, "Quelque 100 000 personnes ne sont pas bloquées", "a negation added"),
])
def test_a_changed_word_or_figure_still_fails(name, quote, why):
    assert not archive(name).find(quote), why


def test_the_words_before_a_folded_quote_are_found_for_its_bound():
    """A quote that starts at its figure is bounded by the source's words before it, also when
    it matched only across Arabic typography."""
    source = archive(ARABIC)
    quote = "١٧٠ مدنيًا قتلوا في الرقة"
    at = source.position(quote)
    assert at > 0 and source.text[at:at + 3] == "170"
    before = source.text[max(0, at - 40):at]
    assert check_value(170, None, quote, "more_than", before).ok
    assert not check_value(170, None, quote, None, before).ok


def test_direction_marks_in_an_archive_are_unseen():
    assert normalise("\u200f20\u200e,000 \u061cشخص") == "20,000 شخص"


def test_an_english_quote_in_an_english_archive_is_matched_as_before(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("At least 21 civilians died, caf\u00e9 owners said.", encoding="utf-8")
    source = ArchiveCache().get(path)
    assert source.find("At least 21 civilians died") and not source.foreign
    assert not source.find("At least 12 civilians died")
    assert source.position("21 civilians") == 9
