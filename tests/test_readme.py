"""Every command in the README runs as written, in a fresh copy of the repository, and
prints what the README shows (as Pandoc's command tests do with its manual).

A fenced block's `$ factsheet ...` lines are run in order, each followed by the output the
README shows: each shown line must appear in the real output, in order (`...` stands for
lines left out; timings such as `(0.19 s)` and dates may differ). A command whose shown
output has an `error:` line must exit 1, any other 0. The indented set-up commands
(`factsheet build ...`) run too. An HTML comment `<!-- test: ... -->` before a block names
the edit a reader makes by hand before it (picking drafts, changing a figure).
"""
from __future__ import annotations

import io
import re
import shlex
import shutil
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from factsheet.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
_SETUP = re.compile(r"<!-- test: (.*?) -->")
_VOLATILE = re.compile(r"\(\d+\.\d+ s\)|\d{4}-\d\d-\d\d")


def readme_runs() -> list:
    """(setup or None, [(command, shown output lines)]) for each block of `$ factsheet` lines."""
    runs, block, setup, previous = [], None, None, ""
    for line in README.splitlines():
        if block is None and line.startswith("```"):
            block = []
            found = _SETUP.fullmatch(previous.strip())
            setup = found[1] if found else None
        elif block is not None and line.startswith("```"):
            if block:
                runs.append((setup, block))
            block = None
        elif block is not None and line.startswith("$ "):
            block.append((line[2:].split("  #")[0].strip(), []))
        elif block:
            block[-1][1].append(line)
        previous = line
    return runs


def setup_commands() -> list:
    """The indented commands of the set-up section that use factsheet."""
    section = README[README.index("## Set up"):README.index("## Quick start")]
    return [line.strip() for line in section.splitlines() if line.startswith("    factsheet ")]


def run(command: str, cwd: Path) -> tuple:
    args = shlex.split(command)
    assert args[0] == "factsheet", command
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err), _working_folder(cwd):
        code = main(args[1:], stdout=out, stderr=err)
    return code, out.getvalue() + err.getvalue()


class _working_folder:
    def __init__(self, path):
        self.path, self.previous = path, None

    def __enter__(self):
        import os
        self.previous = os.getcwd()
        os.chdir(self.path)

    def __exit__(self, *exc):
        import os
        os.chdir(self.previous)


def pick_the_drafts(repo: Path) -> None:
    """What the README asks a reader to do by hand: check each draft, use it."""
    spec = repo / "specs" / "raqqa.yaml"
    text = spec.read_text(encoding="utf-8").replace("    draft: true\n", "")
    text = text.replace("key_figures: [", "key_figures: [civilians-trapped-isis, civilians-trapped-deadly, ")
    spec.write_text(text, encoding="utf-8")


def change_killed_may(repo: Path) -> None:
    assert run("factsheet build specs/", repo)[0] == 0
    spec = repo / "specs" / "raqqa-2017.yaml"
    text = spec.read_text(encoding="utf-8")
    text = text.replace("    value: 220\n", "    value: 21\n").replace(
        '"at least 220 civilians are estimated to have been killed in May alone"',
        '"At least 21 civilians have reportedly died"')
    spec.write_text(text, encoding="utf-8")


def lengthen_the_example(repo: Path) -> None:
    """The overflow example: a long last section, as tests/test_validate_page.py writes it."""
    import importlib.util

    path = ROOT / "tests" / "validate" / "test_validate_page.py"
    loaded = importlib.util.spec_from_file_location("validate_page_texts", path)
    module = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(module)
    WORDS, background = module.WORDS, module.background

    spec = repo / "specs" / "raqqa-2017.yaml"
    paragraphs = [(WORDS * 3)[i % 9:i % 9 + 45] for i in range(14)]
    spec.write_text(spec.read_text(encoding="utf-8") + background(paragraphs), encoding="utf-8")


def misspell_an_icon(repo: Path) -> None:
    """A copy of the example outside specs/ (later blocks build specs/), one icon misspelt."""
    shutil.copytree(repo / "specs" / "sources", repo / "typo" / "sources")
    text = (repo / "specs" / "raqqa-2017.yaml").read_text(encoding="utf-8")
    (repo / "typo" / "raqqa-2017.yaml").write_text(
        text.replace("icon: internally-displaced", "icon: internaly-displaced"), encoding="utf-8")



def edit_the_situation_section(repo: Path) -> None:
    """The English of one section changes after the translations were written."""
    spec = repo / "specs" / "raqqa-2017.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("and called for a humanitarian pause.",
                                 "and called for an immediate humanitarian pause."), encoding="utf-8")


SETUPS = {"pick the drafts": pick_the_drafts,
          "misspell an icon in a copy of the example": misspell_an_icon,
          "edit the English of the Situation section": edit_the_situation_section,
          "add a long Background section to the example": lengthen_the_example,
          "change killed-may to 21 after a first build": change_killed_may}


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A fresh copy of what a clone holds, shared by the command tests (they run in order)."""
    return clone_into(tmp_path_factory.mktemp("clone"))


def clone_into(copy: Path) -> Path:
    """Copy the files git tracks into `copy`."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    for name in listed.stdout.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    return copy


def assert_shows(output: str, shown: list, command: str) -> None:
    lines = [_VOLATILE.sub("*", line.rstrip()) for line in output.splitlines()]
    position = 0
    for want in shown:
        if want.strip() in ("", "..."):
            continue
        want = _VOLATILE.sub("*", want.rstrip())
        for index in range(position, len(lines)):
            if lines[index] == want:
                position = index + 1
                break
        else:
            pytest.fail(f"README: `{command}` should print\n  {want}\nbut printed:\n{output}")


def test_the_setup_commands_run(repo):
    commands = setup_commands()
    assert commands == ["factsheet build specs/raqqa-2017.yaml"]
    for command in commands:
        code, output = run(command, repo)
        assert code == 0, output
    assert (repo / "output" / "raqqa-2017.pdf").is_file()


def test_every_readme_command_runs_as_written(repo):
    runs = readme_runs()
    assert len(runs) >= 5
    for setup, commands in runs:
        if setup is not None:
            SETUPS[setup](repo)
        for command, shown in commands:
            code, output = run(command, repo)
            assert "Traceback" not in output and "internal error" not in output, output
            expected = 1 if any(": error: " in line for line in shown) else 0
            assert code == expected, f"README: `{command}` exited {code}:\n{output}"
            assert_shows(output, shown, command)



def test_the_library_example_runs_as_written(tmp_path, monkeypatch):
    """The README's Python block, run in a fresh copy of the repository."""
    repo = clone_into(tmp_path)
    section = README[README.index("## Use it as a library"):]
    code = section[section.index("```python\n") + 10:section.index("```", section.index("```python") + 9)]
    monkeypatch.chdir(repo)
    printed = io.StringIO()
    with redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {})
    assert "output/raqqa-2017.pdf output/raqqa-2017.docx" in printed.getvalue()
    assert (repo / "output" / "raqqa-2017.pdf").is_file()
