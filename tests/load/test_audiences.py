"""briefing.load.audiences: profiles make variants of a deck, and every mistake in one points into it."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from briefing.load.content import load_project
from briefing.errors import ContentError
from briefing.commands.pipeline import build, check
from tests.conftest import run_cli, write
from tests.slides import shape_texts, slide_text

PROFILE = "content/sampler/audiences/partner.yaml"

GOOD = """
    # A partner's variant of the sampler.
    name: Partner capital
    subtitle: For the partner
    handling: Shared with the partner
    issued: 2026-03-04
    vars:
      partner: New Zealand
    slides: [cover, pillars, points, forward]
    overrides:
      forward:
        items:
          - We will act with {{ partner }}
          - And with others
      pillars:
        lists:
          - heading: Only list
            items: ["Item for {{ partner }}"]
    emphasis:
      pillars: [Two, New Zealand]
      forward: [New Zealand]
"""


def variant(project, text: str = GOOD, name: str = "partner"):
    write(project.root / f"content/sampler/audiences/{name}.yaml", text)
    [deck] = check(project, audiences=[name])
    return deck


def problems(project, text: str, name: str = "partner") -> list[str]:
    write(project.root / f"content/sampler/audiences/{name}.yaml", text)
    with pytest.raises(ContentError) as caught:
        check(project, audiences=[name])
    return [str(p) for p in caught.value.problems]


def test_a_profile_chooses_orders_and_overrides_slides(project):
    deck = variant(project)
    assert (deck.audience, deck.audience_name) == ("partner", "Partner capital")
    assert [s.id for s in deck.slides] == ["cover", "pillars", "points", "forward"]
    assert deck.slides[2].title == "Points for New Zealand"        # the deck's text, the profile's variable
    assert deck.slides[3].items == ["We will act with New Zealand", "And with others"]
    assert [lst.heading for lst in deck.slides[1].lists] == ["Only list"]
    assert deck.slides[1].pillars == ["One", "Two", "Three"]      # fields not overridden stay
    assert (deck.header.subtitle, deck.header.handling, deck.header.issued) == (
        "For the partner", "Shared with the partner", "2026-03-04")
    assert deck.header.title == "Sampler Deck"


def test_a_nested_override_keeps_its_siblings(project):
    deck = variant(project, """
        name: Nested
        overrides:
          positions:
            left: {members: C and D}
    """)
    left = next(s for s in deck.slides if s.id == "positions").left
    assert (left.name, left.members, left.points) == ("Left camp", "C and D", ["Left point"])


def test_exclude_keeps_the_deck_order(project):
    deck = variant(project, "name: Short\nexclude: [part-one, compare, data]\n")
    assert [s.id for s in deck.slides] == ["cover", "points", "overview", "positions", "pillars", "forward"]


def test_by_default_the_full_deck_and_every_profile_are_loaded(project):
    write(project.root / PROFILE, GOOD)
    write(project.root / "content/sampler/audiences/other.yaml", "name: Other\n")
    decks = load_project(project).decks
    assert [d.audience for d in decks] == ["full", "other", "partner"]
    assert len(decks[0].slides) == 9 and decks[0].header.handling == "For official use only"


def test_every_mistake_in_a_profile_is_reported_at_once(project):
    found = problems(project, """
        name: Broken
        colour: red
        vars:
          partnr: X
        slides: [cover, pointz, cover, forward, pillars]
        overrides:
          forward:
            layout: bullets
          pillars:
            pillars: One
          nowhere: {title: X}
        emphasis:
          compare: [Before]
    """)
    assert found == [
        f"{PROFILE}:2:1: colour: unknown field 'colour'; expected one of name, title, subtitle, date, "
        "handling, footer, issued, vars, slides, exclude, overrides, emphasis",
        f"{PROFILE}:4:3: vars.partnr: the deck has no variable 'partnr'; did you mean 'partner'?",
        f"{PROFILE}:5:17: slides[1]: the deck has no slide 'pointz'; did you mean 'points'?",
        f"{PROFILE}:5:25: slides[2]: slide 'cover' is listed twice",
        f"{PROFILE}:8:5: overrides.forward.layout: a profile cannot change a slide's layout",
        f"{PROFILE}:10:5: overrides.pillars.pillars: expected a list (lines starting with '- '), got 'One'",
        f"{PROFILE}:11:3: overrides.nowhere: the deck has no slide 'nowhere'; the deck's slides are: "
        "cover, part-one, points, compare, overview, data, positions, pillars, forward",
        f"{PROFILE}:13:3: emphasis.compare: slide 'compare' is not in this variant",
    ]


def test_a_template_error_in_an_override_points_into_the_profile(project):
    found = problems(project, """
        name: Typo
        overrides:
          forward:
            items: ["With {{ partnr }}"]
    """)
    assert len(found) == 1
    assert found[0].startswith(f"{PROFILE}:4:13: slides[8].items[0]: undefined variable: 'partnr' is undefined")


def test_an_emphasised_word_missing_from_its_slide_is_an_error(project):
    found = problems(project, "name: Typo\nemphasis:\n  pillars: [Two, Tow]\n")
    assert found == [f"{PROFILE}:3:18: emphasis.pillars[1]: 'Tow' does not appear on slide 'pillars' "
                     "(words are matched exactly)"]


def test_full_is_not_a_profile_name(project):
    found = problems(project, "name: Clash\n", name="full")
    assert found[0].endswith("cannot name a profile: use lower-case letters, digits and hyphens, and not "
                             "'full', which names the deck without a profile")


def test_an_unknown_audience_is_named(project, capsys):
    write(project.root / PROFILE, GOOD)
    code, out, err = run_cli(capsys, "build", "--audience", "partnr")
    assert (code, out) == (1, "")
    assert err.startswith("content/sampler/audiences: no audience 'partnr'; did you mean 'partner'?")


def test_emphasis_shows_on_the_slides(project, tmp_path):
    write(project.root / PROFILE, GOOD)
    [built] = build(project, out_dir=tmp_path, audiences=["partner"])
    prs = Presentation(str(built.path))
    pillars, forward = prs.slides[1], prs.slides[3]
    fills = {s.name: str(s.fill.fore_color.rgb) for s in pillars.shapes
             if s.name.startswith("Pillar") and s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE}
    assert fills == {"Pillar 1": "1B2A4A", "Pillar 2": "B3001B", "Pillar 3": "1B2A4A"}
    runs = [r for shape in forward.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs for r in p.runs]
    strong = [(r.text, r.font.bold, str(r.font.color.rgb)) for r in runs if r.font.bold and "Zealand" in r.text]
    assert strong == [("New Zealand", True, "B3001B")]
    # The footer repeats the handling mark on every slide and is never emphasised.
    assert "Shared with the partner" in shape_texts(forward)["Footer"]
    assert "Points for New Zealand" in slide_text(prs.slides[2])
    assert prs.core_properties.created.isoformat() == "2026-03-04T00:00:00"


def test_a_slide_that_failed_to_load_brings_no_knock_on_errors(project):
    # An unquoted "a: b" in an item makes it a mapping: the slide fails, and only the slide.
    path = project.root / "content/sampler/deck.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("      - First point\n", "      - Note: first point\n"), encoding="utf-8")
    found = problems(project, GOOD)
    assert found == [
        "content/sampler/deck.yaml:22:9: slides[2].items[0]: expected text, or text with sub-items "
        "({text: ..., items: [...]}); got a mapping of 'Note': an item whose text holds ': ' must be in quotes"]


def test_an_id_listed_again_and_again_is_one_problem_at_its_first_repeat(project):
    assert problems(project, "name: P\nexclude: [data, cover, data, data, data]\nslides: [cover, cover]\n") == [
        f"{PROFILE}:2:24: exclude[2]: slide 'data' is listed 4 times",
        f"{PROFILE}:3:17: slides[1]: slide 'cover' is listed twice",
    ]


def test_a_list_longer_than_any_deck_is_one_problem(project):
    """Repeats of one id by the hundred thousand are one problem, found in one pass (a deck has at
    most 200 slides, so a longer list can only repeat); checking them was quadratic."""
    repeats = ",".join(["data"] * 100_000)
    assert problems(project, f"name: P\nexclude: [{repeats}]\n") == [
        f"{PROFILE}:2:1: exclude: expected at most 200 items, got 100000"]
    assert problems(project, f"name: P\nslides: [{','.join(['data'] * 201)}]\n") == [
        f"{PROFILE}:2:1: slides: expected at most 200 items, got 201"]
