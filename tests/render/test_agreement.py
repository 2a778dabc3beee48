"""briefing.render.agreement: every figure one edition states, the other states too."""

from __future__ import annotations

import pytest

from briefing.commands.pipeline import render_all
from briefing.errors import ContentError
from tests.conftest import edit

EN = "content/oda-priorities/deck.yaml"
JA = "content/oda-priorities/deck.ja.yaml"


def problems(project) -> list[str]:
    with pytest.raises(ContentError) as caught:
        render_all(project)
    return [str(p) for p in caught.value.problems]


def test_the_fixture_editions_agree(oda):
    """They agree as written: no field of them says its figures differ."""
    render_all(oda)
    assert not any("figures_differ" in p.read_text(encoding="utf-8") for p in oda.root.rglob("*.yaml"))


def test_a_changed_figure_is_told_at_both_lines(oda):
    edit(oda, EN, 'budget: "565000000000"', 'budget: "575000000000"')
    assert problems(oda) == [
        f"{JA}:71:9: slides[6].statements[0]: says 5,650億 (565 billion); {EN}:71 says 575 billion. State the "
        "same figure in both editions, or name the field under `figures_differ` if they differ on purpose",
        f"{EN}:71:9: slides[6].statements[0]: says 575 billion (5,750億); {JA}:71 says 5,650億. State the "
        "same figure in both editions, or name the field under `figures_differ` if they differ on purpose",
    ]


def test_a_year_in_the_notes_is_compared(oda):
    edit(oda, JA, "大綱は2015年", "大綱は2016年")
    found = problems(oda)
    assert len(found) == 2 and all("slides[3].notes: says 201" in p for p in found)


def test_figures_differ_names_the_field_that_differs_on_purpose(oda):
    edit(oda, JA, "大綱は2015年", "大綱は2016年")
    edit(oda, JA, "  - id: charter\n", "  - id: charter\n    figures_differ: [notes]\n")
    render_all(oda)


def test_figures_differ_must_name_a_field(oda):
    edit(oda, JA, "  - id: charter\n", "  - id: charter\n    figures_differ: [note]\n")
    assert problems(oda) == [f"{JA}:28:22: slides[3].figures_differ[0]: 'note' is no text field of this "
                             "slide; did you mean 'notes'?"]


def test_a_figure_only_one_edition_states_is_told_at_both_lines(oda):
    edit(oda, JA, "大綱は2015年の開発協力大綱を改定したもの。", "大綱は2015年の開発協力大綱を改定したもの。3回目の改定。")
    found = problems(oda)
    assert [p.split(": ", 2)[:2] for p in found] == [[f"{JA}:38:5", "slides[3].notes"],
                                                    [f"{EN}:38:5", "slides[3].notes"]]
    assert "says 3; " in found[0] and "does not state 3, which " + JA in found[1]
