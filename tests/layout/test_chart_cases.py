"""briefing.layout.kinds.chart_cases: statements, a chart with its title and source lines, and
dated cases at one tab stop."""

from __future__ import annotations

from briefing.layout.plan import ChartSlot
from tests.layout.plans import block, items_of, texts


def test_the_chart_its_source_and_the_dated_cases(sampler):
    plan = sampler.plan("data")
    [slot] = items_of(plan, ChartSlot)
    assert slot.alt == "Bar chart: units rose from 10 in 2010 to 35 in 2012, about 4 times."
    assert slot.series.name == "growth"
    shown = texts(plan)
    assert shown["Chart source"] == "Source: Test Office\nTest table 1; Test table 2"
    assert shown["Cases"].split("\n") == ["Cases", "Sep. 2011\tFirst case", "Sep. 2012\tSecond case"]
    assert shown["Chart title"] == "Growth\nper year"


def test_cases_hang_at_one_tab_stop_and_are_dated_in_the_decks_language(oda_en, oda_ja):
    for v, first in ((oda_en, "Jun. 1992\t"), (oda_ja, "1992年6月\t")):
        cases = block(v.plan("budget"), "Cases").paras[1:]
        assert len(cases) == 4 and cases[0].text.startswith(first)
        assert len({p.tab for p in cases}) == 1 and cases[0].tab > 0


def test_without_cases_or_statements_the_chart_takes_the_body(sampler):
    from tests.layout.plans import replan

    plan, problems = replan(sampler, "data", cases=None, statements=[])
    assert problems == []
    [slot] = items_of(plan, ChartSlot)
    body = sampler.theme.grid.region("body")
    assert "Cases" not in texts(plan) and "Statements" not in texts(plan)
    assert abs(slot.box.width - body.width) < 0.01
    assert slot.box.height > body.height * 0.55        # not squeezed into a half the statements left
