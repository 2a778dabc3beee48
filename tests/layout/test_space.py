"""Slides that use their space: on every body slide of the fixture decks, in every variant and
language, the body's content covers most of the body region's height (`plans.coverage`), with no
text grown past the theme's ceiling; and a box's text has the width its container gives it.

Covers and section dividers are left out: their text stands on its own on purpose, and they have
no body region. Every other slide is measured, those with a picture or a chart too.
"""

from __future__ import annotations

from briefing.layout.plan import Table
from briefing.text.measure import breaks
from tests.layout.plans import (POINTS_PER_INCH, block, body_extents, coverage, item, items_of, replan, set_text,
                                table_as_set)

LEAST = 0.55
"""Of the body region's height: what a slide's content covers at least (it leaves at most 45 % empty)."""


def test_every_body_slide_of_the_fixture_decks_uses_most_of_its_body(variants):
    low = []
    for variant in variants:
        body = variant.theme.grid.region("body")
        for plan in variant.plans:
            if plan.role == "content" and coverage(plan, body) < LEAST:
                low.append(f"{variant.label} {plan.id} ({plan.kind}): {coverage(plan, body):.0%}")
    assert low == []


def test_no_text_of_the_body_grows_past_the_theme_s_ceiling(variants):
    for variant in variants:
        ceiling = variant.theme.fit.ceiling
        for plan in variant.plans:
            if plan.role != "content":
                continue
            grown = [(b.name, p.size) for b in plan.texts() if not b.role for p in b.paras if p.size > ceiling]
            assert grown == [], (variant.label, plan.id)


def test_coverage_counts_the_lines_a_text_sets_not_its_box(sampler):
    plan = sampler.plan("positions")
    body = sampler.theme.grid.region("body")
    points = block(plan, "Left points")
    extents = {name: (top, bottom) for top, bottom, name in body_extents(plan, body)}
    assert extents["Left points"] == set_text(points)
    assert extents["Left points"][1] < points.box.bottom - 0.5     # one point, in a box reaching the footer
    assert coverage(plan, body) < 1


def test_a_short_agenda_is_rows_on_bands_and_a_short_table_s_rows_grow(oda_en, oda_ja):
    body = oda_en.theme.grid.region("body")
    for variant in (oda_en, oda_ja):
        plan = variant.plan("agenda")
        agenda = block(plan, "Agenda")
        bands = [item(plan, f"Band {n}") for n in (1, 2)]
        top, _ = set_text(agenda)
        for para, band in zip(agenda.paras, bands):
            height = len(para.lines) * para.line / POINTS_PER_INCH
            middle = top + height / 2
            assert abs(middle - (band.box.top + band.box.height / 2)) < 0.02, (variant.label, para.text)
            top += height + para.space_after / POINTS_PER_INCH
        assert bands[1].box.bottom - bands[0].box.top > LEAST * body.height
    [table] = items_of(oda_en.plan("partners"), Table)
    header, *rows = table.heights
    assert all(h > header * 1.5 for h in rows) and len(set(round(h, 6) for h in rows)) == 1
    assert table_as_set(table).height > LEAST * body.height


def test_a_short_list_is_spread_and_a_long_one_is_not(oda_en, sampler):
    body = oda_en.theme.grid.region("body")
    top, bottom = set_text(block(oda_en.plan("charter"), "Body"))
    assert bottom - top > LEAST * body.height
    point = "A point that says a good deal about the matter at hand, and then more about what follows from it"
    plan, found = replan(sampler, "points", items=[point] * 6)
    long = block(plan, "Body")
    # Its items keep their space (grown or shrunk with their size): it needs the body as it is.
    assert found == [] and len({p.space_after for p in long.paras}) == 1


def test_four_focus_cards_give_their_text_the_card_s_width(oda_en, oda_ja):
    for variant in (oda_en, oda_ja):
        plan = variant.plan("overview")
        for number in (1, 2, 3, 4):
            card, label = item(plan, f"Focus {number}"), block(plan, f"Focus {number} text")
            assert label.box.width > card.box.width * 0.8, (variant.label, number)
            assert card.box.left <= label.box.left and label.box.right <= card.box.right
    for number in (1, 2, 3, 4):
        [para] = block(oda_ja.plan("overview"), f"Focus {number} text").paras
        preferred, _ = breaks(para.text)
        # Japanese breaks between phrases only (自由で / 開かれた秩序), never inside a word.
        assert set(para.starts[1:]) <= preferred, para.lines
