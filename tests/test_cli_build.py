"""`factsheet build` from the command line: refuses bad input with the right code and writes nothing."""
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from factsheet.cli import main
from factsheet.theme.template import BUILTIN_DIR

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copytree(REPO / "specs", tmp_path / "specs")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_build_writes_a_one_page_pdf_and_a_docx(project, capsys):
    assert main(["build", "specs/raqqa-2017.yaml"]) == 0
    reader = PdfReader(project / "output" / "raqqa-2017.pdf")
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for figure in ("20,000", "220,000", "400%", "50%", "Figures as of 25 August 2017"):
        assert figure in text
    assert (project / "output" / "raqqa-2017.docx").is_file()
    assert "built specs/raqqa-2017.yaml -> output/raqqa-2017.pdf, output/raqqa-2017.docx" in capsys.readouterr().out


def test_format_pdf_writes_only_the_pdf_and_out_picks_the_folder(project):
    assert main(["build", "specs/raqqa-2017.yaml", "--format", "pdf", "--out", "elsewhere"]) == 0
    assert (project / "elsewhere" / "raqqa-2017.pdf").is_file()
    assert not (project / "elsewhere" / "raqqa-2017.docx").exists()


def test_an_invalid_spec_is_refused_and_nothing_is_written(project, capsys):
    edit(project / "specs" / "raqqa-2017.yaml", "killed in May alone", "killed in June alone")
    assert main(["build", "specs/raqqa-2017.yaml"]) == 1
    out = capsys.readouterr().out
    assert "FAILED specs/raqqa-2017.yaml" in out
    assert "specs/raqqa-2017.yaml:40:12: error: quote of fact 'killed-may' is not in the archived text" in out
    assert not (project / "output").exists() or not any((project / "output").iterdir())


def test_an_unknown_template_is_an_error_naming_it(project, capsys):
    edit(project / "specs" / "raqqa-2017.yaml", "language: en\n", "language: en\ntemplate: nope\n")
    assert main(["build", "specs/raqqa-2017.yaml"]) == 1
    out = capsys.readouterr().out
    assert "specs/raqqa-2017.yaml: error: template 'nope' not found" in out
    assert "available templates: branded (templates/); default, letter (built in)" in out


def test_a_bad_template_is_reported_with_its_file_and_line(project, capsys):
    # an organisation's own default.yaml, beside the spec, replaces the built-in one
    shutil.copy(BUILTIN_DIR / "default.yaml", project / "templates" / "default.yaml")
    edit(project / "templates" / "default.yaml", "page: A4", "page: A5")
    assert main(["build", "specs/raqqa-2017.yaml"]) == 1
    out = capsys.readouterr().out
    assert "templates/default.yaml:4:7: error:" in out


def test_a_sheet_too_long_for_one_page_fails_and_says_how_much_to_cut(project, capsys):
    long_text = "".join(f"      Paragraph of context number {'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i % 26]} "
                        "describing access constraints, displacement and needs in plain words "
                        "that go on for a while so that the page fills up.\n\n" for i in range(40))
    edit(project / "specs" / "raqqa-2017.yaml", "  - heading: Protection of civilians\n",
         "  - heading: Background\n    text: |\n" + long_text + "  - heading: Protection of civilians\n")
    assert main(["build", "specs/raqqa-2017.yaml"]) == 1
    out = capsys.readouterr().out
    assert "overflow the page by about" in out and "at 7.5 pt: cut about" in out
    assert not list((project / "output").glob("raqqa-2017.*"))


def run(capsys, *argv) -> tuple:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_templates_says_how_to_copy_a_built_in_one(tmp_path, monkeypatch, capsys):
    # installed with pip, the built-in templates live in site-packages: say how to get one
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "templates") == (
        0, "default  built in  A4 humanitarian fact sheet\n"
           "letter   built in  US Letter humanitarian fact sheet\n",
        "to edit a built-in template, copy it into templates/: factsheet templates --copy NAME\n")


def test_templates_copy_writes_the_built_in_template_where_specs_find_it(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "templates", "--copy", "letter") == (
        0, "wrote templates/letter.yaml\nnext: edit it (as 'letter' it replaces the built-in look "
           "for the specs here), or rename it for a look of its own\n", "")
    assert (tmp_path / "templates" / "letter.yaml").read_bytes() == (BUILTIN_DIR / "letter.yaml").read_bytes()
    assert run(capsys, "templates")[1].splitlines()[0] == (
        "letter   templates/letter.yaml  US Letter humanitarian fact sheet")


def test_templates_copy_never_overwrites_and_names_the_built_in_ones(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "default.yaml").write_text("mine\n", encoding="utf-8")
    assert run(capsys, "templates", "--copy", "default") == (
        2, "", "factsheet: templates --copy: templates/default.yaml already exists: not overwritten\n")
    assert (tmp_path / "templates" / "default.yaml").read_text(encoding="utf-8") == "mine\n"
    assert run(capsys, "templates", "--copy", "nope") == (
        2, "", "factsheet: templates --copy: no built-in template 'nope' (built in: default, letter)\n")
