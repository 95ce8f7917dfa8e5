"""Plain data: a compiled glossary written as JSON and read back without running any code
but the constructors of a closed list of classes.

Unlike pickle, which calls whatever a file names, reading plain data can only build the
value types below and the classes registered in `CLASSES` (the glossary model and the
term index), field by field. JSON objects are never plain mappings: each is a one-key
wrapper that says what it holds, so a file cannot make one thing pass for another.

    null, true, 1, 1.5, "text", [list]   as JSON
    {"t": [...]}  tuple        {"s": [...]}  set          {"f": [...]}  frozenset
    {"d": [[k, v], ...]}  dict {"b": "base64"}  bytes     {"a": ["q", "base64"]}  array
    {"e": ["Role", "forbidden"]}  enum member             {"o": ["Entry", {...}]}  object
    {"r": "entries"}  a reference to a value kept apart (the lazily read entries)

The term index's automata are not stored: only their keys are (text), from which the index
makes them again, so no C parser ever reads bytes from the file.

Many objects of one class (the glossary's entries) are written as rows instead
(`dumps_row`, `loads_row`): an object is a JSON list of its fields in declaration order
(an enum member as its value, a date as ISO text, a tuple as a list, a registered
dataclass as a row of its own), so no tag or field name is written; json's encoder walks
the row and hands each of the model's objects to Python only for the tuple of its fields.
The reader is told the class and builds only what its fields' types say."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import enum
import functools
import json
import types
import typing
from array import array
from collections.abc import Callable, Iterator, Mapping
from operator import attrgetter
from typing import Any, TypeVar

from checker.dates import PartialDate
from checker.glossary import model
from checker.match import index

CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        model.Kind,
        model.Role,
        model.Form,
        model.Coverage,
        model.Tenure,
        model.Spec,
        model.Event,
        model.Entry,
        model.Holding,
        model.Glossary,
        PartialDate,
        index.Candidate,
        index.TermIndex,
        index._CandidateTable,
    )
}
_ARRAY_TYPES = frozenset("bBhHiIlLqQfd")


class PlainDataError(ValueError):
    """The data is not plain data of the registered classes."""


def dumps(value: Any, references: Mapping[int, str] | None = None) -> bytes:
    """The value as plain-data JSON; objects whose id is in `references` are written as
    references to the names given."""
    return b"".join(dump_parts(value, references))


def dump_parts(value: Any, references: Mapping[int, str] | None = None) -> Iterator[bytes]:
    """The JSON of `dumps`, in parts: a tuple's items and a registered object's fields are
    each encoded in turn, so the text of a large value (a term index) is never built whole
    (json's encoder holds every piece of its output until it joins them)."""
    return _Encoder(references or {}).parts(value)


def loads(data: bytes | str, references: Mapping[str, Any] | None = None) -> Any:
    """The value written by `dumps`; references are looked up in `references`."""
    decoder = _Decoder(references or {})
    try:
        return json.loads(data, object_hook=decoder.decode)
    except (RecursionError, KeyError, TypeError, AttributeError) as exc:
        raise PlainDataError(f"not plain data: {type(exc).__name__}: {exc}") from None


T = TypeVar("T")


def dumps_row(value: Any) -> bytes:
    """An object of a registered dataclass as a row (see the module's notes)."""
    return "".join(_encode_row(_row_part(value), 0)).encode()


def _row_part(value: Any) -> Any:
    """What a row holds for one of the model's objects, which json's encoder cannot write
    itself and hands to this: a dataclass as the tuple of its fields (each written in turn,
    by json or by this), an enum member as its value, a date as ISO text."""
    write = _ROW_WRITERS.get(type(value))
    if write is None:
        write = _ROW_WRITERS[type(value)] = _row_writer(type(value))
    return write(value)


def _row_writer(cls: type) -> Callable[[Any], Any]:
    if cls is dt.date:
        return dt.date.isoformat
    if issubclass(cls, enum.Enum):
        _registered(cls)
        return attrgetter("_value_")  # `value` itself is a property, run in Python
    if dataclasses.is_dataclass(cls):
        _registered(cls)
        names = [f.name for f in dataclasses.fields(cls)]
        if len(names) == 1:  # attrgetter of one name gives the value, not a tuple
            return lambda value: (getattr(value, names[0]),)
        return attrgetter(*names)
    raise PlainDataError(f"no row form for {cls.__module__}.{cls.__qualname__}")


_ROW_WRITERS: dict[type, Callable[[Any], Any]] = {}
# One encoder for every row: compact, no cycle check (rows are trees); ASCII, so text that
# carries undecodable bytes (a file name's surrogate escapes) is written too. The model's
# objects are handed to `_row_part` as json meets them, so their fields are walked by
# json's C code.
_ROW_ENCODER = json.JSONEncoder(separators=(",", ":"), check_circular=False, default=_row_part)
# Its C encoder, made once: `JSONEncoder.encode` makes one for every value it is given
# (the pure-Python one where json has no C encoder).
_C_ENCODER: Any = getattr(json.encoder, "c_make_encoder", None)
_encode_row: Any = (  # (value, indent level) → its JSON in pieces
    _C_ENCODER(
        None, _row_part, json.encoder.encode_basestring_ascii, None, ":", ",", False, False, True
    )
    if _C_ENCODER is not None
    else _ROW_ENCODER.iterencode
)


def loads_row(cls: type[T], data: bytes | str) -> T:
    """The object of class `cls` that `dumps_row` wrote as `data`."""
    declared: Any = cls
    decode = _row_reader(declared)
    assert decode is not None
    try:
        value: T = decode(json.loads(data))
    except PlainDataError:
        raise
    except (RecursionError, TypeError, ValueError, AttributeError) as exc:
        raise PlainDataError(f"not a row of {cls.__name__}: {type(exc).__name__}: {exc}") from None
    return value


# How a value of a declared type is read back from a row; None: as JSON gives it.
_Reader = Callable[[Any], Any] | None


@functools.cache
def _row_reader(declared: Any) -> _Reader:
    """The reader of values of a declared type: JSON's scalars, `X | None`, an enum or a
    dataclass registered in `CLASSES`, a date, `tuple[X, ...]`, `tuple[X, Y]`."""
    if declared in _SCALARS:
        return None
    origin = typing.get_origin(declared)
    if origin is typing.Union or origin is types.UnionType:
        present = [t for t in typing.get_args(declared) if t is not type(None)]
        if all(t in _SCALARS for t in present):
            return None
        if len(present) != 1:
            raise PlainDataError(f"no row form for {declared}")
        return _optional(_row_reader(present[0]))
    if origin is tuple:
        return _tuple_reader(typing.get_args(declared))
    if declared is dt.date:
        return dt.date.fromisoformat
    if isinstance(declared, type) and issubclass(declared, enum.Enum):
        _registered(declared)
        return declared
    if isinstance(declared, type) and dataclasses.is_dataclass(declared):
        return _dataclass_reader(declared)
    raise PlainDataError(f"no row form for {declared}")


def _optional(decode: _Reader) -> _Reader:
    assert decode is not None
    return lambda row: None if row is None else decode(row)


def _tuple_reader(items: tuple[Any, ...]) -> _Reader:
    if len(items) == 2 and items[1] is Ellipsis:  # tuple[X, ...]
        decode = _row_reader(items[0])
        if decode is None:
            return _list_as_tuple
        return lambda row: tuple([decode(v) for v in _list_as_tuple(row)])
    decoders = [_row_reader(item) for item in items]
    size = len(decoders)

    def read(row: Any) -> tuple[Any, ...]:
        if type(row) is not list or len(row) != size:
            raise PlainDataError(f"expected a list of {size} values")
        return tuple(v if d is None else d(v) for d, v in zip(decoders, row, strict=True))

    return read


def _list_as_tuple(row: Any) -> tuple[Any, ...]:
    if type(row) is not list:
        raise PlainDataError("expected a list")
    return tuple(row)


def _dataclass_reader(cls: type) -> _Reader:
    """A row of the dataclass's fields in order; only the fields whose type JSON does not
    hold itself are converted."""
    _registered(cls)
    declared = typing.get_type_hints(cls)
    names = tuple(f.name for f in dataclasses.fields(cls))
    size = len(names)
    converted = [(i, _row_reader(declared[name])) for i, name in enumerate(names)]
    decoders = [(i, decode) for i, decode in converted if decode is not None]

    def read(row: Any) -> Any:
        if type(row) is not list or len(row) != size:
            raise PlainDataError(f"a row of {cls.__name__} is a list of {size} values")
        for i, decode in decoders:
            row[i] = decode(row[i])
        return cls(*row)

    return read


_SCALARS = frozenset({str, int, float, bool, type(None)})


class _Encoder:
    def __init__(self, references: Mapping[int, str]) -> None:
        self.references = references

    def parts(self, value: Any, top: bool = True) -> Iterator[bytes]:
        """The value's JSON in parts: the items of the tuple given (`top`), the fields of a
        term index and of its tables."""
        kind = type(value)
        if id(value) in self.references:
            yield self.dumps(value)
        elif kind is tuple and top:
            yield b'{"t":['
            for i, item in enumerate(value):
                if i:
                    yield b","
                yield from self.parts(item, top=False)
            yield b"]}"
        elif kind is index.TermIndex or kind is index._CandidateTable:
            yield b'{"o":[' + self.dumps(_registered(kind)) + b',{"d":['
            for i, (key, field) in enumerate(_state(value).items()):
                yield (b",[" if i else b"[") + self.dumps(key) + b","
                yield from self.parts(field, top=False)
                yield b"]"
            yield b"]}]}"
        else:
            yield self.dumps(value)

    def dumps(self, value: Any) -> bytes:
        # Objects of the model left in a structure are handed back by json's encoder to
        # `encode`, so their fields are walked by json's C code, not by Python.
        text = json.dumps(self.encode(value), default=self.encode, separators=(",", ":"))
        return text.encode()

    def encode(self, value: Any) -> Any:
        kind = type(value)
        if kind in _SCALARS:
            return value
        name = self.references.get(id(value))
        if name is not None:
            return {"r": name}
        if kind is tuple or kind is list or kind is frozenset or kind is set:
            if _LEFT.issuperset(map(type, value)):  # nothing to convert: copied (or not) in C
                items = value if kind is list else list(value)
            else:
                items = [v if type(v) in _LEFT else self.encode(v) for v in value]
            return items if kind is list else {_COLLECTION_TAGS[kind]: items}
        if kind is dict:
            return {
                "d": [
                    [
                        k if type(k) in _SCALARS else self.encode(k),
                        v if type(v) in _LEFT else self.encode(v),
                    ]
                    for k, v in value.items()
                ]
            }
        if kind is bytes:
            return {"b": base64.b64encode(value).decode("ascii")}
        if kind is array:
            return {"a": [value.typecode, base64.b64encode(value.tobytes()).decode("ascii")]}
        if isinstance(value, enum.Enum):
            code = _ENUM_CODES.get(value)
            if code is None:
                code = _ENUM_CODES[value] = {"e": [_registered(kind), value.value]}
            return code
        if kind is dt.date:
            return {"o": ["date", value.isoformat()]}
        state = [
            [key, v if type(v) in _LEFT else self.encode(v)] for key, v in _state(value).items()
        ]
        return {"o": [_registered(kind), {"d": state}]}


_COLLECTION_TAGS: dict[type, str] = {tuple: "t", frozenset: "f", set: "s"}
_ENUM_CODES: dict[enum.Enum, dict[str, list[Any]]] = {}
# Values written as they are (scalars) or left for json to hand back to `encode` (objects
# of the registered classes, dates): never a container, which json would write untagged.
_LEFT = (
    _SCALARS
    | frozenset(
        cls for cls in CLASSES.values() if cls not in (index.TermIndex, index._CandidateTable)
    )
    | {dt.date}
)


def _registered(cls: type) -> str:
    if CLASSES.get(cls.__name__) is not cls:
        raise PlainDataError(f"{cls.__module__}.{cls.__qualname__} is not a plain-data class")
    return cls.__name__


def _state(value: Any) -> dict[str, Any]:
    """What an object is made of: its own `__getstate__` where it has one (the term index
    leaves out what it rebuilds on use), else its fields and attributes."""
    if isinstance(value, index.TermIndex):
        return value.__getstate__()
    if isinstance(value, index._CandidateTable):
        pairs, starts = value.__getstate__()
        return {"_pairs": pairs, "_starts": starts}
    kind: Any = type(value)  # a class is hashable, as the cache of field names needs
    names = _field_names(kind)
    if names is None:
        raise PlainDataError(f"cannot store {type(value).__name__}")
    state = {name: getattr(value, name) for name in names}
    extra = getattr(value, "__dict__", None)  # cached properties of a dataclass
    if extra:
        state.update(extra)
    return state


@functools.cache
def _field_names(cls: Any) -> tuple[str, ...] | None:
    """A dataclass's field names, worked out once per class (None for other classes)."""
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls))


class _Decoder:
    def __init__(self, references: Mapping[str, Any]) -> None:
        self.references = references
        self.tags: dict[str, Callable[[Any], Any]] = {
            "t": tuple,
            "f": frozenset,
            "s": set,
            "d": lambda pairs: {k: v for k, v in pairs},
            "b": lambda text: base64.b64decode(text, validate=True),
            "a": _array,
            "e": _enum,
            "o": _object,
            "r": lambda name: self.references[name],
        }

    def decode(self, wrapper: dict[str, Any]) -> Any:
        if len(wrapper) != 1:
            raise PlainDataError("an object must be a one-key wrapper")
        ((tag, content),) = wrapper.items()
        try:
            build = self.tags[tag]
        except KeyError:
            raise PlainDataError(f"unknown tag {tag!r}") from None
        return build(content)


def _array(content: list[str]) -> array[Any]:
    typecode, data = content
    if typecode not in _ARRAY_TYPES:
        raise PlainDataError(f"unknown array type {typecode!r}")
    values = array(typecode)
    values.frombytes(base64.b64decode(data, validate=True))
    return values


def _enum(content: list[Any]) -> enum.Enum:
    name, value = content
    cls = CLASSES.get(name)
    if cls is None or not issubclass(cls, enum.Enum):
        raise PlainDataError(f"unknown enum {name!r}")
    return cls(value)


def _object(content: list[Any]) -> Any:
    name, state = content
    if name == "date":
        return dt.date.fromisoformat(state)
    cls = CLASSES.get(name)
    if cls is None or issubclass(cls, enum.Enum) or not isinstance(state, dict):
        raise PlainDataError(f"unknown class {name!r}")
    obj: Any = object.__new__(cls)
    if isinstance(obj, index.TermIndex | index._CandidateTable):
        if isinstance(obj, index._CandidateTable):
            obj.__setstate__((state["_pairs"], state["_starts"]))
        else:
            obj.__setstate__(state)
        return obj
    fields = {f.name for f in dataclasses.fields(obj)}
    for key, value in state.items():
        cached = hasattr(obj, "__dict__") and isinstance(key, str) and not key.startswith("__")
        if key not in fields and not cached:
            raise PlainDataError(f"{name} has no field {key!r}")
        object.__setattr__(obj, key, value)
    return obj
