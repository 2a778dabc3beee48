"""The folders of a briefing project, and which decks a command selects."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.runtime.files import inside
from briefing.errors import ContentError, Location, Problem, display_path
from briefing.load.languages import (DECK_FILE, edition_files)
from briefing.errors import did_you_mean



@dataclass(frozen=True)
class Project:
    """The folders of a briefing project, each meaning one thing."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def charts(self) -> Path:
        return self.root / "charts"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def output(self) -> Path:
        return self.root / "output"

    def holds(self, path: Path) -> bool:
        """Whether `path`, links followed, lies inside the project."""
        return inside(self.root, path)

    def deck_paths(self) -> dict[str, list[Path]]:
        """Return every deck of the project by name: content/<name>/deck.yaml and its editions
        in other languages, deck.<lang>.yaml."""
        return {p.parent.name: edition_files(p.parent) for p in sorted(self.content.glob(f"*/{DECK_FILE}"))}


def select_decks(project: Project, selection: list[str] | None) -> list[Path]:
    available = project.deck_paths()
    if not selection:
        if not available:
            where = Location(display_path(project.content))
            if not project.root.is_dir():
                raise ContentError([Problem(Location(display_path(project.root)), "",
                                            "no such project folder; --project names a folder that holds content/")])
            raise ContentError([Problem(where, "", f"no decks found (expected content/<name>/{DECK_FILE})")])
        return [path for paths in available.values() for path in paths]
    paths = []
    for item in selection:
        candidate = Path(item)
        if item in available:
            paths += available[item]
        elif candidate.is_file():
            paths.append(candidate)
        elif (candidate / DECK_FILE).is_file():
            paths += edition_files(candidate)
        else:
            hint = did_you_mean(item, list(available)) or f"; decks: {', '.join(available) or 'none'}"
            raise ContentError([Problem(Location(Path(item)), "", f"no such deck{hint}")])
    return paths
