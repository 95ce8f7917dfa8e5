"""The command-line parser: argparse, with usage errors as one line and a hint.

Every usage error becomes `CommandLineError`, printed by `checker.cli.main` as
`termcheck: error: no such option: --bogus (see termcheck check --help)` with exit code 2.
argparse's own wording is turned into that of the careful tools (git, ruff): "no such
option", "no such command", "missing argument".
"""

from __future__ import annotations

import argparse
import difflib
import re
import textwrap
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from checker.errors import UsageError

# What a command does with its parsed arguments: the exit code.
Handler = Callable[[argparse.Namespace], int]

_REQUIRED = re.compile(r"the following arguments are required: (?P<names>.+)")
_CHOICE = re.compile(
    r"argument (?P<name>\S+): invalid choice: '(?P<value>.*)' \(choose from (?P<choices>.*)\)"
)
_ONE_VALUE = re.compile(r"argument (?P<name>\S+): expected one argument")
_ARGUMENT = re.compile(r"argument (?P<name>\S+): (?P<problem>.+)")
COMMAND_METAVAR = "COMMAND"


class CommandLineError(UsageError):
    """A usage error, with the help page that explains the command it concerns."""

    def __init__(self, message: str, prog: str) -> None:
        super().__init__(f"{message} (see {prog} --help)")


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and examples as written; options listed with their metavar once."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32, width=100)


class CommandParser(argparse.ArgumentParser):
    """A parser whose errors are `CommandLineError`s naming the command's help page."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(**kwargs)
        self.required: list[argparse.Action] = []

    def error(self, message: str) -> NoReturn:
        raise CommandLineError(plain_message(message), self.prog)

    def format_usage(self) -> str:
        return self._required_shown(super().format_usage())

    def format_help(self) -> str:
        return self._required_shown(super().format_help())

    def _required_shown(self, text: str) -> str:
        """The usage line with the required positionals shown as required (argparse shows
        them as optional, since they are checked after parsing)."""
        for action in self.required:
            name = str(action.metavar)
            if action.option_strings:
                shown = f"{action.option_strings[0]} {name}"
                text = text.replace(f"[{shown}]", shown, 1)
            else:
                text = text.replace(f"[{name} ...]", f"{name} [{name} ...]", 1)
                text = text.replace(f"[{name}]", name, 1)
        return text

    def positional(self, dest: str, metavar: str, help: str, many: bool = False) -> None:
        """A positional argument that must be given. It is checked after the options, so
        that an unknown option is reported as such rather than as a missing argument."""
        action = self.add_argument(dest, metavar=metavar, nargs="*" if many else "?", help=help)
        self.required.append(action)

    def required_option(self, *names: str, **kwargs: Any) -> None:
        """An option that must be given, checked like a positional argument."""
        self.required.append(self.add_argument(*names, **kwargs))

    def commands(self) -> argparse._SubParsersAction[CommandParser]:
        return self.add_subparsers(
            dest=f"{self.prog.replace(' ', '_')}_command", metavar=COMMAND_METAVAR
        )


def add_command(
    commands: argparse._SubParsersAction[CommandParser],
    name: str,
    summary: str,
    description: str,
    examples: Sequence[str] = (),
    handler: Handler | None = None,
) -> CommandParser:
    """A sub-command with a one-line summary (in its parent's list), a description and
    examples (in its own --help)."""
    epilog = "examples:\n" + "\n".join(f"  {line}" for line in examples) if examples else None
    parser = commands.add_parser(
        name, help=summary, description=_wrapped(description), epilog=epilog
    )
    parser.set_defaults(parser=parser, handler=handler)
    return parser


def _wrapped(text: str, width: int = 90) -> str:
    """Paragraphs with a line wider than `width` filled to it; the others as written."""
    paragraphs = text.split("\n\n")
    return "\n\n".join(
        textwrap.fill(" ".join(p.split()), width) if max(map(len, p.splitlines())) > width else p
        for p in paragraphs
    )


def plain_message(message: str) -> str:
    """argparse's wording of a usage error, as termcheck says it."""
    if match := _REQUIRED.fullmatch(message):
        return f"missing argument: {match['names']}"
    if match := _CHOICE.fullmatch(message):
        choices = [c.strip().strip("'") for c in match["choices"].split(",")]
        value = match["value"]
        near = difflib.get_close_matches(value, choices, n=1)
        also = f"; did you mean {near[0]}?" if near else f" (one of {', '.join(choices)})"
        if match["name"] == COMMAND_METAVAR:
            return f"no such command: {value}{also}"
        return f"{match['name']}: invalid choice {value!r}{also}"
    if match := _ONE_VALUE.fullmatch(message):
        return f"option {match['name']} needs a value"
    if match := _ARGUMENT.fullmatch(message):
        return f"{match['name']}: {match['problem']}"
    return message


def parse(root: CommandParser, argv: Sequence[str]) -> argparse.Namespace:
    """Parse the whole command line; every usage error raises `CommandLineError`."""
    namespace, extra = root.parse_known_args(argv)
    parser: CommandParser = getattr(namespace, "parser", None) or root
    if extra:
        first = extra[0]
        if first.startswith("-") and first != "-":
            raise CommandLineError(f"no such option: {first.split('=', 1)[0]}", parser.prog)
        raise CommandLineError(f"unexpected argument: {first}", parser.prog)
    for action in parser.required:
        if getattr(namespace, action.dest) in (None, []):
            if action.option_strings:
                raise CommandLineError(
                    f"missing option: {'/'.join(action.option_strings)}", parser.prog
                )
            raise CommandLineError(f"missing argument: {action.metavar}", parser.prog)
    if getattr(namespace, "handler", None) is None:
        raise CommandLineError("missing command", parser.prog)
    return namespace
