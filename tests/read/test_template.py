"""briefing.read.template: a deck on an organisation's own template. The template's size, layouts (found
by their placeholders), regions, fonts and colours; located errors for a template that cannot be
used; `master inspect`. Templates here are made with python-pptx, so no LibreOffice is needed
(tests/e2e/test_templates.py builds on real third-party templates)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from briefing.commands import pipeline
from briefing.errors import ContentError
from briefing.read.template import choose, prepared, read_master
from tests.conftest import REPO, edit, run_cli

THEME = "templates/themes/default.yaml"
EMU = 914400


def plain_template(path: Path, *, samples: int = 2, width: float = 10.0, height: float = 7.5) -> Path:
    """python-pptx's own template (4:3 unless sized otherwise) with `samples` sample slides: a
    stand-in for an organisation's template, whose layout names and size are not the default's."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = int(width * EMU), int(height * EMU)
    for number in range(samples):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = f"Sample slide {number + 1}"
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(path))
    return path


def use_master(project, name: str, *, keep_grid: bool = False, extra: str = "") -> None:
    """Point the project's theme at templates/<name>, without its grid (which the template gives)."""
    theme = (project.root / THEME).read_text(encoding="utf-8")
    if not keep_grid:
        start = theme.index("grid:")
        end = theme.index("\n", theme.index("cover_left:"))
        theme = theme[:start] + theme[end + 1:]
    (project.root / THEME).write_text(f"master: {name}\n{extra}{theme}", encoding="utf-8")


def built_deck(project, tmp_path) -> Presentation:
    [built] = pipeline.build(project, out_dir=tmp_path / "out")
    return Presentation(str(built.path))


def theme_line(project, text: str) -> int:
    return (project.root / THEME).read_text(encoding="utf-8").splitlines().index(text) + 1


# --- building on a template ---------------------------------------------------------------------

def test_a_deck_takes_its_templates_size_and_layouts_and_drops_its_sample_slides(project, tmp_path):
    plain_template(project.root / "templates/masters/office.pptx", samples=3)
    use_master(project, "masters/office.pptx")
    prs = built_deck(project, tmp_path)
    assert (prs.slide_width, prs.slide_height) == (10 * EMU, 7.5 * EMU)
    assert not any("Sample slide" in shape.text_frame.text for slide in prs.slides for shape in slide.shapes
                   if shape.has_text_frame)
    names = {layout.name for layout in prs.slide_layouts}
    assert {slide.slide_layout.name for slide in prs.slides} <= names
    assert [s.slide_layout.name for s in prs.slides][:1] == ["Title Slide"]


def test_every_slide_title_sits_in_the_layouts_title_placeholder(project, tmp_path):
    plain_template(project.root / "templates/masters/office.pptx")
    use_master(project, "masters/office.pptx")
    prs = built_deck(project, tmp_path)
    for slide in prs.slides:
        title = slide.shapes.title
        assert title is not None and title.is_placeholder and title.text_frame.text.strip(), slide.slide_id


def test_nothing_is_placed_outside_the_templates_slide(project, tmp_path):
    plain_template(project.root / "templates/masters/wide.pptx", width=11.024, height=6.201)
    use_master(project, "masters/wide.pptx")
    prs = built_deck(project, tmp_path)
    assert (prs.slide_width, prs.slide_height) == (int(11.024 * EMU), int(6.201 * EMU))
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, shape.name
            assert shape.left + shape.width <= prs.slide_width + 1 and shape.top + shape.height <= prs.slide_height + 1


def test_text_and_boxes_scale_with_a_slide_narrower_than_the_widescreen(project, tmp_path):
    """The theme's sizes are for a 13.333 in slide; on an 11 in template both the boxes and the
    type are 11/13.333 as large, so lines break where they would on the Widescreen."""
    plain_template(project.root / "templates/masters/wide.pptx", width=11.0, height=6.1875)
    use_master(project, "masters/wide.pptx")
    wide = built_deck(project, tmp_path)
    scale = 11.0 / 13.333
    title = next(s for s in wide.slides if s.slide_layout.name == "Title Only").shapes.title
    sizes = {r.font.size.pt for p in title.text_frame.paragraphs for r in p.runs}
    assert all(abs(size - round(size * 2 / scale) / 2 * scale) < 0.02 for size in sizes)
    assert max(sizes) <= 28 * scale + 0.01
    every = [r.font.size.pt for s in wide.slides for sh in s.shapes if sh.has_text_frame
             for p in sh.text_frame.paragraphs for r in p.runs if r.font.size]
    assert min(every) >= 9          # the 12 pt of sources and footers is 9.9 pt here


def test_on_a_slide_much_narrower_than_the_widescreen_no_text_is_set_under_9_pt(project):
    # A 10 in slide keeps the Widescreen's proportions (its 12 pt floor is 9 pt there); an 8 in one
    # would set it at 7.2 pt, so the sizes and floors under 15 pt are raised to 15 (9 pt written).
    from briefing.load.master import legible
    from briefing.load.themes import load_theme

    theme = load_theme(project, "default")
    assert legible(theme, 10 / 13.333)["fit"].floor == theme.fit.floor == 12
    raised = legible(theme, 0.6)
    assert raised["fit"].floor == 15 and raised["sizes"].small == 15 and raised["sizes"].title == 28


def test_a_potx_template_is_used_as_a_pptx(project, tmp_path):
    source = plain_template(tmp_path / "office.pptx")
    (project.root / "templates/masters").mkdir(parents=True)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(project.root / "templates/masters/office.potx", "w") as zout:
        for entry in zin.infolist():
            data = zin.read(entry)
            if entry.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
            zout.writestr(entry, data)
    use_master(project, "masters/office.potx")
    assert (built_deck(project, tmp_path).slide_width) == 10 * EMU


def test_the_default_master_is_the_committed_file_its_script_makes():
    result = subprocess.run([sys.executable, str(REPO / "tools/make_default_master.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_default_look_uses_the_default_masters_title_only_and_section_header_layouts(project, tmp_path):
    prs = built_deck(project, tmp_path)
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    layouts = [s.slide_layout.name for s in prs.slides]
    assert layouts[0] == "Title Slide" and set(layouts[1:]) <= {"Title Only", "Section Header"}
    content = next(s for s in prs.slides if s.slide_layout.name == "Title Only")
    assert {"Band", "Rule"} <= {shape.name for shape in content.shapes}


def test_on_a_template_the_default_looks_band_and_rules_are_not_drawn(project, tmp_path):
    plain_template(project.root / "templates/masters/office.pptx")
    use_master(project, "masters/office.pptx")
    prs = built_deck(project, tmp_path)
    names = {shape.name for slide in prs.slides for shape in slide.shapes}
    assert not names & {"Band", "Rule"}


# --- choosing layouts ---------------------------------------------------------------------------

def test_layouts_are_found_by_their_placeholders_whatever_their_names():
    prs = Presentation()
    for layout, name in zip(prs.slide_layouts, ["表紙", "タイトルとコンテンツ", "セクション見出し", "2つのコンテンツ",
                                                 "比較", "タイトルのみ", "白紙", "a", "b", "c", "d"]):
        layout.name = name
    out = io.BytesIO()
    prs.save(out)
    chosen, problems = choose(read_master(prepared(out.getvalue())), {})
    assert problems == {}
    assert {role: layout.name for role, layout in chosen.items()} == {
        "cover": "表紙", "content": "タイトルのみ", "section": "セクション見出し"}


def test_the_theme_can_choose_a_layout_by_name(project, tmp_path):
    plain_template(project.root / "templates/masters/office.pptx")
    use_master(project, "masters/office.pptx", extra="layouts:\n  content: Title and Content\n")
    prs = built_deck(project, tmp_path)
    assert "Title and Content" in {s.slide_layout.name for s in prs.slides}
    placeholders = [p for s in prs.slides for p in s.placeholders]
    assert all(p.placeholder_format.type is not None and p.text_frame.text for p in placeholders)


def test_a_layout_the_template_lacks_is_a_located_error(project):
    plain_template(project.root / "templates/masters/office.pptx")
    use_master(project, "masters/office.pptx", extra="layouts:\n  content: Title & Content\n")
    with pytest.raises(ContentError) as caught:
        pipeline.check(project)
    [problem] = caught.value.problems
    assert str(problem).startswith(f"{THEME}:3:3: layouts.content: masters/office.pptx: no layout 'Title & Content' "
                                   "in the template; did you mean 'Title and Content'? It has: 'Title Slide', "
                                   "'Title and Content',")
    edit(project, THEME, "content: Title & Content", "content: Title only")
    with pytest.raises(ContentError) as caught:
        pipeline.check(project)
    assert "no layout 'Title only' in the template; did you mean 'Title Only'? It has:" in str(caught.value.problems[0])


# --- templates that cannot be used --------------------------------------------------------------

def no_titles(path: Path) -> Path:
    """A template whose layouts have no title placeholder."""
    prs = Presentation(str(plain_template(path, samples=0)))
    for layout in prs.slide_layouts:
        for shape in list(layout.placeholders):
            if shape.placeholder_format.type in (1, 3):      # title, centre title
                shape._element.getparent().remove(shape._element)
    prs.save(str(path))
    return path


@pytest.mark.parametrize("make, message", [
    (lambda p: no_titles(p), "masters/x.pptx: the template has no layout with a title placeholder (a title slide, "
                             "or a title-only layout); its layouts: "),
    (lambda p: p.write_bytes(b"PK\x03\x04 not really a zip" * 50), "masters/x.pptx is not a PowerPoint file (.pptx or "
                                                                  ".potx): it is not even a zip archive"),
    (lambda p: p.write_bytes(zip_of({"hello.txt": b"hi"})), "masters/x.pptx is not a PowerPoint file (.pptx or .potx): "
                                                             "it has no list of its parts"),
    (lambda p: None, "no template templates/masters/x.pptx; templates/masters/ has: nothing"),
], ids=["no-title-layout", "corrupt", "a-zip-of-something-else", "missing"])
def test_a_template_that_cannot_be_used_is_an_error_at_the_themes_master_line(project, capsys, make, message):
    (project.root / "templates/masters").mkdir(parents=True)
    make(project.root / "templates/masters/x.pptx")
    use_master(project, "masters/x.pptx")
    for command in ("check", "build"):
        code, out, err = run_cli(capsys, command)
        assert code == 1 and "Traceback" not in err
        assert err.startswith(f"{THEME}:1:1: master: {message}"), err
    assert not (project.root / "output").exists()


def zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_misspelt_template_name_gets_a_suggestion(project, capsys):
    plain_template(project.root / "templates/masters/ministry.pptx")
    use_master(project, "masters/ministy.pptx")
    code, out, err = run_cli(capsys, "check")
    assert code == 1 and "did you mean 'masters/ministry.pptx'?" in err.splitlines()[0]


def test_a_template_is_a_pptx_or_potx(project, capsys):
    (project.root / "templates/masters").mkdir(parents=True)
    (project.root / "templates/masters/look.odp").write_bytes(b"x")
    use_master(project, "masters/look.odp")
    code, out, err = run_cli(capsys, "check")
    assert err.startswith(f"{THEME}:1:1: master: masters/look.odp: a template is a .pptx or .potx file")


def test_a_template_outside_the_project_is_refused(project, capsys, tmp_path):
    outside = plain_template(tmp_path / "elsewhere/office.pptx")
    (project.root / "templates/masters").mkdir(parents=True)
    (project.root / "templates/masters/office.pptx").symlink_to(outside)
    use_master(project, "masters/office.pptx")
    code, out, err = run_cli(capsys, "check")
    assert "is outside the project (a link out); copy it in" in err.splitlines()[0]


def test_a_template_whose_body_is_too_small_says_how_to_make_room(project, capsys):
    path = plain_template(project.root / "templates/masters/low.pptx", samples=0)
    prs = Presentation(str(path))
    for layout in prs.slide_layouts:
        for shape in layout.placeholders:
            if shape.placeholder_format.type == 1:      # the title, moved low on the slide
                shape.top, shape.height = int(4.5 * EMU), int(1.5 * EMU)
    prs.save(str(path))
    use_master(project, "masters/low.pptx")
    code, out, err = run_cli(capsys, "check")
    assert code == 1 and "its content layout leaves a body of" in err and "set grid.margin, grid.body_top" in err


# --- fonts, colours and the grid from the template ---------------------------------------------

def test_fonts_and_colours_may_be_the_templates(project, tmp_path):
    plain_template(project.root / "templates/masters/office.pptx")
    theme = (project.root / THEME).read_text(encoding="utf-8")
    theme = theme.replace("  latin: Arial", "  latin: from-master")
    start, end = theme.index("colours:"), theme.index("fonts:")
    (project.root / THEME).write_text(theme[:start] + "colours: from-master\n" + theme[end:], encoding="utf-8")
    use_master(project, "masters/office.pptx")
    prs = built_deck(project, tmp_path)
    faces = {r.font.name for s in prs.slides for sh in s.shapes if sh.has_text_frame
             for p in sh.text_frame.paragraphs for r in p.runs}
    assert faces == {"Calibri"}     # python-pptx's template's body font
    body = [r for s in prs.slides for sh in s.shapes if sh.has_text_frame and not sh.is_placeholder
            for p in sh.text_frame.paragraphs for r in p.runs]
    assert {str(r.font.color.rgb) for r in body if r.font.color and r.font.color.type} >= {"000000"}


def test_a_template_font_the_measurer_does_not_know_needs_a_stand_in(project, capsys):
    path = plain_template(project.root / "templates/masters/office.pptx")
    with zipfile.ZipFile(path) as archive:
        files = {e.filename: archive.read(e) for e in archive.infolist()}
    files["ppt/theme/theme1.xml"] = files["ppt/theme/theme1.xml"].replace(b'"Calibri"', b'"Verdana"')
    path.write_bytes(zip_of(files))
    theme = (project.root / THEME).read_text(encoding="utf-8").replace("  latin: Arial", "  latin: from-master")
    (project.root / THEME).write_text(theme, encoding="utf-8")
    use_master(project, "masters/office.pptx")
    code, out, err = run_cli(capsys, "check")
    line = theme_line(project, "  latin: from-master")
    assert err.startswith(f"{THEME}:{line}:3: fonts.latin: the font 'Verdana' is not installed on this machine and "
                          "has no metric-compatible stand-in, so its widths are unknown: install it, or measure it as "
                          "an installed face of the same or larger widths (name it as fonts.measure_as, e.g. DejaVu "
                          "Sans, which is wide), or choose another font")
    edit(project, THEME, "  latin: from-master", "  latin: from-master\n  measure_as: Arial")
    code, out, err = run_cli(capsys, "check")
    assert code == 0, err


def test_from_master_without_a_master_is_an_error(project, capsys):
    edit(project, THEME, "  latin: Arial", "  latin: from-master")
    code, out, err = run_cli(capsys, "check")
    line = theme_line(project, "fonts:")
    assert err.startswith(f"{THEME}:{line}:1: fonts: fonts from-master needs a template: add master: masters/")


def test_grid_values_the_theme_sets_win_over_the_templates(project, tmp_path):
    plain_template(project.root / "templates/masters/office.pptx")
    theme = (project.root / THEME).read_text(encoding="utf-8")
    start, end = theme.index("grid:"), theme.index("\n", theme.index("cover_left:"))
    theme = theme[:start] + "grid:\n  body_top: 2.5\n" + theme[end + 1:]
    (project.root / THEME).write_text(f"master: masters/office.pptx\n{theme}", encoding="utf-8")
    from briefing.load.themes import load_theme

    loaded = load_theme(project, "default")
    assert loaded.grid.body_top == 2.5
    assert round(loaded.grid.width, 3) == 13.333 and round(loaded.grid.height, 3) == 10.0   # 4:3, planned 13.333 wide


# --- master inspect -----------------------------------------------------------------------------

def test_master_inspect_lists_layouts_roles_and_what_each_kind_of_slide_uses(project, capsys):
    path = plain_template(project.root / "templates/masters/office.pptx")
    code, out, err = run_cli(capsys, "master", "inspect", str(path))
    assert code == 0, err
    assert "slide size 10.00 x 7.50 in (4:3), 1 master, 11 layouts, 2 sample slides (left out of decks)" in out
    assert "  Title Only                         title-only  <- content" in out
    assert "  Section Header                     section-header  <- section" in out
    assert out.rstrip().endswith("section  slides use Section Header (master 1): declared a section header (a title, "
                                 "a text box)")
    code, out, err = run_cli(capsys, "master", "inspect", str(path), "--json")
    found = json.loads(out)
    assert found["uses"] == {"cover": "Title Slide (master 1)", "content": "Title Only (master 1)",
                             "section": "Section Header (master 1)"}
    assert {p["type"] for p in found["layouts"][0]["placeholders"]} == {"ctrTitle", "subTitle", "dt", "ftr", "sldNum"}


def test_master_inspect_of_something_else_says_what_it_is(project, capsys, tmp_path):
    (tmp_path / "notes.pptx").write_text("hello")
    code, out, err = run_cli(capsys, "master", "inspect", str(tmp_path / "notes.pptx"))
    assert code == 1 and "is not a PowerPoint file (.pptx or .potx): it is not even a zip archive" in err


def test_on_a_template_titles_and_subtitles_keep_its_alignment_and_on_the_default_look_they_are_left(project, tmp_path):
    from pptx.enum.text import PP_ALIGN

    default = pipeline.build(project, out_dir=tmp_path / "default")[0]
    titles = [s.shapes.title for s in list(Presentation(str(default.path)).slides)[1:]]
    assert {p.alignment for t in titles for p in t.text_frame.paragraphs} == {PP_ALIGN.LEFT}
    plain_template(project.root / "templates/masters/office.pptx")
    use_master(project, "masters/office.pptx")
    prs = built_deck(project, tmp_path)
    titles = [s.shapes.title for s in list(prs.slides)[1:]]
    assert {p.alignment for t in titles for p in t.text_frame.paragraphs} == {None}     # the template's own
    subtitle = next(sh for sh in prs.slides[0].shapes if sh.name == "Subtitle")
    assert subtitle.is_placeholder and {p.alignment for p in subtitle.text_frame.paragraphs} == {None}
