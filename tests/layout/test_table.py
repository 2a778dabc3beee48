"""briefing.layout.kinds.table: a header row and a row a line, columns as wide as asked, the note
under the table."""

from __future__ import annotations

import pytest

from briefing.layout.plan import Table
from tests.layout.plans import block, cell_texts, items_of, table_as_set


def test_a_table_has_a_header_row_and_columns_as_wide_as_asked(oda_en):
    [table] = items_of(oda_en.plan("partners"), Table)
    cells = cell_texts(table)
    assert cells[0] == ["Region", "Focus", "Instruments"]
    assert cells[1] == ["ASEAN", "Connectivity, disaster risk reduction", "Loans, technical cooperation"]
    assert len(cells) == 5
    widths = table.widths               # widths: [1, 2, 2]
    assert widths[1] == pytest.approx(2 * widths[0], rel=0.01) and widths[2] == pytest.approx(widths[1])
    assert table.header_fill == "1B2A4A"
    assert all(cell[0].bold for cell in table.rows[0]) and not any(cell[0].bold for cell in table.rows[1])


def test_the_note_follows_the_table_not_the_foot_of_the_slide(oda_en):
    plan = oda_en.plan("partners")
    [table] = items_of(plan, Table)
    note = block(plan, "Note")
    assert note.text == "Illustrative overview for this briefing."
    assert 0 < note.box.top - table_as_set(table).bottom < 0.3
    assert note.box.bottom < table.box.bottom
