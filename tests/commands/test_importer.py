"""`import FILE.pptx`: an existing deck becomes sources that pass `check` and build again.

Round trip: every variant of the shipped deck and of the fixture decks, built, imported and built
again, keeps every slide's text, notes and pictures, and its bullets, two-column, table, image,
section, agenda, title and statements slides come back as the same layout. Decks this project did
not write (python-pptx on PowerPoint's template, pandoc's pptx writer, LibreOffice's own sample
slides) import, pass `check`, build, and keep their text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from pptx import Presentation

from briefing.commands import pipeline
from briefing.commands.importer import import_deck
from briefing.load.project import Project
from briefing.load.source import read_yaml
from tests.conftest import FIXTURES, REPO, run_cli
from tests.decks import LONG_LIST, foreign_deck

SAME = {"bullets", "two-column", "table", "image", "section", "agenda", "title", "statements"}
"""The layouts an import recognises in this project's own decks."""


def scratch_project(root: Path) -> Project:
    """An empty project with the repository's themes and macros."""
    shutil.copytree(REPO / "templates", root / "templates")
    (root / "content").mkdir()
    return Project(root)


def slide_texts(deck: Path) -> list[tuple[str, str, str, int]]:
    """Each slide's (name, text without spaces and chrome, notes, pictures) as the deck shows them."""
    found = []
    for slide in Presentation(str(deck)).slides:
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame and s.name != "Slide Number"]
        texts += [c.text for s in slide.shapes if s.has_table for row in s.table.rows for c in row.cells]
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        pictures = sum(1 for s in slide.shapes if s.shape_type == 13)
        found.append((slide._element.cSld.get("name"), squeeze("".join(texts)), squeeze(notes), pictures))
    return found


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def kept_share(original: str, rebuilt: str) -> float:
    have, had = Counter(rebuilt), Counter(original)
    return sum(min(count, have[char]) for char, count in had.items()) / max(1, sum(had.values()))


def imported_and_rebuilt(deck: Path, root: Path, **options) -> tuple[Project, Path]:
    """Import `deck` into a new project and write it again (in this process, as the writer writes
    it: an import's charts are editable charts, so nothing is drawn)."""
    from briefing.write.deck import write_deck

    project = scratch_project(root)
    assert import_deck(project, deck, say=lambda line: None, **options) == 0
    loaded, decks = pipeline.render_all(project, audiences=["full"])
    [planned] = pipeline.plan_all(loaded, decks)
    written = root / "rebuilt.pptx"
    written.write_bytes(write_deck(planned.plan, pipeline.template_of(loaded.themes[planned.deck.header.theme]), {}))
    return project, written


# --- round trip --------------------------------------------------------------------------------------

ROUND_TRIP = {"oda": ("oda-priorities", 4), "project": ("sampler", 1)}
"""The fixture projects (content/ belongs to the user: the shipped deck is not pinned here)."""


@pytest.fixture(scope="session")
def built_decks(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Every variant of the fixture decks, built once: deck file -> (deck, its source)."""
    found = {}
    for key in ROUND_TRIP:
        root = tmp_path_factory.mktemp(key)
        shutil.copytree(FIXTURES / key, root, dirs_exist_ok=True)
        shutil.copytree(REPO / "templates", root / "templates")
        for built in pipeline.build(Project(root), out_dir=root / "out"):
            found[built.path.name] = (built.path, built.deck.files[0])
    return found


# A full deck and an audience's, in each language: every layout and both scripts (the other
# audiences' decks are made of the same slides).
VARIANTS = ["oda-priorities-full-en.pptx", "oda-priorities-full-ja.pptx", "oda-priorities-asean-ja.pptx",
            "sampler-full-en.pptx"]


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_built_deck_imported_and_built_again_keeps_every_slide(built_decks, tmp_path, variant):
    deck, source = built_decks[variant]
    language = "ja" if variant.endswith("-ja.pptx") else "en"
    project, rebuilt = imported_and_rebuilt(deck, tmp_path, name="again", language=language)
    before = slide_texts(deck)
    after: dict[str, list] = {}
    for name, text, notes, pictures in slide_texts(rebuilt):
        base = re.sub(r"(-more)+$|-\d$", "", name)       # a slide set over more slides counts as one
        kept = after.setdefault(base, ["", "", 0])
        kept[0], kept[1], kept[2] = kept[0] + text, kept[1] + notes, kept[2] + pictures
    original = read_yaml(source.parent / ("deck.ja.yaml" if language == "ja" else "deck.yaml")).data
    layouts = {s["id"]: s["layout"] for s in original["slides"]}
    again = {s["id"]: s["layout"] for s in read_yaml(project.content / "again/deck.yaml").data["slides"]}
    for name, text, notes, pictures in before:
        assert name in after, f"{variant}: slide {name} lost"
        assert Counter(after[name][0]) >= Counter(text), f"{variant}: slide {name} lost text"
        assert after[name][1] == notes, f"{variant}: slide {name}'s notes"
        assert after[name][2] >= pictures, f"{variant}: slide {name}'s pictures"
        if layouts.get(name) in SAME:
            assert again[name] == layouts[name], f"{variant}: slide {name} came back as {again[name]}"


# --- decks other tools wrote -----------------------------------------------------------------------------

def test_a_deck_made_in_powerpoints_way_becomes_layouts_that_check_and_build(tmp_path, capsys):
    deck = foreign_deck(tmp_path / "outlook.pptx")
    project = scratch_project(tmp_path / "project")
    code, out, err = run_cli(capsys, "import", str(deck), "--project", str(project.root))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "  1  Regional Security Outlook: title"
    assert lines[9] == " 10  Everything on the table: bullets, bullets, bullets (review notes)"
    assert lines[-1] == ("imported 12 slides as 14 into content/outlook/deck.yaml (2 pictures, 1 chart); "
                         "next: python build.py check outlook")
    data = read_yaml(project.content / "outlook/deck.yaml").data
    slides = {s["id"]: s for s in data["slides"]}
    assert (data["title"], data["subtitle"], data["organisation"]) == (
        "Regional Security Outlook", "Briefing for the partner delegation", "Policy Planning Division")
    assert [s["layout"] for s in data["slides"]] == [
        "title", "bullets", "bullets", "two-column", "table", "chart-cases", "image", "two-column", "section",
        "bullets", "bullets", "bullets", "bullets", "image"]
    assert slides["where-we-stand"]["items"] == [
        {"text": "Dialogue with partners is regular", "items": ["Annual talks", "Working groups"]},
        "Capacity building grows"]
    assert slides["where-we-stand"]["notes"] == "Stress the annual talks."
    assert slides["next-steps"]["numbered"] == "true"
    assert slides["budget-by-region"]["rows"] == [["ASEAN", "12", "4.5"], ["Pacific", "7", "1.2"],
                                                  ["Africa", "9", "3.1"]]
    assert slides["the-region"]["alt"] == "Map of the region with the partner countries marked"
    assert slides["an-old-picture"]["image"].endswith(".png")        # a GIF drawn again as PNG
    assert "a drawing (Connector 5)" in slides["how-the-work-is-organised"]["review"]
    assert slides["everything-on-the-table"]["review"] == "one slide of 14 points, set over 3 slides"
    chart = read_yaml(project.charts / "data/outlook-6.yaml").data
    assert [(r["year"], r["value"]) for r in chart["rows"]] == [("2019", "4"), ("2020", "5"), ("2021", "7"),
                                                               ("2022", "9"), ("2023", "12")]
    assert pipeline.check(project)
    [built] = pipeline.build(project, out_dir=tmp_path / "out")
    shown = "".join(t for _, t, _, _ in slide_texts(built.path))
    original = "".join(t for _, t, _, _ in slide_texts(deck))
    assert kept_share(original, shown) >= 0.99
    assert squeeze("Write {{ name }} where the name goes") in shown       # a template's marks, shown as written
    assert all(squeeze(point) in shown for point in LONG_LIST)
    charts = [s for slide in Presentation(str(built.path)).slides for s in slide.shapes if s.has_chart]
    assert [list(c.chart.plots[0].categories) for c in charts] == [["2019", "2020", "2021", "2022", "2023"]]


@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc is not installed")
def test_a_deck_pandoc_wrote_imports_checks_and_builds(tmp_path):
    from PIL import Image

    Image.new("RGB", (400, 300), "teal").save(tmp_path / "map.png")
    (tmp_path / "talk.md").write_text("""---
title: Regional Cooperation Update
author: Policy Planning Division
date: March 2025
---

# Context

- Trade within the region grew for the third year
- Two new partners joined the framework
    - Viet Nam
    - The Philippines

# Figures

| Partner | Projects |
|---------|----------|
| ASEAN | 12 |
| Pacific | 7 |

# Priorities

1. Digital connectivity
2. Disaster risk reduction

::: notes
The budget is in billions of yen.
:::

# The map

![Map of the partner regions](map.png)
""", encoding="utf-8")
    subprocess.run(["pandoc", "talk.md", "-o", "talk.pptx"], cwd=tmp_path, check=True, timeout=60)
    project, rebuilt = imported_and_rebuilt(tmp_path / "talk.pptx", tmp_path / "project")
    data = read_yaml(project.content / "talk/deck.yaml").data
    assert data["date"] == "March 2025"
    assert [s["layout"] for s in data["slides"]] == ["title", "bullets", "table", "bullets", "image"]
    assert data["slides"][3]["numbered"] == "true" and data["slides"][3]["notes"] == "The budget is in billions of yen."
    original = "".join(t for _, t, _, _ in slide_texts(tmp_path / "talk.pptx"))
    assert kept_share(original, "".join(t for _, t, _, _ in slide_texts(rebuilt))) >= 0.95


def _libreoffice_sample() -> Path | None:
    template = Path("/usr/lib/libreoffice/share/template/common/presnt/Candy.otp")
    return template if shutil.which("soffice") and template.is_file() else None


@pytest.mark.skipif(_libreoffice_sample() is None, reason="LibreOffice or its Candy template is not installed")
def test_libreoffices_sample_slides_import_and_a_picture_without_alt_text_is_asked_for_at_its_line(tmp_path):
    subprocess.run(["soffice", "--headless", "--convert-to", "pptx", "--outdir", str(tmp_path), str(_libreoffice_sample())],
                   check=True, capture_output=True, timeout=300, env={"HOME": str(tmp_path / "home"),
                                                                      "PATH": "/usr/bin:/bin:/usr/local/bin"})
    deck = tmp_path / "Candy.pptx"
    project = scratch_project(tmp_path / "project")
    assert import_deck(project, deck, say=lambda line: None) == 0
    source = project.content / "candy/deck.yaml"
    with pytest.raises(Exception) as refused:
        pipeline.check(project)
    [problem] = refused.value.problems
    lines = source.read_text(encoding="utf-8").splitlines()
    assert problem.message == "required field is missing" and problem.field.endswith(".alt")
    assert lines[problem.location.line - 1].strip().startswith("- id:")      # the picture's slide
    text = source.read_text(encoding="utf-8")
    image_line = next(line for line in text.splitlines() if line.strip().startswith("image: candy/"))
    source.write_text(text.replace(image_line, f"{image_line}\n    alt: Thank-you banner"), encoding="utf-8")
    assert pipeline.check(project)
    [built] = pipeline.build(project, out_dir=tmp_path / "out")
    original = "".join(t for _, t, _, _ in slide_texts(deck))
    assert kept_share(original, "".join(t for _, t, _, _ in slide_texts(built.path))) >= 0.95


# --- what it writes ----------------------------------------------------------------------------------------

def test_an_import_never_replaces_a_file_unless_forced(tmp_path, capsys):
    deck = foreign_deck(tmp_path / "outlook.pptx")
    project = scratch_project(tmp_path / "project")
    assert run_cli(capsys, "import", str(deck), "--project", str(project.root))[0] == 0
    written = {p: p.read_bytes() for p in project.root.rglob("*") if p.is_file()}
    code, out, err = run_cli(capsys, "import", str(deck), "--project", str(project.root))
    assert (code, out) == (1, "")
    assert err.splitlines() == [f"{project.content / 'outlook/deck.yaml'} is there already: import with --deck NAME "
                                "to make another deck, or --force to replace it"]
    assert {p: p.read_bytes() for p in project.root.rglob("*") if p.is_file()} == written
    assert run_cli(capsys, "import", str(deck), "--project", str(project.root), "--force")[0] == 0


def test_a_picture_in_the_way_stops_the_whole_import(tmp_path, capsys):
    deck = foreign_deck(tmp_path / "outlook.pptx")
    project = scratch_project(tmp_path / "project")
    mine = project.root / "images/outlook/slide-7-picture-2.png"
    mine.parent.mkdir(parents=True)
    mine.write_bytes(b"my own picture")
    code, out, err = run_cli(capsys, "import", str(deck), "--project", str(project.root))
    assert (code, err.strip()) == (1, f"{mine} is there already; nothing was written (--force replaces it)")
    assert mine.read_bytes() == b"my own picture"
    assert not (project.content / "outlook").exists() and not project.charts.exists()


def test_the_other_language_goes_beside_the_deck_with_its_slide_ids(tmp_path, built_decks):
    english, _ = built_decks["oda-priorities-full-en.pptx"]
    japanese, _ = built_decks["oda-priorities-full-ja.pptx"]
    project = scratch_project(tmp_path / "project")
    assert import_deck(project, english, "oda", say=lambda line: None) == 0
    assert import_deck(project, japanese, "oda", say=lambda line: None) == 0
    first = read_yaml(project.content / "oda/deck.yaml").data
    second = read_yaml(project.content / "oda/deck.ja.yaml").data
    assert second["language"] == "ja"
    built = read_yaml(FIXTURES / "oda/content/oda-priorities/deck.yaml").data
    ids = [s["id"] for s in built["slides"]]
    assert [i for i in (s["id"] for s in first["slides"]) if i in ids] == ids
    assert [i for i in (s["id"] for s in second["slides"]) if i in ids] == ids
    assert {p.relative_to(project.root).as_posix() for p in (project.root / "images").rglob("*.png")} >= {
        "images/oda/slide-13-picture.png", "images/oda/ja/slide-13-picture.png"}


def test_master_keeps_the_decks_own_master_and_a_theme_that_names_it(tmp_path):
    deck = foreign_deck(tmp_path / "outlook.pptx")
    project = scratch_project(tmp_path / "project")
    assert import_deck(project, deck, master=True, say=lambda line: None) == 0
    theme = (project.templates / "themes/outlook.yaml").read_text(encoding="utf-8")
    assert "\nmaster: masters/outlook.pptx\n" in theme and "\ngrid:" not in theme     # the template's grid
    assert read_yaml(project.content / "outlook/deck.yaml").data["theme"] == "outlook"
    [built] = pipeline.build(project, out_dir=tmp_path / "out")
    prs = Presentation(str(built.path))
    assert (prs.slide_width, prs.slide_height) == (Presentation(str(deck)).slide_width,
                                                   Presentation(str(deck)).slide_height)


def test_a_damaged_picture_is_drawn_again_and_the_covers_date_is_the_decks(tmp_path):
    import io

    from pptx.util import Inches

    from tests.decks import png

    prs = Presentation()
    cover = prs.slides.add_slide(prs.slide_layouts[0])
    cover.shapes.title.text = "Partnership Review"
    cover.placeholders[1].text = "Policy Planning Division"
    cover.shapes.add_textbox(Inches(1), Inches(6), Inches(4), Inches(0.5)).text_frame.text = "14 May 2025"
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "A badge"
    cut = png()[:-12]                       # no end-of-file chunk: viewers show it, a build refuses it
    picture = slide.shapes.add_picture(io.BytesIO(cut), Inches(1), Inches(2), Inches(3))
    picture._element.nvPicPr.cNvPr.set("descr", "A teal badge")
    prs.save(str(tmp_path / "review.pptx"))
    project, rebuilt = imported_and_rebuilt(tmp_path / "review.pptx", tmp_path / "project")
    data = read_yaml(project.content / "review/deck.yaml").data
    assert data["date"] == "14 May 2025"
    assert "occasion" not in data["slides"][0]
    [image] = (project.root / "images/review").iterdir()
    assert image.read_bytes() != cut and image.read_bytes().endswith(b"IEND\xaeB`\x82")


def test_a_chart_whose_data_cannot_be_read_is_said_in_the_review_note(tmp_path):
    import io
    import zipfile

    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Shares"
    data = CategoryChartData()
    data.categories = ["North", "South"]
    data.add_series("Share", (60, 40))
    slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(6), Inches(4), data)
    out = io.BytesIO()
    prs.save(out)
    source, target = zipfile.ZipFile(io.BytesIO(out.getvalue())), tmp_path / "shares.pptx"
    with zipfile.ZipFile(target, "w") as rewritten:     # the chart made a kind python-pptx reads only in part
        for entry in source.infolist():
            body = source.read(entry)
            if entry.filename.startswith("ppt/charts/chart"):
                body = body.replace(b"c:barChart>", b"c:area3DChart>")
            rewritten.writestr(entry, body)
    project = scratch_project(tmp_path / "project")
    assert import_deck(project, target, say=lambda line: None) == 0
    [shares] = read_yaml(project.content / "shares/deck.yaml").data["slides"]
    assert shares["layout"] == "section" and shares["title"] == "Shares"
    assert shares["review"] == ("not kept from slide 1 of shares.pptx: a chart of a kind whose data cannot be read "
                                "(NotImplementedError: Chart 2)")
    assert pipeline.check(project)


def test_a_third_level_is_said_in_the_review_note_and_ids_are_whole_words(tmp_path):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Lessons learned from five years of capacity building in the region"
    body = slide.placeholders[1].text_frame
    body.text = "Training"
    for text, level in (("Cyber hygiene", 1), ("Phishing drills", 2), ("Incident response", 1)):
        paragraph = body.add_paragraph()
        paragraph.text, paragraph.level = text, level
    prs.save(str(tmp_path / "lessons.pptx"))
    project = scratch_project(tmp_path / "project")
    assert import_deck(project, tmp_path / "lessons.pptx", say=lambda line: None) == 0
    [lessons] = read_yaml(project.content / "lessons/deck.yaml").data["slides"]
    assert lessons["id"] == "lessons-learned-from-five-years-of"
    assert lessons["items"] == [{"text": "Training", "items": ["Cyber hygiene", "Phishing drills", "Incident response"]}]
    assert lessons["review"] == "1 point of a third level or deeper set as sub-items (a slide has two levels)"
