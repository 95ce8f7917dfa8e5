"""ST: house style from the profile: title case by position, spellings, dates,
discouraged forms."""

from __future__ import annotations

import calendar
import re
from functools import cache

from checker.analysis import DocumentAnalysis
from checker.glossary.model import Role
from checker.lexicon import CONNECTORS, TITLE_HEADS, TITLE_MODIFIERS
from checker.model import Applicability, Severity
from checker.rules.base import DocumentRule, InQuotation, Reporter, register
from checker.style import Spelling
from checker.titles.phrases import is_description
from checker.titles.verdicts import Verdict

_TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


@register
class TitleCaseByPosition(DocumentRule):
    """A title capitalized after a name, or lower case directly before it.

    ## Why
    News agencies capitalize a formal title directly before a name ("Chief Cabinet
    Secretary Minoru Kihara") and write it in lower case after a name or alone ("Liu
    Jinsong, director-general of the Department of Asian Affairs"). Names of bodies
    inside the title keep their capitals. Job descriptions that the glossary marks as
    not formal (`formal: false`: "foreign ministry spokesperson Lin Jian", "Komeito
    leader Tetsuo Saito"), a title after a possessive ("China's ambassador to Japan Wu
    Jianghao") and headlines in title case are left as written. Titles already reported
    as wrong are left to that finding.

    ## Bad
        Liu Jinsong, Director-General of the Department of Asian Affairs, met Masaaki Kanai.

    ## Good
        Liu Jinsong, director-general of the Department of Asian Affairs, met Masaaki Kanai.

    ## Fix safety
    Safe: only the case of the title words changes.
    """

    code = "ST001"
    name = "title-case-position"
    default_severity = Severity.WARNING

    def check(self, analysis: DocumentAnalysis, report: Reporter) -> None:
        if analysis.style.title_case == "off":
            return
        for verdict in analysis.verdicts:
            title = verdict.title
            if verdict.verdict not in (Verdict.HELD, Verdict.UNKNOWN) or not title.offices:
                continue
            segment = verdict.mention.segment
            words = _leading_title_words(title.text)
            if not words:
                continue
            text = segment.text
            if title.position == "after":
                wrong = [(s, e) for s, e in words if title.text[s].isupper()]
                fixed = title.text
                for s, e in wrong:
                    fixed = fixed[:s] + fixed[s:e].lower() + fixed[e:]
                advice = "lower case after a name"
            else:
                if re.search(
                    r"\b(?:the|a|an)\s+$",
                    text[max(0, title.start - 5) : title.start],
                    re.IGNORECASE,
                ):
                    continue  # "the president of the United States Donald Trump": set off
                if _POSSESSIVE.search(title.text):
                    continue  # "China's ambassador to Japan Wu Jianghao": a description
                if "," in text[title.end : verdict.mention.start]:
                    continue  # "Japan's new prime minister, Shigeru Ishiba,": set off
                wrong = [(s, e) for s, e in words if title.text[s].islower()]
                fixed = title.text
                for s, e in wrong:
                    fixed = fixed[:s] + _capitalize(fixed[s:e]) + fixed[e:]
                advice = "capitalized directly before a name"
            if not wrong:
                continue
            if segment.title_cased or is_description(title.offices, title.text):
                continue
            assert text[title.start : title.end] == title.text
            report(
                verdict.mention.segment,
                title.start,
                title.end,
                f"'{title.text}': a title is written {advice}: write '{fixed}'",
                replacement=fixed,
                entry=title.offices[0] if len(title.offices) == 1 else None,
            )


_POSSESSIVE = re.compile(r"^[A-Z][\w.-]*['’]s\s")


def _leading_title_words(text: str) -> list[tuple[int, int]]:
    """Spans of the title's own words, up to the first 'of'/'for' (bodies keep capitals)."""
    spans = []
    for match in _TITLE_WORD.finditer(text):
        word = match.group(0).lower()
        if word in CONNECTORS:
            break
        parts = word.split("-")
        if (
            word in TITLE_HEADS
            or word in TITLE_MODIFIERS
            or all(p in TITLE_HEADS or p in TITLE_MODIFIERS for p in parts)
        ):
            spans.append((match.start(), match.end()))
    return spans


def _capitalize(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


@register
class PreferredSpelling(DocumentRule):
    """A spelling the house style replaces with another ("dialog" → "dialogue").

    ## Why
    The style profile lists preferred spellings with their source; one house spelling
    keeps copy consistent.

    ## Bad
        Tokyo remains committed to de-escalation through dialog.

    ## Good
        Tokyo remains committed to de-escalation through dialogue.

    ## Fix safety
    Safe: the word is replaced, keeping its capitalization.
    """

    code = "ST002"
    name = "spelling"
    default_severity = Severity.WARNING

    def check(self, analysis: DocumentAnalysis, report: Reporter) -> None:
        spellings = analysis.style.spellings
        if not spellings:
            return
        pattern, table = _spelling_pattern(spellings)
        for segment in analysis.document.segments:
            lowered = segment.text.lower()
            if not any(word in lowered for word in table):
                continue  # a plain substring test first: most text has none of the words
            for match in pattern.finditer(segment.text):
                seen = match.group(0)
                spelling = table[seen.lower()]
                wanted = _same_case(seen, spelling.use)
                note = f" ({spelling.note})" if spelling.note else ""
                report(
                    segment,
                    match.start(),
                    match.end(),
                    f"'{seen}': the house spelling is '{wanted}'{note}",
                    replacement=wanted,
                )


@cache
def _spelling_pattern(
    spellings: tuple[Spelling, ...],
) -> tuple[re.Pattern[str], dict[str, Spelling]]:
    table = {a.lower(): s for s in spellings for a in s.avoid}
    words = sorted(table, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])", re.IGNORECASE
    )
    return pattern, table


def _same_case(seen: str, wanted: str) -> str:
    if seen.isupper():
        return wanted.upper()
    if seen[:1].isupper():
        return wanted[:1].upper() + wanted[1:]
    return wanted


_MONTH_NAMES = "|".join(
    sorted(
        [m for m in calendar.month_name if m] + [m for m in calendar.month_abbr if m] + ["Sept"],
        key=len,
        reverse=True,
    )
)
_MONTH_DAY = re.compile(
    rf"(?<!\w)(?=[JFMASOND])(?P<month>{_MONTH_NAMES})(?P<dot>\.?)\s(?P<day>[0-3]?\d)"
    r"(?P<suffix>st|nd|rd|th)?\b"
)
_DAY_MONTH = re.compile(
    rf"(?<!\w)(?P<day>[0-3]?\d)(?P<suffix>st|nd|rd|th)?\s(?:of\s)?(?P<month>{_MONTH_NAMES})\b\.?"
)
_LONGEST_DATE = len("September. 30th") + 1
# Every month name and abbreviation opens with one of these: a text without any has no date.
_MONTH_STEMS = tuple(m[:3] for m in calendar.month_abbr if m)
_MONTH_STEM = re.compile("|".join(_MONTH_STEMS))
_MONTH_REACH = len("30th of ")  # how far before its month a day-month date starts


def _month_words_in(text: str) -> list[int]:
    """Where a month's name may start, found by one pattern of the stems (far cheaper than
    running the date patterns over every position of a story without a month; no two
    stems overlap, as each has its only capital first)."""
    return [stem.start() for stem in _MONTH_STEM.finditer(text)]


def _dates_at(pattern: re.Pattern[str], text: str, months: list[int]) -> list[re.Match[str]]:
    """The pattern's matches whose month starts at one of `months`, in order, without
    overlaps: what `finditer` gives, as every date has its month at one of them."""
    matches: list[re.Match[str]] = []
    last_end = 0
    for at in months:
        if at < last_end:
            continue
        if pattern is _MONTH_DAY:
            match = pattern.match(text, at)
        else:  # the day comes first: find where, then match there in the whole text
            near = pattern.search(text, max(last_end, at - _MONTH_REACH), at + _LONGEST_DATE)
            match = pattern.match(text, near.start()) if near is not None else None
        if match is not None and match.start("month") == at:
            matches.append(match)
            last_end = match.end()
    return matches


_AP_MONTHS = {1: "Jan.", 2: "Feb.", 8: "Aug.", 9: "Sept.", 10: "Oct.", 11: "Nov.", 12: "Dec."}


# The month names once (each look-up in `calendar` formats a date anew).
_FULL_MONTHS = tuple(calendar.month_name)
_MONTH_NUMBERS = {
    **{calendar.month_abbr[i].lower(): i for i in range(1, 13)},
    **{_FULL_MONTHS[i].lower(): i for i in range(1, 13)},
}


def _month_number(name: str) -> int:
    return _MONTH_NUMBERS.get(name.rstrip(".").lower(), 9)  # 9: "sept"


def styled_date(month: int, day: int, style: str) -> str:
    if style == "ap":
        return f"{_AP_MONTHS.get(month, _FULL_MONTHS[month])} {day}"
    return f"{_FULL_MONTHS[month]} {day}"


@register
class DateStyle(DocumentRule):
    """A date written against the house date style.

    ## Why
    AP style writes "Nov. 18": no ordinal suffix, and Jan., Feb., Aug., Sept., Oct.,
    Nov. and Dec. abbreviated before a day (March to July spelt out). The "full" style
    writes "November 18". A month with an ordinal ("November 18th") is wrong in both.

    ## Bad
        The talks were held on November 18th in Beijing.

    ## Good
        The talks were held on Nov. 18 in Beijing.

    ## Fix safety
    Safe: the same date is rewritten in the house style.
    """

    code = "ST003"
    name = "date-style"
    default_severity = Severity.WARNING

    def check(self, analysis: DocumentAnalysis, report: Reporter) -> None:
        style = analysis.style.date_style
        for segment in analysis.document.segments:
            text = segment.text
            months = _month_words_in(text)
            if not months:
                continue
            for pattern in (_MONTH_DAY, _DAY_MONTH):
                for match in _dates_at(pattern, text, months):
                    day = int(match.group("day"))
                    month_word = match.group("month")
                    if not 1 <= day <= 31 or (
                        month_word == "May" and pattern is _DAY_MONTH and not match.group("suffix")
                    ):
                        continue
                    if month_word in ("Mar", "Jun", "Jul") and not match.groupdict().get("dot"):
                        continue  # probably not a month
                    wanted = styled_date(_month_number(month_word), day, style)
                    seen = match.group(0)
                    if pattern is _DAY_MONTH and seen.endswith(".") and not wanted.endswith("."):
                        seen = seen[:-1]
                    if seen == wanted:
                        continue
                    report(
                        segment,
                        match.start(),
                        match.start() + len(seen),
                        f"'{seen}': write dates as '{wanted}' ({style} style)",
                        replacement=wanted,
                    )


@register
class DiscouragedForm(DocumentRule):
    """A form the glossary marks as not wrong but against usage ("the Komeito party").

    ## Why
    Japanese outlets write simply "Komeito"; "the Komeito party" is redundant. Each
    discouraged form names what to write instead and why.

    ## Bad
        The LDP lost its coalition with the Komeito party.

    ## Good
        The LDP lost its coalition with Komeito.

    ## Fix safety
    Safe when the glossary gives one form to use instead.
    """

    code = "ST004"
    name = "discouraged-form"
    default_severity = Severity.WARNING
    in_quotation = InQuotation.INFO

    def check(self, analysis: DocumentAnalysis, report: Reporter) -> None:
        for mention in analysis.entities:
            form = mention.form
            if form.role is not Role.DISCOURAGED or mention.entry is None:
                continue
            start = mention.start
            text = mention.segment.text
            use = form.use or mention.entry.en
            article = re.search(r"\b([Tt]he)\s+$", text[max(0, start - 5) : start])
            if article and not use.lower().startswith("the "):
                start -= len(article.group(0))
            seen = text[start : mention.end]
            note = f" ({form.note})" if form.note else ""
            report(
                mention.segment,
                start,
                mention.end,
                f"'{' '.join(seen.split())}': write '{use}'{note}",
                replacement=use,
                applicability=Applicability.SAFE if form.use else Applicability.UNSAFE,
                entry=mention.entry,
                form=form,
            )
