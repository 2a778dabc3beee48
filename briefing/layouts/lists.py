"""Text-only layouts: a bullet list, two columns, and diamond-bulleted statements."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR

from briefing import theme as grid
from briefing.layouts.common import BODY, Box, Frame, Para, add_chrome, add_shape, add_text, set_title

if TYPE_CHECKING:
    from pptx.presentation import Presentation

    from briefing.model import BulletsSlide, Column, StatementsSlide, TwoColumnSlide


def content_slide(prs: Presentation, title: str, frame: Frame):
    """Add a slide with the title and the chrome every content slide shares."""
    slide = prs.slides.add_slide(prs.slide_layouts[grid.LAYOUT_TITLE_ONLY])
    set_title(slide, title, frame)
    add_chrome(slide, frame)
    return slide


def bullet_paras(items: list[str], size: float, frame: Frame, numbered: bool = False,
                 space_after: float = 10) -> list[Para]:
    """Return `items` as bulleted (or numbered (1), (2), ...) paragraphs."""
    if numbered:
        return [Para(t, size, numbering="arabicParenBoth", indent=0.45, space_after=space_after) for t in items]
    return [Para(t, size, bullet="•", indent=0.3, space_after=space_after) for t in items]


def fill_bullets(prs: Presentation, model: BulletsSlide, frame: Frame):
    """Add a slide with one list of points."""
    slide = content_slide(prs, model.title, frame)
    add_text(slide, BODY, bullet_paras(model.items, frame.theme.sizes.body, frame, model.numbered), frame,
             name="Body", field=("items",))
    return slide


def fill_two_column(prs: Presentation, model: TwoColumnSlide, frame: Frame):
    """Add a slide with two headed lists side by side."""
    slide = content_slide(prs, model.title, frame)
    for column, box, name in zip((model.left, model.right), BODY.columns(2, gutter=0.5), ("Left", "Right")):
        add_text(slide, box, _column_paras(column, frame), frame, name=name, field=(name.lower(), "items"))
    return slide


def _column_paras(column: Column, frame: Frame) -> list[Para]:
    sizes, colours = frame.theme.sizes, frame.theme.colours
    heading = [Para(column.heading, sizes.subtitle, bold=True, colour=colours.title)] if column.heading else []
    return heading + bullet_paras(column.items, sizes.body, frame)


def fill_statements(prs: Presentation, model: StatementsSlide, frame: Frame):
    """Add a slide of a few weighty statements, each behind a diamond, on a light panel."""
    slide = content_slide(prs, model.title, frame)
    colours, sizes = frame.theme.colours, frame.theme.sizes
    panel = Box(BODY.left, BODY.top + 0.4, BODY.width, BODY.height - 0.8)
    add_shape(slide, MSO_SHAPE.RECTANGLE, panel, colours.panel, name="Panel")
    add_shape(slide, MSO_SHAPE.RECTANGLE, Box(panel.left, panel.top, 0.1, panel.height), colours.accent,
              name="Accent")
    paras = [Para(t, sizes.subtitle + 2, bullet="◆", indent=0.5, space_after=22) for t in model.items]
    text = Box(panel.left + 0.5, panel.top + 0.3, panel.width - 1.0, panel.height - 0.6)
    add_text(slide, text, paras, frame, MSO_ANCHOR.MIDDLE, name="Statements", field=("items",))
    return slide
