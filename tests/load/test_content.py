"""briefing.load.content: decks, charts and themes validated, every problem reported with file:line."""

from __future__ import annotations

import pytest

from briefing.load.content import load_project
from briefing.errors import ContentError
from briefing.layout.kinds.chart_cases import ChartCasesSlide
from briefing.layout.kinds.positions import PositionsSlide
from tests.conftest import DECK, edit, write

LAYOUTS = ("(layouts: title, section, agenda, bullets, two-column, statements, table, image, overview, chart-cases, "
           "positions, pillars)")
CHART_DATA = "charts/data/growth.yaml"


def problems(project, selection=None) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_project(project, selection)
    return [str(p) for p in caught.value.problems]


def test_the_sampler_loads_with_typed_slides(project):
    loaded = load_project(project)
    [deck] = loaded.decks
    assert deck.name == "sampler"
    assert [s.kind for s in deck.slides] == ["title", "section", "bullets", "two-column", "overview",
                                             "chart-cases", "positions", "pillars", "statements"]
    assert isinstance(deck.slides[5], ChartCasesSlide)
    assert isinstance(deck.slides[6], PositionsSlide)
    assert loaded.charts["growth"].values == (10.0, 20.0, 35.0)
    assert loaded.charts["growth"].approx == (False, False, True)
    assert loaded.charts["growth"].sources == {"": ("Test table 1", "Test table 2")}


def test_text_stays_text(project):
    edit(project, DECK, "title: Compare", "title: no")
    edit(project, DECK, "items: [Old way]", "items: [1.10]")
    deck = load_project(project).decks[0]
    assert deck.slides[3].title == "no"
    assert deck.slides[3].left.items == ["1.10"]


def test_unknown_field_suggests_the_right_one(project):
    edit(project, DECK, "    title: Points for", "    titel: Points for")
    assert problems(project) == [f"{DECK}:18:5: slides[2].title: required field is missing",
                                 f"{DECK}:20:5: slides[2].titel: unknown field 'titel'; did you mean 'title'?"]


def test_unknown_field_without_a_close_match_lists_the_fields(project):
    edit(project, DECK, "subtitle: Where we stand", "colour: red")
    assert problems(project) == [
        f"{DECK}:17:5: slides[1].colour: unknown field 'colour'; expected one of "
        "id, layout, notes, review, title, fit, figures_differ, subtitle"]


def test_unknown_layout(project):
    edit(project, DECK, "layout: bullets", "layout: bulets")
    assert problems(project) == [f"{DECK}:19:5: slides[2].layout: unknown layout 'bulets'; did you mean 'bullets'? {LAYOUTS}"]


def test_missing_field_points_at_its_mapping(project):
    edit(project, DECK, "    balance: Balance them\n", "")
    assert problems(project) == [f"{DECK}:55:5: slides[6].balance: required field is missing"]


def test_every_problem_is_reported_in_one_run(project):
    edit(project, DECK, "title: Sampler Deck", "title: [a, list]")
    edit(project, DECK, "date: 2011-09", "date: Sept 2011")
    edit(project, DECK, "id: compare", "id: points")
    edit(project, DECK, "focus: [Alpha, Beta, Gamma]", "focus: []")
    assert problems(project) == [
        f"{DECK}:2:1: title: expected text, got a list",
        f"{DECK}:25:5: slides[3].id: duplicate slide id 'points' (first at line 18)",
        f"{DECK}:39:5: slides[4].focus: expected at least 1 item, got 0",
        f"{DECK}:53:12: slides[5].cases.items[0].date: expected a month written YYYY-MM, like 2011-09; "
        "got 'Sept 2011'",
    ]


def test_too_many_items_in_a_box(project):
    edit(project, DECK, "items: [We will act]", "items: [a, b, c, d, e, f]")
    assert problems(project) == [f"{DECK}:77:5: slides[8].items: expected at most 5 items, got 6"]


def test_unknown_chart_and_theme_are_reported_where_named(project):
    edit(project, DECK, "name: growth", "name: growht")
    edit(project, DECK, "language: en", "language: en\ntheme: dark")
    assert problems(project) == [
        f"{DECK}:8:1: theme: no theme 'dark' in templates/themes; themes: default",
        f"{DECK}:46:7: slides[5].chart.name: no chart 'growht' in charts/; did you mean 'growth'?",
    ]


def test_a_missing_value_is_never_drawn_as_zero(project):
    edit(project, CHART_DATA, "value: 20,", "value: null,")
    assert problems(project) == [
        f"{CHART_DATA}:3:18: rows[1].value: 2011 has no value; a missing value is never drawn as zero: "
        "fill it in or end the chart's range before 2011"]


def test_chart_rows_must_increase_and_be_non_negative(project):
    edit(project, CHART_DATA, "year: 2011, value: 20", "year: 2009, value: -5")
    assert problems(project) == [
        f"{CHART_DATA}:3:18: rows[1].value: expected a finite number of 0 or more, got -5",
    ]
    edit(project, CHART_DATA, "value: -5", "value: 5")
    assert problems(project) == [
        f"{CHART_DATA}:3:6: rows[1].year: year 2009 follows 2010; rows must be in strictly increasing order",
    ]


def test_chart_values_must_be_finite_numbers(project):
    edit(project, CHART_DATA, "value: 10,", "value: .nan,")
    edit(project, CHART_DATA, "value: 20,", "value: lots,")
    assert problems(project) == [
        f"{CHART_DATA}:2:18: rows[0].value: expected a finite number of 0 or more, got .nan",
        f"{CHART_DATA}:3:18: rows[1].value: expected a number, got 'lots'",
    ]


def test_mixed_vintages_need_a_footnote(project):
    write(project.root / CHART_DATA, """
        rows:
          - {year: 2010, value: 10, vintage: original, source: "T1"}
          - {year: 2011, value: 20, vintage: current, source: "T2"}
          - {year: 2012, value: 35, vintage: current, source: "T2"}
        """)
    assert problems(project) == [
        "charts/growth.yaml:6:1: first: the range 2010-2012 mixes vintages (current, original); "
        "add a footnote that says so, or narrow the range"]
    edit(project, "charts/growth.yaml", "last: 2012", "last: 2012\nfootnote: From 2011 on, recounted figures.")
    assert load_project(project).charts["growth"].footnote == "From 2011 on, recounted figures."


def test_chart_range_must_be_in_the_data(project):
    edit(project, "charts/growth.yaml", "last: 2012", "last: 2015")
    assert problems(project) == ["charts/growth.yaml:7:1: last: 2015 is not in the data of charts/data/growth.yaml"]


def test_chart_data_path_stays_inside_charts(project):
    edit(project, "charts/growth.yaml", "data: data/growth.yaml", "data: ../../etc/passwd")
    assert problems(project) == [
        "charts/growth.yaml:2:1: data: must be a path inside charts/, like data/nict-darknet.yaml "
        "(no URL, no absolute path, no ..)"]


def test_theme_colours_are_checked(project):
    edit(project, "templates/themes/default.yaml", 'accent: "B3001B"', "accent: red")
    assert problems(project) == [
        "templates/themes/default.yaml:7:3: colours.accent: expected a colour as six hex digits, like 1B2A4A; "
        "got 'red'"]


def test_unknown_deck_name(project):
    assert problems(project, ["samplr"]) == ["samplr: no such deck; did you mean 'sampler'?"]


def test_the_real_deck_loads(real_project):
    loaded = load_project(real_project, ["japan-cyber-diplomacy"], audiences=["full"], languages=["en"])
    [deck] = loaded.decks
    assert deck.name == "japan-cyber-diplomacy"
    series = loaded.charts["darknet-per-ip"]
    assert series.years == tuple(range(2005, 2018))
    assert series.values[0] == 19066 and series.values[-1] == 559125


def test_a_broken_slide_does_not_hide_chart_problems(project):
    edit(project, DECK, "layout: bullets", "layout: bulets")
    edit(project, CHART_DATA, "value: 20,", "value: ~,")
    assert problems(project) == [
        f"{CHART_DATA}:3:18: rows[1].value: 2011 has no value; a missing value is never drawn as zero: "
        "fill it in or end the chart's range before 2011",
        f"{DECK}:19:5: slides[2].layout: unknown layout 'bulets'; did you mean 'bullets'? {LAYOUTS}",
    ]


def test_locations_stay_right_after_a_broken_slide(project):
    edit(project, DECK, "layout: title", "layout: titel")
    edit(project, DECK, "name: growth", "name: growht")
    assert problems(project) == [
        f"{DECK}:12:5: slides[0].layout: unknown layout 'titel'; did you mean 'title'? {LAYOUTS}",
        f"{DECK}:45:7: slides[5].chart.name: no chart 'growht' in charts/; did you mean 'growth'?",
    ]


def test_a_layout_that_is_not_a_name(project):
    edit(project, DECK, "layout: bullets", "layout: [bullets]")
    assert problems(project) == [f"{DECK}:19:5: slides[2].layout: expected a layout name, got a list"]


def test_a_chart_column_that_no_row_has_is_reported_once(project):
    edit(project, "charts/growth.yaml", "x: year", "x: yaer")
    assert problems(project) == [
        "charts/growth.yaml:4:1: x: no column 'yaer' in the rows of charts/data/growth.yaml "
        "(columns: year, value, source, approx)"]


def test_an_empty_source_is_refused(project):
    edit(project, CHART_DATA, 'source: "Test table 1"}', 'source: ""}')
    assert problems(project) == [f"{CHART_DATA}:2:29: rows[0].source: must not be empty"]
