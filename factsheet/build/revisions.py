"""Fact records of a spec as it is now, or as it was at a git revision (for `factsheet diff`)."""
from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from ..diagnostics import InvalidSpec, UsageError


def record_of(spec: Path) -> dict:
    """The spec's fact record, checked without its archives: comparing figures needs only
    the spec, so an old copy kept anywhere can be compared (its quotes are not checked)."""
    from ..sheet.record import sheet_record
    from ..validate.rules import check_spec

    sheet, diagnostics = check_spec(spec, archives=False)
    if sheet is None:
        raise InvalidSpec(diagnostics.sorted())
    return sheet_record(sheet)


def spec_text_at(spec: Path, revision: str) -> str:
    """The spec's text at a git revision, via `git show REV:./NAME` from its own folder."""
    if revision.startswith("-"):
        raise UsageError(f"diff --since: {revision!r} is not a revision")
    folder = spec.resolve().parent
    try:
        shown = subprocess.run(["git", "show", f"{revision}:./{spec.name}"], cwd=folder,
                               capture_output=True, timeout=30)
    except FileNotFoundError:
        raise UsageError("diff --since needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise UsageError("diff --since: git did not answer within 30 s") from None
    if shown.returncode != 0:
        reason = shown.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"diff --since {revision}: {reason[-1] if reason else 'git failed'}")
    try:
        return shown.stdout.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"diff --since {revision}: {spec.name} was not UTF-8 then") from None


def record_at_revision(spec: Path, revision: str) -> dict:
    """Check the old text beside the spec (so relative paths read as they did) and record it."""
    text = spec_text_at(spec, revision)
    handle, name = tempfile.mkstemp(prefix=f".{spec.stem}.at-", suffix=".yaml", dir=spec.resolve().parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        return record_of(Path(name))
    except InvalidSpec as exc:
        raise InvalidSpec([d.__class__(d.severity, f"{spec}@{revision}", d.line, d.col, d.code,
                                       d.message, d.hint) for d in exc.diagnostics]) from None
    finally:
        os.unlink(name)
