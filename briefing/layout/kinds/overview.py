"""The overview: opening statements, a lead sentence and the numbered focus areas as boxes."""

from __future__ import annotations

from typing import Annotated

from briefing.model.schema import Field

from briefing.layout.page import Layout, Page
from briefing.model.deck import Items, Slide, Text
from briefing.layout.plan import Box, Fit

BADGE = 0.7     # inches: the number's circle on a focus card
CARD_HEIGHT = 2.6       # inches: the focus cards, at most
BESIDE = 2.0    # inches: the text beside a card's number is at least this wide, or it goes under it
ABOVE = 1.0     # inches under the number a card needs to set its text there


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
    body = page.body
    bullets = page.bullets(slide.statements, sizes.body, field=("statements",))
    lead = [page.para(slide.lead, sizes.body, colour=colours.title)]
    # Statements and lead take the room their text needs; the cards sit at the foot of the body.
    limits = ((bullets, 0.6, 2.4), (lead, 0.0 if not slide.lead else 0.6, 1.5))
    wanted = [min(max(page.height_of(paras, body.width), low), high) for paras, low, high in limits]
    cards = min(CARD_HEIGHT, body.height - sum(wanted) - 0.6)
    # Where the cards leave room, the statements and lead grow towards the ceiling's size.
    grown = [min(max(page.grown_height(paras, body.width), low), high) for paras, low, high in limits]
    grow = sum(grown) + cards + 0.6 <= body.height
    wanted = grown if grow else wanted
    # What room is left goes between the three, a little more under the cards.
    gap = min(max((body.height - sum(wanted) - cards) / 3, 0.2), 0.6)
    statements_box, lead_box, cards_box, _ = body.rows(wanted[0], wanted[1], cards, 0, gap=gap)
    page.text(statements_box, bullets, "Statements", ("statements",), fit=Fit(grow=grow))
    page.text(lead_box, lead, "Lead", ("lead",), anchor="middle", fit=Fit(grow=grow))
    focus_cards(page, cards_box, slide.focus, ("focus",))


def focus_cards(page: Page, area: Box, items: list[str], field: tuple, prefix: str = "Focus") -> None:
    """Draw `items` as a row of numbered, rounded cards filling `area`; their texts share one size,
    and grow towards the ceiling's where the cards have room. The number stands beside its text on
    a wide card and above it on a narrow one (four cards), so the text has the card's width."""
    sizes, colours = page.sizes, page.colours
    for number, (text, card) in enumerate(zip(items, area.columns(len(items), page.grid.gutter)), start=1):
        strong = page.emphasises(text)
        page.shape("rounded", card, colours.panel, f"{prefix} {number}", line=colours.accent if strong else "",
                   rounding=0.08)
        above = card.width - BADGE - 0.6 < BESIDE and card.height >= BADGE + ABOVE
        if above:
            badge = Box(card.left + (card.width - BADGE) / 2, card.top + 0.2, BADGE, BADGE)
            label = Box(card.left + 0.15, badge.bottom + 0.1, card.width - 0.3, card.bottom - badge.bottom - 0.25)
        else:
            badge = Box(card.left + 0.25, card.top + (card.height - BADGE) / 2, BADGE, BADGE)
            label = Box(badge.right + 0.2, card.top + 0.1, card.right - badge.right - 0.35, card.height - 0.2)
        digit = page.para(str(number), sizes.subtitle, bold=True, colour=colours.background, align="center",
                          space_after=0, plain=True)
        page.shape("oval", badge, colours.accent if strong else colours.title, f"{prefix} {number} number",
                   text=page.inside(badge, [digit], f"{prefix} {number} number", margin=0.0))
        page.text(label, [page.para(text, sizes.body, bold=True, colour=colours.panel_text, space_after=0,
                                    balance=True, align="center" if above else "left")],
                  f"{prefix} {number} text", field + (number - 1,), anchor="middle", fit=Fit(grow=True, group=prefix))


OVERVIEW = Layout("overview", OverviewSlide, plan_overview)
