"""`new`: a project that builds at once, or a deck added to a project, from the starter files.

The starter files are package data (`briefing/starter/`):

- `project/`: what a project has besides its decks (build.py, requirements.txt, .gitignore, a CI
  workflow); written by `new PROJECT` only;
- `shared/`: what a deck needs around it (the default theme, the text macros, the example chart
  with its data, a picture); written where missing, and a file already there is kept as it is;
- `deck/`: the deck itself, in English and Japanese, with one audience profile: `content/<name>/`.

A name part `dot-x` is written `.x` (package data holds no hidden files), and a file `x.in` is
written `x` with `__VERSION__` replaced by the engine's version. No existing file is ever
overwritten: a file already in place is kept and named in the report.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from briefing import __version__
from briefing.errors import OutputError, display_path
from briefing.model.deck import NAME_PATTERN
from briefing.runtime.files import write_atomically

FALLBACK_DECK = "first-deck"
"""The first deck's name when the project folder's name cannot name a deck."""


@dataclass
class Made:
    """What `new` did: the files it wrote and those it found in place and kept, as shown."""

    folder: Path
    deck: str
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def name_problem(name: str) -> str:
    """Why `name` cannot name a deck, or nothing when it can."""
    if re.match(NAME_PATTERN, name):
        return ""
    suggestion = deck_name(name, "")
    example = f", as in '{suggestion}'" if suggestion else ""
    return f"'{name}' cannot name a deck: use lower-case letters, digits and hyphens{example}"


def deck_name(text: str, fallback: str = FALLBACK_DECK) -> str:
    """A deck name made from `text` (a folder's name): lower-case, other characters as hyphens."""
    name = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return name if re.match(NAME_PATTERN, name) else fallback


def new_project(folder: Path) -> Made:
    """Make a project in `folder` (made if missing): its own files, the shared ones and a first
    deck named after the folder. Refuses a file, and a folder that already holds decks."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{display_path(folder)} is a file; name a new folder for the project")
    decks = sorted(folder.glob("content/*/deck.yaml"))
    if decks:
        raise OutputError(f"{display_path(folder)} already holds decks ({display_path(decks[0].parent)}); add "
                          f"one with: python build.py new deck NAME --project {display_path(folder)}")
    made = Made(folder, deck_name(folder.resolve().name))
    _plant(_starter("project"), folder, made)
    _plant(_starter("shared"), folder, made)
    _plant(_starter("deck"), folder / "content" / made.deck, made)
    _mark_translated(folder / "content" / made.deck, made)
    return made


def new_deck(root: Path, name: str) -> Made:
    """Add the deck `name` (already a valid name) to the project at `root`, with the theme, chart
    and picture it uses where the project lacks them."""
    if not (root / "content").is_dir():
        raise OutputError(f"{display_path(root)} is no project (it has no content/ folder); make one with: "
                          f"python build.py new PROJECT")
    target = root / "content" / name
    if os.path.lexists(target):
        raise OutputError(f"{display_path(target)} already exists; choose another name for the deck")
    made = Made(root, name)
    _plant(_starter("deck"), target, made)
    _mark_translated(target, made)
    _plant(_starter("shared"), root, made)
    return made


def _mark_translated(deck: Path, made: Made) -> None:
    """Record the starter's Japanese as translating its English, so that `check` tells from the
    first edit on which Japanese text an English edit left behind."""
    from briefing.load.translations import edition_pairs, record_path, record_text

    path = record_path(deck, "ja")
    if os.path.lexists(path) or not (deck / "deck.ja.yaml").is_file():
        return
    try:
        write_atomically(path, record_text(edition_pairs(deck, "ja"), "ja").encode("utf-8"))
    except OSError as e:
        raise OutputError(f"{display_path(path)}: cannot be written ({e.strerror or e})") from None
    made.written.append(display_path(path).as_posix())


def _starter(part: str):
    return resources.files("briefing").joinpath("starter", part)


def _plant(source, target: Path, made: Made) -> None:
    """Copy the starter folder `source` into `target`, keeping every file already there."""
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        name = entry.name
        if name.startswith("dot-"):
            name = "." + name[len("dot-"):]
        if entry.is_dir():
            _plant(entry, target / name, made)
            continue
        if name.startswith("__") or name.endswith((".pyc", ".pyo")):
            continue
        data = entry.read_bytes()
        if name.endswith(".in"):
            name = name[: -len(".in")]
            data = data.replace(b"__VERSION__", __version__.encode())
        path = target / name
        shown = display_path(path).as_posix()
        if os.path.lexists(path):
            made.kept.append(shown)
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, data)
        except OSError as e:
            raise OutputError(f"{shown}: cannot be written ({e.strerror or e})") from None
        made.written.append(shown)


def report(made: Made, project: bool) -> str:
    """What `new` says: the files written, those kept, and what to run next."""
    lines = [f"  {path}" for path in made.written]
    if made.kept:
        lines.append(f"already there, kept as they are: {', '.join(made.kept)}")
    if project:
        where = display_path(made.folder)
        head = f"made a project in {where}/ with the deck '{made.deck}' in English and Japanese:"
        build = "python build.py" if where == Path(".") else f"cd {where} && python build.py"
        tail = (f"next: {build} (builds output/{made.deck}-full-en.pptx and its variants); "
                f"`python build.py check` after each edit")
    else:
        head = f"added the deck '{made.deck}' in English and Japanese:"
        tail = f"next: python build.py check, then python build.py {made.deck}"
    return "\n".join([head, *lines, tail])
