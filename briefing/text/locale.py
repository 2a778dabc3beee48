"""How each deck language writes dates and numbers and tags its text."""

from __future__ import annotations

import math
import re
from decimal import Context, Decimal
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


_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")


def as_number(value: Any) -> Any:
    """`value` as a number when it is one or is text that writes one ("565000000000", "1,250,000",
    "11.5"): an int when whole as written, else a float. Anything else is returned as it is."""
    if isinstance(value, bool) or not isinstance(value, str):
        return value
    text = value.strip()
    if not _NUMBER.fullmatch(text):
        return value
    text = text.replace(",", "")
    return float(text) if "." in text else int(text)


class NotANumber(ValueError):
    """Text (or another value) used where a number is needed; the message says so in words."""


def number_or_error(value: Any, what: str) -> float | int:
    """`value` as a number (see `as_number`), or NotANumber saying in words what it is."""
    number = as_number(value)
    if isinstance(number, bool) or not isinstance(number, (int, float)):
        shown = f"'{value}'" if isinstance(value, str) else type(value).__name__
        raise NotANumber(f"{what} needs a number, and {shown} is not one (a number is written in digits, "
                         "as 565000000000, 1,250,000 or 11.5)")
    return number


def format_number(value: Any, decimals: int | None = None) -> str:
    """Return `value` (a number, or text that writes one) with thousands separators ("1250000" ->
    "1,250,000"), exactly, or rounded to `decimals` decimals (11.46, 1 -> "11.5")."""
    number = number_or_error(value, "|number")
    if decimals is not None:
        return f"{round(float(number), int(decimals)):,.{max(int(decimals), 0)}f}"
    number = float(number)
    return f"{int(number):,}" if number.is_integer() else f"{number:,}"


def round_number(value: Any, precision: int = 0, method: str = "common") -> float | int:
    """Jinja2's `round` that also takes text that writes a number; whole numbers when `precision`
    is 0 (12, not 12.0), as a slide writes them."""
    number = float(number_or_error(value, "|round"))
    if method not in ("common", "ceil", "floor"):
        raise ValueError("|round takes method 'common', 'ceil' or 'floor'")
    factor = 10 ** int(precision)
    if method == "common":
        rounded = float(Decimal(repr(number)).quantize(Decimal(1).scaleb(-int(precision)), rounding="ROUND_HALF_UP"))
    else:
        rounded = (math.ceil if method == "ceil" else math.floor)(number * factor) / factor
    return int(rounded) if int(precision) <= 0 else rounded


_EN_LARGE = (("trillion", 1e12), ("billion", 1e9), ("million", 1e6))
_JA_CURRENCY = {"JPY": "円", "USD": "ドル", "EUR": "ユーロ"}


def format_money(value: Any, currency: str, language: str, digits: int | None = None) -> str:
    """An amount as the deck's language says money: "JPY 565 billion", "USD 11.5 million" in
    English; "5,650億円", "11.5億ドル" in Japanese (in 万, 億 and 兆). Exact unless `digits` gives
    the decimals to round the counted figure to."""
    number = float(number_or_error(value, "|money"))
    units = (("兆", 1e12), ("億", 1e8), ("万", 1e4)) if language == "ja" else _EN_LARGE
    size, word = 1.0, ""
    for name, unit in units:
        if abs(number) >= unit:
            size, word = unit, name
            break
    counted = number / size
    if digits is not None:
        counted = round(counted, int(digits))
    figure = value_label(counted)
    if language == "ja":
        suffix = _JA_CURRENCY.get(currency.upper(), f" {currency}")
        return f"{figure}{word}{suffix}"
    return f"{currency} {figure}{' ' + word if word else ''}"


def format_japanese(value: Any, digits: int = 2) -> str:
    """Return `value` in Japanese units: 1250000 -> "125万", 58000000000 -> "580億", 6800 -> "6,800".

    Japanese counts in 万 (10^4) and 億 (10^8): 58 billion yen is 580億円, 1.25 million is 125万.
    """
    number = float(value)
    for unit, size in (("兆", 1e12), ("億", 1e8), ("万", 1e4)):
        if abs(number) >= size:
            return f"{number / size:,.{digits}f}".rstrip("0").rstrip(".") + unit
    return format_number(number)


SIGNIFICANT = 12
"""Digits a shown value keeps: more than any data states, fewer than a float's noise (0.1 + 0.2)."""


def value_label(value: float, decimals: int = 0) -> str:
    """A value as a chart, its alternative text or a table states it: exactly as the data has it,
    with thousands separators (11.5, 542.2 JPY billion, 5,422 億円, 1,250,000), never rounded to
    fewer digits; at least `decimals` decimals (the data's 11.50 stays 11.50)."""
    exact = Context(prec=SIGNIFICANT).create_decimal(repr(float(value))).normalize()
    if decimals > 0 and exact.as_tuple().exponent > -decimals:
        exact = exact.quantize(Decimal(1).scaleb(-decimals))
    return f"{exact:,f}"


def shown_decimals(written: int, divide: float) -> int:
    """The decimals a value written with `written` decimals keeps once divided by `divide`: a power
    of ten moves them (11.50 / 100 is 0.1150, 11.50 / 0.1 is 115.0); a whole number forces none
    (542200000000 / 10^9 is 542.2), nor does any other divisor."""
    power = math.log10(divide) if divide > 0 else 0.5
    return max(0, written + int(power)) if written and power == int(power) else 0


def axis_title(axis: str, unit: str, language: str) -> str:
    """The title over a chart's value axis: its measure and, in brackets, its unit, unless the
    measure names the unit already ("ODA, USD billion" stays as it is)."""
    if axis and unit and unit.casefold() not in axis.casefold():
        return f"{axis}（{unit}）" if language == "ja" else f"{axis} ({unit})"
    return axis or unit


def chart_labels(series: Any, language: str) -> list[str]:
    """Each value of a chart as the deck's language states it: scaled into its unit, exact."""
    scale = series.scale_in(language)
    decimals = series.decimals or (0,) * len(series.values)
    return [value_label(value / scale.divide, shown_decimals(places, scale.divide))
            for value, places in zip(series.values, decimals)]


def describe_chart(series: Any, words: Any, language: str) -> str:
    """Say what a bar chart shows, for screen readers, in the deck's language: its measure, its
    range, first and last values and the trend, e.g. "Bar chart: packets per IP address rose from
    19,066 in 2005 to 559,125 in 2017, about 29 times"."""
    scale = series.scale_in(language)
    values = [v / scale.divide for v in series.values]
    labels = chart_labels(series, language)
    years = series.years
    measure = axis_title(words.axis, scale.unit, language) or words.title
    first, last = values[0], values[-1]
    shown = [labels[0], labels[-1]]
    peak = max(range(len(values)), key=values.__getitem__)
    if language == "ja":
        trend = _trend_ja(first, last)
        text = f"棒グラフ：{measure}は{years[0]}年の{shown[0]}から{years[-1]}年の{shown[1]}へ{trend}"
        if 0 < peak < len(values) - 1:
            text += f"（最大は{years[peak]}年の{labels[peak]}）"
        return text + "。"
    measure = measure[:1].lower() + measure[1:] if measure[1:2].islower() else measure
    text = f"Bar chart: {measure} {_trend_en(first, last, shown, years)}"
    if 0 < peak < len(values) - 1:
        text += f", peaking at {labels[peak]} in {years[peak]}"
    return text + "."


def _trend_en(first: float, last: float, shown: list[str], years: tuple) -> str:
    span = f"from {shown[0]} in {years[0]} to {shown[1]} in {years[-1]}"
    if first <= 0 or abs(last / first - 1) < 0.05:
        return f"went {span}" if first <= 0 else f"stayed about the same, {span}"
    ratio = last / first
    if ratio >= 2:
        return f"rose {span}, about {ratio:.0f} times"
    if ratio > 1:
        return f"rose {span}, up {ratio - 1:.0%}"
    return f"fell {span}, down {1 - ratio:.0%}"


def _trend_ja(first: float, last: float) -> str:
    if first <= 0:
        return "推移"
    ratio = last / first
    if abs(ratio - 1) < 0.05:
        return "とほぼ横ばい"
    if ratio >= 2:
        return f"約{ratio:.0f}倍に増加"
    return f"{ratio - 1:.0%}増加" if ratio > 1 else f"{1 - ratio:.0%}減少"
