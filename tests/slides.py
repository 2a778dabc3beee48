"""Reading a built deck back with python-pptx, the way the tests check what is on the slides."""

from __future__ import annotations

from pptx.oxml.ns import qn


def by_id(prs, slide_id: str):
    """Return the slide whose id (the name the writer gives each slide) is `slide_id`."""
    found = [slide for slide in prs.slides if slide.name == slide_id]
    assert found, f"no slide '{slide_id}' in the deck: {[s.name for s in prs.slides]}"
    return found[0]


def ids(prs) -> list[str]:
    return [slide.name for slide in prs.slides]


def shape_texts(slide) -> dict[str, str]:
    """Return {shape name: text} for every shape with text on `slide`. The line breaks written into
    Japanese text (python-pptx reads them as vertical tabs) are left out: they join no words."""
    return {shape.name: shape.text_frame.text.replace("\x0b", "") for shape in slide.shapes if shape.has_text_frame}


def slide_text(slide) -> str:
    """Return all text on the slide, whitespace folded, for "is this item on the slide" checks."""
    return " ".join(" ".join(shape_texts(slide).values()).split())


def notes_text(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def slide_number_field(slide) -> str:
    """Return the text of the slide-number field, or "" when the slide has none."""
    for shape in slide.shapes:
        for fld in shape._element.iter(qn("a:fld")):
            if fld.get("type") == "slidenum":
                return fld.findtext(qn("a:t"))
    return ""


def summarize(prs) -> list[dict]:
    """Return a deck as plain data for golden comparison: per slide its layout, notes and shapes.

    Positions are rounded to 0.01 inch; each text shape lists its font sizes (what fitting chose); pictures are described by pixel size, not bytes, because
    PNG bytes change with the Matplotlib version.
    """
    from io import BytesIO

    from PIL import Image
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    slides = []
    for slide in prs.slides:
        shapes = []
        for shape in slide.shapes:
            entry = {"name": shape.name,
                     "box": [round(v / 914400, 2) for v in (shape.left, shape.top, shape.width, shape.height)]}
            if shape.has_text_frame:
                entry["text"] = shape.text_frame.text
                sizes = sorted({r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs if r.font.size})
                if sizes:
                    entry["sizes"] = sizes
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                entry["pixels"] = list(Image.open(BytesIO(shape.image.blob)).size)
            shapes.append(entry)
        slides.append({"layout": slide.slide_layout.name, "notes": notes_text(slide), "shapes": shapes})
    return slides


def written(project, selection=None):
    """Return the first selected deck of `project` as the writer writes it, read back with
    python-pptx; charts are blank pictures, so no Matplotlib is needed."""
    import io

    from PIL import Image
    from pptx import Presentation

    from briefing.commands.pipeline import plan_all, render_all, template_of
    from briefing.layout.plan import ChartSlot
    from briefing.write.deck import DrawnChart, write_deck

    loaded, decks = render_all(project, selection)
    [planned, *_] = plan_all(loaded, decks)
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(buffer, format="PNG")
    blank = DrawnChart(buffer.getvalue())
    charts = {(item.chart, item.size): blank for plan in planned.plans for item in plan.items
              if isinstance(item, ChartSlot)}
    template = template_of(loaded.themes[planned.deck.header.theme])
    return Presentation(io.BytesIO(write_deck(planned.plan, template, charts)))


A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
WIDESCREEN = (12192000, 6858000)


def accessibility_findings(prs) -> list[str]:
    """Return what PowerPoint's Accessibility Checker (and a careful reader of the XML) would find
    in a deck: its size, shapes neither described nor decorative, pictures without alternative
    text, duplicate titles, runs without a language, text under 10 pt, a printer ticket."""
    found = []
    size = prs._element.find(qn("p:sldSz"))
    if (prs.slide_width, prs.slide_height) != WIDESCREEN or size.get("type"):
        found.append(f"slide size {prs.slide_width} x {prs.slide_height} type={size.get('type')}")
    titles = {}
    for number, slide in enumerate(prs.slides, start=1):
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        if title in titles:
            found.append(f"slide {number}: title {title!r} repeats slide {titles[title]}")
        titles.setdefault(title, number)
        for shape in slide.shapes:
            c_nv_pr = shape._element.find(".//" + qn("p:cNvPr"))
            described = bool((c_nv_pr.get("descr") or "").strip())
            decorative = any(d.get("val") == "1" for d in c_nv_pr.iter(DECORATIVE))
            texted = shape.has_text_frame and shape.text_frame.text.strip()
            if shape.shape_type in (13, 3) and not described:       # a picture or a chart
                found.append(f"slide {number}: {shape.name} has no alternative text")
            elif not (texted or described or decorative or shape.has_table):
                found.append(f"slide {number}: {shape.name} is neither described nor decorative")
        parts = [slide._element] + ([slide.notes_slide._element] if slide.has_notes_slide else [])
        for part in parts:
            for rpr in part.iter(A + "rPr", A + "endParaRPr"):
                if rpr.tag == A + "rPr" and not rpr.get("lang"):
                    found.append(f"slide {number}: a run without a language")
                if rpr.get("sz") and int(rpr.get("sz")) < 1000:
                    found.append(f"slide {number}: text at {int(rpr.get('sz')) / 100} pt")
    package = [part.partname for part in prs.part.package.iter_parts()]
    found += [f"part {name}" for name in package if "printerSettings" in name or "thumbnail" in name]
    if prs.core_properties._element.find(qn("cp:lastPrinted")) is not None:
        found.append("lastPrinted is set")
    return found


def texts_of(value, skip: set[str], key: str = ""):
    """Yield every text a slide model's data holds, but under the keys in `skip`."""
    if key in skip:
        return
    if isinstance(value, dict):
        for k, v in value.items():
            yield from texts_of(v, skip, k)
    elif isinstance(value, list):
        for item in value:
            yield from texts_of(item, skip, key)
    elif isinstance(value, str) and value:
        yield value

