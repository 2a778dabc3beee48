"""briefing.commands.pipeline: everything validated before anything is written; charts drawn once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.draw import charts

from briefing.draw import drawer as drawing

from briefing.commands import pipeline
from briefing.errors import ContentError
from tests.conftest import DECK, edit


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
    monkeypatch.setattr(drawing, "SEPARATE", False)     # drawn here, where the spy can see it
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

    code = ("import sys; from pathlib import Path; from briefing.load.project import Project; "
            "from briefing.commands.pipeline import check; check(Project(Path('.'))); "
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
    theme = (project.root / "templates/themes/default.yaml").read_text(encoding="utf-8").splitlines()
    line = theme.index("  font: No Such Font") + 1
    assert str(problem).startswith(f"templates/themes/default.yaml:{line}:3: chart.font: "
                                   "Matplotlib has no font 'No Such Font' (it has: ")
    assert not project.output.exists()


LONG = "A sentence long enough to need several lines in any box of a slide, said again and again. " * 12
ODA = "content/oda-priorities/deck.yaml"
VARIATIONS = {
    "chart source": ('      source: "Source: Ministry of Foreign Affairs of Japan"', f'      source: "{LONG}"'),
    "handling mark": ("handling: For official use only", f"handling: {LONG[:400]}"),
    "caption": ("    caption: Regions of Japan's development cooperation", f"    caption: {LONG[:600]}"),
    "cover title": ("title: Japan's ODA Priorities", f"title: {LONG[:900]}"),
    "agenda item": ("    title: Why development cooperation", f"    title: {LONG[:700]}"),
    "table cell": ('      - [Africa, "Health, human resources", "Grant aid, TICAD follow-up"]',
                   f'      - [Africa, "{LONG}", "Grant aid, TICAD follow-up"]'),
    "sub-item": ("          - Human security in the new era", f"          - {LONG * 3}"),
    "focus area": ("      - Quality growth", f"      - {LONG[:300]}"),
    "chart title": ("      title: ODA budget (general account)", f"      title: {LONG[:500]}"),
    "footnote": ('    footnote: "*Tools combine where a programme needs them."', f"    footnote: {LONG[:400]}"),
    "image statement": ("      - Africa grows in weight.", f"      - {LONG * 2}"),
    "a slide title": ("    title: The ODA budget", f"    title: {LONG[:120]}"),
}


def _outcome(run) -> list[str]:
    try:
        run()
    except ContentError as e:
        return [str(p) for p in e.problems]
    return []


@pytest.mark.parametrize("variation", list(VARIATIONS))
def test_check_refuses_whatever_a_build_refuses(oda, tmp_path, variation):
    old, new = VARIATIONS[variation]
    edit(oda, ODA, old, new)
    selection = dict(selection=["oda-priorities"], languages=["en"], audiences=["full"])
    checked = _outcome(lambda: pipeline.check(oda, **selection))
    built = _outcome(lambda: pipeline.build(oda, out_dir=tmp_path / "out", **selection))
    assert checked == built
    assert checked, f"{variation}: expected the long text to be refused"
    assert all(line.startswith(f"{ODA}:") for line in checked), checked
