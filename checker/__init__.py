"""termcheck: terminology, name and title checks for news copy about China and Japan."""

__version__ = "0.1.0"
