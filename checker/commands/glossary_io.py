"""`termcheck glossary import|export`: glossaries between YAML, TBX and CSV."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from checker.commands.usage import command
from checker.errors import EXIT_CLEAN, UsageError


def register(app: typer.Typer) -> None:
    command(
        app,
        "import",
        "Convert a TBX, CSV or TSV glossary into the YAML glossary format.",
        "Convert a TBX (v2 or v3, recognised by its content whatever its name), CSV or TSV "
        "glossary into the YAML glossary format. Columns of a CSV or TSV that are not "
        "understood are named in a warning.",
        (
            "termcheck glossary import terms.tbx -o terms.yaml",
            "termcheck glossary import desk-names.tsv --output -",
        ),
    )(import_command)
    command(
        app,
        "export",
        "Export glossaries as TBX (v3 TBX-Basic or TBX-Min, DCA or DCT; or v2 martif).",
        "Export glossaries as TBX (v3 TBX-Basic or TBX-Min, DCA or DCT; or v2 martif).",
        (
            "termcheck glossary export --format tbx-basic -o japan-china.tbx",
            "termcheck glossary export desk.yaml --format tbx-min --style dct -o -",
        ),
    )(export_command)


def import_command(
    file: Annotated[str, typer.Argument(metavar="FILE", help="a TBX, CSV, TSV or YAML glossary")],
    output: Annotated[
        str,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="the YAML file to write (- for standard output; required)",
        ),
    ],
) -> int:
    """Convert a TBX, CSV or TSV glossary into the YAML glossary format."""
    from checker.glossary.export_yaml import glossary_yaml
    from checker.glossary.loader import load_glossary_file

    glossary = load_glossary_file(Path(file))
    _write(output, glossary_yaml(glossary).encode("utf-8"))
    if output != "-":
        print(f"Wrote {len(glossary.entries)} entries to {output}")
    return EXIT_CLEAN


def export_command(
    files: Annotated[
        list[str] | None,
        typer.Argument(metavar="FILE", help="glossary files or folders (default: bundled)"),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="TBX flavour: tbx-basic, tbx-min or tbx-v2 (default: tbx-basic)",
        ),
    ] = "tbx-basic",
    style: Annotated[
        str,
        typer.Option(
            "--style",
            metavar="STYLE",
            help="TBX v3 style: dca or dct (data categories as attributes or tags; default: dca)",
        ),
    ] = "dca",
    output: Annotated[
        str,
        typer.Option("-o", "--output", metavar="FILE", help="the TBX file (default: - stdout)"),
    ] = "-",
) -> int:
    """Export glossaries as TBX (v3 TBX-Basic or TBX-Min, DCA or DCT; or v2 martif)."""
    from checker.glossary.export_tbx import DIALECTS, STYLES, export_tbx
    from checker.glossary.loader import glossary_paths, load_glossary_file
    from checker.glossary.model import Glossary

    if output_format not in DIALECTS:
        raise UsageError(
            f"--format: invalid choice {output_format!r} (one of {', '.join(DIALECTS)})"
        )
    if style not in STYLES:
        raise UsageError(f"--style: invalid choice {style!r} (one of {', '.join(STYLES)})")
    paths = glossary_paths(files or None)
    glossary = Glossary.merge(load_glossary_file(p) for p in paths)
    _write(output, export_tbx(glossary, output_format, style))
    if output != "-":
        print(f"Wrote {len(glossary.entries)} entries to {output}")
    return EXIT_CLEAN


def _write(output: str, data: bytes) -> None:
    if output == "-":
        sys.stdout.write(data.decode("utf-8"))
    else:
        from checker.output import write_atomic

        write_atomic(output, data)
