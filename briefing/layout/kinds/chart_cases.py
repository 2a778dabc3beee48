"""Statements across the top, a data chart on the left and a dated cases list on the right."""

from __future__ import annotations

import re
from typing import Annotated

from briefing.model.schema import Field

from briefing.layout.page import Layout, Page
from briefing.text.locale import axis_title, describe_chart, month_label
from briefing.text.measure import metrics, wrap
from briefing.model.deck import ChartText, Model, Month, Slide, Text
from briefing.layout.plan import Fit
from briefing.layout.typeset import measured_face

DATE_GAP = 0.15     # inches between the widest date and the text of a case
SOURCE_HEIGHT = 0.55        # inches under the chart for its source lines, at least
LAYOUT_FACE_WIDTH = 1.15    # DejaVu Sans, which lays a chart out, is this much wider than Arial
MAX_NOTE_LINES = 2
MAX_SOURCE_SHARE = 0.3      # of the chart's column: the most its source lines may take


class Case(Model):
    """One dated entry of a cases list."""

    date: Month
    text: Text


class CaseList(Model):
    """A headed list of dated cases."""

    heading: Text
    items: Annotated[list[Case], Field(min_length=1, max_length=8)]


class ChartCasesSlide(Slide):
    """Statements across the top, a chart on the left and a dated cases list on the right."""

    kind = "chart-cases"
    title: Text
    statements: Annotated[list[Text], Field(max_length=3)] = []
    chart: ChartText
    cases: CaseList | None = None
    """Without cases, the chart takes the width of the slide."""


def plan_chart_cases(slide: ChartCasesSlide, page: Page) -> None:
    """The chart is drawn later, at the size of its slot; its source lines are known now."""
    page.content_title(slide.title)
    sizes, colours = page.sizes, page.colours
    # Without statements the chart and cases take the whole body (a row of height 0 would share it).
    top, rest = page.body.rows(0.95, 0, gap=0.15) if slide.statements else (page.body, page.body)
    left, right = rest.columns(2, weights=[6.4, 5.4], gutter=0.45) if slide.cases else (rest, None)
    chart = slide.chart
    series = page.charts.get(chart.name)
    lines = [page.para(text, sizes.small, colour=colours.muted, space_after=0)
             for text in source_lines(chart.source, series.sources_in(page.language) if series else (), page.language)]
    # The source lines take the room they need (within limits): the picture gives it up.
    needed = min(max(page.height_of(lines, left.width), SOURCE_HEIGHT), left.height * MAX_SOURCE_SHARE)
    heading, picture, source = left.rows(0.75, 0, needed)
    page.text(top, page.bullets(slide.statements, sizes.heading, space_after=4, field=("statements",)), "Statements", ("statements",))
    page.text(heading, [page.para(chart.title, sizes.heading, bold=True, colour=colours.title, space_after=2, balance=True),
                        page.para(chart.subtitle, sizes.small, colour=colours.muted, space_after=0)],
              "Chart title", ("chart", "title"))
    if series is not None:
        _words_fit(page, chart, series, picture.width)
        page.chart(picture, chart, series, chart.alt or describe_chart(series, chart, page.language), "Chart")
    page.text(source, lines, "Chart source", ("chart", "source"))
    if slide.cases is None:
        return
    dates = [month_label(case.date, page.language) for case in slide.cases.items]
    # The text of every case hangs at one tab stop, just past the widest date.
    face = measured_face(page.theme.fonts)
    tab = max(metrics(face).width(d, sizes.dense) for d in dates) / 72 + DATE_GAP
    cases = [page.para(slide.cases.heading, sizes.heading, bold=True, colour=colours.title, space_after=8,
                       balance=True)]
    cases += [page.para(f"{date}\t{case.text}", sizes.dense, tab=tab, space_after=6)
              for date, case in zip(dates, slide.cases.items)]
    page.text(right, cases, "Cases", ("cases", "items"), fit=Fit())


def _words_fit(page: Page, chart: ChartText, series, width: float) -> None:
    """The words drawn inside the chart are measured like slide text: the axis title on one line,
    the notes under the bars in two lines at most (the picture cannot wrap or shrink them)."""
    style = page.theme.chart
    usable = width * 72 * 0.95
    title = axis_title(chart.axis, series.scale_in(page.language).unit, page.language)
    needed = metrics().width(title, style.label_size) * LAYOUT_FACE_WIDTH
    if needed > usable:
        page.problem(("chart", "axis"), f"the axis label needs {needed / usable:.0%} of the chart's width; shorten it")
    notes = [(chart.approx_note, page.slide.path + ("chart", "approx_note"), None) if any(series.approx) else None,
             (series.footnote, ("footnote",), series.source_map) if series.footnote else None]
    lines = 0
    for text, path, source in (n for n in notes if n):
        lines += len(wrap(text, usable / LAYOUT_FACE_WIDTH, style.label_size * 0.9).lines)
    if lines > MAX_NOTE_LINES:
        note = next(n for n in reversed(notes) if n)
        page.problem(note[1], f"the notes under the chart take {lines} lines; it has room for "
                              f"{MAX_NOTE_LINES}: shorten them", source=note[2] or page.source)


def source_lines(deck_line: str, sources: tuple[str, ...], language: str) -> list[str]:
    """The lines under a chart: the deck's source line, then the publications the figures come
    from, the latter left out when the deck's line says the same already."""
    data_line = ("；" if language == "ja" else "; ").join(sources)

    def plain(text: str) -> str:
        return re.sub(r"^(source|sources|出典)\s*[:：]\s*", "", text.strip(), flags=re.IGNORECASE).casefold()

    if not data_line or plain(data_line) in plain(deck_line):
        return [deck_line]
    if not deck_line or plain(deck_line) in plain(data_line):
        return [data_line]
    return [deck_line, data_line]


def _charts(slide: ChartCasesSlide) -> list:
    return [(slide.chart, ("chart", "name"))]


CHART_CASES = Layout("chart-cases", ChartCasesSlide, plan_chart_cases, charts=_charts,
                     facts=(("chart", "name"), ("date",)))
