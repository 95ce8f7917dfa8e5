"""The text report quotes positions and copy as they are, on a terminal or not."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from checker.printable import printable
from checker.reporters.text import Lines
from tests.clirun import invoke
from tests.conftest import FIXTURE_ARGS

LINE_100 = "He met chinese officials :smile: and the \\[Japanese] side, 3:2:1."


def _story(tmp_path: Path) -> Path:
    story = tmp_path / "story.txt"
    story.write_text("Filler.\n" * 99 + LINE_100 + "\n", encoding="utf-8")
    return story


def test_a_finding_on_line_100_is_placed_there_and_its_line_quoted_as_written(
    tmp_path: Path,
) -> None:
    story = _story(tmp_path)
    result = invoke(["check", str(story), *FIXTURE_ARGS])
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert lines[1] == (
        f"{story}:100:8: TM001 'chinese' is miscapitalized: write 'Chinese' [term-case]"
    )
    # Not an emoji for ':100:' or ':smile:', and the backslash kept: no markup is read.
    assert lines[2] == "    He met chinese officials :smile: and the \\[Japanese]…"
    assert lines[3] == "           ^^^^^^^"


PIECES = st.lists(
    st.tuples(st.text(max_size=40), st.sampled_from(["", "dim", "bold", "bold red", "green"])),
    min_size=1,
    max_size=6,
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=PIECES)
def test_a_line_written_without_rich_is_the_line_rich_writes_to_a_file(
    pieces: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    shown = [(printable(text), style) for text, style in pieces]
    ours, theirs = io.StringIO(), io.StringIO()
    Lines(ours)(*shown)
    Console(file=theirs, highlight=False, soft_wrap=True).print(Text.assemble(*shown))
    assert ours.getvalue() == theirs.getvalue()
