"""JUnit XML: parsed with lxml and compared with ruff's shape."""

from __future__ import annotations

import dataclasses

from lxml import etree

from checker.engine import Result
from checker.model import Severity
from tests.conftest import make_checker
from tests.reporters.conftest import render, ruff_output


def parse(text: str) -> etree._Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return etree.fromstring(text.encode("utf-8"))


def test_one_suite_per_file_one_case_per_finding(seed_result: Result) -> None:
    root = parse(render("junit", [seed_result]))
    assert root.tag == "testsuites"
    assert (root.get("name"), root.get("tests"), root.get("failures"), root.get("errors")) == (
        "termcheck",
        "17",
        "17",
        "0",
    )
    (suite,) = root
    assert suite.get("name") == seed_result.path
    assert suite.get("tests") == "17" and suite.get("failures") == "17"
    first = suite[0]
    assert first.tag == "testcase"
    assert first.get("name") == "termcheck.TM001"
    assert first.get("classname") == seed_result.path.removesuffix(".txt")
    assert (first.get("line"), first.get("column")) == ("1", "140")
    properties = {p.get("name"): p.get("value") for p in first.find("properties")}
    assert properties == {"severity": "error", "rule": "term-case", "entry": "china"}
    failure = first.find("failure")
    assert failure.get("message") == "'chinese' is miscapitalized: write 'Chinese'"
    assert failure.get("type") == "TM001"
    assert failure.text == (
        "line 1, col 140, 'chinese' is miscapitalized: write 'Chinese' (suggested: 'Chinese')"
    )


def test_info_findings_pass_and_clean_files_count(seed_result: Result) -> None:
    infos = tuple(
        dataclasses.replace(f, severity=Severity.INFO) if f.code == "TM001" else f
        for f in seed_result.findings
    )
    softened = dataclasses.replace(seed_result, findings=infos)
    clean = make_checker().check_text("Talks ended.", "clean.txt")
    root = parse(render("junit", [softened, clean]))
    assert (root.get("tests"), root.get("failures")) == ("18", "12")
    seed_suite, clean_suite = root
    passing = [c for c in seed_suite if c.tag == "testcase" and c.find("failure") is None]
    assert len(passing) == 5
    assert passing[0].find("system-out").text.startswith("line 1, col 140, 'chinese'")
    (case,) = clean_suite
    assert (case.get("name"), case.get("classname")) == ("termcheck", "clean")
    assert clean_suite.get("failures") == "0" and clean_suite.get("tests") == "1"


def test_text_xml_cannot_hold_is_replaced(seed_result: Result) -> None:
    odd = dataclasses.replace(
        seed_result.findings[0], message="form\x0cfeed", path="odd\x01name.txt"
    )
    root = parse(render("junit", [dataclasses.replace(seed_result, findings=(odd,))]))
    assert root[0][0].find("failure").get("message") == "form\ufffdfeed"


def test_shape_matches_ruff_junit(seed_result: Result) -> None:
    ruff = etree.fromstring(ruff_output("junit").encode("utf-8"))
    ours = parse(render("junit", [seed_result]))

    def nesting(root: etree._Element) -> set[tuple[str, str]]:
        return {(e.getparent().tag, e.tag) for e in root.iter() if e.getparent() is not None}

    def attributes(root: etree._Element) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for element in root.iter():
            found.setdefault(element.tag, set()).update(element.attrib)
        return found

    assert nesting(ruff) <= nesting(ours)
    ours_attributes = attributes(ours)
    for tag, names in attributes(ruff).items():
        assert names <= ours_attributes[tag], tag
