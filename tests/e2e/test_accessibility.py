"""briefing.fit.accessibility and the writer: decks PowerPoint's Accessibility Checker passes, and
`check` reports what would fail it (contrast, duplicate titles, pictures that say nothing) with
file:line."""

from __future__ import annotations

import pytest
from pptx.oxml.ns import qn

from briefing.fit.accessibility import contrast
from briefing.errors import ContentError
from briefing.commands.pipeline import check
from tests.slides import A, accessibility_findings, by_id, written
from tests.conftest import DECK, edit

THEME = "templates/themes/default.yaml"


def problems(project, **selection) -> list[str]:
    with pytest.raises(ContentError) as caught:
        check(project, **selection)
    return [str(p) for p in caught.value.problems]


def test_contrast_is_wcag_2_1s():
    assert contrast("FFFFFF", "000000") == pytest.approx(21)
    assert contrast("8A94A6", "EEF1F6") == pytest.approx(2.70, abs=0.01)
    assert contrast("1B2A4A", "FFFFFF") > 14


def test_a_low_contrast_theme_colour_is_located_in_the_theme(project):
    edit(project, THEME, '  muted: "6B7280"', '  muted: "B8BEC8"')
    found = problems(project)
    line = (project.root / THEME).read_text(encoding="utf-8").splitlines().index('  muted: "B8BEC8"       # grey: '
                                                                                 'source lines, footers, notes on the '
                                                                                 'slide') + 1
    assert found == [f"{THEME}:{line}:3: colours.muted: #B8BEC8 on colours.background #FFFFFF has a contrast of "
                     "1.87:1, under the 4.5:1 WCAG 2.1 asks of text; make one darker or lighter"]


def test_two_slides_with_one_title_are_located(project):
    edit(project, DECK, "title: Compare", "title: Points for {{ partner }}")
    assert problems(project) == [
        f"{DECK}:27:5: slides[3].title: slide 'points' has the same title, 'Points for Australia'; every slide needs "
        "a title of its own (screen readers list slides by title)"]


def test_an_empty_alternative_text_is_located(oda):
    edit(oda, "content/oda-priorities/deck.yaml", "    alt: A red disc between two navy bars",
         "    alt: \"{{ occasion }}\"")
    assert problems(oda, selection=["oda-priorities"], languages=["en"], audiences=["full"]) == [
        "content/oda-priorities/deck.yaml:154:5: slides[12].alt: the alternative text is empty once rendered; say "
        "what the picture shows"]


def test_the_sampler_passes_the_accessibility_checker(project):
    assert accessibility_findings(written(project)) == []


def test_the_oda_deck_passes_in_both_languages(oda):
    for deck in ("content/oda-priorities/deck.yaml", "content/oda-priorities/deck.ja.yaml"):
        assert accessibility_findings(written(oda, [deck])) == [], deck


def test_the_chart_is_svg_with_a_png_and_says_its_first_and_last_values(project, tmp_path):
    from pptx import Presentation

    from briefing.commands.pipeline import build

    [built] = build(project, out_dir=tmp_path)
    slide = by_id(Presentation(str(built.path)), "data")
    [chart] = [s for s in slide.shapes if s.name == "Chart"]
    assert chart._element.nvPicPr.cNvPr.get("descr") == ("Bar chart: units rose from 10 in 2010 to 35 in 2012, "
                                                         "about 4 times.")
    blip = chart._element.find(".//" + qn("a:blip"))
    assert blip.find(".//{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip") is not None


def test_runs_of_slides_and_notes_carry_their_language(oda):
    prs = written(oda, ["oda-priorities"])
    tags = {rpr.get("lang") for slide in prs.slides
            for part in (slide._element, slide.notes_slide._element if slide.has_notes_slide else slide._element)
            for rpr in part.iter(A + "rPr")}
    assert tags == {"en-US"}


def test_bullets_come_from_a_face_that_has_them_and_numbers_are_numbering(project):
    prs = written(project)
    statements = [s for s in by_id(prs, "forward").shapes if s.name == "Statements"][0]
    ppr = statements.text_frame.paragraphs[0]._p.pPr
    assert ppr.find(qn("a:buChar")).get("char") == "◆"
    assert ppr.find(qn("a:buFont")).get("typeface") != "Arial"          # Arial has no ◆
    bullets = [s for s in by_id(prs, "points").shapes if s.name == "Body"][0]
    assert bullets.text_frame.paragraphs[0]._p.pPr.find(qn("a:buFont")).get("typeface") == "Arial"
    # A pillar's number is PowerPoint's automatic numbering, not a character typed into its text.
    pillars = by_id(prs, "pillars")
    for number, name in enumerate(("Pillar 1", "Pillar 2", "Pillar 3"), start=1):
        [paragraph] = [s for s in pillars.shapes if s.name == name][0].text_frame.paragraphs
        ppr = paragraph._p.pPr
        assert ppr.find(qn("a:buChar")) is None
        numbering = ppr.find(qn("a:buAutoNum"))
        assert (numbering.get("type"), int(numbering.get("startAt", "1"))) == ("arabicParenR", number)
        assert paragraph.text == ("One", "Two", "Three")[number - 1]
