"""briefing.fit.fitting: text shrinks in steps to fit its box (a short list grows), boxes side by side
end at one size, and past the floor `check` fails with the field's file:line, for English and
Japanese alike. Asserted on fitted plans: no deck is written."""

from __future__ import annotations

import pytest

from briefing.commands.pipeline import check
from briefing.errors import ContentError
from briefing.layout.plan import Table
from tests.layout.plans import ODA, ODA_JA, SAMPLER, block, edit, items_of, replan, sizes

SENTENCE = "Japan will further promote confidence-building measures and capacity building in the region. "
JAPANESE = "日本は、アジア太平洋地域を中心に、信頼醸成措置及び能力構築支援を一層推進していく。"


def items(text: str, count: int = 6) -> str:
    return "[" + ", ".join(f'"{text}"' for _ in range(count)) + "]"


def problems(project, **selection) -> list[str]:
    with pytest.raises(ContentError) as caught:
        check(project, **selection)
    return [str(p) for p in caught.value.problems]


# --- sizes ---------------------------------------------------------------------------------------

def test_text_that_fits_keeps_the_theme_size(sampler):
    assert sizes(block(sampler.plan("data"), "Statements")) == {sampler.theme.sizes.heading}


def test_a_short_list_grows_to_the_ceiling_and_a_long_one_does_not(sampler):
    assert sizes(block(sampler.plan("points"), "Body")) == {24.0}      # the theme's ceiling
    plan, found = replan(sampler, "points", items=[SENTENCE] * 6)
    [size] = sizes(block(plan, "Body"))
    assert 18 <= size < 24 and found == []


def test_overlong_english_shrinks_in_steps_and_fits(sampler):
    plan, found = replan(sampler, "points", items=[SENTENCE * 3] * 6)
    [size] = sizes(block(plan, "Body"))
    assert 12 <= size < 18 and size == int(size)      # whole-point steps, above the floor
    assert found == []


def test_overlong_japanese_shrinks_and_fits(sampler):
    plan, found = replan(sampler, "points", language="ja", items=[JAPANESE * 3] * 6)
    [size] = sizes(block(plan, "Body"))
    assert 12 <= size < 18 and found == []


def test_a_list_at_its_floor_closes_up_its_spacing_before_it_is_given_up_on(sampler):
    # 16 items fit at the 12 pt floor with their spacing; 18 only with less of it; 24 not at all.
    plan, found = replan(sampler, "points", items=[SENTENCE] * 16)
    assert sizes(block(plan, "Body")) == {12.0} and {p.space_after for p in block(plan, "Body").paras[:-1]} == {10}
    plan, found = replan(sampler, "points", items=[SENTENCE] * 18)
    body = block(plan, "Body")
    assert found == [] and sizes(body) == {12.0} and {p.space_after for p in body.paras[:-1]} == {3.0}
    assert replan(sampler, "points", items=[SENTENCE] * 24)[1] != []


def test_a_long_title_shrinks_to_stay_on_one_line(sampler):
    title = "Differences in Positions on Cyber Security in the International Sphere"
    plan, found = replan(sampler, "compare", title=title)
    [size] = sizes(block(plan, "Title"))
    assert 20 <= size < 28 and found == []
    assert block(plan, "Title").paras[0].lines == (title,)


def test_sibling_boxes_share_one_size(sampler):
    long = "Promotion of the rule of law in cyberspace and beyond it, with every partner"
    plan, found = replan(sampler, "pillars", pillars=["One", "Two", long])
    pillars = [block(plan, f"Pillar {n}") for n in (1, 2, 3)]
    assert len({frozenset(sizes(p)) for p in pillars}) == 1
    [size] = sizes(pillars[0])
    [alone] = sizes(block(sampler.plan("pillars"), "Pillar 1"))
    assert size < alone             # the long one is set smaller than short ones alone are, and the others with it
    assert pillars[0].text == "One" and found == []


def test_table_cells_shrink_together_to_fit(oda_en):
    long = "A long cell that says a great deal about the region and its programmes " * 2
    rows = oda_en.slide("partners").rows
    plan, found = replan(oda_en, "partners", rows=rows[:3] + [["Pacific", long, "Grant aid"]] * 4)
    [table] = items_of(plan, Table)
    assert len(table.rows) == 8
    [size] = sizes(table)
    assert 12 <= size < 18 and found == []


# --- past the floor: located ---------------------------------------------------------------------

def test_a_body_past_the_floor_is_located(project):
    edit(project, SAMPLER, "title: Way Forward\n    items: [We will act]",
         f"title: Way Forward\n    items: {items(SENTENCE * 6, 5)}")
    [problem] = problems(project)
    assert problem.startswith(f"{SAMPLER}:77:5: slides[8].items: text needs ")
    assert problem.endswith("% of the box at the 12 pt floor; shorten it")
    assert int(problem.split("needs ")[1].split("%")[0]) > 100


def test_a_title_past_its_floor_fails(project):
    edit(project, SAMPLER, "title: Compare", f"title: {SENTENCE * 2}")
    [problem] = problems(project)
    assert problem.startswith(f"{SAMPLER}:27:5: slides[3].title: text needs ")
    assert problem.endswith("% of the line at the 20 pt floor; shorten it")


def test_a_slide_may_raise_its_floor(project):
    edit(project, SAMPLER, "    items:\n      - First point\n      - Second point with {{ fmt.million(2500000) }} items\n",
         f"    items: {items(SENTENCE * 3)}\n")
    check(project)     # fits at the theme's floor of 12 pt
    edit(project, SAMPLER, "  - id: points\n", "  - id: points\n    fit: {floor: 20}\n")
    with pytest.raises(ContentError, match=r"slides\[2\].items: text needs \d+% of the box at the 20 pt floor"):
        check(project)


def test_a_table_past_the_floor_is_located(oda):
    long = "A long cell that says a great deal about the region and its programmes " * 6
    edit(oda, ODA, '      - [Pacific, "Climate change, maritime", Grant aid]',
         f'      - [Pacific, "{long}", Grant aid]\n' * 6)
    edit(oda, ODA_JA, "      - [太平洋島嶼国, 気候変動、海洋, 無償資金協力]", "      - [太平洋島嶼国, 気候変動、海洋, 無償資金協力]\n" * 6)
    [found] = problems(oda, selection=["oda-priorities"], languages=["en"], audiences=["full"])
    assert found.startswith(f"{ODA}:59:5: slides[5].rows: the table needs ")
    assert found.endswith("% of its space at the 12 pt floor; shorten its cells or split it over two slides")
