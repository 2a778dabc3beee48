"""Review without PowerPoint: editors' notes (`review:`), outlines and `diff`, as a user sees them.

Editors' notes never reach a deck but show in the outline; the outline holds every text of every
slide (tables, chart data, pictures' alternative texts, speaker notes, numbers as the slide shows
them); `diff` compares outlines slide by slide and answers as diff(1) does: 0 same, 1 different,
2 trouble.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from briefing.review.outline import sections
from briefing.commands.pipeline import check
from tests.conftest import FIXTURES, REPO, run_cli, write
from tests.slides import notes_text, texts_of
from tests.conftest import DECK, edit

ODA = "content/oda-priorities"
ODA_VARIANTS = ["oda-priorities-asean-en", "oda-priorities-asean-ja", "oda-priorities-full-en",
                "oda-priorities-full-ja"]
EDITORS_NOTE = "> **Editors' note (not in the deck):** "

# Editors' notes, each with a word no slide holds, to search the decks' bytes for.
REVIEW_EN = "Check the 2023 date with the ODA desk (REVIEWMARK-EN)"
REVIEW_JA = "編集メモ：改定年を開発協力企画室に確認する"
REVIEW_JA_ONLY = "編集メモ：この区切りは日本語版だけで見直す"
REVIEW_PROFILE = "Confirm the wording with the regional desk (REVIEWMARK-PROFILE)"


def fold(text: str) -> str:
    return " ".join(text.split())


def build(capsys, *argv: str) -> str:
    code, out, err = run_cli(capsys, "build", *argv)
    assert (code, err) == (0, ""), err
    return out


def diff(capsys, *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, "diff", *argv)


def outline_of(folder: Path, variant: str) -> dict[str, tuple[int, str, str]]:
    """The slides of a built variant's outline: id -> (number, title, text below the heading)."""
    return sections((folder / "outline" / f"{variant}.md").read_text(encoding="utf-8"))


def add_editors_notes(oda) -> None:
    """Editors' notes in both editions, different in each, and one from the audience profile."""
    edit(oda, f"{ODA}/deck.yaml", "    notes: The Charter replaces the 2015 version.\n",
         f"    notes: The Charter replaces the 2015 version.\n    review: {REVIEW_EN}\n")
    edit(oda, f"{ODA}/deck.ja.yaml", "    notes: 大綱は2015年の開発協力大綱を改定したもの。\n",
         f"    notes: 大綱は2015年の開発協力大綱を改定したもの。\n    review: {REVIEW_JA}\n")
    edit(oda, f"{ODA}/deck.ja.yaml", "    subtitle: 地域と日本の平和と繁栄のために\n",
         f"    subtitle: 地域と日本の平和と繁栄のために\n    review: {REVIEW_JA_ONLY}\n")
    edit(oda, f"{ODA}/audiences/asean.yaml", "overrides:\n  forward:\n",
         f"overrides:\n  forward:\n    review: \"{REVIEW_PROFILE}\"\n")


# --- review: editors' notes ---------------------------------------------------------------------


def test_editors_notes_are_in_no_part_of_any_deck(oda, capsys):
    add_editors_notes(oda)
    build(capsys)
    decks = sorted(Path("output").glob("*.pptx"))
    assert [d.stem for d in decks] == ODA_VARIANTS
    needles = [text.encode("utf-8") for text in (REVIEW_EN, REVIEW_JA, REVIEW_JA_ONLY, REVIEW_PROFILE)]
    needles += [b"REVIEWMARK", "編集メモ".encode("utf-8"), "開発協力企画室".encode("utf-8")]
    for deck in decks:
        with zipfile.ZipFile(deck) as package:
            parts = package.namelist()
            assert any(name.startswith("ppt/notesSlides/") for name in parts)    # the notes are searched too
            for name in parts:
                data = package.read(name)
                for needle in needles:
                    assert needle not in data, f"{deck.name}:{name} holds an editors' note"
    # The speaker notes beside them are written as ever.
    charter = [s for s in Presentation("output/oda-priorities-full-en.pptx").slides if s.name == "charter"][0]
    assert notes_text(charter) == "The Charter replaces the 2015 version."


def test_editors_notes_show_in_the_outline_on_their_slide(oda, capsys):
    add_editors_notes(oda)
    build(capsys)
    out = Path("output")
    notes = {variant: {slide: [line for line in text.splitlines() if line.startswith(EDITORS_NOTE)]
                       for slide, (_, _, text) in outline_of(out, variant).items()}
             for variant in ODA_VARIANTS}
    marked = {variant: {slide: lines for slide, lines in found.items() if lines} for variant, found in notes.items()}
    assert marked == {
        "oda-priorities-full-en": {"charter": [EDITORS_NOTE + REVIEW_EN]},
        "oda-priorities-asean-en": {"charter": [EDITORS_NOTE + REVIEW_EN], "forward": [EDITORS_NOTE + REVIEW_PROFILE]},
        "oda-priorities-full-ja": {"why": [EDITORS_NOTE + REVIEW_JA_ONLY], "charter": [EDITORS_NOTE + REVIEW_JA]},
        "oda-priorities-asean-ja": {"why": [EDITORS_NOTE + REVIEW_JA_ONLY], "charter": [EDITORS_NOTE + REVIEW_JA]},
    }
    # After the speaker notes, as the section's last line.
    charter = outline_of(out, "oda-priorities-full-en")["charter"][2].splitlines()
    assert charter[-3:] == ["**Speaker notes:** The Charter replaces the 2015 version.", "",
                            EDITORS_NOTE + REVIEW_EN]


def test_editors_notes_may_differ_between_editions_without_a_parity_error(oda, capsys):
    add_editors_notes(oda)
    assert run_cli(capsys, "check") == (0, "ok: 4 decks, 54 slides, no problems\n", "")
    # What the editions must share is still compared: speaker notes in one edition only are an error.
    edit(oda, f"{ODA}/deck.ja.yaml", f"    review: {REVIEW_JA_ONLY}\n", "    notes: 日本語版だけのメモ\n")
    code, out, err = run_cli(capsys, "check")
    assert (code, out) == (1, "")
    assert err == (f"{ODA}/deck.ja.yaml:26:5: slides[2].notes: has text here but not in {ODA}/deck.yaml (line 22)\n"
                   "1 error in 1 file\n")


def test_every_build_lists_each_outline_in_the_manifest(oda, capsys):
    build(capsys)
    manifest = json.loads(Path("output/manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["decks"]:
        variant = entry["file"][: -len(".pptx")]
        assert entry["outline"] == f"outline/{variant}.md"
        data = (Path("output") / entry["outline"]).read_bytes()
        assert entry["outline_sha256"] == hashlib.sha256(data).hexdigest()
    assert sorted(p.stem for p in Path("output/outline").iterdir()) == ODA_VARIANTS


# --- outline --------------------------------------------------------------------------------------


def test_outline_of_one_variant_goes_to_the_terminal(project, capsys):
    code, out, err = run_cli(capsys, "outline")
    assert (code, err) == (0, "")
    assert out.startswith("# Sampler Deck\n\nsampler-full-en.pptx: 9 slides, the full deck, en\n\n"
                          "## 1 · cover · Sampler Deck\n\nEvery layout once\n\nTest Office\n2026\n\n"
                          "For official use only\n\n**Speaker notes:** Cover notes.\n\n"
                          "## 2 · part-one · Part one\n\nWhere we stand\n\n")
    assert not Path("output").exists()      # nothing written
    # The same text a build writes beside the deck.
    build(capsys)
    assert Path("output/outline/sampler-full-en.md").read_text(encoding="utf-8") == out


def test_outline_of_several_variants_writes_a_file_each(oda, capsys):
    code, out, err = run_cli(capsys, "outline")
    assert (code, out, err) == (0, "wrote 4 outlines to output/outline/\n", "")
    assert sorted(p.name for p in Path("output/outline").iterdir()) == [f"{v}.md" for v in ODA_VARIANTS]
    assert not list(Path("output").glob("*.pptx"))      # outlines only: no deck is built
    code, one, _ = run_cli(capsys, "outline", "--audience", "asean", "--lang", "ja")
    assert code == 0
    assert Path("output/outline/oda-priorities-asean-ja.md").read_text(encoding="utf-8") == one
    assert one.startswith("# 日本のODAの重点\n\noda-priorities-asean-ja.pptx: 13 slides, ASEAN：開発パートナー会合, ja\n")


def test_outline_into_another_folder(oda, capsys, tmp_path):
    code, out, err = run_cli(capsys, "outline", "--lang", "en", "--output", str(tmp_path / "review"))
    assert (code, err) == (0, "")
    assert out == f"wrote 2 outlines to {tmp_path / 'review' / 'outline'}/\n"
    assert sorted(p.stem for p in (tmp_path / "review" / "outline").iterdir()) == ODA_VARIANTS[::2]


NOT_IN_THE_OUTLINE = {"id", "layout", "name", "date"}    # a case's date is shown formatted: "Sep. 2011"


def test_every_text_of_every_sampler_slide_is_in_the_outline(project, capsys):
    build(capsys)
    outline = outline_of(Path("output"), "sampler-full-en")
    [deck] = check(project)
    assert list(outline) == [s.id for s in deck.slides]
    for number, slide in enumerate(deck.slides, start=1):
        found, title, text = outline[slide.id]
        assert (found, title) == (number, slide.title or deck.header.title)
        body = fold(f"{title}\n{text}")
        for value in _texts_of(slide.dump()):
            assert fold(value) in body, f"{slide.id}: {value!r} is not in the outline"
    header = deck.header
    for value in (header.subtitle, header.organisation, header.date, header.handling):
        assert value in outline["cover"][2]
    assert "Sep. 2011 — First case\nSep. 2012 — Second case" in outline["data"][2]


def slide_paragraphs(slide):
    """Yield (shape, paragraph text) for every paragraph of text on a built slide, as python-pptx
    reads it back; the slide-number field is left out (the outline's heading numbers the slide)."""
    for shape in slide.shapes:
        if not shape.has_text_frame:
            continue
        for para in shape.text_frame.paragraphs:
            if any(f.get("type") == "slidenum" for f in para._p.iter(qn("a:fld"))):
                continue
            yield shape, para


def test_every_text_read_back_from_the_decks_is_in_their_outlines(oda, capsys):
    """Every run of text, table cell, picture description and speaker note of all four decks, in
    both languages, is in the section of its slide (a date column's tab is shown as a dash; the
    line breaks set into Japanese text join no words)."""
    build(capsys)
    out = Path("output")
    for variant in ODA_VARIANTS:
        outline = outline_of(out, variant)
        prs = Presentation(str(out / f"{variant}.pptx"))
        assert list(outline) == [s.name for s in prs.slides]
        for slide in prs.slides:
            _, title, text = outline[slide.name]
            assert title == fold(slide.shapes.title.text_frame.text.replace("\x0b", "")), variant
            body = fold(text)
            for shape, para in slide_paragraphs(slide):
                shown = fold(para.text.replace("\x0b", "").replace("\t", " — "))
                assert shown in body or shape == slide.shapes.title, f"{variant}/{slide.name}: {shown!r} missing"
            for shape in slide.shapes:
                if shape.has_table:
                    for row in shape.table.rows:
                        cells = [fold(c.text_frame.text.replace("\x0b", "")) for c in row.cells]
                        assert f"| {' | '.join(cells)} |" in text.splitlines(), f"{variant}/{slide.name}: {cells}"
                descr = shape._element.find(".//" + qn("p:cNvPr")).get("descr")
                if shape.shape_type == 13 and descr:        # a picture: a chart or an image
                    assert fold(descr) in body, f"{variant}/{slide.name}: {descr!r} missing"
            if notes_text(slide):
                assert f"**Speaker notes:** {fold(notes_text(slide))}" in text.splitlines()


def test_a_table_is_a_markdown_table(oda, capsys):
    code, out, _ = run_cli(capsys, "outline", "--audience", "full", "--lang", "en")
    assert code == 0
    assert sections(out)["partners"] == (6, "Main partner regions", (
        "| Region | Focus | Instruments |\n"
        "|---|---|---|\n"
        "| ASEAN | Connectivity, disaster risk reduction | Loans, technical cooperation |\n"
        "| South Asia | Transport, power | ODA loans |\n"
        "| Africa | Health, human resources | Grant aid, TICAD follow-up |\n"
        "| Pacific | Climate change, maritime | Grant aid |\n"
        "\n"
        "Illustrative overview for this briefing.\n"
        "\n"
        "*Footer:* Ministry of Foreign Affairs of Japan | For official use only\n"))


def test_a_pipe_in_a_cell_does_not_break_the_table(oda, capsys):
    edit(oda, f"{ODA}/deck.yaml", "[Pacific, \"Climate change, maritime\", Grant aid]",
         "[Pacific, \"Climate | maritime\", Grant aid]")
    code, out, err = run_cli(capsys, "outline", "--audience", "full", "--lang", "en")
    assert (code, err) == (0, "")
    assert "| Pacific | Climate \\| maritime | Grant aid |" in out.splitlines()


def test_the_chart_is_its_data_as_a_table_with_its_source(project, capsys):
    """The sampler's chart: its description, counts as they are with the approximate one marked,
    the notes drawn under its bars, and where the figures come from."""
    edit(project, "charts/growth.yaml", "last: 2012\n", "last: 2012\nfootnote: 2012 is a first estimate\n")
    code, out, _ = run_cli(capsys, "outline")
    assert code == 0
    data = sections(out)["data"][2]
    assert ("*Chart:* Bar chart: units rose from 10 in 2010 to 35 in 2012, about 4 times.\n\n"
            "|  | Units |\n|---|---|\n| 2010 | 10 |\n| 2011 | 20 |\n| 2012 | ≈35 |\n\n"
            "*Under the chart:* Hatched bars: rounded figures as published\n\n"
            "*Under the chart:* 2012 is a first estimate\n\n"
            "*Data from:* Test table 1; Test table 2\n\n"
            "Source: Test Office\nTest table 1; Test table 2\n") in data


def test_the_oda_chart_in_each_language(oda, capsys):
    import yaml

    from briefing.text.locale import value_label

    rows = yaml.safe_load(Path("charts/data/oda-budget.yaml").read_text(encoding="utf-8"))["oda_budget"]
    code, out, _ = run_cli(capsys, "outline", "--audience", "full", "--lang", "en")
    budget = sections(out)["budget"][2].splitlines()
    table = [f"| {r['year']} | {value_label(r['yen'] / 1e9)} |" for r in rows]
    start = budget.index("|  | ODA budget (JPY billion) |")
    assert budget[start + 2: start + 2 + len(rows)] == table
    assert "*Data from:* MOFA, ODA budget by fiscal year" in budget
    code, out, _ = run_cli(capsys, "outline", "--audience", "full", "--lang", "ja")
    budget = sections(out)["budget"][2].splitlines()
    table = [f"| {r['year']} | {value_label(r['yen'] / 1e8)} |" for r in rows]
    assert "| 2015 | 5,422 |" in table       # whole numbers show no decimal
    start = budget.index("|  | ODA予算（億円） |")
    assert budget[start + 2: start + 2 + len(rows)] == table
    assert "*Data from:* 外務省「ODA予算」（年度別）" in budget


def test_pictures_by_their_alternative_text_and_speaker_notes(oda, capsys):
    code, out, _ = run_cli(capsys, "outline", "--audience", "full", "--lang", "en")
    found = sections(out)
    assert ("*Picture (images/regions.svg):* Map of five regions of Japan's development cooperation, with ASEAN "
            "marked") in found["map"][2].splitlines()
    assert "*Picture (images/emblem.png):* A red disc between two navy bars" in found["emblem"][2].splitlines()
    assert "**Speaker notes:** The Charter replaces the 2015 version." in found["charter"][2].splitlines()
    assert "**Speaker notes:**" not in found["partners"][2]        # a slide without notes says nothing


FORMATS = {"arabicParenBoth": "({})", "arabicParenR": "{})", "arabicPeriod": "{}.", "arabicPlain": "{}"}


def numbers_on_the_slide(slide):
    """Yield (label, text) for every automatically numbered paragraph, numbered as PowerPoint and
    LibreOffice number them: a list runs on past deeper paragraphs (its items' sub-items) and
    starts again after a paragraph of its own level numbered otherwise or not at all."""
    for shape in slide.shapes:
        if not shape.has_text_frame:
            continue
        running: dict[int, tuple[str, int]] = {}
        for para in shape.text_frame.paragraphs:
            running = {level: v for level, v in running.items() if level <= para.level}
            auto = para._p.find(f"{qn('a:pPr')}/{qn('a:buAutoNum')}")
            if auto is None:
                running.pop(para.level, None)
                continue
            scheme, start = auto.get("type"), auto.get("startAt")
            before = running.get(para.level)
            number = int(start) if start else before[1] + 1 if before and before[0] == scheme else 1
            running[para.level] = (scheme, number)
            yield FORMATS[scheme].format(number), para.text


def number_the_sampler_points(project) -> None:
    edit(project, DECK, "    items:\n      - First point\n",
         "    numbered: true\n    items:\n      - text: First point\n        items: [Sub one, Sub two]\n")
    edit(project, DECK, "items\n    notes: Bullet notes.", "items\n      - Third point\n    notes: Bullet notes.")


def test_numbers_are_shown_as_on_the_slide(project, capsys):
    number_the_sampler_points(project)
    build(capsys)
    outline = outline_of(Path("output"), "sampler-full-en")
    assert outline["points"][2].splitlines()[:6] == [
        "- (1) First point", "  - Sub one", "  - Sub two",
        "- (2) Second point with 2.5 million items", "- (3) Third point", ""]
    assert [line for line in outline["pillars"][2].splitlines() if line.startswith("- ")] == [
        "- 1) One", "- 2) Two", "- 3) Three",
        "- 1 First list", "- (1) Item one",
        "- 2 Second list", "- (1) Item two", "- (2) Item three"]
    assert ["1. Alpha", "2. Beta", "3. Gamma"] == [line for line in outline["overview"][2].splitlines()
                                                   if line[:1].isdigit()]
    # The same numbers python-pptx finds in the deck's XML, on every slide.
    prs = Presentation("output/sampler-full-en.pptx")
    labelled = 0
    for slide in prs.slides:
        lines = [line.strip() for line in outline[slide.name][2].splitlines()]
        for label, text in numbers_on_the_slide(slide):
            assert f"- {label} {text}" in lines, f"{slide.name}: {label} {text}"
            labelled += 1
    assert labelled == 11


def test_numbers_in_both_languages_of_the_oda_decks(oda, capsys):
    build(capsys)
    labelled = 0
    for variant in ODA_VARIANTS:
        outline = outline_of(Path("output"), variant)
        for slide in Presentation(f"output/{variant}.pptx").slides:
            lines = [fold(line) for line in outline[slide.name][2].splitlines()]
            for label, text in numbers_on_the_slide(slide):
                assert f"- {label} {fold(text.replace(chr(11), ''))}" in lines, f"{variant}/{slide.name}: {label}"
                labelled += 1
    assert labelled == 4 * 11       # the agenda, the pillars and their two lists
    agenda = outline_of(Path("output"), "oda-priorities-full-en")["agenda"][2]
    assert agenda.splitlines()[:2] == ["- 1. Why development cooperation", "- 2. Priorities"]


def test_a_digit_only_text_is_not_taken_for_a_card_number(project, capsys):
    edit(project, DECK, "subtitle: Where we stand", 'subtitle: "2030"')
    code, out, _ = run_cli(capsys, "outline")
    assert sections(out)["part-one"][2] == "2030\n\n*Footer:* Test Office | For official use only\n"


# --- diff: two output folders --------------------------------------------------------------------


def test_two_builds_of_the_same_sources_do_not_differ(project, capsys):
    build(capsys, "--output", "old")
    build(capsys, "--output", "new")
    assert diff(capsys, "old", "new") == (0, "", "")
    assert diff(capsys, "old", "new", "--markdown") == (0, (
        "### Decks\n\n| variant | slides | compared with the base |\n| --- | --- | --- |\n"
        "| `sampler-full-en` | 9 | unchanged |\n"), "")


def test_a_changed_case_is_named_with_exactly_its_lines(project, capsys):
    build(capsys, "--output", "old")
    edit(project, DECK, "{date: 2011-09, text: First case}", "{date: 2011-09, text: First case reworded}")
    build(capsys, "--output", "new")
    code, out, err = diff(capsys, "old", "new")
    assert (code, err) == (1, "")
    assert out == ("sampler-full-en: changed data\n"
                   "--- old/sampler-full-en/data\n"
                   "+++ new/sampler-full-en/data\n"
                   "@@ -22,3 +22,3 @@\n"
                   " Cases\n"
                   "-Sep. 2011 — First case\n"
                   "+Sep. 2011 — First case reworded\n"
                   " Sep. 2012 — Second case\n")
    changed = [line for line in out.splitlines() if line[:1] in "+-" and line[:3] not in ("---", "+++")]
    assert changed == ["-Sep. 2011 — First case", "+Sep. 2011 — First case reworded"]


def test_a_changed_case_as_markdown(project, capsys):
    build(capsys, "--output", "old")
    edit(project, DECK, "{date: 2012-09, text: Second case}", "{date: 2012-10, text: Second case}")
    build(capsys, "--output", "new")
    code, out, err = diff(capsys, "old", "new", "--markdown")
    assert (code, err) == (1, "")
    assert out == ("### Decks\n\n| variant | slides | compared with the base |\n| --- | --- | --- |\n"
                   "| `sampler-full-en` | 9 | changed data |\n"
                   "\n<details><summary><code>sampler-full-en</code>: changed data</summary>\n\n```diff\n"
                   "--- old/sampler-full-en/data\n+++ new/sampler-full-en/data\n@@ -23,3 +23,3 @@\n"
                   " Sep. 2011 — First case\n-Sep. 2012 — Second case\n+Oct. 2012 — Second case\n \n"
                   "```\n\n</details>\n")


def test_a_changed_title_and_a_moved_slide(project, capsys):
    build(capsys, "--output", "old")
    edit(project, DECK, "title: Way Forward", "title: The Way Forward")
    # "compare" moves from fourth to last: the one slide moved, not every slide it passed.
    text = Path(DECK).read_text(encoding="utf-8")
    start, end = text.index("  - id: compare\n"), text.index("  - id: overview\n")
    Path(DECK).write_text(text[:start] + text[end:] + text[start:end], encoding="utf-8")
    build(capsys, "--output", "new")
    code, out, err = diff(capsys, "old", "new")
    assert (code, err) == (1, "")
    assert out == ("sampler-full-en: moved compare; changed forward\n"
                   "--- old/sampler-full-en/forward\n+++ new/sampler-full-en/forward\n@@ -1,2 +1,2 @@\n"
                   "-# Way Forward\n+# The Way Forward\n - We will act\n")


def exclude(oda, slides: str) -> None:
    """Exclude these slides (a YAML flow list) in the ASEAN profile, in both its editions."""
    for profile in ("asean.yaml", "asean.ja.yaml"):
        edit(oda, f"{ODA}/audiences/{profile}", "exclude: [emblem]", f"exclude: {slides}")


def test_a_removed_and_an_added_slide_are_named(oda, capsys):
    build(capsys, "--output", "old")
    exclude(oda, "[approaches]")            # emblem comes back, approaches goes
    build(capsys, "--output", "new")
    code, out, err = diff(capsys, "old", "new")
    assert (code, err) == (1, "")
    assert out == ("oda-priorities-asean-en: added emblem; removed approaches\n"
                   "oda-priorities-asean-ja: added emblem; removed approaches\n")
    code, out, err = diff(capsys, "old", "new", "--lang", "ja")
    assert (code, out) == (1, "oda-priorities-asean-ja: added emblem; removed approaches\n")


def test_markdown_lists_each_variant_with_its_slides(oda, capsys):
    build(capsys, "--output", "old")
    exclude(oda, "[emblem, approaches]")
    for profile, name in (("pacific.yaml", "Pacific islands"), ("pacific.ja.yaml", "太平洋島嶼国")):
        write(Path(ODA, "audiences", profile), f"name: {name}\n")
    build(capsys, "--output", "new")
    code, out, err = diff(capsys, "old", "new", "--markdown")
    assert (code, err) == (1, "")
    assert out == ("### Decks\n\n"
                   "| variant | slides | compared with the base |\n"
                   "| --- | --- | --- |\n"
                   "| `oda-priorities-asean-en` | 13 → 12 | removed approaches |\n"
                   "| `oda-priorities-asean-ja` | 13 → 12 | removed approaches |\n"
                   "| `oda-priorities-full-en` | 14 | unchanged |\n"
                   "| `oda-priorities-full-ja` | 14 | unchanged |\n"
                   "| `oda-priorities-pacific-en` | 14 | new |\n"
                   "| `oda-priorities-pacific-ja` | 14 | new |\n")
    # The other way round, the Pacific variants are removed.
    code, out, _ = diff(capsys, "new", "old")
    assert code == 1
    assert out.splitlines()[-2:] == ["oda-priorities-pacific-en: removed (14 slides)",
                                     "oda-priorities-pacific-ja: removed (14 slides)"]


def test_a_changed_editors_note_is_a_difference(oda, capsys):
    build(capsys, "--output", "old")
    add_editors_notes(oda)
    build(capsys, "--output", "new")
    code, out, _ = diff(capsys, "old", "new", "--lang", "en")
    assert code == 1
    assert out.splitlines()[0] == "oda-priorities-asean-en: changed charter, forward"
    assert f"+{EDITORS_NOTE}{REVIEW_PROFILE}" in out.splitlines()


# --- diff: two audiences -------------------------------------------------------------------------


def test_two_audiences_of_one_build(oda, capsys):
    code, out, err = diff(capsys, "--audience", "full", "--audience", "asean")
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert [line for line in lines if not line.startswith((" ", "+", "-", "@"))] == [
        "oda-priorities-en: removed emblem; changed cover, forward",
        "oda-priorities-ja: removed emblem; changed cover, forward"]
    assert "--- full/oda-priorities-en/forward" in lines and "+++ asean/oda-priorities-en/forward" in lines
    assert "-- Japan will keep its ODA a pillar of its diplomacy." in lines
    assert "+- Japan will keep ASEAN at the centre of its cooperation." in lines
    assert "+- 日本はASEANを協力の中心に据えていく。" in lines
    code, out, _ = diff(capsys, "--audience", "full", "--audience", "asean", "--lang", "ja", "--markdown")
    assert code == 1
    assert out.splitlines()[:5] == ["### Decks", "", "| variant | slides | compared with the base |",
                                    "| --- | --- | --- |", "| `oda-priorities-ja` | 14 → 13 | removed emblem; "
                                    "changed cover, forward |"]
    assert diff(capsys, "--audience", "asean", "--audience", "asean") == (0, "", "")


def test_two_audiences_of_a_deck_whose_name_holds_an_audience(oda, capsys):
    """Variants are paired by deck, audience and language, not by searching their names."""
    shutil.move(ODA, "content/asean-full-review")
    code, out, err = diff(capsys, "--audience", "full", "--audience", "asean", "--lang", "en")
    assert (code, err) == (1, "")
    assert out.splitlines()[0] == "asean-full-review-en: removed emblem; changed cover, forward"


# --- diff: trouble --------------------------------------------------------------------------------


def test_a_folder_without_a_manifest_is_trouble(project, capsys):
    build(capsys, "--output", "built")
    Path("empty").mkdir()
    assert diff(capsys, "built", "empty") == (2, "", (
        "empty: no manifest.json, so not an output folder of a build; diff compares two output folders of "
        "builds (OLD NEW)\n"))
    assert diff(capsys, "missing", "built") == (2, "", (
        "missing: no such folder; diff compares two output folders of builds (OLD NEW)\n"))
    Path("empty/manifest.json").write_text("{not json", encoding="utf-8")
    code, out, err = diff(capsys, "built", "empty")
    assert (code, out) == (2, "")
    assert err.startswith("empty/manifest.json: cannot read the manifest of a build (")
    assert err.endswith("); diff compares two output folders of builds\n")
    Path("empty/manifest.json").unlink()


def test_a_build_without_outlines_is_trouble(project, capsys):
    build(capsys, "--output", "old")
    build(capsys, "--output", "new")
    Path("old/outline/sampler-full-en.md").unlink()
    assert diff(capsys, "old", "new") == (2, "", (
        "old/outline/sampler-full-en.md: no outline for sampler-full-en.pptx; build that folder again with "
        "this version\n"))


@pytest.mark.parametrize("argv, message", [
    ((), "diff: give two output folders (OLD NEW), or --rev REV, or --audience A --audience B"),
    (("old",), "diff: give two output folders (OLD NEW), or --rev REV, or --audience A --audience B"),
    (("old", "new", "newer"), "diff: give two output folders (OLD NEW), or --rev REV, or --audience A --audience B"),
    (("--audience", "full"), "diff: --audience compares two audiences: give it twice, e.g. --audience australia "
                             "--audience asean"),
    (("--audience", "a", "--audience", "b", "--audience", "c"),
     "diff: --audience compares two audiences: give it twice, e.g. --audience australia --audience asean"),
    (("--rev", "HEAD", "--audience", "full", "--audience", "asean"),
     "diff: --rev compares a revision with the working tree; leave out --audience"),
])
def test_wrong_arguments_are_trouble(project, capsys, argv, message):
    assert diff(capsys, *argv) == (2, "", message + "\n")


def test_an_unknown_audience_or_option_is_trouble(project, capsys):
    code, out, err = diff(capsys, "--audience", "full", "--audience", "nowhere")
    assert (code, out) == (2, "")
    assert "nowhere" in err and "Traceback" not in err
    code, out, err = diff(capsys, "--rev")
    assert (code, out) == (2, "")
    assert err.endswith(" diff: error: argument --rev: expected one argument\n")


# --- diff: a git revision --------------------------------------------------------------------------


def git(cwd: Path, *argv: str) -> str:
    result = subprocess.run(["git", "-c", "user.name=Tester", "-c", "user.email=tester@example.org",
                             "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *argv],
                            cwd=cwd, capture_output=True, text=True, check=True)
    return result.stdout


@pytest.fixture
def repository(tmp_path, monkeypatch):
    """A git repository holding the sampler project in a folder of its own, all committed; the
    working folder is the project, and temporary folders go to tmp_path/tmp to be looked at."""
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    root = repo / "decks"
    shutil.copytree(FIXTURES / "project", root)
    shutil.copytree(REPO / "templates", root / "templates")
    git(tmp_path, "init", "--quiet", str(repo))
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "The sampler")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    monkeypatch.chdir(root)
    return repo


def test_a_revision_against_the_working_tree(repository, capsys, tmp_path):
    assert diff(capsys, "--rev", "HEAD") == (0, "", "")
    Path(DECK).write_text(Path(DECK).read_text(encoding="utf-8").replace(
        "{date: 2011-09, text: First case}", "{date: 2011-09, text: First case reworded}"), encoding="utf-8")
    code, out, err = diff(capsys, "--rev", "HEAD")
    assert (code, err) == (1, "")
    assert out == ("sampler-full-en: changed data\n"
                   "--- HEAD/sampler-full-en/data\n"
                   "+++ working tree/sampler-full-en/data\n"
                   "@@ -22,3 +22,3 @@\n"
                   " Cases\n"
                   "-Sep. 2011 — First case\n"
                   "+Sep. 2011 — First case reworded\n"
                   " Sep. 2012 — Second case\n")
    # The revision was checked out for the comparison only.
    worktrees = git(repository, "worktree", "list", "--porcelain")
    assert [line for line in worktrees.splitlines() if line.startswith("worktree ")] == [f"worktree {repository}"]
    assert list((tmp_path / "tmp").iterdir()) == []
    assert git(repository, "status", "--porcelain") == " M decks/content/sampler/deck.yaml\n"


def test_a_revision_with_a_slide_since_removed(repository, capsys):
    text = Path(DECK).read_text(encoding="utf-8")
    Path(DECK).write_text(text[: text.index("  - id: forward\n")], encoding="utf-8")
    git(repository, "commit", "--quiet", "--all", "--message", "Without the way forward")
    Path(DECK).write_text(text, encoding="utf-8")
    code, out, err = diff(capsys, "--rev", "HEAD", "--markdown")
    assert (code, err) == (1, "")
    assert "| `sampler-full-en` | 8 → 9 | added forward |" in out.splitlines()
    code, out, _ = diff(capsys, "--rev", "HEAD~1")
    assert (code, out) == (0, "")


def test_an_unknown_revision_or_no_repository_is_trouble(repository, capsys, tmp_path):
    code, out, err = diff(capsys, "--rev", "no-such-revision")
    assert (code, out) == (2, "")
    assert err == ("diff --rev no-such-revision: no such revision here; in a shallow clone (CI), fetch it first "
                   "(git fetch --depth=1 origin <branch>), or check out with all history\n")
    assert list((tmp_path / "tmp").iterdir()) == []       # nothing left behind
    assert len(git(repository, "worktree", "list").splitlines()) == 1
    shutil.rmtree(repository / ".git")
    code, out, err = diff(capsys, "--rev", "HEAD")
    assert (code, out) == (2, "")
    assert err.startswith("git rev-parse --show-toplevel: fatal: not a git repository")


def test_a_revision_whose_sources_have_problems_names_them_as_the_revisions_files(repository, capsys, tmp_path):
    text = Path(DECK).read_text(encoding="utf-8")
    Path(DECK).write_text(text.replace("layout: bullets", "layout: bulets", 1), encoding="utf-8")
    git(repository, "commit", "--quiet", "--all", "--message", "A slip")
    Path(DECK).write_text(text, encoding="utf-8")
    code, out, err = diff(capsys, "--rev", "HEAD")
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[0] == "diff --rev HEAD: the sources at that revision have problems:"
    assert lines[1].startswith("HEAD:content/sampler/deck.yaml:") and "unknown layout 'bulets'" in lines[1]
    assert "briefing-rev-" not in err and list((tmp_path / "tmp").iterdir()) == []


def _texts_of(value):
    return texts_of(value, NOT_IN_THE_OUTLINE)

