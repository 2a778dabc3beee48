"""Golden check: the sampler fixture deck (every layout), summarized as JSON, matches tests/golden/.

A change to a layout shows up here as a readable diff. The project's own content is not pinned:
it belongs to its users, who change it. After checking the new slides
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
        # Never a pass: a file compared with itself proves nothing.
        pytest.skip(f"rewrote {golden.name}: review `git diff tests/golden`, then run again without UPDATE_GOLDEN")
    assert summary == json.loads(golden.read_text(encoding="utf-8"))


def test_sampler_deck_matches_golden(project, capsys, tmp_path):
    assert run_cli(capsys, "build", "--output", str(tmp_path))[0] == 0
    check_golden(tmp_path / "sampler-full-en.pptx", "sampler-full-en")
