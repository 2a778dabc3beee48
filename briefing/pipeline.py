"""The one orchestrator: load and validate everything, render text, draw each distinct chart once,
build every variant in parallel into a staging folder, and only when all of them succeeded move
them into the output folder with their manifest. A failed run leaves the output folder as it was.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import manifest
from briefing.audiences import check_emphasis
from briefing.content import Loaded, Project, load_project
from briefing.errors import BriefingError, ContentError, Location, OutputError, Problem, display_path
from briefing.model import Deck
from briefing.templating import TextRenderer

if TYPE_CHECKING:
    from briefing.deck import Job, Written

CACHE_FOLDER = ".cache/charts"
STAGING_PREFIX = ".staging-"

Progress = Callable[[int, int, str, int], None]
"""Called as each deck is built: (done, total, file name, slides)."""


@dataclass(frozen=True)
class Built:
    """One deck written: which variant, where, how many slides and bytes."""

    deck: Deck
    path: Path
    slides: int
    size: int


def render_all(project: Project, selection: list[str] | None = None, audiences: list[str] | None = None,
               languages: list[str] | None = None) -> tuple[Loaded, list[Deck]]:
    """Return the loaded project and every selected variant with its text rendered.

    Raises ContentError with the problems of every file and every template at once.
    """
    loaded = load_project(project, selection, audiences, languages)
    renderer = TextRenderer(project.templates / "text")
    rendered, problems = [], []
    for deck in loaded.decks:
        try:
            deck = renderer.render_deck(deck)
        except ContentError as e:
            problems += e.problems
            continue
        problems += check_emphasis(deck)
        rendered.append(deck)
    problems += _clashing_names(rendered)
    if problems:
        raise ContentError(problems)
    return loaded, rendered


def _clashing_names(decks: list[Deck]) -> list[Problem]:
    """Two variants that would write the same file: the second would silently replace the first."""
    first: dict[str, Deck] = {}
    problems = []
    for deck in decks:
        name = output_name(deck)
        if name in first:
            message = f"writes {name}, as {display_path(first[name].files[-1])} does; rename one of them"
            problems.append(Problem(Location(display_path(deck.files[-1])), "", message))
        first.setdefault(name, deck)
    return problems


def check(project: Project, selection: list[str] | None = None, audiences: list[str] | None = None,
          languages: list[str] | None = None, fit: bool = True, workers: int | None = None) -> list[Deck]:
    """Validate and render every selected variant, and (unless `fit` is false) lay out every slide
    to find text that does not fit, without drawing charts or writing anything.

    Raises ContentError with every problem of every variant at once.
    """
    loaded, decks = render_all(project, selection, audiences, languages)
    if fit:
        from briefing.deck import Job, fit_job

        jobs = [Job(deck, loaded.themes[deck.header.theme], {}, output_name(deck)) for deck in decks]
        outcomes: list = [None] * len(jobs)
        _parallel(fit_job, jobs, workers, outcomes)
        problems = [p for outcome in outcomes for p in outcome]
        if problems:
            raise ContentError(problems)
    return decks


def output_name(deck: Deck) -> str:
    """Return the file name of a variant: <deck>-<audience>-<language>.pptx."""
    return f"{deck.name}-{deck.audience}-{deck.header.language}.pptx"


def build(project: Project, selection: list[str] | None = None, out_dir: Path | None = None,
          use_cache: bool = True, audiences: list[str] | None = None, languages: list[str] | None = None,
          progress: Progress | None = None, workers: int | None = None) -> list[Built]:
    """Build every selected variant into `out_dir` (default: the project's output/), all or nothing."""
    # Heavy imports wait until a build needs them, so `check`, `list` and --help stay fast.
    from briefing.deck import Job

    loaded, decks = render_all(project, selection, audiences, languages)
    out_dir = out_dir or project.output
    charts = _draw_charts(loaded, decks, project.root / CACHE_FOLDER if use_cache else None)
    jobs = [Job(deck, loaded.themes[deck.header.theme], charts[index], output_name(deck))
            for index, deck in enumerate(decks)]
    with _staging(out_dir) as staging:
        written = _write_all(jobs, staging, progress, workers)
        complete = not (selection or audiences or languages)
        return _publish(jobs, written, staging, out_dir, project, loaded, complete)


def _draw_charts(loaded: Loaded, decks: list[Deck], cache: Path | None) -> list[dict]:
    """Draw each distinct chart once (per data, words drawn, style and size: in practice once per
    chart and language) and return, per deck, its charts keyed by (chart text, size)."""
    from briefing.charts import MissingFontError, chart_key, chart_png
    from briefing.layouts import DrawnChart, chart_requests

    drawn: dict[str, DrawnChart] = {}
    per_deck = []
    for deck in decks:
        theme = loaded.themes[deck.header.theme]
        charts = {}
        for slide in deck.slides:
            for text, size in chart_requests(slide):
                series = loaded.charts[text.name]
                language = deck.header.language
                key = chart_key(series, text, theme.chart, size, language)
                if key not in drawn:
                    try:
                        png = chart_png(series, text, theme.chart, size, cache, language)
                    except MissingFontError as e:
                        field = "east_asian_font" if e.family == theme.chart.east_asian_font else "font"
                        raise ContentError([Problem(theme.locate("chart", field), f"chart.{field}", str(e))]) from e
                    drawn[key] = DrawnChart(png, series.sources)
                charts[(text, size)] = drawn[key]
        per_deck.append(charts)
    return per_deck


@contextmanager
def _staging(out_dir: Path) -> Iterator[Path]:
    """Yield a fresh staging folder inside `out_dir` (so that moving a deck out of it is a rename),
    and remove it afterwards, whatever happened; staging folders left by killed builds go too."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(out_dir)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out_dir))
    except OSError as e:
        raise OutputError(f"{display_path(out_dir)}: cannot write decks there: {e.strerror}") from e
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _remove_abandoned(out_dir: Path) -> None:
    """Remove staging folders whose build process is gone (killed before it could clean up)."""
    for folder in out_dir.glob(f"{STAGING_PREFIX}*"):
        pid = folder.name[len(STAGING_PREFIX):].split("-")[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True     # it exists but belongs to someone else
    return True


def _write_all(jobs: list[Job], staging: Path, progress: Progress | None, workers: int | None) -> list[Written]:
    """Write every job into `staging`, in parallel when there is more than one; raises a
    BriefingError naming every deck that failed once all have finished."""
    from briefing.deck import write_job

    def done(index: int, outcome: Written | BriefingError) -> None:
        if progress and not isinstance(outcome, BriefingError):
            progress(sum(1 for o in outcomes if o is not None), len(jobs), jobs[index].file, outcome.slides)

    outcomes: list = [None] * len(jobs)
    _parallel(functools.partial(write_job, folder=staging), jobs, workers, outcomes, done)
    failures = [(job.file, o) for job, o in zip(jobs, outcomes) if isinstance(o, BriefingError)]
    if failures:
        raise _failed(failures, len(jobs))
    return outcomes


def _parallel(function: Callable, jobs: list, workers: int | None, outcomes: list,
              done: Callable[[int, object], None] | None = None) -> None:
    """Run `function` on every job, in worker processes when there are several jobs and cores,
    filling `outcomes` in job order with each result, or the BriefingError it raised."""
    workers = min(len(jobs), workers or os.cpu_count() or 1)

    def finish(index: int, outcome: Callable[[], object]) -> None:
        try:
            outcomes[index] = outcome()
        except BriefingError as e:
            outcomes[index] = e
        if done:
            done(index, outcomes[index])

    if workers <= 1:
        for index, job in enumerate(jobs):
            finish(index, functools.partial(function, job))
        return
    with ProcessPoolExecutor(workers, mp_context=_process_context()) as pool:
        futures = {pool.submit(function, job): index for index, job in enumerate(jobs)}
        for future in as_completed(futures):
            finish(futures[future], future.result)


def _process_context():
    """Fork where it is safe (Linux): workers start at once with everything already imported."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _failed(failures: list[tuple[str, BriefingError]], total: int) -> BriefingError:
    """One error for every deck that failed: their located problems, then any other failure."""
    problems = [p for _, e in failures if isinstance(e, ContentError) for p in e.problems]
    others = [f"{name}: {e}" for name, e in failures if not isinstance(e, ContentError)]
    names = ", ".join(sorted(name for name, _ in failures))
    summary = f"{len(failures)} of {total} decks failed ({names}); no deck in the output folder was changed"
    if not others:
        return ContentError(problems + [Problem(Location(Path("build")), "", summary)])
    lines = ([str(ContentError(problems))] if problems else []) + others + [summary]
    return OutputError("\n".join(lines))


def _publish(jobs: list[Job], written: list[Written], staging: Path, out_dir: Path, project: Project,
             loaded: Loaded, complete: bool) -> list[Built]:
    """Move every staged deck into `out_dir`, then write the manifest that lists them. After a
    complete build, decks the last manifest listed that no source makes any more are removed."""
    from briefing.deck import save_atomically

    entries = [manifest.entry(w.file, job.deck, w.slides, w.size, w.sha256, _sources(job.deck, project, loaded),
                              project.root) for job, w in zip(jobs, written)]
    built = []
    for job, w in zip(jobs, written):
        target = out_dir / w.file
        try:
            os.replace(staging / w.file, target)
        except OSError as e:
            raise OutputError(f"{display_path(target)}: cannot replace the deck: {e.strerror}") from e
        built.append(Built(job.deck, target, w.slides, w.size))
    old = manifest.stale(out_dir, entries) if complete else []
    save_atomically(manifest.merged(out_dir, entries, complete), out_dir / manifest.FILE)
    for path in old:
        path.unlink(missing_ok=True)
    return built


def _sources(deck: Deck, project: Project, loaded: Loaded) -> list[Path]:
    """Every file a deck was made from: deck, profile, theme, chart definitions and data, text macros."""
    from briefing.model import ChartCasesSlide

    theme = loaded.themes[deck.header.theme]
    charts = [f for s in deck.slides if isinstance(s, ChartCasesSlide) for f in loaded.charts[s.chart.name].files]
    macros = sorted((project.templates / "text").glob("*.j2"))
    return [*deck.files, theme.file, *charts, *macros]
