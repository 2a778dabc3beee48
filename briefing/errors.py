"""The user-facing error types: everything the command line reports without a traceback."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; `line` and `column` count from 1."""

    file: Path
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return str(self.file)
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input: where, which field, and what, in words."""

    location: Location
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.location}: "
        what = f"{self.field}: " if self.field else ""
        return printable(f"{where}{what}{self.message}")


class BriefingError(Exception):
    """Base of every error the user is meant to read; the CLI prints it and exits 1."""


class ContentError(BriefingError):
    """Content, chart data, theme or template text is wrong; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self._summary())

    def __reduce__(self):
        # Rebuilt from its problems when it crosses from a worker process to the main one.
        return type(self), (self.problems,)

    def _summary(self) -> str:
        files = {p.location.file for p in self.problems}
        count = len(self.problems)
        noun = "error" if count == 1 else "errors"
        where = "1 file" if len(files) == 1 else f"{len(files)} files"
        lines = [str(p) for p in self.problems]
        return "\n".join(lines + [f"{count} {noun} in {where}"])


class OutputError(BriefingError):
    """The deck could not be written (missing permissions, disk full, ...)."""


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]")
"""Control characters, and the invisible ones that make two names look alike (zero-width spaces
and joiners, a byte-order mark): escaped wherever a message quotes a file."""


def printable(text: str) -> str:
    """Return `text` with control characters escaped (\x1b, not the escape itself): a message may
    quote what a content file holds, and a file must not be able to clear the terminal or hide
    other messages."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else
                        f"\\u{ord(m.group()):04x}", text)


def display_path(path: Path) -> Path:
    """Return `path` relative to the working folder when it lies inside it, for shorter messages."""
    # Without following links first: a link inside the project is shown where it stands.
    for resolve in (os.path.abspath, os.path.realpath):
        try:
            return Path(resolve(path)).relative_to(resolve(os.getcwd()))
        except ValueError:
            continue
    return path


def field_name(path: tuple[str | int, ...]) -> str:
    """Return a field path as users write it: ("slides", 2, "title") -> "slides[2].title"."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def describe(value: object) -> str:
    """A value as a message quotes it: `nothing`, `a mapping`, `a list`, or the text (cut at 40)."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def did_you_mean(word: str, choices: list[str]) -> str:
    """"; did you mean 'x'?" for the closest of `choices`, or nothing."""
    same_letters = [c for c in choices if c.casefold() == word.casefold()]     # "Title only" for "Title Only"
    close = same_letters or difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""

