"""Where the bundled glossaries and style profiles are, installed or in a checkout."""

from __future__ import annotations

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
