"""The look of a deck in one place: colours, fonts, sizes, and the slide grid every layout uses.

A theme file (`templates/themes/<name>.yaml`) sets colours, fonts and sizes so an office can
restyle its decks without code. The grid below (slide size, margins, bands) is shared by every
layout so that titles, rules and footers stand in the same place on every slide.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints

from briefing.errors import Location

COLOUR_PATTERN = r"^[0-9A-Fa-f]{6}$"
Colour = Annotated[str, StringConstraints(pattern=COLOUR_PATTERN)]
Points = Annotated[float, Field(ge=12, le=60)]
"""Text on a slide is never under 12 pt: it must read from the back of a meeting room."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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


class Fonts(_Strict):
    """Typefaces by script. `latin` is used for Latin text; `east_asian` for Japanese."""

    latin: str
    east_asian: str = ""


class Sizes(_Strict):
    """Font sizes in points."""

    cover_title: Points
    title: Points
    subtitle: Points
    body: Points
    dense: Points
    small: Points
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
    step: Annotated[float, Field(ge=0.5, le=4)] = 1


class LineSpacing(_Strict):
    """Line height as a multiple of the font size, written into every paragraph, so that
    PowerPoint, LibreOffice and the measurement agree; Japanese lines need more air."""

    latin: Annotated[float, Field(ge=1.0, le=2.0)] = 1.2
    east_asian: Annotated[float, Field(ge=1.0, le=2.0)] = 1.4


class Theme(_Strict):
    """A complete theme, as validated from its YAML file."""

    name: str
    colours: Colours
    fonts: Fonts
    sizes: Sizes
    fit: Fit = Fit()
    line_spacing: LineSpacing = LineSpacing()
    chart: ChartStyle
    _source: Any = PrivateAttr(default=None)

    def locate(self, *path: str) -> Location:
        """Return where a theme field is written, for problems found after loading."""
        return self._source.locate(path) if self._source else Location(Path("templates/themes"))

    @property
    def file(self) -> Path:
        """The theme's file (for the manifest)."""
        return self._source.file


# --- the slide grid, in inches ------------------------------------------------------------------
# 16:9 at PowerPoint's default widescreen size, so a deck opens without rescaling.
SLIDE_WIDTH = 13.333
SLIDE_HEIGHT = 7.5
MARGIN = 0.6
CONTENT_WIDTH = SLIDE_WIDTH - 2 * MARGIN
BAND_HEIGHT = 0.12          # the navy band across the top of every content slide
TITLE_TOP = 0.3
TITLE_HEIGHT = 0.8
RULE_TOP = 1.12             # the thin rule under the title
BODY_TOP = 1.35
FOOTER_TOP = 6.95
FOOTER_HEIGHT = 0.35
BODY_BOTTOM = FOOTER_TOP - 0.15
BODY_HEIGHT = BODY_BOTTOM - BODY_TOP
GUTTER = 0.35               # space between columns

# python-pptx's default template: layout indices and the title placeholder's idx.
LAYOUT_COVER = 0            # "Title Slide"
LAYOUT_TITLE_ONLY = 5       # "Title Only"
PLACEHOLDER_SUBTITLE = 1
