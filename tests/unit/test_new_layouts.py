"""The layouts a second deck needs (table, image, agenda) and sub-bullets, on the ODA fixture
project: read back from the written deck, and every mistake located."""

from __future__ import annotations

import pytest
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from briefing.errors import ContentError
from briefing.commands.pipeline import check
from tests.conftest import write
from tests.slides import by_id, shape_texts, written
from tests.unit.test_content import edit

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
    frame = table_of(by_id(written(oda, ["oda-priorities"]), "partners"))
    table = frame.table
    assert frame._element.find(".//" + qn("a:tbl")) is not None
    assert table.first_row
    assert [c.text for c in table.rows[0].cells] == ["Region", "Focus", "Instruments"]
    assert [c.text for c in table.rows[1].cells] == ["ASEAN", "Connectivity, disaster risk reduction",
                                                     "Loans, technical cooperation"]
    assert len(table.rows) == 5
    widths = [c.width for c in table.columns]
    assert widths[1] == pytest.approx(2 * widths[0], rel=0.01) and widths[2] == widths[1]
    header = table.rows[0].cells[0]
    assert str(header.fill.fore_color.rgb) == "1B2A4A"
    assert header.text_frame.paragraphs[0].runs[0].font.bold


def test_table_cells_shrink_together_to_fit(oda):
    long = "A long cell that says a great deal about the region and its programmes " * 2
    edit(oda, DECK, '      - [Pacific, "Climate change, maritime", Grant aid]',
         f'      - [Pacific, "{long}", Grant aid]\n' * 4)
    edit(oda, EDITION, "      - [太平洋島嶼国, 気候変動、海洋, 無償資金協力]", "      - [太平洋島嶼国, 気候変動、海洋, 無償資金協力]\n" * 4)
    table = table_of(by_id(written(oda, ["oda-priorities"]), "partners")).table
    sizes = {r.font.size.pt for row in table.rows for c in row.cells for p in c.text_frame.paragraphs for r in p.runs}
    assert len(sizes) == 1 and 12 <= sizes.pop() < 18


def test_a_table_past_the_floor_is_located(oda):
    long = "A long cell that says a great deal about the region and its programmes " * 6
    edit(oda, DECK, '      - [Pacific, "Climate change, maritime", Grant aid]',
         f'      - [Pacific, "{long}", Grant aid]\n' * 6)
    edit(oda, EDITION, "      - [太平洋島嶼国, 気候変動、海洋, 無償資金協力]", "      - [太平洋島嶼国, 気候変動、海洋, 無償資金協力]\n" * 6)
    [found] = problems(oda, selection=["oda-priorities"], languages=["en"], audiences=["full"])
    assert found.startswith(f"{DECK}:59:5: slides[5].rows: the table needs ")
    assert found.endswith("% of its space at the 12 pt floor; shorten its cells or split it over two slides")


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


def test_a_picture_keeps_its_aspect_ratio_and_says_what_it_shows(oda):
    prs = written(oda, ["oda-priorities"])
    emblem = picture_of(by_id(prs, "emblem"))
    assert emblem.width / emblem.height == pytest.approx(480 / 360, rel=0.01)
    assert emblem._element.nvPicPr.cNvPr.get("descr") == "A red disc between two navy bars"
    regions = by_id(prs, "map")
    picture = picture_of(regions)
    assert picture.width / picture.height == pytest.approx(800 / 450, rel=0.01)
    texts = shape_texts(regions)
    assert texts["Caption"] == "Regions of Japan's development cooperation"
    assert texts["Statements"] == "Asia remains the largest recipient region.\nAfrica grows in weight."
    statements = [s for s in regions.shapes if s.name == "Statements"][0]
    assert statements.left + statements.width <= picture.left


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


# --- agenda --------------------------------------------------------------------------------------

def agenda_items(prs) -> list[str]:
    return shape_texts(by_id(prs, "agenda"))["Agenda"].split("\n")


def test_the_agenda_lists_the_section_titles(oda):
    assert agenda_items(written(oda, ["oda-priorities"])) == ["Why development cooperation", "Priorities"]


def test_the_agenda_of_a_variant_lists_only_its_sections(oda):
    write(oda.root / "content/oda-priorities/audiences/short.yaml", "name: Short\nexclude: [why]\n")
    write(oda.root / "content/oda-priorities/audiences/short.ja.yaml", "name: 短縮\nexclude: [why]\n")
    [deck] = check(oda, ["oda-priorities"], audiences=["short"], languages=["en"])
    assert [s.id for s in deck.slides][:3] == ["cover", "agenda", "charter"]
    from briefing.commands.pipeline import plan_all, render_all

    loaded, decks = render_all(oda, ["oda-priorities"], ["short"], ["en"])
    [planned] = plan_all(loaded, decks)
    agenda = next(p for p in planned.plans if p.id == "agenda")
    assert [t.text for t in agenda.texts() if t.name == "Agenda"] == ["Priorities"]


def test_an_agenda_may_give_its_own_items(oda):
    edit(oda, DECK, "    title: Agenda\n", "    title: Agenda\n    items: [Budget, Priorities, Questions]\n")
    edit(oda, EDITION, "    title: 本日の内容\n", "    title: 本日の内容\n    items: [予算, 重点, 質疑]\n")
    assert agenda_items(written(oda, ["oda-priorities"])) == ["Budget", "Priorities", "Questions"]


def test_an_agenda_with_nothing_to_list_is_located(oda):
    write(oda.root / "content/oda-priorities/audiences/none.yaml", "name: None\nexclude: [why, priorities]\n")
    write(oda.root / "content/oda-priorities/audiences/none.ja.yaml", "name: なし\nexclude: [why, priorities]\n")
    assert problems(oda, selection=["oda-priorities"], audiences=["none"], languages=["en"]) == [
        f"{DECK}:18:5: slides[1].items: the agenda has nothing to list: this variant has no section slides; "
        "add section slides or give the agenda its items"]


# --- sub-bullets -----------------------------------------------------------------------------------

def levels(shape) -> list[tuple[int, str]]:
    return [(p.level, p.text) for p in shape.text_frame.paragraphs]


def test_sub_items_are_level_one_paragraphs(oda):
    prs = written(oda, ["oda-priorities"])
    body = [s for s in by_id(prs, "charter").shapes if s.name == "Body"][0]
    assert levels(body)[1:5] == [(0, "Three basic policies"), (1, "Contributing to peace and prosperity"),
                                 (1, "Human security in the new era"),
                                 (1, "Co-creation through dialogue with partner countries")]
    sub = body.text_frame.paragraphs[2]._p.pPr
    assert sub.get("lvl") == "1" and int(sub.get("marL")) > int(body.text_frame.paragraphs[1]._p.pPr.get("marL"))
    left = [s for s in by_id(prs, "instruments").shapes if s.name == "Left"][0]
    assert (1, "Experts sent abroad") in levels(left)
    statements = [s for s in by_id(prs, "forward").shapes if s.name == "Statements"][0]
    assert (1, "Build quality infrastructure") in levels(statements)


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
