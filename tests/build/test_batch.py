"""Batch builds: only what changed is rebuilt, changes are recorded, one failure stays alone."""
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from factsheet.cli import main

REPO = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the example project: specs/ with three sheets sharing two archives."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    # without specs/examples/: these tests count the sheets they build
    shutil.copytree(REPO / "specs", tmp_path / "specs", ignore=shutil.ignore_patterns("examples"))
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    example = (tmp_path / "specs" / "raqqa-2017.yaml").read_text(encoding="utf-8")
    # b cites only the Independent's archive; c is a copy of the example
    only_independent = example.replace("  - {fact: trapped-august, icon: confined}\n", "")
    only_independent = re.sub(r"  - id: voa-2017-08-25\n(    .*\n)+", "", only_independent)
    only_independent = re.sub(r"  - id: trapped-august\n(    .*\n)+", "", only_independent)
    only_independent = only_independent.replace(
        "{trapped-august} civilians", "thousands of civilians").replace(" [voa-2017-08-25]", "")
    only_independent = re.sub(r"- heading: Protection of civilians.*", "", only_independent, flags=re.S)
    only_independent = only_independent.replace(
        "called for a humanitarian pause.", "called for a humanitarian pause [independent-2017-06-06].")
    (tmp_path / "specs" / "b-independent.yaml").write_text(only_independent, encoding="utf-8")
    (tmp_path / "specs" / "c-copy.yaml").write_text(example, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def built(out: str) -> set:
    return {Path(m).stem for m in re.findall(r"^built (\S+)", out, flags=re.M)}


def test_first_build_builds_every_sheet_and_a_noop_run_rebuilds_nothing(project, capsys):
    code, out, err = run(capsys, "build", "specs/")
    assert code == 0, out + err
    assert built(out) == {"raqqa-2017", "b-independent", "c-copy"}
    for stem in ("raqqa-2017", "b-independent", "c-copy"):
        for suffix in (".pdf", ".docx", ".json", ".hxl.csv", ".sources.html", ".manifest.json"):
            assert (project / "output" / f"{stem}{suffix}").is_file()
    assert (project / "output" / "index.html").is_file()
    before = {p.name: p.stat().st_mtime_ns for p in (project / "output").iterdir()}

    code, out, err = run(capsys, "build", "specs/")
    assert code == 0
    assert built(out) == set()
    assert out.count("up to date") == 3
    assert {p.name: p.stat().st_mtime_ns for p in (project / "output").iterdir()} == before


def test_editing_one_fact_rebuilds_exactly_that_sheet_and_records_the_change(project, capsys):
    run(capsys, "build", "specs/")
    spec = project / "specs" / "c-copy.yaml"
    # a different figure, supported by a different quote in the same archive
    spec.write_text(spec.read_text(encoding="utf-8").replace(
        "    value: 220\n    qualifier: at least\n", "    value: 21\n    qualifier: at least\n").replace(
        "quote: \"at least 220 civilians are estimated to have been killed in May alone\"",
        "quote: \"At least 21 civilians have reportedly died\""), encoding="utf-8")
    code, out, err = run(capsys, "build", "specs/")
    assert code == 0, out + err
    assert built(out) == {"c-copy"}
    assert "killed-may: at least 220 -> at least 21" in out
    changes = (project / "output" / "CHANGES.md").read_text(encoding="utf-8")
    assert changes.startswith("# Changes\n")
    assert "## 2023-11-14 c-copy.yaml: Raqqa: civilians trapped as the battle for the city begins" in changes
    assert "- killed-may: at least 220 -> at least 21" in changes
    record = json.loads((project / "output" / "c-copy.json").read_text(encoding="utf-8"))
    killed = next(f for f in record["facts"] if f["id"] == "killed-may")
    assert killed["value"] == 21 and killed["display"] == "at least 21"


def test_editing_an_archive_rebuilds_exactly_the_sheets_that_cite_it(project, capsys):
    run(capsys, "build", "specs/")
    archive = project / "specs" / "sources" / "voa-2017-08-25.txt"
    archive.write_text(archive.read_text(encoding="utf-8") + "\nCorrection appended.\n", encoding="utf-8")
    code, out, err = run(capsys, "build", "specs/")
    assert code == 0, out + err
    assert built(out) == {"raqqa-2017", "c-copy"}   # b-independent does not cite VOA


def test_a_copied_template_that_replaces_the_built_in_one_rebuilds_the_sheets_using_it(project, capsys):
    # `templates --copy default` writes templates/default.yaml, which the specs now find first:
    # the built-in file is unchanged, but the sheets no longer come from it
    run(capsys, "build", "specs/")
    code, out, _ = run(capsys, "templates", "--copy", "default")
    assert code == 0, out
    copied = project / "templates" / "default.yaml"
    copied.write_text(copied.read_text(encoding="utf-8") + "embed_sources: true\n", encoding="utf-8")
    code, out, err = run(capsys, "build", "specs/")
    assert code == 0, out + err
    assert built(out) == {"raqqa-2017", "b-independent", "c-copy"}
    listed = subprocess.run(["pdfdetach", "-list", "output/raqqa-2017.pdf"], capture_output=True, text=True)
    assert "raqqa-2017.yaml" in listed.stdout
    # a translation carries its own file and the spec whose facts and quotes it prints
    listed = subprocess.run(["pdfdetach", "-list", "output/raqqa-2017.ar.pdf"], capture_output=True, text=True)
    assert re.findall(r"^\d+: (\S+)$", listed.stdout, flags=re.M) == [
        "raqqa-2017.ar.yaml", "raqqa-2017.yaml", "sources/independent-2017-06-06.txt",
        "sources/voa-2017-08-25.txt"], listed.stdout
    code, out, _ = run(capsys, "build", "specs/")
    assert built(out) == set()


def test_force_rebuilds_everything(project, capsys):
    run(capsys, "build", "specs/")
    code, out, _ = run(capsys, "build", "specs/", "--force")
    assert code == 0 and built(out) == {"raqqa-2017", "b-independent", "c-copy"}


def test_a_broken_spec_fails_alone(project, capsys):
    broken = project / "specs" / "a-broken.yaml"
    broken.write_text((project / "specs" / "raqqa-2017.yaml").read_text(encoding="utf-8").replace(
        "killed in May alone", "killed in June alone"), encoding="utf-8")
    code, out, err = run(capsys, "build", "specs/")
    assert code == 1
    assert built(out) == {"raqqa-2017", "b-independent", "c-copy"}
    assert "FAILED specs/a-broken.yaml" in out
    assert re.search(r"a-broken\.yaml:\d+:\d+: error: quote of fact 'killed-may' is not in the archived text", out)
    assert not list((project / "output").glob("a-broken*"))
    assert "3 built, 0 up to date, 1 failed" in err


def test_same_stem_in_two_folders_is_refused(project, capsys):
    (project / "specs" / "more").mkdir()
    shutil.copy(project / "specs" / "c-copy.yaml", project / "specs" / "more" / "c-copy.yaml")
    code, _, err = run(capsys, "build", "specs/")
    assert code == 2
    assert "would write the same output files (c-copy.*)" in err


def test_diff_of_two_specs(project, capsys):
    new = project / "specs" / "c-copy.yaml"
    new.write_text(new.read_text(encoding="utf-8").replace("value: 20000", "value: 20000\n    unit: people")
                   .replace("  - id: killed-friday", "  - id: killed-on-friday")
                   .replace("{killed-friday}", "{killed-on-friday}"), encoding="utf-8")
    code, out, err = run(capsys, "diff", "specs/raqqa-2017.yaml", "specs/c-copy.yaml")
    assert code == 0, err
    assert "trapped-august: 20,000 -> 20,000 people" in out
    assert "killed-on-friday" in out and "killed-friday" in out


def test_diff_of_an_old_copy_kept_outside_specs_needs_no_archives(project, capsys):
    # the old copy's sources/ folder is not beside it: diff compares figures, not quotes
    shutil.copy(project / "specs" / "raqqa-2017.yaml", project / "old.yaml")
    spec = project / "specs" / "raqqa-2017.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("value: 12\n", "value: 13\n"), encoding="utf-8")
    code, out, err = run(capsys, "diff", "old.yaml", "specs/raqqa-2017.yaml")
    assert (code, out, err) == (0, "killed-friday: 12 -> 13\n", "")


def test_diff_of_a_spec_with_errors_says_why_nothing_was_compared(project, capsys):
    (project / "old.yaml").write_text("factsheet: 1\ntitle: [\n", encoding="utf-8")
    code, out, err = run(capsys, "diff", "old.yaml", "specs/raqqa-2017.yaml")
    assert code == 1 and out == ""
    assert err.splitlines()[0].startswith("old.yaml:3:1: error: not valid YAML here")
    assert err.splitlines()[-1] == "factsheet: diff: old.yaml has 1 error(s): fix them to compare its figures"


def test_diff_of_a_missing_spec_is_a_usage_error(project, capsys):
    assert run(capsys, "diff", "nope.yaml", "specs/raqqa-2017.yaml") == (2, "", "factsheet: nope.yaml: no such file\n")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_since_a_git_revision(project, capsys):
    def git(*args):
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", "specs")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "first")
    spec = project / "specs" / "raqqa-2017.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace(
        "value: 12\n", "value: 21\n    qualifier: at least\n").replace(
        "Unverified reports from local sources said another 12 were killed in strikes last Friday.",
        "At least 21 civilians have reportedly died"),
        encoding="utf-8")
    code, out, err = run(capsys, "diff", "specs/raqqa-2017.yaml", "--since", "HEAD")
    assert code == 0, err
    assert out.strip() == "killed-friday: 12 -> at least 21"
    assert not list((project / "specs").glob(".*.yaml"))   # the temporary copy is gone


def test_diff_since_an_unknown_revision_is_a_usage_error(project, capsys):
    code, _, err = run(capsys, "diff", "specs/raqqa-2017.yaml", "--since", "no-such-rev")
    assert code == 2
    assert "diff --since no-such-rev" in err


class _Terminal:
    """A stand-in for a terminal: says it is a tty and keeps what is written."""

    def __init__(self):
        self.parts = []

    def isatty(self):
        return True

    def write(self, text):
        self.parts.append(text)

    def flush(self):
        pass

    @property
    def text(self):
        return "".join(self.parts)


def test_a_terminal_gets_a_progress_bar_and_a_log_gets_plain_lines(project, capsys):
    terminal = _Terminal()
    assert main(["build", "specs/"], stdout=terminal) == 0
    assert "/3 [" in terminal.text and "sheet/s" in terminal.text   # tqdm: " 2/3 [00:00<00:00, 1.7sheet/s]"
    assert terminal.text.count("\rbuilt specs/") + terminal.text.count("\nbuilt specs/") == 3
    code, out, _ = run(capsys, "build", "specs/", "--force")
    assert code == 0 and "\r" not in out and "3/3" not in out
    assert len([line for line in out.splitlines() if line.startswith("built ")]) == 3
