"""Right-to-left sheets: an Arabic spec mirrored, shaped and in bidi order, in the PDF and the DOCX.

Positions come from `pdftotext -bbox` (poppler): it gives each word's box with its characters in
the order they are drawn (visual), so an Arabic word is read back by reversing it; its letters
are the presentation forms the PDF draws (NFKC gives the plain letters).
"""
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings, strategies as st

from factsheet.build.sheet import build_sheet
from factsheet.layout.bidi import shape_arabic
from factsheet.theme.scripts import RTL_TEXT
from factsheet.layout.fit import fit_page
from factsheet.render.pdf_bidi import bracket_pairs, visual_order
from factsheet.theme.template import load_template

from fixture_specs import checked, spec_variant, with_produced

ARABIC = Path(__file__).resolve().parent.parent / "fixtures" / "arabic" / "raqqa-ar.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) is not installed")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The Arabic fixture sheet built to PDF and DOCX, and its layout."""
    folder = tmp_path_factory.mktemp("rtl")
    sheet = with_produced(checked(ARABIC, warnings=("stale",)))
    template = load_template("default")
    pdf, docx = build_sheet(sheet, template, folder)
    return pdf, docx, fit_page(sheet, template)


def words(pdf: Path) -> list:
    """(logical text, xMin, yMin, xMax, yMax) of every word pdftotext finds."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True,
                         text=True).stdout
    found = []
    for match in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">([^<]*)</word>', xml):
        text = match.group(5).replace("&amp;", "&")
        if RTL_TEXT.search(text):
            text = text[::-1]   # drawn left to right: read back right to left
        found.append((unicodedata.normalize("NFKC", text), *map(float, match.groups()[:4])))
    return found


def line_of(found: list, first: str, right_of: float = 0.0) -> list:
    """The words on the line of the rightmost word `first` (right of `right_of`), right to
    left, bullets left out."""
    anchor = max((w for w in found if w[0] == first and w[1] >= right_of), key=lambda w: w[3])
    top, bottom = anchor[2], anchor[4]
    line = [w for w in found if top <= (w[2] + w[4]) / 2 <= bottom and w[1] >= right_of
            and w[0] != "\u2022"]
    return sorted(line, key=lambda w: -w[3])


def rows(found: list) -> list:
    """Words grouped into lines by their vertical centre (Arabic and Latin boxes differ in
    height on one line), top down, each right to left."""
    lines = []
    for word in sorted(found, key=lambda w: (w[2] + w[4]) / 2):
        centre = (word[2] + word[4]) / 2
        if lines and centre - lines[-1][0] < 5:
            lines[-1][1].append(word)
        else:
            lines.append((centre, [word]))
    return [sorted(words, key=lambda w: -w[3]) for _, words in lines]


@needs_poppler
def test_an_arabic_line_reads_from_the_right_figure_name_then_marker(built):
    pdf, _, layout = built
    line = line_of(words(pdf), "قُتل", right_of=layout.page_width / 2)
    texts = [w[0] for w in line]
    assert texts[:9] == ["قُتل", "ما", "لا", "يقل", "عن", "21", "مدنياً", "في", "الرقة"]
    # the bracketed Latin name follows, its brackets the right way round, then the marker
    assert texts[9:] == ["(AirWars)", " [1]"]   # the marker reads as its /ActualText
    name, marker = line[9], line[10]
    assert marker[3] <= name[1] + 0.5 and marker[4] < name[4]   # to its left, raised


@needs_poppler
def test_a_marker_after_a_figure_stays_after_it(built):
    """'220,000' + marker is not one number: the marker is to the figure's left."""
    pdf, _, layout = built
    line = line_of(words(pdf), "يعيش", right_of=layout.page_width / 2)
    texts = [w[0] for w in line]
    assert texts[:6] == ["يعيش", "في", "المدينة", "نحو", "220,000", " [1]"]


@needs_poppler
def test_a_wrapped_arabic_paragraph_starts_top_right_and_each_line_ends_flush_right(built):
    pdf, _, layout = built
    found = words(pdf)
    column = [w for w in found if w[3] < layout.page_width / 2]   # the second column: the left one
    first = max((w for w in column if w[0] == "تقول"), key=lambda w: w[3])
    lines = [line for line in rows(column) if line[0][2] >= first[2] - 1][:7]
    assert lines[0][0] is first                                    # top line, rightmost word
    right_edges = [line[0][3] for line in lines]
    assert max(right_edges) - min(right_edges) < 0.6, right_edges   # each line flush right
    assert right_edges[0] == pytest.approx(layout.margin_left + layout.column_width, abs=0.6)


DUAL_JOINING = set("\u0626\u0628\u062a\u062b\u062c\u062d\u062e\u0633\u0634\u0635\u0636\u0637"
                   "\u0638\u0639\u063a\u0641\u0642\u0643\u0644\u0645\u0646\u0647\u064a\u0649")


def _joins(char: str) -> tuple:
    """(joins the letter before it, joins the letter after it), from the form's name."""
    name = unicodedata.name(char)
    return (name.endswith(("MEDIAL FORM", "FINAL FORM")), name.endswith(("INITIAL FORM", "MEDIAL FORM")))


@needs_poppler
def test_arabic_letters_are_drawn_joined(built):
    """Every letter drawn in a presentation form; in each word, a letter joins the next one
    exactly when that one joins back, and a letter that can join always does."""
    pdf, _, _ = built
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True,
                          text=True).stdout
    assert not re.search("[\u0621-\u064a]", text)     # no letter left unshaped
    words_checked = 0
    for word in re.findall("[\ufb50-\ufdff\ufe70-\ufefc\u064b-\u065f]+", text):
        letters = [c for c in word if not "\u064b" <= c <= "\u065f"]
        for before, after in zip(letters, letters[1:]):
            assert _joins(before)[1] == _joins(after)[0], word
            base = unicodedata.normalize("NFKC", before)
            assert base not in DUAL_JOINING or _joins(before)[1], word
        words_checked += len(letters) > 1
    assert words_checked > 100
    assert "\ufefb" in text or "\ufefc" in text       # lam-alef as its ligature: 'لا'
    assert shape_arabic("قُتل") in text                 # qaf initial, teh medial, lam final


def test_no_direction_mark_reaches_the_pdf_or_the_docx(built):
    pdf, docx, _ = built
    with zipfile.ZipFile(docx) as package:
        xml = "".join(package.read(n).decode("utf-8") for n in package.namelist()
                      if n.endswith(".xml"))
    assert not set("\u200e\u200f\u061c") & set(xml)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                              check=True, text=True).stdout
        assert not set("\u200e\u200f\u061c") & set(text)


def test_the_page_mirrors(built):
    _, _, layout = built
    assert layout.rtl
    numbers = [b for b in layout.items if getattr(b, "role", None) == "number"]
    assert numbers[0].inline[0].text == "20,000" and numbers[0].x == max(b.x for b in numbers)
    headings = {b.inline[0].text: b for b in layout.items if getattr(b, "role", None) == "heading"}
    assert headings["الوضع"].x > headings["المدنيون الفارّون"].x      # the first column, right
    bullet = next(b for b in layout.items if getattr(b, "bullet", None) == "\u2022")
    assert bullet.x + bullet.width == pytest.approx(layout.page_width - layout.margin_right)


def docx_body(docx: Path) -> ElementTree.Element:
    with zipfile.ZipFile(docx) as package:
        return ElementTree.fromstring(package.read("word/document.xml"))


def test_the_docx_marks_paragraphs_runs_and_tables_right_to_left(built):
    _, docx, _ = built
    body = docx_body(docx)
    paragraphs = list(body.iter(f"{W}p"))
    assert paragraphs and all(p.find(f"{W}pPr/{W}bidi") is not None for p in paragraphs)
    tables = list(body.iter(f"{W}tbl"))
    assert tables and all(t.find(f"{W}tblPr/{W}bidiVisual") is not None for t in tables)
    runs = [r for r in body.iter(f"{W}r") if RTL_TEXT.search("".join(r.itertext()))]
    assert runs
    for run in runs:
        props = run.find(f"{W}rPr")
        assert props.find(f"{W}rtl") is not None
        assert props.find(f"{W}rFonts").get(f"{W}cs") == "Noto Sans Arabic"
        assert props.find(f"{W}lang").get(f"{W}bidi") == "ar"
        assert props.find(f"{W}szCs") is not None
        if props.find(f"{W}b") is not None:
            assert props.find(f"{W}bCs") is not None
    title = next(r for r in runs if "مدنيون محاصرون" in "".join(r.itertext()))
    assert title.find(f"{W}rPr/{W}bCs") is not None
    # figures and Latin names stay runs of their own, left to right
    latin = [r for r in body.iter(f"{W}r") if "".join(r.itertext()).strip() == "(AirWars)"]
    assert latin and latin[0].find(f"{W}rPr/{W}rtl") is None
    columns = tables[-1].findall(f"{W}tblGrid/{W}gridCol")   # the gap is a cell of its own
    assert len(columns) == 3
    with zipfile.ZipFile(docx) as package:
        fonts = ElementTree.fromstring(package.read("word/fontTable.xml"))
    arabic = next(f for f in fonts if f.get(f"{W}name") == "Noto Sans Arabic")
    assert arabic.find(f"{W}altName").get(f"{W}val") == "Arial"


def test_the_docx_keeps_a_marker_after_its_figure(built):
    _, docx, _ = built
    with zipfile.ZipFile(docx) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    gap = re.search(r'220,000</w:t></w:r><w:r>.*?<w:t xml:space="preserve">(.)</w:t>', xml)
    assert gap.group(1) == "\u2007"          # bidi class WS, never a line break


@pytest.fixture(scope="module")
def office_pdf(built, tmp_path_factory):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) or pdftotext is not installed")
    _, docx, _ = built
    out = tmp_path_factory.mktemp("rtl-lo")
    subprocess.run([soffice, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(docx)],
                   check=True, capture_output=True, timeout=300)
    return out / docx.with_suffix(".pdf").name


def test_libreoffice_sets_the_docx_on_one_page_first_column_on_the_right(office_pdf, built):
    import pypdf

    assert len(pypdf.PdfReader(office_pdf).pages) == 1
    found = words(office_pdf)
    first = next(w for w in found if w[0] == "الوضع")
    second = next(w for w in found if w[0] == "المدنيون")
    assert first[1] > second[3]
    _, _, layout = built
    assert first[3] == pytest.approx(layout.page_width - layout.margin_right, abs=2)
    tile = next(w for w in found if w[0] == "20,000")
    assert tile[1] > layout.page_width * 0.7                 # the first key figure, right
    line = line_of(found, "يعيش", right_of=layout.page_width / 2)
    assert [w[0] for w in line][:6] == ["يعيش", "في", "المدينة", "نحو", "220,000", "1"]


@needs_poppler
def test_an_arabic_place_name_in_an_english_sentence(tmp_path):
    spec = spec_variant(tmp_path, ("By late August the UN", "By late August in الرقة the UN"))
    sheet = with_produced(checked(spec))
    (pdf,) = build_sheet(sheet, load_template("default"), tmp_path / "out", formats=("pdf",))
    (docx,) = build_sheet(sheet, load_template("default"), tmp_path / "out", formats=("docx",))
    body = docx_body(docx)
    assert body.find(f".//{W}bidi") is None and body.find(f".//{W}bidiVisual") is None
    place = [r for r in body.iter(f"{W}r") if "".join(r.itertext()) == "الرقة"]
    assert place and place[0].find(f"{W}rPr/{W}rtl") is not None
    left_column = [w for w in words(pdf) if w[3] < 297]
    line = sorted(line_of(left_column, "الرقة"), key=lambda w: w[1])
    texts = [w[0] for w in line]
    at = texts.index("الرقة")
    assert texts[at - 2:at] == ["August", "in"] and texts[at + 1] == "the"


def test_visual_order_mirrors_brackets_and_keeps_each_style():
    runs = visual_order([("قال ", "a"), ("(", "a"), ("AirWars", "b"), (") ", "a"),
                         ("12", "c"), ("\u200f", None), ("1", "d")], rtl=True)
    assert runs == [("1", "d"), ("12", "c"), (" (", "a"), ("AirWars", "b"), (") لاق", "a")]
    assert visual_order([("قال «نعم»", "a")], rtl=True) == [("«معن» لاق", "a")]
    assert visual_order([("English (الرقة) town", "a")], rtl=False) == \
        [("English (ةقرلا) town", "a")]
    # Arabic-Indic and Western digits keep their order; the percent sign follows the number
    assert visual_order([("عدد ٢٠٬٠٠٠ شخص و5٪ (أي 1.5 مليون)", "a")], rtl=True) == \
        [("(نويلم 1.5 يأ) ٪5و صخش ٢٠٬٠٠٠ ددع", "a")]


_LETTERS = {"a": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي", "b": "abcdefghijklmnop", "c": "0123456789",
            "d": " ", "e": "()[]«»", "f": ".,:%-/\u00a0"}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(_LETTERS)), st.integers(1, 6), st.randoms()),
                min_size=1, max_size=12), st.booleans())
def test_visual_order_is_the_bidi_order_with_each_character_in_its_style(parts, rtl):
    """Pieces of distinct characters per style: every character comes out once, in its own
    style, in the order python-bidi gives the plain text (brackets compared unmirrored)."""
    from bidi import get_display
    from bidi.mirror import MIRRORED

    pieces = [("".join(rand.choice(_LETTERS[style]) for _ in range(size)), style)
              for style, size, rand in parts]
    runs = visual_order(pieces, rtl)
    for text, style in runs:
        assert set(text) <= set(_LETTERS[style]), (pieces, runs)
    plain = get_display("".join(t for t, _ in pieces), base_dir="R" if rtl else "L")
    unmirror = str.maketrans({c: min(c, m) for c, m in MIRRORED.items()})
    assert "".join(t for t, _ in runs).translate(unmirror) == plain.translate(unmirror)


@pytest.mark.parametrize("text, pairs", [("a(b)c", [(1, 3)]), ("[(])", [(0, 2)]),
                                         ("((a)", [(1, 3)]), (")(", [])])
def test_brackets_pair_as_the_bidi_algorithm_pairs_them(text, pairs):
    assert bracket_pairs(text) == pairs


def test_the_arabic_font_draws_arabic_punctuation_and_the_latin_one_the_rest():
    from factsheet.validate.characters import unprintable_by_font

    assert list(unprintable_by_font("، ؛ ؟ ٪ / % — الرقة")) == []
