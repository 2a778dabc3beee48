"""Speaker notes: a notes page per slide with the notes' paragraphs, each run tagged with the deck's
language."""

from __future__ import annotations

from copy import deepcopy

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.parts.slide import NotesSlidePart

from briefing.write import ooxml


def write_notes(slide, notes: str, faces: ooxml.Faces, made: dict) -> None:
    """Write the speaker notes, each paragraph's runs tagged with the deck's language."""
    if not notes:
        return
    properties = faces.run_properties(None)
    paragraphs = [f"<a:p>{ooxml.run_xml(line, properties) if line else ''}</a:p>" for line in notes.split("\n")]
    ooxml.replace_paragraphs(_notes_slide(slide, made).notes_text_frame, paragraphs)


def _notes_slide(slide, made: dict):
    """The slide's new notes page. python-pptx makes the deck's first from the notes master; the
    others are copies of that one's empty shapes (the same XML, without searching the master's
    placeholders again for every slide)."""
    if not made:
        notes = slide.notes_slide
        made["shapes"] = deepcopy(notes._element.cSld.spTree)
        made["master"] = notes.part.part_related_by(RT.NOTES_MASTER)
        return notes
    slide_part = slide.part
    part = NotesSlidePart._add_notes_slide_part(slide_part.package, slide_part, made["master"])
    slide_part.relate_to(part, RT.NOTES_SLIDE)
    page = part._element.cSld
    page.replace(page.spTree, deepcopy(made["shapes"]))
    return part.notes_slide
