"""The Jinja2 sandbox text runs in, with limits: templates come from other people's hands.

Jinja2's sandbox already refuses Python internals (`''.__class__`, `|attr` tricks, `format`
escapes: pin Jinja2 3.1.6 or later) and limits `range` to 100,000 items. It does not bound size
or time, so a one-line template could ask for a gigabyte (`'A' * 10**9`, `'{:>999999999}'`) or run
for hours (nested loops, a macro that calls itself twice). Here every operation that can make a
big value is checked before it runs, every value made is measured, and rendering stops after a
time budget, so a field fails quickly with a clear message instead.
"""

from __future__ import annotations

import re
import sys
import time
from typing import Any

from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from briefing.text.locale import NotANumber, as_number

MAX_CHARACTERS = 20_000
"""The most a template value may hold: far more than a slide shows, far less than a bomb."""

MAX_SECONDS = 2.0
"""How long one field may take to render; a real one takes a millisecond."""

_WIDTH = re.compile(r"(?:%[-+ #0*]*|\{[^{}]*:[^{}]*?)(\d+)")
_PADDING_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs"}


class LimitError(SecurityError):
    """A template asked for more than a slide could ever need."""


def _check_length(value: Any) -> Any:
    """Return `value` when it is not too long to be a template value."""
    if isinstance(value, (str, bytes, list, tuple)):
        _check_length_of(len(value))
    return value


def _check_widths(text: str) -> None:
    """Refuse a format string that pads to a huge width ('%999999999d', '{:>999999999}')."""
    for width in _WIDTH.findall(text):
        if int(width) > MAX_CHARACTERS:
            raise LimitError(f"a format width of {int(width):,} is more than a slide could ever show")


def _check_repeat(left: Any, right: Any) -> None:
    """Refuse `text * n` (either way round) when the result would be too long."""
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
            _check_length_of(len(sequence) * count)


def _check_length_of(length: int) -> None:
    if length > MAX_CHARACTERS:
        raise LimitError(f"the value would be {length:,} long; a template value may be at most "
                         f"{MAX_CHARACTERS:,}")


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """An immutable sandbox (no `list.append` loops) whose operators and calls are size-checked."""

    intercepted_binops = frozenset({"*", "**", "%", "+", "-", "/", "//"})

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        left, right, converted = _numbers(operator, left, right)
        if converted:
            result = self.call_binop(context, operator, left, right)
            return int(result) if isinstance(result, float) and result.is_integer() and abs(result) < 1e15 else result
        if operator == "*":
            _check_repeat(left, right)
        elif operator == "**" and isinstance(left, (int, float)) and isinstance(right, (int, float)):
            if abs(left) > 1 and right > 64:
                raise LimitError(f"{left} ** {right} is too large a number for a slide")
        elif operator == "%" and isinstance(left, str):
            _check_widths(left)
        return _check_length(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any):
        # Jinja2 wraps str.format when the template reads the attribute; check the pattern then.
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            _check_widths(value.__self__)
        return wrapped

    def call(__self, __context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja2's signature)
        method = getattr(__obj, "__wrapped__", __obj)     # str.format arrives wrapped (see above)
        owner = getattr(method, "__self__", None)
        name = getattr(method, "__name__", "")
        if isinstance(owner, str) and (name in _PADDING_METHODS or name in ("format", "format_map")):
            # Widths can come as arguments too: '{:>{}}'.format(1, 10**9), 'x'.ljust(10**9).
            for value in [*args, *kwargs.values()]:
                if isinstance(value, int) and not isinstance(value, bool):
                    _check_length_of(value)
        return _check_length(super().call(__context, __obj, *args, **kwargs))


def _numbers(operator: str, left: Any, right: Any) -> tuple[Any, Any, bool]:
    """Variables are text as written; where arithmetic has no meaning for text (text / 1000, text
    - text, text + a number), text that writes a number is that number ("565000000000" / 10**9 is
    565). Text that is no number is refused in words. Joining text (+) and repeating it ('-' * 20)
    stay as they are. Returns the operands and whether one was converted."""
    texts = [isinstance(v, str) for v in (left, right)]
    if not any(texts) or (operator == "+" and all(texts)) or (operator == "%" and texts[0]):
        return left, right, False
    numbers = [as_number(v) for v in (left, right)]
    if operator == "*" and not all(texts) and any(isinstance(v, str) for v in numbers):
        return left, right, False      # repeating text: '-' * 20
    for value, number in zip((left, right), numbers):
        if isinstance(number, str):
            hint = ("; to join text, use ~ ({{ 'x' ~ y }})" if operator == "+" else
                    "; give the variable a number written in digits (565000000000, 1,250,000, 11.5)")
            raise NotANumber(f"'{value}' is text, not a number, and '{operator}' needs numbers{hint}")
    return numbers[0], numbers[1], True


def bounded_filters(env: BoundedEnvironment) -> None:
    """Replace the built-in filters that pad or format with ones that check the width first."""
    for name in ("center", "indent", "format", "wordwrap", "truncate"):
        env.filters[name] = _checked(env.filters[name], name)


def _checked(function, name: str):
    def checked(*args: Any, **kwargs: Any) -> Any:
        for value in [*args[1:], *kwargs.values()]:
            if isinstance(value, int) and not isinstance(value, bool):
                _check_length_of(value)
        if name == "format" and args and isinstance(args[0], str):
            _check_widths(args[0])
        return _check_length(function(*args, **kwargs))

    checked.__name__ = function.__name__
    for attribute in ("jinja_pass_arg",):    # keep pass_environment / pass_eval_context markers
        if hasattr(function, attribute):
            setattr(checked, attribute, getattr(function, attribute))
    return checked


class Budget:
    """Stops template code that runs longer than `seconds`: a line-by-line watch on the frames of
    compiled templates (and only those), installed while one field renders."""

    def __init__(self, seconds: float = MAX_SECONDS):
        self.seconds = seconds

    def __enter__(self) -> Budget:
        self.deadline = time.perf_counter() + self.seconds
        self.lines = 0
        self.previous = sys.gettrace()
        sys.settrace(self._call)
        return self

    def __exit__(self, *exc: Any) -> None:
        sys.settrace(self.previous)

    def _call(self, frame, event: str, arg: Any):
        filename = frame.f_code.co_filename
        if filename == "<template>" or filename.endswith(".j2"):
            return self._line
        return None

    def _line(self, frame, event: str, arg: Any):
        if event == "line":
            self.lines += 1
            if self.lines % 1000 == 0 and time.perf_counter() > self.deadline:
                raise LimitError(f"the template ran for more than {self.seconds:g} s; it must be a loop "
                                 "or a macro that never ends")
        return self._line
