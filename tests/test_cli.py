"""briefing.cli: commands, exit codes and the exact text a user sees."""

from __future__ import annotations

import sys
from pathlib import Path

from pptx import Presentation

from tests.conftest import run_cli, write
from tests.conftest import DECK, edit


def test_build_is_the_default_command(project, capsys):
    code, out, err = run_cli(capsys)
    assert (code, err) == (0, "")
    assert out == "wrote 1 deck (0.1 MB) and manifest.json to output/\n"
    assert len(Presentation("output/sampler-full-en.pptx").slides) == 9


def test_output_folder_option(project, capsys, tmp_path):
    code, out, _ = run_cli(capsys, "--output", str(tmp_path / "scratch"))
    assert code == 0
    assert (tmp_path / "scratch" / "sampler-full-en.pptx").is_file()
    assert not Path("output").exists()


def test_content_error_exits_1_with_location_and_no_traceback(project, capsys):
    edit(project, DECK, "layout: bullets", "layout: bulets")
    code, out, err = run_cli(capsys, "build")
    assert code == 1 and out == ""
    assert err == (f"{DECK}:19:5: slides[2].layout: unknown layout 'bulets'; did you mean 'bullets'? "
                   "(layouts: title, section, agenda, bullets, two-column, statements, table, image, overview, "
                   "chart-cases, positions, pillars)\n"
                   "1 error in 1 file\n")


def test_a_failed_build_leaves_the_last_good_deck(project, capsys):
    assert run_cli(capsys)[0] == 0
    before = Path("output/sampler-full-en.pptx").read_bytes()
    edit(project, DECK, "title: Compare", "title: '{{ nope }}'")
    assert run_cli(capsys)[0] == 1
    assert Path("output/sampler-full-en.pptx").read_bytes() == before


def test_check_writes_nothing(project, capsys):
    code, out, err = run_cli(capsys, "check")
    assert (code, out, err) == (0, "ok: 1 deck, 9 slides, no problems\n", "")
    assert not Path("output").exists()


def test_check_reports_template_errors(project, capsys):
    edit(project, DECK, "title: Compare", "title: '{{ nope }}'")
    code, _, err = run_cli(capsys, "check")
    assert code == 1
    assert err.startswith(f"{DECK}:27:5: slides[3].title: undefined variable: 'nope' is undefined")


def test_list_shows_decks_and_slides(project, capsys):
    code, out, _ = run_cli(capsys, "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "sampler-full-en.pptx: Sampler Deck, the full deck (content/sampler/deck.yaml)"
    assert lines[3].split() == ["3", "points", "bullets", "Points", "for", "Australia"]
    assert len(lines) == 10


def test_usage_error_exits_2(project, capsys):
    code, _, err = run_cli(capsys, "build", "--colour")
    assert code == 2
    assert err.endswith("briefing: error: unrecognized arguments: --colour\n")


def test_help_lists_the_commands(capsys):
    code, out, _ = run_cli(capsys, "--help")
    assert code == 0
    for command in ("build", "check", "list"):
        assert command in out


def test_debug_shows_the_traceback(project, capsys):
    import pytest

    from briefing.errors import ContentError

    edit(project, DECK, "layout: bullets", "layout: bulets")
    with pytest.raises(ContentError):
        run_cli(capsys, "check", "--debug")


def test_missing_content_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(capsys, "check")
    assert code == 1
    assert err == "content: no decks found (expected content/<name>/deck.yaml)\n1 error in 1 file\n"


def test_a_terminal_sees_a_progress_line_per_deck(project, capsys, monkeypatch):
    write(project.root / "content/sampler/audiences/partner.yaml", "name: Partner\n")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, out, err = run_cli(capsys)
    assert code == 0
    lines = err.splitlines()    # the order is whichever worker finishes first
    assert sorted(line.split("] ")[0] for line in lines) == ["  [1/2", "  [2/2"]
    assert sorted(line.split("] ")[1] for line in lines) == ["sampler-full-en.pptx (9 slides)",
                                                             "sampler-partner-en.pptx (9 slides)"]
    assert out == "wrote 2 decks (0.2 MB) and manifest.json to output/\n"


def test_help_shows_the_build_options_a_build_needs_no_command_for(capsys):
    code, out, _ = run_cli(capsys, "--help")
    assert code == 0
    for option in ("--audience", "--lang", "--output", "--project", "--no-cache"):
        assert option in out


def test_help_as_a_word_prints_the_help_and_is_a_usage_error(project, capsys):
    code, out, err = run_cli(capsys, "help")
    assert code == 2
    assert "--audience" in out and "commands:" in out
    assert err == "\nbriefing: 'help' is not a command; use --help\n"


def test_a_mistyped_command_is_a_usage_error(project, capsys):
    code, out, err = run_cli(capsys, "chek")
    assert (code, out) == (2, "")
    assert err.endswith("briefing: error: unknown command 'chek'; did you mean 'check'?\n")


def test_a_command_after_an_option_is_told_to_come_first(project, capsys):
    code, out, err = run_cli(capsys, "--lang", "en", "check")
    assert (code, out) == (2, "")
    assert err.endswith("briefing: error: 'check' is a command: write it first, before any option "
                        "(python build.py check ...)\n")


def test_an_unknown_deck_is_a_content_error(project, capsys):
    code, _, err = run_cli(capsys, "nosuchdeck")
    assert code == 1
    assert err.startswith("nosuchdeck: no such deck; decks: sampler")


def test_an_unknown_audience_names_each_folder_once(project, capsys):
    edition = project.root / "content/sampler/deck.ja.yaml"
    edition.write_text((project.root / DECK).read_text(encoding="utf-8").replace("language: en", "language: ja"),
                       encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--audience", "nobody")
    assert code == 1
    assert err == "content/sampler/audiences: no audience 'nobody'; audiences: full\n1 error in 1 file\n"


def test_a_project_folder_that_does_not_exist_is_said_so(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "check", "--project", "nowhere")
    assert (code, out) == (1, "")
    assert err.splitlines() == ["nowhere: no such project folder; --project names a folder that holds content/",
                                "1 error in 1 file"]
