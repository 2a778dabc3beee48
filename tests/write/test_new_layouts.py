"""The layouts a second deck needs (table, image, agenda) and sub-bullets, on the ODA fixture
project: what the writer writes of their plans, read back from the written deck, and every
mistake in their fields located. What the plans hold is tested on the plans, in tests/layout/ and
tests/fit/."""

from __future__ import annotations

import pytest
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from briefing.errors import ContentError
from briefing.commands.pipeline import check
from tests.slides import by_id, written
from tests.conftest import edit

DECK = "content/oda-priorities/deck.yaml"
EDITION = "content/oda-priorities/deck.ja.yaml"


def problems(project, **selection) -> list[str]:
    with pytest.raises(ContentError) as caught:
        check(project, **selection)
    return [str(p) for p in caught.value.problems]


# --- table ---------------------------------------------------------------------------------------

def table_of(slide):
    [frame] = [s for s in slide.shapes if s.has_table]
    return frame


def test_a_table_is_a_real_table_with_a_header_row(oda):
    """Written as a:tbl with its header row marked, every row, the planned widths and the header's
    look (its cells' texts and widths as planned: tests/layout/test_table.py)."""
    frame = table_of(by_id(written(oda, ["oda-priorities"]), "partners"))
    table = frame.table
    assert frame._element.find(".//" + qn("a:tbl")) is not None
    assert table.first_row
    assert [c.text for c in table.rows[0].cells] == ["Region", "Focus", "Instruments"]
    assert len(table.rows) == 5
    widths = [c.width for c in table.columns]
    assert widths[1] == pytest.approx(2 * widths[0], rel=0.01) and widths[2] == widths[1]
    header = table.rows[0].cells[0]
    assert str(header.fill.fore_color.rgb) == "1B2A4A"
    assert header.text_frame.paragraphs[0].runs[0].font.bold


def test_rows_as_wide_as_the_header_and_one_width_a_column(oda):
    edit(oda, DECK, "      - [South Asia, \"Transport, power\", ODA loans]", "      - [South Asia, ODA loans]")
    edit(oda, DECK, "    widths: [1, 2, 2]", "    widths: [1, 2]")
    assert problems(oda, selection=["oda-priorities"]) == [
        f"{DECK}:61:9: slides[5].rows[1]: 2 cells in this row; the table has 3 columns"]
    edit(oda, DECK, "      - [South Asia, ODA loans]", "      - [South Asia, \"Transport, power\", ODA loans]")
    assert problems(oda, selection=["oda-priorities"]) == [
        f"{DECK}:64:5: slides[5].widths: 2 widths for 3 columns; give one per column"]


def test_a_table_has_two_to_six_columns_and_up_to_ten_rows(oda):
    edit(oda, DECK, "    columns: [Region, Focus, Instruments]", "    columns: [Region]")
    assert problems(oda, selection=["oda-priorities"], languages=["en"]) == [
        f"{DECK}:58:5: slides[5].columns: expected at least 2 items, got 1"]


# --- image ---------------------------------------------------------------------------------------

def picture_of(slide):
    [picture] = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    return picture


def test_a_picture_says_what_it_shows(oda):
    """The picture's alt text is written as its description (its box and aspect ratio as planned:
    tests/layout/test_image.py)."""
    emblem = picture_of(by_id(written(oda, ["oda-priorities"]), "emblem"))
    assert emblem.width / emblem.height == pytest.approx(480 / 360, rel=0.01)
    assert emblem._element.nvPicPr.cNvPr.get("descr") == "A red disc between two navy bars"


def test_an_svg_picture_is_embedded_as_svg_with_a_png_beside_it(oda):
    picture = picture_of(by_id(written(oda, ["oda-priorities"]), "map"))
    blip = picture._element.find(".//" + qn("a:blip"))
    svg_blip = blip.find(".//{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip")
    assert svg_blip is not None
    svg_part = picture.part.related_part(svg_blip.get(qn("r:embed")))
    assert svg_part.content_type == "image/svg+xml"
    assert svg_part.blob.startswith(b"<svg")
    assert picture.image.content_type == "image/png"


def test_alt_text_is_required(oda):
    edit(oda, DECK, "    alt: A red disc between two navy bars\n", "")
    found = problems(oda, selection=["oda-priorities"], languages=["en"])
    assert found == [f"{DECK}:150:5: slides[12].alt: required field is missing"]


# --- sub-bullets -----------------------------------------------------------------------------------

def levels(shape) -> list[tuple[int, str]]:
    return [(p.level, p.text) for p in shape.text_frame.paragraphs]


def test_sub_items_are_written_at_level_one(oda):
    """A sub-item is written as a level-one paragraph with a wider margin (which paragraphs are
    sub-items: tests/layout/test_lists.py)."""
    body = [s for s in by_id(written(oda, ["oda-priorities"]), "charter").shapes if s.name == "Body"][0]
    assert levels(body)[1:3] == [(0, "Three basic policies"), (1, "Contributing to peace and prosperity")]
    sub = body.text_frame.paragraphs[2]._p.pPr
    assert sub.get("lvl") == "1" and int(sub.get("marL")) > int(body.text_frame.paragraphs[1]._p.pPr.get("marL"))


def test_at_most_four_sub_items(oda):
    edit(oda, DECK, "          items: [Experts sent abroad, Trainees received in Japan]",
         "          items: [a, b, c, d, e]")
    assert problems(oda, selection=["oda-priorities"]) == [
        f"{DECK}:48:11: slides[4].left.items[1].items: expected at most 4 items, got 5"]


def test_sub_items_must_match_across_editions(oda):
    edit(oda, EDITION, "      - text: 三つの基本方針\n        items:\n          - 平和と繁栄への貢献\n"
                       "          - 新しい時代の人間の安全保障\n          - 開発途上国との共創\n", "      - 三つの基本方針\n")
    assert problems(oda, selection=["oda-priorities"]) == [
        f"{EDITION}:32:9: slides[3].items[1]: is text here but text with sub-items in {DECK} (line 32)"]


def test_an_edition_without_the_agenda_items_of_the_deck_is_located(oda):
    edit(oda, DECK, "    title: Agenda\n", "    title: Agenda\n    items: [Budget, Priorities, Questions]\n")
    assert problems(oda, selection=["oda-priorities"]) == [
        f"{EDITION}:18:5: slides[1].items: is not given here but is in {DECK} (line 21)"]


def test_a_comma_that_splits_a_cell_of_a_table_row_is_named(oda):
    # [..., 1,200万ドル] is four cells to YAML: the message says why and what to do.
    edit(oda, DECK, "      - [South Asia, \"Transport, power\", ODA loans]", "      - [South Asia, Transport, 1,200]")
    assert problems(oda, selection=["oda-priorities"]) == [
        f"{DECK}:61:9: slides[5].rows[1]: 4 cells in this row; the table has 3 columns; a comma inside a cell's "
        "text (1,200) splits it in a row written [a, b, c]: put that cell in quotes (\"1,200万ドル\")"]
