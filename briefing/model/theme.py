"""The look of a deck in one place: colours, fonts, sizes, and the slide grid every layout uses.

A theme file (`templates/themes/<name>.yaml`) sets colours, fonts and sizes so an office can
restyle its decks without code. The grid below (slide size, margins, bands) is shared by every
layout so that titles, rules and footers stand in the same place on every slide.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from briefing.model.schema import Field, Model, StringConstraints

from briefing.errors import Location
from briefing.model.geometry import Box

COLOUR_PATTERN = r"^[0-9A-Fa-f]{6}$"
Colour = Annotated[str, StringConstraints(pattern=COLOUR_PATTERN, meaning="a colour as six hex digits, like 1B2A4A")]
Points = Annotated[float, Field(ge=12, le=60)]
"""Text on a slide is never under 12 pt: it must read from the back of a meeting room."""


class _Strict(Model):
    """Theme models reject unknown keys, as content models do."""


class Colours(_Strict):
    """Hex RGB colours (no #). One accent, used sparingly; group colours tell camps apart."""

    title: Colour
    text: Colour
    muted: Colour
    accent: Colour
    rule: Colour
    panel: Colour
    panel_text: Colour
    group_a: Colour
    group_b: Colour
    neutral: Colour
    background: Colour = "FFFFFF"


FROM_MASTER = "from-master"
"""Fonts and colours may be the template's (see `master`)."""


class Fonts(_Strict):
    """Typefaces by script. `latin` is used for Latin text; `east_asian` for Japanese. Either may
    be `from-master`: the template's body font. Text is measured with the face's own widths where
    the machine has it, else a metric-compatible stand-in's (`text.fonts.measuring_face`);
    `measure_as` names an installed or known face whose widths stand in for one the machine lacks."""

    latin: str
    east_asian: str = ""
    measure_as: str = ""


class Sizes(_Strict):
    """Font sizes in points, by the part they play on a slide; layouts ask for them by name."""

    cover_title: Points
    title: Points
    subtitle: Points
    statement: Points = 22      # a few weighty statements (the "Way Forward")
    body: Points
    heading: Points = 16        # the heading of a box or list
    label: Points = 15          # text in a small box (pillars)
    dense: Points               # a box that holds a lot (cases, lists of frameworks)
    small: Points               # sources, footnotes
    footer: Points


class ChartStyle(_Strict):
    """How Matplotlib draws charts; everything that changes the picture is in the cache key."""

    font: str = "DejaVu Sans"
    east_asian_font: str = "IPAexGothic"
    bar: Colour
    bar_approx: Colour
    axis: Colour
    grid: Colour
    dpi: Annotated[int, Field(ge=72, le=600)] = 300
    label_size: Annotated[float, Field(ge=6, le=24)] = 9


class Fit(_Strict):
    """How text that does not fit its box shrinks: in `step`s of a point, never under `floor`
    (`title_floor` for slide titles, which stay on one line). Past the floor, the build fails and
    names the text: it must be shortened, not squeezed unreadably small."""

    floor: Points = 12
    title_floor: Points = 20
    ceiling: Points = 24
    """The largest a text that may grow (a short list on a slide of its own) is set."""
    step: Annotated[float, Field(ge=0.5, le=4)] = 1


class LineSpacing(_Strict):
    """Line height as a multiple of the font size, written into every paragraph, so that
    PowerPoint, LibreOffice and the measurement agree; Japanese lines need more air."""

    latin: Annotated[float, Field(ge=1.0, le=2.0)] = 1.2
    east_asian: Annotated[float, Field(ge=1.0, le=2.0)] = 1.4


Inches = Annotated[float, Field(ge=0, le=60)]


class Grid(_Strict):
    """The slide and the regions every layout places its boxes in, in inches: the same title,
    body and footer on every slide, whatever the layout."""

    width: Annotated[float, Field(ge=4, le=56)] = 13.333
    height: Annotated[float, Field(ge=3, le=56)] = 7.5
    margin: Inches = 0.6            # left and right of every region
    band: Inches = 0.12             # the band across the top of a content slide
    title_top: Inches = 0.3
    title_height: Inches = 0.8
    rule_top: Inches = 1.12         # the thin rule under the title
    body_top: Inches = 1.35
    body_bottom: Inches = 6.8
    footer_top: Inches = 6.95
    footer_height: Inches = 0.35
    gutter: Inches = 0.35           # between columns
    cover_left: Inches = 1.1        # where the cover's and dividers' text starts
    body_left: Inches | None = None
    """Where the body starts, when not at the margin: on a template, clear of its artwork."""
    body_right: Inches | None = None
    """Where the body ends (from the slide's left edge), when not at the other margin."""

    @property
    def content_width(self) -> float:
        return self.width - 2 * self.margin

    def region(self, name: str) -> Box:
        """Return a named region of the slide: title, body or footer."""
        top, height = {"title": (self.title_top, self.title_height),
                       "body": (self.body_top, self.body_bottom - self.body_top),
                       "footer": (self.footer_top, self.footer_height)}[name]
        if name == "body" and (self.body_left is not None or self.body_right is not None):
            left = self.margin if self.body_left is None else self.body_left
            right = self.width - self.margin if self.body_right is None else self.body_right
            return Box(left, top, right - left, height)
        return Box(self.margin, top, self.content_width, height)


class Layouts(_Strict):
    """Which of the template's layouts each kind of slide sits on, by name ("Title Only", or
    "Title Only (master 2)" where several masters have one); found by their placeholders if unset:
    `cover` the title page, `section` the dividers, `content` every other slide. `master` (1, 2, ...)
    is the master whose layouts are looked through, in a template with several."""

    cover: str = ""
    content: str = ""
    section: str = ""
    master: Annotated[int, Field(ge=0, le=100)] = 0


class Theme(_Strict):
    """A complete theme, as validated from its YAML file."""

    name: str
    master: str = ""
    """The organisation's template under templates/ (masters/<file>.pptx or .potx); without it, the
    default master the package ships."""
    layouts: Layouts = Layouts()
    decorations: bool | None = None
    """The band, rules and bars of the default look; by default drawn only without a `master`
    (a template has its own)."""
    colours: Colours | Literal["from-master"]
    fonts: Fonts | Literal["from-master"]
    sizes: Sizes
    fit: Fit = Fit()
    line_spacing: LineSpacing = LineSpacing()
    grid: Grid = Grid()
    chart: ChartStyle
    _source: Any = None
    _master: Any = None
    """The template in use (`briefing.read.template.Template`), when the theme names one."""

    @property
    def decorated(self) -> bool:
        """Whether layouts draw the default look's band, rules and bars."""
        return self.decorations if self.decorations is not None else not self.master

    @property
    def template(self) -> Any:
        return self._master

    def locate(self, *path: str) -> Location:
        """Return where a theme field is written, for problems found after loading."""
        return self._source.locate(path) if self._source else Location(Path("templates/themes"))

    @property
    def file(self) -> Path:
        """The theme's file (for the manifest)."""
        return self._source.file
