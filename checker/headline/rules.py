"""HL: a headline's translation against its source, its glossary and its references.

Each rule's Bad and Good examples are pairs written as `source:`, `translation:` and
`reference:` lines (and `story:` for quoted headlines); the test suite runs them.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass

from checker.glossary.model import Entry, Form, Kind
from checker.headline.analysis import SOURCE, TRANSLATION, PairAnalysis
from checker.headline.source_terms import PAIR_TERMS, SourceTerm, approved_renderings
from checker.match.fold import fold_width
from checker.match.surface import recase
from checker.model import Applicability, Edit, Finding, Fix, Related, Severity, Span
from checker.rules.base import Rule, register, related_fact

# CJK punctuation with an unambiguous English counterpart.
_PUNCTUATION = str.maketrans(
    {
        "、": ",",
        "。": ".",
        "「": "“",
        "」": "”",
        "『": "‘",
        "』": "’",
        "〈": "<",
        "〉": ">",
        "《": "“",
        "》": "”",
        "【": "[",
        "】": "]",
        "・": "·",
        "～": "~",
        "\u3000": " ",
    }
)


class PairRule(Rule):
    """A rule over one headline pair (source, translation, references)."""

    @abc.abstractmethod
    def check(self, analysis: PairAnalysis, report: PairReporter) -> None:
        """Report every finding of this rule in the analysed pair."""


@dataclass
class PairReporter:
    """Collects one rule's findings on one pair. Spans are code points of the field
    (`source` or `translation`), and the field's name is the finding's segment."""

    rule: PairRule
    analysis: PairAnalysis
    severity: Severity
    findings: list[Finding]

    def __call__(
        self,
        field: str,
        start: int,
        end: int,
        message: str,
        *,
        replacement: str | None = None,
        applicability: Applicability = Applicability.SAFE,
        entry: Entry | None = None,
        form: Form | None = None,
        data: dict[str, object] | None = None,
        at_most: Severity | None = None,
    ) -> None:
        """`at_most` caps the finding's severity (a weaker case of the rule)."""
        span = Span(start, end)
        fix = None
        text = self.analysis.field_text(field)
        if replacement is not None and replacement != text[start:end]:
            fix = Fix(f"Replace with '{replacement}'", (Edit(span, replacement),), applicability)
        related: tuple[Related, ...] = ()
        if entry is not None and entry.path != PAIR_TERMS:
            related = (related_fact(entry, form),)
        self.findings.append(
            Finding(
                code=self.rule.code,
                rule=self.rule.name,
                severity=self.severity if at_most is None else min(self.severity, at_most),
                path=self.analysis.pair.path,
                span=span,
                message=message,
                segment=field,
                fix=fix,
                related=related,
                data={"pair": self.analysis.pair.id, **(data or {})},
            )
        )


def _named(term: SourceTerm) -> str:
    return f"'{term.surface}' ({term.entry.en})"


def _source_span(term: SourceTerm) -> dict[str, object]:
    """Where the source term a translation finding is about stands in the source."""
    return {"source_start": term.start, "source_end": term.end}


def _single_confirmed(term: SourceTerm, form: Form | None = None) -> bool:
    status = form.status if form is not None else term.entry.status
    return len(term.entries) == 1 and status == "confirmed"


@register
class MissingRendering(PairRule):
    """A glossary term in the source has no approved rendering in the translation.

    ## Why
    Every occurrence of a known name, title or term in the source needs its approved
    English in the translation: a headline that drops "Masaaki Kanai" or renders the
    bureau with an unapproved title misleads as surely as a wrong one. The finding is on
    the source term and lists the approved renderings; when a subword model is in use,
    it also says how much of the rendering the translation has (a partial rendering).
    A term is missing only when none of its approved renderings appears anywhere in the
    translation (in any case, possessive or hyphenation the copy checks accept): a second
    occurrence rendered by a pronoun is normal translation. In a headline, a title or
    honorific dropped beside a name that is rendered (李强总理 → "Li Qiang") is normal
    headline practice: it is at most an info note.

    ## Bad
        source: 刘劲松会见金井正彰
        translation: Liu Jinsong meets Japanese diplomat

    ## Good
        source: 刘劲松会见金井正彰
        translation: Liu Jinsong meets Masaaki Kanai


    ## Fix safety
    No fix: where the rendering belongs in the translation is for the editor to decide.
    """

    code = "HL001"
    name = "headline-term-missing"
    default_severity = Severity.ERROR

    def check(self, analysis: PairAnalysis, report: PairReporter) -> None:
        for i in analysis.alignment.missing():
            term = analysis.terms[i]
            renderings = [f.text for f in approved_renderings(term.entry)]
            message = f"{_named(term)} has no approved rendering in the translation: write "
            message += " or ".join(f"'{r}'" for r in renderings[:3])
            partial = analysis.partial.get(i)
            if partial is not None and 0 < partial < 1:
                message += f" (the translation has {partial:.0%} of its subword pieces)"
            beside_name = analysis.pair.is_headline and _title_beside_rendered_name(analysis, i)
            report(
                SOURCE,
                term.start,
                term.end,
                message,
                entry=term.entry,
                data={"renderings": renderings, "partial": partial},
                at_most=Severity.INFO if beside_name else None,
            )


def _title_beside_rendered_name(analysis: PairAnalysis, i: int) -> bool:
    """Is the term a title next to a person whose name the translation renders?"""
    term = analysis.terms[i]
    if term.kinds != {Kind.OFFICE}:
        return False
    return any(
        other.kinds == {Kind.PERSON}
        and analysis.alignment.renderings[j] is not None
        and (0 <= term.start - other.end <= 1 or 0 <= other.start - term.end <= 1)
        for j, other in enumerate(analysis.terms)
    )


@register
class RenderingCase(PairRule):
    """A source term is rendered, but in a capitalization the glossary does not allow.

    ## Why
    "liu jinsong" renders 刘劲松, but a proper name in the wrong case looks careless and
    breaks searches. This is milder than a missing rendering. ALL CAPS, a capital first
    letter at the start of a sentence, a headline in title case and the lower-case forms
    the glossary allows are accepted.

    ## Bad
        source: 刘劲松会见金井正彰
        translation: Masaaki Kanai meets liu jinsong

    ## Good
        source: 刘劲松会见金井正彰
        translation: Masaaki Kanai meets Liu Jinsong

    ## Fix safety
    Safe when the source term names one entry whose form is confirmed: only the case of
    the letters changes.
    """

    code = "HL002"
    name = "headline-term-case"
    default_severity = Severity.WARNING

    def check(self, analysis: PairAnalysis, report: PairReporter) -> None:
        for term, found in zip(analysis.terms, analysis.alignment.renderings, strict=True):
            if found is None or found.exact:
                continue
            report(
                TRANSLATION,
                found.start,
                found.end,
                f"'{found.surface}' renders {_named(term)} in the wrong case: "
                f"write '{found.form.text}'",
                replacement=recase(found.surface, found.form.text),
                applicability=Applicability.SAFE
                if _single_confirmed(term, found.form)
                else Applicability.DISPLAY_ONLY,
                entry=found.entry,
                form=found.form,
                data=_source_span(term),
            )


@register
class ForbiddenRendering(PairRule):
    """The translation renders a source term with a form the glossary lists as wrong.

    ## Why
    "Liu Jingsong" for 刘劲松 and "Masaki Kanai" for 金井正彰 are errors seen in published
    copy. The finding names the source term and the approved rendering.

    ## Bad
        source: 刘劲松会见金井正彰
        translation: Liu Jingsong meets Masaaki Kanai

    ## Good
        source: 刘劲松会见金井正彰
        translation: Liu Jinsong meets Masaaki Kanai

    ## Fix safety
    Safe when the wrong form belongs to one entry and is confirmed; otherwise the
    replacement is only shown.
    """

    code = "HL003"
    name = "headline-term-forbidden"
    default_severity = Severity.ERROR

    def check(self, analysis: PairAnalysis, report: PairReporter) -> None:
        for term, wrong in zip(analysis.terms, analysis.alignment.wrong, strict=True):
            if wrong is None or wrong.reason != "forbidden":
                continue
            message = (
                f"'{wrong.surface}' is a wrong form of {term.entry.en} ({term.surface} in the "
                f"source): write '{term.entry.en}'"
            )
            if wrong.form.note:
                message += f" ({wrong.form.note})"
            report(
                TRANSLATION,
                wrong.start,
                wrong.end,
                message,
                replacement=term.entry.en,
                applicability=Applicability.SAFE
                if _single_confirmed(term, wrong.form)
                else Applicability.DISPLAY_ONLY,
                entry=term.entry,
                form=wrong.form,
                data=_source_span(term),
            )


@register
class OtherEntity(PairRule):
    """The translation names a different person, office or body than the source.

    ## Why
    刘劲松 in the source and "Liu Jianchao" in the translation swaps two officials: the
    translation names someone the source does not, where the source's own person has no
    rendering. The same goes for titles ("Deputy Foreign Minister" for 亚洲大洋洲局局长)
    and organizations.

    ## Bad
        source: 刘劲松会见金井正彰
        translation: Liu Jianchao meets Masaaki Kanai

    ## Good
        source: 刘劲松会见金井正彰
        translation: Liu Jinsong meets Masaaki Kanai

    ## Fix safety
    Unsafe: the source's entity is suggested, but the editor confirms which is meant.
    """

    code = "HL004"
    name = "headline-wrong-entity"
    default_severity = Severity.ERROR

    def check(self, analysis: PairAnalysis, report: PairReporter) -> None:
        for term, wrong in zip(analysis.terms, analysis.alignment.wrong, strict=True):
            if wrong is None or wrong.reason != "other-entity":
                continue
            report(
                TRANSLATION,
                wrong.start,
                wrong.end,
                f"'{wrong.surface}' names {wrong.named[0].en}, but the source has "
                f"{_named(term)}: write '{term.entry.en}'",
                replacement=term.entry.en,
                applicability=Applicability.UNSAFE,
                entry=wrong.named[0],
                data={"expected": term.entry.id, **_source_span(term)},
            )


@register
class EntityNotInSource(PairRule):
    """The translation names a glossary person, office or organization the source lacks.

    ## Why
    A name or title in the translation that none of its Chinese or Japanese forms in the
    source accounts for was invented, or swapped in from another story. A common
    paraphrase accounts for it too: "China", "the Chinese side" or "the Foreign Ministry"
    for 中方, a title beside its holder whom the source names. A generic title ("Prime
    Minister", "spokesperson") names a glossary office only when the text ties it to the
    office's country or holder. A place is reported only when the source names no place of
    its country at all ("Beijing" for 中方 is no invented place). Plain terms, adjectives
    and family names alone are not checked.

    ## Bad
        source: 金井正彰抵达北京
        translation: Masaaki Kanai and Liu Jianchao arrive in Beijing

    ## Good
        source: 金井正彰抵达北京
        translation: Masaaki Kanai arrives in Beijing

    ## Fix safety
    No fix: remove the name, or check the source.
    """

    code = "HL005"
    name = "headline-not-in-source"
    default_severity = Severity.WARNING

    def check(self, analysis: PairAnalysis, report: PairReporter) -> None:
        for extra in analysis.alignment.extra:
            entry = extra.entries[0]
            forms = [f.text for e in extra.entries for f in e.cjk_forms()]
            report(
                TRANSLATION,
                extra.start,
                extra.end,
                f"'{extra.surface}' ({entry.en}) is not in the source: none of its forms ("
                + ", ".join(forms[:4])
                + ") appear there",
                entry=entry,
                form=extra.form,
            )


@register
class NumberMismatch(PairRule):
    """A number, date or amount that differs between the source and the translation.

    ## Why
    18日 is the 18th, 十 is 10, 3万 is 30,000, 百分之五 is 5 percent. Values are compared,
    whatever the script or the spelling: "Nov. 18" renders 18日, and a month name the
    source does not give is no error. A number that is only in the source, only in the
    translation, or different in both is reported where it stands; beyond a headline, a
    number on one side only is an info note (translators make dates explicit and restate
    sums), and a changed number stays an error.

    ## Bad
        source: 刘劲松18日会见金井正彰
        translation: Liu Jinsong meets Masaaki Kanai on Nov. 19

    ## Good
        source: 刘劲松18日会见金井正彰
        translation: Liu Jinsong meets Masaaki Kanai on Nov. 18

    ## Fix safety
    No fix: which side is right is for the editor to check.
    """

    code = "HL006"
    name = "headline-number-mismatch"
    default_severity = Severity.ERROR

    def check(self, analysis: PairAnalysis, report: PairReporter) -> None:
        numbers = analysis.numbers
        for source, translation in numbers.changed:
            report(
                TRANSLATION,
                translation.start,
                translation.end,
                f"'{translation.text}' does not match the source's '{source.text}' "
                f"({source.value_text})",
                data={"source_start": source.start, "source_end": source.end},
            )
        # Beyond a headline, a number on one side only is often a translator's choice (a
        # date made explicit, a sum restated): a note, where a changed number is an error.
        alone = None if analysis.pair.is_headline else Severity.INFO
        for extra in numbers.extra:
            report(
                TRANSLATION,
                extra.start,
                extra.end,
                f"'{extra.text}' ({extra.value_text}) is not in the source",
                at_most=alone,
            )
        for missing in numbers.missing:
            report(
                SOURCE,
                missing.start,
                missing.end,
                f"the source's '{missing.text}' ({missing.value_text}) is not in the translation",
                at_most=alone,
            )


@register
class CjkInTranslation(PairRule):
    """Chinese or Japanese characters, or full-width punctuation, left in the English.

    ## Why
    An untranslated name (金井正彰) or a full-width comma (，) in an English headline is a
    leftover of machine translation or copying. A known name gets its English form as a
    suggestion; full-width letters, digits and punctuation get their plain counterparts.

    ## Bad
        source: 刘劲松会见金井正彰
        translation: Liu Jinsong meets 金井正彰

    ## Good
        source: 刘劲松会见金井正彰
        translation: Liu Jinsong meets Masaaki Kanai

    ## Fix safety
    Safe for full-width forms and punctuation; unsafe for a glossary name; no fix for
    other text.
    """

    code = "HL007"
    name = "headline-cjk-left"
    default_severity = Severity.ERROR

    def check(self, analysis: PairAnalysis, report: PairReporter) -> None:
        text = analysis.pair.translation
        for start, end in analysis.leftovers:
            run = text[start:end]
            plain = fold_width(run).translate(_PUNCTUATION)
            if all(ord(c) < 0x3000 for c in plain):
                report(
                    TRANSLATION,
                    start,
                    end,
                    f"full-width '{run}' in the English translation: write '{plain}'",
                    replacement=plain,
                )
                continue
            entry = _glossary_name(analysis, run)
            report(
                TRANSLATION,
                start,
                end,
                f"'{run}' is Chinese or Japanese text left in the English translation"
                + (f": write '{entry.en}'" if entry else ""),
                replacement=entry.en if entry else None,
                applicability=Applicability.UNSAFE,
                entry=entry,
            )


def _glossary_name(analysis: PairAnalysis, run: str) -> Entry | None:
    """The entry a leftover run names, when the run is exactly one of its forms."""
    matches = analysis.index.find_cjk(run)
    if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(run):
        entries = {analysis.index.entries[c.entry] for c in matches[0].candidates}
        if len(entries) == 1:
            return entries.pop()
    return None


@register
class FarFromReference(PairRule):
    """A translation far from every reference rendering by chrF.

    ## Why
    A translation that shares few character n-grams with every reference may say
    something else: a wrong sense, a dropped clause, another headline. The threshold is
    set with `--chrf-threshold`; the finding carries the score and its sacrebleu
    signature. It is a signal to read the pair, never a verdict.

    ## Bad
        source: 日本官员低头听中方讲话
        translation: Tokyo stocks fall as the yen weakens
        reference: Japanese official listens to the Chinese side with head lowered

    ## Good
        source: 日本官员低头听中方讲话
        translation: Japanese official listens to the Chinese side with head bowed
        reference: Japanese official listens to the Chinese side with head lowered

    ## Fix safety
    No fix.
    """

    code = "HL008"
    name = "headline-far-from-reference"
    default_severity = Severity.INFO

    def check(self, analysis: PairAnalysis, report: PairReporter) -> None:
        score = analysis.scores.get("chrf")
        if score is None or score >= analysis.chrf_threshold:
            return
        count = analysis.scores.nrefs
        closest = "the reference" if count == 1 else f"the closest of {count} references"
        report(
            TRANSLATION,
            0,
            len(analysis.pair.translation),
            f"chrF {score:.1f} against {closest} is below {analysis.chrf_threshold:g}: "
            "the translation may say something else",
            data={
                "chrf": score,
                "threshold": analysis.chrf_threshold,
                "signature": analysis.chrf_signature,
            },
        )


@register
class UnlinkedQuote(Rule):
    """A headline quoted in a story that no source headline in the pair files matches.

    ## Why
    A story that quotes a rendering of a Chinese or Japanese headline ("… with headlines
    such as “Japanese senior official leaves Chinese Foreign Ministry with head bowed”")
    should quote one that can be traced to its source. Quotes that a headline cue
    introduces are linked to the closest pair by chrF; one too far from every pair is
    reported, so the editor can find the original or drop the quote.

    ## Bad
        story: Media ran the headline “Tokyo stocks slide as the yen weakens.”
        source: 日本官员低头听中方讲话
        translation: Japanese official listens to the Chinese side with head lowered

    ## Good
        story: Media ran the headline “Japanese official listens to Chinese side, head bowed.”
        source: 日本官员低头听中方讲话
        translation: Japanese official listens to the Chinese side with head lowered

    ## Fix safety
    No fix.
    """

    code = "HL009"
    name = "headline-quote-unlinked"
    default_severity = Severity.INFO
