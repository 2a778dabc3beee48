"""Slide layouts: one module per kind of slide, each exporting one `Layout` record (its model,
its planner, what it asks the build to load), and the registry of them.

Adding a layout is one module (a model class and a planner) and one line below. Planners make
plans (`briefing.layout.plan`) and nothing else: no layout imports python-pptx.
"""

from __future__ import annotations

from briefing.layout.kinds.agenda import AGENDA
from briefing.layout.page import Layout, Page, plan_slide
from briefing.layout.kinds.chart_cases import CHART_CASES
from briefing.layout.kinds.cover import SECTION, TITLE
from briefing.layout.kinds.image import IMAGE
from briefing.layout.kinds.lists import BULLETS, STATEMENTS, TWO_COLUMN
from briefing.layout.kinds.overview import OVERVIEW
from briefing.layout.kinds.pillars import PILLARS
from briefing.layout.kinds.positions import POSITIONS
from briefing.layout.kinds.table import TABLE

LAYOUTS: dict[str, Layout] = {layout.name: layout for layout in (
    TITLE, SECTION, AGENDA, BULLETS, TWO_COLUMN, STATEMENTS, TABLE, IMAGE, OVERVIEW, CHART_CASES, POSITIONS,
    PILLARS,
)}
"""Layout name (a slide's `layout:`) -> its record."""

__all__ = ["LAYOUTS", "Layout", "Page", "plan_slide"]
