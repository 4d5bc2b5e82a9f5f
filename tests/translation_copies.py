"""A copy of the Raqqa spec with its sources and its French and Arabic translations, to edit."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

from factsheet.cli import main

ROOT = Path(__file__).parent.parent
SPECS = ROOT / "specs"


def copy_raqqa(folder: Path) -> Path:
    """specs/raqqa-2017.yaml, .fr.yaml, .ar.yaml and sources/ copied into folder; the spec's path."""
    for name in ("raqqa-2017.yaml", "raqqa-2017.fr.yaml", "raqqa-2017.ar.yaml"):
        shutil.copy(SPECS / name, folder / name)
    shutil.copytree(SPECS / "sources", folder / "sources")
    return folder / "raqqa-2017.yaml"


def run(*argv) -> tuple:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main([*map(str, argv)], stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def position(path: Path, needle: str, occurrence: int = 1) -> str:
    """'FILE:LINE:COL' of the first character of needle (its nth occurrence) in the file."""
    text = path.read_text(encoding="utf-8")
    at = -1
    for _ in range(occurrence):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return f"{path}:{line}:{at - text.rfind(chr(10), 0, at)}"
