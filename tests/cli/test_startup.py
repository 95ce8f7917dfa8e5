"""Start-up: `termcheck check story.txt` imports only what a check needs, and the shortcuts
that spare it the rest (option values converted by the commands' own parsers, only the
named command built) change nothing a person sees."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker import cli
from checker.commands.usage import TextValue
from tests.clirun import invoke
from tests.conftest import FIXTURE_ARGS, REPO

STORY = REPO / "samples" / "kanai-liu-meeting.txt"
# Modules a check of one plain-text story does without.
UNNEEDED = (
    "pydantic",  # typer's option validators
    "multiprocessing",  # the process pool of a batch
    "concurrent.futures",
    "socket",  # the desk's server
    "lxml",  # the XML readers and reports
    "sacrebleu",  # the headline metrics
    "sentencepiece",
    "dask",  # a cluster
    "charset_normalizer",  # encodings other than UTF-8
    "checker.fix_file",  # --fix and --diff
    "checker.headline.check",
    "rich",  # colours, for a terminal
)
# The environment of a run whose report goes to a file or a pipe, not to be coloured.
PLAIN = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}


def _modules_after(args: list[str]) -> set[str]:
    """The modules loaded by a fresh interpreter that ran `termcheck ARGS`."""
    code = (
        "import sys, io, contextlib\n"
        "from checker.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        main({args!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(' '.join(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=PLAIN,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def _loaded(modules: set[str], wanted: tuple[str, ...]) -> list[str]:
    return [w for w in wanted if any(m == w or m.startswith(w + ".") for m in modules)]


def test_a_check_of_one_story_loads_nothing_it_does_not_need(tmp_path: Path) -> None:
    args = ["check", str(STORY), "--date", "2025-11-19", "--cache-dir", str(tmp_path)]
    _modules_after(args)  # fills the glossary cache
    modules = _modules_after(args)
    assert "checker.engine" in modules and "checker.reporters.text" in modules
    assert _loaded(modules, UNNEEDED) == []


def test_help_loads_no_option_validator() -> None:
    assert _loaded(_modules_after(["--help"]), ("pydantic",)) == []
    assert _loaded(_modules_after(["check", "--help"]), ("pydantic",)) == []


# Runs whose outcome depends on how each kind of option value is read: repeated and
# comma-separated codes, a choice and a near miss of one, a whole number, numbers given
# wrong (to an option's own parser; to serve's, which typer reads), flags, a sub-command's.
RUNS = [
    ["--version"],
    [
        "check",
        str(STORY),
        *FIXTURE_ARGS,
        "--select",
        "TM,NM",
        "--select",
        "TT",
        "--ignore",
        "TM004",
        "--fail-on",
        "error",
        "--show-settings",
    ],
    ["check", str(STORY), *FIXTURE_ARGS, "--format", "concise", "-j", "1", "-q"],
    ["check", str(STORY), *FIXTURE_ARGS, "--format", "conc"],
    ["check", str(STORY), *FIXTURE_ARGS, "-j", "two"],
    ["check", str(STORY), "--no-such-option"],
    ["check"],
    ["headlines", "pairs.tsv", "--chrf-threshold", "high"],
    ["serve", "--port", "eighty"],
    ["glossary", "lookup", "Liu Jinsong", "--date", "2025-11-18"],
    ["glossary", "lokup", "x"],
    ["explain", "TT001"],
    ["rules", "--format", "md"],
    ["chek", STORY.name],
]


def test_option_values_read_here_are_what_typer_would_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    here = [invoke(args) for args in RUNS]
    monkeypatch.setattr(TextValue, "install", classmethod(lambda cls, params: params))
    assert [invoke(args) for args in RUNS] == here


@pytest.mark.parametrize(
    "args", [["-h"], ["check", "-h"], ["glossary", "-h"], ["glossary", "lookup", "-h"], *RUNS]
)
def test_a_run_that_names_its_command_goes_as_with_every_command_built(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = invoke(args)
    monkeypatch.setattr(cli, "_only_named_command", lambda app, _args: app)
    assert invoke(args) == alone
