"""briefing.layout.registry.fitting: text shrinks in steps to fit its box, and past the floor the build
and `check` fail with the field's file:line, for English and Japanese alike."""

from __future__ import annotations

import pytest
from pptx import Presentation

from briefing.errors import ContentError
from briefing.commands.pipeline import build, check
from tests.conftest import run_cli, write
from tests.slides import shape_texts
from tests.unit.test_content import DECK, edit

SENTENCE = "Japan will further promote confidence-building measures and capacity building in the region. "
JAPANESE = "日本は、アジア太平洋地域を中心に、信頼醸成措置及び能力構築支援を一層推進していく。"


def sizes(shape) -> set[float]:
    return {r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs}


def shape(prs, slide: int, name: str):
    return next(s for s in prs.slides[slide].shapes if s.name == name)


def items(text: str, count: int = 6) -> str:
    return "[" + ", ".join(f'"{text}"' for _ in range(count)) + "]"


def overlong_points(project, text: str) -> None:
    """Give the bullets slide six long items: more than its box holds at 18 pt."""
    edit(project, DECK, "    items:\n      - First point\n      - Second point with {{ fmt.million(2500000) }} items\n",
         f"    items: {items(text)}\n")


def test_text_that_fits_keeps_the_theme_size(project, tmp_path):
    [built] = build(project, out_dir=tmp_path)
    assert sizes(shape(Presentation(str(built.path)), 4, "Statements")) == {18.0}


def test_a_short_list_grows_to_the_ceiling_and_a_long_one_does_not(project, tmp_path):
    [built] = build(project, out_dir=tmp_path / "short")
    assert sizes(shape(Presentation(str(built.path)), 2, "Body")) == {24.0}      # the theme's ceiling
    overlong_points(project, SENTENCE)
    [built] = build(project, out_dir=tmp_path / "long")
    [size] = sizes(shape(Presentation(str(built.path)), 2, "Body"))
    assert 18 <= size < 24


def test_overlong_english_shrinks_in_steps_and_fits(project, tmp_path):
    overlong_points(project, SENTENCE * 3)
    [built] = build(project, out_dir=tmp_path)
    body = shape(Presentation(str(built.path)), 2, "Body")
    [size] = sizes(body)
    assert 12 <= size < 18 and size == int(size)      # whole-point steps, above the floor


def test_overlong_japanese_shrinks_and_fits(project, tmp_path):
    edit(project, DECK, "language: en", "language: ja")
    overlong_points(project, JAPANESE * 3)
    [built] = build(project, out_dir=tmp_path)
    [size] = sizes(shape(Presentation(str(built.path)), 2, "Body"))
    assert 12 <= size < 18


def test_a_long_title_shrinks_to_stay_on_one_line(project, tmp_path):
    edit(project, DECK, "title: Compare", "title: Differences in Positions on Cyber Security in the International Sphere")
    [built] = build(project, out_dir=tmp_path)
    title = Presentation(str(built.path)).slides[3].shapes.title
    [size] = sizes(title)
    assert 20 <= size < 28


def test_a_body_past_the_floor_fails_with_its_location(project, tmp_path):
    edit(project, DECK, "title: Way Forward\n    items: [We will act]",
         f"title: Way Forward\n    items: {items(SENTENCE * 4, 5)}")
    with pytest.raises(ContentError) as caught:
        build(project, out_dir=tmp_path)
    [problem] = caught.value.problems
    assert str(problem).startswith(f"{DECK}:77:5: slides[8].items: text needs ")
    assert str(problem).endswith("% of the box at the 12 pt floor; shorten it")
    assert int(str(problem).split("needs ")[1].split("%")[0]) > 100
    assert not list(tmp_path.glob("*.pptx"))


def test_a_title_past_its_floor_fails(project):
    edit(project, DECK, "title: Compare", f"title: {SENTENCE * 2}")
    with pytest.raises(ContentError) as caught:
        check(project)
    [problem] = caught.value.problems
    assert str(problem).startswith(f"{DECK}:27:5: slides[3].title: text needs ")
    assert str(problem).endswith("% of the line at the 20 pt floor; shorten it")


def test_a_slide_may_raise_its_floor(project):
    overlong_points(project, SENTENCE * 3)
    check(project)     # fits at the theme's floor of 12 pt
    edit(project, DECK, "  - id: points\n", "  - id: points\n    fit: {floor: 17}\n")
    with pytest.raises(ContentError, match=r"slides\[2\].items: text needs \d+% of the box at the 17 pt floor"):
        check(project)


def test_check_reports_every_fit_problem_of_every_variant(project, capsys):
    write(project.root / "content/sampler/audiences/one.yaml", f"""
        name: One
        overrides:
          forward:
            items: {items(SENTENCE * 4, 5)}
    """)
    write(project.root / "content/sampler/audiences/two.yaml", f"""
        name: Two
        overrides:
          points:
            items: {items(SENTENCE * 7)}
    """)
    code, out, err = run_cli(capsys, "check")
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines[0].startswith("content/sampler/audiences/one.yaml:4:5: slides[8].items: text needs ")
    assert lines[1].startswith("content/sampler/audiences/two.yaml:4:5: slides[2].items: text needs ")
    assert lines[2] == "2 errors in 2 files"


def test_sibling_boxes_share_one_size(project, tmp_path):
    edit(project, DECK, "pillars: [One, Two, Three]",
         "pillars: [One, Two, Promotion of the rule of law in cyberspace and beyond it]")
    [built] = build(project, out_dir=tmp_path)
    prs = Presentation(str(built.path))
    pillars = [s for s in prs.slides[7].shapes if s.name.startswith("Pillar")]
    assert len({frozenset(sizes(p)) for p in pillars}) == 1
    assert shape_texts(prs.slides[7])["Pillar 1"] == "One"
