"""A property: whatever a deck file holds, the tool builds a deck that opens, or reports problems
that each name a file and a line. No traceback, no other outcome.

Hypothesis starts from the sampler deck (every layout once) and breaks it: values of the wrong
type or with characters a slide cannot hold, templates that attack or are wrong, keys removed or
unknown, slides repeated or reordered. It shrinks any failure to the smallest deck that shows it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from briefing.errors import BriefingError, ContentError
from briefing.commands.pipeline import build
from tests.conftest import FIXTURES

EXPLORE = os.environ.get("BRIEFING_EXAMPLES")
"""Unset, the test runs the same 40 examples every time (CI must not fail by chance); set it to a
number to explore that many new ones: BRIEFING_EXAMPLES=1000 python -m pytest tests/hostile."""
EXAMPLES = int(EXPLORE or 40)

SAMPLER = yaml.safe_load((FIXTURES / "project/content/sampler/deck.yaml").read_text(encoding="utf-8"))

TEMPLATES = ["{{ partner }}", "{{ fmt.million(2500000) }}", "{{ nope }}", "{{ unclosed", "{% for %}",
             "{{ ''.__class__ }}", "{{ 'A' * 10**9 }}", "{{ '\\x00' }}", "{{ 1 / 0 }}", "{{ deck.title|upper }}",
             "{{ range(10)|join(',') }}", "{% include 'nope.j2' %}"]

# Characters people paste: Japanese, typographic marks, control characters, braces, YAML markers.
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from(
    list("日本語「」。、{}%#&*!|>-:\t\n\x1b\x00\ufffe")), max_size=60)
values = st.one_of(texts, st.integers(-10**12, 10**12), st.floats(allow_nan=True), st.booleans(), st.none(),
                   st.lists(texts, max_size=3), st.dictionaries(texts, texts, max_size=2),
                   st.sampled_from(TEMPLATES))


def paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value in `data` (dicts and lists), for mutations to aim at."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, prefix + (index,))
    return found


PROFILE = {"name": "Partner", "handling": "Shared", "vars": {"partner": "New Zealand"},
           "slides": ["cover", "pillars", "points", "forward"],
           "overrides": {"forward": {"items": ["With {{ partner }}"]}, "pillars": {"pillars": ["A", "B"]}},
           "emphasis": {"pillars": ["B"], "forward": ["New Zealand"]}}


@st.composite
def broken_decks(draw, start: Any = SAMPLER) -> Any:
    deck = yaml.safe_load(yaml.safe_dump(start))
    for _ in range(draw(st.integers(0, 4))):
        targets = paths(deck)
        if not targets:
            break
        path = draw(st.sampled_from(targets))
        parent = deck
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["set", "set", "template", "delete", "unknown", "repeat"]))
        if action == "set":
            parent[path[-1]] = draw(values)
        elif action == "template":
            parent[path[-1]] = draw(st.sampled_from(TEMPLATES))
        elif action == "delete":
            del parent[path[-1]]
        elif action == "unknown" and isinstance(parent, dict):
            parent[draw(texts) or "extra"] = draw(values)
        elif action == "repeat" and isinstance(parent, list):
            parent.append(parent[path[-1]])
    return deck


@pytest.mark.filterwarnings("ignore")
@settings(max_examples=EXAMPLES, derandomize=EXPLORE is None, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(deck=broken_decks())
def test_any_deck_builds_or_fails_with_located_problems(project, deck):
    text = yaml.safe_dump(deck, allow_unicode=True, sort_keys=False)
    (project.root / "content/sampler/deck.yaml").write_text(text, encoding="utf-8")
    builds_or_locates(project)


def builds_or_locates(project, **selection: Any) -> None:
    """Build; the decks must open, or every problem list must name a file of the project and a line."""
    out = Path(tempfile.mkdtemp(dir=project.root))
    try:
        built = build(project, out_dir=out, workers=1, **selection)
    except ContentError as e:
        located = [p for p in e.problems if p.location.line >= 1 and (project.root / p.location.file).is_file()]
        assert located, str(e)
        return
    except BriefingError as e:
        pytest.fail(f"an error without a location: {e}")
    for deck_built in built:
        assert len(Presentation(str(deck_built.path)).slides) == deck_built.slides


@pytest.mark.filterwarnings("ignore")
@settings(max_examples=EXAMPLES, derandomize=EXPLORE is None, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(profile=broken_decks(PROFILE))
def test_any_audience_profile_builds_or_fails_with_located_problems(project, profile):
    text = yaml.safe_dump(profile, allow_unicode=True, sort_keys=False)
    path = project.root / "content/sampler/audiences/partner.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    builds_or_locates(project, audiences=["partner"])
