"""What one shape of a slide holds, sorted into what a deck of ours can keep: the title and
subtitle, texts (with each paragraph's level, numbering and bullet), tables, pictures, native
charts; and, in words, what it cannot (a drawing, a video, an embedded object, SmartArt's
arrangement).

Shapes are taken in the order the slide lists them, which is the order a screen reader reads them.
Repeated chrome (date, footer, slide number, and this project's own footer and handling mark) is
left out: the deck's header says it once.
"""

from __future__ import annotations

import re

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from briefing.read.deck import CHROME, OUR_CHROME, Body, Chart, Paragraph, Picture, SlideData
from briefing.text.script import has_east_asian

_DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
_DIAGRAM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
_OLE = "http://schemas.openxmlformats.org/presentationml/2006/ole"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}dm"


def slide_name(slide) -> str:
    return slide._element.cSld.get("name", "")


def layout_type(layout) -> str:
    return layout._element.get("type", "")


def take(shape, found: SlideData, ours: bool) -> None:
    """Add what `shape` holds to `found`."""
    if _decorative(shape):
        return
    kind = _placeholder_type(shape)
    if kind in CHROME or (ours and shape.name in OUR_CHROME):
        _chrome(shape, kind, found, ours)
        return
    if kind and not _shows_anything(shape):
        return      # an empty placeholder shows nothing on the slide
    if kind in ("title", "ctrTitle") and not found.title:
        found.title = _one_line(" ".join(p.text for p in paragraphs(shape, ours)))
        found.cover = found.cover or kind == "ctrTitle"
        return
    if kind == "subTitle" and not found.subtitle:
        found.subtitle = "\n".join(p.text for p in paragraphs(shape, ours))
        return
    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        before = len(found.lost)
        for inner in shape.shapes:
            take(inner, found, ours)
        found.lost.insert(before, f"the arrangement of a group of {len(shape.shapes)} shapes, its text kept")
        return
    if getattr(shape, "has_chart", False) and shape.has_chart:
        try:
            found.charts.append(_chart(shape.chart))
        except Exception as e:      # python-pptx reads some kinds of chart only in part (3-D area, ...)
            found.lost.append(f"a chart of a kind whose data cannot be read ({type(e).__name__}: {shape.name})")
    elif getattr(shape, "has_table", False) and shape.has_table:
        rows = tuple(tuple(clean(cell.text, ours).strip() for cell in row.cells) for row in shape.table.rows)
        if any(any(cell for cell in row) for row in rows):
            found.tables.append(rows)
    elif _is_media(shape):
        found.lost.append(f"a video or sound ({shape.name})")
    elif _is_picture(shape):
        image = shape.image
        found.pictures.append(Picture(image.blob, image.ext.lower(), _alt(shape), shape.name))
    elif shape._element.tag == qn("p:graphicFrame"):
        _frame(shape, found)
    elif getattr(shape, "has_text_frame", False) and shape.has_text_frame and shape.text_frame.text.strip():
        found.bodies.append(Body(shape.name, paragraphs(shape, ours)))
    elif not ours:
        found.lost.append(f"a drawing ({shape.name})")


def _chrome(shape, kind: str, found: SlideData, ours: bool) -> None:
    """What the repeated chrome says once: the date, the footer, this project's handling mark and
    cover facts (the deck's header)."""
    if not getattr(shape, "has_text_frame", False) or not shape.has_text_frame:
        return
    said = paragraphs(shape, ours)
    text = " ".join(p.text for p in said)
    if kind == "dt":
        found.date = found.date or text
    elif kind == "ftr" or (ours and shape.name == "Footer"):
        found.footer = found.footer or text
    elif ours and shape.name == "Handling":
        found.handling = found.handling or text
    elif ours and shape.name == "Organisation and date":
        found.facts = said


def paragraphs(shape, ours: bool) -> tuple[Paragraph, ...]:
    """The shape's paragraphs that hold text, each with its level, numbering, bullet and weight."""
    found = []
    for para in shape.text_frame.paragraphs:
        text = clean(para.text, ours).strip()
        if not text:
            continue
        properties = para._p.pPr
        numbered = properties is not None and properties.find(qn("a:buAutoNum")) is not None
        char = properties.find(qn("a:buChar")) if properties is not None else None
        runs = [r for r in para.runs if r.text.strip()]
        bold = bool(runs) and all(r.font.bold for r in runs)
        found.append(Paragraph(text, para.level, numbered, char.get("char", "") if char is not None else "", bold))
    return tuple(found)


def _one_line(text: str) -> str:
    """A title's line breaks as spaces (none between Japanese characters): a title is one line."""
    return re.sub(r"\s*\n\s*", lambda m: "" if has_east_asian(text) else " ", text)


def clean(text: str, ours: bool) -> str:
    """Text as written: a line break (python-pptx reads a:br as a vertical tab) is a line break,
    except those this project's typesetting put at the end of Japanese lines."""
    if ours and has_east_asian(text):
        return text.replace("\v", "")
    return text.replace("\v", "\n")


def _shows_anything(shape) -> bool:
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        return bool(shape.text_frame.text.strip())
    return True


def _placeholder_type(shape) -> str:
    if not shape.is_placeholder:
        return ""
    element = shape._element.ph
    return element.get("type", "obj") if element is not None else "obj"


def _decorative(shape) -> bool:
    found = shape._element.find(f".//{_DECORATIVE}")
    return found is not None and found.get("val") in ("1", "true")


def _is_picture(shape) -> bool:
    try:
        return shape.shape_type == MSO_SHAPE_TYPE.PICTURE or (shape.is_placeholder and hasattr(shape, "image")
                                                            and shape.image is not None)
    except (AttributeError, KeyError, ValueError):
        return False


def _is_media(shape) -> bool:
    return shape._element.find(f".//{_A}videoFile") is not None or shape._element.find(f".//{_A}audioFile") is not None


def _alt(shape) -> str:
    properties = shape._element.find(".//" + qn("p:cNvPr"))
    return (properties.get("descr") or "").strip() if properties is not None else ""


def _chart(chart) -> Chart:
    title = chart.chart_title.text_frame.text.strip() if chart.has_title and chart.chart_title.has_text_frame else ""
    plot = chart.plots[0] if len(chart.plots) else None
    categories = tuple(str(c) for c in plot.categories) if plot is not None else ()
    series = tuple((s.name or "", tuple(s.values)) for s in plot.series) if plot is not None else ()
    return Chart(title, categories, series, str(chart.chart_type).split(" ")[0])


def _frame(shape, found: SlideData) -> None:
    """A graphic frame that is neither chart nor table: SmartArt (its text kept), an embedded object."""
    data = shape._element.find(f".//{_A}graphicData")
    uri = data.get("uri", "") if data is not None else ""
    if uri == _DIAGRAM:
        texts = _diagram_texts(shape, data)
        if texts:
            found.bodies.append(Body(shape.name, tuple(Paragraph(t) for t in texts)))
        found.lost.append(f"the drawing of a SmartArt graphic, its text kept ({shape.name})")
    elif uri == _OLE:
        found.lost.append(f"an embedded object ({shape.name})")
    else:
        found.lost.append(f"a graphic ({shape.name})")


def _diagram_texts(shape, data) -> list[str]:
    ids = next((e for e in data.iter() if e.get(_R_ID)), None)     # dgm:relIds r:dm: the data part
    if ids is None:
        return []
    try:
        part = shape.part.related_part(ids.get(_R_ID))
        root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
    except (KeyError, etree.XMLSyntaxError):
        return []
    texts = []
    for para in root.iter(f"{_A}p"):
        text = "".join(t.text or "" for t in para.iter(f"{_A}t")).strip()
        if text:
            texts.append(text)
    return texts
