"""The agenda: a numbered list of what the deck covers; by default the titles of its section
slides, as each audience's variant has them."""

from __future__ import annotations

from typing import Annotated

from briefing.model.schema import Field

from briefing.layout.page import Layout, Page
from briefing.model.deck import Slide, Text
from briefing.layout.plan import Box, Fit


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
    paras = [page.para(text, sizes.subtitle, colour=colours.title, numbering="arabicPeriod", indent=0.55,
                       space_after=14, opens=True, field=("items", index) if slide.items else ())
             for index, text in enumerate(items)]
    area = body.inset(0.5, 0.2)
    # The accent edge runs beside the list (as tall as it may grow, or be spread), not down the whole slide.
    spread = (area.height - 0.1) * AGENDA_FILL
    height = min(max(page.grown_height(paras, area.width - 0.3), spread) + 0.3, body.height - 0.4)
    page.shape("rect", Box(body.left, body.top + (body.height - height) / 2, 0.1, height), colours.accent, "Accent")
    field = ("items",) if slide.items else ()
    page.text(area, paras, "Agenda", field, anchor="middle", fit=Fit(grow=True, fill=AGENDA_FILL))


AGENDA_FILL = 0.7
"""Of its area's height: what an agenda's items are spread over at least (rows of a table of contents)."""


AGENDA = Layout("agenda", AgendaSlide, plan_agenda)
