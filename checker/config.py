"""Configuration: `termcheck.toml`, or `[tool.termcheck]` in `pyproject.toml`, found by
walking up from each checked file; options given on the command line win over the file.

    glossaries = ["desk/extra-names.yaml"]              # added to the bundled ones;
    bundled = true                                      # false: only the files above
    style = "news-agency"                               # a bundled profile or a YAML file
    select = ["TM", "TT", "NM"]                         # codes or prefixes
    ignore = ["ST004"]
    fail-on = "error"                                   # info, warning or error
    [severity]                                          # per rule, by code or name
    TM001 = "warning"
    [per-file-ignores]                                  # glob (relative to this file) = codes
    "archive/**" = ["ST"]
    metrics = ["chrf", "bleu"]                          # `headlines`: the scores to compute

`check` reads every key but `metrics`; `headlines` reads them all (its per-file ignores
apply to the pair files they match).

Validation is strict: an unknown key, rule code or value is an error naming the file, the
line and the column.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from checker.engine import FileIgnore, Selection, known_code
from checker.errors import UsageError
from checker.model import Severity
from checker.rules import code_for
from checker.style import available_styles

if TYPE_CHECKING:
    import tomllib

CONFIG_FILE = "termcheck.toml"
PYPROJECT = "pyproject.toml"
DEFAULT_FAIL_ON = Severity.WARNING
_PYPROJECT_TABLE = ("tool", "termcheck")
_HAS_TABLE = re.compile(r"^\s*\[\s*tool\s*\.\s*termcheck\s*[\].]", re.MULTILINE)
_KEYS = (
    "glossaries",
    "bundled",
    "style",
    "select",
    "ignore",
    "fail-on",
    "severity",
    "per-file-ignores",
    "metrics",
)


@dataclass(frozen=True)
class Settings:
    """What a check runs with. A field left None is taken from the next source: the
    command line first, then the configuration file, then the defaults."""

    glossaries: tuple[str, ...] | None = None  # added to the bundled glossaries
    bundled: bool | None = None  # None: true, the bundled glossaries are used
    style: str | None = None  # None: the default profile
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_on: Severity | None = None
    severities: Mapping[str, Severity] = field(default_factory=dict)
    per_file_ignores: tuple[FileIgnore, ...] = ()
    metrics: tuple[str, ...] | None = None  # `headlines`' scores; None: all
    path: Path | None = None  # the configuration file these settings came from

    def over(self, base: Settings | None) -> Settings:
        """These settings, with what they leave open taken from `base`."""
        if base is None:
            return self
        return replace(
            base,
            glossaries=self.glossaries if self.glossaries is not None else base.glossaries,
            bundled=self.bundled if self.bundled is not None else base.bundled,
            style=self.style if self.style is not None else base.style,
            select=self.select if self.select is not None else base.select,
            ignore=self.ignore if self.ignore is not None else base.ignore,
            fail_on=self.fail_on if self.fail_on is not None else base.fail_on,
            severities={**base.severities, **self.severities},
            per_file_ignores=(*base.per_file_ignores, *self.per_file_ignores),
            metrics=self.metrics if self.metrics is not None else base.metrics,
        )

    def selection(self) -> Selection:
        return Selection(
            self.select or (),
            self.ignore or (),
            dict(self.severities),
            self.per_file_ignores,
        )

    @property
    def uses_bundled(self) -> bool:
        return self.bundled is not False

    @property
    def threshold(self) -> Severity:
        """The lowest severity that fails a run."""
        return self.fail_on or DEFAULT_FAIL_ON


class ConfigFinder:
    """Finds and loads the configuration of each checked file, once per folder."""

    def __init__(self, explicit: str | Path | None = None) -> None:
        self._explicit = load_config(Path(explicit)) if explicit is not None else None
        self._by_folder: dict[Path, Path | None] = {}
        self._loaded: dict[Path, Settings] = {}

    def for_file(self, path: str) -> Settings | None:
        """The settings of the configuration that governs `path` (None if there is none)."""
        if self._explicit is not None:
            return self._explicit
        folder = Path.cwd() if path == "-" else Path(os.path.realpath(path)).parent
        found = self._find(folder)
        if found is None:
            return None
        if found not in self._loaded:
            self._loaded[found] = load_config(found)
        return self._loaded[found]

    def _find(self, folder: Path) -> Path | None:
        if folder not in self._by_folder:
            self._by_folder[folder] = _config_in(folder) or (
                self._find(folder.parent) if folder.parent != folder else None
            )
        return self._by_folder[folder]


def _config_in(folder: Path) -> Path | None:
    candidate = folder / CONFIG_FILE
    if candidate.is_file():
        return candidate
    pyproject = folder / PYPROJECT
    if pyproject.is_file() and _HAS_TABLE.search(_read(pyproject)):
        return pyproject
    return None


def load_config(path: Path) -> Settings:
    """Read and validate one configuration file."""
    import tomllib  # only where there is a configuration file

    text = _read(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(path, exc) from None
    root: tuple[str, ...] = ()
    if path.name == PYPROJECT:
        root = _PYPROJECT_TABLE
        table = (
            data.get("tool", {}).get("termcheck") if isinstance(data.get("tool"), dict) else None
        )
        if not isinstance(table, dict):
            raise UsageError("no [tool.termcheck] table", str(path))
        data = table
    return _Validator(path, text, root).settings(data)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError("no such configuration file", str(path)) from None
    except UnicodeDecodeError:
        raise UsageError("the configuration file is not UTF-8", str(path)) from None
    except OSError as exc:
        raise UsageError(
            f"cannot read the configuration: {exc.strerror or exc}", str(path)
        ) from None


def _toml_error(path: Path, exc: tomllib.TOMLDecodeError) -> UsageError:
    message = str(exc)
    where = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if where is None:
        return UsageError(f"not valid TOML: {message}", str(path))
    return UsageError(
        f"not valid TOML: {message[: where.start()]}",
        str(path),
        int(where.group(1)),
        int(where.group(2)),
    )


class _Validator:
    """Checks every key and value of a configuration table, naming the line of a mistake."""

    def __init__(self, path: Path, text: str, root: tuple[str, ...]) -> None:
        self.path = path
        self.folder = path.parent
        self.text = text
        self.root = root

    def error(self, message: str, key: Sequence[str], value: str | None = None) -> UsageError:
        line, column = _locate(self.text, (*self.root, *key), value)
        return UsageError(message, str(self.path), line, column)

    def settings(self, data: Mapping[str, object]) -> Settings:
        for key in data:
            if key not in _KEYS:
                raise self.error(f"unknown key '{key}' (known: {', '.join(_KEYS)})", [key])
        glossaries = data.get("glossaries")
        bundled = data.get("bundled")
        style = data.get("style")
        fail_on = data.get("fail-on")
        return Settings(
            glossaries=None if glossaries is None else self.glossaries(glossaries),
            bundled=None if bundled is None else self.boolean(bundled, ["bundled"]),
            style=None if style is None else self.style(style),
            select=self.codes(data["select"], ["select"]) if "select" in data else None,
            ignore=self.codes(data["ignore"], ["ignore"]) if "ignore" in data else None,
            fail_on=None if fail_on is None else self.severity(fail_on, ["fail-on"]),
            severities=self.severities(data.get("severity", {})),
            per_file_ignores=self.per_file_ignores(data.get("per-file-ignores", {})),
            metrics=self.metrics(data["metrics"]) if "metrics" in data else None,
            path=self.path,
        )

    def strings(self, value: object, key: Sequence[str]) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(f"'{'.'.join(key)}' must be a list of strings", key)
        return list(value)

    def boolean(self, value: object, key: Sequence[str]) -> bool:
        if not isinstance(value, bool):
            raise self.error(f"'{'.'.join(key)}' must be true or false", key)
        return value

    def table(self, value: object, key: Sequence[str]) -> dict[str, object]:
        if not isinstance(value, dict):
            raise self.error(f"'{'.'.join(key)}' must be a table", key)
        return value

    def glossaries(self, value: object) -> tuple[str, ...]:
        paths = []
        for item in self.strings(value, ["glossaries"]):
            path = self.folder / item
            if not path.exists():
                raise self.error(
                    f"glossary '{item}' not found (paths are relative to the configuration file)",
                    ["glossaries"],
                    item,
                )
            paths.append(str(path))
        return tuple(paths)

    def style(self, value: object) -> str:
        if not isinstance(value, str):
            raise self.error("'style' must be a string", ["style"])
        path = self.folder / value
        if path.is_file():
            return str(path)
        if value in available_styles():
            return value
        bundled = ", ".join(available_styles()) or "none"
        raise self.error(
            f"style '{value}' is neither a bundled profile ({bundled}) nor a file",
            ["style"],
            value,
        )

    def codes(self, value: object, key: Sequence[str]) -> tuple[str, ...]:
        codes = self.strings(value, key)
        for code in codes:
            if not known_code(code):
                raise self.error(
                    f"unknown rule code or prefix '{code}' (see 'termcheck rules')", key, code
                )
        return tuple(code.upper() for code in codes)

    def severity(self, value: object, key: Sequence[str]) -> Severity:
        if not isinstance(value, str):
            raise self.error(f"'{'.'.join(key)}' must be info, warning or error", key)
        try:
            return Severity.parse(value)
        except ValueError as exc:
            raise self.error(f"'{'.'.join(key)}': {exc}", key, value) from None

    def severities(self, value: object) -> dict[str, Severity]:
        result = {}
        for name, word in self.table(value, ["severity"]).items():
            code = code_for(name)
            if code is None:
                raise self.error(
                    f"unknown rule '{name}' in [severity] (see 'termcheck rules')",
                    ["severity", name],
                )
            result[code] = self.severity(word, ["severity", name])
        return result

    def metrics(self, value: object) -> tuple[str, ...]:
        from checker.headline.metrics import metric_names  # only where metrics are named

        names = self.strings(value, ["metrics"])
        if not names:
            raise self.error(
                "'metrics' names no metric (choose from chrf, chrf++, bleu, ter, spbleu)",
                ["metrics"],
            )
        for name in names:
            try:
                metric_names(name)
            except ValueError as exc:
                raise self.error(f"'metrics': {exc}", ["metrics"], name) from None
        return metric_names(",".join(names)) or ()

    def per_file_ignores(self, value: object) -> tuple[FileIgnore, ...]:
        return tuple(
            FileIgnore(pattern, self.codes(codes, ["per-file-ignores", pattern]), self.folder)
            for pattern, codes in self.table(value, ["per-file-ignores"]).items()
        )


_HEADER = re.compile(r"^\s*\[\[?(?P<name>[^\]]*)\]\]?")
_KEY_PART = re.compile(r"\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[A-Za-z0-9_-]+))\s*")
_ASSIGNMENT = re.compile(
    r"^\s*(?P<key>(?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+)"
    r"(?:\s*\.\s*(?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+))*)\s*="
)


def _locate(text: str, key: tuple[str, ...], value: str | None) -> tuple[int | None, int | None]:
    """Line and column of a key, or of a value under it, in TOML text (tomllib keeps no
    positions): the deepest table header or `key = ...` line on the key's path, then the
    value (or a key inside an inline table) written after it."""
    best: tuple[tuple[str, ...], int, int, int] | None = None
    for found, line, column, offset in _declarations(text):
        if found == key[: len(found)] and (best is None or len(found) > len(best[0])):
            best = (found, line, column, offset)
            if found == key:
                break
    if best is None:
        return None, None
    found, line, column, offset = best
    word = value if value is not None else (key[-1] if len(found) < len(key) else None)
    if word is None:
        return line, column
    return _word_after(text, word, offset) or (line, column)


def _declarations(text: str) -> Iterator[tuple[tuple[str, ...], int, int, int]]:
    """(full key, line, column, offset of the line) of each table header and assignment."""
    table: tuple[str, ...] = ()
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        header = _HEADER.match(line)
        assignment = None if header else _ASSIGNMENT.match(line)
        if header:
            table = _key_parts(header.group("name"))
            yield table, number, header.start("name") + 1, offset
        elif assignment:
            full = (*table, *_key_parts(assignment.group("key")))
            yield full, number, assignment.start("key") + 1, offset
        offset += len(line)


def _word_after(text: str, word: str, offset: int) -> tuple[int, int] | None:
    """Line and column of the first occurrence of `word` (quoted or bare) after `offset`."""
    quoted = re.escape(word)
    pattern = re.compile(rf"([\"']){quoted}\1|(?<![\w-]){quoted}(?![\w-])")
    match = pattern.search(text, offset)
    if match is None:
        return None
    line_start = text.rfind("\n", 0, match.start()) + 1
    return text.count("\n", 0, match.start()) + 1, match.start() - line_start + 1


def _key_parts(dotted: str) -> tuple[str, ...]:
    return tuple(
        m.group("dq") if m.group("dq") is not None else m.group("sq") or m.group("bare") or ""
        for m in _KEY_PART.finditer(dotted)
        if m.group(0).strip()
    )
