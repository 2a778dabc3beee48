"""briefing.write.deck from a hand-made plan to the file: what someone opening the .pptx finds.

Each test builds a small DeckPlan by hand, writes it with `write_deck` on the default template
(or on python-pptx's own, as a template from elsewhere), reads the bytes back with python-pptx and
lxml, and checks what the plan asked for: where each box is (EMU = inches x 914400, rounded), how
each paragraph is set, what a screen reader is told, what the file says about itself. No build,
no fitting, no LibreOffice, no Matplotlib (a chart picture is a tiny PNG made with PIL).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import zipfile
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from lxml import etree
from PIL import Image as PILImage
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Pt

from briefing.layout.plan import (ChartSlot, DeckPlan, Faces, NativeChart, Para, Picture, Properties, Run, Shape,
                                  SlidePlan, Table, TextBlock)
from briefing.load.images import Image
from briefing.model.geometry import Box
from briefing.read.template import Template, choose, default_template, read_master
from briefing.write.deck import DrawnChart, write_deck

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
      "asvg": "http://schemas.microsoft.com/office/drawing/2016/SVG/main"}
A = "{%s}" % NS["a"]

ENGLISH = Faces("Arial", "Yu Gothic", "en-GB")
JAPANESE = Faces("Arial", "Yu Gothic", "ja-JP")
CREATED = dt.datetime(2024, 4, 1, 9, 30)
MODIFIED = dt.datetime(2024, 5, 2, 17, 45, 10)
PROPERTIES = Properties("Japan's Cyber Diplomacy", "Briefing for partners", "Ministry of Foreign Affairs", "en-GB",
                        CREATED, MODIFIED)
WIDESCREEN = (13.333, 7.5)


# --- making plans ---------------------------------------------------------------------------------

def para(text: str, size: float = 18.0, **settings) -> Para:
    """A paragraph of one plain run."""
    return Para((Run(text),), size, **settings)


def block(name: str, box: Box, *paras: Para, **settings) -> TextBlock:
    return TextBlock(box, paras, name, **settings)


def one_slide(*items, role: str = "content", faces: Faces = ENGLISH, notes: str = "", review: str = "",
              background: str = "", properties: Properties = PROPERTIES, size=WIDESCREEN) -> DeckPlan:
    """A deck of one slide holding `items`, in that order."""
    slide = SlidePlan("s1", "points", role, "A slide", tuple(items), notes=notes, review=review, background=background)
    return DeckPlan((slide,), faces, properties, size)


def png(width: int = 4, height: int = 3, colour: str = "white") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>'


def chart_slot(name: str = "Chart", box: Box = Box(1.0, 2.0, 6.0, 3.5), native: NativeChart | None = None,
               alt: str = "Bar chart: packets rose from 5 in 2019 to 9 in 2021.", words: str = "darknet words",
               render: str = "picture") -> ChartSlot:
    """A chart slot; its `series` stands in for the ChartSeries, of which the writer needs nothing
    but how it is rendered."""
    return ChartSlot(box, words, SimpleNamespace(render=render), alt, name, native)


NATIVE = NativeChart(categories=("2019", "2020", "2021"), values=(5.0, 7.25, 9.5), approx=(False, True, False),
                     title="Packets (billion)", label_size=12, axis="404040", bar="1F4E8C", bar_approx="8FA7C6",
                     grid="D9D9D9")


# --- reading files --------------------------------------------------------------------------------

def write(plan: DeckPlan, template=None, charts=None) -> bytes:
    return write_deck(plan, template or default_template(), charts or {})


def read(data: bytes):
    return Presentation(io.BytesIO(data))


def first_slide(plan: DeckPlan, template=None, charts=None):
    return read(write(plan, template, charts)).slides[0]


def named(slide, name: str):
    found = [shape for shape in slide.shapes if shape.name == name]
    assert len(found) == 1, [shape.name for shape in slide.shapes]
    return found[0]


def xpath(element, path: str) -> list:
    return etree.XPath(path, namespaces=NS)(element)


def box_of(shape) -> tuple[int, int, int, int]:
    return shape.left, shape.top, shape.width, shape.height


def parts(data: bytes) -> dict[str, bytes]:
    """Every part of the package, unpacked."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def contents(paragraph) -> list[tuple[str, str]]:
    """A paragraph's runs and line breaks in order: ("r", its text) or ("br", "")."""
    return [("r", child.findtext(A + "t")) if child.tag == A + "r" else ("br", "")
            for child in paragraph if child.tag in (A + "r", A + "br")]


# --- text boxes and paragraphs --------------------------------------------------------------------

def test_a_text_block_is_a_wrapped_text_box_at_its_box_with_its_name_and_no_autofit():
    slide = first_slide(one_slide(block("Key points", Box(1.2345, 2.1, 5.5, 1.375), para("Cyber norms"),
                                        anchor="bottom", margin=0.12)))
    shape = named(slide, "Key points")
    assert shape.shape_type == MSO_SHAPE_TYPE.TEXT_BOX
    assert box_of(shape) == (1128827, 1920240, 5029200, 1257300)
    frame = shape.text_frame
    assert frame.text == "Cyber norms"
    assert frame.word_wrap is True
    assert frame.auto_size == MSO_AUTO_SIZE.NONE
    assert frame.vertical_anchor == MSO_ANCHOR.BOTTOM
    assert (frame.margin_left, frame.margin_right, frame.margin_top, frame.margin_bottom) == (109728,) * 4
    body = frame._txBody.bodyPr
    assert xpath(body, "a:normAutofit | a:spAutoFit") == [] and len(xpath(body, "a:noAutofit")) == 1


def test_each_paragraph_is_set_with_its_size_weight_colour_alignment_line_and_space_after():
    first = para("Japan's Cyber Diplomacy", 20.5, bold=True, colour="1B2A4A", align="center", line=24.6,
                 space_after=9)
    second = para("Three pillars", 14, colour="6B7280", align="right", space_after=0)
    slide = first_slide(one_slide(block("Body", Box(1, 1, 8, 3), first, second)))
    one, two = named(slide, "Body").text_frame.paragraphs
    assert (one.alignment, two.alignment) == (PP_ALIGN.CENTER, PP_ALIGN.RIGHT)
    assert one.line_spacing == Pt(24.6) and two.line_spacing is None      # fitted, or the face's own
    assert (one.space_after, two.space_after) == (Pt(9), Pt(0))
    [bold], [plain] = one.runs, two.runs
    assert (bold.font.size, bold.font.bold, bold.font.color.rgb) == (Pt(20.5), True, RGBColor(0x1B, 0x2A, 0x4A))
    assert (plain.font.size, plain.font.bold, plain.font.color.rgb) == (Pt(14), False, RGBColor(0x6B, 0x72, 0x80))
    # In the XML's own units: hundredths of a point.
    assert [r.get("sz") for r in xpath(one._p, ".//a:rPr") + xpath(two._p, ".//a:rPr")] == ["2050", "1400"]
    assert xpath(one._p, "a:pPr/a:lnSpc/a:spcPts/@val") == ["2460"]
    assert xpath(one._p, "a:pPr/a:spcAft/a:spcPts/@val") == ["900"]


@pytest.mark.parametrize("faces", [ENGLISH, JAPANESE], ids=["en-GB", "ja-JP"])
def test_every_run_anywhere_names_both_faces_and_the_language(faces):
    japanese = Para((Run("日本の"), Run("サイバー外交", True, "C00000"), Run("は三つの柱")), 18,
                    lines=("日本のサイバー外交は", "三つの柱"), starts=(0, 10))
    rows = (((para("Head"),), (para("Row"),)), ((para("a"),), (para("b"),)))
    table = Table(Box(1, 4, 6, 1), (3.0, 3.0), rows, "Table", header_fill="1B2A4A", body_fill="FFFFFF")
    plan = one_slide(block("Title", Box(0.5, 0.3, 12, 1), para("Title", 28), role="title"),
                     block("Body", Box(1, 1.5, 8, 1), japanese, para("Plain\nbroken")),
                     Shape("rounded", Box(9, 1.5, 3, 1), "EEF1F6", "Panel", text=block("Panel text", Box(9, 1.5, 3, 1),
                                                                                       para("Inside"))),
                     table, faces=faces, notes="Speaker notes\n\nSecond paragraph")
    data = write(plan)
    slide = read(data).slides[0]
    properties = [*xpath(slide._element, "//a:rPr"), *xpath(slide.notes_slide._element, "//a:rPr")]
    assert len(properties) >= 14
    assert {(r.get("lang"), tuple(xpath(r, "a:latin/@typeface")), tuple(xpath(r, "a:ea/@typeface")))
            for r in properties} == {(faces.lang, ("Arial",), ("Yu Gothic",))}
    # The theme names the same faces, so text typed into the deck later matches.
    theme = etree.fromstring(parts(data)["ppt/theme/theme1.xml"])
    for scheme in ("a:majorFont", "a:minorFont"):
        assert xpath(theme, f"//{scheme}/a:latin/@typeface") == ["Arial"]
        assert xpath(theme, f"//{scheme}/a:ea/@typeface") == ["Yu Gothic"]


def test_japanese_lines_are_broken_exactly_where_fitting_broke_them():
    # 日本のサイバー外交は | 三つの柱から | なる : a break inside a run and one at a run's end.
    runs = (Run("日本の"), Run("サイバー外交", True, "C00000"), Run("は三つの柱から"), Run("なる"))
    fitted = Para(runs, 18, lines=("日本のサイバー外交は", "三つの柱から", "なる"), starts=(0, 10, 16))
    slide = first_slide(one_slide(block("Body", Box(1, 1, 4, 2), fitted), faces=JAPANESE))
    [paragraph] = named(slide, "Body").text_frame.paragraphs
    assert contents(paragraph._p) == [("r", "日本の"), ("r", "サイバー外交"), ("r", "は"), ("br", ""),
                                      ("r", "三つの柱から"), ("br", ""), ("r", "なる")]
    assert [r.font.bold for r in paragraph.runs] == [False, True, False, False, False]
    assert named(slide, "Body").text_frame.text == "日本のサイバー外交は\x0b三つの柱から\x0bなる"


def test_english_lines_are_left_to_wrap():
    fitted = Para((Run("Japan promotes the rule of law in cyberspace"),), 18,
                  lines=("Japan promotes the rule", "of law in cyberspace"), starts=(0, 24))
    slide = first_slide(one_slide(block("Body", Box(1, 1, 4, 2), fitted)))
    [paragraph] = named(slide, "Body").text_frame.paragraphs
    assert contents(paragraph._p) == [("r", "Japan promotes the rule of law in cyberspace")]


def test_a_line_break_the_text_holds_is_a_break_not_a_character():
    slide = first_slide(one_slide(block("Body", Box(1, 1, 4, 2), para("Ministry of\nForeign Affairs"))))
    [paragraph] = named(slide, "Body").text_frame.paragraphs
    assert contents(paragraph._p) == [("r", "Ministry of"), ("br", ""), ("r", "Foreign Affairs")]


def test_bullets_have_their_character_colour_and_face_and_hang_by_level():
    item = para("Norms", bullet="•", bullet_colour="C8102E", bullet_font="Arial", indent=0.25)
    sub = para("UN GGE reports", bullet="◆", bullet_colour="1F4E8C", bullet_font="Segoe UI Symbol", indent=0.25,
               level=1)
    plain = para("No bullet")
    slide = first_slide(one_slide(block("Body", Box(1, 1, 8, 3), item, sub, plain)))
    one, two, three = named(slide, "Body").text_frame.paragraphs
    assert (one.level, two.level) == (0, 1)
    for paragraph, char, colour, face, margin in ((one, "•", "C8102E", "Arial", 228600),
                                                  (two, "◆", "1F4E8C", "Segoe UI Symbol", 457200)):
        ppr = paragraph._p.pPr
        assert xpath(ppr, "a:buChar/@char") == [char]
        assert xpath(ppr, "a:buClr/a:srgbClr/@val") == [colour]
        assert xpath(ppr, "a:buFont/@typeface") == [face]
        assert (ppr.get("marL"), ppr.get("indent")) == (str(margin), "-228600")     # a hanging indent
    assert xpath(three._p.pPr, "a:buChar | a:buAutoNum") == [] and len(xpath(three._p.pPr, "a:buNone")) == 1


def test_numbered_paragraphs_are_automatic_numbering_from_their_start():
    third = para("Capacity building", numbering="arabicParenBoth", start=3, indent=0.3, colour="1B2A4A")
    first = para("Deterrence", numbering="romanLcPeriod", indent=0.3, colour="1B2A4A")
    slide = first_slide(one_slide(block("Steps", Box(1, 1, 8, 3), third, first)))
    one, two = named(slide, "Steps").text_frame.paragraphs
    assert [(n.get("type"), n.get("startAt")) for n in xpath(one._p.pPr, "a:buAutoNum")] == [("arabicParenBoth", "3")]
    assert [(n.get("type"), n.get("startAt", "1")) for n in xpath(two._p.pPr, "a:buAutoNum")] == [("romanLcPeriod",
                                                                                                   "1")]
    assert xpath(one._p.pPr, "a:buClr/a:srgbClr/@val") == ["1B2A4A"]
    assert xpath(one._p.pPr, "a:buChar") == []
    assert one.text == "Capacity building"          # the number is PowerPoint's, not typed into the text


def test_emphasised_runs_keep_their_own_colour_and_weight():
    emphasis = Para((Run("Japan works with "), Run("ASEAN", True, "C8102E"), Run(" partners")), 18, colour="333333")
    slide = first_slide(one_slide(block("Body", Box(1, 1, 8, 1), emphasis)))
    runs = named(slide, "Body").text_frame.paragraphs[0].runs
    assert [(r.text, r.font.bold, str(r.font.color.rgb)) for r in runs] == [
        ("Japan works with ", False, "333333"), ("ASEAN", True, "C8102E"), (" partners", False, "333333")]


def test_a_slide_number_is_a_field_viewers_keep_up_to_date():
    number = block("Slide Number", Box(12, 7, 1, 0.3), para("7", 10, align="right"), slide_number=True)
    slide = first_slide(one_slide(number))
    [field] = xpath(named(slide, "Slide Number")._element, ".//a:fld")
    assert (field.get("type"), field.findtext(A + "t")) == ("slidenum", "7")


# --- placeholders ---------------------------------------------------------------------------------

def test_a_title_goes_into_the_layouts_title_placeholder_at_its_box():
    title = block("Title", Box(0.6, 0.35, 12.1, 0.9), para("Japan's Cyber Diplomacy", 30, bold=True, colour="1B2A4A"),
                  role="title")
    slide = first_slide(one_slide(title, block("Body", Box(1, 2, 8, 3), para("Text"))))
    placeholder = slide.shapes.title
    assert placeholder is not None and placeholder.is_placeholder
    assert placeholder.name == "Title" and placeholder.text_frame.text == "Japan's Cyber Diplomacy"
    assert box_of(placeholder) == (548640, 320040, 11064240, 822960)
    assert placeholder.text_frame.auto_size == MSO_AUTO_SIZE.NONE
    [run] = placeholder.text_frame.paragraphs[0].runs
    assert (run.font.size, run.font.bold, str(run.font.color.rgb)) == (Pt(30), True, "1B2A4A")


def test_a_title_in_the_templates_own_colour_carries_none_of_its_own():
    title = block("Title", Box(0.6, 0.35, 12.1, 0.9), para("Partner capital", 30, colour="1B2A4A"), role="title",
                  own_colour=True)
    placeholder = first_slide(one_slide(title)).shapes.title
    assert xpath(placeholder._element, ".//a:rPr//a:solidFill | .//a:rPr//a:srgbClr") == []
    assert [r.font.size for r in placeholder.text_frame.paragraphs[0].runs] == [Pt(30)]


def test_cover_and_section_subtitles_go_into_their_placeholders_and_empty_ones_are_removed():
    for role, title, subtitle in (("cover", PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.SUBTITLE),
                                  ("section", PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.BODY)):
        slide = first_slide(one_slide(block("Title", Box(1, 2, 11, 1.5), para("Cover", 40), role="title"),
                                      block("Subtitle", Box(1, 4, 11, 1), para("For partners", 20), role="subtitle"),
                                      role=role))
        holders = {shape.name: shape.placeholder_format.type for shape in slide.placeholders}
        assert holders == {"Title": title, "Subtitle": subtitle}, role
        assert named(slide, "Subtitle").text_frame.text == "For partners"
    # A content slide whose title is written as a plain text box keeps no empty title placeholder.
    slide = first_slide(one_slide(block("Note", Box(1, 1, 5, 1), para("No title here"))))
    assert slide.shapes.title is None and list(slide.placeholders) == []


# --- shapes ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, preset", [("rect", "rect"), ("rounded", "roundRect"), ("oval", "ellipse"),
                                          ("triangle", "triangle"), ("double-arrow", "leftRightArrow")])
def test_a_shape_is_an_autoshape_of_its_kind_with_its_fill_and_outline(kind, preset):
    slide = first_slide(one_slide(Shape(kind, Box(2, 1.5, 3, 1.25), "EEF1F6", "Panel", line="1B2A4A")))
    shape = named(slide, "Panel")
    assert shape.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
    assert xpath(shape._element, "p:spPr/a:prstGeom/@prst") == [preset]
    assert box_of(shape) == (1828800, 1371600, 2743200, 1143000)
    assert str(shape.fill.fore_color.rgb) == "EEF1F6"
    assert (str(shape.line.color.rgb), shape.line.width) == ("1B2A4A", Pt(1))
    assert xpath(shape._element, "p:style") == []        # no theme style to override the plan's colours


def test_a_shape_without_a_fill_or_outline_shows_neither_and_a_rounding_is_its_corner():
    slide = first_slide(one_slide(Shape("rounded", Box(2, 1.5, 3, 1.25), "", "Frame", rounding=0.125)))
    shape = named(slide, "Frame")
    assert len(xpath(shape._element, "p:spPr/a:noFill")) == 1
    assert len(xpath(shape._element, "p:spPr/a:ln/a:noFill")) == 1
    assert xpath(shape._element, "p:spPr/a:prstGeom/a:avLst/a:gd/@fmla") == ["val 12500"]


def test_a_shapes_text_is_inside_it_set_as_planned():
    inside = block("Pillar", Box(2, 1.5, 3, 1.25), para("Deterrence", 16, bold=True, colour="FFFFFF", align="center"),
                   anchor="middle", margin=0.1)
    slide = first_slide(one_slide(Shape("rounded", Box(2, 1.5, 3, 1.25), "1F4E8C", "Pillar", text=inside)))
    shape = named(slide, "Pillar")
    assert shape.text_frame.text == "Deterrence"
    assert shape.text_frame.vertical_anchor == MSO_ANCHOR.MIDDLE
    assert shape.text_frame.auto_size == MSO_AUTO_SIZE.NONE
    [run] = shape.text_frame.paragraphs[0].runs
    assert (run.font.size, run.font.bold, str(run.font.color.rgb)) == (Pt(16), True, "FFFFFF")
    assert shape.text_frame.paragraphs[0].alignment == PP_ALIGN.CENTER


def decorative(shape) -> bool:
    """Whether the shape is marked decorative (PowerPoint's "Mark as decorative": adec:decorative)."""
    return [d.get("val") for d in xpath(shape._element, ".//p:cNvPr/a:extLst/a:ext/adec:decorative")] == ["1"]


def test_shapes_without_text_and_decorative_text_are_marked_decorative_and_nothing_else_is():
    plan = one_slide(block("Title", Box(0.5, 0.3, 12, 1), para("Title", 28), role="title"),
                     Shape("rect", Box(0, 0, 13.333, 0.2), "1B2A4A", "Band"),
                     Shape("rect", Box(0.5, 1.3, 12, 0.02), "1B2A4A", "Rule"),
                     Shape("rounded", Box(1, 2, 3, 1), "EEF1F6", "Pillar",
                           text=block("Pillar", Box(1, 2, 3, 1), para("Deterrence"))),
                     block("Body", Box(5, 2, 6, 3), para("Text")),
                     block("Handling", Box(11, 7, 2, 0.3), para("RESTRICTED", 10), decorative=True))
    slide = first_slide(plan)
    assert {shape.name: decorative(shape) for shape in slide.shapes} == {
        "Title": False, "Band": True, "Rule": True, "Pillar": False, "Body": False, "Handling": True}


# --- tables ---------------------------------------------------------------------------------------

def test_a_table_has_a_header_row_its_widths_heights_fills_and_margins():
    header = ((para("Pillar", 14, bold=True, colour="FFFFFF"),), (para("Means", 14, bold=True, colour="FFFFFF"),))
    rows = [header] + [((para(f"Row {n}", 14, colour="333333"),), (para(f"Means {n}", 14, colour="333333"),))
                       for n in (1, 2, 3)]
    table = Table(Box(1, 2, 5.5, 2), (2.0, 3.5), tuple(rows), "Measures", header_fill="1B2A4A", band_fill="EEF1F6",
                  body_fill="FFFFFF", margin=0.12, heights=(0.5, 0.4, 0.45, 0.4), padding=0.07)
    frame = named(first_slide(one_slide(table)), "Measures")
    assert frame.has_table
    grid = frame.table
    assert grid.first_row is True and grid.horz_banding is False
    assert [c.width for c in grid.columns] == [1828800, 3200400]
    assert [r.height for r in grid.rows] == [457200, 365760, 411480, 365760]
    assert (frame.left, frame.top) == (914400, 1828800)
    fills = [[str(grid.cell(r, c).fill.fore_color.rgb) for c in range(2)] for r in range(4)]
    assert fills == [["1B2A4A"] * 2, ["FFFFFF"] * 2, ["EEF1F6"] * 2, ["FFFFFF"] * 2]    # header, body, band, body
    for r in range(4):
        for c in range(2):
            cell = grid.cell(r, c)
            assert (cell.margin_left, cell.margin_right, cell.margin_top, cell.margin_bottom) == (109728, 109728,
                                                                                                  64008, 64008)
    assert [[grid.cell(r, c).text for c in range(2)] for r in (0, 3)] == [["Pillar", "Means"], ["Row 3", "Means 3"]]
    [run] = grid.cell(0, 0).text_frame.paragraphs[0].runs
    assert (run.font.size, run.font.bold, str(run.font.color.rgb)) == (Pt(14), True, "FFFFFF")


# --- charts and pictures --------------------------------------------------------------------------

def test_an_editable_chart_holds_the_plans_categories_values_and_colours():
    slot = chart_slot(native=NATIVE, render="native", box=Box(1.5, 2, 7, 4))
    slide = first_slide(one_slide(slot))
    frame = named(slide, "Chart")
    assert frame.has_chart
    assert box_of(frame) == (1371600, 1828800, 6400800, 3657600)
    assert xpath(frame._element, "p:nvGraphicFramePr/p:cNvPr/@descr") == [slot.alt]
    chart = frame.chart
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    plot = chart.plots[0]
    assert list(plot.categories) == ["2019", "2020", "2021"]
    [series] = plot.series
    assert list(series.values) == [5.0, 7.25, 9.5]
    assert chart.has_title and chart.chart_title.text_frame.text == "Packets (billion)"
    assert str(series.format.fill.fore_color.rgb) == "1F4E8C"
    # Only the rounded (approximate) figure is in the lighter colour.
    points = {int(xpath(point, "c:idx/@val")[0]): xpath(point, "c:spPr/a:solidFill/a:srgbClr/@val")
              for point in xpath(series._element, "c:dPt")}
    assert points == {1: ["8FA7C6"]}
    assert not chart.has_legend
    assert str(chart.font.color.rgb) == "404040" and chart.font.size == Pt(12)
    axis_ids = {int(v) for v in xpath(chart._chartSpace, "//c:axId/@val | //c:crossAx/@val")}
    assert min(axis_ids) > 0                                    # the schema's unsigned ints


def test_the_plans_native_chart_alone_makes_an_editable_chart():
    slot = ChartSlot(Box(1, 2, 6, 3.5), "darknet words", None, "Bar chart.", "Chart", NATIVE)
    assert named(first_slide(one_slide(slot)), "Chart").has_chart


def test_a_drawn_chart_is_its_picture_with_its_alternative_text_and_svg():
    slot = chart_slot(box=Box(1.5, 2, 6, 3.5))
    picture, vector = png(6, 4, "navy"), SVG
    plan = one_slide(block("Lead", Box(1, 1, 8, 0.8), para("Darknet packets per address")), slot)
    data = write(plan, charts={("darknet words", (6, 3.5)): DrawnChart(picture, vector)})
    shape = named(read(data).slides[0], "Chart")
    assert shape.shape_type == MSO_SHAPE_TYPE.PICTURE
    assert box_of(shape) == (1371600, 1828800, 5486400, 3200400)
    assert xpath(shape._element, "p:nvPicPr/p:cNvPr/@descr") == [slot.alt]
    assert shape.image.blob == picture
    [svg_rid] = xpath(shape._element, ".//a:blip/a:extLst/a:ext/asvg:svgBlip/@r:embed")
    assert shape.part.related_part(svg_rid).blob == vector


@pytest.mark.parametrize("role", ["section", "content"])
def test_a_drawn_chart_right_after_the_placeholders_is_kept(role):
    # On the default template a section slide's layout has a subtitle placeholder after its title;
    # a content slide whose title is not in the placeholder leaves the title placeholder unused.
    items = [block("Title", Box(0.5, 0.3, 12, 1), para("Data", 28), role="title")] if role == "section" else []
    plan = one_slide(*items, chart_slot(box=Box(1.5, 2, 6, 3.5)), role=role)
    slide = first_slide(plan, charts={("darknet words", (6, 3.5)): DrawnChart(png())})
    assert "Chart" in [shape.name for shape in slide.shapes]


def test_a_picture_keeps_its_alternative_text_and_an_svg_shows_its_png_to_older_viewers():
    photo = Image("photo.png", "png", 4, 3, png(4, 3, "red"))
    logo = Image("logo.svg", "svg", 4, 3, SVG, fallback=png(4, 3, "blue"))
    plan = one_slide(Picture(Box(1, 2, 4, 3), photo, "Delegates at the ASEAN workshop", "Photo"),
                     Picture(Box(6, 2, 4, 3), logo, "The ministry's emblem", "Logo"))
    slide = first_slide(plan)
    for name, alt, shown, vector in (("Photo", "Delegates at the ASEAN workshop", photo.data, None),
                                     ("Logo", "The ministry's emblem", logo.fallback, SVG)):
        shape = named(slide, name)
        assert xpath(shape._element, "p:nvPicPr/p:cNvPr/@descr") == [alt]
        assert shape.image.blob == shown
        svgs = xpath(shape._element, ".//asvg:svgBlip/@r:embed")
        assert [shape.part.related_part(rid).blob for rid in svgs] == ([vector] if vector else [])
    assert box_of(named(slide, "Photo")) == (914400, 1828800, 3657600, 2743200)


def test_shapes_are_written_in_the_plans_reading_order_after_the_title_with_distinct_ids():
    photo = Image("photo.png", "png", 4, 3, png())
    plan = one_slide(Shape("rect", Box(0, 0, 13.333, 0.2), "1B2A4A", "Band"),
                     block("Title", Box(0.5, 0.3, 12, 1), para("Title", 28), role="title"),
                     Shape("rect", Box(0.5, 1.3, 12, 0.02), "1B2A4A", "Rule"),
                     block("Lead", Box(1, 1.5, 11, 0.5), para("Lead")),
                     chart_slot(name="Chart", box=Box(1, 2, 5, 3)),
                     Picture(Box(7, 2, 4, 3), photo, "A photo", "Photo"),
                     chart_slot(name="Native", box=Box(1, 5, 5, 2), native=NATIVE, render="native"),
                     block("Footer", Box(0.5, 7, 6, 0.3), para("Footer", 10)))
    charts = {("darknet words", (5, 3)): DrawnChart(png())}
    slide = first_slide(plan, charts=charts)
    # The title, in the layout's placeholder, is read first; everything else in the plan's order.
    assert [shape.name for shape in slide.shapes] == ["Title", "Band", "Rule", "Lead", "Chart", "Photo", "Native",
                                                      "Footer"]
    ids = [shape.shape_id for shape in slide.shapes]
    assert len(set(ids)) == len(ids)


def test_a_slide_background_is_the_plans():
    slide = first_slide(one_slide(block("Body", Box(1, 1, 4, 1), para("On navy", colour="FFFFFF")),
                                  background="1B2A4A"))
    assert str(slide.background.fill.fore_color.rgb) == "1B2A4A"


# --- notes ----------------------------------------------------------------------------------------

def test_notes_become_the_notes_page_and_a_slide_without_notes_has_none():
    plan = one_slide(block("Body", Box(1, 1, 4, 1), para("Text")), notes="Stress the Quad.\n\nThen the ASEAN fund.")
    plan = replace(plan, slides=(*plan.slides, replace(plan.slides[0], id="s2", notes="")))
    data = write(plan)
    with_notes, without = read(data).slides
    assert with_notes.has_notes_slide and not without.has_notes_slide
    frame = with_notes.notes_slide.notes_text_frame
    assert [p.text for p in frame.paragraphs] == ["Stress the Quad.", "", "Then the ASEAN fund."]
    assert b"<Notes>1</Notes>" in parts(data)["docProps/app.xml"]


def test_editors_review_notes_are_never_written_anywhere_in_the_file():
    secret = "REVIEW: check the 2024 figure with NICT before sending"
    plan = one_slide(block("Body", Box(1, 1, 4, 1), para("Text")), notes="Speaker notes", review=secret)
    plan = replace(plan, slides=(*plan.slides, replace(plan.slides[0], id="s2", review="レビュー：数字を確認")))
    written = parts(write(plan))
    assert len(written) > 20
    for name, blob in written.items():
        for text in (secret, "REVIEW", "レビュー", "数字を確認"):
            assert text.encode() not in blob, name
    assert b"Speaker notes" in b"".join(written.values())       # the search does see the text that is written


# --- the file -------------------------------------------------------------------------------------

def test_the_files_properties_are_the_plans_never_the_clock():
    data = write(one_slide(block("Body", Box(1, 1, 4, 1), para("Text"))))
    props = read(data).core_properties
    assert (props.title, props.subject, props.author, props.last_modified_by) == (
        "Japan's Cyber Diplomacy", "Briefing for partners", "Ministry of Foreign Affairs", "Ministry of Foreign Affairs")
    assert props.language == "en-GB"
    assert (props.created, props.modified) == (CREATED, MODIFIED)
    assert props.revision == 1
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


@functools.cache
def foreign_template(scale: float = 0.75) -> Template:
    """python-pptx's own template, as another program leaves one: 10 x 7.5 in and typed "screen4x3",
    a 4:3 thumbnail, a US-Letter printer ticket, an author, and (added here) a date it was printed."""
    import pptx

    source = Path(pptx.__file__).parent / "templates" / "default.pptx"
    out = io.BytesIO()
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(out, "w") as copy:
        for entry in archive.infolist():
            blob = archive.read(entry)
            if entry.filename == "docProps/core.xml":
                blob = blob.replace(b"</cp:coreProperties>",
                                    b"<cp:lastPrinted>2013-01-27T09:00:00Z</cp:lastPrinted></cp:coreProperties>")
            copy.writestr(entry, blob)
    data = out.getvalue()
    info = read_master(data)
    chosen, problems = choose(info, {})
    held = parts(data)
    assert not problems and b"lastPrinted" in held["docProps/core.xml"]
    assert {"docProps/thumbnail.jpeg", "ppt/printerSettings/printerSettings1.bin"} <= set(held)
    return Template(data, info, chosen, scale=scale)


def test_the_file_claims_no_print_and_carries_no_printer_ticket_or_thumbnail():
    # On a template that has all three to drop (the default master has none of them).
    data = write(one_slide(block("Body", Box(1, 1, 4, 1), para("Text"))), foreign_template())
    prs = read(data)
    assert prs.core_properties.last_printed is None
    written = parts(data)
    assert b"lastPrinted" not in written["docProps/core.xml"]
    assert [n for n in written if "printerSettings" in n or "thumbnail" in n] == []
    assert [n for n, blob in written.items() if n.endswith(".rels") and (b"printerSettings" in blob
                                                                        or b"thumbnail" in blob)] == []
    # Nor anything else of the template's own: its author, its description, its 2013 dates.
    props = prs.core_properties
    assert (props.author, props.last_modified_by, props.comments) == ("Ministry of Foreign Affairs",) * 2 + ("",)
    assert b"2013" not in written["docProps/core.xml"]


def test_the_same_plan_gives_the_same_bytes_and_another_date_other_bytes():
    photo = Image("photo.png", "png", 4, 3, png())
    plan = one_slide(block("Title", Box(0.5, 0.3, 12, 1), para("Title", 28), role="title"),
                     block("Body", Box(1, 1.5, 8, 1), para("Text")),
                     Picture(Box(7, 2, 4, 3), photo, "A photo", "Photo"),
                     chart_slot(native=NATIVE, render="native"),
                     block("Number", Box(12, 7, 1, 0.3), para("1", 10), slide_number=True), notes="Notes")
    first, second = write(plan), write(plan)
    assert first == second
    later = replace(plan, properties=replace(PROPERTIES, modified=dt.datetime(2025, 1, 1)))
    assert write(later) != first


def test_widescreen_is_exactly_powerpoints_widescreen():
    data = write(one_slide(block("Body", Box(1, 1, 4, 1), para("Text")), size=(13.333, 7.5)))
    prs = read(data)
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    assert xpath(etree.fromstring(parts(data)["ppt/presentation.xml"]), "//p:sldSz/@type") == []
    assert b"<PresentationFormat>Widescreen</PresentationFormat>" in parts(data)["docProps/app.xml"]


def test_on_a_template_of_another_scale_the_slide_and_everything_on_it_scale_alike():
    template = foreign_template(scale=0.75)     # 10 in wide: the 13.333 in the plan is made for, times 0.75
    plan = one_slide(block("Body", Box(2, 1, 4, 2), para("Text", 20, line=24, space_after=8), margin=0.1),
                     chart_slot(box=Box(1, 3, 6, 3.5)))
    # The chart is drawn at the size it was planned at; the template scales the picture.
    data = write(plan, template, charts={("darknet words", (6, 3.5)): DrawnChart(png())})
    prs = read(data)
    assert (prs.slide_width, prs.slide_height) == (9144000, 5143500)      # 10 x 5.625 in
    # Typed by its size alone (the template said "screen4x3"): PowerPoint names it 16:9.
    assert xpath(etree.fromstring(parts(data)["ppt/presentation.xml"]), "//p:sldSz/@type") == []
    assert b"<PresentationFormat>On-screen Show (16:9)</PresentationFormat>" in parts(data)["docProps/app.xml"]
    slide = prs.slides[0]
    body = named(slide, "Body")
    assert box_of(body) == (1371600, 685800, 2743200, 1371600)
    assert body.text_frame.margin_left == 68580
    [paragraph] = body.text_frame.paragraphs
    assert paragraph.runs[0].font.size == Pt(15)
    assert (xpath(paragraph._p, "a:pPr/a:lnSpc/a:spcPts/@val"), xpath(paragraph._p, "a:pPr/a:spcAft/a:spcPts/@val")) \
        == (["1800"], ["600"])
    assert box_of(named(slide, "Chart")) == (685800, 2057400, 4114800, 2400300)
