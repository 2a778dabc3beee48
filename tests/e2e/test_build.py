"""End to end: build "Japan's Cyber Diplomacy" from the repo's content and read the deck back.

The deck is chosen by name and its slides found by id, so another deck, profile or language
added to content/ changes nothing here.
"""

from __future__ import annotations

import io
from pathlib import Path
import shutil
import subprocess

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
def built(real_project, capsys, tmp_path):
    out = tmp_path / "out"
    code, stdout, stderr = run_cli(capsys, "build", DECK, "--audience", "full", "--lang", "en", "--output", str(out))
    assert (code, stderr) == (0, ""), stderr
    return Presentation(str(out / DECK_FILE)), check(real_project, [DECK], ["full"], ["en"])[0]


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


def test_the_deck_passes_an_ooxml_validator(real_project, capsys, tmp_path):
    from openxml_audit import validate_pptx

    assert run_cli(capsys, "build", DECK, "--output", str(tmp_path))[0] == 0
    result = validate_pptx(tmp_path / DECK_FILE)
    assert [str(e) for e in result.errors] == []
    assert result.is_valid


def test_the_default_command_writes_into_output(real_project, capsys):
    code, out, _ = run_cli(capsys)
    assert code == 0
    assert out.startswith("wrote ") and out.endswith(" and manifest.json to output/\n")
    assert Path("output", DECK_FILE).is_file()


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="LibreOffice (soffice) and poppler's pdftotext are not installed")
def test_libreoffice_renders_every_slide(built, tmp_path):
    prs, _ = built
    out = tmp_path / "out"
    env_home = tmp_path / "home"
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"),
                    str(out / DECK_FILE)], check=True, capture_output=True, timeout=120,
                   env={"HOME": str(env_home), "PATH": "/usr/bin:/bin:/usr/local/bin"})
    pdf = tmp_path / "pdf" / DECK_FILE.replace(".pptx", ".pdf")
    # LibreOffice exits 0 even when it cannot load a file: check the PDF itself.
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) == len(prs.slides)
    for page, slide in zip(pages, prs.slides):
        assert fold(slide.shapes.title.text_frame.text) in fold(page)


def _texts_of(value):
    return texts_of(value, NOT_ON_THE_SLIDE)

