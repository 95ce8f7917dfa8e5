"""Which files a batch reads: folders, globs, file lists and standard input."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from checker.discover import discover
from checker.errors import InputError


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    for name in ("b/2.txt", "b/1.md", "b-c/3.txt", "a.txt", "b/skip.png", "b/d/4.html"):
        path = tmp_path / "archive" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("text", encoding="utf-8")
    return tmp_path / "archive"


def _names(paths: list[str], root: Path) -> list[str]:
    return [os.path.relpath(p, root) for p in paths]


def test_a_folder_is_walked_in_sorted_order_for_supported_files(archive: Path) -> None:
    found = list(discover([str(archive)]))
    assert _names(found, archive) == ["a.txt", "b/1.md", "b/2.txt", "b/d/4.html", "b-c/3.txt"]
    assert found == [
        str(p) for p in sorted(archive.rglob("*")) if p.suffix in (".txt", ".md", ".html")
    ]


def test_links_to_folders_are_not_followed(archive: Path) -> None:
    os.symlink(archive / "b", archive / "loop")
    assert "loop" not in " ".join(discover([str(archive)]))


def test_a_glob_is_expanded_in_order_and_crosses_folders_with_two_stars(archive: Path) -> None:
    found = list(discover([str(archive / "**" / "*.txt")]))
    assert _names(found, archive) == ["a.txt", "b/2.txt", "b-c/3.txt"]


def test_a_glob_matching_nothing_is_an_error(archive: Path) -> None:
    with pytest.raises(InputError) as caught:
        list(discover([str(archive / "*.docx")]))
    assert str(caught.value) == f"{archive / '*.docx'}: no files match this pattern"


def test_a_missing_argument_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        list(discover([str(tmp_path / "missing.txt")]))


def test_a_file_named_is_read_whatever_its_suffix(archive: Path) -> None:
    assert list(discover([str(archive / "b" / "skip.png")])) == [str(archive / "b" / "skip.png")]


def test_a_file_list_names_files_and_folders_and_passes_missing_files_on(archive: Path) -> None:
    listing = archive.parent / "list.txt"
    listing.write_text(
        f"# stories to re-check\n{archive / 'a.txt'}\n\n{archive / 'b' / 'd'}\n"
        f"{archive / 'gone.txt'}\n{archive / 'a.txt'}\n",
        encoding="utf-8",
    )
    found = list(discover([f"@{listing}"]))
    assert _names(found, archive) == ["a.txt", "b/d/4.html", "gone.txt"]


def test_a_file_list_from_standard_input(archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{archive / 'b' / '2.txt'}\n"))
    assert list(discover(["@-"])) == [str(archive / "b" / "2.txt")]


def test_an_unreadable_file_list_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        list(discover([f"@{tmp_path / 'nope.txt'}"]))
    assert (
        str(caught.value)
        == f"{tmp_path / 'nope.txt'}: cannot read file list: No such file or directory"
    )


def test_a_file_list_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_bytes(b"a.txt\nb\xff.txt\n")
    with pytest.raises(InputError) as caught:
        list(discover([f"@{listing}"]))
    assert str(caught.value).startswith(f"{listing}:")
    assert "not UTF-8" in str(caught.value)


def test_each_file_comes_once_whatever_names_it(archive: Path) -> None:
    found = list(discover([str(archive / "a.txt"), str(archive), f"{archive}/./a.txt", "-"]))
    assert _names(found[:-1], archive) == ["a.txt", "b/1.md", "b/2.txt", "b/d/4.html", "b-c/3.txt"]
    assert found[-1] == "-"
