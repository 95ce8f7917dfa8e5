"""Load glossaries from files by their format, or the bundled ones; check what a run loads.

A format is known by the file's suffix (`.yaml`, `.tbx`, `.csv`, `.tsv`); a file whose
suffix says nothing (`.xml`, none) is recognised by its content: a TBX or `martif` root
element is TBX. The format modules are imported only when a file of theirs is loaded.
"""

from __future__ import annotations

import importlib
import os
import re
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from checker.bundled import bundled_glossaries, glossaries_dir
from checker.errors import GlossaryError, GlossaryWarning
from checker.glossary.model import Glossary

Loader = Callable[[Path], Glossary]

# suffix → (module, function): imported when a file of that format is first loaded.
_FORMATS: dict[str, tuple[str, str]] = {
    ".yaml": ("checker.glossary.load_yaml", "load_yaml_glossary"),
    ".yml": ("checker.glossary.load_yaml", "load_yaml_glossary"),
    ".tbx": ("checker.glossary.load_tbx", "load_tbx_glossary"),
    ".csv": ("checker.glossary.load_csv", "load_csv_glossary"),
    ".tsv": ("checker.glossary.load_csv", "load_csv_glossary"),
}
SUFFIXES = tuple(_FORMATS)
# The start of an XML document (declaration, comments, doctype) and its root element.
_XML_ROOT = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*"
    rb"<(?:[A-Za-z_][\w.-]*:)?(?P<root>[A-Za-z_][\w.-]*)",
    re.S,
)
_TBX_ROOTS = frozenset({b"tbx", b"martif"})


def glossary_paths(paths: Sequence[str | Path] | None) -> list[Path]:
    """The files named, folders expanded to their glossary files; the bundled ones if none."""
    if not paths:
        found = bundled_glossaries()
        if not found:
            raise GlossaryError("no bundled glossaries found; pass --glossary")
        return found
    result: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            result.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in _FORMATS))
        elif not path.exists():
            raise GlossaryError("no such glossary file", str(path))
        else:
            result.append(path)
    return result


def run_glossaries(extra: Sequence[str | Path] | None, bundled: bool = True) -> list[Path]:
    """The glossary files of a run: the bundled ones (unless `bundled` is false), then the
    files and folders given, each file once."""
    files = (bundled_glossaries() if bundled else []) + (glossary_paths(extra) if extra else [])
    if not files:
        raise GlossaryError("no glossary to check with: --no-bundled needs --glossary")
    seen: set[str] = set()
    unique = []
    for file in files:
        key = os.path.realpath(file)
        if key not in seen:
            seen.add(key)
            unique.append(file)
    return unique


def loader_for(path: Path) -> Loader:
    """The loader of a glossary file, by its suffix or else by its content."""
    known = _FORMATS.get(path.suffix.lower())
    if known is None and _is_tbx(path):
        known = _FORMATS[".tbx"]
    if known is None:
        names = ", ".join(_FORMATS)
        raise GlossaryError(
            f"unknown glossary format {path.suffix or '(no suffix)'!r} (known: {names}, "
            "or a TBX file by its content)",
            str(path),
        )
    module, function = known
    loader: Loader = getattr(importlib.import_module(module), function)
    return loader


def _is_tbx(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            head = file.read(8192)
    except OSError:
        return False
    match = _XML_ROOT.match(head)
    return match is not None and match["root"].lower() in _TBX_ROOTS


def load_glossary_file(path: Path) -> Glossary:
    return loader_for(path)(path)


def load_glossaries(paths: Sequence[str | Path] | None = None) -> Glossary:
    """The glossaries named (the bundled ones if none), merged and checked by `checked`."""
    files = glossary_paths(paths)
    return checked(Glossary.merge(load_glossary_file(p) for p in files))


def checked(glossary: Glossary) -> Glossary:
    """The glossary, if it passes the rules of `glossary validate` (specs aside).

    Any problem is an error (`GlossaryError`, one line, the first problem and how many
    more), except an entry without sources in a glossary that is not bundled: that is a
    `GlossaryWarning`, issued once per file."""
    from checker.glossary.validate import NO_SOURCES, validate

    errors = []
    unsourced: dict[str, int] = {}
    for problem in validate(glossary):
        if problem.message == NO_SOURCES and not is_bundled(problem.path):
            unsourced[problem.path] = unsourced.get(problem.path, 0) + 1
        else:
            errors.append(problem)
    if errors:
        more = f" (and {len(errors) - 1} more: see termcheck glossary validate)"
        raise GlossaryError(f"{errors[0]}{more if len(errors) > 1 else ''}")
    for path, count in unsourced.items():
        warnings.warn(
            GlossaryWarning(
                f"{path}: {count} entr{'y has' if count == 1 else 'ies have'} no sources; "
                "findings that rest on them cite no fact"
            ),
            stacklevel=2,
        )
    return glossary


def is_bundled(path: str) -> bool:
    return os.path.realpath(path).startswith(str(glossaries_dir().resolve()) + os.sep)
