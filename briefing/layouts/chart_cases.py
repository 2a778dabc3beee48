"""Statements across the top, a data chart on the left and a dated cases list on the right."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from briefing.layouts.common import BODY, Box, Frame, Para, add_text
from briefing.layouts.lists import bullet_paras, content_slide
from briefing.locale import month_label

if TYPE_CHECKING:
    from pptx.presentation import Presentation

    from briefing.model import ChartCasesSlide

DATE_COLUMN = {"en": 1.05, "ja": 1.4}
"""Inches: wide enough for "Sep. 2011", and for "2011年12月" (its kanji are full width), at the dense size."""


def fill_chart_cases(prs: Presentation, model: ChartCasesSlide, frame: Frame):
    """Add the slide; the chart is drawn (or taken from the cache) at the size it is shown."""
    slide = content_slide(prs, model.title, frame)
    sizes, colours = frame.theme.sizes, frame.theme.colours
    top, heading, picture, source, right = _areas(model)
    if model.statements:
        add_text(slide, top, bullet_paras(model.statements, sizes.dense + 2, frame, space_after=4), frame,
                 name="Statements", field=("statements",))
    chart = model.chart
    add_text(slide, heading, [Para(chart.title, sizes.dense + 2, bold=True, colour=colours.title, space_after=2),
                              Para(chart.subtitle, sizes.small, colour=colours.muted, space_after=0)],
             frame, name="Chart title", field=("chart", "title"))
    drawn = frame.chart(chart, (picture.width, picture.height))
    image = slide.shapes.add_picture(io.BytesIO(drawn.png), *picture.emu())
    image.name = "Chart"
    _set_alt_text(image, f"{chart.title}. {chart.subtitle}".strip(". "))
    # The deck's source line, then the publications each charted figure comes from.
    lines = [Para(chart.source, sizes.small, colour=colours.muted, space_after=0),
             Para("; ".join(drawn.sources), sizes.small, colour=colours.muted, space_after=0)]
    add_text(slide, source, lines, frame, name="Chart source", field=("chart", "source"))
    cases = [Para(model.cases.heading, sizes.dense + 2, bold=True, colour=colours.title, space_after=8)]
    cases += [Para(f"{month_label(c.date, frame.language)}\t{c.text}", sizes.dense, tab=DATE_COLUMN[frame.language],
                   space_after=6) for c in model.cases.items]
    add_text(slide, right, cases, frame, name="Cases", field=("cases", "items"))
    return slide


def chart_size(model: ChartCasesSlide) -> tuple[float, float]:
    """Return the size (inches) at which the slide shows its chart, so it can be drawn beforehand."""
    picture = _areas(model)[2]
    return picture.width, picture.height


def _areas(model: ChartCasesSlide) -> tuple[Box, Box, Box, Box, Box]:
    """Return the statements, chart heading, chart picture, chart source and cases areas."""
    top, rest = BODY.rows(0.95 if model.statements else 0.0, 0, gap=0.15)
    left, right = rest.columns(2, weights=[6.4, 5.4], gutter=0.45)
    heading, picture, source = left.rows(0.75, 0, 0.55)
    return top, heading, picture, source, right


def _set_alt_text(picture, text: str) -> None:
    """Describe the chart for screen readers (python-pptx otherwise leaves it empty)."""
    picture._element.nvPicPr.cNvPr.set("descr", text)
