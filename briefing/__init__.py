"""briefing: government-style briefing decks from YAML content."""

__version__ = "0.1.0"
