"""Build the briefing decks: `python build.py --help` lists the commands and options."""

from pathlib import Path

from briefing.cli import exit_now, main

if __name__ == "__main__":
    exit_now(main(default_project=Path(__file__).resolve().parent))
