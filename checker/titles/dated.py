"""The date a title is tied to by its own sentence, list line or table row ("In 2014,
Foreign Minister Fumio Kishida met ...", "- 2019-12-23: Prime Minister Shinzo Abe ..."),
when that is not the story's date."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
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
# A month or day without its year ("in August", "on Nov. 18", "early March"), or "last
# week/month/year": read back from the story's date.
_RELATIVE = re.compile(
    # Opens with its first letters as a set (no word before them), so that the scan
    # skips every other position at once.
    r"[IiOoEeLlMm](?<!\w[IiOoEeLlMm])(?:"
    rf"(?:(?<=[Ii])n|(?<=[Oo])n|(?<=[Ee])arly|(?<=[Ll])ate|(?<=[Mm])id-?)\s+(?P<month>{_MONTH})\b\.?"
    r"(?:\s+(?P<day>\d{1,2})\b(?!,?\s*(?:19|20)\d\d)|(?![.,]?\s*\d))"
    r"|(?<=[Ll])ast\s+(?P<unit>week|month|year)\b)"
)
# Where a sentence, paragraph, list line or table row ends: a line of its own opens with
# a bullet, a bar or a date ("2019 ...", "September 25, 2020 ...", "25 September 2020 ...").
_BOUNDARY = re.compile(
    r"[.!?][\"'”’)]*\s+|\n[ \t]*\n|\n(?=[ \t]*(?:[-*•|]|(?:19|20)\d{2}\b"
    rf"|(?:{_MONTH})\.?\s+\d{{1,2}}\b|\d{{1,2}}\s+(?:{_MONTH})\b))"
)
# What ends a clause between a title and a date: the date belongs to another clause.
_CLAUSE_BREAK = re.compile(
    r"[,;:()\u2013\u2014]|\b(?:who|whom|whose|which|that|when|where|while|after|before|since|"
    r"until|because|although)\b"
)
# "since": the date starts a period that runs to the time of writing, so the story's
# date is the one to judge on.
_SINCE = re.compile(r"\b[Ss]ince\b")
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
        return self._named() or f"{self.first.isoformat()} to {self.last.isoformat()}"

    def spoken(self) -> str:
        """The period with its preposition: "on 2025-11-19", "in 2014", "in 2024-08",
        "between 2025-11-19 and 2025-11-20"."""
        named = self._named()
        if named is None:
            return f"between {self.first.isoformat()} and {self.last.isoformat()}"
        return f"on {named}" if self.first == self.last else f"in {named}"

    def _named(self) -> str | None:
        """A day, a whole year or a whole month by its name; None for another span."""
        if self.first == self.last:
            return self.first.isoformat()
        if (self.first.month, self.first.day, self.last.month, self.last.day) == (1, 1, 12, 31):
            return str(self.first.year)
        if self.first.day == 1 and self.first.replace(day=self.last.day) == self.last:
            return self.first.strftime("%Y-%m")
        return None


UNDATED = Period(dt.date.min, dt.date.max)  # tied to several dates: judged on none


def sentence_period(text: str, start: int, end: int, story_date: dt.date) -> Period | None:
    """The period the sentence (or list line, or table row) around a title [start, end)
    ties it to: a date that opens the sentence ("In 2014, ...", "On Nov. 5, 2023, ...",
    "- 2023-04-02: ...") or that follows the title in the same clause ("... met Wang Yi in
    2014"), not one in a clause of its own (", who met Xi in 2023,"). None when there is
    none, or only the story's own date; `UNDATED` when there are several.

    A month or day without a year ("in August", "last month") may date another word of
    the clause ("recalled the visit in April"): it only widens the period, from that
    time to the story's date, so that a title held then or since is not called wrong."""
    periods: set[Period] = set()
    relative: set[Period] = set()
    for found, period in _dates_near(text, max(0, start - _REACH), end + _REACH, story_date):
        if found.start() < start:
            if not _opens_its_sentence(text, found.start(), start):
                continue
            if _SINCE.search(text, _sentence_start(text, found.start()), found.end()):
                continue  # "Since taking office in late 2012, Prime Minister ...": until now
        elif _CLAUSE_BREAK.search(text, end, found.start()) or _ends_a_sentence(
            text, end, found.start() + 1
        ):
            continue
        elif _SINCE.search(text, end, found.end()):
            continue  # "... has been foreign minister since 2023": until now
        (relative if found.re is _RELATIVE else periods).add(period)
    periods = {p for p in periods if not (p.first <= story_date <= p.last)}
    earliest = min((p.first for p in relative), default=story_date)
    if not periods and earliest < story_date:
        return Period(earliest, story_date)
    if not periods:
        return None
    if len(periods) > 1:
        return UNDATED
    return periods.pop()


def _dates_near(
    text: str, start: int, end: int, story_date: dt.date
) -> Iterator[tuple[re.Match[str], Period]]:
    """The dates written in [start, end) with the periods they name: dates with a year,
    and months, days and "last month/year/week" without one, read as the nearest such
    time before the story's date ("in August" in an October story is the August before
    it); one still to come names no other date."""
    seen = set()
    for year in _YEAR.finditer(text, start, end):
        found = _DATE.search(text, max(0, year.start() - _DATE_LEAD), year.start() + 10)
        if found is None or not found.start() <= year.start() < found.end():
            continue
        period = _period(found)
        if period is not None and found.span() not in seen:
            seen.add(found.span())
            yield found, period
    for found in _RELATIVE.finditer(text, start, end):
        period = _relative_period(found, story_date)
        if period is not None:
            yield found, period


def _relative_period(match: re.Match[str], story_date: dt.date) -> Period | None:
    unit = match.group("unit")
    if unit == "year":
        year = story_date.year - 1
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    if unit == "month":
        last = story_date.replace(day=1) - dt.timedelta(days=1)
        return Period(last.replace(day=1), last)
    if unit == "week":
        return Period(story_date - dt.timedelta(days=14), story_date - dt.timedelta(days=1))
    month = _MONTHS[match.group("month").lower()]
    day = int(match.group("day")) if match.group("day") else None
    year = story_date.year
    ahead = (month - story_date.month) % 12
    if 0 < ahead <= 6 or (ahead == 0 and day is not None and day > story_date.day):
        return None  # the nearest such month or day is still to come: "will meet on Dec. 25"
    if (month, day or 1) > (story_date.month, story_date.day):
        year -= 1  # the nearest such month or day is last year's
    try:
        if day is not None:
            return Period.day(dt.date(year, month, day))
        return Period(
            dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        )
    except ValueError:
        return None


def _opens_its_sentence(text: str, date_start: int, title_start: int) -> bool:
    """The date is in the opening words of the title's sentence, line or row: no sentence
    ends between them, and no comma comes before the date in its sentence."""
    if _ends_a_sentence(text, date_start, title_start):
        return False
    return not _CLAUSE_BREAK.search(text, _sentence_start(text, date_start), date_start)


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence, list line or table row holding `at` starts."""
    sentence_start = max(0, at - _REACH)
    for boundary in _boundaries(text, sentence_start, at):
        if boundary.group(0)[0] == "\n" or is_sentence_start(text, boundary.end()):
            sentence_start = boundary.end()
    return sentence_start


def _ends_a_sentence(text: str, start: int, end: int) -> bool:
    """A sentence, a paragraph, a list line or a table row ends within [start, end)."""
    return any(
        b.group(0)[0] == "\n" or is_sentence_start(text, b.end())
        for b in _boundaries(text, start, end)
    )


def _boundaries(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The boundaries that start within [start, end), each seeing the text after `end`
    (a list line's date, after its line break, says that the line is one of its own)."""
    for boundary in _BOUNDARY.finditer(text, start, min(len(text), end + _DATE_LEAD)):
        if boundary.start() >= end:
            return
        yield boundary


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
