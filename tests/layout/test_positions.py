"""briefing.layout.kinds.positions: values on a balance and two approaches on a spectrum, drawn
with shapes."""

from __future__ import annotations

from briefing.layout.plan import Shape
from tests.layout.plans import item, texts


def test_the_positions_diagram_is_drawn_with_shapes(sampler):
    plan = sampler.plan("positions")
    shown = texts(plan)
    values = [item(plan, f"Value {n}") for n in (1, 2, 3)]
    assert all(isinstance(v, Shape) for v in values)
    assert [shown[f"Value {n}"] for n in (1, 2, 3)] == ["Free", "Fair", "Secure"]
    assert isinstance(item(plan, "Left approach"), Shape) and isinstance(item(plan, "Right approach"), Shape)
    assert shown["Left approach"] == "Left camp\nA and B"
    assert shown["Right approach"] == "Right camp"
    assert shown["Middle"] == "Neutral"
    assert shown["Left points"] == "Left point" and shown["Right points"] == "Right point"
    assert [item(plan, name).kind for name in ("Beam", "Fulcrum", "Spectrum")] == ["rect", "triangle", "double-arrow"]
