"""A small declarative schema: typed, immutable models validated from plain YAML data.

Content files are checked on every run of `check` and every save in `watch`, so validation must
cost nothing to start: this module is imported in a millisecond, where a general validation
library costs a fifth of a second before the first model is defined. It does what this project
needs and no more:

- fields are class annotations: str, bool, int, float, Path, Any, Literal, list, tuple, dict,
  unions with None, a union of text and a model (a mapping picks the model), nested models, and
  `Annotated` with `Field(...)` constraints, `AfterValidator`s and markers of the project's own;
- every problem of a file is collected as an `Issue`: where it stands in the data and what is
  wrong, in the words of someone editing YAML, written here once; nothing stops at the first;
- models are frozen (nothing is set on one once it is made: `copy` makes a changed copy) and
  hashable; `read`, `copy`, `dump`, `fields` and `extras` do what their names say;
- text stays as written; numbers are finite.

Scalars come from YAML as text, so bools, numbers and the like are read from text here.
"""

from __future__ import annotations

import math
import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from briefing.errors import describe, did_you_mean

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()
"""No value: a field without default, or a value that failed validation."""

_TRUE = {"1", "on", "t", "true", "y", "yes"}
_FALSE = {"0", "off", "f", "false", "n", "no"}


@dataclass(frozen=True)
class Constraint:
    """What a field may hold beyond its type, and its default; put in `Annotated[...]` or as the
    field's default value."""

    default: Any = MISSING
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    ge: float | None = None
    le: float | None = None
    gt: float | None = None
    exclude: bool = False
    meaning: str = ""
    """What text of the `pattern` is, for the message when text is not: "a month written YYYY-MM"."""


def Field(default: Any = MISSING, **constraints: Any) -> Any:  # noqa: N802 (reads as a type)
    """A field's constraints (min_length, max_length, pattern and its meaning, ge, le, gt) and
    default; with `exclude=True` the field is left out of `dump`."""
    return Constraint(default, **constraints)


def StringConstraints(**constraints: Any) -> Constraint:  # noqa: N802
    return Constraint(**constraints)


@dataclass(frozen=True)
class AfterValidator:
    """A function run on a field's value once its type is checked; it returns the value, or
    raises ValueError with a sentence for the user."""

    function: Any


@dataclass(frozen=True)
class Issue:
    """One problem of the data: the path to the value (keys and list indexes) and what is wrong."""

    path: tuple[str | int, ...]
    message: str


class Invalid(ValueError):
    """The data is not what the model says: every issue found."""

    def __init__(self, issues: list[Issue]):
        super().__init__("; ".join(f"{'.'.join(map(str, i.path))}: {i.message}" for i in issues))
        self.issues = issues


class FieldError(ValueError):
    """A validator's complaint about one field inside the model it checks: `path` says which."""

    def __init__(self, path: tuple[str | int, ...], message: str):
        super().__init__(message)
        self.path = path


@dataclass(frozen=True)
class FieldInfo:
    """A model field: its full annotation (constraints and markers included) and default."""

    annotation: Any
    default: Any
    exclude: bool
    metadata: tuple = ()

    @property
    def required(self) -> bool:
        return self.default is MISSING


def _error(errors: list, loc: tuple, message: str) -> Any:
    errors.append(Issue(loc, message))
    return MISSING


def _expected(errors: list, loc: tuple, what: str, value: Any) -> Any:
    return _error(errors, loc, f"expected {what}, got {describe(value)}")


def _refused(errors: list, loc: tuple, error: ValueError) -> Any:
    """A validator's ValueError: at the field it names (FieldError), else at the value checked."""
    return _error(errors, loc + getattr(error, "path", ()), str(error))


# --- checking one value against one annotation -------------------------------------------------------

def check_value(annotation: Any, value: Any) -> tuple[Any, list[Issue]]:
    """Return `value` read as `annotation` (MISSING if it cannot be) and the problems found."""
    errors: list = []
    return _check(annotation, value, (), errors), errors


def _check(annotation: Any, value: Any, loc: tuple, errors: list) -> Any:
    """Return `value` read as `annotation`, or MISSING after adding the problems to `errors`."""
    constraints: list[Constraint] = []
    after: list[AfterValidator] = []
    while typing.get_origin(annotation) is typing.Annotated:
        for item in annotation.__metadata__:
            if isinstance(item, Constraint):
                constraints.append(item)
            elif isinstance(item, AfterValidator):
                after.append(item)
        annotation = annotation.__origin__
    written, value = value, _typed(annotation, value, loc, errors)
    if value is MISSING:
        return MISSING
    for constraint in constraints:
        if not _within(constraint, value, written, loc, errors):
            return MISSING
    for validator in after:
        try:
            value = validator.function(value)
        except ValueError as e:
            return _refused(errors, loc, e)
    return value


def _typed(annotation: Any, value: Any, loc: tuple, errors: list) -> Any:
    origin = typing.get_origin(annotation)
    if annotation is Any or annotation is object:
        return value
    if origin in (typing.Union, types.UnionType):
        return _union(typing.get_args(annotation), value, loc, errors)
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return annotation._build(value, loc, errors)
    if origin is typing.Literal:
        if value in typing.get_args(annotation):
            return value
        expected = ", ".join(repr(v) for v in typing.get_args(annotation))
        return _error(errors, loc, f"expected one of {expected}; got {describe(value)}".replace("'", ""))
    if origin in (list, tuple):
        return _sequence(annotation, origin, value, loc, errors)
    if origin is dict:
        return _mapping(annotation, value, loc, errors)
    reader = _SCALARS.get(annotation)
    if reader is None:
        return value if isinstance(value, annotation) else _expected(errors, loc, annotation.__name__, value)
    return reader(value, loc, errors)


def _union(members: tuple, value: Any, loc: tuple, errors: list) -> Any:
    """None for an optional field; else the member made for the value's shape: a mapping picks a
    model or a mapping type, a list a list type, text anything else."""
    if value is None and type(None) in members:
        return None
    members = tuple(m for m in members if m is not type(None))
    chosen = next((m for m in members if _shape_fits(m, value)), members[0])
    return _check(chosen, value, loc, errors)


def _shape_fits(member: Any, value: Any) -> bool:
    bare = _bare(member)
    origin = typing.get_origin(bare)
    model = isinstance(bare, type) and issubclass(bare, Model)
    if isinstance(value, dict) or (model and isinstance(value, bare)):
        return model or origin is dict
    if isinstance(value, (list, tuple)):
        return origin in (list, tuple)
    return not model and origin not in (dict, list, tuple)


def _bare(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = annotation.__origin__
    return annotation


def _sequence(annotation: Any, origin: type, value: Any, loc: tuple, errors: list) -> Any:
    if not isinstance(value, (list, tuple)):
        return _expected(errors, loc, "a list (lines starting with '- ')", value)
    args = typing.get_args(annotation)
    item = args[0] if args else Any
    before = len(errors)
    items = [_check(item, v, loc + (i,), errors) for i, v in enumerate(value)]
    if len(errors) > before:
        return MISSING
    return items if origin is list else tuple(items)


def _mapping(annotation: Any, value: Any, loc: tuple, errors: list) -> Any:
    if not isinstance(value, dict):
        return _expected(errors, loc, "a mapping (key: value lines)", value)
    key_type, item_type = (typing.get_args(annotation) + (Any, Any))[:2]
    before = len(errors)
    result = {}
    for key, item in value.items():
        checked = _check(key_type, key, loc + (key,), errors)
        result[checked] = _check(item_type, item, loc + (key,), errors)
    return MISSING if len(errors) > before else result


def _within(constraint: Constraint, value: Any, written: Any, loc: tuple, errors: list) -> bool:
    """Check lengths, pattern and bounds of `value` (read from `written`, which messages quote);
    add a problem and return False when one fails."""
    before = len(errors)
    if isinstance(value, str):
        # Text that is only spaces shows nothing: it is as empty as no text (but kept as written).
        size = len(value) if value.strip() else 0
        if constraint.min_length is not None and size < constraint.min_length:
            _error(errors, loc, "must not be empty")
        elif constraint.max_length is not None and size > constraint.max_length:
            _error(errors, loc, f"must be at most {constraint.max_length} characters long, got {size}")
    elif constraint.min_length is not None or constraint.max_length is not None:
        size = len(value)
        for bound, limit in (("at least", constraint.min_length), ("at most", constraint.max_length)):
            if limit is not None and (size < limit if bound == "at least" else size > limit):
                _error(errors, loc, f"expected {bound} {limit} item{'s' if limit != 1 else ''}, got {size}")
                break
    if constraint.pattern is not None and not _compiled(constraint.pattern).search(value):
        meaning = f"expected {constraint.meaning}" if constraint.meaning else "text does not have the expected form"
        _error(errors, loc, f"{meaning}; got {describe(value)}")
    for name, test, words in (("ge", lambda v, b: v >= b, "greater than or equal to"),
                              ("gt", lambda v, b: v > b, "greater than"),
                              ("le", lambda v, b: v <= b, "less than or equal to")):
        bound = getattr(constraint, name)
        if bound is not None and not (isinstance(value, (int, float)) and test(value, bound)):
            _error(errors, loc, f"input should be {words} {bound:g}; got {describe(written)}")
    return len(errors) == before


_PATTERNS: dict[str, re.Pattern] = {}


def _compiled(pattern: str) -> re.Pattern:
    found = _PATTERNS.get(pattern)
    if found is None:
        found = _PATTERNS[pattern] = re.compile(pattern)
    return found


def _text(value: Any, loc: tuple, errors: list) -> Any:
    if isinstance(value, str):
        return value        # as written: YAML has already dropped what is not the author's
    return _expected(errors, loc, "text", value)


def _boolean(value: Any, loc: tuple, errors: list) -> Any:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower() if isinstance(value, (str, int)) else None
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return _expected(errors, loc, "true or false", value)


def _integer(value: Any, loc: tuple, errors: list) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    return _expected(errors, loc, "a whole number", value)


def _number(value: Any, loc: tuple, errors: list) -> Any:
    """A finite number: `inf`, `nan` and what overflows to them (1e999) are no figure on a slide."""
    number = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            pass
    if number is not None and math.isfinite(number):
        return number
    return _expected(errors, loc, "a number", value)


def _path(value: Any, loc: tuple, errors: list) -> Any:
    if isinstance(value, (str, Path)):
        return Path(value)
    return _expected(errors, loc, "a path", value)


_SCALARS = {str: _text, bool: _boolean, int: _integer, float: _number, Path: _path}


# --- models -----------------------------------------------------------------------------------------

class Model:
    """Base of every model: unknown keys are errors (`extra = "allow"` keeps them aside), values
    are immutable, and every problem is reported with where it stands."""

    extra: ClassVar[str] = "forbid"

    # --- the class's fields, read once from its annotations ----------------------------------------
    @classmethod
    def _schema(cls) -> tuple[dict[str, FieldInfo], dict[str, Any]]:
        cached = cls.__dict__.get("_Model__cache")
        if cached is None:
            cached = _read_fields(cls)
            type.__setattr__(cls, "_Model__cache", cached)
        return cached

    @classmethod
    def fields(cls) -> dict[str, FieldInfo]:
        """The model's fields by name, in the order declared."""
        return cls._schema()[0]

    # --- making ----------------------------------------------------------------------------------------
    @classmethod
    def read(cls, data: Any):
        """Return the model read from `data` (a mapping); raises Invalid with every issue."""
        errors: list = []
        built = cls._build(data, (), errors)
        if errors:
            raise Invalid(errors)
        return built

    def __init__(self, **values: Any):
        errors: list = []
        built = type(self)._build(values, (), errors)
        if errors:
            raise Invalid(errors)
        object.__setattr__(self, "__dict__", built.__dict__)

    @classmethod
    def _before(cls, data: Any) -> Any:
        """Override to look at the raw data before the fields are read; raise ValueError to refuse."""
        return data

    def _after(self) -> None:
        """Override to check the model once its fields are read; raise ValueError (or FieldError,
        for one of its fields) to refuse."""

    @classmethod
    def _build(cls, data: Any, loc: tuple, errors: list) -> Any:
        if isinstance(data, cls):
            return data
        try:
            data = cls._before(data)
        except ValueError as e:
            return _refused(errors, loc, e)
        if not isinstance(data, dict):
            return _expected(errors, loc, "a mapping (key: value lines)", data)
        fields, private = cls._schema()
        before = len(errors)
        values: dict[str, Any] = {}
        for name, info in fields.items():
            if name in data:
                values[name] = _check(info.annotation, data[name], loc + (name,), errors)
            elif info.default is MISSING:
                _error(errors, loc + (name,), "required field is missing")
            else:
                default = info.default
                values[name] = default.copy() if isinstance(default, (list, dict)) else default
        extra = {k: v for k, v in data.items() if k not in fields}
        if extra and cls.extra == "forbid":
            allowed = list(fields)
            for key in extra:
                hint = did_you_mean(str(key), allowed) or f"; expected one of {', '.join(allowed)}"
                _error(errors, loc + (key,), f"unknown field '{key}'{hint}")
        if len(errors) > before:
            return MISSING
        made = cls.__new__(cls)
        state = made.__dict__
        state.update(values)
        state.update((k, v.copy() if isinstance(v, (list, dict)) else v) for k, v in private.items())
        if cls.extra == "allow":
            state["_extra"] = extra
        try:
            made._after()
        except ValueError as e:
            return _refused(errors, loc, e)
        return made

    # --- using -----------------------------------------------------------------------------------------
    def __setattr__(self, name: str, value: Any) -> None:
        raise TypeError(f"{type(self).__name__} is immutable: {name} cannot be set; make a copy with copy()")

    def copy(self, update: dict[str, Any] | None = None):
        """Return a copy with `update`'s fields (or private attributes) replaced, not validated again."""
        copy = type(self).__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy.__dict__.update(update or {})
        return copy

    def dump(self, exclude: set[str] | None = None) -> dict[str, Any]:
        """Return the fields (and any extra keys) as plain data, nested models as mappings."""
        fields = type(self).fields()
        dumped = {name: _dump(self.__dict__[name]) for name, info in fields.items()
                  if not info.exclude and not (exclude and name in exclude)}
        dumped.update({k: _dump(v) for k, v in self.extras.items()})
        return dumped

    @property
    def extras(self) -> dict[str, Any]:
        """The keys a model with `extra = "allow"` kept aside, with their values."""
        return self.__dict__.get("_extra", {})

    def _values(self) -> tuple:
        return tuple(self.__dict__[name] for name in type(self).fields())

    def __eq__(self, other: Any) -> bool:
        return type(other) is type(self) and self._values() == other._values() and self.extras == other.extras

    def __hash__(self) -> int:
        return hash((type(self), _hashable(self._values())))

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={self.__dict__[k]!r}" for k in type(self).fields())
        return f"{type(self).__name__}({shown})"


def _read_fields(cls: type) -> tuple[dict[str, FieldInfo], dict[str, Any]]:
    """Read a model's fields from its annotations (and its bases'): name -> FieldInfo; private
    attributes (a leading underscore) -> their defaults."""
    hints = typing.get_type_hints(cls, include_extras=True)
    fields: dict[str, FieldInfo] = {}
    private: dict[str, Any] = {}
    for name, annotation in hints.items():
        if typing.get_origin(annotation) is ClassVar or name in ("extra",):
            continue
        default = _default(cls, name)
        if name.startswith("_"):
            if not name.startswith("_Model"):
                private[name] = None if default is MISSING else default
            continue
        exclude = False
        if isinstance(default, Constraint):
            annotation = typing.Annotated[annotation, default]
            exclude, default = default.exclude, default.default
        fields[name] = FieldInfo(annotation, default, exclude)
    return fields, private


def _default(cls: type, name: str) -> Any:
    """The default the nearest class that declares the field gives it (a subclass may make a field
    of its base required by declaring it without one)."""
    for klass in cls.__mro__:
        if name in klass.__dict__.get("__annotations__", {}):
            return klass.__dict__.get(name, MISSING)
    return MISSING


def _dump(value: Any) -> Any:
    if isinstance(value, Model):
        return value.dump()
    if isinstance(value, list):
        return [_dump(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_dump(v) for v in value)
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


def _hashable(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _hashable(v)) for k, v in value.items())
    return value
