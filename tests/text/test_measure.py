"""briefing.text.measure: widths from real font metrics, and wrapping by the rules of each script."""

from __future__ import annotations

import pytest

from briefing.text.measure import NO_LINE_END, NO_LINE_START, breaks, metrics, wrap


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


def lines(text: str, width: float, size: float, **options) -> list[str]:
    return list(wrap(text, width, size, **options).lines)


def test_english_wraps_at_spaces_and_after_hyphens():
    found = lines("Prioritizing free flow of information and multi-stakeholder approach", 250, 16)
    assert found == ["Prioritizing free flow of information", "and multi-stakeholder approach"]
    assert lines("a multi-stakeholder", 110, 16) == ["a multi-", "stakeholder"]
    assert all(metrics().width(line, 16) <= 250 for line in found)


def test_a_word_longer_than_the_line_is_cut_and_counted():
    wrapped = wrap("https://www.mofa.go.jp/policy/page22e_000123.html", 100, 12)
    assert len(wrapped.lines) > 1 and "".join(wrapped.lines) == "https://www.mofa.go.jp/policy/page22e_000123.html"
    assert all(metrics().width(line, 12) <= 100 for line in wrapped.lines)
    assert wrapped.cut_words == len(wrapped.lines) - 1
    assert wrap("Sustainable societies", 200, 16).cut_words == 0


def test_line_starts_index_the_text():
    text = "First line here and a second line"
    wrapped = wrap(text, 100, 16)
    assert [text[s:].startswith(line) for s, line in zip(wrapped.starts, wrapped.lines)] == [True] * len(wrapped.lines)


def test_japanese_breaks_between_phrases():
    # BudouX: サイバー空間に / おける / 法の / 支配の / 推進
    assert lines("サイバー空間における法の支配の推進", 150, 16) == ["サイバー空間に", "おける法の", "支配の推進"]
    assert lines("質の高い成長", 60, 16) == ["質の", "高い", "成長"]


def test_a_phrase_longer_than_the_line_breaks_between_characters():
    text = "信頼醸成措置及び能力構築支援を"      # one phrase, five characters a line
    found = lines(text, 100, 20)
    assert "".join(found) == text
    assert found == ["信頼醸成", "措置及び", "能力構築", "支援を"]    # between pairs of kanji, at a character's cost


def test_numbers_and_latin_words_stay_whole_in_japanese():
    found = lines("2023年に改定された大綱が、日本のODAの基本方針を定めている。", 180, 16)
    assert all("202" not in line or "2023" in line for line in found)
    assert any(line.startswith("日本のODAの") or "ODAの" in line for line in found)


@pytest.mark.parametrize("width", [100 + 20 * n for n in range(12)])
def test_no_line_starts_with_closing_punctuation_or_ends_with_opening(width):
    text = "「アノニマス」による安倍総理大臣のウェブサイトに対する攻撃。日本年金機構（年金）から、個人情報が流出した。"
    found = lines(text, width, 20)
    assert "".join(found) == text
    for line in found[1:]:
        assert line[0] not in NO_LINE_START, found
    for line in found[:-1]:
        assert line[-1] not in NO_LINE_END, found


@pytest.mark.parametrize("width", [150 + 10 * n for n in range(30)])
def test_a_japanese_paragraph_never_ends_on_one_character(width):
    text = "日本は、アジア太平洋地域を中心に、信頼醸成措置及び能力構築支援を一層推進していく。"
    found = lines(text, width, 16)
    last = [c for c in found[-1] if c not in "。、"]
    assert len(found) == 1 or len(last) > 1, found


def test_short_japanese_texts_are_balanced():
    # Greedy leaves a short last line; balanced, the two lines are of similar length.
    text = "日本のサイバー外交における法の支配"
    assert lines(text, 220, 16) == ["日本のサイバー外交における", "法の支配"]
    assert lines(text, 220, 16, balance=True) == ["日本のサイバー外交に", "おける法の支配"]


def test_english_is_never_rebalanced():
    text = "Promoting the rule of law in cyberspace"
    assert lines(text, 150, 16, balance=True) == lines(text, 150, 16) == ["Promoting the rule of", "law in cyberspace"]


def test_mixed_latin_and_japanese_lines_keep_latin_words_whole():
    found = lines("ASEAN地域フォーラム（ARF）：ICTセキュリティに関する会期間会合（ARF-ISM on ICTs Security）", 240, 14)
    assert "".join(found).replace(" ", "") == "ASEAN地域フォーラム（ARF）：ICTセキュリティに関する会期間会合（ARF-ISMonICTsSecurity）"
    words = " ".join(found)
    assert "ASEAN" in words and "Security" in words


def test_kinsoku_forbids_breaks_before_closing_and_after_opening_punctuation():
    preferred, fallback = breaks("「攻撃」。")
    assert preferred <= fallback
    assert fallback == {2}


def test_a_phrase_longer_than_its_line_is_cut_between_pairs_of_kanji():
    # 「信頼醸成措置の」 is one BudouX phrase; a card five characters wide must cut it: after 信頼醸成
    # (two words of two), not inside 措置.
    m = metrics()
    five = m.width("信頼醸成措", 12) + 0.5
    assert wrap("信頼醸成措置の推進", five, 12).lines == ("信頼醸成", "措置の推進")
    six = m.width("信頼醸成措置", 12) + 0.5
    assert wrap("信頼醸成措置の推進", six, 12).lines == ("信頼醸成措置", "の推進")
