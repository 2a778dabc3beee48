"""Rendering every `Text` field of a deck as a sandboxed Jinja2 template.

This module and `sandbox` are the only ones that import Jinja2. Templates run in a bounded sandbox
(`sandbox.BoundedEnvironment`) with StrictUndefined, so a misspelt variable is an error naming the
field's file:line, never blank text on a slide, and a runaway template fails within seconds. Each
`templates/text/<name>.j2` file is available to every field as `<name>`, e.g. `{{ fmt.million(n) }}`.
"""

from __future__ import annotations

import os

import re
import types
import typing
from pathlib import Path
from typing import Any

from jinja2 import (FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound, TemplateSyntaxError,
                    UndefinedError, pass_context)
from jinja2.loaders import split_template_path
from jinja2.sandbox import SecurityError
from briefing.model.schema import Model

from briefing.errors import ContentError, Location, Problem, display_path, field_name
from briefing.text.locale import NotANumber, format_japanese, format_money, format_number, round_number
from briefing.model.deck import TEXT, Deck
from briefing.render.sandbox import MAX_CHARACTERS, BoundedEnvironment, Budget, LimitError, bounded_filters
from briefing.load.source import FieldPath, illegal_character
from briefing.runtime.files import inside, read_bounded


MAX_WORD = 120
"""Characters of a word (Latin letters, digits, punctuation without a space: a web address) a slide
may show; Japanese has no spaces between words, so it is not counted here."""

_LATIN_WORD = re.compile(r"[^\s\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+")

MAX_TEMPLATE_BYTES = 200_000
"""A file of text macros is small; a larger one is a mistake, refused unread."""


class _ContainedLoader(FileSystemLoader):
    """Finds templates in templates/text only: Jinja2 already refuses "../" and absolute names;
    this also refuses a file there that is a link to somewhere else (or a folder that is), and
    anything that is not a regular file of bounded size (a pipe would hang the build)."""

    project: Path | None = None

    def get_source(self, environment, template):
        pieces = split_template_path(template)
        folder = Path(self.searchpath[0])
        path = folder.joinpath(*pieces)
        if not (inside(folder, path) and inside(self.project or folder, path)):
            if os.path.lexists(path) and os.path.realpath(path.parent) == str(folder.resolve()):
                raise TemplateError(f"templates/text/{template} is outside the project (a link out); copy it in")
            raise TemplateNotFound(template)
        try:
            source = read_bounded(path, MAX_TEMPLATE_BYTES).decode("utf-8")
        except FileNotFoundError:
            raise TemplateNotFound(template) from None
        except (OSError, UnicodeDecodeError) as e:
            raise TemplateError(f"templates/text/{template}: cannot be read: "
                                f"{getattr(e, 'strerror', None) or 'not UTF-8 text'}") from None
        return source, str(path), lambda: False


class TextRenderer:
    """Renders decks with the text macros of one `templates/text` folder."""

    def __init__(self, text_dir: Path, project: Path | None = None):
        self.text_dir = text_dir
        # The loader refuses names that climb out of templates/text ("../x", "/etc/x").
        self.env = BoundedEnvironment(
            undefined=StrictUndefined,
            loader=_ContainedLoader(str(text_dir)),
            autoescape=False,
            keep_trailing_newline=False,
        )
        self.env.loader.project = project
        # The same sources give the same decks: nothing random, no filler text.
        self.env.globals.pop("lipsum", None)
        self.env.filters.pop("random", None)
        bounded_filters(self.env)
        self._compiled: dict[str, Any] = {}
        self.env.filters["number"] = format_number
        self.env.filters["ja_number"] = format_japanese
        self.env.filters["round"] = round_number
        self.env.filters["money"] = _money
        self.macros = self._load_macros()

    def _load_macros(self) -> dict[str, Any]:
        """Return each macro file as a module; raises ContentError naming the file and line."""
        modules: dict[str, Any] = {}
        problems = []
        for path in sorted(self.text_dir.glob("*.j2")) if self.text_dir.is_dir() else []:
            try:
                with Budget():
                    modules[path.stem] = self.env.get_template(path.name).module
            except TemplateSyntaxError as e:
                where = Location(display_path(path), e.lineno or 1, 1)
                problems.append(Problem(where, "", f"template syntax: {e.message}"))
            except (TemplateError, RecursionError) as e:
                problems.append(Problem(Location(display_path(path), 1, 1), "", f"template: {e}"))
            except MemoryError:
                problems.append(Problem(Location(display_path(path), 1, 1), "",
                                        "template too big: it asked for more memory than any slide needs"))
        if problems:
            raise ContentError(problems)
        return modules

    def compiled(self, source: str):
        """Return the template of `source`, compiled once however many variants render it."""
        template = self._compiled.get(source)
        if template is None:
            template = self._compiled[source] = self.env.from_string(source)
        return template

    progress: Any = None
    """Called with each templated field's path before it renders (so a stopped child can say where)."""

    def render_deck(self, deck: Deck, variables: dict[str, Any] | None = None) -> Deck:
        """Return `deck` with every Text field rendered; raises ContentError listing every failure."""
        run = _Run(self, deck, self._context(deck, variables or {}))
        header = run.model(deck.header, ())
        slides = [run.model(slide, slide.path) for slide in deck.slides]
        if run.problems:
            raise ContentError(run.problems)
        return deck.copy(update={"header": header, "slides": slides})

    def _context(self, deck: Deck, variables: dict[str, Any]) -> dict[str, Any]:
        header = deck.header
        facts = {name: getattr(header, name) for name in
                 ("title", "subtitle", "organisation", "date", "handling", "language")}
        return {**self.macros, **header.vars, **variables, "deck": facts}


class _Run:
    """One rendering pass over one deck, collecting problems instead of stopping at the first."""

    def __init__(self, renderer: TextRenderer, deck: Deck, context: dict[str, Any]):
        self.renderer = renderer
        self.deck = deck
        self.context = context
        self.problems: list[Problem] = []

    def model(self, model: Model, path: FieldPath) -> Model:
        updates = {}
        for name, info in type(model).fields().items():
            annotation = typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
            value = getattr(model, name)
            rendered = self.value(value, annotation, path + (name,))
            if rendered is not value:
                updates[name] = rendered
        return model.copy(update=updates) if updates else model

    def value(self, value: Any, annotation: Any, path: FieldPath) -> Any:
        if isinstance(value, Model):
            return self.model(value, path)
        if isinstance(value, list):
            item = _item_annotation(annotation)
            return [self.value(v, item, path + (i,)) for i, v in enumerate(value)]
        if isinstance(value, str) and _is_text(annotation):
            return self.text(value, path)
        return value

    def text(self, source: str, path: FieldPath) -> str:
        if "{" not in source:    # most text has no template syntax; skip Jinja2 entirely
            return self._checked(source, source, path)
        if self.renderer.progress:
            self.renderer.progress(path)
        try:
            with Budget():
                text = self.renderer.compiled(source).render(self.context).strip()
            # A line break a template makes is one, whatever its system wrote (as in YAML).
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        except Exception as e:  # any failure inside user text is the user's to fix, with a location
            self.problems.append(self._problem(e, path))
            return source
        message = illegal_character(text) or (f"the text is {len(text):,} characters long; a field may be at "
                                              f"most {MAX_CHARACTERS:,}" if len(text) > MAX_CHARACTERS else None)
        if message:
            self.problems.append(Problem(self.deck.source.locate(path), field_name(path), f"rendered text {message}"))
            return source
        return self._checked(text, source, path)

    def _checked(self, text: str, source: str, path: FieldPath) -> str:
        """Refuse a word no slide can show: a line is cut inside it, and measuring it costs time."""
        longest = max((len(w) for w in _LATIN_WORD.findall(text)), default=0)
        if longest > MAX_WORD:
            message = (f"has a word of {longest:,} characters without a space; a slide cannot show one of more than "
                       f"{MAX_WORD}: break it up")
            self.problems.append(Problem(self.deck.source.locate(path), field_name(path), message))
            return source
        return text

    def _problem(self, error: Exception, path: FieldPath) -> Problem:
        where = self.deck.source.locate(path)
        field = field_name(path)
        if isinstance(error, TemplateSyntaxError):
            if error.filename:
                where = Location(display_path(Path(error.filename)), error.lineno or 1, 1)
            return Problem(where, field, f"template syntax: {error.message}")
        if isinstance(error, UndefinedError):
            known = ", ".join(sorted(k for k in self.context if not k.startswith("_")))
            return Problem(where, field, f"undefined variable: {error.message} (defined: {known})")
        if isinstance(error, LimitError):
            return Problem(where, field, f"template too big: {error}")
        if isinstance(error, SecurityError):
            return Problem(where, field, f"not allowed in a template: {error}")
        if isinstance(error, TemplateNotFound):
            return Problem(where, field, f"no template '{error.name}' in templates/text (includes and imports "
                                         "are found there, and only there)")
        if isinstance(error, RecursionError):
            return Problem(where, field, "template failed: a macro calls itself without end")
        if isinstance(error, MemoryError):
            return Problem(where, field, "template too big: it asked for more memory than any slide needs")
        if isinstance(error, ValueError) and "integer string conversion" in str(error):
            return Problem(where, field, "template too big: it made a number of thousands of digits")
        if isinstance(error, NotANumber):
            return Problem(where, field, f"template failed: {error}")
        if isinstance(error, TypeError) and _plain(str(error)):
            return Problem(where, field, f"template failed: {_plain(str(error))}")
        return Problem(where, field, f"template failed: {type(error).__name__}: {error}")


@pass_context
def _money(context, value: Any, currency: str, digits: int | None = None) -> str:
    """`{{ budget | money("JPY") }}`: the amount as the deck's language says money."""
    return format_money(value, str(currency), context.get("deck", {}).get("language", "en"), digits)


_KINDS = {"str": "text", "int": "a number", "float": "a number", "list": "a list", "tuple": "a list",
          "dict": "a mapping", "NoneType": "nothing", "bool": "true or false"}


def _plain(message: str) -> str:
    """Python's words for a type mismatch in a template, in a writer's words, or nothing."""
    def kind(name: str) -> str:
        return _KINDS.get(name, "a value")

    compared = re.fullmatch(r"'(.+)' not supported between instances of '(\w+)' and '(\w+)'", message)
    if compared:
        return (f"cannot compare {kind(compared[2])} with {kind(compared[3])} ('{compared[1]}'); variables are "
                f"text as written: make one a number first, as in {{{{ value | float {compared[1]} 50 }}}}")
    operand = re.fullmatch(r"unsupported operand type\(s\) for (.+): '(\w+)' and '(\w+)'", message)
    if operand:
        return f"cannot use '{operand[1]}' on {kind(operand[2])} and {kind(operand[3])}"
    return ""


def _is_text(annotation: Any) -> bool:
    """Whether a field of this type is templated text; in a union (text, or text with sub-items),
    whether one of its members is."""
    if typing.get_origin(annotation) is typing.Annotated:
        if TEXT in annotation.__metadata__:
            return True
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(_is_text(member) for member in typing.get_args(annotation))
    return False


def _item_annotation(annotation: Any) -> Any:
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    args = typing.get_args(annotation)
    return args[0] if args else Any
