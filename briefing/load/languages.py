"""Editions of one deck in several languages, and the parity check that keeps them one deck.

`content/<deck>/deck.yaml` is the deck in its own language; `deck.<lang>.yaml` beside it is the
same deck in another language, and `audiences/<name>.<lang>.yaml` the same audience profile. An
edition must have the same slides in the same order, with the same ids, layouts, dates, charts,
number of items and variables: a translator who drops an item or a slide gets an error naming
the file and line, not a shorter deck.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any

from briefing.errors import Problem, display_path, field_name
from briefing.load.source import FieldPath

DECK_FILE = "deck.yaml"
_EDITION = re.compile(r"^deck\.([A-Za-z][A-Za-z_-]*)\.yaml$")
"""deck.<language>.yaml; any word there is read as a language, so a wrong one is told, not skipped."""
BASE_FACTS = (("id",), ("layout",))
"""Fields that are facts, not words, on every slide; each layout names its own (`Layout.facts`)."""

UNCOMPARED = {"review", "figures_differ"}
"""Fields each edition keeps to itself: editors' notes are for the team, in whatever language, and
which fields' figures differ on purpose is said in the edition that differs."""

LANGUAGE_NAMES = {"en": "English", "ja": "Japanese"}

_ALIASES = {"jp": "ja", "jpn": "ja", "japanese": "ja", "nihongo": "ja", "eng": "en", "english": "en",
            "us": "en", "uk": "en", "gb": "en"}
"""What people write for a language instead of its code (a country's code, the language's name)."""


def unknown_language(declared: str, written: str | None) -> str:
    """A message for a file named deck.<declared>.yaml when `declared` is no language the tool
    knows, with the likely name; nothing when it is one. `written` is the file's `language:`."""
    if declared in LANGUAGE_NAMES:
        return ""
    likely = _ALIASES.get(declared.lower()) or (declared.lower() if declared.lower() in LANGUAGE_NAMES else None)
    likely = likely or (written if written in LANGUAGE_NAMES else None)
    known = ", ".join(f"{code} ({name})" for code, name in LANGUAGE_NAMES.items())
    fix = f"; did you mean '{likely}'? rename the file deck.{likely}.yaml" if likely else ""
    return f"'{declared}' in the file name is no language the tool knows: {known}{fix}"


def edition_files(folder: Path) -> list[Path]:
    """Return a deck folder's files: deck.yaml first, then each deck.<lang>.yaml."""
    primary = folder / DECK_FILE
    others = sorted(p for p in folder.glob("deck.*.yaml") if _EDITION.match(p.name))
    # Whatever stands at deck.yaml is read (and refused if it is no file): never skipped silently.
    return ([primary] if os.path.lexists(primary) else []) + others


def file_language(path: Path) -> str | None:
    """Return the language a file's name declares (deck.ja.yaml: "ja"), None for deck.yaml."""
    match = _EDITION.match(path.name)
    return match.group(1) if match else None


def profile_suffix(deck_file: Path) -> str:
    """Return how the profiles of an edition end: ".yaml" for deck.yaml, ".ja.yaml" for deck.ja.yaml."""
    return deck_file.name[len("deck"):]


def compare(primary: Any, other: Any, where: Any, path: FieldPath, theirs: Any, their_path: FieldPath,
            problems: list[Problem]) -> None:
    """Compare two editions of the same data (plain dicts and lists), adding a problem located in
    the other edition (`where`, at `path`) for each difference of structure or fact."""
    if isinstance(primary, dict) and isinstance(other, dict):
        for key in dict.fromkeys([*primary, *other]):
            if key in UNCOMPARED:
                continue
            compare(primary.get(key), other.get(key), where, path + (key,), theirs, their_path + (key,), problems)
    elif isinstance(primary, list) and isinstance(other, list):
        if len(primary) != len(other):
            message = f"{_count(len(other))} here, {_count(len(primary))} in {_cite(theirs, their_path)}"
            problems.append(_problem(where, path, message))
            return
        for index, (a, b) in enumerate(zip(primary, other)):
            compare(a, b, where, path + (index,), theirs, their_path + (index,), problems)
    elif (primary is None) != (other is None):
        what = "is not given here but is" if other is None else "is given here but not"
        problems.append(_problem(where, path, f"{what} in {_cite(theirs, their_path)}"))
    elif _shape_of(primary) != _shape_of(other):
        message = f"is {_shape_of(other)} here but {_shape_of(primary)} in {_cite(theirs, their_path)}"
        problems.append(_problem(where, path, message))
    elif path and is_fact(path) and primary != other:
        problems.append(_problem(where, path, f"is {other!r} here but {primary!r} in {_cite(theirs, their_path)}"))
    elif isinstance(primary, str) or isinstance(other, str):
        if bool(primary) != bool(other):
            what = "has no text here" if primary else "has text here"
            other_side = "but has" if primary else "but not"
            problems.append(_problem(where, path, f"{what} {other_side} in {_cite(theirs, their_path)}"))
    elif primary != other:
        problems.append(_problem(where, path, f"is {other!r} here but {primary!r} in {_cite(theirs, their_path)}"))


def _shape_of(value: Any) -> str:
    """Say what kind of value this is, in the words of someone editing YAML."""
    if isinstance(value, dict):
        return "text with sub-items" if "items" in value and "text" in value else "a mapping"
    return "a list" if isinstance(value, list) else "text"


def is_fact(path: FieldPath) -> bool:
    """Whether the field at `path` is a fact every edition must share (an id, a date, a chart)."""
    names = tuple(part for part in path if isinstance(part, str))
    return any(names[-len(fact):] == fact for fact in _facts())


@functools.lru_cache(maxsize=1)
def _facts() -> frozenset:
    from briefing.layout.registry import LAYOUTS

    return frozenset({fact for layout in LAYOUTS.values() for fact in layout.facts} | set(BASE_FACTS))


def _count(number: int) -> str:
    return f"{number} item{'' if number == 1 else 's'}"


def _cite(source: Any, path: FieldPath) -> str:
    location = source.locate(path)
    return f"{display_path(location.file)} (line {location.line})"


def _problem(where: Any, path: FieldPath, message: str) -> Problem:
    return Problem(where.locate(path), field_name(path), message)


def deck_parity(primary, other) -> list[Problem]:
    """Return every way edition `other` departs from `primary` (both validated Decks)."""
    problems: list[Problem] = []
    for key in primary.header.vars:
        if key not in other.header.vars:
            message = f"no variable '{key}' here; {_cite(primary.source, ('vars', key))} defines it"
            problems.append(_problem(other.source, ("vars",), message))
    for key in other.header.vars:
        if key not in primary.header.vars:
            message = f"{display_path(primary.file)} has no variable '{key}'"
            problems.append(_problem(other.source, ("vars", key), message))
    theirs = {slide.id: slide for slide in primary.slides}
    ours = {slide.id: slide for slide in other.slides}
    for slide in primary.slides:
        if slide.id not in ours:
            message = f"no slide '{slide.id}' here; {_cite(primary.source, slide.path)} has it"
            problems.append(_problem(other.source, ("slides",), message))
    for slide in other.slides:
        if slide.id not in theirs:
            problems.append(_problem(other.source, slide.path + ("id",),
                                     f"{display_path(primary.file)} has no slide '{slide.id}'"))
    problems += _order(primary, other, theirs, ours)
    for slide in other.slides:
        if slide.id in theirs:
            mine = theirs[slide.id]
            compare(mine.dump(), slide.dump(), other.source, slide.path, primary.source, mine.path,
                    problems)
    return problems


def _order(primary, other, theirs: dict, ours: dict) -> list[Problem]:
    shared_theirs = [s.id for s in primary.slides if s.id in ours]
    shared_ours = [s.id for s in other.slides if s.id in theirs]
    for mine, their in zip(shared_ours, shared_theirs):
        if mine != their:
            slide = ours[mine]
            message = (f"slide '{mine}' stands where {_cite(primary.source, theirs[their].path)} has "
                       f"'{their}': keep the slides in the same order")
            return [_problem(other.source, slide.path + ("id",), message)]
    return []
