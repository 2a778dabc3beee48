"""briefing.commands.watch: one process that rebuilds, on every save, the variants the saved file feeds;
a broken save keeps the last good decks and says where the problem is."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from briefing.commands.watch import run
from tests.conftest import write
from tests.conftest import DECK, edit


class Watching:
    """`watch` running in a thread on a project, with what it says collected."""

    def __init__(self, project, **selection):
        self.project, self.lines, self.stop = project, [], threading.Event()
        self.out = project.root / "out"
        selection = {"selection": None, "audiences": None, "languages": None, **selection}
        self.thread = threading.Thread(target=run, args=(project, selection, self.out),
                                       kwargs={"say": self.lines.append, "stop": self.stop}, daemon=True)

    def __enter__(self):
        self.thread.start()
        self.wait_for("watching ")
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(timeout=10)
        assert not self.thread.is_alive()

    def wait_for(self, start: str, after: int = 0, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines[after:]:
                if line.startswith(start):
                    return line
            time.sleep(0.02)
        raise AssertionError(f"no line starting {start!r} in {self.lines}")


def test_a_save_rebuilds_the_variants_the_file_feeds(project):
    write(project.root / "content/sampler/audiences/partner.yaml", "name: Partner\n")
    with Watching(project) as watching:
        assert watching.lines[0].startswith("rebuilt sampler-full-en.pptx, sampler-partner-en.pptx in ")
        said = len(watching.lines)
        write(project.root / "content/sampler/audiences/partner.yaml", "name: Partner capital\n")
        line = watching.wait_for("rebuilt ", said)
        assert line.startswith("rebuilt sampler-partner-en.pptx in ")        # only the variant it feeds
        said = len(watching.lines)
        edit(project, DECK, "title: Compare", "title: Compared")
        line = watching.wait_for("rebuilt ", said)
        assert line.startswith("rebuilt sampler-full-en.pptx, sampler-partner-en.pptx in ")
    from pptx import Presentation

    titles = [s.shapes.title.text_frame.text for s in Presentation(str(watching.out / "sampler-full-en.pptx")).slides]
    assert "Compared" in titles


def test_a_broken_save_keeps_the_last_good_decks_and_says_where(project):
    with Watching(project) as watching:
        deck = watching.out / "sampler-full-en.pptx"
        before = deck.read_bytes()
        said = len(watching.lines)
        edit(project, DECK, "title: Compare", "title: '{{ nope }}'")
        problem = watching.wait_for("content/sampler/deck.yaml:27:5:", said)
        assert problem.startswith("content/sampler/deck.yaml:27:5: slides[3].title: undefined variable: 'nope'")
        assert problem.endswith("the last good decks are kept; fix the problem and save again")
        assert deck.read_bytes() == before
        said = len(watching.lines)
        edit(project, DECK, "title: '{{ nope }}'", "title: Compared")
        watching.wait_for("rebuilt sampler-full-en.pptx in ", said)
        assert deck.read_bytes() != before
        assert not list(watching.out.glob(".staging-*"))


def test_a_deleted_profile_takes_its_deck_away(project):
    profile = write(project.root / "content/sampler/audiences/partner.yaml", "name: Partner\n")
    with Watching(project) as watching:
        assert (watching.out / "sampler-partner-en.pptx").is_file()
        said = len(watching.lines)
        profile.unlink()
        watching.wait_for("rebuilt sampler-full-en.pptx in ", said)
        assert not (watching.out / "sampler-partner-en.pptx").exists()
        assert (watching.out / "sampler-full-en.pptx").is_file()


def test_a_new_profile_is_built_when_it_appears(project):
    with Watching(project) as watching:
        said = len(watching.lines)
        write(project.root / "content/sampler/audiences/region.yaml", "name: Region\n")
        line = watching.wait_for("rebuilt ", said)
        assert "sampler-region-en.pptx" in line


def test_the_command_line_starts_and_stops_it(project, tmp_path):
    import os
    import signal
    import subprocess
    import sys

    from tests.conftest import REPO

    watch = subprocess.Popen([sys.executable, "-m", "briefing", "watch", "--output", str(tmp_path / "out")],
                             cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             env={**os.environ, "PYTHONPATH": str(REPO)})
    deadline = time.monotonic() + 30
    while not (tmp_path / "out" / "sampler-full-en.pptx").is_file() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    watch.send_signal(signal.SIGINT)
    out, _ = watch.communicate(timeout=20)
    assert watch.returncode == 0, out
    assert out.splitlines()[0].startswith("rebuilt sampler-full-en.pptx in ")
    assert out.rstrip().endswith("stopped watching")
    assert not list((tmp_path / "out").glob(".staging-*"))


def test_a_picture_in_an_images_folder_made_after_the_start_is_watched(project):
    import base64

    assert not (project.root / "images").exists()
    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
    with Watching(project) as watching:
        said = len(watching.lines)
        (project.root / "images").mkdir()
        (project.root / "images/dot.png").write_bytes(png)
        text = (project.root / DECK).read_text(encoding="utf-8")
        (project.root / DECK).write_text(text.replace("  - id: forward\n", "  - id: dot\n    layout: image\n"
                                                      "    title: A dot\n    image: dot.png\n    alt: A dot\n"
                                                      "  - id: forward\n"), encoding="utf-8")
        watching.wait_for("rebuilt ", said)
        said = len(watching.lines)
        time.sleep(0.3)
        (project.root / "images/dot.png").write_bytes(png)      # the picture saved again
        line = watching.wait_for("rebuilt ", said)
        assert line.startswith("rebuilt sampler-full-en.pptx in ")
