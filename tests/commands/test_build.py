"""The build matrix (briefing.commands.pipeline, briefing.publish.manifest, briefing.deck): every variant built in
parallel into a staging folder, all or nothing, byte for byte reproducible, listed in a manifest."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from briefing.commands import pipeline
from briefing.errors import BriefingError
from tests.conftest import run_cli, write
from tests.load.test_audiences import GOOD, PROFILE


@pytest.fixture
def two_audiences(project):
    write(project.root / PROFILE, GOOD)
    write(project.root / "content/sampler/audiences/region.yaml", "name: Region\nexclude: [compare]\n")
    return project


def files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (outlines included) by its path in it, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_default_build_makes_every_variant_and_a_manifest(two_audiences, capsys):
    code, out, err = run_cli(capsys)
    assert (code, err) == (0, "")    # no progress lines: the test's stderr is not a terminal
    assert out.startswith("wrote 3 decks (") and out.endswith(") and manifest.json to output/\n")
    assert sorted(os.listdir("output")) == ["manifest.json", "outline", "sampler-full-en.pptx", "sampler-partner-en.pptx",
                                            "sampler-region-en.pptx"]
    assert sorted(os.listdir("output/outline")) == ["sampler-full-en.md", "sampler-partner-en.md", "sampler-region-en.md"]
    slides = {name: len(Presentation(f"output/{name}").slides) for name in os.listdir("output") if name.endswith("x")}
    assert slides == {"sampler-full-en.pptx": 9, "sampler-partner-en.pptx": 4, "sampler-region-en.pptx": 8}


def test_the_manifest_describes_each_deck_and_its_sources(two_audiences, capsys):
    assert run_cli(capsys)[0] == 0
    manifest = json.loads(Path("output/manifest.json").read_text(encoding="utf-8"))
    entries = {e["file"]: e for e in manifest["decks"]}
    partner = entries["sampler-partner-en.pptx"]
    data = Path("output/sampler-partner-en.pptx").read_bytes()
    assert (partner["deck"], partner["audience"], partner["audience_name"], partner["language"]) == (
        "sampler", "partner", "Partner capital", "en")
    assert (partner["slides"], partner["bytes"], partner["sha256"]) == (4, len(data), hashlib.sha256(data).hexdigest())
    assert [s["path"] for s in partner["sources"]] == [
        "content/sampler/deck.yaml", PROFILE, "templates/themes/default.yaml", "templates/text/fmt.j2"]
    chart_files = [s["path"] for s in entries["sampler-full-en.pptx"]["sources"] if s["path"].startswith("charts/")]
    assert chart_files == ["charts/growth.yaml", "charts/data/growth.yaml"]
    source = partner["sources"][1]
    assert source["sha256"] == hashlib.sha256(Path(PROFILE).read_bytes()).hexdigest()


def test_one_audience_can_be_built_and_the_manifest_keeps_the_others(two_audiences, capsys):
    assert run_cli(capsys)[0] == 0
    assert run_cli(capsys, "--audience", "partner", "--audience", "full")[0] == 0
    manifest = json.loads(Path("output/manifest.json").read_text(encoding="utf-8"))
    assert [e["file"] for e in manifest["decks"]] == [
        "sampler-full-en.pptx", "sampler-partner-en.pptx", "sampler-region-en.pptx"]


def test_all_cannot_be_combined_with_a_selection(two_audiences, capsys):
    code, _, err = run_cli(capsys, "--all", "--audience", "partner")
    assert code == 2 and "--all selects everything" in err
    assert run_cli(capsys, "--all")[0] == 0


def test_same_inputs_give_the_same_bytes(two_audiences, tmp_path):
    pipeline.build(two_audiences, out_dir=tmp_path / "one", use_cache=False)
    pipeline.build(two_audiences, out_dir=tmp_path / "two", workers=1)
    assert files(tmp_path / "one") == files(tmp_path / "two")


def test_source_date_epoch_sets_the_modified_date(project, tmp_path, monkeypatch):
    [plain] = pipeline.build(project, out_dir=tmp_path / "plain")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    [stamped] = pipeline.build(project, out_dir=tmp_path / "stamped")
    assert Presentation(str(plain.path)).core_properties.modified.isoformat() == "1980-01-01T00:00:00"
    assert Presentation(str(stamped.path)).core_properties.modified.isoformat() == "2023-11-14T22:13:20"


def test_no_template_leftovers_in_the_file(project, tmp_path):
    [built] = pipeline.build(project, out_dir=tmp_path)
    with zipfile.ZipFile(built.path) as z:
        names = z.namelist()
        app = z.read("docProps/app.xml").decode()
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert "docProps/thumbnail.jpeg" not in names
    assert "Macintosh" not in app and "4:3" not in app and "<Slides>9</Slides>" in app
    props = Presentation(str(built.path)).core_properties
    assert "python-pptx" not in (props.last_modified_by, props.author, props.title)
    assert props.created.year != 2013
    for slide in Presentation(str(built.path)).slides:
        for shape in slide.shapes:
            descr = shape._element.xpath("./*[1]/p:cNvPr/@descr")
            assert not any("/" in d or "\\" in d or d.endswith(".png") for d in descr)


def test_a_failed_variant_leaves_the_output_folder_as_it_was(two_audiences, capsys, monkeypatch):
    assert run_cli(capsys)[0] == 0
    before = files(Path("output"))
    real_write = Path.write_bytes

    def fail_half_way(path, data):
        if "region" in path.name:
            real_write(path, data[: len(data) // 2])
            raise OSError(28, "No space left on device")
        return real_write(path, data)

    monkeypatch.setattr(Path, "write_bytes", fail_half_way)
    code, out, err = run_cli(capsys)
    assert (code, out) == (1, "")
    assert "sampler-region-en.pptx: cannot write the deck: No space left on device" in err
    assert err.rstrip().endswith("1 of 3 decks failed (sampler-region-en.pptx); "
                                 "no deck in the output folder was changed")
    assert files(Path("output")) == before
    assert all(len(Presentation(f"output/{n}").slides) for n in before if n.endswith(".pptx"))


def test_staging_folders_of_killed_builds_are_cleaned_up(project, tmp_path):
    out = tmp_path / "out"
    abandoned = out / ".staging-999999999-x"
    abandoned.mkdir(parents=True)
    (abandoned / "half.pptx").write_bytes(b"half")
    pipeline.build(project, out_dir=out)
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "outline", "sampler-full-en.pptx"]


def test_an_unwritable_output_folder_is_a_clear_error(project, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(BriefingError, match="cannot write decks there"):
        pipeline.build(project, out_dir=blocker / "out")


def test_progress_is_reported_once_per_deck(two_audiences, tmp_path):
    seen = []
    pipeline.build(two_audiences, out_dir=tmp_path, progress=lambda *a: seen.append(a))
    assert sorted(seen) == [(1, 3, "sampler-full-en.pptx", 9), (2, 3, "sampler-partner-en.pptx", 4),
                            (3, 3, "sampler-region-en.pptx", 8)] or len({s[0] for s in seen}) == 3
    assert sorted((s[2], s[3]) for s in seen) == [("sampler-full-en.pptx", 9), ("sampler-partner-en.pptx", 4),
                                                  ("sampler-region-en.pptx", 8)]
    assert sorted(s[0] for s in seen) == [1, 2, 3] and {s[1] for s in seen} == {3}


def test_a_chart_is_drawn_once_for_all_variants(two_audiences, tmp_path, monkeypatch):
    from briefing.draw import charts
    from briefing.draw import drawer as drawing

    drawn = []
    original = charts.draw_chart
    monkeypatch.setattr(drawing, "SEPARATE", False)     # drawn here, where the spy can see it
    monkeypatch.setattr(charts, "draw_chart", lambda *a: drawn.append(a) or original(*a))
    write(two_audiences.root / PROFILE, "name: Partner\n")   # the partner variant keeps the chart slide
    built = pipeline.build(two_audiences, out_dir=tmp_path, use_cache=False)
    assert len(built) == 3 and len(drawn) == 1


def test_two_variants_writing_the_same_file_is_an_error(project):
    second = project.content / "sampler-x" / "deck.yaml"
    second.parent.mkdir()
    second.write_text((project.root / "content/sampler/deck.yaml").read_text())
    write(project.root / "content/sampler/audiences/x-full.yaml", "name: X\n")
    with pytest.raises(BriefingError) as caught:
        pipeline.check(project)
    assert str(caught.value).splitlines()[0] == (
        "content/sampler-x/deck.yaml: writes sampler-x-full-en.pptx, as content/sampler/audiences/x-full.yaml "
        "does; rename one of them")


def test_a_complete_build_removes_the_decks_no_source_makes_any_more(two_audiences, capsys):
    assert run_cli(capsys)[0] == 0
    (two_audiences.output / "mine.pptx").write_bytes(b"someone's own file")
    (two_audiences.root / "content/sampler/audiences/region.yaml").unlink()
    assert run_cli(capsys, "--audience", "full")[0] == 0          # a partial build removes nothing
    assert (two_audiences.output / "sampler-region-en.pptx").is_file()
    assert run_cli(capsys)[0] == 0
    assert sorted(os.listdir("output")) == ["manifest.json", "mine.pptx", "outline", "sampler-full-en.pptx",
                                            "sampler-partner-en.pptx"]
    assert sorted(os.listdir("output/outline")) == ["sampler-full-en.md", "sampler-partner-en.md"]
    manifest = json.loads(Path("output/manifest.json").read_text(encoding="utf-8"))
    assert [e["file"] for e in manifest["decks"]] == ["sampler-full-en.pptx", "sampler-partner-en.pptx"]
