"""The validated content model: a deck, its slide kinds, chart definitions and their data.

Every class here is a `briefing.model.schema` model that rejects unknown keys. Fields typed `Text` are Jinja2
templates in the source and plain text after `templating.render_deck`; nothing else is rendered.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, Union

from briefing.model.schema import AfterValidator, Field, StringConstraints
from briefing.model.schema import Model as _Schema

from briefing import FULL_DECK


class TextMarker:
    """Marks a str field as templated text (see `templating.render_deck`)."""

    def __repr__(self) -> str:
        return "Text"


TEXT = TextMarker()
Text = Annotated[str, TEXT]
NAME_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
ISSUED_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
VARIABLE_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"
Name = Annotated[str, StringConstraints(pattern=NAME_PATTERN, max_length=60,
                                        meaning="a name of lower-case letters, digits and hyphens")]
Month = Annotated[str, StringConstraints(pattern=MONTH_PATTERN, meaning="a month written YYYY-MM, like 2011-09")]
def _in_the_calendar(value: str) -> str:
    import datetime as dt

    try:
        dt.date(*([*map(int, value.split("-")), 1, 1][:3]))
    except ValueError:
        raise ValueError(f"{value} is not a date in the calendar") from None
    return value


Issued = Annotated[str, StringConstraints(pattern=ISSUED_PATTERN,
                                          meaning="a date written YYYY, YYYY-MM or YYYY-MM-DD, like 2018-03"),
                   AfterValidator(_in_the_calendar)]
"""When a deck was issued, YYYY, YYYY-MM or YYYY-MM-DD: the date written into the file's properties."""
Variables = dict[Annotated[str, StringConstraints(pattern=VARIABLE_PATTERN,
                                                 meaning="a variable name of letters, digits and _")], str]
"""A month written YYYY-MM; each language shows it in its own way (see `locale.month_label`)."""

MAX_SLIDES = 200
"""A briefing is read in one sitting: a deck of more slides is a mistake (or an attack on the build)."""

Items = Annotated[list[Text], Field(min_length=1, max_length=6)]
"""A box holds at most six items: more cannot be read from the back of a meeting room."""


class Model(_Schema):
    """Base of every content model: unknown keys are errors, values are immutable."""


# --- slides -----------------------------------------------------------------------------------

class FitOverride(Model):
    """A slide's own floor sizes, replacing the theme's `fit` for its text."""

    floor: Annotated[float, Field(ge=12, le=60)] | None = None
    title_floor: Annotated[float, Field(ge=12, le=60)] | None = None


class Slide(Model):
    """Fields every slide has; `layout` selects the subclass (see `layouts.LAYOUTS`)."""

    id: Name
    layout: str
    notes: Text = ""
    """What the presenter says: the deck's speaker notes."""
    review: Text = ""
    """Remarks for the team (sources to check, open questions): never written into any deck;
    `outline` and `diff` show them."""
    title: Text = ""
    fit: FitOverride | None = None
    figures_differ: Annotated[list[Annotated[str, StringConstraints(min_length=1)]], Field(max_length=60)] = []
    """Fields of this slide whose figures differ from the other edition's on purpose, named as the
    figure check names them (`notes`, `cases.items[2].text`): the check passes over them."""

    kind: ClassVar[str] = ""
    _path: tuple[str | int, ...] = ()

    @property
    def path(self) -> tuple[str | int, ...]:
        """Where the slide stands in its deck file, e.g. ("slides", 3): it travels with the slide."""
        return self._path


class ChartText(Model):
    """The words around a chart: they belong to the deck's language, the data to `charts/`."""

    name: Name
    title: Text
    subtitle: Text = ""
    axis: Text = ""
    source: Text
    approx_note: Text = "Hatched bars: rounded figures as published"
    alt: Text = ""
    """What the chart shows, for screen readers; by default written from its data."""


class Nested(Model):
    """A list item with sub-items, one level deep: `{text: ..., items: [...]}`."""

    text: Text
    items: Annotated[list[Text], Field(min_length=1, max_length=4)]

    @classmethod
    def _before(cls, value: Any) -> Any:
        if isinstance(value, dict) and "text" not in value:
            keys = ", ".join(f"'{k}'" for k in value)
            raise ValueError(f"expected text, or text with sub-items ({{text: ..., items: [...]}}); got a "
                             f"mapping of {keys}: an item whose text holds ': ' must be in quotes")
        return value


Item = Union[Text, Nested]
"""A list item: text, or (written as a mapping) text with sub-items."""

ItemList = Annotated[list[Item], Field(min_length=1, max_length=6)]
"""Items that may have sub-items; at most six, as `Items`."""


# --- deck -------------------------------------------------------------------------------------

class DeckHeader(Model):
    """A deck file's metadata; its `slides` are validated one by one by their layouts' models."""

    title: Text
    subtitle: Text = ""
    organisation: Text
    date: Text
    handling: Text = ""
    footer: Text = ""
    issued: Issued | None = None
    language: Literal["en", "ja"] = "en"
    theme: Name = "default"
    vars: Variables = {}
    slides: Annotated[list[dict[str, Any]], Field(min_length=1, max_length=MAX_SLIDES)]


class AudienceProfile(Model):
    """`content/<deck>/audiences/<name>.yaml`: how one audience's variant departs from the deck."""

    name: Annotated[str, StringConstraints(min_length=1)]
    title: Text | None = None
    subtitle: Text | None = None
    date: Text | None = None
    handling: Text | None = None
    footer: Text | None = None
    issued: Issued | None = None
    vars: Variables = {}
    # A deck has at most MAX_SLIDES slides, so a longer list can only repeat ids.
    slides: Annotated[list[Name], Field(min_length=1, max_length=MAX_SLIDES)] | None = None
    exclude: Annotated[list[Name], Field(max_length=MAX_SLIDES)] = []
    overrides: dict[Name, dict[str, Any]] = {}
    emphasis: dict[Name, Annotated[list[Annotated[str, StringConstraints(min_length=1)]], Field(min_length=1)]] = {}

    HEADER_FIELDS: ClassVar[tuple[str, ...]] = ("title", "subtitle", "date", "handling", "footer", "issued")


class Deck(Model):
    """A validated deck, or one audience's variant of it: header fields plus typed slides, where
    each came from, and the words to emphasise per slide id."""

    name: str
    """The deck's folder name made fit for a file name: letters (of any script), digits, hyphens."""
    header: DeckHeader
    slides: list[Slide]
    source: Any = Field(exclude=True)
    """A SourceMap, or a source.Overlay when an audience profile replaced some fields."""
    audience: str = FULL_DECK
    audience_name: str = ""
    emphasis: dict[str, tuple[str, ...]] = {}
    unloaded: tuple[str, ...] = ()
    """Ids of slides whose fields did not validate: reported already, not "unknown" anywhere else."""
    files: tuple[Path, ...] = ()
    """Every file the deck's content came from besides themes, charts and templates."""

    @property
    def file(self) -> Path:
        return self.source.file


# --- charts -----------------------------------------------------------------------------------

Language = Literal["en", "ja"]
Source = Union[Annotated[str, StringConstraints(min_length=1)],
               Annotated[dict[Language, Annotated[str, StringConstraints(min_length=1)]], Field(min_length=1)]]
"""Where a figure was published: one text, or one per language (`{en: ..., ja: ...}`)."""


class ChartRow(Model):
    """One row of chart data: an x value, any number of series, and its provenance (or the data
    file's, when the file gives one `source` for all its rows)."""

    extra = "allow"
    approx: bool = False
    vintage: str = ""
    source: Source | None = None


class Scale(Model):
    """How one language shows a chart's values: divided by `divide`, in `unit` (yen shown as
    "JPY billion" in English, as 億円 in Japanese)."""

    divide: Annotated[float, Field(gt=0)] = 1
    unit: str = ""


def _relative_yaml(value: str) -> str:
    if re.match(r"^[A-Za-z][\w+.-]*:", value) or value.startswith(("/", "\\")) or ".." in Path(value).parts:
        raise ValueError("must be a path inside charts/, like data/nict-darknet.yaml (no URL, no absolute "
                         "path, no ..)")
    if not value.endswith((".yaml", ".yml")):
        raise ValueError("must be a YAML file (.yaml), like data/nict-darknet.yaml")
    return value


class ChartDefinition(Model):
    """A chart in `charts/<name>.yaml`: which data, which columns, which range of x."""

    kind: Literal["bar"] = "bar"
    data: Annotated[str, AfterValidator(_relative_yaml)]
    table: str
    x: str
    y: str
    first: int
    last: int
    footnote: str = ""
    render: Literal["picture", "native"] = "picture"
    """picture: drawn by Matplotlib (SVG, and PNG for older viewers); native: an editable PowerPoint chart."""
    scale: dict[Language, Scale] = {}


class ChartSeries(Model):
    """The points a chart draws, after validation: one entry per x value in range, and the files
    they came from (left out of dumps, so they are not part of the chart's cache key)."""

    name: Name
    kind: str
    years: tuple[int, ...]
    values: tuple[float, ...]
    approx: tuple[bool, ...]
    sources: dict[str, tuple[str, ...]]
    """The publications the figures come from, per language ("" when the same in every language)."""
    footnote: str = ""
    render: str = "picture"
    scale: dict[str, Scale] = {}
    decimals: tuple[int, ...] = ()
    """The decimals each value is written with in the data (11.50: 2), kept when it is shown."""
    files: tuple[Path, ...] = Field(default=(), exclude=True)
    source_map: Any = Field(default=None, exclude=True)
    """Where the chart definition's fields stand, for problems found when the chart is planned."""

    def sources_in(self, language: str) -> tuple[str, ...]:
        """The sources as the deck's language gives them (or as given for every language)."""
        return self.sources.get(language) or self.sources.get("") or next(iter(self.sources.values()), ())

    def scale_in(self, language: str) -> Scale:
        return self.scale.get(language) or Scale()
