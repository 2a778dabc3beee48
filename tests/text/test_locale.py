"""briefing.text.locale: months as each language writes them."""

from briefing.text.locale import month_label


def test_english_months_follow_the_source_deck():
    assert month_label("2011-09", "en") == "Sep. 2011"
    assert month_label("2015-05", "en") == "May 2015"
    assert month_label("2018-01", "en") == "Jan. 2018"


def test_japanese_months():
    assert month_label("2011-09", "ja") == "2011年9月"


# --- figures as the data states them -------------------------------------------------------------

from types import SimpleNamespace  # noqa: E402

from briefing.model.deck import ChartSeries, Scale  # noqa: E402
from briefing.text.locale import axis_title, describe_chart, shown_decimals, value_label  # noqa: E402


def test_values_are_stated_exactly_never_rounded():
    assert value_label(11.5) == "11.5"
    assert value_label(542_200_000_000 / 1e9) == "542.2"
    assert value_label(570_950_000_000 / 1e9) == "570.95"
    assert value_label(1_250_000.0) == "1,250,000"
    assert value_label(1234.5) == "1,234.5"
    assert value_label(0.1 + 0.2) == "0.3"           # a float's noise is not a figure
    assert value_label(11.5, decimals=2) == "11.50"  # as written: 11.50


def test_a_power_of_ten_moves_the_written_decimals():
    assert [shown_decimals(2, 1), shown_decimals(2, 100), shown_decimals(2, 0.1), shown_decimals(0, 1e9),
            shown_decimals(2, 3)] == [2, 4, 1, 0, 0]
    assert value_label(11.5 / 100, shown_decimals(2, 100)) == "0.1150"


def test_the_unit_is_added_to_an_axis_only_when_the_axis_does_not_name_it():
    assert axis_title("ODA", "USD billion", "en") == "ODA (USD billion)"
    assert axis_title("USD billion", "USD billion", "en") == "USD billion"
    assert axis_title("ODA, usd billion", "USD billion", "en") == "ODA, usd billion"
    assert axis_title("ODA予算", "億ドル", "ja") == "ODA予算（億ドル）"
    assert axis_title("億ドル", "億ドル", "ja") == "億ドル"
    assert axis_title("", "億ドル", "ja") == "億ドル"


PEAK = ChartSeries(name="aid", kind="bar", years=(2019, 2020, 2021, 2022), values=(8.0, 9.25, 11.5, 10.0),
                   approx=(False,) * 4, sources={"": ("x",)}, decimals=(0, 2, 1, 1),
                   scale={"ja": Scale(divide=0.1, unit="億ドル")})


def test_the_alternative_text_states_the_peak_as_the_data_has_it_in_both_languages():
    english = SimpleNamespace(axis="USD billion", title="Aid")
    japanese = SimpleNamespace(axis="億ドル", title="援助")
    assert describe_chart(PEAK, english, "en") == (
        "Bar chart: USD billion rose from 8 in 2019 to 10.0 in 2022, up 25%, peaking at 11.5 in 2021.")
    assert describe_chart(PEAK, japanese, "ja") == (
        "棒グラフ：億ドルは2019年の80から2022年の100へ25%増加（最大は2021年の115）。")
