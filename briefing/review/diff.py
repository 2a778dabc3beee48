"""Comparing outlines: what a change did to which variant, slide by slide, as `diff(1)` would say
it (and as Markdown, for a pull request's summary).

An outline is compared by slide id: slides added, removed and changed, and for each changed
slide a unified diff of its text. Outlines come from two output folders (each build writes them
beside its decks), from the sources of a git revision, or from two variants of one build.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import BriefingError, display_path
from briefing.review.outline import sections

OUTLINE_FOLDER = "outline"
MAX_OUTLINE = 5_000_000
"""An outline is a deck's text: 200 slides of it are far less; anything larger is not one."""


@dataclass
class VariantDiff:
    """How one variant differs: slides added, removed, moved and changed (with their diffs)."""

    name: str
    slides: tuple[int, int] = (0, 0)        # before, after
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)
    status: str = "same"                    # same, changed, added, removed

    @property
    def differs(self) -> bool:
        return self.status != "same"


def compare(name: str, old: str | None, new: str | None, labels: tuple[str, str] = ("old", "new")) -> VariantDiff:
    """Compare two outlines of one variant (None where the variant does not exist)."""
    before, after = sections(old or ""), sections(new or "")
    result = VariantDiff(name, (len(before), len(after)))
    if old is None or new is None:
        result.status = "added" if old is None else "removed"
        return result
    result.added = [i for i in after if i not in before]
    result.removed = [i for i in before if i not in after]
    shared = [i for i in before if i in after]
    result.moved = _moved(shared, [i for i in after if i in before])
    for slide in shared:
        (_, old_title, old_text), (_, new_title, new_text) = before[slide], after[slide]
        old_lines = [f"# {old_title}", *old_text.splitlines()]
        new_lines = [f"# {new_title}", *new_text.splitlines()]
        if old_lines != new_lines:
            result.changed[slide] = list(difflib.unified_diff(
                old_lines, new_lines, f"{labels[0]}/{name}/{slide}", f"{labels[1]}/{name}/{slide}", lineterm="", n=1))
    if result.added or result.removed or result.moved or result.changed:
        result.status = "changed"
    return result


def _moved(before: list[str], after: list[str]) -> list[str]:
    """The slides (in their new order) that changed place: all but a longest run of slides that
    kept their order, so one slide moved to the end is the one slide named, not all it passed."""
    places = [before.index(i) for i in after]
    longest: list[list[int]] = []       # per slide, the longest run in order that ends with it
    for index, place in enumerate(places):
        runs = [longest[j] for j in range(index) if places[j] < place]
        longest.append(max(runs, key=len, default=[]) + [index])
    kept = set(max(longest, key=len, default=[]))
    return [i for index, i in enumerate(after) if index not in kept]


def read_outlines(folder: Path) -> dict[str, str]:
    """Return the outlines of an output folder by variant, found through its manifest; each file
    read typed and bounded (a FIFO, a device, a huge or deeply nested file is a message)."""
    from briefing.publish.manifest import MAX_BYTES as MANIFEST_BYTES, inside
    from briefing.runtime.files import read_bounded, read_json

    manifest = folder / "manifest.json"
    if not folder.is_dir():
        raise BriefingError(f"{display_path(folder)}: no such folder; diff compares two output folders of builds "
                            "(OLD NEW)")
    if not os.path.lexists(manifest):
        raise BriefingError(f"{display_path(folder)}: no manifest.json, so not an output folder of a build; diff "
                            "compares two output folders of builds (OLD NEW)")
    try:
        data = read_json(manifest, MANIFEST_BYTES)
    except (OSError, ValueError) as e:
        why = e.strerror if isinstance(e, OSError) and e.strerror else \
            "not UTF-8 text" if isinstance(e, UnicodeDecodeError) else str(e)
        raise BriefingError(f"{display_path(manifest)}: cannot read the manifest of a build ({why}); "
                            "diff compares two output folders of builds") from None
    entries = data.get("decks", []) if isinstance(data, dict) else []
    outlines = {}
    for entry in entries if isinstance(entries, list) else []:
        file = entry.get("file") if isinstance(entry, dict) else None
        if not isinstance(file, str) or not inside(file) or not file.endswith(".pptx"):
            continue
        path = folder / OUTLINE_FOLDER / (file[: -len(".pptx")] + ".md")
        try:
            outlines[file[: -len(".pptx")]] = read_bounded(path, MAX_OUTLINE).decode("utf-8")
        except FileNotFoundError:
            raise BriefingError(f"{display_path(path)}: no outline for {file}; build that folder again with "
                                "this version") from None
        except (OSError, ValueError) as e:
            why = e.strerror if isinstance(e, OSError) and e.strerror else "not UTF-8 text"
            raise BriefingError(f"{display_path(path)}: cannot read the outline of {file} ({why})") from None
    return outlines


def compare_all(old: dict[str, str], new: dict[str, str], labels: tuple[str, str] = ("old", "new")) -> list[VariantDiff]:
    names = sorted({*old, *new})
    return [compare(name, old.get(name), new.get(name), labels) for name in names]


def as_text(diffs: list[VariantDiff]) -> str:
    """The differences in words and unified diffs, as a terminal shows them."""
    lines = []
    for diff in diffs:
        if diff.status in ("added", "removed"):
            lines.append(f"{diff.name}: {diff.status} ({max(diff.slides)} slides)")
            continue
        if not diff.differs:
            continue
        lines.append(f"{diff.name}: {_summary(diff)}")
        for slide in diff.changed:
            lines += diff.changed[slide]
    return "\n".join(lines) + ("\n" if lines else "")


def _summary(diff: VariantDiff) -> str:
    parts = []
    for label, ids in (("added", diff.added), ("removed", diff.removed), ("moved", diff.moved),
                       ("changed", list(diff.changed))):
        if ids:
            parts.append(f"{label} {', '.join(ids)}")
    return "; ".join(parts)


def as_markdown(diffs: list[VariantDiff], title: str = "Decks") -> str:
    """The differences for a pull request's summary: each variant with its slides, then the diffs."""
    lines = [f"### {title}", "", "| variant | slides | compared with the base |", "| --- | --- | --- |"]
    for diff in diffs:
        before, after = diff.slides
        slides = f"{after}" if before == after or diff.status == "added" else f"{before} → {after}"
        status = {"same": "unchanged", "added": "new", "removed": "removed"}.get(diff.status, _summary(diff))
        lines.append(f"| `{diff.name}` | {slides if diff.status != 'removed' else before} | {status} |")
    for diff in diffs:
        if diff.changed:
            lines += ["", f"<details><summary><code>{diff.name}</code>: {_summary(diff)}</summary>", "", "```diff"]
            for slide in diff.changed:
                lines += diff.changed[slide]
            lines += ["```", "", "</details>"]
    return "\n".join(lines) + "\n"
