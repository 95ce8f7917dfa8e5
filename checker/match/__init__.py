"""Compiled glossary matching over English and CJK text."""
