"""Drawing data charts with Matplotlib, as SVG (vector, its text in the deck's fonts) with a PNG
for viewers without SVG; `chart_key` names a picture by everything that changes it (the chart
cache, `briefing.draw.drawer`, keeps pictures under that name).

This is the only module that imports Matplotlib, and it does so only when a chart is not in the
cache: a rebuild where only text changed never pays for the import.

Layout is done with fonts that packages ship (DejaVu Sans, IPAexGothic for Japanese), so every
machine draws the same picture. The SVG's text stays text and names the theme's faces first, with
metric-compatible and packaged fallbacks (Arial, Liberation Sans, ..., DejaVu Sans): PowerPoint
shows it in Arial or Yu Gothic, LibreOffice in Liberation Sans or a Japanese Gothic. DejaVu Sans
is wider than all of them, and every label is anchored (left, centre or right), so a label drawn
in a narrower face never collides or clips.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
from pathlib import Path

from briefing.errors import BriefingError
from briefing.text.fonts import PACKAGED_FONTS, packaged_font_file, svg_families
from briefing.text.locale import axis_title, chart_labels, format_japanese, format_number
from briefing.model.deck import ChartSeries, ChartText
from briefing.model.theme import ChartStyle, Fonts


def _renderer_identity() -> str:
    """Return what identifies the drawing code: this file and Matplotlib's version.

    Part of every cache key, so editing the drawing code or upgrading Matplotlib redraws charts.
    """
    from importlib.util import find_spec

    # Matplotlib's own version file, found without importing it or searching installed packages.
    spec = find_spec("matplotlib")
    version_file = Path(spec.origin).parent / "_version.py" if spec and spec.origin else None
    version = version_file.read_bytes() if version_file and version_file.is_file() else b""
    return hashlib.sha256(Path(__file__).read_bytes() + version).hexdigest()[:24]


def chart_key(series: ChartSeries, text: ChartText, style: ChartStyle, size: tuple[float, float],
              language: str = "en", fonts: Fonts | None = None) -> str:
    """Return a hash of everything that changes the picture (data, words, language, style, fonts,
    size, code)."""
    drawn_text = {"axis": text.axis, "approx_note": text.approx_note, "language": language}
    payload = {"series": series.dump(), "text": drawn_text, "style": style.dump(),
               "fonts": fonts.dump() if fonts else None, "size": list(size), "renderer": _renderer_identity()}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:24]


class MissingFontError(BriefingError):
    """The theme's chart font is not one Matplotlib can find."""

    def __init__(self, family: str, message: str):
        super().__init__(family, message)      # both, so it crosses from the drawing process whole
        self.family = family

    def __str__(self) -> str:
        return self.args[1]


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


def tick_label(value: float, language: str, scaled: bool) -> str:
    """An axis tick as the language writes it: thousands separators in English; in Japanese 万 and
    億 for large counts, unless the values are already in a unit such as 億円."""
    if language == "ja" and not scaled:
        return format_japanese(value, 1)
    return format_number(round(value, 1)) if abs(value) < 100 else f"{value:,.0f}"


def draw_chart(series: ChartSeries, text: ChartText, style: ChartStyle, size: tuple[float, float],
               language: str = "en", fonts: Fonts | None = None) -> tuple[bytes, bytes]:
    """Return a bar chart of `series` as (PNG, SVG) bytes; no titles (they are slide text), no stamps."""
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    # A Japanese chart is laid out in the Japanese font throughout (its Latin digits included), with
    # the Latin font as a fallback for any glyph it lacks.
    families = [style.east_asian_font, style.font] if language == "ja" else [style.font]
    for family in families:
        _check_font(family)
    scale = series.scale_in(language)
    values = [v / scale.divide for v in series.values]
    params = {"font.family": families, "text.parse_math": False, "svg.hashsalt": "briefing", "svg.fonttype": "none",
              "axes.edgecolor": f"#{style.axis}", "xtick.color": f"#{style.axis}",
              "ytick.color": f"#{style.axis}", "font.size": style.label_size}
    with matplotlib.rc_context(params):
        fig = Figure(figsize=size, dpi=style.dpi, facecolor="white")
        ax = fig.add_subplot()
        _draw_bars(ax, series, values, style, size, "bold" if _has_bold(families[0]) else "normal", language)
        scaled = scale.divide != 1
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: tick_label(v, language, scaled)))
        title = axis_title(text.axis, scale.unit, language)
        if title:
            ax.set_title(title, loc="left", fontsize=style.label_size, color=f"#{style.axis}", pad=8)
        notes = [n for n in (text.approx_note if any(series.approx) else "", series.footnote) if n]
        if notes:
            fig.text(0.01, 0.01, "\n".join(notes), fontsize=style.label_size * 0.9, color=f"#{style.axis}",
                     va="bottom")
        fig.tight_layout(rect=(0, 0.05 * len(notes), 1, 1))
        png, svg = io.BytesIO(), io.BytesIO()
        fig.savefig(png, format="png", dpi=style.dpi, metadata={"Software": None})
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    return png.getvalue(), _with_deck_faces(svg.getvalue(), families, fonts, language)


def _with_deck_faces(svg: bytes, families: list[str], fonts: Fonts | None, language: str) -> bytes:
    """Name the deck's faces first in the SVG's text, the faces it was laid out in last.

    Matplotlib writes every text's faces as the CSS declaration below, from the family list the
    chart was drawn with (rc font.family); that exact declaration is replaced, nothing else is
    touched, so the SVG is Matplotlib's own but for the faces it names."""
    if fonts is None:
        return svg
    written = "font-family: " + ", ".join(dict.fromkeys(repr(name) for name in families))
    wanted = "font-family: " + svg_families(fonts, language, families)
    return svg.replace(written.encode("utf-8"), wanted.encode("utf-8"))


def _has_bold(family: str) -> bool:
    """Whether Matplotlib has a bold face of `family` (IPAexGothic has none: asking for one would
    log a warning and fall back to the regular face anyway)."""
    from matplotlib import font_manager

    return any(f.name == family and f.weight in ("bold", 700, 800, 900) for f in font_manager.fontManager.ttflist)


def _draw_bars(ax, series: ChartSeries, values: list[float], style: ChartStyle, size: tuple[float, float],
               weight: str, language: str) -> None:
    colours = [f"#{style.bar_approx if a else style.bar}" for a in series.approx]
    bars = ax.bar(series.years, values, color=colours, width=0.72, zorder=2)
    for bar, approx in zip(bars, series.approx):
        if approx:
            bar.set_hatch("///")
            bar.set_edgecolor("white")
    # The growth is the story: the axis starts at zero, and the first and last values are labelled.
    ax.set_ylim(0, max(values) * 1.12 or 1)
    last = len(values) - 1
    labels = chart_labels(series, language)
    for index in sorted({0, last}):
        label = f"{'≈' if series.approx[index] else ''}{labels[index]}"
        # Align the labels inward so the outermost ones never run off the picture.
        align, nudge = ("right", 0.36) if index == last and last else ("left", -0.36)
        ax.annotate(label, (series.years[index] + nudge, values[index]), xytext=(0, 3), textcoords="offset points",
                    ha=align, va="bottom", fontsize=style.label_size, fontweight=weight,
                    color=f"#{style.axis}")
    # Label every year when the labels fit side by side, else every second or third year.
    pitch = size[0] * 0.78 / len(series.years)
    label_width = 4 * 0.65 * style.label_size / 72 * 1.35
    step = max(1, math.ceil(label_width / pitch))
    ax.set_xticks(series.years)
    last = len(series.years) - 1       # the most recent year is always labelled
    ax.set_xticklabels([str(y) if (last - i) % step == 0 else "" for i, y in enumerate(series.years)])
    ax.grid(axis="y", color=f"#{style.grid}", linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.margins(x=0.01)
