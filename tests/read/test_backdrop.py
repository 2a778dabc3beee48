"""briefing.read.backdrop: a template as the slide shows it. Text colours through the master's colour
map and on what is behind each box (a background fill, a picture, a band); the template's artwork
(pictures and filled shapes outside placeholders) kept clear of; the deck at the template's size.
Templates here are python-pptx's own, changed in a few lines: no LibreOffice is needed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pptx.util import Inches
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.oxml.shapes.picture import CT_Picture

from briefing.commands import pipeline
from briefing.errors import ContentError
from briefing.layout.plan import Box
from briefing.model.colour import contrast
from briefing.read.backdrop import largest_free, read_backdrops
from tests.read.test_template import THEME, built_deck, plain_template, theme_line, use_master

EMU = 914400


def dark_master(prs: Presentation, colour: str = "1B2430") -> None:
    """The master's background a dark fill; its colour map left as it is (text tx1 -> dk1, dark)."""
    fill = prs.slide_master.background.fill
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string(colour)


def set_scheme(prs: Presentation, **slots: str) -> None:
    """Set slots of the theme's colour scheme (dk1=..., lt1=...) to RGB colours."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    scheme = next(root.iter(qn("a:clrScheme")))
    for slot, value in slots.items():
        element = scheme.find(qn(f"a:{slot}"))
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, qn("a:srgbClr")).set("val", value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def logo(slide_like, box: Box, colour: str = "C00000") -> None:
    """A picture (a flat square of `colour`) on a master or layout, outside any placeholder."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "#" + colour).save(buffer, "PNG")
    buffer.seek(0)
    _, rid = slide_like.part.get_or_add_image_part(buffer)
    tree = slide_like.shapes._spTree
    pic = CT_Picture.new_pic(900 + len(tree), "Logo", "", rid, *(int(v * EMU) for v in
                                                                  (box.left, box.top, box.width, box.height)))
    tree.append(pic)


def band(slide_like, box: Box, colour: str) -> None:
    """A filled rectangle on a master or layout, outside any placeholder."""
    tree = slide_like.shapes._spTree
    sp = CT_Shape.new_autoshape_sp(950 + len(tree), "Art", "rect", *(int(v * EMU) for v in
                                                                    (box.left, box.top, box.width, box.height)))
    tree.append(sp)
    properties = sp.find(qn("p:spPr"))
    from lxml import etree

    fill = etree.SubElement(properties, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", colour)
    properties.insert(list(properties).index(fill), fill)      # after the geometry, as the schema orders it
    properties.remove(properties.find(qn("a:prstGeom")))
    geometry = etree.Element(qn("a:prstGeom"), prst="rect")
    etree.SubElement(geometry, qn("a:avLst"))
    properties.insert(1, geometry)


def template(path: Path, change, width: float = 10.0, height: float = 7.5) -> Path:
    """python-pptx's template at a size, its placeholders moved and sized with the slide (as a
    template made at that size has them), then `change`d."""
    plain_template(path, width=width, height=height)
    prs = Presentation(str(path))
    across, down = width / 10.0, height / 7.5
    for holder in [*prs.slide_master.placeholders, *(p for l in prs.slide_layouts for p in l.placeholders)]:
        if holder._element.spPr.find(qn("a:xfrm")) is not None:
            holder.left, holder.width = int(holder.left * across), int(holder.width * across)
            holder.top, holder.height = int(holder.top * down), int(holder.height * down)
    change(prs)
    prs.save(str(path))
    return path


def from_master(project, *, colours: bool = True) -> None:
    """The theme's colours (and Latin face) the template's."""
    theme = (project.root / THEME).read_text(encoding="utf-8")
    if colours:
        start, end = theme.index("colours:"), theme.index("fonts:")
        theme = theme[:start] + "colours: from-master\n" + theme[end:]
    (project.root / THEME).write_text(theme, encoding="utf-8")


def text_runs(prs, *, placeholders: bool = True):
    """Every run of text that sits on the slide itself (not in a filled shape), with its slide and box."""
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame and (shape.is_placeholder if placeholders else shape.shape_type == MSO_SHAPE_TYPE.TEXT_BOX) \
                    or shape.has_text_frame and shape.shape_type == MSO_SHAPE_TYPE.TEXT_BOX:
                for para in shape.text_frame.paragraphs:
                    for run in para.runs:
                        if run.text.strip():
                            yield slide, shape, run


# --- colours as the slide shows them ------------------------------------------------------------------

def test_check_reports_dark_text_on_a_dark_master_at_the_themes_colour_line(project):
    template(project.root / "templates/masters/dark.pptx", dark_master)
    use_master(project, "masters/dark.pptx")
    with pytest.raises(ContentError) as error:
        pipeline.check(project)
    text = str(error.value)
    line = theme_line(project, '  text: "222222"')
    assert f"templates/themes/default.yaml:{line}:" in text
    assert "#222222 on what the template shows behind box" in text and "of slide '" in text
    assert not (project.root / "output").exists()


def test_from_master_colours_read_through_the_colour_map_of_a_dark_master(project, tmp_path):
    """A dark master that maps text to its light colour (bg1 -> dk1, tx1 -> lt1): the deck's text
    is the scheme's light colour, and check agrees that everything reads."""
    def change(prs):
        dark_master(prs)
        clr_map = prs.slide_master._element.find(qn("p:clrMap"))
        clr_map.set("bg1", "dk1"), clr_map.set("tx1", "lt1"), clr_map.set("bg2", "dk2"), clr_map.set("tx2", "lt2")

    template(project.root / "templates/masters/dark.pptx", change)
    use_master(project, "masters/dark.pptx")
    from_master(project)
    pipeline.check(project)
    prs = built_deck(project, tmp_path)
    body = [run for _, _, run in text_runs(prs, placeholders=False) if run.font.color and run.font.color.type]
    assert body and all(contrast(str(run.font.color.rgb), "1B2430") >= 3 for run in body)


def test_text_on_a_dark_master_that_maps_text_dark_is_made_light(project, tmp_path):
    template(project.root / "templates/masters/dark.pptx", dark_master)
    use_master(project, "masters/dark.pptx")
    from_master(project)
    pipeline.check(project)
    prs = built_deck(project, tmp_path)
    colours = {str(run.font.color.rgb) for _, _, run in text_runs(prs, placeholders=False)
               if run.font.color and run.font.color.type}
    assert colours and all(contrast(c, "1B2430") >= 3 for c in colours), colours      # light text: it reads


def test_a_placeholder_colour_that_does_not_read_on_its_picture_is_replaced(project, tmp_path):
    """The title slide's background is a dark picture, its title placeholder's text dark: the
    cover's title is written in the template's light colour instead."""
    def change(prs):
        buffer = io.BytesIO()
        Image.new("RGB", (64, 48), "#101820").save(buffer, "PNG")
        buffer.seek(0)
        cover = prs.slide_layouts[0]
        cover.background.fill.solid()       # makes a p:bg; then made a picture fill
        _, rid = cover.part.get_or_add_image_part(buffer)
        bg = cover._element.cSld.find(qn("p:bg"))
        properties = bg.find(qn("p:bgPr"))
        from lxml import etree

        for child in list(properties):
            properties.remove(child)
        blip = etree.SubElement(properties, qn("a:blipFill"))
        etree.SubElement(blip, qn("a:blip")).set(qn("r:embed"), rid)
        etree.SubElement(etree.SubElement(blip, qn("a:stretch")), qn("a:fillRect"))
        etree.SubElement(properties, qn("a:effectLst"))

    template(project.root / "templates/masters/photo.pptx", change)
    use_master(project, "masters/photo.pptx")
    from_master(project)
    prs = built_deck(project, tmp_path)
    cover = prs.slides[0]
    runs = [run for shape in cover.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs
            for run in p.runs if run.text.strip()]
    assert runs and all(run.font.color and run.font.color.type and contrast(str(run.font.color.rgb), "101820") >= 3
                        for run in runs)


def test_where_no_colour_of_the_template_reads_check_says_so_at_the_colours_line(project):
    """A grey title slide and a scheme of greys: neither its dark nor its light text reads there."""
    def change(prs):
        set_scheme(prs, dk1="555555", lt1="AAAAAA", dk2="606060", lt2="A0A0A0")
        cover = prs.slide_layouts[0]
        cover.background.fill.solid()
        cover.background.fill.fore_color.rgb = RGBColor.from_string("808080")

    template(project.root / "templates/masters/grey.pptx", change)
    use_master(project, "masters/grey.pptx")
    from_master(project)
    with pytest.raises(ContentError) as error:
        pipeline.check(project)
    text = str(error.value)
    assert f"templates/themes/default.yaml:{theme_line(project, 'colours: from-master')}:" in text
    assert "none of the template's text colours reads there" in text
    assert "of slide 'cover'" in text or "of slide '" in text


def test_the_colour_map_and_a_layouts_override_are_read():
    prs = Presentation()
    clr_map = prs.slide_master._element.find(qn("p:clrMap"))
    clr_map.set("bg1", "dk1"), clr_map.set("tx1", "lt1")
    from lxml import etree

    layout = prs.slide_layouts[5]
    override = layout._element.find(qn("p:clrMapOvr"))
    if override is None:
        override = etree.SubElement(layout._element, qn("p:clrMapOvr"))
    for child in list(override):
        override.remove(child)
    own = etree.SubElement(override, qn("a:overrideClrMapping"))
    for key, value in {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2", "accent1": "accent1",
                       "accent2": "accent2", "accent3": "accent3", "accent4": "accent4", "accent5": "accent5",
                       "accent6": "accent6", "hlink": "hlink", "folHlink": "folHlink"}.items():
        own.set(key, value)
    buffer = io.BytesIO()
    prs.save(buffer)
    found = read_backdrops(buffer.getvalue())
    scheme = {"dk1": "000000", "lt1": "FFFFFF", "dk2": "111111", "lt2": "EEEEEE"}
    assert found[(1, 1)].mapped(scheme)["dk1"] == "FFFFFF"      # text through the master's map: light
    assert found[(1, 5)].mapped(scheme)["dk1"] == "000000"      # the layout's own map: dark again


def test_a_background_picture_is_seen_part_by_part():
    prs = Presentation()
    half = Image.new("RGB", (100, 50), "#FFFFFF")
    half.paste(Image.new("RGB", (50, 50), "#000000"), (0, 0))
    buffer = io.BytesIO()
    half.save(buffer, "PNG")
    buffer.seek(0)
    logo_box = Box(0, 0, 10, 7.5)       # the whole slide: background, not artwork
    _, rid = prs.slide_master.part.get_or_add_image_part(buffer)
    prs.slide_master.shapes._spTree.append(CT_Picture.new_pic(99, "Photo", "", rid, 0, 0, int(10 * EMU),
                                                              int(7.5 * EMU)))
    saved = io.BytesIO()
    prs.save(saved)
    backdrop = read_backdrops(saved.getvalue())[(1, 1)]
    assert backdrop.colour_under(Box(0.5, 1, 3, 2)) == "000000"
    assert backdrop.colour_under(Box(6, 1, 3, 2)) == "FFFFFF"
    assert set(backdrop.colours_under(Box(3, 1, 4, 2))) >= {"000000", "FFFFFF"}
    assert not backdrop.obstacles, logo_box


# --- keeping off the artwork -----------------------------------------------------------------------------

def test_the_largest_free_region_keeps_clear_of_obstacles():
    body = Box(0.5, 1.5, 9, 5)
    assert largest_free(body, ()) == body
    free = largest_free(body, (Box(8, 4, 2, 3),), clearance=0)
    assert free == Box(0.5, 1.5, 7.5, 5)


def test_text_keeps_off_the_masters_logo_and_a_layouts_illustration(project, tmp_path):
    """A logo top right and bottom right of the master, an illustration on the right of the content
    layouts: no text box of the deck overlaps them; a band under the footers is where footers go."""
    art = [Box(8.9, 0.1, 0.9, 0.9), Box(9.0, 6.7, 0.8, 0.7)]
    illustration = Box(8.2, 2.5, 1.6, 3.5)

    def change(prs):
        for box in art:
            logo(prs.slide_master, box)
        for layout in prs.slide_layouts:
            band(layout, illustration, "2E7D32")
        band(prs.slide_master, Box(0, 6.85, 10, 0.65), "FAFAFA")     # under the footer placeholders

    template(project.root / "templates/masters/art.pptx", change)
    use_master(project, "masters/art.pptx")
    prs = built_deck(project, tmp_path)
    seen = 0
    for slide, shape, _ in text_runs(prs):
        box = Box(shape.left / EMU, shape.top / EMU, shape.width / EMU, shape.height / EMU)
        obstacles = art + ([illustration] if slide.slide_layout.name != "Blank" else [])
        for obstacle in obstacles:
            assert not (box.left < obstacle.right and obstacle.left < box.right and box.top < obstacle.bottom
                        and obstacle.top < box.bottom), (shape.name, box, obstacle)
        seen += 1
    assert seen
    footers = [shape for slide in prs.slides for shape in slide.shapes if shape.name == "Footer"]
    assert footers and all(shape.top / EMU >= 6.8 for shape in footers)


# --- the template's size --------------------------------------------------------------------------------

@pytest.mark.parametrize("width, height", [(10.0, 5.625), (11.02, 6.2), (10.0, 7.5)])
def test_the_deck_has_the_masters_size_and_its_artwork_where_the_template_has_it(project, tmp_path, width, height):
    path = template(project.root / "templates/masters/sized.pptx",
                    lambda prs: logo(prs.slide_master, Box(width - 1.0, 0.1, 0.8, 0.6)), width=width, height=height)
    use_master(project, "masters/sized.pptx")
    prs = built_deck(project, tmp_path)
    assert (prs.slide_width, prs.slide_height) == (int(width * EMU), int(height * EMU))
    original = Presentation(str(path)).slide_master.shapes
    written = prs.slide_master.shapes
    assert [(s.name, s.left, s.top, s.width, s.height) for s in written] == \
        [(s.name, s.left, s.top, s.width, s.height) for s in original]
    for slide in prs.slides:
        title = slide.shapes.title
        assert title is not None and title.is_placeholder
        for shape in slide.shapes:
            assert shape.left + shape.width <= prs.slide_width + 1 and shape.top + shape.height <= prs.slide_height + 1



def test_a_placeholders_own_colour_is_written_out_so_every_renderer_shows_it(project, tmp_path):
    # Renderers resolve an inherited placeholder colour differently (LibreOffice drew a subtitle
    # black that the template makes white): the colour that reads is written on every run.
    def white_subtitle(prs):
        from lxml import etree

        body = prs.slide_layouts[0].placeholders[1]._element.txBody
        styles = body.find(qn("a:lstStyle"))
        if styles is None:
            styles = etree.Element(qn("a:lstStyle"))
            body.find(qn("a:bodyPr")).addnext(styles)
        for child in list(styles):
            styles.remove(child)
        level = etree.SubElement(styles, qn("a:lvl1pPr"))
        etree.SubElement(level, qn("a:defRPr")).append(_solid("1F3864"))

    template(project.root / "templates/masters/office.pptx", white_subtitle)
    use_master(project, "masters/office.pptx")
    prs = built_deck(project, tmp_path)
    cover = prs.slides[0]
    holders = {shape.name: shape for shape in cover.shapes if shape.is_placeholder}
    subtitle_runs = [r for p in holders["Subtitle"].text_frame.paragraphs for r in p.runs if r.text.strip()]
    assert subtitle_runs and {str(r.font.color.rgb) for r in subtitle_runs if r.font.color.type} == {"1F3864"}
    assert all(r.font.color.type for r in subtitle_runs)


def _solid(colour: str):
    from lxml import etree

    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", colour)
    return fill


def roundel():
    """A text box (no placeholder) holding a slide-number field, as LibreOffice's Midnightblue has
    on its master, bottom right."""
    from lxml import etree

    return etree.fromstring(
        '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:nvSpPr><p:cNvPr id="90" name=""/>'
        '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="8229600" y="6217920"/>'
        '<a:ext cx="548640" cy="457200"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
        '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" '
        'type="slidenum"><a:t>&#8249;#&#8250;</a:t></a:fld></a:p></p:txBody></p:sp>')


def test_a_template_whose_artwork_numbers_its_slides_is_not_numbered_twice(project, tmp_path):
    # LibreOffice's Midnightblue: a text box on the master holds a slide-number field in a roundel.
    def numbered(prs):
        prs.slide_master._element.cSld.spTree.append(roundel())

    template(project.root / "templates/masters/plain.pptx", lambda prs: None)
    use_master(project, "masters/plain.pptx")
    plain = built_deck(project, tmp_path / "plain")
    assert any(shape.name == "Slide Number" for shape in plain.slides[1].shapes)
    template(project.root / "templates/masters/plain.pptx", numbered)     # the theme names plain.pptx
    prs = built_deck(project, tmp_path / "numbered")
    assert not [shape.name for slide in prs.slides for shape in slide.shapes if shape.name == "Slide Number"]
    assert all(any(shape.name == "Footer" for shape in slide.shapes) for slide in list(prs.slides)[1:])


def test_marks_drawn_into_a_full_slide_picture_are_artwork_and_a_photograph_is_not():
    # LibreOffice's Vintage: aged paper with an ink blot at the foot and a ribbon at the top, all
    # one background picture. The paper's grain is ground; the blot and the ribbon are artwork.
    import random

    from briefing.read.backdrop import marks

    k = 12
    rng = random.Random(7)
    paper = Image.new("RGB", (10 * k, 7 * k), "#E9DCB8")
    for _ in range(400):                                       # grain: a shade either way
        x, y = rng.randrange(10 * k), rng.randrange(7 * k)
        paper.putpixel((x, y), (220 + rng.randrange(20), 205, 170))
    paper.paste("#1A1A1A", (0, 6 * k, 1 * k, 7 * k))          # the blot, bottom left
    paper.paste("#8E1B1E", (9 * k, 0, 10 * k, int(1.5 * k)))  # the ribbon, top right
    found = marks(paper, Box(0, 0, 10, 7), k)
    assert len(found) == 2
    blot = next(b for b in found if b.top > 3)
    ribbon = next(b for b in found if b.top < 1)
    assert (blot.left, blot.right) == (0, 1) and abs(blot.bottom - 7) < 0.01 and blot.top >= 5.9
    assert ribbon.left >= 8.9 and ribbon.right == 10 and ribbon.bottom <= 1.6
    photo = Image.effect_noise((10 * k, 7 * k), 120).convert("RGB")
    assert marks(photo, Box(0, 0, 10, 7), k) == []


def test_a_corner_piece_under_the_date_box_is_artwork_and_a_band_across_the_slide_is_the_footers(tmp_path):
    # LibreOffice's Focus: a purple triangle in the bottom-left corner holds most of the date box;
    # the footer (which runs across the slide) keeps off it, as it does not off a footer band.
    from pptx.util import Inches

    def change(prs):
        dated = next(h for h in prs.slide_master.placeholders if h._element.ph.get("type") == "dt")
        dated.left, dated.top, dated.width, dated.height = Inches(0.4), Inches(6.9), Inches(2.2), Inches(0.4)
        band(prs.slide_master, Box(0, 6.5, 2.4, 1.0), "780373")

    data = template(tmp_path / "corner.pptx", change).read_bytes()
    found = read_backdrops(data)
    assert any(abs(o.left) < 0.01 and abs(o.width - 2.4) < 0.01 for o in found[(1, 5)].obstacles)



def test_a_template_whose_drawing_cannot_be_read_is_a_warning_not_silence(project, capsys, monkeypatch):
    import briefing.read.backdrop as backdrop
    from tests.conftest import run_cli

    def odd(data):
        raise ValueError("an odd drawing")

    template(project.root / "templates/masters/office.pptx", lambda prs: None)
    use_master(project, "masters/office.pptx")
    monkeypatch.setattr(backdrop, "read_backdrops", odd)
    code, out, err = run_cli(capsys, "check")
    assert code == 0
    assert f"note: {THEME}:1:1: master: warning: masters/office.pptx: its drawing could not be read, so its " \
           "artwork and backgrounds are not kept clear of nor read for contrast; look at the decks" in err.splitlines()
