"""Titles of office in copy: the phrases attached to a named person (`phrases`) and their
verdicts against the glossary on the story's date (`verdicts`)."""
