"""Time whole-process builds against the bare reference script, in one run, and print the figures
(not a test: figures to read, targets beside them).

    python bench/bench.py [--runs N]

Everything runs on a scratch copy of the project, so editing a text for the warm build touches
nothing of yours. `bench/bare.py` is the reference: it loads the YAML deck, renders it with Jinja2,
draws one Matplotlib chart and writes the slides with python-pptx, and nothing else.

Targets (issues 9 and 13), each a ratio to the bare script measured in the same run:
  check, every variant ............................. <= 0.4 x bare, one deck
  one deck, cold (chart drawn) ..................... <= 1.2 x bare, one deck
  every variant, cold ............................... <= 1.5 x bare making as many variants
  one deck, warm, after a text change .............. <= 0.5 x bare, one deck
  peak memory of a build of every variant .......... < 150 MB
  watch: from a save to the rebuilt deck in place .. <= 0.15 s (one variant watched, a text edit)
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DECK = "japan-cyber-diplomacy"

_PEAK = ("import resource, runpy, sys; sys.argv = sys.argv[1:]; code = 0\n"
         "import briefing.cli; briefing.cli.exit_now = sys.exit  # so that the figures below get printed\n"
         "try:\n    runpy.run_path(sys.argv[0], run_name='__main__')\n"
         "except SystemExit as e:\n    code = e.code or 0\n"
         "r = resource.getrusage; s, c = r(resource.RUSAGE_SELF), r(resource.RUSAGE_CHILDREN)\n"
         "print('PEAK', s.ru_maxrss, c.ru_maxrss, file=sys.stderr)\n"
         "print('CPU', s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime, file=sys.stderr); sys.exit(code)")
"""Runs a script and reports its own peak memory and its largest child's (kilobytes, Linux), and
the CPU seconds of the process and its children together (bench/many.py uses it too)."""


def timed(cases: dict, runs: int, cwd: Path) -> dict[str, list[float]]:
    """Return wall-clock seconds of `runs` runs of each case's command (after one untimed
    warm-up), the cases taken in turn within each round, so that a slow spell of a shared machine
    falls on all of them alike; a case's `before` runs untimed before each of its runs (to edit a
    file, or empty a cache)."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for run in range(runs + 1):
        for name, (command, before) in cases.items():
            if before:
                before(run)
            start = time.perf_counter()
            subprocess.run(command, cwd=cwd, check=True, capture_output=True)
            if run:
                times[name].append(time.perf_counter() - start)
    return times


def peak_mb(command: list[str], cwd: Path) -> tuple[float, float]:
    """Return the peak memory (MB) of the process running `command` and of its largest worker."""
    result = subprocess.run([sys.executable, "-c", _PEAK, *command[1:]], cwd=cwd, check=True,
                            capture_output=True, text=True)
    line = next(line for line in result.stderr.splitlines() if line.startswith("PEAK"))
    own, child = (int(v) / 1024 for v in line.split()[1:])
    return own, child


def watch_latency(python: str, project: Path, deck_file: Path, out: Path, runs: int) -> list[float]:
    """Start `watch` on one variant, then save a text edit `runs` times; return the seconds from
    each save to the rebuilt deck being in place (a new file where the old one was)."""
    import os

    deck = out / f"{DECK}-full-en.pptx"
    command = [python, "build.py", "watch", DECK, "--audience", "full", "--lang", "en", "--output", str(out)]
    watcher = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in watcher.stdout:
            if line.startswith("watching"):
                break
        original = deck_file.read_text(encoding="utf-8")
        times = []
        for run in range(runs + 1):
            time.sleep(0.5)     # the watcher settles; each save is a separate edit
            before = os.stat(deck).st_ino, os.stat(deck).st_mtime_ns
            edited = original.replace("title: Way Forward", f"title: Way Forward {run}")
            start = time.perf_counter()
            deck_file.write_text(edited, encoding="utf-8")
            while (os.stat(deck).st_ino, os.stat(deck).st_mtime_ns) == before:
                if time.perf_counter() - start > 30:
                    raise RuntimeError("watch did not rebuild within 30 s")
                time.sleep(0.001)
            if run:         # the first save warms what the first build did not use
                times.append(time.perf_counter() - start)
        deck_file.write_text(original, encoding="utf-8")
        return times
    finally:
        watcher.terminate()
        watcher.wait(timeout=10)


def scratch_project(into: Path) -> Path:
    for folder in ("content", "charts", "templates", "images"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, into / folder)
    shutil.copy(ROOT / "build.py", into / "build.py")
    return into


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    python = sys.executable
    # Byte-compile the package as an installed package is: an editable install with
    # PYTHONDONTWRITEBYTECODE set would otherwise compile every module on every run.
    subprocess.run([python, "-m", "compileall", "-q", str(ROOT / "briefing")], check=True)
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        project = scratch_project(scratch / "project")
        out = scratch / "out"
        listing = subprocess.run([python, "build.py", "list", DECK], cwd=project, check=True, capture_output=True,
                                 text=True).stdout
        variants = sum(1 for line in listing.splitlines() if line.endswith(")") and ".pptx:" in line)
        deck_file = project / "content" / DECK / "deck.yaml"
        data = project / "charts" / "data" / "nict-darknet.yaml"
        bare = [python, str(ROOT / "bench" / "bare.py"), str(deck_file), str(data), str(out / "bare")]
        one = ["--audience", "full", "--lang", "en", "--output", str(out / "one")]
        original = deck_file.read_text(encoding="utf-8")

        def edit_text(run: int) -> None:
            deck_file.write_text(original.replace("title: Way Forward", f"title: Way Forward {run}"), encoding="utf-8")

        def empty_cache(run: int) -> None:
            shutil.rmtree(project / ".cache", ignore_errors=True)

        cases = {
            "bare script, one deck": (bare, None),
            f"bare script, {variants} variants": (bare + ["--variants", str(variants)], None),
            f"check, {variants} variants": ([python, "build.py", "check", DECK], None),
            "one deck, cold (chart drawn)": ([python, "build.py", DECK, *one], empty_cache),
            "one deck, warm, after a text change": ([python, "build.py", DECK, *one], edit_text),
            f"{variants} variants, cold": ([python, "build.py", DECK, "--output", str(out / "all")], empty_cache),
            "build.py --help": ([python, "build.py", "--help"], None),
        }
        print(f"{'command':<42} {'median':>8} {'min':>8} {'max':>8}   ({runs} runs, seconds)")
        median = {}
        for name, times in timed(cases, runs, project).items():
            median[name] = statistics.median(times)
            print(f"{name:<42} {median[name]:8.3f} {min(times):8.3f} {max(times):8.3f}")
        deck_file.write_text(original, encoding="utf-8")
        saves = watch_latency(python, project, deck_file, out / "watch", runs)
        median["watch, save to deck in place"] = statistics.median(saves)
        print(f"{'watch, save to deck in place':<42} {median['watch, save to deck in place']:8.3f} {min(saves):8.3f} "
              f"{max(saves):8.3f}")
        empty_cache(0)
        own, child = peak_mb([python, "build.py", DECK, "--output", str(out / "peak")], project)
    one_bare = median["bare script, one deck"]
    many_bare = median[f"bare script, {variants} variants"]
    rows = [
        (f"check, {variants} variants", median[f"check, {variants} variants"] / one_bare, 0.4, "bare, one deck"),
        ("one deck, cold", median["one deck, cold (chart drawn)"] / one_bare, 1.2, "bare, one deck"),
        (f"{variants} variants, cold", median[f"{variants} variants, cold"] / many_bare, 1.5,
         f"bare, {variants} variants"),
        ("one deck, warm, text changed", median["one deck, warm, after a text change"] / one_bare, 0.5,
         "bare, one deck"),
    ]
    print(f"\n{'figure':<32} {'ratio':>7} {'target':>7}   against")
    for name, ratio, target, against in rows:
        mark = "ok" if ratio <= target else "OVER"
        print(f"{name:<32} {ratio:7.2f} {target:7.2f}   {against}  {mark}")
    watched = median["watch, save to deck in place"]
    print(f"{'watch, save to deck in place':<32} {watched:6.3f}s {0.15:6.2f}s   seconds, not a ratio  "
          f"{'ok' if watched <= 0.15 else 'OVER'}")
    print(f"\npeak memory, {variants} variants: {own:.0f} MB in the main process, {child:.0f} MB in the largest worker "
          f"(target < 150 MB)")
    print(json.dumps({"seconds": median, "peak_mb": {"main": round(own), "worker": round(child)}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
