"""`absorb EDITED.pptx`: text edited in PowerPoint written back into the sources it came from.

The deck's variant is found from its name (`<deck>-<audience>-<language>.pptx`, as a build names
it) or `--variant`; the sources are planned as a build would plan them today, and every text of
every slide (title, paragraphs of each text box, table cells, alternative texts, speaker notes) is
compared with what the edited deck shows. A text that differs is written back into the file and
field it came from: the deck, its other edition, an audience profile's override. Only that text
changes in that file: comments, key order, quoting and block style stay as the author wrote them.

What cannot be placed is reported and left: text that a Jinja2 template or a variable made (where
it is defined is named), a text box whose number of paragraphs changed (a structural edit), a
slide the sources do not have. Formatting (bold, colour, size, a moved box) is the theme's and is
not compared. The line breaks the Japanese typesetting wrote are layout, never content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from briefing.errors import BriefingError, display_path
from briefing.load.project import Project


@dataclass(frozen=True)
class Edit:
    """One text edited in the deck, and where it goes."""

    file: Path
    path: tuple                 # in that file
    field: str                  # as messages name it, in the deck's terms
    old: str
    new: str
    line: int
    kind: str = "text"
    """"text": a text replaced; "exclude": a slide left out of a profile; "order": a profile's slides."""
    order: tuple[str, ...] = ()


def absorb(project: Project, edited: Path, variant: str | None = None, dry_run: bool = False,
           say: Callable[[str], None] = print) -> int:
    """Absorb the edits of `edited` into `project`'s sources; returns the exit code."""
    from briefing.read.deck import read_deck_file
    shown = display_path(edited)
    data = read_deck_file(edited, ours=True)
    deck, plans = _variant(project, edited, variant or _stamped(project, edited, data))
    edits, left = _compare(deck, plans, data)
    for note in left:
        say(f"not absorbed: {note}")
    left_code = 1 if left else 0        # something was reported and left: a person has to look
    if not edits:
        say(f"nothing to absorb: every text of {shown} is what the sources give" if not left else
            f"nothing absorbed from {shown}")
        return left_code
    for edit in edits:
        if edit.kind == "exclude":
            say(f"{display_path(edit.file)}: exclude: + {edit.new} (the slide was deleted in the deck)")
        elif edit.kind == "order":
            say(f"{display_path(edit.file)}: slides: {edit.new} (the slides were moved in the deck)")
        else:
            say(f"{display_path(edit.file)}:{edit.line}: {edit.field}: {_quoted(edit.old)} -> {_quoted(edit.new)}")
    changed = _changed(edits)
    if dry_run:
        for file, text in changed.items():
            say(_diff(file, text))
        say(f"would make {len(edits)} edit{'s' * (len(edits) != 1)} in {len(changed)} file(s) "
            "(--dry-run: nothing written)")
        return left_code
    _write(changed)
    say(f"absorbed {len(edits)} edit{'s' * (len(edits) != 1)} into {len(changed)} file(s)")
    return left_code


def _stamped(project: Project, edited: Path, data: Any) -> str:
    """The variant the deck's stamp names, once its sources are today's; a deck without a stamp,
    from another project or built from sources that changed since, is refused saying so."""
    import json

    from briefing.commands.pipeline import STAMP
    from briefing.publish.manifest import sha256

    shown = display_path(edited)
    variant = data.stamp.get(f"{STAMP}variant")
    if not variant:
        raise BriefingError(f"{shown}: was not built by this tool (it has no stamp of a build); to bring it in as a "
                            f"deck of its own, use: python build.py import {shown}")
    if data.stamp.get(f"{STAMP}deck") not in project.deck_paths():
        raise BriefingError(f"{shown}: was built from the deck '{data.stamp.get(f'{STAMP}deck')}', which this project "
                            "does not have (a deck of another project?); to bring it in, use: python build.py "
                            f"import {shown}")
    try:
        sources = json.loads(data.stamp.get(f"{STAMP}sources", "{}"))
    except ValueError:
        sources = {}
    changed = sorted(path for path, digest in sources.items() if not isinstance(digest, str) or
                     _digest(project.root / path, sha256) != digest)
    if changed:
        raise BriefingError(f"{shown}: its sources changed since it was built ({', '.join(changed)}); build it again "
                            "and make the edits there, or bring the files back to what the deck was built from")
    return variant


def _digest(path: Path, sha256) -> str | None:
    try:
        return sha256(path.read_bytes()) if path.is_file() else None
    except OSError:
        return None


def _variant(project: Project, edited: Path, variant: str | None) -> tuple[Any, list]:
    """The deck variant `edited` was built as, rendered and planned from today's sources."""
    from briefing.commands.pipeline import output_name, plan_deck, render_all
    from briefing.errors import ContentError

    name = (variant or edited.stem).removesuffix(".pptx")
    found = re.fullmatch(r"(?P<deck>.+)-(?P<audience>[a-z0-9][a-z0-9-]*)-(?P<lang>[a-z]{2})", name)
    decks = project.deck_paths()
    choices = [(d, found.group("deck")[len(d):] + "-" + found.group("audience")) for d in decks
               if found and (found.group("deck") + "-" + found.group("audience")).startswith(d + "-")] if found else []
    if not choices:
        raise BriefingError(f"{display_path(edited)}: cannot tell which deck it was built from; name the variant "
                            "with --variant DECK-AUDIENCE-LANGUAGE (as a build names its files)")
    deck_name, rest = max(choices, key=lambda c: len(c[0]))
    audience, language = rest.strip("-") or "full", found.group("lang")
    try:
        loaded, rendered = render_all(project, [deck_name], [audience], [language])
    except ContentError as e:
        raise BriefingError(f"the sources have problems; fix them first:\n{e}") from None
    deck = next((d for d in rendered if output_name(d) == f"{name}.pptx"), None)
    if deck is None:
        raise BriefingError(f"{display_path(edited)}: the sources make no variant {name}")
    plans, _ = plan_deck(deck, loaded)
    return deck, plans


# --- comparing -------------------------------------------------------------------------------------------

def _compare(deck: Any, plans: list, data: Any) -> tuple[list[Edit], list[str]]:
    from briefing.layout.plan import Picture, Table, TextBlock

    edits, left = [], []
    slides = {s.name: s for s in data.slides}
    if not any(plan.id in slides for plan in plans) and len(data.slides) == len(plans):
        # Saved again by a tool that drops slides' names (LibreOffice): the slides are in the order built.
        slides = {plan.id: slide for plan, slide in zip(plans, data.slides)}
    models = {s.id: s for s in deck.slides}
    for plan in plans:
        found = slides.get(plan.id)
        if found is None:
            _deleted(deck, plan, edits, left)
            continue
        shown = _shown(found)
        for item in plan.items:
            blocks = [item] if isinstance(item, TextBlock) else [item.text] if getattr(item, "text", None) else []
            for block in blocks:
                if not isinstance(block, TextBlock) or block.slide_number:
                    continue
                theirs = shown.get(block.name)
                if theirs is None:
                    continue
                ours = [p for p in block.paras]
                if len(theirs) != len(ours):
                    left.append(f"slide '{plan.id}', {block.name}: {len(theirs)} paragraphs in the deck, {len(ours)} "
                                "in the sources (a structural edit: make it in the YAML)")
                    continue
                for para, text in zip(ours, theirs):
                    _edit(deck, models[plan.id], plan, para.field, para.text, text, edits, left)
            if isinstance(item, Table) and found.tables:
                cells = [c for row in found.tables[0] for c in row]
                ours = [p for row in item.rows for cell in row for p in cell]
                if len(cells) == len(ours):
                    for para, text in zip(ours, cells):
                        _edit(deck, models[plan.id], plan, para.field, para.text, text, edits, left)
            if isinstance(item, Picture):
                alt = next((p.alt for p in found.pictures if p.name == item.name), None)
                if alt is not None:
                    _edit(deck, models[plan.id], plan, ("alt",), item.alt, alt, edits, left)
        if found.notes != plan.notes.strip() and plan.notes.strip() and found.notes:
            _edit(deck, models[plan.id], plan, ("notes",), plan.notes, found.notes, edits, left)
    _moved(deck, plans, data, slides, edits, left)
    return edits, left


def _moved(deck: Any, plans: list, data: Any, slides: dict, edits: list[Edit], left: list[str]) -> None:
    """Slides put in another order in the deck: the audience's profile lists them in that order
    (its `slides`); in the full deck, reported for a person."""
    from briefing.load.source import read_yaml

    shown = [s.name for s in data.slides if s.name in {p.id for p in plans}]
    planned = [p.id for p in plans if p.id in slides]
    if not shown or shown == planned or len(shown) != len(planned):
        return
    if deck.audience == "full":
        left.append(f"slides were moved in the deck ({', '.join(shown)}): put them in that order in "
                    f"{display_path(deck.files[0])}")
        return
    for profile in _editions(deck.files[-1]):
        source = read_yaml(profile)
        line = source.source.locate(("slides",)).line if isinstance(source.data, dict) and "slides" in source.data \
            else 0
        edits.append(Edit(profile, ("slides",), "slides", "", ", ".join(shown), line, kind="order",
                          order=tuple(shown)))


def _editions(profile: Path) -> list[Path]:
    """The profile and its editions in the other languages (`name.yaml`, `name.ja.yaml`): a slide
    choice is the same in every language."""
    base = profile.name.split(".")[0]
    return sorted(p for p in profile.parent.glob(f"{base}*.yaml") if p.name.split(".")[0] == base)


def _deleted(deck: Any, plan: Any, edits: list[Edit], left: list[str]) -> None:
    """A slide deleted in the deck: left out of the audience's profile (its `exclude`), or, in the
    full deck, reported: deleting a slide from a deck file is for a person."""
    from briefing.load.source import read_yaml

    if deck.audience == "full":
        others = "; its other editions still have it" if len(deck.files) == 1 else ""
        left.append(f"slide '{plan.id}' was deleted in the deck: delete it from {display_path(deck.files[0])} if it "
                    f"should go{others}")
        return
    profiles = _editions(deck.files[-1])
    listed = [p for p in profiles if isinstance(data := read_yaml(p).data, dict) and data.get("slides")]
    if listed:
        left.append(f"slide '{plan.id}' was deleted in the deck: take it out of slides: in "
                    f"{', '.join(str(display_path(p)) for p in listed)}")
        return
    edits += [Edit(profile, ("exclude",), "exclude", "", plan.id, 0, kind="exclude") for profile in profiles]


def _shown(found: Any) -> dict[str, list[str]]:
    """The edited slide's texts by shape name, each as its paragraphs."""
    shown = {body.name: [p.text for p in body.paragraphs] for body in found.bodies}
    if found.title:
        shown["Title"] = [found.title]
    if found.subtitle:
        shown.setdefault("Subtitle", found.subtitle.split("\n"))
    return shown


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _edit(deck: Any, slide: Any, plan: Any, field: tuple, planned: str, text: str, edits: list[Edit],
          left: list[str]) -> None:
    """Record the edit of one text (if it was edited), or why it cannot be written back."""
    from briefing.errors import field_name
    from briefing.layout.plan import HEADER

    if _same(planned, text):
        return
    name = f"slide '{plan.id}'"
    if not field:
        left.append(f"{name}: '{_short(text)}' is not traced to a field of the sources; edit it in the YAML")
        return
    path = field[1:] if field[:1] == HEADER else plan.path + field
    origin = deck.source.origin(path)
    if origin is None:
        left.append(f"{name}: {field_name(path)} is not written as text in the sources; edit it in the YAML")
        return
    source, where = origin
    written = _value(source.file, where)
    location = source.locate(where)
    if written is None or any(mark in written for mark in ("{{", "{%")) or not _same(written, planned):
        left.append(f"{name}: '{_short(planned)}' is made by a template or a variable at "
                    f"{display_path(location.file)}:{location.line}; edit it there")
        return
    edits.append(Edit(source.file, where, field_name(path), planned, text.strip(), location.line))


def _value(file: Path, path: tuple) -> str | None:
    from briefing.load.source import read_yaml

    node: Any = read_yaml(file).data
    for key in path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return None
    return node if isinstance(node, str) else None


# --- writing ---------------------------------------------------------------------------------------------

def _changed(edits: list[Edit]) -> dict[Path, str]:
    """Each file's new text with its edits, checked to read back with exactly them."""
    from briefing.load.source import append_item, read_yaml, replace_list, replace_text

    changed = {}
    for file in dict.fromkeys(e.file for e in edits):
        mine = [e for e in edits if e.file == file]
        text = file.read_text(encoding="utf-8")
        spans = read_yaml(file).source.spans
        for edit in sorted((e for e in mine if e.kind == "text"), key=lambda e: spans[e.path][0], reverse=True):
            text = replace_text(text, spans[edit.path], edit.new)
        for edit in (e for e in mine if e.kind == "exclude"):
            text = append_item(text, read_trial(file, text).source.spans, edit.path, edit.new)
        for edit in (e for e in mine if e.kind == "order"):
            text = replace_list(text, read_trial(file, text).source.spans, edit.path, list(edit.order))
        _verify(file, text, mine)
        changed[file] = text
    return changed


def _write(changed: dict[Path, str]) -> None:
    """Write every changed file; all are checked first, so either all are written or (on a failure
    to write) the error says which was not."""
    from briefing.runtime.files import write_atomically

    for file, text in changed.items():
        write_atomically(file, text.encode("utf-8"))


def _diff(file: Path, text: str) -> str:
    import difflib

    old = file.read_text(encoding="utf-8").splitlines(keepends=True)
    shown = display_path(file)
    return "".join(difflib.unified_diff(old, text.splitlines(keepends=True), f"a/{shown}", f"b/{shown}")).rstrip("\n")


def read_trial(file: Path, text: str) -> Any:
    """`text` read as the YAML file `file` would be, without writing it there."""
    import tempfile

    from briefing.load.source import read_yaml

    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / file.name
        trial.write_text(text, encoding="utf-8")
        return read_yaml(trial)


def _verify(file: Path, text: str, edits: list[Edit]) -> None:
    data = read_trial(file, text).data
    for edit in edits:
        node: Any = data
        for key in edit.path:
            node = node[key]
        wanted = {"exclude": lambda: edit.new in node, "order": lambda: node == list(edit.order)}
        if not wanted.get(edit.kind, lambda: node == edit.new)():
            raise BriefingError(f"{display_path(file)}: writing {edit.field} back would not read as written; "
                                "nothing was changed")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "..."


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return '"' + (text if len(text) <= 100 else text[:97] + "...").replace('"', '\\"') + '"'
