"""The pillars slide: an intro, the pillars as boxes, numbered lists below and a footnote."""

from __future__ import annotations

import math
from typing import Annotated

from briefing.model.schema import Field

from briefing.layout.page import FILL, Layout, Page
from briefing.model.deck import Items, Model, Slide, Text
from briefing.layout.plan import Fit

PILLAR_MARGIN = 0.06   # inches inside a pillar box: its label may need two lines
PILLAR = 0.7            # inches: a pillar's height
PILLAR_TALL = 1.0       # inches: a pillar's height where the lists leave room


class NumberedList(Model):
    """A numbered heading with numbered items, as in "1 Partnerships and dialogues"."""

    heading: Text
    items: Items


class PillarsSlide(Slide):
    """An intro, the pillars drawn as boxes, numbered lists below and a footnote."""

    kind = "pillars"
    title: Text
    intro: Text = ""
    pillars: Annotated[list[Text], Field(min_length=1, max_length=4)]
    lists: Annotated[list[NumberedList], Field(min_length=1, max_length=2)]
    footnote: Text = ""


def plan_pillars(slide: PillarsSlide, page: Page) -> None:
    """Numbers are the paragraphs' own numbering, never typed; list columns are as wide as their
    share of the text. Where the lists leave room, the pillars stand taller and every text grows
    towards the ceiling's size; short lists spread their items."""
    page.content_title(slide.title)
    sizes, colours, body = page.sizes, page.colours, page.body
    fixed = (0.6 if slide.intro else 0.0) + (0.36 if slide.footnote else 0.0) + 0.3
    lists = []
    for number, lst in enumerate(slide.lists, start=1):
        heading = page.para(lst.heading, sizes.heading, bold=True, colour=colours.title, space_after=6,
                            numbering="arabicPlain", start=number, indent=0.3, balance=True,
                            field=("lists", number - 1, "heading"))
        lists.append([heading] + page.bullets(lst.items, sizes.dense, numbered=True, indent=0.45, space_after=5,
                                              field=("lists", number - 1, "items")))
    weights = _weights(slide, lists, page)
    columns = body.columns(len(slide.lists), page.grid.gutter, weights)
    needed = max(page.grown_height(paras, box.width) for paras, box in zip(lists, columns))
    tall = body.height - fixed - PILLAR_TALL >= needed
    intro, pillars, area, footnote = body.rows(0.6 if slide.intro else 0.0, PILLAR_TALL if tall else PILLAR, 0,
                                               0.36 if slide.footnote else 0.0, gap=0.1)
    page.text(intro, [page.para(slide.intro, sizes.heading, space_after=0)], "Intro", ("intro",), anchor="middle",
              fit=Fit(grow=tall))
    for number, (text, box) in enumerate(zip(slide.pillars, pillars.columns(len(slide.pillars), page.grid.gutter)),
                                         start=1):
        fill = colours.accent if page.emphasises(text) else colours.title
        label = page.para(text, sizes.label, bold=True, colour=colours.background, align="center", space_after=0,
                          numbering="arabicParenR", start=number, indent=0.3, balance=True)
        page.shape("rounded", box, fill, f"Pillar {number}",
                   text=page.inside(box, [label], f"Pillar {number}", ("pillars", number - 1), margin=PILLAR_MARGIN,
                                    fit=Fit(grow=tall, group="pillars")))
    for number, (paras, box) in enumerate(zip(lists, area.columns(len(slide.lists), page.grid.gutter, weights)),
                                          start=1):
        page.text(box, paras, f"List {number}", ("lists", number - 1), fit=Fit(grow=True, group="lists", fill=FILL))
    page.text(footnote, [page.para(slide.footnote, sizes.small, colour=colours.muted, space_after=0)], "Footnote",
              ("footnote",), anchor="bottom")


def _weights(slide: PillarsSlide, lists: list, page: Page) -> list[float]:
    """The lists' shares of the width: wider columns for longer lists, a short list still given room
    to breathe; two lists then split so that the taller of them is as short as it can be (a long
    list beside a short one gets the width the short one does not need)."""
    weights = [math.sqrt(sum(len(t) for t in lst.items) + 50) for lst in slide.lists]
    if len(lists) != 2:
        return weights
    usable = page.body.width - page.grid.gutter
    start = weights[0] / sum(weights)

    def tallest(share: float) -> float:
        return max(page.height_of(lists[0], usable * share), page.height_of(lists[1], usable * (1 - share)))

    shares = [share / 20 for share in range(5, 16)]
    best = min(tallest(share) for share in shares)
    # Of the splits within a line of the shortest, the one nearest the weights' (the look kept).
    share = min((s for s in shares if tallest(s) <= best + 0.2), key=lambda s: abs(s - start))
    return [share, 1 - share]


PILLARS = Layout("pillars", PillarsSlide, plan_pillars)
