"""Loading and validating everything a build reads: decks, themes, chart definitions and data.

Every file is read through `source.read_yaml`, so each problem names its file, line and column.
Problems are collected across all files and raised once, as one ContentError, before anything is
rendered or written.
"""

from __future__ import annotations

import math
import os
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.load.audiences import FOLDER as AUDIENCE_FOLDER
from briefing.load.audiences import load_variant, profile_parity, profile_paths
from briefing.errors import ContentError, Location, Problem, display_path, field_name
from briefing.load.languages import (DECK_FILE, LANGUAGE_NAMES, deck_parity, edition_files, file_language,
                                profile_suffix)
from briefing.layout.registry import LAYOUTS
from briefing.model.deck import FULL_DECK, ChartDefinition, ChartRow, ChartSeries, Deck, DeckHeader, Slide
from briefing.load.source import Document, FieldPath, SourceMap, read_bounded, read_yaml
from briefing.model.theme import Theme
from briefing.load.validation import describe, did_you_mean, problem, validate


@dataclass(frozen=True)
class Project:
    """The folders of a briefing project, each meaning one thing."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def charts(self) -> Path:
        return self.root / "charts"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def output(self) -> Path:
        return self.root / "output"

    def holds(self, path: Path) -> bool:
        """Whether `path`, links followed, lies inside the project."""
        return self.root.resolve() in Path(os.path.realpath(path)).parents

    def deck_paths(self) -> dict[str, list[Path]]:
        """Return every deck of the project by name: content/<name>/deck.yaml and its editions
        in other languages, deck.<lang>.yaml."""
        return {p.parent.name: edition_files(p.parent) for p in sorted(self.content.glob(f"*/{DECK_FILE}"))}


@dataclass
class Loaded:
    """Everything one build needs, validated: decks, and the themes, charts and pictures they use."""

    decks: list[Deck]
    themes: dict[str, Theme] = field(default_factory=dict)
    charts: dict[str, ChartSeries] = field(default_factory=dict)
    images: dict[str, Any] = field(default_factory=dict)
    """Picture name under images/ -> images.Image."""


def load_project(project: Project, selection: list[str] | None = None, audiences: list[str] | None = None,
                 languages: list[str] | None = None) -> Loaded:
    """Load and validate the selected decks (all when None) in the selected audiences' variants
    (the full deck and every profile when None) and languages (all when None), with the themes
    and charts they use. Every edition is checked against the deck's first file, selected or not.

    Raises ContentError listing every problem of every file, sorted by file and line.
    """
    paths = _select_decks(project, selection)
    problems: list[Problem] = []
    # Decks with problems still have their themes and charts checked, so one run reports all.
    decks = [d for d in (_collect(problems, _read_deck, p, problems) for p in paths) if d]
    problems += _editions_parity(decks, problems)
    decks = _select_languages(decks, languages, problems)
    loaded = Loaded(_variants(decks, audiences, problems))
    for deck in loaded.decks:
        name = deck.header.theme
        if name not in loaded.themes:
            theme = _collect(problems, load_theme, project, name, deck)
            if theme:
                loaded.themes[name] = theme
        for slide in deck.slides:
            _load_assets(project, deck, slide, loaded, problems)
    if problems:
        raise ContentError(problems)
    return loaded


def _load_assets(project: Project, deck: Deck, slide: Slide, loaded: Loaded, problems: list[Problem]) -> None:
    """Load the charts and pictures a slide's layout asks for, once each."""
    from briefing.load.images import load_image

    layout = LAYOUTS[slide.kind]
    for chart, path in layout.charts(slide):
        if chart.name not in loaded.charts:
            found = _collect(problems, load_chart, project, chart.name, (deck.source, slide.path + path))
            if found:
                loaded.charts[found.name] = found
    for name, path in layout.images(slide):
        if name not in loaded.images:
            found = _collect(problems, load_image, project.root, name, (deck.source, slide.path + path))
            if found:
                loaded.images[name] = found


def _editions_parity(decks: list[Deck], problems: list[Problem]) -> list[Problem]:
    """Compare every edition with its deck's first file (deck.yaml), when both loaded cleanly."""
    broken = {p.location.file for p in problems}
    first: dict[str, Deck] = {}
    found = []
    for deck in decks:
        primary = first.setdefault(deck.name, deck)
        if deck is not primary and not {display_path(deck.file), display_path(primary.file)} & broken:
            found += deck_parity(primary, deck)
    return found


def _select_languages(decks: list[Deck], languages: list[str] | None, problems: list[Problem]) -> list[Deck]:
    if not languages:
        return decks
    have = sorted({d.header.language for d in decks})
    for language in dict.fromkeys(languages):
        if language not in have:
            hint = did_you_mean(language, have) or f"; the decks are in: {', '.join(have) or 'none'}"
            problems.append(Problem(Location(display_path(Path("content"))), "", f"no deck in '{language}'{hint}"))
    return [d for d in decks if d.header.language in languages]


def _variants(decks: list[Deck], audiences: list[str] | None, problems: list[Problem]) -> list[Deck]:
    """Return each deck in the selected audiences' variants, adding the problems of every profile
    read to `problems`."""
    variants, found = [], set()
    problems += _profile_parity(decks)
    for deck in decks:
        profiles = profile_paths(deck)
        for name in dict.fromkeys(audiences or [FULL_DECK, *profiles]):
            if name not in profiles and name != FULL_DECK:
                continue
            if name == FULL_DECK:
                variants.append(deck)
            if name in profiles:    # a profile named like the full deck is refused by load_variant
                variants.append(_collect(problems, load_variant, deck, name, profiles[name]))
            found.add(name)
    for name in dict.fromkeys(audiences or []):
        if name not in found:
            known = sorted({FULL_DECK, *(n for d in decks for n in profile_paths(d))})
            hint = did_you_mean(name, known) or f"; audiences: {', '.join(known)}"
            folders = ", ".join(dict.fromkeys(str(display_path(d.file.parent / AUDIENCE_FOLDER)) for d in decks))
            problems.append(Problem(Location(Path(folders or "content")), "", f"no audience '{name}'{hint}"))
    return [v for v in variants if v is not None]


def _profile_parity(decks: list[Deck]) -> list[Problem]:
    """Every edition of a deck has every audience, and each profile's editions agree."""
    first: dict[str, Deck] = {}
    found = []
    for deck in decks:
        primary = first.setdefault(deck.name, deck)
        if deck is primary:
            continue
        theirs, ours = profile_paths(primary), profile_paths(deck)
        language = LANGUAGE_NAMES.get(deck.header.language, deck.header.language)
        for name, path in theirs.items():
            if name not in ours:
                expected = path.with_name(f"{name}{profile_suffix(deck.file)}").name
                message = f"no {language} edition of this profile: add {AUDIENCE_FOLDER}/{expected}"
                found.append(Problem(Location(display_path(path)), "", message))
            else:
                found += profile_parity(path, ours[name])
        for name, path in ours.items():
            if name not in theirs:
                message = (f"{display_path(primary.file)} has no profile '{name}': add "
                           f"{AUDIENCE_FOLDER}/{name}{profile_suffix(primary.file)}, or remove this one")
                found.append(Problem(Location(display_path(path)), "", message))
    return found


def _collect(problems: list[Problem], load: typing.Callable[..., Any], *args: Any) -> Any:
    try:
        return load(*args)
    except ContentError as e:
        problems.extend(e.problems)
        return None


def _select_decks(project: Project, selection: list[str] | None) -> list[Path]:
    available = project.deck_paths()
    if not selection:
        if not available:
            where = Location(display_path(project.content))
            raise ContentError([Problem(where, "", f"no decks found (expected content/<name>/{DECK_FILE})")])
        return [path for paths in available.values() for path in paths]
    paths = []
    for item in selection:
        candidate = Path(item)
        if item in available:
            paths += available[item]
        elif candidate.is_file():
            paths.append(candidate)
        elif (candidate / DECK_FILE).is_file():
            paths += edition_files(candidate)
        else:
            hint = did_you_mean(item, list(available)) or f"; decks: {', '.join(available) or 'none'}"
            raise ContentError([Problem(Location(Path(item)), "", f"no such deck{hint}")])
    return paths


# --- decks ----------------------------------------------------------------------------------------

def _read_deck(path: Path, problems: list[Problem]) -> Deck | None:
    """Return the deck with the slides that validated (None if its header did not), adding
    every problem found to `problems`. Raises ContentError when the file is not YAML at all."""
    doc = read_yaml(path)
    header = validate(DeckHeader, doc.data, doc.source, (), problems)
    raw_slides = doc.data.get("slides") if isinstance(doc.data, dict) else None
    slides, unloaded = [], []
    for index, raw in enumerate(raw_slides if isinstance(raw_slides, list) else []):
        slide = _load_slide(raw, doc.source, ("slides", index), problems)
        if slide:
            slides.append(slide)
        elif isinstance(raw, dict) and isinstance(raw.get("id"), str):
            unloaded.append(raw["id"])
    problems += _duplicate_ids(slides, doc)
    if header is None:
        return None
    declared = file_language(path)
    if declared and declared != header.language:
        problems.append(problem(doc.source, ("language",), f"the file name says '{declared}', the file says "
                                                          f"'{header.language}'; make them agree"))
    name = _slug(path.resolve().parent.name if path.name == DECK_FILE or declared else path.stem)
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        problems.append(Problem(Location(display_path(path.parent)), "", f"the deck's name is {len(name)} characters "
                                f"long, too long for its files' names; keep it under {MAX_NAME_BYTES // 3}"))
        return None
    return Deck(name=name, header=header, slides=slides, source=doc.source, files=(path,),
                unloaded=tuple(unloaded))


def _load_slide(raw: Any, source: SourceMap, path: FieldPath, problems: list[Problem]) -> Slide | None:
    if not isinstance(raw, dict):
        return None    # the header's schema already reports a slide that is not a mapping
    layout = raw.get("layout")
    kinds = ", ".join(LAYOUTS)
    if layout is None:
        problems.append(problem(source, path + ("layout",), f"required field is missing; one of {kinds}"))
        return None
    if not isinstance(layout, str):
        problems.append(problem(source, path + ("layout",), f"expected a layout name, got {describe(layout)}"))
        return None
    if layout not in LAYOUTS:
        hint = did_you_mean(str(layout), list(LAYOUTS))
        listing = f" (layouts: {kinds})" if hint else f"; the layouts are: {kinds}"
        message = f"unknown layout '{layout}'{hint}{listing}"
        problems.append(problem(source, path + ("layout",), message))
        return None
    slide = validate(LAYOUTS[layout].model, raw, source, path, problems)
    if slide is not None:
        slide._path = path
    return slide


def _duplicate_ids(slides: list[Slide], doc: Document) -> list[Problem]:
    problems = []
    first: dict[str, Slide] = {}
    for slide in slides:
        if slide.id in first:
            line = doc.source.locate(first[slide.id].path + ("id",)).line
            message = f"duplicate slide id '{slide.id}' (first at line {line})"
            problems.append(problem(doc.source, slide.path + ("id",), message))
        else:
            first[slide.id] = slide
    return problems


MAX_NAME_BYTES = 150
"""A deck's name goes into its files' names, beside its audience and language: 255 bytes in all."""


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-") or "deck"


# --- themes ---------------------------------------------------------------------------------------

def load_theme(project: Project, name: str, deck: Deck | None = None) -> Theme:
    """Return the validated theme `templates/themes/<name>.yaml`; raises ContentError."""
    path = project.templates / "themes" / f"{name}.yaml"
    if deck is not None and os.path.lexists(path) and not project.holds(path):
        message = f"templates/themes/{name}.yaml is outside the project (a link out); copy it in"
        raise ContentError([problem(deck.source, ("theme",), message)])
    if not os.path.lexists(path) and deck is not None:
        known = sorted(p.stem for p in (project.templates / "themes").glob("*.yaml"))
        hint = did_you_mean(name, known) or f"; themes: {', '.join(known) or 'none'}"
        raise ContentError([problem(deck.source, ("theme",), f"no theme '{name}' in templates/themes{hint}")])
    doc = read_yaml(path)
    problems: list[Problem] = []
    theme = validate(Theme, doc.data, doc.source, (), problems)
    if problems:
        raise ContentError(problems)
    theme._source = doc.source
    theme = _with_master(project, theme, doc.data)
    return theme


def _with_master(project: Project, theme: Theme, data: dict) -> Theme:
    """Return the theme on its template (`master:`), if it names one; raises ContentError, at the
    theme's line, for a template that cannot be used."""
    from briefing.read.template import MAX_BYTES, attach, is_template
    from briefing.model.theme import FROM_MASTER

    if not theme.master:
        wants = [name for name in ("fonts", "colours") if getattr(theme, name) == FROM_MASTER or (
            name == "fonts" and FROM_MASTER in (theme.fonts.latin, theme.fonts.east_asian))]
        if wants:
            raise ContentError([Problem(theme.locate(wants[0]), wants[0], f"{wants[0]} {FROM_MASTER} needs a "
                                        "template: add master: masters/<file>.pptx")])
        return theme
    path = project.templates / theme.master
    data_bytes, message = _template_bytes(project, path, theme.master, MAX_BYTES, is_template(path))
    if message:
        raise ContentError([Problem(theme.locate("master"), "master", message)])
    grid = data.get("grid") if isinstance(data.get("grid"), dict) else {}
    attached, found = attach(theme, data_bytes, set(grid))
    if found:
        raise ContentError([Problem(theme.locate(*where), field_name(where), text) for where, text in found])
    return attached


def _template_bytes(project: Project, path: Path, name: str, limit: int, suffix_ok: bool) -> tuple[bytes, str]:
    """The template's bytes, or why they cannot be read."""
    if not suffix_ok:
        return b"", f"{name}: a template is a .pptx or .potx file (save it as one from PowerPoint)"
    if os.path.lexists(path) and not project.holds(path):
        return b"", f"templates/{name} is outside the project (a link out); copy it in"
    if not path.exists():
        known = sorted(p.relative_to(project.templates).as_posix() for p in project.templates.glob("masters/*")
                       if p.suffix.lower() in (".pptx", ".potx"))
        hint = did_you_mean(name, known) or f"; templates/masters/ has: {', '.join(known) or 'nothing'}"
        return b"", f"no template templates/{name}{hint}"
    try:
        return read_bounded(path, limit), ""
    except OSError as e:
        return b"", f"templates/{name}: cannot read: {e.strerror or e}"


# --- charts ---------------------------------------------------------------------------------------

def load_chart(project: Project, name: str, used_at: tuple[SourceMap, FieldPath] | None = None) -> ChartSeries:
    """Return the validated series that chart `name` draws; raises ContentError.

    `used_at` is where a deck names the chart, so that a missing chart is reported there.
    """
    path = project.charts / f"{name}.yaml"
    if not os.path.lexists(path) and used_at is not None:
        known = sorted(p.stem for p in project.charts.glob("*.yaml"))
        hint = did_you_mean(name, known) or f"; charts: {', '.join(known) or 'none'}"
        raise ContentError([problem(used_at[0], used_at[1], f"no chart '{name}' in charts/{hint}")])
    if used_at is not None and not project.holds(path):
        message = f"charts/{name}.yaml is outside the project (charts/ or the file is a link out); copy it in"
        raise ContentError([problem(used_at[0], used_at[1], message)])
    doc = read_yaml(path)
    problems: list[Problem] = []
    definition = validate(ChartDefinition, doc.data, doc.source, (), problems)
    if definition is None:
        raise ContentError(problems)
    data_path = project.charts / definition.data
    if not os.path.lexists(data_path):
        raise ContentError([problem(doc.source, ("data",), f"no data file charts/{definition.data}")])
    if project.charts.resolve() not in data_path.resolve().parents or not project.holds(data_path):
        message = f"charts/{definition.data} is a link to a file outside charts/; copy the data in instead"
        raise ContentError([problem(doc.source, ("data",), message)])
    series = _chart_series(name, definition, doc, read_yaml(data_path))
    return series.model_copy(update={"files": (path, data_path), "source_map": doc.source})


def _chart_series(name: str, definition: ChartDefinition, doc: Document, data: Document) -> ChartSeries:
    table = data.data.get(definition.table) if isinstance(data.data, dict) else None
    if not isinstance(table, list) or not table:
        tables = ", ".join(data.data) if isinstance(data.data, dict) else "none"
        message = f"'{definition.table}' is not a list of rows in {data.file} (found: {tables})"
        raise ContentError([problem(doc.source, ("table",), message)])
    if len(table) > MAX_ROWS:
        message = f"'{definition.table}' has {len(table):,} rows; a chart's data may have at most {MAX_ROWS:,}"
        raise ContentError([problem(data.source, (definition.table,), message)])
    problems = _missing_columns(definition, table, doc, data)
    if problems:
        raise ContentError(problems)
    shared = _shared_source(data, problems)
    points = []
    for index, raw in enumerate(table):
        point = _chart_point(definition, raw, data.source, (definition.table, index), problems)
        if point:
            points.append((index, *point))
    points_in_range = _check_points(definition, points, doc, data, problems)
    if len(points_in_range) > MAX_BARS:
        message = (f"the range {definition.first}-{definition.last} holds {len(points_in_range)} bars; a slide shows "
                   f"at most {MAX_BARS} legibly: narrow the range")
        problems.append(problem(doc.source, ("first",), message))
    for index, _, _, row in points_in_range:
        if row.source is None and shared is None:
            message = "row has no source; give each row a `source`, or the data file one `source` for all its rows"
            problems.append(problem(data.source, (definition.table, index), message))
    if problems:
        raise ContentError(problems)
    return ChartSeries(
        name=name, kind=definition.kind,
        years=tuple(p[1] for p in points_in_range),
        values=tuple(p[2] for p in points_in_range),
        approx=tuple(p[3].approx for p in points_in_range),
        sources=_sources_by_language([p[3].source or shared for p in points_in_range]),
        footnote=definition.footnote, render=definition.render, scale=definition.scale,
    )


def _shared_source(data: Document, problems: list[Problem]) -> Any:
    """The data file's own `source` for all its rows (text, or one per language), if it has one."""
    from briefing.model.deck import Source
    from briefing.model.schema import check_value

    raw = data.data.get("source") if isinstance(data.data, dict) else None
    if raw is None:
        return None
    checked, errors = check_value(Source, raw)
    if errors:
        problems.append(problem(data.source, ("source",), "expected the source as text, or one text per language "
                                                          "({en: ..., ja: ...})"))
        return None
    return checked


def _sources_by_language(sources: list) -> dict[str, tuple[str, ...]]:
    """The distinct sources of the charted rows: as given ("") and in each language any row names."""
    languages = sorted({key for s in sources if isinstance(s, dict) for key in s})

    def text(source: Any, language: str) -> str:
        if isinstance(source, str):
            return source
        return source.get(language) or next(iter(source.values()))

    found = {"": tuple(dict.fromkeys(text(s, "") for s in sources))}
    found.update({language: tuple(dict.fromkeys(text(s, language) for s in sources)) for language in languages})
    return found


def _missing_columns(definition: ChartDefinition, table: list, doc: Document, data: Document) -> list[Problem]:
    """Report an x or y column that no row has once, at the chart definition, not once a row."""
    columns = list(dict.fromkeys(k for row in table if isinstance(row, dict) for k in row))
    found = ", ".join(columns) or "none"
    return [problem(doc.source, (key,), f"no column '{name}' in the rows of {data.file} (columns: {found})")
            for key, name in (("x", definition.x), ("y", definition.y)) if name not in columns]


def _chart_point(definition: ChartDefinition, raw: Any, source: SourceMap, path: FieldPath,
                 problems: list[Problem]) -> tuple[int, float | None, ChartRow] | None:
    """Return (x, y, row); y is None when the value is missing. Bad values are reported here."""
    row = validate(ChartRow, raw, source, path, problems)
    if row is None:
        return None
    extra = row.model_extra or {}
    x = _number(extra.get(definition.x), source, path + (definition.x,), problems, whole=True)
    if definition.y not in extra:
        problems.append(problem(source, path, f"row has no '{definition.y}' column"))
        return None
    value = extra[definition.y]
    y = _number(value, source, path + (definition.y,), problems, whole=False) if value is not None else None
    if x is None or (y is None and value is not None):
        return None
    return int(x), y, row


MAX_ROWS = 5_000
"""Rows a chart's data table may hold: a year a row for millennia."""
MAX_BARS = 200
"""Bars a chart may draw: more cannot be told apart on a slide."""
MAX_VALUE = 1e15
"""The largest value a chart draws: its labels would run to 19 digits."""

_YAML_SPECIAL = {".nan": math.nan, ".inf": math.inf, "+.inf": math.inf, "-.inf": -math.inf}


def _number(value: Any, source: SourceMap, path: FieldPath, problems: list[Problem],
            whole: bool) -> float | None:
    """Return `value` as a finite number of 0 or more, or report why it is not one."""
    if value is None:
        problems.append(problem(source, path, "required value is missing"))
        return None
    text = str(value).replace("_", "")
    try:
        number = _YAML_SPECIAL.get(text.lower()) or (int(text) if whole else float(text))
    except ValueError:
        kind = "a whole number" if whole else "a number"
        problems.append(problem(source, path, f"expected {kind}, got {describe(value)}"))
        return None
    if not math.isfinite(number) or number < 0:
        problems.append(problem(source, path, f"expected a finite number of 0 or more, got {value}"))
        return None
    if whole and not 1 <= number <= 9999:
        problems.append(problem(source, path, f"expected a year from 1 to 9999, got {value}"))
        return None
    if number > MAX_VALUE:
        problems.append(problem(source, path, f"{value} is too large to draw legibly; give the data in a larger "
                                              "unit (or divide it with the chart's `scale`)"))
        return None
    return number


def _check_points(definition: ChartDefinition, points: list, doc: Document, data: Document,
                  problems: list[Problem]) -> list:
    """Check order, range, gaps and vintages; return the points within first..last."""
    table = definition.table
    for (_, year, *_), (index, next_year, *_) in zip(points, points[1:]):
        if next_year <= year:
            path = (table, index, definition.x)
            problems.append(problem(data.source, path, f"{definition.x} {next_year} follows {year}; "
                                                         "rows must be in strictly increasing order"))
    chosen = [p for p in points if definition.first <= p[1] <= definition.last]
    years = {p[1] for p in chosen}
    for bound, key in ((definition.first, "first"), (definition.last, "last")):
        if bound not in years and not problems:    # a bad row is reported already
            problems.append(problem(doc.source, (key,), f"{bound} is not in the data of charts/{definition.data}"))
    for index, year, value, _ in chosen:
        if value is None:
            message = (f"{year} has no value; a missing value is never drawn as zero: "
                       f"fill it in or end the chart's range before {year}")
            problems.append(problem(data.source, (table, index, definition.y), message))
    vintages = {p[3].vintage for p in chosen}
    if len(vintages) > 1 and not definition.footnote:
        message = (f"the range {definition.first}-{definition.last} mixes vintages ({', '.join(sorted(vintages))}); "
                   "add a footnote that says so, or narrow the range")
        problems.append(problem(doc.source, ("first",), message))
    return chosen
