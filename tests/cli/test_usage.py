"""Usage errors, help pages and examples, as a person at the keyboard meets them."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pytest
import typer

from checker.cli import build_app
from tests.clirun import invoke
from tests.conftest import REPO


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["check", "story.txt", "--bogus"], "no such option: --bogus (see termcheck check --help)"),
        (["check", "--bogus"], "no such option: --bogus (see termcheck check --help)"),
        (["--bogus"], "no such option: --bogus (see termcheck --help)"),
        (["check"], "missing argument: PATH (see termcheck check --help)"),
        (["explain"], "missing argument: CODE (see termcheck explain --help)"),
        (
            ["glossary", "import", "t.tbx"],
            "missing option: -o/--output (see termcheck glossary import --help)",
        ),
        (["chekc"], "no such command: chekc; did you mean check? (see termcheck --help)"),
        (
            ["glossary", "lokup", "x"],
            "no such command: lokup; did you mean lookup? (see termcheck glossary --help)",
        ),
        ([], "missing command (see termcheck --help)"),
        (["glossary"], "missing command (see termcheck glossary --help)"),
        (["check", "s.txt", "--date"], "option --date needs a value (see termcheck check --help)"),
        (
            ["check", "s.txt", "--format", "xml"],
            "--format: invalid choice 'xml' (one of text, concise, json, jsonl, sarif, junit, "
            "github, html) (see termcheck check --help)",
        ),
        (
            ["check", "s.txt", "--jobs", "many"],
            "-j/--jobs: invalid int value: 'many' (see termcheck check --help)",
        ),
        (
            ["check", "s.txt", "--date", "19/11/2025"],
            "--date '19/11/2025' is not a date (use YYYY-MM-DD) (see termcheck check --help)",
        ),
        (
            ["check", "s.txt", "--unsafe-fixes"],
            "--unsafe-fixes applies fixes: use it with --fix or --diff "
            "(see termcheck check --help)",
        ),
        (
            ["glossary", "lookup", "  "],
            "the query is empty: give a form or an id (see termcheck glossary lookup --help)",
        ),
    ],
)
def test_a_usage_error_is_one_line_with_a_pointer_and_exit_2(args: list[str], line: str) -> None:
    result = invoke(args)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"termcheck: error: {line}\n",
    )


def test_usage_errors_need_no_separate_click() -> None:
    """typer brings its own click: the separate package may be missing."""
    code = (
        "import sys; sys.modules['click'] = None\n"
        "from checker.cli import main; main(['check', 'story.txt', '--bogus'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert (result.returncode, result.stderr) == (
        2,
        "termcheck: error: no such option: --bogus (see termcheck check --help)\n",
    )


def _commands(command: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    found = [(path, command)]
    for name, sub in getattr(command, "commands", {}).items():
        found += _commands(sub, (*path, name))
    return found


COMMANDS = _commands(typer.main.get_command(build_app()))


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=lambda p: " ".join(p) or "top")
def test_help_with_h_and_help_is_readable(path: tuple[str, ...]) -> None:
    short, long = invoke([*path, "-h"]), invoke([*path, "--help"])
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout
    assert long.stdout.startswith("usage: " + " ".join(("termcheck", *path)))
    assert not re.search(r"<(?:list|bool|str|int)|\{paths?\}|NoneType", long.stdout)
    assert "examples:\n  termcheck " in long.stdout


def test_metavars_say_what_to_give() -> None:
    page = invoke(["check", "-h"]).stdout
    for shown in (
        "-g FILE, --glossary FILE",
        "--date YYYY-MM-DD",
        "--select CODES",
        "--style NAME|FILE",
        "-o FILE, --output FILE",
        "-j N, --jobs N",
        "PATH",
    ):
        assert shown in page


def test_every_option_has_an_example_in_its_help_or_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = []
    for path, command in COMMANDS:
        examples = command.epilog or ""
        for param in command.params:
            if not isinstance(param, typer.core.TyperOption):
                continue
            long = max([*param.opts, *param.secondary_opts], key=len)
            shown = re.compile(re.escape(long) + r"(?![\w-])")
            if not shown.search(examples) and not shown.search(readme):
                missing.append(f"termcheck {' '.join(path)} {long}")
    assert missing == []
