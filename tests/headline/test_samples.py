"""The sample pairs in samples/headlines/: every good translation gives no finding, every
wrong one is caught at its exact span, in every file format."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.bundled import bundled_glossaries
from checker.glossary.loader import load_glossaries
from checker.headline.check import HeadlineChecker
from checker.headline.pair_files import read_pair_file
from checker.headline.pairs import HeadlinePair
from checker.style import DEFAULT_STYLE, available_styles, load_style
from tests.headline.conftest import DATE, SAMPLES, STYLE, Described, described

SAMPLE_FILES = sorted(
    p for p in SAMPLES.iterdir() if p.suffix in (".tsv", ".jsonl", ".xlf", ".tmx")
)

# Every finding of each wrong pair with the fixture glossary; the first is the catch the
# pair was written for.
WRONG: dict[str, list[Described]] = {
    "yuyuan-dropped-term": [("HL001", "source", 0, 2, "日本")],
    "yuyuan-leftover-cjk": [("HL007", "translation", 29, 31, "中方")],
    "yuyuan-far-from-reference": [
        ("HL008", "translation", 0, 40, "Japanese stocks slide as the yen weakens")
    ],
    "yuyuan-term-dropped": [("HL001", "source", 4, 6, "低头")],
    "mfa-swapped-person": [
        ("HL004", "translation", 0, 12, "Liu Jianchao"),
        (
            "TT002",
            "translation",
            14,
            97,
            "director-general of the Department of Asian Affairs of the Chinese Foreign Ministry",
        ),
    ],
    "mfa-wrong-title": [
        ("HL004", "translation", 167, 190, "deputy foreign minister"),
        ("HL001", "source", 20, 25, "日本外务省"),
        ("TT001", "translation", 159, 190, "Japan's deputy foreign minister"),
    ],
    "mfa-changed-number": [("HL006", "translation", 136, 138, "19")],
    "mfa-dropped-term": [("HL001", "source", 17, 19, "北京")],
    "mfa-forbidden-name": [("HL003", "translation", 144, 156, "Masaki Kanai")],
    "komeito-changed-number": [("HL006", "translation", 36, 38, "25")],
}


def _cases() -> list[object]:
    cases = []
    for path in SAMPLE_FILES:
        for item in read_pair_file(path).pairs:
            cases.append(pytest.param(item, id=f"{path.name}-{item.id}"))
    return cases


@pytest.mark.parametrize("sample", _cases())
def test_sample_pair(checker: HeadlineChecker, sample: HeadlinePair) -> None:
    result = checker.check_pair(sample)
    expected = WRONG.get(sample.id, [])
    assert sorted(described(result)) == sorted(expected)
    if not sample.id.endswith("-good"):
        assert sample.id in WRONG


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_each_sample_file_has_good_and_wrong_pairs(path: Path) -> None:
    ids = [p.id for p in read_pair_file(path).pairs]
    assert any(i.endswith("-good") for i in ids)
    assert any(i in WRONG for i in ids)


def test_the_wrong_kinds_the_issue_names_are_all_sampled() -> None:
    ids = {p.id for path in SAMPLE_FILES for p in read_pair_file(path).pairs}
    for kind in ("swapped-person", "wrong-title", "dropped-term", "changed-number", "leftover-cjk"):
        assert any(kind in i for i in ids), kind


def test_samples_state_and_references_are_read() -> None:
    xliff = {p.id: p for p in read_pair_file(SAMPLES / "kanai-liu.xliff12.xlf").pairs}
    assert xliff["mfa-changed-number"].state == "needs-review-translation"
    assert xliff["kyodo-ja-good"].source_lang == "ja"
    tmx = {p.id: p for p in read_pair_file(SAMPLES / "kanai-liu.tmx").pairs}
    assert tmx["yuyuan-hant-good"].references == (
        "Japanese official listens to the Chinese side with head lowered",
    )
    assert tmx["yuyuan-hant-good"].source_lang == "zh-Hant"


@pytest.fixture(scope="module")
def bundled_checker() -> HeadlineChecker:
    style = load_style(None) if DEFAULT_STYLE in available_styles() else load_style(str(STYLE))
    return HeadlineChecker(load_glossaries(None), style, date=DATE)


@pytest.mark.skipif(not bundled_glossaries(), reason="the bundled glossary is not there yet")
@pytest.mark.parametrize("sample", _cases())
def test_sample_pair_with_the_bundled_glossary(
    bundled_checker: HeadlineChecker, sample: HeadlinePair
) -> None:
    found = described(bundled_checker.check_pair(sample))
    if sample.id.endswith("-good"):
        assert found == []
    else:
        assert WRONG[sample.id][0] in found
