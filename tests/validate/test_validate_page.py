"""`factsheet validate` finds what would stop `build`: a missing or bad template, and a sheet that
does not fit on one page, naming the section(s) to cut and a number of words that is enough."""
from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from factsheet.cli import main
from factsheet.theme.template import BUILTIN_DIR

ROOT = Path(__file__).parent.parent.parent
WORDS = ("Families arriving at the camps describe long walks through farmland and ruined villages, "
         "nights without shelter, and checkpoints where men were questioned for hours before "
         "being allowed to continue towards the river crossings").split()


def run(*argv) -> tuple:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main([*map(str, argv)], stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1503705600")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def background(paragraphs: list) -> str:
    """A last section, 'Background', of these paragraphs (lists of words)."""
    body = "".join("      " + " ".join(words) + ".\n\n" for words in paragraphs)
    return "  - heading: Background\n    text: |\n" + body


def test_a_missing_template_is_an_error_at_the_specs_template_line(project):
    edit(project / "specs" / "raqqa-2017.yaml", "language: en\n", "language: en\ntemplate: corporate\n")
    code, out, err = run("validate", "--max-age", "100000", "specs/raqqa-2017.yaml")
    assert code == 1
    assert out == ("specs/raqqa-2017.yaml:9:11: error: template 'corporate' not found\n"
                   "  available templates: branded (templates/); default, letter (built in)\n")
    assert err == "0 of 1 spec(s) valid, 1 error(s), 0 warning(s)\n"


def test_a_bad_template_is_an_error_at_the_templates_own_line(project):
    # an organisation's own default.yaml beside the specs replaces the built-in one
    shutil.copy(BUILTIN_DIR / "default.yaml", project / "templates" / "default.yaml")
    edit(project / "templates" / "default.yaml", "page: A4", "page: A5")
    code, out, _ = run("validate", "--max-age", "100000", "specs/raqqa-2017.yaml")
    assert code == 1
    assert out.startswith(f"{project / 'templates' / 'default.yaml'}:4:7: error:")


def test_an_overflow_names_the_section_and_cutting_the_advised_words_makes_it_fit(project):
    spec = project / "specs" / "raqqa-2017.yaml"
    paragraphs = [(WORDS * 3)[i % 9:i % 9 + 45] for i in range(14)]
    spec.write_text(spec.read_text(encoding="utf-8") + background(paragraphs), encoding="utf-8")
    code, out, _ = run("validate", "--max-age", "100000", spec)
    assert code == 1, out
    match = re.fullmatch(r"(\S+):(\d+):(\d+): error: sections overflow the page by about \d+ lines "
                         r"at 7\.5 pt: cut about (\d+) words from 'Background'\n", out)
    assert match, out
    line = spec.read_text(encoding="utf-8").splitlines().index("  - heading: Background") + 1
    assert (match.group(2), match.group(3)) == (str(line), "14")
    # build says the same, without the position
    assert run("build", "--out", project / "out", spec)[0] == 1
    # cut the advised number of words from the start of the section (validate measured it
    # by cutting from the end): the sheet now fits, and builds
    advised = int(match.group(4))
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text[:text.index("  - heading: Background")], encoding="utf-8")
    left = advised
    while left:
        take = min(left, len(paragraphs[0]))
        paragraphs[0] = paragraphs[0][take:]
        left -= take
        if not paragraphs[0]:
            paragraphs.pop(0)
    spec.write_text(spec.read_text(encoding="utf-8") + background(paragraphs), encoding="utf-8")
    assert run("validate", "--max-age", "100000", spec)[0] == 0
    assert run("build", "--out", project / "out", spec)[0] == 0


def test_the_advice_is_not_far_more_than_needed(project):
    """Enough, but not everything: a sheet a few lines too long is told to cut a few lines."""
    spec = project / "specs" / "raqqa-2017.yaml"
    paragraphs = [(WORDS * 3)[i % 9:i % 9 + 45] for i in range(13)]
    spec.write_text(spec.read_text(encoding="utf-8") + background(paragraphs), encoding="utf-8")
    code, out, _ = run("validate", "--max-age", "100000", spec)
    assert code == 1, out
    words = int(re.search(r"cut about (\d+) words", out).group(1))
    assert words < sum(map(len, paragraphs)) / 2
