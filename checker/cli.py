"""The `termcheck` command line. Exit codes: 0 clean, 1 findings at or above --fail-on,
2 usage, glossary or input errors.

The commands are typer commands (`checker.commands.usage` gives them their help pages and
usage errors); each imports what it needs when it runs, so that `termcheck check story.txt`
starts fast."""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Sequence
from typing import Annotated, TextIO

import typer

from checker import __version__
from checker.commands import check, glossary, headlines, rules, serve
from checker.commands.usage import SelfExplainedCommand, command, typer_app, usage_error
from checker.errors import EXIT_CLEAN, EXIT_ERROR, GlossaryWarning, TermcheckError

DESCRIPTION = (
    "Check names, titles and terms in news copy about China and Japan against dated glossaries."
)
EXAMPLES = (
    "termcheck check samples/ --date 2025-11-19",
    "termcheck check story.txt -g desk.yaml --format concise",
    'termcheck glossary lookup "Liu Jinsong" --date 2025-11-18',
    "termcheck explain TT001",
    "termcheck serve --port 8000",
    "termcheck --version",
    "termcheck COMMAND -h          (the options of one command)",
)

SERVE_DESCRIPTION = """Start the copy desk: a page to check, fix and annotate stories, and
the HTTP API under /api/v1/, on one local web server. It needs the optional extra 'serve'.

Without --token-file it listens only on this machine; with it, every API call must send
the token."""
SERVE_EXAMPLES = (
    "termcheck serve",
    "termcheck serve --port 8080 -g desk.yaml --style family-first",
    "termcheck serve --host 0.0.0.0 --token-file desk.token --workers 2",
    "termcheck serve --max-upload-mb 20 --check-seconds 30",
)


def _show_version(shown: bool) -> None:
    if shown:
        print(f"termcheck {__version__}")
        raise typer.Exit(EXIT_CLEAN)


def build_app() -> typer.Typer:
    app = typer_app("termcheck", DESCRIPTION, DESCRIPTION, EXAMPLES)

    @app.callback()
    def termcheck(
        version: Annotated[
            bool,
            typer.Option(
                "--version",
                callback=_show_version,
                is_eager=True,
                help="show program's version number and exit",
            ),
        ] = False,
    ) -> None:
        """The options of `termcheck` itself; the commands do the work."""

    check.register(app)
    headlines.register(app)
    glossary.register(app)
    rules.register(app)
    command(
        app,
        "serve",
        "Start the copy desk: a page and an HTTP API to check, fix and annotate stories.",
        SERVE_DESCRIPTION,
        SERVE_EXAMPLES,
        cls=SelfExplainedCommand,  # each of its errors says what to do
    )(serve.serve_command)
    return app


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


def console() -> None:
    """The `termcheck` command: `main`, then the process ends as soon as its output is
    flushed, without freeing one by one what the run built (a 100,000-entry glossary is
    a million objects: about 0.5 s to free, for nothing). `python -m checker` and callers
    in the same process exit as usual."""
    code = EXIT_CLEAN
    try:
        main()
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else EXIT_ERROR if done.code else 0
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # the reader went away, or the stream was closed
        pass
    os._exit(code)


def _only_named_command(app: typer.Typer, args: Sequence[str]) -> typer.Typer:
    """The app with only the command the arguments begin with, when they begin with one:
    typer builds every registered command's options from its signature before parsing,
    and a run that names its command needs no other."""
    if args:
        commands = [c for c in app.registered_commands if c.name == args[0]]
        groups = [g for g in app.registered_groups if g.name == args[0]]
        if commands or groups:
            app.registered_commands, app.registered_groups = commands, groups
    return app


def _run(argv: Sequence[str] | None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    root = typer.main.get_command(_only_named_command(build_app(), args))
    try:
        try:
            with root.make_context("termcheck", args) as ctx:
                code = root.invoke(ctx)
        except typer.Exit as exc:
            return exc.exit_code
        except typer.TyperException as exc:
            raise usage_error(exc) from None
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
    return int(code or EXIT_CLEAN)
