"""Invariants over the shipped glossaries: every fact traceable, the known errors listed,
the unconfirmed facts marked, and the glossaries' own specs passing."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

from checker.glossary.loader import load_glossaries
from checker.glossary.model import Glossary, Kind, Role
from checker.glossary.validate import spec_runner, validate
from checker.style import available_styles, load_style


@cache
def bundled() -> Glossary:
    return load_glossaries()


def test_bundled_glossaries_validate_with_their_specs() -> None:
    problems = validate(bundled(), spec_runner())
    assert [str(p) for p in problems] == []


def test_every_entry_and_tenure_has_a_source_url() -> None:
    for entry in bundled().entries:
        assert entry.sources, entry.id
        assert all(s.startswith(("http://", "https://")) for s in entry.sources), entry.id
        for tenure in entry.tenures:
            assert tenure.source is None or tenure.source.startswith(("http", "seed")), entry.id


def test_specs_exist_for_the_people_of_the_seed_story() -> None:
    glossary = bundled()
    for entry_id in ("masaaki-kanai", "liu-jinsong", "minoru-kihara", "sanae-takaichi"):
        entry = glossary.get(entry_id)
        assert entry is not None and entry.specs, entry_id


@pytest.mark.parametrize(
    "name",
    [
        "Masaaki Kanai",
        "Liu Jinsong",
        "Liu Jianchao",
        "Minoru Kihara",
        "Sanae Takaichi",
        "Li Qiang",
        "Mao Ning",
        "Takehiro Funakoshi",
        "Hiroyuki Namazu",
        "Toshihiro Nikai",
        "Tetsuo Saito",
        "Katsuya Okada",
        "Liu Haixing",
        "Li Keqiang",
    ],
)
def test_people_of_the_facts_are_present(name: str) -> None:
    assert any(e.kind is Kind.PERSON and e.en == name for e in bundled().entries)


@pytest.mark.parametrize(
    "name",
    [
        "China",
        "Japan",
        "Taiwan",
        "Beijing",
        "Tokyo",
        "Johannesburg",
        "South Africa",
        "Komeito",
        "Global Times",
        "Yuyuan Tantian",
        "Japan Innovation Party",
        "Group of 20",
    ],
)
def test_places_and_bodies_are_present(name: str) -> None:
    assert any(e.en == name or name in [f.text for f in e.forms] for e in bundled().entries)


@pytest.mark.parametrize(
    ("entry_id", "wrong"),
    [
        ("masaaki-kanai", "Kanai Hiroshi"),
        ("masaaki-kanai", "Masaki Kanai"),
        ("masaaki-kanai", "Takashi Kanai"),
        ("masaaki-kanai", "金井正紀"),
        ("masaaki-kanai", "金井正明"),
        ("liu-jinsong", "Liu Jingsong"),
        ("liu-jinsong", "劉金松"),
        ("minoru-kihara", "Minou Kihara"),
    ],
)
def test_wrong_forms_seen_in_the_wild_are_forbidden(entry_id: str, wrong: str) -> None:
    entry = bundled().get(entry_id)
    assert entry is not None
    assert wrong in [f.text for f in entry.forms if f.role is Role.FORBIDDEN]


def test_conversions_the_facts_do_not_confirm_are_marked() -> None:
    tantian = bundled().get("yuyuan-tantian")
    assert tantian is not None
    hans = [f for f in tantian.forms if f.lang == "zh-Hans"]
    assert [(f.text, f.status) for f in hans] == [("玉渊谭天", "unconfirmed")]
    kanai = bundled().get("masaaki-kanai")
    assert kanai is not None and kanai.born_status == "unconfirmed"


def test_who_held_the_asian_affairs_post_on_the_day_of_the_talks() -> None:
    glossary = bundled()
    holders = glossary.holders_on("mfa-prc-asian-affairs-dg", dt.date(2025, 11, 18))
    assert [h.person.id for h in holders] == ["liu-jinsong"]
    kihara = glossary.get("minoru-kihara")
    assert kihara is not None
    held = {t.office for t in glossary.offices_held(kihara, dt.date(2025, 11, 19))}
    assert "chief-cabinet-secretary-japan" in held


def test_both_style_profiles_load() -> None:
    assert available_styles() == ["family-first", "news-agency"]
    assert load_style("family-first").japanese_name_order == "family-first"
    assert load_style("news-agency").japanese_name_order == "given-first"
