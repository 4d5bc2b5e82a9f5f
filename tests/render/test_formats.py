"""The format registry is the only list: a format registered once is built, checked, linked."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from factsheet.cli import main
import factsheet.render
from factsheet.render import Format, all_formats, get_format, register

REPO = Path(__file__).resolve().parent.parent.parent
SPEC = REPO / "specs" / "raqqa-2017.yaml"


def render_words(sheet, layout, out_path) -> None:
    """A dummy renderer: the sheet's title, as plain text."""
    assert layout is not None     # fitted once, handed to every renderer
    with open(out_path, "wb") as handle:
        handle.write(f"{sheet.title_text}\n".encode("utf-8"))


@pytest.fixture
def registered(monkeypatch):
    """Register formats for one test: on a copy of the registry, put back whatever happens."""
    monkeypatch.setattr(factsheet.render, "_FORMATS", dict(factsheet.render._FORMATS))
    return register


def build(*argv) -> tuple:
    out, err = io.StringIO(), io.StringIO()
    code = main(["build", *map(str, argv)], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_a_registered_companion_is_written_listed_and_checked(registered, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    registered(Format("words", ".words.txt", f"{__name__}:render_words", document=False))
    out = tmp_path / "out"
    code, stdout, stderr = build(SPEC, "--out", out)
    assert code == 0, stdout + stderr
    words = out / "raqqa-2017.words.txt"
    assert words.read_text(encoding="utf-8").startswith("Raqqa: civilians trapped")
    manifest = json.loads((out / "raqqa-2017.manifest.json").read_text(encoding="utf-8"))
    assert "raqqa-2017.words.txt" in manifest["outputs"]
    assert stdout.startswith(f"built {SPEC} -> {out}/raqqa-2017.pdf, {out}/raqqa-2017.docx (")
    assert build(SPEC, "--out", out)[1].startswith("up to date")
    words.unlink()                              # a missing companion makes the sheet stale
    assert build(SPEC, "--out", out)[1].startswith("built")
    assert words.is_file()


def test_a_registered_document_is_a_format_choice_and_linked(registered, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    registered(Format("txt", ".txt", f"{__name__}:render_words", document=True, link="TXT"))
    out = tmp_path / "out"
    code, stdout, stderr = build(SPEC, "--out", out, "--format", "txt")
    assert code == 0, stdout + stderr
    assert stdout.startswith(f"built {SPEC} -> {out}/raqqa-2017.txt (")
    # the example's French and Arabic translations are built beside it, in the same formats
    assert sorted(p.name for p in out.iterdir()) == ["index.html"] + sorted(
        f"raqqa-2017{language}{suffix}" for language in ("", ".ar", ".fr")
        for suffix in (".hxl.csv", ".json", ".manifest.json", ".sources.html", ".txt"))
    audit = (out / "raqqa-2017.sources.html").read_text(encoding="utf-8")
    assert '<nav class="downloads"><a href="raqqa-2017.txt">Fact sheet (TXT)</a></nav>' in audit
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="raqqa-2017.txt">TXT</a> <a href="raqqa-2017.sources.html">Sources</a>' in index
    code, stdout, _ = build(SPEC, "--out", out, "--format", "all")
    assert stdout.startswith(f"built {SPEC} -> {out}/raqqa-2017.pdf, {out}/raqqa-2017.docx, "
                             f"{out}/raqqa-2017.png, {out}/raqqa-2017.html, {out}/raqqa-2017.txt (")


def test_a_format_registered_by_another_test_is_no_longer_a_choice():
    err = io.StringIO()
    assert main(["build", str(SPEC), "--format", "txt"], stdout=io.StringIO(), stderr=err) == 2
    assert "invalid choice: 'txt' (choose from 'pdf', 'docx', 'png', 'html', 'all')" in err.getvalue()


def test_the_built_in_formats_in_order():
    assert [(f.name, f.suffix, f.document, f.link, f.default) for f in all_formats()] == [
        ("pdf", ".pdf", True, "PDF", True), ("docx", ".docx", True, "DOCX", True),
        ("png", ".png", True, "PNG", False), ("html", ".html", True, "HTML", False),
        ("audit", ".sources.html", False, "Sources", True), ("json", ".json", False, None, True),
        ("hxl", ".hxl.csv", False, None, True)]


@pytest.mark.parametrize("fmt, message", [
    (Format("pdf", ".pdf2", "m:f", document=True, link="PDF"), "format 'pdf' (.pdf2) clashes with 'pdf'"),
    (Format("record", ".json", "m:f", document=False), "format 'record' (.json) clashes with 'json'"),
    (Format("all", ".all", "m:f", document=True, link="ALL"), "'all' is `build --format`'s choice of every document, not a format"),
    (Format("odt", ".odt", "m:f", document=True), "document format 'odt' needs a link text"),
    (Format("log", ".log", "m:f", document=False, default=False),
     "companion format 'log' is written by every build: only a document can be default=False"),
])
def test_a_format_that_would_clash_is_refused(fmt, message):
    with pytest.raises(ValueError) as caught:
        register(fmt)
    assert str(caught.value) == message
    assert [f.name for f in all_formats()] == ["pdf", "docx", "png", "html", "audit", "json", "hxl"]
    assert get_format("json").suffix == ".json"


def test_the_registry_and_the_command_line_load_no_renderer():
    code = ("import sys, factsheet.cli, factsheet.build.batch, factsheet.build.index\n"
            "factsheet.cli._parser()\n"
            "print(sorted(m for m in ('reportlab', 'docx', 'lxml', 'factsheet.render.pdf', "
            "'factsheet.render.docx', 'factsheet.render.audit', 'factsheet.render.data', "
            "'factsheet.render.png', 'pypdfium2', 'PIL', 'factsheet.render.webpage') "
            "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_audit_page_links_the_documents_written_and_those_already_there(tmp_path):
    from factsheet import check_spec
    from factsheet.build.sheet import build_sheet

    sheet, _ = check_spec(SPEC)

    def links() -> str:
        page = (tmp_path / "raqqa-2017.sources.html").read_text(encoding="utf-8")
        return page.split('<nav class="downloads">')[1].split("</nav>")[0]
    build_sheet(sheet, None, tmp_path, ("pdf", "audit"))
    assert links() == '<a href="raqqa-2017.pdf">Fact sheet (PDF)</a>'
    (tmp_path / "raqqa-2017.pdf").unlink()
    build_sheet(sheet, None, tmp_path, ("docx", "audit"))
    assert links() == '<a href="raqqa-2017.docx">Fact sheet (DOCX)</a>'
    build_sheet(sheet, None, tmp_path, ("pdf", "audit"))
    assert links() == ('<a href="raqqa-2017.pdf">Fact sheet (PDF)</a> '
                       '<a href="raqqa-2017.docx">Fact sheet (DOCX)</a>')
