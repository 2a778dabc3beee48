"""Rendering every deck's text under hard limits, in a child process of its own.

Templates come from other people's hands, and some work (a huge number, a long string) is done in
C where no Python-level watch can stop it. So where the system can fork, rendering runs in a child
(`briefing.runtime.processes`) with a hard memory limit and a time limit; a child stopped by either
is reported at the field it was rendering. Elsewhere it runs in the build's own process.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined

from briefing.errors import ContentError, Location, Problem, display_path, field_name
from briefing.model.deck import Deck
from briefing.render.sandbox import BoundedEnvironment
from briefing.render.templating import TextRenderer


LIMIT_SECONDS = 10.0
"""How long rendering every deck's text may take, all fields together."""

LIMIT_BYTES = 600 << 20
"""How much more memory rendering may take than the process had: text never needs this much."""


def render_decks(text_dir: Path, project: Path | None, decks: list[Deck],
                 meanwhile: Any = None) -> tuple[list[Deck | None], list[Problem]]:
    """Render every deck's text: each deck rendered (None where it failed) and every problem.

    Templates come from other people's hands, and some work (a huge number, a long string) is done
    in C where no Python-level watch can stop it. So where the system can fork, rendering runs in
    a child process with a hard memory limit (LIMIT_BYTES more than this process) and a time limit; a
    child stopped by either is reported at the field it was rendering.
    """
    import sys

    if not sys.platform.startswith("linux"):
        return _render(text_dir, project, decks, None)
    child = _STANDBY.pop() if _STANDBY and _STANDBY[-1].process.is_alive() else _Child()
    child.send(text_dir, project, decks)
    _meanwhile(decks)
    if meanwhile:
        meanwhile()
    result, last = _wait(child.process, child.progress, child.result)
    if result is None:
        return [None] * len(decks), [_stopped(text_dir, decks, last)]
    parts, problems = result
    return [deck.copy(update={"header": part[0], "slides": part[1]}) if part is not None else None
            for deck, part in zip(decks, parts)], problems


class _Child:
    """A rendering child, forked now and waiting for its one job (the decks to render)."""

    def __init__(self):
        from briefing.runtime.processes import fork, pipe

        _warm_compiler()
        self.progress, progress_out = pipe(duplex=False)
        self.result, result_out = pipe(duplex=False)
        job_in, self.job = pipe(duplex=False)
        self.process = fork(_child, job_in, progress_out, result_out)
        for end in (progress_out, result_out, job_in):
            end.close()

    def send(self, text_dir: Path, project: Path | None, decks: list[Deck]) -> None:
        self.job.send((text_dir, project, decks))
        self.job.close()


_STANDBY: list[_Child] = []


def stand_by() -> None:
    """Fork the next rendering child now, while nothing waits for it (`watch`, between saves): the
    next render starts at once. One at a time; it ends with this process."""
    import sys

    if sys.platform.startswith("linux") and not _STANDBY:
        _STANDBY.append(_Child())


def _warm_compiler() -> None:
    """Load Jinja2's compiler (and what the child's limits use) here, once: a child forked from a
    process that has them starts rendering at once, instead of importing them anew on every build
    (which is most of a rebuild's rendering time under `watch`). Our own template, nothing of the
    user's: their templates are compiled only in the child."""
    import ctypes  # noqa: F401 (imported for the child, before the fork)
    import resource  # noqa: F401

    if not _WARM:
        BoundedEnvironment(undefined=StrictUndefined).from_string("{% if a %}{{ a | upper }}{% endif %}{{ b }}")
        _WARM.append(True)


_WARM: list[bool] = []


def _meanwhile(decks: list[Deck]) -> None:
    """While the child renders, load what fitting will need: font metrics, the phrase segmenter."""
    from briefing.text.measure import metrics
    from briefing.text.script import japanese_parser

    metrics()
    if any(deck.header.language == "ja" for deck in decks):
        japanese_parser()


def _render(text_dir: Path, project: Path | None, decks: list[Deck], progress) -> tuple[list, list[Problem]]:
    try:
        renderer = TextRenderer(text_dir, project)
    except ContentError as e:
        return [None] * len(decks), list(e.problems)
    rendered, problems = [], []
    for index, deck in enumerate(decks):
        renderer.progress = (lambda path, i=index: progress((i, path))) if progress else None
        try:
            rendered.append(renderer.render_deck(deck))
        except ContentError as e:
            rendered.append(None)
            problems += e.problems
    return rendered, problems


def _child(job_in, progress_out, result_out) -> None:
    from briefing.runtime.processes import limit, start_worker

    start_worker()
    try:
        text_dir, project, decks = job_in.recv()
    except EOFError:        # the build that forked it ended before it needed it
        return
    limit(LIMIT_BYTES, int(LIMIT_SECONDS) * 2)
    try:
        rendered, problems = _render(text_dir, project, decks, progress_out.send)
    except Exception as e:      # a fault of ours, not the template's: said as such, not as a traceback
        where = Problem(Location(display_path(text_dir)), "", f"rendering failed: {type(e).__name__}: {e}")
        rendered, problems = [None] * len(decks), [where]
    # Only what rendering made goes back: the parent has the rest of each deck already.
    result_out.send(([(d.header, d.slides) if d is not None else None for d in rendered], problems))


def _wait(child, progress_in, result_in) -> tuple[Any, Any]:
    """Wait for the child's result, following its progress; None when it died or ran out of time."""
    import time

    deadline, last, result = time.monotonic() + LIMIT_SECONDS, None, None
    while result is None:
        while progress_in.poll():
            try:
                last = progress_in.recv()
            except EOFError:
                break
        if result_in.poll(0.02):
            try:
                result = result_in.recv()
            except EOFError:
                break
        elif not child.is_alive() or time.monotonic() > deadline:
            break
    child.kill() if child.is_alive() else None
    child.join()
    return result, last


def _stopped(text_dir: Path, decks: list[Deck], last: Any) -> Problem:
    message = (f"template stopped: it took more than {LIMIT_SECONDS:g} s or more than {LIMIT_BYTES >> 20} MB of "
               "memory, far more than any slide needs")
    if last is None:
        return Problem(Location(display_path(text_dir)), "", message)
    index, path = last
    return Problem(decks[index].source.locate(path), field_name(path), message)
