"""briefing.writer and briefing.output: document properties from the content, the master at the
deck's size; saving never destroys the last good deck."""

from __future__ import annotations

import os

import pytest
from pptx import Presentation

from briefing import output
from briefing.writer import to_bytes
from briefing.errors import OutputError
from tests.unit.test_layouts import build


def test_core_properties_come_from_the_deck(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    props = build(project).core_properties
    assert (props.title, props.author, props.last_modified_by) == ("Sampler Deck", "Test Office", "Test Office")
    assert props.subject == "Every layout once"
    assert props.created.isoformat() == "2023-11-14T22:13:20"
    assert props.modified == props.created


def test_save_replaces_the_file(tmp_path):
    target = tmp_path / "out" / "deck.pptx"
    output.save_atomically(b"first", target)
    output.save_atomically(b"second", target)
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["deck.pptx"]


def test_a_failure_mid_save_keeps_the_old_deck_and_no_temp_file(project, tmp_path, monkeypatch):
    good = to_bytes(build(project))
    target = tmp_path / "out" / "deck.pptx"
    output.save_atomically(good, target)

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError, match="cannot write the deck: No space left on device"):
        output.save_atomically(b"half a deck", target)
    assert len(Presentation(str(target)).slides) == 9
    assert [p.name for p in target.parent.iterdir()] == ["deck.pptx"]


def test_an_unwritable_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError, match="cannot write the deck there"):
        output.save_atomically(b"x", blocker / "deck.pptx")


def test_master_fits_16_9_and_uses_the_theme_font(project):
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = build(project)
    for layout in prs.slide_layouts:
        for placeholder in layout.placeholders:
            assert placeholder.left + placeholder.width <= prs.slide_width
    assert max(p.left + p.width for p in prs.slide_master.placeholders) > prs.slide_width * 0.9
    theme_xml = prs.slide_master.part.part_related_by(RT.THEME).blob
    assert theme_xml.count(b'<a:latin typeface="Arial"/>') == 2
