"""Figures in text, read as a reader of the text's language reads them.

The English and the Japanese edition of a deck state the same figures in different ways:
`565,000 million` and `5,650億`, `Seventy years` and `70年`, `Sep. 2011` and `2011年9月`,
`Part I` and `第1部`. `figures` finds every figure in a text with its value and the precision it
is written to (`JPY 1.17 trillion` is 1.17 × 10¹² to the nearest 10¹⁰), so that `agree` can tell
whether two figures are the same one, rounded as each was written.

A figure written with digits is a claim the other edition must make too; a figure written in
words (a month's name, `thirtyfold`, 三か国) only answers one: "one of the partners" is no figure
anyone must repeat, but it may be what `1つ` is said as.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

_SCALES_EN = {"thousand": 3, "million": 6, "mn": 6, "billion": 9, "bn": 9, "trillion": 12, "tn": 12}
_SCALES_JA = {"万": 4, "億": 8, "兆": 12}
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_DIGITS = re.compile(
    rf"(?<![\d.])({_NUMBER})"
    rf"(?:\s*({'|'.join(_SCALES_EN)})\b|((?:\s*[万億兆](?:\s*{_NUMBER}(?=\s*[万億兆]))?)+)|(千)([万億兆])?)?",
    re.IGNORECASE)
"""A number with its scale: `1.17 trillion`, `5,650億`, `1兆1,687億` (a chain of 兆, 億 and 万),
`4,300千` (thousands, as statistics write them), `2千万` (twenty million)."""

_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}
_ERA = re.compile(r"(令和|平成|昭和)\s*(\d{1,2}|元)\s*年")
"""Japanese era years: 平成30年 is 2018, and the English edition says 2018."""

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20,
             "thirtieth": 30, "hundredth": 100, "twice": 2, "double": 2, "triple": 3, "dozen": 12,
             "half": Decimal("0.5"), "once": 1, "single": 1, "both": 2, "per": 1, "each": 1}
"""Words that state a number; "per IP address" is how English says 1IPアドレス当たり."""
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH = re.compile(r"\b(january|february|march|april|may|june|july|august|september|october|november|"
                    r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?")
_ROMAN = re.compile(r"\b(?:part|chapter|section|pillar|phase|article|annex|volume|stage|title|step|round)"
                    r"\s+([IVXLC]+)\b", re.IGNORECASE)

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                 "八": 8, "九": 9, "両": 2}
_KANJI_TENS = {"十": 1, "百": 2, "千": 3}
_COUNTERS = ("か国", "カ国", "ヶ国", "ケ国", "箇国", "か月", "カ月", "ヶ月", "年", "人", "倍", "つ", "回", "部",
             "章", "条", "点", "項", "件", "名", "月", "日", "度", "割", "本", "社", "国", "者", "分野", "番目")
_KANJI = re.compile(r"(第)?([〇零一二三四五六七八九十百千両]+(?:[万億兆][〇零一二三四五六七八九十百千]*)*)")


@dataclass(frozen=True)
class Figure:
    """A figure as a text states it: its value, the step of its last written digit (what it is
    rounded to), its words as they stand, and whether it is written with digits."""

    value: Decimal
    step: Decimal
    written: str
    digits: bool = True


def figures(text: str, language: str) -> list[Figure]:
    """Return every figure `text` states (digits first, then words); `language` is "en" or "ja"."""
    text = unicodedata.normalize("NFKC", text)      # full-width digits, ％ and ，
    found = _with_digits(text)
    found += _english_words(text) if language == "en" else _japanese_words(text)
    return found


def agree(one: Figure, other: Figure) -> bool:
    """Whether two figures are the same one, each rounded to the precision it is written to."""
    return abs(one.value - other.value) <= max(one.step, other.step) / 2


def stated(figure: Figure, others: list[Figure]) -> bool:
    return any(agree(figure, other) for other in others)


def say(value: Decimal, language: str) -> str:
    """A large value as the language writes it (575 billion; 5,750億), or "" for a value both
    languages write alike (2011, 12.5)."""
    scales = ((12, "兆"), (8, "億"), (4, "万")) if language == "ja" else \
        ((12, " trillion"), (9, " billion"), (6, " million"))
    for power, mark in scales:
        if abs(value) >= Decimal(10) ** power:
            return f"{_plain(value / Decimal(10) ** power)}{mark}"
    return ""


def _plain(value: Decimal) -> str:
    value = round(value, 4).normalize()
    whole, _, fraction = f"{value:f}".partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


def _with_digits(text: str) -> list[Figure]:
    eras = [match.span() for match in _ERA.finditer(text)]
    found = []
    for match in _DIGITS.finditer(text):
        if any(start <= match.start() < end for start, end in eras):
            continue        # the 30 of 平成30年 is said as the year 2018
        number, scale, chain, thousands, above = match.groups()
        if chain:
            found.append(_chain(number, chain, match.group(0)))
        else:
            value, step = _number(number)
            exponent = 3 + _SCALES_JA.get(above or "", 0) if thousands else _SCALES_EN.get((scale or "").lower(), 0)
            power = Decimal(10) ** exponent
            found.append(Figure(value * power, step * power, match.group(0).strip()))
    for match in _ERA.finditer(text):
        year = 1 if match.group(2) == "元" else int(match.group(2))
        found.append(Figure(Decimal(_ERAS[match.group(1)] + year), Decimal(1), match.group(0)))
    return found


def _number(written: str) -> tuple[Decimal, Decimal]:
    """A number's value and the step of its last digit: "1.17" -> (1.17, 0.01)."""
    plain = written.replace(",", "")
    decimals = len(plain.partition(".")[2])
    return Decimal(plain), Decimal(1).scaleb(-decimals)


def _chain(first: str, chain: str, written: str) -> Figure:
    """`1兆1,687億`: each number times the mark after it, added; the step is the last mark's."""
    parts = re.findall(rf"({_NUMBER})?\s*([万億兆])", first + chain)
    total, step = Decimal(0), Decimal(1)
    for number, mark in parts:
        value, step = _number(number) if number else (Decimal(1), Decimal(1))
        power = Decimal(10) ** _SCALES_JA[mark]
        total += value * power
        step *= power
    return Figure(total, step, written.strip())


def _english_words(text: str) -> list[Figure]:
    found = [Figure(Decimal(_MONTHS.index(m.group(1)[:3].lower()) + 1), Decimal(1), m.group(0), False)
             for m in _MONTH.finditer(text) if not (m.group(1).lower() == "may" and not _dated(text, m))]
    found += [Figure(Decimal(_roman(m.group(1))), Decimal(1), m.group(0), False)
              for m in _ROMAN.finditer(text) if _roman(m.group(1))]
    for match in _WORD.finditer(text):
        value = _english_number(match.group(0).lower())
        if value is not None:
            # "Two billion": the word's number in the scale written after it.
            scaled = re.match(rf"\s+({'|'.join(_SCALES_EN)})\b", text[match.end():], re.IGNORECASE)
            power = Decimal(10) ** _SCALES_EN[scaled.group(1).lower()] if scaled else Decimal(1)
            written = match.group(0) + (scaled.group(0) if scaled else "")
            found.append(Figure(Decimal(value) * power, power, written, False))
    return found


def _dated(text: str, match: re.Match) -> bool:
    """Whether "May" stands in a date (May 2019, 3 May) rather than as the verb."""
    return bool(re.match(r"\s*\d", text[match.end():]) or re.search(r"\d\s*$", text[:match.start()]))


def _english_number(word: str) -> int | Decimal | None:
    """`seventy` 70, `twenty-five` 25, `thirtyfold` 30, `third` 3; None for any other word."""
    if word.endswith("fold"):
        word = word[:-4].rstrip("-")
    if word in _ORDINALS:
        return _ORDINALS[word]
    if word.endswith("th") and word[:-2] in _UNITS:
        return _UNITS.index(word[:-2])
    if word in _UNITS:
        return _UNITS.index(word)
    tens, _, unit = word.partition("-")
    if tens in _TENS and (not unit or unit in _UNITS[1:10]):
        return _TENS[tens] + (_UNITS.index(unit) if unit else 0)
    return None


def _roman(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    numeral = numeral.upper()
    total = 0
    for index, letter in enumerate(numeral):
        value = values[letter]
        following = values[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total if 0 < total < 200 else 0


def _japanese_words(text: str) -> list[Figure]:
    """Kanji numerals that count something (三か国, 第一, 七十年); 一 in 一般 or 一層 is no figure."""
    found = []
    for match in _KANJI.finditer(text):
        ordinal, numeral = match.groups()
        if match.start() and text[match.start() - 1].isdigit():
            continue        # the 千 of 4,300千人 is the digits' scale
        if ordinal or text.startswith(_COUNTERS, match.end()):
            value = _kanji_value(numeral)
            if value is not None:
                found.append(Figure(Decimal(value), Decimal(1), match.group(0), False))
    return found


def _kanji_value(numeral: str) -> int | None:
    total, section, digit = 0, 0, None
    for char in numeral:
        if char in _KANJI_DIGITS:
            digit = _KANJI_DIGITS[char] if digit is None else digit * 10 + _KANJI_DIGITS[char]
        elif char in _KANJI_TENS:
            section += (1 if digit is None else digit) * 10 ** _KANJI_TENS[char]
            digit = None
        else:
            total += (section + (digit or 0) or 1) * 10 ** _SCALES_JA[char]
            section, digit = 0, None
    value = total + section + (digit or 0)
    return value if numeral else None
