"""Slide layouts: one module per kind of slide, each exporting one `Layout` record (its model,
its planner, what it asks the build to load), and the registry of them.

Adding a layout is one module (a model class and a planner) and one line below. Planners make
plans (`briefing.plan`) and nothing else: no layout imports python-pptx.
"""

from __future__ import annotations

from briefing.layouts.agenda import AGENDA
from briefing.layouts.base import Layout, Page, plan_slide
from briefing.layouts.chart_cases import CHART_CASES
from briefing.layouts.cover import SECTION, TITLE
from briefing.layouts.image import IMAGE
from briefing.layouts.lists import BULLETS, STATEMENTS, TWO_COLUMN
from briefing.layouts.overview import OVERVIEW
from briefing.layouts.pillars import PILLARS
from briefing.layouts.positions import POSITIONS
from briefing.layouts.table import TABLE

LAYOUTS: dict[str, Layout] = {layout.name: layout for layout in (
    TITLE, SECTION, AGENDA, BULLETS, TWO_COLUMN, STATEMENTS, TABLE, IMAGE, OVERVIEW, CHART_CASES, POSITIONS,
    PILLARS,
)}
"""Layout name (a slide's `layout:`) -> its record."""

__all__ = ["LAYOUTS", "Layout", "Page", "plan_slide"]
