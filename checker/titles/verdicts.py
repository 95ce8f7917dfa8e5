"""The verdict on each title phrase: was it the person's on the date it is tied to (the
story's date, or the date its sentence names)?

The glossary knows completely only what it declares: an office's holders over its
`coverage`, a person's posts over theirs. A title is said not to be the person's only
inside such coverage, or where another person held the (single-holder) office for
certain; otherwise the verdict is `UNKNOWN` and the rules stay silent. One function decides each
verdict, named for its rule: `generic_rank` (TT004), `past_title` (TT005) and
`current_title` (held, TT001 not held, TT002 held by someone else, TT003 stale).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from checker.glossary.model import Entry, Glossary, Holding, Role, Tenure
from checker.lexicon import CONNECTORS, plausible_given_name
from checker.match.index import title_words
from checker.mentions import PersonMention, TitlePhrase
from checker.titles.dated import UNDATED, Period
from checker.titles.phrases import RANK_MODIFIERS, UnknownName, rank_words


class Verdict(enum.Enum):
    HELD = "held"
    NOT_HELD = "not-held"  # TT001
    OTHER_HOLDER = "other-holder"  # TT002
    STALE = "stale"  # TT003
    GENERIC = "generic"  # TT004
    PAST_MISMATCH = "past-mismatch"  # TT005
    UNKNOWN = "unknown"  # the glossary does not know (outside its coverage)


@dataclass(frozen=True)
class TitleVerdict:
    mention: PersonMention
    title: TitlePhrase
    verdict: Verdict
    current: tuple[Tenure, ...] = ()  # what the person certainly held on the date
    past: tuple[Tenure, ...] = ()  # matching tenures that ended before the date
    holders: tuple[Entry, ...] = ()  # who held the named office on the date
    unconfirmed: bool = False  # rests on a fact marked unconfirmed
    when: Period | None = None  # the date judged on

    @property
    def names_wrong_person(self) -> bool:
        """The title is certainly another person's: the name, not the title, may be the
        error (a case fix of the name would name the wrong official correctly)."""
        return self.verdict is Verdict.OTHER_HOLDER and len(self.holders) == 1

    @property
    def holder(self) -> Entry | None:
        """The one person who held the title for certain on the date, when the title is
        another person's (TT002) or one the named person no longer held (TT003): the
        name the title calls for."""
        if self.verdict in (Verdict.OTHER_HOLDER, Verdict.STALE) and len(self.holders) == 1:
            return self.holders[0]
        return None


def judge(
    glossary: Glossary, story_date: dt.date, mention: PersonMention, title: TitlePhrase
) -> TitleVerdict:
    # "former" speaks of the time of writing; a dated sentence or "then" of its own date.
    dated = title.dated if title.past != "former" else None
    when = dated or Period.day(story_date)
    current = tuple(_held_throughout(glossary, mention.person, when))
    if title.description or when is UNDATED:
        return TitleVerdict(mention, title, Verdict.UNKNOWN, current, when=when)
    if not title.offices:
        return generic_rank(glossary, mention, title, current, when)
    if title.past is not None:
        return past_title(glossary, mention, title, current, when)
    return current_title(glossary, mention, title, current, when)


def generic_rank(
    glossary: Glossary,
    mention: PersonMention,
    title: TitlePhrase,
    current: tuple[Tenure, ...],
    when: Period,
) -> TitleVerdict:
    """TT004: a bare rank ("Minister") that is the rank of no office the person holds.
    A shorter form of the person's own title is no demotion: "Minister" for a foreign
    minister, "Premier" for the premier; "Minister" for the prime minister is."""
    if title.generic_rank and current and title.past is None and title.dated is None:
        offices = [o for t in current if (o := glossary.get(t.office))]
        if not any(title.generic_rank in rank_words(o) for o in offices):
            return TitleVerdict(mention, title, Verdict.GENERIC, current, when=when)
    return TitleVerdict(mention, title, Verdict.UNKNOWN, current, when=when)


def past_title(
    glossary: Glossary,
    mention: PersonMention,
    title: TitlePhrase,
    current: tuple[Tenure, ...],
    when: Period,
) -> TitleVerdict:
    """TT005: "former"/"then" with an office the person never held, or ("former") still
    holds for certain. "Never held" is said only where the glossary lists the person's
    posts completely over the time the title speaks of: the sentence's date for a dated
    "then"; otherwise any time before the date, so the posts must be listed since the
    person came of age ("Former Prime Minister Junichiro Koizumi" in 2013 is right,
    though the glossary lists his posts only from 2012). An office's coverage says
    nothing of the years before it."""
    person = mention.person
    mine = _tenures_of(person, title)
    unconfirmed = any(t.status != "confirmed" for t in mine)
    known_until = glossary.known_until(person)
    ever = [t for t in mine if t.start is None or t.start.earliest <= when.last]
    still = [t for t in mine if t.certainly_held(when.first, known_until)]
    speaks_of = when if title.dated is not None and title.past != "former" else None
    if not ever and (_covers(person, speaks_of) if speaks_of else _covers_adult_life(person, when)):
        return TitleVerdict(
            mention, title, Verdict.PAST_MISMATCH, current, unconfirmed=unconfirmed, when=when
        )
    if still and title.past == "former":
        return TitleVerdict(
            mention,
            title,
            Verdict.PAST_MISMATCH,
            current,
            tuple(still),
            unconfirmed=unconfirmed,
            when=when,
        )
    return TitleVerdict(mention, title, Verdict.HELD, current, when=when)


def current_title(
    glossary: Glossary,
    mention: PersonMention,
    title: TitlePhrase,
    current: tuple[Tenure, ...],
    when: Period,
) -> TitleVerdict:
    """A title given as the person's own on the date: held; stale (TT003: a tenure of it
    ended before, and the glossary knows the person did not hold it again: their posts or
    the office's holders are complete on the date, or another held it for certain);
    held by someone else (TT002: a single-holder office another held for certain); a
    stale or another's title names the one who held it for certain on the date; not
    held (TT001: the person's posts or the office's holders are complete on the date).
    Anything else is unknown: an unknown start or end never counts as held or not."""
    person = mention.person
    mine = _tenures_of(person, title)
    unconfirmed = any(t.status != "confirmed" for t in mine)
    known_until = glossary.known_until(person)
    if any(_certain_throughout(t, when, known_until) for t in mine):
        return TitleVerdict(mention, title, Verdict.HELD, current, when=when)
    if _own_office_of_another_country(glossary, title, current):
        return TitleVerdict(mention, title, Verdict.UNKNOWN, current, when=when)
    others = other_holders(glossary, title, when, person)
    possibly = any(_possibly_within(t, when) for t in mine)
    complete = _complete(glossary, person, title, when)
    ended = tuple(t for t in mine if t.ended_before(when.first))
    if ended and not possibly and (complete or others):
        return TitleVerdict(
            mention,
            title,
            Verdict.STALE,
            current,
            ended,
            holders=tuple(h.person for h in others),
            unconfirmed=unconfirmed or any(h.tenure.status != "confirmed" for h in others),
            when=when,
        )
    if others and not _rank_slip(glossary, title, current):
        return TitleVerdict(
            mention,
            title,
            Verdict.OTHER_HOLDER,
            current,
            holders=tuple(h.person for h in others),
            unconfirmed=any(h.tenure.status != "confirmed" for h in others),
            when=when,
        )
    if possibly:
        return TitleVerdict(mention, title, Verdict.HELD, current, when=when)
    if not complete and not others:
        return TitleVerdict(mention, title, Verdict.UNKNOWN, current, when=when)
    return TitleVerdict(
        mention, title, Verdict.NOT_HELD, current, unconfirmed=unconfirmed, when=when
    )


def _own_office_of_another_country(
    glossary: Glossary, title: TitlePhrase, current: tuple[Tenure, ...]
) -> bool:
    """A title that names no country and fits offices of several, which also fits in
    words the person's own office of another country ("Minister of Foreign Affairs Lin
    Chia-lung": Taiwan's, though the glossary knows that office by a shorter form)."""
    if title.country is not None or len({o.country for o in title.offices}) < 2:
        return False
    written = _word_parts(title.text)
    named = {o.country for o in title.offices}
    for tenure in current:
        office = glossary.get(tenure.office)
        if office is None or office.country in named:
            continue
        for form in office.forms_of(Role.PREFERRED, Role.ACCEPTED, Role.BEFORE_NAME):
            own = _word_parts(form.text)
            if own and own <= written:
                return True
    return False


def _rank_slip(glossary: Glossary, title: TitlePhrase, current: tuple[Tenure, ...]) -> bool:
    """The title is the person's own office on the date with a rank added ("Vice Foreign
    Minister" for the foreign minister): the title, not the name, is wrong."""
    written = _word_parts(title.text)
    for tenure in current:
        office = glossary.get(tenure.office)
        if office is None:
            continue
        for form in office.forms_of(Role.PREFERRED, Role.ACCEPTED, Role.BEFORE_NAME):
            own = _word_parts(form.text)
            if own and own < written and (written - own) & RANK_MODIFIERS:
                return True
    return False


@dataclass(frozen=True)
class UnknownNameVerdict:
    """TT002 for a name the glossary does not know: the title is a single-holder
    office's whose holders are complete on the date, and it was someone else's; or NM001
    where the name is a holder's family name with another given name (of a single- or a
    several-holder office whose holders are complete)."""

    name: UnknownName
    title: TitlePhrase
    holder: Entry
    when: Period
    unconfirmed: bool

    @property
    def given_name_slip(self) -> bool:
        """The name is the holder's family name with another given name ("Chinese
        Ambassador to Japan Cheng Jianguo" for Cheng Yonghua): the given name is wrong
        (NM001), not the person (TT002)."""
        family = self.holder.family
        words = self.name.surface.split()
        return (
            family is not None
            and len(words) == 2
            and family in (words[0], words[-1])
            and self.holder.en != self.name.surface
        )


def unknown_name_title(
    glossary: Glossary, story_date: dt.date, name: UnknownName, title: TitlePhrase
) -> UnknownNameVerdict | None:
    """The verdict on a title given to a name the glossary does not know: said only where
    the title names one office, of one holder at a time, whose holders are complete on
    the date, and only of a name written as that office's country writes names (so that
    "Prime Minister Keir Starmer" is not taken for Japan's prime minister)."""
    when = title.dated or Period.day(story_date)
    if title.past is not None or title.description or when is UNDATED:
        return None
    if title.country is None and _universal_title(title):
        return None  # "Prime Minister Hun Sen": whose prime minister, the title does not say
    others = other_holders(glossary, title, when, None) or _holders_of_the_family(
        glossary, title, when, name
    )
    if len(others) != 1 or not _named_as_in(others[0].person, name.surface):
        return None
    holder = others[0]
    return UnknownNameVerdict(name, title, holder.person, when, holder.tenure.status != "confirmed")


# Words of the titles every country has ("President", "Prime Minister", "Foreign Minister",
# "Ambassador"): given to a name the glossary does not know, such a title says whose office
# it is only with a country ("Japanese Prime Minister Taro Yamada").
_UNIVERSAL_TITLE_WORDS = frozenset(
    {
        "president",
        "vice",
        "prime",
        "premier",
        "minister",
        "foreign",
        "defense",
        "deputy",
        "ambassador",
        "spokesperson",
        "secretary",
        "state",
        "general",
        "chancellor",
        "chief",
    }
)


def _universal_title(title: TitlePhrase) -> bool:
    """The title is made only of words every country's titles use ("Prime Minister")."""
    words = [
        part
        for word in title_words(title.text)
        for part in word.split("-")
        if part not in CONNECTORS
    ]
    return bool(words) and all(word in _UNIVERSAL_TITLE_WORDS for word in words)


def _holders_of_the_family(
    glossary: Glossary, title: TitlePhrase, when: Period, name: UnknownName
) -> list[Holding]:
    """Of an office of several holders at a time whose holders are complete over the
    period, those who held it throughout and bear the name's family name: "Vice Premier
    Wang Jianguo" in 2015 can only be Wang Yang with a wrong given name."""
    if len(title.offices) != 1:
        return []
    office = title.offices[0]
    words = name.surface.split()
    if office.holders == "single" or len(words) != 2 or not _covers(office, when):
        return []
    return [
        h
        for h in glossary.holdings.get(office.id, ())
        if h.person.family in (words[0], words[-1])
        and h.person.en != name.surface
        and _certain_throughout(h.tenure, when, glossary.known_until(h.person))
    ]


def _named_as_in(holder: Entry, surface: str) -> bool:
    """Every word of the name could be a name of the holder's origin (Japanese names
    for Japan's offices, pinyin for China's)."""
    origin = holder.name_origin
    return origin in ("japanese", "chinese") and all(
        plausible_given_name(word, origin) for word in surface.split()
    )


def other_holders(
    glossary: Glossary, title: TitlePhrase, when: Period, person: Entry | None
) -> list[Holding]:
    """Who else held the title's office for certain throughout the period, where the
    title names one office with a single holder: a known fact that rules the person
    out. For a person the glossary does not know (`person` None) the office's holders
    must also be complete over the period."""
    if len(title.offices) > 1:
        return _holders_of_all(glossary, title, when, person) if person else []
    if not title.offices:
        return []
    office = title.offices[0]
    if office.holders != "single" or (person is None and not _covers(office, when)):
        return []
    return [
        h
        for h in glossary.holdings.get(office.id, ())
        if (person is None or h.person.id != person.id)
        and _certain_throughout(h.tenure, when, glossary.known_until(h.person))
    ]


def _word_parts(text: str) -> set[str]:
    """A title's words, hyphened words taken apart ("vice-minister" → vice, minister)."""
    return {part for word in title_words(text) for part in word.split("-") if part}


def _holders_of_all(
    glossary: Glossary, title: TitlePhrase, when: Period, person: Entry
) -> list[Holding]:
    """For a title of several offices ("State Councilor and Foreign Minister"): the one
    other person who held its single-holder offices for certain throughout the period and
    may have held the others."""
    singles = [o for o in title.offices if o.holders == "single"]
    found: dict[str, Holding] = {}
    for office in singles:
        held = [
            h
            for h in glossary.holdings.get(office.id, ())
            if h.person.id != person.id
            and _certain_throughout(h.tenure, when, glossary.known_until(h.person))
        ]
        if len(held) != 1:
            return []
        found.setdefault(held[0].person.id, held[0])
    if len(found) != 1:
        return []
    (holding,) = found.values()
    others = {o.id for o in title.offices} - {o.id for o in singles}
    possibly = {t.office for t in holding.person.tenures if _possibly_within(t, when)}
    return [holding] if others <= possibly else []


def _complete(glossary: Glossary, person: Entry, title: TitlePhrase, when: Period) -> bool:
    """The glossary knows completely whether the person held the title's office over the
    period: the person's posts, or every named office's holders, are listed in full."""
    return _covers(person, when) or all(_covers(o, when) for o in title.offices)


# The age from which a person's posts must be listed for "never held" to be said of any
# time before a date.
_AGE_OF_OFFICE = 20


def _covers_adult_life(person: Entry, when: Period) -> bool:
    """The glossary lists the person's posts from the year they turned twenty up to the
    period (which needs their birth date)."""
    if person.born is None or not _covers(person, when):
        return False
    assert person.coverage is not None
    of_age = person.born.latest
    of_age = of_age.replace(year=of_age.year + _AGE_OF_OFFICE, day=min(of_age.day, 28))
    return person.coverage.start.earliest <= of_age


def _covers(entry: Entry, when: Period) -> bool:
    return entry.coverage is not None and (
        entry.coverage.covers(when.first) and entry.coverage.covers(when.last)
    )


def _certain_throughout(tenure: Tenure, when: Period, known_until: dt.date | None) -> bool:
    if not tenure.certainly_held(when.first, known_until):
        return False
    return when.first == when.last or tenure.certainly_held(when.last, known_until)


def _possibly_within(tenure: Tenure, when: Period) -> bool:
    if tenure.start is not None and tenure.start.earliest > when.last:
        return False
    return tenure.end is None or tenure.end.latest >= when.first


def _held_throughout(glossary: Glossary, person: Entry, when: Period) -> list[Tenure]:
    known_until = glossary.known_until(person)
    return [t for t in person.tenures if _certain_throughout(t, when, known_until)]


def _tenures_of(person: Entry, title: TitlePhrase) -> list[Tenure]:
    office_ids = {o.id for o in title.offices}
    return [t for t in person.tenures if t.office in office_ids]


def knowledge_note(glossary: Glossary, story_date: dt.date) -> str | None:
    """The one line a report gives for a story dated after the glossary's knowledge
    date (None when it is not): open tenures are held only up to that date, so titles
    after it are not checked against what changed since."""
    known = glossary.knowledge_date
    if known is None or story_date <= known:
        return None
    return (
        f"the story is dated {story_date.isoformat()}, after the glossary's knowledge date "
        f"({known.isoformat()}): titles after {known.isoformat()} are not checked against "
        "later changes"
    )
