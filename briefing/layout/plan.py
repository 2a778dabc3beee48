"""What a slide will show, placed on the slide: the plan a layout makes, fitting sizes and the
writer turns into OOXML.

A plan holds boxes in slide coordinates (inches) and text in paragraphs and runs, nothing else:
no python-pptx object, no theme lookup, no file. `check` makes and fits the plans of every variant
and stops there; a build writes the same fitted plans, so the two can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Union

from briefing.model.geometry import Box

FieldPath = tuple[Union[str, int], ...]

CELL_PADDING = 0.06
"""Inches inside a table cell, above and below its text."""

HEADER = ("..",)
"""Starts the field path of text that comes from the deck's header, not the slide (footer, mark)."""


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph in one style; `colour` empty means the paragraph's colour."""

    text: str
    bold: bool = False
    colour: str = ""


@dataclass(frozen=True)
class Para:
    """One paragraph: its runs and how it is set. Sizes are points, indents and tabs inches."""

    runs: tuple[Run, ...]
    size: float
    bold: bool = False
    colour: str = ""
    bullet: str = ""            # a bullet character, e.g. "•"
    numbering: str = ""         # an automatic numbering scheme, e.g. "arabicParenBoth"
    start: int = 1              # the first number of a numbered paragraph
    level: int = 0              # 0, or 1 for a sub-item
    indent: float = 0.0         # hanging indent of a bullet or number
    tab: float = 0.0            # a hanging tab stop (a date column)
    space_after: float = 6
    align: str = "left"         # left, center or right
    balance: bool = False       # a short text (a heading, a label): lines of similar length
    lines: tuple[str, ...] = () # the lines fitting decided on, once fitted
    starts: tuple[int, ...] = ()  # where each of those lines starts in `text`
    line: float = 0.0           # the line height in points, once fitted
    field: FieldPath = ()       # the field of the slide (or, after HEADER, of the deck) it shows
    bullet_colour: str = ""     # the bullet's colour and face, once the plan is complete
    bullet_font: str = ""
    opens: bool = False         # the space after it ends a list item: it may open to spread a short list

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def hang(self) -> float:
        """Inches the wrapped lines stand in from the box's edge."""
        if self.tab:
            return self.tab
        return self.indent * (1 + self.level) if self.bullet or self.numbering else 0.0


@dataclass(frozen=True)
class Fit:
    """How fitting may size a text: shrink to the floor (the title floor for titles), grow up to the
    theme's ceiling when `grow`, stay on one line when `one_line`; texts of one `group` share a size.
    A short text with `fill` takes at least that share of its box's height: once its size is
    chosen, the space after each of its list items (`Para.opens`) opens evenly."""

    floor: str = "body"         # "body" or "title"
    one_line: bool = False
    grow: bool = False
    group: str = ""
    fill: float = 0.0


@dataclass(frozen=True)
class TextBlock:
    """A text box (or the text inside a shape) with its paragraphs."""

    box: Box
    paras: tuple[Para, ...]
    name: str
    field: FieldPath = ()
    anchor: str = "top"         # top, middle or bottom
    margin: float = 0.05
    fit: Fit = Fit()
    role: str = ""              # "title" or "subtitle": written into the layout's placeholder
    decorative: bool = False    # repeats text read elsewhere (the handling mark beside the footer)
    slide_number: bool = False  # the text is the slide-number field
    own_colour: bool = False    # in its placeholder, the text takes the template's own colour

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras)


@dataclass(frozen=True)
class Shape:
    """An autoshape: a fill, an outline, and optionally text. Without text it is decoration."""

    kind: str                   # rect, rounded, oval, triangle, double-arrow
    box: Box
    fill: str
    name: str
    line: str = ""
    text: TextBlock | None = None
    rounding: float | None = None


@dataclass(frozen=True)
class Picture:
    """An image file of the project, shown at `box` (already fitted to its aspect ratio)."""

    box: Box
    image: Any                  # an images.Image
    alt: str
    name: str


@dataclass(frozen=True)
class ChartSlot:
    """Where a data chart goes: drawn at the box's size when a deck is written (a picture), or
    written as an editable chart (`series.render == "native"`)."""

    box: Box
    chart: Any                  # the slide's ChartText: the words around the chart
    series: Any                 # the ChartSeries it draws
    alt: str
    name: str
    native: NativeChart | None = None   # the editable chart, when written as one

    @property
    def size(self) -> tuple[float, float]:
        return self.box.width, self.box.height


@dataclass(frozen=True)
class NativeChart:
    """An editable PowerPoint bar chart: its categories and values as the deck's language shows
    them, its title, and its colours and label size."""

    categories: tuple[str, ...]
    values: tuple[float, ...]
    approx: tuple[bool, ...]
    title: str
    label_size: float
    axis: str
    bar: str
    bar_approx: str
    grid: str


@dataclass(frozen=True)
class Table:
    """A real table: a header row and body rows of cells, each cell a tuple of paragraphs."""

    box: Box
    widths: tuple[float, ...]   # inches, one per column
    rows: tuple[tuple[tuple[Para, ...], ...], ...]
    name: str
    field: FieldPath = ()
    header_fill: str = ""
    band_fill: str = ""         # every second body row
    rule: str = ""
    margin: float = 0.08        # inches inside each cell, left and right
    heights: tuple[float, ...] = ()   # inches per row, once fitted
    body_fill: str = ""         # the other body rows
    padding: float = CELL_PADDING
    least: float = 0.0          # inches the rows take at least: short rows grow taller, evenly, to it


Item = Union[TextBlock, Shape, Picture, ChartSlot, Table]


@dataclass(frozen=True)
class SlidePlan:
    """One slide: which master layout it sits on, its items in reading order, its notes."""

    id: str
    kind: str
    role: str                   # the master layout it uses: cover, section or content
    title: str
    items: tuple[Item, ...]
    notes: str = ""
    review: str = ""            # editors' notes: shown by outline and diff, never written
    background: str = ""
    path: FieldPath = ()        # where the slide stands in its deck file
    floors: dict[str, float] = field(default_factory=dict)   # the slide's own floor sizes

    def texts(self) -> list[TextBlock]:
        """Every text block, including those inside shapes, in reading order."""
        found = []
        for item in self.items:
            if isinstance(item, TextBlock):
                found.append(item)
            elif isinstance(item, Shape) and item.text is not None:
                found.append(item.text)
        return found


@dataclass(frozen=True)
class Faces:
    """The typefaces every run names, and the language tag of every run (en-US, ja-JP)."""

    latin: str
    east_asian: str
    lang: str


@dataclass(frozen=True)
class Properties:
    """What the file says about itself: the deck's own facts, never the time it was made."""

    title: str
    subject: str
    author: str
    language: str               # a language tag
    created: Any                # datetimes
    modified: Any
    stamp: tuple[tuple[str, str], ...] = ()
    """What the deck was built from (custom properties): its variant and each source's SHA-256."""


@dataclass(frozen=True)
class DeckPlan:
    """A whole deck, complete: its slides' fitted plans, the faces and language of its text, its
    file's properties and the size it is planned at. With the template, all a writer needs."""

    slides: tuple[SlidePlan, ...]
    faces: Faces
    properties: Properties
    size: tuple[float, float]   # inches, as planned (the template may scale it)


def runs_of(text: str, terms: tuple[str, ...], emphasis_colour: str) -> tuple[Run, ...]:
    """Split `text` into runs around every occurrence of `terms` (longest first), the emphasised
    ones bold in `emphasis_colour`."""
    if not terms or not text:
        return (Run(text),)
    import re

    pattern = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    pieces = re.split(f"({pattern})", text)
    return tuple(Run(piece, True, emphasis_colour) if index % 2 else Run(piece)
                 for index, piece in enumerate(pieces) if piece)


def scale_plan(plan: SlidePlan, factor: float) -> SlidePlan:
    """Return `plan` `factor` times as large: every box, indent and margin, every text size, line
    height and space. A deck is planned on a slide as wide as the Widescreen its theme's sizes are
    chosen for and written on its template's slide; text wraps alike, as box and type scale alike
    (which is what PowerPoint does to a deck it resizes)."""
    if factor == 1:
        return plan
    return replace(plan, items=tuple(_scaled(item, factor) for item in plan.items))


def _scaled(item: Any, k: float) -> Any:
    if isinstance(item, Box):
        return Box(item.left * k, item.top * k, item.width * k, item.height * k)
    if isinstance(item, Para):
        return replace(item, size=item.size * k, line=item.line * k, space_after=item.space_after * k,
                       indent=item.indent * k, tab=item.tab * k)
    if isinstance(item, TextBlock):
        return replace(item, box=_scaled(item.box, k), margin=item.margin * k,
                       paras=tuple(_scaled(p, k) for p in item.paras))
    if isinstance(item, Shape):
        return replace(item, box=_scaled(item.box, k), text=_scaled(item.text, k) if item.text else None)
    if isinstance(item, (Picture, ChartSlot)):
        return replace(item, box=_scaled(item.box, k))
    if isinstance(item, Table):
        return replace(item, box=_scaled(item.box, k), widths=tuple(w * k for w in item.widths),
                       heights=tuple(h * k for h in item.heights), margin=item.margin * k, least=item.least * k,
                       rows=tuple(tuple(tuple(_scaled(p, k) for p in cell) for cell in row) for row in item.rows))
    return item
