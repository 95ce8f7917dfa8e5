"""`check -`, --stdin-filename, --format concise and --show-settings."""

from __future__ import annotations

from pathlib import Path

from tests.clirun import invoke
from tests.conftest import MINI_GLOSSARY, NEWS_STYLE

BASE = ["--no-bundled", "-g", MINI_GLOSSARY, "--style", NEWS_STYLE, "--date", "2025-11-19"]
STORY = "It was chinese media.\n"


def test_standard_input_is_checked_under_its_name() -> None:
    result = invoke(["check", "-", *BASE, "--format", "concise"], stdin=STORY.encode())
    assert result.exit_code == 1
    assert result.stdout == (
        "<stdin>:1:8: TM001 'chinese' is miscapitalized: write 'Chinese' [fix: 'Chinese']\n"
    )


def test_stdin_filename_names_the_input_and_chooses_its_reader() -> None:
    text = "Quoted as `chinese` in code, but chinese here.\n"
    as_text = invoke(["check", "-", *BASE, "--format", "concise"], stdin=text.encode())
    assert [line.split(": TM001")[0] for line in as_text.stdout.splitlines()] == [
        "<stdin>:1:12",
        "<stdin>:1:34",
    ]
    args = ["check", "-", "--stdin-filename", "desk/story.md", *BASE, "--format", "concise"]
    as_markdown = invoke(args, stdin=text.encode())
    assert as_markdown.stdout == (
        "desk/story.md:1:34: TM001 'chinese' is miscapitalized: write 'Chinese' [fix: 'Chinese']\n"
    )


def test_stdin_filename_without_standard_input_and_fixing_standard_input_are_refused() -> None:
    result = invoke(["check", "story.txt", "--stdin-filename", "s.txt", *BASE])
    assert result.stderr == (
        "termcheck: error: --stdin-filename names standard input: give - as a PATH "
        "(see termcheck check --help)\n"
    )
    fixing = invoke(["check", "-", "--fix", *BASE], stdin=STORY.encode())
    assert fixing.exit_code == 2
    assert "--fix and --diff change files, not standard input" in fixing.stderr


def test_concise_escapes_control_characters_and_lists_warnings_first(tmp_path: Path) -> None:
    story = tmp_path / "s\x1b[31m.txt"
    story.write_text("It was chinese media.\n", encoding="utf-8")
    args = ["--style", NEWS_STYLE, "--date", "2099-01-01", "--format", "concise"]
    result = invoke(["check", story, *args])
    lines = result.stdout.splitlines()
    shown = str(story).replace("\x1b", "\\u001b")
    assert lines == [
        f"{shown}: warning: the story date 2099-01-01 is past the glossaries' knowledge date "
        "2025-11-30: titles are not checked against changes after it",
        f"{shown}:1:8: TM001 'chinese' is miscapitalized: write 'Chinese' [fix: 'Chinese']",
    ]


def test_show_settings_says_where_each_setting_comes_from(tmp_path: Path) -> None:
    extra = tmp_path / "desk.yaml"
    extra.write_text(
        "glossary: desk\nentries:\n- id: desk-term\n  kind: term\n  en: Desk Term\n"
        "  sources: ['https://example.org/d']\n",
        encoding="utf-8",
    )
    config = tmp_path / "termcheck.toml"
    config.write_text(
        'glossaries = ["desk.yaml"]\nfail-on = "error"\nignore = ["ST003"]\n', encoding="utf-8"
    )
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    result = invoke(["check", story, "--style", "family-first", "--show-settings"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"configuration: {config}",
        "glossaries:",
        "  bundled:history-china.yaml (bundled)",
        "  bundled:history-japan.yaml (bundled)",
        "  bundled:japan-china-2025.yaml (bundled)",
        f"  {extra} ({config})",
        "bundled glossaries: yes (default)",
        "style: family-first (command line)",
        "select: every rule (default)",
        f"ignore: ST003 ({config})",
        f"fail-on: error ({config})",
        "date: each document's own, else today (default)",
        "encoding: detected (default)",
    ]


def test_stdin_filename_finds_the_configuration_of_its_folder(tmp_path: Path) -> None:
    (tmp_path / "termcheck.toml").write_text('ignore = ["TM"]\n', encoding="utf-8")
    args = ["check", "-", "--stdin-filename", tmp_path / "story.txt", *BASE]
    result = invoke([*args, "--format", "concise"], stdin=STORY.encode())
    assert (result.exit_code, result.stdout) == (0, "")


def test_a_fix_that_rewrites_words_beside_the_span_shows_what_it_replaces() -> None:
    # The title is the finding's span; its fix puts the holder's name in place of the name.
    story = "Chinese Premier Li Keqiang spoke.\n"
    args = ["check", "-", "--no-bundled", "-g", MINI_GLOSSARY, "--date", "2024-05-23"]
    result = invoke([*args, "--format", "concise"], stdin=story.encode())
    assert result.stdout == (
        "<stdin>:1:1: TT003 Li Keqiang held 'Chinese Premier' until 2023-03-11, not on "
        "2024-05-23 (Li Qiang held it then): write the current title or 'former' "
        "[fix: 'Li Keqiang' → 'Li Qiang']\n"
    )
    text = invoke(args, stdin=story.encode())
    assert "    fix (unsafe): 'Li Keqiang' → 'Li Qiang'\n" in text.stdout
