"""The fit decision: the largest body size that fits one page, or a LayoutError that says what to cut."""
import re

import pytest

from factsheet.build.sheet import build_sheet
from factsheet.diagnostics import LayoutError
from factsheet.layout.compose import compose_page
from factsheet.layout.fit import fit_page
from factsheet.layout.geometry import candidate_sizes, figure_rows, size_layout
from factsheet.layout.text import plan_blocks
from factsheet.theme.template import load_template

from fixture_specs import (RAQQA, checked, copy_spec, long_sheet, raqqa_sheet, spec_variant, with_produced,
                           without_icons)

OVERFLOW = re.compile(r"sections overflow the page by about (\d+) lines? at 7\.5 pt: "
                      r"cut about (\d+) words from 'Displacement'")


@pytest.fixture(scope="module")
def template():
    return load_template("default")


def test_the_example_grows_past_the_templates_usual_size_to_use_its_page(template, tmp_path):
    spec = copy_spec(tmp_path)     # without its icons, which take a line of each tile
    spec.write_text(without_icons(spec.read_text(encoding="utf-8")), encoding="utf-8")
    layout = fit_page(with_produced(checked(spec)), template)
    assert layout.body_size == 10.5 and layout.stretch > 1
    assert 0 < layout.slack < layout.leading      # less than a line of the page left empty


def test_candidate_sizes_step_down_by_half_points_to_the_minimum(template):
    assert candidate_sizes(template) == [12.0, 11.5, 11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5]


def test_every_size_scales_with_the_body_and_rounds_to_what_word_can_store(template):
    for body in candidate_sizes(template):
        layout = size_layout(template, body)
        for name in ("small_size", "heading_size", "figure_size", "title_size", "subtitle_size"):
            assert getattr(layout, name) * 2 == int(getattr(layout, name) * 2), name
        for name in ("leading", "small_leading", "paragraph_space", "section_space", "block_gap"):
            value = getattr(layout, name) * 20
            assert value == pytest.approx(round(value)), name
    small, large = size_layout(template, 7.5), size_layout(template, 10)
    assert small.leading < large.leading and small.section_space < large.section_space
    assert small.figure_size < large.figure_size


@pytest.mark.parametrize("count, rows", [(1, (1,)), (2, (2,)), (3, (3,)), (4, (4,)),
                                         (5, (3, 2)), (6, (3, 3))])
def test_key_figures_sit_side_by_side_and_wrap_to_rows_of_three(count, rows):
    assert figure_rows(count) == rows


def test_a_sheet_that_fits_only_smaller_gets_the_largest_size_that_fits(template, tmp_path):
    chosen = set()
    for extra in range(0, 15, 2):
        sheet = long_sheet(tmp_path, extra)
        layout = fit_page(sheet, template)
        chosen.add(layout.body_size)
        assert compose_page(sheet, size_layout(template, layout.body_size)).fits
        if layout.body_size < template.body_max:
            larger = size_layout(template, layout.body_size + 0.5)
            assert not compose_page(sheet, larger).fits
    assert {10.0, 9.0, 8.0, 7.5} <= chosen


def test_no_column_ends_with_a_heading(template, tmp_path):
    for extra in range(0, 15, 3):
        sheet = long_sheet(tmp_path, extra)
        layout = fit_page(sheet, template)
        blocks = plan_blocks(sheet, layout)
        assert 0 < layout.split < len(blocks)
        assert blocks[layout.split - 1].kind != "heading"
        assert blocks[-1].kind != "heading"


def test_the_column_split_is_the_one_the_pdf_draws(template, tmp_path):
    sheet = long_sheet(tmp_path, 4)
    layout = fit_page(sheet, template)
    again = compose_page(sheet, layout).layout
    assert (again.split, again.columns_height) == (layout.split, layout.columns_height)


def test_a_sheet_too_long_for_the_minimum_size_raises_with_what_to_cut(template, tmp_path):
    with pytest.raises(LayoutError) as caught:
        fit_page(long_sheet(tmp_path, 22), template)
    match = OVERFLOW.fullmatch(str(caught.value))
    assert match, str(caught.value)
    lines, words = int(match.group(1)), int(match.group(2))
    assert 15 <= lines <= 40
    assert 5 * lines <= words <= 12 * lines


def test_the_overflow_grows_with_the_text(template, tmp_path):
    measured = []
    for extra in (17, 20, 26):
        with pytest.raises(LayoutError) as caught:
            fit_page(long_sheet(tmp_path, extra), template)
        measured.append(int(OVERFLOW.fullmatch(str(caught.value)).group(1)))
    assert measured == sorted(measured) and measured[0] < measured[-1]


def test_a_sheet_that_does_not_fit_writes_nothing(template, tmp_path):
    with pytest.raises(LayoutError):
        build_sheet(long_sheet(tmp_path / "specs", 22), template, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def many_sources_spec(folder, count=40):
    """The example citing `count` more sources with long titles: a valid spec whose sources
    list alone is too long for the page."""
    title = ("A very long report title on the situation of civilians in Raqqa " * 3).strip()
    sources = "".join(f"  - id: report-{n}\n    title: {title}\n    publisher: Monitors\n"
                      f"    published: 2017-08-01\n    archive: sources/voa-2017-08-25.txt\n"
                      for n in range(count))
    path = spec_variant(folder, ("\nfacts:", sources + "\nfacts:"))
    cites = " ".join(f"[report-{n}]" for n in range(count))
    path.write_text(path.read_text(encoding="utf-8") + f'      - "Monitors agree {cites}."\n',
                    encoding="utf-8")
    return path


def test_a_header_too_big_for_the_page_is_named(template, tmp_path):
    sheet = with_produced(checked(many_sources_spec(tmp_path)))
    with pytest.raises(LayoutError) as caught:
        fit_page(sheet, template)
    assert re.fullmatch(r"the header, key figures, sources and footer alone overflow the page by "
                        r"about \d+ lines at 7\.5 pt: shorten the title, key figure labels or "
                        r"sources", str(caught.value))


def test_letter_paper_gives_a_letter_layout():
    layout = fit_page(with_produced(raqqa_sheet()), load_template("letter"))
    assert (layout.page_width, layout.page_height) == pytest.approx((612, 792), abs=0.01)


def test_a_sheet_with_one_key_figure_no_subtitle_and_no_paragraphs_still_lays_out(template, tmp_path):
    text = RAQQA.read_text(encoding="utf-8")
    situation = text[text.index("    text: |"):text.index("  - heading: Protection")]
    spec = spec_variant(tmp_path, ("subtitle: Humanitarian fact sheet\n", ""),
                        (situation, "    bullets:\n      - \"The assault began [independent-2017-06-06].\"\n"),
                        (text[text.index("key_figures:"):text.index("\nsections:")],
                         "key_figures: [died-fleeing]\n"))
    sheet = with_produced(checked(spec, warnings=("unused-fact",)))   # the facts in the cut text
    assert sheet.subtitle == () and sheet.sections[0].paragraphs == () and len(sheet.key_figures) == 1
    layout = fit_page(sheet, template)
    assert layout.figure_rows == (1,) and 0 < layout.figures_height


def test_a_bullet_continues_from_the_left_column_into_the_right_where_only_that_fits(
        template, tmp_path):
    from factsheet.sheet.model import plain_text
    from factsheet.render.docx import render_docx

    sheet = long_sheet(tmp_path / "specs", 15)    # did not fit while a bullet could not continue
    layout = fit_page(sheet, template)
    assert layout.body_size == 7.5 and layout.split_words > 0
    left, right = layout.columns
    first, rest = left[-1], right[0]
    whole = plan_blocks(sheet, layout)[layout.split]
    assert rest.continued and not first.continued and first.kind == rest.kind == "bullet"
    assert (plain_text(first.inline).split() + plain_text(rest.inline).split()
            == plain_text(whole.inline).split())
    # the DOCX's right column starts with the rest of the bullet, without a bullet of its own
    render_docx(sheet, layout, tmp_path / "s.docx")
    import docx
    from docx.oxml.ns import qn
    cells = docx.Document(tmp_path / "s.docx").tables[2].rows[0].cells
    top_right = cells[1].paragraphs[0]
    assert top_right.text.split() == plain_text(rest.inline).split()
    assert top_right._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is None
    assert cells[0].paragraphs[-1].text.split() == plain_text(first.inline).split()
