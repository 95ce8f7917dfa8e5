"""The near-miss index of names: the same answers as comparing the word with every name,
without doing so."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.glossary.model import Entry, Kind
from checker.match.near import (
    NameParts,
    fold_name,
    name_slips,
    person_names,
    romanization_key,
    slip_distance,
    slips_filed,
)


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance, the whole table (the reference)."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(
                d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


WORDS = st.text(alphabet="aiknost", max_size=10)


@settings(max_examples=300, deadline=None)
@given(WORDS, WORDS, st.integers(min_value=0, max_value=2))
def test_slip_distance_is_the_capped_alignment_distance(a: str, b: str, limit: int) -> None:
    assert slip_distance(a, b, limit) == min(_osa(a, b), limit + 1)


def _person(i: int, given: str, family: str, origin: str) -> Entry:
    return Entry(
        id=f"p{i}",
        kind=Kind.PERSON,
        en=f"{given} {family}",
        forms=(),
        family=family,
        given=given,
        name_origin=origin,
    )


PEOPLE = (
    _person(0, "Fumio", "Kishida", "japanese"),
    _person(1, "Sanae", "Takaichi", "japanese"),
    _person(2, "Yoshimasa", "Hayashi", "japanese"),
    _person(3, "Toshimitsu", "Motegi", "japanese"),
    _person(4, "Jinping", "Xi", "chinese"),
    _person(5, "Jinsong", "Liu", "chinese"),
    _person(6, "Tetsuo", "Saito", "japanese"),
    _person(7, "Joseph", "Wu", "western"),
    _person(8, "Fenghe", "Wei", "chinese"),
    _person(9, "Lifeng", "He", "chinese"),
)
PARTS = NameParts(person_names(PEOPLE))
KNOWN = {
    fold_name(text): person.name_origin
    for person in PEOPLE
    for text in (person.family or "", person.given or "")
}


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(KNOWN)), st.data())
def test_the_index_finds_what_comparing_with_every_name_finds(
    known: str, data: st.DataObject
) -> None:
    edits = data.draw(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 20)), max_size=2))
    word = list(known)
    for kind, at in edits:
        at = at % (len(word) + 1)
        if kind == 0 and at < len(word):
            del word[at]
        elif kind == 1:
            word.insert(at, "a")
        elif kind == 2 and at < len(word):
            word[at] = "z"
        elif kind == 3 and at + 1 < len(word):
            word[at], word[at + 1] = word[at + 1], word[at]
    written = "".join(word).title()
    seen = fold_name(written)
    expected = {
        name
        for name, origin in KNOWN.items()
        if seen not in KNOWN
        and (
            (slips_filed(name, origin) > 0 and name_slips(seen, name, origin) is not None)
            or romanization_key(seen, origin) == romanization_key(name, origin)
        )
    }
    assert {near.part.text for near in PARTS.near(written)} == expected


def test_issue_examples_and_romanizations() -> None:
    def parts(word: str) -> list[tuple[str, str, int]]:
        return [(n.part.text, n.part.part, n.slips) for n in PARTS.near(word)]

    assert parts("Kisida") == [("kishida", "family", 1)]
    assert parts("Takachi") == [("takaichi", "family", 1)]
    assert parts("Yoshmasa") == [("yoshimasa", "given", 1)]
    assert parts("Motegii") == [("motegi", "family", 0)]  # a long vowel doubled
    assert parts("Motegy") == [("motegi", "family", 1)]
    assert parts("Hsi") == [("xi", "family", 0)]  # Wade-Giles
    assert parts("Saitou") == [("saito", "family", 0)]  # a Hepburn long vowel written out
    assert parts("Kishida") == [] and parts("Liu") == [] and parts("Lin") == []
    # Short names: one slip only where it leaves no name of the kind.
    assert parts("Fegnhe") == [("fenghe", "given", 1)]  # no pinyin of two syllables
    assert parts("Fenghu") == [] and parts("Fengha") == []  # pinyin: another given name
    assert parts("The") == [] and parts("Lie") == []  # one letter from "He", "Li": words
    assert parts("Jseph") == [("joseph", "given", 1)]  # no English word or name
    assert parts("Jospeh") == [("joseph", "given", 1)]  # a typing slip English sees rarely
    assert parts("Josephs") == []  # a name of its own (and a common one)
    assert romanization_key("Teng", "chinese") == romanization_key("Deng", "chinese")
    assert romanization_key("Tse-tung", "chinese") == romanization_key("Zedong", "chinese")


def test_a_hyphen_moved_doubled_or_added_is_a_slip_and_one_left_out_a_spelling() -> None:
    parts = NameParts(person_names([_person(0, "Ching-te", "Lai", "chinese")]))

    def near(word: str) -> list[tuple[str, int]]:
        return [(n.part.text, n.slips) for n in parts.near(word)]

    assert near("Chingt-e") == [("ching-te", 1)]
    assert near("Ching--te") == [("ching-te", 1)]
    assert near("Chi-ngte") == [("ching-te", 1)]
    assert near("Ching-te") == [] and near("Chingte") == []
    assert near("Chnig-te") == [("ching-te", 1)]  # letters swapped, the hyphen in place
    assert parts.is_known("Ching-te") and not parts.is_known("Chingte")
