"""briefing.render.templating: Text fields rendered in a strict sandbox, errors located in the YAML."""

from __future__ import annotations

import pytest

from briefing.load.content import load_project
from briefing.errors import ContentError
from briefing.render.templating import TextRenderer, format_number
from tests.conftest import DECK, edit


def render(project):
    deck = load_project(project).decks[0]
    return TextRenderer(project.templates / "text").render_deck(deck)


def render_problems(project) -> list[str]:
    with pytest.raises(ContentError) as caught:
        render(project)
    return [str(p) for p in caught.value.problems]


def test_variables_and_macros_are_rendered(project):
    deck = render(project)
    assert deck.slides[2].title == "Points for Australia"
    assert deck.slides[2].items[1] == "Second point with 2.5 million items"


def test_deck_facts_are_available(project):
    edit(project, DECK, "title: Compare", "title: Compare ({{ deck.organisation }}, {{ deck.date }})")
    assert render(project).slides[3].title == "Compare (Test Office, 2026)"


def test_only_text_fields_are_templates(project):
    edit(project, DECK, "title: Part one", "title: '{{ \"{{\" }} literal'")
    deck = render(project)
    assert deck.slides[1].title == "{{ literal"
    assert deck.slides[5].chart.name == "growth"


def test_undefined_variable_names_the_field(project):
    edit(project, DECK, "title: Compare", "title: Compare {{ partnr }}")
    assert render_problems(project) == [
        f"{DECK}:27:5: slides[3].title: undefined variable: 'partnr' is undefined "
        "(defined: deck, fmt, partner)"]


def test_syntax_error_names_the_field(project):
    edit(project, DECK, "heading: Before", "heading: 'Before {% if %}'")
    [message] = render_problems(project)
    assert message.startswith(f"{DECK}:29:7: slides[3].left.heading: template syntax: ")


def test_all_template_errors_are_reported_together(project):
    edit(project, DECK, "title: Compare", "title: '{{ a }}'")
    edit(project, DECK, "title: Overview", "title: '{{ b }}'")
    assert len(render_problems(project)) == 2


def test_sandbox_blocks_python_internals(project):
    edit(project, DECK, "title: Compare", "title: \"{{ ''.__class__.__mro__[1].__subclasses__() }}\"")
    assert render_problems(project) == [
        f"{DECK}:27:5: slides[3].title: not allowed in a template: "
        "access to attribute '__class__' of 'str' object is unsafe."]


def test_macro_file_syntax_error_names_the_macro_file(project):
    (project.templates / "text" / "broken.j2").write_text("{% macro x() %}\nno end\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        TextRenderer(project.templates / "text")
    [problem] = caught.value.problems
    assert str(problem).startswith("templates/text/broken.j2:")
    assert "template syntax" in str(problem)


def test_number_filter():
    assert format_number(1250000) == "1,250,000"
    assert format_number("2500.5") == "2,500.5"


# --- numbers in text -----------------------------------------------------------------------------

NUMBERS = 'vars:\n  partner: Australia\n  oda: "565000000000"\n  rate: "11.46"\n  people: "1,250,000"\n'


def with_numbers(project, title: str, language: str = "en"):
    edit(project, DECK, "vars:\n  partner: Australia\n", NUMBERS)
    edit(project, DECK, "language: en", f"language: {language}")
    edit(project, DECK, "title: Compare", f"title: '{title}'")
    return project


@pytest.mark.parametrize("title, shown", [
    ("{{ oda / 1000000000 }} billion", "565 billion"),           # text that writes a number is one
    ("{{ oda | number }}", "565,000,000,000"),
    ("{{ (oda / 1000000000) | number(1) }}", "565.0"),
    ("{{ rate | round(1) }} and {{ rate | round }}", "11.5 and 11"),
    ("{{ people - 250000 }}", "1000000"),
    ("{{ oda | money(\"JPY\") }}", "JPY 565 billion"),
    ("{{ rate | money(\"USD\") }}", "USD 11.46"),
    ("{{ 12500000 | money(\"USD\", 1) }}", "USD 12.5 million"),
    ("{{ partner ~ \" \" ~ oda }}", "Australia 565000000000"),    # text stays text where it is joined
    ("{{ \"-\" * 3 }}", "---"),
])
def test_variables_that_write_numbers_are_usable_as_numbers(project, title, shown):
    assert render(with_numbers(project, title)).slides[3].title == shown


def test_money_and_numbers_in_japanese(project):
    title = "{{ oda | money(\"JPY\") }}、{{ 1150000000 | money(\"USD\") }}、{{ oda | ja_number }}円"
    assert render(with_numbers(project, title, "ja")).slides[3].title == "5,650億円、11.5億ドル、5,650億円"


@pytest.mark.parametrize("title, message", [
    ("{{ partner / 1000 }}", "'Australia' is text, not a number, and '/' needs numbers; give the variable a number "
                             "written in digits (565000000000, 1,250,000, 11.5)"),
    ("{{ partner + 2 }}", "'Australia' is text, not a number, and '+' needs numbers; to join text, use ~ "
                          "({{ 'x' ~ y }})"),
    ("{{ partner | number }}", "|number needs a number, and 'Australia' is not one (a number is written in digits, "
                               "as 565000000000, 1,250,000 or 11.5)"),
    ("{{ partner | round }}", "|round needs a number, and 'Australia' is not one (a number is written in digits, "
                              "as 565000000000, 1,250,000 or 11.5)"),
    ("{{ oda > 5 }}", "cannot compare text with a number ('>'); variables are text as written: make one a number "
                      "first, as in {{ value | float > 50 }}"),
    ("{{ [1] - 1 }}", "cannot use '-' on a list and a number"),
])
def test_a_failed_expression_is_located_and_said_in_plain_words(project, title, message):
    assert render_problems(with_numbers(project, title)) == [f"{DECK}:30:5: slides[3].title: template failed: {message}"]
