"""A table: a header row and up to ten rows, as a real PowerPoint table whose every cell is fitted
like any other text, with an optional note under it."""

from __future__ import annotations

import math
from typing import Annotated

from briefing.model.schema import Field

from briefing.layout.page import FILL, Layout, Page
from briefing.model.deck import Slide, Text
from briefing.model.schema import FieldError
from briefing.layout.plan import Box, Table

NOTE_HEIGHT = 0.45      # inches under the table for its note
WIDEST_RATIO = 10
"""The widest column may be this many times the narrowest, no more."""


class TableSlide(Slide):
    """A title, column headings, rows of cells, optional relative column widths and a note."""

    kind = "table"
    title: Text
    columns: Annotated[list[Text], Field(min_length=2, max_length=6)]
    rows: Annotated[list[Annotated[list[Text], Field(min_length=1)]], Field(min_length=1, max_length=10)]
    widths: list[Annotated[float, Field(gt=0, le=1000)]] | None = None
    note: Text = ""

    def _after(self) -> None:
        """Every row as wide as the header, and one width a column."""
        count = len(self.columns)
        for index, row in enumerate(self.rows):
            if len(row) != count:
                hint = ""
                if len(row) > count and any(cell.strip()[:1].isdigit() for cell in row):
                    # In a row written [a, b, 1,200万ドル] the comma of a number splits its cell.
                    hint = ("; a comma inside a cell's text (1,200) splits it in a row written [a, b, c]: put that "
                            "cell in quotes (\"1,200万ドル\")")
                raise FieldError(("rows", index), f"{len(row)} cells in this row; the table has {count} columns{hint}")
        if self.widths is not None and len(self.widths) != count:
            raise FieldError(("widths",), f"{len(self.widths)} widths for {count} columns; give one per column")
        if self.widths and max(self.widths) > WIDEST_RATIO * min(self.widths):
            raise FieldError(("widths",), f"the widest column would be {max(self.widths) / min(self.widths):.3g} times "
                                          f"the narrowest; at most {WIDEST_RATIO} times, or the narrow one holds no "
                                          "word (widths are relative, e.g. [1, 2, 2])")


def plan_table(slide: TableSlide, page: Page) -> None:
    """Columns are as wide as `widths` says, or else as their longest cell asks (within limits)."""
    page.content_title(slide.title)
    sizes, colours = page.sizes, page.colours
    area, note = page.body.rows(0, NOTE_HEIGHT if slide.note else 0.0, gap=0.1)
    weights = slide.widths or [_weight(column, [row[i] for row in slide.rows])
                               for i, column in enumerate(slide.columns)]
    widths = tuple(area.width * w / sum(weights) for w in weights)
    # Cells start at the body size and shrink together, to the floor, until the rows fit.
    header = tuple((page.para(text, sizes.body, bold=True, colour=colours.background, space_after=0, balance=True,
                              field=("columns", c)),) for c, text in enumerate(slide.columns))
    body = tuple(tuple((page.para(text, sizes.body, space_after=0, field=("rows", r, c)),) for c, text in enumerate(row))
                 for r, row in enumerate(slide.rows))
    # A short table's rows grow taller, evenly, until it takes most of the body.
    least = min(area.height, FILL * page.body.height)
    table = Table(area, widths, (header, *body), "Table", ("rows",), header_fill=colours.title,
                  band_fill=colours.panel, rule=colours.rule, body_fill=colours.background, least=least)
    page.add(table)
    # The note follows the table (as tall as its rows at their starting size, or grown), not the slide's foot.
    below = area.top + max(min(_natural_height(page, table), area.height), least) + 0.12
    page.text(Box(note.left, below, note.width, note.height), [page.para(slide.note, sizes.small, colour=colours.muted,
                                                                         space_after=0)], "Note", ("note",))


def _natural_height(page: Page, table: Table) -> float:
    return sum(max(page.height_of(list(cell), width - 2 * table.margin, margin=0) for cell, width in
                   zip(row, table.widths)) + 2 * table.padding for row in table.rows)


def _weight(heading: str, cells: list[str]) -> float:
    """A column's share of the width: grows with its longest text, but slower, so that a column of
    short figures still gets room and a column of sentences does not take everything."""
    longest = max([len(heading) * 0.6, *(len(c) for c in cells)])
    return math.sqrt(longest + 12)


TABLE = Layout("table", TableSlide, plan_table, facts=(("widths",),))
