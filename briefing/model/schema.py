"""A small declarative schema: typed, immutable models validated from plain YAML data.

Content files are checked on every run of `check` and every save in `watch`, so validation must
cost nothing to start: this module is imported in a millisecond, where a general validation
library costs a fifth of a second before the first model is defined. It does what this project
needs and no more:

- fields are class annotations: str, bool, int, float, Path, Any, Literal, list, tuple, dict,
  unions with None, a union of text and a model (a mapping picks the model), nested models, and
  `Annotated` with `Field(...)` constraints, `AfterValidator`s and markers of the project's own;
- every problem of a file is collected, as (location, kind, input, context) records that
  `briefing.load.validation` puts into words; nothing stops at the first;
- models are frozen and hashable; `model_copy`, `model_dump`, `model_fields` and `model_extra`
  behave as their names say.

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


def Field(default: Any = MISSING, **constraints: Any) -> Any:  # noqa: N802 (reads as a type)
    """A field's constraints (min_length, max_length, pattern, ge, le, gt) and default; with
    `exclude=True` the field is left out of `model_dump`."""
    return Constraint(default, **constraints)


def StringConstraints(**constraints: Any) -> Constraint:  # noqa: N802
    return Constraint(**constraints)


@dataclass(frozen=True)
class AfterValidator:
    """A function run on a field's value once its type is checked; it returns the value, or
    raises ValueError with a sentence for the user."""

    function: Any


class ValidationError(ValueError):
    """Every problem found in the data, as records: type, loc, input, ctx, msg."""

    def __init__(self, errors: list[dict[str, Any]]):
        super().__init__(f"{len(errors)} validation errors")
        self._errors = errors

    def errors(self, include_url: bool = False) -> list[dict[str, Any]]:
        return list(self._errors)


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


def _error(errors: list, kind: str, loc: tuple, value: Any, msg: str = "", **ctx: Any) -> Any:
    errors.append({"type": kind, "loc": loc, "input": value, "ctx": ctx, "msg": msg})
    return MISSING


# --- checking one value against one annotation -------------------------------------------------------

def check_value(annotation: Any, value: Any) -> tuple[Any, list[dict[str, Any]]]:
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
    value = _typed(annotation, value, loc, errors)
    if value is MISSING:
        return MISSING
    for constraint in constraints:
        if not _within(constraint, value, loc, errors):
            return MISSING
    for validator in after:
        try:
            value = validator.function(value)
        except ValueError as e:
            return _error(errors, "value_error", loc, value, str(e), error=e)
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
        expected = " or ".join(repr(v) for v in typing.get_args(annotation))
        return _error(errors, "literal_error", loc, value, f"Input should be {expected}", expected=expected)
    if origin in (list, tuple):
        return _sequence(annotation, origin, value, loc, errors)
    if origin is dict:
        return _mapping(annotation, value, loc, errors)
    reader = _SCALARS.get(annotation)
    if reader is None:
        return value if isinstance(value, annotation) else _error(
            errors, "is_instance_of", loc, value, f"Input should be an instance of {annotation.__name__}")
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
        kind = "list_type" if origin is list else "tuple_type"
        return _error(errors, kind, loc, value, "Input should be a valid list")
    args = typing.get_args(annotation)
    item = args[0] if args else Any
    before = len(errors)
    items = [_check(item, v, loc + (i,), errors) for i, v in enumerate(value)]
    if len(errors) > before:
        return MISSING
    return items if origin is list else tuple(items)


def _mapping(annotation: Any, value: Any, loc: tuple, errors: list) -> Any:
    if not isinstance(value, dict):
        return _error(errors, "dict_type", loc, value, "Input should be a valid dictionary")
    key_type, item_type = (typing.get_args(annotation) + (Any, Any))[:2]
    before = len(errors)
    result = {}
    for key, item in value.items():
        checked = _check(key_type, key, loc + (key,), errors)
        result[checked] = _check(item_type, item, loc + (key,), errors)
    return MISSING if len(errors) > before else result


def _within(constraint: Constraint, value: Any, loc: tuple, errors: list) -> bool:
    """Check lengths, pattern and bounds; add a problem and return False when one fails."""
    before = len(errors)
    if constraint.min_length is not None or constraint.max_length is not None:
        size = len(value)
        unit = "character" if isinstance(value, str) else "item"
        if constraint.min_length is not None and size < constraint.min_length:
            kind = "string_too_short" if unit == "character" else "too_short"
            _error(errors, kind, loc, value, f"Should have at least {constraint.min_length} {unit}s",
                   min_length=constraint.min_length, actual_length=size)
        elif constraint.max_length is not None and size > constraint.max_length:
            kind = "string_too_long" if unit == "character" else "too_long"
            _error(errors, kind, loc, value, f"Should have at most {constraint.max_length} {unit}s",
                   max_length=constraint.max_length, actual_length=size)
    if constraint.pattern is not None and not _compiled(constraint.pattern).search(value):
        _error(errors, "string_pattern_mismatch", loc, value, f"String should match pattern '{constraint.pattern}'",
               pattern=constraint.pattern)
    for name, kind, test, words in (("ge", "greater_than_equal", lambda v, b: v >= b, "greater than or equal to"),
                                    ("gt", "greater_than", lambda v, b: v > b, "greater than"),
                                    ("le", "less_than_equal", lambda v, b: v <= b, "less than or equal to")):
        bound = getattr(constraint, name)
        if bound is not None and not (isinstance(value, (int, float)) and test(value, bound)):
            _error(errors, kind, loc, value, f"Input should be {words} {bound:g}", **{name: bound})
    return len(errors) == before


_PATTERNS: dict[str, re.Pattern] = {}


def _compiled(pattern: str) -> re.Pattern:
    found = _PATTERNS.get(pattern)
    if found is None:
        found = _PATTERNS[pattern] = re.compile(pattern)
    return found


def _text(value: Any, loc: tuple, errors: list) -> Any:
    if isinstance(value, str):
        return value.strip()
    return _error(errors, "string_type", loc, value, "Input should be a valid string")


def _boolean(value: Any, loc: tuple, errors: list) -> Any:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower() if isinstance(value, (str, int)) else None
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return _error(errors, "bool_parsing", loc, value, "Input should be a valid boolean")


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
    return _error(errors, "int_parsing", loc, value, "Input should be a valid integer")


def _number(value: Any, loc: tuple, errors: list) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            pass
        else:
            if not math.isnan(number):
                return number
    return _error(errors, "float_parsing", loc, value, "Input should be a valid number")


def _path(value: Any, loc: tuple, errors: list) -> Any:
    if isinstance(value, (str, Path)):
        return Path(value)
    return _error(errors, "path_type", loc, value, "Input should be a path")


_SCALARS = {str: _text, bool: _boolean, int: _integer, float: _number, Path: _path}


# --- models -----------------------------------------------------------------------------------------

class Model:
    """Base of every model: unknown keys are errors (`extra = "allow"` keeps them aside), values
    are immutable, and every problem is reported with where it stands."""

    extra: ClassVar[str] = "forbid"

    # --- the class's fields, read once from its annotations ----------------------------------------
    @classmethod
    def _fields(cls) -> tuple[dict[str, FieldInfo], dict[str, Any]]:
        cached = cls.__dict__.get("_Model__cache")
        if cached is None:
            cached = cls._Model__cache = _read_fields(cls)
        return cached

    @classmethod
    def _model_fields(cls) -> dict[str, FieldInfo]:
        return cls._fields()[0]

    # --- making ----------------------------------------------------------------------------------------
    @classmethod
    def model_validate(cls, data: Any):
        """Return the model read from `data` (a mapping); raises ValidationError with every problem."""
        errors: list = []
        built = cls._build(data, (), errors)
        if errors:
            raise ValidationError(errors)
        return built

    def __init__(self, **values: Any):
        errors: list = []
        built = type(self)._build(values, (), errors)
        if errors:
            raise ValidationError(errors)
        object.__setattr__(self, "__dict__", built.__dict__)

    @classmethod
    def _before(cls, data: Any) -> Any:
        """Override to look at the raw data before the fields are read; raise ValueError to refuse."""
        return data

    def _after(self) -> None:
        """Override to check the model once its fields are read; raise ValueError to refuse."""

    @classmethod
    def _build(cls, data: Any, loc: tuple, errors: list) -> Any:
        if isinstance(data, cls):
            return data
        try:
            data = cls._before(data)
        except ValueError as e:
            return _error(errors, "value_error", loc, data, str(e), error=e)
        if not isinstance(data, dict):
            return _error(errors, "model_type", loc, data, "Input should be a valid dictionary")
        fields, private = cls._fields()
        before = len(errors)
        values: dict[str, Any] = {}
        for name, info in fields.items():
            if name in data:
                values[name] = _check(info.annotation, data[name], loc + (name,), errors)
            elif info.default is MISSING:
                _error(errors, "missing", loc + (name,), data, "Field required")
            else:
                default = info.default
                values[name] = default.copy() if isinstance(default, (list, dict)) else default
        extra = {k: v for k, v in data.items() if k not in fields}
        if extra and cls.extra == "forbid":
            for key, value in extra.items():
                _error(errors, "extra_forbidden", loc + (key,), value, "Extra inputs are not permitted")
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
            return _error(errors, "value_error", loc, data, str(e), error=e)
        return made

    # --- using -----------------------------------------------------------------------------------------
    def __setattr__(self, name: str, value: Any) -> None:
        if not name.startswith("_"):
            raise TypeError(f"{type(self).__name__} is immutable: {name} cannot be set")
        object.__setattr__(self, name, value)

    def model_copy(self, update: dict[str, Any] | None = None):
        """Return a copy with `update`'s fields replaced (not validated again)."""
        copy = type(self).__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy.__dict__.update(update or {})
        return copy

    def model_dump(self, exclude: set[str] | None = None) -> dict[str, Any]:
        """Return the fields (and any extra keys) as plain data, nested models as mappings."""
        fields = type(self)._model_fields()
        dumped = {name: _dump(self.__dict__[name]) for name, info in fields.items()
                  if not info.exclude and not (exclude and name in exclude)}
        dumped.update({k: _dump(v) for k, v in self.model_extra.items()})
        return dumped

    @property
    def model_extra(self) -> dict[str, Any]:
        return self.__dict__.get("_extra", {})

    def _values(self) -> tuple:
        return tuple(self.__dict__[name] for name in type(self)._model_fields())

    def __eq__(self, other: Any) -> bool:
        return type(other) is type(self) and self._values() == other._values() and \
            self.model_extra == other.model_extra

    def __hash__(self) -> int:
        return hash((type(self), _hashable(self._values())))

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={self.__dict__[k]!r}" for k in type(self)._model_fields())
        return f"{type(self).__name__}({shown})"


class _FieldsDescriptor:
    """`Model.model_fields`, on the class as on an instance."""

    def __get__(self, instance: Any, owner: type) -> dict[str, FieldInfo]:
        return owner._model_fields()


Model.model_fields = _FieldsDescriptor()   # type: ignore[attr-defined]


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
        return value.model_dump()
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
