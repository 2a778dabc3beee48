"""The one orchestrator: load and validate everything, render text, draw charts, assemble every
deck in memory, and only then write files. A failed run leaves the output folder as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.content import Loaded, Project, load_project
from briefing.errors import ContentError, Problem
from briefing.model import ChartText, Deck
from briefing.templating import TextRenderer

CACHE_FOLDER = ".cache/charts"


@dataclass(frozen=True)
class Built:
    """One deck written: where, and how many slides."""

    deck: Deck
    path: Path
    slides: int


def render_all(project: Project, selection: list[str] | None = None) -> tuple[Loaded, list[Deck]]:
    """Return the loaded project and every selected deck with its text rendered.

    Raises ContentError with the problems of every file and every template at once.
    """
    loaded = load_project(project, selection)
    renderer = TextRenderer(project.templates / "text")
    rendered, problems = [], []
    for deck in loaded.decks:
        try:
            rendered.append(renderer.render_deck(deck))
        except ContentError as e:
            problems += e.problems
    if problems:
        raise ContentError(problems)
    return loaded, rendered


def check(project: Project, selection: list[str] | None = None) -> list[Deck]:
    """Validate and render every selected deck without drawing or writing anything."""
    return render_all(project, selection)[1]


def output_name(deck: Deck) -> str:
    """Return the file name of a deck: <deck>-<language>.pptx."""
    return f"{deck.name}-{deck.header.language}.pptx"


def build(project: Project, selection: list[str] | None = None, out_dir: Path | None = None,
          use_cache: bool = True) -> list[Built]:
    """Build every selected deck into `out_dir` (default: the project's output/)."""
    # Heavy imports wait until a build needs them, so `check`, `list` and --help stay fast.
    from briefing.charts import MissingFontError, chart_png
    from briefing.deck import assemble, save_atomically, to_bytes
    from briefing.layouts import DrawnChart

    loaded, decks = render_all(project, selection)
    out_dir = out_dir or project.output
    cache = project.root / CACHE_FOLDER if use_cache else None
    # Assemble every deck in memory first: nothing is written unless all of them succeed.
    files = []
    for deck in decks:
        theme = loaded.themes[deck.header.theme]

        def paint(text: ChartText, size: tuple[float, float], theme=theme) -> DrawnChart:
            series = loaded.charts[text.name]
            try:
                return DrawnChart(chart_png(series, text, theme.chart, size, cache), series.sources)
            except MissingFontError as e:
                raise ContentError([Problem(theme.locate("chart", "font"), "chart.font", str(e))]) from e

        prs = assemble(deck, theme, paint)
        files.append((deck, out_dir / output_name(deck), to_bytes(prs), len(prs.slides)))
    for deck, path, data, _ in files:
        save_atomically(data, path)
    return [Built(deck, path, count) for deck, path, _, count in files]
