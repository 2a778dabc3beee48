"""Turning validation errors into located problems in the words of someone editing YAML.

Every loader (decks, themes, charts, audience profiles) validates through `validate`, so a wrong
type, an unknown key or a missing field reads the same wherever it happens.
"""

from __future__ import annotations

import difflib
import types
import typing
from inspect import isclass
from typing import Any

from briefing.model.schema import Model, ValidationError

from briefing.errors import Problem, field_name
from briefing.model.deck import ISSUED_PATTERN, FieldError, MONTH_PATTERN, NAME_PATTERN, VARIABLE_PATTERN
from briefing.load.source import FieldPath, SourceMap
from briefing.model.theme import COLOUR_PATTERN


def validate(model: type[Model], data: Any, source: SourceMap, prefix: FieldPath,
              problems: list[Problem]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as e:
        for error in e.errors(include_url=False):
            loc = tuple(error["loc"])
            cause = (error.get("ctx") or {}).get("error")
            if isinstance(cause, FieldError):
                loc += cause.path
            problems.append(problem(source, prefix + loc, _message(error, model, loc)))
        return None


def problem(source: SourceMap, path: FieldPath, message: str) -> Problem:
    return Problem(source.locate(path), field_name(path), message)


_PATTERNS = {
    NAME_PATTERN: "expected a name of lower-case letters, digits and hyphens",
    MONTH_PATTERN: "expected a month written YYYY-MM, like 2011-09",
    ISSUED_PATTERN: "expected a date written YYYY, YYYY-MM or YYYY-MM-DD, like 2018-03",
    COLOUR_PATTERN: "expected a colour as six hex digits, like 1B2A4A",
    VARIABLE_PATTERN: "expected a variable name of letters, digits and _",
}


def _message(error: dict[str, Any], model: type[Model], loc: FieldPath) -> str:
    """Return a validation error in the words of someone editing YAML."""
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    got = f"got {describe(value)}"
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        allowed = _field_names(model, loc[:-1])
        return f"unknown field '{loc[-1]}'" + (did_you_mean(str(loc[-1]), allowed)
                                                or f"; expected one of {', '.join(allowed)}")
    if kind == "string_type":
        return f"expected text, {got}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"expected a whole number, {got}"
    if kind in ("float_parsing", "float_type"):
        return f"expected a number, {got}"
    if kind in ("bool_parsing", "bool_type"):
        return f"expected true or false, {got}"
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected', '').replace(' or ', ', ')}; {got}".replace("'", "")
    if kind == "string_pattern_mismatch":
        return f"{_PATTERNS.get(ctx.get('pattern'), 'text does not have the expected form')}; {got}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters long, got {ctx.get('actual_length')}"
    if kind in ("too_short", "too_long"):
        bound = "at least" if kind == "too_short" else "at most"
        limit = ctx.get("min_length", ctx.get("max_length"))
        return f"expected {bound} {limit} item{'s' if limit != 1 else ''}, got {ctx.get('actual_length')}"
    if kind in ("list_type", "tuple_type"):
        return f"expected a list (lines starting with '- '), {got}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping (key: value lines), {got}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{error['msg'][0].lower()}{error['msg'][1:]}; {got}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return f"{error['msg'][0].lower()}{error['msg'][1:]}"


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _field_names(model: type[Model], loc: FieldPath) -> list[str]:
    """Return the field names of the model found at `loc` inside `model` (for "did you mean")."""
    target: Any = model
    for part in loc:
        target = _unwrap(target)
        if isinstance(part, int):
            args = typing.get_args(target)
            target = args[0] if args else None
        elif isclass(target) and issubclass(target, Model) and part in target.model_fields:
            target = target.model_fields[part].annotation
        else:
            return []
    target = _unwrap(target)
    if isclass(target) and issubclass(target, Model):
        return list(target.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional so that the model or list type inside shows."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        models = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = models[0] if models else annotation
    return annotation
