"""The overview: opening statements, a lead sentence and the numbered focus areas as boxes."""

from __future__ import annotations

from typing import Annotated

from briefing.schema import Field

from briefing.layouts.base import Layout, Page
from briefing.model import Items, Slide, Text
from briefing.plan import Box, Fit

BADGE = 0.7     # inches: the number's circle on a focus card


class OverviewSlide(Slide):
    """Opening statements, a lead sentence and the numbered focus areas drawn as boxes."""

    kind = "overview"
    title: Text
    statements: Items
    lead: Text = ""
    focus: Annotated[list[Text], Field(min_length=1, max_length=4)]


def plan_overview(slide: OverviewSlide, page: Page) -> None:
    page.content_title(slide.title)
    sizes, colours = page.sizes, page.colours
    statements, lead, boxes = page.body.rows(1.5, 0.95, 1.9, gap=0.3)
    page.text(statements, page.bullets(slide.statements, sizes.body), "Statements", ("statements",))
    page.text(lead, [page.para(slide.lead, sizes.body, colour=colours.title)], "Lead", ("lead",),
              anchor="middle")
    focus_cards(page, boxes, slide.focus, ("focus",))


def focus_cards(page: Page, area: Box, items: list[str], field: tuple, prefix: str = "Focus") -> None:
    """Draw `items` as a row of numbered, rounded cards filling `area`; their texts share one size."""
    sizes, colours = page.sizes, page.colours
    for number, (text, card) in enumerate(zip(items, area.columns(len(items), page.grid.gutter)), start=1):
        strong = page.emphasises(text)
        page.shape("rounded", card, colours.panel, f"{prefix} {number}", line=colours.accent if strong else "",
                   rounding=0.08)
        badge = Box(card.left + 0.25, card.top + (card.height - BADGE) / 2, BADGE, BADGE)
        digit = page.para(str(number), sizes.subtitle, bold=True, colour=colours.background, align="center",
                          space_after=0, plain=True)
        page.shape("oval", badge, colours.accent if strong else colours.title, f"{prefix} {number} number",
                   text=page.inside(badge, [digit], f"{prefix} {number} number", margin=0.0))
        label = Box(badge.right + 0.2, card.top + 0.1, card.right - badge.right - 0.35, card.height - 0.2)
        page.text(label, [page.para(text, sizes.body, bold=True, colour=colours.panel_text, space_after=0,
                                      balance=True)],
                  f"{prefix} {number} text", field + (number - 1,), anchor="middle", fit=Fit(group=prefix))


OVERVIEW = Layout("overview", OverviewSlide, plan_overview)
