"""Fitting: one pass over a slide's plan that sizes every text to its box.

Every text is wrapped with real font metrics (`briefing.text.measure`) at its box's width and its
height compared with the box's. Text that is too tall shrinks a step at a time, all paragraphs of
a box together, down to the floor of the theme (or of the slide); text allowed to grow (a short
list on a slide of its own) grows towards the theme's ceiling while it fits; boxes of one group
(cards side by side) end at one size. Text that does not fit at the floor is a problem located at
its field's `file:line`. The sizes, line breaks and line heights decided here are what the writer
writes: nothing relies on PowerPoint's "shrink text on overflow".

The size is found by bisection over the steps, so a text is wrapped a handful of times, not once
per step.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from briefing.errors import Location, Problem, field_name
from briefing.layout.typeset import POINTS_PER_INCH, Policy, column_height, line_height, needed_height, set_para
from briefing.text.measure import metrics
from briefing.layout.plan import HEADER, Para, Shape, SlidePlan, Table, TextBlock

TOLERANCE = 0.5     # points a box may be over: what no viewer shows


def fit_slide(plan: SlidePlan, theme: Any, source: Any) -> tuple[SlidePlan, list[Problem]]:
    """Return `plan` with every text sized and broken into lines, and the problems of texts that
    do not fit at their floor, located through `source` (a SourceMap or Overlay)."""
    policy = Policy.of(theme, plan.floors)
    blocks = plan.texts()
    steps = {id(b): _best_steps(b, policy) for b in blocks}
    groups: dict[str, int] = {}
    for block in blocks:
        if block.fit.group:
            groups[block.fit.group] = min(groups.get(block.fit.group, steps[id(block)]), steps[id(block)])
    problems: list[Problem] = []
    done: dict[int, TextBlock] = {}
    for block in blocks:
        chosen = groups.get(block.fit.group, steps[id(block)]) if block.fit.group else steps[id(block)]
        sized, ok = _sized_block(block, chosen, policy)
        if not ok and chosen <= _limits(block, policy)[0]:
            # At the floor and still over: the space between paragraphs closes up before the text
            # is given up on (a dense list on a template with a smaller body than the Widescreen's).
            tight, ok = _sized_block(_tightened(block), chosen, policy)
            sized = tight if ok else sized
        if ok:
            sized = _opened(sized)
        if not ok:
            problems.append(_box_problem(plan, block, policy, theme) or
                            _problem(plan, block, sized, policy, source, _small_body(plan, theme)))
        done[id(block)] = sized
    items = []
    for item in plan.items:
        if isinstance(item, TextBlock):
            item = done[id(item)]
        elif isinstance(item, Shape) and item.text is not None:
            item = replace(item, text=done[id(item.text)])
        elif isinstance(item, Table):
            item, problem = _fit_table(plan, item, policy, source)
            problems += problem
        items.append(item)
    return replace(plan, items=tuple(items)), problems


# --- one text block --------------------------------------------------------------------------------

def _resize(para: Para, steps: int, policy: Policy, floor: float) -> Para:
    """Return `para` made `steps` steps bigger (negative: smaller), within the floor and ceiling."""
    if steps < 0:
        size = max(para.size + steps * policy.step, min(para.size, floor))
        return replace(para, size=size)
    if steps > 0:
        size = min(para.size + steps * policy.step, max(para.size, policy.ceiling))
        # Growing text keeps its proportions: the space between paragraphs grows with it, and the
        # hanging indent, so that a number ("(10)", "3)") still fits before the text it hangs from.
        return replace(para, size=size, space_after=para.space_after * size / para.size,
                       indent=para.indent * size / para.size)
    return para


def _limits(block: TextBlock, policy: Policy) -> tuple[int, int]:
    """Return the fewest and most steps a block may take: down to its floor, up to the ceiling."""
    if not block.paras:
        return 0, 0
    floor = policy.floor_of(block)
    largest = max(p.size for p in block.paras)
    down = -max(0, int((largest - floor) / policy.step + 0.999))
    up = max(0, int((policy.ceiling - largest) / policy.step)) if block.fit.grow else 0
    return down, up


def _fits(block: TextBlock, steps: int, policy: Policy) -> bool:
    """Whether the block fits at `steps`: its height, one line when it must be, and no word cut
    in two while the text could still be set smaller."""
    paras = [_resize(p, steps, policy, policy.floor_of(block)) for p in block.paras]
    width, height = _inner(block)
    wrapped = [set_para(p, width, policy.face) for p in paras]
    if block.fit.one_line and any(len(w.lines) > 1 for w in wrapped):
        return False
    if any(w.cut_words for w in wrapped) and steps > _limits(block, policy)[0]:
        return False
    return column_height(paras, wrapped, policy) <= height + TOLERANCE


def _best_steps(block: TextBlock, policy: Policy) -> int:
    """Return the most steps (largest text) at which `block` fits; its floor when none does."""
    down, up = _limits(block, policy)
    if not _fits(block, 0, policy):
        return _last_true(lambda k: _fits(block, k, policy), down, -1, default=down)
    return _last_true(lambda k: _fits(block, k, policy), 0, up, default=0)


def _last_true(test, low: int, high: int, default: int) -> int:
    """Return the largest k in low..high for which `test(k)` holds, assuming it holds up to some
    point and fails after it; `default` when it holds nowhere."""
    if not test(low):
        return default
    while low < high:
        middle = (low + high + 1) // 2
        if test(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _sized_block(block: TextBlock, steps: int, policy: Policy) -> tuple[TextBlock, bool]:
    """Return the block at `steps`, its lines and line heights written in, and whether it fits."""
    width, _ = _inner(block)
    paras = tuple(_finished(para, steps, policy, policy.floor_of(block), width) for para in block.paras)
    return replace(block, paras=paras), _fits(block, steps, policy)


TIGHT = 0.3
"""Of the space after each paragraph: what is left of it when a text at its floor closes up."""


def _tightened(block: TextBlock) -> TextBlock:
    return replace(block, paras=tuple(replace(p, space_after=p.space_after * TIGHT) for p in block.paras))


def _opened(block: TextBlock) -> TextBlock:
    """Return the fitted `block` spread over the share of its box its `fill` asks for: the space
    after each list item that may open (`Para.opens`) opens by as much as the others."""
    gaps = [index for index, para in enumerate(block.paras[:-1]) if para.opens]
    if not block.fit.fill or not gaps:
        return block
    used = sum(len(p.lines) * p.line for p in block.paras) + sum(p.space_after for p in block.paras[:-1])
    extra = (block.fit.fill * _inner(block)[1] - used) / len(gaps)
    if extra <= 0:
        return block
    paras = tuple(replace(p, space_after=p.space_after + extra) if i in gaps else p for i, p in enumerate(block.paras))
    return replace(block, paras=paras)


def _finished(para: Para, steps: int, policy: Policy, floor: float, width: float) -> Para:
    """Return `para` at its final size with its lines and line height written in."""
    para = _resize(para, steps, policy, floor)
    wrapped = set_para(para, width, policy.face)
    return replace(para, lines=wrapped.lines, starts=wrapped.starts, line=line_height(para, policy))


def _inner(block: TextBlock) -> tuple[float, float]:
    return ((block.box.width - 2 * block.margin) * POINTS_PER_INCH,
            (block.box.height - 2 * block.margin) * POINTS_PER_INCH)


# --- tables --------------------------------------------------------------------------------------

def _fit_table(plan: SlidePlan, table: Table, policy: Policy, source: Any) -> tuple[Table, list[Problem]]:
    """Shrink every cell together until the rows fit the table's box; rows keep their natural
    heights (the table does not stretch to fill its box), or grow evenly to the `least` its
    planner asks for (a short table uses its slide), its header row as tall as its text."""
    largest = max(p.size for row in table.rows for cell in row for p in cell)
    down = -max(0, int((largest - policy.floor) / policy.step + 0.999))

    def heights(steps: int) -> list[float]:
        return [max(_cell_height(cell, width, steps, table, policy) for cell, width in zip(row, table.widths))
                for row in table.rows]

    limit = table.box.height * POINTS_PER_INCH + TOLERANCE
    steps = _last_true(lambda k: sum(heights(k)) <= limit, down, 0, default=down)
    rows = tuple(tuple(tuple(_finished(para, steps, policy, policy.floor, (width - 2 * table.margin) * POINTS_PER_INCH)
                             for para in cell) for cell, width in zip(row, table.widths)) for row in table.rows)
    final = heights(steps)
    fitted = replace(table, rows=rows, heights=tuple(h / POINTS_PER_INCH for h in final))
    if sum(final) <= limit:
        # The body rows grow (the header row stays as tall as its text): a cell's text sits in its middle.
        extra = max(0.0, min(table.least, table.box.height) * POINTS_PER_INCH - sum(final)) / max(1, len(final) - 1)
        grown = final[:1] + [h + extra for h in final[1:]]
        return replace(fitted, heights=tuple(h / POINTS_PER_INCH for h in grown)), []
    path = plan.path + table.field
    message = (f"the table needs {sum(final) / (limit - TOLERANCE):.0%} of its space at the {policy.floor:g} pt "
               "floor; shorten its cells or split it over two slides")
    return fitted, [Problem(_locate(source, path), field_name(path), message)]


def _cell_height(cell: tuple[Para, ...], width: float, steps: int, table: Table, policy: Policy) -> float:
    paras = [_resize(p, steps, policy, policy.floor) for p in cell]
    inner = (width - 2 * table.margin) * POINTS_PER_INCH
    return needed_height(paras, inner, policy) + 2 * table.padding * POINTS_PER_INCH


# --- problems ------------------------------------------------------------------------------------

def _small_body(plan: SlidePlan, theme: Any) -> str:
    """On a template whose body is much smaller than the default look's, words that say so: the
    text is then not all that is to blame."""
    from briefing.model.theme import Grid

    if getattr(theme, "template", None) is None or plan.role != "content":
        return ""
    body, usual = theme.grid.region("body"), Grid().region("body")
    if body.width * body.height >= 0.9 * usual.width * usual.height:
        return ""
    return (f"; the template leaves the body {body.width:.1f} x {body.height:.1f} in (the default look's is "
            f"{usual.width:.1f} x {usual.height:.1f}): grid.body_top, body_bottom, body_left and body_right in the "
            "theme give it more")


def _problem(plan: SlidePlan, block: TextBlock, sized: TextBlock, policy: Policy, source: Any,
             hint: str = "") -> Problem:
    # A field starting with ".." belongs to the deck's header (the footer, the handling mark).
    path = block.field[1:] if block.field[:1] == HEADER else plan.path + block.field
    floor = policy.floor_of(block)
    width, height = _inner(block)
    if width <= 0 or height <= 0:
        message = (f"its box has no room ({block.box.width:.2f} x {block.box.height:.2f} in): the slide's layout "
                   "leaves none; the theme's grid (or its master's regions) must give the body more")
    elif block.fit.one_line:
        widest = max(metrics(policy.face).width(p.text, p.size, p.bold) for p in sized.paras)
        message = f"text needs {widest / width:.0%} of the line at the {floor:g} pt floor; shorten it"
    else:
        needed = needed_height(list(sized.paras), width, policy)
        message = f"text needs {needed / height:.0%} of the box at the {floor:g} pt floor; shorten it"
    return Problem(_locate(source, path), field_name(path), message + hint)


def _box_problem(plan: SlidePlan, block: TextBlock, policy: Policy, theme: Any) -> Problem | None:
    """When the box the template (or the grid) gives is what is too small, a problem that names
    the box, the layout that gives it and the theme setting that would help, at the theme's line;
    None when the text could be shortened to fit. The box is to blame when one line at the floor
    is taller than it, one word wider, or a short text (a mark, a few words) does not fit."""
    given = block.field[:1] == HEADER or block.slide_number or plan.role in ("cover", "section") or \
        block.role in ("title", "subtitle")
    width, height = _inner(block)
    floor = policy.floor_of(block)
    paras = [_resize(p, -10_000, policy, floor) for p in block.paras if p.text.strip()]
    if not given or not paras or width <= 0 or height <= 0:
        return None     # a box a layout drew to its text: the text is what is too long
    line = max(line_height(p, policy) for p in paras)
    word = max(_widest_word(p, policy.face) for p in paras)
    text = " ".join(block.text.split())
    if line > height + TOLERANCE:
        short, need = "short", f"one line at the {floor:g} pt floor needs {line / POINTS_PER_INCH:.2f} in"
    elif word > width + TOLERANCE:
        short, need = "narrow", f"its longest word at the {floor:g} pt floor needs {word / POINTS_PER_INCH:.2f} in"
    elif len(paras) == 1 and len(text) <= SHORT_TEXT and len(text.split()) <= 4:
        short, need = "small", f"it needs {needed_height(paras, width, policy) / height:.0%} of the box at the " \
                               f"{floor:g} pt floor"
    else:
        return None
    box = f"{block.box.width:.2f} x {block.box.height:.2f} in"
    what, where, setting = _box_owner(plan, block, theme)
    path = block.field[1:] if block.field[:1] == HEADER else plan.path + block.field
    told = "the slide number" if block.slide_number else f"'{text}' ({field_name(path)})"
    message = f"{what} ({box}) is too {short} for {told}: {need}; {setting}"
    return Problem(theme.locate(*where), field_name(where), message)


SHORT_TEXT = 40
"""Characters a short text has at most (one paragraph of four words at most): a box too small for
one is too small for its part, however the text were put."""


def _widest_word(para: Para, face: str) -> float:
    """The width (points) of the widest piece of `para` that no line may break (a word, a phrase)."""
    from briefing.text.measure import breaks

    text = para.text
    starts = sorted({0, *breaks(text)[0], len(text)})
    m = metrics(face)
    return max((m.width(text[a:b].strip(), para.size, para.bold) for a, b in zip(starts, starts[1:])), default=0.0)


def _box_owner(plan: SlidePlan, block: TextBlock, theme: Any) -> tuple[str, tuple[str, ...], str]:
    """What gives the box (the template's layout, or the theme's grid), the theme field to point
    at, and the setting that would help."""
    template = getattr(theme, "template", None)
    # The footer band's texts: the footer (or handling mark) of the deck's header, the slide number.
    footer = block.slide_number or (block.field[:1] == HEADER and block.field[1:2] in (("footer",), ("handling",)))
    role = "content" if footer else plan.role
    layout = template.chosen.get(role) if template is not None else None
    if layout is None:
        if footer:
            return ("the footer band of the theme's grid", ("grid", "footer_height"),
                    "make grid.footer_height larger, or sizes.footer smaller")
        return (f"the box '{block.name}' of the {plan.kind} layout", ("grid",),
                "give the slide's regions more room in the theme's grid, or lower fit.floor")
    named = f"'{layout.name}'" + (f" (master {layout.master})" if template.info.masters > 1 else "")
    if footer:
        return (f"the footer band the template's layout {named} gives", ("master",),
                "set grid.footer_top and grid.footer_height in the theme to a band that holds a line "
                "(the theme's grid wins over the template's), or make sizes.footer smaller")
    if role in ("cover", "section"):
        part = "subtitle" if block.role == "subtitle" else "title" if block.role == "title" else "text"
        return (f"the {part} box of the template's layout {named}, which {role} slides use", ("layouts",)
                if any(theme.layouts.dump().values()) else ("master",),
                f"choose a layout with a larger {part} box with layouts: {{{role}: <layout>}} in the theme "
                "(master inspect lists them), or widen the box in the template")
    return (f"the box '{block.name}' on the template's layout {named}", ("master",),
            "give the body more room with grid.body_top, grid.body_bottom and grid.margin in the theme")


def _locate(source: Any, path: tuple) -> Location:
    from pathlib import Path

    return source.locate(path) if source is not None else Location(Path("deck"))
