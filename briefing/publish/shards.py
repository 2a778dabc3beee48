"""Building past one machine: `--shard K/N` builds a stable share of the selected variants, and
`merge` joins the shards' output folders into one, whose manifest is the one a single build of
everything would have written.

A variant's shard follows from its file name alone (SHA-256, not Python's salted hash), so the
same variant lands in the same shard on every runner, in every run, whatever else is selected.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.publish import manifest
from briefing.errors import BriefingError, OutputError, describe, display_path


@dataclass(frozen=True)
class Shard:
    """Shard `index` (1-based) of `count`, of the variants a selection names."""

    index: int
    count: int
    selection: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """The selection options the shard was built with (merge refuses shards of different ones)."""

    def holds(self, file: str) -> bool:
        """Whether the variant written as `file` is this shard's."""
        digest = hashlib.sha256(file.encode("utf-8")).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index - 1

    def record(self) -> dict[str, Any]:
        """What the shard's manifest says of it."""
        return {"index": self.index, "count": self.count, "selection": {k: list(v) for k, v in self.selection}}


def parse(text: str, selection: dict[str, list[str] | None] | None = None) -> Shard:
    """Read `--shard K/N`; raises BriefingError saying what is wrong with it."""
    found = re.fullmatch(r"\s*(\d{1,6})\s*/\s*(\d{1,6})\s*", text)
    if not found:
        raise BriefingError(f"--shard {text}: write it as K/N, e.g. 2/4 for the second of four shards")
    index, count = int(found[1]), int(found[2])
    if not 1 <= index <= count:
        raise BriefingError(f"--shard {text}: K must be between 1 and N ({count})" if count else
                            f"--shard {text}: N must be at least 1")
    chosen = tuple((key, tuple(sorted(value))) for key, value in sorted((selection or {}).items()) if value)
    return Shard(index, count, chosen)


@dataclass
class _Folder:
    """One folder to merge: where it is, its manifest's entries and shard record."""

    path: Path
    entries: list[dict[str, Any]]
    shard: dict[str, Any] | None


def merge(folders: list[Path], out_dir: Path, note: Callable[[str], None]) -> list[dict[str, Any]]:
    """Join the output folders of several builds (the shards of one, usually) into `out_dir`, all
    or nothing, and return the manifest entries written. Every deck and outline is checked against
    the manifest that lists it; two folders may only both list a file with the same bytes."""
    from briefing.publish.output import release, staging

    import os

    if any(os.path.realpath(folder) == os.path.realpath(out_dir) for folder in folders):
        raise OutputError(f"{display_path(out_dir)}: the output folder is one of the folders to merge; merge into "
                          "another")
    read = [_read(folder) for folder in folders]
    complete = _complete(read)
    found = _entries(read)
    _same_sources(read)
    entries = [e for _, e in found.values()]
    owners = frozenset(e.get("project_id") for e in entries)
    owner = owners if len(owners) == 1 else frozenset()      # folders of several projects own nothing there
    with staging(out_dir) as folder:
        for source, e in found.values():
            for name in (e["file"], e["outline"]):
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source / name, folder / name)
        release(folder, out_dir, entries, owner, complete and bool(owner), note)
    return entries


def _read(folder: Path) -> _Folder:
    if not folder.is_dir():
        raise OutputError(f"{display_path(folder)}: no such folder to merge")
    path = folder / manifest.FILE
    previous = manifest.read(folder)
    if previous.unreadable or not path.is_file():
        why = previous.why or f"{display_path(path)} is missing"     # nothing of a shard is set aside
        raise OutputError(f"{display_path(folder)}: not the output folder of a build ({why})")
    for e in previous.entries:
        _valid_record(path, e)
    if previous.shard is not None:
        _valid_shard(path, previous.shard)
    return _Folder(folder, previous.entries, previous.shard)


_HASH = re.compile(r"[0-9a-f]{64}")
_RECORD = {
    "file": (str, "a file name"), "project": (str, "a name"), "project_id": (str, "a project's id"),
    "deck": (str, "a deck's name"), "audience": (str, "an audience's name"), "language": (str, "a language"),
    "title": (str, "a title"), "slides": (int, "a whole number"), "bytes": (int, "a whole number"),
    "sha256": ("hash", "a SHA-256"), "outline": (str, "a file name"), "outline_sha256": ("hash", "a SHA-256"),
    "sources": (list, "a list of sources"),
}
"""A manifest record's fields, as a build writes them: what each holds, in words for a message."""


def _refused(path: Path, where: str, value: object, what: str) -> OutputError:
    return OutputError(f"{display_path(path)}: {where} is {describe(value)}, not {what}; build that folder again")


def _valid_record(path: Path, e: dict[str, Any]) -> None:
    """A deck's record checked as data: every field there, of its kind (a shard's manifest is
    read from another machine, and a record is what `merge` writes into the joined one)."""
    name = e["file"]
    for key, (kind, what) in _RECORD.items():
        value = e.get(key)
        fits = (isinstance(value, str) and bool(_HASH.fullmatch(value)) if kind == "hash" else
                isinstance(value, int) and not isinstance(value, bool) and value >= 0 if kind is int else
                isinstance(value, kind))
        if not fits:
            raise _refused(path, f"the record of {describe(name)}: {key}", value, what)
    if not (e.get("audience_name") is None or isinstance(e.get("audience_name"), str)):
        raise _refused(path, f"the record of {describe(name)}: audience_name", e.get("audience_name"), "a name")
    for number, source in enumerate(e["sources"]):
        if not (isinstance(source, dict) and isinstance(source.get("path"), str)
                and isinstance(source.get("sha256"), str) and _HASH.fullmatch(source["sha256"])):
            raise _refused(path, f"the record of {describe(name)}: sources[{number}]", source,
                           "a source (path and sha256)")


def _valid_shard(path: Path, shard: dict[str, Any]) -> None:
    """A shard record checked as data: index and count whole numbers, 1 <= index <= count, the
    selection lists of names."""
    for key in ("index", "count"):
        value = shard.get(key)
        if not (isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 999_999):
            raise _refused(path, f"shard.{key}", value, "a whole number from 1")
    if shard["index"] > shard["count"]:
        raise _refused(path, "shard.index", shard["index"], f"a shard of {shard['count']}")
    selection = shard.get("selection", {})
    if not (isinstance(selection, dict) and all(isinstance(k, str) and isinstance(v, list)
                                                and all(isinstance(i, str) for i in v) for k, v in selection.items())):
        raise _refused(path, "shard.selection", selection, "the selection of a build")


def _same_sources(folders: list[_Folder]) -> None:
    """Refuse folders built from different sources: every source file any two records name must
    have the same SHA-256 in both."""
    seen: dict[str, tuple[str, Path]] = {}
    for folder in folders:
        for e in folder.entries:
            for source in e["sources"]:
                digest, first = seen.setdefault(source["path"], (source["sha256"], folder.path))
                if digest != source["sha256"]:
                    raise OutputError(f"{display_path(folder.path)}: built from another {describe(source['path'])} "
                                      f"than {display_path(first)} (its SHA-256 differs); merge the shards of one "
                                      "build of the same sources")


def _complete(folders: list[_Folder]) -> bool:
    """Whether the folders are every shard of one sharded build (then the merge is a complete
    build: decks no source makes any more go). Raises when shards are missing, repeated or of
    different builds; folders of unsharded builds merge as partial builds."""
    shards = [f for f in folders if f.shard]
    if not shards:
        return False
    if len(shards) != len(folders):
        plain = next(f for f in folders if not f.shard)
        raise OutputError(f"{display_path(plain.path)}: not a shard, unlike {display_path(shards[0].path)}; "
                          "merge the shards of one build, or whole builds")
    first = shards[0].shard
    for f in shards[1:]:
        if (f.shard.get("count"), f.shard.get("selection")) != (first.get("count"), first.get("selection")):
            raise OutputError(f"{display_path(f.path)}: a shard of another build than {display_path(shards[0].path)} "
                              "(another shard count or selection)")
    indexes = [f.shard.get("index") for f in shards]
    repeated = sorted({i for i in indexes if indexes.count(i) > 1})
    if repeated:
        raise OutputError(f"shard {repeated[0]}/{first['count']} is given twice")
    missing = [i for i in range(1, int(first["count"]) + 1) if i not in indexes]
    if missing:
        listed = ", ".join(f"{i}/{first['count']}" for i in missing)
        raise OutputError(f"shard{'s' if len(missing) > 1 else ''} {listed} missing: merge every shard of the build")
    return not first.get("selection")


def _entries(folders: list[_Folder]) -> dict[str, tuple[Path, dict[str, Any]]]:
    """Every deck of every folder by file name, each checked against its manifest."""
    found: dict[str, tuple[Path, dict[str, Any]]] = {}
    for folder in folders:
        for e in folder.entries:
            _check_entry(folder.path, e)
            earlier = found.get(e["file"])
            if earlier and earlier[1].get("sha256") != e.get("sha256"):
                raise OutputError(f"{e['file']}: {display_path(earlier[0])} and {display_path(folder.path)} hold "
                                  "different decks of this name; merge builds of one source")
            found.setdefault(e["file"], (folder.path, e))
    return dict(sorted(found.items()))


def _check_entry(folder: Path, e: dict[str, Any]) -> None:
    for name, digest in ((e.get("file"), e.get("sha256")), (e.get("outline"), e.get("outline_sha256"))):
        if not (isinstance(name, str) and manifest.inside(name)):
            raise OutputError(f"{display_path(folder / manifest.FILE)}: lists {name!r}, not a file of the folder")
        if not manifest.in_folder(folder, name):
            raise OutputError(f"{display_path(folder / name)}: reached through a link to elsewhere, not a file of "
                              f"{display_path(folder)}; merge only what the build wrote there")
        if manifest.digest(folder / name) != digest:
            raise OutputError(f"{display_path(folder / name)}: not as the build wrote it (missing or changed "
                              "since); build that shard again")
    _as_recorded(folder, e)


def _as_recorded(folder: Path, e: dict[str, Any]) -> None:
    """The deck is what its record says: its size, its number of slides and its title (read from
    the file itself, whose hash matched), so no record can claim another deck's facts."""
    import html
    import io
    import zipfile

    path = folder / e["file"]
    data = path.read_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            slides = sum(1 for n in archive.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n))
            core = archive.read("docProps/core.xml").decode("utf-8")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError, EOFError):
        raise OutputError(f"{display_path(path)}: not a deck this tool wrote; build that folder again") from None
    found = re.search(r"<dc:title>([^<]*)</dc:title>", core)
    facts = {"bytes": len(data), "slides": slides, "title": html.unescape(found[1]) if found else ""}
    for key, value in facts.items():
        if e[key] != value:
            raise OutputError(f"{display_path(folder / manifest.FILE)}: the record of {describe(e['file'])}: {key} "
                              f"is {describe(e[key])}, but the deck's is {describe(value)}; build that folder again")
