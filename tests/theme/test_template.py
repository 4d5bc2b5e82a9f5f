"""Templates: the shipped ones load, custom ones apply, bad ones point at file:line:col."""
import re
import subprocess
import sys
import textwrap

import pytest

from factsheet.diagnostics import InvalidSpec
from factsheet.theme.template import Colours, Template, load_template, mix_colours

from fixture_specs import ORG_TEMPLATES


def test_default_template_is_a4_with_the_bundled_font():
    template = load_template("default")
    assert template.page == "A4"
    assert template.page_size == pytest.approx((595.276, 841.89), abs=0.01)
    assert template.font == "Noto Sans"
    assert (template.body_max, template.body_min) == (10.0, 7.5)
    assert template.colours.primary == "#1F4E79"
    assert template.max_age_days == 90
    assert template.logo is None and template.docx_reference is None


def test_the_default_template_a_user_copies_names_every_setting():
    # `templates --copy default` is how an organisation starts its look: each key it may set
    # (PDF/A, embedded sources, the logo's alt text...) is there, set or as a comment
    from factsheet.theme.template import _TOP_KEYS, BUILTIN_DIR

    text = (BUILTIN_DIR / "default.yaml").read_text(encoding="utf-8")
    assert [k for k in _TOP_KEYS if not re.search(rf"^(# )?{k}:", text, flags=re.M)] == []


def test_letter_template_selects_letter_paper():
    template = load_template("letter")
    assert template.page == "Letter"
    assert template.page_size == pytest.approx((612.0, 792.0), abs=0.01)


def test_template_by_path_resolves_logo_relative_to_the_template():
    template = load_template(ORG_TEMPLATES / "branded.yaml")
    assert template.name == "branded"
    assert template.margins_mm == (14.0, 20.0, 12.0, 20.0)
    assert template.colours.panel == "#FDF1E7"
    assert template.logo == (ORG_TEMPLATES / "branded-logo.png").resolve()
    assert template.max_age_days == 30


def test_template_colours_may_be_partial_and_short_hex(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text('colours: {accent: "#abc"}\n')
    template = load_template(path)
    assert template.colours == Colours(accent="#AABBCC")


def test_unknown_template_name_lists_the_available_ones():
    with pytest.raises(InvalidSpec) as caught:
        load_template("nosuch")
    message = str(caught.value)
    assert "error: template 'nosuch' not found" in message
    assert "available templates: default, letter (built in)" in message


BAD_TEMPLATES = [
    ("colour:\n  primary: '#000000'\n", 1, 1, "unknown key 'colour'"),
    ("page: A5\n", 1, 7, "unknown page size 'A5'"),
    ("colours:\n  primary: #1F4E79\n", 2, 11, "colours.primary is empty"),
    ("colours:\n  accent: '#12345'\n", 2, 11,
     "colours.accent must be a hex colour such as \"#1F4E79\", not '#12345'"),
    ("colours: blue\n", 1, 10, "colours must be a mapping of primary, accent, text, muted, "
                               "header_text, panel, not str 'blue'"),
    ("margins: 2\n", 1, 10, "margins must be between 5 and 40 mm, not 2"),
    ("margins: {top: 10, inner: 3}\n", 1, 20, "unknown key 'inner'"),
    ("body_size: {max: 9, min: 10}\n", 1, 12, "body_size.min (10) is larger than body_size.max (9)"),
    ("body_size: {max: 10, min: 7.5, fill: 9}\n", 1, 12, "body_size.fill (9) is smaller than body_size.max (10)"),
    ("body_size: {max: 10, fill: 15}\n", 1, 28, "body_size.fill must be between 6 and 14 pt, not 15"),
    ("body_size: {max: 9.25}\n", 1, 18, "body_size.max must be a multiple of 0.5 pt, not 9.25"),
    ("font: Arial\n", 1, 7, "unknown font 'Arial'"),
    ("logo: missing.png\n", 1, 7, "logo file not found: missing.png"),
    ("docx_reference: t.yaml\n", 1, 17, "docx_reference must be a Word .docx file: t.yaml is not"),
    ("max_age_days: soon\n", 1, 15, "max_age_days must be a whole number of days, not str 'soon'"),
    ("max_age_days: 0\n", 1, 15, "max_age_days must be at least 1"),
    ("pdfa: maybe\n", 1, 7, "pdfa must be true or false, not str 'maybe'"),
    ("embed_sources: 1\n", 1, 16, "embed_sources must be true or false, not int 1"),
    ("pdfa: false\nembed_sources: true\n", 2, 16,
     "embed_sources needs pdfa: true (the sources travel in a PDF/A-3b)"),
    ("page: [A4\n", 2, 1, "not valid YAML here: check the indentation, quotes and brackets on this line and the one before"),
]


@pytest.mark.parametrize("source, line, col, message", BAD_TEMPLATES,
                         ids=[row[3][:40] for row in BAD_TEMPLATES])
def test_bad_template_reports_file_line_and_column(tmp_path, source, line, col, message):
    path = tmp_path / "t.yaml"
    path.write_text(source)
    with pytest.raises(InvalidSpec) as caught:
        load_template(path)
    assert f"{path}:{line}:{col}: error: {message}" in str(caught.value).splitlines()


def test_bad_template_reports_every_problem_at_once(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(textwrap.dedent("""\
        page: A3
        colours:
          primary: red
        logo: nope.png
        """))
    with pytest.raises(InvalidSpec) as caught:
        load_template(path)
    lines = [(d.line, d.code) for d in caught.value.diagnostics]
    assert lines == [(1, "template-value"), (3, "template-colour"), (4, "template-file")]


def test_unknown_key_suggests_the_closest_one(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("max_age: 30\n")
    with pytest.raises(InvalidSpec) as caught:
        load_template(path)
    assert caught.value.diagnostics[0].hint == "did you mean 'max_age_days'?"


def test_mix_colours_blends_in_rgb():
    assert mix_colours("#FFFFFF", "#000000", 0.5) == "#808080"
    assert Template("x", None).colours.header_muted == mix_colours("#FFFFFF", "#1F4E79", 0.25)


def test_validation_modules_do_not_import_reportlab_or_docx():
    code = ("import sys, factsheet.theme.template, factsheet.layout.fit, factsheet.build.sheet, factsheet.render, "
            "factsheet.files\nprint(sorted(m for m in ('reportlab', 'docx', 'lxml') "
            "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
