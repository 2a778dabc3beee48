"""The last step of planning: a plan made complete, so that the writer needs nothing but it and the
template.

Planners leave some choices to the look: a paragraph without a colour of its own takes the theme's
text colour, a bullet the accent colour and a face that has its glyph, a table's plain rows the
background, text in a template's placeholder the template's own colour, an editable chart the
theme's chart colours and the numbers as the deck's language shows them. Here they are decided
once, for `check` and the build alike; the deck's faces, language and file properties join them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from briefing.layout.plan import (ChartSlot, DeckPlan, Faces, NativeChart, Para, Properties, Shape, SlidePlan, Table,
                                  TextBlock)
from briefing.model.dates import ZIP_EPOCH, issued_date, source_date
from briefing.text.locale import LANGUAGE_TAGS, axis_title
from briefing.text.measure import metrics

SYMBOL_FACE = "Segoe UI Symbol"
"""A bullet neither face has is set in the face Windows keeps for symbols."""


def complete_slide(plan: SlidePlan, theme: Any, language: str) -> SlidePlan:
    """Return `plan` with every colour, bullet face, fill and editable chart decided."""
    return replace(plan, items=tuple(_item(item, theme, language) for item in plan.items))


def deck_plan(slides: list[SlidePlan], header: Any, theme: Any) -> DeckPlan:
    """Return the whole deck's plan: its complete slides, its faces, its file's properties."""
    tag = LANGUAGE_TAGS[header.language]
    issued, built = issued_date(header.issued), source_date()
    properties = Properties(header.title, header.subtitle, header.organisation, tag,
                            created=issued or built or ZIP_EPOCH, modified=built or issued or ZIP_EPOCH)
    return DeckPlan(tuple(slides), Faces(theme.fonts.latin, theme.fonts.east_asian, tag), properties,
                    (theme.grid.width, theme.grid.height))


def _item(item: Any, theme: Any, language: str) -> Any:
    if isinstance(item, TextBlock):
        return _block(item, theme)
    if isinstance(item, Shape) and item.text is not None:
        return replace(item, text=_block(item.text, theme))
    if isinstance(item, Table):
        rows = tuple(tuple(tuple(_para(p, theme) for p in cell) for cell in row) for row in item.rows)
        return replace(item, rows=rows, body_fill=item.body_fill or theme.colours.background)
    if isinstance(item, ChartSlot) and item.series.render == "native":
        return replace(item, native=_native(item, theme, language))
    return item


def _block(block: TextBlock, theme: Any) -> TextBlock:
    # An organisation's template knows what its title and subtitle sit on: they keep its colour.
    own = bool(block.role) and bool(theme.master)
    return replace(block, paras=tuple(_para(p, theme) for p in block.paras), own_colour=own)


def _para(para: Para, theme: Any) -> Para:
    colours, fonts = theme.colours, theme.fonts
    colour = para.colour or colours.text
    if not para.bullet:
        return replace(para, colour=colour)
    face = fonts.latin if metrics().has_latin_glyph(para.bullet) else (fonts.east_asian or SYMBOL_FACE)
    return replace(para, colour=colour, bullet_colour=colours.accent, bullet_font=face)


def _native(slot: ChartSlot, theme: Any, language: str) -> NativeChart:
    """The chart's data, scaled and titled for `language`, in the theme's chart colours."""
    series, style = slot.series, theme.chart
    scale = series.scale_in(language)
    title = axis_title(slot.chart.axis, scale.unit, language) or slot.chart.title
    return NativeChart(tuple(str(year) for year in series.years), tuple(v / scale.divide for v in series.values),
                       tuple(series.approx), title, style.label_size, style.axis, style.bar, style.bar_approx,
                       style.grid)
