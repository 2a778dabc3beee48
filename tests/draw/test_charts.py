"""briefing.draw.charts: bar charts as SVG with a PNG beside, deterministic, in the deck's faces,
scaled per language, cached by what changes the picture."""

from __future__ import annotations

import io
import re

from PIL import Image

import pytest

from briefing.draw import charts

from briefing.draw import drawer as drawing
from briefing.errors import BriefingError
from briefing.text.locale import describe_chart, format_japanese
from briefing.model.deck import ChartSeries, ChartText, Scale
from briefing.model.theme import ChartStyle, Fonts

SERIES = ChartSeries(name="growth", kind="bar", years=(2010, 2011, 2012), values=(10.0, 20000.0, 35000.0),
                     approx=(False, False, True), sources={"": ("T1",)})
TEXT = ChartText(name="growth", title="Growth", axis="Cost in $ and $", source="Source: T")
STYLE = ChartStyle(bar="1F4E8C", bar_approx="8FA9CF", axis="444444", grid="D9DDE3", dpi=100)
FONTS = Fonts(latin="Arial", east_asian="Yu Gothic")


def png_of(*args, **kwargs) -> bytes:
    return charts.draw_chart(*args, **kwargs)[0]


def test_png_has_the_asked_size_and_no_software_stamp():
    png = png_of(SERIES, TEXT, STYLE, (4.0, 2.5))
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (400, 250)
    assert "Software" not in image.info
    assert b"matplotlib" not in png.lower()


def test_the_svg_keeps_its_text_as_text_in_the_deck_faces():
    _, svg = charts.draw_chart(SERIES, TEXT, STYLE, (4.0, 2.5), "en", FONTS)
    text = svg.decode()
    assert text.startswith("<?xml") and "<svg" in text
    assert "<text" in text and "Cost in $ and $" in text          # text, not outlines
    families = set(re.findall(r"font-family: ([^;\"]+)", text))
    assert families == {"Arial, 'Liberation Sans', Arimo, Helvetica, 'DejaVu Sans', sans-serif"}
    assert "<dc:date>" not in text and "<dc:creator>" not in text      # no stamps: the same chart, the same bytes


def test_a_japanese_svg_names_the_japanese_face_first():
    japanese = TEXT.copy(update={"axis": "1IPアドレス当たりのパケット数"})
    _, svg = charts.draw_chart(SERIES, japanese, STYLE, (4.0, 2.5), "ja", FONTS)
    [families] = set(re.findall(r"font-family: ([^;\"]+)", svg.decode()))
    assert families.startswith("'Yu Gothic', YuGothic, 'Hiragino Sans', 'Noto Sans CJK JP', IPAexGothic, Arial")


def test_drawing_is_deterministic():
    assert charts.draw_chart(SERIES, TEXT, STYLE, (4.0, 2.5), "en", FONTS) == \
        charts.draw_chart(SERIES, TEXT, STYLE, (4.0, 2.5), "en", FONTS)


def test_dollar_signs_are_literal_not_math():
    # With mathtext, "$ and $" would be parsed as math and drawn differently from plain text.
    plain = ChartText(name="growth", title="Growth", axis="Cost in USD and USD", source="Source: T")
    assert png_of(SERIES, TEXT, STYLE, (4.0, 2.5)) != png_of(SERIES, plain, STYLE, (4.0, 2.5))


def test_bars_use_the_theme_colours():
    image = Image.open(io.BytesIO(png_of(SERIES, TEXT, STYLE, (4.0, 2.5)))).convert("RGB")
    colours = {colour for _, colour in image.getcolors(maxcolors=100000)}
    assert (0x1F, 0x4E, 0x8C) in colours


def test_cache_serves_a_second_request_without_drawing(tmp_path, monkeypatch):
    arguments = (SERIES, TEXT, STYLE, (4.0, 2.5), "en", FONTS)
    drawer = drawing.Drawer(tmp_path)
    drawer.request("k", arguments)
    drawer.finish()
    drawer.close()
    first = drawing.pictures(tmp_path, "k")
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".png", ".svg"]
    assert first[1].startswith(b"<?xml") and first[0].startswith(b"\x89PNG")

    def refuse(*args):
        raise AssertionError("drew a cached chart")

    monkeypatch.setattr(drawing, "SEPARATE", False)
    monkeypatch.setattr(charts, "draw_chart", refuse)
    again = drawing.Drawer(tmp_path)
    again.request("k", arguments)
    again.finish()
    assert drawing.pictures(tmp_path, "k") == first


def test_a_chart_that_cannot_be_drawn_is_reported_to_the_writer_waiting_for_it(tmp_path, monkeypatch):
    def fail(*args):
        raise BriefingError("no face for this chart")

    monkeypatch.setattr(charts, "draw_chart", fail)     # before the Drawer forks, so the child has it too
    drawer = drawing.Drawer(tmp_path)
    drawer.request("k", (SERIES, TEXT, STYLE, (4.0, 2.5), "en", FONTS))
    with pytest.raises(BriefingError, match="no face"):
        drawer.finish()
    drawer.close()
    with pytest.raises(BriefingError, match="could not be drawn: no face"):
        drawing.pictures(tmp_path, "k")


def test_cache_key_follows_data_words_style_fonts_and_size():
    key = charts.chart_key(SERIES, TEXT, STYLE, (4.0, 2.5))
    assert key == charts.chart_key(SERIES, TEXT.copy(update={"title": "Other title"}), STYLE, (4.0, 2.5))
    changed = [
        charts.chart_key(SERIES.copy(update={"values": (1.0, 2.0, 3.0)}), TEXT, STYLE, (4.0, 2.5)),
        charts.chart_key(SERIES, TEXT.copy(update={"axis": "Other"}), STYLE, (4.0, 2.5)),
        charts.chart_key(SERIES, TEXT, STYLE.copy(update={"bar": "000000"}), (4.0, 2.5)),
        charts.chart_key(SERIES, TEXT, STYLE, (5.0, 2.5)),
        charts.chart_key(SERIES, TEXT, STYLE, (4.0, 2.5), "en", FONTS),
    ]
    assert key not in changed and len(set(changed)) == 5


JAPANESE = ChartText(name="growth", title="成長", axis="1IPアドレス当たりのパケット数", source="出典：NICT",
                     approx_note="斜線の棒：公表された概数")


def test_a_japanese_chart_uses_the_packaged_japanese_font_without_warnings(caplog):
    import logging
    import warnings

    from matplotlib import font_manager

    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING):
        warnings.simplefilter("always")
        png = png_of(SERIES, JAPANESE, STYLE, (4.0, 2.5), "ja")
    assert [str(w.message) for w in caught] == []                 # no "Glyph ... missing from font"
    assert [r.getMessage() for r in caplog.records] == []          # no findfont fallbacks
    path = font_manager.findfont(font_manager.FontProperties(family="IPAexGothic"), fallback_to_default=False)
    assert path.endswith("matplotlib_fontja/fonts/ipaexg.ttf")     # the package's copy, not a system one
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")      # drawn in the Latin font, the kanji are missing glyphs
        assert png != png_of(SERIES, JAPANESE, STYLE, (4.0, 2.5), "en")


def test_ticks_follow_each_language():
    assert [charts.tick_label(v, "ja", False) for v in (0, 100000, 250000, 600000)] == ["0", "10万", "25万", "60万"]
    assert [charts.tick_label(v, "en", False) for v in (0, 100000, 250000)] == ["0", "100,000", "250,000"]
    assert [charts.tick_label(v, "ja", True) for v in (0, 5000, 6000)] == ["0", "5,000", "6,000"]
    assert format_japanese(58_000_000_000) == "580億" and format_japanese(1_250_000) == "125万"


def test_one_column_of_yen_shows_as_each_language_counts_money():
    yen = ChartSeries(name="budget", kind="bar", years=(2023, 2024), values=(570_900_000_000.0, 565_000_000_000.0),
                      approx=(False, False), sources={"": ("MOFA",)},
                      scale={"en": Scale(divide=1e9, unit="JPY billion"), "ja": Scale(divide=1e8, unit="億円")})
    words = ChartText(name="budget", title="Budget", axis="ODA budget", source="MOFA")
    _, english = charts.draw_chart(yen, words, STYLE, (4.0, 2.5), "en", FONTS)
    _, japanese = charts.draw_chart(yen, words.copy(update={"axis": "ODA予算"}), STYLE, (4.0, 2.5), "ja", FONTS)
    assert "ODA budget (JPY billion)" in english.decode() and ">565<" in english.decode().replace(" ", "")
    assert "ODA予算（億円）" in japanese.decode() and ">5,650<" in japanese.decode()


def test_the_alternative_text_names_the_measure_range_and_trend():
    nict = ChartSeries(name="n", kind="bar", years=tuple(range(2005, 2018)),
                       values=(19066.0, *[30000.0] * 11, 559125.0), approx=(False,) * 13, sources={"": ("N",)})
    words = ChartText(name="n", title="Data", axis="Packets per IP address", source="N")
    assert describe_chart(nict, words, "en") == ("Bar chart: packets per IP address rose from 19,066 in 2005 to "
                                                 "559,125 in 2017, about 29 times.")
    japanese = words.copy(update={"axis": "1IPアドレス当たりのパケット数"})
    assert describe_chart(nict, japanese, "ja") == ("棒グラフ：1IPアドレス当たりのパケット数は2005年の19,066から2017年の"
                                                    "559,125へ約29倍に増加。")
    falling = nict.copy(update={"values": (100.0, *[150.0] * 11, 80.0)})
    assert describe_chart(falling, words, "en") == ("Bar chart: packets per IP address fell from 100 in 2005 to 80 "
                                                    "in 2017, down 20%, peaking at 150 in 2006.")
