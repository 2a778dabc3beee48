"""The pillars slide: an intro, the pillars as boxes, numbered lists below and a footnote."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

from briefing.layouts.common import BODY, Frame, Para, add_shape, add_text
from briefing.layouts.lists import bullet_paras, content_slide

if TYPE_CHECKING:
    from pptx.presentation import Presentation

    from briefing.model import NumberedList, PillarsSlide


def fill_pillars(prs: Presentation, model: PillarsSlide, frame: Frame):
    """Add the pillars slide; list columns are as wide as their share of the text."""
    slide = content_slide(prs, model.title, frame)
    sizes, colours = frame.theme.sizes, frame.theme.colours
    intro, pillars, lists, footnote = BODY.rows(0.6 if model.intro else 0.0, 0.6, 0,
                                                0.3 if model.footnote else 0.0, gap=0.1)
    if model.intro:
        add_text(slide, intro, [Para(model.intro, sizes.dense + 2, space_after=0)], frame,
                 MSO_ANCHOR.MIDDLE, name="Intro")
    for number, (text, box) in enumerate(zip(model.pillars, pillars.columns(len(model.pillars))), start=1):
        fill = colours.accent if frame.emphasises(text) else colours.title
        add_shape(slide, MSO_SHAPE.ROUNDED_RECTANGLE, box, fill,
                  paras=[Para(f"{number}) {text}", sizes.dense + 1, bold=True, colour=colours.background,
                              align=PP_ALIGN.CENTER, space_after=0)], frame=frame, name=f"Pillar {number}")
    # Wider columns for longer lists, but a short list still gets room to breathe.
    weights = [math.sqrt(sum(len(t) for t in lst.items) + 50) for lst in model.lists]
    for number, (lst, box) in enumerate(zip(model.lists, lists.columns(len(model.lists), weights=weights)),
                                        start=1):
        add_text(slide, box, _list_paras(number, lst, frame), frame, name=f"List {number}")
    if model.footnote:
        add_text(slide, footnote, [Para(model.footnote, sizes.small, colour=colours.muted, space_after=0)],
                 frame, MSO_ANCHOR.BOTTOM, name="Footnote")
    return slide


def _list_paras(number: int, lst: NumberedList, frame: Frame) -> list[Para]:
    sizes, colours = frame.theme.sizes, frame.theme.colours
    heading = Para(f"{number}  {lst.heading}", sizes.dense + 2, bold=True, colour=colours.title, space_after=6)
    return [heading] + bullet_paras(lst.items, sizes.dense, frame, numbered=True, space_after=5)
