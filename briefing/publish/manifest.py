"""`manifest.json` beside the decks: one entry per deck with what it is, its size and hash, its
outline, the project that wrote it and the source files it came from, so CI consumers and
reviewers can see what changed, and so a build knows which files in the output folder are its own.

The output folder belongs to the user: a build only ever deletes or replaces a file that a
manifest of this project lists with the bytes the file still has. A manifest that is not what
this tool wrote (hand-edited, truncated, a link to a device) is set aside, never trusted, never a
reason to fail. The manifest carries no time stamps: the same inputs give the same manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing import __version__
from briefing.errors import display_path
from briefing.runtime.files import NotAFile, TooLarge, read_json

FILE = "manifest.json"
MAX_BYTES = 10_000_000
"""A manifest lists decks and their sources: anything larger is not one."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def project_id(root: Path) -> str:
    """Who wrote a deck: the project, known by its folder's name, not by where that folder is. A
    project moved, or copied under its name, with its output/ is still itself (its files there are
    then known by the bytes its records give them); two projects of different names writing into
    one output folder are two."""
    return sha256(f"project:{root.resolve().name}".encode())[:16]


def owners(root: Path) -> frozenset[str]:
    """The ids this project's records may carry: its own, and the one builds before this rule
    gave it (its folder's path), so that an upgrade keeps no copies of its own decks."""
    return frozenset({project_id(root), sha256(str(root.resolve()).encode())[:16]})


def entry(file: str, deck: Any, slides: int, size: int, digest: str, outline: tuple[str, str], sources: list[Path],
          root: Path) -> dict[str, Any]:
    """Return the manifest entry of one deck written as `file`, with its outline (name, sha256)."""
    return {
        "file": file,
        "project": root.resolve().name,
        "project_id": project_id(root),
        "deck": deck.name,
        "audience": deck.audience,
        "audience_name": deck.audience_name,
        "language": deck.header.language,
        "title": deck.header.title,
        "slides": slides,
        "bytes": size,
        "sha256": digest,
        "outline": outline[0],
        "outline_sha256": outline[1],
        "sources": [{"path": relative(path, root), "sha256": sha256(path.read_bytes())}
                    for path in dict.fromkeys(sources)],
    }


def relative(path: Path, root: Path) -> str:
    """Return `path` relative to the project, with forward slashes on every system."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()


@dataclass
class Previous:
    """What the output folder's manifest says, when it could be read, and what was noticed."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unreadable: bool = False
    shard: dict[str, Any] | None = None
    """Which shard of a build wrote the folder (see `briefing.publish.shards`), if one did."""
    why: str = ""
    """Why the manifest cannot be trusted, in words for any command (the notes say what a build does)."""


def read(out_dir: Path) -> Previous:
    """Read the output folder's manifest; one that is missing is empty, one that cannot be trusted
    is reported (and moved out of the way as the new one moves in), never raised."""
    path = out_dir / FILE
    try:
        if os.path.islink(path):
            return _untrusted(path, "is a link, not the file this tool writes", ", and no deck it lists was deleted")
        info = os.stat(path)
    except FileNotFoundError:
        return Previous()
    except OSError as e:
        return _untrusted(path, f"cannot be read ({e.strerror})")
    data, why = _load(path, info)
    if why:
        return _untrusted(path, why, ", and no deck it lists was deleted")
    shard = data.get("shard")
    return Previous(_entries(data), shard=shard if isinstance(shard, dict) else None)


def _untrusted(path: Path, why: str, kept: str = "") -> Previous:
    return Previous(notes=[f"{display_path(path)}: {why}; set aside{kept}"], unreadable=True,
                    why=f"{display_path(path)}: {why}")


def _load(path: Path, info: os.stat_result) -> tuple[Any, str]:
    """Return the manifest's data, or why it cannot be trusted."""
    try:
        data = read_json(path, MAX_BYTES)
    except NotAFile:
        return None, "is not a regular file"
    except TooLarge as e:
        return None, f"is {e.size or info.st_size:,} bytes, larger than any manifest"
    except (OSError, ValueError, RecursionError):
        return None, "is not the JSON this tool writes"
    if not (isinstance(data, dict) and isinstance(data.get("decks"), list)):
        return None, "is not a manifest of decks"
    return data, ""


def _entries(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in data["decks"] if isinstance(e, dict) and isinstance(e.get("file"), str)]


def aside_name(out_dir: Path) -> Path:
    """Where an untrusted manifest is moved when the new one takes its place: manifest.json.unreadable,
    -2, -3, ..."""
    for number in range(1, 1000):
        target = out_dir / (f"{FILE}.unreadable" + (f"-{number}" if number > 1 else ""))
        if not os.path.lexists(target):
            return target
    return out_dir / f"{FILE}.unreadable-1000"


def merged(previous: list[dict[str, Any]], entries: list[dict[str, Any]], project: frozenset[str], complete: bool,
           out_dir: Path, shard: dict[str, Any] | None = None) -> bytes:
    """Return the manifest after writing `entries`: other projects' entries stay; this project's
    earlier entries stay after a partial build (one audience, one language) while their decks are
    there, and after a complete build only what it wrote is listed. A shard's manifest says which
    shard it is, for `merge`."""
    new = {e["file"]: e for e in entries}
    kept = [e for e in previous if e["file"] not in new and (
        not written_by(e, project) or (not complete and (out_dir / e["file"]).is_file()))]
    decks = sorted([*kept, *new.values()], key=lambda e: e["file"])
    head = {"generator": f"briefing {__version__}", **({"shard": shard} if shard else {})}
    text = json.dumps({**head, "decks": decks}, indent=2, ensure_ascii=False)
    return (text + "\n").encode()


def written_by(e: dict[str, Any], project: frozenset[str]) -> bool:
    """Whether the record `e` is one of the project whose ids are `project`."""
    found = e.get("project_id")
    return isinstance(found, str) and found in project


def owns(previous: list[dict[str, Any]], name: str, out_dir: Path, project: frozenset[str]) -> bool:
    """Whether the file `name` (a deck or an outline) in the output folder is one this project's
    build wrote, known by its content: listed in the manifest as this project's (`project`: its
    ids, see `owners`), with the bytes it has now. A file someone edited, or another project's
    deck of the same name, is not."""
    found = digest(out_dir / name) if inside(name) and in_folder(out_dir, name) else None
    if found is None:
        return False
    for e in previous:
        if not written_by(e, project):
            continue
        if (e.get("file"), e.get("sha256")) == (name, found) or (e.get("outline"), e.get("outline_sha256")) == (
                name, found):
            return True
    return False


def stale(previous: list[dict[str, Any]], entries: list[dict[str, Any]], project: frozenset[str],
          out_dir: Path) -> tuple[list[Path], list[str]]:
    """Return the files of this project's earlier decks that a complete build no longer makes (a
    profile or an edition was removed) and that are still as it wrote them, to delete; and a note
    for each it leaves (edited since, or not a file of this folder)."""
    made = {e["file"] for e in entries}
    written = made | {e["outline"] for e in entries}     # never removed, whatever an old entry says
    remove, notes = [], []
    for e in previous:
        if not written_by(e, project) or e["file"] in made:
            continue
        for name, listed in ((e["file"], e.get("sha256")), (e.get("outline"), e.get("outline_sha256"))):
            if not isinstance(name, str) or not inside(name) or name in written or not in_folder(out_dir, name):
                continue
            path = out_dir / name
            found = digest(path)
            if found is None:
                continue
            if found == listed:
                remove.append(path)
            else:
                notes.append(f"{display_path(path)}: no source makes it any more, but it was changed since it was "
                             "built; left in place")
    return remove, notes


def inside(name: str) -> bool:
    """Whether a listed name is one a build writes: a deck in the output folder (<name>.pptx), or
    its outline in outline/ (<name>.md)."""
    import re

    return bool(re.fullmatch(r"[^/\\]+\.pptx|outline/[^/\\]+\.md", name)) and ".." not in name.split("/")


def in_folder(out_dir: Path, name: str) -> bool:
    """Whether `name` in the output folder is there, not reached through a link to a folder
    elsewhere (a crafted manifest must not make a build delete a file outside it)."""
    return os.path.realpath(out_dir / name) == os.path.join(os.path.realpath(out_dir), *name.split("/"))


def digest(path: Path) -> str | None:
    """The SHA-256 of a regular file, read a megabyte at a time (None for anything else: missing,
    a link, a folder, a device)."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            return None
        hashed = hashlib.sha256()
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                hashed.update(chunk)
        return hashed.hexdigest()
    except OSError:
        return None
