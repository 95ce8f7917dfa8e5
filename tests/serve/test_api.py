"""The HTTP API through the framework's test client: every endpoint, the token, the limits
and every error path, each answer checked at exact positions or in full."""

from __future__ import annotations

import html
import io
import json
import re
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from checker.engine import Checker, Selection
from checker.readers.docx import read_docx
from checker.reporters.json import report_object
from checker.serve.app import Limits, create_app
from checker.serve.desk import Desk, safe_name
from checker.source import decode
from tests.clirun import invoke
from tests.conftest import REPO
from tests.serve.conftest import DATA, SEED_DOCX, TOKEN

SAMPLES = REPO / "samples"
THREE_FIXES = ["TM001@139-146", "TM002@276-289", "TM001@1316-1322"]


def problem_of(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= {"type", "title", "status", "detail"}
    assert body["status"] == status
    return body


def seed_request(seed_text: str, **extra: Any) -> dict[str, Any]:
    return {"text": seed_text, "date": "2025-11-19", **extra}


# -- health, rules --------------------------------------------------------------------------


def test_health_names_the_glossary_and_the_limits(client: TestClient, desk: Desk) -> None:
    body = client.get("/api/v1/health").json()
    assert body["status"] == "ok"
    assert body["glossary"]["entries"] == len(desk.glossary.entries) > 100
    dates = [d.isoformat() for d in desk.glossary.knowledge_dates]
    assert body["glossary"]["knowledge_dates"] == dates == ["2025-11-30"] * len(dates)
    assert body["styles"] == ["family-first", "news-agency"]
    assert body["limits"] == {"max_upload": 10 * 1024 * 1024, "check_seconds": 10.0}
    assert ".docx" in body["formats"]


def test_rules_lists_every_registered_rule(client: TestClient) -> None:
    from checker.rules import REGISTRY

    rules = client.get("/api/v1/rules").json()["rules"]
    assert [r["code"] for r in rules] == sorted(REGISTRY)
    tm001 = next(r for r in rules if r["code"] == "TM001")
    assert tm001["name"] == "term-case"
    assert tm001["severity"] == "error"


# -- check ----------------------------------------------------------------------------------


def test_check_pasted_seed_story_reports_its_17_findings_at_their_places(
    client: TestClient, seed_text: str
) -> None:
    report = client.post("/api/v1/check", json=seed_request(seed_text)).json()
    assert report["summary"]["findings"] == 17
    assert report["summary"]["by_severity"] == {"error": 9, "warning": 8, "info": 0}
    first = report["findings"][0]
    assert (first["id"], first["line"], first["column"], first["end_column"]) == (
        "TM001@139-146",
        1,
        140,
        147,
    )
    assert (first["text"], first["replacement"], first["fix_applicability"]) == (
        "chinese",
        "Chinese",
        "safe",
    )
    assert first["facts"][0]["entry"] == "china"
    assert report["files"][0]["date_origin"] == "--date"
    assert "story" not in report


def test_check_uses_the_json_report_schema_of_the_cli(
    client: TestClient, desk: Desk, seed_text: str
) -> None:
    report = client.post("/api/v1/check", json=seed_request(seed_text, name="seed.txt")).json()
    options_checker = Checker(
        desk.glossary, desk.style(None), Selection(), report_date(), index=desk.index
    )
    cli = report_object([options_checker.check_source(decode(seed_text.encode(), "seed.txt"))])
    for record in report["findings"]:
        assert record.pop("id") == f"{record['code']}@{record['offset']}-{record['end_offset']}"
    assert report == json.loads(json.dumps(cli))


def test_check_through_the_api_equals_the_cli_json_for_the_seed_story(
    client: TestClient, seed_text: str
) -> None:
    name = "kanai-liu-meeting.txt"
    cli = invoke(
        ["check", "-", "--stdin-filename", name, "--date", "2025-11-19", "--format", "json"],
        stdin=seed_text.encode("utf-8"),
    )
    assert cli.stderr == ""
    report = client.post("/api/v1/check", json=seed_request(seed_text, name=name)).json()
    for record in report["findings"]:
        del record["id"]
    assert report == json.loads(cli.stdout)
    assert len(report["findings"]) == 17


def report_date() -> Any:
    import datetime as dt

    return dt.date(2025, 11, 19)


def test_check_with_include_text_returns_the_text_the_offsets_count(
    client: TestClient, seed_text: str
) -> None:
    report = client.post("/api/v1/check", json=seed_request(seed_text, include_text=True)).json()
    story = report["story"]
    assert story == {"name": "story.txt", "text": seed_text, "format": "text", "segments": None}
    for finding in report["findings"]:
        assert story["text"][finding["offset"] : finding["end_offset"]] == finding["text"]


def test_check_select_and_ignore_as_on_the_command_line(client: TestClient, seed_text: str) -> None:
    selected = client.post("/api/v1/check", json=seed_request(seed_text, select="TM")).json()
    assert {f["code"] for f in selected["findings"]} == {"TM001", "TM002"}
    ignored = client.post(
        "/api/v1/check", json=seed_request(seed_text, ignore=["ST003", "TM001"])
    ).json()
    assert ignored["summary"]["findings"] == 17 - 3 - 5
    assert not {"ST003", "TM001"} & {f["code"] for f in ignored["findings"]}


def test_check_style_profile_changes_the_name_order_rule(
    client: TestClient, seed_text: str
) -> None:
    agency = client.post("/api/v1/check", json=seed_request(seed_text)).json()
    family = client.post("/api/v1/check", json=seed_request(seed_text, style="family-first")).json()
    assert "NM002@276-289" in {f["id"] for f in agency["findings"]}
    assert "NM002@276-289" not in {f["id"] for f in family["findings"]}


def test_check_takes_the_date_from_the_document_by_default(client: TestClient) -> None:
    nitf = (SAMPLES / "kanai-liu-meeting.nitf.xml").read_bytes()
    response = client.post(
        "/api/v1/check", files={"file": ("kanai-liu-meeting.nitf.xml", nitf, "application/xml")}
    )
    file = response.json()["files"][0]
    assert file["date"] == "2025-11-19"
    assert file["date_origin"] != "--date"
    assert file["path"] == "kanai-liu-meeting.nitf.xml"


def test_check_uploaded_word_file(client: TestClient) -> None:
    response = client.post(
        "/api/v1/check",
        data={"date": "2025-11-19", "include_text": "true"},
        files={"file": ("kanai-liu-meeting.docx", SEED_DOCX.read_bytes(), "application/zip")},
    )
    report = response.json()
    assert report["summary"]["findings"] == 17
    assert report["story"]["format"] == "docx"
    liu = next(f for f in report["findings"] if f["text"] == "Liu jianchao")
    assert liu["fix_applicability"] == "display_only"  # the name is split across runs
    assert report["story"]["text"].split("\n")[0].startswith("Tokyo protests")


@pytest.mark.parametrize(
    "sample", ["kanai-liu-meeting.html", "kanai-liu-meeting.nitf.xml", "kanai-liu-meeting.docx"]
)
def test_markup_and_word_stories_come_with_their_segments_marked(
    client: TestClient, sample: str
) -> None:
    data = (SAMPLES / sample).read_bytes()
    report = client.post(
        "/api/v1/check",
        data={"date": "2025-11-19", "include_text": "true"},
        files={"file": (sample, data, "application/octet-stream")},
    ).json()
    segments = report["story"]["segments"]
    assert segments[0]["kind"] == "headline"
    assert segments[0]["text"].startswith("Tokyo protests Chinese TV portrayal")
    marks = {m["id"]: (s["text"], m) for s in segments for m in s["marks"]}
    assert len(marks) == sum(len(s["marks"]) for s in segments)  # one mark per finding
    assert set(marks) == {f["id"] for f in report["findings"]}
    for finding in report["findings"]:
        text, mark = marks[finding["id"]]
        # The finding's text is the source's (markup and entities); the mark's is as read.
        as_read = html.unescape(re.sub(r"<[^>]*>", "", finding["text"]))
        assert text[mark["start"] : mark["end"]] == as_read, finding["id"]


def test_an_uploaded_file_name_is_never_a_path(client: TestClient, seed_text: str) -> None:
    response = client.post(
        "/api/v1/check",
        files={"file": ("../../etc/kanai.txt", seed_text.encode(), "text/plain")},
    )
    assert response.json()["files"][0]["path"] == "kanai.txt"
    assert safe_name("..\\..\\Windows\\story.md") == "story.md"
    assert safe_name("") == "story.txt"


def test_check_a_pasted_text_field_in_a_form(client: TestClient, seed_text: str) -> None:
    response = client.post(
        "/api/v1/check", data={"text": seed_text, "date": "2025-11-19", "select": "TM002"}
    )
    assert [f["id"] for f in response.json()["findings"]] == ["TM002@276-289"]


# -- fix ------------------------------------------------------------------------------------


def test_fix_pasted_text_applies_exactly_the_accepted_fixes(
    client: TestClient, seed_text: str
) -> None:
    accepted = [*THREE_FIXES, "NM002@276-289", "XX000@1-2"]
    body = client.post("/api/v1/fix", json=seed_request(seed_text, accept=accepted)).json()
    assert body["text"] == (DATA / "kanai-liu-meeting.three-fixes.txt").read_text("utf-8")
    assert body["applied"] == THREE_FIXES
    assert body["skipped"] == ["NM002@276-289", "XX000@1-2"]  # no fix; no such finding
    assert body["report"]["summary"]["findings"] == 17 - 3 - 1  # NM002 went with the name


def test_fix_with_no_accepted_fix_returns_the_story_unchanged(
    client: TestClient, seed_text: str
) -> None:
    body = client.post("/api/v1/fix", json=seed_request(seed_text)).json()
    assert body["text"] == seed_text
    assert body["applied"] == []


def test_fix_keeps_bom_encoding_and_line_endings_of_an_uploaded_file(client: TestClient) -> None:
    story = "Talks in taiwan.\r\nThe chinese side said nothing.\r\n"
    data = b"\xff\xfe" + story.encode("utf-16-le")
    ids = client.post("/api/v1/check", files={"file": ("note.txt", data, "text/plain")}).json()[
        "findings"
    ]
    accept = [f["id"] for f in ids if f["code"] == "TM001"]
    assert len(accept) == 2
    response = client.post(
        "/api/v1/fix", data={"accept": accept}, files={"file": ("note.txt", data, "text/plain")}
    )
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith('attachment; filename="note.txt"')
    assert response.headers["x-termcheck-applied"] == ",".join(accept)
    expected = story.replace("taiwan", "Taiwan").replace("chinese", "Chinese")
    assert response.content == b"\xff\xfe" + expected.encode("utf-16-le")


def test_fix_html_keeps_the_markup(client: TestClient) -> None:
    html = (SAMPLES / "kanai-liu-meeting.html").read_bytes()
    report = client.post(
        "/api/v1/check",
        data={"date": "2025-11-19"},
        files={"file": ("story.html", html, "text/html")},
    ).json()
    taiwan = next(f for f in report["findings"] if f["text"] == "taiwan")
    response = client.post(
        "/api/v1/fix",
        data={"date": "2025-11-19", "accept": taiwan["id"]},
        files={"file": ("story.html", html, "text/html")},
    )
    start, end = taiwan["offset"], taiwan["end_offset"]
    text = html.decode("utf-8")
    assert response.content.decode("utf-8") == text[:start] + "Taiwan" + text[end:]


def test_fix_word_file_gives_a_word_file_with_the_fix(client: TestClient) -> None:
    docx = SEED_DOCX.read_bytes()
    response = client.post(
        "/api/v1/fix",
        data={"date": "2025-11-19", "accept": ["TM001@1428-1434"]},
        files={"file": ("seed.docx", docx, "application/zip")},
    )
    assert response.headers["x-termcheck-applied"] == "TM001@1428-1434"
    fixed = read_docx(decode(response.content, "seed.docx")).source.text
    original = read_docx(decode(docx, "seed.docx")).source.text
    assert original[1428:1434] == "taiwan"
    assert fixed == original[:1428] + "Taiwan" + original[1434:]


# -- annotate -------------------------------------------------------------------------------


def test_annotate_returns_the_word_file_with_comments(client: TestClient) -> None:
    response = client.post(
        "/api/v1/annotate",
        data={"date": "2025-11-19"},
        files={"file": ("kanai-liu-meeting.docx", SEED_DOCX.read_bytes(), "application/zip")},
    )
    assert response.status_code == 200
    assert "kanai-liu-meeting.termcheck.docx" in response.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as package:
        assert package.read("word/comments.xml").count(b"<w:comment ") == 17


def test_annotate_refuses_anything_but_a_word_file(client: TestClient, seed_text: str) -> None:
    body = problem_of(client.post("/api/v1/annotate", json={"text": seed_text}), 422)
    assert body["detail"] == "story.txt: only a Word (.docx) file can be annotated"


# -- headlines ------------------------------------------------------------------------------


def test_headlines_pair_findings_and_scores(client: TestClient) -> None:
    body = client.post(
        "/api/v1/headlines",
        json={
            "source": "刘劲松与金井正彰举行磋商",
            "translation": "Liu Jinsong holds talks with Kanai Hiroshi",
            "reference": "Liu Jinsong holds consultations with Masaaki Kanai",
            "date": "2025-11-19",
        },
    ).json()
    pair = body["pairs"][0]
    assert pair["source_lang"] == "zh-Hans"
    wrong = [f for f in pair["findings"] if f["text"] == "Kanai Hiroshi"]
    assert wrong and wrong[0]["field"] == "translation" and wrong[0]["start"] == 29
    assert pair["scores"]["nrefs"] == 1
    assert 0 < pair["scores"]["chrf"] < 100


def test_headlines_needs_source_and_translation(client: TestClient) -> None:
    body = problem_of(client.post("/api/v1/headlines", json={"source": "刘劲松"}), 400)
    assert body["detail"] == "'translation' is required"


# -- glossary lookup ------------------------------------------------------------------------


def lookup(client: TestClient, q: str, date: str | None = None) -> dict[str, Any]:
    params = {"q": q, **({"date": date} if date else {})}
    response = client.get("/api/v1/glossary/lookup", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_lookup_chinese_in_either_script_and_post_on_a_date(client: TestClient) -> None:
    for query in ("刘劲松", "劉勁松"):
        body = lookup(client, query, "2025-11-19")
        entry = body["entries"][0]
        assert entry["id"] == "liu-jinsong"
        assert [t["title"] for t in entry["on_date"]] == [
            "Director-General of the Department of Asian Affairs"
        ]
        assert entry["source"].startswith("https://")


def test_lookup_japanese_and_a_wrong_form(client: TestClient) -> None:
    assert lookup(client, "金井正彰")["entries"][0]["id"] == "masaaki-kanai"
    wrong = lookup(client, "Kanai Hiroshi")["entries"][0]
    assert wrong["id"] == "masaaki-kanai"
    assert wrong["matched"]["wrong"] is True
    assert wrong["on_date"] is None  # no date asked


def test_lookup_a_misspelling_finds_the_nearest_forms(client: TestClient) -> None:
    body = lookup(client, "Liu Jinsongg")
    assert body["near"][0] == "Liu Jinsong"
    assert body["entries"][0]["id"] == "liu-jinsong"


def test_lookup_an_office_names_its_holder_on_the_date(client: TestClient) -> None:
    body = lookup(client, "Director-General of the Department of Asian Affairs", "2025-11-19")
    office = next(e for e in body["entries"] if e["kind"] == "office")
    assert [h["person"] for h in office["holders"]] == ["Liu Jinsong"]


def test_lookup_of_nothing_known_is_an_empty_answer(client: TestClient) -> None:
    assert lookup(client, "zzqqxx") == {"query": "zzqqxx", "date": None, "near": [], "entries": []}


# -- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("request_args", "status", "detail"),
    [
        (
            {"json": {"text": "x", "date": "2025-13-01"}},
            400,
            "--date '2025-13-01' is not a date (use YYYY-MM-DD)",
        ),
        (
            {"json": {"text": "x", "select": "XX9"}},
            400,
            "unknown rule code or prefix 'XX9' (see 'termcheck rules')",
        ),
        (
            {"json": {"text": "x", "style": "../../etc/passwd"}},
            400,
            "unknown style profile '../../etc/passwd' (bundled: family-first, news-agency)",
        ),
        ({"json": {"date": "2025-11-19"}}, 400, "'text' is required"),
        ({"json": {"text": 5}}, 400, "'text' must be a string"),
        (
            {"json": {"text": "x", "select": [1]}},
            400,
            "'select' must be a string or a list of strings",
        ),
        ({"json": ["text"]}, 400, "the request body must be a JSON object"),
        ({"data": {"date": "2025-11-19"}}, 400, "no story: send a 'file' part or a 'text' field"),
        (
            {"content": b"text", "headers": {"content-type": "text/plain"}},
            415,
            "send application/json, multipart/form-data or a form, not 'text/plain'",
        ),
    ],
)
def test_check_errors_are_problem_details_with_the_cli_message(
    client: TestClient, request_args: dict[str, Any], status: int, detail: str
) -> None:
    assert problem_of(client.post("/api/v1/check", **request_args), status)["detail"] == detail


def test_malformed_forms_are_bad_requests(client: TestClient) -> None:
    no_boundary = client.post(
        "/api/v1/check", content=b"--x\r\n", headers={"content-type": "multipart/form-data"}
    )
    assert problem_of(no_boundary, 400)["detail"] == "Missing boundary in multipart."
    two_files = client.post(
        "/api/v1/check", files=[("file", ("a.txt", b"x")), ("file", ("b.txt", b"y"))]
    )
    assert problem_of(two_files, 400)["detail"] == ("Too many files. Maximum number of files is 1.")


def test_invalid_json_is_a_bad_request(client: TestClient) -> None:
    response = client.post(
        "/api/v1/check", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert problem_of(response, 400)["detail"].startswith("the request body is not valid JSON")


def test_unreadable_documents_are_422_with_file_and_position(client: TestClient) -> None:
    broken = b'<?xml version="1.0"?>\n<nitf><body>\n<p>Talks</b></body></nitf>'
    body = problem_of(
        client.post("/api/v1/check", files={"file": ("story.nitf", broken, "application/xml")}),
        422,
    )
    assert body["detail"].startswith("story.nitf:3:")
    assert "not well-formed XML" in body["detail"]
    assert body["instance"] == "/api/v1/check"


def test_xml_entity_declarations_are_refused(client: TestClient) -> None:
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE nitf [\n<!ENTITY a "aaaaaaaaaa">\n'
        b'<!ENTITY b "&a;&a;&a;&a;">]>\n<nitf><body><p>&b;</p></body></nitf>'
    )
    body = problem_of(
        client.post("/api/v1/check", files={"file": ("bomb.xml", bomb, "application/xml")}), 422
    )
    assert body["detail"] == (
        "bomb.xml:3: XML declares entities; refused (entity declarations are not allowed)"
    )


def test_not_a_word_file_is_422(client: TestClient) -> None:
    body = problem_of(
        client.post(
            "/api/v1/check", files={"file": ("story.docx", b"PK\x03\x04broken", "application/zip")}
        ),
        422,
    )
    assert body["detail"].startswith("story.docx: not a readable DOCX (zip) file")


def test_lookup_errors(client: TestClient) -> None:
    missing = problem_of(client.get("/api/v1/glossary/lookup"), 400)
    assert missing["detail"] == "lookup: give the form to look up as ?q="
    empty = problem_of(client.get("/api/v1/glossary/lookup", params={"q": " "}), 400)
    assert empty["detail"] == "lookup: the query is empty"
    bad_date = problem_of(
        client.get("/api/v1/glossary/lookup", params={"q": "Liu", "date": "19/11/2025"}), 400
    )
    assert bad_date["detail"] == "--date '19/11/2025' is not a date (use YYYY-MM-DD)"


def test_unknown_paths_and_methods(client: TestClient) -> None:
    assert problem_of(client.get("/api/v1/nothing"), 404)["detail"] == "nothing at /api/v1/nothing"
    assert problem_of(client.get("/api/v1/check"), 405)["title"] == "Method not allowed"


def test_static_files_come_from_memory_by_name_only(client: TestClient) -> None:
    assert client.get("/static/desk.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/desk.css").status_code == 200
    for name in ("page.html", "..%2F..%2Fpyproject.toml", "..%2Fapp.py", "%2Fetc%2Fpasswd"):
        assert client.get(f"/static/{name}").status_code == 404
    assert client.get("/static/../../pyproject.toml").status_code == 404


def test_the_page_is_server_rendered_with_its_options(client: TestClient) -> None:
    page = client.get("/")
    assert page.headers["content-type"].startswith("text/html")
    assert '<option value="news-agency" selected>news-agency</option>' in page.text
    assert 'src="/static/desk.js"' in page.text
    assert "http://" not in page.text and "https://" not in page.text  # nothing from outside


def test_an_internal_error_is_a_problem_too(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> list[dict[str, Any]]:
        raise RuntimeError("rules table is gone")

    monkeypatch.setattr(desk, "rules", broken)
    with TestClient(create_app(desk), raise_server_exceptions=False) as client:
        body = problem_of(client.get("/api/v1/rules"), 500)
    assert body["detail"] == "internal error: RuntimeError: rules table is gone"


# -- limits ---------------------------------------------------------------------------------


@pytest.fixture()
def small_client(desk: Desk) -> Iterator[TestClient]:
    with TestClient(create_app(desk, limits=Limits(max_upload=4096))) as test_client:
        yield test_client


def test_upload_over_the_limit_is_413(small_client: TestClient) -> None:
    big = b"Talks in Tokyo. " * 1000
    response = small_client.post("/api/v1/check", files={"file": ("big.txt", big, "text/plain")})
    assert (
        problem_of(response, 413)["detail"] == "the upload is larger than the limit of 4096 bytes"
    )


def test_body_over_the_limit_without_content_length_is_413(small_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(100):
            yield b"Talks in Tokyo. " * 10
        yield b'"}'

    response = small_client.post(
        "/api/v1/check", content=chunks(), headers={"content-type": "application/json"}
    )
    assert problem_of(response, 413)["title"] == "Upload too large"


def test_upload_within_the_limit_is_checked(small_client: TestClient) -> None:
    response = small_client.post("/api/v1/check", json={"text": "Talks in taiwan."})
    assert [f["id"] for f in response.json()["findings"]] == ["TM001@9-15"]


def test_the_default_limit_is_10_mb(client: TestClient) -> None:
    story = "Talks in Tokyo. " * (10 * 65536 + 1)
    response = client.post(
        "/api/v1/check", files={"file": ("big.txt", story.encode(), "text/plain")}
    )
    assert problem_of(response, 413)["detail"] == "the upload is larger than the limit of 10 MB"


def test_a_check_over_the_time_limit_is_503(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    real_check = desk.check

    def slow(*args: Any) -> Any:
        time.sleep(0.5)
        return real_check(*args)

    monkeypatch.setattr(desk, "check", slow)
    with TestClient(create_app(desk, limits=Limits(check_seconds=0.05))) as client:
        body = problem_of(client.post("/api/v1/check", json={"text": "Talks."}), 503)
    assert body["detail"] == "the check took longer than 0.05 s"


def test_checks_take_turns_in_one_process(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    real_check = desk.check
    running: list[int] = []
    most = 0
    guard = threading.Lock()

    def counted(*args: Any) -> Any:
        nonlocal most
        with guard:
            running.append(1)
            most = max(most, len(running))
        try:
            time.sleep(0.05)
            return real_check(*args)
        finally:
            with guard:
                running.pop()

    monkeypatch.setattr(desk, "check", counted)
    with TestClient(create_app(desk)) as client, ThreadPoolExecutor(4) as requests:
        answers = list(
            requests.map(
                lambda n: client.post("/api/v1/check", json={"text": f"Talks in taiwan {n}."}),
                range(4),
            )
        )
    assert [a.status_code for a in answers] == [200] * 4
    assert [a.json()["findings"][0]["offset"] for a in answers] == [9] * 4
    assert most == 1


def test_a_check_past_the_time_limit_gives_its_turn_to_the_next(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_check = desk.check
    calls: list[int] = []

    def slow_first(*args: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            time.sleep(2.0)
        return real_check(*args)

    monkeypatch.setattr(desk, "check", slow_first)
    with TestClient(create_app(desk, limits=Limits(check_seconds=0.2))) as client:
        problem_of(client.post("/api/v1/check", json={"text": "Talks."}), 503)
        started = time.monotonic()
        answer = client.post("/api/v1/check", json={"text": "Talks in taiwan."})
        assert answer.status_code == 200
        assert time.monotonic() - started < 1.0  # not once the slow check is done


def test_uploads_leave_no_temporary_file(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    story = ("Talks in taiwan. " * 80000).encode()  # over a megabyte: spooled to disk
    response = client.post("/api/v1/check", files={"file": ("big.txt", story, "text/plain")})
    assert response.status_code == 200
    # Other parts of the process may use the temporary folder meanwhile: none of what is
    # left there holds the story.
    left = [p for p in tmp_path.rglob("*") if p.is_file() and b"Talks in taiwan" in p.read_bytes()]
    assert left == []


# -- token ----------------------------------------------------------------------------------


@pytest.fixture()
def token_client(desk: Desk) -> Iterator[TestClient]:
    with TestClient(create_app(desk, token=TOKEN)) as test_client:
        yield test_client


@pytest.mark.parametrize(
    "path",
    ["/api/v1/health", "/api/v1/rules", "/api/v1/openapi.json", "/api/v1/glossary/lookup?q=Liu"],
)
def test_with_a_token_every_api_call_needs_it(token_client: TestClient, path: str) -> None:
    missing = token_client.get(path)
    assert problem_of(missing, 401)["detail"] == (
        "this desk needs a token: send 'Authorization: Bearer TOKEN'"
    )
    assert missing.headers["www-authenticate"] == 'Bearer realm="termcheck"'
    wrong = token_client.get(path, headers={"Authorization": "Bearer not-the-token"})
    assert wrong.status_code == 401
    basic = token_client.get(path, headers={"Authorization": f"Basic {TOKEN}"})
    assert basic.status_code == 401
    right = token_client.get(path, headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 200


def test_with_a_token_posts_need_it_before_the_body_is_read(token_client: TestClient) -> None:
    response = token_client.post("/api/v1/check", json={"text": "Talks in taiwan."})
    assert response.status_code == 401
    response = token_client.post(
        "/api/v1/check",
        json={"text": "Talks in taiwan."},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.json()["summary"]["findings"] == 1


def test_with_a_token_the_page_loads_and_asks_for_it(token_client: TestClient) -> None:
    page = token_client.get("/")
    assert page.status_code == 200
    assert "&quot;tokenRequired&quot;: true" in page.text
    assert token_client.get("/static/desk.js").status_code == 200


def test_the_desk_writes_nothing_to_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_text: str
) -> None:
    monkeypatch.setenv("TERMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    with TestClient(create_app(Desk())) as fresh:
        assert fresh.post("/api/v1/check", json=seed_request(seed_text)).status_code == 200
        fixed = fresh.post(
            "/api/v1/fix",
            data={"accept": "TM001@1428-1434"},
            files={"file": ("seed.docx", SEED_DOCX.read_bytes(), "application/zip")},
        )
        assert fixed.status_code == 200
    assert [p.name for p in tmp_path.rglob("*")] == ["tmp"]
