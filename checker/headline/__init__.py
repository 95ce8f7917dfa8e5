"""Headline translation checks: Chinese or Japanese source headlines against their English
translations (glossary terms, entities, numbers, leftover CJK) with sacrebleu and
sentencepiece scores."""
