"""Every layout of the registry, on real slides of the fixture decks, in English and Japanese: its
fitted plan keeps every box on the page, no text over another, every text of the slide placed,
sized at or above its floor, set in lines that fit its box, and every box named.

The tests run once per layout and language. A layout added to LAYOUTS without a slide in the
fixture decks fails here, by name: give it a slide in tests/fixtures/oda (deck.yaml and
deck.ja.yaml), as "To add a layout" in README.md asks.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Callable

import pytest

from briefing.errors import field_name
from briefing.layout.plan import ChartSlot, Picture, Shape, SlidePlan, Table, TextBlock
from briefing.layout.registry import LAYOUTS
from briefing.model.deck import Slide
from briefing.text.locale import month_label
from tests.layout.plans import (FIXTURE_PROJECTS, ON_THE_PAGE, OVER_THE_BOX, OVERLAP, POINTS_PER_INCH, Variant,
                                every_box, every_para, items_of, overlap, set_text, text_bearing, texts, used_height)

LANGUAGES = ("en", "ja")
"""The languages of the fixture decks: every layout is tried in each."""

NOT_SHOWN = {"id", "layout", "notes", "review", "fit"}
"""Fields of every slide that are not on it: its id and layout, speaker and review notes, floors."""

EAST_ASIAN = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


class Sample:
    """One slide of a fixture variant: its validated, rendered model and its fitted plan."""

    def __init__(self, variant: Variant, number: int, slide: Slide, plan: SlidePlan):
        self.variant, self.number, self.slide, self.plan = variant, number, slide, plan

    @property
    def theme(self) -> Any:
        return self.variant.theme

    def __str__(self) -> str:
        return f"{self.variant.label}, slide {self.number} ({self.slide.id!r})"


@pytest.fixture(scope="module")
def samples(variants: list[Variant]) -> dict[tuple[str, str], list[Sample]]:
    """Every slide of every fixture variant by (layout, language)."""
    found: dict[tuple[str, str], list[Sample]] = {}
    for v in variants:
        assert [p.id for p in v.plans] == [s.id for s in v.deck.slides], v.label
        for number, (slide, plan) in enumerate(zip(v.deck.slides, v.plans), start=1):
            found.setdefault((slide.kind, v.language), []).append(Sample(v, number, slide, plan))
    return found


def slides_of(samples: dict[tuple[str, str], list[Sample]], layout: str, language: str) -> list[Sample]:
    found = samples.get((layout, language), [])
    if not found:
        folders = ", ".join(f"tests/fixtures/{name}" for name in FIXTURE_PROJECTS)
        pytest.fail(f"layout {layout!r} has no slide in {language} in the fixture decks ({folders}): give it one in "
                    "tests/fixtures/oda/content/oda-priorities/deck.yaml and deck.ja.yaml, so that its plans are "
                    "tested (see 'To add a layout' in README.md)")
    return found


every_layout = pytest.mark.parametrize("layout", list(LAYOUTS))
every_language = pytest.mark.parametrize("language", LANGUAGES)


def _failures(found: list[str]) -> str:
    return "\n".join(found)


# --- on the page -----------------------------------------------------------------------------------

@every_language
@every_layout
def test_every_box_lies_inside_the_page(samples, layout, language):
    """Every box (text, shape, picture, chart, table as set) on the theme's page; a shape's text in its shape."""
    outside = []
    for sample in slides_of(samples, layout, language):
        grid = sample.theme.grid
        for name, box in every_box(sample.plan):
            if not (box.left >= -ON_THE_PAGE and box.top >= -ON_THE_PAGE and box.right <= grid.width + ON_THE_PAGE
                    and box.bottom <= grid.height + ON_THE_PAGE and box.width > 0 and box.height > 0):
                outside.append(f"{sample}: {name} at {box} is not inside the {grid.width} x {grid.height} page")
        for shape in (s for s in items_of(sample.plan, Shape) if s.text is not None):
            inner, outer = shape.text.box, shape.box
            if not (inner.left >= outer.left - ON_THE_PAGE and inner.top >= outer.top - ON_THE_PAGE
                    and inner.right <= outer.right + ON_THE_PAGE and inner.bottom <= outer.bottom + ON_THE_PAGE):
                outside.append(f"{sample}: the text of {shape.name} at {inner} is not inside its shape at {outer}")
    assert not outside, _failures(outside)


def _may_share(a: TextBlock | None, b: TextBlock | None) -> bool:
    """A decorative text (the handling mark, read in the footer already) may stand in another text's
    box, as long as their lines, as their anchors set them, stay apart."""
    if a is None or b is None or not (a.decorative or b.decorative):
        return False
    (top_a, bottom_a), (top_b, bottom_b) = set_text(a), set_text(b)
    return bottom_a <= top_b + OVERLAP or bottom_b <= top_a + OVERLAP


@every_language
@every_layout
def test_no_text_stands_over_another(samples, layout, language):
    """Texts, tables, charts and pictures do not overlap; decoration without text may lie under them."""
    over = []
    for sample in slides_of(samples, layout, language):
        boxes = text_bearing(sample.plan)
        for index, (name, box, block) in enumerate(boxes):
            for other, other_box, other_block in boxes[index + 1:]:
                across, down = overlap(box, other_box)
                if across > OVERLAP and down > OVERLAP and not _may_share(block, other_block):
                    over.append(f"{sample}: {name} at {box} and {other} at {other_box} overlap "
                                f"({across:.2f} x {down:.2f} in)")
    assert not over, _failures(over)


# --- every text placed -----------------------------------------------------------------------------

def _leaves(value: Any, path: tuple = ()) -> list[tuple[tuple, str]]:
    """Every string inside `value` (a slide's fields as plain data) with its field path."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [leaf for key, v in value.items() for leaf in _leaves(v, path + (key,))]
    if isinstance(value, (list, tuple)):
        return [leaf for index, v in enumerate(value) for leaf in _leaves(v, path + (index,))]
    return []


def _general(path: tuple) -> tuple:
    return tuple("*" if isinstance(part, int) else part for part in path)


def _picture(sample: Sample, path: tuple, value: str) -> list[str]:
    pictures = items_of(sample.plan, Picture)
    image = sample.variant.loaded.images.get(value)
    if image is None or [p.image for p in pictures] != [image]:
        return [f"{sample}: the picture {value!r} is not shown (pictures: {[p.name for p in pictures]})"]
    return []


def _picture_alt(sample: Sample, path: tuple, value: str) -> list[str]:
    if [p.alt for p in items_of(sample.plan, Picture)] != [value]:
        return [f"{sample}: the picture does not say {value!r} to a screen reader"]
    return []


def _chart(sample: Sample, path: tuple, value: str) -> list[str]:
    """The chart's name, axis, notes and alternative text travel with its slot to the drawer."""
    slots = items_of(sample.plan, ChartSlot)
    chart = sample.slide.chart
    if len(slots) != 1 or slots[0].chart != chart or slots[0].series.name != chart.name:
        return [f"{sample}: {field_name(path)} {value!r} does not reach the chart (slots: {slots})"]
    if path == ("chart", "alt") and value and slots[0].alt != value:
        return [f"{sample}: the chart does not say its alt {value!r} to a screen reader, but {slots[0].alt!r}"]
    return []


def _chart_source(sample: Sample, path: tuple, value: str) -> list[str]:
    """The deck's source line is under the chart, unless the data's own source line says it already."""
    shown = "\n".join(b.text for b in sample.plan.texts() if b.field == ("chart", "source"))
    said = re.sub(r"^(source|sources|出典)\s*[:：]\s*", "", value.strip(), flags=re.IGNORECASE).casefold()
    if value not in shown.split("\n") and said not in shown.casefold():
        return [f"{sample}: the chart's source {value!r} is not under it: {shown!r}"]
    return []


def _shown_with_its_case(sample: Sample, path: tuple, value: str) -> list[str]:
    return []       # a case's date is placed with its text (see `_expected`)


SHOWN_OTHERWISE: dict[str, dict[tuple, Callable[[Sample, tuple, str], list[str]]]] = {
    "image": {("image",): _picture, ("alt",): _picture_alt},
    "chart-cases": {("chart", "name"): _chart, ("chart", "axis"): _chart, ("chart", "approx_note"): _chart,
                    ("chart", "alt"): _chart, ("chart", "source"): _chart_source,
                    ("cases", "items", "*", "date"): _shown_with_its_case},
}
"""Fields a layout shows other than as a text of its own, and how each is checked."""

COVER_DEFAULTS = ("title", "subtitle", "organisation", "date")
"""The cover's fields that are the deck's when the slide leaves them empty."""


def _expected(sample: Sample) -> tuple[list[tuple[str, str]], list[str]]:
    """The texts the slide's fields say it shows, each with its field, and what is missing of the
    fields shown otherwise (a picture, the words of a chart)."""
    slide, header, language = sample.slide, sample.variant.deck.header, sample.variant.language
    expected, missing = [], []
    for path, value in _leaves(slide.dump(exclude=NOT_SHOWN)):
        check = SHOWN_OTHERWISE.get(slide.kind, {}).get(_general(path))
        if check is not None:
            missing += check(sample, path, value)
            continue
        if slide.kind == "title" and path in [(name,) for name in COVER_DEFAULTS] and not value:
            value = getattr(header, path[0])
        if slide.kind == "chart-cases" and _general(path) == ("cases", "items", "*", "text"):
            value = f"{month_label(slide.cases.items[path[2]].date, language)}\t{value}"
        if value:
            expected.append((field_name(path), value))
    if slide.kind == "agenda" and slide.items is None:
        sections = [s.title for s in sample.variant.deck.slides if s.kind == "section"]
        expected += [(f"section {n}", title) for n, title in enumerate(sections, start=1)]
    return expected, missing


@every_language
@every_layout
def test_every_text_of_the_slide_is_placed(samples, layout, language):
    """Each field's text is a paragraph of the plan (a title, an item, a sub-item, a cell, a case
    with its date); a picture and the words drawn in a chart reach their items."""
    missing = []
    for sample in slides_of(samples, layout, language):
        expected, missing_otherwise = _expected(sample)
        assert expected, f"{sample}: no text expected: the walk over its fields found none"
        placed = Counter(para.text for _, para, _ in every_para(sample.plan))
        for field, text in expected:
            if placed[text] > 0:
                placed[text] -= 1
            else:
                missing.append(f"{sample}: {field} {text!r} is not placed")
        missing += missing_otherwise
        titles = [b for b in sample.plan.texts() if b.role == "title"]
        if [b.text for b in titles] != [sample.plan.title] or not sample.plan.title:
            missing.append(f"{sample}: one title expected, found {[b.text for b in titles]}")
    assert not missing, _failures(missing)


@every_language
@every_layout
def test_the_deck_header_is_on_every_slide(samples, layout, language):
    """The handling mark on every slide; the organisation (or footer) and the slide's number at the
    foot of every slide but the cover."""
    missing = []
    for sample in slides_of(samples, layout, language):
        header, shown = sample.variant.deck.header, texts(sample.plan)
        if header.handling and shown.get("Handling") != header.handling:
            missing.append(f"{sample}: the handling mark {header.handling!r} is not at the top: {shown.get('Handling')!r}")
        if LAYOUTS[layout].role == "cover":
            if "Footer" in shown or "Slide Number" in shown:
                missing.append(f"{sample}: the cover has a footer or a number")
            continue
        foot = header.footer or header.organisation
        if not shown.get("Footer", "").startswith(foot) or header.handling not in shown.get("Footer", ""):
            missing.append(f"{sample}: the footer {shown.get('Footer')!r} does not say {foot!r} and the handling mark")
        if shown.get("Slide Number") != str(sample.number):
            missing.append(f"{sample}: the slide number is {shown.get('Slide Number')!r}, not {sample.number}")
    assert not missing, _failures(missing)


# --- sized, set and named --------------------------------------------------------------------------

@every_language
@every_layout
def test_every_text_is_sized_at_or_above_its_floor(samples, layout, language):
    """Titles at or above the title floor, every other text (table cells too) at or above the floor."""
    small = []
    for sample in slides_of(samples, layout, language):
        fit, floors = sample.theme.fit, sample.plan.floors
        floor, title_floor = floors.get("floor") or fit.floor, floors.get("title_floor") or fit.title_floor
        for where, para, block in every_para(sample.plan):
            least = title_floor if block is not None and block.role == "title" else floor
            if not para.size > 0 or para.size < least:
                small.append(f"{sample}: {where} {para.text[:40]!r} is set at {para.size} pt, under {least} pt")
    assert not small, _failures(small)


def _line_faults(para: Any, spacing: Any) -> list[str]:
    """What is wrong with a fitted paragraph's lines: none, a line height that is not its size times
    its script's spacing, words lost or lines starting where the text does not."""
    if not para.lines or not para.line > 0 or len(para.starts) != len(para.lines):
        return [f"has lines {para.lines}, starts {para.starts}, line height {para.line}"]
    factor = spacing.east_asian if EAST_ASIAN.search(para.text) else spacing.latin
    faults = []
    if abs(para.line - para.size * factor) > 0.06:
        faults.append(f"has a line height of {para.line} pt at {para.size} pt (x {factor} expected)")
    # A tab paragraph (a case: date, tab, text) is set after its tab stop: its lines are the text's.
    body = para.text.split("\t", 1)[1] if para.tab and "\t" in para.text else para.text
    if re.sub(r"\s", "", "".join(para.lines)) != re.sub(r"\s", "", body):
        faults.append(f"is set as {para.lines}, not its text")
    if list(para.starts) != sorted(set(para.starts)) or any(
            not para.text[start:].startswith(line) for start, line in zip(para.starts[1:], para.lines[1:])):
        faults.append(f"has its lines {para.lines} starting at {para.starts}")
    return faults


@every_language
@every_layout
def test_every_text_is_set_in_lines_that_fit_its_box(samples, layout, language):
    """Fitting wrote each paragraph's lines and line height; the lines of each box fit in it (a
    title on one line), and a table's rows fit the table's box and hold their cells."""
    faults = []
    for sample in slides_of(samples, layout, language):
        spacing = sample.theme.line_spacing
        for where, para, _ in every_para(sample.plan):
            faults += [f"{sample}: {where} {para.text[:40]!r} {fault}" for fault in _line_faults(para, spacing)]
        for block in sample.plan.texts():
            room = (block.box.height - 2 * block.margin) * POINTS_PER_INCH
            if used_height(block) > room + OVER_THE_BOX:
                faults.append(f"{sample}: {block.name} takes {used_height(block):.1f} pt of its {room:.1f} pt")
            if block.fit.one_line and any(len(p.lines) != 1 for p in block.paras):
                faults.append(f"{sample}: {block.name} must stay on one line: {[p.lines for p in block.paras]}")
        for table in items_of(sample.plan, Table):
            if len(table.heights) != len(table.rows) or sum(table.heights) > table.box.height + ON_THE_PAGE:
                faults.append(f"{sample}: {table.name} rows {table.heights} do not fit its {table.box.height} in")
            if abs(sum(table.widths) - table.box.width) > ON_THE_PAGE:
                faults.append(f"{sample}: {table.name} columns {table.widths} are not as wide as its box")
            for row, height in zip(table.rows, table.heights):
                for cell, width in zip(row, table.widths):
                    used = sum(len(p.lines) * p.line for p in cell) + sum(p.space_after for p in cell[:-1])
                    if used / POINTS_PER_INCH + 2 * table.padding > height + ON_THE_PAGE:
                        faults.append(f"{sample}: a cell {cell[0].text[:30]!r} takes more than its row's {height} in")
    assert not faults, _failures(faults)


@every_language
@every_layout
def test_every_box_is_named(samples, layout, language):
    """Shapes are named for people reading the file, and no two alike on a slide."""
    unnamed = []
    for sample in slides_of(samples, layout, language):
        names = [i.name for i in sample.plan.items]
        unnamed += [f"{sample}: a {type(i).__name__} at {i.box} has no name" for i in sample.plan.items
                    if not i.name.strip()]
        unnamed += [f"{sample}: the text of {s.name} has no name" for s in items_of(sample.plan, Shape)
                    if s.text is not None and not s.text.name.strip()]
        unnamed += [f"{sample}: {count} items are named {name!r}" for name, count in Counter(names).items()
                    if count > 1]
    assert not unnamed, _failures(unnamed)
