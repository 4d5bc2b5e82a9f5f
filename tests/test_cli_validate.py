"""`factsheet validate`: exit codes, where output goes, several specs and folders.

0 every spec valid, 1 a spec invalid (a missing or unreadable archive included),
2 the command used wrongly or a spec file that cannot be read at all.
"""
from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from factsheet.cli import main

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "specs" / "raqqa-2017.yaml"
BROKEN = Path(__file__).parent / "broken"


def run(*argv) -> tuple:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main([*map(str, argv)], stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def example_copy(tmp_path) -> Path:
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    return tmp_path / "specs" / "raqqa-2017.yaml"


# -- exit 0 ---------------------------------------------------------------------------------

def test_example_spec_is_valid():
    assert run("validate", "--max-age", "100000", EXAMPLE) == (
        0, "", "1 of 1 spec(s) valid, 0 error(s), 0 warning(s)\n")


def test_example_spec_warns_that_it_is_stale_but_stays_valid():
    code, out, err = run("validate", EXAMPLE)
    assert code == 0
    assert all(": warning: " in line for line in out.splitlines())
    assert f"{EXAMPLE}:7:8: warning: 'as_of' 2017-08-25 is " in out
    assert err.startswith("1 of 1 spec(s) valid, 0 error(s), ")


def test_starter_from_factsheet_new_is_valid(tmp_path):
    assert run("new", "demo", "--dir", tmp_path)[0] == 0
    assert run("validate", "--strict", tmp_path / "demo.yaml") == (
        0, "", "1 of 1 spec(s) valid, 0 error(s), 0 warning(s)\n")


# -- exit 1 ---------------------------------------------------------------------------------

def test_missing_archive_makes_the_spec_invalid(example_copy):
    (example_copy.parent / "sources" / "voa-2017-08-25.txt").unlink()
    code, out, err = run("validate", "--max-age", "100000", example_copy)
    assert code == 1
    assert out.splitlines()[0] == (
        f"{example_copy}:25:14: error: archive file not found: sources/voa-2017-08-25.txt")
    assert err.startswith("0 of 1 spec(s) valid, ")


def test_binary_archive_makes_the_spec_invalid(example_copy):
    (example_copy.parent / "sources" / "voa-2017-08-25.txt").write_bytes(b"\x00\x01PK\x03\x04")
    code, out, _ = run("validate", "--max-age", "100000", example_copy)
    assert code == 1
    assert out.splitlines()[0] == (
        f"{example_copy}:25:14: error: archive is not text (binary data): archive the article as plain "
        "text: sources/voa-2017-08-25.txt")


def test_every_problem_is_reported_in_one_run(example_copy):
    text = example_copy.read_text(encoding="utf-8")
    example_copy.write_text(text.replace("as_of: 2017-08-25", "as_of: 2017-02-30")
                            .replace("    value: 220\n", "    value: 230\n"), encoding="utf-8")
    code, out, err = run("validate", "--max-age", "100000", example_copy)
    assert code == 1
    assert [line.split(": error: ")[0] for line in out.splitlines() if ": error: " in line] == [
        f"{example_copy}:7:8", f"{example_copy}:35:12"]
    assert err == "0 of 1 spec(s) valid, 2 error(s), 0 warning(s)\n"


def test_valid_and_invalid_specs_together_exit_1():
    code, out, err = run("validate", "--max-age", "100000", EXAMPLE, BROKEN / "bad-url.yaml")
    assert code == 1
    assert out.startswith(f"{BROKEN / 'bad-url.yaml'}:16:10: error: ")
    assert err == "1 of 2 spec(s) valid, 1 error(s), 0 warning(s)\n"


def test_folder_of_specs_is_validated_spec_by_spec():
    code, out, err = run("validate", BROKEN)
    specs = len(list(BROKEN.glob("*.yaml")))
    assert code == 1
    assert err.startswith(f"0 of {specs} spec(s) valid, ")
    assert "Traceback" not in out + err


def test_json_lists_the_diagnostics_of_every_spec():
    code, out, err = run("validate", "--format", "json", "--max-age", "100000",
                         BROKEN / "bad-url.yaml", BROKEN / "as-of-in-future.yaml")
    assert code == 1
    assert err == ""
    assert [(Path(d["file"]).name, d["line"], d["col"], d["code"]) for d in json.loads(out)] == [
        ("bad-url.yaml", 16, 10, "bad-url"), ("as-of-in-future.yaml", 5, 8, "future-date")]


# -- exit 2: used wrongly, or the spec file itself unreadable --------------------------------------

@pytest.mark.parametrize("argv, message", [
    (["validate"], "factsheet validate: the following arguments are required: SPEC|FOLDER\n"),
    (["validate", "--format", "xml", "x.yaml"],
     "factsheet validate: argument --format: invalid choice: 'xml' (choose from 'text', 'json')\n"),
    (["validate", "--max-age", "soon", "x.yaml"],
     "factsheet validate: argument --max-age: invalid int value: 'soon'\n"),
    (["validate", "--bogus", "x.yaml"], "factsheet: unrecognized arguments: --bogus\n"),
], ids=["no-spec", "bad-format", "bad-max-age", "unknown-option"])
def test_command_used_wrongly_exits_2(argv, message, capsys):
    code, out, err = run(*argv)
    assert (code, out) == (2, "")
    assert err.startswith("usage: factsheet")   # the usage goes to main()'s stderr too
    assert err.endswith(message)


def test_missing_spec_exits_2(tmp_path):
    assert run("validate", tmp_path / "nope.yaml") == (
        2, "", f"factsheet: {tmp_path / 'nope.yaml'}: no such file or folder\n")


def test_folder_without_specs_exits_2(tmp_path):
    assert run("validate", tmp_path) == (2, "", f"factsheet: no spec files (*.yaml) in {tmp_path}\n")


def test_spec_that_is_not_utf8_is_invalid_at_its_first_bad_byte(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("factsheet: 1\ntitle: caf\u00e9\n".encode("latin-1"))
    assert run("validate", path) == (
        1, f"{path}:2:11: error: not UTF-8 text: byte 0xe9 cannot be read; save the spec as UTF-8\n",
        "0 of 1 spec(s) valid, 1 error(s), 0 warning(s)\n")


def test_a_spec_in_another_encoding_does_not_stop_the_others(tmp_path):
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("title: caf\u00e9\n".encode("latin-1"))
    code, out, err = run("validate", bad, ROOT / "tests" / "broken" / "bad-url.yaml", "--max-age", "99999")
    assert code == 1
    assert f"{bad}:1:11: error: not UTF-8 text" in out
    assert "bad-url.yaml:16:10: error: 'url' must be an http:// or https:// address" in out
    assert err.endswith("0 of 2 spec(s) valid, 2 error(s), 0 warning(s)\n")


def test_spec_with_byte_order_mark_is_read(tmp_path):
    shutil.copytree(ROOT / "specs" / "sources", tmp_path / "sources")
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    assert run("validate", "--max-age", "100000", path)[0] == 0


def test_library_refuses_a_folder_as_a_spec(tmp_path):
    from factsheet import check_spec
    from factsheet.diagnostics import UsageError

    with pytest.raises(UsageError, match="is a folder, not a spec file$"):
        check_spec(tmp_path)


def test_a_template_name_with_a_nul_byte_is_an_error_not_a_crash(tmp_path):
    """Found by Hypothesis: the freshness check opened templates/<name>.yaml with a NUL in it."""
    spec = tmp_path / "nul.yaml"
    spec.write_text('factsheet: 1\ntemplate: "\\0"\n', encoding="utf-8")
    code, out, err = run("validate", spec)
    assert code == 1
    assert "internal error" not in err
    assert f"{spec}:2:11: error: 'template' must name a file in templates/ without .yaml" in out
