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
