"""briefing.fit.fitting, end to end: past the floor a build fails and writes nothing, and the `check`
command reports every fit problem of every variant. How texts are sized, and where a problem is
located, is tested on the fitted plans, in tests/fit/test_fitting.py."""

from __future__ import annotations

import pytest

from briefing.errors import ContentError
from briefing.commands.pipeline import build
from tests.conftest import run_cli, write
from tests.conftest import DECK, edit

SENTENCE = "Japan will further promote confidence-building measures and capacity building in the region. "


def items(text: str, count: int = 6) -> str:
    return "[" + ", ".join(f'"{text}"' for _ in range(count)) + "]"


def test_a_body_past_the_floor_fails_the_build_and_writes_nothing(project, tmp_path):
    edit(project, DECK, "title: Way Forward\n    items: [We will act]",
         f"title: Way Forward\n    items: {items(SENTENCE * 6, 5)}")
    with pytest.raises(ContentError) as caught:
        build(project, out_dir=tmp_path)
    [problem] = caught.value.problems
    assert str(problem).startswith(f"{DECK}:77:5: slides[8].items: text needs ")
    assert not list(tmp_path.glob("*.pptx"))


def test_check_reports_every_fit_problem_of_every_variant(project, capsys):
    write(project.root / "content/sampler/audiences/one.yaml", f"""
        name: One
        overrides:
          forward:
            items: {items(SENTENCE * 6, 5)}
    """)
    write(project.root / "content/sampler/audiences/two.yaml", f"""
        name: Two
        overrides:
          points:
            items: {items(SENTENCE * 9)}
    """)
    code, out, err = run_cli(capsys, "check")
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines[0].startswith("content/sampler/audiences/one.yaml:4:5: slides[8].items: text needs ")
    assert lines[1].startswith("content/sampler/audiences/two.yaml:4:5: slides[2].items: text needs ")
    assert lines[2] == "2 errors in 2 files"
