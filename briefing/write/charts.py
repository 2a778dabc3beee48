"""Charts on a slide: a picture drawn beside the build (SVG with a PNG for older viewers), placed
once every slide is written, or an editable PowerPoint chart from the plan's numbers."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Pt

from briefing.layout.plan import Box, ChartSlot
from briefing.write import ooxml
from briefing.write.geometry import emu_box


@dataclass(frozen=True)
class DrawnChart:
    """A chart as pictures: PNG (and SVG, when drawn so) bytes."""

    png: bytes
    svg: bytes = b""


def picture(slide, box: Box, png: bytes, svg: bytes, alt: str, name: str):
    picture = slide.shapes.add_picture(io.BytesIO(png), *emu_box(box))
    picture.name = name
    ooxml.describe(picture, alt)
    if svg:
        ooxml.add_svg(picture, svg)
    return picture


@dataclass(frozen=True)
class _Reserved:
    """A chart picture's place on its slide: the shape it follows and its id."""

    slide: Any
    marker: Any
    shape_id: int
    slot: ChartSlot
    key: tuple


def reserve_chart(slide, slot: ChartSlot, key: tuple, later: list) -> None:
    """Keep the chart's place (in reading order) and id; the picture comes when every slide is
    written, so a chart still being drawn holds up nothing else."""
    later.append(_Reserved(slide, ooxml.mark_place(slide), ooxml.next_shape_id(slide), slot, key))


def place_charts(later: list, charts: Any) -> None:
    """Put each chart picture where it was reserved, waiting for it to be drawn if need be."""
    for place in later:
        drawn = charts[place.key]
        slot = place.slot
        shape = picture(place.slide, slot.box, drawn.png, drawn.svg, slot.alt, slot.name)
        ooxml.put_at(shape, place.marker, place.shape_id)


def native_chart(slide, slot: ChartSlot, fonts: ooxml.Faces) -> None:
    """Write the chart as an editable PowerPoint chart: the same data, scaled for the deck's
    language, in the theme's colours and faces, so a desk officer can update a figure."""
    native = slot.native
    data = CategoryChartData(number_format="#,##0")
    data.categories = list(native.categories)
    title = native.title
    data.add_series(title, list(native.values))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, *emu_box(slot.box), data)
    frame.name = slot.name
    ooxml.describe(frame, slot.alt)
    chart = frame.chart
    ooxml.positive_axis_ids(chart)
    chart.has_legend = False
    chart.font.size = Pt(native.label_size)
    chart.font.color.rgb = RGBColor.from_string(native.axis)
    ooxml.set_fonts(ooxml.chart_text_properties(chart), fonts.latin, fonts.east_asian, fonts.lang)
    chart.has_title = bool(title)
    if title:
        chart.chart_title.text_frame.text = title
        run = chart.chart_title.text_frame.paragraphs[0].runs[0]
        _style(run, native.label_size, False, native.axis, fonts)
    plot = chart.plots[0]
    plot.gap_width = 40
    bars = plot.series[0]
    bars.format.fill.solid()
    bars.format.fill.fore_color.rgb = RGBColor.from_string(native.bar)
    for index, approx in enumerate(native.approx):
        if approx:      # rounded figures as published, in the lighter bar colour
            point = bars.points[index].format.fill
            point.solid()
            point.fore_color.rgb = RGBColor.from_string(native.bar_approx)
    values = chart.value_axis
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = RGBColor.from_string(native.grid)
    values.format.line.fill.background()
    values.tick_labels.number_format, values.tick_labels.number_format_is_linked = "#,##0", False
    values.minimum_scale = 0


def _style(run, size: float, bold: bool, colour: str, fonts: ooxml.Faces) -> None:
    """Set size, weight, colour, both typefaces and the language on one run (of a chart's title)."""
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = RGBColor.from_string(colour)
    ooxml.set_fonts(ooxml.run_properties(run), fonts.latin, fonts.east_asian, fonts.lang)
