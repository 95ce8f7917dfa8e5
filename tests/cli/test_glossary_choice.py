"""-g adds to the bundled glossaries, --no-bundled leaves them out, and every glossary a
run loads passes the rules of `glossary validate`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.errors import GlossaryError
from checker.glossary import loader
from tests.clirun import invoke
from tests.conftest import NEWS_STYLE, REPO

SEED = REPO / "samples" / "kanai-liu-meeting.txt"
DESK = """glossary: desk
entries:
- id: desk-yamada
  kind: person
  name-origin: japanese
  family: Yamada
  given: Hanako
  en: Hanako Yamada
  forbidden: [Hanako Yamda]
{sources}
"""


def desk(tmp_path: Path, sources: str = "  sources: ['https://example.org/desk']") -> Path:
    path = tmp_path / "desk.yaml"
    path.write_text(DESK.format(sources=sources), encoding="utf-8")
    return path


def codes(out: str) -> list[str]:
    return [f["code"] for f in json.loads(out)["findings"]]


def check(*args: object, stdin: bytes = b"") -> tuple[int, str, str]:
    base = ["--style", NEWS_STYLE, "--date", "2025-11-19", "--format", "json", "--no-cache"]
    result = invoke(["check", *args, *base], stdin=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_a_desk_glossary_adds_to_the_bundled_ones(tmp_path: Path) -> None:
    _, alone, _ = check(SEED)
    story = SEED.read_text(encoding="utf-8") + "\nHanako Yamda of the ministry spoke.\n"
    code, out, err = check("-", "-g", desk(tmp_path), stdin=story.encode())
    assert (code, err) == (1, "")
    assert len(codes(alone)) == 17
    assert codes(out).count("TM002") == codes(alone).count("TM002") + 1
    assert len(codes(out)) == 18


def test_no_bundled_leaves_them_out(tmp_path: Path) -> None:
    code, out, _ = check(SEED, "--no-bundled", "-g", desk(tmp_path))
    assert "TT001" not in codes(out) and "TM002" not in codes(out)
    assert code == 1  # house style still applies: dates, spellings


def test_no_bundled_without_a_glossary_is_an_error() -> None:
    code, _, err = check(SEED, "--no-bundled")
    assert (code, err) == (
        2,
        "termcheck: error: no glossary to check with: --no-bundled needs --glossary\n",
    )


def test_a_glossary_validate_rejects_stops_the_run_in_one_line(tmp_path: Path) -> None:
    clash = tmp_path / "clash.yaml"
    clash.write_text(
        "glossary: clash\nentries:\n- id: masaaki-kanai\n  kind: term\n  en: Kanai Thing\n"
        "  sources: ['https://example.org/c']\n",
        encoding="utf-8",
    )
    code, out, err = check(SEED, "-g", clash)
    bundled = REPO / "glossaries" / "japan-china-2025.yaml"
    assert (code, out) == (2, "")
    assert err.startswith(
        f"termcheck: error: {clash}:3: [masaaki-kanai] duplicate id 'masaaki-kanai' "
        f"(first at {bundled}:"
    )
    assert err.count("\n") == 1


def test_missing_sources_in_a_user_glossary_are_a_warning_said_once(tmp_path: Path) -> None:
    unsourced = desk(tmp_path, sources="")
    other = tmp_path / "story2.txt"
    other.write_text("Hanako Yamda spoke.\n", encoding="utf-8")
    code, out, err = check(SEED, other, "-g", unsourced, "-q")
    assert code == 1
    assert err == (
        f"termcheck: warning: {unsourced}: 1 entry has no sources; "
        "findings that rest on them cite no fact\n"
    )
    assert "TM002" in codes(out)


def test_missing_sources_in_a_bundled_glossary_are_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    desk(bundled, sources="")
    monkeypatch.setattr(loader, "glossaries_dir", lambda: bundled)
    with pytest.raises(GlossaryError) as error:
        loader.load_glossaries([bundled / "desk.yaml"])
    assert str(error.value) == (
        f"{bundled / 'desk.yaml'}:3: [desk-yamada] no 'sources': every fact needs a source URL"
    )
