"""The build's processes, all made one way: forked (where the system can) with everything already
imported, started so that a signal never catches one half-made, and ended with the build that
started them. Three kinds use it: the pool of deck writers (`parallel`), the chart drawer and the
rendering child (`fork`, with `limit` for the child that runs other people's templates).

A build turns SIGTERM into KeyboardInterrupt (see `cli`). A worker forked from it inherits that
handler until it sets its own; a SIGTERM in between (a build stopped at once, a CI job cancelled)
would print a worker's traceback, or leave a half-started pool waiting forever. So workers are
forked with SIGINT and SIGTERM blocked, set their own handlers, and only then take signals.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from typing import Any

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


def fork(target: Callable[..., None], *args: Any):
    """Start `target(*args)` in a process of its own, which ends with this one (daemon) and takes
    signals only once it has its own handlers (`target` calls `start_worker` first)."""
    process = context().Process(target=target, args=args, daemon=True)
    with signals_blocked():
        process.start()
    return process


def pipe(duplex: bool = True):
    """A connection pair between this process and one it forks."""
    return context().Pipe(duplex=duplex)


def limit(extra_memory: int, cpu_seconds: int) -> None:
    """Hold this process (a child running other people's work) to `extra_memory` bytes more than
    it has now, and to `cpu_seconds` of processor time; past either, the system stops it."""
    import resource

    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            size = int(f.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError):
        size = None
    if size is not None:
        resource.setrlimit(resource.RLIMIT_AS, (size + extra_memory, size + extra_memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))


def parallel(function: Callable[[Any], Any], jobs: list, workers: int) -> Iterator[tuple[int, Callable[[], Any]]]:
    """Run `function` on every job in `workers` worker processes; yield (job index, a call that
    returns its result or raises what it raised) as each finishes. Interrupted (Ctrl-C, SIGTERM)
    or failed, no worker outlives the build."""
    before = set(multiprocessing.active_children())
    with signals_blocked():      # the workers are forked now, and take signals once ready
        pool = ProcessPoolExecutor(workers, mp_context=context(), initializer=start_worker)
        futures = {pool.submit(function, job): index for index, job in enumerate(jobs)}
    try:
        for future in as_completed(futures):
            yield futures[future], future.result
    except BaseException:
        for process in set(multiprocessing.active_children()) - before:
            process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)



# --- programs of other makers (LibreOffice, poppler) -------------------------------------------------

_PROGRAMS: set = set()
"""The programs running now, each the leader of a process group of its own."""


def run_program(command: list[str], timeout: float, env: dict | None = None):
    """Run another program in a process group of its own, bounded by `timeout` seconds; on the
    timeout, Ctrl-C or SIGTERM the whole group is killed (LibreOffice starts a process of its own
    that would outlive its launcher) and nothing is left behind. Returns the CompletedProcess;
    raises subprocess.TimeoutExpired."""
    import subprocess

    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                               start_new_session=True)
    _PROGRAMS.add(process)
    try:
        out, err = process.communicate(timeout=timeout)
    except BaseException:
        _kill_group(process)
        raise
    finally:
        _PROGRAMS.discard(process)
    _kill_group(process)        # what the program started and left running goes with it
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def stop_programs() -> None:
    """Kill every program `run_program` is running (the build is stopping)."""
    for process in list(_PROGRAMS):
        _kill_group(process)


def _kill_group(process) -> None:
    import os

    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(timeout=5)
    except Exception:       # already reaped, or not ours to wait for
        pass
