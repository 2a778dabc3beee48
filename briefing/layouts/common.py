"""Drawing helpers every layout shares: text boxes, shapes, the title and the slide chrome.

Positions are in inches on the grid of `theme`; sizes in points; colours are hex RGB strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Inches, Pt

from briefing import ooxml
from briefing import theme as grid
from briefing.errors import Problem
from briefing.layouts.fitting import fit_paras, line_height
from briefing.locale import LANGUAGE_TAGS

if TYPE_CHECKING:
    from pptx.slide import Slide as PptxSlide
    from pptx.text.text import TextFrame

    from briefing.model import ChartText, DeckHeader, FitOverride
    from briefing.theme import Theme


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in inches."""

    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def emu(self) -> tuple[int, int, int, int]:
        return Inches(self.left), Inches(self.top), Inches(self.width), Inches(self.height)

    def columns(self, count: int, gutter: float = grid.GUTTER, weights: list[float] | None = None) -> list[Box]:
        """Split horizontally into `count` columns separated by `gutter`, sized by `weights`."""
        weights = weights or [1.0] * count
        usable = self.width - gutter * (count - 1)
        boxes, left = [], self.left
        for weight in weights:
            width = usable * weight / sum(weights)
            boxes.append(Box(left, self.top, width, self.height))
            left += width + gutter
        return boxes

    def rows(self, *heights: float, gap: float = 0.0) -> list[Box]:
        """Split vertically into rows of the given heights; a height of 0 takes what is left."""
        fixed = sum(heights) + gap * (len(heights) - 1)
        rest = max(self.height - fixed, 0)
        boxes, top = [], self.top
        for height in heights:
            height = height or rest
            boxes.append(Box(self.left, top, self.width, height))
            top += height + gap
        return boxes


BODY = Box(grid.MARGIN, grid.BODY_TOP, grid.CONTENT_WIDTH, grid.BODY_HEIGHT)


@dataclass
class Para:
    """One paragraph to write: its text and how it looks."""

    text: str
    size: float
    bold: bool = False
    colour: str = ""
    bullet: str = ""            # a bullet character, e.g. "•" or "◆"
    numbering: str = ""         # an auto-number scheme, e.g. "arabicParenBoth"
    indent: float = 0.3         # hanging indent for bullets and numbers, in inches
    tab: float = 0.0            # a hanging tab stop, in inches (the date column of a cases list)
    space_after: float = 6
    align: PP_ALIGN = PP_ALIGN.LEFT
    plain: bool = False         # never emphasised: footers and marks repeat on every slide


@dataclass(frozen=True)
class DrawnChart:
    """A chart picture and the publications its figures come from."""

    png: bytes
    sources: tuple[str, ...]


@dataclass
class Frame:
    """What a layout needs besides its slide: theme, deck facts, numbering, charts, and the words
    an audience profile emphasises on this slide."""

    theme: Theme
    header: DeckHeader
    number: int
    chart: Callable[[ChartText, tuple[float, float]], DrawnChart] = field(repr=False)
    emphasis: tuple[str, ...] = ()
    path: tuple = ()                  # where the slide stands in its file, e.g. ("slides", 3)
    source: Any = field(default=None, repr=False)     # locates fields for fit problems
    fit: FitOverride | None = None    # the slide's own floor sizes
    problems: list[Problem] = field(default_factory=list, repr=False)   # text that does not fit

    @property
    def floor(self) -> float:
        return (self.fit and self.fit.floor) or self.theme.fit.floor

    @property
    def title_floor(self) -> float:
        return (self.fit and self.fit.title_floor) or self.theme.fit.title_floor

    def emphasises(self, text: str) -> bool:
        """Whether `text` holds a word the audience profile emphasises on this slide."""
        return any(term in text for term in self.emphasis)

    @property
    def lang(self) -> str:
        return LANGUAGE_TAGS[self.header.language]

    @property
    def language(self) -> str:
        return self.header.language


def add_text(slide: PptxSlide, box: Box, paras: list[Para], frame: Frame,
             anchor: MSO_ANCHOR = MSO_ANCHOR.TOP, name: str = "", margin: float = 0.05, field: tuple = ()):
    """Add a text box holding `paras`, fitted to `box`; returns the shape. `field` is where the
    text comes from in the slide (e.g. ("statements",)), for a problem when it does not fit."""
    shape = slide.shapes.add_textbox(*box.emu())
    if name:
        shape.name = name
    write_paras(shape.text_frame, paras, frame, box, field, anchor, margin)
    return shape


def write_paras(text_frame: TextFrame, paras: list[Para], frame: Frame, box: Box, field: tuple = (),
                anchor: MSO_ANCHOR = MSO_ANCHOR.TOP, margin: float = 0.05, one_line: bool = False) -> None:
    """Replace the text of `text_frame` with `paras` fitted to `box` (see `fitting`), sizes and
    line spacing written explicitly: no autofit."""
    paras = fit_paras(paras, box, margin, frame, field, one_line)
    text_frame.word_wrap = True
    text_frame.auto_size = MSO_AUTO_SIZE.NONE
    text_frame.vertical_anchor = anchor
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(text_frame, side, Inches(margin))
    text_frame.clear()
    for index, para in enumerate(paras):
        paragraph = text_frame.paragraphs[0] if index == 0 else text_frame.add_paragraph()
        _write_para(paragraph, para, frame)


def _write_para(paragraph, para: Para, frame: Frame) -> None:
    paragraph.alignment = para.align
    paragraph.line_spacing = Pt(round(line_height(para, frame), 1))
    paragraph.space_after = Pt(para.space_after)
    colours = frame.theme.colours
    if para.bullet:
        ooxml.set_bullet(paragraph, para.bullet, colours.accent, Inches(para.indent), frame.theme.fonts.latin)
    elif para.numbering:
        ooxml.set_numbering(paragraph, para.numbering, Inches(para.indent), para.colour or colours.text)
    else:
        ooxml.set_no_bullet(paragraph)
    if para.tab:
        ooxml.set_tab_stop(paragraph, Inches(para.tab))
    colour = para.colour or colours.text
    # Emphasised words turn bold in the accent colour; on a filled shape (light text) only bold.
    strong = colour if colour == colours.background else colours.accent
    for text, emphasised in split_emphasis(para.text, () if para.plain else frame.emphasis):
        run = paragraph.add_run()
        run.text = text
        style_run(run, para.size, para.bold or emphasised, strong if emphasised else colour, frame)


def split_emphasis(text: str, terms: tuple[str, ...]) -> list[tuple[str, bool]]:
    """Split `text` into (piece, emphasised) around every occurrence of `terms`, longest first."""
    if not terms or not text:
        return [(text, False)]
    pattern = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    pieces = re.split(f"({pattern})", text)
    return [(piece, index % 2 == 1) for index, piece in enumerate(pieces) if piece]


def style_run(run, size: float, bold: bool, colour: str, frame: Frame) -> None:
    """Set size, weight, colour, both typefaces and the language tag on one run."""
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = RGBColor.from_string(colour)
    fonts = frame.theme.fonts
    ooxml.set_fonts(ooxml.run_properties(run), fonts.latin, fonts.east_asian, frame.lang)


def add_shape(slide: PptxSlide, kind: MSO_SHAPE, box: Box, fill: str, line: str = "",
              paras: list[Para] | None = None, frame: Frame | None = None,
              anchor: MSO_ANCHOR = MSO_ANCHOR.MIDDLE, margin: float = 0.1, name: str = "", field: tuple = ()):
    """Add an autoshape filled with `fill` (and outlined with `line`), optionally holding text."""
    shape = slide.shapes.add_shape(kind, *box.emu())
    if name:
        shape.name = name
    ooxml.drop_style(shape)
    if fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(fill)
    else:
        shape.fill.background()
    if line:
        shape.line.color.rgb = RGBColor.from_string(line)
        shape.line.width = Pt(1)
    else:
        shape.line.fill.background()
    if paras and frame:
        write_paras(shape.text_frame, paras, frame, box, field, anchor, margin)
    return shape


def set_title(slide: PptxSlide, text: str, frame: Frame, box: Box | None = None,
              size: float | None = None, colour: str = "", field: tuple = ("title",)) -> None:
    """Write the slide title into the layout's title placeholder, placed on the theme grid.

    A content-slide title stays on one line above the rule: a long one is set smaller, down to the
    theme's title floor. A title given its `size` (cover, divider) may wrap within its box.
    """
    box = box or Box(grid.MARGIN, grid.TITLE_TOP, grid.CONTENT_WIDTH, grid.TITLE_HEIGHT)
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = box.emu()
    para = Para(text, size or frame.theme.sizes.title, bold=True,
                colour=colour or frame.theme.colours.title, space_after=0)
    write_paras(title.text_frame, [para], frame, box, field, MSO_ANCHOR.MIDDLE, margin=0.0, one_line=size is None)


def add_chrome(slide: PptxSlide, frame: Frame) -> None:
    """Draw what ties content slides together: the top band and the rule under the title."""
    colours = frame.theme.colours
    add_shape(slide, MSO_SHAPE.RECTANGLE, Box(0, 0, grid.SLIDE_WIDTH, grid.BAND_HEIGHT), colours.title,
              name="Band")
    add_shape(slide, MSO_SHAPE.RECTANGLE, Box(grid.MARGIN, grid.RULE_TOP, grid.CONTENT_WIDTH, 0.02),
              colours.rule, name="Rule")


_HEADER = ("..",)
"""Marks a field of the deck's header rather than of the slide (see `Frame.path`)."""


def add_footer(slide: PptxSlide, frame: Frame, colour: str = "") -> None:
    """Write the organisation and handling mark bottom left, the slide number bottom right."""
    sizes = frame.theme.sizes
    colour = colour or frame.theme.colours.muted
    header = frame.header
    left = "  |  ".join(t for t in (header.footer or header.organisation, header.handling) if t)
    footer_box = Box(grid.MARGIN, grid.FOOTER_TOP, grid.CONTENT_WIDTH - 1.0, grid.FOOTER_HEIGHT)
    add_text(slide, footer_box, [Para(left, sizes.footer, colour=colour, space_after=0, plain=True)], frame,
             MSO_ANCHOR.MIDDLE, name="Footer", field=_HEADER + ("footer" if header.footer else "handling",))
    number_box = Box(grid.SLIDE_WIDTH - grid.MARGIN - 1.0, grid.FOOTER_TOP, 1.0, grid.FOOTER_HEIGHT)
    shape = add_text(slide, number_box, [Para("", sizes.footer, align=PP_ALIGN.RIGHT, space_after=0)],
                     frame, MSO_ANCHOR.MIDDLE, name="Slide Number")
    paragraph = shape.text_frame.paragraphs[0]
    ooxml.add_slide_number(paragraph, frame.number, frame.lang)
    rpr = ooxml.field_run_properties(paragraph)
    rpr.set("sz", str(int(sizes.footer * 100)))
    ooxml.set_fonts(rpr, frame.theme.fonts.latin, frame.theme.fonts.east_asian, frame.lang)
    ooxml.set_colour(rpr, colour)


def add_handling_mark(slide: PptxSlide, frame: Frame, colour: str = "") -> None:
    """Write the deck's handling mark (if any) top right, in the accent colour unless given one."""
    handling = frame.header.handling
    if handling:
        box = Box(grid.SLIDE_WIDTH - grid.MARGIN - 8.0, grid.BAND_HEIGHT + 0.02, 8.0, 0.34)
        para = Para(handling, frame.theme.sizes.footer, bold=True, colour=colour or frame.theme.colours.accent,
                    align=PP_ALIGN.RIGHT, space_after=0, plain=True)
        add_text(slide, box, [para], frame, name="Handling", field=_HEADER + ("handling",))


def set_notes(slide: PptxSlide, notes: str) -> None:
    """Write the speaker notes."""
    if notes:
        slide.notes_slide.notes_text_frame.text = notes
