"""The fixture projects planned and fitted once, and what the stage tests read from a plan.

Every fixture project (`tests/fixtures/<name>`, with the repo's templates) is loaded, rendered,
planned and fitted once a session, in every variant and language, exactly as `check` does: no
deck is written. Tests of the layout and fit stages assert on these plans, or plan one slide
again with some of its fields replaced (`replan`), which takes milliseconds.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.commands.pipeline import plan_all, plan_deck, render_all
from briefing.errors import Problem
from briefing.layout.plan import Box, ChartSlot, Para, Picture, Shape, SlidePlan, Table, TextBlock
from briefing.load.content import Loaded
from briefing.load.project import Project
from briefing.model.deck import Deck, Slide

TESTS = Path(__file__).resolve().parent.parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
FIXTURE_PROJECTS = ("project", "oda")
"""The fixture projects whose slides the stage tests read: the sampler and the ODA deck."""

SAMPLER = "content/sampler/deck.yaml"
ODA = "content/oda-priorities/deck.yaml"
ODA_JA = "content/oda-priorities/deck.ja.yaml"

POINTS_PER_INCH = 72
ON_THE_PAGE = 1e-3      # inches a box may stand past the page's edge: rounding, nothing a viewer sees
OVERLAP = 1e-3          # inches two boxes may share: boxes that touch do not overlap
OVER_THE_BOX = 0.5      # points a text may stand past its box, as fitting allows


@dataclass(frozen=True)
class Variant:
    """One variant of a fixture deck, planned and fitted: its deck, its slides' plans, what it loaded."""

    project: str            # the fixture folder, tests/fixtures/<project>
    loaded: Loaded
    deck: Deck
    plans: tuple[SlidePlan, ...]

    @property
    def language(self) -> str:
        return self.deck.header.language

    @property
    def audience(self) -> str:
        return self.deck.audience

    @property
    def theme(self) -> Any:
        return self.loaded.themes[self.deck.header.theme]

    @property
    def label(self) -> str:
        return f"{self.project}: {self.deck.name}-{self.audience}-{self.language}"

    def plan(self, slide_id: str) -> SlidePlan:
        found = [p for p in self.plans if p.id == slide_id]
        assert found, f"{self.label}: no slide {slide_id!r}: {[p.id for p in self.plans]}"
        return found[0]

    def slide(self, slide_id: str) -> Slide:
        found = [s for s in self.deck.slides if s.id == slide_id]
        assert found, f"{self.label}: no slide {slide_id!r}"
        return found[0]


_PLANNED: dict[str, list[Variant]] = {}


def planned_fixtures(tmp_path_factory: Any) -> list[Variant]:
    """Every variant of every fixture project, planned and fitted once a session (copied with the
    repo's templates into a temporary folder, so nothing under tests/ is touched)."""
    if "all" not in _PLANNED:
        variants = []
        for name in FIXTURE_PROJECTS:
            root = tmp_path_factory.mktemp("planned") / name
            shutil.copytree(FIXTURES / name, root)
            shutil.copytree(REPO / "templates", root / "templates")
            loaded, decks = render_all(Project(root))
            variants += [Variant(name, loaded, p.deck, tuple(p.plans)) for p in plan_all(loaded, decks)]
        _PLANNED["all"] = variants
    return _PLANNED["all"]


def variant(variants: list[Variant], project: str, language: str = "en", audience: str = "full") -> Variant:
    """The variant of a fixture project in `language` for `audience` ("full": the whole deck)."""
    found = [v for v in variants if (v.project, v.language, v.audience) == (project, language, audience)]
    assert found, f"no variant {project}/{audience}/{language}: {[v.label for v in variants]}"
    return found[0]


def replan(source: Variant, slide_id: str, *, language: str | None = None, **fields: Any
           ) -> tuple[SlidePlan, list[Problem]]:
    """Plan and fit `source`'s deck again, as the build does, with `fields` of one slide replaced
    (and the deck's language, when given); return that slide's fitted plan and the problems of
    the deck's planning and fitting. The fields are not validated: give what a deck could say."""
    slides = [s.copy(update=fields) if s.id == slide_id else s for s in source.deck.slides]
    assert any(s.id == slide_id for s in slides), f"{source.label}: no slide {slide_id!r}"
    header = source.deck.header.copy(update={"language": language}) if language else source.deck.header
    deck = source.deck.copy(update={"slides": slides, "header": header})
    plans, problems = plan_deck(deck, source.loaded)
    return next(p for p in plans if p.id == slide_id), problems


def edit(project: Project, relative: str, old: str, new: str) -> None:
    """Replace the first `old` in the project's file `relative` by `new` (which must be there)."""
    path = project.root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- reading a plan ------------------------------------------------------------------------------

def texts(plan: SlidePlan) -> dict[str, str]:
    """{name: text} of every text block of the plan, those inside shapes too."""
    return {block.name: block.text for block in plan.texts()}


def block(plan: SlidePlan, name: str) -> TextBlock:
    """The text block (on its own or inside a shape) named `name`."""
    found = [b for b in plan.texts() if b.name == name]
    assert len(found) == 1, f"{plan.id}: {len(found)} text blocks named {name!r}: {list(texts(plan))}"
    return found[0]


def item(plan: SlidePlan, name: str) -> Any:
    """The one item of the plan named `name`."""
    found = [i for i in plan.items if i.name == name]
    assert len(found) == 1, f"{plan.id}: {len(found)} items named {name!r}: {[i.name for i in plan.items]}"
    return found[0]


def items_of(plan: SlidePlan, kind: type) -> list[Any]:
    return [i for i in plan.items if isinstance(i, kind)]


def sizes(paras: Any) -> set[float]:
    """The sizes of `paras`: a text block's, or a table's every cell."""
    if isinstance(paras, TextBlock):
        return {p.size for p in paras.paras}
    if isinstance(paras, Table):
        return {p.size for row in paras.rows for cell in row for p in cell}
    return {p.size for p in paras}


def cell_texts(table: Table) -> list[list[str]]:
    return [["\n".join(p.text for p in cell) for cell in row] for row in table.rows]


def every_para(plan: SlidePlan) -> Iterator[tuple[str, Para, TextBlock | None]]:
    """Every paragraph of the plan with where it stands (a block's name, or a table's cell) and its
    block (None for a table's cells)."""
    for b in plan.texts():
        for para in b.paras:
            yield b.name, para, b
    for table in items_of(plan, Table):
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                for para in cell:
                    yield f"{table.name} row {r} column {c}", para, None


def every_box(plan: SlidePlan) -> Iterator[tuple[str, Box]]:
    """Every box of the plan: its items', the text inside its shapes, its tables' rows as set."""
    for i in plan.items:
        yield i.name, i.box
        if isinstance(i, Shape) and i.text is not None:
            yield f"{i.name} (its text)", i.text.box
        if isinstance(i, Table):
            yield f"{i.name} (as set)", table_as_set(i)


def table_as_set(table: Table) -> Box:
    """The table as written: its columns' widths and its fitted rows' heights (it does not stretch
    to fill its box)."""
    return Box(table.box.left, table.box.top, sum(table.widths), sum(table.heights) or table.box.height)


def text_bearing(plan: SlidePlan) -> list[tuple[str, Box, TextBlock | None]]:
    """The boxes that hold text or stand for it (a chart, a picture) with their text block, if any.
    A shape without text is decoration, which text may sit on; a shape's text is compared as its
    shape's box."""
    found = []
    for i in plan.items:
        if isinstance(i, TextBlock):
            found.append((i.name, i.box, i))
        elif isinstance(i, Shape) and i.text is not None:
            found.append((i.name, i.box, None))
        elif isinstance(i, (Picture, ChartSlot)):
            found.append((i.name, i.box, None))
        elif isinstance(i, Table):
            found.append((i.name, table_as_set(i), None))
    return found


def overlap(a: Box, b: Box) -> tuple[float, float]:
    """How far two boxes overlap across and down (inches; 0 or less: not at all)."""
    return min(a.right, b.right) - max(a.left, b.left), min(a.bottom, b.bottom) - max(a.top, b.top)


def used_height(b: TextBlock) -> float:
    """Points the block's fitted lines take: lines times their height, and the space between
    paragraphs."""
    return (sum(len(p.lines) * p.line for p in b.paras) + sum(p.space_after for p in b.paras[:-1]))


def set_text(b: TextBlock) -> tuple[float, float]:
    """Where the block's lines stand, top and bottom in inches, as its anchor places them."""
    used = used_height(b) / POINTS_PER_INCH
    if b.anchor == "middle":
        top = b.box.top + (b.box.height - used) / 2
    elif b.anchor == "bottom":
        top = b.box.bottom - b.margin - used
    else:
        top = b.box.top + b.margin
    return top, top + used


# --- how much of the body a slide uses -------------------------------------------------------------

AREA = 0.5      # inches a shape without text is at least, both ways, to count as filling room (a panel,
                # not an accent edge, a rule or a beam)


def body_extents(plan: SlidePlan, body: Box) -> list[tuple[float, float, str]]:
    """Where the body's content stands down the slide (top, bottom in inches, and the item's name),
    clipped to the body region: a text's set lines (not its box), a shape's box when it holds text
    or is an area (a panel, a card), a table's fitted rows, a picture's or a chart's box. The title,
    the footer and the handling mark stand outside the body, or are left out."""
    found = []
    for i in plan.items:
        if isinstance(i, TextBlock):
            if i.role or i.slide_number or i.field[:1] == ("..",) or not i.paras:
                continue
            top, bottom = set_text(i) if all(p.lines for p in i.paras) else (i.box.top, i.box.bottom)
        elif isinstance(i, Shape):
            if i.text is None and min(i.box.width, i.box.height) < AREA:
                continue
            top, bottom = i.box.top, i.box.bottom
        elif isinstance(i, Table):
            box = table_as_set(i)
            top, bottom = box.top, box.bottom
        else:
            top, bottom = i.box.top, i.box.bottom
        top, bottom = max(top, body.top), min(bottom, body.bottom)
        if bottom > top:
            found.append((top, bottom, i.name))
    return found


def coverage(plan: SlidePlan, body: Box) -> float:
    """The share of the body region's height that the body's content covers (`body_extents`, as a
    union: two items side by side cover their common height once)."""
    covered, reach = 0.0, body.top
    for top, bottom, _ in sorted(body_extents(plan, body)):
        if bottom > reach:
            covered += bottom - max(top, reach)
            reach = bottom
    return covered / body.height
