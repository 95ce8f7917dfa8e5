"""The command line's typer pieces: help pages and usage errors as the careful tools
(git, ruff) write them.

A help page is a usage line with each option's metavar, the description, the arguments,
the options by group and the examples. Every usage error becomes one `CommandLineError`,
printed by `checker.cli.main` as
`termcheck: error: no such option: --bogus (see termcheck check --help)` with exit code 2.
typer's own click (`typer._click`) is the parser; the separate `click` package is never used.
Option values are converted here rather than by typer's pydantic validators (`TextValue`).
"""

from __future__ import annotations

import contextlib
import difflib
import textwrap
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import typer
from typer._click import exceptions as click_errors
from typer._click.core import Context, Parameter
from typer._coercion import RuntimeParam
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from checker.errors import UsageError

F = TypeVar("F", bound=Callable[..., Any])

WIDTH = 100
HELP_COLUMN = 32
HELP_NAMES = ["-h", "--help"]
HELP_TEXT = "show this help message and exit"


class CommandLineError(UsageError):
    """A usage error, with the help page that explains the command it concerns."""

    def __init__(self, message: str, prog: str) -> None:
        super().__init__(f"{message} (see {prog} --help)")


class Command(TyperCommand):
    """A command whose help page lists options with their metavars, by group, and ends
    with examples; an argument too many is a usage error like any other."""

    allow_extra_args = True  # reported below as "unexpected argument", not click's wording
    points_to_help = True

    def get_params(self, ctx: Context) -> list[Parameter]:
        return TextValue.install(super().get_params(ctx))

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        with _in_context(ctx):
            rest = super().parse_args(ctx, args)
        if rest:
            raise CommandLineError(f"unexpected argument: {rest[0]}", ctx.command_path)
        return rest

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            # A message that already says where to look keeps its own pointer.
            if not self.points_to_help or exc.path is not None or "(see " in exc.message:
                raise
            raise CommandLineError(exc.message, ctx.command_path) from None

    def format_help(self, ctx: Context, formatter: Any) -> None:
        formatter.write(help_page(self, ctx, []))


class SelfExplainedCommand(Command):
    """A command whose every error message says what to do: no pointer to its help."""

    points_to_help = False


class Group(TyperGroup):
    """A group of commands: its help lists them; a misspelt one gets "did you mean"."""

    def get_params(self, ctx: Context) -> list[Parameter]:
        return TextValue.install(super().get_params(ctx))

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        with _in_context(ctx):
            return super().parse_args(ctx, args)

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Any, list[str]]:
        name = args[0]
        if name.startswith("-") or name in self.commands:
            return super().resolve_command(ctx, args)
        names = list(self.commands)
        near = difflib.get_close_matches(name, names, n=1)
        also = f"; did you mean {near[0]}?" if near else f" (one of {', '.join(names)})"
        raise CommandLineError(f"no such command: {name}{also}", ctx.command_path)

    def format_help(self, ctx: Context, formatter: Any) -> None:
        commands = [
            (name, command.get_short_help_str(WIDTH)) for name, command in self.commands.items()
        ]
        formatter.write(help_page(self, ctx, commands))


@contextlib.contextmanager
def _in_context(ctx: Context) -> Iterator[None]:
    """A usage error of the parser's, told which command's arguments it was parsing."""
    try:
        yield
    except click_errors.UsageError as exc:
        if exc.ctx is None:
            exc.ctx = ctx
        raise


CONTEXT = {"help_option_names": HELP_NAMES, "max_content_width": WIDTH}


def typer_app(name: str, summary: str, description: str, examples: Sequence[str]) -> typer.Typer:
    """A group of commands with termcheck's help page and usage errors."""
    return typer.Typer(
        name=name,
        cls=Group,
        help=description,
        short_help=summary,
        epilog=examples_text(examples),
        context_settings=CONTEXT,
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
    )


def command(
    app: typer.Typer,
    name: str,
    summary: str,
    description: str,
    examples: Sequence[str],
    cls: type[Command] = Command,
) -> Callable[[F], F]:
    """Register a command with a one-line summary (in its group's list), a description
    and examples (in its own help page)."""
    return app.command(
        name,
        cls=cls,
        help=description,
        short_help=summary,
        epilog=examples_text(examples),
        context_settings=CONTEXT,
    )


def examples_text(examples: Sequence[str]) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in examples)


# -- values -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextValue(RuntimeParam):
    """The value of an option or argument as the shell gives it: its text (a list of texts
    for a repeatable one), a flag's True or False, or what the option's own parser makes
    of the text. typer would build a pydantic validator for each to do the same, and
    importing pydantic takes a quarter of a one-story check's start-up."""

    @classmethod
    def install(cls, params: list[Parameter]) -> list[Parameter]:
        """`params`, each converting its values here when they are text, a flag or have a
        parser; any other kind of value (a number, a path) stays with typer."""
        for param in params:
            if isinstance(param, (TyperArgument, TyperOption)) and param._runtime_param is None:
                kind = param.type_descriptor
                if kind.parameter_info.parser is not None or kind.annotation in _TEXT_OR_FLAG:
                    param._runtime_param = cls(kind.parameter_info, kind.annotation)
        return params

    def _coerce_value(self, value: Any, param: Any, ctx: Context) -> Any:
        if isinstance(value, (list, tuple)):
            return [self._one(item) for item in value]
        return self._one(value)

    def _one(self, value: Any) -> Any:
        if self.parameter_info.parser is not None:
            return self.parameter_info.parser(value)
        return value if self.annotation is bool else str(value)


_TEXT_OR_FLAG = (str, list[str], bool)


def integer(text: str) -> int:
    """A whole number given on the command line."""
    try:
        return int(text)
    except ValueError:
        raise typer.BadParameter(f"invalid int value: {text!r}") from None


def number(text: str) -> float:
    """A number given on the command line."""
    try:
        return float(text)
    except ValueError:
        raise typer.BadParameter(f"invalid float value: {text!r}") from None


def choice(names: Iterable[str]) -> Callable[[str], str]:
    """One of `names`; a near miss gets "did you mean"."""
    allowed = tuple(names)

    def chosen(text: str) -> str:
        if text in allowed:
            return text
        near = difflib.get_close_matches(text, allowed, n=1)
        also = f"; did you mean {near[0]}?" if near else f" (one of {', '.join(allowed)})"
        raise typer.BadParameter(f"invalid choice {text!r}{also}")

    return chosen


# -- usage errors -------------------------------------------------------------------------------


def usage_error(error: typer.TyperException) -> CommandLineError:
    """typer's usage error in termcheck's words, pointing at the command's help page."""
    ctx = getattr(error, "ctx", None)
    prog = ctx.command_path if ctx is not None else "termcheck"
    return CommandLineError(_plain(error), prog)


def _plain(error: typer.TyperException) -> str:
    if isinstance(error, click_errors.NoSuchOption):
        return f"no such option: {error.option_name}"
    if isinstance(error, click_errors.BadOptionUsage):
        needs = "requires" in error.message
        return f"option {error.option_name} {'needs a value' if needs else 'takes no value'}"
    if isinstance(error, click_errors.MissingParameter) and error.param is not None:
        if isinstance(error.param, TyperOption):
            return f"missing option: {'/'.join(error.param.opts)}"
        return f"missing argument: {_metavar(error.param)}"
    if isinstance(error, click_errors.BadParameter) and error.param is not None:
        return f"{_names(error.param)}: {error.message}"
    message = error.message.rstrip(".")
    return message[:1].lower() + message[1:]


def _names(param: Any) -> str:
    return "/".join(param.opts) if isinstance(param, TyperOption) else _metavar(param)


def _metavar(param: Any) -> str:
    return str(param.metavar or param.name.upper().replace("_", "-"))


# -- help pages ---------------------------------------------------------------------------------


def help_page(
    command: TyperCommand | TyperGroup, ctx: Context, commands: list[tuple[str, str]]
) -> str:
    """The help page: usage, description, arguments, options by group, examples."""
    params = command.get_params(ctx)
    arguments = [p for p in params if isinstance(p, TyperArgument)]
    options = sorted(
        (p for p in params if not isinstance(p, TyperArgument)), key=lambda p: p.name != "help"
    )
    pieces = [_usage_piece(p) for p in options]
    pieces += [_argument_usage(p) for p in arguments]
    if commands:
        pieces.append("COMMAND ...")
    usage = _usage(f"usage: {ctx.command_path} ", pieces)
    rows: dict[str, list[tuple[str, str]]] = {}
    if arguments or commands:
        rows["positional arguments"] = [(_metavar(p), p.help or "") for p in arguments]
    if commands:
        rows["positional arguments"].append(("COMMAND", ""))
        rows["positional arguments"] += [(f"  {name}", summary) for name, summary in commands]
    rows["options"] = []
    for option in options:
        group = getattr(option, "rich_help_panel", None) or "options"
        rows.setdefault(group, []).append(_option_row(option))
    column = min(
        HELP_COLUMN, max(len(left) for section in rows.values() for left, _ in section) + 4
    )
    sections = [usage, _wrapped(command.help or "")]
    for title, section in rows.items():
        lines = [f"{title}:"]
        for left, text in section:
            lines += _row(left, text, column)
        sections.append("\n".join(lines))
    if command.epilog:
        sections.append(command.epilog)
    return "\n\n".join(s for s in sections if s) + "\n"


def _usage(lead: str, pieces: list[str]) -> str:
    """The usage line, wrapped between pieces (never inside one) under the first."""
    lines = [lead.rstrip()]
    for piece in pieces:
        if len(lines[-1]) + 1 + len(piece) > WIDTH and len(lines[-1]) > len(lead):
            lines.append(" " * (len(lead) - 1))
        lines[-1] += " " + piece
    return "\n".join(lines)


def _row(left: str, text: str, column: int) -> list[str]:
    shown = f"  {left}"
    wrapped = textwrap.wrap(text, WIDTH - column) or [""]
    if len(shown) + 2 > column:
        return [shown] + [" " * column + line for line in wrapped if line]
    first = f"{shown:<{column}}{wrapped[0]}".rstrip()
    return [first] + [" " * column + line for line in wrapped[1:]]


def _option_row(option: Any) -> tuple[str, str]:
    if option.name == "help":
        return ", ".join(HELP_NAMES), HELP_TEXT
    if option.is_flag or option.count:
        return ", ".join([*option.opts, *option.secondary_opts]), option.help or ""
    return ", ".join(f"{name} {_metavar(option)}" for name in option.opts), option.help or ""


def _usage_piece(option: Any) -> str:
    if option.name == "help":
        return "[-h]"
    if option.secondary_opts:
        shown = f"{option.opts[0]} | {option.secondary_opts[0]}"
    elif option.is_flag:
        shown = option.opts[0]
    else:
        shown = f"{option.opts[0]} {_metavar(option)}"
    return shown if option.required else f"[{shown}]"


def _argument_usage(argument: Any) -> str:
    name = _metavar(argument)
    if argument.nargs == -1:
        return f"{name} [{name} ...]" if argument.required else f"[{name} ...]"
    return name if argument.required else f"[{name}]"


def _wrapped(text: str, width: int = 90) -> str:
    """Paragraphs with a line wider than `width` filled to it; the others as written."""
    paragraphs = text.split("\n\n")
    return "\n\n".join(
        textwrap.fill(" ".join(p.split()), width) if max(map(len, p.splitlines())) > width else p
        for p in paragraphs
    )
