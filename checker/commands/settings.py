"""`check --show-settings`: what a check runs with, and where each setting comes from."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from checker.bundled import display_path
from checker.config import DEFAULT_FAIL_ON, Settings
from checker.glossary.loader import run_glossaries


def show_settings(
    command_line: Settings,
    config: Settings | None,
    story_date: dt.date | None,
    args: SimpleNamespace,
    *,
    pairs: bool = False,
) -> str:
    """One line per setting: `name: value (origin)`, glossaries one per line. `pairs`: the
    settings of `headlines` (its metrics; its date is today unless given)."""
    settings = command_line.over(config)
    config_name = str(config.path) if config is not None and config.path else None

    def origin(from_command_line: object, from_config: object) -> str:
        if from_command_line is not None:
            return "command line"
        if from_config is not None and config_name:
            return config_name
        return "default"

    config_glossaries = config.glossaries if config is not None else None
    config_bundled = config.bundled if config is not None else None
    lines = [f"configuration: {config_name or 'none found'}"]
    lines.append("glossaries:")
    extra = set(settings.glossaries or ())
    extra_origin = origin(command_line.glossaries, config_glossaries)
    for path in run_glossaries(settings.glossaries, settings.uses_bundled):
        where = "bundled" if not extra or str(path) not in _expanded(extra) else extra_origin
        lines.append(f"  {display_path(str(path))} ({where})")
    lines.append(
        f"bundled glossaries: {'yes' if settings.uses_bundled else 'no'} "
        f"({origin(command_line.bundled, config_bundled)})"
    )
    style_origin = origin(command_line.style, config.style if config else None)
    lines.append(f"style: {settings.style or 'news-agency'} ({style_origin})")
    for name, mine, theirs in (
        ("select", command_line.select, config.select if config else None),
        ("ignore", command_line.ignore, config.ignore if config else None),
    ):
        value = mine if mine is not None else theirs
        shown = ", ".join(value) if value else ("every rule" if name == "select" else "none")
        lines.append(f"{name}: {shown} ({origin(mine, theirs)})")
    fail_on = settings.fail_on or DEFAULT_FAIL_ON
    fail_origin = origin(command_line.fail_on, config.fail_on if config else None)
    lines.append(f"fail-on: {fail_on.label} ({fail_origin})")
    if settings.severities:
        levels = ", ".join(
            f"{code}={sev.label}" for code, sev in sorted(settings.severities.items())
        )
        lines.append(f"severity: {levels} ({config_name})")
    for ignore in settings.per_file_ignores:
        lines.append(
            f"per-file-ignores: {ignore.pattern} = {', '.join(ignore.codes)} ({config_name})"
        )
    if pairs:
        metrics = settings.metrics
        metrics_origin = origin(command_line.metrics, config.metrics if config else None)
        lines.append(f"metrics: {', '.join(metrics) if metrics else 'all'} ({metrics_origin})")
    if story_date is not None:
        lines.append(f"date: {story_date.isoformat()} (command line)")
    else:
        default_date = "today" if pairs else "each document's own, else today"
        lines.append(f"date: {default_date} (default)")
    lines.append(f"encoding: {args.encoding or 'detected'} ({origin(args.encoding, None)})")
    return "\n".join(lines) + "\n"


def _expanded(paths: set[str]) -> set[str]:
    from checker.glossary.loader import glossary_paths

    return {str(p) for p in glossary_paths(sorted(paths))}
