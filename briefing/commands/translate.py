"""`translate mark`, `translate export` and `translate import`: an edition's translations kept in
step with the deck's own language.

`mark` records, for every text field of an edition, the original text it now translates (see
`load.translations`); `export` writes the edition's fields as XLIFF 2.1 for a translator's CAT
tool; `import` writes the targets of such a file back into the edition, each in the place and
style the author gave it, and marks those fields translated. Nothing is written unless every
unit can be placed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import ContentError, Location, OutputError, Problem, display_path
from briefing.load.languages import DECK_FILE, LANGUAGE_NAMES
from briefing.load.project import Project
from briefing.load.translations import (Pair, edition_pairs, fingerprint, read_record, record_path,
                                        record_text)

JINJA_NOTE = "Keep each {{ ... }} and {% ... %} as written: the build fills it in."
_ALLOWED_CONTROLS = {"\n", "\t"}


@dataclass(frozen=True)
class Edition:
    folder: Path        # the deck's folder
    language: str

    @property
    def name(self) -> str:
        return self.folder.name


def editions(project: Project, selection: list[str] | None, language: str) -> list[Edition]:
    """The selected decks' editions in `language`, after the whole project loads cleanly (an
    edition out of parity or a broken file is reported, not marked or exported)."""
    from briefing.load.content import load_project
    from briefing.load.project import select_decks

    if language not in LANGUAGE_NAMES:
        known = ", ".join(LANGUAGE_NAMES)
        raise ContentError([Problem(Location(Path("--lang")), "", f"'{language}' is no language the tool knows: {known}")])
    load_project(project, selection)
    folders = dict.fromkeys(path.parent for path in select_decks(project, selection))
    found = [Edition(folder, language) for folder in folders if (folder / f"deck.{language}.yaml").is_file()]
    if not found:
        raise ContentError([Problem(Location(Path("content")), "", f"no selected deck has an edition in "
                                    f"'{language}' (deck.{language}.yaml)")])
    return found


def mark(project: Project, selection: list[str] | None, language: str) -> list[tuple[Path, int]]:
    """Record every field of each edition as translating today's original; returns (record, fields)."""
    written = []
    for edition in editions(project, selection, language):
        pairs = edition_pairs(edition.folder, language)
        path = record_path(edition.folder, language)
        _save(path, record_text(pairs, language).encode("utf-8"))
        written.append((path, len(pairs)))
    return written


def _save(path: Path, data: bytes) -> None:
    """Write a record or an edition in one step; never through a link, never over a folder."""
    from briefing.runtime.files import write_atomically

    if path.is_symlink() or (os.path.lexists(path) and not path.is_file()):
        raise OutputError(f"{display_path(path)}: is a link or no regular file; not written through")
    try:
        write_atomically(path, data)
    except OSError as e:
        raise OutputError(f"{display_path(path)}: cannot be written: {e.strerror or e}") from e


# --- export ---------------------------------------------------------------------------------------

def export(project: Project, selection: list[str] | None, language: str, output: Path | None) -> list[tuple[Path, int]]:
    """Write one XLIFF file per selected deck's edition; returns (file, units) for each."""
    from briefing.write.xliff import xliff_bytes

    written = []
    for edition in editions(project, selection, language):
        pairs = edition_pairs(edition.folder, language)
        record = read_record(record_path(edition.folder, language))
        files: dict[str, list] = {}
        for pair in pairs:
            files.setdefault(_original(project, pair.file), []).append(_unit(pair, record))
        source = _deck_language(edition.folder)
        target = _export_path(project, edition, output)
        _save(target, xliff_bytes(source, language, list(files.items())))
        written.append((target, len(pairs)))
    return written


def _original(project: Project, path: Path) -> str:
    """An edition file as the XLIFF names it: its path in the project, the same from any folder."""
    return Path(os.path.abspath(path)).relative_to(os.path.abspath(project.root)).as_posix()


def _unit(pair: Pair, record: dict):
    from briefing.write.xliff import Unit

    entry = record.get(pair.key)
    translated = bool(entry) and entry["sha256"] == fingerprint(pair.source)
    notes = []
    if entry and not translated:
        notes.append(f"The original changed since this was translated; it was: {entry['source']}")
    if "{{" in pair.source or "{%" in pair.source:
        notes.append(JINJA_NOTE)
    return Unit(pair.key, pair.source, pair.text, translated, tuple(notes))


def _export_path(project: Project, edition: Edition, output: Path | None) -> Path:
    name = f"{edition.name}.{edition.language}.xlf"
    if output is None:
        return project.output / "translations" / name
    return output / name if output.is_dir() else output


def _deck_language(folder: Path) -> str:
    from briefing.load.source import read_yaml

    data = read_yaml(folder / DECK_FILE).data
    return data.get("language", "en") if isinstance(data, dict) else "en"


# --- import ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    pair: Pair
    new: str


def import_xliff(project: Project, file: Path, dry_run: bool = False) -> list[Change]:
    """Write the translated targets of `file` into their editions and mark them translated; the
    units whose target is today's text change nothing. Raises ContentError, with every unit that
    cannot be placed, before anything is written."""
    from briefing.read.xliff import read_xliff

    document = read_xliff(file)
    shown = display_path(file)
    by_file = _editions_by_file(project, document.target_language, shown)
    changes, problems = [], []
    for unit in document.units:
        pairs = by_file.get(unit.original)
        if pairs is None:
            problems.append(_unit_problem(shown, unit, f"names the file '{unit.original}', which is no "
                                          f"{_named(document.target_language)} edition of this project"))
            continue
        change = _change(shown, unit, pairs, problems)
        if change:
            changes.append(change)
    if problems:
        raise ContentError(problems)
    if not dry_run:
        _apply(changes, document.target_language)
    return changes


def _editions_by_file(project: Project, language: str, shown: Path) -> dict[str, dict[str, Pair]]:
    if language not in LANGUAGE_NAMES:
        raise ContentError([Problem(Location(shown, 1, 1), "trgLang", f"'{language}' is no language the tool "
                                    f"knows: {', '.join(LANGUAGE_NAMES)}")])
    found: dict[str, dict[str, Pair]] = {}
    for edition in editions(project, None, language):
        for pair in edition_pairs(edition.folder, language):
            found.setdefault(_original(project, pair.file), {})[pair.key] = pair
    return found


def _change(shown: Path, unit, pairs: dict[str, Pair], problems: list[Problem]) -> Change | None:
    pair = pairs.get(unit.name)
    if pair is None:
        problems.append(_unit_problem(shown, unit, f"names the field '{unit.name}', which "
                                      f"{unit.original} does not have (or which has no text in both editions)"))
        return None
    if fingerprint(unit.source) != fingerprint(pair.source):
        there = pair.source_where
        problems.append(_unit_problem(shown, unit, f"was translated from text that has changed since "
                                      f"({display_path(there.file)}:{there.line}); export again and translate "
                                      f"the new text"))
        return None
    if unit.target is None or not unit.target.strip():
        return None         # not translated: the edition keeps its text
    bad = sorted({c for c in unit.target if (ord(c) < 32 or 0x7F <= ord(c) < 0xA0) and c not in _ALLOWED_CONTROLS})
    if bad:
        codes = ", ".join(f"U+{ord(c):04X}" for c in bad)
        problems.append(_unit_problem(shown, unit, f"its target holds control characters ({codes}); remove them"))
        return None
    if unit.target == pair.text:
        return None
    return Change(pair, unit.target)


def _unit_problem(shown: Path, unit, message: str) -> Problem:
    return Problem(Location(shown, unit.line, 1), unit.name, message)


def _named(language: str) -> str:
    return LANGUAGE_NAMES.get(language, language)


def _apply(changes: list[Change], language: str) -> None:
    """Write each edition file once, its edits from the end so the spans stay true, then check
    that it still reads as YAML; then the record of each deck."""
    from briefing.load.source import read_yaml, replace_text

    by_file: dict[Path, list[Change]] = {}
    for change in changes:
        by_file.setdefault(change.pair.file, []).append(change)
    texts = {}
    for path, mine in by_file.items():
        text = path.read_text(encoding="utf-8")
        spans = read_yaml(path).source.spans
        for change in sorted(mine, key=lambda c: spans[c.pair.path][0], reverse=True):
            text = replace_text(text, spans[change.pair.path], change.new)
        texts[path] = text
    for path, text in texts.items():
        _save(path, text.encode("utf-8"))
    for folder in {_deck_folder(c.pair.file) for c in changes}:
        record = record_path(folder, language)
        marked = [c.pair for c in changes if _deck_folder(c.pair.file) == folder]
        _save(record, record_text(marked, language, read_record(record)).encode("utf-8"))


def _deck_folder(edition_file: Path) -> Path:
    return edition_file.parent if edition_file.name.startswith("deck.") else edition_file.parent.parent
