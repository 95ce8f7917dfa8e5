"""The desk's page: one server-rendered HTML page and its script and style sheet, read from
the package once at start and served from memory (nothing from a CDN, no build step)."""

from __future__ import annotations

import html
import json
from importlib import resources
from string import Template

from checker import __version__
from checker.bundled import display_path
from checker.serve.desk import Desk

STATIC_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}


class Page:
    """The rendered page and the static files by name."""

    def __init__(self, desk: Desk, *, token_required: bool, max_upload: int) -> None:
        package = resources.files("checker.serve")
        self.static: dict[str, tuple[str, bytes]] = {}
        for item in (package / "static").iterdir():
            suffix = "." + item.name.rsplit(".", 1)[-1]
            if item.is_file() and suffix in STATIC_TYPES:
                self.static[item.name] = (STATIC_TYPES[suffix], item.read_bytes())
        template = Template((package / "templates" / "page.html").read_text(encoding="utf-8"))
        styles = "".join(
            f'<option value="{html.escape(name)}"'
            f"{' selected' if name == desk.default_style else ''}>{html.escape(name)}</option>"
            for name in desk.styles
        )
        settings = {
            "tokenRequired": token_required,
            "maxUpload": max_upload,
            "defaultStyle": desk.default_style,
        }
        glossaries = ", ".join(display_path(n) for n in desk.glossary.names)
        self.html = template.substitute(
            version=html.escape(__version__),
            styles=styles,
            glossaries=html.escape(glossaries),
            entries=len(desk.glossary.entries),
            accept=html.escape(",".join(desk.formats())),
            settings=html.escape(json.dumps(settings)),
        )
