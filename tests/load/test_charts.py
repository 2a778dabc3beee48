"""briefing.load.charts: a chart's range checked year by year, and values kept as written."""

from __future__ import annotations

import pytest

from briefing.errors import ContentError
from briefing.load.charts import load_chart
from briefing.load.content import load_project
from tests.conftest import edit

CHART_DATA = "charts/data/growth.yaml"
ODA_DATA = "charts/data/oda-budget.yaml"


def problems(project) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_project(project)
    return [str(p) for p in caught.value.problems]


def test_a_deleted_year_row_is_an_error_as_a_null_value_is(project):
    edit(project, CHART_DATA, '  - {year: 2011, value: 20, source: "Test table 1"}\n', "")
    assert problems(project) == [
        f"{CHART_DATA}:3:6: rows[1].year: 2011 has no row; a missing value is never drawn as zero: add its row "
        "before year 2012, or end the chart's range before 2011"]


def test_several_deleted_years_are_one_error_at_the_row_after_them(oda):
    edit(oda, ODA_DATA, "  - {year: 2018, yen: 553800000000}\n  - {year: 2019, yen: 556600000000}\n", "")
    assert problems(oda) == [
        f"{ODA_DATA}:8:6: oda_budget[3].year: 2018 to 2019 have no rows; a missing value is never drawn as zero: "
        "add their rows before year 2020, or end the chart's range before 2018"]


def test_a_year_outside_the_range_may_be_missing(oda):
    edit(oda, "charts/oda-budget.yaml", "first: 2015", "first: 2017")
    edit(oda, ODA_DATA, "  - {year: 2016, yen: 551900000000}\n", "")
    assert load_chart(oda, "oda-budget").years == tuple(range(2017, 2025))


def test_a_refused_row_is_not_reported_again_as_a_gap(project):
    edit(project, CHART_DATA, "value: 20,", "value: lots,")
    assert problems(project) == [f"{CHART_DATA}:3:18: rows[1].value: expected a number, got 'lots'"]


def test_each_value_keeps_the_decimals_it_is_written_with(project):
    edit(project, CHART_DATA, "value: 20,", "value: 11.50,")
    edit(project, CHART_DATA, "value: 35,", "value: 3_500,")
    series = load_chart(project, "growth")
    assert (series.values, series.decimals) == ((10.0, 11.5, 3500.0), (0, 2, 0))
