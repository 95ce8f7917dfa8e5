"""`termcheck glossary import|export`: glossaries between YAML, TBX and CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from checker.commands.parsing import CommandParser, add_command
from checker.errors import EXIT_CLEAN, UsageError


def register(commands: argparse._SubParsersAction[CommandParser]) -> None:
    imported = add_command(
        commands,
        "import",
        "Convert a TBX, CSV or TSV glossary into the YAML glossary format.",
        "Convert a TBX (v2 or v3, recognised by its content whatever its name), CSV or TSV "
        "glossary into the YAML glossary format. Columns of a CSV or TSV that are not "
        "understood are named in a warning.",
        (
            "termcheck glossary import terms.tbx -o terms.yaml",
            "termcheck glossary import desk-names.tsv --output -",
        ),
        import_command,
    )
    imported.positional("file", "FILE", "a TBX, CSV, TSV or YAML glossary")
    imported.required_option(
        "-o",
        "--output",
        metavar="FILE",
        help="the YAML file to write (- for standard output; required)",
    )
    exported = add_command(
        commands,
        "export",
        "Export glossaries as TBX (v3 TBX-Basic or TBX-Min, DCA or DCT; or v2 martif).",
        "Export glossaries as TBX (v3 TBX-Basic or TBX-Min, DCA or DCT; or v2 martif).",
        (
            "termcheck glossary export --format tbx-basic -o japan-china.tbx",
            "termcheck glossary export desk.yaml --format tbx-min --style dct -o -",
        ),
        export_command,
    )
    exported.add_argument(
        "files", nargs="*", metavar="FILE", help="glossary files or folders (default: bundled)"
    )
    exported.add_argument(
        "--format",
        dest="output_format",
        metavar="FORMAT",
        default="tbx-basic",
        help="TBX flavour: tbx-basic, tbx-min or tbx-v2 (default: tbx-basic)",
    )
    exported.add_argument(
        "--style",
        metavar="STYLE",
        default="dca",
        help="TBX v3 style: dca or dct (data categories as attributes or tags; default: dca)",
    )
    exported.add_argument(
        "-o", "--output", metavar="FILE", default="-", help="the TBX file (default: - stdout)"
    )


def import_command(args: argparse.Namespace) -> int:
    """Convert a TBX, CSV or TSV glossary into the YAML glossary format."""
    from checker.glossary.export_yaml import glossary_yaml
    from checker.glossary.loader import load_glossary_file

    glossary = load_glossary_file(Path(args.file))
    _write(args.output, glossary_yaml(glossary).encode("utf-8"))
    if args.output != "-":
        print(f"Wrote {len(glossary.entries)} entries to {args.output}")
    return EXIT_CLEAN


def export_command(args: argparse.Namespace) -> int:
    """Export glossaries as TBX (v3 TBX-Basic or TBX-Min, DCA or DCT; or v2 martif)."""
    from checker.glossary.export_tbx import DIALECTS, STYLES, export_tbx
    from checker.glossary.loader import glossary_paths, load_glossary_file
    from checker.glossary.model import Glossary

    if args.output_format not in DIALECTS:
        raise UsageError(
            f"--format: invalid choice {args.output_format!r} (one of {', '.join(DIALECTS)})"
        )
    if args.style not in STYLES:
        raise UsageError(f"--style: invalid choice {args.style!r} (one of {', '.join(STYLES)})")
    paths = glossary_paths(args.files)
    glossary = Glossary.merge(load_glossary_file(p) for p in paths)
    _write(args.output, export_tbx(glossary, args.output_format, args.style))
    if args.output != "-":
        print(f"Wrote {len(glossary.entries)} entries to {args.output}")
    return EXIT_CLEAN


def _write(output: str, data: bytes) -> None:
    if output == "-":
        sys.stdout.write(data.decode("utf-8"))
    else:
        from checker.output import write_atomic

        write_atomic(output, data)
