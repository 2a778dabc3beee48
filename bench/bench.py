"""Time whole-process builds of the default deck and print the figures (not a test).

    python bench/bench.py [--runs N]

Targets (issue 2): a cold build within 1.2 x a bare YAML+Jinja2+Matplotlib+python-pptx script
(about 1.1-1.6 s on the 2-core reference machine); a rebuild where only text changed must not
import Matplotlib and lands near 0.3 s; `--help` and `check` do not pay for Matplotlib.
Target (issue 3): the whole matrix (every audience, every language) within 2 x one deck, cold;
a chart is drawn once per distinct chart and language, not once per deck.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], runs: int) -> list[float]:
    """Return wall-clock seconds of `runs` runs of `command` (after one untimed warm-up)."""
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    python = sys.executable
    with tempfile.TemporaryDirectory() as scratch:
        cases = {
            "floor: python -c 'import pptx'": [python, "-c", "import pptx"],
            "build.py --help": [python, "build.py", "--help"],
            "build.py check": [python, "build.py", "check"],
            "one deck (cold: --no-cache, chart drawn)": [python, "build.py", "--audience", "full", "--lang", "en", "--no-cache",
                                                          "--output", scratch],
            "one deck (warm: chart from cache)": [python, "build.py", "--audience", "full", "--lang", "en", "--output", scratch],
            "matrix (cold: every variant, --no-cache)": [python, "build.py", "--all", "--no-cache",
                                                          "--output", scratch],
            "matrix (warm)": [python, "build.py", "--all", "--output", scratch],
        }
        decks = len(subprocess.run([python, "build.py", "list"], cwd=ROOT, check=True, capture_output=True,
                                   text=True).stdout.split(".pptx:")) - 1
        print(f"{'command':<42} {'median':>8} {'min':>8} {'max':>8}   ({runs} runs, seconds)")
        results = {}
        for name, command in cases.items():
            times = timed(command, runs)
            results[name] = statistics.median(times)
            print(f"{name:<42} {results[name]:8.3f} {min(times):8.3f} {max(times):8.3f}")
    floor = results["floor: python -c 'import pptx'"]
    warm = results["one deck (warm: chart from cache)"]
    cold = results["one deck (cold: --no-cache, chart drawn)"]
    matrix = results["matrix (cold: every variant, --no-cache)"]
    print(f"\nwarm build = {warm / floor:.1f} x the import-pptx floor; cold build = {cold:.2f} s "
          f"(target <= 1.2 x the bare script, about 1.3-1.9 s)")
    print(f"matrix of {decks} decks = {matrix / cold:.2f} x one deck, cold (target <= 2 x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
