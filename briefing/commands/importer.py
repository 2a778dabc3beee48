"""`import FILE.pptx`: an existing deck becomes a deck of the project, in sources a person edits.

The deck is read under the limits every file from elsewhere gets (`briefing.read.deck`), each
slide made the layout that holds what it shows (`briefing.load.imported`), and the result checked
as a build would check it, in a scratch copy of the project: a slide whose text does not fit is
set over more slides, until every slide fits. Only then are the files written, all together: the
deck (`content/<name>/deck.yaml`, or `deck.<lang>.yaml` beside an existing deck), its pictures
(`images/<name>/`) and its charts (`charts/`), never over a file that is there (unless `--force`).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable

from briefing.errors import BriefingError, ContentError, OutputError, display_path
from briefing.load.project import Project

ROUNDS = 4
LIMITS = {"bullets": 6, "statements": 5}
"""How many items a slide of each list layout holds."""
"""How many times a slide that does not fit is split again before the import gives up on fitting."""


def import_deck(project: Project, file: Path, name: str | None = None, language: str | None = None,
                master: bool = False, force: bool = False, say: Callable[[str], None] = print) -> int:
    """Import `file` into `project`; returns the exit code (0 imported, 1 refused)."""
    from briefing.read.deck import read_deck_file

    data = read_deck_file(file)
    language = language or _language(data)
    name = name or _name(file)
    edition, other_ids = _edition(project, name, language, force)
    theme = name if master else "default"
    imported = _converted(data, name, language, file.name, theme, other_ids)
    files = dict(imported.files)
    if master:
        files.update(_master_files(project, file, name))
    imported = _fitted(project, imported, name, edition, files)
    files[f"content/{name}/{edition}"] = _yaml(imported.deck)
    _publish(project, files, force)
    for line in imported.report:
        say(line)
    pictures = sum(1 for path in files if path.startswith("images/"))
    charts = sum(1 for path in files if path.startswith("charts/") and not path.startswith("charts/data/"))
    say(f"imported {len(data.slides)} slides as {len(imported.deck['slides'])} into content/{name}/{edition}"
        f" ({pictures} picture{'s' * (pictures != 1)}, {charts} chart{'s' * (charts != 1)})"
        + ("; its macros were not kept" if data.macros else "") + f"; next: python build.py check {name}")
    return 0


def _converted(data, name: str, language: str, source: str, theme: str, ids: list[str] | None):
    from briefing.load.imported import convert

    return convert(data, name, language, source, theme, ids)


def _language(data) -> str:
    """Japanese when a fifth of the deck's letters are Japanese."""
    from briefing.text.script import is_east_asian

    text = "".join(s.title + "".join(p.text for b in s.bodies for p in b.paragraphs) for s in data.slides)
    letters = [c for c in text if c.isalpha()]
    return "ja" if letters and sum(map(is_east_asian, letters)) > len(letters) / 5 else "en"


def _name(file: Path) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", file.stem.lower()).strip("-")[:60].strip("-")
    return slug or "imported"


def _edition(project: Project, name: str, language: str, force: bool) -> tuple[str, list[str] | None]:
    """The file the deck goes into, and the slide ids of its other edition (when there is one)."""
    from briefing.load.source import read_yaml

    folder = project.content / name
    primary = folder / "deck.yaml"
    if not primary.exists():
        return "deck.yaml", None
    try:
        existing = read_yaml(primary).data
    except ContentError:
        existing = {}
    own = existing.get("language", "en") if isinstance(existing, dict) else "en"
    if own == language:
        if not force:
            raise BriefingError(f"{display_path(primary)} is there already: import with --deck NAME to make another "
                                "deck, or --force to replace it")
        return "deck.yaml", None
    slides = existing.get("slides") if isinstance(existing, dict) else None
    ids = [s.get("id") for s in slides if isinstance(s, dict)] if isinstance(slides, list) else None
    return f"deck.{language}.yaml", ids


def _master_files(project: Project, file: Path, name: str) -> dict[str, bytes]:
    """The deck's own master (its sample slides are dropped when decks are built on it) and a theme
    that names it, made from the project's default theme."""
    theme = project.templates / "themes" / "default.yaml"
    if not theme.is_file():
        raise BriefingError(f"{display_path(theme)}: --master makes a theme from the project's default theme, "
                            "which is missing")
    text = theme.read_text(encoding="utf-8")
    if "grid:" in text and "cover_left:" in text:
        start, end = text.index("grid:"), text.index("\n", text.index("cover_left:"))
        text = text[:start] + text[end + 1:]     # the template's own grid, not the default look's
    header = f"# Made by `import --master` from {file.name}: the deck's own master and grid.\nmaster: masters/{name}.pptx\n"
    return {f"templates/themes/{name}.yaml": (header + text).encode("utf-8"),
            f"templates/masters/{name}.pptx": file.read_bytes()}


def _yaml(deck: dict[str, Any]) -> bytes:
    from briefing.load.source import dump_yaml

    return dump_yaml(deck).encode("utf-8")


# --- fitting: split what does not fit ----------------------------------------------------------------

def _fitted(project: Project, imported, name: str, edition: str, files: dict[str, bytes]):
    """Check the deck as a build would, in a scratch copy of the project; a slide whose text does not
    fit (or whose table does not) is set over more slides, until every slide fits."""
    slides = imported.deck["slides"]
    for _ in range(ROUNDS):
        _renumbered(slides)
        _unique_titles(slides)
        problems = _check(project, imported.deck, name, edition, files)
        titles = {int(m.group(1)): p.message for p in problems
                  if (m := re.fullmatch(r"slides\[(\d+)\]\.title", p.field)) and "of the line" in p.message}
        for index, message in titles.items():
            _shorten_title(slides[index], message)
        crowded = {int(m.group(1)) for p in problems if (m := re.match(r"slides\[(\d+)\]", p.field))
                   and "needs" in p.message and int(m.group(1)) not in titles}
        crowded |= {index for index in titles if len(slides[index].get("items") or []) > LIMITS.get(
            slides[index].get("layout"), len(slides[index].get("items") or []))}
        crowded = sorted(crowded, reverse=True)
        if not crowded and not titles:
            break
        for index in crowded:
            _split(slides, index)
    return imported


_CONTINUED = re.compile(r"(?: \(continued(?: \d+)?\)|（続き\d*）)+$")


def _unique_titles(slides: list[dict]) -> None:
    """Every slide a title of its own (screen readers list slides by title): a repeated one numbered."""
    seen: dict[str, int] = {}
    for slide in slides:
        title = slide.get("title")
        if isinstance(title, str) and title:
            seen[title] = seen.get(title, 0) + 1
            if seen[title] > 1:
                slide["title"] = f"{title}（{seen[title]}）" if _japanese(title) else f"{title} ({seen[title]})"


def _renumbered(slides: list[dict]) -> None:
    """Slides that go on from one another, titled in turn: "T", "T (continued)", "T (continued 2)"."""
    base, count = None, 0
    for slide in slides:
        title = slide.get("title")
        if not isinstance(title, str):
            base = None
            continue
        own = _CONTINUED.sub("", title)
        if own == base and title != own:
            count += 1
            more = "" if count == 1 else str(count)
            slide["title"] = own + (f"（続き{more}）" if _japanese(own) else f" (continued{' ' + more if more else ''})")
        else:
            base, count = own, 0


def _shorten_title(slide: dict, message: str) -> None:
    """A title longer than its line: the words that fit stay the title, and the whole of it leads
    the slide's list (or, where the slide has none, its review note), so no word is lost."""
    found = re.search(r"needs (\d+)%", message)
    share = 100 / int(found.group(1)) * 0.9 if found else 0.5
    title, suffix = re.match(r"(.*?)((?: \(continued(?: \d+)?\)|（続き\d*）)?)$", slide["title"], re.S).groups()
    title = re.sub(r"(?: \(\d+\)|（\d+）)$", "", title)     # a number that only told two titles apart
    share = max(share - len(suffix) / max(len(title), 1), 0.2)
    japanese = _japanese(title)
    words = list(title) if japanese else title.split()
    kept, length = [], 0
    for word in words:
        if kept and length + len(word) + (0 if japanese else 1) > len(title) * share:
            break
        kept.append(word)
        length += len(word) + (0 if japanese else 1)
    slide["title"] = ("" if japanese else " ").join(kept) + "…" + suffix
    if suffix:
        return      # the slide goes on from one that says the title in full
    if isinstance(slide.get("items"), list) and slide.get("layout") in ("bullets", "statements"):
        slide["items"].insert(0, title)
    else:
        slide["review"] = "\n".join(filter(None, [f"the title in full: {title}", slide.get("review", "")]))


def _check(project: Project, deck: dict, name: str, edition: str, files: dict[str, bytes]) -> list:
    from briefing.commands.pipeline import check

    with tempfile.TemporaryDirectory(prefix="briefing-import-") as scratch:
        root = Path(scratch)
        if project.templates.is_dir():
            shutil.copytree(project.templates, root / "templates", symlinks=True)
        if edition != "deck.yaml":
            shutil.copytree(project.content / name, root / "content" / name, symlinks=True)
            for chart in (project.charts).glob("**/*.yaml") if project.charts.is_dir() else []:
                target = root / "charts" / chart.relative_to(project.charts)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(chart, target)
        # A picture without alternative text is for a person to describe (`check` asks, at its line);
        # fitting is checked as if it had some.
        trial = {**deck, "slides": [{**s, "alt": "-"} if s.get("layout") == "image" and not s.get("alt") else s
                                    for s in deck["slides"]]}
        for path, data in {**files, f"content/{name}/{edition}": _yaml(trial)}.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        try:
            check(Project(root), [name])
        except ContentError as e:
            return list(e.problems)
        return []


def _split(slides: list[dict], index: int) -> None:
    """Set slide `index`'s list (or table rows) over two slides."""
    slide = slides[index]
    key = next((k for k in ("items", "rows") if isinstance(slide.get(k), list) and len(slide[k]) > 1), None)
    if key is None:
        return
    half = (len(slide[key]) + 1) // 2
    rest = {k: v for k, v in slide.items() if k not in ("id", "notes", "review", "agenda")}
    rest[key] = slide[key][half:]
    rest["title"] = f"{slide['title']}{'（続き）' if _japanese(slide['title']) else ' (continued)'}"
    number = 2
    while any(s.get("id") == f"{slide['id'][:50]}-{number}" for s in slides):
        number += 1
    rest["id"] = f"{slide['id'][:50]}-{number}"
    slide[key] = slide[key][:half]
    slides.insert(index + 1, {"id": rest.pop("id"), **rest})


def _japanese(text: str) -> bool:
    from briefing.text.script import has_east_asian

    return has_east_asian(text)


# --- writing: all files or none -------------------------------------------------------------------------

def _publish(project: Project, files: dict[str, bytes], force: bool) -> None:
    """Write every file, all together: each first beside its place, then moved in; nothing over a file
    that is there (unless `force`), nothing through a link out of the project."""
    from briefing.runtime.files import inside

    targets = {project.root / path: data for path, data in files.items()}
    # A file there already with these very bytes (a chart the other edition brought) is no clash.
    targets = {target: data for target, data in targets.items()
               if not (target.is_file() and not target.is_symlink() and target.stat().st_size == len(data)
                       and target.read_bytes() == data)}
    root = Path(os.path.realpath(project.root))
    for target in targets:
        folder = target.parent
        while not folder.exists() and folder != project.root:
            folder = folder.parent
        if Path(os.path.realpath(folder)) != root and not inside(project.root, folder):
            raise OutputError(f"{display_path(folder)} is a link out of the project; nothing was written")
        if (target.exists() or target.is_symlink()) and not force:
            raise OutputError(f"{display_path(target)} is there already; nothing was written (--force replaces it)")
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise OutputError(f"{display_path(target)} is not a file this import can replace; nothing was written")
    staged: list[tuple[Path, Path]] = []
    made: list[Path] = []
    try:
        for target, data in targets.items():
            _make_folders(target.parent, project.root, made)
            fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(temporary, 0o644)
            staged.append((Path(temporary), target))
        for temporary, target in staged:
            os.replace(temporary, target)
    except OSError as e:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        for folder in reversed(made):
            shutil.rmtree(folder, ignore_errors=True)
        raise OutputError(f"cannot write the imported deck: {e.strerror or e}; nothing was written") from None


def _make_folders(folder: Path, root: Path, made: list[Path]) -> None:
    missing = []
    while not folder.exists() and folder != root:
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
        made.append(path)
