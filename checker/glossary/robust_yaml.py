"""YAML read into plain data (dicts, lists, scalars) in one pass over the parser's events,
bounded, with the line of every mapping under the key `LINE`.

The events come from libyaml (PyYAML's C parser) when PyYAML was built with it, else from
PyYAML's pure-Python parser; the data are built here from the events in the same way for
both, so both give the same data and the same errors. What a glossary must never do is an
error at its place: a duplicate key, nesting deeper than `MAX_DEPTH`, an integer of more
than `MAX_INTEGER_DIGITS` digits or a float out of range, an impossible date, aliases that
stand for more than `MAX_ALIASED` values, a character YAML does not allow, a tag that names
no plain type. The events are never held as a tree: a mapping or list is built as its events
arrive, and the items of a glossary's `entries` can be handed to a function as each is
complete (`parse_yaml(..., each_entry=...)`), so a large glossary is never held twice.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.reader import Reader
from yaml.resolver import BaseResolver, Resolver

from checker.errors import GlossaryError

LINE = "__line__"

# Bounds on what a YAML file may hold, so that no file can exhaust the stack or the memory.
MAX_DEPTH = 32  # nested mappings and lists
MAX_INTEGER_DIGITS = 18
MAX_ALIASED = 1_000_000  # values that aliases stand for, counted each time one is used

# The C parser, when PyYAML has it; `pure=True` or its absence means the Python one.
C_PARSER: type[Any] | None = yaml.CSafeLoader if yaml.__with_libyaml__ else None

EachEntry = Callable[[Any, int], Any]

_STR = BaseResolver.DEFAULT_SCALAR_TAG
_MAP = BaseResolver.DEFAULT_MAPPING_TAG
_SEQ = BaseResolver.DEFAULT_SEQUENCE_TAG
_NON_SPECIFIC = (None, "!")
# PyYAML's implicit resolvers of plain scalars by first character ('' for an empty value),
# applied as its `Resolver.resolve` applies them, without its per-call work for path
# resolvers and for resolvers of any first character, which the safe loader has none of.
_IMPLICIT = {first: tuple(found) for first, found in Resolver.yaml_implicit_resolvers.items()}
assert None not in _IMPLICIT and not Resolver.yaml_path_resolvers
_RESOLVED_BY_FIRST = frozenset(k for k in _IMPLICIT if k)


def parse_yaml(
    text: str, path: str, each_entry: EachEntry | None = None, *, pure: bool = False
) -> Any:
    """The YAML document in `text` as plain data, or a one-line `GlossaryError` naming
    `path`, the line (and column) and the problem. With `each_entry`, every item of the
    top-level list, or of the list under the top-level mapping's `entries`, is replaced by
    `each_entry(item, line)` as soon as it is read, `line` being that of the mapping that
    holds the list (1 for a top-level list).

    A character YAML does not allow is the first problem named, wherever it is. Both
    parsers refuse every such character they read, and a document read to its end has had
    every character read, so the text is searched for one only when reading fails."""
    try:
        return _parse(text, path, each_entry, pure)
    except Exception:
        bad = Reader.NON_PRINTABLE.search(text)
        if bad:
            line = text.count("\n", 0, bad.start()) + 1
            problem = f"character U+{ord(bad.group()):04X} is not allowed in YAML"
            raise GlossaryError(f"invalid YAML: {problem}", path, line) from None
        raise


def _parse(text: str, path: str, each_entry: EachEntry | None, pure: bool) -> Any:
    fast = not pure and C_PARSER is not None
    parser = C_PARSER(text) if fast and C_PARSER is not None else yaml.SafeLoader(text)
    try:
        return _Builder(each_entry).document(parser.get_event)
    except yaml.YAMLError as exc:
        if fast and _LIBYAML_DEPTH in str(getattr(exc, "problem", "")):
            _raise_depth_error(text, exc, path)
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        where = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise GlossaryError(f"invalid YAML: {problem}", path, where, column) from None
    finally:
        parser.dispose()


# libyaml's own bound on nesting (1,000 levels), met while it scans ahead in a flow
# collection, before the events that cross `MAX_DEPTH` reach the builder.
_LIBYAML_DEPTH = "exceeded maximum nesting depth"


def _raise_depth_error(text: str, exc: Any, path: str) -> None:
    """Where the nesting first goes past `MAX_DEPTH`, found by the pure parser in the text
    up to the line where libyaml stopped (which holds that place)."""
    line = exc.problem_mark.line
    end = -1
    for _ in range(line + 1):
        end = text.find("\n", end + 1)
        if end < 0:
            end = len(text)
            break
    parse_yaml(text[:end], path, pure=True)
    raise GlossaryError(f"invalid YAML: {exc.problem}", path, line + 1)


class _Scalars(yaml.constructor.SafeConstructor):
    """PyYAML's constructors of the scalar types, bounded and naming the place of a value
    they cannot read."""

    def construct_yaml_int(self, node: ScalarNode) -> int:
        digits = sum(ch.isalnum() for ch in str(node.value))
        if digits > MAX_INTEGER_DIGITS:
            raise ConstructorError(
                None, None, f"number too large ({digits:,} digits)", node.start_mark
            )
        return int(super().construct_yaml_int(node))

    def construct_yaml_float(self, node: ScalarNode) -> float:
        value = float(super().construct_yaml_float(node))
        if math.isinf(value) and "inf" not in str(node.value).lower():
            raise ConstructorError(None, None, "number too large", node.start_mark)
        return value

    def construct_yaml_timestamp(self, node: ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise ConstructorError(
                None, None, f"{node.value!r} is not a date: {exc}", node.start_mark
            ) from None


_CONSTRUCTOR = _Scalars()
_SCALAR_TYPES = {
    "tag:yaml.org,2002:null": _CONSTRUCTOR.construct_yaml_null,
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
    "tag:yaml.org,2002:binary": _CONSTRUCTOR.construct_yaml_binary,
    "tag:yaml.org,2002:timestamp": _CONSTRUCTOR.construct_yaml_timestamp,
}
_KEY_TYPES = (str, int, float, bool, dt.date, type(None))


def _no_constructor(tag: str, mark: Any) -> ConstructorError:
    return ConstructorError(
        None, None, f"could not determine a constructor for the tag {tag!r}", mark
    )


def _scalar(event: Any) -> Any:
    value = event.value
    tag = event.tag
    if tag in _NON_SPECIFIC:
        if not event.implicit[0] or (value and value[0] not in _RESOLVED_BY_FIRST):
            return value
        tag = _STR
        for resolved, pattern in _IMPLICIT[value[:1]]:
            if pattern.match(value):
                tag = resolved
                break
    if tag == _STR:
        return value
    construct = _SCALAR_TYPES.get(tag)
    if construct is None:
        raise _no_constructor(tag, event.start_mark)
    return construct(ScalarNode(tag, value, event.start_mark, event.end_mark, event.style))


class _Collection:
    """A mapping or list being built: its value, where it began, its anchor, and for a
    mapping the key waiting for its value and where each key so far was; for a list, what
    is done to each item (`each`)."""

    __slots__ = ("anchor", "each", "is_list", "key", "mark", "seen", "value")

    def __init__(self, value: Any, mark: Any, anchor: str | None) -> None:
        self.value = value
        self.is_list = type(value) is list
        self.mark = mark
        self.anchor = anchor
        self.key: Any = _NO_KEY
        self.seen: dict[Any, Any] = {}
        self.each: Callable[[Any], Any] | None = None


_NO_KEY = object()
_NOT_READ = object()
_REMEMBERED = 4096  # plain scalars whose values are kept (see `_Builder.plain`)


class _Builder:
    """Plain data from a stream of parser events (`document`)."""

    def __init__(self, each_entry: EachEntry | None) -> None:
        self.each_entry = each_entry
        self.open: list[_Collection] = []
        self.anchors: dict[str, Any] = {}
        self.anchor_marks: dict[str, Any] = {}
        self.aliased = 0  # values that aliases stood for so far
        # Plain scalars that YAML might read as another type ("from", "null", "Tanaka"),
        # each read once: their values (text, or a null, number, boolean or date, none of
        # which can change). Mostly keys, met again in every entry; at most `_REMEMBERED`.
        self.plain: dict[str, Any] = {}

    def document(self, next_event: Callable[[], Any]) -> Any:
        """The single document of the stream (None if there is none). The loop runs once
        per event of the file, so the common events take the shortest path."""
        open_ = self.open
        top: _Collection | None = None  # open_[-1]
        root: Any = None
        root_mark = None
        done = False
        resolved_by_first = _RESOLVED_BY_FIRST
        plain = self.plain
        while True:
            event = next_event()
            kind = type(event)
            if kind is ScalarEvent:
                if event.anchor is not None or len(open_) >= MAX_DEPTH:
                    value = self.anchored_scalar(event)
                else:
                    value = event.value
                    if event.tag is not None:
                        value = _scalar(event)
                    elif event.implicit[0] and (not value or value[0] in resolved_by_first):
                        known = plain.get(value, _NOT_READ)
                        if known is _NOT_READ:
                            known = _scalar(event)
                            if len(plain) < _REMEMBERED:
                                plain[value] = known
                        value = known
                mark = event.start_mark
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                top = self.start(event, kind is SequenceStartEvent)
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                closed = open_.pop()
                top = open_[-1] if open_ else None
                value = closed.value
                mark = closed.mark
                if kind is MappingEndEvent:
                    value[LINE] = mark.line + 1
                if closed.anchor is not None:
                    self.anchors[closed.anchor] = value
            elif kind is AliasEvent:
                if len(open_) >= MAX_DEPTH:
                    raise _too_deep(event)
                value = self.alias(event)
                mark = event.start_mark
            elif kind is StreamEndEvent:
                return root
            else:  # the stream's and documents' starts and ends
                if done and kind is yaml.DocumentStartEvent:
                    raise _another_document(root_mark, event)
                continue
            if top is None:
                root, root_mark, done = value, mark, True
            elif top.is_list:
                if top.each is not None:
                    value = top.each(value)
                top.value.append(value)
            elif top.key is _NO_KEY:
                if type(value) is not str and not isinstance(value, _KEY_TYPES):
                    raise ConstructorError(None, None, "a mapping key must be text", mark)
                first = top.seen.setdefault(value, mark)
                if first is not mark:
                    raise ConstructorError(
                        None,
                        None,
                        f"duplicate key {value!r} (first on line {first.line + 1})",
                        mark,
                    )
                top.key = value
            else:
                top.value[top.key] = value
                top.key = _NO_KEY

    def start(self, event: Any, is_list: bool) -> _Collection:
        """A mapping or list that starts at `event`, now the innermost open one."""
        if len(self.open) >= MAX_DEPTH:
            raise _too_deep(event)
        if event.anchor is not None:
            self.start_anchor(event)
        if event.tag not in _NON_SPECIFIC and event.tag != (_SEQ if is_list else _MAP):
            raise _no_constructor(event.tag, event.start_mark)
        opened = _Collection([] if is_list else {}, event.start_mark, event.anchor)
        if is_list and len(self.open) <= 1:  # only the top level's lists hold entries
            opened.each = self.entries_of()
        self.open.append(opened)
        return opened

    def anchored_scalar(self, event: Any) -> Any:
        if len(self.open) >= MAX_DEPTH:
            raise _too_deep(event)
        self.start_anchor(event)
        value = self.anchors[event.anchor] = _scalar(event)
        return value

    def entries_of(self) -> Callable[[Any], Any] | None:
        """What a list that starts now does to each item: `each_entry` for the top-level
        list and the top-level mapping's `entries`, nothing for any other."""
        each_entry = self.each_entry
        if each_entry is None or len(self.open) > 1:
            return None
        if not self.open:
            return lambda item: each_entry(item, 1)
        holder = self.open[0]
        if holder.is_list or holder.key != "entries":
            return None
        line = holder.mark.line + 1
        return lambda item: each_entry(item, line)

    def start_anchor(self, event: Any) -> None:
        first = self.anchor_marks.get(event.anchor)
        if first is not None:
            raise ComposerError(
                f"found duplicate anchor {event.anchor!r}; first occurrence",
                first,
                "second occurrence",
                event.start_mark,
            )
        self.anchor_marks[event.anchor] = event.start_mark

    def alias(self, event: Any) -> Any:
        """The value of the anchor the alias names; an alias costs the values it stands
        for, and all of them together at most `MAX_ALIASED`."""
        if event.anchor not in self.anchors:
            problem = (
                "found unconstructable recursive node"
                if event.anchor in self.anchor_marks
                else f"found undefined alias {event.anchor!r}"
            )
            raise ComposerError(None, None, problem, event.start_mark)
        value = self.anchors[event.anchor]
        self.aliased += _size(value, MAX_ALIASED - self.aliased)
        if self.aliased > MAX_ALIASED:
            raise ComposerError(
                None, None, f"aliases stand for more than {MAX_ALIASED:,} values", event.start_mark
            )
        return value


def _size(value: Any, limit: int) -> int:
    """The number of values in `value` (itself, and all it holds, a shared part counted
    each time), or a number past `limit` once it is past."""
    count = 0
    pending = [value]
    while pending and count <= limit:
        item = pending.pop()
        count += 1
        if type(item) is dict:
            pending.extend(v for k, v in item.items() if k != LINE)
            count += len(item) - (LINE in item)
        elif type(item) is list:
            pending.extend(item)
    return count


def _too_deep(event: Any) -> ComposerError:
    return ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark)


def _another_document(first: Any, event: Any) -> ComposerError:
    return ComposerError(
        "expected a single document in the stream",
        first,
        "but found another document",
        event.start_mark,
    )
