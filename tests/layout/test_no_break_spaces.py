"""French numbers never break in the PDF: Babel writes "20 000" and "4 %" with U+202F, which
ReportLab would break at; the PDF (and the fit, which measures the same paragraphs) sets it as
U+00A0, and the DOCX keeps U+202F."""
from __future__ import annotations

import zipfile

from reportlab.platypus import Paragraph

from factsheet.build.sheet import build_sheet
from factsheet.layout.paragraphs import page_styles, wrapped_paragraph
from factsheet.sheet.model import Span
from factsheet.theme.template import load_template

from fixture_specs import ROOT

SENTENCE = "Selon l’ONU, au moins 20\u202f000 civils sont pris au piège, soit 4\u202f% de la ville."


def line_texts(paragraph) -> list:
    return ["".join(frag.text for frag in line.words) for line in paragraph.blPara.lines]


def breaks_inside_a_number(lines) -> bool:
    return any(first.rstrip().endswith(("20", "4")) and second.lstrip().startswith(("000", "%"))
               for first, second in zip(lines, lines[1:]))


def test_reportlab_alone_breaks_a_french_number_in_a_narrow_column():
    style = page_styles(load_template("default"), 9.0)["paragraph"]
    broken = []
    for width in range(40, 200):
        paragraph = Paragraph(SENTENCE, style)
        paragraph.wrap(width, 1e6)
        lines = [" ".join(line[1]) for line in paragraph.blPara.lines]
        broken += [width] if breaks_inside_a_number(lines) else []
    assert broken   # the failure this module guards against is real


def test_the_pdfs_paragraphs_never_break_inside_a_french_number():
    style = page_styles(load_template("default"), 9.0)["paragraph"]
    inline = (Span("Selon l’ONU, au moins "), Span("20\u202f000", "figure"),
              Span(" civils sont pris au piège, soit 4\u202f% de la ville."))
    for width in range(40, 200):
        lines = line_texts(wrapped_paragraph(inline, style, float(width)))
        assert not breaks_inside_a_number(lines), (width, lines)
        assert "".join(lines).count("20\u00a0000") == 1


def test_the_french_docx_keeps_its_narrow_no_break_spaces(tmp_path, monkeypatch):
    from factsheet.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1503705600")
    assert main(["build", str(ROOT / "specs" / "raqqa-2017.yaml"), "--out", str(tmp_path)]) == 0
    with zipfile.ZipFile(tmp_path / "raqqa-2017.fr.docx") as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert "20\u202f000" in body
