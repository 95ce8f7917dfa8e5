"""House-style profiles: name order, date style, title capitalization, spellings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.bundled import styles_dir
from checker.errors import GlossaryError
from checker.glossary.load_yaml import LINE, parse_yaml

DEFAULT_STYLE = "news-agency"
_KEYS = {"style", "description", "japanese-name-order", "date-style", "title-case", "spellings"}


@dataclass(frozen=True, slots=True)
class Spelling:
    use: str
    avoid: tuple[str, ...]
    note: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class StyleProfile:
    name: str
    description: str = ""
    japanese_name_order: str = "given-first"  # or family-first
    date_style: str = "ap"  # or full
    title_case: str = "position"  # or off
    spellings: tuple[Spelling, ...] = ()
    path: str | None = None


def available_styles() -> list[str]:
    return sorted(p.stem for p in styles_dir().glob("*.yaml"))


def load_style(name_or_path: str | None) -> StyleProfile:
    name = name_or_path or DEFAULT_STYLE
    path = Path(name)
    if not (path.suffix in (".yaml", ".yml") and path.exists()):
        path = styles_dir() / f"{name}.yaml"
        if not path.exists():
            choices = ", ".join(available_styles()) or "none bundled"
            raise GlossaryError(f"unknown style profile {name!r} (bundled: {choices})")
    text = path.read_text(encoding="utf-8")
    data = parse_yaml(text, str(path))
    if not isinstance(data, dict):
        raise GlossaryError("a style profile is a mapping", str(path), 1)
    for key in data:
        if key != LINE and key not in _KEYS:
            raise GlossaryError(f"unknown key {key!r} in style profile", str(path), data[LINE])
    order = data.get("japanese-name-order", "given-first")
    date_style = data.get("date-style", "ap")
    title_case = data.get("title-case", "position")
    for key, value, options in (
        ("japanese-name-order", order, ("given-first", "family-first")),
        ("date-style", date_style, ("ap", "full")),
        ("title-case", title_case, ("position", "off")),
    ):
        if value not in options:
            raise GlossaryError(f"{key} must be one of {', '.join(options)}", str(path), data[LINE])
    spellings = []
    for item in data.get("spellings") or []:
        if not isinstance(item, dict) or "use" not in item or "avoid" not in item:
            raise GlossaryError(
                "each spelling is a mapping with 'use' and 'avoid'", str(path), data[LINE]
            )
        avoid = item["avoid"] if isinstance(item["avoid"], list) else [item["avoid"]]
        spellings.append(
            Spelling(
                str(item["use"]), tuple(str(a) for a in avoid), item.get("note"), item.get("source")
            )
        )
    return StyleProfile(
        name=str(data.get("style") or path.stem),
        description=str(data.get("description") or ""),
        japanese_name_order=order,
        date_style=date_style,
        title_case=title_case,
        spellings=tuple(spellings),
        path=str(path),
    )
