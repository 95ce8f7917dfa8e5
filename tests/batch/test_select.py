"""What to re-check: --changed-since (git), --since (modification time), --entry."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from checker.batch import BatchRun, FileSkipped, tasks_for
from checker.discover import discover
from checker.engine import Checker, Result
from checker.errors import UsageError
from checker.select import ChangedSince, EntryFocus, ModifiedSince, select
from tests.batch.conftest import STORIES, write_stories

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *arguments: str) -> None:
    subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "-c",
            "user.name=QA",
            "-c",
            "user.email=qa@example.org",
            *arguments,
        ],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "desk"
    write_stories(root / "stories")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "stories as filed")
    _git(root, "tag", "filed")
    return root


@needs_git
def test_changed_since_keeps_edited_staged_renamed_and_new_files(repo: Path) -> None:
    stories = repo / "stories"
    (stories / "kihara.txt").write_text("Minoru Kihara spoke.\n", encoding="utf-8")  # edited
    (stories / "liu.txt").write_text("Liu Jinsong spoke.\n", encoding="utf-8")
    _git(repo, "add", "stories/liu.txt")  # staged
    _git(repo, "mv", "stories/clean.txt", "stories/quiet.txt")  # renamed
    (stories / "late.txt").write_text("Filed late.\n", encoding="utf-8")  # untracked
    _git(repo, "commit", "-q", "-m", "later edits", "--", "stories/quiet.txt", "stories/clean.txt")
    kept = list(select(discover([str(stories)]), ChangedSince("filed")))
    assert [Path(p).name for p in kept] == ["kihara.txt", "late.txt", "liu.txt", "quiet.txt"]


@needs_git
def test_changed_since_names_what_git_could_not_do(repo: Path) -> None:
    keep = ChangedSince("no-such-tag")
    with pytest.raises(UsageError) as caught:
        keep(str(repo / "stories" / "kihara.txt"))
    assert str(caught.value) == (
        f"--changed-since: 'no-such-tag' is not a revision of the repository {repo}"
    )


def test_changed_since_outside_a_repository_is_a_usage_error(tmp_path: Path) -> None:
    (path,) = write_stories(tmp_path / "loose", {"a.txt": "text"})
    if ChangedSince("HEAD")._root(str(tmp_path)) is not None:
        pytest.skip("the temporary folder is inside a git working tree")
    with pytest.raises(UsageError, match="is not in a git repository"):
        ChangedSince("HEAD")(path)


def test_changed_since_refuses_an_option_as_revision() -> None:
    with pytest.raises(UsageError, match="is not a git revision"):
        ChangedSince("--output=/tmp/x")


def test_since_keeps_files_modified_at_or_after_the_moment(tmp_path: Path) -> None:
    paths = write_stories(tmp_path)
    moment = dt.datetime(2025, 11, 18, 20, 0)
    for path, when in zip(
        paths,
        (moment - dt.timedelta(seconds=1), moment, moment + dt.timedelta(days=1)),
        strict=False,
    ):
        os.utime(path, (when.timestamp(), when.timestamp()))
    for path in paths[3:]:
        old = (moment - dt.timedelta(days=30)).timestamp()
        os.utime(path, (old, old))
    kept = list(select(paths, ModifiedSince.parse("2025-11-18T20:00")))
    assert kept == paths[1:3]
    assert list(select(paths, ModifiedSince.parse("2025-11-18"))) == paths[:3]


def test_since_that_is_not_a_date_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as caught:
        ModifiedSince.parse("last tuesday")
    assert str(caught.value) == (
        "--since 'last tuesday' is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)"
    )


def test_entry_focus_reads_only_stories_that_can_concern_the_entry(
    tmp_path: Path, batch_checker: Checker
) -> None:
    paths = write_stories(tmp_path)
    focus = EntryFocus(batch_checker.index, "minoru-kihara")
    with BatchRun([batch_checker], tasks_for(paths), focus=focus) as items:
        found = {Path(getattr(i, "path", "")).name: i for i in items}
    skipped = sorted(name for name, item in found.items() if isinstance(item, FileSkipped))
    # liu.txt, komeito.txt and clean.txt name neither Kihara nor his office.
    assert skipped == ["clean.txt", "komeito.txt", "liu.txt"]
    checked = {name: item for name, item in found.items() if isinstance(item, Result)}
    assert sorted(checked) == ["cjk.txt", "hayashi.txt", "kihara.txt", "other-holder.txt"]
    described = {
        name: [(f.code, f.span.start) for f in result.findings] for name, result in checked.items()
    }
    # Hayashi's stale title and the other-holder finding on Liu's title both name Kihara,
    # the holder on the date, as the fix, without his name in the story.
    assert described == {
        "cjk.txt": [],
        "hayashi.txt": [("TT003", 23)],
        "kihara.txt": [("TM002", 47)],
        "other-holder.txt": [("TT002", 23)],
    }


def test_entry_focus_on_an_office_follows_its_holders(batch_checker: Checker) -> None:
    focus = EntryFocus(batch_checker.index, "chief-cabinet-secretary")
    assert focus.mentioned_in(STORIES["hayashi.txt"])
    assert focus.mentioned_in("Yoshimasa Hayashi left.")
    assert focus.mentioned_in("木原稔")
    assert not focus.mentioned_in(STORIES["liu.txt"])


def test_entry_focus_matches_across_case_and_line_breaks(batch_checker: Checker) -> None:
    focus = EntryFocus(batch_checker.index, "liu-jinsong")
    assert focus.mentioned_in("LIU\nJINSONG spoke")
    assert focus.mentioned_in("刘劲松")
    assert focus.mentioned_in("劉勁松")  # the traditional script
    assert not focus.mentioned_in("Kihara spoke")


def test_an_unknown_entry_is_a_usage_error(batch_checker: Checker) -> None:
    with pytest.raises(UsageError) as caught:
        EntryFocus(batch_checker.index, "kihara")
    assert str(caught.value) == "--entry: the glossary has no entry 'kihara'"
