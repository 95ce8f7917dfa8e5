"""Options that more than one command takes, declared once: where compiled glossaries are
cached, and whether to use the cache."""

from __future__ import annotations

from typing import Annotated

import typer

CacheDir = Annotated[
    str | None,
    typer.Option(
        "--cache-dir",
        metavar="DIR",
        help="where compiled glossaries are cached (default: ~/.cache/termcheck)",
    ),
]
NoCache = Annotated[
    bool,
    typer.Option("--no-cache", help="compile the glossaries, ignoring the cache"),
]
