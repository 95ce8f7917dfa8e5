"""Glossaries that would crash the process, blow the stack or drop data silently: each is
one line naming the file and the line, exit code 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from checker.errors import GlossaryError
from checker.glossary.load_yaml import glossary_from_yaml
from tests.hostile.conftest import STORY, run

ENTRY = "- id: a\n  kind: term\n  en: Alpha\n  sources: [https://example.org/a]\n"
CASES = {
    "duplicate-top-key": (
        f"entries:\n{ENTRY}entries:\n- id: b\n  kind: term\n  en: Beta\n",
        "g.yaml:6:1: invalid YAML: duplicate key 'entries' (first on line 1)",
    ),
    "duplicate-entry-key": (
        "entries:\n- id: a\n  kind: term\n  en: Alpha\n  en: Beta\n",
        "g.yaml:5:3: invalid YAML: duplicate key 'en' (first on line 4)",
    ),
    "impossible-date": (
        f"entries:\n{ENTRY}  born: 2025-13-45\n",
        "g.yaml:6:9: invalid YAML: '2025-13-45' is not a date: month must be in 1..12",
    ),
    "impossible-day": (
        "entries:\n- id: a\n  kind: person\n  en: Alpha\n  born: '2025-02-30'\n",
        "g.yaml:2: entry 'a': born: '2025-02-30': February 2025 has no day 30",
    ),
    "deep-flow": (
        "entries: " + "[" * 1000 + "]" * 1000 + "\n",
        "g.yaml:1:41: invalid YAML: nested more than 32 levels deep",
    ),
    "deep-block": (
        "entries:\n" + "".join(" " * i + "- k:\n" for i in range(0, 2000, 2)),
        "g.yaml:17:33: invalid YAML: nested more than 32 levels deep",
    ),
    "huge-number": (
        f"entries:\n{ENTRY}  note: {'9' * 5000}\n",
        "g.yaml:6:9: invalid YAML: number too large (5,000 digits)",
    ),
    "long-form": (
        f"entries:\n- id: a\n  kind: term\n  en: {'x' * 700_000}\n",
        "g.yaml:2: entry 'a': a 'en' form of 700,000 characters is longer than 500",
    ),
    "long-forbidden": (
        f"entries:\n{ENTRY}  forbidden:\n  - form: {'y' * 501}\n",
        "g.yaml:7: entry 'a': a 'forbidden' form of 501 characters is longer than 500",
    ),
    "control-character": (
        f'entries:\n{ENTRY}  note: "a\x07b"\n',
        "g.yaml:6: invalid YAML: character U+0007 is not allowed in YAML",
    ),
    "tenure-not-a-mapping": (
        "entries:\n- id: a\n  kind: person\n  en: Alpha\n  tenures: [x]\n",
        "g.yaml:2: entry 'a': each tenure is a mapping with an 'office'",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_glossary_is_one_line_with_its_place(case: str) -> None:
    text, expected = CASES[case]
    with pytest.raises(GlossaryError) as caught:
        glossary_from_yaml(text, "g.yaml")
    assert str(caught.value) == expected


@pytest.mark.parametrize("case", ["long-form", "deep-flow", "huge-number"])
def test_check_with_a_bad_glossary_stops_with_one_line(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text(CASES[case][0], encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    code, out, err = run(capsys, "check", str(story), "-g", str(glossary), "--no-cache")
    assert code == 2 and out == ""
    assert err == f"termcheck: error: {tmp_path}/{CASES[case][1]}\n"


def test_a_long_form_cannot_crash_the_process(tmp_path: Path) -> None:
    """The process ends normally (not by a signal) whatever the form's length."""
    glossary = tmp_path / "g.yaml"
    glossary.write_text(CASES["long-form"][0], encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    command = [sys.executable, "-m", "checker", "check", str(story), "-g", str(glossary)]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 2, finished.stderr
    assert "longer than 500" in finished.stderr
