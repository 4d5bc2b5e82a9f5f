"""Diagnostics (errors and warnings pointing into the user's file) and the exception types."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    severity: str            # 'error' or 'warning'
    file: str
    line: int                # 1-based; 0 when the problem is the file as a whole
    col: int                 # 1-based
    code: str                # stable short name of the rule, e.g. 'quote-not-found'
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        text = f"{where}: {self.severity}: {self.message}"
        if self.hint:
            text += "\n  " + self.hint.replace("\n", "\n  ")
        return text

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def to_json(diagnostics) -> str:
    return json.dumps([asdict(d) for d in diagnostics], indent=2, ensure_ascii=False)


class Diagnostics(list):
    """An ordered collection of diagnostics for one file, with helpers to add to it."""

    def __init__(self, file: str):
        super().__init__()
        self.file = file

    def error(self, pos, code: str, message: str, hint: str | None = None) -> None:
        self.append(Diagnostic(ERROR, self.file, pos[0], pos[1], code, message, hint))

    def warning(self, pos, code: str, message: str, hint: str | None = None) -> None:
        self.append(Diagnostic(WARNING, self.file, pos[0], pos[1], code, message, hint))

    @property
    def errors(self) -> list:
        return [d for d in self if d.is_error]

    def sorted(self) -> list:
        return sorted(self, key=lambda d: (d.file, d.line, d.col))


class FactsheetError(Exception):
    """Base class of every error the tool reports to a user (never a traceback)."""
    exit_code = 1


class UsageError(FactsheetError):
    """The command was used wrongly, or a named file could not be read at all (exit 2)."""
    exit_code = 2


class InvalidSpec(FactsheetError):
    """A spec or template failed validation; carries its diagnostics (exit 1)."""

    def __init__(self, diagnostics):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class LayoutError(FactsheetError):
    """The sheet does not fit on one page even at the template's minimum size (exit 1).
    `sections`: the indices of the sections named as not fitting."""

    def __init__(self, message: str, sections=()):
        super().__init__(message)
        self.sections = tuple(sections)


def internal_error_line(exc: BaseException, debug: bool) -> str:
    """The one line an unexpected error gets: what it was, and how to see more."""
    first = (str(exc).splitlines() or [""])[0][:300]
    what = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    hint = "the traceback is above" if debug else "run again with --debug for the traceback"
    where = report_address()
    report = f"please report it, with that output, at {where}" if where else \
        "please report it with that output"
    return f"factsheet: internal error ({what}); {hint}, and {report}"


def report_address() -> str | None:
    """Where bugs go: the package's own 'Issues' (or 'Homepage') URL in [project.urls], if any."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls = metadata("factsheet").get_all("Project-URL") or []
    except PackageNotFoundError:     # run from a checkout that was never installed
        return None
    named = dict(entry.split(", ", 1) for entry in urls if ", " in entry)
    return next((named[k] for k in ("Issues", "Bug Tracker", "Homepage") if k in named), None)


def closest_name(name: str, known) -> str | None:
    """The known name a typo most likely meant, or None."""
    import difflib

    close = difflib.get_close_matches(str(name), list(known), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(name: str, known, otherwise: str | None = None) -> str | None:
    """The hint for an unknown name: "did you mean 'publisher'?", else `otherwise`."""
    close = closest_name(name, known)
    return f"did you mean '{close}'?" if close else otherwise
