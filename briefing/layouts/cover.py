"""The cover slide and the section divider."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR

from briefing import theme as grid
from briefing.layouts.common import Box, Frame, Para, add_shape, add_text, set_title, write_paras

if TYPE_CHECKING:
    from pptx.presentation import Presentation

    from briefing.model import SectionSlide, TitleSlide


def fill_title(prs: Presentation, model: TitleSlide, frame: Frame):
    """Add the cover: a navy block on the left edge, title, subtitle, organisation and date."""
    slide = prs.slides.add_slide(prs.slide_layouts[grid.LAYOUT_COVER])
    header, colours, sizes = frame.header, frame.theme.colours, frame.theme.sizes
    add_shape(slide, MSO_SHAPE.RECTANGLE, Box(0, 0, 0.35, grid.SLIDE_HEIGHT), colours.title, name="Band")
    left = 1.1
    width = grid.SLIDE_WIDTH - left - grid.MARGIN
    set_title(slide, model.title or header.title, frame, Box(left, 1.7, width, 1.6),
              size=sizes.cover_title, field=("title",) if model.title else ("..", "title"))
    slide.shapes.title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    add_shape(slide, MSO_SHAPE.RECTANGLE, Box(left, 3.45, 1.2, 0.06), colours.accent, name="Accent")
    subtitle = slide.placeholders[grid.PLACEHOLDER_SUBTITLE]
    text = model.subtitle or header.subtitle
    if text:
        box = Box(left, 3.7, width, 1.0)
        subtitle.left, subtitle.top, subtitle.width, subtitle.height = box.emu()
        field = ("subtitle",) if model.subtitle else ("..", "subtitle")
        write_paras(subtitle.text_frame, [Para(text, sizes.subtitle, colour=colours.muted)], frame, box, field,
                    margin=0.0)
    else:    # an empty placeholder would show "Click to add subtitle" while editing
        subtitle._element.getparent().remove(subtitle._element)
    # The occasion and presenter lines appear only when set (an audience profile's variables).
    facts = [Para(model.occasion, sizes.subtitle, bold=True, colour=colours.accent, space_after=6),
             Para(model.organisation or header.organisation, sizes.subtitle, bold=True,
                  colour=colours.title, space_after=2),
             Para(model.presenter, sizes.body, colour=colours.title, space_after=2),
             Para(model.date or header.date, sizes.body, colour=colours.muted)]
    add_text(slide, Box(left, 4.85, width, 1.75), [p for p in facts if p.text], frame,
             MSO_ANCHOR.BOTTOM, name="Organisation and date", margin=0.0, field=("occasion",))
    return slide


def fill_section(prs: Presentation, model: SectionSlide, frame: Frame):
    """Add a divider: the section title in white on the theme's navy."""
    # "Title Only", not "Section Header": the default template's section title is all caps.
    slide = prs.slides.add_slide(prs.slide_layouts[grid.LAYOUT_TITLE_ONLY])
    colours, sizes = frame.theme.colours, frame.theme.sizes
    slide.background.fill.solid()
    slide.background.fill.fore_color.rgb = RGBColor.from_string(colours.title)
    left = 1.1
    width = grid.SLIDE_WIDTH - left - grid.MARGIN
    set_title(slide, model.title, frame, Box(left, 2.2, width, 1.6), size=sizes.cover_title,
              colour=colours.background)
    slide.shapes.title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    add_shape(slide, MSO_SHAPE.RECTANGLE, Box(left, 3.95, 1.2, 0.06), colours.accent, name="Accent")
    if model.subtitle:
        add_text(slide, Box(left, 4.2, width, 1.2), [Para(model.subtitle, sizes.subtitle, colour=colours.panel)],
                 frame, name="Subtitle", margin=0.0, field=("subtitle",))
    return slide
