"""Odd and hostile templates met by the template reading added for organisations' templates
(issue 21): sample slides that place their boxes off the slide or lose their layout, pictures
drawn far larger than the slide, slide-number fields no one sees. Function-level: what the reading
makes of them, read in a fraction of a second and without a traceback."""

from __future__ import annotations

import io
import re
import zipfile

from PIL import Image
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches

from briefing.read.backdrop import read_backdrops
from briefing.read.template import prepare, read_master
from tests.read.test_backdrop import roundel

HUGE = 10 ** 12         # EMU: some 17,000 miles


def saved(prs) -> bytes:
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def with_sample(place) -> bytes:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Sample"
    place(slide.placeholders[0], slide.placeholders[1])
    return saved(prs)


def moved(title_box, body_box):
    def place(title, body):
        for holder, box in ((title, title_box), (body, body_box)):
            holder.left, holder.top, holder.width, holder.height = (Emu(v) for v in box)
    return place


def test_a_sample_slide_that_puts_its_boxes_off_the_slide_or_at_no_size_says_nothing():
    inch = 914400
    for title, body in (((0, -3 * inch, 9 * inch, inch), (0, -inch, 9 * inch, 5 * inch)),       # above the slide
                        ((0, 0, 0, 0), (0, inch, 9 * inch, 5 * inch)),                        # no size
                        ((0, 0, HUGE, HUGE), (HUGE, HUGE, HUGE, HUGE))):                        # miles wide
        info = read_master(prepare(with_sample(moved(title, body))).data)
        assert info.sampled == {}, (title, body)


def test_a_sample_slide_without_its_layout_leaves_the_template_readable():
    data = with_sample(lambda title, body: None)
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in source.namelist():
            body = source.read(name)
            if name == "ppt/slides/_rels/slide1.xml.rels":
                body = re.sub(rb"<Relationship [^>]*slideLayout[^>]*/>", b"", body)
            archive.writestr(name, body)
    info = read_master(prepare(out.getvalue()).data)
    assert (info.slides, info.samples, info.sampled) == (1, (), {})
    assert info.layouts


def picture_on_master(width: int, height: int) -> bytes:
    prs = Presentation()
    picture = io.BytesIO()
    Image.new("RGB", (40, 40), "#203040").save(picture, "PNG")
    placed = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_picture(io.BytesIO(picture.getvalue()), 0, 0)
    element = placed._element
    image_part = placed.part.related_part(element.blip_rId)
    element.getparent().remove(element)
    rid = prs.slide_master.part.relate_to(image_part, placed.part.rels[element.blip_rId].reltype)
    element.find(f".//{qn('a:blip')}").set(qn("r:embed"), rid)
    element.find(f".//{qn('a:ext')}").set("cx", str(width))
    element.find(f".//{qn('a:ext')}").set("cy", str(height))
    prs.slide_master._element.cSld.spTree.append(element)
    return saved(prs)


def test_a_picture_drawn_far_larger_than_the_slide_is_read_by_the_part_on_it():
    # 10^12 EMU a side used to be painted whole: gigabytes, then the machine's memory gone.
    found = read_backdrops(prepare(picture_on_master(HUGE, HUGE)).data)
    assert found and all(b.obstacles == () for b in found.values())          # it covers the slide: ground
    tall = read_backdrops(prepare(picture_on_master(Inches(1), HUGE)).data)
    assert all(len(b.obstacles) == 1 and b.obstacles[0].width < 1.1 for b in tall.values())


def numbered_by(change) -> bool:
    prs = Presentation()
    field = roundel()
    change(field)
    prs.slide_master._element.cSld.spTree.append(field)
    found = read_backdrops(prepare(saved(prs)).data)
    return found[(1, 1)].numbered


def test_a_slide_number_field_no_one_sees_does_not_stop_the_deck_numbering_its_slides():
    assert numbered_by(lambda box: None)
    assert not numbered_by(lambda box: box.find(f".//{qn('a:off')}").set("x", str(-5 * 914400)))
    assert not numbered_by(lambda box: box.find(f".//{qn('a:ext')}").set("cx", "0"))
