"""Every chart of the fixture decks, in both languages, states its figures as the data has them:
the alternative text's first, last and peak values are the data's, scaled into the deck's unit
and never rounded (570.9, not 571), and no axis title repeats its unit."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml

from briefing.commands import pipeline
from briefing.layout.plan import ChartSlot
from briefing.text.locale import axis_title


def written(project, series) -> list[Decimal]:
    """The chart's values as its data file writes them (read as text, not as numbers)."""
    definition = yaml.safe_load((project.charts / f"{series.name}.yaml").read_text(encoding="utf-8"))
    data = yaml.load((project.charts / definition["data"]).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    rows = {int(row[definition["x"]]): row[definition["y"]] for row in data[definition["table"]]}
    return [Decimal(rows[year].replace("_", "")) for year in series.years]


def stated(value: Decimal, divide: float) -> str:
    return f"{(value / Decimal(repr(divide))).normalize():,f}"


@pytest.mark.parametrize("fixture", ["project", "oda"])
def test_every_chart_states_the_datas_figures_in_each_language(fixture, request):
    project = request.getfixturevalue(fixture)
    loaded, decks = pipeline.render_all(project)
    checked = set()
    for planned in pipeline.plan_all(loaded, decks):
        language = planned.deck.header.language
        for slot in (item for plan in planned.plans for item in plan.items if isinstance(item, ChartSlot)):
            series, scale = slot.series, slot.series.scale_in(language)
            values = written(project, series)
            years = series.years
            first, last = stated(values[0], scale.divide), stated(values[-1], scale.divide)
            peak = max(range(len(values)), key=values.__getitem__)
            if language == "ja":
                expected = [f"{years[0]}年の{first}から{years[-1]}年の{last}へ"]
                if 0 < peak < len(values) - 1:
                    expected.append(f"（最大は{years[peak]}年の{stated(values[peak], scale.divide)}）")
            else:
                expected = [f"from {first} in {years[0]} to {last} in {years[-1]}"]
                if 0 < peak < len(values) - 1:
                    expected.append(f", peaking at {stated(values[peak], scale.divide)} in {years[peak]}")
            assert all(part in slot.alt for part in expected), (slot.alt, expected)
            title = axis_title(slot.chart.axis, scale.unit, language)
            assert not scale.unit or title.count(scale.unit) == 1, title
            checked.add((series.name, language))
    assert checked == ({("growth", "en")} if fixture == "project" else {("oda-budget", "en"), ("oda-budget", "ja")})


def test_an_axis_that_names_its_unit_does_not_get_it_again(oda):
    from tests.conftest import edit

    edit(oda, "content/oda-priorities/deck.yaml", "axis: ODA budget", "axis: ODA budget, JPY billion")
    edit(oda, "content/oda-priorities/deck.ja.yaml", "axis: ODA予算", "axis: ODA予算（億円）")
    loaded, decks = pipeline.render_all(oda, audiences=["full"])
    alts = {p.deck.header.language: item.alt for p in pipeline.plan_all(loaded, decks) for plan in p.plans
            for item in plan.items if isinstance(item, ChartSlot)}
    assert alts == {
        "en": "Bar chart: ODA budget, JPY billion stayed about the same, from 542.2 in 2015 to 565 in 2024, "
              "peaking at 570.9 in 2023.",
        "ja": "棒グラフ：ODA予算（億円）は2015年の5,422から2024年の5,650へとほぼ横ばい（最大は2023年の5,709）。",
    }
