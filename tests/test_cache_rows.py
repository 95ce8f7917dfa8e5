"""Glossary entries as plain-data rows: every field comes back as it was, and a row that is
not one of an entry is refused (never anything but the model's classes built)."""

from __future__ import annotations

import datetime as dt

import pytest

from checker import plain_data
from checker.dates import PartialDate
from checker.glossary.load_yaml import load_yaml_glossary
from checker.glossary.model import Coverage, Entry, Event, Form, Kind, Role, Spec, Tenure
from tests.conftest import MINI_GLOSSARY

EVERY_FIELD = Entry(
    id="kanai-hiroshi",
    kind=Kind.PERSON,
    en="Hiroshi Kanai",
    forms=(
        Form("Hiroshi Kanai", Role.PREFERRED, line=3),
        Form("Kanai", Role.SHORT, "en", "unconfirmed", "a note", "https://a", None, 4, False),
        Form("金井正彰", Role.PREFERRED, "ja"),
        Form("Kanai-san", Role.DISCOURAGED, use="Kanai", line=5),
    ),
    path="/glossaries/\udcff-named.yaml",  # a file name that is not UTF-8
    line=3,
    family="Kanai",
    given="Hiroshi",
    name_origin="japanese",
    country="JP",
    case="title-or-lower",
    holders="multiple",
    organization="mofa",
    tenures=(
        Tenure("dg", PartialDate(2024, 7), None, "https://b", line=9),
        Tenure("dg2", None, PartialDate(2020), status="unconfirmed", end_unknown=True),
    ),
    born=PartialDate(1970, 1, 2),
    born_status="unconfirmed",
    events=(Event("2025-11", "met Liu", "https://c"), Event("", "plain")),
    ja_reading="かない",
    note="note",
    status="unconfirmed",
    sources=("https://d", "https://e"),
    specs=(Spec("Kanai said", ("TM001",), dt.date(2025, 11, 19), 12), Spec("x", ())),
    coverage=Coverage(
        PartialDate(2020), PartialDate(2025, 11), ((PartialDate(2021), PartialDate(2021, 6)),)
    ),
)


def test_an_entry_with_every_field_reads_back_equal() -> None:
    data = plain_data.dumps_row(EVERY_FIELD)
    assert data.isascii()
    back = plain_data.loads_row(Entry, data)
    assert back == EVERY_FIELD
    assert back.forms[1].formal is False and back.tenures[1].end_unknown is True
    assert type(back.forms) is tuple and type(back.coverage.vacant[0]) is tuple  # type: ignore[union-attr]


def test_every_entry_of_a_glossary_reads_back_equal() -> None:
    glossary = load_yaml_glossary(MINI_GLOSSARY)
    for entry in glossary.entries:
        assert plain_data.loads_row(Entry, plain_data.dumps_row(entry)) == entry


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (b'["x"]', r"a row of Entry is a list of 23 values"),
        (b'{"o": ["os.system", "ls"]}', r"a row of Entry is a list of 23 values"),
        (
            b"[" + b'"x","os.system",' + b"null," * 20 + b"null]",
            r"not a row of Entry: ValueError: 'os.system' is not a valid Kind",
        ),
        (b'["x","person","X","not forms"' + b",null" * 19 + b"]", r"expected a list"),
        (b"[1,2", r"not a row of Entry: JSONDecodeError"),
    ],
)
def test_a_row_that_is_not_an_entry_is_refused(row: bytes, problem: str) -> None:
    with pytest.raises(plain_data.PlainDataError, match=problem):
        plain_data.loads_row(Entry, row)


def test_rows_are_the_same_without_json_s_c_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = plain_data.dumps_row(EVERY_FIELD)
    monkeypatch.setattr(plain_data, "_encode_row", plain_data._ROW_ENCODER.iterencode)
    assert plain_data.dumps_row(EVERY_FIELD) == fast
    assert plain_data.loads_row(Entry, fast) == EVERY_FIELD
