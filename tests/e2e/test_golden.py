"""Golden check: the built deck, summarized as JSON, matches tests/golden/.

A change to layouts or content shows up here as a readable diff. After checking the new slides
by eye, regenerate with `UPDATE_GOLDEN=1 python -m pytest tests/e2e/test_golden.py`.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from pptx import Presentation

from tests.conftest import run_cli
from tests.slides import summarize

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def check_golden(deck: Path, name: str) -> None:
    summary = summarize(Presentation(str(deck)))
    golden = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        text = json.dumps(summary, indent=1, ensure_ascii=False)
        # Boxes and pixel sizes on one line each, so a diff shows which shape moved.
        text = re.sub(r"\[\s+([-\d.,\s]+?)\s+\]", lambda m: "[" + " ".join(m.group(1).split()) + "]", text)
        golden.write_text(text + "\n", encoding="utf-8")
    assert summary == json.loads(golden.read_text(encoding="utf-8"))


REAL_VARIANTS = [f"{audience}-{language}" for language in ("en", "ja")
                 for audience in ("full", "australia", "asean", "industry")]


@pytest.fixture(scope="module")
def real_decks(tmp_path_factory):
    """Every real variant, built once for all the golden checks."""
    from briefing.content import Project
    from briefing.pipeline import build
    from tests.conftest import REPO

    out = tmp_path_factory.mktemp("golden")
    build(Project(REPO), out_dir=out, use_cache=False)
    return out


@pytest.mark.parametrize("variant", REAL_VARIANTS)
def test_real_deck_matches_golden(real_decks, variant):
    check_golden(real_decks / f"japan-cyber-diplomacy-{variant}.pptx", f"japan-cyber-diplomacy-{variant}")


def test_every_real_variant_has_a_golden(real_project, capsys):
    code, out, _ = run_cli(capsys, "list")
    listed = {line.split(":")[0] for line in out.splitlines() if not line.startswith(" ")}
    assert code == 0
    assert listed == {f"japan-cyber-diplomacy-{v}.pptx" for v in REAL_VARIANTS}


def test_sampler_deck_matches_golden(project, capsys, tmp_path):
    assert run_cli(capsys, "build", "--output", str(tmp_path))[0] == 0
    check_golden(tmp_path / "sampler-full-en.pptx", "sampler-full-en")
