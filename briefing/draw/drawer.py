"""Drawing a build's charts beside the rest of it.

Matplotlib takes a third of a second to import and a fifth to draw a chart, so charts are drawn in
a process of their own: when the cache is cold it starts with the build and imports Matplotlib
while decks are loaded, rendered and planned; each distinct chart is then drawn once, its pictures
left in a folder (the chart cache, or a scratch folder with --no-cache) where the deck writers
wait for them. Where processes cannot be forked, charts are drawn in the build's own process.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from briefing.errors import BriefingError, OutputError

WAIT_SECONDS = 300
"""How long a deck writer waits for a chart before giving up on it."""

SEPARATE = sys.platform.startswith("linux")
"""Whether charts are drawn in a process of their own (one is forked), or in the build's."""


class Drawer:
    """Draws requested charts into `folder` as <key>.png and <key>.svg, once each."""

    def __init__(self, folder: Path | None):
        self.scratch = folder is None
        self.folder = Path(tempfile.mkdtemp(prefix="briefing-charts-")) if folder is None else folder
        self.process: Any = None
        self.connection: Any = None
        self.pending: set[str] = set()
        self.drawn_here: dict[str, BaseException | None] = {}
        if self.scratch or not any(self.folder.glob("*.png")):
            self._start()       # a cold cache: Matplotlib is imported while the decks are planned

    def _start(self) -> None:
        if self.process is not None or not SEPARATE:
            return
        from briefing.runtime.processes import fork, pipe

        self.connection, theirs = pipe()
        self.process = fork(_serve, theirs)
        theirs.close()

    def request(self, key: str, arguments: tuple) -> None:
        """Draw the chart of `arguments` (series, words, style, size, language, fonts) as `key`,
        unless its pictures are there already."""
        if key in self.pending or all((self.folder / f"{key}.{kind}").is_file() for kind in ("svg", "png")):
            return
        self._start()
        (self.folder / f"{key}.error").unlink(missing_ok=True)     # from an earlier, failed attempt
        self.pending.add(key)
        if self.process is None:
            try:
                _draw(self.folder, key, arguments)
                self.drawn_here[key] = None
            except Exception as e:      # raised by `finish`, as from the drawing process
                self.drawn_here[key] = e
        else:
            self.connection.send((self.folder, key, arguments))

    @property
    def busy(self) -> bool:
        """Whether charts are being drawn in the drawing process."""
        return self.process is not None and bool(self.pending - set(self.drawn_here))

    def finish(self) -> None:
        """Wait for every chart requested; raises what drawing one raised (a missing font)."""
        failure = next((e for e in self.drawn_here.values() if e is not None), None)
        waiting = self.pending - set(self.drawn_here)
        while waiting:
            try:
                key, error = self.connection.recv()
            except (EOFError, OSError):
                raise OutputError("the process drawing the charts ended before it had drawn them all") from None
            waiting.discard(key)
            failure = failure or error
        if failure is not None:
            raise failure

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join()
            self.connection.close()
            self.process = None
        if self.scratch:
            import shutil

            shutil.rmtree(self.folder, ignore_errors=True)


def _serve(connection) -> None:
    """The drawing process: import Matplotlib, then draw each chart asked for, answering with its
    key and what failed (None when it was drawn)."""
    from briefing.runtime.processes import start_worker

    start_worker()
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.figure  # noqa: F401 (imported for its cost, before it is needed)
    except ImportError as e:        # said for each chart asked for, by the build
        missing: Exception | None = e
    else:
        missing = None
    while True:
        try:
            folder, key, arguments = connection.recv()
        except EOFError:
            return
        try:
            if missing is not None:
                _write(folder / f"{key}.error", str(missing).encode("utf-8"))     # the writers waiting stop
                raise missing
            _draw(folder, key, arguments)
            connection.send((key, None))
        except Exception as e:
            connection.send((key, e))


def _draw(folder: Path, key: str, arguments: tuple) -> None:
    from briefing.draw.charts import draw_chart

    try:
        png, svg = draw_chart(*arguments)
    except BaseException as e:
        _write(folder / f"{key}.error", str(e).encode("utf-8"))
        raise
    _write(folder / f"{key}.svg", svg)
    _write(folder / f"{key}.png", png)      # last: its arrival says both are there


def _write(path: Path, data: bytes) -> None:
    from briefing.runtime.files import write_atomically

    write_atomically(path, data, private=True)


def pictures(folder: Path, key: str) -> tuple[bytes, bytes]:
    """Return the (PNG, SVG) of chart `key`, waiting for them to be drawn."""
    png, svg, error = (folder / f"{key}.{kind}" for kind in ("png", "svg", "error"))
    deadline = time.monotonic() + WAIT_SECONDS
    while not png.is_file():
        if error.is_file():
            raise BriefingError(f"a chart could not be drawn: {error.read_text(encoding='utf-8')}")
        if time.monotonic() > deadline:
            raise OutputError(f"a chart was not drawn within {WAIT_SECONDS} s")
        time.sleep(0.005)
    return png.read_bytes(), svg.read_bytes()
