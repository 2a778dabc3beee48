"""The agenda: a numbered list of what the deck covers; by default the titles of its section
slides, as each audience's variant has them."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from briefing.model.schema import Field

from briefing.layout.page import Layout, Page
from briefing.model.deck import Slide, Text
from briefing.layout.plan import Box, Fit, Para


class AgendaSlide(Slide):
    """A title and the items of the agenda; without items, the deck's section titles."""

    kind = "agenda"
    title: Text
    items: Annotated[list[Text], Field(min_length=1, max_length=10)] | None = None


def plan_agenda(slide: AgendaSlide, page: Page) -> None:
    """A short agenda (most of them) is a column of rows, one an item, on light bands that share
    the body; a long one is a list beside the accent edge, spread over its area."""
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
    field = ("items",) if slide.items else ()
    if _rows(page, paras, area, field):
        return
    # The accent edge runs beside the list (as tall as it may grow, or be spread), not down the whole slide.
    spread = (area.height - 0.1) * AGENDA_FILL
    height = min(max(page.grown_height(paras, area.width - 0.3), spread) + 0.3, body.height - 0.4)
    page.shape("rect", Box(body.left, body.top + (body.height - height) / 2, 0.1, height), colours.accent, "Accent")
    page.text(area, paras, "Agenda", field, anchor="middle", fit=Fit(grow=True, fill=AGENDA_FILL))


def _rows(page: Page, paras: list[Para], area: Box, field: tuple) -> bool:
    """Set the items at the ceiling's size, each in the middle of its own band, the bands sharing
    `AGENDA_FILL` of the area beside the accent edge; False (nothing placed) when they need more.
    One text box holds every item (what a reader and an import read as the agenda), its spaces
    set so that each item stands in the middle of its band."""
    ceiling = max(page.theme.fit.ceiling, max(p.size for p in paras))
    paras = [replace(p, size=ceiling, indent=p.indent * ceiling / p.size) for p in paras]
    band = Box(page.body.left + 0.1, area.top, page.body.width - 0.1, area.height)
    text_width = band.width - 2 * BAND_INSET
    own = [page.height_of([p], text_width, margin=0) for p in paras]
    count = len(paras)
    span = AGENDA_FILL * area.height
    height = (span - (count - 1) * BAND_GAP) / count
    if height < max(own) + 2 * BAND_INSET:
        return False
    top = area.top + (area.height - span) / 2
    colours = page.colours
    page.shape("rect", Box(page.body.left, top, 0.1, span), colours.accent, "Accent")
    for index in range(count):
        page.shape("rect", Box(band.left, top + index * (height + BAND_GAP), band.width, height), colours.panel,
                   f"Band {index + 1}")
    pitch = height + BAND_GAP
    # Points, as paragraphs have them: from the middle of one band to the middle of the next.
    paras = [replace(p, space_after=(pitch - (own[i] + own[i + 1]) / 2) * 72 if i + 1 < count else 0)
             for i, p in enumerate(paras)]
    first = top + (height - own[0]) / 2
    used = (count - 1) * pitch + (own[0] + own[-1]) / 2
    box = Box(band.left + BAND_INSET - 0.05, first - 0.05, text_width + 0.1, used + 0.1 + SLACK)
    page.text(box, paras, "Agenda", field)
    return True


AGENDA_FILL = 0.7
"""Of its area's height: what an agenda's items are spread over at least (rows of a table of contents)."""
BAND_INSET = 0.3    # inches inside a band, around its item
BAND_GAP = 0.12     # inches between two bands
SLACK = 0.02        # inches a box has below its last line: rounding, never a line


AGENDA = Layout("agenda", AgendaSlide, plan_agenda)
