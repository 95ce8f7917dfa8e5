"""SARIF 2.1.0: the properties the schema requires, rules from the registry, regions in
code points, fixes as replacements, glossary facts as related locations."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from checker.engine import Result
from checker.reporters.sarif import artifact_uri
from checker.rules import REGISTRY, doc_sections
from tests.conftest import make_checker
from tests.reporters.conftest import render, ruff_output

LEVELS = {"none", "note", "warning", "error"}


def sarif(results: list[Result]) -> dict[str, Any]:
    log = json.loads(render("sarif", results))
    assert isinstance(log, dict)
    return log


def test_required_properties_of_sarif_2_1_0(seed_result: Result) -> None:
    log = sarif([seed_result])
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "termcheck"
    assert run["columnKind"] == "unicodeCodePoints"
    assert len(run["results"]) == 17
    for result in run["results"]:
        assert result["message"]["text"]
        assert result["level"] in LEVELS
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert (region["endLine"], region["endColumn"]) >= (
            region["startLine"],
            region["startColumn"],
        )
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_rules_come_from_the_registry_with_their_docs(seed_result: Result) -> None:
    rules = sarif([seed_result])["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(REGISTRY)
    term_case = next(r for r in rules if r["id"] == "TM001")
    assert term_case["name"] == "term-case"
    summary = doc_sections(REGISTRY["TM001"])["summary"]
    assert term_case["shortDescription"]["text"] == summary.splitlines()[0]
    assert term_case["help"]["text"].startswith("TM001 term-case (default severity: error)")
    assert "### Why" in term_case["help"]["markdown"]
    assert term_case["defaultConfiguration"] == {"level": "error"}


def test_a_finding_with_its_region_fix_and_glossary_fact(seed_result: Result) -> None:
    results = sarif([seed_result])["runs"][0]["results"]
    chinese = results[0]
    assert chinese["ruleId"] == "TM001" and chinese["level"] == "error"
    location = chinese["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == artifact_uri(seed_result.path)
    assert location["region"] == {
        "startLine": 1,
        "startColumn": 140,
        "endLine": 1,
        "endColumn": 147,
        "snippet": {"text": "chinese"},
    }
    (fix,) = chinese["fixes"]
    assert fix["description"]["text"] == "Replace with 'Chinese'"
    assert fix["properties"] == {"applicability": "safe"}
    (change,) = fix["artifactChanges"]
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 1, "startColumn": 140, "endLine": 1, "endColumn": 147},
            "insertedContent": {"text": "Chinese"},
        }
    ]
    (fact,) = chinese["relatedLocations"]
    assert fact["message"]["text"].startswith("glossary entry 'china'")
    fact_location = fact["physicalLocation"]
    assert fact_location["artifactLocation"]["uri"].endswith("mini-glossary.yaml")
    assert fact_location["region"]["startLine"] >= 1


def test_findings_without_an_applicable_fix_have_no_fixes(seed_result: Result) -> None:
    results = sarif([seed_result])["runs"][0]["results"]
    by_code = {r["ruleId"]: r for r in results}
    assert "fixes" not in by_code["NM002"]
    assert by_code["TT002"]["fixes"][0]["properties"] == {"applicability": "unsafe"}
    assert by_code["TT004"]["fixes"][0]["properties"] == {"applicability": "unsafe"}


def test_columns_count_code_points_beyond_the_basic_plane() -> None:
    text = "𠮷 talks on taiwan"
    result = make_checker().check_text(text, "story.txt")
    region = sarif([result])["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert region["region"]["startColumn"] == 12  # 13 in UTF-16 code units


def test_file_warnings_become_tool_notifications(seed_result: Result) -> None:
    warned = dataclasses.replace(seed_result, warnings=("encoding gb18030 was guessed",))
    (invocation,) = sarif([warned])["runs"][0]["invocations"]
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "warning"
    assert note["message"]["text"] == "encoding gb18030 was guessed"


def test_artifact_uris() -> None:
    assert artifact_uri("desk/Kanai story #2.txt") == "desk/Kanai%20story%20%232.txt"
    assert artifact_uri("/srv/copy/a.txt") == "file:///srv/copy/a.txt"


def test_shape_matches_ruff_sarif(seed_result: Result) -> None:
    ruff = json.loads(ruff_output("sarif"))
    ours = sarif([seed_result])
    assert set(ruff) <= set(ours)
    ruff_run, our_run = ruff["runs"][0], ours["runs"][0]
    ruff_result = ruff_run["results"][0]
    our_result = our_run["results"][0]
    assert set(ruff_result) <= set(our_result)
    assert set(ruff_result["locations"][0]["physicalLocation"]["region"]) <= set(
        our_result["locations"][0]["physicalLocation"]["region"]
    )
    ruff_fix, our_fix = ruff_result["fixes"][0], our_result["fixes"][0]
    assert set(ruff_fix) <= set(our_fix)
    assert set(ruff_fix["artifactChanges"][0]) == set(our_fix["artifactChanges"][0])
    ruff_rule = ruff_run["tool"]["driver"]["rules"][0]
    our_rule = our_run["tool"]["driver"]["rules"][0]
    assert set(ruff_rule) - {"helpUri"} <= set(our_rule)


def test_an_empty_run_is_valid() -> None:
    log = sarif([])
    assert log["runs"][0]["results"] == []
