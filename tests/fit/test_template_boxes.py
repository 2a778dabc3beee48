"""A box the template gives that is too small for the least of its text (a cover subtitle box
narrower than a word) is said as the box: the template's layout and the theme setting that would
help, at the theme's line; not "shorten it" at the deck's line. A footer band lower than a line
(exports shrink footer boxes to their text) grows upwards to hold one."""

from __future__ import annotations

from pptx import Presentation
from pptx.util import Inches

from tests.conftest import run_cli
from tests.read.test_template import THEME, use_master


def template(path, change) -> None:
    prs = Presentation()
    change(prs)
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(path))


def low_footers(prs) -> None:
    for holder in [*prs.slide_master.placeholders, *(p for l in prs.slide_layouts for p in l.placeholders)]:
        if holder._element.ph.get("type") in ("dt", "ftr", "sldNum"):
            holder.top, holder.height = Inches(7.3), Inches(0.15)


def narrow_subtitle(prs) -> None:
    subtitle = prs.slide_layouts[0].placeholders[1]
    subtitle.width, subtitle.height = Inches(0.4), Inches(0.4)    # "Every layout once" needs more


def test_a_footer_band_lower_than_a_line_grows_upwards_to_hold_one(project, capsys, tmp_path):
    # Footer boxes 0.15 in high at the foot of the slide: the band grows to hold a line, its foot kept.
    template(project.root / "templates/masters/office.pptx", low_footers)
    use_master(project, "masters/office.pptx")
    code, out, err = run_cli(capsys, "build", "--output", str(tmp_path / "out"))
    assert code == 0, err
    prs = Presentation(str(tmp_path / "out/sampler-full-en.pptx"))
    slide = next(s for s in prs.slides if s.slide_layout.name == "Title Only")
    feet = [sh for sh in slide.shapes if sh.has_text_frame and sh.top > Inches(6.5)]
    assert feet and all(sh.top + sh.height <= Inches(7.45) and sh.height >= Inches(0.25) for sh in feet)
    assert any("Test Office" in sh.text_frame.text for sh in feet)


def test_a_cover_subtitle_box_too_small_for_three_words_names_the_cover_layout_and_layouts_cover(project, capsys):
    template(project.root / "templates/masters/office.pptx", narrow_subtitle)
    use_master(project, "masters/office.pptx")
    code, out, err = run_cli(capsys, "check")
    assert code == 1
    [error] = [line for line in err.splitlines() if not line.startswith("note:")][:-1]
    assert error.startswith(f"{THEME}:1:1: master: the subtitle box of the template's layout 'Title Slide', which "
                            "cover slides use (0.53 x 0.53 in) is too small for 'Every layout once' (subtitle): it "
                            "needs 113% of the box at the 12 pt floor; ")
    assert error.endswith("choose a layout with a larger subtitle box with layouts: {cover: <layout>} in the theme "
                          "(master inspect lists them), or widen the box in the template")
    assert not [line for line in err.splitlines() if line.startswith("content/")]


def test_text_too_long_for_a_box_that_holds_a_line_is_still_the_texts(project, capsys):
    from tests.conftest import edit

    edit(project, "content/sampler/deck.yaml", "organisation: Test Office",
         "organisation: " + "Test Office of Very Long Names " * 8)
    code, out, err = run_cli(capsys, "check")
    assert code == 1
    assert err.splitlines() == ["content/sampler/deck.yaml:6:1: handling: text needs 160% of the box at the 12 pt "
                                "floor; shorten it", "1 error in 1 file"]


def small_body(prs) -> None:
    body = prs.slide_layouts[1].placeholders[1]
    body.top, body.height = Inches(1.6), Inches(3.4)


def test_text_too_long_for_a_template_s_small_body_says_the_body_is_small_too(project, capsys):
    from tests.conftest import edit

    template(project.root / "templates/masters/office.pptx", small_body)
    use_master(project, "masters/office.pptx")
    sentence = "Japan will further promote confidence-building measures and capacity building in the region. "
    edit(project, "content/sampler/deck.yaml", "    items:\n      - First point\n",
         "    items:\n" + f"      - {sentence * 12}\n" * 4 + "      - First point\n")
    code, out, err = run_cli(capsys, "check")
    [error] = [line for line in err.splitlines() if line.startswith("content/")]
    assert code == 1 and error.startswith("content/sampler/deck.yaml:")
    assert "shorten it; the template leaves the body 12.9 x 4.4 in (the default look's is 12.1 x 5.4): " \
           "grid.body_top, body_bottom, body_left and body_right in the theme give it more" in error
