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

Slides: one deleted from an audience's deck goes into its profile's `exclude`, moved ones into its
`slides:` order; one deleted from the full deck is taken out of that edition's file; a new one is
imported as `import` would and put where it stands. When the sources changed since the deck was
built and the project is a git repository, the deck is compared with what the revision it was
built from gives, and each edit is merged into today's sources field by field (three-way).
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
    """"text": a text replaced; "exclude": a slide left out of a profile; "order": a profile's slides;
    "remove": a slide taken out of a deck file; "insert": a new slide put into it after the slide
    `old` ("" at the start); "file": a new file (a picture, a chart's data) of `value` bytes."""
    order: tuple[str, ...] = ()
    value: Any = None


def absorb(project: Project, edited: Path, variant: str | None = None, dry_run: bool = False,
           say: Callable[[str], None] = print) -> int:
    """Absorb the edits of `edited` into `project`'s sources; returns the exit code."""
    from briefing.read.deck import read_deck_file
    shown = display_path(edited)
    data = read_deck_file(edited, ours=True)
    revision, stamped = None, []
    if not variant:
        variant, revision, stamped = _stamped(project, edited, data)
    deck, plans = _variant(project, edited, variant)
    if revision:
        say(f"the sources changed since {shown} was built from revision {revision[:12]}: its edits are merged "
            "into today's")
        base_deck, base_plans = _at_revision(project, edited, variant, revision, stamped)
        edits, left = _compare(base_deck, base_plans, data, edited, project.root, today=(deck, plans))
    else:
        edits, left = _compare(deck, plans, data, edited, project.root)
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
            say(f"{display_path(edit.file)}: slides: {edit.new} ({edit.old})")
        elif edit.kind == "remove":
            say(f"{display_path(edit.file)}: slides: - {edit.new} (the slide was deleted in the deck)")
        elif edit.kind == "insert":
            say(f"{display_path(edit.file)}: slides: + {edit.new} (a new slide in the deck, imported"
                + (f" after '{edit.old}')" if edit.old else " at the start)"))
        elif edit.kind == "file":
            say(f"{display_path(edit.file)}: new file (for slide '{edit.new}')")
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


def _stamped(project: Project, edited: Path, data: Any) -> tuple[str, str | None, list[str]]:
    """The variant the deck's stamp names, and when its sources changed since, the git revision
    whose files are what it was built from; a deck without a stamp, from another project, or built
    from sources that changed and that no revision has, is refused saying so."""
    import json

    from briefing.commands.pipeline import STAMP

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
    sources = sources if isinstance(sources, dict) else {}
    # The stamp is outside input: a path it names is read (and copied for a merge) only inside the project.
    strange = sorted(str(path) for path in sources if not _in_project(project.root, path))
    if strange:
        raise BriefingError(f"{shown}: its stamp names files outside the project ({', '.join(strange[:3])}); it "
                            f"was not built from this project; to bring it in, use: python build.py import {shown}")
    changed = sorted(path for path, digest in sources.items() if not isinstance(digest, str) or
                     _digest(project.root / path) != digest)
    if not changed:
        return variant, None, []
    revision = _revision(project, sources, changed)
    if revision is None:
        raise BriefingError(f"{shown}: its sources changed since it was built ({', '.join(changed)}); build it again "
                            "and make the edits there, or bring the files back to what the deck was built from")
    return variant, revision, sorted(sources)


def _in_project(root: Path, name: Any) -> bool:
    from briefing.runtime.files import inside

    if not isinstance(name, str) or not name or "\\" in name or name.startswith("/"):
        return False
    parts = Path(name).parts
    return ".." not in parts and ".git" not in parts and inside(root, root / name)


MAX_REVISIONS = 500
"""How far back in the history the revision a deck was built from is looked for."""


def _revision(project: Project, sources: dict[str, Any], changed: list[str]) -> str | None:
    """The newest git revision (of the last MAX_REVISIONS) whose files have the digests the deck
    was stamped with: those that changed since are there as they were; the others are there as
    they are today, or not tracked at all (then today's copy is used). None outside a repository."""
    import shutil
    import subprocess

    from briefing.commands.diff import git
    from briefing.publish.manifest import sha256

    if not shutil.which("git") or not all(isinstance(d, str) for d in sources.values()):
        return None
    try:
        top = Path(git(["rev-parse", "--show-toplevel"], project.root).strip())
        revisions = git(["rev-list", f"--max-count={MAX_REVISIONS}", "HEAD"], top).split()
        prefix = project.root.resolve().relative_to(top.resolve())
    except (BriefingError, ValueError):
        return None
    digests: dict[str, str] = {}

    def digest(blob: str) -> str:
        if blob not in digests:
            read = subprocess.run(["git", "cat-file", "blob", blob], cwd=top, capture_output=True, check=False)
            digests[blob] = sha256(read.stdout) if read.returncode == 0 else ""
        return digests[blob]

    paths = {(prefix / path).as_posix(): path for path in sources}
    for revision in revisions:
        try:
            listing = git(["ls-tree", "-r", "--full-tree", revision, "--", *paths], top)
        except BriefingError:
            return None
        blobs = {paths[name]: line.split()[2] for line, name in
                 (entry.split("\t", 1) for entry in listing.splitlines() if "\t" in entry) if name in paths}
        if all(path in blobs and digest(blobs[path]) == sources[path] for path in changed) and \
                all(digest(blobs[path]) == sources[path] for path in blobs if path not in changed):
            return revision
    return None


def _at_revision(project: Project, edited: Path, variant: str, revision: str, stamped: list[str]) -> tuple[Any, list]:
    """The variant as the sources at `revision` give it: the base of a three-way merge. A source
    git does not track there (a picture never committed) is taken as it is today."""
    import shutil

    from briefing.commands.diff import worktree

    with worktree(project, revision, "absorb") as root:
        for name in stamped:
            path, target = project.root / name, root / name
            if path.is_file() and not path.is_symlink() and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
        try:
            return _variant(Project(root), edited, variant)
        except BriefingError as e:
            said = str(e).replace(f"{root}/", f"{revision[:12]}:")
            raise BriefingError(f"absorb: the sources at revision {revision[:12]}, which the deck was built from, "
                                f"cannot be read again:\n{said}") from None


def _digest(path: Path) -> str | None:
    from briefing.publish.manifest import sha256

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

def _compare(deck: Any, plans: list, data: Any, edited: Path, root: Path, today: tuple | None = None) \
        -> tuple[list[Edit], list[str]]:
    """What the edited deck changed against `plans` (what `deck` gives), as edits of the sources.
    `today`: the deck and plans today's sources give, when `deck` is an earlier revision's (the
    deck was built from it): the edits are then merged into today's sources (see `_Merge`)."""
    edits, left = [], []
    slides, added = _matched(plans, data, edited)
    merge = _Merge(deck, plans, today)
    for plan in plans:
        found = slides.get(plan.id)
        if found is None:
            merge.deleted(plan, edits, left)
            continue
        for field, planned, text in _pairs(plan, found, left):
            merge.text(plan, field, planned, text, edits, left)
    new = _new(merge.deck, data, slides, added, edited, root, edits, left)
    merge.moved(data, slides, new, edits, left)
    return edits, left


def _matched(plans: list, data: Any, edited: Path) -> tuple[dict, list]:
    """The edited deck's slides by the id of the slide they were built as, and the slides that are
    new (no name of ours, or a second copy of one: PowerPoint's Duplicate Slide keeps the name)."""
    ids = {plan.id for plan in plans}
    slides: dict[str, Any] = {}
    added = []
    for slide in data.slides:
        if slide.name in ids and slide.name not in slides:
            slides[slide.name] = slide
        else:
            added.append(slide)
    if not slides and len(data.slides) == len(plans):
        # Saved again by a tool that drops slides' names (LibreOffice): the slides are in the order built.
        return {plan.id: slide for plan, slide in zip(plans, data.slides)}, []
    if not slides:
        raise BriefingError(f"{display_path(edited)}: none of its slides carries the name of a slide it was built "
                            "as (saved by a program that drops them?) and it has another number of slides, so they "
                            "cannot be told apart; make the edits in a deck built again")
    return slides, added


def _pairs(plan: Any, found: Any, left: list[str]):
    """(field, text as planned, text as the deck shows it) for every text of the slide: each
    paragraph of each text box, table cells, alternative texts, the speaker notes."""
    from briefing.layout.plan import Picture, Table, TextBlock

    shown = _shown(found)
    for item in plan.items:
        blocks = [item] if isinstance(item, TextBlock) else [item.text] if getattr(item, "text", None) else []
        for block in blocks:
            if not isinstance(block, TextBlock) or block.slide_number:
                continue
            theirs = shown.get(block.name)
            if theirs is None:
                continue
            if len(theirs) != len(block.paras):
                left.append(f"slide '{plan.id}', {block.name}: {len(theirs)} paragraphs in the deck, "
                            f"{len(block.paras)} in the sources (a structural edit: make it in the YAML)")
                continue
            yield from ((para.field, para.text, text) for para, text in zip(block.paras, theirs))
        if isinstance(item, Table) and found.tables:
            cells = [c for row in found.tables[0] for c in row]
            ours = [p for row in item.rows for cell in row for p in cell]
            if len(cells) == len(ours):
                yield from ((para.field, para.text, text) for para, text in zip(ours, cells))
        if isinstance(item, Picture):
            alt = next((p.alt for p in found.pictures if p.name == item.name), None)
            if alt is not None:
                yield ("alt",), item.alt, alt
    if found.notes != plan.notes.strip() and plan.notes.strip() and found.notes:
        yield ("notes",), plan.notes, found.notes


def _fields(plan: Any) -> dict[tuple, str]:
    """Every text of a planned slide by its field (as `_pairs` names them)."""
    from briefing.layout.plan import Picture, Table, TextBlock

    texts = {}
    for item in plan.items:
        block = item if isinstance(item, TextBlock) else getattr(item, "text", None)
        if isinstance(block, TextBlock):
            texts.update((para.field, para.text) for para in block.paras if para.field)
        if isinstance(item, Table):
            texts.update((p.field, p.text) for row in item.rows for cell in row for p in cell if p.field)
        if isinstance(item, Picture):
            texts[("alt",)] = item.alt
    texts[("notes",)] = plan.notes
    return texts


class _Merge:
    """Where the edits found against the deck's own sources go. Two-way (the sources are what the
    deck was built from): each edit is written where its text came from. Three-way (the sources
    changed since; `base` is what they gave then): an edit to a field nobody changed since is
    written into today's sources; a field changed on both sides is a conflict, reported with both
    texts and left as today's sources have it."""

    def __init__(self, deck: Any, plans: list, today: tuple | None):
        self.base_plans = plans
        self.deck, self.plans = today or (deck, plans)
        self.three_way = today is not None
        self.models = {s.id: s for s in self.deck.slides}
        self.now = {plan.id: plan for plan in self.plans}
        self.texts = {plan.id: _fields(plan) for plan in self.plans} if self.three_way else {}

    def text(self, plan: Any, field: tuple, planned: str, text: str, edits: list[Edit], left: list[str]) -> None:
        if not self.three_way:
            _edit(self.deck, self.models[plan.id], plan, field, planned, text, edits, left)
            return
        if _same(planned, text):
            return
        from briefing.errors import field_name

        now = self.now.get(plan.id)
        current = self.texts.get(plan.id, {}).get(field)
        if now is not None and not field:
            _edit(self.deck, self.models[plan.id], now, field, planned, text, edits, left)    # says it is not traced
        elif now is None or current is None:
            left.append(f"slide '{plan.id}': '{_short(text)}' was edited in the deck, but the sources no longer have "
                        "that " + ("slide" if now is None else "text") + " since the deck was built; make the edit "
                        "in the YAML if it still matters")
        elif _same(current, planned):
            _edit(self.deck, self.models[plan.id], now, field, current, text, edits, left)
        elif not _same(current, text):
            left.append(f"slide '{plan.id}', {field_name(field)}: a conflict: changed in the deck to {_quoted(text)} "
                        f"and in the sources since the build to {_quoted(current)}; the sources' is kept, choose "
                        "in the YAML")

    def deleted(self, plan: Any, edits: list[Edit], left: list[str]) -> None:
        now = self.now.get(plan.id)
        if now is not None:             # (three-way: a slide the sources dropped since is gone already)
            _deleted(self.deck, now, edits, left)

    def moved(self, data: Any, slides: dict, new: dict, edits: list[Edit], left: list[str]) -> None:
        planned = [p.id for p in self.base_plans if p.id in slides]
        if self.three_way and [p.id for p in self.plans if p.id in slides] != planned and \
                _order(data, slides) != planned:
            left.append("slides were moved in the deck, and the sources changed their order since it was built; "
                        f"put them in order in {display_path(self.deck.files[-1])}")
            return
        _moved(self.deck, planned, data, slides, new, edits, left)


def _moved(deck: Any, planned: list[str], data: Any, slides: dict, new: dict, edits: list[Edit],
           left: list[str]) -> None:
    """Slides put in another order in the deck (or new ones put in it): the audience's profile lists
    them in that order (its `slides`, where it has one or the slides were moved); in the full deck,
    a move is reported for a person."""
    from briefing.load.source import read_yaml

    shown = _order(data, slides)
    moved = bool(shown) and shown != planned and len(shown) == len(planned)
    if not moved and not new:
        return
    if deck.audience == "full":
        if moved:
            left.append(f"slides were moved in the deck ({', '.join(shown)}): put them in that order in "
                        f"{display_path(deck.files[0])}")
        return
    profiles = _editions(deck.files[-1])
    if not moved and not any(isinstance(d := read_yaml(p).data, dict) and d.get("slides") for p in profiles):
        return              # new slides are in the deck file where they stand, and so in this variant
    order = [s.name if slides.get(s.name) is s else new[s.number] for s in data.slides
             if slides.get(s.name) is s or s.number in new]
    for profile in profiles:
        source = read_yaml(profile)
        line = source.source.locate(("slides",)).line if isinstance(source.data, dict) and "slides" in source.data \
            else 0
        why = "the slides were moved in the deck" if not new else "new slides stand there in the deck"
        edits.append(Edit(profile, ("slides",), "slides", why, ", ".join(order), line, kind="order",
                          order=tuple(order)))


def _order(data: Any, slides: dict) -> list[str]:
    """The ids of the slides the deck was built with, in the order the edited deck has them."""
    return [s.name for s in data.slides if slides.get(s.name) is s]


def _new(deck: Any, data: Any, slides: dict, added: list, edited: Path, root: Path, edits: list[Edit],
         left: list[str]) -> dict[int, str]:
    """New slides, imported as `import` would, each put into the deck file after the slide it follows
    in the deck; returns their ids by the slide's number in the deck."""
    from dataclasses import replace

    from briefing.load.imported import convert
    from briefing.load.source import read_yaml

    if not added:
        return {}
    file = deck.files[0]
    written = read_yaml(file).data
    ids = [s.get("id") for s in written.get("slides", []) if isinstance(s, dict)]
    made: dict[int, str] = {}
    after = ""
    for slide in data.slides:
        if slides.get(slide.name) is slide:
            after = slide.name
            continue
        if not any(slide is a for a in added):
            continue
        if slide.name in ids and slide.name not in slides and deck.audience != "full":
            left.append(f"slide {slide.number} is slide '{slide.name}' of the deck, which this variant leaves out; to "
                        f"show it, take it out of exclude: in {display_path(deck.files[-1])}")
            continue
        imported = convert(replace(data, slides=[slide]), deck.name, deck.header.language, edited.name,
                           deck.header.theme)
        clash = [path for path in imported.files if (root / path).exists() or (root / path).is_symlink()
                 or not _in_project(root, path)]
        if clash:
            left.append(f"slide {slide.number} is new, but its files are there already (or their folder is a link "
                        f"out of the project): {', '.join(clash)}; import it by hand")
            continue
        for value in imported.deck["slides"]:
            value["id"] = _free(value["id"], ids)
            ids.append(value["id"])
            edits.append(Edit(file, ("slides",), "slides", after, value["id"], 0, kind="insert", value=value))
            after = value["id"]
            made.setdefault(slide.number, value["id"])
        edits += [Edit(root / path, (), "file", "", made[slide.number], 0, kind="file", value=content)
                  for path, content in imported.files.items()]
    if made:
        left += [f"{display_path(other)} has no slide {', '.join(repr(i) for i in made.values())} (new in this "
                 "edition): check and build report that as a parity error until the slides are added there too"
                 for other in _other_editions(file)]
    return made


def _other_editions(file: Path) -> list[Path]:
    """The deck's files in its other languages (a deck kept in a folder: deck.yaml, deck.ja.yaml)."""
    from briefing.load.languages import edition_files

    if not re.fullmatch(r"deck(\.[a-z]{2})?\.yaml", file.name):
        return []
    return [p for p in edition_files(file.parent) if p != file]


def _free(wanted: str, ids: list[str]) -> str:
    candidate, count = wanted, 2
    while candidate in ids:
        candidate, count = f"{wanted[:55]}-{count}", count + 1
    return candidate


def _editions(profile: Path) -> list[Path]:
    """The profile and its editions in the other languages (`name.yaml`, `name.ja.yaml`): a slide
    choice is the same in every language."""
    base = profile.name.split(".")[0]
    return sorted(p for p in profile.parent.glob(f"{base}*.yaml") if p.name.split(".")[0] == base)


def _deleted(deck: Any, plan: Any, edits: list[Edit], left: list[str]) -> None:
    """A slide deleted in the deck: left out of the audience's profile (its `exclude`), or, in the
    full deck, taken out of that edition's file (the other edition is for a person)."""
    from briefing.load.source import read_yaml

    if deck.audience == "full":
        file = deck.files[0]
        edits.append(Edit(file, ("slides",), "slides", "", plan.id, 0, kind="remove"))
        naming = [p for p in sorted((file.parent / "audiences").glob("*.yaml")) if _names(p, plan.id)]
        for other in _other_editions(file):
            left.append(f"{display_path(other)} still has slide '{plan.id}' (deleted in this edition): check and "
                        "build report that as a parity error until it is deleted there too")
        if naming:
            left.append(f"slide '{plan.id}' is named in {', '.join(str(display_path(p)) for p in naming)}: take it "
                        "out there too")
        return
    profiles = _editions(deck.files[-1])
    listed = [p for p in profiles if isinstance(data := read_yaml(p).data, dict) and data.get("slides")]
    if listed:
        left.append(f"slide '{plan.id}' was deleted in the deck: take it out of slides: in "
                    f"{', '.join(str(display_path(p)) for p in listed)}")
        return
    edits += [Edit(profile, ("exclude",), "exclude", "", plan.id, 0, kind="exclude") for profile in profiles]


def _names(profile: Path, slide_id: str) -> bool:
    """Whether an audience profile names the slide (chooses, leaves out, overrides or emphasises it)."""
    from briefing.errors import ContentError
    from briefing.load.source import read_yaml

    try:
        data = read_yaml(profile).data
    except ContentError:
        return False
    if not isinstance(data, dict):
        return False
    return any(slide_id in (data.get(key) or ()) for key in ("slides", "exclude", "overrides", "emphasis"))


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

def _changed(edits: list[Edit]) -> dict[Path, str | bytes]:
    """Each file's new text with its edits, checked to read back with exactly them (a new file: its bytes)."""
    from briefing.load.source import append_item, insert_item, read_yaml, remove_item, replace_list, replace_text

    changed: dict[Path, str | bytes] = {}
    for file in dict.fromkeys(e.file for e in edits):
        mine = [e for e in edits if e.file == file]
        if mine[0].kind == "file":
            changed[file] = mine[0].value
            continue
        text = file.read_text(encoding="utf-8")
        spans = read_yaml(file).source.spans
        for edit in sorted((e for e in mine if e.kind == "text"), key=lambda e: spans[e.path][0], reverse=True):
            text = replace_text(text, spans[edit.path], edit.new)
        for edit in (e for e in mine if e.kind != "text"):
            trial = read_trial(file, text)
            if edit.kind == "exclude":
                text = append_item(text, trial.source.spans, edit.path, edit.new)
            elif edit.kind == "order":
                text = replace_list(text, trial.source.spans, edit.path, list(edit.order))
            else:
                ids = [s.get("id") if isinstance(s, dict) else None for s in trial.data["slides"]]
                if edit.kind == "remove":
                    text = remove_item(text, trial.source, ("slides", ids.index(edit.new)))
                else:
                    index = ids.index(edit.old) + 1 if edit.old in ids else 0
                    text = insert_item(text, trial.source, ("slides", index), edit.value)
        _verify(file, text, mine)
        changed[file] = text
    return changed


def _write(changed: dict[Path, str | bytes]) -> None:
    """Write every changed file; all are checked first, so either all are written or (on a failure
    to write) the error says which was not."""
    from briefing.runtime.files import write_atomically

    for file, text in changed.items():
        write_atomically(file, text if isinstance(text, bytes) else text.encode("utf-8"))


def _diff(file: Path, text: str | bytes) -> str:
    import difflib

    shown = display_path(file)
    if isinstance(text, bytes):
        return f"new file {shown} ({len(text):,} bytes)"
    old = file.read_text(encoding="utf-8").splitlines(keepends=True)
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
        ids = [s.get("id") for s in node if isinstance(s, dict)] if edit.kind in ("remove", "insert") else []
        wanted = {"exclude": lambda: edit.new in node, "order": lambda: node == list(edit.order),
                  "remove": lambda: edit.new not in ids, "insert": lambda: edit.new in ids}
        if not wanted.get(edit.kind, lambda: node == edit.new)():
            raise BriefingError(f"{display_path(file)}: writing {edit.field} back would not read as written; "
                                "nothing was changed")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "..."


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return '"' + (text if len(text) <= 100 else text[:97] + "...").replace('"', '\\"') + '"'
