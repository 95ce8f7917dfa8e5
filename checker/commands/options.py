"""Options that more than one command takes, declared once, in the help's batch panel: a
Dask scheduler to run on, where compiled glossaries are cached, and whether to use the
cache."""

from __future__ import annotations

from typing import Annotated

import typer

BATCH = "batch runs"  # the help panel

Scheduler = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        rich_help_panel=BATCH,
        help="a Dask scheduler (tcp://host:8786) or local:N for a local cluster",
    ),
]
CacheDir = Annotated[
    str | None,
    typer.Option(
        "--cache-dir",
        metavar="DIR",
        rich_help_panel=BATCH,
        help="where compiled glossaries are cached (default: ~/.cache/termcheck)",
    ),
]
NoCache = Annotated[
    bool,
    typer.Option(
        "--no-cache", rich_help_panel=BATCH, help="compile the glossaries, ignoring the cache"
    ),
]
