"""TM: glossary names and terms written in the wrong case, a forbidden form, a near miss,
or more than one way in one story."""

from __future__ import annotations

import functools
import unicodedata

from checker.analysis import DocumentAnalysis
from checker.glossary.model import Entry, Form, Kind, Role
from checker.lexicon import is_common_word
from checker.match.fold import fold_form
from checker.match.surface import lowered_variant, plain_text, recase
from checker.mentions import EntityMention, NameKind
from checker.model import Applicability, Severity
from checker.rules.base import DocumentRule, InQuotation, Reporter, register
from checker.sentences import is_sentence_start


@register
class TermCase(DocumentRule):
    """A known name or term written in the wrong case.

    ## Why
    Names of people, places and bodies are proper nouns: "Liu jianchao", "chinese" and
    "foreign Ministry" look careless and break searches. ALL CAPS (datelines, headlines)
    and a capital first letter at the start of a sentence are accepted.

    ## Bad
        The talks were covered by chinese state media.

    ## Good
        The talks were covered by Chinese state media.

    ## Fix safety
    Safe: only the letters' case changes, and line breaks inside the name are kept.
    """

    code = "TM001"
    name = "term-case"
    default_severity = Severity.ERROR

    def check(self, analysis: DocumentAnalysis, report: Reporter) -> None:
        house_case = _house_case(analysis)
        for mention in analysis.entities:
            form = mention.form
            if form.lang != "en" or not form.role.is_correct:
                continue
            if Kind.OFFICE in mention.kinds:
                continue  # titles are capitalized by position: ST001
            surface = plain_text(mention.surface)
            if case_is_acceptable(analysis, mention):
                continue
            entry = mention.entries[0]
            wanted = form.text
            if entry.case == "title-or-lower" and house_case == "lower":
                wanted = lowered_variant(form.text, _proper_words(analysis))
            wrong_person = analysis.named_for_another_holder(mention)
            report(
                mention.segment,
                mention.start,
                mention.end,
                f"'{surface}' is miscapitalized: write '{wanted}'"
                + ("; the title beside it is another person's" if wrong_person else ""),
                replacement=recase(mention.surface, wanted),
                applicability=Applicability.DISPLAY_ONLY if wrong_person else Applicability.SAFE,
                entry=entry if mention.entry else None,
                form=form if mention.entry else None,
            )


def case_is_acceptable(analysis: DocumentAnalysis, mention: EntityMention) -> bool:
    """Is the mention written in a capitalization the glossary or the position allows?"""
    if mention.surface == mention.form.text and mention.form.role.is_correct:
        return True  # written exactly as a correct form (the usual case)
    surface = plain_text(mention.surface)
    if any(surface in _correct_surfaces(e) for e in mention.entries):
        return True
    letters = [c for c in surface if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return True
    target = plain_text(mention.form.text)
    if mention.segment.title_cased and _only_capitals_added(surface, target):
        return True  # "Lin Chia-Lung Makes Rare Visit": title case capitalizes every word
    if surface == target[:1].upper() + target[1:] and is_sentence_start(
        mention.segment.text, mention.start
    ):
        return True
    if mention.entries[0].case == "title-or-lower":
        return _lowered_tail(surface, target, _proper_words(analysis))
    return Kind.PERSON not in mention.kinds and _ordinary_word_beside(analysis, surface, target)


def _only_capitals_added(surface: str, target: str) -> bool:
    """The surface is the target with some lower-case letters written as capitals."""
    return len(surface) == len(target) and all(
        s == t or (t.islower() and s == t.upper()) for s, t in zip(surface, target, strict=True)
    )


def _ordinary_word_beside(analysis: DocumentAnalysis, surface: str, target: str) -> bool:
    """The words written in lower case are ordinary English words at the start or end of
    a name of several words, and the words written right are a name of their own:
    "Japan today" is a country and a word, not the newspaper Japan Today ("the Chinese
    foreign Ministry" or "the Taiwan Affairs office" is a miscapitalized name)."""
    seen, wanted = surface.split(" "), target.split(" ")
    if len(seen) != len(wanted) or len(seen) < 2:
        return False
    lowered = [w != c for w, c in zip(seen, wanted, strict=True)]
    for i, (word, canonical) in enumerate(zip(seen, wanted, strict=True)):
        if not lowered[i]:
            continue
        if (
            word != canonical.lower()
            or not is_common_word(word)
            or analysis.index.find_latin(canonical)
        ):
            return False  # a name of its own in lower case ("japan Today") is no word
    if not any(lowered) or all(lowered):
        return False
    first = lowered.index(True)
    last = len(lowered) - 1 - lowered[::-1].index(True)
    if not all(lowered[first : last + 1]) or (first != 0 and last != len(lowered) - 1):
        return False
    rest = " ".join(w for w, low in zip(seen, lowered, strict=True) if not low)
    return any(m.start == 0 and m.end == len(rest) for m in analysis.index.find_latin(rest))


def _lowered_tail(surface: str, target: str, proper_words: frozenset[str]) -> bool:
    """House style may lower-case an organization's common-noun words from some word on
    ("Chinese foreign ministry", "Kyodo news agency"); proper words keep their capitals
    and a capital never follows a lowered word ("foreign Ministry")."""
    seen, wanted = surface.split(" "), target.split(" ")
    if len(seen) != len(wanted):
        return False
    lowered = False
    for word, canonical in zip(seen, wanted, strict=True):
        proper = canonical.isupper() or fold_form(canonical.rstrip("'’s")) in proper_words
        if word == canonical and (proper or not lowered):
            continue
        if not proper and word == canonical.lower():
            lowered = True
            continue
        return False
    return True


_CORRECT: dict[int, tuple[Entry, frozenset[str]]] = {}


def _correct_surfaces(entry: Entry) -> frozenset[str]:
    """The entry's correct English forms as plain text, worked out once per entry."""
    known = _CORRECT.get(id(entry))
    if known is None or known[0] is not entry:
        forms = frozenset(
            plain_text(f.text) for f in entry.forms if f.lang == "en" and f.role.is_correct
        )
        known = _CORRECT[id(entry)] = (entry, forms)
    return known[1]


def _proper_words(analysis: DocumentAnalysis) -> frozenset[str]:
    return frozenset(analysis.countries)


def _house_case(analysis: DocumentAnalysis) -> str | None:
    """For forms house style may lower-case: 'lower' or 'title', as the story first writes
    one correctly; None when it has not yet."""
    for mention in analysis.entities:
        if mention.entries[0].case != "title-or-lower" or not case_is_acceptable(analysis, mention):
            continue
        surface = plain_text(mention.surface)
        target = plain_text(mention.form.text)
        if surface == target:
            return "title"
        if surface == lowered_variant(target, _proper_words(analysis)):
            return "lower"
    return None


@register
class ForbiddenForm(DocumentRule):
    """A form of a name or term that the glossary lists as wrong.

    ## Why
    These are errors seen in published copy: a wrong given name ("Masaki Kanai"), a
    wrong romanization ("Liu Jingsong"), a wrong character (劉金松). The finding names
    the right form and, for people, their post on the story's date.

    A one-word wrong form ("Takachi", or "Ning" for Mao Ning) may be someone else's
    name: it is reported only where the story ties it to the person (the other part of
    the name beside it, a title the person held on the story's date, the person named
    elsewhere in the story), and never where it is part of another name ("Ning Jizhe",
    "Masatoshi Ishida") unless a title the person held says otherwise. Inside a
    quotation a wrong name is still an error; a wrong term is an info note.

    ## Bad
        Masaki Kanai arrived in Beijing on Monday.

    ## Good
        Masaaki Kanai arrived in Beijing on Monday.

    ## Fix safety
    Safe when the wrong form belongs to one entry and the fact is confirmed; a one-word
    form's fix (the family name, fitting the word it replaces) is unsafe; otherwise the
    replacement is only shown.
    """

    code = "TM002"
    name = "term-forbidden"
    default_severity = Severity.ERROR

    def check(self, analysis: DocumentAnalysis, report: Reporter) -> None:
        for mention in analysis.entities:
            form = mention.form
            if form.role is not Role.FORBIDDEN or mention.entry is None:
                continue
            entry = mention.entry
            single = _second_reference_only(form, entry)
            start, end = mention.start, mention.end
            right = _right_form(analysis, entry, form)
            if single:
                tied = analysis.tie_of_single_form(mention, entry)
                if tied is None:
                    continue  # "Ning" alone, or in "Ning Jizhe", is another person
                _, start, end = tied
                if (start, end) == (mention.start, mention.end):
                    right = entry.family or entry.en  # the right second reference
            surface = mention.segment.text[start:end]
            message = f"'{plain_text(surface)}' is a wrong form of {entry.en}: write '{right}'"
            if form.note:
                message += f" ({form.note})"
            message += _post_suffix(analysis, entry)
            # A single word may be someone else's name: its fix is never applied unasked.
            safe = form.status == "confirmed" and len(mention.entries) == 1 and not single
            report(
                mention.segment,
                start,
                end,
                message,
                replacement=right,
                applicability=(
                    Applicability.SAFE
                    if safe
                    else Applicability.UNSAFE
                    if single
                    else Applicability.DISPLAY_ONLY
                ),
                entry=entry,
                form=form,
                in_quotation=InQuotation.NAME if entry.kind is Kind.PERSON else InQuotation.INFO,
            )


def _second_reference_only(form: Form, entry: Entry) -> bool:
    """A wrong one-word reference to a person (the given name used alone)."""
    return entry.kind is Kind.PERSON and len(form.text.split()) == 1


def _right_form(analysis: DocumentAnalysis, entry: Entry, form: Form) -> str:
    if entry.kind is Kind.PERSON:
        return analysis.render_name(entry)
    if form.lang != "en":
        for lang in ("zh-Hans", "zh-Hant", "ja"):
            forms = entry.forms_of(Role.PREFERRED, lang=lang)
            if forms and _script_of(form.text) == lang:
                return forms[0].text
        cjk = [f for f in entry.cjk_forms() if f.role is Role.PREFERRED]
        return cjk[0].text if cjk else entry.en
    return entry.en


def _script_of(text: str) -> str:
    if any("\u3040" <= ch <= "\u30ff" for ch in text):
        return "ja"
    try:
        import opencc

        return "zh-Hans" if opencc.OpenCC("t2s").convert(text) == text else "zh-Hant"
    except ImportError:  # pragma: no cover - opencc is a dependency
        return "zh-Hans"


def _post_suffix(analysis: DocumentAnalysis, entry: Entry) -> str:
    if entry.kind is not Kind.PERSON:
        return ""
    post = analysis.post_on_date(entry)
    if post:
        return f"; on {analysis.date.isoformat()} {entry.en} was {post}"
    return ""


@register
class NearMissName(DocumentRule):
    """A known person's name with a misspelt part.

    ## Why
    "Minou Kihara", "Fumio Kisida" and "Liu Jingsong" are one or two letters from a name
    the glossary knows (a letter added, dropped, doubled, changed or two swapped, a
    Hepburn long vowel written out, a Wade-Giles spelling); such slips survive
    spell-checkers because the words look like names. In a short Chinese given name one
    letter makes another name (Qiang, Qing), so only a slip that leaves no pinyin name of
    as many syllables counts ("Jiiechi", "Jitnao", by zhon's pinyin syllables). A slip
    is reported as an error when the rest of the mention points at the person: the
    other part of the name, a title the person held on the story's date, or the person
    named elsewhere in the story; alone it is an info hint. Ordinary English words (by
    wordfreq), other known names and a full name whose other part differs are never
    reported.

    ## Bad
        Chief Cabinet Secretary Minori Kihara spoke on Wednesday.

    ## Good
        Chief Cabinet Secretary Minoru Kihara spoke on Wednesday.

    ## Fix safety
    Unsafe: a near miss is very likely the known person, but a copy editor confirms.
    """

    code = "TM003"
    name = "term-near-miss"
    default_severity = Severity.ERROR
    in_quotation = InQuotation.NAME

    def check(self, analysis: DocumentAnalysis, report: Reporter) -> None:
        for person in analysis.people:
            if person.kind is not NameKind.NEAR_MISS:
                continue
            entry = person.person
            right = person.right or analysis.render_name(entry)
            surface = plain_text(person.surface)
            if person.tie is None:  # nothing in the story points at the person
                report(
                    person.segment,
                    person.start,
                    person.end,
                    f"'{surface}' may be a misspelling of {entry.en}",
                    replacement=right,
                    applicability=Applicability.DISPLAY_ONLY,
                    entry=entry,
                    severity=Severity.INFO,
                )
                continue
            report(
                person.segment,
                person.start,
                person.end,
                f"'{surface}' looks like a misspelling of {entry.en}: write "
                f"'{right}'" + _post_suffix(analysis, entry),
                replacement=right,
                applicability=Applicability.UNSAFE,
                entry=entry,
            )


@register
class InconsistentRendering(DocumentRule):
    """One entity spelt two ways in one story.

    ## Why
    A story should use one rendering per entity: "Saito" and "Saitō", "G20" and "G-20",
    "Foreign Ministry" and "foreign ministry" side by side look like two things.
    Different wordings ("G20" and "Group of 20") are not reported, only spellings.

    ## Bad
        The G20 summit opened. A G-20 statement followed.

    ## Good
        The G20 summit opened. A G20 statement followed.

    ## Fix safety
    Unsafe: the later spelling is replaced with the first one used in the story.
    """

    code = "TM004"
    name = "term-inconsistent"
    default_severity = Severity.WARNING

    def check(self, analysis: DocumentAnalysis, report: Reporter) -> None:
        first: dict[tuple[str, str], tuple[str, EntityMention]] = {}
        for mention in analysis.entities:
            if mention.form.lang != "en" or not mention.form.role.is_correct:
                continue
            if Kind.OFFICE in mention.kinds:
                continue  # "Prime Minister Takaichi" and "the prime minister" are both right
            entry = mention.entry
            surface = plain_text(mention.surface)
            letters = [c for c in surface if c.isalpha()]
            if len(letters) > 1 and all(c.isupper() for c in letters):
                continue
            if not case_is_acceptable(analysis, mention):
                continue  # TM001 reports it
            surface_key = surface[:1].lower() + surface[1:]  # a capital first letter is free
            # An ambiguous form ("Foreign Ministry") is one entity for its spelling's sake.
            owner = entry.id if entry else "form:" + fold_form(mention.form.text)
            key = (owner, _skeleton(surface))
            if key not in first:
                first[key] = (surface_key, mention)
                continue
            kept, earlier = first[key]
            if surface_key == kept:
                continue
            line, _ = analysis.document.source.lines.line_col(
                earlier.segment.source_offset(earlier.start)
            )
            where = f" (line {line})"
            report(
                mention.segment,
                mention.start,
                mention.end,
                f"'{surface}' is written '{plain_text(earlier.surface)}' earlier in this story"
                f"{where}: use one spelling",
                replacement=plain_text(earlier.surface) if "\n" not in mention.surface else None,
                applicability=Applicability.UNSAFE,
                entry=entry,
                form=mention.form,
            )


@functools.lru_cache(maxsize=65536)
def _skeleton(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum()).lower()
