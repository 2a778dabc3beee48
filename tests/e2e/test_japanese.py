"""End to end: the Japanese edition, its typography, and measured wrapping against a real renderer."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn

from briefing.text.measure import wrap
from tests.conftest import run_cli
from tests.slides import by_id, shape_texts, slide_text

HAVE_LIBREOFFICE = bool(shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdffonts"))
HAVE_JAPANESE_FONT = bool(shutil.which("fc-list") and subprocess.run(
    ["fc-list", ":lang=ja"], capture_output=True, text=True).stdout.strip())
NEEDS_LIBREOFFICE = pytest.mark.skipif(not (HAVE_LIBREOFFICE and HAVE_JAPANESE_FONT),
                                       reason="LibreOffice (soffice), poppler-utils or a Japanese font "
                                              "(Debian's fonts-ipaexfont-gothic) is not installed")
EMU_PER_POINT = 12700


@pytest.fixture
def decks(shipped):
    return shipped[1]


def deck(out: Path, language: str):
    return Presentation(str(out / f"japan-cyber-diplomacy-full-{language}.pptx"))


def test_the_japanese_edition_has_the_english_slides_in_japanese(decks):
    en, ja = deck(decks, "en"), deck(decks, "ja")
    assert [s.name for s in ja.slides] == [s.name for s in en.slides]
    assert by_id(ja, "cover").shapes.title.text_frame.text == "日本のサイバー外交"
    assert by_id(ja, "threats").shapes.title.text_frame.text == "サイバーに関わる脅威の拡大"
    cases = shape_texts(by_id(ja, "threats"))["Cases"].split("\n")
    assert cases[0] == "サイバー攻撃の事例（報道ベース）"
    assert cases[2].startswith("2012年9月\t最高裁判所")
    assert cases[6] == "2018年1月\t「コインチェック」がハッキング攻撃により580億円相当を喪失"
    pillars = [shape_texts(by_id(ja, "diplomacy"))[f"Pillar {n}"] for n in (1, 2, 3)]
    assert pillars == ["サイバー空間における法の支配の推進", "信頼醸成措置の推進", "能力構築支援"]
    assert "125万人分" in slide_text(by_id(ja, "threats"))


def test_every_run_names_its_latin_and_east_asian_face_and_language(decks):
    for language, tag in (("en", "en-US"), ("ja", "ja-JP")):
        for slide in deck(decks, language).slides:
            for rpr in slide._element.iter(qn("a:rPr")):
                children = [child.tag for child in rpr]
                assert qn("a:latin") in children and qn("a:ea") in children
                assert children.index(qn("a:latin")) < children.index(qn("a:ea"))   # schema order
                assert rpr.get("lang") == tag
                assert rpr.find(qn("a:ea")).get("typeface") == "Yu Gothic"


def test_the_theme_names_the_east_asian_font_for_japanese(decks):
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = deck(decks, "ja")
    theme = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    for scheme in ("a:majorFont", "a:minorFont"):
        font = next(theme.iter(qn(scheme)))
        assert font.find(qn("a:ea")).get("typeface") == "Yu Gothic"
        jpan = [f.get("typeface") for f in font.findall(qn("a:font")) if f.get("script") == "Jpan"]
        assert jpan == ["Yu Gothic"]


def test_the_japanese_chart_is_drawn_apart_from_the_english_one(decks):
    en, ja = deck(decks, "en"), deck(decks, "ja")

    def picture(prs):
        return next(s for s in by_id(prs, "threats").shapes if s.name == "Chart").image.blob

    assert picture(en) != picture(ja)
    assert shape_texts(by_id(ja, "threats"))["Chart title"].startswith("NICTが観測したサイバー攻撃関連通信の量")


@pytest.fixture
def rendered(shipped_pdfs):
    """Both full decks as PDF, rendered by LibreOffice."""
    return {lang: shipped_pdfs[f"japan-cyber-diplomacy-full-{lang}.pptx"] for lang in ("en", "ja")}


@NEEDS_LIBREOFFICE
def test_libreoffice_draws_the_japanese_text_in_a_japanese_font(rendered):
    text = subprocess.run(["pdftotext", str(rendered["ja"]), "-"], capture_output=True, text=True, check=True).stdout
    assert "日本のサイバー外交" in text and "サイバー攻撃の事例（報道ベース）" in text
    fonts = subprocess.run(["pdffonts", str(rendered["ja"])], capture_output=True, text=True, check=True).stdout
    # A Japanese font (here IPAex), never a Chinese face of a pan-CJK family (SC, TC) for Japanese text.
    assert re.search(r"IPAex|JP|Japan|Gothic|Mincho", fonts, re.IGNORECASE), fonts
    assert not re.search(r"CJK ?(SC|TC|KR)|Chinese", fonts), fonts


SAMPLED = ("Statements", "Lead", "Cases", "Left points", "Right points", "List 1", "List 2", "Intro")


@NEEDS_LIBREOFFICE
@pytest.mark.parametrize("language", ["en", "ja"])
def test_measured_wrapping_matches_libreoffice_within_a_line(decks, rendered, language):
    prs = deck(decks, language)
    words = page_words(rendered[language])
    compared = 0
    for number, slide in enumerate(prs.slides):
        for shape in slide.shapes:
            if shape.name in SAMPLED:
                measured = measured_lines(shape)
                drawn = drawn_lines(words[number], shape)
                assert abs(measured - drawn) <= 1, f"slide {number + 1} {shape.name}: {measured} vs {drawn}"
                compared += 1
    assert compared >= 8


def measured_lines(shape) -> int:
    """Lines of a text shape as `briefing.text.measure` wraps them, from the sizes written in the file."""
    frame = shape.text_frame
    inner = (shape.width - frame.margin_left - frame.margin_right) / EMU_PER_POINT
    total = 0
    for paragraph in frame.paragraphs:
        runs = paragraph.runs
        if not runs:
            continue
        ppr = paragraph._p.pPr
        hang = int(ppr.get("marL", "0")) / EMU_PER_POINT if ppr is not None else 0
        text = "".join(r.text for r in runs).split("\t")[-1]
        total += len(wrap(text, inner - hang, runs[0].font.size.pt, bool(runs[0].font.bold)).lines)
    return total


def page_words(pdf: Path) -> list[list[tuple[float, float, float, float]]]:
    """Return, per page, the boxes (x0, y0, x1, y1 in points) of the words LibreOffice drew."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in html.split("<page")[1:]:
        pages.append([tuple(float(v) for v in m) for m in
                      re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', page)])
    return pages


def drawn_lines(words, shape) -> int:
    """Count the lines of words whose centre lies inside the shape."""
    left, top = shape.left / EMU_PER_POINT, shape.top / EMU_PER_POINT
    right, bottom = left + shape.width / EMU_PER_POINT, top + shape.height / EMU_PER_POINT
    tops = sorted(y0 for x0, y0, x1, y1 in words
                  if left <= (x0 + x1) / 2 <= right and top <= (y0 + y1) / 2 <= bottom)
    lines = 0
    previous = None
    for y in tops:
        if previous is None or y - previous > 4:
            lines += 1
        previous = y
    return lines


# --- line breaks as LibreOffice draws them -----------------------------------------------------------

def _is_japanese(char: str) -> bool:
    from briefing.text.script import is_east_asian

    return is_east_asian(char) and char not in "、。，．・：；？！（）「」『』【】〔〕"


def drawn_paragraphs(pdf: Path) -> list[list[str]]:
    """Return every text block LibreOffice drew as its lines, words joined as Japanese joins them
    (no space where a Japanese character meets anything)."""
    from briefing.text.script import is_east_asian

    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    blocks = []
    for block in re.findall(r"<block[^>]*>(.*?)</block>", html, re.S):
        lines = []
        for line in re.findall(r"<line[^>]*>(.*?)</line>", block, re.S):
            text = ""
            for word in re.findall(r"<word[^>]*>(.*?)</word>", line):
                word = word.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                joined = text and not (is_east_asian(text[-1]) or is_east_asian(word[0]))
                text += (" " if joined else "") + word
            lines.append(text)
        blocks.append(lines)
    return blocks


def japanese_breaks(pdf: Path) -> tuple[int, list[str], list[str]]:
    """Return the number of line breaks between two Japanese characters, those that fall inside a
    BudouX phrase, and the paragraphs that end on a line of one character."""
    from briefing.text.script import japanese_parser

    total, inside, widows = 0, [], []
    for lines in drawn_paragraphs(pdf):
        if len(lines) < 2:
            continue
        text = "".join(lines)
        spans, position = [], 0
        for phrase in japanese_parser().parse(text):
            spans.append((position, position + len(phrase)))
            position += len(phrase)
        starts = {end for _, end in spans}
        position = 0
        for line, following in zip(lines, lines[1:]):
            position += len(line)
            if _is_japanese(line[-1]) and _is_japanese(following[0]):
                total += 1
                # A phrase longer than the line it starts on must break inside: that is no fault.
                phrase = next(((a, b) for a, b in spans if a < position < b), None)
                if position not in starts and phrase and phrase[1] - phrase[0] <= max(len(line), len(following)):
                    inside.append(f"{line[-6:]}/{following[:6]}")
        last = [c for c in lines[-1] if _is_japanese(c) or c.isalnum()]
        if len(last) == 1:
            widows.append(f"{lines[-2][-6:]}/{lines[-1]}")
    return total, inside, widows


def render(decks: list[Path], folder: Path) -> list[Path]:
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *map(str, decks)],
                   check=True, capture_output=True, timeout=300,
                   env={"HOME": str(folder / "home"), "PATH": "/usr/bin:/bin:/usr/local/bin"})
    return [folder / deck.with_suffix(".pdf").name for deck in decks]


def assert_breaks_between_phrases(pdfs: list[Path]) -> None:
    for pdf in pdfs:
        total, inside, widows = japanese_breaks(pdf)
        assert total, f"{pdf.name}: no Japanese line break to judge"
        assert inside == [], f"{pdf.name}: {len(inside)} of {total} breaks inside a phrase: {inside}"
        assert widows == [], f"{pdf.name}: paragraphs ending on one character: {widows}"


@NEEDS_LIBREOFFICE
def test_libreoffice_breaks_the_shipped_japanese_decks_between_phrases(shipped_pdfs):
    assert_breaks_between_phrases([pdf for name, pdf in sorted(shipped_pdfs.items()) if name.endswith("-ja.pptx")])


@NEEDS_LIBREOFFICE
def test_libreoffice_breaks_the_fixture_decks_japanese_between_phrases(oda, capsys, tmp_path):
    out = tmp_path / "out"
    assert run_cli(capsys, "build", "--lang", "ja", "--audience", "full", "--output", str(out))[0] == 0
    assert_breaks_between_phrases(render(sorted(out.glob("*-ja.pptx")), tmp_path / "pdf"))


LONG = ["日本は、価値観を共有する国々と協力し、サイバー空間における法の支配を推進するとともに、アジア太平洋地域を中心に信頼醸成措置及び能力構築支援を一層推進していく。",
        "サイバー空間の重要性が増す中、政府機関のみならず民間企業に対してもサイバー攻撃が行われており、日本も例外ではなく、関係府省庁や民間の幅広い主体と緊密に連携しつつ対応していく必要がある。",
        "国連政府専門家会合では、各国政府のサイバー専門家が、国連の枠組みで、サイバー空間における法の支配や信頼醸成等について議論しており、2004年以降、5会期が開催された。"]


@NEEDS_LIBREOFFICE
def test_long_japanese_paragraphs_break_between_phrases(project, capsys, tmp_path):
    def items(indent: int) -> str:
        return "".join(f"{' ' * indent}- {text}\n" for text in LONG)

    deck = (f"title: 長い段落\norganisation: テスト\ndate: 2026年\nlanguage: ja\nslides:\n"
            f"  - id: cover\n    layout: title\n"
            f"  - id: body\n    layout: bullets\n    title: 長い段落の箇条書き\n    items:\n{items(6)}"
            f"  - id: narrow\n    layout: two-column\n    title: 二段組み\n"
            f"    left:\n      items:\n{items(8)}    right:\n      items:\n{items(8)}"
            f"  - id: close\n    layout: statements\n    title: 今後の取組\n    items:\n{items(6)}")
    (project.root / "content/long").mkdir()
    (project.root / "content/long/deck.yaml").write_text(deck, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run_cli(capsys, "build", "long", "--output", str(out))
    assert code == 0, err
    assert_breaks_between_phrases(render([out / "long-full-ja.pptx"], tmp_path / "pdf"))


def test_japanese_text_and_notes_carry_no_stray_spaces(decks):
    sources = "".join(p.read_text(encoding="utf-8") for folder in ("content/japan-cyber-diplomacy", "charts")
                      for p in Path(folder).rglob("*.yaml"))
    prs = deck(decks, "ja")
    texts = [shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame]
    texts += [slide.notes_slide.notes_text_frame.text for slide in prs.slides if slide.has_notes_slide]
    for text in texts:
        assert not re.search(r"[、。] ", text), text
        for match in re.finditer(r"(\S) (\S)", text.replace("\x0b", "")):
            if re.match(r"[\u3000-\u9fff\uff00-\uffef]", match.group(1)) or re.match(r"[\u3000-\u9fff\uff00-\uffef]",
                                                                                  match.group(2)):
                assert match.group(0) in sources, f"a space the author did not write: {match.group(0)!r} in {text!r}"
