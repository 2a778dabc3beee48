"""Worker processes: started so that a signal never catches one half-made, and ended with the
build that started them.

A build turns SIGTERM into KeyboardInterrupt (see `cli`). A worker forked from it inherits that
handler until it sets its own; a SIGTERM in between (a build stopped at once, a CI job cancelled)
would print a worker's traceback, or leave a half-started pool waiting forever. So workers are
forked with SIGINT and SIGTERM blocked, set their own handlers, and only then take signals.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

STOPPING = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def signals_blocked() -> Iterator[None]:
    """Hold SIGINT and SIGTERM until the block ends (they arrive then); a process forked inside
    starts with them held too."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def start_worker() -> None:
    """The first thing a worker does: end quietly on SIGTERM, leave Ctrl-C to the build (it reaches
    every process of the terminal; the build decides), die when the build dies, even by SIGKILL;
    then take the signals held since the fork."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None).prctl(1, signal.SIGTERM)      # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING)


def context():
    """Fork where it is safe (Linux): workers start at once with everything already imported."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")
