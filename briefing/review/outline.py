"""The outline of a variant: every text of every slide as Markdown, read from the fitted plans
(what the writer writes, not the XML it wrote), for people who review a deck without PowerPoint.

Each slide is a section headed by its number, id and title; then every text in reading order
(lists as lists, tables as tables, a chart's data as a table with its source, a picture's
alternative text), the speaker notes, and the editors' notes marked as such. `diff` compares
outlines slide by slide, by id.
"""

from __future__ import annotations

import re
from typing import Any

from briefing.layout.plan import ChartSlot, Para, Picture, Shape, SlidePlan, Table, TextBlock

HEADING = re.compile(r"^## (\d+) · (\S+) · (.*)$")


def outline(deck: Any, plans: list[SlidePlan], file: str) -> str:
    """Return the Markdown outline of one variant (`file` is its deck file's name)."""
    header = deck.header
    who = deck.audience_name or "the full deck"
    lines = [f"# {header.title}", "", f"{file}: {len(plans)} slides, {who}, {header.language}", ""]
    for number, plan in enumerate(plans, start=1):
        lines += _slide(number, plan, header.language)
    return "\n".join(lines).rstrip() + "\n"


def _slide(number: int, plan: SlidePlan, language: str) -> list[str]:
    lines = [f"## {number} · {plan.id} · {_one_line(plan.title)}", ""]
    badge = ""
    for item in plan.items:
        found = _item(item, language)
        if _is_badge(item) and len(found) == 1:
            badge = found[0]        # a numbered card: its number goes before its text
            continue
        if found and badge:
            found[0], badge = f"{badge}. {found[0]}", ""
        if found:
            lines += found + [""]
    if plan.notes:
        lines += [f"**Speaker notes:** {_one_line(plan.notes)}", ""]
    if plan.review:
        lines += [f"> **Editors' note (not in the deck):** {_one_line(plan.review)}", ""]
    return lines


def _is_badge(item: Any) -> bool:
    """Whether `item` is the number of a numbered card (a focus card's "Focus 2 number"), found
    by its name: a text that is only digits, such as a subtitle "2030", is no badge."""
    return isinstance(item, Shape) and item.text is not None and item.name.endswith(" number")


def _item(item: Any, language: str) -> list[str]:
    if isinstance(item, TextBlock):
        return _block(item)
    if isinstance(item, Shape) and item.text is not None:
        return _block(item.text)
    if isinstance(item, Table):
        return _table([[_cell(cell) for cell in row] for row in item.rows])
    if isinstance(item, ChartSlot):
        return _chart(item, language)
    if isinstance(item, Picture):
        return [f"*Picture (images/{item.image.name}):* {_one_line(item.alt)}"]
    return []


def _block(block: TextBlock) -> list[str]:
    """The paragraphs of a text box; the title is the section's heading, and what screen readers
    skip (the handling mark beside the footer, the slide number) is left out."""
    if block.role == "title" or block.decorative or block.slide_number:
        return []
    if block.name == "Footer":
        return [f"*Footer:* {_one_line(block.text)}"]
    lines, counters = [], {}
    for para in block.paras:
        lines.append(_para(para, _number(para, counters)))
    return lines


def _number(para: Para, counters: dict[int, tuple[str, int]]) -> int:
    """The number PowerPoint (and LibreOffice) shows before a numbered paragraph: a list goes on
    past the sub-items between its items, and starts again after a paragraph of its level that is
    not numbered the same way; `counters` holds each level's scheme and last number."""
    for level in [level for level in counters if level > para.level]:
        del counters[level]         # the sub-items' lists end with them
    if not para.numbering:
        counters.pop(para.level, None)
        return 1
    scheme, last = counters.get(para.level, ("", 0))
    number = para.start if para.start != 1 or scheme != para.numbering else last + 1
    counters[para.level] = (para.numbering, number)
    return number


_LABELS = {"arabicParenBoth": "({})", "arabicParenR": "{})", "arabicPeriod": "{}.", "arabicPlain": "{}"}


def _para(para: Para, number: int) -> str:
    """A paragraph as a Markdown line: bullets as a list, numbers as the slide shows them."""
    text = _one_line(para.text.replace("\t", " — "))
    indent = "  " * para.level
    if para.bullet:
        return f"{indent}- {text}"
    if para.numbering:
        return f"{indent}- {_LABELS.get(para.numbering, '{}.').format(number)} {text}"
    return text


def _cell(cell: tuple[Para, ...]) -> str:
    return " ".join(_one_line(p.text) for p in cell).replace("|", "\\|")


def _table(rows: list[list[str]]) -> list[str]:
    header, *body = rows
    return [f"| {' | '.join(header)} |", f"|{'---|' * len(header)}", *[f"| {' | '.join(row)} |" for row in body]]


def _chart(slot: ChartSlot, language: str) -> list[str]:
    from briefing.text.locale import axis_title, value_label

    series = slot.series
    scale = series.scale_in(language)
    measure = axis_title(slot.chart.axis, scale.unit, language) or slot.chart.title
    rows = [["", measure]] + [[str(year), f"{'≈' if approx else ''}{value_label(value / scale.divide)}"]
                              for year, value, approx in zip(series.years, series.values, series.approx)]
    lines = [f"*Chart:* {_one_line(slot.alt)}", ""] + _table(rows) + [""]
    if series.render != "native":       # the notes a drawn chart shows under its bars
        notes = (slot.chart.approx_note if any(series.approx) else "", series.footnote)
        lines += [line for note in notes if note.strip() for line in (f"*Under the chart:* {_one_line(note)}", "")]
    return lines + [f"*Data from:* {'; '.join(series.sources_in(language))}"]


def _one_line(text: str) -> str:
    return " ".join(text.replace("\x0b", " ").split())


def sections(text: str) -> dict[str, tuple[int, str, str]]:
    """Split an outline into its slides: id -> (number, title, the slide's lines below its heading)."""
    found: dict[str, tuple[int, str, str]] = {}
    current, body = None, []
    for line in [*text.splitlines(), "## 0 · \x00 · "]:
        match = HEADING.match(line)
        if match:
            if current:
                found[current[1]] = (current[0], current[2], "\n".join(body).strip() + "\n")
            current, body = (int(match.group(1)), match.group(2), match.group(3)), []
        elif current:
            body.append(line)
    return found
