"""briefing.load.languages: editions of a deck in other languages stay the same deck."""

from __future__ import annotations

import pytest

from briefing.commands.pipeline import check
from tests.conftest import run_cli, write
from tests.conftest import DECK, edit
from tests.load.test_audiences import PROFILE
from tests.load.test_content import problems

EDITION = "content/sampler/deck.ja.yaml"


@pytest.fixture
def edition(project):
    """The sampler with a Japanese edition: the same file, in language ja (parity holds)."""
    text = (project.root / DECK).read_text(encoding="utf-8").replace("language: en", "language: ja")
    (project.root / EDITION).write_text(text, encoding="utf-8")
    return project


def test_each_edition_is_a_variant_in_its_language(edition):
    decks = check(edition)
    assert [(d.name, d.header.language) for d in decks] == [("sampler", "en"), ("sampler", "ja")]
    assert [d.name for d in check(edition, languages=["ja"])] == ["sampler"]


def test_a_missing_slide_item_or_variable_is_named_in_the_edition(edition):
    edit(edition, EDITION, "  partner: Australia\n", "  partnr: Australia\n")
    edit(edition, EDITION, "      - Second point with {{ fmt.million(2500000) }} items\n", "")
    edit(edition, EDITION, "  - id: compare\n", "  - id: compared\n")
    edit(edition, EDITION, "{date: 2012-09, text: Second case}", "{date: 2012-11, text: Second case}")
    assert problems(edition) == [
        f"{EDITION}:8:1: vars: no variable 'partner' here; {DECK} (line 9) defines it",
        f"{EDITION}:9:3: vars.partnr: {DECK} has no variable 'partnr'",
        f"{EDITION}:10:1: slides: no slide 'compare' here; {DECK} (line 25) has it",
        f"{EDITION}:21:5: slides[2].items: 1 item here, 2 items in {DECK} (line 21)",
        f"{EDITION}:24:5: slides[3].id: {DECK} has no slide 'compared'",
        f"{EDITION}:53:12: slides[5].cases.items[1].date: is '2012-11' here but '2012-09' in {DECK} (line 54)",
    ]


def test_slides_in_another_order_are_an_error(edition):
    text = (edition.root / EDITION).read_text(encoding="utf-8")
    points = text[text.index("  - id: points"):text.index("  - id: compare")]
    text = text.replace(points, "")
    text = text.replace("  - id: forward", points + "  - id: forward")
    (edition.root / EDITION).write_text(text, encoding="utf-8")
    [problem] = problems(edition)
    assert problem == (f"{EDITION}:18:5: slides[2].id: slide 'compare' stands where {DECK} (line 18) has "
                       "'points': keep the slides in the same order")


def test_the_file_name_and_the_language_must_agree(edition):
    edit(edition, EDITION, "language: ja", "language: en")
    assert problems(edition)[0] == (f"{EDITION}:7:1: language: the file name says 'ja', the file says 'en'; "
                                    "make them agree")


def test_every_edition_has_every_audience(edition):
    write(edition.root / "content/sampler/audiences/partner.yaml", "name: Partner\nslides: [cover, points]\n")
    assert problems(edition) == [
        "content/sampler/audiences/partner.yaml: no Japanese edition of this profile: add audiences/partner.ja.yaml"]
    write(edition.root / "content/sampler/audiences/partner.ja.yaml", "name: 相手国\nslides: [cover, forward]\n")
    assert problems(edition) == [
        "content/sampler/audiences/partner.ja.yaml:2:1: slides: differs from "
        "content/sampler/audiences/partner.yaml (line 2)"]
    write(edition.root / "content/sampler/audiences/partner.ja.yaml", "name: 相手国\nslides: [cover, points]\n")
    assert [d.audience for d in check(edition)] == ["full", "partner", "full", "partner"]


def test_japanese_lines_folded_in_yaml_join_without_a_space(edition):
    edit(edition, EDITION, "title: Compare", "title: >-\n      日本の\n      サイバー外交")
    deck = check(edition, languages=["ja"])[0]
    assert deck.slides[3].title == "日本のサイバー外交"


def test_an_unknown_language_is_named(edition, capsys):
    code, _, err = run_cli(capsys, "check", "--lang", "jp")
    assert code == 1
    assert err.startswith("content: no deck in 'jp'; the decks are in: en, ja")


@pytest.mark.parametrize("name, message", [
    ("deck.jp.yaml", "'jp' in the file name is no language the tool knows: en (English), ja (Japanese); did you mean "
                     "'ja'? rename the file deck.ja.yaml"),
    ("deck.English.yaml", "'English' in the file name is no language the tool knows: en (English), ja (Japanese); did "
                          "you mean 'en'? rename the file deck.en.yaml"),
    ("deck.fr.yaml", "'fr' in the file name is no language the tool knows: en (English), ja (Japanese); did you mean "
                     "'ja'? rename the file deck.ja.yaml"),       # the file's own `language: ja`
])
def test_a_language_in_a_file_name_is_checked_and_told_alone(edition, name, message):
    """The root cause only: no knock-on about the profiles' editions or the `language:` line."""
    write(edition.root / PROFILE, "name: Partner\n")
    write(edition.root / "content/sampler/audiences/partner.ja.yaml", "name: Partner\n")
    (edition.root / EDITION).rename(edition.root / "content/sampler" / name)
    assert problems(edition) == [f"content/sampler/{name}:1:1: {message}"]
