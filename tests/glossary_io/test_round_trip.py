"""YAML → TBX → YAML keeps every fact; YAML → YAML is the identity on the model."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from checker.bundled import bundled_glossaries
from checker.glossary.export_tbx import export_tbx
from checker.glossary.export_yaml import glossary_yaml
from checker.glossary.load_tbx import glossary_from_tbx
from checker.glossary.load_yaml import glossary_from_yaml, load_yaml_glossary
from checker.glossary.model import Entry, Glossary

RICH = """
glossary: rich
version: "2025-11-30"
entries:
  - id: masaaki-kanai
    kind: person
    name-origin: japanese
    family: Kanai
    given: Masaaki
    en: Masaaki Kanai
    accepted: [Kanai Masaaki]
    short: [Kanai]
    ambiguous: [{form: Director-General Kanai, note: two bureaus, status: unconfirmed}]
    forbidden:
      - {form: Kanai Hiroshi, note: wrong given name, source: "https://example.org/a"}
      - Masaki Kanai
    zh-Hans: [金井正彰, {form: 金井正昭, status: unconfirmed, note: script conversion only}]
    zh-Hant: [金井正彰]
    ja: [金井正彰]
    ja-reading: かないまさあき
    forbidden-cjk: [金井正紀, {form: かない, note: kana only}]
    born: {value: "1968-10", status: unconfirmed}
    tenures:
      - {office: dg-asia, from: "2025-01", to: null, source: "https://example.org/t",
         note: appointed}
      - {office: dg-asia, from: "2019", to: "2020-03-31", status: unconfirmed}
    note: Led the delegation.
    status: unconfirmed
    sources: ["https://example.org/kanai", "https://example.org/kanai-2"]
    specs:
      - {text: "Masaki Kanai met Liu.", date: "2025-11-18", expect: [TM002]}
      - {text: "Masaaki Kanai met Liu.", expect: []}
  - id: dg-asia
    kind: office
    country: JP
    en: Director-General of the Asian and Oceanian Affairs Bureau
    before-name: [Director-General]
    after-name: ["director-general of the Asian and Oceanian Affairs Bureau"]
    holders: multiple
    organization: mofa
    sources: ["https://example.org/o"]
  - id: mofa
    kind: organization
    country: JP
    en: Ministry of Foreign Affairs of Japan
    accepted: [Japanese Foreign Ministry]
    case: title-or-lower
    discouraged: [{form: MOFA Japan, use: Japanese Foreign Ministry, note: jargon}]
    events:
      - {date: "2025-11-18", text: "Talks in Beijing", source: "https://example.org/e"}
      - Statement without a date
    sources: ["https://example.org/m"]
  - id: japan
    kind: place
    country: JP
    en: Japan
    adjective: [Japanese]
    sources: ["https://example.org/j"]
  - id: dialogue
    kind: term
    en: dialogue
    case: title-or-lower
    sources: ["https://example.org/d"]
"""


def normalized(glossary: Glossary) -> tuple[list[Entry], tuple[str, ...], tuple[str, ...]]:
    """The glossary without where each fact was written (file, line)."""
    entries = [
        dataclasses.replace(
            e,
            path="",
            line=None,
            forms=tuple(dataclasses.replace(f, line=None) for f in e.forms),
            tenures=tuple(dataclasses.replace(t, line=None) for t in e.tenures),
            specs=tuple(dataclasses.replace(s, line=None) for s in e.specs),
        )
        for e in glossary.entries
    ]
    return entries, glossary.names, glossary.versions


def through_tbx(glossary: Glossary, dialect: str, style: str) -> Glossary:
    tbx = glossary_from_tbx(export_tbx(glossary, dialect, style), "exported.tbx")
    return glossary_from_yaml(glossary_yaml(tbx), "reimported.yaml")


@pytest.mark.parametrize(
    ("dialect", "style"), [("tbx-basic", "dca"), ("tbx-basic", "dct"), ("tbx-v2", "dca")]
)
def test_rich_glossary_round_trip(dialect: str, style: str) -> None:
    original = glossary_from_yaml(RICH, "rich.yaml")
    assert normalized(through_tbx(original, dialect, style)) == normalized(original)


def test_yaml_writer_alone_keeps_every_fact() -> None:
    original = glossary_from_yaml(RICH, "rich.yaml")
    again = glossary_from_yaml(glossary_yaml(original), "again.yaml")
    assert normalized(again) == normalized(original)


def test_tbx_min_keeps_terms_status_and_sources() -> None:
    original = glossary_from_yaml(RICH, "rich.yaml")
    minimal = glossary_from_tbx(export_tbx(original, "tbx-min", "dca"), "min.tbx")
    kanai = minimal.by_id["masaaki-kanai"]
    assert kanai.en == "Masaaki Kanai"
    assert kanai.sources == ("https://example.org/kanai", "https://example.org/kanai-2")
    assert {f.text for f in kanai.forms if f.role.value == "forbidden"} >= {"Kanai Hiroshi"}
    assert kanai.tenures == ()


def test_exported_tbx_names_its_dialect_and_namespaces() -> None:
    original = glossary_from_yaml(RICH, "rich.yaml")
    dct = export_tbx(original, "tbx-basic", "dct").decode()
    assert '<tbx xmlns="urn:iso:std:iso:30042:ed-2"' in dct and 'style="dct"' in dct
    assert "<min:administrativeStatus>preferredTerm-admn-sts</min:administrativeStatus>" in dct
    dca = export_tbx(original, "tbx-basic", "dca").decode()
    assert '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>' in dca
    v2 = export_tbx(original, "tbx-v2", "dca").decode()
    assert v2.splitlines()[1].startswith('<martif type="TBX-Basic"')


BUNDLED = [p for p in bundled_glossaries() if p.name != "dev.yaml"]


@pytest.mark.skipif(not BUNDLED, reason="no bundled glossary yet")
@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_glossary_round_trip(path: Path) -> None:
    original = load_yaml_glossary(path)
    assert normalized(through_tbx(original, "tbx-basic", "dca")) == normalized(original)
