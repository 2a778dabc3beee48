"""briefing.load.translations and `check`: a translation whose original changed since it was
marked is told at the edition's line, with the original's line and both texts."""

from __future__ import annotations

from briefing.load.translations import edition_pairs, stale
from tests.conftest import edit, run_cli

EN = "content/oda-priorities/deck.yaml"
JA = "content/oda-priorities/deck.ja.yaml"
RECORD = "content/oda-priorities/translated.ja.yaml"


def test_every_text_field_of_the_edition_and_its_profile_is_paired(oda):
    pairs = {p.key: p for p in edition_pairs(oda.root / "content/oda-priorities", "ja")}
    assert pairs["title"].source == "Japan's ODA Priorities" and pairs["title"].text == "日本のODAの重点"
    assert pairs["slides[why].subtitle"].where.line == 25
    assert any(key.startswith("audiences/asean.ja.yaml:") for key in pairs)
    assert "slides[cover].id" not in pairs and not any(key.endswith(".date") for key in pairs)


def test_an_edited_sentence_is_stale_until_marked(oda, capsys):
    assert run_cli(capsys, "translate", "mark", "--lang", "ja")[0] == 0
    edit(oda, EN, "subtitle: Peace and prosperity for the region and for Japan",
         "subtitle: Peace and prosperity for the region, and for Japan too")
    code, out, err = run_cli(capsys, "check")
    assert code == 0 and out.startswith("ok:")
    assert err == (f"warning: {JA}:25:5: slides[2].subtitle: the English text it translates has changed since "
                   f"({EN}:25): was 'Peace and prosperity for the region and for Japan', now 'Peace and prosperity "
                   "for the region, and for Japan too'; update the translation, then `python build.py translate "
                   "mark --lang ja` records it\n")
    code, out, err = run_cli(capsys, "check", "--strict")
    assert code == 1 and "slides[2].subtitle: the English text it translates has changed" in err
    run_cli(capsys, "translate", "mark", "--lang", "ja")
    assert run_cli(capsys, "check", "--strict")[0] == 0


def test_refolding_a_paragraph_is_no_change(oda, capsys):
    run_cli(capsys, "translate", "mark", "--lang", "ja")
    edit(oda, EN, "subtitle: Peace and prosperity for the region and for Japan",
         "subtitle: >-\n      Peace and prosperity for the\n      region and for Japan")
    assert stale(oda.root / "content/oda-priorities", "ja") == []


def test_an_edition_without_a_record_is_not_tracked(oda, capsys):
    edit(oda, EN, "subtitle: Peace and prosperity", "subtitle: Calm and prosperity")
    assert run_cli(capsys, "check", "--strict")[0] == 0


def test_a_field_added_since_the_mark_is_told_unmarked(oda, capsys):
    run_cli(capsys, "translate", "mark", "--lang", "ja")
    record = oda.root / RECORD
    text = record.read_text(encoding="utf-8")
    start = text.index("  slides[why].subtitle:")
    end = text.index("\n  slides", start + 1)
    record.write_text(text[:start] + text[end + 1:], encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--strict")
    assert code == 1 and f"{JA}:25:5: slides[2].subtitle: is not marked as translated" in err


def test_a_damaged_record_is_located(oda, capsys):
    (oda.root / RECORD).write_text("language: ja\nfields:\n  title: nothing\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "check")
    assert code == 1
    assert f"{RECORD}:3:3: fields.title: expected `sha256:` and `source:`, as `translate mark` writes them" in err
