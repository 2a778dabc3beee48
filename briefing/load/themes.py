"""Reading a theme (`templates/themes/<name>.yaml`) and the organisation's template it names."""

from __future__ import annotations

import os
from pathlib import Path

from briefing.errors import ContentError, Problem, field_name
from briefing.model.deck import Deck
from briefing.load.source import read_yaml
from briefing.runtime.files import read_bounded
from briefing.model.theme import Theme
from briefing.load.validation import problem, validate
from briefing.errors import did_you_mean

from briefing.load.project import Project


def load_theme(project: Project, name: str, deck: Deck | None = None) -> Theme:
    """Return the validated theme `templates/themes/<name>.yaml`; raises ContentError."""
    path = project.templates / "themes" / f"{name}.yaml"
    if deck is not None and os.path.lexists(path) and not project.holds(path):
        message = f"templates/themes/{name}.yaml is outside the project (a link out); copy it in"
        raise ContentError([problem(deck.source, ("theme",), message)])
    if not os.path.lexists(path) and deck is not None:
        known = sorted(p.stem for p in (project.templates / "themes").glob("*.yaml"))
        hint = did_you_mean(name, known) or f"; themes: {', '.join(known) or 'none'}"
        raise ContentError([problem(deck.source, ("theme",), f"no theme '{name}' in templates/themes{hint}")])
    doc = read_yaml(path)
    problems: list[Problem] = []
    theme = validate(Theme, doc.data, doc.source, (), problems)
    if problems:
        raise ContentError(problems)
    return _with_master(project, theme.copy(update={"_source": doc.source}), doc.data)


def _with_master(project: Project, theme: Theme, data: dict) -> Theme:
    """Return the theme on its template (`master:`), if it names one; raises ContentError, at the
    theme's line, for a template that cannot be used."""
    from briefing.load.master import attach
    from briefing.read.template import MAX_BYTES, is_template
    from briefing.model.theme import FROM_MASTER

    if not theme.master:
        wants = [name for name in ("fonts", "colours") if getattr(theme, name) == FROM_MASTER or (
            name == "fonts" and FROM_MASTER in (theme.fonts.latin, theme.fonts.east_asian))]
        if wants:
            raise ContentError([Problem(theme.locate(wants[0]), wants[0], f"{wants[0]} {FROM_MASTER} needs a "
                                        "template: add master: masters/<file>.pptx")])
        _measurable(theme)
        return theme
    path = project.templates / theme.master
    data_bytes, message = _template_bytes(project, path, theme.master, MAX_BYTES, is_template(path))
    if message:
        raise ContentError([Problem(theme.locate("master"), "master", message)])
    grid = data.get("grid") if isinstance(data.get("grid"), dict) else {}
    attached, found = attach(theme, data_bytes, set(grid))
    if found:
        raise ContentError([Problem(theme.locate(*where), field_name(where), text) for where, text in found])
    return attached


def _measurable(theme: Theme) -> None:
    """Raise ContentError, at the theme's font, when its Latin face cannot be measured."""
    from briefing.text.fonts import measuring_face, unmeasurable

    if measuring_face(theme.fonts.latin, theme.fonts.measure_as) is None:
        raise ContentError([Problem(theme.locate("fonts", "latin"), "fonts.latin", unmeasurable(theme.fonts.latin))])


def _template_bytes(project: Project, path: Path, name: str, limit: int, suffix_ok: bool) -> tuple[bytes, str]:
    """The template's bytes, or why they cannot be read."""
    if not suffix_ok:
        return b"", f"{name}: a template is a .pptx or .potx file (save it as one from PowerPoint)"
    if os.path.lexists(path) and not project.holds(path):
        return b"", f"templates/{name} is outside the project (a link out); copy it in"
    if not path.exists():
        known = sorted(p.relative_to(project.templates).as_posix() for p in project.templates.glob("masters/*")
                       if p.suffix.lower() in (".pptx", ".potx"))
        hint = did_you_mean(name, known) or f"; templates/masters/ has: {', '.join(known) or 'nothing'}"
        return b"", f"no template templates/{name}{hint}"
    try:
        return read_bounded(path, limit), ""
    except OSError as e:
        return b"", f"templates/{name}: cannot read: {e.strerror or e}"
