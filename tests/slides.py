"""Reading a built deck back with python-pptx, the way the tests check what is on the slides."""

from __future__ import annotations

from pptx.oxml.ns import qn


def shape_texts(slide) -> dict[str, str]:
    """Return {shape name: text} for every shape with text on `slide`."""
    return {shape.name: shape.text_frame.text for shape in slide.shapes if shape.has_text_frame}


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
