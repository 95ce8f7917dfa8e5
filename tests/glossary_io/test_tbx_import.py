"""TBX import: every generation, both styles, every spelling of term status."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import GlossaryError
from checker.glossary.load_tbx import glossary_from_tbx, normalize_status
from checker.glossary.loader import load_glossary_file
from checker.glossary.model import Glossary, Role
from checker.readers.langtags import canonical_lang

V3 = "urn:iso:std:iso:30042:ed-2"


def forms(glossary: Glossary, entry_id: str) -> list[tuple[str, str, str]]:
    entry = glossary.by_id[entry_id]
    return [(f.text, f.lang, f.role.value) for f in entry.forms]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("preferredTerm-admn-sts", "preferred"),
        (" PreferredTerm ", "preferred"),
        ("standardizedTerm-admn-sts", "preferred"),
        ("legalTerm", "preferred"),
        ("regulatedTerm", "preferred"),
        ("admittedTerm-admn-sts", "admitted"),
        ("admitted", "admitted"),
        ("deprecatedTerm-admn-sts", "forbidden"),
        ("supersededTerm", "forbidden"),
        ("obsolete", "forbidden"),
        ("notRecommended", "forbidden"),
        ("forbidden", "forbidden"),
        ("not an allowed value", "unknown"),
    ],
)
def test_status_spellings(value: str, expected: str) -> None:
    assert normalize_status(value) == expected


@pytest.mark.parametrize(
    ("tag", "key"),
    [
        ("zh", "zh-Hans"),
        ("zh-CN", "zh-Hans"),
        ("zh_cn", "zh-Hans"),
        ("zh-Hans-CN", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("zh-TW", "zh-Hant"),
        ("zh-hk", "zh-Hant"),
        ("ZH-MO", "zh-Hant"),
        ("zh-Hant", "zh-Hant"),
        ("zh_Hans_CN", "zh-Hans"),
        ("ja-JP", "ja"),
        ("JA", "ja"),
        ("EN-US", "en"),
        ("en-GB", "en"),
    ],
)
def test_language_tags(tag: str, key: str) -> None:
    assert canonical_lang(tag) == key


def test_v3_dca_statuses_types_and_languages() -> None:
    tbx = f"""<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch"?>
<tbx xmlns="{V3}" type="TBX-Basic" style="dca" xml:lang="en">
 <tbxHeader><fileDesc><sourceDesc><p>newsroom</p></sourceDesc></fileDesc></tbxHeader>
 <text><body>
  <conceptEntry id="C0012">
   <descrip type="definition">The minister in charge of foreign affairs.</descrip>
   <xref type="externalCrossReference" target="https://www.mfa.gov.cn/">MFA</xref>
   <langSec xml:lang="EN-US">
    <termSec><term>Foreign Secretary</term>
     <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
    <termSec><term>Foreign Minister</term>
     <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
     <admin type="source">https://example.org/style</admin><note>house style</note></termSec>
    <termSec><term>FM</term>
     <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
     <termNote type="termType">acronym</termNote></termSec>
   </langSec>
   <langSec xml:lang="zh-CN"><termSec><term>外交部长</term>
     <termNoteGrp><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
 </termNoteGrp>
   </termSec></langSec>
   <langSec xml:lang="zh-TW"><termSec><term>外交部長</term></termSec></langSec>
   <langSec xml:lang="ja-JP"><termSec><term>外務大臣</term>
     <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec></langSec>
  </conceptEntry>
  <conceptEntry id="only-es"><langSec xml:lang="es"><termSec><term>ministro</term></termSec>
 </langSec></conceptEntry>
 </body></text>
</tbx>"""
    glossary = glossary_from_tbx(tbx.encode(), "terms.tbx")
    assert [e.id for e in glossary.entries] == ["c0012"]
    entry = glossary.entries[0]
    assert entry.en == "Foreign Minister"
    assert forms(glossary, "c0012") == [
        ("Foreign Minister", "en", "preferred"),
        ("FM", "en", "short"),
        ("Foreign Secretary", "en", "forbidden"),
        ("外交部长", "zh-Hans", "preferred"),
        ("外交部長", "zh-Hant", "preferred"),
        ("外務大臣", "cjk", "forbidden"),
    ]
    assert entry.sources == ("https://www.mfa.gov.cn/", "https://example.org/style")
    assert entry.note == "The minister in charge of foreign affairs.; house style"
    assert entry.line == 6


def test_v3_dct_style() -> None:
    tbx = f"""<tbx xmlns="{V3}" xmlns:min="http://www.tbxinfo.net/ns/min"
  xmlns:basic="http://www.tbxinfo.net/ns/basic" type="TBX-Basic" style="dct" xml:lang="en">
 <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
 <text><body><conceptEntry id="c1"><langSec xml:lang="en">
  <termSec><term>Chief Cabinet Secretary</term>
 <min:administrativeStatus>preferredTerm-admn-sts</min:administrativeStatus></termSec>
  <termSec><term>CCS</term>
 <min:administrativeStatus>admittedTerm-admn-sts</min:administrativeStatus>
 <basic:termType>abbreviation</basic:termType></termSec>
  <termSec><term>Cabinet Secretary</term>
 <min:administrativeStatus>deprecatedTerm-admn-sts</min:administrativeStatus></termSec>
 </langSec></conceptEntry></body></text></tbx>"""
    glossary = glossary_from_tbx(tbx.encode(), "dct.tbx")
    assert forms(glossary, "c1") == [
        ("Chief Cabinet Secretary", "en", "preferred"),
        ("CCS", "en", "short"),
        ("Cabinet Secretary", "en", "forbidden"),
    ]


def test_v2_martif_with_ntig_tig_usage_status_and_no_status() -> None:
    tbx = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en-US"><martifHeader><fileDesc><sourceDesc><p>MS</p></sourceDesc>
 </fileDesc></martifHeader>
<text><body>
 <termEntry id="3344_38882_38896">
  <langSet xml:lang="en-US"><ntig><termGrp><term>Prime Minister</term>
    <termNote type="partOfSpeech">noun</termNote></termGrp></ntig></langSet>
  <langSet xml:lang="zh-TW"><ntig><termGrp><term>首相</term></termGrp></ntig></langSet>
 </termEntry>
 <termEntry id="e2">
  <langSet lang="EN"><tig><term>Premier</term><termNote type="usageStatus">preferred</termNote>
 </tig>
   <tig><term>Prime Minister of China</term>
 <termNote type="usageStatus">not an allowed value</termNote></tig>
   <tig><term>Chinese PM</term><termNote type="usageStatus">deprecated</termNote></tig></langSet>
 </termEntry>
</body></text></martif>"""
    glossary = glossary_from_tbx(tbx.encode(), "ms.tbx")
    assert forms(glossary, "3344-38882-38896") == [
        ("Prime Minister", "en", "preferred"),
        ("首相", "zh-Hant", "preferred"),
    ]
    assert forms(glossary, "e2") == [
        ("Premier", "en", "preferred"),
        ("Prime Minister of China", "en", "accepted"),
        ("Chinese PM", "en", "forbidden"),
    ]


def test_tbx_min_2013_term_status() -> None:
    tbx = """<TBX dialect="TBX-Min"><header><id>x</id><languages source="en" target="ja"/></header>
<body><termEntry id="t1"><langSet xml:lang="en"><tig><term>summit</term>
 <termStatus>preferred</termStatus></tig>
<tig><term>summit meeting</term><termStatus>obsolete</termStatus></tig></langSet>
<langSet xml:lang="ja"><tig><term>首脳会談</term><termStatus>preferred</termStatus></tig></langSet>
 </termEntry></body></TBX>"""
    glossary = glossary_from_tbx(tbx.encode(), "min.tbx")
    assert forms(glossary, "t1") == [
        ("summit", "en", "preferred"),
        ("summit meeting", "en", "forbidden"),
        ("首脳会談", "ja", "preferred"),
    ]


def test_entity_declarations_refused_as_glossary_error() -> None:
    tbx = b'<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY a "b">]><tbx><text/></tbx>'
    with pytest.raises(GlossaryError, match="declares entities"):
        glossary_from_tbx(tbx, "bad.tbx")


def test_not_tbx_and_no_english() -> None:
    with pytest.raises(GlossaryError, match="not a TBX file"):
        glossary_from_tbx(b"<xliff/>", "a.tbx")
    with pytest.raises(GlossaryError, match="no concept with an English term"):
        glossary_from_tbx(b"<tbx><text><body/></text></tbx>", "a.tbx")


def test_loader_accepts_tbx_by_suffix(tmp_path: Path) -> None:
    path = tmp_path / "terms.tbx"
    path.write_bytes(
        b'<tbx><text><body><conceptEntry id="x"><langSec xml:lang="en"><termSec>'
        b"<term>Komeito</term></termSec></langSec></conceptEntry></body></text></tbx>"
    )
    glossary = load_glossary_file(path)
    assert glossary.entries[0].en == "Komeito"
    assert glossary.entries[0].forms[0].role is Role.PREFERRED
