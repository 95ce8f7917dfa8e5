"""The glossary knowledge model: people, offices, organizations, places and terms."""
