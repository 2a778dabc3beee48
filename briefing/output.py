"""The output folder: decks are written into a staging folder inside it, and moved into place
only when every one of them was written; files are replaced atomically, so a failure never
leaves half a deck where the last good one was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing.errors import OutputError, display_path

STAGING_PREFIX = ".staging-"


@contextmanager
def staging(out_dir: Path) -> Iterator[Path]:
    """Yield a fresh staging folder inside `out_dir` (so that moving a deck out of it is a rename),
    and remove it afterwards, whatever happened; staging folders left by killed builds go too."""
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


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def save_atomically(data: bytes, path: Path) -> None:
    """Write `data` to `path` through a temporary file, so the old file survives any failure."""
    shown = display_path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise OutputError(f"{display_path(path.parent)}: cannot write the deck there: {e.strerror}") from e
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())    # mkstemp makes it private; a deck is an ordinary file
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{shown}: cannot write the deck: {e.strerror}") from e
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
