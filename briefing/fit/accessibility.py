"""What `check` (and so every build) asks of a deck for people who do not see it as its author
does, in the terms of PowerPoint's Accessibility Checker and WCAG 2.1:

- every text colour stands out from what it sits on (a shape's fill, the slide's background, or on
  an organisation's template what the template shows behind the box: its background, band or
  picture): a contrast of 4.5:1, or 3:1 for large text (18 pt, or 14 pt bold), reported once per
  pair of colours, at the theme's line, naming the first slide and box it is seen on;
- no two slides of a deck share a title (a screen reader's list of slides would be ambiguous);
- every picture and chart says what it shows;
- no text is smaller than the theme's floor.

Decorative shapes are marked as such by the writer; here only plans are read.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from briefing.model.colour import contrast
from briefing.errors import Problem, field_name
from briefing.layout.complete import LARGE, NORMAL, behind, needed_contrast, worst
from briefing.layout.plan import HEADER, ChartSlot, Picture, Shape, SlidePlan, Table, TextBlock


def lint(plans: list[SlidePlan], deck: Any, theme: Any) -> list[Problem]:
    """Return every accessibility problem of one variant's fitted plans."""
    return [*_duplicate_titles(plans, deck), *_unsaid_pictures(plans, deck), *_small_text(plans, deck, theme)]


def contrast_problems(plans_by_theme: list[tuple[list[SlidePlan], Any]]) -> list[Problem]:
    """Return each pair of theme colours whose contrast is too low where a deck uses it, once."""
    failing: dict[tuple[str, str], tuple[float, Any, tuple[str, str] | None]] = {}
    for plans, theme in plans_by_theme:
        for foreground, background, needed, seen in _pairs(plans, theme):
            if contrast(foreground, background) < needed:
                # One problem a pair of colours: under the strictest ratio it is used at.
                known = failing.get((foreground, background))
                failing[(foreground, background)] = (max(needed, known[0] if known else 0), theme,
                                                     known[2] if known else seen)
    return [_contrast_problem(theme, fg, bg, contrast(fg, bg), needed, seen)
            for (fg, bg), (needed, theme, seen) in failing.items()]


def _pairs(plans: list[SlidePlan], theme: Any):
    """Yield (text colour, what is behind it, ratio needed, (slide, box) or None) for every run of
    every slide; the slide and box where what is behind is the template's."""
    colours = theme.colours
    template = theme.template
    scale = template.scale if template is not None else 1.0
    for plan in plans:
        page = plan.background or colours.background
        for index, item in enumerate(plan.items):
            if isinstance(item, TextBlock):
                grounds = behind(item, plan.items[:index], plan, theme)
                seen = (plan.id, item.name) if template is not None else None
                yield from _block_pairs(item.paras, grounds, colours, scale, seen)
            elif isinstance(item, Shape) and item.text is not None:
                yield from _block_pairs(item.text.paras, (item.fill or page,), colours, scale)
            elif isinstance(item, Table):
                for index, row in enumerate(item.rows):
                    fill = item.header_fill if index == 0 else (item.band_fill if index % 2 == 0 else "")
                    for cell in row:
                        yield from _block_pairs(cell, (fill or item.body_fill or colours.background,), colours,
                                                scale)


def _block_pairs(paras, grounds: tuple[str, ...], colours: Any, scale: float, seen: tuple[str, str] | None = None):
    """For each run: its colour, the ground of `grounds` it stands out from least, the ratio it needs."""
    for para in paras:
        for run in para.runs:
            if not run.text.strip():
                continue
            bold = replace(para, bold=para.bold or run.bold)
            colour = (run.colour or para.colour or colours.text).upper()
            yield colour, worst(colour, grounds).upper(), needed_contrast(bold, scale), seen


def _contrast_problem(theme: Any, foreground: str, background: str, ratio: float, needed: float,
                      seen: tuple[str, str] | None) -> Problem:
    names = {value.upper(): name for name, value in reversed(list(theme.colours.dump().items()))}
    text, fill = names.get(foreground), names.get(background)
    from_master = theme.template is not None and bool(theme.template.inks)
    where = theme.locate("colours", text) if text and not from_master else theme.locate("colours")
    size = "large text (18 pt, or 14 pt bold)" if needed == LARGE else "text"
    under = f"colours.{fill}" if fill else "the fill"
    if seen is not None:
        under = f"what the template shows behind box '{seen[1]}' of slide '{seen[0]}'"
    advice = "make one darker or lighter"
    if from_master:
        advice = ("none of the template's text colours reads there: write the colours out (colours: with title, "
                  "text, ...) or set the slide's background in the template")
    message = (f"#{foreground} on {under} #{background} has a contrast of {ratio:.2f}:1, under the {needed:g}:1 "
               f"WCAG 2.1 asks of {size}; {advice}")
    return Problem(where, f"colours.{text}" if text and not from_master else "colours", message)


def _duplicate_titles(plans: list[SlidePlan], deck: Any) -> list[Problem]:
    first: dict[str, SlidePlan] = {}
    problems = []
    for plan in plans:
        title = " ".join(plan.title.split())
        if not title:
            continue
        if title in first:
            path = plan.path + ("title",)
            message = (f"slide '{first[title].id}' has the same title, '{title}'; every slide needs a title of its "
                       "own (screen readers list slides by title)")
            problems.append(Problem(deck.source.locate(path), field_name(path), message))
        first.setdefault(title, plan)
    return problems


def _unsaid_pictures(plans: list[SlidePlan], deck: Any) -> list[Problem]:
    problems = []
    for plan in plans:
        for item in plan.items:
            if isinstance(item, (Picture, ChartSlot)) and not item.alt.strip():
                path = plan.path
                problems.append(Problem(deck.source.locate(path), field_name(path),
                                        f"the {item.name.lower()} has no alternative text; say what it shows"))
    return problems


def _small_text(plans: list[SlidePlan], deck: Any, theme: Any) -> list[Problem]:
    floor = theme.fit.floor
    problems = []
    for plan in plans:
        placed = [(block.field, block.paras) for block in plan.texts()]
        placed += [(table.field, tuple(p for row in table.rows for cell in row for p in cell))
                   for table in plan.items if isinstance(table, Table)]
        for field, paras in placed:
            small = [p.size for p in paras if p.size < floor and p.text.strip()]
            if small:
                path = field[1:] if field[:1] == HEADER else plan.path + field
                message = f"text is set at {min(small):g} pt, under the theme's floor of {floor:g} pt"
                problems.append(Problem(deck.source.locate(path), field_name(path), message))
    return problems
