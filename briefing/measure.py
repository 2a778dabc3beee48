"""Measuring text with real font metrics: advance widths, line wrapping and paragraph heights.

No renderer is involved, so `check` can say before anything is written whether every text fits.
The metrics come from files that dependencies ship, so every machine measures alike:

- Latin text: Helvetica's metrics (the AFM files Matplotlib ships). Arial was drawn to the same
  widths as Helvetica, and Liberation Sans to Arial's, so a line measured here breaks where
  PowerPoint (Arial) and LibreOffice (Liberation Sans) break it.
- Japanese text: IPAexGothic (the font matplotlib-fontja ships). Its kanji and kana are full
  width, as in Yu Gothic and Meiryo.

Wrapping follows the rules of both scripts: Latin breaks at spaces and after hyphens; Japanese
may break between any two characters, except that no line starts with closing punctuation or
small kana (。、」…) and none ends with opening punctuation (「（…): kinsoku shori.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

NO_LINE_START = set("、。，．,.・：；？！!?）)」』】〕〉》]｝’”ー―‐゠–〜～…‥ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻％%")
NO_LINE_END = set("（(「『【〔〈《[｛‘“")
_EAST_ASIAN_RANGES = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFF60), (0xFFE0, 0xFFE6),
                      (0x20000, 0x3FFFF))


AUTOSPACE = 0.25
"""Em added between a Japanese character and a Latin one beside it."""


@functools.lru_cache(maxsize=None)
def is_east_asian(char: str) -> bool:
    """Whether `char` is set in the East Asian font (kanji, kana, full-width forms and punctuation)."""
    code = ord(char)
    return any(low <= code <= high for low, high in _EAST_ASIAN_RANGES)


@dataclass(frozen=True)
class Run:
    """Text to measure at one size and weight."""

    text: str
    size: float
    bold: bool = False


class Metrics:
    """Advance widths in em (1/1000 units for Latin, the font's units for East Asian)."""

    def __init__(self) -> None:
        self.latin = {False: _afm_widths("Helvetica.afm"), True: _afm_widths("Helvetica-Bold.afm")}
        self.east_asian = _ttf_widths(_east_asian_font_file())
        self._cache: dict[tuple[str, bool], float] = {}

    def char_width(self, char: str, bold: bool) -> float:
        """Return the advance of `char` in em."""
        cached = self._cache.get((char, bold))
        if cached is None:
            cached = self._cache[(char, bold)] = self._char_width(char, bold)
        return cached

    def _char_width(self, char: str, bold: bool) -> float:
        if char in "\t\n":
            return 0.0
        latin = self.latin[bold]
        if not is_east_asian(char) and char in latin:
            return latin[char]
        if char in self.east_asian:
            return self.east_asian[char]
        return latin.get(char, 0.556)    # an unknown glyph: an average Latin advance

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Return the advance of `text` in points, spacing included where the scripts meet."""
        advance = sum(self.char_width(c, bold) for c in text)
        return advance * size + sum(self.joint(a, b, size) for a, b in zip(text, text[1:]))

    @staticmethod
    def joint(before: str, after: str, size: float) -> float:
        """Return the space (points) put between two neighbouring characters: a quarter em where
        Japanese meets Latin letters or digits, as LibreOffice (and PowerPoint, with its Asian
        typography option on) spaces the two scripts apart."""
        if before == " " or after == " " or is_east_asian(before) == is_east_asian(after):
            return 0.0
        return AUTOSPACE * size


@functools.lru_cache(maxsize=1)
def metrics() -> Metrics:
    """The metrics, loaded once per process."""
    return Metrics()


def _afm_widths(name: str) -> dict[str, float]:
    from importlib.util import find_spec

    from fontTools import afmLib, agl

    # Found without importing Matplotlib, which would cost more than all the measuring.
    package = Path(list(find_spec("matplotlib").submodule_search_locations)[0])
    path = package / "mpl-data" / "fonts" / "pdfcorefonts" / name
    afm = afmLib.AFM(str(path))
    widths = {}
    for glyph, (_, advance, _) in afm._chars.items():
        char = agl.toUnicode(glyph)
        if len(char) == 1:
            widths[char] = advance / 1000
    widths.setdefault("\u00a0", widths[" "])
    return widths


def _east_asian_font_file() -> Path:
    from briefing.fonts import PACKAGED_FONTS, packaged_font_file

    family = next(iter(PACKAGED_FONTS))
    path = packaged_font_file(family)
    if path is None:
        raise RuntimeError(f"the {family} font file is missing: reinstall the matplotlib-fontja package")
    return path


def _ttf_widths(path: Path) -> dict[str, float]:
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), lazy=True)
    units = font["head"].unitsPerEm
    advances = font["hmtx"].metrics
    return {chr(code): advances[glyph][0] / units for code, glyph in font.getBestCmap().items()
            if is_east_asian(chr(code))}


# --- wrapping ---------------------------------------------------------------------------------

def breakable_pieces(text: str) -> list[str]:
    """Split `text` into the smallest pieces a line may end after.

    A Latin word keeps its trailing space; a hyphenated word may break after the hyphen; each
    Japanese character is a piece of its own, glued to its neighbours where kinsoku forbids a break.
    """
    pieces: list[str] = []
    current = ""
    for index, char in enumerate(text):
        current += char
        following = text[index + 1] if index + 1 < len(text) else ""
        if following and _may_break(char, following):
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
    return pieces


def _may_break(before: str, after: str) -> bool:
    if after in NO_LINE_START or before in NO_LINE_END or after == " ":
        return False
    if before == " ":
        return True
    if before == "-" and after.isalpha():
        return True
    return is_east_asian(before) or is_east_asian(after)


def wrap(text: str, width: float, size: float, bold: bool = False, first_width: float | None = None) -> list[str]:
    """Return the lines `text` takes in a column `width` points wide (`first_width` for the first
    line when it differs), at `size` points. A piece wider than a line is broken by characters."""
    m = metrics()
    lines: list[str] = []

    def limit() -> float:
        return first_width if first_width is not None and not lines else width

    for segment in text.split("\n"):
        line, line_width = "", 0.0     # the line so far, and its width with any trailing spaces
        for piece in breakable_pieces(segment):
            joint = m.joint(line[-1], piece[0], size) if line else 0.0
            trimmed = piece.rstrip(" ")
            if not line.strip() or line_width + joint + m.width(trimmed, size, bold) <= limit():
                line, line_width = line + piece, line_width + joint + m.width(piece, size, bold)
            else:
                lines.append(line.rstrip(" "))
                line, line_width = piece, m.width(piece, size, bold)
            # A piece wider than a whole line (a long URL, a run of kanji) breaks between characters.
            while len(line.rstrip(" ")) > 1 and m.width(line.rstrip(" "), size, bold) > limit():
                head = _longest_fitting(line, limit(), size, bold)
                lines.append(head)
                line = line[len(head):]
                line_width = m.width(line, size, bold)
        lines.append(line.rstrip(" "))
    return lines


def _longest_fitting(text: str, width: float, size: float, bold: bool) -> str:
    m = metrics()
    end = 1
    while end < len(text) and m.width(text[: end + 1], size, bold) <= width:
        end += 1
    return text[:end]
