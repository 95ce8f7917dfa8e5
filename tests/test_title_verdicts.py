"""The title verdicts other rules read: which mention a title says is the wrong person."""

from __future__ import annotations

import datetime as dt

from checker.analysis import DocumentAnalysis
from checker.readers import reader_for
from checker.source import decode
from checker.titles.verdicts import Verdict
from tests.conftest import MINI_GLOSSARY, make_checker


def analyse(text: str, date: str = "2025-11-19", bundled: bool = False) -> DocumentAnalysis:
    checker = make_checker(date=date, glossary=None if bundled else MINI_GLOSSARY)
    document = reader_for("story.txt")(decode(text.encode("utf-8"), "story.txt"))
    return DocumentAnalysis(document, checker.index, checker.style, dt.date.fromisoformat(date))


def test_a_title_held_by_one_other_person_names_the_wrong_person() -> None:
    text = "Liu jianchao, Director-General of the Department of Asian Affairs, met Kanai."
    (verdict,) = analyse(text).verdicts
    assert verdict.verdict is Verdict.OTHER_HOLDER
    assert verdict.names_wrong_person
    assert verdict.holder is not None and verdict.holder.id == "liu-jinsong"
    assert (verdict.mention.start, verdict.mention.end) == (0, 12)


def test_a_title_that_is_the_persons_own_names_no_wrong_person() -> None:
    text = "Liu Jinsong, director-general of the Department of Asian Affairs, met Kanai."
    (verdict,) = analyse(text).verdicts
    assert verdict.verdict is Verdict.HELD
    assert not verdict.names_wrong_person and verdict.holder is None


def test_a_stale_title_names_no_wrong_person() -> None:
    (verdict,) = analyse("Defense Minister Minoru Kihara spoke.").verdicts
    assert verdict.verdict is Verdict.STALE
    assert not verdict.names_wrong_person


def test_a_title_with_words_of_another_body_names_none_of_the_glossarys_offices() -> None:
    text = (
        "Chinese Foreign Ministry spokesperson Li Qiang said. "
        "Presidential Office Spokesperson Li Qiang said."
    )
    judged = analyse(text, date="2024-04-05", bundled=True).verdicts
    assert [(v.title.text, v.verdict) for v in judged] == [
        ("Chinese Foreign Ministry spokesperson", Verdict.NOT_HELD),
        ("Office Spokesperson", Verdict.UNKNOWN),  # "Presidential" is no title word
    ]


def test_new_inside_a_title_leaves_the_office_it_names() -> None:
    text = "The LDP's new secretary-general, Hiroshi Moriyama, said the party would regroup."
    judged = analyse(text, date="2024-10-02", bundled=True).verdicts
    assert [(v.title.text, v.verdict, [o.id for o in v.title.offices]) for v in judged] == [
        ("LDP's new secretary-general", Verdict.HELD, ["ldp-secretary-general"])
    ]
