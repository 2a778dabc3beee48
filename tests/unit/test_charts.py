"""briefing.charts: bar charts as PNG, deterministic, cached by what changes the picture."""

from __future__ import annotations

import io

from PIL import Image

from briefing import charts
from briefing.model import ChartSeries, ChartText
from briefing.theme import ChartStyle

SERIES = ChartSeries(name="growth", kind="bar", years=(2010, 2011, 2012), values=(10.0, 20000.0, 35000.0),
                     approx=(False, False, True), sources=("T1",))
TEXT = ChartText(name="growth", title="Growth", axis="Cost in $ and $", source="Source: T")
STYLE = ChartStyle(bar="1F4E8C", bar_approx="8FA9CF", axis="444444", grid="D9DDE3", dpi=100)


def test_png_has_the_asked_size_and_no_software_stamp():
    png = charts.draw_chart(SERIES, TEXT, STYLE, (4.0, 2.5))
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (400, 250)
    assert "Software" not in image.info
    assert b"matplotlib" not in png.lower()


def test_drawing_is_deterministic():
    assert charts.draw_chart(SERIES, TEXT, STYLE, (4.0, 2.5)) == charts.draw_chart(SERIES, TEXT, STYLE, (4.0, 2.5))


def test_dollar_signs_are_literal_not_math():
    # With mathtext, "$ and $" would be parsed as math and drawn differently from plain text.
    plain = ChartText(name="growth", title="Growth", axis="Cost in USD and USD", source="Source: T")
    assert charts.draw_chart(SERIES, TEXT, STYLE, (4.0, 2.5)) != charts.draw_chart(SERIES, plain, STYLE, (4.0, 2.5))


def test_bars_use_the_theme_colours():
    image = Image.open(io.BytesIO(charts.draw_chart(SERIES, TEXT, STYLE, (4.0, 2.5)))).convert("RGB")
    colours = {colour for _, colour in image.getcolors(maxcolors=100000)}
    assert (0x1F, 0x4E, 0x8C) in colours


def test_cache_serves_a_second_request_without_drawing(tmp_path, monkeypatch):
    first = charts.chart_png(SERIES, TEXT, STYLE, (4.0, 2.5), tmp_path)
    assert len(list(tmp_path.glob("*.png"))) == 1

    def refuse(*args):
        raise AssertionError("drew a cached chart")

    monkeypatch.setattr(charts, "draw_chart", refuse)
    assert charts.chart_png(SERIES, TEXT, STYLE, (4.0, 2.5), tmp_path) == first


def test_cache_key_follows_data_words_style_and_size():
    key = charts.chart_key(SERIES, TEXT, STYLE, (4.0, 2.5))
    assert key == charts.chart_key(SERIES, TEXT.model_copy(update={"title": "Other title"}), STYLE, (4.0, 2.5))
    changed = [
        charts.chart_key(SERIES.model_copy(update={"values": (1.0, 2.0, 3.0)}), TEXT, STYLE, (4.0, 2.5)),
        charts.chart_key(SERIES, TEXT.model_copy(update={"axis": "Other"}), STYLE, (4.0, 2.5)),
        charts.chart_key(SERIES, TEXT, STYLE.model_copy(update={"bar": "000000"}), (4.0, 2.5)),
        charts.chart_key(SERIES, TEXT, STYLE, (5.0, 2.5)),
    ]
    assert key not in changed and len(set(changed)) == 4


JAPANESE = ChartText(name="growth", title="成長", axis="1IPアドレス当たりのパケット数", source="出典：NICT",
                     approx_note="斜線の棒：公表された概数")


def test_a_japanese_chart_uses_the_packaged_japanese_font_without_warnings(caplog):
    import logging
    import warnings

    from matplotlib import font_manager

    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING):
        warnings.simplefilter("always")
        png = charts.draw_chart(SERIES, JAPANESE, STYLE, (4.0, 2.5), "ja")
    assert [str(w.message) for w in caught] == []                 # no "Glyph ... missing from font"
    assert [r.getMessage() for r in caplog.records] == []          # no findfont fallbacks
    path = font_manager.findfont(font_manager.FontProperties(family="IPAexGothic"), fallback_to_default=False)
    assert path.endswith("matplotlib_fontja/fonts/ipaexg.ttf")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")      # drawn in the Latin font, the kanji are missing glyphs
        assert png != charts.draw_chart(SERIES, JAPANESE, STYLE, (4.0, 2.5), "en")


def test_japanese_axis_ticks_count_in_man():
    from briefing.locale import format_japanese

    assert [format_japanese(v, 1) for v in (0, 100000, 250000, 600000)] == ["0", "10万", "25万", "60万"]
    assert format_japanese(58_000_000_000) == "580億" and format_japanese(1_250_000) == "125万"
