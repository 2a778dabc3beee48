"""The one writer: a complete deck plan and a template in, a .pptx out.

Every box of a plan becomes an editable shape in the plan's order (which is the reading order),
every text is written with the sizes, line heights and fonts fitting decided, and the file carries
the deck's own facts, never the time it was made: the same plan gives the same bytes. The writer
decides nothing the plan has not: colours, faces, fills and numbers all come in the plan.

`write/` is the only package that imports python-pptx or lxml to make a deck: this module speaks
python-pptx's API; raw XML, and what python-pptx keeps private, is in `ooxml`; the file as a
package (its parts, properties and bytes) in `package`; charts in `charts`; notes in `notes`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.util import Emu

from briefing import __version__
from briefing.layout.plan import ChartSlot, DeckPlan, Faces, Para, Picture, Shape, SlidePlan, Table, TextBlock, scale_plan
from briefing.write import ooxml, package
from briefing.write.charts import DrawnChart, native_chart, picture, place_charts, reserve_chart
from briefing.write.geometry import emu, emu_box
from briefing.write.notes import write_notes

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationType

__all__ = ["DrawnChart", "write_deck"]

EMU_PER_POINT = 12700
_PRESETS = {"rect": "rect", "rounded": "roundRect", "oval": "ellipse", "triangle": "triangle",
            "double-arrow": "leftRightArrow"}
"""DrawingML's preset geometries for the plan's shape kinds."""
_ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}


@dataclass
class _Context:
    fonts: Faces
    charts: dict
    template: Any
    notes: dict = field(default_factory=dict)
    """The deck's first notes page, once made (see `notes.write_notes`)."""
    later: list = field(default_factory=list)
    """Chart pictures to place once every slide is written (see `charts.place_charts`)."""

    @property
    def faces(self) -> ooxml.Faces:
        return ooxml.Faces(self.fonts.latin, self.fonts.east_asian, self.fonts.lang)


def write_deck(plan: DeckPlan, template: Any, charts: Any) -> bytes:
    """Return the .pptx bytes of a deck: its complete, fitted `plan` on `template` (a
    `read.template.Template`), with `charts` the pictures of its charts by (chart words, size)."""
    prs = _presentation(template, plan.size, plan.faces)
    context = _Context(plan.faces, charts, template)
    for slide in plan.slides:
        _write_slide(prs, slide, context)
    place_charts(context.later, context.charts)
    package.set_properties(prs, plan.properties)
    package.tidy_package(prs)
    notes = sum(1 for slide in prs.slides if slide.has_notes_slide)
    package.set_app_properties(prs, f"briefing {__version__}", len(prs.slides), notes)
    return package.to_bytes(prs)


def _presentation(template: Any, planned: tuple[float, float], fonts: Faces) -> PresentationType:
    """A presentation on `template`, its sample slides dropped, at the planned slide size scaled
    to the template's (to the nearest point, so 13.333 x 7.5 inches is exactly PowerPoint's
    Widescreen), with the deck's faces as its theme's."""
    prs = Presentation(io.BytesIO(template.data))
    package.drop_slides(prs)
    package.complete_package(prs)
    size = tuple(Emu(round(v * template.scale * 72) * EMU_PER_POINT) for v in planned)
    if any(abs(have - want) > EMU_PER_POINT / 2 for have, want in zip((prs.slide_width, prs.slide_height), size)):
        prs.slide_width, prs.slide_height = size
        package.plain_slide_size(prs)
    package.set_theme_fonts(prs, fonts.latin, fonts.east_asian)
    return prs


def _write_slide(prs: PresentationType, planned: SlidePlan, context: _Context) -> None:
    chosen = context.template.chosen[planned.role]
    plan = scale_plan(planned, context.template.scale)
    slide = prs.slides.add_slide(prs.slide_masters[chosen.master - 1].slide_layouts[chosen.index])
    ooxml.name_slide(slide, plan.id)              # the slide's id, for anyone reading the file
    slide.shapes.turbo_add_enabled = True         # shape ids counted, not searched for, as shapes are added
    if plan.background:
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = RGBColor.from_string(plan.background)
    holders = {}        # the layout's placeholders on the slide, by the role of the text they take
    for shape in slide.placeholders:
        holders.setdefault(_role(shape), shape)
    used = set()
    for item, as_planned in zip(plan.items, planned.items):
        if isinstance(item, TextBlock) and item.role and item.role in holders:
            used.add(item.role)
            _fill_placeholder(holders[item.role], item, context)
        elif isinstance(item, TextBlock):
            _text_box(slide, item, context)
        elif isinstance(item, Shape):
            _shape(slide, item, context)
        elif isinstance(item, Picture):
            picture(slide, item.box, item.image.fallback or item.image.data, item.image.data
                     if item.image.format == "svg" else b"", item.alt, item.name)
        elif isinstance(item, ChartSlot) and item.native is not None:
            native_chart(slide, item, context.faces)
        elif isinstance(item, ChartSlot):
            reserve_chart(slide, item, (item.chart, as_planned.size), context.later)     # drawn at the size planned
        elif isinstance(item, Table):
            _table(slide, item, context)
    # An empty placeholder would show "Click to add subtitle" to whoever edits the deck.
    ooxml.remove_placeholders(slide, keep=[holders[role] for role in used])
    write_notes(slide, plan.notes, context.faces, context.notes)


_PLACEHOLDER_ROLES = {"title": "title", "ctrTitle": "title", "subTitle": "subtitle", "body": "subtitle"}
"""Which placeholder of a layout takes which text: the title, and the cover's (or a section
header's) subtitle. Found by type: templates number their placeholders as they like."""


def _role(placeholder) -> str:
    return _PLACEHOLDER_ROLES.get(ooxml.placeholder_type(placeholder), "")


def _fill_placeholder(shape, block: TextBlock, context: _Context) -> None:
    """Write a title (or the cover's subtitle) into the layout's placeholder `shape`, so the outline
    view, the slide sorter and screen readers know it as such."""
    shape.left, shape.top, shape.width, shape.height = emu_box(block.box)
    shape.name = block.name
    if block.role in ("title", "subtitle") and context.template.regions is not None:
        # An organisation's titles and subtitles sit as its template aligns them (centred, often);
        # the width a line takes is the same either way.
        block = replace(block, paras=tuple(replace(p, align="") for p in block.paras))
    _write_text(shape.text_frame, block, context, keep_colour=block.own_colour)


def _text_box(slide, block: TextBlock, context: _Context) -> None:
    xml = ooxml.textbox_xml(ooxml.next_shape_id(slide), block.name, emu_box(block.box), block.anchor,
                            emu(block.margin), _paragraphs(block, context), block.decorative)
    ooxml.add_shape_xml(slide, xml)


def _shape(slide, item: Shape, context: _Context) -> None:
    text = item.text
    inside = (text.anchor, emu(text.margin), _paragraphs(text, context)) if text is not None else None
    xml = ooxml.autoshape_xml(ooxml.next_shape_id(slide), item.name, _PRESETS[item.kind], emu_box(item.box),
                              fill=item.fill, line=item.line, rounding=item.rounding, text=inside)
    ooxml.add_shape_xml(slide, xml)


def _table(slide, table: Table, context: _Context) -> None:
    rows, columns = len(table.rows), len(table.widths)
    height = emu(sum(table.heights) if table.heights else table.box.height)
    frame = slide.shapes.add_table(rows, columns, emu(table.box.left), emu(table.box.top), emu(table.box.width),
                                   height)
    frame.name = table.name
    grid = frame.table
    grid.first_row, grid.horz_banding = True, False     # a header row, for screen readers too
    for index, width in enumerate(table.widths):
        grid.columns[index].width = emu(width)
    for index, row in enumerate(table.rows):
        if table.heights:
            grid.rows[index].height = emu(table.heights[index])
        fill = table.header_fill if index == 0 else (table.band_fill if index % 2 == 0 else "")
        for column, paras in enumerate(row):
            cell = grid.cell(index, column)
            cell.margin_left = cell.margin_right = emu(table.margin)
            cell.margin_top = cell.margin_bottom = emu(table.padding)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string(fill or table.body_fill)
            _write_paras(cell.text_frame, paras, context)


def _write_text(text_frame, block: TextBlock, context: _Context, keep_colour: bool = False) -> None:
    """Replace the text of `text_frame` (a placeholder's) with `block`'s fitted paragraphs: sizes
    and line spacing written explicitly, no autofit; with `keep_colour`, the placeholder's own
    text colour."""
    text_frame.word_wrap = True
    text_frame.auto_size = MSO_AUTO_SIZE.NONE
    text_frame.vertical_anchor = _ANCHOR[block.anchor]
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(text_frame, side, emu(block.margin))
    ooxml.replace_paragraphs(text_frame, _paragraphs(block, context, keep_colour))


def _paragraphs(block: TextBlock, context: _Context, keep_colour: bool = False) -> list[str]:
    """The block's paragraphs as XML (a:p): its text, or the slide-number field."""
    if block.slide_number:
        para = block.paras[0]
        number = ooxml.slide_number_xml(int(para.text), context.faces.run_properties(para.size, None, para.colour))
        return [ooxml.paragraph_xml(number, align=para.align, level=0, line=para.line,
                                    space_after=para.space_after, bullet="<a:buNone/>")]
    return [_paragraph(para, context, keep_colour) for para in block.paras]


def _write_paras(text_frame, paras: tuple[Para, ...], context: _Context) -> None:
    ooxml.replace_paragraphs(text_frame, [_paragraph(para, context) for para in paras])


def _paragraph(para: Para, context: _Context, keep_colour: bool = False) -> str:
    """One paragraph as XML: its numbering or bullet, spacing, and runs with the line breaks
    fitting decided (Japanese) or the text holds."""
    colour = "" if keep_colour else para.colour
    if para.bullet:
        marks = ooxml.bullet_xml(para.bullet, para.bullet_colour, para.bullet_font)
        margin, hanging = emu(para.hang), emu(para.indent)
    elif para.numbering:
        marks = ooxml.numbering_xml(para.numbering, colour, para.start)
        margin = hanging = emu(para.hang)
    else:
        marks, margin, hanging = "<a:buNone/>", 0, 0
    if para.tab:
        marks += ooxml.tabs_xml(emu(para.tab))
        margin = hanging = emu(para.tab)
    breaks = set(para.starts[1:]) if _carries_breaks(para) else set()
    # A line break the text holds is written as one too (and the character itself dropped).
    breaks |= {i + 1 for i, char in enumerate(para.text) if char == "\n"}
    content, offset = [], 0
    plain = context.faces.run_properties(para.size)
    for run in para.runs:
        styled = context.faces.run_properties(para.size, para.bold or run.bold, run.colour or colour)
        for broken, piece in _pieces(run.text, offset, breaks):
            if broken:
                content.append(ooxml.break_xml(plain))
            piece = piece.replace("\n", "")
            if piece:
                content.append(ooxml.run_xml(piece, styled))
        offset += len(run.text)
    return ooxml.paragraph_xml("".join(content), align=para.align, level=para.level, line=para.line,
                               space_after=para.space_after, margin=margin, hanging=hanging, bullet=marks)


def _carries_breaks(para: Para) -> bool:
    """Whether the paragraph's lines are written with explicit breaks: Japanese text, which
    PowerPoint and LibreOffice would otherwise break between any two characters, even inside a
    phrase. Latin text breaks at spaces in every viewer alike, so it is left to wrap."""
    from briefing.text.script import has_east_asian

    return len(para.starts) > 1 and has_east_asian(para.text)


def _pieces(text: str, offset: int, breaks: set[int]) -> list[tuple[bool, str]]:
    """Split a run's text (starting at `offset` in its paragraph) where lines break: (whether a
    line break comes first, the text)."""
    cuts = sorted(b - offset for b in breaks if offset <= b < offset + len(text))
    bounds = [0, *(c for c in cuts if c > 0), len(text)]
    pieces = [(a in cuts, text[a:b]) for a, b in zip(bounds, bounds[1:])]
    return pieces or [(False, text)]


