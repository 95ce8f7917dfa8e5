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


def test_a_holders_family_name_with_another_given_name_is_a_given_name_slip() -> None:
    """An office of several holders at a time, whose holders the glossary knows in full:
    a name of one holder's family with another given name is that holder's, misnamed; a
    family no holder bears is left alone."""
    text = "State Councilor Wei Jianguo spoke. State Councilor Zhou Jianguo spoke."
    (slip,) = analyse(text, date="2019-10-10", bundled=True).unknown_name_verdicts
    assert (slip.name.start, slip.name.end, slip.name.surface) == (16, 27, "Wei Jianguo")
    assert slip.holder.id == "wei-fenghe" and slip.given_name_slip


def test_a_family_name_several_people_bear_is_tied_by_the_title_of_one() -> None:
    """ "Chen" is borne by people of several origins: a pinyin given name beside it is
    still read as one, and the title ties it to the vice president of the day."""
    analysis = analyse("Vice President Chen Jianguo attended.", date="2016-10-10", bundled=True)
    (mention,) = [p for p in analysis.people if p.surface == "Chen Jianguo"]
    assert (mention.start, mention.end, mention.person.id) == (15, 27, "chen-chien-jen")
    assert mention.tie == "title"


def test_a_country_word_that_opens_a_bodys_name_is_no_country_qualifier() -> None:
    text = (
        "Taiwan Affairs Office spokesperson Chen Binhua said. "
        "Taiwan's Foreign Minister Lin Chia-lung said."
    )
    judged = analyse(text, date="2025-11-20", bundled=True).verdicts
    assert [(v.title.text, v.title.country, [o.id for o in v.title.offices]) for v in judged] == [
        ("Taiwan Affairs Office spokesperson", None, ["tao-spokesperson"]),
        ("Taiwan's Foreign Minister", "TW", ["foreign-minister-roc-taiwan"]),
    ]


def test_a_capitalized_word_of_no_title_glued_to_a_title_makes_it_another_bodys() -> None:
    text = (
        "On Thursday Presidential Office Spokesperson Li Qiang said. "
        "On Thursday Prime Minister Fumio Kishida spoke. "
        "Since Chinese President Xi Jinping enacted the law, more have been detained."
    )
    judged = analyse(text, date="2025-11-20", bundled=True).verdicts
    assert [(v.title.text, [o.id for o in v.title.offices], v.verdict) for v in judged] == [
        ("Office Spokesperson", [], Verdict.UNKNOWN),  # "Presidential" names another body
        ("Prime Minister", ["prime-minister-japan"], Verdict.STALE),  # a day names none
        ("Chinese President", ["president-prc"], Verdict.HELD),  # nor does "Since"
    ]


def test_the_taiwan_affairs_offices_spokespersons_are_known_from_2014() -> None:
    text = (
        "Taiwan Affairs Office spokesperson Mao Ning said. "
        "Taiwan Affairs Office spokesperson Chen Binhua said."
    )
    judged = analyse(text, date="2024-06-01", bundled=True).verdicts
    assert [(v.mention.surface, [o.id for o in v.title.offices], v.verdict) for v in judged] == [
        ("Mao Ning", ["tao-spokesperson"], Verdict.NOT_HELD),
        ("Chen Binhua", ["tao-spokesperson"], Verdict.HELD),
    ]
