"""briefing.layout.kinds.pillars: pillars as boxes and lists numbered by their paragraphs, never by
typed numbers."""

from __future__ import annotations

from briefing.layout.plan import Shape
from tests.layout.plans import block, item, texts


def test_pillars_and_lists_are_numbered_by_their_paragraphs(sampler):
    plan = sampler.plan("pillars")
    pillars = [block(plan, f"Pillar {n}") for n in (1, 2, 3)]
    assert all(isinstance(item(plan, f"Pillar {n}"), Shape) for n in (1, 2, 3))
    assert [b.text for b in pillars] == ["One", "Two", "Three"]
    assert [(b.paras[0].numbering, b.paras[0].start) for b in pillars] == [("arabicParenR", 1),
                                                                          ("arabicParenR", 2),
                                                                          ("arabicParenR", 3)]
    second = block(plan, "List 2").paras
    assert (second[0].text, second[0].numbering, second[0].start) == ("Second list", "arabicPlain", 2)
    assert [(p.text, p.numbering) for p in second[1:]] == [("Item two", "arabicParenBoth"),
                                                          ("Item three", "arabicParenBoth")]
    assert texts(plan)["Footnote"] == "*A footnote"
