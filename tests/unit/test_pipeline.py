"""briefing.pipeline: everything validated before anything is written; charts drawn once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing import charts, pipeline
from briefing.errors import ContentError
from tests.unit.test_content import DECK, edit


def add_second_deck(project) -> Path:
    second = project.content / "second" / "deck.yaml"
    second.parent.mkdir()
    shutil.copy(project.root / DECK, second)
    return second


def test_builds_every_deck(project):
    add_second_deck(project)
    built = pipeline.build(project)
    assert sorted(b.path.name for b in built) == ["sampler-full-en.pptx", "second-full-en.pptx"]
    assert all(b.slides == 9 for b in built)


def test_every_layout_passes_an_ooxml_validator(project):
    from openxml_audit import validate_pptx

    [built] = pipeline.build(project)
    result = validate_pptx(built.path)
    assert [str(e) for e in result.errors] == []
    assert result.is_valid


def test_one_broken_deck_means_no_deck_is_written(project):
    second = add_second_deck(project)
    second.write_text(second.read_text().replace("title: Compare", "title: '{{ missing }}'"))
    with pytest.raises(ContentError) as caught:
        pipeline.build(project)
    assert [str(p.location.file) for p in caught.value.problems] == ["content/second/deck.yaml"]
    assert not project.output.exists()


def test_selecting_a_deck_by_name_or_path(project):
    add_second_deck(project)
    assert [b.path.name for b in pipeline.build(project, ["second"])] == ["second-full-en.pptx"]
    assert [b.path.name for b in pipeline.build(project, ["content/sampler"])] == ["sampler-full-en.pptx"]


def test_a_text_only_change_reuses_the_cached_chart(project, monkeypatch):
    pipeline.build(project)
    drawn = []
    original = charts.draw_chart
    monkeypatch.setattr(charts, "draw_chart", lambda *a: drawn.append(a) or original(*a))
    edit(project, DECK, "title: Compare", "title: Compared")
    pipeline.build(project)
    assert drawn == []
    edit(project, DECK, "axis: Units", "axis: Units per year")
    pipeline.build(project)
    assert len(drawn) == 1


def test_check_does_not_import_matplotlib_or_write(project):
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from briefing.content import Project; "
            "from briefing.pipeline import check; check(Project(Path('.'))); "
            "print('matplotlib' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=project.root, env={"PYTHONPATH": str(Path(__file__).parents[2])})
    assert result.stdout.strip() == "False"
    assert not project.output.exists()


def test_a_chart_font_matplotlib_lacks_is_an_error_in_the_theme(project):
    edit(project, "templates/themes/default.yaml", "font: DejaVu Sans", "font: No Such Font")
    with pytest.raises(ContentError) as caught:
        pipeline.build(project, use_cache=False)
    [problem] = caught.value.problems
    assert str(problem).startswith("templates/themes/default.yaml:32:3: chart.font: "
                                   "Matplotlib has no font 'No Such Font' (it has: ")
    assert not project.output.exists()
