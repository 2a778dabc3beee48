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
    assert message.startswith("a.yaml:2:9: YAML syntax: the '[' here opens a list that is never closed")


def test_tab_indentation_is_explained(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "a.yaml", "title: x\n\tsubtitle: y\n")
    assert messages(path) == ["a.yaml:2:1: YAML syntax: this line is indented with a tab; YAML indents with spaces "
                              "only: replace the tab with spaces, lined up with the lines around it"]


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
    assert message.endswith(f"text that starts with '{start}' must be in quotes: title: \"{quoted}\"")


def test_a_list_item_is_told_to_be_quoted_too(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "a.yaml", "items:\n  - {{ n }} people\n")
    [message] = messages(path)
    assert message.endswith("must be in quotes: - \"{{ n }} people\"")


def test_a_flow_list_left_open_is_said_where_it_opens(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "a.yaml", "items: [a, b\n")
    assert messages(path) == ["a.yaml:1:8: YAML syntax: the '[' here opens a list that is never closed; end it with "
                              "']' on this line, or, if the brackets are part of the text, put the whole value in quotes"]


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
    assert messages(colon) == ["colon.yaml:1:15: YAML syntax: text with ': ' in it must be in quotes (YAML reads the "
                               "text before the colon as a field's name): title: \"Compare: two views\""]


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


SLIPS = {
    "colon in text": ("title: x\nnote: Note: this matters\n",
                      "2:11: YAML syntax: text with ': ' in it must be in quotes (YAML reads the text before the "
                      "colon as a field's name): note: \"Note: this matters\""),
    "tab": ("slides:\n\t- id: one\n",
            "2:1: YAML syntax: this line is indented with a tab; YAML indents with spaces only: replace the tab "
            "with spaces, lined up with the lines around it"),
    "unclosed quote": ("title: \"Japan's aid\nsubtitle: y\n",
                       "1:8: YAML syntax: the quote (\") that opens this text is never closed; end the text with \" "
                       "on this line (a \" inside the text is written \\\")"),
    "quote running on to another": ("title: 'Japan\nsubtitle: 'y'\n",
                                    "1:8: YAML syntax: the quote (') that opens this text is not closed on its line, "
                                    "so the text runs on to line 2; close it at the end of this line"),
    "unclosed bracket": ("title: x\nitems: [a, b\nnext: y\n",
                         "2:8: YAML syntax: the '[' here opens a list that is never closed; end it with ']' on this "
                         "line, or, if the brackets are part of the text, put the whole value in quotes"),
    "unclosed brace": ("row: {a: 1\n",
                       "1:6: YAML syntax: the '{' here opens a mapping that is never closed; end it with '}' on "
                       "this line, or, if the brackets are part of the text, put the whole value in quotes"),
    "text after a closing quote": ("title: \"Japan\" and more\n",
                                   "1:16: YAML syntax: text follows the closing quote; quotes go around the whole "
                                   "value: title: '\"Japan\" and more'"),
    "a '#' in text": ("title: Growth #1 in Asia\n",
                      "1:15: ' #' starts a comment in YAML, so the text stops before it; put the whole value in "
                      "quotes: title: \"Growth #1 in Asia\""),
    "'@' first": ("title: @home office\n",
                  "1:8: YAML syntax: text that starts with '@' must be in quotes: title: \"@home office\""),
    "'`' first": ("title: `code` here\n",
                  "1:8: YAML syntax: text that starts with '`' must be in quotes: title: \"`code` here\""),
    "an item indented less": ("items:\n  - a\n - b\n",
                              "3:2: YAML syntax: this list item is indented 1 space less than the item at line 2; "
                              "start its '- ' in the same column as the other items"),
    "an item indented more": ("items:\n  - a\n    - b\n",
                              "3:5: this '- ' is indented further than the item above, so YAML reads it as more of "
                              "that item's text, not as a new item; start the '- ' in the same column as the other "
                              "items"),
    "a bare line": ("items:\n  - a\n  b\n",
                    "3:3: YAML syntax: this line is neither a field ('name: value') nor a list item ('- text'); if it "
                    "continues the text above, indent it under that text, or write the whole value in quotes"),
}


@pytest.mark.parametrize("slip", sorted(SLIPS))
def test_each_yaml_slip_is_said_as_what_to_do_where_to_do_it(tmp_path, monkeypatch, slip):
    monkeypatch.chdir(tmp_path)
    text, message = SLIPS[slip]
    assert messages(write(tmp_path / "a.yaml", text)) == [f"a.yaml:{message}"]


def test_a_comment_after_a_value_is_still_a_comment(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    doc = read_yaml(write(tmp_path / "a.yaml", "title: Growth  # the working title\nyear: 2024 ## checked\n"))
    assert doc.data == {"title": "Growth", "year": "2024"}
