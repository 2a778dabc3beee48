"""briefing: government-style briefing decks from YAML content."""

__version__ = "0.1.0"

FULL_DECK = "full"
"""The audience name of a deck as its file has it, without a profile: the base of every variant."""
