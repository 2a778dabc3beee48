"""The command line: parse arguments, call the library, turn BriefingError into a message.

Exit codes: 0 ok, 1 content, template or output error, 2 usage error.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from briefing import FULL_DECK, __version__
from briefing.errors import BriefingError, display_path, printable

COMMANDS = {
    "build": "build decks into output/ (the default command)",
    "check": "validate every deck, profile, theme, chart, picture and template, and lay out every slide of "
             "every variant to check that all text fits; write nothing",
    "list": "show the decks and their slides",
    "outline": "write every variant's text as Markdown into output/outline/ (one variant: to the terminal)",
    "preview": "build, then render each variant with LibreOffice into output/previews/: a PDF, a PNG a slide "
               "and a contact sheet",
    "watch": "build, then rebuild the variants a saved file feeds on every save, until Ctrl-C",
    "merge": "join the output folders of a sharded build (DIR ... --output DIR) into one, with the manifest "
             "one build of everything writes",
    "master": "master inspect FILE: list a template's layouts, their roles and placeholders, and which "
              "layout each kind of slide would use",
    "diff": "show what differs between two output folders (OLD NEW), between the sources of a git revision "
            "and these (--rev REV), or between two audiences (--audience A --audience B); exit 1 if anything does",
    "absorb": "absorb EDITED.pptx: write the texts edited in PowerPoint back into the sources they came from "
              "(--dry-run shows them); what cannot be placed is reported and left",
    "import": "import FILE.pptx: make an existing deck a deck of this project (content/, images/, charts/); "
              "--deck NAME names it, --lang sets its language, --master keeps its own master, --force replaces files",
    "translate": "translate mark|export|import: keep an edition in step with the deck's own language: mark "
                 "its fields translated, export them as XLIFF 2.1 for a translator, import the translated file",
    "new": "new PROJECT: make a project that builds at once (a deck in English and Japanese, a profile, a "
           "chart, a picture, a theme, a CI workflow); new deck NAME: add a deck to this project",
}


def _selection(parser: argparse.ArgumentParser, build: bool, decks: bool = True, shard: bool = False) -> None:
    """The options every command shares: which decks, audiences and languages, and where."""
    if decks:
        parser.add_argument("decks", nargs="*", metavar="DECK",
                            help="a deck name (content/NAME) or path to a deck folder or file; default: all")
    parser.add_argument("--project", type=Path, metavar="DIR",
                        help="the project folder holding content/, charts/, templates/ (default: here)")
    parser.add_argument("--audience", "-a", action="append", metavar="NAME", dest="audiences",
                        help=f"only this audience's variant (repeatable); '{FULL_DECK}' is the deck without a "
                             "profile; default: every audience")
    parser.add_argument("--lang", action="append", metavar="LANG", dest="languages",
                        help="only this language's edition, e.g. ja (repeatable); default: every language")
    parser.add_argument("--all", action="store_true",
                        help="every deck, audience and language (the default; for scripts that say so)")
    parser.add_argument("--debug", action="store_true", help="show a traceback on errors")
    if build:
        parser.add_argument("--output", "-o", type=Path, metavar="DIR",
                            help="where to write the decks (default: output/ in the project)")
        parser.add_argument("--no-cache", action="store_true", help="draw every chart anew")
    if shard:
        parser.add_argument("--shard", metavar="K/N",
                            help="build only the K-th of N shares of the selected variants (a variant always "
                                 "falls in the same one); join the shards' folders with `merge`")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        usage="%(prog)s [COMMAND] [DECK ...] [options]",
        description="Build briefing decks (.pptx) from YAML content, Jinja2 text and Matplotlib charts.",
        epilog="Without a command, `build` is run: `python build.py` builds every variant (each audience, "
               "and the full deck) of every deck in content/. `COMMAND --help` shows a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    _selection(parser, build=True, decks=False, shard=True)      # shown in --help: a build needs no command word
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name, text in COMMANDS.items():
        sub = commands.add_parser(name, help=text, description=text, prog=f"briefing {name}")
        if name == "diff":
            _diff_options(sub)
        elif name == "merge":
            _merge_options(sub)
        elif name == "master":
            _master_options(sub)
        elif name == "new":
            _new_options(sub)
        elif name == "import":
            _import_options(sub)
        elif name == "absorb":
            _absorb_options(sub)
        elif name == "translate":
            _translate_options(sub)
        else:
            _selection(sub, build=name in ("build", "preview", "outline", "watch"), shard=name in ("build", "preview"))
        if name == "watch":
            sub.add_argument("--preview", action="store_true", help="render the rebuilt variants' previews too")
        if name == "preview":
            sub.add_argument("--timeout", type=float, default=240, metavar="SECONDS",
                             help="how long LibreOffice may take for one deck before it is stopped (default 240)")
        if name == "check":
            sub.add_argument("--strict", action="store_true",
                             help="a translation whose original changed since it was marked is an error, not a warning")
    return parser


def _diff_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folders", nargs="*", metavar="FOLDER",
                        help="two output folders of builds, OLD and NEW; with --rev or --audience, deck names")
    parser.add_argument("--rev", metavar="REV", help="compare the sources of this git revision with the working tree")
    parser.add_argument("--audience", "-a", action="append", metavar="NAME", dest="audiences",
                        help="twice: compare these two audiences' variants of one build")
    parser.add_argument("--lang", action="append", metavar="LANG", dest="languages", help="only this language")
    parser.add_argument("--project", type=Path, metavar="DIR", help="the project folder (default: here)")
    parser.add_argument("--markdown", action="store_true", help="write Markdown (for a pull request's summary)")
    parser.add_argument("--debug", action="store_true", help="show a traceback on errors")


def _merge_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folders", nargs="+", type=Path, metavar="DIR", help="the output folders of the shards")
    parser.add_argument("--output", "-o", type=Path, metavar="DIR", required=True,
                        help="the folder to join them into")
    parser.add_argument("--debug", action="store_true", help="show a traceback on errors")


def _master_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["inspect"], help="what to do: inspect")
    parser.add_argument("file", type=Path, metavar="FILE", help="a template: .pptx or .potx")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument("--debug", action="store_true", help="show a traceback on errors")


def _absorb_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="EDITED", help="a deck this project built, edited in PowerPoint")
    parser.add_argument("--variant", metavar="DECK-AUDIENCE-LANG",
                        help="the variant it was built as, when its file was renamed (e.g. japan-cyber-diplomacy-full-en)")
    parser.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    parser.add_argument("--project", type=Path, metavar="DIR", help="the project folder (default: here)")
    parser.add_argument("--debug", action="store_true", help="show a traceback on errors")


def _translate_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["mark", "export", "import"],
                        help="mark: record each field of the edition as translating today's original; export: write "
                             "an XLIFF 2.1 file of the edition; import: write a translated XLIFF file into the edition")
    parser.add_argument("targets", nargs="*", metavar="DECK | FILE",
                        help="mark and export: deck names (default: all); import: the .xlf file")
    parser.add_argument("--lang", metavar="LANG", help="the edition's language, e.g. ja (mark and export)")
    parser.add_argument("--output", "-o", type=Path, metavar="PATH",
                        help="export: the file or folder to write (default: output/translations/DECK.LANG.xlf)")
    parser.add_argument("--dry-run", action="store_true", help="import: show what would change, write nothing")
    parser.add_argument("--project", type=Path, metavar="DIR", help="the project folder (default: here)")
    parser.add_argument("--debug", action="store_true", help="show a traceback on errors")


def _translate_target(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if getattr(args, "command", None) != "translate":
        return
    if args.action == "import":
        if len(args.targets) != 1:
            parser.error("name the one XLIFF file to import: translate import FILE.xlf")
        if args.lang:
            parser.error("translate import reads the language from the file; leave out --lang")
    elif not args.lang:
        parser.error(f"say which edition: translate {args.action} --lang ja")


def _import_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help="a deck: .pptx (or .pptm, .potx; its macros are not kept)")
    parser.add_argument("--deck", metavar="NAME", help="the deck's name in content/ (default: from the file's name)")
    parser.add_argument("--lang", choices=["en", "ja"], help="the deck's language (default: from its text)")
    parser.add_argument("--master", action="store_true",
                        help="keep the file's own master as templates/masters/NAME.pptx, with a theme naming it")
    parser.add_argument("--force", action="store_true", help="replace files of the same names")
    parser.add_argument("--project", type=Path, metavar="DIR", help="the project folder (default: here)")
    parser.add_argument("--debug", action="store_true", help="show a traceback on errors")


def _new_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", nargs="+", metavar="PROJECT | deck NAME",
                        help="a folder for a new project, or `deck NAME` to add a deck to the project")
    parser.add_argument("--project", type=Path, metavar="DIR",
                        help="with `deck NAME`: the project to add it to (default: here)")
    parser.add_argument("--debug", action="store_true", help="show a traceback on errors")


def _new_target(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Read `new PROJECT` or `new deck NAME` (a usage error when it is neither)."""
    if getattr(args, "command", None) != "new":
        return
    from briefing.commands.new import name_problem

    target = args.target
    if target[0] == "deck":
        if len(target) != 2:
            parser.error("name the deck, and only it: new deck NAME (a project folder called deck: new ./deck)")
        problem = name_problem(target[1])
        if problem:
            parser.error(problem)
    elif len(target) != 1:
        parser.error("name one folder for the new project: new PROJECT (or new deck NAME)")
    elif args.project:
        parser.error("new PROJECT makes the project in PROJECT; leave out --project")


def exit_now(code: int) -> None:
    """End the process with `code` once its output is flushed, without tearing down every object
    the build made: by then every file is written and closed and every worker has ended, and the
    teardown would cost a tenth of a `watch`-free rebuild's time for nothing."""
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):     # a reader gone away, a closed stream: nothing to say there
            pass
    os._exit(code)


def main(argv: list[str] | None = None, default_project: Path | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    if argv[:1] == ["help"]:
        # Not a command, but what the user wants is plain.
        parser.print_help()
        print("\nbriefing: 'help' is not a command; use --help", file=sys.stderr)
        return 2
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "build")
    try:
        args = parser.parse_args(argv)
        if getattr(args, "all", False) and (args.decks or args.audiences or args.languages):
            parser.error("--all selects everything; leave out deck names, --audience and --lang, or leave out --all")
        args.shard = _shard(parser, args)
        _new_target(parser, args)
        _translate_target(parser, args)
    except SystemExit as e:      # argparse has printed the usage error already
        return int(e.code or 0)
    from briefing.load.project import Project

    _terminate_as_interrupt()
    project = Project(args.project or default_project or Path.cwd())
    mistyped = _mistyped_command(getattr(args, "decks", []), project)
    if mistyped:
        parser.print_usage(sys.stderr)
        print(f"briefing: error: {mistyped}", file=sys.stderr)
        return 2
    try:
        return _run(args, project)
    except BriefingError as e:
        if args.debug:
            raise
        print(printable(str(e)), file=sys.stderr)    # a message may quote a file or folder name
        return 1
    except KeyboardInterrupt as e:
        print(str(e) or "interrupted; no file in the output folder was changed", file=sys.stderr)
        return 130
    except ImportError as e:
        if args.debug:
            raise
        # A dependency missing or broken: the installation's fault, not the content's.
        name = (e.name or str(e)).split(".")[0]
        print(f"briefing: the Python package '{name}' is missing or cannot be loaded; install the project's "
              f"dependencies again: python -m pip install -e .", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`briefing list | head`): nothing more to say, and nowhere to say it.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _shard(parser: argparse.ArgumentParser, args: argparse.Namespace):
    """Read --shard K/N (a usage error when it is not that)."""
    if getattr(args, "shard", None) is None:
        return None
    from briefing.publish.shards import parse

    try:
        return parse(args.shard, dict(decks=args.decks, audiences=args.audiences, languages=args.languages))
    except BriefingError as e:
        parser.error(str(e))


def _terminate_as_interrupt() -> None:
    """SIGTERM (a CI job cancelled, `kill`) ends a build as Ctrl-C does: workers stopped, the
    staging folder removed, the output folder as it was."""
    import signal
    import threading

    def interrupt(number, frame):
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, interrupt)


def _mistyped_command(decks: list[str], project) -> str:
    """Return a message when the first deck name is no deck but looks like a mistyped command."""
    if not decks or "/" in decks[0] or Path(decks[0]).exists() or decks[0] in project.deck_paths():
        return ""
    if decks[0] in COMMANDS:
        return f"'{decks[0]}' is a command: write it first, before any option (python build.py {decks[0]} ...)"
    close = difflib.get_close_matches(decks[0], list(COMMANDS), n=1, cutoff=0.75)
    return f"unknown command '{decks[0]}'; did you mean '{close[0]}'?" if close else ""


def _run(args: argparse.Namespace, project) -> int:
    if args.command == "new":
        from briefing.commands import new

        if args.target[0] == "deck":
            print(new.report(new.new_deck(project.root, args.target[1]), project=False))
        else:
            print(new.report(new.new_project(Path(args.target[0])), project=True))
        return 0
    if args.command == "absorb":
        from briefing.commands.absorb import absorb

        return absorb(project, args.file, args.variant, args.dry_run)
    if args.command == "translate":
        return _translate(args, project)
    if args.command == "import":
        from briefing.commands.importer import import_deck

        return import_deck(project, args.file, args.deck, args.lang, args.master, args.force)
    from briefing.commands import pipeline

    if args.command == "diff":
        from briefing.commands.diff import diff

        return diff(args, project)
    if args.command == "master":
        from briefing.commands.master import inspect_master

        return inspect_master(args.file, args.json)
    if args.command == "merge":
        from briefing.publish.shards import merge

        entries = merge(args.folders, args.output, _note)
        print(f"merged {_count(len(entries), 'deck')} from {_count(len(args.folders), 'folder')} into "
              f"{display_path(args.output)}/")
        return 0
    selection = dict(selection=args.decks, audiences=args.audiences, languages=args.languages)
    if args.command == "watch":
        from briefing.commands.watch import run

        return run(project, selection, args.output or project.output, args.preview,
                   say=lambda text: print(text, flush=True))
    if args.command == "outline":
        from briefing.commands.outline import outline

        return outline(project, args.output, selection)
    if args.command == "check":
        decks = pipeline.check(project, note=_note, warn=_warn, strict=args.strict, **selection)
        slides = sum(len(d.slides) for d in decks)
        print(f"ok: {_count(len(decks), 'deck')}, {slides} slides, no problems")
        return 0
    if args.command == "list":
        for deck in pipeline.check(project, fit=False, **selection):
            who = f"for {deck.audience_name}" if deck.audience_name else "the full deck"
            # Names and titles come from files and folders anyone may name: shown escaped.
            print(printable(f"{pipeline.output_name(deck)}: {deck.header.title}, {who} "
                            f"({display_path(deck.files[-1])})"))
            for number, slide in enumerate(deck.slides, start=1):
                print(printable(f"  {number:>2}  {slide.id:<16} {slide.kind:<12} {slide.title or deck.header.title}"))
        return 0
    out_dir = args.output or project.output
    if args.command == "preview":
        from briefing.review.preview import tools

        tools()     # before building: without LibreOffice there is nothing to preview
    shard = args.shard
    built = pipeline.build(project, out_dir=out_dir, use_cache=not args.no_cache,
                           progress=_progress if sys.stderr.isatty() else None, note=_note, shard=shard, **selection)
    size = sum(b.size for b in built)
    share = f" (shard {shard.index}/{shard.count})" if shard else ""
    print(f"wrote {_count(len(built), 'deck')}{share} ({size / 1e6:.1f} MB) and manifest.json to "
          f"{display_path(out_dir)}/")
    if args.command == "preview":
        from briefing.review.preview import FOLDER, preview_all, substituted

        previews = preview_all([(b.path, b.slides) for b in built], out_dir, timeout=args.timeout)
        for text in (note for p in previews for note in p.kept):
            _note(text)
        for text in substituted([b.path for b in built]):
            _note(text)
        fresh = sum(1 for p in previews if p.rendered)
        print(f"previewed {_count(fresh, 'variant')} ({len(previews) - fresh} up to date) in "
              f"{display_path(out_dir / FOLDER)}/: a PDF, a PNG a slide and a contact sheet each")
    return 0


def _translate(args: argparse.Namespace, project) -> int:
    from briefing.commands import translate

    if args.action == "import":
        changes = translate.import_xliff(project, Path(args.targets[0]), args.dry_run)
        for change in changes:
            where = change.pair.where
            print(printable(f"{display_path(where.file)}:{where.line}: {change.pair.key}: {change.new}"))
        done = "would write" if args.dry_run else "wrote"
        print(f"{done} {_count(len(changes), 'translation')} from {display_path(Path(args.targets[0]))}")
        return 0
    if args.action == "mark":
        for path, fields in translate.mark(project, args.targets, args.lang):
            print(f"marked {_count(fields, 'field')} as translated: {display_path(path)}")
    else:
        for path, units in translate.export(project, args.targets, args.lang, args.output):
            print(f"wrote {_count(units, 'unit')} to {display_path(path)}")
    return 0


def _warn(text: str) -> None:
    print(printable(f"warning: {text}"), file=sys.stderr)


def _note(text: str) -> None:
    print(printable(f"note: {text}"), file=sys.stderr)


def _progress(done: int, total: int, name: str, slides: int) -> None:
    """One line per deck as it is finished; only on a terminal, so CI logs stay quiet."""
    print(f"  [{done}/{total}] {name} ({slides} slides)", file=sys.stderr, flush=True)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
