"""Shared fixtures: throwaway projects built from the repo's own theme and text macros."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.load.project import Project

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_configure(config):
    """Import Matplotlib once in each test process: a build draws its charts in a process forked
    from this one (see `briefing.draw.drawer`), which then starts with Matplotlib loaded instead of
    importing it anew for every test's build. Builds in fresh processes still import it themselves."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.figure  # noqa: F401


_CHARTS: list[Path] = []
"""This test process's store of drawn charts (see `warm_charts`)."""


def warm_charts(root: Path):
    """Give the fixture project at `root` the charts earlier tests drew, and keep the ones it
    draws: the chart cache is keyed by everything a chart is drawn from, so a picture drawn for one
    test is the picture another would draw. Builds then skip a fifth of a second's drawing each
    (a test that needs drawing changes the chart, or passes --no-cache)."""
    import tempfile

    if not _CHARTS:
        _CHARTS.append(Path(tempfile.mkdtemp(prefix="briefing-test-charts-")))
    store, cache = _CHARTS[0], root / CHART_CACHE
    cache.mkdir(parents=True, exist_ok=True)
    for picture in store.iterdir():
        shutil.copyfile(picture, cache / picture.name)
    yield
    if cache.is_dir() and not cache.is_symlink():
        for picture in cache.iterdir():
            if picture.suffix in (".png", ".svg") and picture.is_file() and not picture.is_symlink() \
                    and picture.with_suffix(".png" if picture.suffix == ".svg" else ".svg").is_file() \
                    and not (store / picture.name).exists():
                shutil.copyfile(picture, store / picture.name)


CHART_CACHE = ".cache/charts"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A copy of the sampler fixture project (every layout once), with the repo's templates.

    The working folder is the project, so messages show paths like content/sampler/deck.yaml.
    """
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", root)
    shutil.copytree(REPO / "templates", root / "templates")
    monkeypatch.chdir(root)
    yield from _with_charts(root)


@pytest.fixture
def oda(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A copy of the second fixture project, "Japan's ODA priorities": every layout, English and
    Japanese, one audience, a chart, a PNG and an SVG picture, with the repo's templates."""
    root = tmp_path / "oda"
    shutil.copytree(FIXTURES / "oda", root)
    shutil.copytree(REPO / "templates", root / "templates")
    monkeypatch.chdir(root)
    yield from _with_charts(root)


@pytest.fixture
def real_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A copy of the repository's own content, charts and templates."""
    root = tmp_path / "real"
    for folder in ("content", "charts", "templates"):
        shutil.copytree(REPO / folder, root / folder)
    monkeypatch.chdir(root)
    yield from _with_charts(root)


def _with_charts(root: Path):
    charts = warm_charts(root)
    next(charts)
    yield Project(root)
    next(charts, None)


DECK = "content/sampler/deck.yaml"
"""The sampler fixture's deck file, as messages name it (the working folder is the project)."""


def edit(project, relative: str, old: str, new: str) -> None:
    """Replace the first `old` in the project's file `relative` with `new` (which must be there)."""
    path = project.root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


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


_AUDITED: dict[str, list[str]] = {}


@pytest.fixture(autouse=True)
def every_built_deck_opens_cleanly(tmp_path: Path):
    """After each test, the decks it built (those a manifest lists) must reopen in python-pptx with
    their slides and pass the openxml-audit validator: shape ids, attribute values, relationships.
    One deck per deck and language of each manifest: its audiences are made by the same code from
    the same layouts, and auditing every one would cost the suite a sixth of its time. The same
    bytes are checked once per run."""
    yield
    import hashlib
    import json

    for manifest in tmp_path.rglob("manifest.json"):
        seen = set()
        for entry in json.loads(manifest.read_text(encoding="utf-8"))["decks"]:
            deck = manifest.parent / entry["file"]
            kind = (entry.get("project_id"), entry.get("deck"), entry.get("language"))
            if kind in seen or not deck.is_file():
                continue
            seen.add(kind)
            digest = hashlib.sha256(deck.read_bytes()).hexdigest()
            if digest not in _AUDITED:
                _AUDITED[digest] = _audit(deck, entry["slides"])
            assert _AUDITED[digest] == [], f"{deck.name}: {_AUDITED[digest]}"


def _audit(deck: Path, slides: int) -> list[str]:
    from openxml_audit import validate_pptx
    from pptx import Presentation

    findings = [str(e) for e in validate_pptx(deck).errors]
    if len(Presentation(str(deck)).slides) != slides:
        findings.append(f"python-pptx reads {len(Presentation(str(deck)).slides)} slides, the manifest says {slides}")
    return findings
