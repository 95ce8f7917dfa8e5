"""Which files a `check` run reads, from what the command line names.

An argument is a file (read whatever its suffix), a folder (walked for supported files,
in sorted order, without following links to folders), a glob (`archive/2025-*/**/*.xml`,
expanded in sorted order; `**` crosses folders), `@LIST` (a file with one path per line;
blank lines and lines starting with `#` are skipped; `@-` reads the list from standard
input) or `-` (standard input). Paths come out as strings, each once, in the order named,
as they are found: a folder of a million files is never listed in memory at once.

A path in a list that does not exist is passed on, so the batch reports it as a file that
could not be read, next to the others; a file, folder or glob named on the command line
that matches nothing is an error before anything is checked. A folder that cannot be
listed is passed on as `Unreadable`, which the batch reports like an unreadable file.
"""

from __future__ import annotations

import glob
import os
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence

from checker.errors import InputError
from checker.readers import supported_suffixes

STDIN = "-"


class Unreadable(str):
    """A folder that could not be listed, passed on with the files so that the batch
    reports it in its place (one line; the run goes on, and exits with 2)."""

    reason: str

    def __new__(cls, path: str, reason: str) -> Unreadable:
        unreadable = super().__new__(cls, path)
        unreadable.reason = reason
        return unreadable

    def __reduce__(self) -> tuple[type[Unreadable], tuple[str, str]]:
        return (Unreadable, (str(self), self.reason))


_GLOB_CHARACTERS = frozenset("*?[")


def discover(arguments: Sequence[str]) -> Iterator[str]:
    """The files the arguments name, each once, in order."""
    suffixes = supported_suffixes()
    seen: set[str] = set()
    for argument in arguments:
        for path in _expand(argument, suffixes):
            key = path if path == STDIN else os.path.normpath(path)
            if key not in seen:
                seen.add(key)
                yield path


def _expand(argument: str, suffixes: frozenset[str]) -> Iterator[str]:
    if argument == STDIN:
        yield STDIN
    elif argument.startswith("@") and len(argument) > 1:
        yield from _listed(argument[1:], suffixes)
    elif os.path.isdir(argument):
        yield from walk(argument, suffixes)
    elif os.path.lexists(argument):
        yield argument
    elif _GLOB_CHARACTERS.intersection(argument):
        # Sorted as folders are walked: by path components ("b/2" before "b-c/3").
        matches = sorted(glob.iglob(argument, recursive=True), key=lambda p: p.split(os.sep))
        if not matches:
            raise InputError("no files match this pattern", argument)
        for match in matches:
            if os.path.isdir(match):
                yield from walk(match, suffixes)
            else:
                yield match
    else:
        raise InputError("no such file or folder", argument)


def walk(folder: str, suffixes: Iterable[str]) -> Iterator[str]:
    """Supported files under a folder, depth first, names sorted in each folder (the order
    of `sorted(Path(folder).rglob("*"))`); links to folders are not followed."""
    wanted = frozenset(suffixes)
    try:
        with os.scandir(folder) as scan:
            children = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        yield Unreadable(folder, f"cannot read folder: {exc.strerror or exc}")
        return
    for child in children:
        if child.is_dir(follow_symlinks=False):
            yield from walk(child.path, wanted)
        elif os.path.splitext(child.name)[1].lower() in wanted and _is_file(child):
            yield child.path


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return stat.S_ISREG(entry.stat().st_mode)
    except OSError:
        return True  # a broken link: reading it reports why


def _listed(list_path: str, suffixes: frozenset[str]) -> Iterator[str]:
    if list_path == STDIN:
        yield from _list_entries(sys.stdin, "<stdin>", suffixes)
        return
    try:
        handle = open(list_path, encoding="utf-8")  # noqa: SIM115 - a generator closes it
    except OSError as exc:
        raise InputError(f"cannot read file list: {exc.strerror or exc}", list_path) from None
    with handle:
        yield from _list_entries(handle, list_path, suffixes)


def _list_entries(lines: Iterable[str], list_path: str, suffixes: frozenset[str]) -> Iterator[str]:
    number = 0
    iterator = iter(lines)
    while True:
        number += 1
        try:
            line = next(iterator)
        except StopIteration:
            return
        except UnicodeDecodeError:
            raise InputError("file list is not UTF-8 text", list_path, number) from None
        entry = line.rstrip("\r\n")
        if not entry.strip() or entry.lstrip().startswith("#"):
            continue
        if os.path.isdir(entry):
            yield from walk(entry, suffixes)
        else:
            yield entry
