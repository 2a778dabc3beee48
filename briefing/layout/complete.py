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
    """Return `plan` with every colour, bullet face, fill and editable chart decided; on an
    organisation's template, text made readable on what the template shows behind it."""
    items = tuple(_item(item, theme, language) for item in plan.items)
    if theme.template is not None:
        items = tuple(_readable(item, items[:index], plan, theme) if isinstance(item, TextBlock) else item
                      for index, item in enumerate(items))
    return replace(plan, items=items)


NORMAL, LARGE = 4.5, 3.0
"""WCAG 2.1's minimum contrast ratios (success criterion 1.4.3): text, and large text."""


def needed_contrast(para: Para, scale: float = 1.0) -> float:
    """The contrast a paragraph's text needs: less for large text (18 pt, or 14 pt bold, as written)."""
    size = para.size * scale
    return LARGE if size >= 18 or (para.bold and size >= 14) else NORMAL


def behind(block: TextBlock, before: tuple, plan: SlidePlan, theme: Any) -> tuple[str, ...]:
    """The colours behind a text box: a shape of the slide under the middle of it, the slide's own
    background, what the template shows there (part by part), or the theme's background."""
    found = fill_under(before, block)
    if found or plan.background:
        return (found or plan.background,)
    template = theme.template
    return (template.behind(plan.role, block.box) if template is not None else ()) or (theme.colours.background,)


def worst(colour: str, grounds: tuple[str, ...]) -> str:
    """The one of `grounds` that `colour` stands out from least."""
    from briefing.model.colour import contrast

    return min(grounds, key=lambda ground: contrast(colour, ground))


def fill_under(before: tuple, block: TextBlock) -> str:
    """The fill of the topmost shape drawn before `block` under the middle of it, if any."""
    x, y = block.box.left + block.box.width / 2, block.box.top + block.box.height / 2
    for item in reversed(before):
        if isinstance(item, Shape) and item.fill and item.box.left <= x <= item.box.right \
                and item.box.top <= y <= item.box.bottom:
            return item.fill
    return ""


def placeholder_ink(block: TextBlock, plan: SlidePlan, theme: Any) -> str:
    """The colour the template's placeholder gives a title or subtitle it holds; "" if none or unknown."""
    if not block.own_colour or theme.template is None:
        return ""
    return theme.template.ink(plan.role, "title" if block.role == "title" else "subtitle")


def _readable(block: TextBlock, before: tuple, plan: SlidePlan, theme: Any) -> TextBlock:
    """`block` with a colour that reads on what is behind it: a placeholder's own colour where it
    does, else the paragraph's; where that does not, the template's text colour (dark or light)
    that reads best, if it reads (with colours from-master; `check` reports what still does not)."""
    from briefing.model.colour import contrast

    template = theme.template
    grounds, ink = behind(block, before, plan, theme), placeholder_ink(block, plan, theme)

    def reads(colour: str) -> float:
        return contrast(colour, worst(colour, grounds))

    if ink and all(reads(ink) >= needed_contrast(p, template.scale) for p in block.paras):
        # Written out, not left to inheritance: renderers resolve a placeholder's colour through
        # the master's text styles differently (LibreOffice drew a white subtitle black).
        return replace(block, paras=tuple(replace(p, colour=ink) for p in block.paras), own_colour=False)

    def better(colour: str, para: Para) -> str:
        # No colour of its own: the text takes its placeholder's, which must read too.
        shown = colour or ink
        if not shown or reads(shown) >= needed_contrast(para, template.scale) or not template.inks:
            return colour
        best = max(template.inks, key=reads)
        return best if reads(best) >= needed_contrast(para, template.scale) else colour

    paras = tuple(replace(p, colour=better(p.colour, p), runs=tuple(replace(r, colour=better(r.colour, p))
                                                                      for r in p.runs)) for p in block.paras)
    # A placeholder colour that does not read is set aside: the text is written in the colour chosen.
    return replace(block, paras=paras, own_colour=block.own_colour and not ink)


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
