"""Setting paragraphs in a column: how many lines, how tall, at which size policy.

Planners measure with it (an area that takes only the room its text needs), and fitting sizes
every text with it, so the two always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefing.layout.plan import Para, TextBlock
from briefing.text.measure import Wrapped, metrics, wrap
from briefing.text.script import has_east_asian

POINTS_PER_INCH = 72

_NUMBER_LABELS = {"arabicParenR": "{}) ", "arabicParenBoth": "({}) ", "arabicPeriod": "{}. ", "arabicPlain": "{} "}


@dataclass(frozen=True)
class Policy:
    """The sizes fitting works within: the theme's, with a slide's own floors laid over them."""

    floor: float
    title_floor: float
    ceiling: float
    step: float
    latin_spacing: float
    east_asian_spacing: float
    face: str = ""
    """The face Latin text is measured with (`text.fonts.measuring_face`): "" for the tables."""

    @classmethod
    def of(cls, theme: Any, floors: dict[str, float]) -> Policy:
        fit, spacing = theme.fit, theme.line_spacing
        # A slide raises its floors (a sparse slide reads from further back); it never lowers the theme's.
        return cls(max(floors.get("floor") or 0, fit.floor), max(floors.get("title_floor") or 0, fit.title_floor),
                   fit.ceiling, fit.step, spacing.latin, spacing.east_asian, measured_face(theme.fonts))

    def floor_of(self, block: TextBlock) -> float:
        return self.title_floor if block.fit.floor == "title" else self.floor


def measured_face(fonts: Any) -> str:
    """The face a theme's Latin text is measured with: its own, a stand-in, or the tables ("")."""
    from briefing.text.fonts import measuring_face

    if isinstance(fonts, str):      # from-master, not yet read from the template
        return ""
    return measuring_face(fonts.latin, fonts.measure_as) or ""


# --- measuring -----------------------------------------------------------------------------------

def line_height(para: Para, policy: Policy) -> float:
    """Return the line height (points) of `para`: its size times the spacing of its script."""
    east_asian = has_east_asian(para.text)
    return round(para.size * (policy.east_asian_spacing if east_asian else policy.latin_spacing), 1)


def needed_height(paras: list[Para], width: float, policy: Policy) -> float:
    """Return the height (points) `paras` take in a column `width` points wide."""
    return column_height(paras, [set_para(p, width, policy.face) for p in paras], policy)


def column_height(paras: list[Para], wrapped: list[Wrapped], policy: Policy) -> float:
    total = sum(len(w.lines) * line_height(p, policy) for p, w in zip(paras, wrapped))
    return total + sum(p.space_after for p in paras[:-1])


def set_para(para: Para, width: float, face: str = "") -> Wrapped:
    """Set `para` in a column `width` points wide, measured in `face`: after its indent or tab
    stop, and after its number when the number does not hang. Line starts count from the start of
    `para.text`."""
    hang = para.hang * POINTS_PER_INCH
    prefix = para.text.split("\t", 1)[0] + "\t" if para.tab and "\t" in para.text else ""
    first = None
    if para.numbering and not para.hang:
        label = _NUMBER_LABELS.get(para.numbering, "{}. ").format(para.start)
        first = max(width - metrics(face).width(label, para.size, para.bold), 1.0)
    wrapped = wrap(para.text[len(prefix):], max(width - hang, 1.0), para.size, para.bold, first_width=first,
                   balance=para.balance, face=face)
    if not prefix:
        return wrapped
    starts = (0, *(len(prefix) + s for s in wrapped.starts[1:]))
    return Wrapped(wrapped.lines, starts, wrapped.cut_words)
