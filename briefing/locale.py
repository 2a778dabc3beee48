"""How each deck language writes dates and numbers and tags its text."""

from __future__ import annotations

from typing import Any

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


def format_number(value: Any) -> str:
    """Return `value` with thousands separators (1250000 -> "1,250,000")."""
    number = float(value)
    return f"{int(number):,}" if number.is_integer() else f"{number:,}"


def format_japanese(value: Any, digits: int = 2) -> str:
    """Return `value` in Japanese units: 1250000 -> "125万", 58000000000 -> "580億", 6800 -> "6,800".

    Japanese counts in 万 (10^4) and 億 (10^8): 58 billion yen is 580億円, 1.25 million is 125万.
    """
    number = float(value)
    for unit, size in (("兆", 1e12), ("億", 1e8), ("万", 1e4)):
        if abs(number) >= size:
            return f"{number / size:,.{digits}f}".rstrip("0").rstrip(".") + unit
    return format_number(number)
