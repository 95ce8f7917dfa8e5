"""`termcheck glossary import|export`: glossaries between YAML, TBX and CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from checker.errors import EXIT_CLEAN
from checker.glossary.export_tbx import DIALECTS, STYLES, export_tbx
from checker.glossary.export_yaml import glossary_yaml
from checker.glossary.loader import LOADERS, glossary_paths, load_glossary_file
from checker.glossary.model import Glossary
from checker.output import write_atomic


def import_command(
    file: Annotated[
        str, typer.Argument(help="A TBX, CSV, TSV or YAML glossary to convert to YAML.")
    ],
    output: Annotated[
        str, typer.Option("--output", "-o", help="The YAML file to write ('-': standard output).")
    ],
) -> None:
    """Convert a TBX, CSV or TSV glossary into the YAML glossary format."""
    glossary = load_glossary_file(Path(file))
    _write(output, glossary_yaml(glossary).encode("utf-8"))
    if output != "-":
        typer.echo(f"Wrote {len(glossary.entries)} entries to {output}")
    raise typer.Exit(EXIT_CLEAN)


def export_command(
    files: Annotated[
        list[str] | None,
        typer.Argument(help="Glossary files or folders (default: the bundled ones)."),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="TBX flavour: " + ", ".join(DIALECTS) + ".")
    ] = "tbx-basic",
    style: Annotated[
        str,
        typer.Option(
            help="TBX v3 style: "
            + " or ".join(STYLES)
            + " (data categories as attributes or tags)."
        ),
    ] = "dca",
    output: Annotated[
        str, typer.Option("--output", "-o", help="The TBX file to write ('-': standard output).")
    ] = "-",
) -> None:
    """Export glossaries as TBX (v3 TBX-Basic or TBX-Min, DCA or DCT; or v2 martif)."""
    paths = glossary_paths(files)
    glossary = Glossary.merge(load_glossary_file(p) for p in paths)
    _write(output, export_tbx(glossary, output_format, style))
    if output != "-":
        typer.echo(f"Wrote {len(glossary.entries)} entries to {output}")
    raise typer.Exit(EXIT_CLEAN)


def _write(output: str, data: bytes) -> None:
    if output == "-":
        typer.echo(data.decode("utf-8"), nl=False)
    else:
        write_atomic(output, data)


__all__ = ["LOADERS", "export_command", "import_command"]
