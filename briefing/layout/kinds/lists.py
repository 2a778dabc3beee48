"""Text-only layouts: a bullet list, two columns, and diamond-bulleted statements.

Items may have sub-items (`{text: ..., items: [...]}`), one level deep. A short list grows
towards the theme's ceiling size rather than leave the slide half empty.
"""

from __future__ import annotations

from typing import Annotated

from briefing.model.schema import Field

from briefing.layout.page import Layout, Page
from briefing.model.deck import Item, ItemList, Model, Slide, Text
from briefing.layout.plan import Box, Fit


class BulletsSlide(Slide):
    """A title and one list of points."""

    kind = "bullets"
    title: Text
    items: ItemList
    numbered: bool = False


class Column(Model):
    """One column of a two-column slide."""

    heading: Text = ""
    items: ItemList


class TwoColumnSlide(Slide):
    """A title and two lists side by side (compare, contrast, before/after)."""

    kind = "two-column"
    title: Text
    left: Column
    right: Column


class StatementsSlide(Slide):
    """A few weighty statements with diamond bullets (the "Way Forward")."""

    kind = "statements"
    title: Text
    items: Annotated[list[Item], Field(min_length=1, max_length=5)]


def plan_bullets(slide: BulletsSlide, page: Page) -> None:
    page.content_title(slide.title)
    paras = page.bullets(slide.items, page.sizes.body, numbered=slide.numbered,
                         indent=0.45 if slide.numbered else 0.3, field=("items",))
    page.text(page.body, paras, "Body", ("items",), fit=Fit(grow=True))


def plan_two_column(slide: TwoColumnSlide, page: Page) -> None:
    page.content_title(slide.title)
    sizes, colours = page.sizes, page.colours
    for column, box, name in zip((slide.left, slide.right), page.body.columns(2, gutter=0.5), ("Left", "Right")):
        key = name.lower()
        heading = [page.para(column.heading, sizes.subtitle, bold=True, colour=colours.title, balance=True,
                             field=(key, "heading"))]
        page.text(box, heading + page.bullets(column.items, sizes.body, field=(key, "items")), name, (key, "items"),
                  fit=Fit(grow=True, group="columns"))


def plan_statements(slide: StatementsSlide, page: Page) -> None:
    """A few weighty statements, each behind a diamond, on a light panel with an accent edge."""
    page.content_title(slide.title)
    colours, body = page.colours, page.body
    panel = Box(body.left, body.top + 0.4, body.width, body.height - 0.8)
    page.shape("rect", panel, colours.panel, "Panel")
    page.shape("rect", Box(panel.left, panel.top, 0.1, panel.height), colours.accent, "Accent")
    paras = page.bullets(slide.items, page.sizes.statement, bullet="◆", indent=0.5, space_after=22, field=("items",))
    page.text(panel.inset(0.5, 0.3), paras, "Statements", ("items",), anchor="middle", fit=Fit(grow=True))


BULLETS = Layout("bullets", BulletsSlide, plan_bullets, facts=(("numbered",),))
TWO_COLUMN = Layout("two-column", TwoColumnSlide, plan_two_column)
STATEMENTS = Layout("statements", StatementsSlide, plan_statements)
