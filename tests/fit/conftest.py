"""Fixtures of the fit stage's tests: the layout stage's (see `tests.layout.conftest`), the fixture
projects planned and fitted once a session; tests assert on the plans, never on a written deck."""

from __future__ import annotations

from tests.layout.conftest import oda_en, oda_ja, sampler, variants

__all__ = ["oda_en", "oda_ja", "sampler", "variants"]
"""Shared with tests/layout: the plans are made once a session for both."""
