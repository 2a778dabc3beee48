"""briefing.fit.accessibility on fitted plans: what `check` asks of a deck for people who do not see
it as its author does, and what the plans tell a screen reader (what is decoration, in which order
things are read). Asserted on the fixture projects' plans: no deck is written. That the writer
marks and orders shapes as the plan says is tests/write/test_deck.py's to check."""

from __future__ import annotations

from briefing.fit.accessibility import contrast_problems, lint
from briefing.layout.plan import Shape, TextBlock


def decorative(item) -> bool:
    """Whether the writer marks the item decorative, so screen readers skip it: a shape without
    text, or a text block the plan says is decorative (tests/write/test_deck.py checks the marks)."""
    return (isinstance(item, Shape) and item.text is None) or (isinstance(item, TextBlock) and item.decorative)


def test_the_default_theme_passes(sampler, variants):
    assert sampler.theme.file.name == "default.yaml"
    for variant in variants:
        plans = list(variant.plans)
        assert [str(p) for p in lint(plans, variant.deck, variant.theme)] == [], variant.label
        assert [str(p) for p in contrast_problems([(plans, variant.theme)])] == [], variant.label


def test_shapes_without_text_are_decorative_and_the_handling_mark_is_read_once(sampler):
    points = sampler.plan("points")
    # Its two short points stand on a panel with an accent edge: decoration, as the band and rule are.
    assert {item.name: decorative(item) for item in points.items} == {
        "Title": False, "Band": True, "Rule": True, "Panel": True, "Accent": True, "Body": False, "Footer": False,
        "Slide Number": False, "Handling": True}
    # The cover's handling mark is the one a screen reader reads.
    [handling] = [item for item in sampler.plan("cover").items if item.name == "Handling"]
    assert not decorative(handling)


def test_reading_order_is_title_content_footer(sampler):
    for plan in sampler.plans[1:]:
        read = [item.name for item in plan.items if not decorative(item)]
        assert read[0] == "Title" and read[-2:] == ["Footer", "Slide Number"], (plan.id, read)
        [title] = [item for item in plan.items if item.name == "Title"]
        assert title.role == "title"        # in the layout's title placeholder, which comes first
    positions = [item.name for item in sampler.plan("positions").items]
    assert positions.index("Left approach") < positions.index("Middle") < positions.index("Right approach")
