"""The date a title is tied to by its own sentence, list line or table row ("In 2014,
Foreign Minister Fumio Kishida met ...", "- 2019-12-23: Prime Minister Shinzo Abe ..."),
when that is not the story's date."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from checker.sentences import is_sentence_start

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = (
    r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|January|February|March|April|June|"
    r"July|August|September|October|November|December"
)
# A year with its month (and day) — "Nov. 18, 2023", "April 2023", "18 November 2023" —
# an ISO date, or a bare year after a preposition ("In 2014", "since 2012").
_DATE = re.compile(
    rf"\b(?:(?P<day1>\d{{1,2}})\s+)?(?P<month>{_MONTH})\.?\s+(?:(?P<day2>\d{{1,2}}),?\s+)?"
    r"(?P<year>(?:19|20)\d{2})\b"
    r"|\b(?P<iso>(?:19|20)\d{2}-\d{2}-\d{2})\b"
    r"|\b(?:[Ii]n|[Oo]n|[Ss]ince|[Uu]ntil|[Dd]uring|[Bb]y|[Ff]rom|[Oo]f|[Ee]arly|[Ll]ate|[Mm]id-?)"
    r"\s+(?P<bare>(?:19|20)\d{2})\b(?![-–/]\d)"
    r"|^[ \t]*(?:[-*•|][ \t]*)?(?P<lead>(?:19|20)\d{2})\b(?![-–/]\d)",
    re.MULTILINE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")  # a quick gate: the full patterns decide
_BOUNDARY = re.compile(r"[.!?][\"'”’)]*\s+|\n[ \t]*\n|\n(?=[ \t]*(?:[-*•|]|(?:19|20)\d{2}\b))")
_DATE_LEAD = 32  # how far before its year a date starts ("18 September 2023")
_REACH = 300  # how far a sentence is searched for its date, either side of the title


@dataclass(frozen=True, slots=True)
class Period:
    """The days a title is judged on: the story's date, or the year, month or day a
    sentence ties it to."""

    first: dt.date
    last: dt.date

    @classmethod
    def day(cls, on: dt.date) -> Period:
        return cls(on, on)

    def __str__(self) -> str:
        if self.first == self.last:
            return self.first.isoformat()
        if (self.first.month, self.first.day, self.last.month, self.last.day) == (1, 1, 12, 31):
            return str(self.first.year)
        if self.first.day == 1 and self.first.replace(day=self.last.day) == self.last:
            return self.first.strftime("%Y-%m")
        return f"{self.first.isoformat()} to {self.last.isoformat()}"


UNDATED = Period(dt.date.min, dt.date.max)  # tied to several dates: judged on none


def sentence_period(text: str, start: int, end: int, story_date: dt.date) -> Period | None:
    """The period the sentence (or list line, or table row) around [start, end) names:
    None when it names no date, or only the story's own; `UNDATED` when it names
    several."""
    reach = _YEAR.finditer(text, max(0, start - _REACH), end + _REACH)
    years = [m.start() for m in reach]
    if not years:
        return None  # most sentences name no year: nothing more to look for
    periods = set()
    for year in years:
        # The year counts when no sentence ends between it and the title; it is read
        # with what comes just before it (a month, a day, a preposition, a list
        # marker) and after it (an ISO month and day).
        between = (year, start) if year < start else (end, year)
        if _ends_a_sentence(text, *between):
            continue
        found = _DATE.search(text, max(0, year - _DATE_LEAD), year + 10)
        if found is not None and (period := _period(found)) is not None:
            periods.add(period)
    periods = {p for p in periods if not (p.first <= story_date <= p.last)}
    if not periods:
        return None
    if len(periods) > 1:
        return UNDATED
    return periods.pop()


def _ends_a_sentence(text: str, start: int, end: int) -> bool:
    """A sentence, a paragraph, a list line or a table row ends within [start, end)."""
    return any(
        b.group(0)[0] == "\n" or is_sentence_start(text, b.end())
        for b in _BOUNDARY.finditer(text, start, end)
    )


def _period(match: re.Match[str]) -> Period | None:
    try:
        if match.group("iso"):
            day = dt.date.fromisoformat(match.group("iso"))
            return Period(day, day)
        bare = match.group("bare") or match.group("lead")
        if bare:
            year = int(bare)
            return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
        year = int(match.group("year"))
        month = _MONTHS[match.group("month").lower()]
        day_text = match.group("day1") or match.group("day2")
        if day_text:
            day = dt.date(year, month, int(day_text))
            return Period(day, day)
        return Period(
            dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        )
    except ValueError:
        return None
