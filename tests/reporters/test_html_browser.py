"""The HTML report in a real browser: headless Chromium loads the page offline, its
script counts the findings highlighted on screen, and every finding must be among them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html

from checker.engine import Result
from tests.conftest import REPO
from tests.reporters.conftest import render

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
SAMPLE_REPORT = REPO / "docs" / "report-example.html"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
)


def rendered_dom(page: Path, tmp_path: Path) -> lxml_html.HtmlElement:
    """The page's DOM after Chromium has loaded it and run its script."""
    profile = tmp_path / "chromium-profile"
    profile.mkdir()
    completed = subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")[-2000:]
    return lxml_html.document_fromstring(completed.stdout)


def test_every_finding_of_the_seed_story_is_highlighted(
    seed_result: Result, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    page.write_text(render("html", [seed_result]), encoding="utf-8")
    dom = rendered_dom(page, tmp_path)
    assert dom.body.get("data-highlighted") == str(len(seed_result.findings)) == "17"
    ids = {card for mark in dom.iter("mark") for card in mark.get("data-findings").split()}
    assert ids == {f"f1-{i}" for i in range(1, 18)}


def test_the_sample_report_shows_all_its_findings(tmp_path: Path) -> None:
    if not SAMPLE_REPORT.exists():
        pytest.skip(f"{SAMPLE_REPORT.name} has not been generated")
    dom = rendered_dom(SAMPLE_REPORT, tmp_path)
    count = dom.body.get("data-finding-count")
    assert count is not None and int(count) > 0
    assert dom.body.get("data-highlighted") == count
