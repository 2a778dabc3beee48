"""What every layout shares: its registry record, and the page a planner places its boxes on.

A planner is a function `plan(slide, page)`: it reads the validated, rendered slide and adds boxes
to the page through the helpers here (text, shapes, bullets, the title and chrome). Positions come
from the theme's grid and sizes from the theme's named sizes, so a ministry restyles its decks in
the theme file. Nothing here measures or writes: fitting and the writer come after.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable

from briefing.errors import Problem, field_name
from briefing.layout.complete import complete_slide
from briefing.model.deck import ChartText, Nested, Slide
from briefing.layout.plan import HEADER, Box, ChartSlot, Fit, FieldPath, Item, Para, Picture, Shape, SlidePlan, TextBlock, runs_of


FILL = 0.62
"""Of its box's height: what a short list (or table) is spread over at least, by opening the space
between its items (or rows) once its type has grown as far as the theme's ceiling lets it."""


def _none(slide: Slide) -> list:
    return []


@dataclass(frozen=True)
class Layout:
    """One layout: the `layout:` name that selects it, its slide model, its planner, what it asks
    the build to load (charts and images, with where the slide names them) and which of its
    fields are facts that every language edition must have alike."""

    name: str
    model: type[Slide]
    plan: Callable[[Any, Page], None]
    role: str = "content"       # the master layout it sits on: cover, section or content
    charts: Callable[[Any], list[tuple[ChartText, FieldPath]]] = _none
    images: Callable[[Any], list[tuple[str, FieldPath]]] = _none
    facts: tuple[FieldPath, ...] = ()
    listed: bool = False        # an agenda lists the titles of slides of this layout


@dataclass
class Page:
    """The slide being planned: the deck's facts, the theme, and the boxes placed so far."""

    slide: Slide
    header: Any                 # the deck's DeckHeader
    theme: Any                  # the deck's Theme
    number: int
    emphasis: tuple[str, ...] = ()
    charts: dict[str, Any] = field(default_factory=dict)     # chart name -> ChartSeries
    images: dict[str, Any] = field(default_factory=dict)     # image path -> images.Image
    sections: list[str] = field(default_factory=list)        # titles an agenda lists
    source: Any = None          # locates the slide's fields, for problems found while planning
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    background: str = ""
    role: str = "content"       # the kind of slide: cover, section or content (its layout's role)

    # --- the theme, by name ---------------------------------------------------------------------
    @property
    def grid(self):
        return self.theme.grid

    @property
    def sizes(self):
        return self.theme.sizes

    @property
    def colours(self):
        return self.theme.colours

    @property
    def body(self) -> Box:
        return self.theme.grid.region("body")

    def _room_for_mark(self, box: Box, decorative: bool) -> Box | None:
        """Where the handling mark goes on a template: top right, clear of its artwork (narrowed, not
        lowered); where the artwork leaves no room there, at the foot of a cover; on a slide whose
        footer says it already, nowhere."""
        template = self.theme.template
        if template is None:
            return box
        places = (box,) if decorative else (box, replace(box, top=self.grid.footer_top))
        for place in places:
            free = template.clear(self.role, place)
            if template.unobstructed(self.role, free) and free.height >= place.height - 1e-6 \
                    and free.width >= place.width / 3:
                return free
        return None if decorative else box

    def clear(self, box: Box) -> Box:
        """`box`, or on an organisation's template the largest part of it clear of the artwork (logos,
        pictures, bands) its layout shows outside its placeholders."""
        template = self.theme.template
        return template.clear(self.role, box) if template is not None else box

    @property
    def language(self) -> str:
        return self.header.language

    @property
    def decorated(self) -> bool:
        """Whether the default look's band, rules and bars are drawn (not on a template of one's own)."""
        return self.theme.decorated

    @property
    def regions(self) -> Any:
        """Where the organisation's template puts titles and subtitles (`master.Regions`), or None
        on the default master, whose layouts the grid describes."""
        template = self.theme.template
        return template.regions if template is not None else None

    # --- text ------------------------------------------------------------------------------------
    def emphasises(self, text: str) -> bool:
        """Whether `text` holds a word the audience profile emphasises on this slide."""
        return any(term in text for term in self.emphasis)

    def para(self, text: str, size: float, *, bold: bool = False, colour: str = "", plain: bool = False,
             **setting: Any) -> Para:
        """Return a paragraph of `text`; the words the audience emphasises turn bold, in the accent
        colour (or only bold, on a filled shape whose text is the background colour)."""
        colour = colour or self.colours.text
        strong = colour if colour == self.colours.background else self.colours.accent
        runs = runs_of(text, () if plain else self.emphasis, strong)
        return Para(runs, size, bold=bold, colour=colour, **setting)

    def bullets(self, items: list, size: float, *, numbered: bool = False, bullet: str = "•",
                indent: float = 0.3, space_after: float = 10, field: FieldPath = ()) -> list[Para]:
        """Return `items` (the slide's `field`) as bulleted (or numbered) paragraphs; an item with
        sub-items is followed by them, one level in, a size smaller. Each paragraph knows its field;
        the space after an item's last paragraph may open (`Fit.fill`)."""
        paras = []
        for number, item in enumerate(items):
            nested = isinstance(item, Nested)
            text = item.text if nested else item
            mark = {"numbering": "arabicParenBoth"} if numbered else {"bullet": bullet}
            where = (field + (number, "text") if nested else field + (number,)) if field else ()
            subs = item.items if nested else []
            paras.append(self.para(text, size, indent=indent, space_after=space_after, field=where, opens=not subs,
                                   **mark))
            for index, sub in enumerate(subs):
                # Sub-items sit close together; the last leaves (and may open) the room an item leaves.
                last = index == len(subs) - 1
                paras.append(self.para(sub, max(size - 2, self.theme.fit.floor), bullet="–", level=1,
                                       indent=indent, space_after=space_after if last else space_after / 2,
                                       opens=last, field=field + (number, "items", index) if field else ()))
        return paras

    def text(self, box: Box, paras: list[Para], name: str, field: FieldPath = (), *, anchor: str = "top",
             margin: float = 0.05, fit: Fit = Fit(), role: str = "", decorative: bool = False) -> TextBlock:
        """Place a text box; empty paragraphs are left out, and a box with none is not placed. The
        one paragraph of a box shows the box's field, unless it says its own."""
        shown = [p for p in paras if p.text]
        if len(shown) == 1 and not shown[0].field and field:
            shown = [replace(shown[0], field=field)]
        block = TextBlock(box, tuple(shown), name, field, anchor, margin, fit, role, decorative)
        if block.paras:
            self.items.append(block)
        return block

    def shape(self, kind: str, box: Box, fill: str, name: str, *, line: str = "", text: TextBlock | None = None,
              rounding: float | None = None) -> Shape:
        """Place an autoshape; with `text`, the text sits inside it."""
        shape = Shape(kind, box, fill, name, line, text, rounding)
        self.items.append(shape)
        return shape

    def height_of(self, paras: list[Para], width: float, margin: float = 0.05) -> float:
        """Return the inches `paras` take in a box `width` inches wide at their sizes, as fitting
        measures them: for areas that take only the room their text needs."""
        from briefing.layout.typeset import POINTS_PER_INCH, Policy, needed_height

        inner = (width - 2 * margin) * POINTS_PER_INCH
        shown = [p for p in paras if p.text]
        return needed_height(shown, inner, Policy.of(self.theme, {})) / POINTS_PER_INCH + 2 * margin

    def grown_height(self, paras: list[Para], width: float, margin: float = 0.05) -> float:
        """Return the inches `paras` take at the theme's ceiling (their spaces grown with them), as
        a text allowed to grow takes them at most: for areas drawn around a text that may grow."""
        ceiling = self.theme.fit.ceiling
        grown = [replace(p, size=max(p.size, ceiling), space_after=p.space_after * max(p.size, ceiling) / p.size,
                         indent=p.indent * max(p.size, ceiling) / p.size) for p in paras]
        return self.height_of(grown, width, margin)

    def inside(self, box: Box, paras: list[Para], name: str, field: FieldPath = (), *, anchor: str = "middle",
               margin: float = 0.1, fit: Fit = Fit()) -> TextBlock:
        """Return a text block for the inside of a shape at `box` (not placed on its own)."""
        return TextBlock(box, tuple(p for p in paras if p.text), name, field, anchor, margin, fit)

    def picture(self, box: Box, image: Any, alt: str, name: str) -> None:
        self.items.append(Picture(box, image, alt, name))

    def chart(self, box: Box, chart: ChartText, series: Any, alt: str, name: str) -> None:
        self.items.append(ChartSlot(box, chart, series, alt, name))

    def add(self, item: Item) -> None:
        self.items.append(item)

    # --- the frame of a content slide ------------------------------------------------------------
    def content_title(self, title: str, field: FieldPath = ("title",)) -> None:
        """Place the title on one line above the rule, then the band and the rule."""
        grid, colours = self.grid, self.colours
        self.text(self.clear(grid.region("title")), [self.para(title, self.sizes.title, bold=True, colour=colours.title,
                                                   space_after=0)],
                  "Title", field, anchor="middle", margin=0.0, fit=Fit(floor="title", one_line=True), role="title")
        if self.decorated:
            self.shape("rect", Box(0, 0, grid.width, grid.band), colours.title, "Band")
            self.shape("rect", Box(grid.margin, grid.rule_top, grid.content_width, 0.02), colours.rule, "Rule")

    def problem(self, path: FieldPath, message: str, source: Any = None) -> None:
        """Report something wrong with the slide that only planning finds; with `source`, in another
        file (a chart definition) at `path` there."""
        full = path if source is not None else self.slide.path + path
        source = source if source is not None else self.source
        if source is not None:
            self.problems.append(Problem(source.locate(full), field_name(full), message))

    def footer(self) -> None:
        """Place the organisation and handling mark bottom left and the slide number bottom right;
        the handling mark top right too, which screen readers skip, having read it in the footer."""
        sizes, grid, header = self.sizes, self.grid, self.header
        colour = self.colours.panel if self.background else self.colours.muted
        left = "  |  ".join(t for t in (header.footer or header.organisation, header.handling) if t)
        region = self.clear(grid.region("footer"))
        text_box, number_box = region.columns(2, gutter=0.2, weights=[region.width - 1.2, 1.0])
        where = HEADER + ("footer" if header.footer else "handling",)
        self.text(text_box, [self.para(left, sizes.footer, colour=colour, space_after=0, plain=True)], "Footer",
                  where, anchor="middle")
        template = self.theme.template
        if template is None or not template.numbers_slides(self.role):
            # A template whose artwork numbers the slides (a field in a roundel) is not numbered twice.
            number = Para(runs_of(str(self.number), (), ""), sizes.footer, colour=colour, align="right",
                          space_after=0)
            self.items.append(TextBlock(number_box, (number,), "Slide Number", (), "middle", slide_number=True))
        self.handling_mark(decorative=True)

    def handling_mark(self, decorative: bool = False) -> None:
        """Place the deck's handling mark (if any) top right, in the accent colour."""
        handling, grid = self.header.handling, self.grid
        if handling:
            colour = self.colours.panel if self.background else self.colours.accent
            top = grid.band + 0.02 if self.decorated else max(0.02, grid.title_top - 0.36)
            box = self._room_for_mark(Box(grid.width - grid.margin - grid.content_width * 0.66, top,
                                          grid.content_width * 0.66, 0.34), decorative)
            if box is None:
                return
            self.text(box, [self.para(handling, self.sizes.footer, bold=True, colour=colour, align="right",
                                      space_after=0, plain=True)], "Handling", HEADER + ("handling",),
                      decorative=decorative)


def plan_slide(layout: Layout, page: Page) -> SlidePlan:
    """Return the plan of `page.slide`: its layout's boxes, then the footer (the cover has none)."""
    slide = page.slide
    page.role = layout.role
    layout.plan(slide, page)
    if layout.role == "cover":
        page.handling_mark()
    else:
        page.footer()
    floors = {k: v for k, v in (slide.fit.dump() if slide.fit else {}).items() if v is not None}
    title = next((i.text for i in page.items if isinstance(i, TextBlock) and i.role == "title"), "")
    plan = SlidePlan(slide.id, slide.kind, layout.role, title, tuple(page.items), slide.notes, slide.review,
                     page.background, slide.path, floors)
    return complete_slide(plan, page.theme, page.language)
