"""What a document says about the glossary's entities, worked out once for all rules.

For every segment: the glossary forms found in it (`EntityMention`), the people named
in it (`PersonMention`, including near-miss and unknown-given-name forms of known
family names), and the title phrases attached to each person (found by
`checker.titles.phrases`, judged against the story's date by `checker.titles.verdicts`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import cached_property

from checker.document import Document, Segment
from checker.glossary.model import Entry, Form, Glossary, Holding, Kind, Role
from checker.lexicon import (
    COMMON_JAPANESE_FAMILY_NAMES,
    COMMON_WORD_HOMOGRAPHS,
    CONNECTORS,
    KINSHIP_WORDS,
    PAST_MARKERS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    english_frequency,
    is_common_word,
    plausible_given_name,
)
from checker.match.fold import fold_form
from checker.match.index import (
    Match,
    TermIndex,
    title_words,
)
from checker.match.near import NearName, fold_name, name_slips
from checker.mentions import EntityMention, NameKind, PersonMention, TitlePhrase
from checker.sentences import is_sentence_start
from checker.style import StyleProfile
from checker.titles.phrases import TitleFinder
from checker.titles.verdicts import (
    TitleVerdict,
    UnknownNameVerdict,
    Verdict,
    judge,
    unknown_name_title,
)

_RIGHT_TOKEN = re.compile(r"[ \t\u00a0]+([A-Z][a-zà-ɏ]+(?:-+[A-Za-z][a-zà-ɏ]*)?)(?![\w-])")
# An apposition that describes the person named: ", a Beijing shopkeeper".
_DESCRIBED = re.compile(r",[ \t\u00a0]+(?:a|an)[ \t\u00a0]([^,.;:()]*)")
# The word just before a name, a comma between them allowed ("his father, Shintaro Abe").
_KIN_BEFORE = re.compile(r"([A-Za-z][A-Za-z-]*),?[ \t\u00a0]+$")
# "his Chinese counterpart" just before a name: the word before "counterpart" names the
# country.
_COUNTERPART = re.compile(r"\b([A-Z][a-z]+)\s+counterparts?,?[ \t\u00a0]+$")
_LEFT_TOKEN = re.compile(r"(?<![\w-])([A-Z][a-zà-ɏ]+(?:-+[A-Za-z][a-zà-ɏ]*)?)[ \t\u00a0]+$")
# How far before a name its given name may start: bounded, so that checking stays linear
# in the length of a paragraph however many names it holds.
_NEIGHBOUR_REACH = 64
# A capitalized word that may be a misspelt name part ("Kisida", "Takachi", "Hsi"); the
# quick pattern finds them and a few more (inside "McDonald"), to be confirmed.
_CAPITALIZED_RUN = re.compile(r"[A-Z][a-zà-ɏ]{2,}(?:-+[A-Za-zà-ɏ]+)*")
_NAME_WORD = re.compile(r"(?<![\w'’-])[A-Z][a-zà-ɏ]{2,}(?:-+[A-Za-zà-ɏ]+)*(?![\w-])")


class DocumentAnalysis:
    """Mentions and title verdicts of one document, computed once."""

    def __init__(
        self, document: Document, index: TermIndex, style: StyleProfile, date: dt.date
    ) -> None:
        self.document = document
        self.index = index
        self.glossary: Glossary = index.glossary
        self.style = style
        self.date = date
        self.entities: list[EntityMention] = []
        self.people: list[PersonMention] = []
        self._given_names: dict[tuple[str, str | None], bool] = {}
        self._covered: dict[int, _Spans] = {}
        self._title_finder = TitleFinder(index, self._people_in, date)
        self._titles = self._title_finder.titles
        for segment in document.segments:
            self._analyse(segment)
        self._resolve_short_mentions()
        self._near_names()
        for person in self.people:
            person.titles.extend(self._titles(person))
        self._tie_by_later_titles()
        self._drop_hints_of_unnamed_chinese_people()

    # -- entities ---------------------------------------------------------------------------

    def _analyse(self, segment: Segment) -> None:
        matches = self.index.find(segment.text)
        if not matches:
            return  # nothing to cover: most segments of a document of tiny paragraphs
        covered = self._covered[id(segment)] = _Spans()
        urls = _may_hold_url(segment.text)
        for match in matches:
            mention = self._entity(segment, match, urls)
            if mention is None:
                continue
            self.entities.append(mention)
            covered.add(match.start, match.end)
            person = mention.entry if mention.entry and mention.entry.kind is Kind.PERSON else None
            if (
                person is not None
                and mention.form.role in (Role.PREFERRED, Role.ACCEPTED, Role.FORBIDDEN)
                and " " in mention.form.text.strip()
            ):
                self.people.append(self._full_name(segment, mention, person))
        for match in matches:
            if not match.cjk:
                self._family_name_neighbours(segment, match, covered)

    def _entity(self, segment: Segment, match: Match, urls: bool) -> EntityMention | None:
        """`urls`: whether the segment may hold a web or mail address at all."""
        if urls and _inside_url(segment.text, match.start, match.end):
            return None
        entries = self.index.entries_of(match)
        group = self.index.group_of(entries)
        form = best_form(match)
        if _is_acronym(form.text) and not _is_acronym(match.surface):
            return None  # "Tao" is not the TAO
        if (
            match.surface.islower()
            and " " not in match.surface.strip()
            and (
                match.surface.lower() in COMMON_WORD_HOMOGRAPHS
                or (group.kinds == {Kind.PERSON} and is_common_word(match.surface))
            )
        ):
            return None  # "diet", "song", "sun": words, not the Diet or Song Tao
        return EntityMention(segment, match.start, match.end, entries, form, group.kinds)

    def _full_name(self, segment: Segment, mention: EntityMention, person: Entry) -> PersonMention:
        kind = NameKind.FORBIDDEN if mention.form.role is Role.FORBIDDEN else NameKind.KNOWN
        return PersonMention(
            segment,
            mention.start,
            mention.end,
            mention.surface,
            person,
            kind,
            _order(mention.surface, person),
        )

    def _family_name_neighbours(self, segment: Segment, match: Match, covered: _Spans) -> None:
        """A known family name next to a capitalized word that is not the known given name:
        a misspelt given name (near miss), another given name, or a reversed order."""
        bearers = self.index.bearers(match.surface)
        if not bearers or not match.surface[:1].isupper():
            return
        text = segment.text
        if text.startswith("-", match.end) or text.endswith("-", 0, match.start):
            return  # a part of a hyphenated word ("Wen" of "Cheng Wen-tsan")
        if any(
            s <= match.start and match.end <= e and (s, e) != (match.start, match.end)
            for s, e in covered.overlapping(match.start, match.end)
        ):
            return
        after = _RIGHT_TOKEN.match(text, match.end)
        before = _LEFT_TOKEN.search(text, max(0, match.start - _NEIGHBOUR_REACH), match.start)
        # Only people whose given name is the neighbour, or a slip from it, can be named
        # (and the family's only bearer, whatever the given name).
        if len(bearers) == 1:
            positions = [0]
        else:
            near: set[int] = set()
            for token in (after, before):
                if token:
                    near.update(self.index.bearers_near(match.surface, token.group(1).lower()))
            positions = sorted(near)
        for position in positions:
            entry_index, origin, known = bearers[position]
            if after and self._given_here(after.group(1), known, origin, after.start(1), segment):
                start, end, given = match.start, after.end(1), after.group(1)
                order = "family-first"
            elif before and self._given_here(
                before.group(1), known, origin, before.start(1), segment
            ):
                start, end, given = before.start(1), match.end, before.group(1)
                order = "given-first"
            else:
                continue
            person = self.index.entries[entry_index]
            if self._neighbour(segment, start, end, given, person, order, covered):
                return  # the name now covers both neighbours: no other bearer can be added
        if len(bearers) == 1:
            return
        origins = {origin for _, origin, _ in bearers}  # "Chen": Sean Chen, Chen Chien-jen
        for token, order in ((after, "family-first"), (before, "given-first")):
            if token and any(
                self._could_be_given(token.group(1), origin, token.start(1), segment)
                for origin in origins
            ):
                start = min(match.start, token.start(1))
                end = max(match.end, token.end(1))
                if not self._titled(segment, start, end):
                    return
                holder = self._tied_holder(segment, start, end, match.surface)
                if holder is not None:
                    self._neighbour(segment, start, end, token.group(1), holder, order, covered)
                return

    def _titled(self, segment: Segment, start: int, end: int) -> bool:
        """A title word may stand just before the name, or an apposition after it, or
        "counterpart": only then can a title tie an unknown given name to a known person."""
        text = segment.text
        if text.startswith(",", end) or _COUNTERPART.search(text, max(0, start - 48), start):
            return True
        before = text[max(0, start - _NEIGHBOUR_REACH) : start].split()
        word = before[-1].lower() if before else ""
        return word in self.index.title_vocabulary or word in TITLE_HEADS

    def _given_here(
        self, token: str, known: str, origin: str | None, start: int, segment: Segment
    ) -> bool:
        """The token may be this bearer's given name: written right or nearly, or a word
        that reads like a given name."""
        seen = token.lower()
        return (
            seen == known
            or self._could_be_given(token, origin, start, segment)
            or _near_miss(seen, known, origin)
        )

    def _could_be_given(self, token: str, origin: str | None, start: int, segment: Segment) -> bool:
        if (
            (segment.title_cased or is_sentence_start(segment.text, start))
            and is_common_word(token)
            and not self.index.name_parts.is_known(token)
        ):
            # An ordinary word capitalized by the sentence ("Interviewing Lai") or by a
            # title-case headline ("China Rejects Abe-Xi Meeting").
            return False
        key = (token, origin)  # asked again for every bearer of a family name: remembered
        if key not in self._given_names:
            self._given_names[key] = self._plausible_given(token, origin)
        return self._given_names[key]

    def _plausible_given(self, token: str, origin: str | None) -> bool:
        if self.index.find_latin(token):  # a glossary word, not a given name
            return False
        word = token.lower()
        if word in TITLE_HEADS or word in TITLE_MODIFIERS or word in CONNECTORS:
            return False
        return plausible_given_name(token, origin)

    def _neighbour(
        self,
        segment: Segment,
        start: int,
        end: int,
        given: str,
        person: Entry,
        order: str,
        covered: _Spans,
    ) -> bool:
        """Add the person named by the family name and its neighbour; False if not."""
        if any(
            not (start <= s and e <= end and (s, e) != (start, end))
            for s, e in covered.overlapping(start, end)
        ):
            return False  # overlaps a glossary form other than the family name inside it
        judged = self._given_name_kind(segment, start, end, given, person, order)
        if judged is None:
            return False
        kind, tie = judged
        covered.add(start, end)
        self.people.append(
            PersonMention(
                segment, start, end, segment.text[start:end], person, kind, order, given, tie=tie
            )
        )
        return True

    def _given_name_kind(
        self, segment: Segment, start: int, end: int, given: str, person: Entry, order: str
    ) -> tuple[NameKind, str | None] | None:
        """What a known family name beside another given name is (the right name in another
        order, a near miss TM003, an unknown given name NM001), and what ties it to the
        known person (None: a hint); None when it is someone else."""
        assert person.given is not None and person.family is not None
        known = person.given.lower()
        seen = given.lower()
        japanese = person.name_origin == "japanese"
        if seen == known:
            # The right name in the order Chinese names never take ("Jinsong Liu").
            return NameKind.KNOWN, "name"
        if _near_miss(seen, known, person.name_origin):
            return NameKind.NEAR_MISS, "name"
        if self._tied_holder(segment, start, end, person.family) is person:
            # A title the known person held on the date: another given name is a slip.
            return NameKind.UNKNOWN_GIVEN, "title"
        if (
            len(self.index.entries_with_family(person.family)) == 1
            and (japanese or order == "family-first")
            and not self._another_bearer(segment, start, end, person)
        ):
            # A family name one known person bears is worth a hint naming that person: a
            # rare Japanese one with the person's name as a fix; a common Japanese one, or
            # a Chinese one in its own order where the story names the person too
            # (`_drop_hints_of_unnamed_chinese_people`), with none.
            rare = japanese and person.family.lower() not in COMMON_JAPANESE_FAMILY_NAMES
            return NameKind.UNKNOWN_GIVEN, "rare family name" if rare else None
        return None

    def _another_bearer(self, segment: Segment, start: int, end: int, person: Entry) -> bool:
        """The words around the name say it is someone else of the family: a relative
        ("his father, Shintaro Abe"), someone an apposition describes ("Wang Jianguo, a
        Beijing shopkeeper": a title there ties the name before this is asked), someone's
        counterpart whose post the known person does not hold, or the
        holder of an office the known person never
        held ("then Japanese Prime Minister Eisaku Sato"): an office of one holder at a
        time, whose holders the glossary follows, or any office where it lists the
        person's posts on the date (a post of many holders may be missing otherwise)."""
        before = _KIN_BEFORE.search(segment.text, max(0, start - _NEIGHBOUR_REACH), start)
        if before and before.group(1).lower() in KINSHIP_WORDS:
            return True
        described = _DESCRIBED.match(segment.text, end)
        if described and not set(title_words(described.group(1))) & TITLE_HEADS:
            return True  # "Wang Jianguo, a Beijing shopkeeper": the story says who he is
        if _COUNTERPART.search(segment.text, max(0, start - 48), start):
            # "the chief cabinet secretary and his Chinese counterpart Wang Jianguo": a
            # counterpart the known person is not (a counterpart who is ties the name).
            return True
        complete = person.coverage is not None and person.coverage.covers(self.date)
        probe = PersonMention(
            segment, start, end, segment.text[start:end], person, NameKind.UNKNOWN_GIVEN, None
        )
        held = {t.office for t in person.tenures}
        return any(
            title.offices
            and not any(o.id in held for o in title.offices)
            and (complete or all(o.holders == "single" for o in title.offices))
            for title in self._titles(probe)
        )

    def _tie_by_later_titles(self) -> None:
        """An unknown given name is tied to the known person when the story later calls
        that family name alone by a title the person held on the date ("Hiroshi Hayashi
        ... Chief Cabinet Secretary Hayashi said")."""
        loose = [p for p in self.people if p.kind is NameKind.UNKNOWN_GIVEN and p.tie != "title"]
        if not loose:
            return
        order = {id(s): i for i, s in enumerate(self.document.segments)}
        last_titled: dict[str, tuple[int, int]] = {}  # person id → last titled reference
        for person in {m.person.id: m.person for m in loose}.values():
            family = fold_name(person.family or "")
            for later in self.entities:
                if later.form.role not in (Role.SHORT, Role.AMBIGUOUS):
                    continue
                if fold_name(later.surface) != family:
                    continue
                probe = PersonMention(
                    later.segment, later.start, later.end, later.surface, person,
                    NameKind.SHORT, None,
                )  # fmt: skip
                if self._tie(probe, frozenset()) == "title":
                    last_titled[person.id] = (order[id(later.segment)], later.start)
        for mention in loose:
            titled = last_titled.get(mention.person.id)
            if titled is not None and titled >= (order[id(mention.segment)], mention.end):
                mention.tie = "title"

    def _drop_hints_of_unnamed_chinese_people(self) -> None:
        """A Chinese family name one known person bears, with another given name and
        nothing tying it to that person, is worth a hint only where the story names the
        person too ("Xi Jinping ... Xi Jianguo"): real copy names many Chinese people the
        glossary does not list, and a family name is shared by millions."""
        named = self.named_people
        kept = [
            p
            for p in self.people
            if not (
                p.kind is NameKind.UNKNOWN_GIVEN
                and p.tie is None
                and not p.person.is_japanese_name
                and p.person.id not in named
            )
        ]
        if len(kept) < len(self.people):
            self.people = kept
            for made in ("_people_by_segment", "_people_counted"):  # made again when asked
                self.__dict__.pop(made, None)

    def _tied_holder(self, segment: Segment, start: int, end: int, family: str) -> Entry | None:
        """The known person of this family name a title ties the name to: their own, or
        that of the person whose counterpart they are called."""
        return self._title_holder(segment, start, end, family) or self._counterpart(
            segment, start, family
        )

    def _counterpart(self, segment: Segment, start: int, family: str) -> Entry | None:
        """The known person of this family name who, on the story's date, held (or may
        have held) in the country named the post matching that of the titled person the
        paragraph names last before it ("Foreign Minister Yoshimasa Hayashi and his Chinese
        counterpart Qin Gang"): the same head word and another word in common."""
        text = segment.text
        said = _COUNTERPART.search(text, max(0, start - 48), start)
        if said is None:
            return None
        country = self.countries.get(said.group(1).lower())
        bearers = self.index.entries_with_family(family)
        if country is None or not bearers:
            return None
        # The person last named before it in the paragraph ("Kanai ... However, his
        # Chinese counterpart ...").
        named = [(p.start, p.person) for p in self._people_in(segment, 0, said.start())]
        named += [
            (e.start, e.entry)  # a family name alone, read before short names are resolved
            for e in self.entities
            if e.segment is segment and e.end <= said.start()
            and e.entry is not None and e.entry.kind is Kind.PERSON
        ]  # fmt: skip
        if not named:
            return None
        anchor = max(named, key=lambda n: n[0])[1]
        posts = [
            o
            for t in self.glossary.offices_held(anchor, self.date, certain=False)
            if (o := self.glossary.get(t.office)) is not None and o.country != country
        ]
        for i in bearers:
            bearer = self.index.entries[i]
            for tenure in self.glossary.offices_held(bearer, self.date, certain=False):
                office = self.glossary.get(tenure.office)
                if office is None or office.country != country:
                    continue
                if any(_same_post(office, post) for post in posts):
                    return bearer
        return None

    def _title_holder(self, segment: Segment, start: int, end: int, family: str) -> Entry | None:
        """The known person of this family name who held, or may have held, on the story's
        date the title written before or in apposition after [start, end) (a post still
        held on the glossary's knowledge date may be held after it)."""
        bearers = self.index.entries_with_family(family)
        if not bearers:
            return None
        probe = PersonMention(
            segment, start, end, segment.text[start:end], self.index.entries[bearers[0]],
            NameKind.UNKNOWN_GIVEN, None,
        )  # fmt: skip
        for title in self._titles(probe):
            for office in title.offices:
                for holder in self._holders_meant(title, office):
                    if fold_name(holder.person.family or "") == fold_name(family):
                        return holder.person
        return None

    def _holders_meant(self, title: TitlePhrase, office: Entry) -> list[Holding]:
        """Who may be meant by the title: the holders on the story's date; for a past
        title ("former", "then"), anyone who held the office before it (within the
        sentence's period, when it names one) — for "former", whose tenure may have ended
        by then: "a former foreign minister" is not the foreign minister of the day."""
        if title.past is None:
            return self.glossary.holders_on(office.id, self.date, certain=False)
        period = title.dated if title.past != "former" and title.dated else None
        last = period.last if period else self.date
        first = period.first if period else dt.date.min
        holdings = self.glossary.holdings.get(office.id, ())
        incumbents = (
            {h.person.id for h in self.glossary.holders_on(office.id, self.date)}
            if title.past == "former"
            else set()
        )
        return [
            h
            for h in holdings
            if (h.tenure.start is None or h.tenure.start.earliest <= last)
            and (h.tenure.end is None or h.tenure.end.latest >= first)
            and h.person.id not in incumbents
        ]

    def _resolve_short_mentions(self) -> None:
        """A family name alone names the one person of that family named in full."""
        named = {p.person.id: p.person for p in self.people}
        for mention in self.entities:
            form = mention.form
            if form.role not in (Role.SHORT, Role.AMBIGUOUS) or " " in form.text.strip():
                continue
            group = self.index.group_of(mention.entries)
            people = group.people
            known = group.people_with_ids(named) if len(people) > 1 else list(people)
            if (
                len(known) == 1
                and known[0].family
                and fold_form(known[0].family) == fold_form(mention.surface)
                and not self._another_full_name(mention, known[0])
            ):
                self.people.append(
                    PersonMention(
                        mention.segment,
                        mention.start,
                        mention.end,
                        mention.surface,
                        known[0],
                        NameKind.SHORT,
                        None,
                    )
                )

    def _another_full_name(self, mention: EntityMention, person: Entry) -> bool:
        """The family name stands beside a given name that is not the person's ("Saito
        Tsuyoshi", "Tsuyoshi Saito" beside Tetsuo Saito): the full name of someone else,
        which says nothing about the known person."""
        if person.given is None:
            return False
        text = mention.segment.text
        after = _RIGHT_TOKEN.match(text, mention.end)
        before = _LEFT_TOKEN.search(text, max(0, mention.start - _NEIGHBOUR_REACH), mention.start)
        return any(
            token is not None
            and fold_name(token.group(1)) != fold_name(person.given)
            and token.group(1).lower() not in TITLE_HEADS
            and not self.index.find_latin(token.group(1))
            and plausible_given_name(token.group(1), person.name_origin)
            for token in (before, after)
        )

    # -- near misses of known names ------------------------------------------------------------

    def _near_names(self) -> None:
        """Capitalized words one or two slips from a part of a known person's name, kept
        where the rest of the mention points at the person (`_tie`)."""
        parts = self.index.name_parts
        near, answers = parts.near, parts.answers  # one look-up per word once seen
        for segment in self.document.segments:
            # Most words are seen before and near nothing: their strings are looked up
            # first (the remembered answers by `filter`, with no Python loop), and the text
            # searched for positions only when one is near a name.
            words = set(_CAPITALIZED_RUN.findall(segment.text))
            slips = set(filter(answers.get, words))
            slips.update(filter(near, words.difference(answers)))
            if slips:
                self._near_names_in(segment, slips)

    def _near_names_in(self, segment: Segment, slips: set[str]) -> None:
        covered = self._covered.get(id(segment)) or _Spans()
        for word in _name_words(segment.text, slips):
            if covered.overlapping(word.start(), word.end()):
                continue
            if is_common_word(word.group(0)) or self.index.find_latin(word.group(0)):
                continue  # an ordinary word, or another known entity
            candidates = self.index.name_parts.near(word.group(0))
            mention = self._near_name(segment, word, candidates, self.named_people)
            if mention is not None:
                covered.add(mention.start, mention.end)
                self.people.append(mention)

    def _near_name(
        self,
        segment: Segment,
        word: re.Match[str],
        candidates: tuple[NearName, ...],
        named: frozenset[str],
    ) -> PersonMention | None:
        start, end, seen = word.start(), word.end(), word.group(0)
        neighbour = self._name_neighbour(segment, start, end)
        hint: PersonMention | None = None
        for candidate in candidates:
            person = self.index.entries[candidate.part.entry]
            assert person.family is not None and person.given is not None
            family = candidate.part.part == "family"
            right_part = person.family if family else person.given
            other = person.given if family else person.family
            if neighbour is not None:
                n_start, n_end, n_word = neighbour
                if fold_name(n_word) != fold_name(other) and not self._other_part_slip(
                    n_word, candidate
                ):
                    continue  # another name beside it: another person ("Masatoshi Ishida")
                first, last = min(start, n_start), max(end, n_end)
                surface = segment.text[first:last]
                right = surface[: start - first] + right_part + surface[end - first :]
                right = right.replace(n_word, other) if n_word != other else right
                # The order by where the slipped part stands, not by its spelling.
                order = "family-first" if family == (start < n_start) else "given-first"
                return PersonMention(
                    segment, first, last, surface, person, NameKind.NEAR_MISS, order,
                    right=right, tie="name",
                )  # fmt: skip
            if not family:
                continue  # a given name alone is no second reference to anyone
            mention = PersonMention(
                segment, start, end, seen, person, NameKind.NEAR_MISS, None, right=right_part
            )
            # Beside another capitalized word it is part of another name ("Moteki Corp."):
            # only a title can still tie it to the person.
            part_of_a_name = _RIGHT_TOKEN.match(segment.text, end) is not None
            mention.tie = self._tie(mention, frozenset() if part_of_a_name else named)
            if mention.tie is not None:
                return mention
            if part_of_a_name:
                continue
            if hint is None and len(candidates) == 1 and english_frequency(seen.lower()) == 0:
                hint = mention  # nothing points at the person: a hint at most
        return hint

    def _other_part_slip(self, word: str, candidate: NearName) -> bool:
        """The word beside a slip is itself a slip of the same person's other name part,
        two slips in all ("Fumo Kisida")."""
        return any(
            other.part.entry == candidate.part.entry
            and other.part.part != candidate.part.part
            and other.slips + candidate.slips <= 2
            for other in self.index.name_parts.near(word)
        )

    def _tie(self, mention: PersonMention, named: frozenset[str]) -> str | None:
        """What ties a form written alone to the person: a title the person held on the
        story's date, or the story naming the person elsewhere; None if nothing does."""
        person = mention.person
        for title in self._titles(mention):
            if self._bare_head(title):
                continue  # "Spokesperson Kuo": a word many offices share names no one
            held = {o.id for o in title.offices}
            if title.past is None and any(
                t.office in held and t.possibly_held(self.date) for t in person.tenures
            ):
                return "title"
        if person.id in named:
            return "named"
        return None

    def _bare_head(self, title: TitlePhrase) -> bool:
        """The title is a head word alone that the offices of several bodies share
        ("Spokesperson"; not "Premier", one office's)."""
        words = [
            w
            for w in title_words(title.text)
            if w not in ("the", "a", "an") and w not in self.countries and w not in PAST_MARKERS
        ]
        if len(words) != 1 or words[0] not in TITLE_HEADS:
            return False
        return len(self.index.offices_named(frozenset(words), title.country, ())) > 1

    def _name_neighbour(
        self, segment: Segment, start: int, end: int
    ) -> tuple[int, int, str] | None:
        """A capitalized word directly before or after [start, end) that may be a part of
        a personal name (not a title word or an ordinary word)."""
        text = segment.text
        after = _RIGHT_TOKEN.match(text, end)
        before = _LEFT_TOKEN.search(text, max(0, start - _NEIGHBOUR_REACH), start)
        for token in (before, after):
            if token is None:
                continue
            word = token.group(1)
            lower = word.lower()
            if (
                lower in TITLE_HEADS
                or lower in TITLE_MODIFIERS
                or lower in CONNECTORS
                or lower in PAST_MARKERS
                or lower in self.index.title_vocabulary
                or lower in self.countries
                or (is_common_word(word) and not self.index.name_parts.is_known(word))
            ):
                continue
            return token.start(1), token.end(1), word
        return None

    def _people_in(self, segment: Segment, start: int, end: int) -> list[PersonMention]:
        """People named within [start, end) of a segment (a bisect over sorted mentions)."""
        table = self._people_by_segment
        counted = self.__dict__.setdefault("_people_counted", len(self.people))
        for person in self.people[counted:]:  # named since the table was made
            starts, people = table.setdefault(id(person.segment), ([], []))
            at = bisect.bisect_right(starts, person.start)
            starts.insert(at, person.start)
            people.insert(at, person)
        self._people_counted = len(self.people)
        ordered = table.get(id(segment), ([], []))
        starts, people = ordered
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end)
        return [p for p in people[first:last] if p.end <= end]

    @cached_property
    def _people_by_segment(self) -> dict[int, tuple[list[int], list[PersonMention]]]:
        table: dict[int, tuple[list[int], list[PersonMention]]] = {}
        for person in sorted(self.people, key=lambda p: p.start):
            starts, people = table.setdefault(id(person.segment), ([], []))
            starts.append(person.start)
            people.append(person)
        return table

    @property
    def countries(self) -> dict[str, str]:
        """Country qualifiers: 'japanese', 'japan' (as in "Japan's") → 'JP'."""
        return self.index.countries

    # -- title verdicts ----------------------------------------------------------------------

    @cached_property
    def verdicts(self) -> list[TitleVerdict]:
        """The verdict on each title given to a person the story names. A known family name
        with another given name that nothing but the family name ties to the known person
        ("Deputy Chief Cabinet Secretary Saito Tsuyoshi" beside Tetsuo Saito) may be another
        person: their titles are not judged against the known person's posts."""
        return [
            judge(self.glossary, self.date, p, t)
            for p in self.people
            if not (p.kind is NameKind.UNKNOWN_GIVEN and p.tie in (None, "rare family name"))
            for t in p.titles
        ]

    @cached_property
    def unknown_name_verdicts(self) -> list[UnknownNameVerdict]:
        """Titles given to names the glossary does not know, where the title was certainly
        another's (worked out when a rule asks)."""
        offices: dict[int, tuple[Segment, list[tuple[int, int]]]] = {}
        for mention in self.entities:
            if Kind.OFFICE in mention.kinds and _names_a_covered_office(mention.entries):
                segment = mention.segment
                spans = offices.setdefault(id(segment), (segment, []))[1]
                spans.append((mention.start, mention.end))
        if not offices:
            return []
        found = []
        for segment, spans in offices.values():
            for name, title in self._title_finder.titles_of_unknown_names(segment, spans):
                verdict = unknown_name_title(self.glossary, self.date, name, title)
                if verdict is not None:
                    found.append(verdict)
        return found

    # -- helpers for rules -------------------------------------------------------------------

    @cached_property
    def named_people(self) -> frozenset[str]:
        """The ids of the people the story names by a right form (in full, or by the
        family name after a full mention)."""
        return frozenset(
            p.person.id for p in self.people if p.kind in (NameKind.KNOWN, NameKind.SHORT)
        )

    def tie_of_single_form(
        self, mention: EntityMention, person: Entry
    ) -> tuple[str, int, int] | None:
        """What ties a one-word form of a person's name to that person, and the span the
        wrong name takes: the other part of the name beside it, a title the person held
        on the date, the story naming the person elsewhere. Beside another name part the
        two words are one name: someone else's ("Ning Jizhe", "Masatoshi Ishida"), unless
        a title the person held ties them ("General Secretary Xin Jinping")."""
        start, end = mention.start, mention.end
        neighbour = self._name_neighbour(mention.segment, start, end)
        named = self.named_people
        if neighbour is not None:
            written = fold_name(neighbour[2])
            if written in {fold_name(person.given or ""), fold_name(person.family or "")}:
                return "name", start, end
            start, end = min(start, neighbour[0]), max(end, neighbour[1])
            named = frozenset()  # another name: only a title can make it this person's
        probe = PersonMention(
            mention.segment, start, end, mention.segment.text[start:end], person,
            NameKind.FORBIDDEN, None,
        )  # fmt: skip
        tie = self._tie(probe, named)
        return (tie, start, end) if tie is not None else None

    def named_for_another_holder(self, mention: EntityMention) -> bool:
        """A title beside this name was held on the date by someone else (TT002)."""
        spans = self._other_holders.get(id(mention.segment), ())
        return any(start <= mention.start and mention.end <= end for start, end in spans)

    @cached_property
    def _other_holders(self) -> dict[int, list[tuple[int, int]]]:
        """The spans of the names a title verdict says are the wrong person, by segment."""
        table: dict[int, list[tuple[int, int]]] = {}
        for verdict in self.verdicts:
            if verdict.verdict is Verdict.OTHER_HOLDER:
                name = verdict.mention
                table.setdefault(id(name.segment), []).append((name.start, name.end))
        return table

    def render_name(self, person: Entry) -> str:
        """The person's name as the house style writes it."""
        if person.is_japanese_name and self.style.japanese_name_order == "family-first":
            for form in person.forms_of(Role.ACCEPTED):
                if (
                    _order(form.text, person) == "family-first"
                    and not form.text.isupper()
                    and form.text.split()[0] != form.text.split()[0].upper()
                ):
                    return form.text
            return f"{person.family} {person.given}"
        return person.en

    def post_on_date(self, person: Entry) -> str | None:
        titles = [
            self.glossary.office_title(t) for t in self.glossary.offices_held(person, self.date)
        ]
        return "; ".join(titles) if titles else None


_COVERED: dict[int, tuple[tuple[Entry, ...], bool]] = {}


def _names_a_covered_office(entries: tuple[Entry, ...]) -> bool:
    """Among a form's entries is an office whose holders are declared complete (worked
    out once per form's entries)."""
    known = _COVERED.get(id(entries))
    if known is None or known[0] is not entries:
        covered = any(e.kind is Kind.OFFICE and e.coverage is not None for e in entries)
        known = _COVERED[id(entries)] = (entries, covered)
    return known[1]


class _Spans:
    """Spans already taken in a segment, sorted by start, asked which overlap a range.
    Each span is kept as one integer, its start above its end (`_WIDTH` bits each), not
    a tuple of two: one is kept per mention of the whole document."""

    __slots__ = ("_keys",)

    _LONGEST = 256  # no glossary form or name runs longer than this
    _WIDTH = 30  # bits for an end offset: past any segment (files stop at 256 MB)

    def __init__(self) -> None:
        self._keys: list[int] = []

    def add(self, start: int, end: int) -> None:
        bisect.insort(self._keys, start << self._WIDTH | end)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        low = bisect.bisect_left(self._keys, (start - self._LONGEST) << self._WIDTH)
        high = bisect.bisect_left(self._keys, end << self._WIDTH)
        mask = (1 << self._WIDTH) - 1
        spans = ((key >> self._WIDTH, key & mask) for key in self._keys[low:high])
        return [(s, e) for s, e in spans if s < end and start < e]


def _same_post(one: Entry, other: Entry) -> bool:
    """Two offices are the same post in two governments: their titles share the head word
    and another word ("Foreign Minister"; "Director-General ... Asian ... Affairs"; a
    premier is a prime minister)."""
    words, others = _post_words(one), _post_words(other)
    shared = words & others
    return bool(shared & TITLE_HEADS) and bool(shared - TITLE_HEADS)


# One post under two names: China's premier is its prime minister.
_POST_SYNONYMS = {"premier": ("prime", "minister")}


def _post_words(office: Entry) -> set[str]:
    words = {w for p in title_words(office.before_name) for w in p.split("-")} - CONNECTORS
    for word, same in _POST_SYNONYMS.items():
        if word in words:
            words.update(same)
    return words


def _is_acronym(text: str) -> bool:
    if not text.isupper():
        return False  # a lower-case letter, or no cased one: no acronym (and quick to tell)
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _near_miss(seen: str, known: str, origin: str | None) -> bool:
    """A slip in a given name ("Minou" for "Minoru", "Jiiechi" for "Jiechi"); short names
    one letter apart are usually different names (Qiang, Qing): `name_slips`."""
    return name_slips(seen, known, origin) is not None


def best_form(match: Match) -> Form:
    """Of the forms folded to the same key, the one written exactly as seen, else the first
    correct one (so a case error is judged against a correct form)."""
    for candidate in match.candidates:
        if candidate.form.text == match.surface:
            return candidate.form
    for candidate in match.candidates:
        if candidate.form.role.is_correct:
            return candidate.form
    return match.candidates[0].form


def _order(surface: str, person: Entry) -> str | None:
    if not person.family:
        return None
    first = re.split(r"\s+", surface.strip())[0]
    return "family-first" if fold_form(first) == fold_form(person.family) else "given-first"


def _name_words(text: str, words: set[str]) -> list[re.Match[str]]:
    """The `_NAME_WORD` matches that are one of `words`, in order: as `finditer` would give
    them, found with `str.find` (a few words, where the text holds many name words)."""
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            match = _NAME_WORD.match(text, at)
            if match is not None and match.end() == at + len(word):
                found.append(match)
            at = text.find(word, at + len(word))
    found.sort(key=lambda match: match.start())
    return found


def _may_hold_url(text: str) -> bool:
    """What `_inside_url` looks for is somewhere in the text."""
    return "://" in text or "@" in text or "www." in text


def _inside_url(text: str, start: int, end: int) -> bool:
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    token = text[left:right]
    return "://" in token or "@" in token or token.startswith("www.")
