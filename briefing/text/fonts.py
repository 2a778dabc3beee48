"""Fonts that Python packages ship, found without importing those packages.

A font a dependency ships is on every machine the tool runs on, so charts look the same and text
is measured the same everywhere.
"""

from __future__ import annotations

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


def measured(face: str, east_asian: bool = False) -> bool:
    """Whether text in `face` is measured as it will be set."""
    return face in (MEASURED_EAST_ASIAN if east_asian else MEASURED_LATIN)
