"""The time a build may take (limits.MAX_BUILD_SECONDS): past it, the build stops with an error.

A one-page sheet builds in well under a second; a build that runs on is a pathological input
(or a bug), and a batch or `watch` session must not hang on it. Outputs are renamed into
place only at the end, so a stopped build leaves the previous sheet as it was.
"""
from __future__ import annotations

import contextlib
import signal
import threading

from .. import limits
from ..diagnostics import FactsheetError


class BuildTimeout(FactsheetError):
    pass


@contextlib.contextmanager
def time_limit(what: str, seconds: float | None = None):
    """Raise BuildTimeout inside the block once `seconds` have passed (a SIGALRM timer, so
    only in a main thread on POSIX; elsewhere the block runs unlimited)."""
    seconds = limits.MAX_BUILD_SECONDS if seconds is None else seconds
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise BuildTimeout(f"{what}: error: building took longer than {seconds:g} s, the limit: "
                           "stopped; the previous output, if any, is unchanged")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
