"""The one orchestrator: load and validate everything, render text, plan and fit every slide of
every variant, draw each distinct chart once, write every variant in parallel into a staging
folder, and only when all of them succeeded move them into the output folder with their
manifest. A failed run leaves the output folder as it was.

`check` is a build without the writer: load, render, plan and fit. Whatever a build would
refuse, `check` refuses too.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.publish import manifest
from briefing.load.audiences import check_emphasis
from briefing.load.content import Loaded, load_project
from briefing.load.project import Project
from briefing.errors import BriefingError, ContentError, Location, OutputError, Problem, display_path, field_name
from briefing.model.deck import Deck
from briefing.layout.plan import ChartSlot, DeckPlan, SlidePlan
from briefing.publish.shards import Shard
from briefing.render.agreement import disagreements
from briefing.render.child import render_decks

CACHE_FOLDER = ".cache/charts"

Progress = Callable[[int, int, str, int], None]
"""Called as each deck is built: (done, total, file name, slides)."""


@dataclass(frozen=True)
class Built:
    """One deck written: which variant, where, how many slides and bytes, from which files."""

    deck: Deck
    path: Path
    slides: int
    size: int
    sources: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Job:
    """One deck to write: its complete plan and template (all the writer needs), the rendered deck
    and its slides' plans (for its outline and manifest entry), its charts drawn beside, its file
    name. Everything a worker process needs; nothing is shared."""

    deck: Deck
    plan: DeckPlan
    template: Any
    plans: list[SlidePlan]
    charts: dict
    """The keys of its charts' pictures, by (chart words, size)."""
    file: str
    chart_folder: Path = Path(".")
    """Where the pictures are drawn."""


@dataclass(frozen=True)
class Written:
    """A deck written to the staging folder and read back."""

    file: str
    slides: int
    size: int
    sha256: str


@dataclass(frozen=True)
class Planned:
    """A variant ready to write: the rendered deck, the fitted plans of its slides, and the whole
    deck's plan (what the writer takes, with the template)."""

    deck: Deck
    plans: list[SlidePlan]
    plan: DeckPlan
def render_all(project: Project, selection: list[str] | None = None, audiences: list[str] | None = None,
               languages: list[str] | None = None, meanwhile: Callable[[], None] | None = None,
               shard: Shard | None = None) -> tuple[Loaded, list[Deck]]:
    """Return the loaded project and every selected variant (of `shard`, if given) with its text
    rendered.

    Raises ContentError with the problems of every file and every template at once.
    """
    loaded = load_project(project, selection, audiences, languages)
    if shard:
        loaded.decks = [deck for deck in loaded.decks if shard.holds(output_name(deck))]
    results, problems = render_decks(project.templates / "text", project.root, loaded.decks, meanwhile)
    rendered = [deck for deck in results if deck is not None]
    for deck in rendered:
        problems += check_emphasis(deck)
    problems += _clashing_names(rendered)
    problems += disagreements(rendered)
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
          languages: list[str] | None = None, fit: bool = True,
          note: Callable[[str], None] | None = None, warn: Callable[[str], None] | None = None,
          strict: bool = False) -> list[Deck]:
    """Validate and render every selected variant and (unless `fit` is false) plan and fit every
    slide, without drawing charts or writing anything. `note` hears what was dropped from a
    template (see `dropped`); `warn` each translation whose original changed since it was
    marked, which `strict` makes an error.

    Raises ContentError with every problem of every variant at once.
    """
    loaded, decks = render_all(project, selection, audiences, languages)
    if note:
        for text in dropped(loaded, reasons=True):
            note(text)
    stale = stale_translations(loaded.decks)
    if stale and strict:
        raise ContentError(stale)
    for problem in stale if warn else ():
        warn(str(problem))
    if fit:
        plan_all(loaded, decks)
    return decks


def stale_translations(decks: list[Deck]) -> list[Problem]:
    """Each field of a loaded edition whose original changed since `translate mark`."""
    from briefing.load.languages import file_language
    from briefing.load.translations import stale

    editions = dict.fromkeys((d.file.parent, file_language(d.file)) for d in decks if file_language(d.file))
    return [problem for folder, language in editions for problem in stale(folder, language)]


def _stale_summary(decks: list[Deck]) -> list[str]:
    count = len(stale_translations(decks))
    if not count:
        return []
    fields = "1 translated field is" if count == 1 else f"{count} translated fields are"
    return [f"{fields} older than the text it translates; `python build.py check` lists them"]


def dropped(loaded: Loaded, reasons: bool = False) -> list[str]:
    """What sanitising dropped from each theme's template (a macro project, a link outside, ...),
    and the template's warnings (a kind of slide on a layout not made for it), a line each,
    located at the theme line that would change it; with `reasons` (`check`), also which layout
    each kind of slide uses and why, and the faces that stood in."""
    lines = []
    for theme in loaded.themes.values():
        for text in getattr(theme.template, "dropped", ()):
            lines.append(str(Problem(theme.locate("master"), "master", f"{theme.master}: {text}")))
        for where, text, warning in getattr(theme.template, "notes", ()):
            if not (warning or reasons):
                continue
            said = f"warning: {text}" if warning else text
            lines.append(str(Problem(theme.locate(*where), field_name(where), said)))
    return lines


def plan_all(loaded: Loaded, decks: list[Deck]) -> list[Planned]:
    """Plan and fit every slide of every deck; raises ContentError with every problem found."""
    from briefing.fit.accessibility import contrast_problems, lint
    from briefing.layout.complete import deck_plan
    from briefing.model.dates import check_source_date

    slides, problems = [], []
    for deck in decks:
        plans, found = plan_deck(deck, loaded)
        slides.append(plans)
        problems += found + lint(plans, deck, loaded.themes[deck.header.theme])
    problems += contrast_problems([(plans, loaded.themes[d.header.theme]) for d, plans in zip(decks, slides)])
    problems += check_source_date()
    if problems:
        raise ContentError(problems)
    return [Planned(deck, plans, deck_plan(plans, deck.header, loaded.themes[deck.header.theme]))
            for deck, plans in zip(decks, slides)]


def plan_deck(deck: Deck, loaded: Loaded) -> tuple[list[SlidePlan], list[Problem]]:
    """Return the fitted plan of every slide of `deck`, and the problems planning and fitting found."""
    from briefing.fit.fitting import fit_slide
    from briefing.layout.registry import LAYOUTS, Page, plan_slide

    theme = loaded.themes[deck.header.theme]
    sections = [s.title for s in deck.slides if LAYOUTS[s.kind].listed]
    plans, problems = [], []
    for number, slide in enumerate(deck.slides, start=1):
        page = Page(slide, deck.header, theme, number, deck.emphasis.get(slide.id, ()), loaded.charts,
                    loaded.images, sections, deck.source)
        plan = plan_slide(LAYOUTS[slide.kind], page)
        fitted, found = fit_slide(plan, theme, deck.source)
        plans.append(fitted)
        problems += page.problems + found
    return plans, problems


def output_name(deck: Deck) -> str:
    """Return the file name of a variant: <deck>-<audience>-<language>.pptx."""
    return f"{deck.name}-{deck.audience}-{deck.header.language}.pptx"


def build(project: Project, selection: list[str] | None = None, out_dir: Path | None = None,
          use_cache: bool = True, audiences: list[str] | None = None, languages: list[str] | None = None,
          progress: Progress | None = None, workers: int | None = None,
          note: Callable[[str], None] | None = None, shard: Shard | None = None) -> list[Built]:
    """Build every selected variant (of `shard`, if given), with its outline, into `out_dir`
    (default: the project's output/), all or nothing. `note` hears what the build noticed and left
    alone.

    Charts are drawn beside everything else (see `briefing.draw.drawer`): the deck writers wait for
    them only when they come to them.
    """
    from briefing.draw.drawer import Drawer
    from briefing.publish.output import staging

    drawer = Drawer(project.root / CACHE_FOLDER if use_cache else None)
    try:
        loaded, decks = render_all(project, selection, audiences, languages, meanwhile=_ready_to_write, shard=shard)
        for text in dropped(loaded) + _stale_summary(loaded.decks):
            (note or (lambda text: None))(text)
        planned = plan_all(loaded, decks)
        out_dir = out_dir or project.output
        jobs = [_job(p, loaded.themes[p.deck.header.theme], _request_charts(drawer, loaded, p), drawer.folder,
                     stamp_of(p.deck, project, loaded)) for p in planned]
        with staging(out_dir) as folder:
            try:
                written = _write_all(jobs, folder, progress, _writers(workers, drawer))
            except BriefingError:
                _charts_drawn(drawer, loaded)   # a chart that failed is reported as itself, not per deck
                raise
            _charts_drawn(drawer, loaded)
            complete = not (selection or audiences or languages or shard)
            return _publish(jobs, written, folder, out_dir, project, loaded, complete, note or (lambda text: None),
                            shard)
    finally:
        drawer.close()


def _job(planned: Planned, theme: Any, charts: dict, folder: Path, stamp: tuple = ()) -> Job:
    """What one deck's writer needs: the deck's plan (stamped with what it is built from), and the
    theme's template."""
    from dataclasses import replace

    plan = replace(planned.plan, properties=replace(planned.plan.properties, stamp=stamp)) if stamp else planned.plan
    return Job(planned.deck, plan, template_of(theme), planned.plans, charts, output_name(planned.deck), folder)


STAMP = "briefing."
"""What the custom properties a build stamps each deck with are named after."""


def stamp_of(deck: Deck, project: Project, loaded: Loaded) -> tuple[tuple[str, str], ...]:
    """What a deck is built from, for its custom properties: its variant, and the SHA-256 of each
    source file by its path in the project (so a copy that comes back by e-mail can be traced)."""
    import json

    sources = {manifest.relative(path, project.root): manifest.sha256(path.read_bytes())
               for path in dict.fromkeys(_sources(deck, project, loaded))}
    return ((f"{STAMP}variant", output_name(deck)[: -len(".pptx")]), (f"{STAMP}deck", deck.name),
            (f"{STAMP}audience", deck.audience), (f"{STAMP}language", deck.header.language),
            (f"{STAMP}sources", json.dumps(sources, sort_keys=True, ensure_ascii=False)))


def template_of(theme: Any) -> Any:
    """The template a theme's decks are written on: its organisation's, or the default master."""
    from briefing.read.template import default_template

    return theme.template or default_template()


def _writers(workers: int | None, drawer) -> int:
    """How many decks to write at once: one a core, but a core left to the chart drawer while it
    draws (the writers only need its pictures at the end: they must not slow it down)."""
    cores = workers or os.cpu_count() or 1
    return max(1, cores - 1) if drawer.busy and not workers else cores


def _ready_to_write() -> None:
    """While the decks' text renders: load what writing needs, so the writers forked later have it."""
    import briefing.write.deck  # noqa: F401 (imported for its cost, before it is needed)


def _request_charts(drawer, loaded: Loaded, variant: Planned) -> dict:
    """Ask for each chart picture the variant shows; return its charts' keys by (words, size). A
    chart written as an editable PowerPoint chart is not drawn."""
    from briefing.draw.charts import chart_key

    theme = loaded.themes[variant.deck.header.theme]
    language = variant.deck.header.language
    keys = {}
    for slot in (item for plan in variant.plans for item in plan.items if isinstance(item, ChartSlot)):
        if slot.series.render == "native":
            continue
        key = chart_key(slot.series, slot.chart, theme.chart, slot.size, language, theme.fonts)
        drawer.request(key, (slot.series, slot.chart, theme.chart, slot.size, language, theme.fonts))
        keys[(slot.chart, slot.size)] = key
    return keys


def _charts_drawn(drawer, loaded: Loaded) -> None:
    """Wait for every chart; a font Matplotlib lacks is the theme's problem, located there."""
    from briefing.draw.charts import MissingFontError

    try:
        drawer.finish()
    except MissingFontError as e:
        fonts = {t: (t.chart.font, t.chart.east_asian_font) for t in loaded.themes.values()}
        theme = next((t for t, faces in fonts.items() if e.family in faces), next(iter(fonts)))
        field = "east_asian_font" if e.family == theme.chart.east_asian_font else "font"
        raise ContentError([Problem(theme.locate("chart", field), f"chart.{field}", str(e))]) from e


def write_job(job: Job, folder: Path) -> Written:
    """Write `job`'s deck into `folder` and check that it reads back whole.

    Runs in a worker process: everything it needs comes in `job`; its charts it waits for.
    """
    from briefing.write.deck import write_deck
    from briefing.write.package import slide_count

    data = write_deck(job.plan, job.template, _Pictures(job.chart_folder, job.charts))
    path = folder / job.file
    try:
        path.write_bytes(data)
    except OSError as e:
        raise OutputError(f"{display_path(path)}: cannot write the deck: {e.strerror}") from e
    slides = slide_count(path.read_bytes())
    if slides != len(job.plans):
        raise OutputError(f"{job.file}: read back {slides} slides, expected {len(job.plans)}")
    return Written(job.file, slides, len(data), hashlib.sha256(data).hexdigest())


class _Pictures:
    """A deck's chart pictures by (chart words, size): each read when the writer asks for it,
    waiting for it to be drawn."""

    def __init__(self, folder: Path, keys: dict):
        self.folder, self.keys = folder, keys

    def __getitem__(self, slot: tuple):
        from briefing.draw.drawer import pictures
        from briefing.write.deck import DrawnChart

        return DrawnChart(*pictures(self.folder, self.keys[slot]))


def _write_all(jobs: list[Job], staging: Path, progress: Progress | None, workers: int | None) -> list[Written]:
    """Write every job into `staging`, in parallel when there is more than one; raises a
    BriefingError naming every deck that failed once all have finished."""

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
    from contextlib import closing

    from briefing.runtime.processes import parallel

    with closing(parallel(function, jobs, workers)) as finished:   # closed at once, however the loop ends
        for index, outcome in finished:
            finish(index, outcome)


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
             loaded: Loaded, complete: bool, note: Callable[[str], None], shard: Shard | None) -> list[Built]:
    """Write each deck's outline into staging, then release them, the decks and the manifest into
    `out_dir` (see `output.release`)."""
    from briefing.publish.output import release
    from briefing.review.diff import OUTLINE_FOLDER

    entries = []
    for job, w in zip(jobs, written):
        outline = f"{OUTLINE_FOLDER}/{w.file[: -len('.pptx')]}.md"
        data = outline_of(job.deck, job.plans, w.file).encode("utf-8")
        (staging / OUTLINE_FOLDER).mkdir(exist_ok=True)
        (staging / outline).write_bytes(data)
        entries.append(manifest.entry(w.file, job.deck, w.slides, w.size, w.sha256, (outline, manifest.sha256(data)),
                                      _sources(job.deck, project, loaded), project.root))
    release(staging, out_dir, entries, manifest.owners(project.root), complete, note,
            shard.record() if shard else None)
    return [Built(job.deck, out_dir / w.file, w.slides, w.size, tuple(_sources(job.deck, project, loaded)))
            for job, w in zip(jobs, written)]


def outline_of(deck: Deck, plans: list[SlidePlan], file: str) -> str:
    from briefing.review.outline import outline

    return outline(deck, plans, file)


def _sources(deck: Deck, project: Project, loaded: Loaded) -> list[Path]:
    """Every file a deck was made from: deck, profile, theme, chart definitions and data,
    pictures, text macros."""
    from briefing.load.images import FOLDER
    from briefing.layout.registry import LAYOUTS

    theme = loaded.themes[deck.header.theme]
    charts = [f for s in deck.slides for chart, _ in LAYOUTS[s.kind].charts(s) for f in loaded.charts[chart.name].files]
    images = [project.root / FOLDER / name for s in deck.slides for name, _ in LAYOUTS[s.kind].images(s)]
    macros = sorted((project.templates / "text").glob("*.j2"))
    return [*deck.files, theme.file, *charts, *images, *macros]
