"""The dates a deck file carries: never the time it was built, so the same sources give the same
bytes. Its creation date is the content's `issued` date; its modification date is
SOURCE_DATE_EPOCH (the reproducible-builds convention) when set."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from briefing.errors import Location, Problem

ZIP_EPOCH = dt.datetime(1980, 1, 1)
"""The earliest time a zip entry can carry."""

def issued_date(issued: str | None) -> dt.datetime | None:
    """Return the content's issue date (YYYY, YYYY-MM or YYYY-MM-DD) as a time, None if unset."""
    if not issued:
        return None
    year, month, day = ([*map(int, issued.split("-")), 1, 1])[:3]
    return dt.datetime(year, month, day)


def source_date() -> dt.datetime | None:
    """Return SOURCE_DATE_EPOCH (the reproducible-builds convention) when it is set; an unusable
    value is refused by `check_source_date` before any deck is built."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if _digits(epoch):
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    return None


def check_source_date() -> list[Problem]:
    """Return a problem when SOURCE_DATE_EPOCH is set but is not a time a file can carry."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return []
    message = ""
    if not _digits(epoch):
        message = f"SOURCE_DATE_EPOCH is {epoch[:40]!r}; it must be a whole number of seconds since 1970"
    else:
        try:
            year = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).year
        except (OverflowError, OSError, ValueError):
            year = 0
        if not 1980 <= year <= 9999:
            message = (f"SOURCE_DATE_EPOCH is {epoch[:40]}, which is not a time between 1980 and 9999; a deck "
                       "file cannot carry it")
    return [Problem(Location(Path("SOURCE_DATE_EPOCH")), "", message)] if message else []




def _digits(text: str) -> bool:
    """ASCII digits only: str.isdigit() also takes "²" and other digits no clock reads."""
    return text.isascii() and text.isdigit()
