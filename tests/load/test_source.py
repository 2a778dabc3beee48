"""briefing.load.source: YAML read as text with locations; unsafe or ambiguous YAML refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import ContentError
from briefing.load.source import read_yaml
from tests.conftest import write


def messages(path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        read_yaml(path)
    return [str(p) for p in caught.value.problems]


def test_scalars_stay_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    doc = read_yaml(write(tmp_path / "a.yaml", """
        answer: no
        version: 1.10
        time: 12:30
        mode: 0755
        day: 2024-13-45
        empty:
        tilde: ~
        quoted: "null"
        """))
    assert doc.data == {"answer": "no", "version": "1.10", "time": "12:30", "mode": "0755",
                        "day": "2024-13-45", "empty": None, "tilde": None, "quoted": "null"}


def test_every_value_knows_its_line_and_column(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    doc = read_yaml(write(tmp_path / "a.yaml", """
        title: x
        slides:
          - id: one
            items: [a, b]
        """))
    assert str(doc.source.locate(("slides", 0, "id"))) == "a.yaml:3:5"
    assert str(doc.source.locate(("slides", 0, "items", 1))) == "a.yaml:4:16"
    # A path that is not in the file (a missing field) falls back to its nearest ancestor.
    assert str(doc.source.locate(("slides", 0, "title"))) == "a.yaml:3:5"


def test_duplicate_key_names_both_lines(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "a.yaml", "title: one\nsubtitle: x\ntitle: two\n")
    assert messages(path) == ["a.yaml:3:1: the field 'title' is given twice here (first at line 1); keep one of them"]


def test_python_tags_are_refused_and_not_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "ran"
    path = write(tmp_path / "a.yaml", f"x: !!python/object/apply:os.system ['touch {marker}']\n")
    assert messages(path) == ["a.yaml:1:4: the tag tag:yaml.org,2002:python/object/apply:os.system is not "
                              "allowed; write plain values"]
    assert not marker.exists()


def test_aliases_are_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "a.yaml", "a: &x [1, 2]\nb: *x\n")
    assert messages(path) == ["a.yaml:2:1: anchors and aliases (&name, *name) are not supported; "
                              "write the value out"]


def test_syntax_error_has_line_and_column(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "a.yaml", "title: x\nslides: [a, b\n")
    [message] = messages(path)
    assert message == "a.yaml:2:1: YAML syntax: the '[' on this line starts a list in YAML, which is not closed: end it with ']'"


def test_tab_indentation_is_explained(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "a.yaml", "title: x\n\tsubtitle: y\n")
    [message] = messages(path)
    assert message.startswith("a.yaml:2:1: YAML syntax:")
    assert message.endswith("this line is indented with a tab; YAML indents with spaces only: replace the tab with "
                            "spaces, as many as the lines around it have")


def test_empty_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "a.yaml", "# only a comment\n")
    assert messages(path) == ["a.yaml:1:1: the file is empty"]


def test_non_utf8_bytes_are_located(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.yaml"
    path.write_bytes(b"title: ok\nsubtitle: caf\xe9\n")
    assert messages(path) == ["a.yaml:2:14: not UTF-8 text: byte 0xe9 cannot be decoded; save the file as UTF-8"]


def test_missing_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert messages(tmp_path / "nope.yaml") == ["nope.yaml: file not found"]


@pytest.mark.parametrize("value, where, start", [
    ("{{ occasion }} and more", "1:23", "{{"),
    ("{{ occasion }}", "1:8", "{{"),
    ("*starred", "1:8", "*"),
    ("&anchored text", "1:8", "&"),
    ("!bang text", "1:8", "!"),
    ("[Draft] Plan", "1:16", "["),
    ("{x} y", "1:12", "{"),
])
def test_text_that_yaml_reads_as_syntax_is_told_to_be_quoted(tmp_path, monkeypatch, value, where, start):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "a.yaml", f"title: {value}\n")
    [message] = messages(path)
    assert message.startswith(f"a.yaml:{where}: ")
    quoted = value.replace('"', '\\"')
    assert message.endswith(f"; text that starts with '{start}' must be in quotes: title: \"{quoted}\"")


def test_a_list_item_is_told_to_be_quoted_too(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "a.yaml", "items:\n  - {{ n }} people\n")
    [message] = messages(path)
    assert message.endswith("must be in quotes: - \"{{ n }} people\"")


def test_each_yaml_slip_is_said_as_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cases = {
        "title: 'Japan's view'\n": "1:15: YAML syntax: more text follows the closing quote; put all of the text inside "
                                   "the quotes (an apostrophe inside '...' is written twice: 'Japan''s')",
        'title: "Japan" view\n': '1:16: YAML syntax: more text follows the closing quote; put all of the text inside '
                                 'the quotes (a quote inside "..." is written \\")',
        'title: "Japan\nsubtitle: x\ndate: "2018"\n': '1:1: YAML syntax: the text on line 1 opens a quote (") that '
                                                    'the line does not close: end the text with "',
        "title: @Japan\n": '1:8: YAML syntax: text cannot start with \'@\', which YAML keeps for itself; put the whole '
                           'text in quotes: title: "@Japan"',
        "title: `code`\n": '1:8: YAML syntax: text cannot start with \'`\', which YAML keeps for itself; put the whole '
                           'text in quotes: title: "`code`"',
        "vars: {a: 1\n": "1:1: YAML syntax: the '{' on this line starts a group of fields in YAML, which is not "
                         "closed: end it with '}'",
    }
    for number, (text, expected) in enumerate(cases.items()):
        path = write(tmp_path / f"{number}.yaml", text)
        assert messages(path) == [f"{number}.yaml:{expected}"]


def test_a_flow_list_needs_no_quotes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "a.yaml", "items: [a, b\n")
    [message] = messages(path)
    assert "quotes" not in message


def test_text_keeps_the_spaces_the_author_typed_but_not_the_line_break_yaml_ends_a_block_with(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    doc = read_yaml(write(tmp_path / "a.yaml", """
        literal: |
          one
          two
        folded: >
          folded
          text
        kept: |+
          kept

        stripped: |-
          stripped
        quoted: "  spaced  "
        """))
    assert doc.data == {"literal": "one\ntwo", "folded": "folded text", "kept": "kept\n\n", "stripped": "stripped",
                        "quoted": "  spaced  "}


def test_yaml_written_for_people_reads_back_as_written(tmp_path, monkeypatch):
    from briefing.load.source import Row, dump_yaml

    monkeypatch.chdir(tmp_path)
    shared = ["the same list", "used twice"]
    data = {"title": "Japan's: ODA", "answer": "no", "version": "1.10", "year": 2024, "share": 11.5, "shown": True,
            "empty": "", "nothing": "null", "lines": "one\ntwo", "japanese": "日本 and Japan 日本語",
            "template": "{% raw %}{{ x }}{% endraw %}", "row": Row(["ASEAN", "Connectivity, trade", "12"]),
            "first": shared, "second": shared}
    text = dump_yaml(data)
    assert "&" not in text and "*" not in text                 # no anchors or aliases: the reader refuses them
    assert "row: [ASEAN, 'Connectivity, trade', 12]\n" in text and "first:\n  - the same list\n" in text
    assert "lines: |-\n  one\n  two\n" in text
    read = read_yaml(write(tmp_path / "a.yaml", text)).data
    assert read == {**data, "year": "2024", "share": "11.5", "shown": "true", "row": list(data["row"])}


def test_an_indentation_slip_and_a_missing_dash_are_said_in_plain_words(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    deeper = write(tmp_path / "deeper.yaml", """
        slides:
          - id: one
            layout: bullets
             title: One
        """)
    assert messages(deeper) == ["deeper.yaml:4:11: YAML syntax: this line is indented 1 space more than the field "
                                "above it; line it up with the fields around it (the same number of spaces)"]
    dashless = write(tmp_path / "dashless.yaml", """
        slides:
          - id: one
            layout: section
          id: two
        """)
    assert messages(dashless) == ["dashless.yaml:4:3: YAML syntax: this line does not fit the list that starts at "
                                  "line 2: an item of a list starts with '- ' at the same indentation as the other "
                                  "items, and a field lines up with the fields of its item"]
    colon = write(tmp_path / "colon.yaml", "title: Compare: two views\n")
    assert messages(colon) == ["colon.yaml:1:15: YAML syntax: this text has ': ' in it, which YAML reads as the start "
                               "of a field; put the whole text in quotes: title: \"Compare: two views\""]


SLIDES = """\
# the deck
slides:
  - id: a       # first
    title: "A"
    items:
      - one
      - two

  # --- the middle ---
  - id: b
    notes: |
      Note b
      more

  - id: c
    title: C
"""


def test_a_slide_taken_out_of_a_file_takes_only_its_own_lines(tmp_path):
    from briefing.load.source import remove_item

    doc = read_yaml(write(tmp_path / "deck.yaml", SLIDES))
    assert remove_item(SLIDES, doc.source, ("slides", 1)) == SLIDES.replace(
        "  - id: b\n    notes: |\n      Note b\n      more\n\n", "")
    assert remove_item(SLIDES, doc.source, ("slides", 2)) == SLIDES.replace("\n  - id: c\n    title: C\n", "")


def test_a_slide_put_into_a_file_is_indented_and_spaced_as_its_neighbours(tmp_path):
    from briefing.load.source import insert_item

    doc = read_yaml(write(tmp_path / "deck.yaml", SLIDES))
    new = {"id": "n", "layout": "bullets", "items": ["x", {"text": "y", "items": ["z"]}]}
    written = "  - id: n\n    layout: bullets\n    items:\n      - x\n      - text: y\n        items:\n          - z\n"
    after_a = insert_item(SLIDES, doc.source, ("slides", 1), new)
    assert after_a == SLIDES.replace("      - two\n", "      - two\n\n" + written)
    assert insert_item(SLIDES, doc.source, ("slides", 0), new) == SLIDES.replace("  - id: a", written + "\n  - id: a")
    assert read_yaml(write(tmp_path / "after.yaml", after_a)).data["slides"][1] == new
