"""End to end: the audience variants of "Japan's Cyber Diplomacy" differ where a viewer sees it."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from pptx import Presentation

from tests.slides import by_id, ids, shape_texts, slide_text

DECK = "japan-cyber-diplomacy"
AUDIENCES = ["full", "australia", "asean", "industry"]


@pytest.fixture
def variants(shipped):
    _, out = shipped
    return out, {a: Presentation(str(out / f"japan-cyber-diplomacy-{a}-en.pptx")) for a in AUDIENCES}


def emphasised(slide) -> list[str]:
    """Return the text of every bold run in the accent colour (what an audience profile emphasises),
    leaving out the handling mark, which is always bold in the accent colour."""
    return [r.text for shape in slide.shapes if shape.has_text_frame and shape.name != "Handling"
            for p in shape.text_frame.paragraphs
            for r in p.runs if r.font.bold and r.font.color and r.font.color.rgb is not None
            and str(r.font.color.rgb) == "B3001B"]


def test_the_default_build_makes_every_variant_with_a_manifest(variants):
    out, _ = variants
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    built = {(e["audience"], e["language"]) for e in manifest["decks"]}
    assert built >= {(a, lang) for a in AUDIENCES for lang in ("en", "ja")}
    assert {e["deck"] for e in manifest["decks"]} == {DECK}


def test_the_full_deck_has_no_audience_marks(variants):
    _, decks = variants
    full = decks["full"]
    assert all(emphasised(s) == [] for s in full.slides)
    assert all("Handling" not in shape_texts(s) for s in full.slides)


def test_the_australia_dialogue(variants):
    _, decks = variants
    prs = decks["australia"]
    cover = slide_text(by_id(prs, "cover"))
    assert "Japan–Australia Cyber Policy Dialogue" in cover and "Delegation of Japan" in cover
    # Shared values before the threat picture.
    assert ids(prs) == ["cover", "overview", "positions", "diplomacy", "threats", "way-forward"]
    for slide in prs.slides:
        assert shape_texts(slide)["Handling"] == "For official use only: shared with the Government of Australia"
    assert "Australia" in emphasised(by_id(prs, "diplomacy"))
    assert "e.g. Japan, Australia, the US, Europe" in slide_text(by_id(prs, "positions"))


def test_the_asean_workshop(variants):
    _, decks = variants
    prs = decks["asean"]
    assert "positions" not in ids(prs)
    overview = [t for name, t in shape_texts(by_id(prs, "overview")).items() if name.endswith("text")]
    assert overview == ["Cooperating on capacity building", "Developing confidence-building measures",
                        "Promoting the rule of law in cyberspace"]
    pillars = {s.name: str(s.fill.fore_color.rgb) for s in by_id(prs, "diplomacy").shapes
               if s.name.startswith("Pillar") and s.has_text_frame}
    assert pillars == {"Pillar 1": "1B2A4A", "Pillar 2": "B3001B", "Pillar 3": "B3001B"}
    assert emphasised(by_id(prs, "diplomacy")).count("ASEAN") == 2


def test_domestic_industry(variants):
    _, decks = variants
    prs = decks["industry"]
    assert ids(prs)[1] == "threats"
    assert by_id(prs, "threats").shapes.title.text_frame.text == "Growing Cyber Threats to Japanese Firms"
    assert set(emphasised(by_id(prs, "threats"))) == {"private firms", "Mitsubishi Heavy Industries", "JTB Corp.",
                                              "Coincheck"}
    assert "Cyber security briefing for Japanese business associations" in slide_text(by_id(prs, "cover"))


def test_every_variant_passes_an_ooxml_validator(variants):
    from openxml_audit import validate_pptx

    out, _ = variants
    for audience in AUDIENCES:
        result = validate_pptx(out / f"japan-cyber-diplomacy-{audience}-en.pptx")
        assert [str(e) for e in result.errors] == [], audience


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="LibreOffice (soffice) and poppler's pdftotext are not installed")
def test_libreoffice_renders_every_variant_a_page_a_slide_with_its_title(variants, shipped_pdfs):
    out, _ = variants
    files = sorted(out.glob("*.pptx"))
    assert len(files) >= 8
    for deck in files:
        # LibreOffice exits 0 even when it cannot load a file: check the PDF itself.
        text = subprocess.run(["pdftotext", str(shipped_pdfs[deck.name]), "-"], check=True, capture_output=True,
                              text=True).stdout
        pages = [page for page in text.split("\f") if page.strip()]
        slides = Presentation(str(deck)).slides
        assert len(pages) == len(slides), deck.name
        for page, slide in zip(pages, slides):
            title = slide.shapes.title.text_frame.text
            assert "".join(title.split())[:12] in "".join(page.split()), (deck.name, title)


def test_every_variant_passes_the_accessibility_checker(variants):
    from tests.slides import accessibility_findings

    out, _ = variants
    for deck in sorted(out.glob("*.pptx")):
        assert accessibility_findings(Presentation(str(deck))) == [], deck.name
