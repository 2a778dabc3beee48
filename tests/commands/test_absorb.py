"""`absorb EDITED.pptx`: texts edited in PowerPoint go back into the file and field they came
from, and nothing else of that file changes; what cannot be placed is reported and left."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from briefing.commands import pipeline
from briefing.errors import ContentError
from briefing.load.source import read_yaml
from briefing.load.project import Project
from tests.conftest import FIXTURES, REPO, run_cli

DECK = "content/oda-priorities/deck.yaml"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The ODA fixture's decks, built once; each test edits a copy of one."""
    root = tmp_path_factory.mktemp("oda-built")
    shutil.copytree(FIXTURES / "oda", root, dirs_exist_ok=True)
    shutil.copytree(REPO / "templates", root / "templates")
    pipeline.build(Project(root), out_dir=root / "out")
    return root / "out"


@pytest.fixture
def oda_project(tmp_path, monkeypatch) -> Project:
    root = tmp_path / "oda"
    shutil.copytree(FIXTURES / "oda", root)
    shutil.copytree(REPO / "templates", root / "templates")
    monkeypatch.chdir(root)         # messages name files as the project has them
    return Project(root)


def edited(built: Path, variant: str, folder: Path, change) -> Path:
    """A copy of `variant` (as a build named it) with `change(slide_id, shape, slide)` applied."""
    prs = Presentation(str(built / f"{variant}.pptx"))
    for slide in prs.slides:
        name = slide._element.cSld.get("name")
        for shape in list(slide.shapes):
            change(name, shape, slide)
    path = folder / f"{variant}.pptx"
    prs.save(str(path))
    return path


def retype(shape, paragraph: int, text: str) -> None:
    para = shape.text_frame.paragraphs[paragraph]
    para.runs[0].text = text
    for run in para.runs[1:]:
        run.text = ""


def absorbed(capsys, project: Project, deck: Path, *options: str) -> tuple[int, list[str], str]:
    code, out, err = run_cli(capsys, "absorb", str(deck), "--project", str(project.root), *options)
    return code, out.splitlines(), err


def test_edited_texts_go_back_to_their_fields_and_nothing_else_changes(built, oda_project, tmp_path, capsys):
    def change(slide, shape, page):
        if slide == "why" and shape.name == "Title":
            retype(shape, 0, "Why development cooperation matters")
        if slide == "charter" and shape.name == "Body":
            retype(shape, 3, "Human security in a new era")          # a sub-item
        if slide == "partners" and shape.has_table:
            shape.table.cell(1, 0).text_frame.paragraphs[0].runs[0].text = "ASEAN members"
        if slide == "map" and shape.name == "Picture":
            shape._element.nvPicPr.cNvPr.set("descr", "Map of the regions of Japan's cooperation")
        if slide == "charter" and shape.name == "Title":
            page.notes_slide.notes_text_frame.text = "The Charter replaced the 2015 version."

    deck = edited(built, "oda-priorities-full-en", tmp_path, change)
    source = oda_project.root / DECK
    before = source.read_text(encoding="utf-8").splitlines()
    code, out, err = absorbed(capsys, oda_project, deck)
    assert (code, err) == (0, "")
    assert out[-1] == "absorbed 5 edits into 1 file(s)"
    after = source.read_text(encoding="utf-8").splitlines()
    changed = [(old, new) for old, new in zip(before, after) if old != new]
    assert len(before) == len(after)
    assert changed == [
        ("    title: Why development cooperation", "    title: Why development cooperation matters"),
        ("          - Human security in the new era", "          - Human security in a new era"),
        ("    notes: The Charter replaces the 2015 version.", "    notes: The Charter replaced the 2015 version."),
        ('      - [ASEAN, "Connectivity, disaster risk reduction", "Loans, technical cooperation"]',
         '      - [ASEAN members, "Connectivity, disaster risk reduction", "Loans, technical cooperation"]'),
        ("    alt: Map of five regions of Japan's development cooperation, with ASEAN marked",
         "    alt: Map of the regions of Japan's cooperation"),
    ]
    [again] = pipeline.build(oda_project, ["oda-priorities"], out_dir=tmp_path / "again", audiences=["full"],
                             languages=["en"])
    rebuilt = Presentation(str(again.path))
    assert "Why development cooperation matters" in [s.shapes.title.text_frame.text for s in rebuilt.slides]
    # Built again from the sources, the deck has nothing left to absorb.
    code, out, err = absorbed(capsys, oda_project, again.path)
    assert out == [f"nothing to absorb: every text of {again.path} is what the sources give"]


def test_the_japanese_edition_takes_its_own_edits_and_its_line_breaks_are_not_edits(built, oda_project, tmp_path,
                                                                                    capsys):
    def change(slide, shape, page):
        if slide == "charter" and shape.name == "Body":
            retype(shape, 0, "開発協力大綱は日本のODAの基本方針を定める。")

    deck = edited(built, "oda-priorities-full-ja", tmp_path, change)
    english = (oda_project.root / DECK).read_text(encoding="utf-8")
    planned = _planned_ja(oda_project)
    code, out, err = absorbed(capsys, oda_project, deck)
    assert (code, err) == (0, "")
    assert out == ['content/oda-priorities/deck.ja.yaml:31: slides[3].items[0]: '
                   f'"{planned}" -> "開発協力大綱は日本のODAの基本方針を定める。"',
                   "absorbed 1 edit into 1 file(s)"]
    assert (oda_project.root / DECK).read_text(encoding="utf-8") == english
    assert "開発協力大綱は日本のODAの基本方針を定める。" in (oda_project.root / "content/oda-priorities/deck.ja.yaml").read_text(
        encoding="utf-8")


def _planned_ja(project: Project) -> str:
    return read_yaml(project.root / "content/oda-priorities/deck.ja.yaml").data["slides"][3]["items"][0]


def test_a_profiles_override_is_edited_in_the_profile(built, oda_project, tmp_path, capsys):
    def change(slide, shape, page):
        if slide == "forward" and shape.name == "Statements":
            retype(shape, 0, "Japan will keep ASEAN at the heart of its cooperation.")

    deck = edited(built, "oda-priorities-asean-en", tmp_path, change)
    deck_text = (oda_project.root / DECK).read_text(encoding="utf-8")
    code, out, err = absorbed(capsys, oda_project, deck)
    assert (code, err) == (0, "")
    assert out[0].startswith("content/oda-priorities/audiences/asean.yaml:9: slides[13].items[0]: ")
    profile = (oda_project.root / "content/oda-priorities/audiences/asean.yaml").read_text(encoding="utf-8")
    assert "      - Japan will keep ASEAN at the heart of its cooperation.\n" in profile
    assert (oda_project.root / DECK).read_text(encoding="utf-8") == deck_text


def test_what_a_template_made_or_a_structural_edit_is_reported_and_left(built, oda_project, tmp_path, capsys):
    def change(slide, shape, page):
        if slide == "budget" and shape.name == "Statements":
            retype(shape, 0, "The budget was about 570 billion yen.")
        if slide == "instruments" and shape.name == "Left":
            shape.text_frame.add_paragraph().text = "Volunteers"

    deck = edited(built, "oda-priorities-full-en", tmp_path, change)
    before = {p: p.read_bytes() for p in oda_project.root.rglob("*.yaml")}
    code, out, err = absorbed(capsys, oda_project, deck)
    assert (code, err) == (1, "")           # something was left for a person
    assert out == [
        "not absorbed: slide 'instruments', Left: 6 paragraphs in the deck, 5 in the sources (a structural edit: "
        "make it in the YAML)",
        "not absorbed: slide 'budget': 'The general account ODA budget was ab...' is made by a template or a variable "
        "at content/oda-priorities/deck.yaml:71; edit it there",
        f"nothing absorbed from {deck}",
    ]
    assert {p: p.read_bytes() for p in oda_project.root.rglob("*.yaml")} == before


def test_dry_run_shows_the_diff_and_writes_nothing_and_a_renamed_copy_is_found_by_its_stamp(built, oda_project,
                                                                                             tmp_path, capsys):
    def change(slide, shape, page):
        if slide == "why" and shape.name == "Title":
            retype(shape, 0, "Why it matters")

    deck = edited(built, "oda-priorities-full-en", tmp_path, change)
    before = (oda_project.root / DECK).read_bytes()
    code, out, err = absorbed(capsys, oda_project, deck, "--dry-run")
    assert (code, out[-1]) == (0, "would make 1 edit in 1 file(s) (--dry-run: nothing written)")
    assert "-    title: Why development cooperation" in out and "+    title: Why it matters" in out
    assert f"--- a/{DECK}" in out
    assert (oda_project.root / DECK).read_bytes() == before
    renamed = deck.rename(tmp_path / "final version (2).pptx")
    code, out, err = absorbed(capsys, oda_project, renamed)
    assert (code, err, out[-1]) == (0, "", "absorbed 1 edit into 1 file(s)")


def test_a_deck_without_a_stamp_or_built_from_other_sources_is_refused(built, oda_project, tmp_path, capsys):
    import zipfile

    deck = edited(built, "oda-priorities-full-en", tmp_path, lambda *a: None)
    unstamped = tmp_path / "unstamped.pptx"
    with zipfile.ZipFile(deck) as source, zipfile.ZipFile(unstamped, "w") as target:
        for entry in source.infolist():
            if entry.filename != "docProps/custom.xml":
                target.writestr(entry, source.read(entry))
    code, out, err = absorbed(capsys, oda_project, unstamped)
    assert (code, err.strip()) == (1, f"{unstamped}: was not built by this tool (it has no stamp of a build); to bring "
                                      f"it in as a deck of its own, use: python build.py import {unstamped}")
    source = oda_project.root / DECK
    source.write_text(source.read_text(encoding="utf-8") + "\n# a change since the build\n", encoding="utf-8")
    code, out, err = absorbed(capsys, oda_project, deck)
    assert (code, err.strip()) == (1, f"{deck}: its sources changed since it was built ({DECK}); build it again and "
                                      "make the edits there, or bring the files back to what the deck was built from")


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_a_deck_saved_again_by_libreoffice_absorbs_as_nothing_changed(built, oda_project, tmp_path, capsys):
    import subprocess

    (tmp_path / "lo").mkdir()
    subprocess.run(["soffice", "--headless", "--convert-to", "pptx", "--outdir", str(tmp_path / "lo"),
                    str(built / "oda-priorities-full-ja.pptx")], check=True, capture_output=True, timeout=300,
                   env={"HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin:/usr/local/bin"})
    saved = tmp_path / "lo/oda-priorities-full-ja.pptx"
    before = {p: p.read_bytes() for p in oda_project.root.rglob("*.yaml")}
    code, out, err = absorbed(capsys, oda_project, saved)
    assert (code, err, out) == (0, "", [f"nothing to absorb: every text of {saved} is what the sources give"])
    assert {p: p.read_bytes() for p in oda_project.root.rglob("*.yaml")} == before


def _delete(prs_path: Path, slide_id: str) -> None:
    prs = Presentation(str(prs_path))
    for entry, slide in zip(list(prs.slides._sldIdLst), list(prs.slides)):
        if slide._element.cSld.get("name") == slide_id:
            prs.slides._sldIdLst.remove(entry)
            prs.part.drop_rel(entry.rId)
    prs.save(str(prs_path))


def test_a_slide_deleted_from_an_audiences_deck_is_left_out_of_its_profile(built, oda_project, tmp_path, capsys):
    deck = edited(built, "oda-priorities-asean-en", tmp_path, lambda *a: None)
    _delete(deck, "approaches")
    profile = oda_project.root / "content/oda-priorities/audiences/asean.yaml"
    before = profile.read_text(encoding="utf-8")
    code, out, err = absorbed(capsys, oda_project, deck)
    assert (code, err) == (0, "")
    assert out == ["content/oda-priorities/audiences/asean.ja.yaml: exclude: + approaches (the slide was deleted in "
                   "the deck)",
                   "content/oda-priorities/audiences/asean.yaml: exclude: + approaches (the slide was deleted in the "
                   "deck)", "absorbed 2 edits into 2 file(s)"]
    after = profile.read_text(encoding="utf-8")
    assert after == before.replace("exclude: [emblem]", "exclude: [emblem, approaches]")
    [again] = pipeline.build(oda_project, ["oda-priorities"], out_dir=tmp_path / "again", audiences=["asean"],
                             languages=["en"])
    assert "approaches" not in [s._element.cSld.get("name") for s in Presentation(str(again.path)).slides]
    assert pipeline.check(oda_project)          # the profile's other edition makes the same choice


def test_a_slide_deleted_from_the_full_deck_is_taken_out_of_that_edition_and_the_other_is_named(
        built, oda_project, tmp_path, capsys):
    deck = edited(built, "oda-priorities-full-en", tmp_path, lambda *a: None)
    _delete(deck, "instruments")
    source = oda_project.root / DECK
    before = source.read_text(encoding="utf-8")
    japanese = (oda_project.root / "content/oda-priorities/deck.ja.yaml").read_bytes()
    code, out, err = absorbed(capsys, oda_project, deck)
    assert (code, err) == (1, "")           # the other edition is left for a person
    assert out == ["not absorbed: content/oda-priorities/deck.ja.yaml still has slide 'instruments' (deleted in this "
                   "edition): check and build report that as a parity error until it is deleted there too",
                   "content/oda-priorities/deck.yaml: slides: - instruments (the slide was deleted in the deck)",
                   "absorbed 1 edit into 1 file(s)"]
    after = source.read_text(encoding="utf-8")
    start = before.index("  - id: instruments")
    removed = before[start:before.index("  - id: ", start + 1)]
    assert after == before.replace(removed, "") and "instruments" not in after
    assert (oda_project.root / "content/oda-priorities/deck.ja.yaml").read_bytes() == japanese
    with pytest.raises(ContentError, match="deck.yaml has no slide 'instruments'"):  # the parity error announced
        pipeline.check(oda_project)


def _move(prs_path: Path, slide_id: str, before_id: str) -> None:
    prs = Presentation(str(prs_path))
    entries = {slide._element.cSld.get("name"): entry for entry, slide in zip(list(prs.slides._sldIdLst), prs.slides)}
    entries[before_id].addprevious(entries[slide_id])
    prs.save(str(prs_path))


def test_slides_moved_in_an_audiences_deck_are_put_in_that_order_in_its_profile(built, oda_project, tmp_path,
                                                                                 capsys):
    deck = edited(built, "oda-priorities-asean-en", tmp_path, lambda *a: None)
    _move(deck, "map", "charter")
    order = [s._element.cSld.get("name") for s in Presentation(str(deck)).slides]
    code, out, err = absorbed(capsys, oda_project, deck)
    assert (code, err) == (0, "")
    assert out[:2] == [f"content/oda-priorities/audiences/{name}: slides: {', '.join(order)} (the slides were moved "
                       "in the deck)" for name in ("asean.ja.yaml", "asean.yaml")]
    [again] = pipeline.build(oda_project, ["oda-priorities"], out_dir=tmp_path / "again", audiences=["asean"],
                             languages=["en"])
    assert [s._element.cSld.get("name") for s in Presentation(str(again.path)).slides] == order
    assert pipeline.check(oda_project)          # the profile's other edition makes the same choice


def test_slides_moved_in_the_full_deck_are_reported_for_a_person(built, oda_project, tmp_path, capsys):
    deck = edited(built, "oda-priorities-full-en", tmp_path, lambda *a: None)
    _move(deck, "map", "charter")
    code, out, err = absorbed(capsys, oda_project, deck)
    assert code == 1 and out[0].startswith("not absorbed: slides were moved in the deck (cover, agenda, why, map, "
                                           "charter,")
    assert out[0].endswith("put them in that order in content/oda-priorities/deck.yaml")


def _add_slide(prs_path: Path, before_id: str) -> None:
    """A slide added as a person adds one: Title and Content, a title, two points and a sub-point."""
    prs = Presentation(str(prs_path))
    layout = next(layout for layout in prs.slide_layouts if layout.name == "Title and Content")
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = "Next steps"
    body = slide.placeholders[1].text_frame
    body.text = "Agree the plan with partners"
    sub = body.add_paragraph()
    sub.text, sub.level = "By June", 1
    body.add_paragraph().text = "Report to the minister"
    entries = {s._element.cSld.get("name"): entry for entry, s in zip(list(prs.slides._sldIdLst), prs.slides)}
    entries[before_id].addprevious(list(prs.slides._sldIdLst)[-1])
    prs.save(str(prs_path))


NEW_SLIDE = """
  - id: next-steps
    layout: bullets
    title: Next steps
    items:
      - text: Agree the plan with partners
        items:
          - By June
      - Report to the minister
"""


def test_a_new_slide_is_imported_where_it_stands_and_the_other_edition_is_named(built, oda_project, tmp_path,
                                                                               capsys):
    deck = edited(built, "oda-priorities-full-en", tmp_path, lambda *a: None)
    _add_slide(deck, "instruments")
    source = oda_project.root / DECK
    before = source.read_text(encoding="utf-8")
    code, out, err = absorbed(capsys, oda_project, deck)
    assert (code, err) == (1, "")           # the Japanese edition is left for a person
    assert out == ["not absorbed: content/oda-priorities/deck.ja.yaml has no slide 'next-steps' (new in this "
                   "edition): check and build report that as a parity error until the slides are added there too",
                   "content/oda-priorities/deck.yaml: slides: + next-steps (a new slide in the deck, imported after "
                   "'charter')", "absorbed 1 edit into 1 file(s)"]
    assert source.read_text(encoding="utf-8") == before.replace("\n  - id: instruments",
                                                                NEW_SLIDE + "\n  - id: instruments")


def test_a_new_slide_in_an_audiences_deck_goes_into_its_slides_order_too(oda_project, tmp_path, capsys):
    order = "[cover, agenda, why, charter, instruments, partners, budget, priorities, overview, pillars, map, forward]"
    for name in ("asean.yaml", "asean.ja.yaml"):
        profile = oda_project.root / "content/oda-priorities/audiences" / name
        profile.write_text(profile.read_text(encoding="utf-8").replace("exclude: [emblem]\n", f"slides: {order}\n"),
                           encoding="utf-8")
    [built] = pipeline.build(oda_project, ["oda-priorities"], out_dir=tmp_path / "built", audiences=["asean"],
                             languages=["en"])
    deck = tmp_path / built.path.name
    shutil.copy(built.path, deck)
    _add_slide(deck, "forward")
    code, out, err = absorbed(capsys, oda_project, deck)
    assert code == 1 and out[-1] == "absorbed 3 edits into 3 file(s)"
    assert NEW_SLIDE in (oda_project.root / DECK).read_text(encoding="utf-8")
    ids = [s["id"] for s in read_yaml(oda_project.root / DECK).data["slides"]]
    assert ids.index("next-steps") == ids.index("map") + 1         # after the slide before it in this variant
    for name in ("asean.yaml", "asean.ja.yaml"):
        profile = (oda_project.root / "content/oda-priorities/audiences" / name).read_text(encoding="utf-8")
        assert f"slides: {order[:-len('forward]')]}next-steps, forward]\n" in profile


def test_a_stamp_that_names_files_outside_the_project_is_refused(built, oda_project, tmp_path, capsys):
    import zipfile

    deck = edited(built, "oda-priorities-full-en", tmp_path, lambda *a: None)
    forged = tmp_path / "forged.pptx"
    (tmp_path / "secret.yaml").write_text("outside the project\n", encoding="utf-8")
    with zipfile.ZipFile(deck) as source, zipfile.ZipFile(forged, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "docProps/custom.xml":
                assert DECK.encode() in data
                data = data.replace(DECK.encode(), b"../secret.yaml")
            target.writestr(entry, data)
    code, out, err = absorbed(capsys, oda_project, forged)
    assert (code, out) == (1, [])
    assert err.strip() == (f"{forged}: its stamp names files outside the project (../secret.yaml); it was not built "
                           f"from this project; to bring it in, use: python build.py import {forged}")
