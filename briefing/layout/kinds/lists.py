"""Text-only layouts: a bullet list, two columns, and diamond-bulleted statements.

Items may have sub-items (`{text: ..., items: [...]}`), one level deep. A short list grows
towards the theme's ceiling size, then spreads its items, rather than leave the slide half empty.
"""

from __future__ import annotations

from typing import Annotated

from briefing.model.schema import Field

from briefing.layout.page import FILL, Layout, Page
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
    """A list that leaves most of the body empty even at the ceiling's size sits on a panel, as
    statements do, spread over its middle; a longer one starts under the title, spread a little
    when it is short of the body."""
    page.content_title(slide.title)
    paras = page.bullets(slide.items, page.sizes.body, numbered=slide.numbered,
                         indent=0.45 if slide.numbered else 0.3, field=("items",))
    body = page.body
    if page.grown_height(paras, body.width) >= SPARSE * body.height:
        page.text(body, paras, "Body", ("items",), fit=Fit(grow=True, fill=FILL))
        return
    panel = _panel(page)
    page.text(panel.inset(0.5, 0.3), paras, "Body", ("items",), anchor="middle", fit=Fit(grow=True, fill=PANEL_FILL))


def plan_two_column(slide: TwoColumnSlide, page: Page) -> None:
    """Each column on a panel under an edge in the title colour: the panels as tall as the longer
    column's text at the ceiling's size, and never less than most of the body."""
    page.content_title(slide.title)
    sizes, colours, body = page.sizes, page.colours, page.body
    columns = []
    for column, box, name in zip((slide.left, slide.right), body.columns(2, gutter=0.5), ("Left", "Right")):
        key = name.lower()
        heading = [page.para(column.heading, sizes.subtitle, bold=True, colour=colours.title, balance=True,
                             field=(key, "heading"))]
        columns.append((box, heading + page.bullets(column.items, sizes.body, field=(key, "items")), name, key))
    needed = max(page.grown_height(paras, box.width - 2 * COLUMN_INSET) for box, paras, _, _ in columns)
    height = min(body.height, max(needed + 2 * COLUMN_INSET, FILL * body.height))
    for box, paras, name, key in columns:
        panel = Box(box.left, box.top, box.width, height)
        page.shape("rect", panel, colours.panel, f"{name} panel")
        page.shape("rect", Box(panel.left, panel.top, panel.width, 0.06), colours.title, f"{name} edge")
        page.text(panel.inset(COLUMN_INSET - 0.05, COLUMN_INSET - 0.05), paras, name, (key, "items"),
                  fit=Fit(grow=True, group="columns"))


def plan_statements(slide: StatementsSlide, page: Page) -> None:
    """A few weighty statements, each behind a diamond, on a light panel with an accent edge."""
    page.content_title(slide.title)
    paras = page.bullets(slide.items, page.sizes.statement, bullet="◆", indent=0.5, space_after=22, field=("items",))
    page.text(_panel(page).inset(0.5, 0.3), paras, "Statements", ("items",), anchor="middle",
              fit=Fit(grow=True, fill=PANEL_FILL))


def _panel(page: Page) -> Box:
    """Draw the light panel with an accent edge that statements (and a short list) stand on; return it."""
    colours, body = page.colours, page.body
    panel = Box(body.left, body.top + 0.4, body.width, body.height - 0.8)
    page.shape("rect", panel, colours.panel, "Panel")
    page.shape("rect", Box(panel.left, panel.top, 0.1, panel.height), colours.accent, "Accent")
    return panel


SPARSE = 0.4
"""Of the body's height: a list that takes less at the ceiling's size is set on a panel."""
COLUMN_INSET = 0.3      # inches inside a column's panel
PANEL_FILL = 0.5
"""Of its panel's inner height: what a short list on a panel is spread over, at least."""


BULLETS = Layout("bullets", BulletsSlide, plan_bullets, facts=(("numbered",),))
TWO_COLUMN = Layout("two-column", TwoColumnSlide, plan_two_column)
STATEMENTS = Layout("statements", StatementsSlide, plan_statements)
