"""`outline`: every variant's text as Markdown, written into output/outline/ or shown."""

from __future__ import annotations

import sys
from pathlib import Path

from briefing.errors import display_path, printable


def outlines(project, selection: dict) -> dict[str, str]:
    """Return the outline of every selected variant, by variant (its deck file's name without .pptx)."""
    from briefing.commands.pipeline import output_name

    return {output_name(deck)[: -len(".pptx")]: text for deck, text in outlined(project, selection)}


def outlined(project, selection: dict) -> list:
    """Return (variant's deck, its outline) for every selected variant."""
    from briefing.commands.pipeline import outline_of, output_name, plan_all, render_all

    loaded, decks = render_all(project, **selection)
    return [(p.deck, outline_of(p.deck, p.plans, output_name(p.deck))) for p in plan_all(loaded, decks)]


def outline(project, out_dir: Path | None, selection: dict) -> int:
    """Print the outline of one variant, or write every selected variant's into outline/."""
    from briefing.publish.output import save_atomically
    from briefing.review.diff import OUTLINE_FOLDER

    found = outlines(project, selection)
    if len(found) == 1 and out_dir is None:
        # To the terminal: control characters a slide's text may hold (C1 codes) shown escaped; the
        # outline files keep the text as it is.
        sys.stdout.write(printable(next(iter(found.values()))))
        return 0
    from briefing.errors import BriefingError
    from briefing.runtime.files import real_folder

    folder = (out_dir or project.output) / OUTLINE_FOLDER
    why = real_folder(folder)
    if why:
        raise BriefingError(f"{display_path(folder)} {why}")
    kept = []
    for name, text in found.items():
        target = folder / f"{name}.md"
        kept += _keep_a_users_outline(project, folder.parent, target, text.encode("utf-8"))
        save_atomically(text.encode("utf-8"), target)
    print(printable(f"wrote {len(found)} outlines to {display_path(folder)}/"))
    for path, aside in kept:
        print(printable(f"note: {display_path(path)} was not as a build left it; kept as {display_path(aside)}"),
              file=sys.stderr)
    return 0


def _keep_a_users_outline(project, out_dir: Path, target: Path, data: bytes) -> list[tuple[Path, Path]]:
    """An outline file there already that this project did not write (edited by hand, or another's)
    is moved aside, never overwritten; returns (file, where it went) for it."""
    import os

    from briefing.publish import manifest
    from briefing.publish.output import kept_name

    if not os.path.lexists(target) or (target.is_file() and target.read_bytes() == data):
        return []
    name = f"{target.parent.name}/{target.name}"
    if manifest.owns(manifest.read(out_dir).entries, name, out_dir, manifest.owners(project.root)):
        return []
    aside = kept_name(target)
    os.replace(target, aside)
    return [(target, aside)]
