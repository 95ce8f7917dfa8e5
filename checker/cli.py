"""The `termcheck` command line. Exit codes: 0 clean, 1 findings at or above --fail-on,
2 usage, glossary or input errors.

Parsing imports nothing but the standard library; each command imports what it needs
when it runs, so that `termcheck check story.txt` starts fast."""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Sequence
from typing import TextIO

from checker import __version__
from checker.commands import check, glossary, headlines, rules
from checker.commands.parsing import CommandLineError, CommandParser, parse
from checker.errors import EXIT_ERROR, GlossaryWarning, TermcheckError, UsageError

DESCRIPTION = (
    "Check names, titles and terms in news copy about China and Japan against dated glossaries."
)
EXAMPLES = """examples:
  termcheck check samples/ --date 2025-11-19
  termcheck check story.txt -g desk.yaml --format concise
  termcheck glossary lookup "Liu Jinsong" --date 2025-11-18
  termcheck explain TT001
  termcheck --version
  termcheck COMMAND -h          (the options of one command)"""


def build_parser() -> CommandParser:
    root = CommandParser(prog="termcheck", description=DESCRIPTION, epilog=EXAMPLES)
    root.add_argument("--version", action="version", version=f"termcheck {__version__}")
    root.set_defaults(parser=root, handler=None)
    commands = root.commands()
    check.register(commands)
    headlines.register(commands)
    glossary.register(commands)
    rules.register(commands)
    return root


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: one line on stderr and exit 2 for every error, never a traceback;
    each glossary warning once, as `termcheck: warning: ...`."""
    shown: set[str] = set()

    def show_warning(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        if str(message) not in shown:
            shown.add(str(message))
            print(f"termcheck: warning: {message}", file=sys.stderr)

    with warnings.catch_warnings():
        warnings.simplefilter("always", GlossaryWarning)
        warnings.showwarning = show_warning
        code = _run(argv)
    sys.exit(code)


def _run(argv: Sequence[str] | None) -> int:
    try:
        args = parse(build_parser(), list(sys.argv[1:] if argv is None else argv))
        try:
            code = args.handler(args)
        except UsageError as exc:
            # A message that already says where to look keeps its own pointer.
            if exc.path is not None or isinstance(exc, CommandLineError) or "(see " in exc.message:
                raise
            raise CommandLineError(exc.message, args.parser.prog) from None
    except TermcheckError as exc:
        print(f"termcheck: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("termcheck: interrupted", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader went away (`| head`): nothing more to say, and nothing to flush.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR
    except Exception as exc:
        print(f"termcheck: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_ERROR
    return int(code)
