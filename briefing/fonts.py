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
