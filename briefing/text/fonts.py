"""Fonts that Python packages ship, found without importing those packages.

A font a dependency ships is on every machine the tool runs on, so charts look the same and text
is measured the same everywhere.
"""

from __future__ import annotations

import functools
from pathlib import Path

PACKAGED_FONTS = {"IPAexGothic": ("matplotlib_fontja", "fonts/ipaexg.ttf")}
"""Fonts that a Python package ships (a dependency), so every machine draws the same glyphs:
IPAexGothic is a Japanese font, so its kanji have Japanese, not Chinese, shapes."""


def packaged_font_file(family: str) -> Path | None:
    """Return the font file a package ships for `family`, found without importing the package
    (matplotlib_fontja changes Matplotlib's global settings when imported)."""
    from importlib.util import find_spec

    package, relative = PACKAGED_FONTS.get(family, (None, ""))
    spec = find_spec(package) if package else None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / relative
    return path if path.is_file() else None


def fallback_font_files() -> list[Path]:
    """Return font files that packages ship, for drawing text where no system font may be used:
    DejaVu Sans (Matplotlib's) for Latin text and IPAexGothic for Japanese."""
    from importlib.util import find_spec

    spec = find_spec("matplotlib")
    files = []
    if spec and spec.submodule_search_locations:
        files.append(Path(list(spec.submodule_search_locations)[0]) / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf")
    files += [p for p in (packaged_font_file(f) for f in PACKAGED_FONTS) if p]
    return [f for f in files if f.is_file()]


FALLBACKS = {
    "Arial": ["Liberation Sans", "Arimo", "Helvetica"],
    "Yu Gothic": ["YuGothic", "Hiragino Sans", "Noto Sans CJK JP", "IPAexGothic"],
}
"""Faces that stand in for a theme's face where it is missing, each drawn to the same widths
(Liberation Sans and Arimo are Arial's metric twins; Japanese Gothics share full-width advances)."""


def svg_families(fonts, language: str, layout: list[str]) -> str:
    """Return a CSS font-family list for a chart's text: the deck's faces, their stand-ins, the
    faces the chart was laid out in, and the generic sans-serif."""
    names = [fonts.latin, *FALLBACKS.get(fonts.latin, [])]
    if language == "ja" and fonts.east_asian:
        names = [fonts.east_asian, *FALLBACKS.get(fonts.east_asian, []), *names]
    names = list(dict.fromkeys([*names, *layout]))
    return ", ".join(f"'{n}'" if " " in n else n for n in names) + ", sans-serif"


MEASURED_LATIN = ("Arial", "Helvetica", "Helvetica Neue", "Liberation Sans", "Arimo", "Nimbus Sans",
                  "Calibri", "Carlito", "Arial Narrow", "Liberation Sans Narrow")
"""Latin faces whose lines break where the measurer says: Arial's metric twins, measured exactly,
and narrower faces (Calibri), whose lines are never longer than measured."""

MEASURED_EAST_ASIAN = ("Yu Gothic", "YuGothic", "游ゴシック", "Yu Mincho", "游明朝", "Meiryo", "メイリオ",
                       "MS Gothic", "ＭＳ ゴシック", "MS Mincho", "ＭＳ 明朝", "IPAexGothic", "IPAexMincho",
                       "IPAGothic", "IPAMincho", "Noto Sans CJK JP", "Noto Serif CJK JP", "Noto Sans JP",
                       "Noto Serif JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Hiragino Mincho ProN",
                       "BIZ UDGothic", "BIZ UDMincho", "Source Han Sans JP", "Source Han Serif JP")
"""Japanese faces: every kanji and kana a full em wide, as the measurer counts them."""


# --- faces measured from their files ------------------------------------------------------------------

TABLE_FACES = ("Arial", "Helvetica", "Helvetica Neue", "Liberation Sans", "Arimo", "Nimbus Sans")
"""Faces drawn to Helvetica's widths: measured with the tables the measurer has (`text.measure`),
exactly, whether or not they are installed."""

STAND_INS = {"Calibri": "Carlito", "Cambria": "Caladea", "Arial": "Liberation Sans", "Helvetica": "Liberation Sans",
             "Times New Roman": "Liberation Serif", "Times": "Liberation Serif", "Courier New": "Liberation Mono",
             "Courier": "Liberation Mono", "Arial Narrow": "Liberation Sans Narrow", "Georgia": "Gelasio"}
"""Free faces drawn to the same widths as an office face (metric-compatible): where the office face
is not installed, the stand-in is measured, and LibreOffice draws it in the stand-in too."""

DEFAULT_EAST_ASIAN = "Yu Gothic"
"""The Japanese face of a deck whose template names none (Office's own since 2016; LibreOffice
draws it in an installed Japanese Gothic of the same full-width advances)."""


@functools.lru_cache(maxsize=64)
def font_files(family: str) -> tuple[Path, Path] | None:
    """The regular and bold files of `family`, as fontconfig finds them (or as a package ships
    DejaVu Sans and IPAexGothic); None when the machine does not have the face (fontconfig would
    substitute another). Remembered for the process: the machine's fonts do not change mid-build."""
    if not family or any(c in family for c in ":,\\-\n") or len(family) > 100:
        return None     # not a family name fontconfig reads as one
    found = [_fc_match(f"{family}:{style}") for style in ("style=Regular", "weight=bold")]
    if found[0] and _names(found[0][0], family):
        bold = found[1][1] if found[1] and _names(found[1][0], family) else found[0][1]
        return found[0][1], bold
    return _packaged_pair(family)


def _fc_match(pattern: str) -> tuple[str, Path] | None:
    import subprocess

    try:
        done = subprocess.run(["fc-match", "-f", "%{family}\n%{file}", pattern], capture_output=True, timeout=10,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return None     # no fontconfig: only the tables and packaged fonts measure
    lines = done.stdout.decode("utf-8", "replace").split("\n")
    if done.returncode or len(lines) < 2 or not lines[1]:
        return None
    path = Path(lines[1])
    return (lines[0], path) if path.suffix.lower() in (".ttf", ".otf", ".ttc") and path.is_file() else None


def _names(families: str, family: str) -> bool:
    """Whether fontconfig's family list (`DejaVu Sans,DejaVu Sans Condensed`) names `family`."""
    return family.casefold() in (f.strip().casefold() for f in families.split(","))


def _packaged_pair(family: str) -> tuple[Path, Path] | None:
    from importlib.util import find_spec

    if family == "DejaVu Sans":
        spec = find_spec("matplotlib")
        if spec and spec.submodule_search_locations:
            folder = Path(list(spec.submodule_search_locations)[0]) / "mpl-data" / "fonts" / "ttf"
            pair = (folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf")
            return pair if all(p.is_file() for p in pair) else None
    path = packaged_font_file(family)
    return (path, path) if path else None


def measuring_face(face: str, measure_as: str = "") -> str | None:
    """The face whose widths text in `face` is measured with: "" for the measurer's own tables
    (Helvetica's, exact for Arial and its twins); the face itself when installed; its
    metric-compatible stand-in when that is; `measure_as`, the theme's choice; the tables for
    the narrower faces they are known to overestimate (Calibri); None when nothing measures it."""
    if face in TABLE_FACES:
        return ""
    if font_files(face):
        return face
    if STAND_INS.get(face) and font_files(STAND_INS[face]):
        return STAND_INS[face]
    if measure_as and measure_as != face:
        return measuring_face(measure_as)
    return "" if face in MEASURED_LATIN else None


def japanese_face(face: str) -> bool:
    """Whether `face` is a Japanese face: one the measurer knows, or an installed face with kana
    (every kanji and kana a full em wide, as the measurer counts them)."""
    if face in MEASURED_EAST_ASIAN:
        return True
    files = font_files(face)
    return bool(files) and _has_kana(files[0])


@functools.lru_cache(maxsize=16)
def _has_kana(path: Path) -> bool:
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(str(path), lazy=True, fontNumber=0)
        return 0x3042 in font.getBestCmap() and 0x30A2 in font.getBestCmap()
    except Exception:   # a damaged font file is no Japanese face
        return False


def substitutes(faces: list[str]) -> dict[str, str]:
    """The faces of `faces` the machine does not have, each with what fontconfig draws instead
    (what LibreOffice's preview shows them in)."""
    found = {}
    for face in dict.fromkeys(f for f in faces if f):
        if font_files(face):
            continue
        # A Japanese face missing is drawn in the Japanese face fontconfig picks for Japanese text.
        match = _fc_match(f"{face}:lang=ja" if face in MEASURED_EAST_ASIAN else face)
        found[face] = match[0].split(",")[0] if match else "an unknown face"
    return found


def unmeasurable(face: str, whole_from_master: bool = False) -> str:
    """Why text in `face` cannot be measured, and what to write in the theme."""
    how = ("write fonts: {latin: from-master, east_asian: from-master, measure_as: <face>}" if whole_from_master
           else "name it as fonts.measure_as")
    return (f"the font '{face}' is not installed on this machine and has no metric-compatible stand-in, so its widths "
            f"are unknown: install it, or measure it as an installed face of the same or larger widths ({how}, e.g. "
            "DejaVu Sans, which is wide), or choose another font")
