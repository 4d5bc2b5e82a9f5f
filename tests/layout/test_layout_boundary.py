"""Layout measures, renderers draw: one build fits once, then draws, and never goes back; the
Layout the renderers receive holds no ReportLab object (docs/architecture.md)."""
import dataclasses
import sys
from pathlib import Path

import pytest

from factsheet.build import sheet as build_module
from factsheet.build.sheet import build_sheet
from factsheet.layout.fit import fit_page
from factsheet.layout.geometry import Fill, TextBox
from factsheet.render.docx import render_docx
from factsheet.render.pdf import render_pdf
from factsheet.theme.template import load_template
from factsheet.validate.rules import check_spec

from fixture_specs import ORG_TEMPLATES, RAQQA as SPEC, long_sheet, with_produced

LAYOUT = Path(build_module.__file__).resolve().parent.parent / "layout"
ARABIC = Path(__file__).resolve().parent.parent / "fixtures" / "arabic" / "raqqa-ar.yaml"
# What a renderer may use from the layout stage: the Layout's own properties, the paragraphs
# the PDF rebuilds from its boxes, and the size of the hair space before a citation marker.
ALLOWED = {LAYOUT / "geometry.py": None, LAYOUT / "paragraphs.py": None,
           LAYOUT / "text.py": {"gap_size"}}


@pytest.fixture(scope="module")
def example():
    sheet, diagnostics = check_spec(SPEC)
    assert sheet is not None, diagnostics
    return with_produced(sheet)


def layout_calls(run) -> list:
    """The functions of factsheet/layout/ that `run()` calls, as 'file:function'."""
    seen = []

    def profile(frame, event, arg):
        if event == "call":
            path = Path(frame.f_code.co_filename)
            if path.parent == LAYOUT:
                seen.append((path, frame.f_code.co_name))

    sys.setprofile(profile)
    try:
        run()
    finally:
        sys.setprofile(None)
    return seen


def measuring(calls) -> list:
    return sorted({f"{path.name}:{name}" for path, name in calls
                   if path not in ALLOWED or (ALLOWED[path] is not None and name not in ALLOWED[path])})


@pytest.mark.parametrize("case", ["example", "branded", "continued", "arabic"])
def test_renderers_only_draw_the_layout_they_are_given(case, example, tmp_path):
    template = load_template("default")
    sheet = example
    if case == "arabic":   # a right-to-left sheet: shaped by the fit, ordered by the renderers
        sheet = with_produced(check_spec(ARABIC)[0])
    elif case == "branded":
        template = load_template("branded", ORG_TEMPLATES / "x.yaml")
    elif case == "continued":
        sheet = with_produced(long_sheet(tmp_path, 15))    # a bullet continues into the right column
    layout = fit_page(sheet, template)
    assert case != "continued" or layout.split_words > 0
    for render, name in ((render_pdf, "s.pdf"), (render_docx, "s.docx")):
        calls = layout_calls(lambda: render(sheet, layout, tmp_path / name))
        assert measuring(calls) == [], render.__name__


def test_the_check_sees_a_renderer_that_measures(example, tmp_path):
    from factsheet.layout.compose import compose_page

    layout = fit_page(example, load_template("default"))
    calls = layout_calls(lambda: compose_page(example, layout))
    assert "compose.py:compose_page" in measuring(calls)
    assert "columns.py:balance" in measuring(calls)


def test_a_build_fits_once_then_draws(example, tmp_path, monkeypatch):
    events = []
    fit = build_module.fit_page

    def counted_fit(*args):
        events.append("fit")
        return fit(*args)

    def counted(render):
        def draw(sheet, layout, out):
            events.append("draw")
            return render(sheet, layout, out)
        return draw

    monkeypatch.setattr(build_module, "fit_page", counted_fit)
    renderers = {"pdf": counted(render_pdf), "docx": counted(render_docx)}
    monkeypatch.setattr(build_module, "get_renderer", renderers.__getitem__)
    build_sheet(example, load_template("default"), tmp_path)
    assert events == ["fit", "draw", "draw"]


def reportlab_objects(value, path="layout", seen=None) -> list:
    """Where a ReportLab object sits inside `value`, walking dataclasses, tuples, lists, dicts."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return []
    seen.add(id(value))
    if type(value).__module__.startswith("reportlab"):
        return [path]
    found = []
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            found += reportlab_objects(getattr(value, field.name), f"{path}.{field.name}", seen)
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            found += reportlab_objects(item, f"{path}[{index}]", seen)
    elif isinstance(value, dict):
        for key, item in value.items():
            found += reportlab_objects(item, f"{path}[{key!r}]", seen)
    return found


def test_the_layout_holds_no_reportlab_object(example):
    layout = fit_page(example, load_template("branded", ORG_TEMPLATES / "x.yaml"))
    assert layout.items and layout.tile_rows and layout.columns[1] and layout.footer
    assert reportlab_objects(layout) == []
    assert reportlab_objects(((object(),), {"x": layout.items[0]})) == []
    from reportlab.lib.styles import ParagraphStyle
    assert reportlab_objects({"s": [ParagraphStyle("x")]}) == ["layout['s'][0]"]


def test_the_tiles_the_pdf_fills_are_the_tiles_the_docx_sets(example):
    layout = fit_page(example, load_template("default"))
    fills = [item for item in layout.items if isinstance(item, Fill) and item.y > layout.header_height]
    widths = [row.tile_width for row in layout.tile_rows for _ in row.tiles]
    assert [f.width for f in fills] == pytest.approx(widths) and len(fills) == 6
    labels = [item for item in layout.items if isinstance(item, TextBox) and item.role == "label"]
    inner = [row.inner_width for row in layout.tile_rows for _ in row.tiles]
    assert [b.width for b in labels] == inner
    assert [b.inline for b in labels] == [t.label for row in layout.tile_rows for t in row.tiles]


@pytest.mark.parametrize("render", [render_pdf, render_docx])
def test_a_renderer_refuses_a_layout_that_was_never_fitted(render, example, tmp_path):
    from factsheet.layout.geometry import size_layout

    with pytest.raises(ValueError, match="fit the page first"):
        render(example, size_layout(load_template("default"), 10), tmp_path / "x")
    assert list(tmp_path.iterdir()) == []


def test_the_pdf_sets_the_key_numbers_at_the_size_the_docx_is_given(tmp_path):
    """A stretched sheet once set its numbers at 26 pt in the PDF and 27.5 pt in the DOCX."""
    from fixture_specs import raqqa_sheet

    sheet = raqqa_sheet()
    layout = fit_page(with_produced(sheet), load_template("default"))
    assert layout.stretch > 1        # the example is short enough to be stretched
    numbers = {figure.number for figure in sheet.key_figures}
    sizes = {item.size for item in layout.items
             if getattr(item, "role", None) == "number" and
             "".join(s.text for s in item.inline).replace("\u00a0", " ") in numbers}
    assert sizes == {layout.figure_size}
