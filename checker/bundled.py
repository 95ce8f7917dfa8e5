"""Where the bundled glossaries and style profiles are, installed or in a checkout."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def glossaries_dir() -> Path:
    installed = _PACKAGE / "_bundled" / "glossaries"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "glossaries"


def bundled_glossaries() -> list[Path]:
    return sorted(glossaries_dir().glob("*.yaml"))


def styles_dir() -> Path:
    return glossaries_dir() / "styles"


def display_path(path: str) -> str:
    """A glossary path as a reader wants it: relative to here when below here, marked as
    bundled when it is one of the glossaries shipped with termcheck."""
    if not path:
        return path
    absolute = os.path.abspath(path)
    bundled = str(glossaries_dir().resolve())
    if absolute.startswith(bundled + os.sep):
        return "bundled:" + os.path.relpath(absolute, bundled)
    relative = os.path.relpath(absolute)
    return path if relative.startswith("..") else relative
