"""JUnit XML for CI test reports: one test suite per checked file, one failing test case
per error or warning (info findings pass, with their message as output), and one passing
test case for a file with no findings. The shape follows ruff's `--output-format junit`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath
from typing import TextIO

from lxml import etree

from checker.engine import Result
from checker.model import Finding, Severity
from checker.printable import printable
from checker.reporters.common import position, xml_text

TOOL = "termcheck"


def write_junit(results: Iterable[Result], out: TextIO) -> None:
    root = etree.Element("testsuites", name=TOOL)
    for result in results:
        root.append(_suite(result))
    totals = {key: sum(int(suite.get(key, "0")) for suite in root) for key in ("tests", "failures")}
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failures"]))
    root.set("errors", "0")
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(etree.tostring(root, encoding="unicode", pretty_print=True))


def _suite(result: Result) -> etree._Element:
    path = xml_text(printable(result.path))
    suite = etree.Element("testsuite", name=path, package=TOOL)
    classname = xml_text(printable(str(PurePath(result.path).with_suffix(""))))
    failures = 0
    for finding in result.findings:
        suite.append(_case(result, finding, classname))
        failures += finding.severity >= Severity.WARNING
    if not result.findings:
        etree.SubElement(suite, "testcase", name=TOOL, classname=classname, file=path)
    if result.warnings:
        etree.SubElement(suite, "system-err").text = xml_text("\n".join(result.warnings))
    suite.set("tests", str(max(1, len(result.findings))))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("disabled", "0")
    return suite


def _case(result: Result, finding: Finding, classname: str) -> etree._Element:
    pos = position(result, finding)
    case = etree.Element(
        "testcase",
        name=f"{TOOL}.{finding.code}",
        classname=classname,
        file=xml_text(printable(finding.path)),
        line=str(pos.line),
        column=str(pos.column),
    )
    properties = etree.SubElement(case, "properties")
    etree.SubElement(properties, "property", name="severity", value=finding.severity.label)
    etree.SubElement(properties, "property", name="rule", value=finding.rule)
    if finding.entry is not None:
        etree.SubElement(properties, "property", name="entry", value=finding.entry)
    detail = f"line {pos.line}, col {pos.column}, {finding.message}"
    if finding.replacement is not None:
        detail += f" (suggested: '{finding.replacement}')"
    if finding.severity >= Severity.WARNING:
        message = xml_text(finding.message)
        failure = etree.SubElement(case, "failure", message=message, type=finding.code)
        failure.text = xml_text(detail)
    else:
        etree.SubElement(case, "system-out").text = xml_text(detail)
    return case
