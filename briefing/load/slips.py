"""YAML slips said in plain words: what a staff member typed that YAML reads differently, and what to do.

The parser's own words ("expected <block end>, but found '<scalar>'") name its machinery, not the
mistake. Each slip here is recognised from the parser's error and the text around it, and said as
the fix, at the place to fix: an unclosed quote or bracket where it opens, everything else where
the parser stopped. Text YAML reads as syntax is told to be quoted, with the line written as it
should be.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

Place = tuple[int, int]
"""A line and column, 0-based as the parser's marks are."""

_VALUE = re.compile(r"^(?P<head>\s*(?:-\s+)*(?:[^\s#'\"-][^#]*?:\s+)?)(?P<value>[{\[*&!@`%|>].*?)\s*$")


def quote_hint(text: str, *lines: int) -> str:
    """Return advice to quote the value on one of `lines` (0-based) when YAML reads its start as
    syntax: '{{' (a template), '*', '&', '!', '@', '`', '%', '|' or '>' followed by text, or
    '[...]' / '{...}' followed by more text."""
    source = text.splitlines()
    for line in lines:
        match = _VALUE.match(source[line]) if 0 <= line < len(source) else None
        if match and _reads_as_syntax(match.group("value")):
            value = match.group("value")
            start = "{{" if value.startswith("{{") else value[0]
            return f"; text that starts with '{start}' must be in quotes: {match.group('head').strip()} {_quoted(value)}"
    return ""


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _reads_as_syntax(value: str) -> bool:
    if value.startswith("{{") or value[0] in "*&@`%":
        return True
    if value[0] == "!":
        return not value.startswith("!!")      # a '!!' tag is no slip of the keyboard
    if value[0] in "|>":                       # a block's header holds only its indicators
        return re.fullmatch(r"[|>][-+0-9]*(\s+#.*)?", value) is None
    closing = {"[": "]", "{": "}"}[value[0]]
    end = value.find(closing)
    return end != -1 and value[end + 1:].strip() not in ("", ",")


def explain(error: yaml.MarkedYAMLError, text: str) -> tuple[Place, str] | None:
    """The slip behind `error`, in plain words, and where to point; None when it is none of the
    slips known here (the parser's words are shown then)."""
    lines = text.split("\n")
    mark = error.problem_mark or error.context_mark
    if mark is None or mark.line >= len(lines):
        return None
    for slip in (_tab, _unclosed_quote, _after_quote, _unclosed_bracket, _colon, _deeper, _item_out_of_line,
                 _missing_dash, _neither):
        found = slip(error, mark, lines, text)
        if found:
            return found
    return None


def _tab(error, mark, lines, text):
    if "'\\t'" not in str(error.problem) and "\t" not in str(error.problem):
        return None
    here = lines[mark.line]
    if here[:mark.column].strip(" \t"):
        return (mark.line, mark.column), "a tab here cannot start a value; use spaces"
    return (mark.line, mark.column), ("this line is indented with a tab; YAML indents with spaces only: "
                                      "replace the tab with spaces, lined up with the lines around it")


def _unclosed_quote(error, mark, lines, text):
    if "quoted scalar" not in str(error.context) or error.context_mark is None:
        return None
    opening = error.context_mark
    quote = lines[opening.line][opening.column]
    inside = '\\"' if quote == '"' else "''"
    return (opening.line, opening.column), (f"the quote ({quote}) that opens this text is never closed; end the text "
                                            f"with {quote} on this line (a {quote} inside the text is written {inside})")


def _after_quote(error, mark, lines, text):
    """Text after a closing quote, or a quote left open that ran on to a later line's quote."""
    if not str(error.problem).startswith(("expected <block end>", "could not find expected ':'",
                                          "expected ',' or")):
        return None
    scalar = _last_scalar_before(text, mark.index)
    if scalar is None or scalar.style not in ("'", '"'):
        return None
    start, end = scalar.start_mark, scalar.end_mark
    if end.line != mark.line or lines[mark.line][end.column:mark.column].strip():
        return None
    if start.line != end.line:
        return (start.line, start.column), (f"the quote ({scalar.style}) that opens this text is not closed on its "
                                            f"line, so the text runs on to line {end.line + 1}; close it at the "
                                            "end of this line")
    here = lines[mark.line]
    head = here[:start.column].rstrip()
    whole = here[start.column:].rstrip()
    quoted = _quoted(whole) if '"' not in whole else "'" + whole.replace("'", "''") + "'"
    return (mark.line, mark.column), (f"text follows the closing quote; quotes go around the whole value: "
                                      f"{head.strip()} {quoted}")


def _last_scalar_before(text: str, index: int) -> Any:
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= index:
                break
            if isinstance(token, yaml.ScalarToken):
                last = token
    except yaml.YAMLError:
        pass
    return last


def _unclosed_bracket(error, mark, lines, text):
    problem = str(error.problem)
    if not problem.startswith("expected ',' or") or error.context_mark is None:
        return None
    opening = error.context_mark
    bracket = lines[opening.line][opening.column]
    closing = {"[": "]", "{": "}"}.get(bracket)
    if closing is None:
        return None
    what = "list" if bracket == "[" else "mapping"
    return (opening.line, opening.column), (f"the '{bracket}' here opens a {what} that is never closed; end it with "
                                            f"'{closing}' on this line, or, if the brackets are part of the text, "
                                            "put the whole value in quotes")


def _colon(error, mark, lines, text):
    """': ' inside unquoted text: YAML reads the text before it as a field's name."""
    if "mapping values are not allowed" not in str(error.problem):
        return None
    here = lines[mark.line]
    found = re.match(r"^(\s*(?:-\s+)?[^\s#'\"-][^:#]*?:\s+)(\S.*?)\s*$", here)
    if not found or found.end(1) > mark.column:
        return None
    return (mark.line, mark.column), ("text with ': ' in it must be in quotes (YAML reads the text before the "
                                      f"colon as a field's name): {found.group(1).strip()} {_quoted(found.group(2))}")


def _deeper(error, mark, lines, text):
    """A field indented more than the field above it."""
    here = lines[mark.line]
    if "mapping values are not allowed" not in str(error.problem) or here.find(":") != mark.column:
        return None
    above = next((l for l in reversed(lines[:mark.line]) if l.strip() and not l.strip().startswith("#")), "")
    indent, before = _indent(here), _indent(above)
    if indent > before and ": " in above:
        return (mark.line, mark.column), (f"this line is indented {_spaces(indent - before)} more than the field "
                                          "above it; line it up with the fields around it (the same number of spaces)")
    return None


def _item_out_of_line(error, mark, lines, text):
    """A list item whose '- ' is not lined up with the items above it."""
    if "'<block sequence start>'" not in str(error.problem):
        return None
    here = lines[mark.line]
    if not here.lstrip(" ").startswith("-"):
        return None
    indent = _indent(here)
    above = next((number for number in range(mark.line - 1, -1, -1)
                  if lines[number].lstrip(" ").startswith("- ") and _indent(lines[number]) != indent), None)
    if above is None:
        return None
    other = _indent(lines[above])
    side = "more" if indent > other else "less"
    return (mark.line, mark.column), (f"this list item is indented {_spaces(abs(indent - other))} {side} than the "
                                      f"item at line {above + 1}; start its '- ' in the same column as the other items")


def _missing_dash(error, mark, lines, text):
    if not str(error.problem).startswith("expected <block end>") or "block collection" not in str(error.context):
        return None
    start = error.context_mark.line + 1 if error.context_mark else 0
    return (mark.line, mark.column), (f"this line does not fit the list that starts at line {start}: an item of a "
                                      "list starts with '- ' at the same indentation as the other items, and a "
                                      "field lines up with the fields of its item")


def _neither(error, mark, lines, text):
    """A line of bare text where a field or a list item belongs."""
    if not str(error.problem).startswith("could not find expected ':'") or error.context_mark is None:
        return None
    line = error.context_mark.line
    return (line, error.context_mark.column), ("this line is neither a field ('name: value') nor a list item "
                                               "('- text'); if it continues the text above, indent it under that "
                                               "text, or write the whole value in quotes")


def scalar_slip(node: yaml.ScalarNode, text: str) -> tuple[Place, str] | None:
    """A slip YAML reads without complaint, found on unquoted text, and where it is: a '#' that cut
    the text short, or a list item indented so far that it became more words of the item above."""
    if node.style:
        return None
    end = text.find("\n", node.end_mark.index)
    rest = text[node.end_mark.index:end if end != -1 else len(text)]      # not a copy of the file's rest
    cut = re.match(r"\s+#(?=[^\s#])", rest)
    if cut:
        place = (node.end_mark.line, node.end_mark.column + cut.end() - 1)
        head = text.split("\n")[node.start_mark.line][:node.start_mark.column].strip()
        return place, ("' #' starts a comment in YAML, so the text stops before it; put the whole value in quotes: "
                       f"{head} {_quoted(node.value + rest.rstrip())}".replace("  ", " "))
    if node.start_mark.line == node.end_mark.line:
        return None
    for number, line in enumerate(text[node.start_mark.index:node.end_mark.index].split("\n")[1:]):
        if line.lstrip().startswith("- "):
            place = (node.start_mark.line + number + 1, len(line) - len(line.lstrip()))
            return place, ("this '- ' is indented further than the item above, so YAML reads it as more of that "
                           "item's text, not as a new item; start the '- ' in the same column as the other items")
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _spaces(count: int) -> str:
    return f"{count} space{'s' * (count != 1)}"
