"""The output folder: decks are written into a staging folder inside it, and moved into place
only when every one of them was written, the manifest last; if a move fails, what was replaced is
put back. Files are replaced atomically, so a failure never leaves half a deck where the last good
one was, and a file the build did not write is never lost.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from briefing.publish import manifest
from briefing.errors import OutputError, display_path
from briefing.runtime.files import write_atomically

STAGING_PREFIX = ".staging-"


@contextmanager
def staging(out_dir: Path) -> Iterator[Path]:
    """Yield a fresh staging folder inside `out_dir` (so that moving a deck out of it is a rename),
    and remove it afterwards, whatever happened; staging folders left by killed builds go too."""
    created = not out_dir.exists()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(out_dir)
        folder = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out_dir))
    except OSError as e:
        raise OutputError(f"{display_path(out_dir)}: cannot write decks there: {e.strerror}") from e
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if created and not any(out_dir.iterdir()):
            out_dir.rmdir()     # a first build that failed leaves no empty folder behind


def _remove_abandoned(out_dir: Path) -> None:
    """Remove staging folders whose build process is gone (killed before it could clean up)."""
    for folder in out_dir.glob(f"{STAGING_PREFIX}*"):
        pid = folder.name[len(STAGING_PREFIX):].split("-")[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True     # it exists but belongs to someone else
    return True


def save_atomically(data: bytes, path: Path) -> None:
    """Write `data` to `path` through a temporary file, so the old file survives any failure."""
    try:
        write_atomically(path, data, durable=True)
    except OSError as e:
        if getattr(e, "in_folder", False):
            raise OutputError(f"{display_path(path.parent)}: cannot write the deck there: {e.strerror}") from e
        raise OutputError(f"{display_path(path)}: cannot write the deck: {e.strerror}") from e


def release(staging: Path, out_dir: Path, entries: list[dict], owner: frozenset[str], complete: bool,
            note: Callable[[str], None], shard: dict | None = None) -> None:
    """Move the staged decks and outlines of `entries` and the manifest into `out_dir`, all or
    nothing. `owner`: the ids of the project writing; its files are known by their content, the
    bytes its records give them (see `manifest.owns`). After a complete build (or a merge of
    every shard), the project's decks that no source makes any more are removed, when they are
    still as it wrote them; `note` hears of every file kept or left. A manifest that is not what this tool wrote is set aside as the new one
    moves in (not before: a build that fails leaves it where it was)."""
    previous = manifest.read(out_dir)
    for text in previous.notes:
        note(text)
    aside = {manifest.FILE: manifest.aside_name(out_dir)} if previous.unreadable else {}
    names = [name for e in entries for name in (e["file"], e["outline"])]
    remove, left = manifest.stale(previous.entries, entries, owner, out_dir) if complete else ([], [])
    (staging / manifest.FILE).write_bytes(manifest.merged(previous.entries, entries, owner, complete, out_dir, shard))

    def owned(name: str) -> bool:
        return name == manifest.FILE or manifest.owns(previous.entries, name, out_dir, owner)

    for text in publish(staging, out_dir, [*names, manifest.FILE], owned, aside) + left:
        note(text)
    for path in remove:
        try:
            path.unlink()
        except OSError as e:
            note(f"{display_path(path)}: no source makes it any more, but it could not be removed: {e.strerror}")


@dataclass
class _Step:
    """One file put in place: where the new one came from, and where the old one went (if any)."""

    staged: Path
    target: Path
    old: Path | None = None


def publish(staging: Path, out_dir: Path, names: list[str], owned: Callable[[str], bool],
            aside: dict[str, Path] | None = None) -> list[str]:
    """Move the staged files `names` (decks, outlines, and the manifest last) into `out_dir`, all
    or nothing: every target is checked before anything moves, and when a move fails the files
    already replaced are put back (and the folders made for them removed). An existing file a
    build did not write (`owned` says no) is kept beside, renamed, or moved to its `aside` path;
    returns a note for each kept file."""
    notes: list[str] = []
    aside = aside or {}
    backup = staging / ".replaced"
    plan = []
    for name in names:
        target = out_dir / name
        _check_target(out_dir, name, target, moved_aside=name in aside)
        old = None
        if os.path.lexists(target):
            if name in aside:
                old = aside[name]
            elif owned(name) or _same_bytes(staging / name, target):
                old = backup / name
            else:
                old = kept_name(target)
                notes.append(f"{display_path(target)} was not as a build left it; kept as {display_path(old)}")
        plan.append(_Step(staging / name, target, old))
    made = _folders(plan, out_dir)
    if _move_all(plan, made):
        notes.append("a stop signal came while the files were put in place; the build finished that first")
    return notes


def _check_target(out_dir: Path, name: str, target: Path, moved_aside: bool) -> None:
    """Refuse, before anything moves, a target that is not a file, or a file where a folder goes."""
    for parent in list(Path(name).parents)[:-1]:
        if os.path.islink(out_dir / parent):
            raise OutputError(f"{display_path(out_dir / parent)}: is a link; a build writes only into real folders "
                              "inside the output folder, never through a link: move it away (no deck in the output "
                              "folder was changed)")
        if os.path.lexists(out_dir / parent) and not (out_dir / parent).is_dir():
            raise OutputError(f"{display_path(out_dir / parent)}: a file stands where the {parent.as_posix()}/ "
                              "folder goes; move it away (no deck in the output folder was changed)")
    if not moved_aside and (target.is_dir() or (os.path.islink(target) and not target.is_file())):
        raise OutputError(f"{display_path(target)}: something other than a file stands where it goes; move it "
                          "away (no deck in the output folder was changed)")


def _folders(plan: list[_Step], out_dir: Path) -> list[Path]:
    """Make the folders the moves need; return those made, to remove if the moves fail."""
    made = []
    try:
        for folder in sorted({step.target.parent for step in plan} | {s.old.parent for s in plan if s.old}):
            missing = [f for f in (folder, *folder.parents) if not f.exists()]
            folder.mkdir(parents=True, exist_ok=True)
            made += reversed(missing)
    except OSError as e:
        _remove_empty(made)
        raise OutputError(f"{display_path(out_dir)}: cannot write there: {e.strerror}") from e
    return made


def _remove_empty(folders: list[Path]) -> None:
    for folder in reversed(folders):
        try:
            folder.rmdir()
        except OSError:
            pass


def _move_all(plan: list[_Step], made: list[Path]) -> bool:
    """Make the moves; returns whether a stop signal came meanwhile. A signal (Ctrl-C, SIGTERM)
    waits until every file is in place, never half a publication, and then the build finishes."""
    from briefing.runtime.processes import signals_blocked

    try:
        with signals_blocked():
            _moves(plan, made)
    except KeyboardInterrupt:       # delivered as the signals are let through: the moves are done
        return True
    return False


def _moves(plan: list[_Step], made: list[Path]) -> None:
    done: list[tuple[Path, Path]] = []
    try:
        for step in plan:
            if step.old is not None:
                os.replace(step.target, step.old)
                done.append((step.target, step.old))
            os.replace(step.staged, step.target)
            done.append((step.staged, step.target))
    except OSError as e:
        for source, moved in reversed(done):      # put everything back where it was
            try:
                os.replace(moved, source)
            except OSError:
                pass
        _remove_empty(made)
        raise OutputError(f"{display_path(step.target)}: cannot put the new file in place ({e.strerror}); every "
                          "file in the output folder was put back as it was") from e


def _same_bytes(new: Path, old: Path) -> bool:
    """Whether the file in the way already has the bytes it would get: replacing it loses nothing."""
    try:
        return os.path.isfile(old) and not os.path.islink(old) and new.stat().st_size == old.stat().st_size \
            and new.read_bytes() == old.read_bytes()
    except OSError:
        return False


def kept_name(target: Path) -> Path:
    """A free name beside `target` for a file that is kept: x.pptx -> x.kept.pptx, x.kept-2.pptx."""
    for number in range(1, 1000):
        suffix = ".kept" + (f"-{number}" if number > 1 else "")
        candidate = target.with_name(f"{target.stem}{suffix}{target.suffix}")
        if not os.path.lexists(candidate):
            return candidate
    raise OutputError(f"{display_path(target)}: too many kept copies beside it; clear some away")
