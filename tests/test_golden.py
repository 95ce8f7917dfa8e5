"""The seed story, the corrected story and clean professional copy, with the bundled
glossary and style profiles: every finding at its exact place, and nothing else."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

from checker.engine import Checker
from checker.glossary.loader import load_glossaries
from checker.style import load_style
from tests.conftest import REPO, described

SEED = REPO / "samples" / "kanai-liu-meeting.txt"
CORRECTED = REPO / "samples" / "kanai-liu-meeting.corrected.txt"

SEED_FINDINGS = [
    "1:140 TM001 chinese",
    "1:244 ST003 November 18th",
    "1:277 NM002 Kanai Hiroshi",
    "1:277 TM002 Kanai Hiroshi",
    "1:292 TT001 Japan’s Deputy Foreign Minister",
    "1:329 TM001 Liu jianchao",
    "1:343 TT002 Director-General of the Department of Asian Affairs of the Chinese Foreign "
    "Ministry",
    "3:64 ST003 November 19th",
    "3:364 ST002 dialog",
    "4:1 MC001 the meeting",
    "4:60 TT004 Japanese Minister",
    "4:174 TM001 taiwan",
    "4:271 ST003 November 18th",
    "5:88 MC002 anticipated.Planned",
    "6:23 TM001 japan",
    "6:246 ST004 the Komeito party",
    "6:312 TM001 foreign Ministry",
]


@cache
def checker(style: str | None = None, date: str = "2025-11-19") -> Checker:
    return Checker(load_glossaries(), load_style(style), date=dt.date.fromisoformat(date))


def test_seed_story_every_error_at_its_place() -> None:
    result = checker().check_path(SEED)
    assert described(result) == SEED_FINDINGS


def test_seed_story_suggestions() -> None:
    result = checker().check_path(SEED)
    fixes = {
        (f.code, result.source.text[f.span.start : f.span.end]): f.replacement
        for f in result.findings
    }
    assert fixes[("TM002", "Kanai Hiroshi")] == "Masaaki Kanai"
    assert fixes[("TM001", "Liu jianchao")] == "Liu Jianchao"
    assert fixes[("TT004", "Japanese Minister")] == "Prime Minister"
    assert fixes[("ST003", "November 18th")] == "Nov. 18"
    assert fixes[("MC002", "anticipated.Planned")] == "anticipated. Planned"
    assert fixes[("ST004", "the Komeito party")] == "Komeito"
    tt002 = next(f for f in result.findings if f.code == "TT002")
    assert "was held by Liu Jinsong on 2025-11-19, not by Liu Jianchao" in tt002.message
    assert {r.entry for r in tt002.related} >= {"liu-jianchao", "liu-jinsong"}


def test_family_first_profile_switches_the_order_finding() -> None:
    result = checker("family-first").check_path(SEED)
    assert [d for d in described(result) if " NM002 " in d] == [
        "3:25 NM002 Minoru Kihara",
        "4:78 NM002 Sanae Takaichi",
    ]
    kanai = next(f for f in result.findings if f.code == "TM002")
    assert kanai.replacement == "Kanai Masaaki"


def test_corrected_story_is_clean() -> None:
    assert described(checker().check_path(CORRECTED)) == []


CLEAN_COPY = [
    # Asahi (EN), 19 Nov 2025, as quoted in the facts file.
    "The Nov. 18 talks in Beijing between Masaaki Kanai, director-general of the Japanese "
    "Foreign Ministry's Asian and Oceanian Affairs Bureau, and Liu Jinsong, director-general "
    "of the Department of Asian Affairs of the Chinese Foreign Ministry, ended without progress.",
    # Jiji Press via nippon.com, 19 Nov 2025.
    "The meeting was held at the Chinese Foreign Ministry between Masaaki Kanai and Liu Jinsong.",
    # China Daily HK, 18 Nov 2025.
    "Consultations were held between Liu Jinsong, director-general of the Foreign Ministry's "
    "Department of Asian Affairs, and Masaaki Kanai, director-general of the Asian and Oceanian "
    "Affairs Bureau of Japan's Ministry of Foreign Affairs.",
    # Asahi (EN), Kihara's news conference.
    '"We have raised the issue with the Chinese side regarding the press arrangements that were '
    'made without coordination with the Japanese side," Chief Cabinet Secretary Minoru Kihara '
    "said at his news conference on Nov. 19.",
    # Yomiuri, 21 Oct 2025 (dated that day).
    "Takaichi, 64, was named the new prime minister Tuesday afternoon.",
    # People's Daily / Xinhua, 21 Nov 2025.
    "Chinese Premier Li Qiang arrived here Thursday to attend the 20th Group of 20 (G20) Summit.",
    # Jiji, 23 Nov 2025.
    "Takaichi failed to have contact with Chinese Premier Li Qiang during the two-day Group of 20 "
    "summit.",
]


@pytest.mark.parametrize("text", CLEAN_COPY)
def test_professional_copy_is_clean(text: str) -> None:
    result = checker(date="2025-11-21").check_text(text)
    assert described(result) == []


# Someone else of a known family name, and an ordinary word that opens a sentence before a
# family name: neither says anything about the known person (held-out real copy).
OTHER_PEOPLE = [
    # Pacific Forum, September 2012: Tsuyoshi Saito, not Tetsuo Saito of Komeito (the
    # glossary knows both, so the family-first order gets only the house-style name order).
    ("2012-09-01", "Deputy Chief Cabinet Secretary Saito Tsuyoshi told reporters on Monday."),
    ("2012-09-01", "Deputy Chief Cabinet Secretary Tsuyoshi Saito told reporters on Monday."),
    # Taipei Times, 18 May 2025.
    (
        "2025-05-18",
        "Interviewing Lai, Taiwan’s pro-Japan president, could help to build a consensus.",
    ),
]


@pytest.mark.parametrize(("date", "text"), OTHER_PEOPLE)
def test_other_people_and_ordinary_words_are_not_the_known_person(date: str, text: str) -> None:
    found = described(checker(date=date).check_text(text))
    house_style = ("ST", "NM002")  # house spellings and the profile's Japanese name order
    assert [d for d in found if not d.split(" ")[1].startswith(house_style)] == []
