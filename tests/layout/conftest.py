"""Fixtures of the layout stage's tests: the fixture projects planned and fitted once a session
(see `tests.layout.plans`); tests assert on the plans, never on a written deck."""

from __future__ import annotations

import pytest

from tests.layout.plans import Variant, planned_fixtures, variant


@pytest.fixture(scope="session")
def variants(tmp_path_factory: pytest.TempPathFactory) -> list[Variant]:
    """Every variant of every fixture project, fitted: the sampler (English) and the ODA deck
    (English and Japanese, the whole deck and its ASEAN audience)."""
    return planned_fixtures(tmp_path_factory)


@pytest.fixture(scope="session")
def sampler(variants: list[Variant]) -> Variant:
    """The sampler deck (tests/fixtures/project), fitted."""
    return variant(variants, "project")


@pytest.fixture(scope="session")
def oda_en(variants: list[Variant]) -> Variant:
    """The ODA deck (tests/fixtures/oda) in English, the whole deck, fitted."""
    return variant(variants, "oda", "en")


@pytest.fixture(scope="session")
def oda_ja(variants: list[Variant]) -> Variant:
    """The ODA deck's Japanese edition, the whole deck, fitted."""
    return variant(variants, "oda", "ja")
