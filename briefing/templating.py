"""Rendering every `Text` field of a deck as a sandboxed Jinja2 template.

This module and `sandbox` are the only ones that import Jinja2. Templates run in a bounded sandbox
(`sandbox.BoundedEnvironment`) with StrictUndefined, so a misspelt variable is an error naming the
field's file:line, never blank text on a slide, and a runaway template fails within seconds. Each
`templates/text/<name>.j2` file is available to every field as `<name>`, e.g. `{{ fmt.million(n) }}`.
"""

from __future__ import annotations

import re
import types
import typing
from pathlib import Path
from typing import Any

from jinja2 import (FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound, TemplateSyntaxError,
                    UndefinedError)
from jinja2.sandbox import SecurityError
from briefing.schema import Model

from briefing.errors import ContentError, Location, Problem, display_path, field_name
from briefing.locale import format_japanese, format_number
from briefing.model import TEXT, Deck
from briefing.sandbox import MAX_CHARACTERS, BoundedEnvironment, Budget, LimitError, bounded_filters
from briefing.source import FieldPath, illegal_character


class _ContainedLoader(FileSystemLoader):
    """Finds templates in templates/text only: Jinja2 already refuses "../" and absolute names;
    this also refuses a file there that is a link to somewhere else."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        folder = Path(self.searchpath[0]).resolve()
        if folder not in Path(filename).resolve().parents:
            raise TemplateNotFound(template)
        return source, filename, uptodate


class TextRenderer:
    """Renders decks with the text macros of one `templates/text` folder."""

    def __init__(self, text_dir: Path):
        self.text_dir = text_dir
        # The loader refuses names that climb out of templates/text ("../x", "/etc/x").
        self.env = BoundedEnvironment(
            undefined=StrictUndefined,
            loader=_ContainedLoader(str(text_dir)),
            autoescape=False,
            keep_trailing_newline=False,
        )
        bounded_filters(self.env)
        self._compiled: dict[str, Any] = {}
        self.env.filters["number"] = format_number
        self.env.filters["ja_number"] = format_japanese
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
        if problems:
            raise ContentError(problems)
        return modules

    def compiled(self, source: str):
        """Return the template of `source`, compiled once however many variants render it."""
        template = self._compiled.get(source)
        if template is None:
            template = self._compiled[source] = self.env.from_string(source)
        return template

    def render_deck(self, deck: Deck, variables: dict[str, Any] | None = None) -> Deck:
        """Return `deck` with every Text field rendered; raises ContentError listing every failure."""
        run = _Run(self, deck, self._context(deck, variables or {}))
        header = run.model(deck.header, ())
        slides = [run.model(slide, slide.path) for slide in deck.slides]
        if run.problems:
            raise ContentError(run.problems)
        return deck.model_copy(update={"header": header, "slides": slides})

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
        for name, info in type(model).model_fields.items():
            annotation = typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
            value = getattr(model, name)
            rendered = self.value(value, annotation, path + (name,))
            if rendered is not value:
                updates[name] = rendered
        return model.model_copy(update=updates) if updates else model

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
            return source
        try:
            with Budget():
                text = self.renderer.compiled(source).render(self.context).strip()
        except Exception as e:  # any failure inside user text is the user's to fix, with a location
            self.problems.append(self._problem(e, path))
            return source
        message = illegal_character(text) or (f"the text is {len(text):,} characters long; a field may be at "
                                              f"most {MAX_CHARACTERS:,}" if len(text) > MAX_CHARACTERS else None)
        if message:
            self.problems.append(Problem(self.deck.source.locate(path), field_name(path), f"rendered text {message}"))
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
        return Problem(where, field, f"template failed: {type(error).__name__}: {error}")


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
