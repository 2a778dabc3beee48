"""Bad input never hurts: each hostile or broken input gets `file:line:col: what is wrong` and exit
code 1, never a traceback, a hang, a half-written deck or silently wrong slides.

YAML files that attack the reader are fixtures in tests/fixtures/hostile/; template attacks are
written into a field of the sampler deck. Anything that could hang runs in a subprocess with a
timeout, so a regression fails the test instead of stalling the suite.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pptx import Presentation

from tests.conftest import FIXTURES, REPO, run_cli, write
from tests.conftest import DECK, edit

HOSTILE = FIXTURES / "hostile"
LOCATED = re.compile(r"^content/sampler/deck\.yaml:\d+:\d+: ")


def cli(project, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run the command line in a fresh process (a hang becomes a failure, not a stalled suite)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "briefing", *args, "--project", str(project.root)],
                          cwd=project.root, capture_output=True, text=True, timeout=timeout, env=env)


def use_fixture(project, name: str) -> None:
    (project.root / DECK).write_bytes((HOSTILE / name).read_bytes())


# --- YAML -------------------------------------------------------------------------------------

YAML_CASES = {
    "syntax-error.yaml": f"{DECK}:7:12: YAML syntax: the '[' here opens a list that is never closed; end it with "
                         "']' on this line, or, if the brackets are part of the text, put the whole value in quotes",
    "tabs.yaml": f"{DECK}:5:1: YAML syntax: this line is indented with a tab; YAML indents with spaces only: "
                 "replace the tab with spaces, lined up with the lines around it",
    "empty.yaml": f"{DECK}:1:1: the file is empty",
    "latin1.yaml": f"{DECK}:1:11: not UTF-8 text: byte 0xe9 cannot be decoded; save the file as UTF-8",
    "python-tag.yaml": f"{DECK}:2:8: the tag tag:yaml.org,2002:python/object/apply:os.system is not allowed; "
                       "write plain values",
    "duplicate-keys.yaml": f"{DECK}:4:1: the field 'title' is given twice here (first at line 1); keep one of them",
    "control-characters.yaml": f"{DECK}:2:8: contains the character U+001B (at position 8), which a slide "
                               "cannot hold; remove it",
}


@pytest.mark.parametrize("fixture", sorted(YAML_CASES))
def test_broken_yaml_is_located_in_words(project, capsys, fixture):
    use_fixture(project, fixture)
    code, out, err = run_cli(capsys)
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == YAML_CASES[fixture]
    assert "Traceback" not in err
    assert not project.output.exists()


def test_a_python_tag_runs_nothing(project, capsys):
    use_fixture(project, "python-tag.yaml")
    assert run_cli(capsys)[0] == 1
    assert not (project.root / "pwned").exists() and not Path("pwned").exists()


def test_every_character_a_slide_cannot_hold_is_named(project, capsys):
    use_fixture(project, "control-characters.yaml")
    _, _, err = run_cli(capsys)
    assert err.splitlines()[1:] == [
        f"{DECK}:3:11: contains the character U+FFFE (at position 17), which a slide cannot hold; remove it",
        f"{DECK}:4:15: contains the character U+D800 (at position 13), which a slide cannot hold; remove it",
        "3 errors in 1 file"]


def test_billion_laughs_fails_fast(project):
    use_fixture(project, "billion-laughs.yaml")
    assert len((HOSTILE / "billion-laughs.yaml").read_bytes()) < 500
    result = cli(project, "check", timeout=30)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{DECK}:1:4: anchors and aliases (&name, *name) are not supported")


def test_deep_nesting_is_refused_before_the_parser_recurses(project):
    (project.root / DECK).write_text("title: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    result = cli(project, "check", timeout=30)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{DECK}:1:47: nesting is deeper than 40 levels")
    assert "RecursionError" not in result.stderr


def test_a_huge_file_is_refused_unread(project, capsys):
    (project.root / DECK).write_text("title: x\n" + "# padding\n" * 120_000, encoding="utf-8")
    code, _, err = run_cli(capsys, "check")
    assert code == 1
    assert err.startswith(f"{DECK}:1:1: file is 1,200,009 bytes; content files are limited to 1,000,000")


def test_text_stays_as_written_and_impossible_dates_are_errors(project, capsys):
    use_fixture(project, "implicit-typing.yaml")
    code, _, err = run_cli(capsys, "check")
    assert code == 1
    assert err.splitlines() == [f"{DECK}:17:12: slides[1].cases.items[0].date: expected a month written "
                                "YYYY-MM, like 2011-09; got '2024-13'", "1 error in 1 file"]
    edit(project, DECK, "{date: 2024-13,", "{date: 2024-12,")
    [built] = __import__("briefing.commands.pipeline", fromlist=["build"]).build(project)
    cover = Presentation(str(built.path)).slides[0]
    texts = " ".join(s.text_frame.text for s in cover.shapes if s.has_text_frame)
    for written in ("no", "1.10", "0755", "12:30"):
        assert written in texts.split() or written in texts
    assert cover.notes_slide.notes_text_frame.text == "2024-13-45"


def test_every_kind_of_mistake_is_reported_in_one_run(project, capsys):
    use_fixture(project, "many-mistakes.yaml")
    code, _, err = run_cli(capsys, "check")
    assert code == 1
    assert err.splitlines() == [
        f"{DECK}:3:1: organisation: expected text, got a list",
        f"{DECK}:5:1: colour: unknown field 'colour'; expected one of title, subtitle, organisation, date, "
        "handling, footer, issued, language, theme, vars, slides",
        f"{DECK}:10:5: slides[1].layout: unknown layout 'bulets'; did you mean 'bullets'? "
            "(layouts: title, section, agenda, bullets, two-column, statements, table, image, overview, chart-cases, "
            "positions, pillars)",
        f"{DECK}:11:5: slides[2].title: required field is missing",
        f"{DECK}:13:5: slides[2].items: expected at least 1 item, got 0",
        f"{DECK}:14:5: slides[3].right: required field is missing",
        "6 errors in 1 file"]


# --- templates --------------------------------------------------------------------------------

TEMPLATE_CASES = {
    "{{ ''.__class__.__mro__ }}": "not allowed in a template: access to attribute '__class__' of 'str' "
                                   "object is unsafe.",
    "{{ cycler.__init__.__globals__ }}": "not allowed in a template: access to attribute '__init__' of 'type' "
                                         "object is unsafe.",
    "{{ ''|attr('__class__') }}": "not allowed in a template: access to attribute '__class__' of 'str' "
                                  "object is unsafe.",
    "{{ 'A' * 10**9 }}": "template too big: the value would be 1,000,000,000 long; a template value may be at "
                         "most 20,000",
    "{{ '{:>999999999}'.format(1) }}": "template too big: a format width of 999,999,999 is more than a slide "
                                       "could ever show",
    "{{ 'x'|center(999999999) }}": "template too big: the value would be 999,999,999 long; a template value may "
                                   "be at most 20,000",
    "{{ 10 ** 100000000 }}": "template too big: 10 ** 100000000 is too large a number for a slide",
    "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}": "template failed: a macro calls itself without end",
    "{% include '../themes/default.yaml' %}": "no template '../themes/default.yaml' in templates/text "
                                              "(includes and imports are found there, and only there)",
    "{{ '\\x1b[31m' }}": "rendered text contains the character U+001B (at position 1), which a slide cannot "
                         "hold; remove it",
    "{{ nope }}": "undefined variable: 'nope' is undefined",
    "{{ unclosed": "template syntax: unexpected end of template, expected 'end of print statement'.",
}


@pytest.mark.parametrize("template", sorted(TEMPLATE_CASES))
def test_template_attacks_and_mistakes_are_refused_with_the_field(project, capsys, template):
    edit(project, DECK, "title: Compare", f"title: >-\n      {template}")    # a block: no YAML escapes
    code, out, err = run_cli(capsys, "check")
    assert (code, out) == (1, "")
    first = err.splitlines()[0]
    assert first.startswith(f"{DECK}:27:5: slides[3].title: {TEMPLATE_CASES[template]}"), first


@pytest.mark.parametrize("template", [
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}",
])
def test_templates_that_would_run_for_ever_are_stopped(project, template):
    edit(project, DECK, "title: Compare", f"title: '{template}'")
    started = time.monotonic()
    result = cli(project, "check", timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{DECK}:27:5: slides[3].title: template too big: the template ran for "
                                    "more than 2 s")
    assert time.monotonic() - started < 30


def test_a_template_file_linking_outside_is_refused(project, capsys, tmp_path):
    secret = tmp_path / "secret.j2"
    secret.write_text("{% macro leak() %}secret{% endmacro %}", encoding="utf-8")
    (project.templates / "text" / "leak.j2").symlink_to(secret)
    code, _, err = run_cli(capsys, "check")
    assert code == 1
    assert err.startswith("templates/text/leak.j2:1:1: template: templates/text/leak.j2 is outside the project (a "
                          "link out); copy it in")


# --- paths ------------------------------------------------------------------------------------

@pytest.mark.parametrize("data, message", [
    ("/etc/passwd", "must be a path inside charts/"),
    ("../../content/sampler/deck.yaml", "must be a path inside charts/"),
    ("https://example.org/data.yaml", "must be a path inside charts/"),
    ("file:data/growth.yaml", "must be a path inside charts/"),
    ("data/picture.png", "must be a YAML file (.yaml)"),
])
def test_chart_data_must_be_a_yaml_file_inside_charts(project, capsys, data, message):
    edit(project, "charts/growth.yaml", "data: data/growth.yaml", f"data: '{data}'")
    code, _, err = run_cli(capsys, "check")
    assert code == 1
    assert err.startswith(f"charts/growth.yaml:2:1: data: {message}")


def test_chart_data_linking_outside_charts_is_refused(project, capsys, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text((project.charts / "data" / "growth.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (project.charts / "data" / "linked.yaml").symlink_to(outside)
    edit(project, "charts/growth.yaml", "data: data/growth.yaml", "data: data/linked.yaml")
    code, _, err = run_cli(capsys, "check")
    assert code == 1
    assert err.startswith("charts/growth.yaml:2:1: data: charts/data/linked.yaml is a link to a file outside "
                          "charts/; copy the data in instead")


# --- faults -----------------------------------------------------------------------------------

def test_a_killed_build_leaves_every_deck_whole(project, capsys):
    write(project.root / "content/sampler/audiences/one.yaml", "name: One\n")
    write(project.root / "content/sampler/audiences/two.yaml", "name: Two\n")
    assert run_cli(capsys)[0] == 0
    before = {p.name: p.read_bytes() for p in project.output.glob("*.pptx")}
    edit(project, DECK, "title: Compare", "title: Compared")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for delay in (0.2, 0.5, 0.8):
        build = subprocess.Popen([sys.executable, "-m", "briefing", "--project", str(project.root)],
                                 cwd=project.root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 start_new_session=True)
        time.sleep(delay)
        os.killpg(build.pid, signal.SIGKILL)
        build.wait()
        for name in before:     # each deck is the old one or the new one, never half of either
            assert len(Presentation(str(project.output / name)).slides) == 9
    assert run_cli(capsys)[0] == 0
    assert sorted(p.name for p in project.output.iterdir()) == ["manifest.json", "outline", *sorted(before)]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root writes into read-only folders anyway")
def test_a_read_only_output_folder_is_a_clear_error(project, capsys):
    project.output.mkdir()
    project.output.chmod(0o500)
    try:
        code, _, err = run_cli(capsys)
    finally:
        project.output.chmod(0o700)
    assert code == 1
    assert err.startswith("output: cannot write decks there: Permission denied")


def test_an_output_path_that_is_a_file_is_a_clear_error(project, capsys):
    (project.root / "output").write_text("not a folder", encoding="utf-8")
    code, _, err = run_cli(capsys)
    assert code == 1
    assert err.startswith("output: cannot write decks there: ")
    assert "Traceback" not in err


def test_a_missing_output_folder_is_made(project, capsys, tmp_path):
    assert run_cli(capsys, "--output", str(tmp_path / "new" / "deeper"))[0] == 0
    assert (tmp_path / "new" / "deeper" / "sampler-full-en.pptx").is_file()


def test_a_folder_refusing_writes_is_a_clear_error_even_for_root(project, capsys, monkeypatch):
    # Root ignores permission bits, so the refusal is simulated where the build first writes.
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    code, out, err = run_cli(capsys)
    assert (code, out) == (1, "")
    assert err == "output: cannot write decks there: Permission denied\n"
