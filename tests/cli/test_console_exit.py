"""The `termcheck` console command ends its process at once after its output is flushed
(`checker.cli.console`): the exit code and every byte of the report still arrive."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURE_ARGS

CONSOLE = "import sys; from checker.cli import console; sys.argv[0] = 'termcheck'; console()"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CONSOLE, *args], capture_output=True, text=True, timeout=120
    )


def test_the_report_is_whole_and_the_exit_code_kept(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Talks on taiwan ended.\n" * 2000, encoding="utf-8")
    done = run("check", str(story), *FIXTURE_ARGS, "--format", "json")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)  # the whole of a large report, flushed before the end
    assert len(report["findings"]) == 2000 and report["findings"][-1]["line"] == 2000


def test_a_usage_error_exits_2_with_its_line() -> None:
    done = run("check", "--bogus")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "termcheck: error: no such option: --bogus (see termcheck check --help)\n"


def test_a_clean_story_exits_0(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Talks on Taiwan ended.\n", encoding="utf-8")
    done = run("check", str(story), *FIXTURE_ARGS, "--format", "concise")
    assert (done.returncode, done.stderr) == (0, "")
