"""The one writer: fitted slide plans in, a .pptx out.

This module and `briefing.write.ooxml` are the only ones that import python-pptx. Every box of a plan
becomes an editable shape in the plan's order (which is the reading order), every text is written
with the sizes, line heights and fonts fitting decided, and the file carries the deck's own facts,
never the time it was made: the same plans give the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.util import Emu, Pt

from briefing import __version__
from briefing.layout.plan import (Box, ChartSlot, DeckPlan, Faces, Para, Picture, Properties, Shape, SlidePlan, Table,
                                  TextBlock, scale_plan)
from briefing.model.dates import ZIP_EPOCH
from briefing.write import ooxml

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationType

EMU_PER_POINT = 12700
_PRESETS = {"rect": "rect", "rounded": "roundRect", "oval": "ellipse", "triangle": "triangle",
            "double-arrow": "leftRightArrow"}
"""DrawingML's preset geometries for the plan's shape kinds."""
_ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}


@dataclass(frozen=True)
class DrawnChart:
    """A chart as pictures: PNG (and SVG, when drawn so) bytes."""

    png: bytes
    svg: bytes = b""


@dataclass
class _Context:
    fonts: Faces
    charts: dict
    template: Any
    notes: dict = field(default_factory=dict)
    """The deck's first notes page, once made (see `_notes_slide`)."""
    later: list = field(default_factory=list)
    """Chart pictures to place once every slide is written (see `_place_charts`)."""

    @property
    def faces(self) -> ooxml.Faces:
        return ooxml.Faces(self.fonts.latin, self.fonts.east_asian, self.fonts.lang)


def emu(inches: float) -> Emu:
    return Emu(int(round(inches * 914400)))


def _emu_box(box: Box) -> tuple[Emu, Emu, Emu, Emu]:
    return emu(box.left), emu(box.top), emu(box.width), emu(box.height)


def write_deck(plan: DeckPlan, template: Any, charts: Any) -> bytes:
    """Return the .pptx bytes of a deck: its complete, fitted `plan` on `template` (a
    `read.template.Template`), with `charts` the pictures of its charts by (chart words, size)."""
    prs = _presentation(template, plan.size, plan.faces)
    context = _Context(plan.faces, charts, template)
    for slide in plan.slides:
        _write_slide(prs, slide, context)
    _place_charts(context)
    _set_properties(prs, plan.properties)
    ooxml.tidy_package(prs)
    notes = sum(1 for slide in prs.slides if slide.has_notes_slide)
    ooxml.set_app_properties(prs, f"briefing {__version__}", len(prs.slides), notes)
    return to_bytes(prs)


def _presentation(template: Any, planned: tuple[float, float], fonts: Faces) -> PresentationType:
    """A presentation on `template`, its sample slides dropped, at the planned slide size scaled
    to the template's (to the nearest point, so 13.333 x 7.5 inches is exactly PowerPoint's
    Widescreen), with the deck's faces as its theme's."""
    prs = Presentation(io.BytesIO(template.data))
    ooxml.drop_slides(prs)
    ooxml.complete_package(prs)
    size = tuple(Emu(round(v * template.scale * 72) * EMU_PER_POINT) for v in planned)
    if any(abs(have - want) > EMU_PER_POINT / 2 for have, want in zip((prs.slide_width, prs.slide_height), size)):
        prs.slide_width, prs.slide_height = size
        ooxml.plain_slide_size(prs)
    ooxml.set_theme_fonts(prs, fonts.latin, fonts.east_asian)
    return prs


def _write_slide(prs: PresentationType, planned: SlidePlan, context: _Context) -> None:
    chosen = context.template.chosen[planned.role]
    plan = scale_plan(planned, context.template.scale)
    slide = prs.slides.add_slide(prs.slide_masters[chosen.master - 1].slide_layouts[chosen.index])
    slide._element.cSld.set("name", plan.id)     # the slide's id, for anyone reading the file
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
            _picture(slide, item.box, item.image.fallback or item.image.data, item.image.data
                     if item.image.format == "svg" else b"", item.alt, item.name)
        elif isinstance(item, ChartSlot) and item.series.render == "native":
            _native_chart(slide, item, context)
        elif isinstance(item, ChartSlot):
            _reserve_chart(slide, item, (item.chart, as_planned.size), context)     # drawn at the size planned
        elif isinstance(item, Table):
            _table(slide, item, context)
    # An empty placeholder would show "Click to add subtitle" to whoever edits the deck.
    kept = {holders[role]._element for role in used}
    for shape in [s for s in slide.placeholders if s._element not in kept]:
        shape._element.getparent().remove(shape._element)
    _notes(slide, plan.notes, context)


_PLACEHOLDER_ROLES = {"title": "title", "ctrTitle": "title", "subTitle": "subtitle", "body": "subtitle"}
"""Which placeholder of a layout takes which text: the title, and the cover's (or a section
header's) subtitle. Found by type: templates number their placeholders as they like."""


def _role(placeholder) -> str:
    element = placeholder._element.ph
    return _PLACEHOLDER_ROLES.get(element.get("type", "obj") if element is not None else "obj", "")


def _fill_placeholder(shape, block: TextBlock, context: _Context) -> None:
    """Write a title (or the cover's subtitle) into the layout's placeholder `shape`, so the outline
    view, the slide sorter and screen readers know it as such."""
    shape.left, shape.top, shape.width, shape.height = _emu_box(block.box)
    shape.name = block.name
    _write_text(shape.text_frame, block, context, keep_colour=block.own_colour)


def _text_box(slide, block: TextBlock, context: _Context) -> None:
    xml = ooxml.textbox_xml(slide.shapes._next_shape_id, block.name, _emu_box(block.box), block.anchor,
                            emu(block.margin), _paragraphs(block, context), block.decorative)
    ooxml.add_shape_xml(slide, xml)


def _shape(slide, item: Shape, context: _Context) -> None:
    text = item.text
    inside = (text.anchor, emu(text.margin), _paragraphs(text, context)) if text is not None else None
    xml = ooxml.autoshape_xml(slide.shapes._next_shape_id, item.name, _PRESETS[item.kind], _emu_box(item.box),
                              fill=item.fill, line=item.line, rounding=item.rounding, text=inside)
    ooxml.add_shape_xml(slide, xml)


def _picture(slide, box: Box, png: bytes, svg: bytes, alt: str, name: str):
    picture = slide.shapes.add_picture(io.BytesIO(png), *_emu_box(box))
    picture.name = name
    picture._element.nvPicPr.cNvPr.set("descr", alt)
    if svg:
        ooxml.add_svg(picture, svg)
    return picture


@dataclass(frozen=True)
class _Reserved:
    """A chart picture's place on its slide: the shape it follows and its id."""

    slide: Any
    after: Any
    shape_id: int
    slot: ChartSlot
    key: tuple


def _reserve_chart(slide, slot: ChartSlot, key: tuple, context: _Context) -> None:
    """Keep the chart's place (in reading order) and id; the picture comes when every slide is
    written, so a chart still being drawn holds up nothing else."""
    tree = slide.shapes._spTree
    after = [e for e in tree if e.tag != ooxml.qn("p:extLst")][-1]
    context.later.append(_Reserved(slide, after, slide.shapes._next_shape_id, slot, key))


def _place_charts(context: _Context) -> None:
    """Put each chart picture where it was reserved, waiting for it to be drawn if need be."""
    for place in context.later:
        drawn = context.charts[place.key]
        slot = place.slot
        picture = _picture(place.slide, slot.box, drawn.png, drawn.svg, slot.alt, slot.name)
        picture._element.nvPicPr.cNvPr.set("id", str(place.shape_id))
        place.after.addnext(picture._element)


def _native_chart(slide, slot: ChartSlot, context: _Context) -> None:
    """Write the chart as an editable PowerPoint chart: the same data, scaled for the deck's
    language, in the theme's colours and faces, so a desk officer can update a figure."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    native, fonts = slot.native, context.fonts
    data = CategoryChartData(number_format="#,##0")
    data.categories = list(native.categories)
    title = native.title
    data.add_series(title, list(native.values))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, *_emu_box(slot.box), data)
    frame.name = slot.name
    frame._element.nvGraphicFramePr.cNvPr.set("descr", slot.alt)
    chart = frame.chart
    ooxml.positive_axis_ids(chart)
    chart.has_legend = False
    chart.font.size = Pt(native.label_size)
    chart.font.color.rgb = RGBColor.from_string(native.axis)
    ooxml.set_fonts(chart.font._rPr, fonts.latin, fonts.east_asian, fonts.lang)
    chart.has_title = bool(title)
    if title:
        chart.chart_title.text_frame.text = title
        run = chart.chart_title.text_frame.paragraphs[0].runs[0]
        _style(run, native.label_size, False, native.axis, context)
    plot = chart.plots[0]
    plot.gap_width = 40
    bars = plot.series[0]
    bars.format.fill.solid()
    bars.format.fill.fore_color.rgb = RGBColor.from_string(native.bar)
    for index, approx in enumerate(native.approx):
        if approx:      # rounded figures as published, in the lighter bar colour
            point = bars.points[index].format.fill
            point.solid()
            point.fore_color.rgb = RGBColor.from_string(native.bar_approx)
    values = chart.value_axis
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = RGBColor.from_string(native.grid)
    values.format.line.fill.background()
    values.tick_labels.number_format, values.tick_labels.number_format_is_linked = "#,##0", False
    values.minimum_scale = 0


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
    from briefing.text.measure import has_east_asian

    return len(para.starts) > 1 and has_east_asian(para.text)


def _pieces(text: str, offset: int, breaks: set[int]) -> list[tuple[bool, str]]:
    """Split a run's text (starting at `offset` in its paragraph) where lines break: (whether a
    line break comes first, the text)."""
    cuts = sorted(b - offset for b in breaks if offset <= b < offset + len(text))
    bounds = [0, *(c for c in cuts if c > 0), len(text)]
    pieces = [(a in cuts, text[a:b]) for a, b in zip(bounds, bounds[1:])]
    return pieces or [(False, text)]


def _style(run, size: float, bold: bool, colour: str, context: _Context) -> None:
    """Set size, weight, colour, both typefaces and the language on one run (of a chart's title)."""
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = RGBColor.from_string(colour)
    fonts = context.fonts
    ooxml.set_fonts(ooxml.run_properties(run), fonts.latin, fonts.east_asian, fonts.lang)


def _notes(slide, notes: str, context: _Context) -> None:
    """Write the speaker notes, each paragraph's runs tagged with the deck's language."""
    if not notes:
        return
    properties = context.faces.run_properties(None)
    paragraphs = [f"<a:p>{ooxml.run_xml(line, properties) if line else ''}</a:p>" for line in notes.split("\n")]
    ooxml.replace_paragraphs(_notes_slide(slide, context.notes).notes_text_frame, paragraphs)


def _notes_slide(slide, made: dict):
    """The slide's new notes page. python-pptx makes the deck's first from the notes master; the
    others are copies of that one's empty shapes (the same XML, without searching the master's
    placeholders again for every slide)."""
    from copy import deepcopy

    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.parts.slide import NotesSlidePart

    if not made:
        notes = slide.notes_slide
        made["shapes"] = deepcopy(notes._element.cSld.spTree)
        made["master"] = notes.part.part_related_by(RT.NOTES_MASTER)
        return notes
    slide_part = slide.part
    part = NotesSlidePart._add_notes_slide_part(slide_part.package, slide_part, made["master"])
    slide_part.relate_to(part, RT.NOTES_SLIDE)
    page = part._element.cSld
    page.replace(page.spTree, deepcopy(made["shapes"]))
    return part.notes_slide


# --- the file --------------------------------------------------------------------------------------

def _set_properties(prs: PresentationType, facts: Properties) -> None:
    """Describe the file with the deck's own facts, not python-pptx's template defaults."""
    props = prs.core_properties
    props.title = facts.title
    props.subject = facts.subject
    props.author = facts.author
    props.last_modified_by = facts.author
    props.keywords = ""
    props.comments = ""
    props.category = "Briefing"
    props.language = facts.language
    props.revision = 1
    props.created = facts.created
    props.modified = facts.modified
    ooxml.drop_last_printed(prs)


def to_bytes(prs: PresentationType) -> bytes:
    """Return the presentation as .pptx bytes, identical for identical content.

    python-pptx stamps every zip entry with the current time; here each entry gets a fixed time,
    the same order and the same compression, so only content changes the bytes.
    """
    from pptx.opc.serialized import PackageWriter

    class Reproducible(PackageWriter):
        def _write(self) -> None:
            with zipfile.ZipFile(self._pkg_file, "w", zipfile.ZIP_DEFLATED) as archive:
                writer = _FixedTimes(archive)
                self._write_content_types_stream(writer)
                self._write_pkg_rels(writer)
                self._write_parts(writer)

    package = prs.part.package
    out = io.BytesIO()
    Reproducible.write(out, package._rels, tuple(package.iter_parts()))
    return out.getvalue()


class _FixedTimes:
    """Writes zip entries as python-pptx's writer does, but at a fixed time."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive

    def write(self, pack_uri, blob: bytes) -> None:
        entry = zipfile.ZipInfo(pack_uri.membername, date_time=ZIP_EPOCH.timetuple()[:6])
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.create_system = 0
        entry.external_attr = 0
        self.archive.writestr(entry, blob, compresslevel=6)


def slide_count(data: bytes) -> int:
    """The number of slides a .pptx holds, read from its zip's table of contents."""
    import re

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(1 for name in archive.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", name))
