"""The verified sheet of the example spec, as `factsheet dump` prints it, against a golden file.

After an intended change, rewrite the golden and review its diff:
    FACTSHEET_UPDATE_GOLDEN=1 python -m pytest tests/test_dump_golden.py
"""
from __future__ import annotations

import difflib
import io
import os
from pathlib import Path

import pytest

from factsheet.cli import main

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("FACTSHEET_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("spec", ["raqqa-2017"])
def test_dump_matches_golden(spec):
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["dump", str(ROOT / "specs" / f"{spec}.yaml")], stdout, stderr)
    assert (code, stderr.getvalue()) == (0, "")
    actual = stdout.getvalue()
    golden = GOLDEN / f"{spec}.dump.txt"
    if UPDATE:
        golden.write_text(actual, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        f"{golden.name} (golden)", f"{golden.name} (dump now)"))
    assert actual == expected, "dump differs from the golden; if intended, rerun with " \
                               "FACTSHEET_UPDATE_GOLDEN=1 and review:\n" + diff
