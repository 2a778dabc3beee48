"""How each deck language writes dates and tags its text."""

from __future__ import annotations

_EN_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.",
              "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec.")

LANGUAGE_TAGS = {"en": "en-US", "ja": "ja-JP"}
"""Deck language -> the tag written on every run, which drives spelling and line breaking."""


def month_label(month: str, language: str) -> str:
    """Return a YYYY-MM month as the language writes it: "Sep. 2011" or "2011年9月"."""
    year, number = month.split("-")
    if language == "ja":
        return f"{year}年{int(number)}月"
    return f"{_EN_MONTHS[int(number) - 1]} {year}"
