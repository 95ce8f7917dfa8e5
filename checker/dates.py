"""Dates as glossaries write them: whole, or partial (a year or a month)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from checker.errors import UsageError

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        match = _PARTIAL.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r} has no month {month}")
        if day is not None:
            assert month is not None
            if not 1 <= day <= calendar.monthrange(year, month)[1]:
                raise ValueError(f"{text!r}: {calendar.month_name[month]} {year} has no day {day}")
        return cls(year, month, day)

    @property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text


def date_option(value: str | None, option: str = "--date") -> dt.date | None:
    """A command-line date, or a usage error naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{option} {value!r} is not a date (use YYYY-MM-DD)") from None


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_DATELINE = re.compile(
    r"\b(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|January|February|March|"
    r"April|June|July|August|September|October|November|December)\.?\s+(?P<day>\d{1,2}),?\s+"
    r"(?P<year>(?:19|20)\d{2})\b"
)
_ISO = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
_MONTH_STEM = re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_ISO_DIGITS = re.compile(r"(?:19|20)\d{2}-\d{2}-\d{2}")
_MONTH = (
    r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|January|February|March|April|June|"
    r"July|August|September|October|November|December"
)
# A dateline at the start of a paragraph: the place in capitals, perhaps a month and day,
# perhaps the agency in brackets, then a dash: "BEIJING, Nov. 19 (Xinhua) --",
# "TOKYO (Kyodo) --", "HONG KONG, March 3 —".
_PLACE_DATELINE = re.compile(
    r"(?:^|\n)[ \t]*[A-Z][A-Z.'’-]*(?:[ \t]+[A-Z][A-Z.'’-]*)*"
    rf"(?:,[ \t]*(?P<month>{_MONTH})\.?[ \t]+(?P<day>\d{{1,2}})(?![\d,]))?"
    r"(?:[ \t]*\([^()\n]{1,40}\))?[ \t]*(?:--|—|–|-)[ \t]*"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ON_WEEKDAY = re.compile(r"\bon (" + "|".join(_WEEKDAYS) + r")\b", re.I)
_LEAD_END = re.compile(r"[.!?][\"'”’]?(?:\s|$)")


DATELINE_REACH = 400  # how far into a story its dateline is looked for


def date_in_dateline(text: str) -> dt.date | None:
    """A full date (month, day and year) in the first lines of a story, if there is one."""
    head = text[:DATELINE_REACH]
    # Each pattern opens with a word boundary, which the regular expression engine tries at
    # every position: it runs only where a quick search finds what it needs.
    for match in _DATELINE.finditer(head) if _MONTH_STEM.search(head) else ():
        month = _MONTHS[match.group("month").lower()]
        try:
            return dt.date(int(match.group("year")), month, int(match.group("day")))
        except ValueError:
            continue
    for match in _ISO.finditer(head) if _ISO_DIGITS.search(head) else ():
        try:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
    return None


def date_by_dateline(text: str, reference: dt.date) -> tuple[dt.date, str] | None:
    """The story's date from a dateline without a year, read against a reference date
    (the document's metadata date): "BEIJING, Nov. 19 (Xinhua) --" is the Nov. 19 nearest
    the reference; "TOKYO (Kyodo) -- ... on Wednesday" in the lead sentence is the last
    Wednesday on or before it. None when there is no such dateline. Without a reference
    there is no year to give such a dateline, so none is invented."""
    dateline = _PLACE_DATELINE.search(text[:600])
    if dateline is None:
        return None
    if dateline.group("month"):
        month = _MONTHS[dateline.group("month").lower()]
        day = int(dateline.group("day"))
        candidates = []
        for year in (reference.year - 1, reference.year, reference.year + 1):
            try:
                candidates.append(dt.date(year, month, day))
            except ValueError:
                continue
        if not candidates:
            return None
        found = min(candidates, key=lambda d: abs((d - reference).days))
        written = dateline.string[dateline.start("month") : dateline.end("day")]
        return found, f"dateline '{written}'"
    lead = text[dateline.end() : dateline.end() + 400]
    end = _LEAD_END.search(lead)
    weekday = _ON_WEEKDAY.search(lead[: end.end() if end else len(lead)])
    if weekday is None:
        return None
    wanted = _WEEKDAYS.index(weekday.group(1).lower())
    found = reference - dt.timedelta(days=(reference.weekday() - wanted) % 7)
    return found, f"dateline and '{weekday.group(0)}'"


def story_date(
    found: dt.date | None, origin: str | None, lead: str, today: dt.date | None = None
) -> tuple[dt.date, str]:
    """The story's date when no --date is given: the document's own (`found`, from
    `origin`), refined by a dateline without a year in its `lead` when the date came from
    metadata; else today, said as such."""
    if found is None:
        return today or dt.date.today(), "today (no --date and no date in the document)"
    if origin and origin.startswith("metadata"):
        refined = date_by_dateline(lead, found)
        if refined is not None:
            return refined[0], f"{refined[1]} read against {origin} {found.isoformat()}"
    return found, origin or "document"
