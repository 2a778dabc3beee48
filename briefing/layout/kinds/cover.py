"""The cover slide and the section divider."""

from __future__ import annotations

from briefing.layout.page import Layout, Page
from briefing.model.deck import Slide, Text
from briefing.layout.plan import HEADER, Box, Fit


class TitleSlide(Slide):
    """The cover: deck title, subtitle, organisation and date (each defaults to the deck's), and
    optionally the occasion and the presenter (e.g. from an audience profile's variables)."""

    kind = "title"
    subtitle: Text = ""
    occasion: Text = ""
    organisation: Text = ""
    presenter: Text = ""
    date: Text = ""


class SectionSlide(Slide):
    """A divider between parts of a longer deck."""

    kind = "section"
    title: Text
    subtitle: Text = ""


def _own_or_deck(slide: Slide, page: Page, name: str) -> tuple[str, tuple]:
    """Return the slide's own value of `name` and where it stands, or else the deck's."""
    own = getattr(slide, name)
    return (own, (name,)) if own else (getattr(page.header, name), HEADER + (name,))


def plan_title(slide: TitleSlide, page: Page) -> None:
    """The cover: the title over an accent rule, the subtitle, and the occasion, organisation,
    presenter and date at the foot; on the default master a band on the left edge too, on an
    organisation's template where its title slide puts title and subtitle."""
    colours, sizes = page.colours, page.sizes
    title_box, subtitle_box, facts_box = _cover_boxes(page)
    if page.decorated:
        page.shape("rect", Box(0, 0, page.grid.cover_left * 0.32, page.grid.height), colours.title, "Band")
    title, title_field = _own_or_deck(slide, page, "title")
    page.text(title_box,
              [page.para(title, sizes.cover_title, bold=True, colour=colours.title, space_after=0, balance=True)],
              "Title", title_field, anchor="bottom", margin=0.0, fit=Fit(floor="title"), role="title")
    if page.decorated:
        page.shape("rect", Box(title_box.left, title_box.bottom + 0.15 * page.grid.height / 7.5, 1.2, 0.06),
                   colours.accent, "Accent")
    subtitle, subtitle_field = _own_or_deck(slide, page, "subtitle")
    page.text(subtitle_box, [page.para(subtitle, sizes.subtitle, colour=colours.muted)],
              "Subtitle", subtitle_field, margin=0.0, role="subtitle")
    organisation = _own_or_deck(slide, page, "organisation")[0]
    date = _own_or_deck(slide, page, "date")[0]
    # The occasion and presenter lines appear only when set (an audience profile's variables).
    facts = [page.para(slide.occasion, sizes.subtitle, bold=True, colour=colours.accent, space_after=6),
             page.para(organisation, sizes.subtitle, bold=True, colour=colours.title, space_after=2),
             page.para(slide.presenter, sizes.body, colour=colours.title, space_after=2),
             page.para(date, sizes.body, colour=colours.muted)]
    # On a template the facts follow the subtitle: the foot of its title slide is often its art.
    page.text(facts_box, facts, "Organisation and date", ("occasion",),
              anchor="bottom" if page.regions is None else "top", margin=0.0)


def _cover_boxes(page: Page) -> tuple[Box, Box, Box]:
    """The cover's title, subtitle and facts boxes: the default master's, drawn on a 7.5 inch high
    slide and scaled; or the template's title and subtitle placeholders, the facts under the
    subtitle (in the lower part of its placeholder when that is tall, else down to the footer)."""
    grid, regions = page.grid, page.regions
    if regions is None:
        down = grid.height / 7.5
        left = grid.cover_left
        width = grid.width - left - grid.margin
        return (Box(left, 1.7 * down, width, 1.6 * down), Box(left, 3.7 * down, width, 1.0 * down),
                Box(left, 4.85 * down, width, 1.75 * down))
    title = page.clear(regions.cover_title)
    below = Box(title.left, title.bottom + 0.15, title.width, max(0.8, grid.footer_top - title.bottom - 0.3))
    room = regions.cover_subtitle or below
    below = min(grid.footer_top, grid.height - 0.2) - room.bottom - 0.1
    if room.height >= 2.2:
        subtitle, facts = room.rows(0.9, 0, gap=0.15)
    elif below >= FACTS:
        subtitle = room
        facts = Box(room.left, room.bottom + 0.1, room.width, below)
    else:
        # No room under the subtitle box (it ends near the slide's foot): the facts take its lower part.
        subtitle, facts = room.rows(max(0.5, room.height - FACTS - 0.1), 0, gap=0.1)
    return title, page.clear(subtitle), page.clear(facts)


FACTS = 0.8
"""Inches the cover's organisation and date need at least."""


def plan_section(slide: SectionSlide, page: Page) -> None:
    """A divider: on the default master the section title in the background colour on the title
    colour; on a template, in its layout's title placeholder, the subtitle under it."""
    grid, colours, sizes = page.grid, page.colours, page.sizes
    title_box, subtitle_box = _section_boxes(page)
    on_colour = page.decorated
    if on_colour:
        page.background = colours.title
    page.text(title_box,
              [page.para(slide.title, sizes.cover_title, bold=True,
                         colour=colours.background if on_colour else colours.title, space_after=0, balance=True)],
              "Title", ("title",), anchor="bottom", margin=0.0, fit=Fit(floor="title"), role="title")
    if page.decorated:
        page.shape("rect", Box(title_box.left, title_box.bottom + 0.15 * grid.height / 7.5, 1.2, 0.06),
                   colours.accent, "Accent")
    page.text(subtitle_box, [page.para(slide.subtitle, sizes.subtitle,
                                       colour=colours.panel if on_colour else colours.muted)],
              "Subtitle", ("subtitle",), margin=0.0, role="subtitle" if page.regions else "")


def _section_boxes(page: Page) -> tuple[Box, Box]:
    grid, regions = page.grid, page.regions
    if regions is None:
        down = grid.height / 7.5
        left = grid.cover_left
        width = grid.width - left - grid.margin
        return Box(left, 2.2 * down, width, 1.6 * down), Box(left, 4.2 * down, width, 1.2 * down)
    title = page.clear(regions.section_title)
    if regions.section_title == regions.title and regions.section_subtitle is None:
        # No layout made for dividers: the section's title on a content slide's layout would stand
        # alone at the top of an empty page; it stands in the middle of the body instead.
        body = grid.region("body")
        title = page.clear(Box(body.left, body.top + body.height * 0.3, body.width, min(1.6, body.height * 0.35)))
    subtitle = regions.section_subtitle or Box(title.left, title.bottom + 0.2, title.width,
                                               max(0.8, min(1.6, grid.footer_top - title.bottom - 0.4)))
    return title, page.clear(subtitle)


TITLE = Layout("title", TitleSlide, plan_title, role="cover")
SECTION = Layout("section", SectionSlide, plan_section, role="section", listed=True)
