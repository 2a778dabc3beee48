"""Measuring text with real font metrics: advance widths, line wrapping and paragraph heights.

No renderer is involved, so `check` can say before anything is written whether every text fits.
The metrics come from files that dependencies ship, so every machine measures alike:

- Latin text: Helvetica's metrics (the AFM files Matplotlib ships). Arial was drawn to the same
  widths as Helvetica, and Liberation Sans to Arial's, so a line measured here breaks where
  PowerPoint (Arial) and LibreOffice (Liberation Sans) break it.
- Japanese text: IPAexGothic (the font matplotlib-fontja ships). Its kanji and kana are full
  width, as in Yu Gothic and Meiryo.

Wrapping follows the rules of both scripts: Latin breaks at spaces and after hyphens; Japanese
breaks between phrases (as the BudouX segmenter cuts them), and between characters only inside a
phrase longer than a line; no line starts with closing punctuation or small kana (。、」…) and
none ends with opening punctuation (「（…): kinsoku shori. A Japanese paragraph never ends on a
line of one character.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from briefing.text.script import has_east_asian, is_east_asian, japanese_parser

NO_LINE_START = set("、。，．,.・：；？！!?）)」』】〕〉》]｝’”ー―‐゠–〜～…‥ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻％%")
NO_LINE_END = set("（(「『【〔〈《[｛‘“")
AUTOSPACE = 0.25
"""Em added between a Japanese character and a Latin one beside it."""


class Metrics:
    """Advance widths in em (1/1000 units for Latin, the font's units for East Asian)."""

    def __init__(self, face: str = "") -> None:
        regular, bold, east_asian = _tables()
        kerning: dict[bool, dict[str, float]] = {False: {}, True: {}}
        if face:
            (regular, kerning[False]), (bold, kerning[True]) = _face_tables(face)
        self.face = face
        self.latin = {False: regular, True: bold}
        self.kerning = kerning
        self.east_asian = east_asian
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

    def has_latin_glyph(self, char: str) -> bool:
        """Whether the Latin face (Arial's repertoire, as these metrics list it) has `char`."""
        return char in self.latin[False]

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Return the advance of `text` in points, spacing (and kerning) included where characters meet."""
        advance = sum(self.char_width(c, bold) for c in text) + sum(self.kern(a, b, bold) for a, b in zip(text, text[1:]))
        return advance * size + sum(self.joint(a, b, size) for a, b in zip(text, text[1:]))

    def kern(self, before: str, after: str, bold: bool) -> float:
        """Return the kerning (em) the face adds between two characters (see `_kerning`)."""
        kerning = self.kerning[bold]
        return kerning.get(before + after, 0.0) if kerning else 0.0

    @staticmethod
    def joint(before: str, after: str, size: float) -> float:
        """Return the space (points) put between two neighbouring characters: a quarter em where
        Japanese meets Latin letters or digits, as LibreOffice (and PowerPoint, with its Asian
        typography option on) spaces the two scripts apart."""
        if before == " " or after == " " or is_east_asian(before) == is_east_asian(after):
            return 0.0
        return AUTOSPACE * size


@functools.lru_cache(maxsize=16)
def metrics(face: str = "") -> Metrics:
    """The metrics of `face` (a face `text.fonts.measuring_face` chose: "" for the tables, else an
    installed face, read from its files), loaded once per face per process."""
    return Metrics(face)


_TABLES_VERSION = 1
"""Bump when the tables' form changes, so that caches of the old form are not read."""


def _tables() -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """Return the advance tables (Helvetica, Helvetica Bold, the East Asian font), from a cache in
    the user's cache folder when it was made from the same font files: reading the fonts costs
    a quarter of a second, the cache a hundredth."""
    files = [_afm_file("Helvetica.afm"), _afm_file("Helvetica-Bold.afm"), _east_asian_font_file()]
    stamp = json.dumps([_TABLES_VERSION, *[(str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files]])
    cache = _cache_folder() / f"metrics-{hashlib.sha256(stamp.encode()).hexdigest()[:16]}.json"
    try:
        tables = json.loads(cache.read_text(encoding="utf-8"))
        if isinstance(tables, list) and len(tables) == 3 and all(isinstance(t, dict) for t in tables):
            return tables[0], tables[1], tables[2]
    except (OSError, ValueError):
        pass
    tables = [_afm_widths(files[0]), _afm_widths(files[1]), _ttf_widths(files[2])]
    try:
        from briefing.runtime.files import write_atomically

        write_atomically(cache, json.dumps(tables, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass        # a cache that cannot be written is only slower
    return tables[0], tables[1], tables[2]


def _cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "briefing"


def _afm_file(name: str) -> Path:
    from importlib.util import find_spec

    # Found without importing Matplotlib, which would cost more than all the measuring.
    try:
        spec = find_spec("matplotlib")
    except ValueError:      # in sys.modules as None: taken away
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("matplotlib is not installed", name="matplotlib")
    package = Path(list(spec.submodule_search_locations)[0])
    return package / "mpl-data" / "fonts" / "pdfcorefonts" / name


def _afm_widths(path: Path) -> dict[str, float]:
    from fontTools import afmLib, agl

    afm = afmLib.AFM(str(path))
    widths = {}
    for glyph, (_, advance, _) in afm._chars.items():
        char = agl.toUnicode(glyph)
        if len(char) == 1:
            widths[char] = advance / 1000
    widths.setdefault("\u00a0", widths[" "])
    return widths


def _east_asian_font_file() -> Path:
    from briefing.text.fonts import PACKAGED_FONTS, packaged_font_file

    from briefing.errors import BriefingError

    family = next(iter(PACKAGED_FONTS))
    path = packaged_font_file(family)
    if path is None:
        raise BriefingError(f"the {family} font file, which text is measured with, is missing: reinstall the "
                            "matplotlib-fontja package (python -m pip install --force-reinstall matplotlib-fontja)")
    return path


def _ttf_widths(path: Path) -> dict[str, float]:
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), lazy=True)
    units = font["head"].unitsPerEm
    advances = font["hmtx"].metrics
    return {chr(code): advances[glyph][0] / units for code, glyph in font.getBestCmap().items()
            if is_east_asian(chr(code))}


_FACE_VERSION = 1
"""Bump when the face tables' form changes."""


def _face_tables(face: str) -> tuple[tuple[dict[str, float], dict[str, float]], ...]:
    """Return the Latin advances (em) and kerning of `face`, regular and bold, read from its font
    files (`text.fonts.font_files`), from a cache in the user's cache folder when made from the
    same files."""
    from briefing.text.fonts import font_files

    files = font_files(face)
    if files is None:       # measuring_face chose it installed: gone since, so measured by the tables
        regular, bold, _ = _tables()
        return (regular, {}), (bold, {})
    stamp = json.dumps([_FACE_VERSION, *[(str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files]])
    cache = _cache_folder() / f"face-{hashlib.sha256(stamp.encode()).hexdigest()[:16]}.json"
    try:
        tables = json.loads(cache.read_text(encoding="utf-8"))
        if isinstance(tables, list) and len(tables) == 4 and all(isinstance(t, dict) for t in tables):
            return (tables[0], tables[1]), (tables[2], tables[3])
    except (OSError, ValueError):
        pass
    tables = [*_font_widths(files[0]), *_font_widths(files[1])]
    try:
        from briefing.runtime.files import write_atomically

        write_atomically(cache, json.dumps(tables, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    except OSError:
        pass
    return (tables[0], tables[1]), (tables[2], tables[3])


KERNED = range(0x20, 0x250)
"""The characters whose kerning is read: Latin letters, digits and punctuation."""


def _font_widths(path: Path) -> tuple[dict[str, float], dict[str, float]]:
    """The advances (em) of a font file's Latin characters, and the kerning between pairs of them
    where it widens the pair (em, keyed by the two characters)."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), lazy=True, fontNumber=0)
    units = font["head"].unitsPerEm
    advances = font["hmtx"].metrics
    cmap = font.getBestCmap()
    widths = {chr(code): advances[glyph][0] / units for code, glyph in cmap.items()
              if glyph in advances and not is_east_asian(chr(code))}
    glyphs = {glyph: chr(code) for code, glyph in sorted(cmap.items(), reverse=True) if code in KERNED}
    pairs = {f"{glyphs[a]}{glyphs[b]}": value / units for (a, b), value in _kerning(font, set(glyphs)).items()
             if value > 0}
    return widths, pairs


def _kerning(font, wanted: set[str]) -> dict[tuple[str, str], int]:
    """The pair kerning of `font` (font units) among the glyphs `wanted`: the GPOS kern feature's
    pair adjustments, else the old kern table.

    Only kerning that widens a pair is measured: LibreOffice kerns, PowerPoint kerns only where the
    template asks, so a line measured without the narrowing pairs fits in both."""
    pairs: dict[tuple[str, str], int] = {}
    if "GPOS" in font and font["GPOS"].table.LookupList is not None:
        table = font["GPOS"].table
        indices = {i for record in table.FeatureList.FeatureRecord if record.FeatureTag == "kern"
                   for i in record.Feature.LookupListIndex}
        for index in sorted(indices):
            for subtable in table.LookupList.Lookup[index].SubTable:
                subtable = getattr(subtable, "ExtSubTable", subtable)
                if getattr(subtable, "LookupType", 2) == 2:
                    _pair_positions(subtable, wanted, pairs)
    elif "kern" in font:
        for kern in font["kern"].kernTables:
            for (a, b), value in getattr(kern, "kernTable", {}).items():
                if a in wanted and b in wanted:
                    pairs.setdefault((a, b), value)
    return pairs


def _pair_positions(subtable, wanted: set[str], pairs: dict[tuple[str, str], int]) -> None:
    """Add a GPOS pair-adjustment subtable's advances to `pairs` (the first lookup that sets a pair wins)."""
    firsts = [g for g in subtable.Coverage.glyphs if g in wanted]
    if subtable.Format == 1:
        sets = dict(zip(subtable.Coverage.glyphs, subtable.PairSet))
        for first in firsts:
            for record in sets[first].PairValueRecord:
                value = getattr(record.Value1, "XAdvance", 0) if record.Value1 else 0
                if record.SecondGlyph in wanted and value:
                    pairs.setdefault((first, record.SecondGlyph), value)
    elif subtable.Format == 2:
        classes1, classes2 = subtable.ClassDef1.classDefs, subtable.ClassDef2.classDefs
        seconds = sorted(wanted)
        for first in firsts:
            row = subtable.Class1Record[classes1.get(first, 0)].Class2Record
            for second in seconds:
                record = row[classes2.get(second, 0)]
                value = getattr(record.Value1, "XAdvance", 0) if record.Value1 else 0
                if value:
                    pairs.setdefault((first, second), value)


# --- wrapping ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Wrapped:
    """A text set in lines: the lines (trailing spaces dropped), where each begins in the text,
    and how many Latin words had to be cut because they were wider than a line."""

    lines: tuple[str, ...]
    starts: tuple[int, ...]
    cut_words: int = 0


def breaks(text: str) -> tuple[set[int], set[int]]:
    """Return where a line may begin in `text`, as indices: (preferred, fallback).

    Preferred: after a space, after a hyphen inside a word, and in Japanese between phrases
    (BudouX's, never inside a number or a Latin word). Fallback, used only inside a phrase longer
    than a line: between any two characters where one is Japanese. Both obey kinsoku: no line
    starts with closing punctuation or small kana, none ends with opening punctuation.
    """
    preferred, fallback = set(), set()
    japanese = has_east_asian(text)
    phrases = _phrase_starts(text) if japanese else set()
    for index in range(1, len(text)):
        before, after = text[index - 1], text[index]
        if after == " " or after in NO_LINE_START or before in NO_LINE_END:
            continue
        if before == " " or (before == "-" and _joins_words(text, index)):
            preferred.add(index)
        elif is_east_asian(before) or is_east_asian(after):
            fallback.add(index)
            if index in phrases:
                preferred.add(index)
    return preferred, fallback


def _joins_words(text: str, index: int) -> bool:
    """Whether the hyphen before `index` joins two words (multi-stakeholder), which may break
    after it; not two capitals of an acronym (ARF-ISM), which stay together."""
    before, after = text[index - 2] if index > 1 else "", text[index]
    return before.isalpha() and after.isalpha() and not (before.isupper() and after.isupper())


def _phrase_starts(text: str) -> set[int]:
    starts, position = set(), 0
    for phrase in japanese_parser().parse(text):
        position += len(phrase)
        starts.add(position)
    return starts


@dataclass(frozen=True)
class _Prepared:
    """What wrapping a text needs at any size: prefix sums of its advances and of the spacing where
    scripts meet (both in em, so they scale with the size), and where its lines may break."""

    text: str
    advance: tuple[float, ...]
    joint: tuple[float, ...]
    preferred: tuple[int, ...]
    fallback: frozenset[int]


@functools.lru_cache(maxsize=8192)
def _prepare(text: str, bold: bool, face: str = "") -> _Prepared:
    m = metrics(face)
    advance, joint = [0.0], [0.0, 0.0]
    for index, char in enumerate(text):
        kern = m.kern(text[index - 1], char, bold) if index else 0.0
        advance.append(advance[-1] + m.char_width(char, bold) + kern if kern else advance[-1] + m.char_width(char, bold))
        if index:
            joint.append(joint[-1] + m.joint(text[index - 1], char, 1.0))
    preferred, fallback = breaks(text)
    return _Prepared(text, tuple(advance), tuple(joint), tuple(sorted(preferred)), frozenset(fallback))


class _Line:
    """Widths of every stretch of one text at one size, in O(1)."""

    def __init__(self, text: str, size: float, bold: bool, face: str = ""):
        self.prepared = _prepare(text, bold, face)
        self.text = text
        self.size = size

    def width(self, start: int, end: int) -> float:
        """The width of text[start:end], trailing spaces left out."""
        text = self.text
        while end > start and text[end - 1] == " ":
            end -= 1
        if end <= start:
            return 0.0
        p = self.prepared
        return (p.advance[end] - p.advance[start] + p.joint[end] - p.joint[start + 1]) * self.size

    def longest(self, start: int, limit: float) -> int:
        """The end of the longest stretch from `start` that fits `limit` (at least one character)."""
        low, high = start + 1, len(self.text)
        while low < high:
            middle = (low + high + 1) // 2
            if self.width(start, middle) <= limit:
                low = middle
            else:
                high = middle - 1
        return low


@functools.lru_cache(maxsize=65536)
def wrap(text: str, width: float, size: float, bold: bool = False, first_width: float | None = None,
         balance: bool = False, face: str = "") -> Wrapped:
    """Set `text` in lines `width` points wide (`first_width` for the first line when it differs),
    at `size` points, breaking at the places `breaks` prefers; a phrase or word wider than a line
    is cut where the fallback allows (Latin words anywhere: counted in `cut_words`).

    Japanese text never ends a paragraph on a line of a single character or a short phrase: its
    last lines are rebalanced. With `balance`, all lines are made of similar length (for short
    texts: titles, labels), keeping their number. `face` is the face measured (see `metrics`).

    Remembered: the variants of a deck share most of their text, and fitting tries each at
    several sizes, so the same text is set at the same size and width many times.
    """
    starts, cut = [], 0
    for offset, segment in _segments(text):
        first = first_width if not starts else None
        found, cuts, split = _greedy(segment, width, size, bold, first, face)
        japanese = has_east_asian(segment)
        if japanese and len(found) > 1:
            if balance:
                found = _balanced(segment, found, split, width, size, bold, first, face)
            found = _without_widow(segment, found, split, width, size, bold, face)
        starts += [offset + s for s in found]
        cut += cuts
    lines = tuple(text[a:b].rstrip(" \n") for a, b in zip(starts, [*starts[1:], len(text)]))
    return Wrapped(lines, tuple(starts), cut)


def _segments(text: str) -> list[tuple[int, str]]:
    """Split at the line breaks the text holds: each segment starts a line of its own."""
    found, offset = [], 0
    for segment in text.split("\n"):
        found.append((offset, segment))
        offset += len(segment) + 1
    return found


def _greedy(text: str, width: float, size: float, bold: bool,
            first_width: float | None, face: str = "") -> tuple[list[int], int, int]:
    """Return the starts of the lines when each line takes as much as fits, the Latin words cut,
    and the Japanese phrases split (cut where only the fallback allowed it)."""
    if not text:
        return [0], 0, 0
    line = _Line(text, size, bold, face)
    fallback = line.prepared.fallback
    starts, cut, split = [0], 0, 0
    limit = first_width if first_width is not None else width
    candidates = [*line.prepared.preferred, len(text)]
    last_fit = None
    for end in candidates:
        if line.width(starts[-1], end) <= limit:
            last_fit = end
            continue
        while True:     # the line ends at the last break that fitted; a piece too wide is cut
            if last_fit is not None and last_fit > starts[-1]:
                starts.append(last_fit)
            else:
                cut_at, forced = _cut(line, starts[-1], limit, fallback)
                cut += forced
                split += 1 - forced
                starts.append(cut_at)
            limit = width
            last_fit = None
            if line.width(starts[-1], end) <= limit:
                last_fit = end
                break
    if starts[-1] >= len(text) and len(starts) > 1:
        starts.pop()
    return starts, cut, split


def _cut(line: _Line, start: int, limit: float, fallback: frozenset[int]) -> tuple[int, int]:
    """Cut a stretch too wide for a line: at the last fallback break that fits, or else after the
    last character that fits (a Latin word cut: counted)."""
    end = line.longest(start, limit)
    allowed = [i for i in range(end, start, -1) if i in fallback]
    if allowed:
        # Kanji compounds are mostly words of two characters (信頼・醸成・措置): a cut between two
        # pairs reads better than one inside a pair, when it costs no more than a character.
        between = [i for i in allowed[:2] if not _inside_pair(line.text, i)]
        return (between or allowed)[0], 0
    return max(end, start + 1), 1


def _inside_pair(text: str, index: int) -> bool:
    """Whether `index` falls inside a pair of kanji, counting pairs from the start of their run."""
    if not (_is_kanji(text[index - 1]) and _is_kanji(text[index])):
        return False
    start = index - 1
    while start > 0 and _is_kanji(text[start - 1]):
        start -= 1
    return (index - start) % 2 == 1


def _is_kanji(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or char == "々"


def _balanced(text: str, starts: list[int], split: int, width: float, size: float, bold: bool,
              first_width: float | None, face: str = "") -> list[int]:
    """Return the starts of as many lines as `starts` has, each as narrow as it can be (lines of
    similar length), splitting no more phrases than `starts` does."""
    count = len(starts)
    low, high = 0.0, width
    best = starts
    for _ in range(14):
        middle = (low + high) / 2
        trial, cut, trial_split = _greedy(text, middle, size, bold, None if first_width is None else middle, face)
        if len(trial) <= count and not cut and trial_split <= split:
            best, high = trial, middle
        else:
            low = middle
    return best if len(best) == count else starts


def _without_widow(text: str, starts: list[int], split: int, width: float, size: float, bold: bool,
                   face: str = "") -> list[int]:
    """When the last line is a widow (one character, or one short phrase, alone), rebalance the
    last two lines, or else the last three or four."""
    for count in range(2, min(len(starts), 4) + 1):
        if not _is_widow(text[starts[-1]:].strip()):
            break
        head = starts[-count]
        tail = _balanced(text[head:], [s - head for s in starts[-count:]], split, width, size, bold, None, face)
        starts = starts[:-count] + [head + s for s in tail]
    return starts


def _is_widow(line: str) -> bool:
    letters = [c for c in line if c not in NO_LINE_START and c not in "、。，．,. "]
    if len(letters) <= 1:
        return True
    return len(letters) < 3 and len(japanese_parser().parse(line)) == 1
