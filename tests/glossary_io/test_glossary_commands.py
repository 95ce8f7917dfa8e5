"""`glossary import` and `glossary export` from the command line."""

from __future__ import annotations

from pathlib import Path

from checker.glossary.load_tbx import load_tbx_glossary
from checker.glossary.load_yaml import load_yaml_glossary
from tests.clirun import invoke

GLOSSARY = """glossary: small
version: "1"
entries:
  - id: komeito
    kind: organization
    country: JP
    en: Komeito
    discouraged: [{form: Komeito party, use: Komeito, note: redundant}]
    zh-Hans: [公明党]
    sources: ["https://example.org/k"]
"""


def test_export_then_import(tmp_path: Path) -> None:
    source = tmp_path / "small.yaml"
    source.write_text(GLOSSARY, encoding="utf-8")
    tbx = tmp_path / "small.tbx"
    exported = invoke(
        [
            "glossary",
            "export",
            str(source),
            "--format",
            "tbx-basic",
            "--style",
            "dct",
            "-o",
            str(tbx),
        ]
    )
    assert exported.exit_code == 0, exported.output
    assert exported.output == f"Wrote 1 entries to {tbx}\n"
    assert load_tbx_glossary(tbx).entries[0].en == "Komeito"
    back = tmp_path / "back.yaml"
    imported = invoke(["glossary", "import", str(tbx), "--output", str(back)])
    assert imported.exit_code == 0, imported.output

    def facts(path: Path) -> list[tuple[object, ...]]:
        entry = load_yaml_glossary(path).entries[0]
        return [(f.text, f.role, f.lang, f.status, f.note, f.source, f.use) for f in entry.forms]

    assert facts(back) == facts(source)
    assert load_yaml_glossary(back).entries[0].country == "JP"


def test_export_to_standard_output_and_bad_options(tmp_path: Path) -> None:
    source = tmp_path / "small.yaml"
    source.write_text(GLOSSARY, encoding="utf-8")
    result = invoke(["glossary", "export", str(source), "--format", "tbx-v2"])
    assert result.exit_code == 0
    assert "<martif" in result.output and "Komeito party" in result.output
    wrong = invoke(["glossary", "export", str(source), "--format", "tbx-v2", "--style", "dct"])
    assert wrong.exit_code == 2
    assert wrong.stderr.startswith("termcheck: error: ")
    assert "TBX v2 (martif) has no DCT style" in wrong.stderr
