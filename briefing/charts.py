"""Drawing data charts as PNG with Matplotlib, cached by everything that changes the picture.

This is the only module that imports Matplotlib, and it does so only when a chart is not in the
cache: a rebuild where only text changed never pays for the import.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import tempfile
from pathlib import Path

from briefing.errors import BriefingError
from briefing.fonts import PACKAGED_FONTS, packaged_font_file
from briefing.locale import format_japanese
from briefing.model import ChartSeries, ChartText
from briefing.theme import ChartStyle


def _renderer_identity() -> str:
    """Return what identifies the drawing code: this file and Matplotlib's version.

    Part of every cache key, so editing the drawing code or upgrading Matplotlib redraws charts.
    """
    from importlib.metadata import version

    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16] + "/" + version("matplotlib")


def chart_png(series: ChartSeries, text: ChartText, style: ChartStyle, size: tuple[float, float],
              cache_dir: Path | None, language: str = "en") -> bytes:
    """Return the chart as PNG bytes at `size` (inches), from the cache when it is there."""
    key = chart_key(series, text, style, size, language)
    cached = cache_dir / f"{key}.png" if cache_dir else None
    if cached and cached.is_file():
        return cached.read_bytes()
    png = draw_chart(series, text, style, size, language)
    if cached:
        _store(cached, png)
    return png


def chart_key(series: ChartSeries, text: ChartText, style: ChartStyle, size: tuple[float, float],
              language: str = "en") -> str:
    """Return a hash of everything that changes the picture (data, words, language, style, size, code)."""
    drawn_text = {"axis": text.axis, "approx_note": text.approx_note, "language": language}
    payload = {"series": series.model_dump(), "text": drawn_text, "style": style.model_dump(),
               "size": list(size), "renderer": _renderer_identity()}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:24]


def _store(path: Path, png: bytes) -> None:
    """Write the cache entry atomically; a cache that cannot be written is only slower."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(png)
        os.replace(tmp, path)
    except OSError:
        pass


class MissingFontError(BriefingError):
    """The theme's chart font is not one Matplotlib can find."""

    def __init__(self, family: str, message: str):
        super().__init__(message)
        self.family = family


def _check_font(family: str) -> None:
    """Raise MissingFontError unless Matplotlib has `family` (it would silently substitute one)."""
    from matplotlib import font_manager

    path = packaged_font_file(family) if family in PACKAGED_FONTS else None
    if path:
        # The package's file, not a system copy of the same family: every machine draws alike.
        manager = font_manager.fontManager
        if str(path) not in {f.fname for f in manager.ttflist}:
            manager.addfont(str(path))
        manager.ttflist = [f for f in manager.ttflist if f.name != family or f.fname == str(path)]
        manager._findfont_cached.cache_clear()
    try:
        font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    except ValueError:
        names = sorted({f.name for f in font_manager.fontManager.ttflist})
        shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
        raise MissingFontError(family, f"Matplotlib has no font '{family}' (it has: {shown})") from None


def draw_chart(series: ChartSeries, text: ChartText, style: ChartStyle, size: tuple[float, float],
               language: str = "en") -> bytes:
    """Return a bar chart of `series` as PNG bytes; no titles (they are slide text), no stamps."""
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    # A Japanese chart is drawn in the Japanese font throughout (its Latin digits included), with
    # the Latin font as a fallback for any glyph it lacks.
    families = [style.east_asian_font, style.font] if language == "ja" else [style.font]
    for family in families:
        _check_font(family)
    params = {"font.family": families, "text.parse_math": False, "svg.hashsalt": "briefing",
              "axes.edgecolor": f"#{style.axis}", "xtick.color": f"#{style.axis}",
              "ytick.color": f"#{style.axis}", "font.size": style.label_size}
    with matplotlib.rc_context(params):
        fig = Figure(figsize=size, dpi=style.dpi, facecolor="white")
        ax = fig.add_subplot()
        _draw_bars(ax, series, style, size, "bold" if _has_bold(families[0]) else "normal")
        ticks = (lambda v, _: format_japanese(v, 1)) if language == "ja" else (lambda v, _: f"{v:,.0f}")
        ax.yaxis.set_major_formatter(FuncFormatter(ticks))
        if text.axis:
            ax.set_title(text.axis, loc="left", fontsize=style.label_size, color=f"#{style.axis}", pad=8)
        notes = [n for n in (text.approx_note if any(series.approx) else "", series.footnote) if n]
        if notes:
            fig.text(0.01, 0.01, "\n".join(notes), fontsize=style.label_size * 0.9, color=f"#{style.axis}",
                     va="bottom")
        fig.tight_layout(rect=(0, 0.05 * len(notes), 1, 1))
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=style.dpi, metadata={"Software": None})
    return buffer.getvalue()


def _has_bold(family: str) -> bool:
    """Whether Matplotlib has a bold face of `family` (IPAexGothic has none: asking for one would
    log a warning and fall back to the regular face anyway)."""
    from matplotlib import font_manager

    return any(f.name == family and f.weight in ("bold", 700, 800, 900) for f in font_manager.fontManager.ttflist)


def _draw_bars(ax, series: ChartSeries, style: ChartStyle, size: tuple[float, float], weight: str) -> None:
    colours = [f"#{style.bar_approx if a else style.bar}" for a in series.approx]
    bars = ax.bar(series.years, series.values, color=colours, width=0.72, zorder=2)
    for bar, approx in zip(bars, series.approx):
        if approx:
            bar.set_hatch("///")
            bar.set_edgecolor("white")
    # The growth is the story: the axis starts at zero, and the first and last values are labelled.
    ax.set_ylim(0, max(series.values) * 1.12 or 1)
    last = len(series.values) - 1
    for index in sorted({0, last}):
        value = series.values[index]
        label = f"{'≈' if series.approx[index] else ''}{value:,.0f}"
        # Align the labels inward so the outermost ones never run off the picture.
        align, nudge = ("right", 0.36) if index == last and last else ("left", -0.36)
        ax.annotate(label, (series.years[index] + nudge, value), xytext=(0, 3), textcoords="offset points",
                    ha=align, va="bottom", fontsize=style.label_size, fontweight=weight,
                    color=f"#{style.axis}")
    # Label every year when the labels fit side by side, else every second or third year.
    pitch = size[0] * 0.78 / len(series.years)
    label_width = 4 * 0.65 * style.label_size / 72 * 1.35
    step = max(1, math.ceil(label_width / pitch))
    ax.set_xticks(series.years)
    ax.set_xticklabels([str(y) if i % step == 0 else "" for i, y in enumerate(series.years)])
    ax.grid(axis="y", color=f"#{style.grid}", linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.margins(x=0.01)
