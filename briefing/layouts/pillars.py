"""The pillars slide: an intro, the pillars as boxes, numbered lists below and a footnote."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

from briefing.layouts.common import BODY, Frame, Para, add_shape, add_text
from briefing.layouts.fitting import shared_size
from briefing.layouts.lists import bullet_paras, content_slide

if TYPE_CHECKING:
    from pptx.presentation import Presentation

    from briefing.model import NumberedList, PillarsSlide


PILLAR_MARGIN = 0.06   # inches inside a pillar box: its label may need two lines


def fill_pillars(prs: Presentation, model: PillarsSlide, frame: Frame):
    """Add the pillars slide; list columns are as wide as their share of the text."""
    slide = content_slide(prs, model.title, frame)
    sizes, colours = frame.theme.sizes, frame.theme.colours
    intro, pillars, lists, footnote = BODY.rows(0.6 if model.intro else 0.0, 0.7, 0,
                                                0.36 if model.footnote else 0.0, gap=0.1)
    if model.intro:
        add_text(slide, intro, [Para(model.intro, sizes.dense + 2, space_after=0)], frame,
                 MSO_ANCHOR.MIDDLE, name="Intro", field=("intro",))
    boxes = pillars.columns(len(model.pillars))
    labels = [Para(f"{number}) {text}", sizes.dense + 1, bold=True, colour=colours.background,
                   align=PP_ALIGN.CENTER, space_after=0) for number, text in enumerate(model.pillars, start=1)]
    size = shared_size(list(zip(labels, boxes)), PILLAR_MARGIN, frame)
    for number, (text, box, label) in enumerate(zip(model.pillars, boxes, labels), start=1):
        fill = colours.accent if frame.emphasises(text) else colours.title
        add_shape(slide, MSO_SHAPE.ROUNDED_RECTANGLE, box, fill, paras=[replace(label, size=size)], frame=frame,
                  margin=PILLAR_MARGIN, name=f"Pillar {number}", field=("pillars", number - 1))
    # Wider columns for longer lists, but a short list still gets room to breathe.
    weights = [math.sqrt(sum(len(t) for t in lst.items) + 50) for lst in model.lists]
    for number, (lst, box) in enumerate(zip(model.lists, lists.columns(len(model.lists), weights=weights)),
                                        start=1):
        add_text(slide, box, _list_paras(number, lst, frame), frame, name=f"List {number}",
                 field=("lists", number - 1))
    if model.footnote:
        add_text(slide, footnote, [Para(model.footnote, sizes.small, colour=colours.muted, space_after=0)],
                 frame, MSO_ANCHOR.BOTTOM, name="Footnote", field=("footnote",))
    return slide


def _list_paras(number: int, lst: NumberedList, frame: Frame) -> list[Para]:
    sizes, colours = frame.theme.sizes, frame.theme.colours
    heading = Para(f"{number}  {lst.heading}", sizes.dense + 2, bold=True, colour=colours.title, space_after=6)
    return [heading] + bullet_paras(lst.items, sizes.dense, frame, numbered=True, space_after=5)
