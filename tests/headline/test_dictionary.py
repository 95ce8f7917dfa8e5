"""A term dictionary for every pair (`--terms`): read from JSON, TSV, CSV or TBX, bad
terms left out and said, compiled once for all pairs; the metrics chosen."""

from __future__ import annotations

import json
from pathlib import Path

from checker.headline.dictionary import read_dictionary, with_dictionary
from checker.headline.pairs import PairFile, PairTerm
from checker.headline.source_terms import pair_term_index
from tests.datasets import TEST_DATA
from tests.headline.conftest import pair
from tests.headline.test_command import run


def test_json_tsv_and_csv_dictionaries(tmp_path: Path) -> None:
    as_json = tmp_path / "d.json"
    as_json.write_text(json.dumps({"银行体系": ["banking system"], "女孩": [""]}))
    terms, skipped = read_dictionary(as_json)
    assert terms == (PairTerm("银行体系", ("banking system",)),)
    assert [str(s) for s in skipped] == [
        "term '女孩' has an empty English side; the term is left out"
    ]
    as_tsv = tmp_path / "d.tsv"
    as_tsv.write_text("银行体系\tbanking system\tbanking sector\n女孩\n金融科技\tfintech\n")
    terms, skipped = read_dictionary(as_tsv)
    assert terms == (
        PairTerm("银行体系", ("banking system", "banking sector")),
        PairTerm("金融科技", ("fintech",)),
    )
    assert [str(s) for s in skipped] == ["line 2: the line has no target; the term is left out"]


def test_the_tico19_terminology_csv() -> None:
    terms, skipped = read_dictionary(TEST_DATA / "tico19" / "g_zh-CN_en.csv")
    assert len(terms) == 50
    assert terms[0] == PairTerm("境外输入病例", ("Cases imported from overseas",))
    assert skipped == ()


def test_one_dictionary_is_compiled_once_for_every_pair() -> None:
    dictionary = (PairTerm("银行体系", ("banking system",)), PairTerm("年报", ("annual report",)))
    files = [PairFile("a.tsv", "tsv", (pair("银行体系稳健", "x"), pair("年报", "y", pair_id="2")))]
    given = with_dictionary(files, dictionary, "d.tsv")
    assert all(p.terms is dictionary for p in given[0].pairs)
    before = pair_term_index.cache_info()
    for each in given[0].pairs:
        pair_term_index(each.terms, each.source_lang)
    after = pair_term_index.cache_info()
    assert after.misses - before.misses <= 1
    assert after.hits - before.hits >= 1


def test_terms_and_metrics_options(tmp_path: Path) -> None:
    pairs = tmp_path / "p.tsv"
    pairs.write_text(
        "source\ttranslation\treference\n"
        "银行体系稳健\tThe banking sector is sound\tThe banking system is sound\n"
    )
    terms = tmp_path / "d.tsv"
    terms.write_text("银行体系\tbanking system\n女孩\t\n")
    out = tmp_path / "r.json"
    result = run(
        str(pairs),
        "--terms",
        str(terms),
        "--metrics",
        "chrf++,bleu",
        "--format",
        "json",
        "--output",
        str(out),
    )
    assert result.exit_code == 2  # a term was left out: said, and the batch checked
    report = json.loads(out.read_text())
    (only,) = report["pairs"]
    assert [(f["code"], f["start"], f["end"]) for f in only["findings"]][:1] == [("HL001", 0, 4)]
    assert set(report["summary"]["signatures"]) == {"chrf_pp", "bleu"}
    assert report["files"][0]["skipped"] == [
        {
            "path": str(terms),
            "line": 2,
            "message": "term '女孩' has an empty English side; the term is left out",
        }
    ]
    assert report["summary"]["term_success_rate"] == 0.0


def test_an_unknown_metric_is_a_usage_error(tmp_path: Path) -> None:
    pairs = tmp_path / "p.tsv"
    pairs.write_text("source\ttranslation\n银行体系\tbanking system\n")
    result = run(str(pairs), "--metrics", "chrf,meteor")
    assert result.exit_code == 2
    assert result.stderr == (
        "termcheck: error: --metrics: unknown metric 'meteor' (choose from chrf, chrf++, bleu, "
        "ter, spbleu) (see termcheck headlines --help)\n"
    )
