"""briefing.layout.kinds.cover: the cover shows the deck's facts; the occasion only when set."""

from __future__ import annotations

from briefing.layout.plan import Shape
from tests.layout.plans import item, texts, variant


def test_the_cover_shows_the_decks_facts(sampler):
    """Title, subtitle, organisation and date default to the deck's; the handling mark top right."""
    assert texts(sampler.plan("cover")) == {"Title": "Sampler Deck", "Subtitle": "Every layout once",
                                            "Organisation and date": "Test Office\n2026",
                                            "Handling": "For official use only"}


def test_the_occasion_line_shows_only_when_set(variants):
    full, asean = variant(variants, "oda"), variant(variants, "oda", audience="asean")
    assert texts(full.plan("cover"))["Organisation and date"] == "Ministry of Foreign Affairs of Japan\n2024"
    assert texts(asean.plan("cover"))["Organisation and date"] == ("Japan–ASEAN Development Partners' Meeting\n"
                                                                   "Ministry of Foreign Affairs of Japan\n2024")
    assert texts(asean.plan("cover"))["Subtitle"] == "Japan's development cooperation with ASEAN"


def test_a_section_divider_is_its_title_on_the_title_colour(sampler):
    plan = sampler.plan("part-one")
    assert texts(plan)["Title"] == "Part one" and texts(plan)["Subtitle"] == "Where we stand"
    assert plan.background == sampler.theme.colours.title
    assert isinstance(item(plan, "Accent"), Shape)
