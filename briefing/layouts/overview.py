"""The overview: opening statements, a lead sentence and the numbered focus areas as boxes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

from briefing.layouts.common import BODY, Box, Frame, Para, add_shape, add_text
from briefing.layouts.lists import bullet_paras, content_slide

if TYPE_CHECKING:
    from pptx.presentation import Presentation

    from briefing.model import OverviewSlide


def fill_overview(prs: Presentation, model: OverviewSlide, frame: Frame):
    """Add the overview slide."""
    slide = content_slide(prs, model.title, frame)
    sizes, colours = frame.theme.sizes, frame.theme.colours
    statements, lead, boxes = BODY.rows(1.5, 0.95, 1.9, gap=0.3)
    add_text(slide, statements, bullet_paras(model.statements, sizes.body, frame), frame, name="Statements")
    if model.lead:
        add_text(slide, lead, [Para(model.lead, sizes.body, colour=colours.title)], frame,
                 MSO_ANCHOR.MIDDLE, name="Lead")
    focus_boxes(slide, boxes, model.focus, frame)
    return slide


def focus_boxes(slide, area: Box, items: list[str], frame: Frame, prefix: str = "Focus") -> None:
    """Draw `items` as a row of numbered, rounded boxes filling `area`."""
    sizes, colours = frame.theme.sizes, frame.theme.colours
    for number, (text, box) in enumerate(zip(items, area.columns(len(items))), start=1):
        strong = frame.emphasises(text)
        card = add_shape(slide, MSO_SHAPE.ROUNDED_RECTANGLE, box, colours.panel, line=colours.accent if strong else "",
                         name=f"{prefix} {number}")
        card.adjustments[0] = 0.08
        badge = Box(box.left + 0.25, box.top + (box.height - 0.7) / 2, 0.7, 0.7)
        add_shape(slide, MSO_SHAPE.OVAL, badge, colours.accent if strong else colours.title,
                  paras=[Para(str(number), sizes.subtitle, bold=True, colour=colours.background,
                              align=PP_ALIGN.CENTER, space_after=0)],
                  frame=frame, margin=0.0, name=f"{prefix} {number} number")
        label = Box(badge.right + 0.2, box.top + 0.1, box.right - badge.right - 0.35, box.height - 0.2)
        add_text(slide, label, [Para(text, sizes.body, bold=True, colour=colours.panel_text, space_after=0)],
                 frame, MSO_ANCHOR.MIDDLE, name=f"{prefix} {number} text")
