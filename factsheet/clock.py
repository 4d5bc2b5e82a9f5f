"""What time it is, for a build: SOURCE_DATE_EPOCH when set (reproducible builds), else now.

Every date or time the tool writes or compares with comes from here, so one variable makes a
whole build reproducible and a test can fix the day.
"""
from __future__ import annotations

import os
from datetime import date, datetime, timezone


def source_date_epoch() -> datetime | None:
    """SOURCE_DATE_EPOCH as an aware UTC datetime, or None when unset.

    A malformed value is a usage error: a build that silently ignored it would not be reproducible.
    """
    from .diagnostics import UsageError

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    try:
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {epoch!r}") from None


def now() -> datetime:
    """The build's moment, in UTC, to the second."""
    return (source_date_epoch() or datetime.now(timezone.utc)).replace(microsecond=0)


def today() -> date:
    """The build's day: SOURCE_DATE_EPOCH's UTC date if set, else the local date."""
    moment = source_date_epoch()
    return moment.date() if moment else date.today()
