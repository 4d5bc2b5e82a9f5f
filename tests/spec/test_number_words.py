"""French and Arabic figures: Arabic-Indic digits, number words, scale words, vague magnitudes."""
from __future__ import annotations

from pathlib import Path

import pytest

from factsheet.spec.figures import check_value, find_figures, find_vague
from factsheet.spec.number_words import guess_language
from factsheet.spec.qualifiers import meaning, qualifier_after, qualifier_before

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"


def read(text: str, language: str | None = None) -> list:
    return [(f.text, f.value, f.percent) for f in find_figures(text, language=language) if not f.doubt]


@pytest.mark.parametrize("text, figures", [
    ("deux millions et demi de personnes", [("deux millions et demi", 2_500_000, False)]),
    ("trois cent mille déplacés", [("trois cent mille", 300_000, False)]),
    ("deux milliards de dollars", [("deux milliards", 2e9, False)]),
    ("un milliard", [("un milliard", 1e9, False)]),
    ("deux billions de dollars", [("deux billions", 2e12, False)]),        # French billion: 10^12
    ("plus de 2 billions de dollars selon le rapport", [("2 billions", 2e12, False)]),
    ("1,5 milliard de dollars", [("1,5 milliard", 1.5e9, False)]),
    ("2,5 millions de personnes", [("2,5 millions", 2.5e6, False)]),
    ("quatre-vingt-dix-neuf morts et soixante et onze blessés",
     [("quatre-vingt-dix-neuf", 99, False), ("soixante et onze", 71, False)]),
    ("soixante-dix civils", [("soixante-dix", 70, False)]),
    ("quatre-vingts familles", [("quatre-vingts", 80, False)]),
    ("20 000 personnes le 25 août 2017", [("20 000", 20000, False)]),       # the day is a date
    ("le 1er septembre, 5 pour cent des habitants", [("5 pour cent", 5, True)]),
    ("Il reste encore 100.000 civils retenus en otage par Daech", [("100.000", 100000, False)]),
    ("un homme et une femme", []),                                         # 'un' is no figure
])
def test_french_number_words(text, figures):
    assert read(text, "fr") == figures


@pytest.mark.parametrize("text, figures", [
    ("190 ألف نازح", [("190 ألف", 190_000, False)]),
    ("نزح 2.5 مليون شخص", [("2.5 مليون", 2_500_000, False)]),
    ("نزح ٢٫٥ مليون شخص", [("٢٫٥ مليون", 2_500_000, False)]),               # Arabic-Indic digits
    ("قتل ٢١ مدنياً", [("٢١", 21, False)]),
    ("قتل ۲۱ مدنياً", [("۲۱", 21, False)]),                                 # Persian digits
    ("نحو ٢٠٬٠٠٠ شخص", [("٢٠٬٠٠٠", 20000, False)]),
    ("بنسبة ٥٪", [("٥٪", 5, True)]),
    ("نحو 15 في المئة من السكان", [("15 في المئة", 15, True)]),
    ("مليونا نازح", [("مليونا", 2_000_000, False)]),                        # dual
    ("ألفان", [("ألفان", 2000, False)]),
    ("ألفين وخمسمئة", [("ألفين وخمسمئة", 2500, False)]),
    ("ثلاثة آلاف وخمسمئة", [("ثلاثة آلاف وخمسمئة", 3500, False)]),        # plural after a count
    ("5 ملايين شخص", [("5 ملايين", 5_000_000, False)]),
    ("ما يصل إلى 20 ألفاً من المدنيين", [("20 ألفاً", 20000, False)]),     # accusative after a count
    ("مليون ونصف", [("مليون ونصف", 1_500_000, False)]),
    ("نصف مليون لاجئ", [("نصف مليون", 500_000, False)]),
    ("خمسة وعشرون قتيلاً", [("خمسة وعشرون", 25, False)]),
    ("ثلاثة عشر طفلاً", [("ثلاثة عشر", 13, False)]),
    ("بينهم سبعة أطفال", [("سبعة", 7, False)]),
    ("قتلوا أمس الإثنين في الأحد", []),                                     # Monday, Sunday
    ("25 آب/أغسطس 2017", []),                                             # a date
])
def test_arabic_digits_and_number_words(text, figures):
    assert read(text) == figures


@pytest.mark.parametrize("text, floor", [
    ("des milliers de personnes", 1000), ("des centaines de familles", 100),
    ("plusieurs dizaines de milliers de déplacés", 10_000), ("des dizaines de morts", 10),
    ("des centaines de milliers de réfugiés", 100_000), ("plusieurs milliers", 1000),
    ("عشرات الآلاف من المدنيين", 10_000), ("مئات العائلات", 100), ("آلاف النازحين", 1000),
    ("إنقاذ عشرات المدنيين", 10), ("مئات الآلاف", 100_000), ("ملايين السوريين", 1_000_000),
])
def test_vague_words_state_only_their_lower_bound(text, floor):
    figures = find_figures(text)
    assert len(figures) == 1 and figures[0].value is None      # a figure that needs a source
    assert [f.value for f in find_vague(text)] == [floor]
    assert check_value(floor, None, text, "more_than").ok
    assert not check_value(floor, None, text, None).ok            # not an exact figure
    assert not check_value(floor * 2, None, text, "more_than").ok


@pytest.mark.parametrize("text, figure", [
    ("une centaine de civils ont fui", "une centaine"), ("un millier de familles", "un millier"),
    ("une vingtaine de morts selon l'OSDH", "une vingtaine"), ("une dizaine de blessés", "une dizaine"),
])
def test_a_french_approximate_number_is_a_figure_of_no_exact_value(text, figure):
    """'une centaine' is about a hundred: it needs a source, and states neither 100 nor more."""
    assert [(f.text, f.value) for f in find_figures(text, language="fr")] == [(figure, None)]
    assert not check_value(100, None, text).ok and not check_value(100, None, text, "more_than").ok


def test_a_count_before_a_plural_scale_is_no_vague_word():
    assert find_vague("3 آلاف شخص") == [] and find_vague("ثلاثة آلاف شخص") == []
    assert find_vague("2 millions de personnes") == []


@pytest.mark.parametrize("text", ["بلغ العدد 5،2 مليون", "بلغ العدد ٥،٢ مليون نازح"])
def test_the_arabic_comma_between_digits_is_flagged_not_read(text):
    (figure,) = find_figures(text)
    assert figure.value is None and "مليون" in figure.text
    assert figure.doubt == ("the Arabic comma \u060c between its digits is a decimal sign in some "
                            "copy and a list's comma in other, and some copy reverses the digits "
                            "around it: write the figure with \u066b or a point")
    for value in (5.2e6, 2.5e6, 5, 2):
        verdict = check_value(value, None, text)
        assert not verdict.ok and "cannot be read with certainty" in verdict.hint


def test_the_arabic_comma_after_a_figure_is_a_list_comma():
    assert read("قتل 21 مدنيا، بينهم 5 أطفال") == [("21", 21, False), ("5", 5, False)]


@pytest.mark.parametrize("text, code", [
    ("au moins ", "at_least"), ("pas moins de ", "at_least"), ("plus de ", "more_than"),
    ("plus d'", "more_than"), ("plus d\u2019", "more_than"), ("moins de ", "less_than"),
    ("environ ", "about"), ("près de ", "nearly"), ("jusqu'à ", "up_to"), ("quelque ", "about"),
    ("ما لا يقل عن ", "at_least"), ("أكثر من ", "more_than"), ("اكثر من ", "more_than"),
    ("أقل من ", "less_than"), ("نحو ", "about"), ("حوالي ", "around"), ("حوالى ", "around"),
    ("قرابة ", "nearly"), ("ما يصل إلى ", "up_to"), ("ما يزيد على ", "more_than"),
])
def test_french_and_arabic_qualifiers_before_a_figure(text, code):
    assert qualifier_before("quelqu'un dit " + text)[0] == code


def test_at_least_after_the_figure_in_french_and_arabic():
    assert qualifier_after(" مدنياً على الأقل منذ")[0] == "at_least"
    assert qualifier_after(" blessés au moins")[0] == "at_least"
    assert qualifier_after(" مدنياً قتلوا")[0] is None
    assert check_value(946, None, "وثقت مقتل 946 مدنياً على الأقل", "at_least").ok
    assert check_value(903, None, "903 blessés au moins", "at_least").ok
    assert not check_value(903, None, "903 blessés au moins", None).ok


def test_a_qualifier_written_in_french_or_arabic_in_a_spec_is_explained():
    assert meaning("au moins") == "at_least" and meaning("أكثر من") == "more_than"


@pytest.mark.parametrize("value, qualifier, quote, ok", [
    (170, "more_than", "أكثر من 170 مدنياً قتلوا في الرقة", True),
    (170, None, "أكثر من 170 مدنياً قتلوا في الرقة", False),       # 'more than' is no exact figure
    (200_000, "around", "نزوح حوالي 200 ألف شخص على الأقل من الرقة", True),
    (20_000, "up_to", "وبقاء ما يصل إلى 20 ألفاً من المدنيين محاصرين داخل المدينة", True),
    (20_000, "at_least", "وبقاء ما يصل إلى 20 ألفاً من المدنيين محاصرين داخل المدينة", False),
    (21, "at_least", "ما لا يقل عن 21 مدنيا، بينهم 5 أطفال", True),
    (7, None, "مقتل 27 مدنياً، بينهم سبعة أطفال", True),
    (100_000, "about", "Quelque 100 000 personnes sont bloquées dans la ville", True),
    (170_000, "more_than", "plus de 170 000 ont été tuées", True),
    (170_000, "less_than", "plus de 170 000 ont été tuées", False),
])
def test_values_in_real_arabic_and_french_quotes(value, qualifier, quote, ok):
    assert check_value(value, None, quote, qualifier).ok is ok


@pytest.mark.parametrize("name, language", [
    ("24ae-2017-08-23-raqqa.ar.txt", "ar"), ("francetvinfo-2017-raqqa.fr.txt", "fr"),
    ("lci-2017-06-raqqa.fr.txt", "fr"),
])
def test_the_language_of_a_real_article_is_guessed(name, language):
    assert guess_language((ARTICLES / name).read_text(encoding="utf-8")) == language


@pytest.mark.parametrize("text", [
    "At least 21 civilians were killed and 2 billion dollars spent", "six people, one cent",
    "Thousands fled; tens of thousands remain", "il y a", "the million-dollar question",
])
def test_english_is_read_as_before(text):
    assert guess_language(text) == "en"
    assert read(text) == read(text, "en")


def test_the_figures_of_a_real_arabic_article():
    text = (ARTICLES / "24ae-2017-08-23-raqqa.ar.txt").read_text(encoding="utf-8")
    values = [f.value for f in find_figures(text) if f.value is not None]
    assert {170, 42, 19, 946, 200_000, 20_000} <= set(values)
    assert 2 not in values                                      # 'الإثنين' is Monday
    assert [f.text for f in find_vague(text)] == ["عشرات"]
