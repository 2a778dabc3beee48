"""briefing.layout.registry, as the writer writes its plans: placeholders, bullets, numbering, runs.

What the plans hold (boxes, texts, sizes) is tested on the plans, in tests/layout/."""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pptx.util import Pt

from briefing.layout.registry import LAYOUTS
from tests.slides import shape_texts, slide_number_field, written


def build(project):
    """The sampler deck as the writer writes it, its charts blank pictures (no Matplotlib)."""
    return written(project)


def test_every_layout_names_itself_and_its_model():
    for name, layout in LAYOUTS.items():
        assert layout.name == name and layout.model.kind == name


def test_slides_are_16_9_with_titles_in_placeholders(project):
    prs = build(project)
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)      # PowerPoint's Widescreen
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert titles == ["Sampler Deck", "Part one", "Points for Australia", "Compare", "Overview", "Data",
                      "Positions", "Pillars", "Way Forward"]


def test_every_slide_after_the_cover_has_footer_and_number(project):
    prs = build(project)
    for number, slide in enumerate(prs.slides, start=1):
        texts = shape_texts(slide)
        assert texts["Handling"] == "For official use only"
        if number == 1:
            assert "Footer" not in texts and slide_number_field(slide) == ""
        else:
            assert texts["Footer"] == "Test Office  |  For official use only"
            assert slide_number_field(slide) == str(number)


def test_bullets_are_real_bullets_not_typed_characters(project):
    body = [s for s in build(project).slides[2].shapes if s.name == "Body"][0]
    paragraph = body.text_frame.paragraphs[0]
    assert paragraph.text == "First point"
    assert paragraph._p.pPr.find(qn("a:buChar")).get("char") == "•"


def test_statements_use_diamond_bullets(project):
    box = [s for s in build(project).slides[8].shapes if s.name == "Statements"][0]
    assert box.text_frame.paragraphs[0]._p.pPr.find(qn("a:buChar")).get("char") == "◆"


def test_the_chart_is_one_picture_described_by_its_alt(project):
    """The chart's slot is written as one picture whose description is the slot's alt text (its
    source lines and cases: tests/layout/test_chart_cases.py)."""
    slide = build(project).slides[5]
    pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1
    assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == ("Bar chart: units rose from 10 in 2010 to 35 in 2012, "
                                                               "about 4 times.")


def test_pillars_and_lists_are_written_with_automatic_numbers(project):
    """Numbers are written as automatic numbering (a:buAutoNum), never typed (which numbers, on
    which paragraphs: tests/layout/test_pillars.py)."""
    slide = build(project).slides[7]
    numbers = [(s.text_frame.paragraphs[0]._p.pPr.find(qn("a:buAutoNum")).get("type"),
                s.text_frame.paragraphs[0]._p.pPr.find(qn("a:buAutoNum")).get("startAt", "1"))
               for s in slide.shapes if s.name.startswith("Pillar")]
    assert numbers == [("arabicParenR", "1"), ("arabicParenR", "2"), ("arabicParenR", "3")]
    second = [s for s in slide.shapes if s.name == "List 2"][0].text_frame.paragraphs
    assert second[0].text == "Second list"
    assert second[0]._p.pPr.find(qn("a:buAutoNum")).get("startAt") == "2"
    assert second[1]._p.pPr.find(qn("a:buAutoNum")).get("type") == "arabicParenBoth"


def test_runs_carry_font_size_and_language(project):
    for shape in build(project).slides[2].shapes:
        if shape.has_text_frame:
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    assert run.font.size >= Pt(12)
                    assert run.font.name == "Arial"
                    assert run._r.rPr.get("lang") == "en-US"


def test_bullet_properties_follow_schema_order(project):
    order = ["spcAft", "buClr", "buFont", "buChar", "tabLst"]
    for slide in build(project).slides:
        for ppr in slide._element.iter(qn("a:pPr")):
            tags = [child.tag.split("}")[1] for child in ppr if child.tag.split("}")[1] in order]
            assert tags == sorted(tags, key=order.index)
