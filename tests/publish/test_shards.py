"""briefing.publish.shards: `--shard K/N` builds a stable share of the variants; `merge` joins the shards'
folders into the folder one build of everything writes, manifest and all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.commands import pipeline

from briefing.publish import shards
from briefing.errors import BriefingError
from tests.conftest import run_cli, write
from tests.commands.test_build import files

PROFILES = {"asia": "name: Asia\n", "europe": "name: Europe\n", "africa": "name: Africa\nexclude: [compare]\n",
            "pacific": "name: Pacific\n"}


@pytest.fixture
def many(project):
    """The sampler with four audiences: five variants, enough to spread over shards."""
    for name, text in PROFILES.items():
        write(project.root / f"content/sampler/audiences/{name}.yaml", text)
    return project


def build_shards(project, tmp_path: Path, count: int) -> list[Path]:
    folders = []
    for index in range(1, count + 1):
        folder = tmp_path / f"shard-{index}"
        pipeline.build(project, out_dir=folder, shard=shards.parse(f"{index}/{count}"))
        folders.append(folder)
    return folders


def decks_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.pptx"))


def test_two_shards_merged_are_one_build_of_everything(many, tmp_path):
    whole = tmp_path / "whole"
    pipeline.build(many, out_dir=whole)
    merged = tmp_path / "merged"
    entries = shards.merge(build_shards(many, tmp_path, 2), merged, note=lambda text: None)
    assert len(entries) == 5
    assert files(merged) == files(whole)      # decks, outlines and manifest, byte for byte


def test_every_variant_lands_in_exactly_one_shard_and_always_the_same(many, tmp_path):
    folders = build_shards(many, tmp_path, 3)
    shares = [decks_in(folder) for folder in folders]
    assert sorted(name for share in shares for name in share) == sorted(
        f"sampler-{a}-en.pptx" for a in ["full", *PROFILES])
    again = tmp_path / "again"
    pipeline.build(many, out_dir=again, shard=shards.parse("2/3"))
    assert decks_in(again) == shares[1]


def test_a_variant_keeps_its_shard_when_other_variants_come_and_go(many, tmp_path):
    before = {name: index for index, folder in enumerate(build_shards(many, tmp_path / "before", 3), start=1)
              for name in decks_in(folder)}
    (many.root / "content/sampler/audiences/europe.yaml").unlink()
    after = {name: index for index, folder in enumerate(build_shards(many, tmp_path / "after", 3), start=1)
             for name in decks_in(folder)}
    assert after == {name: index for name, index in before.items() if "europe" not in name}


def test_a_shard_manifest_says_which_shard_and_selection_it_is(many, tmp_path):
    pipeline.build(many, out_dir=tmp_path / "s", audiences=["asia", "europe"],
                   shard=shards.parse("1/2", {"audiences": ["europe", "asia"], "decks": None}))
    data = json.loads((tmp_path / "s/manifest.json").read_text())
    assert data["shard"] == {"index": 1, "count": 2, "selection": {"audiences": ["asia", "europe"]}}


def test_a_merge_of_every_shard_removes_decks_no_source_makes_any_more(many, tmp_path):
    out = tmp_path / "site"
    shards.merge(build_shards(many, tmp_path / "first", 2), out, note=lambda text: None)
    assert "sampler-pacific-en.pptx" in decks_in(out)
    (many.root / "content/sampler/audiences/pacific.yaml").unlink()
    shards.merge(build_shards(many, tmp_path / "second", 2), out, note=lambda text: None)
    assert decks_in(out) == sorted(f"sampler-{a}-en.pptx" for a in ["full", "asia", "europe", "africa"])
    assert not (out / "outline/sampler-pacific-en.md").exists()


@pytest.mark.parametrize("spoil, message", [
    (lambda folders: folders[:1], "shard 2/2 missing: merge every shard of the build"),
    (lambda folders: [folders[0], folders[0], folders[1]], "shard 1/2 is given twice"),
    (lambda folders: folders + [Path("nowhere")], "nowhere: no such folder to merge"),
])
def test_a_merge_of_an_incomplete_set_of_shards_is_refused(many, tmp_path, spoil, message):
    folders = build_shards(many, tmp_path, 2)
    with pytest.raises(BriefingError) as caught:
        shards.merge(spoil(folders), tmp_path / "out", note=lambda text: None)
    assert str(caught.value) == message
    assert not (tmp_path / "out").exists()


def test_a_deck_changed_after_its_shard_was_built_is_refused(many, tmp_path):
    folders = build_shards(many, tmp_path, 2)
    deck = next(folders[1].glob("*.pptx"))
    deck.write_bytes(deck.read_bytes() + b"\0")
    with pytest.raises(BriefingError, match=f"{deck.name}: not as the build wrote it"):
        shards.merge(folders, tmp_path / "out", note=lambda text: None)


def test_shards_of_different_builds_do_not_merge(many, tmp_path):
    first = build_shards(many, tmp_path / "a", 2)
    pipeline.build(many, out_dir=tmp_path / "b", shard=shards.parse("2/3"))
    with pytest.raises(BriefingError, match="a shard of another build"):
        shards.merge([first[0], tmp_path / "b"], tmp_path / "out", note=lambda text: None)


def test_a_merge_into_one_of_its_own_folders_is_refused(many, tmp_path):
    folders = build_shards(many, tmp_path, 2)
    before = files(folders[0])
    with pytest.raises(BriefingError, match="the output folder is one of the folders to merge"):
        shards.merge(folders, folders[0], note=lambda text: None)
    assert files(folders[0]) == before


def test_a_folder_without_a_manifest_is_not_merged(many, tmp_path):
    (tmp_path / "loose").mkdir()
    with pytest.raises(BriefingError, match="loose: not the output folder of a build"):
        shards.merge([tmp_path / "loose"], tmp_path / "out", note=lambda text: None)


@pytest.mark.parametrize("text", ["", "2", "0/2", "3/2", "1/0", "a/b", "1/2/3"])
def test_a_shard_that_is_not_k_of_n_is_a_usage_error(project, capsys, text):
    code, out, err = run_cli(capsys, "--shard", text)
    assert code == 2 and "--shard" in err and not (project.root / "output").exists()


def test_the_command_line_builds_a_shard_and_merges(many, capsys, tmp_path):
    for index in (1, 2):
        code, out, err = run_cli(capsys, "--shard", f"{index}/2", "--output", str(tmp_path / f"s{index}"))
        assert code == 0 and f"(shard {index}/2)" in out
    code, out, err = run_cli(capsys, "merge", str(tmp_path / "s1"), str(tmp_path / "s2"), "--output", "output")
    assert (code, err) == (0, "")
    assert out == "merged 5 decks from 2 folders into output/\n"
    assert "shard" not in json.loads(Path("output/manifest.json").read_text())
