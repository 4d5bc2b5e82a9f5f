"""Golden files: compare a text with tests/golden/<name>, show a unified diff, rewrite on request.

After an intended change to an output, rewrite the goldens and review their diff in git:
    FACTSHEET_UPDATE_GOLDEN=1 python -m pytest tests/test_goldens.py
"""
from __future__ import annotations

import difflib
import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"
SWITCH = "FACTSHEET_UPDATE_GOLDEN"


def updating() -> bool:
    return os.environ.get(SWITCH) == "1"


def golden_diff(name: str, actual: str, update: bool | None = None) -> str:
    """'' when `actual` is the golden file `name`, else a unified diff from the golden to it.

    With update (default: the FACTSHEET_UPDATE_GOLDEN switch) the golden is rewritten first."""
    golden = GOLDEN / name
    if updating() if update is None else update:
        golden.write_text(actual, encoding="utf-8", newline="\n")
    expected = golden.read_text(encoding="utf-8") if golden.exists() else ""
    if actual == expected:
        return ""
    return "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        f"{name} (golden)", f"{name} (now)"))


def assert_golden(name: str, actual: str) -> None:
    diff = golden_diff(name, actual)
    assert not diff, (f"{name} differs from tests/golden/{name}; if the change is intended, "
                      f"rerun with {SWITCH}=1 and review the goldens' diff:\n{diff}")
