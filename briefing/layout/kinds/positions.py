"""The positions diagram: values held in balance, and two approaches at opposite ends of a
spectrum with the middle ground between them. Drawn with editable shapes, driven by content.
"""

from __future__ import annotations

from typing import Annotated

from briefing.model.schema import Field

from briefing.layout.page import Layout, Page
from briefing.model.deck import Model, Slide, Text
from briefing.layout.plan import Box, Fit

END = 0.33      # of the body's width: each approach's box at the ends of the spectrum
PILL = 0.19     # of the body's width: each value's pill on the beam
PILL_GAP = 0.04
SPECTRUM = 1.0          # inches: the spectrum's height
SPECTRUM_TALL = 1.3     # inches: the spectrum's height where the points leave room


class Approach(Model):
    """One end of the positions spectrum: its name, who holds it, and what it stands for."""

    name: Text
    members: Text = ""
    points: Annotated[list[Text], Field(min_length=1, max_length=4)]


class PositionsSlide(Slide):
    """Three values to balance, and two approaches at opposite ends with a middle between."""

    kind = "positions"
    title: Text
    values: Annotated[list[Text], Field(min_length=2, max_length=4)]
    balance: Text
    left: Approach
    middle: Text
    right: Approach


def plan_positions(slide: PositionsSlide, page: Page) -> None:
    """The balance on top, the spectrum with its two ends, then each side's points below its end;
    read left to right: the left approach, the middle ground, the right approach."""
    page.content_title(slide.title)
    sizes, colours, body = page.sizes, page.colours, page.body
    end = body.width * END
    widths = body.columns(3, page.grid.gutter, weights=[end + 1.0, 1.0, end + 1.0])
    sides = [page.bullets(side.points, sizes.heading, space_after=6, field=(name, "points"))
             for side, name in ((slide.left, "left"), (slide.right, "right"))]
    # Where the points leave room, the spectrum stands taller and the points grow towards the ceiling's size.
    needed = max(page.grown_height(paras, box.width) for paras, box in zip(sides, widths[::2]))
    tall = body.height - 1.45 - 0.5 - SPECTRUM_TALL - 0.3 >= needed
    balance, sentence, spectrum, points = body.rows(1.45, 0.5, SPECTRUM_TALL if tall else SPECTRUM, 0, gap=0.1)
    _balance(page, balance, slide.values)
    page.text(sentence, [page.para(slide.balance, sizes.body, bold=True, colour=colours.title, align="center",
                                   space_after=0)], "Balance statement", ("balance",), anchor="middle",
              fit=Fit(grow=tall))
    arrow = Box(spectrum.left, spectrum.top + spectrum.height * 0.2, spectrum.width, spectrum.height * 0.6)
    page.shape("double-arrow", arrow, colours.panel, "Spectrum")
    _end(page, Box(spectrum.left + 0.35, spectrum.top, end, spectrum.height), slide.left, colours.group_a, "Left")
    middle = Box(spectrum.left + end + 0.4, spectrum.top, spectrum.width - 2 * end - 0.8, spectrum.height)
    page.text(middle, [page.para(slide.middle, sizes.heading, bold=True, colour=colours.neutral, align="center",
                                 space_after=0, balance=True)], "Middle", ("middle",), anchor="middle")
    _end(page, Box(spectrum.right - 0.35 - end, spectrum.top, end, spectrum.height), slide.right, colours.group_b,
         "Right")
    left, _, right = points.columns(3, page.grid.gutter, weights=[end + 1.0, 1.0, end + 1.0])
    for paras, box, name in zip(sides, (left, right), ("Left", "Right")):
        page.text(box, paras, f"{name} points", (name.lower(), "points"), fit=Fit(grow=tall, group="points"))


def _balance(page: Page, area: Box, values: list[str]) -> None:
    """The values as pills resting on a beam over a fulcrum: a balance."""
    colours, sizes = page.colours, page.sizes
    pill, gap = page.body.width * PILL, page.body.width * PILL_GAP
    row = len(values) * pill + (len(values) - 1) * gap
    left = area.left + (area.width - row) / 2
    for index, value in enumerate(values):
        box = Box(left + index * (pill + gap), area.top, pill, 0.62)
        text = page.para(value, sizes.body, bold=True, colour=colours.title, align="center", space_after=0,
                         balance=True)
        page.shape("rounded", box, colours.panel, f"Value {index + 1}", line=colours.title,
                   text=page.inside(box, [text], f"Value {index + 1}", ("values", index), fit=Fit(group="values")))
    beam = Box(left - 0.2, area.top + 0.75, row + 0.4, 0.07)
    page.shape("rect", beam, colours.title, "Beam")
    page.shape("triangle", Box(area.left + area.width / 2 - 0.35, beam.bottom, 0.7, 0.55), colours.title, "Fulcrum")


def _end(page: Page, box: Box, approach: Approach, colour: str, name: str) -> None:
    sizes, colours = page.sizes, page.colours
    paras = [page.para(approach.name, sizes.body, bold=True, colour=colours.background, align="center",
                       space_after=0, balance=True),
             page.para(approach.members, sizes.dense, colour=colours.background, align="center", space_after=0)]
    page.shape("rounded", box, colour, f"{name} approach",
               text=page.inside(box, paras, f"{name} approach", (name.lower(), "name")))


POSITIONS = Layout("positions", PositionsSlide, plan_positions)
