"""Build the briefing decks: `python build.py --help` lists the commands and options."""

import sys
from pathlib import Path

from briefing.cli import main

if __name__ == "__main__":
    sys.exit(main(default_project=Path(__file__).resolve().parent))
