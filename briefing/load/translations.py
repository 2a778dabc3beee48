"""Which text each field of an edition was translated from, and which translations went stale.

`content/<deck>/translated.<lang>.yaml` records, for every text field of the edition
(`deck.<lang>.yaml` and its audience profiles' `<name>.<lang>.yaml`), the text of the deck's own
language it was translated from, with that text's SHA-256. `translate mark` writes it; `check`
compares it with today's text and tells each field whose source changed since. Spaces and line
breaks do not count: refolding a paragraph changes no translation.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from briefing.errors import ContentError, Location, Problem, display_path, field_name
from briefing.load.audiences import FOLDER as AUDIENCES
from briefing.load.languages import DECK_FILE, LANGUAGE_NAMES, UNCOMPARED, is_fact
from briefing.load.source import FieldPath, SourceMap, read_yaml

RECORD = "translated.{}.yaml"
_HEADER_FACTS = {"language", "theme", "issued", "slides"}
_PROFILE_FACTS = {"slides", "exclude", "issued"}


@dataclass(frozen=True)
class Pair:
    """One text field of an edition and the field of the deck's own language it translates."""

    key: str                # the field's name in the record: "slides[overview].statements[0]"
    file: Path              # the edition's file, and the field's path there
    path: FieldPath
    source_file: Path       # the original's file, and the field's path there
    source_path: FieldPath
    source: str             # the original's text, as written (variables unrendered)
    text: str               # the translation, as written
    located: SourceMap | None = None         # where the edition's fields stand
    source_located: SourceMap | None = None  # where the original's fields stand

    @property
    def where(self) -> Location:
        return self.located.locate(self.path)

    @property
    def source_where(self) -> Location:
        return self.source_located.locate(self.source_path)


def fingerprint(text: str) -> str:
    """The SHA-256 of a text with its spacing made one: refolding it changes nothing."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def record_path(folder: Path, language: str) -> Path:
    return folder / RECORD.format(language)


def edition_pairs(folder: Path, language: str) -> list[Pair]:
    """Every text field of the deck's edition in `language` (deck and profiles) with its original."""
    found = list(_file_pairs(folder / DECK_FILE, folder / f"deck.{language}.yaml", _deck_fields))
    audiences = folder / AUDIENCES
    if audiences.is_dir():
        for original in sorted(audiences.glob("*.yaml")):
            if original.name.count(".") == 1:
                edition = original.with_name(f"{original.stem}.{language}.yaml")
                if edition.is_file():
                    found += _file_pairs(original, edition, _profile_fields)
    return found


def _file_pairs(original: Path, edition: Path, fields) -> Iterator[Pair]:
    mine, theirs = read_yaml(original), read_yaml(edition)
    prefix = "" if original.name == DECK_FILE else f"{AUDIENCES}/{edition.name}:"
    for key, source_path, path, source, text in fields(mine.data, theirs.data):
        yield Pair(prefix + key, edition, path, original, source_path, source, text, theirs.source, mine.source)


def _deck_fields(original: Any, edition: Any) -> Iterator[tuple]:
    if not (isinstance(original, dict) and isinstance(edition, dict)):
        return
    for key in edition:
        if key not in _HEADER_FACTS and key in original:
            for path, a, b in _texts(original[key], edition[key], (key,)):
                yield field_name(path), path, path, a, b
    slides = {s.get("id"): (index, s) for index, s in enumerate(_list(original.get("slides")))
              if isinstance(s, dict)}
    for index, slide in enumerate(_list(edition.get("slides"))):
        if isinstance(slide, dict) and slide.get("id") in slides:
            their_index, theirs = slides[slide["id"]]
            for inner, a, b in _texts(theirs, slide, ()):
                if not is_fact(inner) and inner[0] not in ("id", "layout"):
                    key = f"slides[{slide['id']}].{field_name(inner)}"
                    yield key, ("slides", their_index) + inner, ("slides", index) + inner, a, b


def _profile_fields(original: Any, edition: Any) -> Iterator[tuple]:
    if not (isinstance(original, dict) and isinstance(edition, dict)):
        return
    for key in edition:
        if key not in _PROFILE_FACTS and key in original:
            for path, a, b in _texts(original[key], edition[key], (key,)):
                if not (key == "overrides" and is_fact(path[2:])):
                    yield field_name(path), path, path, a, b


def _texts(one: Any, other: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str, str]]:
    """The text fields both have at the same place, walked together; team notes left out."""
    if isinstance(one, dict) and isinstance(other, dict):
        for key in other:
            if key in one and key not in UNCOMPARED:
                yield from _texts(one[key], other[key], path + (key,))
    elif isinstance(one, list) and isinstance(other, list):
        for index, (a, b) in enumerate(zip(one, other)):
            yield from _texts(a, b, path + (index,))
    elif isinstance(one, str) and isinstance(other, str) and one.strip() and other.strip():
        yield path, one, other


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


# --- the record --------------------------------------------------------------------------------

def read_record(path: Path) -> dict[str, dict[str, str]]:
    """The record's fields: key -> {"sha256": ..., "source": ...}; {} when there is no record."""
    if not os.path.lexists(path):
        return {}
    document = read_yaml(path)
    fields = document.data.get("fields") if isinstance(document.data, dict) else None
    problems = []
    if not isinstance(fields, dict):
        problems.append(Problem(document.source.locate(()), "fields", "expected the recorded fields: a mapping "
                                "written by `translate mark`"))
    else:
        for key, entry in fields.items():
            if not (isinstance(entry, dict) and isinstance(entry.get("sha256"), str)
                    and isinstance(entry.get("source"), str)):
                problems.append(Problem(document.source.locate(("fields", key)), f"fields.{key}",
                                        "expected `sha256:` and `source:`, as `translate mark` writes them"))
    if problems:
        raise ContentError(problems)
    return fields


def record_text(pairs: list[Pair], language: str, kept: dict | None = None) -> str:
    """The record of `pairs` as YAML, with the entries of `kept` (other fields) left as they were."""
    from briefing.load.source import dump_yaml

    fields = dict(kept or {})
    for pair in pairs:
        fields[pair.key] = {"sha256": fingerprint(pair.source), "source": pair.source}
    name = LANGUAGE_NAMES.get(language, language)
    head = (f"# Which text each field of the {name} edition was translated from, written by\n"
            f"# `python build.py translate mark --lang {language}` (and `translate import`). `check` warns\n"
            f"# when that text has changed since. Commit this file with the edition.\n")
    return head + dump_yaml({"language": language, "fields": dict(sorted(fields.items()))})


# --- stale fields -------------------------------------------------------------------------------

def stale(folder: Path, language: str) -> list[Problem]:
    """Each field of the edition whose original changed since it was marked translated, located
    in the edition; nothing when the edition has no record (its translations are not tracked)."""
    record = read_record(record_path(folder, language))
    if not record:
        return []
    problems = []
    for pair in edition_pairs(folder, language):
        entry = record.get(pair.key)
        if entry is None:
            problems.append(Problem(pair.where, field_name(pair.path), f"is not marked as translated: no "
                                    f"record of the {_language(folder)} text it translates; {_mark(language)}"))
        elif entry["sha256"] != fingerprint(pair.source):
            problems.append(Problem(pair.where, field_name(pair.path), _changed(pair, entry["source"], folder, language)))
    return problems


def _changed(pair: Pair, old: str, folder: Path, language: str) -> str:
    there = pair.source_where
    return (f"the {_language(folder)} text it translates has changed since "
            f"({display_path(there.file)}:{there.line}): was {_quoted(old)}, now {_quoted(pair.source)}; "
            f"update the translation, then {_mark(language)}")


def _language(folder: Path) -> str:
    data = read_yaml(folder / DECK_FILE).data
    code = data.get("language", "en") if isinstance(data, dict) else "en"
    return LANGUAGE_NAMES.get(code, code)


def _mark(language: str) -> str:
    return f"`python build.py translate mark --lang {language}` records it"


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= 160 else text[:157] + "...")

