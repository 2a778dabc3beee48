"""briefing.layout.kinds.overview: statements, a lead and the focus areas as numbered cards."""

from __future__ import annotations

from briefing.layout.plan import Shape
from tests.layout.plans import item, texts


def test_the_focus_areas_are_numbered_cards(sampler):
    plan = sampler.plan("overview")
    shown = texts(plan)
    assert [shown[f"Focus {n} text"] for n in (1, 2, 3)] == ["Alpha", "Beta", "Gamma"]
    assert [shown[f"Focus {n} number"] for n in (1, 2, 3)] == ["1", "2", "3"]
    numbers = [item(plan, f"Focus {n} number") for n in (1, 2, 3)]
    cards = [item(plan, f"Focus {n}") for n in (1, 2, 3)]
    assert all(isinstance(s, Shape) for s in numbers + cards)
    assert [s.kind for s in numbers] == ["oval"] * 3 and [c.kind for c in cards] == ["rounded"] * 3
    for card, number in zip(cards, numbers):
        assert card.box.left < number.box.left and number.box.right < card.box.right
    assert shown["Statements"] == "A statement" and shown["Lead"] == "The lead sentence"
