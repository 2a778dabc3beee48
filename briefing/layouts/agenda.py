"""The agenda: a numbered list of what the deck covers; by default the titles of its section
slides, as each audience's variant has them."""

from __future__ import annotations

from typing import Annotated

from briefing.schema import Field

from briefing.layouts.base import Layout, Page
from briefing.model import Slide, Text
from briefing.plan import Box, Fit


class AgendaSlide(Slide):
    """A title and the items of the agenda; without items, the deck's section titles."""

    kind = "agenda"
    title: Text
    items: Annotated[list[Text], Field(min_length=1, max_length=10)] | None = None


def plan_agenda(slide: AgendaSlide, page: Page) -> None:
    page.content_title(slide.title)
    items = slide.items or page.sections
    if not items:
        page.problem(("items",), "the agenda has nothing to list: this variant has no section slides; add "
                                 "section slides or give the agenda its items")
        return
    sizes, colours, body = page.sizes, page.colours, page.body
    page.shape("rect", Box(body.left, body.top + 0.2, 0.1, body.height - 0.4), colours.accent, "Accent")
    paras = [page.para(text, sizes.subtitle, colour=colours.title, numbering="arabicPeriod", indent=0.55,
                       space_after=14) for text in items]
    field = ("items",) if slide.items else ("title",)
    page.text(body.inset(0.5, 0.2).rows(0)[0], paras, "Agenda", field, anchor="middle", fit=Fit(grow=True))


AGENDA = Layout("agenda", AgendaSlide, plan_agenda)
