"""briefing.errors: what a message quotes of a file is shown, never obeyed, and never hidden."""

from __future__ import annotations

from pathlib import Path

from briefing.errors import Location, Problem, did_you_mean, printable


def test_control_and_invisible_characters_are_escaped_where_a_message_quotes_them():
    # A layout named "Ti<BOM>tle Only" looks like "Title Only": the difference must show.
    assert printable("Ti\ufefftle \u200bOnly\x1b[2J\u202e") == "Ti\\ufefftle \\u200bOnly\\x1b[2J\\u202e"
    assert printable("二国間協議（日本）\tTab") == "二国間協議（日本）\tTab"        # text as it is written stays
    problem = Problem(Location(Path("theme.yaml"), 3, 3), "layouts.content", "no layout 'Ti\ufefftle Only'")
    assert str(problem) == "theme.yaml:3:3: layouts.content: no layout 'Ti\\ufefftle Only'"


def test_did_you_mean_offers_a_name_that_differs_only_in_case():
    assert did_you_mean("Title only", ["Title Slide", "Title Only"]) == "; did you mean 'Title Only'?"
    assert did_you_mean("Zebra", ["Title Slide", "Title Only"]) == ""
