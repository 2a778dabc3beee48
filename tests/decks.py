"""Decks this project did not write, made for the import tests: with python-pptx on its own
template (made by PowerPoint), the way other tools lay slides out (placeholders, text boxes,
groups, native charts, tables, pictures of several formats, notes)."""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn
from pptx.util import Inches

LONG_LIST = [f"Point {n}: the region's partners meet again before the summit" for n in range(1, 15)]


def png(colour: str = "teal", kind: str = "PNG", size: tuple[int, int] = (320, 200)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=kind)
    return out.getvalue()


def _numbered(paragraph) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.append(etree.SubElement(properties, qn("a:buAutoNum"), type="arabicPeriod"))


def _describe(shape, text: str) -> None:
    shape._element.find(".//" + qn("p:cNvPr")).set("descr", text)


def foreign_deck(path: Path) -> Path:
    """A twelve-slide deck as PowerPoint users make them; returns `path`."""
    prs = Presentation()
    title, content, section, two, only = (prs.slide_layouts[i] for i in (0, 1, 2, 3, 5))

    cover = prs.slides.add_slide(title)
    cover.shapes.title.text = "Regional Security Outlook"
    cover.placeholders[1].text = "Briefing for the partner delegation"

    slide = prs.slides.add_slide(content)
    slide.shapes.title.text = "Where we stand"
    body = slide.placeholders[1].text_frame
    body.text = "Dialogue with partners is regular"
    for text, level in (("Annual talks", 1), ("Working groups", 1), ("Capacity building grows", 0)):
        paragraph = body.add_paragraph()
        paragraph.text, paragraph.level = text, level
    slide.notes_slide.notes_text_frame.text = "Stress the annual talks."

    slide = prs.slides.add_slide(content)
    slide.shapes.title.text = "Next steps"
    body = slide.placeholders[1].text_frame
    for index, text in enumerate(("Agree the work plan", "Name the contacts", "Meet in June")):
        paragraph = body.paragraphs[0] if index == 0 else body.add_paragraph()
        paragraph.text = text
        _numbered(paragraph)

    slide = prs.slides.add_slide(two)
    slide.shapes.title.text = "Two perspectives"
    slide.placeholders[1].text = "Partners want faster procedures"
    slide.placeholders[2].text = "Headquarters wants shared indicators"

    slide = prs.slides.add_slide(only)
    slide.shapes.title.text = "Budget by region"
    table = slide.shapes.add_table(4, 3, Inches(1), Inches(2), Inches(8), Inches(2)).table
    for r, row in enumerate([("Region", "Projects", "Budget"), ("ASEAN", "12", "4.5"), ("Pacific", "7", "1.2"),
                             ("Africa", "9", "3.1")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text

    slide = prs.slides.add_slide(only)
    slide.shapes.title.text = "Exercises held"
    data = CategoryChartData()
    data.categories = ["2019", "2020", "2021", "2022", "2023"]
    data.add_series("Exercises", (4, 5, 7, 9, 12))
    slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1.8), Inches(8), Inches(4.5), data)
    slide.notes_slide.notes_text_frame.text = "Twelve exercises in 2023."

    slide = prs.slides.add_slide(only)
    slide.shapes.title.text = "The region"
    picture = slide.shapes.add_picture(io.BytesIO(png()), Inches(1), Inches(1.8), Inches(5))
    _describe(picture, "Map of the region with the partner countries marked")
    slide.shapes.add_textbox(Inches(6.5), Inches(2), Inches(3), Inches(1)).text_frame.text = "Eleven partners"

    slide = prs.slides.add_slide(only)
    slide.shapes.title.text = "How the work is organised"
    group = slide.shapes.add_group_shape()
    group.shapes.add_textbox(Inches(1), Inches(2), Inches(3), Inches(1)).text_frame.text = "Steering committee"
    group.shapes.add_textbox(Inches(5), Inches(2), Inches(3), Inches(1)).text_frame.text = "Working groups"
    slide.shapes.add_connector(1, Inches(4), Inches(2.5), Inches(5), Inches(2.5))

    slide = prs.slides.add_slide(section)
    slide.shapes.title.text = "Outlook"

    slide = prs.slides.add_slide(content)
    slide.shapes.title.text = "Everything on the table"
    body = slide.placeholders[1].text_frame
    body.text = LONG_LIST[0]
    for text in LONG_LIST[1:]:
        body.add_paragraph().text = text

    slide = prs.slides.add_slide(content)
    slide.shapes.title.text = "A literal template"
    slide.placeholders[1].text = "Write {{ name }} where the name goes"

    slide = prs.slides.add_slide(only)
    slide.shapes.title.text = "An old picture"
    picture = slide.shapes.add_picture(io.BytesIO(png("navy", "GIF")), Inches(1), Inches(1.8), Inches(4))
    _describe(picture, "A navy square")

    prs.core_properties.title = "Regional Security Outlook"
    prs.core_properties.author = "Policy Planning Division"
    prs.save(str(path))
    return path
