"""Validation located: every issue a model finds in a file's data, at its file, line and column.

Every loader (decks, themes, charts, audience profiles) validates through `validate`, so a wrong
type, an unknown key or a missing field reads the same wherever it happens: the words are the
model's (`briefing.model.schema`), the place is the source map's.
"""

from __future__ import annotations

from typing import Any

from briefing.errors import Problem, field_name
from briefing.load.source import FieldPath, SourceMap
from briefing.model.schema import Invalid, Model


def validate(model: type[Model], data: Any, source: SourceMap, prefix: FieldPath,
             problems: list[Problem]) -> Any:
    """Return `model` read from `data`, or None after adding every issue, located, to `problems`."""
    try:
        return model.read(data)
    except Invalid as e:
        problems += [problem(source, prefix + issue.path, issue.message) for issue in e.issues]
        return None


def problem(source: SourceMap, path: FieldPath, message: str) -> Problem:
    return Problem(source.locate(path), field_name(path), message)
