"""`diff`: what differs between two output folders, a git revision's sources and yours, or two
audiences."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from briefing.commands.outline import outlined, outlines
from briefing.errors import BriefingError, printable


def diff(args: argparse.Namespace, project) -> int:
    """Compare outlines and print what differs; 0 same, 1 different, 2 trouble."""
    from briefing.review.diff import as_markdown, as_text

    try:
        diffs = _differences(args, project)
    except BriefingError as e:
        if args.debug:
            raise
        print(printable(str(e)), file=sys.stderr)
        return 2
    sys.stdout.write(printable(as_markdown(diffs) if args.markdown else as_text(diffs)))
    return 1 if any(d.differs for d in diffs) else 0


def _differences(args: argparse.Namespace, project):
    from briefing.review.diff import compare, compare_all, read_outlines

    audiences, languages = args.audiences or [], args.languages
    if args.rev:
        if audiences:
            raise BriefingError("diff: --rev compares a revision with the working tree; leave out --audience")
        selection = dict(selection=args.folders or None, audiences=None, languages=languages)
        with worktree(project, args.rev) as old_root:
            from briefing.errors import ContentError
            from briefing.load.project import Project

            try:
                before = outlines(Project(old_root), selection)
            except ContentError as e:
                # Named as the revision's files (REV:content/...), not as the scratch copy that is gone.
                said = str(e).replace(f"{old_root}/", f"{args.rev}:")
                raise BriefingError(f"diff --rev {args.rev}: the sources at that revision have problems:\n{said}") \
                    from None
        return compare_all(before, outlines(project, selection), (args.rev, "working tree"))
    if audiences:
        if len(audiences) != 2:
            raise BriefingError("diff: --audience compares two audiences: give it twice, e.g. --audience australia "
                                "--audience asean")
        found = {(deck.name, deck.header.language, deck.audience): text for deck, text in
                 outlined(project, dict(selection=args.folders or None, audiences=list(dict.fromkeys(audiences)),
                                         languages=languages))}
        first, second = audiences
        return [compare(f"{name}-{language}", text, found[name, language, second], (first, second))
                for (name, language, audience), text in found.items()
                if audience == first and (name, language, second) in found]
    if len(args.folders) != 2:
        raise BriefingError("diff: give two output folders (OLD NEW), or --rev REV, or --audience A --audience B")
    old, new = (Path(f) for f in args.folders)
    before, after = read_outlines(old), read_outlines(new)
    if languages:       # a variant's name ends with its language: <deck>-<audience>-<language>
        before, after = ({name: text for name, text in found.items() if name.rsplit("-", 1)[-1] in languages}
                         for found in (before, after))
    return compare_all(before, after, (str(old), str(new)))


class worktree:
    """The project's sources at a git revision, checked out into a temporary folder (`verb` is
    what messages call the command that asked)."""

    def __init__(self, project, revision: str, verb: str = "diff --rev"):
        self.project, self.revision, self.verb = project, revision, verb

    def __enter__(self) -> Path:
        if not shutil.which("git"):
            raise BriefingError(f"{self.verb} needs git, which is not installed")
        top = git(["rev-parse", "--show-toplevel"], self.project.root).strip()
        self.top = Path(top)
        try:
            git(["rev-parse", "--verify", "--quiet", f"{self.revision}^{{commit}}"], self.top)
        except BriefingError:
            raise BriefingError(f"{self.verb} {self.revision}: no such revision here; in a shallow clone (CI), fetch "
                                "it first (git fetch --depth=1 origin <branch>), or check out with all history") from None
        relative = self.project.root.resolve().relative_to(self.top.resolve())
        self.folder = Path(tempfile.mkdtemp(prefix="briefing-rev-"))
        try:
            git(["worktree", "add", "--detach", "--quiet", str(self.folder / "tree"), self.revision], self.top)
        except BriefingError:
            shutil.rmtree(self.folder, ignore_errors=True)      # __exit__ is not called when this fails
            raise
        return self.folder / "tree" / relative

    def __exit__(self, *exc) -> None:
        subprocess.run(["git", "worktree", "remove", "--force", str(self.folder / "tree")], cwd=self.top,
                       capture_output=True, check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def git(arguments: list[str], cwd: Path) -> str:
    result = subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, text=True, check=False,
                            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"})
    if result.returncode:
        message = (result.stderr.strip().splitlines() or ["failed"])[-1]
        raise BriefingError(f"git {' '.join(arguments[:2])}: {message}")
    return result.stdout
