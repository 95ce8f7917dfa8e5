"""The OpenAPI 3.1 document of the desk's API, served at /api/v1/openapi.json. The tests
walk it against the application's routes and validate real answers with its schemas."""

from __future__ import annotations

from typing import Any

_NULLABLE_STRING = {"type": ["string", "null"]}
_NULLABLE_INT = {"type": ["integer", "null"]}

_FACT = {
    "type": "object",
    "required": ["entry", "glossary", "line", "source", "status"],
    "properties": {
        "entry": {"type": "string"},
        "glossary": _NULLABLE_STRING,
        "line": _NULLABLE_INT,
        "source": _NULLABLE_STRING,
        "status": {"type": "string"},
    },
}

_FINDING = {
    "type": "object",
    "description": "A finding as in `termcheck check --format json`, with its id.",
    "required": [
        "id",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "offset",
        "end_offset",
        "code",
        "rule",
        "severity",
        "message",
        "text",
        "replacement",
        "fix_applicability",
        "entry",
        "facts",
        "segment",
    ],
    "properties": {
        "id": {
            "type": "string",
            "pattern": "^[A-Z]+[0-9]+@[0-9]+-[0-9]+$",
            "description": "CODE@OFFSET-END_OFFSET: names the finding in /fix requests.",
        },
        "path": {"type": "string"},
        "line": {"type": "integer", "minimum": 1},
        "column": {"type": "integer", "minimum": 1},
        "end_line": {"type": "integer", "minimum": 1},
        "end_column": {"type": "integer", "minimum": 1},
        "offset": {"type": "integer", "minimum": 0},
        "end_offset": {"type": "integer", "minimum": 0},
        "code": {"type": "string"},
        "rule": {"type": "string"},
        "severity": {"enum": ["error", "warning", "info"]},
        "message": {"type": "string"},
        "text": {"type": "string"},
        "replacement": _NULLABLE_STRING,
        "fix_applicability": {"enum": ["safe", "unsafe", "display_only", None]},
        "entry": _NULLABLE_STRING,
        "facts": {"type": "array", "items": {"$ref": "#/components/schemas/Fact"}},
        "segment": _NULLABLE_STRING,
    },
}

_REPORT = {
    "type": "object",
    "description": "The `--format json` report of one story.",
    "required": ["version", "files", "findings", "summary"],
    "properties": {
        "version": {"const": 1},
        "files": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["path", "date", "date_origin", "encoding", "warnings"],
                "properties": {
                    "path": {"type": "string"},
                    "date": {"type": "string", "format": "date"},
                    "date_origin": {"type": "string"},
                    "encoding": {"type": "string"},
                    "warnings": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
        "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
        "summary": {
            "type": "object",
            "required": ["files", "findings", "by_severity", "by_rule", "fixable"],
            "properties": {
                "files": {"type": "integer"},
                "findings": {"type": "integer"},
                "by_severity": {"type": "object"},
                "by_rule": {"type": "object"},
                "fixable": {"type": "integer"},
            },
        },
        "story": {
            "type": "object",
            "description": "With include_text: the story's text as the offsets count it.",
            "required": ["name", "text", "format", "segments"],
            "properties": {
                "name": {"type": "string"},
                "text": {"type": "string"},
                "format": {"enum": ["text", "markdown", "html", "xml", "docx"]},
                "segments": {
                    "type": ["array", "null"],
                    "description": "Markup and Word files: the segments the checks read, "
                    "each with its findings' spans in its own text.",
                    "items": {
                        "type": "object",
                        "required": ["kind", "name", "text", "marks"],
                        "properties": {
                            "kind": {"type": "string"},
                            "name": _NULLABLE_STRING,
                            "text": {"type": "string"},
                            "marks": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["id", "start", "end"],
                                    "properties": {
                                        "id": {"type": "string"},
                                        "start": {"type": "integer", "minimum": 0},
                                        "end": {"type": "integer", "minimum": 0},
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}

_OPTIONS = {
    "date": {"type": "string", "format": "date", "description": "The story's date (--date)."},
    "style": {"type": "string", "description": "A bundled house-style profile (--style)."},
    "select": {
        "type": ["string", "array"],
        "items": {"type": "string"},
        "description": "Only these codes or prefixes (--select).",
    },
    "ignore": {
        "type": ["string", "array"],
        "items": {"type": "string"},
        "description": "Skip these codes or prefixes (--ignore).",
    },
}

_TEXT_REQUEST = {
    "type": "object",
    "required": ["text"],
    "properties": {
        "text": {"type": "string", "description": "The story, pasted."},
        "name": {
            "type": "string",
            "description": "A file name whose suffix chooses the reader (default story.txt).",
        },
        **_OPTIONS,
        "include_text": {"type": "boolean", "description": "Add the story's text to the report."},
        "accept": {
            "type": "array",
            "items": {"type": "string"},
            "description": "/fix: the ids of the findings whose fixes to apply.",
        },
    },
}

_FILE_REQUEST = {
    "type": "object",
    "properties": {
        "file": {"type": "string", "format": "binary", "description": "The story file."},
        "text": {"type": "string", "description": "The story, pasted, instead of a file."},
        "name": {"type": "string"},
        "date": {"type": "string", "format": "date"},
        "style": {"type": "string"},
        "select": {"type": "string"},
        "ignore": {"type": "string"},
        "include_text": {"type": "string", "enum": ["true", "false"]},
        "accept": {"type": "array", "items": {"type": "string"}},
    },
}

_PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details; `detail` is the command line's one-line message.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
    },
}

_TENURE = {
    "type": "object",
    "required": ["office", "title", "span", "status", "source"],
    "properties": {
        "office": {"type": "string"},
        "title": {"type": "string"},
        "span": {"type": "string"},
        "status": {"type": "string"},
        "source": _NULLABLE_STRING,
        "person": {"type": "string"},
        "id": {"type": "string"},
    },
}

_LOOKUP = {
    "type": "object",
    "required": ["query", "date", "near", "entries"],
    "properties": {
        "query": {"type": "string"},
        "date": _NULLABLE_STRING,
        "near": {
            "type": "array",
            "items": {"type": "string"},
            "description": "When nothing matched: the nearest English forms (a misspelling).",
        },
        "entries": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "kind", "en", "matched", "forms", "wrong_forms", "history"],
                "properties": {
                    "id": {"type": "string"},
                    "kind": {"type": "string"},
                    "en": {"type": "string"},
                    "matched": {"type": "object"},
                    "forms": {"type": "object"},
                    "wrong_forms": {"type": "array", "items": {"type": "string"}},
                    "on_date": {
                        "type": ["array", "null"],
                        "items": {"$ref": "#/components/schemas/Tenure"},
                    },
                    "holders": {
                        "type": ["array", "null"],
                        "items": {"$ref": "#/components/schemas/Tenure"},
                    },
                    "history": {"type": "array", "items": {"$ref": "#/components/schemas/Tenure"}},
                    "note": _NULLABLE_STRING,
                    "status": {"type": "string"},
                    "source": _NULLABLE_STRING,
                    "glossary": {"type": "string"},
                    "line": _NULLABLE_INT,
                },
            },
        },
    },
}

_HEADLINE_REQUEST = {
    "type": "object",
    "required": ["source", "translation"],
    "properties": {
        "source": {"type": "string", "description": "The Chinese or Japanese headline."},
        "translation": {"type": "string", "description": "Its English translation."},
        "reference": {"type": "string", "description": "A reference translation (optional)."},
        "date": {"type": "string", "format": "date"},
        "style": {"type": "string"},
    },
}

_HEADLINE_REPORT = {
    "type": "object",
    "description": "The `termcheck headlines --format json` report of one pair.",
    "required": ["version", "date", "files", "pairs", "summary"],
    "properties": {
        "version": {"const": 1},
        "date": {"type": "string"},
        "files": {"type": "array"},
        "pairs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "source", "translation", "findings", "scores", "terms"],
            },
        },
        "summary": {"type": "object"},
    },
}

_FIX_RESULT = {
    "type": "object",
    "required": ["text", "applied", "skipped", "report"],
    "properties": {
        "text": {"type": "string", "description": "The story with the accepted fixes."},
        "applied": {"type": "array", "items": {"type": "string"}},
        "skipped": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Accepted ids not applied: unknown, without a fix, or overlapping.",
        },
        "report": {"$ref": "#/components/schemas/Report"},
    },
}

_HEALTH = {
    "type": "object",
    "required": ["status", "version", "glossary", "styles", "default_style", "formats", "limits"],
    "properties": {
        "status": {"const": "ok"},
        "version": {"type": "string"},
        "glossary": {"type": "object"},
        "styles": {"type": "array", "items": {"type": "string"}},
        "default_style": {"type": "string"},
        "formats": {"type": "array", "items": {"type": "string"}},
        "limits": {"type": "object"},
    },
}

_RULES = {
    "type": "object",
    "required": ["rules"],
    "properties": {
        "rules": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["code", "name", "severity", "summary"],
                "properties": {
                    "code": {"type": "string"},
                    "name": {"type": "string"},
                    "severity": {"type": "string"},
                    "summary": {"type": "string"},
                },
            },
        }
    },
}


def _json(schema: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}


def _problems(*statuses: int) -> dict[str, Any]:
    described = {
        400: "Bad options or request (the CLI's usage message)",
        401: "Token missing or wrong",
        413: "Upload larger than the limit",
        415: "Neither JSON nor multipart",
        422: "A document that cannot be read",
        503: "The check took longer than the time limit",
    }
    return {
        str(status): {
            "description": described[status],
            "content": {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            },
        }
        for status in (401, *statuses)
    }


def _story_body() -> dict[str, Any]:
    return {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/TextRequest"}},
            "multipart/form-data": {"schema": {"$ref": "#/components/schemas/FileRequest"}},
        },
    }


_STORY_PROBLEMS = (400, 413, 415, 422, 503)
_FILE = {"schema": {"type": "string", "format": "binary"}}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def openapi_document(version: str) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "termcheck copy desk",
            "version": version,
            "description": "Check English news copy about China and Japan against dated "
            "glossaries. Findings use the schema of `termcheck check --format json`; "
            "errors are RFC 9457 problem details.",
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "paths": {
            "/health": {
                "get": {
                    "operationId": "health",
                    "summary": "The server, its glossary and its limits",
                    "responses": {
                        "200": {"description": "Ready", "content": _json("Health")},
                        **_problems(),
                    },
                }
            },
            "/rules": {
                "get": {
                    "operationId": "rules",
                    "summary": "Every rule: code, name, default severity, summary",
                    "responses": {
                        "200": {"description": "The rules", "content": _json("Rules")},
                        **_problems(),
                    },
                }
            },
            "/glossary/lookup": {
                "get": {
                    "operationId": "glossaryLookup",
                    "summary": "Who or what a form names; who held which post on a date",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "date",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "format": "date"},
                        },
                    ],
                    "responses": {
                        "200": {"description": "The matching entries", "content": _json("Lookup")},
                        **_problems(400, 503),
                    },
                }
            },
            "/check": {
                "post": {
                    "operationId": "check",
                    "summary": "Check a story (pasted text or an uploaded file)",
                    "requestBody": _story_body(),
                    "responses": {
                        "200": {"description": "The JSON report", "content": _json("Report")},
                        **_problems(*_STORY_PROBLEMS),
                    },
                }
            },
            "/fix": {
                "post": {
                    "operationId": "fix",
                    "summary": "Apply the accepted fixes: the fixed text or file",
                    "requestBody": _story_body(),
                    "responses": {
                        "200": {
                            "description": "JSON in: the fixed text and the new report; a file "
                            "in: the fixed file in its own format",
                            "content": {**_json("FixResult"), "application/octet-stream": _FILE},
                        },
                        **_problems(*_STORY_PROBLEMS),
                    },
                }
            },
            "/annotate": {
                "post": {
                    "operationId": "annotate",
                    "summary": "A Word file back with comments and tracked changes",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "multipart/form-data": {
                                "schema": {"$ref": "#/components/schemas/FileRequest"}
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "The annotated .docx",
                            "content": {DOCX: _FILE},
                        },
                        **_problems(*_STORY_PROBLEMS),
                    },
                }
            },
            "/headlines": {
                "post": {
                    "operationId": "headlines",
                    "summary": "Check a headline translation against its source",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/HeadlineRequest"}
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "The headline report",
                            "content": _json("HeadlineReport"),
                        },
                        **_problems(400, 413, 503),
                    },
                }
            },
            "/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "responses": {
                        "200": {
                            "description": "OpenAPI 3.1",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        **_problems(),
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "Needed when the server was started with --token-file.",
                }
            },
            "schemas": {
                "Fact": _FACT,
                "Finding": _FINDING,
                "Report": _REPORT,
                "TextRequest": _TEXT_REQUEST,
                "FileRequest": _FILE_REQUEST,
                "FixResult": _FIX_RESULT,
                "Problem": _PROBLEM,
                "Tenure": _TENURE,
                "Lookup": _LOOKUP,
                "HeadlineRequest": _HEADLINE_REQUEST,
                "HeadlineReport": _HEADLINE_REPORT,
                "Health": _HEALTH,
                "Rules": _RULES,
            },
        },
    }
