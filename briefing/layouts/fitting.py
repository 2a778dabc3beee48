"""Making text fit its box before it is written: measure, shrink in steps, or report.

Every text box goes through `fit_paras`: its paragraphs are wrapped with real font metrics
(`briefing.measure`) at the box's width, and their height compared with the box's. Text that is
too tall shrinks a step at a time, all paragraphs of the box together, down to the floor size of
the theme (or of the slide); text that still does not fit is a problem with the field's
`file:line`, and the build stops. Sizes are then written explicitly: PowerPoint's "shrink text
on overflow" only acts when a person edits the box, so it is never relied on.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import Location, Problem, field_name
from briefing.measure import is_east_asian, metrics, wrap

if TYPE_CHECKING:
    from briefing.layouts.common import Box, Frame, Para

POINTS_PER_INCH = 72


def line_height(para: Para, frame: Frame) -> float:
    """Return the line height (points) of `para`: its size times the theme's spacing for its script."""
    spacing = frame.theme.line_spacing
    factor = spacing.east_asian if any(is_east_asian(c) for c in para.text) else spacing.latin
    return para.size * factor


def needed_height(paras: list[Para], width: float, frame: Frame) -> float:
    """Return the height (points) `paras` take in a column `width` points wide."""
    total = 0.0
    for index, para in enumerate(paras):
        total += len(para_lines(para, width)) * line_height(para, frame)
        if index < len(paras) - 1:
            total += para.space_after
    return total


def para_lines(para: Para, width: float) -> list[str]:
    """Return the lines of `para` in a column `width` points wide, after its indent or tab stop."""
    hang = (para.tab or (para.indent if para.bullet or para.numbering else 0.0)) * POINTS_PER_INCH
    text = para.text.split("\t", 1)[-1] if para.tab else para.text
    return wrap(text, max(width - hang, 1.0), para.size, para.bold)


def shared_size(texts: list[tuple[Para, Box]], margin: float, frame: Frame) -> float:
    """Return the size at which every (paragraph, box) of a row of sibling boxes fits: the
    smallest of their fitted sizes, so that boxes side by side show text of one size."""
    return min(fit_paras([para], box, margin, frame, (), record=False)[0].size for para, box in texts)


def fit_paras(paras: list[Para], box: Box, margin: float, frame: Frame, field: tuple,
              one_line: bool = False, record: bool = True) -> list[Para]:
    """Return `paras` at the largest sizes (a step at a time) at which they fit `box`; if they do
    not fit at the floor size, record a problem in `frame` (unless `record` is false) and return
    them at the floor."""
    width = (box.width - 2 * margin) * POINTS_PER_INCH
    height = (box.height - 2 * margin) * POINTS_PER_INCH
    floor = frame.title_floor if one_line else frame.floor
    step = frame.theme.fit.step
    shrink = 0.0
    while True:
        sized = [replace(p, size=_shrunk(p.size, shrink, floor)) for p in paras]
        needed = needed_height(sized, width, frame)
        too_wide = one_line and any(len(para_lines(p, width)) > 1 for p in sized)
        if needed <= height + 0.5 and not too_wide:
            return sized
        if all(p.size <= min(floor, q.size) for p, q in zip(sized, paras)):
            if record:
                frame.problems.append(_problem(frame, field, sized, needed, height, width, floor, one_line))
            return sized
        shrink += step


def _shrunk(size: float, shrink: float, floor: float) -> float:
    """Return `size` made `shrink` points smaller, but not under the floor (or its own size, if smaller)."""
    return max(size - shrink, min(size, floor))


def _problem(frame: Frame, field: tuple, sized: list[Para], needed: float, height: float, width: float,
             floor: float, one_line: bool) -> Problem:
    # A field starting with ".." belongs to the deck's header (the footer, the handling mark).
    path = field[1:] if field[:1] == ("..",) else frame.path + field
    where = frame.source.locate(path) if frame.source is not None else Location(Path("deck"))
    if one_line:
        widest = max(metrics().width(p.text, p.size, p.bold) for p in sized)
        message = f"text needs {widest / width:.0%} of the line at the {floor:g} pt floor; shorten it"
    else:
        message = f"text needs {needed / height:.0%} of the box at the {floor:g} pt floor; shorten it"
    return Problem(where, field_name(path), message)
