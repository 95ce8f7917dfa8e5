"""Load glossaries from files by their format, or the bundled ones."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from checker.bundled import bundled_glossaries
from checker.errors import GlossaryError
from checker.glossary.load_csv import load_csv_glossary
from checker.glossary.load_tbx import load_tbx_glossary
from checker.glossary.load_yaml import load_yaml_glossary
from checker.glossary.model import Glossary

LOADERS: dict[str, Callable[[Path], Glossary]] = {
    ".yaml": load_yaml_glossary,
    ".yml": load_yaml_glossary,
    ".tbx": load_tbx_glossary,
    ".csv": load_csv_glossary,
    ".tsv": load_csv_glossary,
}


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
            result.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in LOADERS))
        elif not path.exists():
            raise GlossaryError("no such glossary file", str(path))
        else:
            result.append(path)
    return result


def load_glossary_file(path: Path) -> Glossary:
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        known = ", ".join(sorted(LOADERS))
        raise GlossaryError(f"unknown glossary format {path.suffix!r} (known: {known})", str(path))
    return loader(path)


def load_glossaries(paths: Sequence[str | Path] | None = None) -> Glossary:
    return Glossary.merge(load_glossary_file(p) for p in glossary_paths(paths))
