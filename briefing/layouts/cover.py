"""The cover slide and the section divider."""

from __future__ import annotations

from briefing.layouts.base import Layout, Page
from briefing.model import Slide, Text
from briefing.plan import HEADER, Box, Fit


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
    """The cover: a band on the left edge, the title over an accent rule, the subtitle, and the
    occasion, organisation, presenter and date at the foot."""
    grid, colours, sizes = page.grid, page.colours, page.sizes
    down = grid.height / 7.5     # the cover was drawn on a 7.5 inch high slide
    page.shape("rect", Box(0, 0, grid.cover_left * 0.32, grid.height), colours.title, "Band")
    left = grid.cover_left
    width = grid.width - left - grid.margin
    title, title_field = _own_or_deck(slide, page, "title")
    page.text(Box(left, 1.7 * down, width, 1.6 * down),
              [page.para(title, sizes.cover_title, bold=True, colour=colours.title, space_after=0, balance=True)],
              "Title", title_field, anchor="bottom", margin=0.0, fit=Fit(floor="title"), role="title")
    page.shape("rect", Box(left, 3.45 * down, 1.2, 0.06), colours.accent, "Accent")
    subtitle, subtitle_field = _own_or_deck(slide, page, "subtitle")
    page.text(Box(left, 3.7 * down, width, 1.0 * down), [page.para(subtitle, sizes.subtitle, colour=colours.muted)],
              "Subtitle", subtitle_field, margin=0.0, role="subtitle")
    organisation = _own_or_deck(slide, page, "organisation")[0]
    date = _own_or_deck(slide, page, "date")[0]
    # The occasion and presenter lines appear only when set (an audience profile's variables).
    facts = [page.para(slide.occasion, sizes.subtitle, bold=True, colour=colours.accent, space_after=6),
             page.para(organisation, sizes.subtitle, bold=True, colour=colours.title, space_after=2),
             page.para(slide.presenter, sizes.body, colour=colours.title, space_after=2),
             page.para(date, sizes.body, colour=colours.muted)]
    page.text(Box(left, 4.85 * down, width, 1.75 * down), facts, "Organisation and date", ("occasion",),
              anchor="bottom", margin=0.0)


def plan_section(slide: SectionSlide, page: Page) -> None:
    """A divider: the section title in the background colour on the title colour."""
    grid, colours, sizes = page.grid, page.colours, page.sizes
    down = grid.height / 7.5
    page.background = colours.title
    left = grid.cover_left
    width = grid.width - left - grid.margin
    page.text(Box(left, 2.2 * down, width, 1.6 * down),
              [page.para(slide.title, sizes.cover_title, bold=True, colour=colours.background, space_after=0,
                         balance=True)],
              "Title", ("title",), anchor="bottom", margin=0.0, fit=Fit(floor="title"), role="title")
    page.shape("rect", Box(left, 3.95 * down, 1.2, 0.06), colours.accent, "Accent")
    page.text(Box(left, 4.2 * down, width, 1.2 * down), [page.para(slide.subtitle, sizes.subtitle,
                                                                    colour=colours.panel)],
              "Subtitle", ("subtitle",), margin=0.0)


TITLE = Layout("title", TitleSlide, plan_title, role="cover")
SECTION = Layout("section", SectionSlide, plan_section, role="section", listed=True)
