"""A bug in factsheet itself: one line naming it, a hint to use --debug, exit 3, never a traceback."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factsheet import cli
from factsheet.validate import rules as validate

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "raqqa-2017.yaml"

# Loaded by Python at start-up (PYTHONPATH), so the real commands below meet a real bug.
SITECUSTOMIZE = '''
import factsheet.validate.rules
def broken(*args, **kwargs):
    raise RuntimeError("simulated bug\\nsecond line")
factsheet.validate.rules.check_spec = broken
'''


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(argv, out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def broken_validator(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug\nsecond line")
    monkeypatch.setattr(validate, "check_spec", broken)
    monkeypatch.delenv("FACTSHEET_DEBUG", raising=False)


def test_internal_error_is_one_line_with_a_debug_hint(broken_validator):
    code, out, err = run(["validate", str(SPEC)])
    assert code == 3
    assert err.splitlines() == [
        "factsheet: internal error (RuntimeError: simulated bug); run again with --debug "
        "for the traceback, and please report it with that output"]
    assert "Traceback" not in out + err


def test_internal_error_names_the_packages_own_issues_address(broken_validator, monkeypatch):
    """No invented address: the one in pyproject's [project.urls], read from the metadata."""
    import importlib.metadata

    class Metadata:
        def get_all(self, key):
            return ["Homepage, https://example.org/factsheet",
                    "Issues, https://example.org/factsheet/issues"] if key == "Project-URL" else []

    monkeypatch.setattr(importlib.metadata, "metadata", lambda name: Metadata())
    code, _, err = run(["validate", str(SPEC)])
    assert code == 3
    assert err.rstrip().endswith("please report it, with that output, at "
                                 "https://example.org/factsheet/issues")


@pytest.mark.parametrize("argv", [["--debug", "validate", str(SPEC)], ["validate", str(SPEC), "--debug"]])
def test_debug_prints_the_traceback(broken_validator, argv):
    code, _, err = run(argv)
    assert code == 3
    assert err.startswith("Traceback (most recent call last):")
    assert 'raise RuntimeError("simulated bug' in err
    assert err.splitlines()[-1].startswith("factsheet: internal error (RuntimeError: simulated bug); "
                                           "the traceback is above")


def test_debug_from_the_environment(broken_validator, monkeypatch):
    monkeypatch.setenv("FACTSHEET_DEBUG", "1")
    code, _, err = run(["validate", str(SPEC)])
    assert code == 3 and "Traceback" in err


def test_a_bug_while_building_one_of_several_sheets_exits_3(broken_validator, tmp_path):
    code, out, err = run(["build", str(SPEC), "--out", str(tmp_path)])
    assert code == 3
    assert "FAILED" in out and "internal error (RuntimeError: simulated bug)" in out
    assert "Traceback" not in out + err
    code, out, _ = run(["build", str(SPEC), "--out", str(tmp_path), "--debug"])
    assert code == 3 and "Traceback (most recent call last)" in out


def _console_script() -> str | None:
    found = shutil.which("factsheet", path=os.path.dirname(sys.executable))
    return found or shutil.which("factsheet")


@pytest.mark.parametrize("command", ["module", "script"])
def test_real_commands_report_a_bug_in_one_line(tmp_path, command):
    (tmp_path / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    env.pop("FACTSHEET_DEBUG", None)
    if command == "module":
        argv = [sys.executable, "-m", "factsheet", "validate", str(SPEC)]
    else:
        script = _console_script()
        if script is None:
            pytest.skip("the factsheet console script is not installed")
        argv = [script, "validate", str(SPEC)]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "run again with --debug" in done.stderr
    done = subprocess.run(argv + ["--debug"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 3 and "Traceback (most recent call last)" in done.stderr
