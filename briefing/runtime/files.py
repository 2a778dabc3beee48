"""Files from outside and files the build writes, each handled one way everywhere.

Whatever a build reads comes from other people's hands, so it is a regular file of bounded size,
checked before it is opened (a FIFO, /dev/zero or a folder where a file should be is refused, not
waited on), and it lies inside the folder it belongs to, links followed. Whatever the build writes
goes through a temporary file beside its target and replaces it in one step, so a failure leaves
the old file whole.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class NotAFile(OSError):
    """A folder, a pipe, a device (or a link to one) where a file was expected."""

    def __init__(self) -> None:
        super().__init__(0, "not a regular file (a folder, a pipe or a device)")


class TooLarge(OSError):
    """A file larger than its kind of file may be."""

    def __init__(self, size: int | None, limit: int) -> None:
        self.size, self.limit = size, limit
        words = f"the file is {size:,} bytes" if size is not None else f"the file is over {limit:,} bytes"
        super().__init__(0, f"{words}; files here are limited to {limit:,}")


def read_bounded(path: Path, limit: int) -> bytes:
    """Read a regular file of at most `limit` bytes; anything else (a folder, a FIFO, a device, a
    link to one, a huge or sparse file) is refused before it is opened for reading, so no file can
    make a build hang or fill its memory. Raises NotAFile, TooLarge, or the OSError of reading,
    each with words a user can act on."""
    info = os.stat(path)        # follows links: what counts is what would be read
    if not stat.S_ISREG(info.st_mode):
        raise NotAFile()
    if info.st_size > limit:
        raise TooLarge(info.st_size, limit)
    with open(path, "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:       # grew since it was measured
        raise TooLarge(None, limit)
    return data


MAX_JSON_DEPTH = 32
"""No JSON file the project reads (manifests, preview records) nests deeper; deeper is refused
before it is parsed, so a file of 100,000 brackets is a message, not a RecursionError."""


class TooDeep(ValueError):
    """JSON nested deeper than any file of the project's is."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"nested more than {limit} levels deep")


def read_json(path: Path, limit: int, depth: int = MAX_JSON_DEPTH):
    """Read a JSON file with `read_bounded`'s checks, refusing nesting deeper than `depth` before
    parsing. Raises NotAFile, TooLarge or OSError (reading), TooDeep or ValueError (not JSON, not
    UTF-8)."""
    import json

    text = read_bounded(path, limit).decode("utf-8")
    if _depth(text) > depth:
        raise TooDeep(depth)
    return json.loads(text)


def _depth(text: str) -> int:
    """The deepest nesting of brackets in JSON text, strings left out (at C speed: no loop a character)."""
    import re
    from itertools import accumulate

    brackets = re.sub(r'[^\[\]{}]', "", re.sub(r'"[^"\\]*(?:\\.[^"\\]*)*"', "", text))
    steps = brackets.translate({ord("["): "+", ord("{"): "+", ord("]"): "-", ord("}"): "-"})
    return max(accumulate(1 if c == "+" else -1 for c in steps), default=0)


def inside(folder: Path, path: Path) -> bool:
    """Whether `path`, links followed, lies inside `folder` (links followed too)."""
    return Path(os.path.realpath(folder)) in Path(os.path.realpath(path)).parents


def write_atomically(path: Path, data: bytes, *, durable: bool = False, private: bool = False) -> None:
    """Write `data` to `path` through a temporary file beside it, then replace `path` in one step;
    on any failure the temporary file is removed and `path` is as it was. `durable` waits for the
    disk; the file gets the permissions the user's umask gives new files unless `private`.
    Raises OSError."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        e.in_folder = True      # the folder cannot take a file at all, said as such
        raise
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        if not private:
            os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def real_folder(folder: Path) -> str:
    """Why the build may not write into `folder` (a link to elsewhere, or something other than a
    folder where one goes), or "" when it may: a real folder, or none yet."""
    if folder.is_symlink():
        return "is a link; files are written only into a real folder, never through a link: move the link away"
    if folder.exists() and not folder.is_dir():
        return "is not a folder; move it away"
    return ""

