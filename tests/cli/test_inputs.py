"""Inputs a person hands over by mistake or in another shape: a picture, a misspelt
lookup, a TSV with columns for wrong forms, a TBX named .xml."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.binary import binary_kind
from checker.glossary.load_yaml import load_yaml_glossary
from checker.glossary.model import Role
from tests.clirun import invoke
from tests.conftest import MINI_GLOSSARY


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF document"),
        (b"\x1f\x8b\x08\x00", "gzip archive"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "WebP image"),
        (b"\x00\x00\x00\x18ftypmp42", "MP4 or QuickTime media"),
        (b"\x7fELF\x02\x01", "executable (ELF)"),
        (b"BZh91AY&SY", "bzip2 archive"),
        (b"BZh is not an archive", None),
        (b"ID3 tags are metadata", None),
        (b"PNG images are pictures", None),
    ],
)
def test_binary_files_are_known_by_their_first_bytes(head: bytes, kind: str | None) -> None:
    assert binary_kind(head) == kind


def test_a_picture_is_reported_as_not_a_text_file(tmp_path: Path) -> None:
    picture = tmp_path / "story.txt"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    result = invoke(["check", picture, "--no-bundled", "-g", MINI_GLOSSARY])
    assert result.exit_code == 2
    assert result.stderr == f"termcheck: error: {picture}: not a text file (PNG image)\n"


def test_lookup_answers_a_misspelling_with_suggestions() -> None:
    result = invoke(["glossary", "lookup", "Masaki Kanaj"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "termcheck: no glossary entry matches 'Masaki Kanaj'; did you mean 'Masaaki Kanai'?\n"
    )
    nothing = invoke(["glossary", "lookup", "zzzzqqq"])
    assert nothing.stderr == "termcheck: no glossary entry matches 'zzzzqqq'\n"


def test_tsv_import_keeps_every_form_column_and_names_the_others(tmp_path: Path) -> None:
    table = tmp_path / "desk.tsv"
    table.write_text(
        "en\taccepted\twrong forms\tzh-Hans\tzh-Hans forbidden\tja\tpart of speech\tsource\n"
        "Hanako Yamada\tYamada Hanako\tHanako Yamda | Hanako Yammada\t山田花子\t山田华子\t"
        "山田花子\tnoun\thttps://example.org/y\n",
        encoding="utf-8",
    )
    out = tmp_path / "desk.yaml"
    result = invoke(["glossary", "import", table, "-o", out])
    assert result.exit_code == 0
    assert result.stderr == (
        f"termcheck: warning: {table}:1: column not understood, left out: part of speech\n"
    )
    (entry,) = load_yaml_glossary(out).entries
    assert [(f.text, f.lang, f.role) for f in entry.forms] == [
        ("Hanako Yamada", "en", Role.PREFERRED),
        ("Yamada Hanako", "en", Role.ACCEPTED),
        ("Hanako Yamda", "en", Role.FORBIDDEN),
        ("Hanako Yammada", "en", Role.FORBIDDEN),
        ("山田花子", "zh-Hans", Role.PREFERRED),
        ("山田花子", "ja", Role.PREFERRED),
        ("山田华子", "cjk", Role.FORBIDDEN),  # the format keeps wrong CJK forms together
    ]
    assert entry.sources == ("https://example.org/y",)


TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>desk</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="en"><termSec><term>Komeito</term></termSec></langSec>
      <langSec xml:lang="ja"><termSec><term>公明党</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_a_tbx_is_known_by_its_content_whatever_its_name(tmp_path: Path) -> None:
    for name in ("terms.xml", "terms"):
        tbx = tmp_path / name
        tbx.write_text(TBX, encoding="utf-8")
        result = invoke(["glossary", "import", tbx, "-o", "-"])
        assert result.exit_code == 0, result.stderr
        assert "en: Komeito" in result.stdout and "公明党" in result.stdout


def test_an_xml_file_that_is_not_a_tbx_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "terms.xml"
    other.write_text("<?xml version='1.0'?><glossary/>", encoding="utf-8")
    result = invoke(["glossary", "import", other, "-o", "-"])
    assert result.stderr == (
        f"termcheck: error: {other}: unknown glossary format '.xml' (known: .yaml, .yml, "
        ".tbx, .csv, .tsv, or a TBX file by its content)\n"
    )
