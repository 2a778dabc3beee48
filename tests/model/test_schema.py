"""briefing.model.schema: models read from YAML data, every issue in the words of someone editing
YAML, frozen once made, text as written, numbers finite."""

from __future__ import annotations

from typing import Annotated, Literal

import pytest

from briefing.model.schema import AfterValidator, Field, FieldError, Invalid, Issue, Model, StringConstraints, \
    check_value


class Case(Model):
    date: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}$", meaning="a month written YYYY-MM")]
    text: Annotated[str, StringConstraints(min_length=1, max_length=20)]


class Chart(Model):
    kind: Literal["bar", "line"] = "bar"
    value: Annotated[float, Field(ge=0)] = 0.0
    count: int = 1
    shown: bool = True
    cases: Annotated[list[Case], Field(max_length=2)] = []
    _path: tuple = ()


def issues(model: type[Model], data: dict) -> list[tuple[tuple, str]]:
    with pytest.raises(Invalid) as caught:
        model.read(data)
    return [(i.path, i.message) for i in caught.value.issues]


def test_every_issue_of_the_data_is_reported_at_its_path_in_words():
    found = issues(Chart, {"kind": "pie", "value": "-3", "count": "many", "shown": "maybe", "titel": "x",
                           "cases": [{"date": "2011/09", "text": ""}, {"text": "y"}, {"date": "2011-09", "text": "z"}]})
    assert found == [
        (("kind",), "expected one of bar, line; got pie"),
        (("value",), "input should be greater than or equal to 0; got '-3'"),
        (("count",), "expected a whole number, got 'many'"),
        (("shown",), "expected true or false, got 'maybe'"),
        (("cases", 0, "date"), "expected a month written YYYY-MM; got '2011/09'"),
        (("cases", 0, "text"), "must not be empty"),
        (("cases", 1, "date"), "required field is missing"),
        (("titel",), "unknown field 'titel'; expected one of kind, value, count, shown, cases"),
    ]


def test_an_unknown_field_close_to_a_known_one_is_suggested():
    assert issues(Case, {"date": "2011-09", "txet": "a"}) == [
        (("text",), "required field is missing"),
        (("txet",), "unknown field 'txet'; did you mean 'text'?")]


def test_lists_and_mappings_say_what_they_expect():
    assert issues(Chart, {"cases": "none"}) == [(("cases",), "expected a list (lines starting with '- '), got 'none'")]
    assert issues(Chart, {"cases": ["a"]}) == [(("cases", 0), "expected a mapping (key: value lines), got 'a'")]
    many = [{"date": "2011-09", "text": "t"}] * 3
    assert issues(Chart, {"cases": many}) == [(("cases",), "expected at most 2 items, got 3")]


@pytest.mark.parametrize("written", ["inf", "-Infinity", "nan", "1e999", float("inf")])
def test_a_number_is_finite(written):
    assert issues(Chart, {"value": written}) == [(("value",), f"expected a number, got {str(written)!r}")]


def test_text_stays_as_written_and_only_spaces_is_empty():
    case = Case.read({"date": "2011-09", "text": "  two spaces  "})
    assert case.text == "  two spaces  "
    assert issues(Case, {"date": "2011-09", "text": "   "}) == [(("text",), "must not be empty")]
    assert issues(Case, {"date": "2011-09", "text": "x" * 21}) == [
        (("text",), "must be at most 20 characters long, got 21")]


def test_a_model_is_frozen_even_its_private_attributes():
    chart = Chart.read({"value": "2.5"})
    assert chart.value == 2.5
    with pytest.raises(TypeError):
        chart.value = 3
    with pytest.raises(TypeError):
        chart._path = ("slides", 0)
    moved = chart.copy(update={"_path": ("slides", 0), "count": 4})
    assert (moved._path, moved.count, chart._path, chart.count) == (("slides", 0), 4, (), 1)


class Table(Model):
    columns: list[str]
    rows: list[list[str]]

    def _after(self) -> None:
        for index, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise FieldError(("rows", index), f"{len(row)} cells; the table has {len(self.columns)} columns")


def even(value: int) -> int:
    if value % 2:
        raise ValueError("must be even")
    return value


class Pair(Model):
    size: Annotated[int, AfterValidator(even)]


def test_a_validator_names_the_field_it_refuses():
    assert issues(Table, {"columns": ["a", "b"], "rows": [["1", "2"], ["3"]]}) == [
        (("rows", 1), "1 cells; the table has 2 columns")]
    assert issues(Pair, {"size": "3"}) == [(("size",), "must be even")]


def test_dump_and_copy_round_trip_and_equal_models_hash_alike():
    chart = Chart.read({"kind": "line", "cases": [{"date": "2011-09", "text": "t"}]})
    assert chart.dump() == {"kind": "line", "value": 0.0, "count": 1, "shown": True,
                            "cases": [{"date": "2011-09", "text": "t"}]}
    again = Chart.read(chart.dump())
    assert again == chart and hash(again) == hash(chart)
    assert list(Chart.fields()) == ["kind", "value", "count", "shown", "cases"]


def test_one_value_is_checked_against_one_annotation():
    value, found = check_value(Annotated[list[int], Field(min_length=1)], ["1", "x"])
    assert found == [Issue((1,), "expected a whole number, got 'x'")]
    value, found = check_value(list[int], ["1", "2"])
    assert (value, found) == ([1, 2], [])
