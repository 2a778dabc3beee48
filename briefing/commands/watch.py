"""`watch`: one process that keeps everything loaded, watches the project's sources, and on each
save rebuilds the variants the changed file feeds, all or nothing as a build does.

Each rebuild prints one line with what it rebuilt and its time, or the located problems (and the
last good decks stay). A file the last build did not read (a new profile, a new deck) or one that
went away (a deleted profile) rebuilds everything selected, so that new variants appear and those
no source makes any more go.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from briefing.errors import BriefingError, display_path, printable

FOLDERS = ("content", "charts", "templates", "images")
STEP_MS = 10
"""How long to wait after a change for others that belong with it (a save touches a file twice)."""


@dataclass
class Watch:
    """What is being watched and built, and which source files fed which variant last time."""

    project: Any
    selection: dict
    out_dir: Path
    preview: bool = False
    say: Callable[[str], None] = print
    fed: dict[tuple[str, str, str], set[Path]] = field(default_factory=dict)

    def build(self, variants: set[tuple[str, str, str]] | None = None) -> bool:
        """Build the variants named (all selected when None); say what happened; True when it
        succeeded."""
        from briefing.commands import pipeline

        from briefing.render.child import stand_by

        started = time.perf_counter()
        selection = self._narrowed(variants)
        try:
            built = pipeline.build(self.project, out_dir=self.out_dir, note=lambda text: self.say(f"note: {text}"),
                                   **selection)
        except BriefingError as e:
            self.say(f"{printable(str(e))}\nthe last good decks are kept; fix the problem and save again")
            return False
        finally:
            stand_by()      # the next rebuild's rendering child, forked while nothing waits
        seconds = time.perf_counter() - started
        for deck in built:
            self.fed[_variant(deck.deck)] = set(map(_resolved, deck.sources))
        names = ", ".join(b.path.name for b in built)
        self.say(f"rebuilt {names} in {seconds:.2f} s")
        if self.preview:
            self._preview(built)
        return True

    def _narrowed(self, variants: set[tuple[str, str, str]] | None) -> dict:
        """The build selection for `variants`: the watch's own when None, else the variants' decks,
        audiences and languages (a few more when they do not form a rectangle)."""
        if variants is None:
            return dict(self.selection)
        decks, audiences, languages = (sorted({v[i] for v in variants}) for i in range(3))
        return dict(selection=decks, audiences=audiences, languages=languages)

    def _preview(self, built: list) -> None:
        from briefing.review.preview import preview_all

        try:
            previews = preview_all([(b.path, b.slides) for b in built], self.out_dir)
        except BriefingError as e:
            self.say(printable(str(e)))
            return
        self.say(f"previewed {sum(1 for p in previews if p.rendered)} in {display_path(self.out_dir)}/previews/")

    def changed(self, paths: set[Path], gone: bool) -> set[tuple[str, str, str]] | None:
        """The variants fed by the files that changed; None (everything) when one is new or gone."""
        if gone:
            return None
        affected = set()
        for path in map(_resolved, paths):
            feeding = {variant for variant, sources in self.fed.items() if path in sources}
            if not feeding:
                return None
            affected |= feeding
        return affected


def _variant(deck: Any) -> tuple[str, str, str]:
    return deck.name, deck.audience, deck.header.language


def _resolved(path: Path) -> Path:
    return Path(os.path.realpath(path))


def run(project: Any, selection: dict, out_dir: Path, preview: bool = False, say: Callable[[str], None] = print,
        stop: Any = None) -> int:
    """Build, then rebuild on every save until Ctrl-C (or `stop` is set); returns the exit code."""
    from watchfiles import Change
    from watchfiles import watch as changes

    watch = Watch(project, selection, out_dir, preview, say)
    watch.build()
    folders = [project.root / name for name in FOLDERS]
    say(f"watching {', '.join(str(display_path(f)) + '/' for f in folders)} (Ctrl-C to stop)")

    def sources(change: Any, path: str) -> bool:
        # The project's folder is watched, so that a source folder made later (images/) is seen too;
        # what the build writes (output/) and everything else beside the sources is passed over.
        where = Path(path)
        return _sources_only(change, path) and any(where == f or f in where.parents for f in folders)

    for batch in changes(project.root, step=STEP_MS, debounce=1000, stop_event=stop, rust_timeout=200,
                         raise_interrupt=False, watch_filter=sources):
        paths = {Path(path) for _, path in batch}
        gone = any(kind == Change.deleted for kind, _ in batch)
        watch.build(watch.changed(paths, gone))
    say("stopped watching")
    return 0


def _sources_only(change: Any, path: str) -> bool:
    """Skip what editors and builds leave beside the sources: caches, temporary and swap files."""
    name = os.path.basename(path)
    return not (name.startswith(".") or name.endswith(("~", ".tmp", ".swp", ".swx")) or "/.cache/" in path
                or sys.platform == "darwin" and name == ".DS_Store")
