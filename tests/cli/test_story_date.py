"""The story's date: --date, else the document's own (a dateline without a year read
against the metadata date), else today; a date past the glossaries' knowledge date is
said once."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from checker.dates import date_by_dateline, story_date
from tests.clirun import invoke
from tests.conftest import NEWS_STYLE

REFERENCE = dt.date(2025, 11, 20)  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BEIJING, Nov. 19 (Xinhua) -- China said", (dt.date(2025, 11, 19), "dateline 'Nov. 19'")),
        ("HONG KONG, March 3 — The city", (dt.date(2026, 3, 3), "dateline 'March 3'")),
        (
            "TOKYO (Kyodo) -- Japan protested on Wednesday. It met on Friday.",
            (dt.date(2025, 11, 19), "dateline and 'on Wednesday'"),
        ),
        (
            "TOKYO (Kyodo) -- Japan protested on Thursday.",
            (dt.date(2025, 11, 20), "dateline and 'on Thursday'"),
        ),
        ("TOKYO (Kyodo) -- Japan protested. It met on Monday.", None),
        ("The ministry said on Wednesday that", None),
        ("WASHINGTON, Feb. 30 (AP) - x", None),
    ],
)
def test_datelines_without_a_year(text: str, expected: tuple[dt.date, str] | None) -> None:
    assert date_by_dateline(text, REFERENCE) == expected


def test_the_dateline_refines_only_a_metadata_date() -> None:
    lead = "BEIJING, Nov. 19 (Xinhua) -- China said"
    assert story_date(REFERENCE, "metadata (datePublished)", lead) == (
        dt.date(2025, 11, 19),
        "dateline 'Nov. 19' read against metadata (datePublished) 2025-11-20",
    )
    assert story_date(REFERENCE, "dateline", lead) == (REFERENCE, "dateline")
    today = dt.date(2026, 1, 2)
    assert story_date(None, None, lead, today) == (
        today,
        "today (no --date and no date in the document)",
    )


PAGE = """<!doctype html><html><head>
<meta property="article:published_time" content="2025-11-20T09:00:00+08:00">
<title>Talks</title></head><body><article>
<p>BEIJING, Nov. 19 (Xinhua) -- Liu Jinsong met Masaaki Kanai.</p>
</article></body></html>
"""


def report(*args: object) -> dict[str, object]:
    result = invoke(["check", *args, "--style", NEWS_STYLE, "--format", "json"])
    assert result.exit_code in (0, 1), result.stderr
    loaded: dict[str, object] = json.loads(result.stdout)
    return loaded


def test_a_page_dated_by_metadata_and_dateline(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(PAGE, encoding="utf-8")
    (file,) = report(page)["files"]  # type: ignore[misc]
    assert (file["date"], file["date_origin"]) == (
        "2025-11-19",
        "dateline 'Nov. 19' read against metadata (article:published_time) 2025-11-20",
    )
    assert file["warnings"] == []


def test_a_dateline_without_a_year_and_no_metadata_invents_no_date(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("BEIJING, Nov. 19 (Xinhua) -- Talks.\n", encoding="utf-8")
    (file,) = report(story)["files"]  # type: ignore[misc]
    assert file["date"] == dt.date.today().isoformat()
    assert file["date_origin"] == "today (no --date and no date in the document)"


def test_past_the_knowledge_date_is_said_once(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Talks in Beijing.\n", encoding="utf-8")
    result = invoke(["check", tmp_path, "--style", NEWS_STYLE, "--date", "2026-03-01", "-q"])
    note = (
        "warning: the story date 2026-03-01 is past the glossaries' knowledge date 2025-11-30: "
        "titles are not checked against changes after it"
    )
    assert result.stdout.count(note) == 1
    assert result.stdout.startswith(f"{tmp_path / 'a.txt'}: {note}\n")


def test_within_the_knowledge_date_nothing_is_said(tmp_path: Path) -> None:
    story = tmp_path / "a.txt"
    story.write_text("Talks in Beijing.\n", encoding="utf-8")
    result = invoke(["check", story, "--date", "2025-11-30"])
    assert (result.exit_code, result.stdout) == (0, "No findings in 1 file.\n")
