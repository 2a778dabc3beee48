"""The overview: opening statements, a lead sentence and the numbered focus areas as boxes."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

from briefing.layouts.common import BODY, Box, Frame, Para, add_shape, add_text
from briefing.layouts.fitting import shared_size
from briefing.layouts.lists import bullet_paras, content_slide

if TYPE_CHECKING:
    from pptx.presentation import Presentation

    from briefing.model import OverviewSlide


def fill_overview(prs: Presentation, model: OverviewSlide, frame: Frame):
    """Add the overview slide."""
    slide = content_slide(prs, model.title, frame)
    sizes, colours = frame.theme.sizes, frame.theme.colours
    statements, lead, boxes = BODY.rows(1.5, 0.95, 1.9, gap=0.3)
    add_text(slide, statements, bullet_paras(model.statements, sizes.body, frame), frame, name="Statements",
             field=("statements",))
    if model.lead:
        add_text(slide, lead, [Para(model.lead, sizes.body, colour=colours.title)], frame,
                 MSO_ANCHOR.MIDDLE, name="Lead", field=("lead",))
    focus_boxes(slide, boxes, model.focus, frame, field=("focus",))
    return slide


def focus_boxes(slide, area: Box, items: list[str], frame: Frame, prefix: str = "Focus",
                field: tuple = ()) -> None:
    """Draw `items` as a row of numbered, rounded boxes filling `area`."""
    sizes, colours = frame.theme.sizes, frame.theme.colours
    boxes = area.columns(len(items))
    labels = [(Para(text, sizes.body, bold=True, colour=colours.panel_text, space_after=0), _label_box(box))
              for text, box in zip(items, boxes)]
    size = shared_size(labels, 0.05, frame)     # boxes side by side show text of one size
    for number, (text, box) in enumerate(zip(items, boxes), start=1):
        strong = frame.emphasises(text)
        card = add_shape(slide, MSO_SHAPE.ROUNDED_RECTANGLE, box, colours.panel, line=colours.accent if strong else "",
                         name=f"{prefix} {number}")
        card.adjustments[0] = 0.08
        badge = Box(box.left + 0.25, box.top + (box.height - 0.7) / 2, 0.7, 0.7)
        add_shape(slide, MSO_SHAPE.OVAL, badge, colours.accent if strong else colours.title,
                  paras=[Para(str(number), sizes.subtitle, bold=True, colour=colours.background,
                              align=PP_ALIGN.CENTER, space_after=0)],
                  frame=frame, margin=0.0, name=f"{prefix} {number} number")
        para, label = labels[number - 1]
        add_text(slide, label, [replace(para, size=size)], frame, MSO_ANCHOR.MIDDLE, name=f"{prefix} {number} text",
                 field=field + (number - 1,))


def _label_box(card: Box) -> Box:
    """Return the text area of a focus card: right of its 0.7 inch number badge."""
    badge_right = card.left + 0.25 + 0.7
    return Box(badge_right + 0.2, card.top + 0.1, card.right - badge_right - 0.35, card.height - 0.2)
