"""Reading one deck file: its header and its slides, each validated against its layout's fields."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefing.errors import Location, Problem, display_path
from briefing.load.languages import DECK_FILE, file_language, unknown_language
from briefing.layout.registry import LAYOUTS
from briefing.model.deck import Deck, DeckHeader, Slide
from briefing.load.source import Document, FieldPath, SourceMap, read_yaml
from briefing.load.validation import problem, validate
from briefing.errors import describe, did_you_mean



def read_deck(path: Path, problems: list[Problem]) -> Deck | None:
    """Return the deck with the slides that validated (None if its header did not), adding
    every problem found to `problems`. Raises ContentError when the file is not YAML at all."""
    doc = read_yaml(path)
    header = validate(DeckHeader, doc.data, doc.source, (), problems)
    raw_slides = doc.data.get("slides") if isinstance(doc.data, dict) else None
    slides, unloaded = [], []
    for index, raw in enumerate(raw_slides if isinstance(raw_slides, list) else []):
        slide = _load_slide(raw, doc.source, ("slides", index), problems)
        if slide:
            slides.append(slide)
        elif isinstance(raw, dict) and isinstance(raw.get("id"), str):
            unloaded.append(raw["id"])
    problems += _duplicate_ids(slides, doc)
    declared = file_language(path)
    unknown = unknown_language(declared, getattr(header, "language", None)) if declared else ""
    if unknown:
        # The root cause: every other edition and profile would be told about this one as well.
        problems.append(Problem(Location(display_path(path), 1, 1), "", unknown))
        return None
    if header is None:
        return None
    if declared and declared != header.language:
        problems.append(problem(doc.source, ("language",), f"the file name says '{declared}', the file says "
                                                          f"'{header.language}'; make them agree"))
    name = _slug(path.resolve().parent.name if path.name == DECK_FILE or declared else path.stem)
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        problems.append(Problem(Location(display_path(path.parent)), "", f"the deck's name is {len(name)} characters "
                                f"long, too long for its files' names; keep it under {MAX_NAME_BYTES // 3}"))
        return None
    return Deck(name=name, header=header, slides=slides, source=doc.source, files=(path,),
                unloaded=tuple(unloaded))


def _load_slide(raw: Any, source: SourceMap, path: FieldPath, problems: list[Problem]) -> Slide | None:
    if not isinstance(raw, dict):
        return None    # the header's schema already reports a slide that is not a mapping
    layout = raw.get("layout")
    kinds = ", ".join(LAYOUTS)
    if layout is None:
        problems.append(problem(source, path + ("layout",), f"required field is missing; one of {kinds}"))
        return None
    if not isinstance(layout, str):
        problems.append(problem(source, path + ("layout",), f"expected a layout name, got {describe(layout)}"))
        return None
    if layout not in LAYOUTS:
        hint = did_you_mean(str(layout), list(LAYOUTS))
        listing = f" (layouts: {kinds})" if hint else f"; the layouts are: {kinds}"
        message = f"unknown layout '{layout}'{hint}{listing}"
        problems.append(problem(source, path + ("layout",), message))
        return None
    slide = validate(LAYOUTS[layout].model, raw, source, path, problems)
    return slide.copy(update={"_path": path}) if slide is not None else None


def _duplicate_ids(slides: list[Slide], doc: Document) -> list[Problem]:
    problems = []
    first: dict[str, Slide] = {}
    for slide in slides:
        if slide.id in first:
            line = doc.source.locate(first[slide.id].path + ("id",)).line
            message = f"duplicate slide id '{slide.id}' (first at line {line})"
            problems.append(problem(doc.source, slide.path + ("id",), message))
        else:
            first[slide.id] = slide
    return problems


MAX_NAME_BYTES = 150
"""A deck's name goes into its files' names, beside its audience and language: 255 bytes in all."""


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-") or "deck"
