"""TT: a title given to a person, judged against who held which office on the story's date."""

from __future__ import annotations

import abc
import re

from checker.analysis import DocumentAnalysis
from checker.glossary.model import Entry, Tenure
from checker.match.index import title_words
from checker.mentions import NameKind
from checker.model import Applicability, Related, Severity
from checker.rules.base import DocumentRule, Reporter, register, related_fact
from checker.titles.dated import Period
from checker.titles.verdicts import TitleVerdict, Verdict

_PAST_MARKER = re.compile(r"^(?:former|then-|ex-|late)\s*", re.IGNORECASE)


def _when(analysis: DocumentAnalysis, verdict: TitleVerdict) -> str:
    """The date the title was judged on, the story's or the one its sentence names, with
    its preposition ("on 2025-11-19", "in 2014")."""
    return (verdict.when or Period.day(analysis.date)).spoken()


def _offices(verdict: TitleVerdict) -> str:
    return " / ".join(o.en for o in verdict.title.offices)


def _now(analysis: DocumentAnalysis, verdict: TitleVerdict) -> str:
    person = verdict.mention.person
    if not verdict.current:
        return ""
    best = _own_office(analysis, verdict)
    titles = sorted(
        (analysis.glossary.office_title(t) for t in verdict.current),
        key=lambda title: best is None or title != best.en,
    )
    return f"; on that date {person.en} was {'; '.join(titles)}"


def _own_office(analysis: DocumentAnalysis, verdict: TitleVerdict) -> Entry | None:
    """Of the person's offices on the date, the one closest in words to the title written
    ("Japanese Minister" → Prime Minister rather than party president)."""
    written = set(title_words(verdict.title.text))
    offices = [o for t in verdict.current if (o := analysis.glossary.get(t.office))]
    if not offices:
        return None
    return max(offices, key=lambda o: len(written & set(title_words(o.before_name))))


def _replacement(analysis: DocumentAnalysis, verdict: TitleVerdict) -> str | None:
    """The person's own title on the date, in the form its position takes."""
    office = _own_office(analysis, verdict)
    if office is None:
        return None
    return office.before_name if verdict.title.position == "before" else office.after_name


def _caveat(verdict: TitleVerdict) -> str:
    return _caveat_if(verdict.unconfirmed)


def _caveat_if(unconfirmed: bool) -> str:
    return " (this rests on a fact the glossary marks unconfirmed)" if unconfirmed else ""


def _tenure_facts(analysis: DocumentAnalysis, tenures: tuple[Tenure, ...]) -> tuple[Related, ...]:
    facts = []
    for tenure in tenures:
        office = analysis.glossary.get(tenure.office)
        if office is not None:
            facts.append(Related(office.id, office.path, tenure.line, tenure.source, tenure.status))
    return tuple(facts)


class _TitleRule(DocumentRule):
    verdict: Verdict

    def check(self, analysis: DocumentAnalysis, report: Reporter) -> None:
        for verdict in analysis.verdicts:
            if verdict.verdict is not self.verdict:
                continue
            title = verdict.title
            replacement = self.replacement(analysis, verdict)
            applicability = (
                Applicability.DISPLAY_ONLY if verdict.unconfirmed else Applicability.UNSAFE
            )
            report(
                verdict.mention.segment,
                title.start,
                title.end,
                self.message(analysis, verdict) + _caveat(verdict),
                replacement=replacement,
                replace_at=self.replace_at(verdict),
                applicability=applicability,
                entry=verdict.mention.person,
                related=_tenure_facts(analysis, verdict.current + verdict.past)
                + tuple(related_fact(h) for h in verdict.holders),
            )

    def replacement(self, analysis: DocumentAnalysis, verdict: TitleVerdict) -> str | None:
        """The name of the one person who held the title on the date, in the form the
        mention takes; else the person's own title on the date."""
        holder = verdict.holder
        if holder is None:
            return _replacement(analysis, verdict)
        if verdict.mention.kind is NameKind.SHORT and holder.family:
            return holder.family
        return analysis.render_name(holder)

    def replace_at(self, verdict: TitleVerdict) -> tuple[int, int] | None:
        """Where the fix goes when it is not the title's span: the name, when the fix is
        the holder's name."""
        if verdict.holder is None:
            return None
        return verdict.mention.start, verdict.mention.end

    @abc.abstractmethod
    def message(self, analysis: DocumentAnalysis, verdict: TitleVerdict) -> str:
        """What is wrong with this title, in words."""


def _person(verdict: TitleVerdict) -> Entry:
    return verdict.mention.person


@register
class TitleNotHeld(_TitleRule):
    """A title the person did not hold on the story's date.

    ## Why
    Masaaki Kanai was a bureau director-general, not a deputy foreign minister. The
    glossary knows each person's offices and when they held them; a title before the
    name or in apposition after it is checked against the story's date.

    ## Bad
        Masaaki Kanai, Japan's deputy foreign minister, arrived in Beijing.

    ## Good
        Masaaki Kanai, director-general of the Asian and Oceanian Affairs Bureau, arrived.

    ## Fix safety
    Unsafe: the person's own title on the date is suggested when there is exactly one.
    """

    code = "TT001"
    name = "title-not-held"
    default_severity = Severity.ERROR
    verdict = Verdict.NOT_HELD

    def message(self, analysis: DocumentAnalysis, verdict: TitleVerdict) -> str:
        return (
            f"{_person(verdict).en} did not hold '{verdict.title.text}' ({_offices(verdict)}) "
            f"{_when(analysis, verdict)}" + _now(analysis, verdict)
        )


@register
class TitleOtherHolder(_TitleRule):
    """A title that someone else held on the story's date.

    ## Why
    Giving Liu Jianchao the post of director-general of the Chinese Foreign Ministry's
    Department of Asian Affairs swaps two officials: on 18 November 2025 that post was
    Liu Jinsong's. The finding names the actual holder. A name the glossary does not
    know is reported only where the title is one office's, of one holder at a time,
    whose holders the glossary lists completely for the date ("Chief Cabinet Secretary
    Taro Yamada" in November 2025).

    ## Bad
        Liu Jianchao, director-general of the Department of Asian Affairs, met Masaaki Kanai.

    ## Good
        Liu Jinsong, director-general of the Department of Asian Affairs, met Masaaki Kanai.

    ## Fix safety
    Unsafe: either the name or the title is wrong. Where one person held the title, the
    fix puts the holder's name in place of the name written; otherwise the person's own
    title is suggested.
    """

    code = "TT002"
    name = "title-other-holder"
    default_severity = Severity.ERROR
    verdict = Verdict.OTHER_HOLDER

    def check(self, analysis: DocumentAnalysis, report: Reporter) -> None:
        super().check(analysis, report)
        for unknown in analysis.unknown_name_verdicts:
            if unknown.given_name_slip:
                continue  # a wrong given name: NM001
            title, name = unknown.title, unknown.name
            report(
                name.segment,
                title.start,
                title.end,
                f"'{title.text}' was held by {unknown.holder.en} {unknown.when.spoken()}, "
                f"not by {name.surface}" + _caveat_if(unknown.unconfirmed),
                replacement=analysis.render_name(unknown.holder),
                replace_at=(name.start, name.end),
                applicability=(
                    Applicability.DISPLAY_ONLY if unknown.unconfirmed else Applicability.UNSAFE
                ),
                entry=unknown.holder,
            )

    def message(self, analysis: DocumentAnalysis, verdict: TitleVerdict) -> str:
        holders = " and ".join(h.en for h in verdict.holders)
        return (
            f"'{verdict.title.text}' was held by {holders} {_when(analysis, verdict)}, not "
            f"by {_person(verdict).en}" + _now(analysis, verdict)
        )


@register
class StaleTitle(_TitleRule):
    """A title the person held before the story's date but no longer.

    ## Why
    Minoru Kihara was defense minister until 1 October 2024 and chief cabinet
    secretary from 21 October 2025: "Defense Minister Minoru Kihara" in a November 2025
    story is out of date. Write the current title, or "former".

    ## Bad
        Defense Minister Minoru Kihara spoke on Wednesday.

    ## Good
        Former Defense Minister Minoru Kihara spoke on Wednesday.

    ## Fix safety
    Unsafe: either the name or the title is out of date. Where one person held the title
    on the date for certain, the fix puts the holder's name in place of the name written;
    otherwise the person's current title is suggested.
    """

    code = "TT003"
    name = "title-stale"
    default_severity = Severity.ERROR
    verdict = Verdict.STALE

    def message(self, analysis: DocumentAnalysis, verdict: TitleVerdict) -> str:
        ended = max((t.end for t in verdict.past if t.end), key=lambda d: d.earliest, default=None)
        until = f" until {ended}" if ended else ""
        holder = f" ({verdict.holder.en} held it then)" if verdict.holder else ""
        return (
            f"{_person(verdict).en} held '{verdict.title.text}'{until}, not "
            f"{_when(analysis, verdict)}{holder}: write the current title or 'former'"
            + _now(analysis, verdict)
        )


@register
class GenericTitle(_TitleRule):
    """A bare rank ("Minister") before the name of someone who holds a specific office.

    ## Why
    "Japanese Minister Sanae Takaichi" demotes the prime minister. When the glossary
    knows the person's office on the story's date, a bare rank that is not that office's
    title is reported with the right one.

    ## Bad
        Japanese Minister Sanae Takaichi spoke in the Diet.

    ## Good
        Prime Minister Sanae Takaichi spoke in the Diet.

    ## Fix safety
    Unsafe: the office's title before a name is suggested.
    """

    code = "TT004"
    name = "title-generic"
    default_severity = Severity.ERROR
    verdict = Verdict.GENERIC

    def message(self, analysis: DocumentAnalysis, verdict: TitleVerdict) -> str:
        return f"'{verdict.title.text}' is not {_person(verdict).en}'s title" + _now(
            analysis, verdict
        )


@register
class PastTitleMismatch(_TitleRule):
    """ "former" or "then-" with a title the person never held, or still holds.

    ## Why
    "Former Prime Minister Sanae Takaichi" in November 2025 is wrong (she holds the
    office); "former Chief Cabinet Secretary Masaaki Kanai" names a post he never held.

    ## Bad
        Former Prime Minister Sanae Takaichi spoke in the Diet.

    ## Good
        Former Prime Minister Fumio Kishida spoke in the Diet.

    ## Fix safety
    Unsafe: the person's title on the date is suggested when there is one.
    """

    code = "TT005"
    name = "title-past-mismatch"
    default_severity = Severity.ERROR
    verdict = Verdict.PAST_MISMATCH
    example_date = "2025-11-19"

    def replacement(self, analysis: DocumentAnalysis, verdict: TitleVerdict) -> str | None:
        if not verdict.past:
            return _replacement(analysis, verdict)
        bare = _PAST_MARKER.sub("", verdict.title.text)
        return bare[:1].upper() + bare[1:] if verdict.title.text[:1].isupper() else bare

    def message(self, analysis: DocumentAnalysis, verdict: TitleVerdict) -> str:
        person = _person(verdict)
        if verdict.past:
            return (
                f"{person.en} still held '{verdict.title.text}' on "
                f"{analysis.date.isoformat()}: drop '{verdict.title.past}'"
            )
        listed = (
            f" (the glossary lists their posts from {person.coverage.start})"
            if person.coverage
            else ""
        )
        return f"{person.en} never held '{verdict.title.text}'{listed}" + _now(analysis, verdict)
