"""Slide layouts: one module per kind of slide, and the registry that maps kinds to them.

Only this package and `deck.py` import python-pptx's API; raw XML lives in `briefing.ooxml`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from briefing.layouts.chart_cases import chart_size, fill_chart_cases
from briefing.layouts.common import DrawnChart, Frame, add_footer, add_handling_mark, set_notes
from briefing.layouts.cover import fill_section, fill_title
from briefing.layouts.lists import fill_bullets, fill_statements, fill_two_column
from briefing.layouts.overview import fill_overview
from briefing.layouts.pillars import fill_pillars
from briefing.layouts.positions import fill_positions

from briefing.model import ChartCasesSlide

if TYPE_CHECKING:
    from pptx.presentation import Presentation

    from briefing.model import ChartText, Slide

FILLERS: dict[str, Callable] = {
    "title": fill_title,
    "section": fill_section,
    "bullets": fill_bullets,
    "two-column": fill_two_column,
    "overview": fill_overview,
    "chart-cases": fill_chart_cases,
    "positions": fill_positions,
    "pillars": fill_pillars,
    "statements": fill_statements,
}
"""Slide kind -> function that adds that slide; the same keys as `model.SLIDE_KINDS`."""

__all__ = ["FILLERS", "DrawnChart", "Frame", "chart_requests", "fill_slide"]


def chart_requests(model: Slide) -> list[tuple[ChartText, tuple[float, float]]]:
    """Return the charts a slide shows and their sizes (inches), to draw them before assembling."""
    if isinstance(model, ChartCasesSlide):
        return [(model.chart, chart_size(model))]
    return []


def fill_slide(prs: Presentation, model: Slide, frame: Frame):
    """Add the slide for `model` to `prs`, with its speaker notes; returns the new slide."""
    slide = FILLERS[model.kind](prs, model, frame)
    # Footer and mark come last so screen readers reach them after the slide's own content.
    # The cover carries the organisation already and, by custom, no number.
    light = frame.theme.colours.panel if model.kind == "section" else ""
    if model.kind != "title":
        add_footer(slide, frame, colour=light)
    add_handling_mark(slide, frame, colour=light)
    set_notes(slide, model.notes)
    return slide
