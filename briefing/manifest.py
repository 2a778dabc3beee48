"""`manifest.json` beside the decks: one entry per deck with what it is, its size and hash, and
the source files it came from, so CI consumers and reviewers can see what changed.

The manifest carries no time stamps: the same inputs give the same manifest, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from briefing import __version__

FILE = "manifest.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def entry(file: str, deck, slides: int, size: int, digest: str, sources: list[Path], root: Path) -> dict[str, Any]:
    """Return the manifest entry of one deck written as `file`."""
    return {
        "file": file,
        "deck": deck.name,
        "audience": deck.audience,
        "audience_name": deck.audience_name,
        "language": deck.header.language,
        "title": deck.header.title,
        "slides": slides,
        "bytes": size,
        "sha256": digest,
        "sources": [{"path": _relative(path, root), "sha256": sha256(path.read_bytes())}
                    for path in dict.fromkeys(sources)],
    }


def _relative(path: Path, root: Path) -> str:
    """Return `path` relative to the project, with forward slashes on every system."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()


def merged(out_dir: Path, entries: list[dict[str, Any]], complete: bool) -> bytes:
    """Return the manifest for `out_dir` after writing `entries`. After a partial build (one
    audience, one language), earlier entries whose decks are still there stay listed; after a
    complete one, only what it wrote (see `stale` for the decks it no longer makes)."""
    new = {e["file"]: e for e in entries}
    kept = [] if complete else [e for e in _read(out_dir / FILE)
                                if e.get("file") not in new and (out_dir / str(e["file"])).is_file()]
    decks = sorted([*kept, *new.values()], key=lambda e: e["file"])
    text = json.dumps({"generator": f"briefing {__version__}", "decks": decks}, indent=2, ensure_ascii=False)
    return (text + "\n").encode()


def stale(out_dir: Path, entries: list[dict[str, Any]]) -> list[Path]:
    """Return the decks the previous manifest listed that a complete build no longer makes (a
    profile or an edition was removed): left in place, they would look current."""
    new = {e["file"] for e in entries}
    listed = [str(e["file"]) for e in _read(out_dir / FILE)]
    return [out_dir / name for name in listed
            if name not in new and Path(name).name == name and name.endswith(".pptx") and (out_dir / name).is_file()]


def _read(path: Path) -> list[dict[str, Any]]:
    """Return the entries of an earlier manifest; one that is missing or unreadable counts as empty."""
    try:
        decks = json.loads(path.read_text(encoding="utf-8")).get("decks", [])
    except (OSError, ValueError, AttributeError):
        return []
    return [e for e in decks if isinstance(e, dict) and isinstance(e.get("file"), str)]
