"""The OpenAPI document matches the server: the same operations as the routes, and real
answers of every operation (successes and problems) valid against its schemas."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from starlette.routing import Route
from starlette.testclient import TestClient

from checker.serve.app import API, create_app
from checker.serve.desk import Desk
from tests.serve.conftest import SEED_DOCX, TOKEN


@pytest.fixture(scope="module")
def document(client: TestClient) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def validate(document: dict[str, Any], schema: dict[str, Any], value: Any) -> None:
    resolved = _absolute(schema)
    Draft202012Validator(
        resolved,
        registry=Registry().with_resource(
            "urn:openapi", Resource.from_contents(document, default_specification=DRAFT202012)
        ),
    ).validate(value)


def _absolute(schema: Any) -> Any:
    """The schema with its document-local $refs made to point into urn:openapi."""
    if isinstance(schema, dict):
        return {k: (f"urn:openapi{v}" if k == "$ref" else _absolute(v)) for k, v in schema.items()}
    if isinstance(schema, list):
        return [_absolute(v) for v in schema]
    return schema


def test_the_document_is_openapi_3_1_with_the_server_base(document: dict[str, Any]) -> None:
    assert document["openapi"] == "3.1.0"
    assert document["servers"] == [{"url": API}]
    for name, schema in document["components"]["schemas"].items():
        Draft202012Validator.check_schema(_absolute(schema))
        assert name[0].isupper()


def test_every_operation_is_a_route_and_every_api_route_is_documented(
    desk: Desk, document: dict[str, Any]
) -> None:
    app = create_app(desk)
    starlette_app = app.app  # type: ignore[attr-defined]
    routes = {
        (route.path, method)
        for route in starlette_app.routes
        if isinstance(route, Route) and route.path.startswith(API + "/")
        for method in (route.methods or ()) - {"HEAD"}
    }
    documented = {
        (API + path, method.upper())
        for path, operations in document["paths"].items()
        for method in operations
    }
    assert routes == documented


def _call(client: TestClient, operation: str, seed_text: str) -> list[Any]:
    """Real requests for the operation: answers that succeed and answers that fail."""
    story = {"text": seed_text, "date": "2025-11-19"}
    docx = {"file": ("seed.docx", SEED_DOCX.read_bytes(), "application/zip")}
    calls = {
        "health": [lambda: client.get("/api/v1/health")],
        "rules": [lambda: client.get("/api/v1/rules")],
        "openapi": [lambda: client.get("/api/v1/openapi.json")],
        "glossaryLookup": [
            lambda: client.get(
                "/api/v1/glossary/lookup", params={"q": "刘劲松", "date": "2025-11-19"}
            ),
            lambda: client.get("/api/v1/glossary/lookup", params={"q": "Kanai Hiroshi"}),
            lambda: client.get("/api/v1/glossary/lookup", params={"q": "Liu Jinsongg"}),
            lambda: client.get(
                "/api/v1/glossary/lookup",
                params={"q": "Director-General of the Department of Asian Affairs"},
            ),
            lambda: client.get("/api/v1/glossary/lookup"),
        ],
        "check": [
            lambda: client.post("/api/v1/check", json={**story, "include_text": True}),
            lambda: client.post("/api/v1/check", files=docx, data={"include_text": "true"}),
            lambda: client.post("/api/v1/check", json={"text": "x", "select": "XX9"}),
            lambda: client.post(
                "/api/v1/check", content=b"x", headers={"content-type": "text/plain"}
            ),
            lambda: client.post(
                "/api/v1/check", files={"file": ("bad.xml", b"<a><b></a>", "application/xml")}
            ),
        ],
        "fix": [
            lambda: client.post("/api/v1/fix", json={**story, "accept": ["TM001@139-146"]}),
            lambda: client.post("/api/v1/fix", files=docx, data={"accept": "TM001@1428-1434"}),
            lambda: client.post("/api/v1/fix", json={"text": "x", "date": "never"}),
        ],
        "annotate": [
            lambda: client.post("/api/v1/annotate", files=docx),
            lambda: client.post("/api/v1/annotate", json={"text": "x"}),
        ],
        "headlines": [
            lambda: client.post(
                "/api/v1/headlines",
                json={
                    "source": "刘劲松会见金井正彰",
                    "translation": "Liu Jinsong meets Kanai Hiroshi",
                },
            ),
            lambda: client.post("/api/v1/headlines", json={"source": "刘劲松"}),
        ],
    }
    return [call() for call in calls[operation]]


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    ]


def test_real_answers_of_every_operation_match_the_document(
    client: TestClient, document: dict[str, Any], seed_text: str
) -> None:
    seen_statuses: set[tuple[str, int]] = set()
    for _path, _method, operation in _operations(document):
        for response in _call(client, operation["operationId"], seed_text):
            declared = operation["responses"].get(str(response.status_code))
            assert declared is not None, (operation["operationId"], response.status_code)
            media_type = response.headers["content-type"].split(";")[0]
            content = declared["content"]
            if media_type not in content:
                assert "application/octet-stream" in content or any(
                    "schema" in c and c["schema"].get("format") == "binary"
                    for c in content.values()
                ), (operation["operationId"], media_type)
                continue
            schema = content[media_type]["schema"]
            if schema.get("format") == "binary":
                continue
            validate(document, schema, response.json())
            seen_statuses.add((operation["operationId"], response.status_code))
    assert ("check", 422) in seen_statuses and ("annotate", 422) in seen_statuses
    assert ("headlines", 400) in seen_statuses and ("glossaryLookup", 400) in seen_statuses


def test_the_token_answer_is_documented_for_every_operation(
    desk: Desk, document: dict[str, Any]
) -> None:
    with TestClient(create_app(desk, token=TOKEN)) as client:
        for path, method, operation in _operations(document):
            response = client.request(method.upper(), API + path)
            assert response.status_code == 401
            schema = operation["responses"]["401"]["content"]["application/problem+json"]["schema"]
            validate(document, schema, response.json())
