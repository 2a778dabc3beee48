"""`new` (briefing.commands.new): a project that checks and builds at once, a deck added to a
project, and no file ever overwritten."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli, write

STARTER = REPO / "briefing" / "starter"

PROJECT_FILES = [
    "trial/build.py",
    "trial/.github/workflows/decks.yml",
    "trial/.gitignore",
    "trial/requirements.txt",
    "trial/charts/data/participants.yaml",
    "trial/charts/participants.yaml",
    "trial/images/example.png",
    "trial/templates/text/fmt.j2",
    "trial/templates/themes/default.yaml",
    "trial/content/trial/audiences/partner.ja.yaml",
    "trial/content/trial/audiences/partner.yaml",
    "trial/content/trial/deck.ja.yaml",
    "trial/content/trial/deck.yaml",
    "trial/content/trial/translated.ja.yaml",
]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def made(capsys) -> None:
    code, out, err = run_cli(capsys, "new", "trial")
    assert (code, err) == (0, "")


def test_new_makes_a_project_that_checks_and_builds_at_once(here, capsys):
    code, out, err = run_cli(capsys, "new", "trial")
    assert (code, err) == (0, "")
    assert out == "\n".join([
        "made a project in trial/ with the deck 'trial' in English and Japanese:",
        *(f"  {path}" for path in PROJECT_FILES),
        "next: cd trial && python build.py (builds output/trial-full-en.pptx and its variants); "
        "`python build.py check` after each edit",
    ]) + "\n"
    assert sorted(p.relative_to(here).as_posix() for p in (here / "trial").rglob("*") if p.is_file()) == \
        sorted(PROJECT_FILES)
    assert run_cli(capsys, "check", "--project", "trial") == (0, "ok: 4 decks, 34 slides, no problems\n", "")
    code, out, err = run_cli(capsys, "--project", "trial")
    assert (code, err) == (0, "")
    assert out.startswith("wrote 4 decks (")
    assert sorted(p.name for p in (here / "trial/output").glob("*.pptx")) == [
        "trial-full-en.pptx", "trial-full-ja.pptx", "trial-partner-en.pptx", "trial-partner-ja.pptx"]


def test_the_projects_own_build_py_runs_the_engine(here, capsys):
    made(capsys)
    result = subprocess.run([sys.executable, "build.py", "check", "--lang", "ja"], cwd=here / "trial",
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout, result.stderr) == (0, "ok: 2 decks, 17 slides, no problems\n", "")


def test_the_requirements_name_this_engine_and_the_gitignore_the_built_files(here, capsys):
    from briefing import __version__

    made(capsys)
    assert (here / "trial/requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == f"briefing=={__version__}"
    assert (here / "trial/.gitignore").read_text(encoding="utf-8").splitlines()[-2:] == ["output/", ".cache/"]


def test_a_project_folder_name_that_cannot_name_a_deck_is_made_into_one(here, capsys):
    code, out, err = run_cli(capsys, "new", "My Briefings")
    assert (code, err) == (0, "")
    assert out.startswith("made a project in My Briefings/ with the deck 'my-briefings' in English and Japanese:\n")
    assert (here / "My Briefings/content/my-briefings/deck.ja.yaml").is_file()


def test_new_deck_adds_a_deck_and_keeps_what_the_project_has(here, capsys, monkeypatch):
    made(capsys)
    chart = here / "trial/charts/participants.yaml"
    chart.write_text(chart.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")
    monkeypatch.chdir(here / "trial")
    code, out, err = run_cli(capsys, "new", "deck", "second")
    assert (code, err) == (0, "")
    assert out == (
        "added the deck 'second' in English and Japanese:\n"
        "  content/second/audiences/partner.ja.yaml\n"
        "  content/second/audiences/partner.yaml\n"
        "  content/second/deck.ja.yaml\n"
        "  content/second/deck.yaml\n"
        "  content/second/translated.ja.yaml\n"
        "already there, kept as they are: charts/data/participants.yaml, charts/participants.yaml, "
        "images/example.png, templates/text/fmt.j2, templates/themes/default.yaml\n"
        "next: python build.py check, then python build.py second\n")
    assert chart.read_text(encoding="utf-8").endswith("# edited by hand\n")
    assert run_cli(capsys, "check") == (0, "ok: 8 decks, 68 slides, no problems\n", "")


def test_new_deck_brings_the_theme_chart_and_picture_a_project_lacks(here, capsys):
    (here / "bare/content").mkdir(parents=True)
    code, out, err = run_cli(capsys, "new", "deck", "first", "--project", "bare")
    assert (code, err) == (0, "")
    assert out.splitlines()[5:] == [
        "  bare/content/first/translated.ja.yaml",
        "  bare/charts/data/participants.yaml",
        "  bare/charts/participants.yaml",
        "  bare/images/example.png",
        "  bare/templates/text/fmt.j2",
        "  bare/templates/themes/default.yaml",
        "next: python build.py check, then python build.py first",
    ]
    assert run_cli(capsys, "check", "--project", "bare")[0] == 0


def test_new_project_keeps_every_file_already_in_the_folder(here, capsys):
    write(here / "trial/README.md", "Our decks.\n")
    write(here / "trial/.gitignore", "secret/\n")
    code, out, err = run_cli(capsys, "new", "trial")
    assert (code, err) == (0, "")
    assert "  trial/.gitignore\n" not in out
    assert "\nalready there, kept as they are: trial/.gitignore\n" in out
    assert (here / "trial/.gitignore").read_text(encoding="utf-8") == "secret/\n"
    assert (here / "trial/README.md").read_text(encoding="utf-8") == "Our decks.\n"


@pytest.mark.parametrize("argv, message", [
    (["new", "deck"], "name the deck, and only it: new deck NAME (a project folder called deck: new ./deck)"),
    (["new", "deck", "a", "b"], "name the deck, and only it: new deck NAME (a project folder called deck: new ./deck)"),
    (["new", "deck", "Foo Bar"], "'Foo Bar' cannot name a deck: use lower-case letters, digits and hyphens, "
                                 "as in 'foo-bar'"),
    (["new", "deck", "__"], "'__' cannot name a deck: use lower-case letters, digits and hyphens"),
    (["new", "one", "two"], "name one folder for the new project: new PROJECT (or new deck NAME)"),
    (["new", "trial", "--project", "x"], "new PROJECT makes the project in PROJECT; leave out --project"),
])
def test_usage_mistakes_are_told_with_exit_code_2(here, capsys, argv, message):
    code, out, err = run_cli(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.endswith(f"briefing: error: {message}\n")
    assert list(here.iterdir()) == []


def test_what_new_refuses_to_write_over(here, capsys):
    write(here / "notes.txt", "a file\n")
    assert run_cli(capsys, "new", "notes.txt") == (1, "", "notes.txt is a file; name a new folder for the project\n")
    made(capsys)
    assert run_cli(capsys, "new", "trial") == (
        1, "", "trial already holds decks (trial/content/trial); add one with: "
               "python build.py new deck NAME --project trial\n")
    assert run_cli(capsys, "new", "deck", "trial", "--project", "trial") == (
        1, "", "trial/content/trial already exists; choose another name for the deck\n")
    assert run_cli(capsys, "new", "deck", "other", "--project", "nowhere") == (
        1, "", "nowhere is no project (it has no content/ folder); make one with: python build.py new PROJECT\n")
    assert not (here / "nowhere").exists()


def test_the_starter_theme_and_macros_are_the_projects_own():
    """A new project looks like this one: the starter's theme and text macros are copies, kept equal."""
    for relative in ("templates/themes/default.yaml", "templates/text/fmt.j2"):
        assert (STARTER / "shared" / relative).read_bytes() == (REPO / relative).read_bytes(), relative


def test_the_starter_workflow_matches_githubs_schema_and_runs_check_and_build():
    import yaml

    from tests.ci.test_workflow import schema_check

    path = STARTER / "project/dot-github/workflows/decks.yml"
    result = schema_check(path)
    assert result.returncode == 0, result.stdout + result.stderr
    runs = [step.get("run", "") for step in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]]
    assert "python -m pip install -r requirements.txt" in runs and "python build.py check" in runs
    assert any("python build.py --all" in run for run in runs)


def test_every_starter_file_is_package_data():
    """pyproject's package-data takes `starter/**/*`: no hidden file or .py there, which it would miss
    or the layering contract would read as a stage."""
    names = [p.relative_to(STARTER).as_posix() for p in STARTER.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert [n for n in names if n.startswith(".") or "/." in n or n.endswith(".py")] == []
    assert '"starter/**/*"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert os.path.isfile(STARTER / "project/build.py.in")
