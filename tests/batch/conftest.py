"""A small glossary and stories written into a temporary folder for batch tests."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from pathlib import Path

import pytest

from checker.engine import Checker, Result
from checker.glossary.loader import load_glossaries
from checker.reporters.jsonl import write_jsonl
from checker.style import load_style
from tests.conftest import NEWS_STYLE

GLOSSARY = """\
glossary: batch-test
version: "1"
entries:
- id: minoru-kihara
  kind: person
  name-origin: japanese
  family: Kihara
  given: Minoru
  en: Minoru Kihara
  accepted: [Kihara Minoru]
  short: [Kihara]
  forbidden: [Minou Kihara]
  ja: [木原稔]
  tenures:
    - {office: chief-cabinet-secretary, from: "2025-10-21", source: x}
  sources: [x]
- id: yoshimasa-hayashi
  kind: person
  name-origin: japanese
  family: Hayashi
  given: Yoshimasa
  en: Yoshimasa Hayashi
  short: [Hayashi]
  tenures:
    - {office: chief-cabinet-secretary, from: "2023-12-14", to: "2025-10-21", source: x}
  sources: [x]
- id: liu-jinsong
  kind: person
  name-origin: chinese
  family: Liu
  given: Jinsong
  en: Liu Jinsong
  forbidden: [Liu Jingsong]
  zh-Hans: [刘劲松]
  tenures:
    - {office: mfa-asian-dg, from: "2021-07", source: x}
  sources: [x]
- id: mfa-asian-dg
  kind: office
  country: CN
  en: Director-General of the Department of Asian Affairs
  sources: [x]
- id: chief-cabinet-secretary
  kind: office
  country: JP
  en: Chief Cabinet Secretary
  before-name: [Chief Cabinet Secretary]
  sources: [x]
- {id: japan, kind: place, country: JP, en: Japan, adjective: [Japanese], sources: [x]}
- id: komeito
  kind: organization
  en: Komeito
  discouraged: [{form: Komeito party, use: Komeito}]
  sources: [x]
"""

# Each story: (name, text). The findings they hold are named in the tests that use them.
STORIES = {
    "kihara.txt": "TOKYO, Nov. 19, 2025 – Chief Cabinet Secretary Minou Kihara spoke.\n",
    "hayashi.txt": "TOKYO, Nov. 19, 2025 – Chief Cabinet Secretary Yoshimasa Hayashi spoke.\n",
    "liu.txt": "BEIJING, Nov. 18, 2025 – Liu Jingsong met reporters.\n",
    "komeito.txt": "TOKYO, Nov. 19, 2025 – The Komeito party left the coalition.\n",
    "clean.txt": "TOKYO, Nov. 19, 2025 – Nothing here names anyone.\n",
    "cjk.txt": "东京 – 木原稔表示。\n",
    "other-holder.txt": "TOKYO, Nov. 19, 2025 – Chief Cabinet Secretary Liu Jinsong spoke.\n",
}


def write_stories(folder: Path, stories: dict[str, str] | None = None) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in (stories or STORIES).items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.fixture
def glossary_file(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


@pytest.fixture
def batch_checker(glossary_file: Path) -> Checker:
    return Checker(
        load_glossaries([glossary_file]), load_style(str(NEWS_STYLE)), date=dt.date(2025, 11, 19)
    )


def jsonl(results: Iterable[Result]) -> str:
    out = io.StringIO()
    write_jsonl(results, out)
    return out.getvalue()
