"""briefing.text.locale: months as each language writes them."""

from briefing.text.locale import month_label


def test_english_months_follow_the_source_deck():
    assert month_label("2011-09", "en") == "Sep. 2011"
    assert month_label("2015-05", "en") == "May 2015"
    assert month_label("2018-01", "en") == "Jan. 2018"


def test_japanese_months():
    assert month_label("2011-09", "ja") == "2011年9月"
