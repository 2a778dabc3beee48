"""Loading a project: every selected deck in its variants and languages, with the themes, charts
and pictures they use (each kind of file read by its own module: decks, themes, charts, images).

Every file is read through `source.read_yaml`, so each problem names its file, line and column.
Problems are collected across all files and raised once, as one ContentError, before anything is
rendered or written.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.load.audiences import FOLDER as AUDIENCE_FOLDER
from briefing.load.audiences import load_variant, profile_parity, profile_paths
from briefing.errors import ContentError, Location, Problem, display_path
from briefing.load.languages import LANGUAGE_NAMES, deck_parity, profile_suffix
from briefing.layout.registry import LAYOUTS
from briefing.model.deck import FULL_DECK, ChartSeries, Deck, Slide
from briefing.model.theme import Theme
from briefing.errors import did_you_mean

from briefing.load.project import Project, select_decks
from briefing.load.decks import read_deck
from briefing.load.themes import load_theme
from briefing.load.charts import load_chart


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
    paths = select_decks(project, selection)
    problems: list[Problem] = []
    # Decks with problems still have their themes and charts checked, so one run reports all.
    decks = [d for d in (_collect(problems, read_deck, p, problems) for p in paths) if d]
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
