"""briefing.layout.kinds.lists: bullets, two columns and statements; items with sub-items are
followed by them, one level in and a size smaller."""

from __future__ import annotations

from tests.layout.plans import block


def levels(b) -> list[tuple[int, str]]:
    return [(p.level, p.text) for p in b.paras]


def test_sub_items_are_level_one_paragraphs(oda_en):
    body = block(oda_en.plan("charter"), "Body")
    assert levels(body)[1:5] == [(0, "Three basic policies"), (1, "Contributing to peace and prosperity"),
                                 (1, "Human security in the new era"),
                                 (1, "Co-creation through dialogue with partner countries")]
    item, sub = body.paras[1], body.paras[2]
    assert sub.hang > item.hang             # written as a wider left margin (marL)
    assert sub.size < item.size             # a size smaller
    assert (1, "Experts sent abroad") in levels(block(oda_en.plan("instruments"), "Left"))
    assert (1, "Build quality infrastructure") in levels(block(oda_en.plan("forward"), "Statements"))


def test_sub_items_are_sub_items_in_japanese_too(oda_ja):
    body = block(oda_ja.plan("charter"), "Body")
    assert [level for level, _ in levels(body)] == [0, 0, 1, 1, 1, 0]
    assert levels(body)[2] == (1, "平和と繁栄への貢献")


def test_bullets_and_statements_are_bullets_not_typed_characters(sampler):
    body = block(sampler.plan("points"), "Body")
    assert [(p.text, p.bullet) for p in body.paras] == [("First point", "•"),
                                                        ("Second point with 2.5 million items", "•")]
    statements = block(sampler.plan("forward"), "Statements")
    assert [(p.text, p.bullet) for p in statements.paras] == [("We will act", "◆")]
