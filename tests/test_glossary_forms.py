"""Validation: a wrong form that is another person's name is rejected."""

from __future__ import annotations

from pathlib import Path

from checker.glossary.loader import load_glossary_file
from checker.glossary.validate import validate

GLOSSARY = """\
glossary: t
version: "1"
entries:
- {id: shigeru-ishiba, kind: person, name-origin: japanese, family: Ishiba, given: Shigeru,
   en: Shigeru Ishiba, forbidden: [Ishida, Ishiba Shigeri], sources: ["https://example.org/x"]}
- {id: masatoshi-ishida, kind: person, name-origin: japanese, family: Ishida,
   given: Masatoshi, en: Masatoshi Ishida, sources: ["https://example.org/x"]}
- {id: mao-ning, kind: person, name-origin: chinese, family: Mao, given: Ning, en: Mao Ning,
   forbidden: [Ning, Jizhe Ning], sources: ["https://example.org/x"]}
- {id: ning-jizhe, kind: person, name-origin: chinese, family: Ning, given: Jizhe,
   en: Ning Jizhe, sources: ["https://example.org/x"]}
"""


def test_forbidden_forms_that_name_another_person_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    messages = [
        (p.entry, p.line, p.message)
        for p in validate(load_glossary_file(path))
        if "a fix would rewrite" in p.message
    ]
    assert messages == [
        (
            "shigeru-ishiba",
            4,
            "forbidden form 'Ishida' is a name of masatoshi-ishida: "
            "a fix would rewrite that person's name",
        ),
        (
            "mao-ning",
            8,
            "forbidden form 'Ning' is a name of ning-jizhe: a fix would rewrite that person's name",
        ),
        (
            "mao-ning",
            8,
            "forbidden form 'Jizhe Ning' is a name of ning-jizhe: "
            "a fix would rewrite that person's name",
        ),
    ]
