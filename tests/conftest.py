"""Shared fixtures: throwaway projects built from the repo's own theme and text macros."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.content import Project

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A copy of the sampler fixture project (every layout once), with the repo's templates.

    The working folder is the project, so messages show paths like content/sampler/deck.yaml.
    """
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", root)
    shutil.copytree(REPO / "templates", root / "templates")
    monkeypatch.chdir(root)
    return Project(root)


@pytest.fixture
def real_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A copy of the repository's own content, charts and templates."""
    root = tmp_path / "real"
    for folder in ("content", "charts", "templates"):
        shutil.copytree(REPO / folder, root / folder)
    monkeypatch.chdir(root)
    return Project(root)


def write(path: Path, text: str) -> Path:
    """Write dedented `text` to `path`, creating folders; returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def run_cli(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process; returns (exit code, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
