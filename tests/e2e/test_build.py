"""End to end: build "Japan's Cyber Diplomacy" from the repo's content and read the deck back.

The deck is chosen by name and its slides found by id, so another deck, profile or language
added to content/ changes nothing here.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from briefing.commands.pipeline import check
from tests.conftest import run_cli
from tests.slides import by_id, notes_text, slide_number_field, slide_text, texts_of

DECK = "japan-cyber-diplomacy"
DECK_FILE = "japan-cyber-diplomacy-full-en.pptx"
NOT_ON_THE_SLIDE = {"id", "layout", "notes", "name", "axis", "approx_note", "date", "review"}


@pytest.fixture
def built(shipped):
    project, out = shipped
    return Presentation(str(out / DECK_FILE)), check(project, [DECK], ["full"], ["en"])[0]


def fold(text: str) -> str:
    return " ".join(text.split())


def test_every_slide_in_order_with_its_title(built):
    prs, deck = built
    assert [s.name for s in prs.slides] == [s.id for s in deck.slides]
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert titles == [s.title or deck.header.title for s in deck.slides]


def test_every_text_of_the_content_is_on_its_slide(built):
    prs, deck = built
    for slide, model in zip(prs.slides, deck.slides, strict=True):
        on_slide = fold(slide_text(slide))
        for text in _texts_of(model.dump()):
            assert fold(text) in on_slide, f"{model.id}: {text!r} missing"
    cover = fold(slide_text(prs.slides[0]))
    header = deck.header
    for text in (header.title, header.subtitle, header.organisation, header.date):
        assert fold(text) in cover


def test_cases_are_dated_with_the_corrected_month(built):
    prs, _ = built
    cases = [s for s in by_id(prs, "threats").shapes if s.name == "Cases"][0].text_frame.text.split("\n")
    assert cases[0] == "Cases of cyber attacks (reported by news media)"
    assert [c.split("\t")[0] for c in cases[1:]] == ["Sep. 2011", "Sep. 2012", "Jun. 2015", "Dec. 2015",
                                                       "Jun. 2016", "Jan. 2018"]
    assert cases[2] == ("Sep. 2012\tAttacks against the websites of the Supreme Court "
                        "and the Agency for Cultural Affairs")


def test_the_chart_is_a_print_resolution_picture_with_its_source(built):
    prs, _ = built
    slide = by_id(prs, "threats")
    [picture] = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    image = Image.open(io.BytesIO(picture.image.blob))
    assert image.width / (picture.width / 914400) >= 250     # pixels per inch as shown
    source = [s for s in slide.shapes if s.name == "Chart source"][0].text_frame.text
    assert source == ("Source: National Institute of Information and Communications Technology (NICT)\n"
                      "NICT REPORT 2019 Fig.2 (NICTER Analysis Report 2017)")


def test_every_slide_has_notes_and_all_but_the_cover_a_number(built):
    prs, _ = built
    for number, slide in enumerate(prs.slides, start=1):
        assert notes_text(slide).strip()
        assert slide_number_field(slide) == ("" if number == 1 else str(number))


def test_the_default_command_writes_into_output(real_project, capsys):
    code, out, _ = run_cli(capsys)
    assert code == 0
    assert out.startswith("wrote ") and out.endswith(" and manifest.json to output/\n")
    assert Path("output", DECK_FILE).is_file()


def _texts_of(value):
    return texts_of(value, NOT_ON_THE_SLIDE)

