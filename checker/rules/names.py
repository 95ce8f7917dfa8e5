"""NM: personal names: a known family name with an unknown given name; name order."""

from __future__ import annotations

import re

from checker.analysis import DocumentAnalysis
from checker.lexicon import (
    CONNECTORS,
    INSTITUTION_HEADS,
    PAST_MARKERS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from checker.mentions import NameKind, PersonMention
from checker.model import Applicability, Severity
from checker.rules.base import DocumentRule, InQuotation, Reporter, register
from checker.sentences import is_sentence_start


@register
class UnknownGivenName(DocumentRule):
    """A known family name with a given name the glossary does not know for it.

    ## Why
    "Taro Kanai" in a story about the Beijing talks is almost certainly Masaaki Kanai
    with a wrong given name. The finding names the person the glossary knows and their
    post on the story's date, so the editor can decide. It is an error when a title the
    person held on the date goes with the name (before it, in apposition, or later
    with the family name alone); otherwise, where only one glossary person bears the
    family name, an info hint, since the name may be someone else's (a Chinese family
    name, shared by millions, only in its own order, where the story names the known
    person too, and with no fix offered). Where the
    story says who the bearer is ("a Beijing shopkeeper", "his Chinese counterpart" of a
    post the known person does not hold) nothing is reported. Only words that read like
    romanized given names count, so "Kanai said" or "Premier Li" is never reported.

    ## Bad
        Taro Kanai met Chinese officials in Beijing.

    ## Good
        Masaaki Kanai met Chinese officials in Beijing.

    ## Fix safety
    Unsafe: the glossary's person is suggested; it may be someone else.
    """

    code = "NM001"
    name = "name-unknown-given"
    default_severity = Severity.ERROR
    in_quotation = InQuotation.NAME

    def check(self, analysis: DocumentAnalysis, report: Reporter) -> None:
        for mention in analysis.people:
            if mention.kind is not NameKind.UNKNOWN_GIVEN:
                continue
            person = mention.person
            post = analysis.post_on_date(person)
            message = (
                f"'{mention.surface}': the glossary knows no {person.family} with the given "
                f"name '{mention.given_seen}'; did you mean {person.en}"
            )
            if post:
                message += f" ({post} on {analysis.date.isoformat()})"
            report(
                mention.segment,
                mention.start,
                mention.end,
                message + "?",
                replacement=analysis.render_name(person),
                applicability=Applicability.UNSAFE if mention.tie else Applicability.DISPLAY_ONLY,
                entry=person,
                severity=_TIE_SEVERITY.get(mention.tie or "", Severity.INFO),
            )
        for unknown in analysis.unknown_name_verdicts:
            if not unknown.given_name_slip:
                continue
            name, holder = unknown.name, unknown.holder
            given = next(w for w in name.surface.split() if w != holder.family)
            report(
                name.segment,
                name.start,
                name.end,
                f"'{name.surface}': the glossary knows no {holder.family} with the given name "
                f"'{given}'; did you mean {holder.en}, who held '{unknown.title.text}' "
                f"{unknown.when.spoken()}?",
                replacement=analysis.render_name(holder),
                applicability=(
                    Applicability.DISPLAY_ONLY if unknown.unconfirmed else Applicability.UNSAFE
                ),
                entry=holder,
            )


# How sure NM001 is, by what ties the name to the known person: a title the person held
# on the story's date makes it an error; a family name only that person bears in the
# glossary, or nothing, leaves a hint naming the known person (it may be someone else).
_TIE_SEVERITY = {"title": Severity.ERROR, "rare family name": Severity.INFO}


@register
class NameOrder(DocumentRule):
    """A personal name in the wrong order for its origin or the house style.

    ## Why
    Chinese names take the family name first ("Liu Jinsong", never "Jinsong Liu").
    Japanese names follow the house style: given name first in common news-agency
    usage ("Masaaki Kanai"), family name first under the Japanese government's style
    ("Kanai Masaaki"); a story never mixes the two.

    ## Bad
        Kanai Masaaki met Chief Cabinet Secretary Minoru Kihara.

    ## Good
        Masaaki Kanai met Chief Cabinet Secretary Minoru Kihara.

    ## Fix safety
    Safe for a correct name in the other order (the words are swapped); a wrong name is
    reported by its own rule and gets no order fix.
    """

    code = "NM002"
    name = "name-order"
    default_severity = Severity.WARNING
    in_quotation = InQuotation.SILENT  # the speaker's order, or the writer's style

    def check(self, analysis: DocumentAnalysis, report: Reporter) -> None:
        full = [m for m in analysis.people if m.kind is not NameKind.SHORT and m.order]
        japanese_orders = {m.order for m in full if m.person.is_japanese_name}
        wanted_ja = analysis.style.japanese_name_order
        for mention in full:
            person = mention.person
            if _names_an_institution(mention):
                continue
            if person.is_japanese_name:
                if mention.order == wanted_ja:
                    continue
                mixed = " and this story mixes both orders" if len(japanese_orders) > 1 else ""
                message = (
                    f"'{mention.surface}' puts the {_first(mention.order)} first; the "
                    f"{analysis.style.name} style writes Japanese names "
                    f"{_first(wanted_ja)} first{mixed}"
                )
            elif (
                person.name_origin == "chinese"
                and mention.order == "given-first"
                and mention.kind is not NameKind.UNKNOWN_GIVEN  # "Olivia Lin": her own order
                and not _listed_form(mention)  # "William Lai": an English name he uses
                and not _own_name_before(analysis, mention)
            ):
                message = f"'{mention.surface}': Chinese names take the family name first"
            else:
                continue
            replacement = _swapped(mention) if mention.kind is NameKind.KNOWN else None
            if replacement is not None:
                message += f": write '{replacement}'"
            report(
                mention.segment,
                mention.start,
                mention.end,
                message,
                replacement=replacement,
                entry=person,
            )


_NEXT_WORD = re.compile(r"[ \t\u00a0]+([A-Z][a-z]+)")


def _names_an_institution(mention: PersonMention) -> bool:
    """The name is part of an institution's own name ("the Abe Shinzo Research Center"):
    its order is the institution's, not the writer's."""
    after = _NEXT_WORD.match(mention.segment.text, mention.end)
    return after is not None and after.group(1).lower() in INSTITUTION_HEADS


_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+)[ \t\u00a0]+$")


def _own_name_before(analysis: DocumentAnalysis, mention: PersonMention) -> bool:
    """A personal name of the bearer's own comes first ("Frank Chang-ting Hsieh"): the
    order is the bearer's usage. Not a title, country or other known word, and not a
    sentence's first word."""
    text = mention.segment.text
    before = _WORD_BEFORE.search(text, max(0, mention.start - _REACH), mention.start)
    if before is None or is_sentence_start(text, before.start(1)):
        return False
    word = before.group(1)
    lower = word.lower()
    return not (
        lower in TITLE_HEADS
        or lower in TITLE_MODIFIERS
        or lower in CONNECTORS
        or lower in PAST_MARKERS
        or lower in analysis.index.title_vocabulary
        or lower in analysis.countries
        or analysis.index.find_latin(word)
    )


_REACH = 40


def _first(order: str | None) -> str:
    return "family name" if order == "family-first" else "given name"


def _swapped(mention: PersonMention) -> str | None:
    parts = mention.surface.split()
    if len(parts) != 2:
        return None
    family, given = mention.person.family, mention.person.given
    if not family or not given:
        return None
    if mention.order == "family-first":
        return f"{given} {family}"
    return f"{family} {given}"


def _listed_form(mention: PersonMention) -> bool:
    """The mention is written as one of the person's correct forms in the glossary."""
    written = " ".join(mention.surface.split())
    return any(
        form.text == written
        for form in mention.person.forms
        if form.lang == "en" and form.role.is_correct
    )
