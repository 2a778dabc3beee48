"""Which layout each kind of slide uses, and why: a title layout with more than a title and a
subtitle still carries the cover; a kind with no layout made for it is a warning at the theme
line to set; the theme may name the layouts and the master. Templates made with python-pptx."""

from __future__ import annotations

import io
import json

from pptx import Presentation
from pptx.oxml.ns import qn

from briefing.layout.plan import Box
from briefing.read.template import LayoutInfo, MasterInfo, Placeholder, choose, read_master, reason
from tests.conftest import edit, run_cli
from tests.read.test_template import THEME, plain_template, theme_line, use_master


def template_bytes(change) -> bytes:
    """python-pptx's own template, changed by `change(prs)`."""
    prs = Presentation()
    change(prs)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def picture_beside_the_title(prs) -> None:
    # The title slide's subtitle becomes a picture box: a title page with a photo, and no subtitle box.
    title_slide = prs.slide_layouts[0]
    title_slide.placeholders[1]._element.ph.set("type", "pic")
    title_slide._element.attrib.pop("type", None)


def without(name: str):
    def change(prs) -> None:
        layout = prs.slide_layouts.get_by_name(name)
        prs.slide_layouts.remove(layout)
    return change


def test_a_title_layout_with_a_picture_instead_of_a_subtitle_still_carries_the_cover():
    info = read_master(template_bytes(picture_beside_the_title))
    [title_slide] = info.find("Title Slide")
    assert title_slide.role != "title-slide"    # no subtitle box: not a title slide by its placeholders
    chosen, problems = choose(info, {})
    assert not problems and chosen["cover"].name == "Title Slide"
    why, made = reason(info, "cover", chosen["cover"], named=False)
    assert made and "a centred title" in why and "a picture box" in why


def test_a_kind_with_no_layout_made_for_it_is_a_warning_at_the_theme_line_until_the_theme_names_one(project, capsys):
    (project.root / "templates/masters").mkdir(parents=True)
    (project.root / "templates/masters/office.pptx").write_bytes(template_bytes(without("Section Header")))
    use_master(project, "masters/office.pptx")
    code, out, err = run_cli(capsys, "check")
    assert code == 0, err
    warning = [line for line in err.splitlines() if "warning:" in line]
    assert warning == [f"note: {THEME}:1:1: master: warning: masters/office.pptx: section slides use 'Title Only': "
                       "the template has no section header; this layout has a title, made for other slides; to "
                       "choose, set layouts: {section: <layout>} in the theme (its layouts with a title: 'Title "
                       "Slide', 'Title and Content', 'Two Content', 'Comparison', 'Content with Caption', "
                       "'Picture with Caption', 'Title and Vertical Text', 'Vertical Title and Text')"]
    assert f"note: {THEME}:1:1: master: masters/office.pptx: cover slides use 'Title Slide': declared a title slide " \
           "(a centred title, a subtitle box)" in err.splitlines()
    # A build warns too, but does not repeat the reasons for the choices that are fine.
    code, out, err = run_cli(capsys, "build")
    assert code == 0 and [line for line in err.splitlines() if "slides use" in line] == warning
    edit(project, THEME, "master: masters/office.pptx", "master: masters/office.pptx\nlayouts:\n  section: Title Only")
    code, out, err = run_cli(capsys, "check")
    assert code == 0 and "warning" not in err
    assert f"note: {THEME}:3:3: layouts.section: masters/office.pptx: section slides use 'Title Only': named in the " \
           "theme (layouts: section); it has a title" in err.splitlines()


def test_master_inspect_says_why_each_layout_was_chosen_and_warns_of_a_fallback(tmp_path, capsys):
    path = tmp_path / "office.pptx"
    path.write_bytes(template_bytes(without("Section Header")))
    code, out, err = run_cli(capsys, "master", "inspect", str(path))
    assert code == 0, err
    assert "cover    slides use Title Slide (master 1): declared a title slide (a centred title, a subtitle box)" in out
    assert out.rstrip().endswith(
        "section  slides use Title Only (master 1): the template has no section header; this layout has a title, "
        "made for other slides\n"
        "         warning: no layout is made for section slides; to choose one, set layouts: {section: <layout "
        "name>} in the theme")
    code, out, err = run_cli(capsys, "master", "inspect", str(path), "--json")
    why = json.loads(out)["why"]
    assert why["section"]["made_for_it"] is False and why["cover"]["made_for_it"] is True


def two_masters() -> MasterInfo:
    """A template with a master for its title pages and one for the rest, each with every layout."""
    def layout(master: int, index: int, name: str, *kinds: str, kind: str = "") -> LayoutInfo:
        boxes = {"ctrTitle": Box(1, 2, 8, 1.5), "title": Box(0.5, 0.3, 9, 1), "subTitle": Box(1, 4, 8, 1),
                 "body": Box(0.5, 1.5, 9, 5), "obj": Box(0.5, 1.5, 9, 5)}
        return LayoutInfo(master, index, name, tuple(Placeholder(k, i, k, boxes[k]) for i, k in enumerate(kinds)),
                          kind)

    layouts = tuple(l for m in (1, 2) for l in (
        layout(m, 0, "Title Slide", "ctrTitle", "subTitle", kind="title"),
        layout(m, 1, "Title and Content", "title", "obj"),
        layout(m, 2, "Section Header", "title", "body", kind="secHead"),
        layout(m, 3, "Title Only", "title")))
    return MasterInfo(10, 7.5, layouts, masters=2, slides=0)


def test_the_theme_names_the_master_whose_layouts_every_kind_of_slide_uses():
    info = two_masters()
    chosen, problems = choose(info, {})
    assert not problems and {role: l.master for role, l in chosen.items()} == {"cover": 1, "content": 1, "section": 1}
    chosen, problems = choose(info, {"master": 2})
    assert not problems and {role: l.label for role, l in chosen.items()} == {
        "cover": "Title Slide (master 2)", "content": "Title Only (master 2)", "section": "Section Header (master 2)"}
    chosen, problems = choose(info, {"master": 2, "cover": "Title Slide (master 1)"})
    assert chosen["cover"].master == 1 and chosen["content"].master == 2


def test_a_master_the_template_does_not_have_is_an_error_at_the_theme_line(project, capsys):
    plain_template(project.root / "templates/masters/office.pptx")
    use_master(project, "masters/office.pptx", extra="layouts:\n  master: 3\n")
    code, out, err = run_cli(capsys, "check")
    line = theme_line(project, "  master: 3")
    assert code == 1
    assert err.startswith(f"{THEME}:{line}:3: layouts.master: masters/office.pptx: the template has 1 master, not a "
                          "master 3")


def readme_theme() -> str:
    """The complete theme README.md's "Layouts and fonts" gives to copy."""
    from tests.conftest import REPO

    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("```yaml\nname: ministry\n") + len("```yaml\n")
    return text[start:text.index("```", start)]


def test_the_complete_theme_in_the_readme_builds_when_copied(project, tmp_path):
    from briefing.commands import pipeline

    plain_template(project.root / "templates/masters/ministry.potx")
    (project.root / "templates/themes/ministry.yaml").write_text(readme_theme(), encoding="utf-8")
    deck = project.root / "content/sampler/deck.yaml"
    text = deck.read_text(encoding="utf-8")
    deck.write_text(text.replace("theme: default", "theme: ministry") if "theme: default" in text
                    else f"theme: ministry\n{text}", encoding="utf-8")
    [built] = pipeline.build(project, out_dir=tmp_path / "out")
    prs = Presentation(str(built.path))
    assert prs.slide_width == 10 * 914400       # the template's 4:3 size: the deck is on it
    assert prs.slides[0].slide_layout.name == "Title Slide"
    assert {s.slide_layout.name for s in prs.slides} == {"Title Slide", "Section Header", "Title Only"}


def test_content_slides_go_on_the_master_whose_artwork_leaves_the_most_room():
    # A template's masters from busy to plain (LibreOffice's Focus): the body goes on the plainest.
    from briefing.read.backdrop import Backdrop

    def drawn(*obstacles: Box) -> Backdrop:
        return Backdrop(10, 7.5, b"", (0, 0), obstacles)

    busy = drawn(Box(0, 1, 10, 4))          # a band across the middle of every layout of master 1
    backdrops = {(m, i): busy if m == 1 else drawn() for m in (1, 2) for i in range(4)}
    chosen, problems = choose(two_masters(), {}, backdrops)
    assert not problems and chosen["content"].label == "Title Only (master 2)"
    assert chosen["cover"].master == 1      # title pages stay where the template puts them
    chosen, problems = choose(two_masters(), {"master": 1}, backdrops)
    assert chosen["content"].label == "Title Only (master 1)"      # the theme's word wins


def exported(prs) -> None:
    # As Google Slides exports: no layout types, the title page a title and a text box.
    for layout in prs.slide_layouts:
        layout._element.attrib.pop("type", None)
    title_slide = prs.slide_layouts[0]
    title_slide.placeholders[0]._element.ph.set("type", "title")
    title_slide.placeholders[1]._element.ph.set("type", "body")


def test_a_layout_named_title_slide_carries_the_cover_though_its_type_is_not_declared(tmp_path, capsys):
    path = tmp_path / "exported.pptx"
    path.write_bytes(template_bytes(exported))
    code, out, err = run_cli(capsys, "master", "inspect", str(path))
    assert code == 0, err
    assert "cover    slides use Title Slide (master 1): its name marks it a title slide (a title, a text box)" in out
    assert "warning" not in out.split("cover    slides", 1)[1].split("content  slides")[0]


def inset_and_wide() -> MasterInfo:
    """One master with two families of layouts (as the IETF's template has): a wide one, and an
    inset one whose title-only layout the content slides use."""
    def layout(index: int, name: str, title: Box, body: Box | None = None, foot: Box | None = None) -> LayoutInfo:
        holders = [Placeholder("title", 0, "Title", title)] + ([Placeholder("body", 1, "Text", body)] if body else [])
        return LayoutInfo(1, index, name, tuple(holders + ([Placeholder("sldNum", 2, "Number", foot)] if foot else [])))

    wide, inset = Box(0.5, 0.2, 9, 0.9), Box(1.1, 0.5, 7.8, 0.9)
    return MasterInfo(10, 5.625, (
        layout(0, "Title and Content", wide, Box(0.5, 1.3, 9, 3.7)),
        layout(1, "Title and Content", inset, Box(1.1, 1.6, 7.8, 3.4)),
        layout(2, "Title Only", inset, foot=Box(4.8, 5.3, 2.3, 0.14))), masters=1, slides=0)


def test_the_body_is_that_of_the_layout_whose_title_sits_where_the_content_slides_title_does():
    from briefing.read.template import regions

    info = inset_and_wide()
    only = info.layouts[2]
    found = regions(info, {"cover": only, "section": only, "content": only})
    assert found.body == Box(1.1, 1.6, 7.8, 3.4)


def test_a_sliver_of_a_body_placeholder_leaves_the_body_the_space_under_the_title():
    # Exports shrink an empty body box to one line (0.3 in on otelo's template of the French ministry).
    from briefing.read.template import regions

    info = inset_and_wide()
    sliver = LayoutInfo(1, 1, "Title and Content", (Placeholder("title", 0, "Title", Box(1.1, 0.5, 7.8, 0.9)),
                                                      Placeholder("body", 1, "Text", Box(1.1, 1.6, 7.8, 0.3))))
    info = MasterInfo(10, 5.625, (info.layouts[0], sliver, info.layouts[2]), masters=1, slides=0)
    only = info.layouts[2]
    body = regions(info, {"cover": only, "section": only, "content": only}).body
    assert (body.left, round(body.top, 6), body.width) == (1.1, 1.6, 7.8) and body.height > 3


def test_a_sliver_of_a_footer_band_grows_upwards_to_hold_a_line():
    from briefing.load.master import FOOTER_LEAST, grid
    from briefing.model.theme import Grid
    from briefing.read.template import regions

    info = inset_and_wide()
    only = info.layouts[2]
    found = regions(info, {"cover": only, "section": only, "content": only})
    assert abs(found.footer.height - 0.14) < 1e-9
    made = grid(info, found, Grid(), set())
    assert made.footer_height == FOOTER_LEAST and abs(made.footer_top + made.footer_height - 5.44) < 1e-9
    assert made.body_bottom <= made.footer_top


def test_where_a_sample_slide_moves_a_layouts_title_and_body_the_deck_puts_them_there_too():
    # LibreOffice's Midnightblue, converted: every layout's title sits low, in a speech bubble one
    # master draws; the sample slide of the plain master moves title and body to the top.
    from briefing.read.template import regions

    def layout(index: int, name: str, *holders: Placeholder) -> LayoutInfo:
        return LayoutInfo(1, index, name, holders)

    bubble, low_body = Box(2.95, 1.62, 5.12, 1.77), Box(3.74, 3.54, 6.89, 1.77)
    layouts = (layout(0, "Title Slide", Placeholder("title", 0, "", bubble), Placeholder("subTitle", 1, "", low_body)),
               layout(1, "Title, Content", Placeholder("title", 0, "", bubble), Placeholder("obj", 1, "", low_body)),
               layout(2, "Title Only", Placeholder("title", 0, "", bubble)))
    top, body = Box(0.39, 0.25, 10.24, 0.79), Box(0.39, 1.62, 10.24, 4.13)
    info = MasterInfo(11.02, 6.2, layouts, masters=1, slides=1, sampled={(1, 1): (top, body)})
    found = regions(info, {"cover": layouts[0], "content": layouts[2], "section": layouts[2]})
    assert (found.title, found.body) == (top, body)
    assert found.cover_title == bubble      # no sample shows the title slide otherwise
    plain = MasterInfo(11.02, 6.2, layouts, masters=1, slides=1)
    assert regions(plain, {"cover": layouts[0], "content": layouts[2], "section": layouts[2]}).title == bubble


def test_a_sample_slide_of_the_title_page_is_not_where_content_slides_put_their_body():
    from briefing.read.template import regions

    info = inset_and_wide()
    title_page = LayoutInfo(1, 3, "Title Slide", (Placeholder("title", 0, "", Box(0.8, 1.8, 8.5, 1.2)),
                                                  Placeholder("body", 1, "", Box(1.5, 3.2, 7, 1.4))))
    layouts = (*info.layouts, title_page)
    sampled = {(1, 3): (Box(0.8, 1.8, 8.5, 1.2), Box(1.5, 3.2, 7, 1.4))}
    info = MasterInfo(10, 5.625, layouts, masters=1, slides=1, sampled=sampled)
    only = layouts[2]
    assert regions(info, {"cover": title_page, "section": only, "content": only}).body == Box(1.1, 1.6, 7.8, 3.4)


def test_a_sample_slide_that_places_its_title_and_body_itself_is_read():
    from pptx.util import Inches

    def samples(prs) -> None:
        moved = prs.slides.add_slide(prs.slide_layouts[1])
        title, body = moved.placeholders[0], moved.placeholders[1]
        title.left, title.top, title.width, title.height = Inches(0.4), Inches(0.25), Inches(9), Inches(0.8)
        body.left, body.top, body.width, body.height = Inches(0.4), Inches(1.5), Inches(9), Inches(5)
        prs.slides.add_slide(prs.slide_layouts[5])          # a title only, where its layout has it

    info = read_master(template_bytes(samples))
    assert info.sampled == {(1, 1): (Box(0.4, 0.25, 9, 0.8), Box(0.4, 1.5, 9, 5))}


def test_without_a_divider_layout_a_section_title_stands_in_the_middle_of_the_page(project, tmp_path):
    from tests.read.test_template import built_deck

    (project.root / "templates/masters").mkdir(parents=True)
    (project.root / "templates/masters/office.pptx").write_bytes(template_bytes(without("Section Header")))
    use_master(project, "masters/office.pptx")
    prs = built_deck(project, tmp_path)
    section = next(s for s in prs.slides if s.shapes.title.text_frame.text == "Part one")
    content = next(s for s in prs.slides if s.shapes.title.text_frame.text.startswith("Points for"))
    assert section.slide_layout.name == content.slide_layout.name == "Title Only"
    height = prs.slide_height
    assert section.shapes.title.top > 0.3 * height > content.shapes.title.top      # not at the top of an empty page
    assert section.shapes.title.text_frame.text.strip()


def test_a_named_layout_without_a_title_placeholder_says_which_have_one():
    # USBR's branded title page is a picture and fixed text: no placeholder a deck's title can go in.
    chosen, problems = choose(read_master(template_bytes(lambda prs: None)), {"cover": "Blank"})
    assert "cover" not in chosen
    assert problems["cover"].startswith("layout 'Blank' has no title placeholder, where a slide's title goes: name "
                                        "one that has (its layouts with a title: 'Title Slide', ")
    assert problems["cover"].endswith("or add a title placeholder to it in PowerPoint (View, Slide Master)")


def test_a_sample_slide_with_a_table_in_its_content_placeholder_is_read():
    # A graphic frame (table, chart) filling a placeholder has no shape properties of its own.
    from lxml import etree
    from pptx.util import Inches

    def sample(prs) -> None:
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = "Figures"
        frame = slide.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(4), Inches(1))
        holder = frame._element.find(f".//{qn('p:nvPr')}")
        etree.SubElement(holder, qn("p:ph")).set("idx", "1")

    info = read_master(template_bytes(sample))
    assert info.slides == 1 and info.sampled == {}
