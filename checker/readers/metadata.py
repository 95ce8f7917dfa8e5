"""Story dates as document metadata writes them."""

from __future__ import annotations

import datetime as dt
import re

_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T|\b|$)")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T\s]|$)")


def metadata_date(value: str | None) -> dt.date | None:
    """The calendar date of an ISO 8601 date or date-time (`2025-11-19T08:30:00+09:00`)
    or of a compact one (`20251119T083000Z`, NITF `norm`), as written (the local date of
    the story, not converted to UTC); None when the value is not such a date."""
    if not value:
        return None
    match = _ISO.match(value) or _COMPACT.match(value)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
