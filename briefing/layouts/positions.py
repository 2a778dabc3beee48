"""The positions diagram: values held in balance, and two approaches at opposite ends of a
spectrum with the middle ground between them. Drawn with editable shapes, driven by content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

from briefing.layouts.common import BODY, Box, Frame, Para, add_shape, add_text
from briefing.layouts.lists import bullet_paras, content_slide

if TYPE_CHECKING:
    from pptx.presentation import Presentation

    from briefing.model import Approach, PositionsSlide

END_WIDTH = 4.0   # inches: each approach's box at the ends of the spectrum


def fill_positions(prs: Presentation, model: PositionsSlide, frame: Frame):
    """Add the positions slide: the balance on top, the spectrum and each side's points below."""
    slide = content_slide(prs, model.title, frame)
    balance, sentence, spectrum, points = BODY.rows(1.45, 0.5, 1.0, 0, gap=0.1)
    _draw_balance(slide, balance, model.values, frame)
    add_text(slide, sentence, [Para(model.balance, frame.theme.sizes.body, bold=True,
                                    colour=frame.theme.colours.title, align=PP_ALIGN.CENTER, space_after=0)],
             frame, MSO_ANCHOR.MIDDLE, name="Balance statement", field=("balance",))
    _draw_spectrum(slide, spectrum, model, frame)
    left, _, right = points.columns(3, weights=[END_WIDTH + 1.0, 1.0, END_WIDTH + 1.0])
    for side, box, name in ((model.left, left, "Left"), (model.right, right, "Right")):
        add_text(slide, box, bullet_paras(side.points, frame.theme.sizes.dense + 2, frame, space_after=6),
                 frame, name=f"{name} points", field=(name.lower(), "points"))
    return slide


def _draw_balance(slide, area: Box, values: list[str], frame: Frame) -> None:
    """Draw the values as pills resting on a beam over a fulcrum: a balance."""
    colours, sizes = frame.theme.colours, frame.theme.sizes
    pill_width, gap = 2.3, 0.5
    row_width = len(values) * pill_width + (len(values) - 1) * gap
    left = area.left + (area.width - row_width) / 2
    for index, value in enumerate(values):
        box = Box(left + index * (pill_width + gap), area.top, pill_width, 0.62)
        add_shape(slide, MSO_SHAPE.ROUNDED_RECTANGLE, box, colours.panel, line=colours.title,
                  paras=[Para(value, sizes.body, bold=True, colour=colours.title, align=PP_ALIGN.CENTER,
                              space_after=0)], frame=frame, name=f"Value {index + 1}", field=("values", index))
    beam = Box(left - 0.2, area.top + 0.75, row_width + 0.4, 0.07)
    add_shape(slide, MSO_SHAPE.RECTANGLE, beam, colours.title, name="Beam")
    fulcrum = Box(area.left + area.width / 2 - 0.35, beam.bottom, 0.7, 0.55)
    add_shape(slide, MSO_SHAPE.ISOSCELES_TRIANGLE, fulcrum, colours.title, name="Fulcrum")


def _draw_spectrum(slide, area: Box, model: PositionsSlide, frame: Frame) -> None:
    """Draw a two-headed arrow with each approach at one end and the middle ground between."""
    colours, sizes = frame.theme.colours, frame.theme.sizes
    arrow = Box(area.left, area.top + area.height * 0.2, area.width, area.height * 0.6)
    add_shape(slide, MSO_SHAPE.LEFT_RIGHT_ARROW, arrow, colours.panel, name="Spectrum")
    middle = Box(area.left + END_WIDTH + 0.4, area.top, area.width - 2 * END_WIDTH - 0.8, area.height)
    add_text(slide, middle, [Para(model.middle, sizes.dense + 2, bold=True, colour=colours.neutral,
                                  align=PP_ALIGN.CENTER, space_after=0)], frame, MSO_ANCHOR.MIDDLE,
             name="Middle", field=("middle",))
    ends = ((model.left, area.left + 0.35, colours.group_a, "Left"),
            (model.right, area.right - 0.35 - END_WIDTH, colours.group_b, "Right"))
    for approach, left, colour, name in ends:
        _draw_end(slide, Box(left, area.top, END_WIDTH, area.height), approach, colour, frame, name)


def _draw_end(slide, box: Box, approach: Approach, colour: str, frame: Frame, name: str) -> None:
    colours, sizes = frame.theme.colours, frame.theme.sizes
    paras = [Para(approach.name, sizes.body, bold=True, colour=colours.background, align=PP_ALIGN.CENTER,
                  space_after=0)]
    if approach.members:
        paras.append(Para(approach.members, sizes.small + 2, colour=colours.background, align=PP_ALIGN.CENTER,
                          space_after=0))
    add_shape(slide, MSO_SHAPE.ROUNDED_RECTANGLE, box, colour, paras=paras, frame=frame, name=f"{name} approach",
              field=(name.lower(), "name"))
