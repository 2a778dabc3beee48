"""The shipped deck built and rendered once a run, for the tests that only read it: building its
eight variants and rendering them with LibreOffice is the suite's costliest step. The first of
the suite's worker processes to ask does it; the others wait for it and read what it made."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.load.project import Project
from tests.conftest import REPO

DECK = "japan-cyber-diplomacy"


@contextlib.contextmanager
def _once(tmp_path_factory, name: str):
    """A folder shared by the suite's worker processes, made by the first that asks: yields it,
    and whether this process must fill it (the others wait on the lock, then find it done)."""
    base = tmp_path_factory.getbasetemp()
    # Under xdist each worker's folder sits in the run's own; without it, the run's folder is the base.
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / name
    shared.mkdir(exist_ok=True)
    with open(shared / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared / ".done"
        yield shared, not done.exists()
        done.touch()


@pytest.fixture(scope="session")
def shipped(tmp_path_factory) -> tuple[Project, Path]:
    """A copy of the repository's content, charts and templates, and its every variant built."""
    with _once(tmp_path_factory, "shipped") as (folder, first):
        root, out = folder / "real", folder / "real" / "out"
        if first:
            for name in ("content", "charts", "templates"):
                shutil.copytree(REPO / name, root / name)
            assert main(["build", DECK, "--project", str(root), "--output", str(out)]) == 0
    return Project(root), out


@pytest.fixture(scope="session")
def shipped_pdfs(shipped, tmp_path_factory) -> dict[str, Path]:
    """Every variant of the shipped deck as LibreOffice renders it, by deck file name."""
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.skip("LibreOffice (soffice) and poppler's pdftotext are not installed")
    _, out = shipped
    decks = sorted(out.glob("*.pptx"))
    with _once(tmp_path_factory, "shipped-pdf") as (folder, first):
        if first:
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                            *map(str, decks)], check=True, capture_output=True, timeout=300,
                           env={"HOME": str(folder / "home"), "PATH": "/usr/bin:/bin:/usr/local/bin"})
    return {deck.name: folder / deck.with_suffix(".pdf").name for deck in decks}
