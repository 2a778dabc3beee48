"""briefing.text.figures: the figures a text states, read in its language's way."""

from __future__ import annotations

from decimal import Decimal

import pytest

from briefing.text.figures import figures, say, stated


def values(text: str, language: str, digits: bool | None = None) -> list[Decimal]:
    return [f.value for f in figures(text, language) if digits is None or f.digits == digits]


def same(english: str, japanese: str) -> bool:
    """Whether each edition states every figure the other writes with digits."""
    en, ja = figures(english, "en"), figures(japanese, "ja")
    return all(stated(f, ja) for f in en if f.digits) and all(stated(f, en) for f in ja if f.digits)


@pytest.mark.parametrize("english, japanese", [
    ("JPY 565,000 million", "5,650億円"),
    ("JPY 1.17 trillion", "1兆1,687億円"),          # rounded to the precision written
    ("Seventy years of ODA", "ODAの70年"),
    ("grew about thirtyfold", "約30倍に増加"),
    ("Part I", "第1部"),
    ("three countries", "3か国"),
    ("3 countries", "三か国"),
    ("since Sep. 2011", "2011年9月から"),
    ("in December 2022", "2022年12月に"),
    ("FY2026 budget", "2026年度予算"),
    ("in 2018", "平成30年に"),
    ("about 6.8 million people", "約680万人"),
    ("1,250,000 people", "125万人"),
    ("50% of the budget", "予算の５０％"),        # full-width digits and percent
    ("packets per IP address", "1IPアドレス当たりのパケット数"),
    ("Two billion people", "20億人"),                  # a number word with its scale
    ("4,300 thousand people", "4,300千人"),            # thousands, as statistics write them
    ("20 million people", "2千万人"),
])
def test_the_same_figure_written_each_language_s_way(english, japanese):
    assert same(english, japanese)


@pytest.mark.parametrize("english, japanese", [
    ("JPY 575,000 million", "5,650億円"),
    ("JPY 1.18 trillion", "1兆1,687億円"),
    ("revised in 2022", "2023年に改定"),
    ("in September 2011", "2011年10月に"),
    ("two partners", "3つのパートナー"),
])
def test_a_different_figure_is_told(english, japanese):
    assert not same(english, japanese)


def test_kanji_inside_words_is_no_figure():
    assert values("一般会計と一層の努力、唯一の統一", "ja") == []
    assert values("第一に、三つの柱", "ja") == [1, 3]


def test_words_answer_but_claim_nothing():
    """Only digits are claims: 'one of the partners' asks nothing of the other edition."""
    assert sorted(values("one of the partners, in May 2019 we may act", "en", digits=False)) == [1, 5]
    assert values("one of the partners", "en", digits=True) == []


def test_a_figure_is_said_the_other_language_s_way():
    assert say(Decimal("575000e6"), "ja") == "5,750億"
    assert say(Decimal("5650e8"), "en") == "565 billion"
    assert say(Decimal(2011), "ja") == ""
