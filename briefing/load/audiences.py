"""Audience profiles: how one audience's variant of a deck departs from the deck.

A profile (`content/<deck>/audiences/<name>.yaml`) replaces header fields and variables, chooses
and orders slides by id, overrides any field of a slide and names words to emphasise. It is
checked against the deck it modifies, and every problem, including a template error in text the
profile supplied, points into the profile.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from briefing.errors import ContentError, Problem, display_path, field_name
from briefing.load.languages import DECK_FILE, compare, file_language, profile_suffix
from briefing.model.deck import FULL_DECK, NAME_PATTERN, AudienceProfile, Deck, Slide
from briefing.load.source import FieldPath, Overlay, SourceMap, read_yaml
from briefing.load.validation import problem, validate
from briefing.errors import did_you_mean

FOLDER = "audiences"
FIXED_FIELDS = ("id", "layout")
"""A profile changes what a slide says, not which slide it is."""


def profile_paths(deck: Deck) -> dict[str, Path]:
    """Return the profiles of one edition of a deck kept in a folder by name: for deck.yaml,
    audiences/<name>.yaml; for deck.ja.yaml, audiences/<name>.ja.yaml. A deck file of another
    name shares its folder with other files, so it has none."""
    if deck.file.name != DECK_FILE and file_language(deck.file) is None:
        return {}
    folder = deck.file.parent / FOLDER
    suffix = profile_suffix(deck.file)
    found = sorted(folder.glob(f"*{suffix}")) if folder.is_dir() else []
    names = {path.name[: -len(suffix)]: path for path in found}
    return {name: path for name, path in names.items() if "." not in name}


def profile_parity(primary: Path, other: Path) -> list[Problem]:
    """Return every way a profile's edition in another language departs from the profile: the
    same slides, exclusions, overridden fields (item counts included) and emphasised slides."""
    theirs, ours = read_yaml(primary), read_yaml(other)
    if not (isinstance(theirs.data, dict) and isinstance(ours.data, dict)):
        return []    # not a mapping: validation reports it
    problems: list[Problem] = []
    for key in ("slides", "exclude"):
        if theirs.data.get(key) != ours.data.get(key):
            message = f"differs from {display_path(primary)} (line {theirs.source.locate((key,)).line})"
            problems.append(problem(ours.source, (key,), message))
    compare(theirs.data.get("overrides") or {}, ours.data.get("overrides") or {}, ours.source, ("overrides",),
            theirs.source, ("overrides",), problems)
    # The emphasised words differ by language; which slides have some must not.
    their_emphasis, our_emphasis = theirs.data.get("emphasis") or {}, ours.data.get("emphasis") or {}
    for slide_id in sorted({*their_emphasis, *our_emphasis}):
        if bool(their_emphasis.get(slide_id)) != bool(our_emphasis.get(slide_id)):
            message = f"emphasis on slide '{slide_id}' differs from {display_path(primary)}"
            problems.append(problem(ours.source, ("emphasis",), message))
    return problems


def load_variant(deck: Deck, name: str, path: Path) -> Deck:
    """Return the variant of `deck` that profile `path` describes; raises ContentError."""
    doc = read_yaml(path)
    problems: list[Problem] = []
    if name == FULL_DECK or not _is_name(name):
        message = (f"'{name}' cannot name a profile: use lower-case letters, digits and hyphens, "
                   f"and not '{FULL_DECK}', which names the deck without a profile")
        problems.append(problem(doc.source, (), message))
    profile = _validate_profile(doc.data, doc.source, problems)
    if profile is None:
        raise ContentError(problems)
    routes: dict[FieldPath, FieldPath] = {("emphasis",): ("emphasis",)}
    header = _header(deck, profile, doc.source, routes, problems)
    slides = _slides(deck, profile, doc.source, routes, problems)
    if problems:
        raise ContentError(problems)
    return deck.copy(update={
        "header": header, "slides": slides, "source": Overlay(deck.source, doc.source, routes),
        "audience": name, "audience_name": profile.name, "files": (*deck.files, path),
        "emphasis": {slide_id: tuple(terms) for slide_id, terms in profile.emphasis.items()},
    })


def _validate_profile(data: Any, source: SourceMap, problems: list[Problem]) -> AudienceProfile | None:
    """Validate the profile; when some of its fields are wrong, validate the rest without them, so
    that their problems (unknown slides, variables, ...) are reported in the same run."""
    found: list[Problem] = []
    profile = validate(AudienceProfile, data, source, (), found)
    problems += found
    if profile is None and isinstance(data, dict):
        wrong = {re.split(r"[.\[]", p.field)[0] for p in found}
        profile = validate(AudienceProfile, {k: v for k, v in data.items() if k not in wrong}, source, (), [])
    return profile


def _is_name(name: str) -> bool:
    return re.match(NAME_PATTERN, name) is not None


def _header(deck: Deck, profile: AudienceProfile, source: SourceMap, routes: dict, problems: list[Problem]):
    """Return the deck's header with the profile's fields and variables in place."""
    updates: dict[str, Any] = {}
    for key in AudienceProfile.HEADER_FIELDS:
        value = getattr(profile, key)
        if value is not None:
            updates[key] = value
            routes[(key,)] = (key,)
    known = list(deck.header.vars)
    for key in profile.vars:
        if key not in deck.header.vars:
            hint = did_you_mean(key, known) or f"; the deck's vars are: {', '.join(known) or 'none'}"
            problems.append(problem(source, ("vars", key), f"the deck has no variable '{key}'{hint}"))
    updates["vars"] = {**deck.header.vars, **profile.vars}
    return deck.header.copy(update=updates)


def _slides(deck: Deck, profile: AudienceProfile, source: SourceMap, routes: dict,
            problems: list[Problem]) -> list[Slide]:
    """Return the slides the profile chooses, in its order, with its overrides applied."""
    by_id = {slide.id: slide for slide in deck.slides}
    # A slide that did not load is reported in the deck; naming it here is no second mistake.
    unloaded = set(deck.unloaded)
    order = profile.slides or list(by_id)
    for key, ids in (("slides", profile.slides or []), ("exclude", profile.exclude)):
        problems += _listed(ids, key, by_id, unloaded, source)
    excluded = set(profile.exclude)
    chosen = [i for i in dict.fromkeys(order) if i in by_id and i not in excluded]
    if not chosen and not problems and not unloaded:
        problems.append(problem(source, ("exclude",), "the profile leaves no slide in the deck"))
    for key in ("overrides", "emphasis"):
        for slide_id in getattr(profile, key):
            if slide_id in unloaded:
                continue
            if slide_id not in by_id:
                problems.append(problem(source, (key, slide_id), _unknown(slide_id, by_id)))
            elif slide_id not in chosen:
                problems.append(problem(source, (key, slide_id), f"slide '{slide_id}' is not in this variant"))
    slides = []
    for slide_id in chosen:
        changes = profile.overrides.get(slide_id)
        slide = by_id[slide_id]
        if changes:
            slide = _override(slide, changes, source, ("overrides", slide_id), problems)
        if slide and changes:
            _route(routes, slide.path, ("overrides", slide_id), changes)
        if slide:
            slides.append(slide)
    return slides


def _listed(ids: list[str], key: str, by_id: dict[str, Slide], unloaded: set, source: SourceMap) -> list[Problem]:
    """An id the deck lacks, at each place; an id listed again, once, where it is first repeated
    (in one pass: a list's length costs no more than its reading)."""
    problems, seen, repeated = [], set(), {}
    for index, slide_id in enumerate(ids):
        if slide_id not in by_id and slide_id not in unloaded:
            problems.append(problem(source, (key, index), _unknown(slide_id, by_id)))
        elif slide_id in seen:
            repeated.setdefault(slide_id, [index, 1])[1] += 1
        seen.add(slide_id)
    for slide_id, (index, count) in repeated.items():
        times = "twice" if count == 2 else f"{count:,} times"
        problems.append(problem(source, (key, index), f"slide '{slide_id}' is listed {times}"))
    return problems


def _unknown(slide_id: str, by_id: dict[str, Slide]) -> str:
    hint = did_you_mean(slide_id, list(by_id)) or f"; the deck's slides are: {', '.join(by_id)}"
    return f"the deck has no slide '{slide_id}'{hint}"


def _override(slide: Slide, changes: dict[str, Any], source: SourceMap, path: FieldPath,
              problems: list[Problem]) -> Slide | None:
    """Return `slide` with `changes` merged in and validated as the same kind of slide."""
    fixed = [key for key in FIXED_FIELDS if key in changes]
    for key in fixed:
        problems.append(problem(source, path + (key,), f"a profile cannot change a slide's {key}"))
    if fixed:
        return None
    merged = validate(type(slide), _merge(slide.dump(), changes), source, path, problems)
    return merged.copy(update={"_path": slide.path}) if merged is not None else None


def _merge(base: Any, changes: Any) -> Any:
    """Return `base` with `changes` laid over it: mappings merge key by key, anything else is replaced."""
    if isinstance(base, dict) and isinstance(changes, dict):
        return {**base, **{key: _merge(base.get(key), value) for key, value in changes.items()}}
    return changes


def _route(routes: dict, deck_path: FieldPath, profile_path: FieldPath, changes: Any) -> None:
    """Record where each replaced value stands in the profile, down to the values replaced whole."""
    if isinstance(changes, dict) and changes:
        for key, value in changes.items():
            _route(routes, deck_path + (key,), profile_path + (key,), value)
    elif deck_path:
        routes[deck_path] = profile_path


def check_emphasis(deck: Deck) -> list[Problem]:
    """Return a problem for each emphasised word its slide does not show after rendering: a typo
    would otherwise emphasise nothing, silently."""
    by_id = {slide.id: slide for slide in deck.slides}
    problems = []
    for slide_id, terms in deck.emphasis.items():
        shown = "\n".join(_shown_text(by_id[slide_id].dump(exclude={"id", "layout", "notes", "review"})))
        for index, term in enumerate(terms):
            if term not in shown:
                path = ("emphasis", slide_id, index)
                message = f"'{term}' does not appear on slide '{slide_id}' (words are matched exactly)"
                problems.append(Problem(deck.source.locate(path), field_name(path), message))
    return problems


def _shown_text(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _shown_text(item)]
    if isinstance(value, list):
        return [text for item in value for text in _shown_text(item)]
    return [value] if isinstance(value, str) else []
