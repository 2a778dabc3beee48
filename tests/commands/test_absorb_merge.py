"""`absorb` in a project kept in git: a variant edited as a person edits it in PowerPoint comes back
into exactly the fields it changed, and a deck built before the sources moved on is merged three
ways with the revision it was built from."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from briefing.commands import pipeline
from briefing.load.project import Project
from briefing.read.deck import read_deck_file
from tests.commands.test_absorb import _delete, _move, absorbed, retype
from tests.conftest import FIXTURES, REPO

pytestmark = pytest.mark.skipif(not shutil.which("git"), reason="git is not installed")

DECK, JA = "content/oda-priorities/deck.yaml", "content/oda-priorities/deck.ja.yaml"
PROFILE, PROFILE_JA = "content/oda-priorities/audiences/asean.yaml", "content/oda-priorities/audiences/asean.ja.yaml"


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_CONFIG_GLOBAL": os.devnull}
    return subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args], cwd=root,
                          env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Project:
    """The ODA fixture project as a git repository with one commit."""
    root = tmp_path / "oda"
    shutil.copytree(FIXTURES / "oda", root)
    shutil.copytree(REPO / "templates", root / "templates")
    monkeypatch.chdir(root)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "the sources")
    return Project(root)


def build(project: Project, audience: str, language: str, folder: Path) -> Path:
    [built] = pipeline.build(project, ["oda-priorities"], out_dir=folder, audiences=[audience], languages=[language])
    return built.path


def edit_deck(path: Path, change) -> Path:
    """`path` edited in place: `change(slide_id, shape, slide)` for every shape of every slide."""
    prs = Presentation(str(path))
    for slide in prs.slides:
        for shape in list(slide.shapes):
            change(slide._element.cSld.get("name"), shape, slide)
    prs.save(str(path))
    return path


def texts(path: Path) -> list[tuple]:
    """What a person reads on each slide, with the line breaks typesetting chose taken out."""
    def plain(text: str) -> str:
        return "".join(text.split())

    return [(s.name, plain(s.title), [[plain(p.text) for p in b.paragraphs] for b in s.bodies],
             [[plain(c) for c in row] for t in s.tables for row in t], [plain(p.alt) for p in s.pictures],
             plain(s.notes)) for s in read_deck_file(path, ours=True).slides]


def test_a_variant_edited_in_powerpoint_comes_back_into_exactly_its_fields(repo, tmp_path, capsys):
    deck = build(repo, "asean", "ja", tmp_path / "built")
    edited = tmp_path / deck.name
    shutil.copy(deck, edited)

    def change(slide, shape, page):
        if slide == "charter" and shape.name == "Title":
            retype(shape, 0, "開発協力の基本方針")                          # a Japanese title
            page.notes_slide.notes_text_frame.text = "大綱は2015年の大綱を改定したもの。"   # a speaker note
        if slide == "charter" and shape.name == "Body":
            retype(shape, 0, "2023年に改定された大綱が、ODAの基本方針を定める。")
            retype(shape, 3, "新たな時代の人間の安全保障")                  # a bullet's sub-item
        if slide == "overview" and shape.name == "Lead":
            retype(shape, 0, "資源を次の四つの分野に重点的に配分する。")
        if slide == "forward" and shape.name == "Statements":
            retype(shape, 0, "日本はASEANを協力の中核に据えていく。")          # the profile's override
        if slide == "partners" and shape.has_table:
            shape.table.cell(2, 0).text_frame.paragraphs[0].runs[0].text = "南アジア諸国"   # a table cell
        if slide == "map" and shape.name == "Picture":
            shape._element.nvPicPr.cNvPr.set("descr", "日本の開発協力の地域を示す地図")    # an alt text

    edit_deck(edited, change)
    _delete(edited, "approaches")
    _move(edited, "map", "charter")
    code, out, err = absorbed(capsys, repo, edited)
    assert (code, err) == (0, ""), out
    assert out[-1] == "absorbed 12 edits into 3 file(s)"

    again = build(repo, "asean", "ja", tmp_path / "again")
    assert texts(again) == texts(edited)
    order = "[cover, agenda, why, map, charter, instruments, partners, budget, priorities, overview, pillars, forward]"
    assert _changes(repo) == {
        JA: [("    title: 開発協力大綱", "    title: 開発協力の基本方針"),
             ("      - 2023年に改定された大綱が、日本のODAの基本方針を定めている。",
              "      - 2023年に改定された大綱が、ODAの基本方針を定める。"),
             ("          - 新しい時代の人間の安全保障", "          - 新たな時代の人間の安全保障"),
             ("    notes: 大綱は2015年の開発協力大綱を改定したもの。", "    notes: 大綱は2015年の大綱を改定したもの。"),
             ("      - [南アジア, 運輸、電力, 円借款]", "      - [南アジア諸国, 運輸、電力, 円借款]"),
             ("    lead: 資源を次の四分野に重点的に配分する。", "    lead: 資源を次の四つの分野に重点的に配分する。"),
             ("    alt: 日本の開発協力の五つの地域を示す地図。ASEANに印がある", "    alt: 日本の開発協力の地域を示す地図")],
        PROFILE_JA: [("exclude: [emblem]", "exclude: [emblem, approaches]"),
                     ("      - 日本はASEANを協力の中心に据えていく。", "      - 日本はASEANを協力の中核に据えていく。"),
                     ("", f"slides: {order}")],
        PROFILE: [("exclude: [emblem]", "exclude: [emblem, approaches]"), ("", f"slides: {order}")],
    }
    assert (repo.root / JA).read_text(encoding="utf-8").startswith("# 「日本のODAの重点」: deck.yaml の日本語版。\n")
    pipeline.check(repo)        # the profile's editions make the same choice of slides


def _changes(project: Project) -> dict[str, list[tuple[str, str]]]:
    """Each changed file's lines as `git diff` shows them: (removed, added) in pairs, "" for none."""
    found: dict[str, list[tuple[str, str]]] = {}
    for name in git(project.root, "diff", "--name-only").split():
        lines = git(project.root, "diff", "-U0", "--", name).splitlines()
        hunks: list[tuple[list[str], list[str]]] = []
        for line in lines:
            if line.startswith("@@"):
                hunks.append(([], []))
            elif hunks and line[:1] in "-+" and not line.startswith(("---", "+++")):
                hunks[-1][line[0] == "+"].append(line[1:])
        found[name] = [(old, new) for removed, added in hunks
                       for old, new in zip(removed + [""] * (len(added) - len(removed)),
                                           added + [""] * (len(removed) - len(added)))]
    return found


@pytest.fixture
def moved_on(repo, tmp_path) -> tuple[Project, Path]:
    """The English full deck built from the commit; the sources then change the title of 'why'."""
    deck = build(repo, "full", "en", tmp_path / "built")
    edited = tmp_path / deck.name
    shutil.copy(deck, edited)
    source = repo.root / DECK
    source.write_text(source.read_text(encoding="utf-8").replace("title: Why development cooperation\n",
                                                                 "title: Why cooperation matters\n"), encoding="utf-8")
    git(repo.root, "commit", "-qam", "a new title for 'why'")
    return repo, edited


def test_an_edit_and_a_change_of_the_sources_since_the_build_both_survive(moved_on, capsys):
    project, deck = moved_on

    def change(slide, shape, page):
        if slide == "charter" and shape.name == "Title":
            retype(shape, 0, "The Development Cooperation Charter of 2023")

    edit_deck(deck, change)
    code, out, err = absorbed(capsys, project, deck)
    assert (code, err) == (0, ""), out
    assert out[0].startswith(f"the sources changed since {deck} was built from revision ")
    assert out[-1] == "absorbed 1 edit into 1 file(s)"
    text = (project.root / DECK).read_text(encoding="utf-8")
    assert "title: Why cooperation matters\n" in text                       # the sources' change
    assert "title: The Development Cooperation Charter of 2023\n" in text   # the deck's edit


def test_an_edit_and_a_change_of_the_sources_to_the_same_field_are_a_conflict_left_alone(moved_on, capsys):
    project, deck = moved_on

    def change(slide, shape, page):
        if slide == "why" and shape.name == "Title":
            retype(shape, 0, "Why development cooperation counts")

    edit_deck(deck, change)
    before = (project.root / DECK).read_bytes()
    code, out, err = absorbed(capsys, project, deck)
    assert (code, err) == (1, "")
    assert out[1:] == ["not absorbed: slide 'why', title: a conflict: changed in the deck to \"Why development "
                       "cooperation counts\" and in the sources since the build to \"Why cooperation matters\"; the "
                       "sources' is kept, choose in the YAML", f"nothing absorbed from {deck}"]
    assert (project.root / DECK).read_bytes() == before


def test_without_the_revision_it_was_built_from_the_deck_is_refused(moved_on, capsys):
    project, deck = moved_on
    source = project.root / DECK
    source.write_text(source.read_text(encoding="utf-8") + "# not committed\n", encoding="utf-8")
    git(project.root, "commit", "-qam", "a comment")
    git(project.root, "checkout", "-q", "--orphan", "other")       # a history without the build's revision
    git(project.root, "commit", "-qm", "today only")
    code, out, err = absorbed(capsys, project, deck)
    assert code == 1 and err.strip().endswith(f"its sources changed since it was built ({DECK}); build it again and "
                                              "make the edits there, or bring the files back to what the deck was "
                                              "built from")
