"""Declared coverage: what `glossary validate` checks of it, and how the model reads
open and unknown tenure dates against a file's knowledge date."""

from __future__ import annotations

import datetime as dt

from checker.glossary.load_yaml import glossary_from_yaml
from checker.glossary.model import Glossary
from checker.glossary.validate import validate
from checker.titles.verdicts import knowledge_note

SOURCE = 'source: "https://example.org/fixture"'


def glossary(office: str, *tenures: str, knowledge: str = "2025-11-30") -> Glossary:
    people = "\n".join(
        f"- {{id: p{i}, kind: person, family: F{'x' * i}, given: G, en: G F{'x' * i}, "
        f'tenures: [{{office: chief, {t}, {SOURCE}}}], sources: ["https://example.org/p"]}}'
        for i, t in enumerate(tenures)
    )
    return glossary_from_yaml(
        f'glossary: t\nversion: "1"\nknowledge-date: "{knowledge}"\nentries:\n'
        f"- {{id: chief, kind: office, en: Chief, {office}, "
        f'sources: ["https://example.org/o"]}}\n{people}\n',
        "t.yaml",
    )


def problems(g: Glossary) -> list[str]:
    return [p.message for p in validate(g)]


def test_complete_office_without_gaps_passes() -> None:
    g = glossary(
        'coverage: {from: "2020-01-01", to: "2025-11-30"}',
        'from: "2019-05", to: "2022-03-10"',
        'from: "2022-03-10", to: null',
    )
    assert problems(g) == []


def test_gap_inside_coverage() -> None:
    g = glossary(
        'coverage: {from: "2020-01-01", to: "2025-11-30"}',
        'from: "2019-05", to: "2022-03-10"',
        'from: "2022-04-01", to: null',
    )
    assert problems(g) == [
        "no holder of 'chief' from 2022-03-11 to 2022-03-31, inside its coverage "
        "(2020-01-01 to 2025-11-30)"
    ]


def test_gap_at_the_start_and_end_of_coverage() -> None:
    g = glossary(
        'coverage: {from: "2020-01-01", to: "2025-11-30"}',
        'from: "2021-01-01", to: "2025-06-30"',
    )
    assert problems(g) == [
        "no holder of 'chief' from 2020-01-01 to 2020-12-31, inside its coverage "
        "(2020-01-01 to 2025-11-30)",
        "no holder of 'chief' from 2025-07-01 to the end of its coverage (2025-11-30)",
    ]


def test_overlap_is_reported() -> None:
    g = glossary(
        'coverage: {from: "2020-01-01", to: "2025-11-30"}',
        'from: "2019-05", to: "2022-06-01"',
        'from: "2022-03-10", to: null',
    )
    assert any("overlaps" in p for p in problems(g))


def test_unknown_start_inside_coverage() -> None:
    g = glossary(
        'coverage: {from: "2020-01-01", to: "2025-11-30"}',
        'from: "2019-05", to: "2022-03-10"',
        'from: null, to: "2025-01-01"',
    )
    assert problems(g) == [
        "tenure of 'chief' (? to 2025-01-01) has an unknown start inside the office's "
        "coverage (2020-01-01 to 2025-11-30)"
    ]


def test_unknown_start_before_coverage_is_fine() -> None:
    g = glossary(
        'coverage: {from: "2020-01-01", to: "2025-11-30"}',
        'from: null, to: "2019-12-31"',
        'from: "2020-01-01", to: null',
    )
    assert problems(g) == []


def test_coverage_beyond_the_knowledge_date() -> None:
    g = glossary(
        'coverage: {from: "2020-01-01", to: "2026-06-30"}',
        'from: "2019-05", to: null',
    )
    assert problems(g)[0] == (
        "coverage runs to 2026-06-30, after the file's knowledge date (2025-11-30)"
    )


def test_open_tenure_is_held_up_to_the_knowledge_date_only() -> None:
    g = glossary("holders: single", 'from: "2022-03-10", to: null')
    person = g.get("p0")
    assert person is not None
    assert [h.person.id for h in g.holders_on("chief", dt.date(2025, 11, 30))] == ["p0"]
    assert g.holders_on("chief", dt.date(2025, 12, 1)) == []
    assert g.holders_on("chief", dt.date(2025, 12, 1), certain=False) != []
    assert g.knowledge_date == dt.date(2025, 11, 30)


def test_unknown_end_is_never_held_for_certain() -> None:
    g = glossary("holders: single", 'from: "2022-03-10", to: unknown')
    assert g.holders_on("chief", dt.date(2022, 6, 1)) == []
    assert g.holders_on("chief", dt.date(2022, 6, 1), certain=False) != []
    assert g.holders_on("chief", dt.date(2022, 3, 1), certain=False) == []


def test_knowledge_dates_follow_their_files_when_merged() -> None:
    a = glossary("holders: single", 'from: "2022-03-10", to: null', knowledge="2024-01-31")
    b = glossary_from_yaml(
        'glossary: u\nversion: "1"\nknowledge-date: "2025-11-30"\nentries: []\n', "u.yaml"
    )
    merged = Glossary.merge([a, b])
    assert merged.knowledge_date == dt.date(2024, 1, 31)
    assert merged.holders_on("chief", dt.date(2024, 6, 1)) == []


def test_knowledge_note_only_after_the_knowledge_date() -> None:
    g = glossary("holders: single", 'from: "2022-03-10", to: null')
    assert knowledge_note(g, dt.date(2025, 11, 30)) is None
    assert knowledge_note(g, dt.date(2026, 1, 5)) == (
        "the story is dated 2026-01-05, after the glossary's knowledge date (2025-11-30): "
        "titles after 2025-11-30 are not checked against later changes"
    )
    assert knowledge_note(Glossary(entries=()), dt.date(2026, 1, 5)) is None
