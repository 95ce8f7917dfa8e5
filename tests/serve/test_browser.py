"""The desk as a copy editor uses it, in Debian's Chromium driven by Playwright: paste the
seed story and review its findings, accept and reject fixes and download the result,
upload the Word file and download it annotated, search the glossary, check a headline.

Set TERMCHECK_SCREENSHOTS=docs to write the README's screenshots into docs/."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.serve.conftest import DATA, SEED_DOCX, LiveServer

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
)
sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (the test extra)")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=FLAGS
        )
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: object, live_server: LiveServer) -> Iterator[object]:
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    opened = context.new_page()
    opened.goto(live_server.url + "/")
    yield opened
    context.close()


def screenshot(page: object, name: str) -> None:
    folder = os.environ.get("TERMCHECK_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(REPO / folder / name), full_page=True)  # type: ignore[attr-defined]


def test_paste_review_accept_reject_and_download(
    page: object, seed_text: str, tmp_path: Path
) -> None:
    page.fill("#story-text", seed_text)
    page.fill("#story-date", "2025-11-19")
    page.click("#check-button")
    story = page.locator("#story[data-highlighted]")
    story.wait_for()
    assert story.get_attribute("data-highlighted") == "17"
    assert page.locator("#cards > li").count() == 17
    assert page.locator("#summary").inner_text().startswith("17 findings")
    first_mark = page.locator("mark[data-findings~='TM001@139-146']")
    assert first_mark.inner_text() == "chinese"
    # A highlight shows its card, and a card shows its highlight.
    first_mark.click()
    assert page.locator("#card-TM001_139-146").get_attribute("class").split().count("selected") == 1
    page.locator("#card-ST004_2092-2109 .message").click()
    assert "selected" in page.locator("mark[data-findings~='ST004@2092-2109']").get_attribute(
        "class"
    )
    for finding in ("TM001@139-146", "TM002@276-289", "TM001@1316-1322"):
        page.click(f"#card-{finding.replace('@', '_')} button.accept")
    page.click("#card-ST003_243-256 button.reject")
    assert page.locator(".finding.accepted").count() == 3
    assert page.locator(".finding.rejected").count() == 1
    screenshot(page, "desk-story.png")
    with page.expect_download() as download_info:
        page.click("#download")
    download = download_info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    expected = (DATA / "kanai-liu-meeting.three-fixes.txt").read_bytes()
    assert target.read_bytes() == expected


def test_recheck_after_accepting_every_safe_fix(page: object, seed_text: str) -> None:
    page.fill("#story-text", seed_text)
    page.fill("#story-date", "2025-11-19")
    page.click("#check-button")
    page.locator("#story[data-highlighted='17']").wait_for()
    page.click("#accept-safe")
    safe = page.locator(".finding.accepted").count()
    assert safe == 12
    page.click("#recheck")
    # The unsafe title fixes stay for the editor to decide, and so does the case of a name
    # that TT002 says is the wrong official's.
    page.locator("#story[data-highlighted='4']").wait_for()
    codes = page.locator("#cards code").all_inner_texts()
    assert codes == ["TT001", "TM001", "TT002", "TT004"]
    assert "in Chinese state media" in page.input_value("#story-text")


def test_upload_word_file_and_download_it_annotated(page: object, tmp_path: Path) -> None:
    page.set_input_files("#story-file", str(SEED_DOCX))
    page.fill("#story-date", "2025-11-19")  # the Word file carries no date of its own
    page.click("#check-button")
    page.locator("#story[data-highlighted]").wait_for()
    assert page.locator("#story").get_attribute("data-highlighted") == "17"
    assert page.locator("#annotate").is_visible()
    assert page.locator("#story h2.segment.headline").inner_text().startswith("Tokyo protests")
    screenshot(page, "desk-word.png")
    with page.expect_download() as download_info:
        page.click("#annotate")
    download = download_info.value
    assert download.suggested_filename == "kanai-liu-meeting.termcheck.docx"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    with zipfile.ZipFile(target) as package:
        comments = package.read("word/comments.xml").decode("utf-8")
        document = package.read("word/document.xml").decode("utf-8")
    assert comments.count("<w:comment ") == 17
    assert document.count('w:author="termcheck"') >= 2 * 10
    # Accepting the safe fixes and checking again goes on with the corrected Word file.
    page.click("#accept-safe")
    assert page.locator(".finding.accepted").count() == 12
    page.click("#recheck")
    page.locator("#story[data-highlighted='4']").wait_for()
    page.click("#check-button")
    page.locator("#status:has-text('4 findings')").wait_for()
    assert page.locator("#cards code").all_inner_texts() == ["TT001", "TM001", "TT002", "TT004"]


def test_glossary_search_in_chinese_and_for_a_wrong_form(page: object) -> None:
    page.click("#tab-glossary")
    page.fill("#lookup-q", "刘劲松")
    page.fill("#lookup-date", "2025-11-19")
    page.click("#lookup-form button[type=submit]")
    card = page.locator(".entry[data-entry='liu-jinsong']")
    card.wait_for()
    assert (
        "Director-General of the Department of Asian Affairs" in card.locator(".held").inner_text()
    )
    screenshot(page, "desk-glossary.png")
    page.fill("#lookup-q", "Kanai Hiroshi")
    page.click("#lookup-form button[type=submit]")
    card = page.locator(".entry[data-entry='masaaki-kanai']")
    card.wait_for()
    assert "is a wrong form" in card.locator(".wrong").inner_text()
    assert "Director-General of the Asian and Oceanian Affairs Bureau" in card.inner_text()


def test_headline_pair(page: object) -> None:
    page.click("#tab-headline")
    page.fill("#hl-source", "刘劲松与金井正彰举行磋商")
    page.fill("#hl-translation", "Liu Jinsong holds talks with Kanai Hiroshi")
    page.fill("#hl-reference", "Liu Jinsong holds consultations with Masaaki Kanai")
    page.fill("#hl-date", "2025-11-19")
    page.click("#headline-form button[type=submit]")
    result = page.locator(".headline-result")
    result.wait_for()
    assert page.locator(".pair-findings li").all_inner_texts() == [
        page.locator(".pair-findings li").first.inner_text()
    ]
    finding = page.locator(".pair-findings li").first.inner_text()
    assert "HL003" in finding and "'Kanai Hiroshi' is a wrong form of Masaaki Kanai" in finding
    assert "chrF" in page.locator(".metrics").inner_text()
    rows = page.locator(".terms tr").all_inner_texts()
    assert [r.split("\t") for r in rows[1:]] == [
        ["刘劲松", "Liu Jinsong", "✓ Liu Jinsong"],
        ["金井正彰", "Masaaki Kanai", "✗ Kanai Hiroshi"],
    ]
    screenshot(page, "desk-headline.png")


def test_keyboard_only_at_800_pixels(page: object, seed_text: str) -> None:
    page.set_viewport_size({"width": 800, "height": 900})
    page.fill("#story-text", seed_text)
    page.fill("#story-date", "2025-11-19")
    page.focus("#check-button")
    page.keyboard.press("Enter")
    page.locator("#story[data-highlighted='17']").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 800
    # A highlight reached with the keyboard opens its card; Alt+N walks the findings.
    page.focus("mark[data-findings~='TM001@1316-1322']")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "card-TM001_1316-1322"
    page.keyboard.press("Alt+N")
    assert page.evaluate("document.querySelector('.finding.selected').dataset.id") == (
        "ST003@1413-1426"
    )
    page.keyboard.press("Alt+A")
    assert "accepted" in page.locator("#card-ST003_1413-1426").get_attribute("class")
    screenshot(page, "desk-800.png")


def test_a_desk_with_a_token_asks_for_it_once(browser: object, desk: object) -> None:
    from tests.serve.conftest import TOKEN

    with LiveServer(desk, token=TOKEN) as server:  # type: ignore[arg-type]
        context = browser.new_context()  # type: ignore[attr-defined]
        page = context.new_page()
        asked: list[str] = []

        def answer(dialog: object) -> None:
            asked.append(dialog.message)  # type: ignore[attr-defined]
            dialog.accept(TOKEN)  # type: ignore[attr-defined]

        page.on("dialog", answer)
        page.goto(server.url + "/")
        page.fill("#story-text", "Talks in taiwan.")
        page.click("#check-button")
        page.locator("#story[data-highlighted='1']").wait_for()
        page.fill("#story-text", "Talks in taiwan with japan.")
        page.click("#check-button")
        page.locator("#story[data-highlighted='2']").wait_for()
        assert asked == ["This desk needs its access token:"]
        context.close()
