"""`preview` says which of the deck's faces the machine lacks and what LibreOffice draws instead."""

from __future__ import annotations

from pptx import Presentation
from pptx.util import Inches

from briefing.review.preview import substituted


def deck_in(path, *faces: str):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    for number, face in enumerate(faces):
        run = slide.shapes.add_textbox(Inches(1), Inches(1 + number), Inches(4), Inches(1)).text_frame.paragraphs[0] \
            .add_run()
        run.text, run.font.name = "Text", face
    prs.save(str(path))
    return path


def test_preview_names_each_face_the_machine_lacks_and_what_is_drawn_instead(tmp_path):
    deck = deck_in(tmp_path / "deck.pptx", "Liberation Sans", "No Such Face", "Times New Roman")
    lines = substituted([deck])
    # Times New Roman is drawn in Liberation Serif, its metric twin: the lines break alike, so not said.
    assert len(lines) == 1
    assert lines[0].startswith("the preview draws 'No Such Face', which this machine lacks, in '")
    assert lines[0].endswith("; its lines may break where the deck's do not")
