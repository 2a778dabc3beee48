"""The shipped deck built and rendered once per test process, for the tests that only read it:
building its eight variants and rendering them with LibreOffice is the suite's costliest step."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.load.project import Project
from tests.conftest import REPO

DECK = "japan-cyber-diplomacy"


@pytest.fixture(scope="session")
def shipped(tmp_path_factory) -> tuple[Project, Path]:
    """A copy of the repository's content, charts and templates, and its every variant built."""
    root = tmp_path_factory.mktemp("shipped") / "real"
    for folder in ("content", "charts", "templates"):
        shutil.copytree(REPO / folder, root / folder)
    out = root / "out"
    assert main(["build", DECK, "--project", str(root), "--output", str(out)]) == 0
    return Project(root), out


@pytest.fixture(scope="session")
def shipped_pdfs(shipped, tmp_path_factory) -> dict[str, Path]:
    """Every variant of the shipped deck as LibreOffice renders it, by deck file name."""
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.skip("LibreOffice (soffice) and poppler's pdftotext are not installed")
    _, out = shipped
    folder = tmp_path_factory.mktemp("shipped-pdf")
    decks = sorted(out.glob("*.pptx"))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *map(str, decks)],
                   check=True, capture_output=True, timeout=300,
                   env={"HOME": str(folder / "home"), "PATH": "/usr/bin:/bin:/usr/local/bin"})
    return {deck.name: folder / deck.with_suffix(".pdf").name for deck in decks}
