"""briefing.measure: widths from real font metrics, and wrapping by the rules of each script."""

from __future__ import annotations

import pytest

from briefing.measure import NO_LINE_END, NO_LINE_START, breakable_pieces, metrics, wrap


def test_latin_widths_are_arials():
    m = metrics()
    # Arial's advances (as Helvetica's): "A" 667, "i" 222, space 278 thousandths of an em.
    assert m.width("A", 10) == pytest.approx(6.67)
    assert m.width("i i", 10) == pytest.approx(2.22 * 2 + 2.78)
    assert m.width("A", 10, bold=True) == pytest.approx(7.22)
    assert m.width("–’“", 10) == pytest.approx(5.56 + 2.22 + 3.33)    # typographic marks too


def test_japanese_is_full_width_and_spaced_from_latin():
    m = metrics()
    assert m.width("日本のサイバー外交", 10) == pytest.approx(90)
    # "G7" beside kanji: each script change adds a quarter em, as LibreOffice spaces them.
    assert m.width("G7首脳", 10) == pytest.approx(m.width("G7", 10) + 20 + 2.5)


def test_english_wraps_at_spaces_and_after_hyphens():
    lines = wrap("Prioritizing free flow of information and multi-stakeholder approach", 250, 16)
    assert lines == ["Prioritizing free flow of information", "and multi-stakeholder approach"]
    assert wrap("a multi-stakeholder", 110, 16) == ["a multi-", "stakeholder"]
    assert all(metrics().width(line, 16) <= 250 for line in lines)


def test_a_word_longer_than_the_line_breaks_between_characters():
    lines = wrap("https://www.mofa.go.jp/policy/page22e_000123.html", 100, 12)
    assert len(lines) > 1 and "".join(lines) == "https://www.mofa.go.jp/policy/page22e_000123.html"
    assert all(metrics().width(line, 12) <= 100 for line in lines)


def test_japanese_wraps_between_characters():
    text = "サイバー空間の重要性が増す中、サイバー脅威は急速に拡大している。"
    lines = wrap(text, 200, 20)     # ten full-width characters a line
    assert "".join(lines) == text
    assert [len(line) for line in lines] == [10, 10, 10, 2]


@pytest.mark.parametrize("width", [100 + 20 * n for n in range(12)])
def test_no_line_starts_with_closing_punctuation_or_ends_with_opening(width):
    text = "「アノニマス」による安倍総理大臣のウェブサイトに対する攻撃。日本年金機構（年金）から、個人情報が流出した。"
    lines = wrap(text, width, 20)
    assert "".join(lines) == text
    for line in lines[1:]:
        assert line[0] not in NO_LINE_START, lines
    for line in lines[:-1]:
        assert line[-1] not in NO_LINE_END, lines


def test_mixed_latin_and_japanese_lines_keep_latin_words_whole():
    lines = wrap("ASEAN地域フォーラム（ARF）：ICTセキュリティに関する会期間会合（ARF-ISM on ICTs Security）", 240, 14)
    assert "".join(lines).replace(" ", "") == "ASEAN地域フォーラム（ARF）：ICTセキュリティに関する会期間会合（ARF-ISMonICTsSecurity）"
    words = " ".join(lines)
    assert "ASEAN" in words and "Security" in words


def test_kinsoku_glues_pieces():
    assert breakable_pieces("「攻撃」。") == ["「攻", "撃」。"]
