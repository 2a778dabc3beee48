"""Nothing lost, nothing exhausted: a catalogue of hostile inputs, one case each, with the exact
outcome a user sees (exit code, located message or note, the output folder's files before and
after, no traceback) and a bound on time.

1. The output folder belongs to the user: a build deletes or replaces only what it can prove it
   wrote (listed in a manifest of this project, inside the folder, with the bytes recorded).
2. Publishing is all or nothing: every target checked first, a failed move puts everything back,
   signals wait until the moves are done.
3. Bounded work: templates render in a child with memory and time limits; every file is a regular
   file of bounded size before it is opened; limits on slides, rows, bars, values, years, words.
4. No traceback ever; control characters in messages escaped.
5. Charts: extreme data and long words around the chart refused, with a location, by `check`.
6. SIGTERM and SIGINT end every process of a build and leave the output folder as it was.

Anything that could hang or run long runs in a subprocess with a 20 s timeout. A promise that
does not hold yet is a strict xfail whose reason says what happens instead.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation

from tests.conftest import FIXTURES, REPO, run_cli, write

DECK = "content/sampler/deck.yaml"
PARTNER = "content/sampler/audiences/partner.yaml"
REGION = "content/sampler/audiences/region.yaml"
INTERRUPTED = "interrupted; no file in the output folder was changed"
TIMEOUT = 20


# --- helpers ----------------------------------------------------------------------------------

@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float

    @property
    def lines(self) -> list[str]:
        return self.err.splitlines()


def cli(root: Path, *args: str, driver: str = "", env: dict[str, str] | None = None,
        timeout: float = TIMEOUT) -> Run:
    """Run the command line in a fresh process in `root` (a hang fails the test, never the suite).
    `driver` is Python run first in that process (to patch something), then the command line."""
    environment = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    command = [sys.executable, "-m", "briefing", *args]
    if driver:
        command = [sys.executable, "-c", f"{driver}\nimport sys\nfrom briefing.cli import main\n"
                                         "sys.exit(main(sys.argv[1:]))\n", *args]
    started = time.monotonic()
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=timeout, env=environment)
    return Run(result.returncode, result.stdout, result.stderr, time.monotonic() - started)


def snapshot(folder: Path) -> dict[str, object]:
    """Every entry under `folder`, links not followed: a file's bytes, or what else stands there."""
    found: dict[str, object] = {}
    for root, dirs, names in os.walk(folder):
        for name in sorted(dirs + names):
            path = Path(root) / name
            info = os.lstat(path)
            key = path.relative_to(folder).as_posix()
            if stat.S_ISLNK(info.st_mode):
                found[key] = f"link to {os.readlink(path)}"
            elif stat.S_ISDIR(info.st_mode):
                found[key] = "folder"
            elif stat.S_ISFIFO(info.st_mode):
                found[key] = "FIFO"
            elif stat.S_ISREG(info.st_mode):
                found[key] = path.read_bytes() if info.st_size < 50_000_000 else f"{info.st_size:,} bytes"
            else:
                found[key] = "special"
    return found


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_of(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def project_id(out: Path) -> str:
    [pid] = {e["project_id"] for e in manifest_of(out)["decks"]}
    return pid


def make_special(path: Path, kind: str) -> None:
    """Put a FIFO, a link to /dev/zero or a folder where a file is expected."""
    if path.exists() or path.is_symlink():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "FIFO":
        os.mkfifo(path)
    elif kind == "link to /dev/zero":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()


def group_processes(group: int) -> list[str]:
    """The processes still alive in process group `group` (read from /proc: no psutil)."""
    alive = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            text = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2:].split()
        if int(fields[2]) == group and fields[0] != "Z":
            alive.append(text[: text.rindex(")") + 1])
    return alive


def wait_for_no_processes(group: int, seconds: float = 3.0) -> list[str]:
    deadline = time.monotonic() + seconds
    while (alive := group_processes(group)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


SKIP_NO_FIFO = pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/proc").is_dir(),
                                  reason="needs FIFOs and /proc (Linux)")


@pytest.fixture(autouse=True)
def leave_only_manifests_the_audit_can_read(tmp_path: Path):
    """The suite's audit (tests/conftest.py) reopens every deck any manifest.json under tmp_path
    lists. The hostile manifests here (a FIFO, nested brackets, a user's file listed) are ours to
    clear away first, whatever the test did, so a failing test fails instead of hanging."""
    yield
    for path in list(tmp_path.rglob("manifest.json")):
        info = os.lstat(path)
        if stat.S_ISDIR(info.st_mode):
            shutil.rmtree(path)
            continue
        try:
            assert stat.S_ISREG(info.st_mode) and info.st_size < 10_000_000
            data = json.loads(path.read_text(encoding="utf-8"))
            assert isinstance(data, dict) and isinstance(data["decks"], list)
        except (AssertionError, ValueError, RecursionError, KeyError, OSError):
            path.unlink()
            continue
        decks = [e for e in data["decks"] if isinstance(e, dict) and isinstance(e.get("file"), str)
                 and (path.parent / e["file"]).is_file() and not (path.parent / e["file"]).is_symlink()
                 and zipfile.is_zipfile(path.parent / e["file"])]
        path.write_text(json.dumps({**data, "decks": decks}), encoding="utf-8")


@pytest.fixture
def audiences(project):
    """The sampler with two audience profiles: three variants, seven files to publish."""
    write(project.root / PARTNER, "name: Partner capital\nexclude: [compare]\n")
    write(project.root / REGION, "name: Region\nexclude: [pillars]\n")
    return project


def other_project(tmp_path: Path, name: str = "other") -> Path:
    """A second copy of the sampler project, in a folder of its own: another project."""
    root = tmp_path / name
    shutil.copytree(FIXTURES / "project", root)
    shutil.copytree(REPO / "templates", root / "templates")
    return root


# === 1. The output folder belongs to the user ===================================================

def test_a_second_project_never_deletes_the_first_projects_decks(project, tmp_path, capsys):
    shared = tmp_path / "shared"
    write(project.root / REGION, "name: Region\nexclude: [compare]\n")
    assert run_cli(capsys, "--output", str(shared))[0] == 0
    first = snapshot(shared)
    other = other_project(tmp_path)
    code, out, err = run_cli(capsys, "--project", str(other), "--output", str(shared))
    assert code == 0 and "Traceback" not in err
    after = snapshot(shared)
    for name in ("sampler-region-en.pptx", "outline/sampler-region-en.md"):    # B makes no region deck
        assert after[name] == first[name]
    owners = {e["file"]: e["project_id"] for e in manifest_of(shared)["decks"]}
    assert set(owners) == {"sampler-full-en.pptx", "sampler-region-en.pptx"}
    assert owners["sampler-region-en.pptx"] != owners["sampler-full-en.pptx"]


def test_a_deck_another_project_wrote_is_kept_beside_not_replaced(project, tmp_path, capsys):
    shared = tmp_path / "shared"
    edit(project.root, DECK, "title: Sampler Deck", "title: Project A's deck")
    assert run_cli(capsys, "--output", str(shared))[0] == 0
    theirs = (shared / "sampler-full-en.pptx").read_bytes()
    code, out, err = run_cli(capsys, "--project", str(other_project(tmp_path)), "--output", str(shared))
    assert code == 0
    assert (shared / "sampler-full-en.kept.pptx").read_bytes() == theirs
    assert (f"note: {shared}/sampler-full-en.pptx was not as a build left it; kept as "
            f"{shared}/sampler-full-en.kept.pptx") in err.splitlines()


def _moved(project, tmp_path: Path, how: str) -> Path:
    """The project moved (or copied) with its output/ into another folder, under its own name."""
    target = tmp_path / "elsewhere" / project.root.name
    target.parent.mkdir()
    if how == "copied":
        shutil.copytree(project.root, target, symlinks=True)
    else:
        os.rename(project.root, target)
    return target


@pytest.mark.parametrize("how", ["moved", "copied"])
def test_a_project_moved_or_copied_with_its_output_knows_its_own_decks(audiences, capsys, tmp_path,
                                                                       monkeypatch, how):
    _rebuild_would_change_everything(audiences, capsys)
    root = _moved(audiences, tmp_path, how)
    monkeypatch.chdir(root)
    (root / REGION).unlink()        # the complete build removes the deck no source makes any more
    code, out, err = run_cli(capsys, "--project", str(root))
    assert (code, err) == (0, "")
    assert sorted(p.relative_to(root / "output").as_posix() for p in (root / "output").rglob("*.*")) == [
        "manifest.json", "outline/sampler-full-en.md", "outline/sampler-partner-en.md", "sampler-full-en.pptx",
        "sampler-partner-en.pptx"]
    assert Presentation(str(root / "output/sampler-full-en.pptx")).core_properties.title == "Sampler Deck, revised"
    code, out, err = run_cli(capsys, "outline", "--project", str(root), "--output", "output")
    assert (code, err) == (0, "") and not list((root / "output").rglob("*.kept*"))


def test_a_deck_another_project_wrote_into_a_moved_projects_output_is_still_kept(project, tmp_path, capsys,
                                                                                   monkeypatch):
    other = other_project(tmp_path)
    edit(other, DECK, "title: Sampler Deck", "title: The other project's deck")
    assert run_cli(capsys, "--project", str(other), "--output", str(project.output))[0] == 0
    theirs = (project.output / "sampler-full-en.pptx").read_bytes()
    root = _moved(project, tmp_path, "moved")
    monkeypatch.chdir(root)
    code, out, err = run_cli(capsys, "--project", str(root))
    assert (code, err.splitlines()) == (0, [
        "note: output/sampler-full-en.pptx was not as a build left it; kept as output/sampler-full-en.kept.pptx",
        "note: output/outline/sampler-full-en.md was not as a build left it; kept as "
        "output/outline/sampler-full-en.kept.md"])
    assert (root / "output/sampler-full-en.kept.pptx").read_bytes() == theirs


def test_a_manifest_of_the_earlier_rule_still_names_this_projects_decks(project, capsys):
    """Builds before ownership by content recorded a project by its folder's path: an upgrade
    finds its own decks, and keeps no copies of them."""
    _rebuild_would_change_everything(project, capsys)
    data = manifest_of(project.output)
    for entry in data["decks"]:
        entry["project_id"] = sha(str(project.root.resolve()).encode())[:16]
    (project.output / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    assert run_cli(capsys)[:3:2] == (0, "")
    assert [e["project_id"] for e in manifest_of(project.output)["decks"]] == [
        sha(f"project:{project.root.name}".encode())[:16]]


MINE = b"my own slides, not a build's"


def _crafted(case: str, root: Path, out: Path, pid: str) -> Path:
    """Put the user's own file somewhere and list it in the manifest as `case` says; returns it."""
    inside = out / "mine.pptx"
    outside = root / "elsewhere" / "mine.pptx"
    outside.parent.mkdir()
    outside.write_bytes(MINE)
    inside.write_bytes(MINE)
    ours = {"sha256": sha(MINE), "project_id": pid}
    entry, user_file = {"file": "mine.pptx", **ours}, inside
    if case == "another project's entry":
        entry["project_id"] = "0123456789abcdef"
    elif case == "an entry without project_id":
        del entry["project_id"]
    elif case == "this project's entry, other bytes":
        entry["sha256"] = "0" * 64
    elif case == "this project's entry climbing out":
        entry, user_file = {"file": "../elsewhere/mine.pptx", **ours}, outside
    elif case == "this project's entry, absolute path":
        entry, user_file = {"file": str(outside), **ours}, outside
    elif case == "this project's entry naming a link to the file":
        (out / "link.pptx").symlink_to(outside)
        entry, user_file = {"file": "link.pptx", **ours}, outside
    elif case == "this project's entry through a linked folder":
        (out / "sub").symlink_to(outside.parent, target_is_directory=True)
        entry, user_file = {"file": "sub/mine.pptx", **ours}, outside
    elif case == "this project's outline through a linked folder":
        (out / "sub").symlink_to(outside.parent, target_is_directory=True)
        entry = {"file": "gone.pptx", "sha256": "0" * 64, "project_id": pid,
                 "outline": "sub/mine.pptx", "outline_sha256": sha(MINE)}
        user_file = outside
    data = manifest_of(out)
    data["decks"].append(entry)
    (out / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    return user_file


@pytest.mark.parametrize("case, note", [
    ("another project's entry", ""),
    ("an entry without project_id", ""),
    ("this project's entry, other bytes",
     "note: output/mine.pptx: no source makes it any more, but it was changed since it was built; left in place\n"),
    ("this project's entry climbing out", ""),
    ("this project's entry, absolute path", ""),
    ("this project's entry naming a link to the file", ""),
    ("this project's entry through a linked folder", ""),
    ("this project's outline through a linked folder", ""),
])
def test_a_users_file_listed_in_a_crafted_manifest_survives(project, capsys, case, note):
    assert run_cli(capsys)[0] == 0
    user_file = _crafted(case, project.root, project.output, project_id(project.output))
    code, out, err = run_cli(capsys)
    assert user_file.read_bytes() == MINE
    assert (code, err) == (0, note)


def test_a_crafted_entry_never_deletes_what_the_build_just_wrote(project, capsys):
    assert run_cli(capsys)[0] == 0
    outline = project.output / "outline/sampler-full-en.md"
    data = manifest_of(project.output)
    data["decks"].append({"file": "outline/sampler-full-en.md", "sha256": sha(outline.read_bytes()),
                          "project_id": project_id(project.output)})
    (project.output / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    assert run_cli(capsys)[:3:2] == (0, "")
    for entry in manifest_of(project.output)["decks"]:
        assert (project.output / entry["file"]).is_file() and (project.output / entry["outline"]).is_file()


def test_a_deck_edited_by_hand_survives_when_its_profile_is_deleted(audiences, capsys):
    assert run_cli(capsys)[0] == 0
    edited = audiences.output / "sampler-region-en.pptx"
    edited.write_bytes(edited.read_bytes() + b"edited by hand")
    kept = edited.read_bytes()
    (audiences.root / REGION).unlink()
    code, out, err = run_cli(capsys)
    assert (code, err) == (0, "note: output/sampler-region-en.pptx: no source makes it any more, but it was "
                              "changed since it was built; left in place\n")
    assert edited.read_bytes() == kept
    assert not (audiences.output / "outline/sampler-region-en.md").exists()    # unchanged, so the build's
    assert [e["file"] for e in manifest_of(audiences.output)["decks"]] == [
        "sampler-full-en.pptx", "sampler-partner-en.pptx"]
    assert run_cli(capsys)[:3:2] == (0, "")         # no longer listed: never touched again
    assert edited.read_bytes() == kept


def test_files_in_the_way_of_new_decks_are_kept_beside(project, capsys):
    out = project.output
    write(out / "sampler-full-en.pptx", "my own deck")
    write(out / "sampler-full-en.kept.pptx", "an older deck of mine")
    write(out / "outline/sampler-full-en.md", "my own notes")
    code, _, err = run_cli(capsys)
    assert (code, err.splitlines()) == (0, [
        "note: output/sampler-full-en.pptx was not as a build left it; kept as output/sampler-full-en.kept-2.pptx",
        "note: output/outline/sampler-full-en.md was not as a build left it; kept as "
        "output/outline/sampler-full-en.kept.md"])
    assert (out / "sampler-full-en.kept-2.pptx").read_text() == "my own deck"
    assert (out / "sampler-full-en.kept.pptx").read_text() == "an older deck of mine"
    assert (out / "outline/sampler-full-en.kept.md").read_text() == "my own notes"
    assert len(Presentation(str(out / "sampler-full-en.pptx")).slides) == 9


PEAK_MEMORY = """
import resource, subprocess, sys
subprocess.run([sys.executable, "-m", "briefing", *sys.argv[1:]], check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
"""


def test_a_huge_file_in_the_way_costs_no_memory(project, capsys):
    assert run_cli(capsys)[0] == 0
    with (project.output / "sampler-full-en.pptx").open("wb") as f:       # the user's, 1 GB (sparse)
        f.truncate(999_999_999)
    result = subprocess.run([sys.executable, "-c", PEAK_MEMORY], cwd=project.root, capture_output=True, text=True,
                            timeout=TIMEOUT, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert (project.output / "sampler-full-en.kept.pptx").stat().st_size == 999_999_999
    assert int(result.stdout.split()[-1]) < 400, "peak memory in MB"


def _rebuild_would_change_everything(project, capsys) -> None:
    """Build, then edit the sources so that the next build writes other bytes for every file."""
    assert run_cli(capsys)[0] == 0
    edit(project.root, DECK, "title: Sampler Deck", "title: Sampler Deck, revised")


@pytest.mark.parametrize("name, how", [
    ("sampler-region-en.pptx", "folder"),
    ("outline/sampler-region-en.md", "folder"),
    ("sampler-region-en.pptx", "dangling link"),
    ("sampler-region-en.pptx", "link to a folder"),
])
def test_something_other_than_a_file_where_a_deck_goes_is_an_error_before_any_move(audiences, capsys, tmp_path,
                                                                                     name, how):
    _rebuild_would_change_everything(audiences, capsys)
    target = audiences.output / name
    target.unlink()
    if how == "folder":
        (target / "inside").mkdir(parents=True)
    elif how == "dangling link":
        target.symlink_to(tmp_path / "nowhere")
    else:
        target.symlink_to(tmp_path, target_is_directory=True)
    before = snapshot(audiences.output)
    code, out, err = run_cli(capsys)
    assert (code, out, err) == (1, "", f"output/{name}: something other than a file stands where it goes; move it "
                                       "away (no deck in the output folder was changed)\n")
    assert snapshot(audiences.output) == before


def test_a_file_where_the_outline_folder_goes_is_named(project, capsys):
    write(project.output / "outline", "my outline, one file")
    before = snapshot(project.output)
    code, out, err = run_cli(capsys)
    assert snapshot(project.output) == before
    assert (code, out) == (1, "")
    assert err.startswith("output/outline: ")


def test_a_failed_build_does_not_set_an_untrusted_manifest_aside(project, capsys):
    _rebuild_would_change_everything(project, capsys)
    (project.output / "manifest.json").write_text("null")
    (project.output / "sampler-full-en.pptx").unlink()
    (project.output / "sampler-full-en.pptx").mkdir()
    before = snapshot(project.output)
    code, _, err = run_cli(capsys)
    assert code == 1 and err.endswith("output/sampler-full-en.pptx: something other than a file stands where it "
                                      "goes; move it away (no deck in the output folder was changed)\n")
    assert snapshot(project.output) == before


# --- untrusted manifests: set aside, never a failure, never a deletion ------------------------------

def _manifest_link_elsewhere(path: Path) -> None:
    notes = path.parent.parent / "my-notes.txt"
    notes.write_text("my notes, not a manifest")
    path.symlink_to(notes)


def _sparse_10_gb(path: Path) -> None:
    with path.open("wb") as f:
        f.truncate(10_000_000_000)


BAD_MANIFESTS = {
    '{"decks": 5}': (lambda p: p.write_text('{"decks": 5}'), "is not a manifest of decks"),
    "null": (lambda p: p.write_text("null"), "is not a manifest of decks"),
    "a list": (lambda p: p.write_text("[]"), "is not a manifest of decks"),
    "100,000 nested [": (lambda p: p.write_text("[" * 100_000), "is not the JSON this tool writes"),
    "empty": (lambda p: p.write_text(""), "is not the JSON this tool writes"),
    "not UTF-8": (lambda p: p.write_bytes(b'{"decks": ["\xff"]}'), "is not the JSON this tool writes"),
    "a FIFO": (lambda p: os.mkfifo(p), "is not a regular file"),
    "a link to /dev/zero": (lambda p: p.symlink_to("/dev/zero"), "is a link, not the file this tool writes"),
    "a folder": (lambda p: (p / "inside").mkdir(parents=True), "is not a regular file"),
    "huge (10 GB, sparse)": (_sparse_10_gb, "is 10,000,000,000 bytes, larger than any manifest"),
    "a link to the user's notes": (_manifest_link_elsewhere, "is a link, not the file this tool writes"),
    "a link to itself": (lambda p: p.symlink_to("manifest.json"), "is a link, not the file this tool writes"),
}


def _set_aside_note(why: str) -> str:
    if why.startswith("cannot be read"):
        return f"note: output/manifest.json: {why}; set aside"
    return f"note: output/manifest.json: {why}; set aside, and no deck it lists was deleted"


@SKIP_NO_FIFO
@pytest.mark.parametrize("kind", list(BAD_MANIFESTS))
def test_an_untrusted_manifest_is_set_aside_and_nothing_is_lost(project, capsys, kind):
    _rebuild_would_change_everything(project, capsys)
    out = project.output
    old = snapshot(out)
    make, why = BAD_MANIFESTS[kind]
    (out / "manifest.json").unlink()
    make(out / "manifest.json")
    bad = snapshot(out)
    run = cli(project.root)         # a FIFO or /dev/zero read by mistake would hang: a fresh process
    assert (run.code, run.lines) == (0, [
        _set_aside_note(why),
        "note: output/sampler-full-en.pptx was not as a build left it; kept as output/sampler-full-en.kept.pptx",
        "note: output/outline/sampler-full-en.md was not as a build left it; kept as "
        "output/outline/sampler-full-en.kept.md"])
    assert run.seconds < 10
    after = snapshot(out)
    assert after["sampler-full-en.kept.pptx"] == old["sampler-full-en.pptx"]
    assert after["outline/sampler-full-en.kept.md"] == old["outline/sampler-full-en.md"]
    set_aside = {k.replace("manifest.json", "manifest.json.unreadable", 1): v for k, v in bad.items()
                 if k.startswith("manifest.json")}
    assert {k: v for k, v in after.items() if k.startswith("manifest.json.unreadable")} == set_aside
    assert [e["file"] for e in manifest_of(out)["decks"]] == ["sampler-full-en.pptx"]
    if kind == "a link to the user's notes":
        assert (project.root / "my-notes.txt").read_text() == "my notes, not a manifest"


def test_a_manifest_that_is_a_dangling_link_never_fails_the_build(project, capsys, tmp_path):
    assert run_cli(capsys)[0] == 0
    (project.output / "manifest.json").unlink()
    (project.output / "manifest.json").symlink_to(tmp_path / "gone.json")
    run = cli(project.root)
    assert run.code == 0, run.err
    assert os.readlink(project.output / "manifest.json.unreadable") == str(tmp_path / "gone.json")


def test_junk_entries_in_a_manifest_are_ignored(project, capsys):
    _rebuild_would_change_everything(project, capsys)
    old = (project.output / "sampler-full-en.pptx").read_bytes()
    junk = [None, 5, "x", [], {}, {"file": 7}, {"file": ["a"]}, {"file": ""}, {"file": "."},
            {"file": "sampler-full-en.pptx", "sha256": {"not": "text"}, "project_id": [1]},
            {"file": "x.pptx", "project_id": project_id(project.output), "outline": 5, "outline_sha256": None}]
    (project.output / "manifest.json").write_text(json.dumps({"decks": junk}))
    run = cli(project.root)
    assert (run.code, run.lines) == (0, [
        "note: output/sampler-full-en.pptx was not as a build left it; kept as output/sampler-full-en.kept.pptx",
        "note: output/outline/sampler-full-en.md was not as a build left it; kept as "
        "output/outline/sampler-full-en.kept.md"])
    assert (project.output / "sampler-full-en.kept.pptx").read_bytes() == old


# === 2. Publishing is all or nothing: a move fails at every step ==================================

REBUILD_MOVES = [name for deck in ("full", "partner", "region")
                 for name in (f"sampler-{deck}-en.pptx", f"outline/sampler-{deck}-en.md")] + ["manifest.json"]
"""What a build of the three variants over an earlier build publishes, in order."""


class FailingReplace:
    """os.replace, failing at the `fail_at`-th call made while briefing.publish.output.publish runs
    (0: never), and recording each call made then as (from, to) names."""

    def __init__(self, monkeypatch, out: Path, fail_at: int = 0):
        import briefing.publish.output

        self.calls: list[tuple[str, str]] = []
        self.fail_at, self.active, self.out = fail_at, False, out
        real_replace, real_publish = os.replace, briefing.publish.output.publish

        def replace(source, target, *args, **kwargs):
            if self.active:
                self.calls.append((self._name(source), self._name(target)))
                if len(self.calls) == self.fail_at:
                    raise OSError(errno.EIO, "Input/output error")
            return real_replace(source, target, *args, **kwargs)

        def publish(*args, **kwargs):
            self.active = True
            try:
                return real_publish(*args, **kwargs)
            finally:
                self.active = False

        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(briefing.publish.output, "publish", publish)

    def _name(self, path) -> str:
        relative = Path(path).resolve().relative_to(self.out.resolve()).as_posix()
        return "staging/" + relative.split("/", 1)[1] if relative.startswith(".staging-") else relative


def test_a_rebuild_publishes_fourteen_moves_in_order(audiences, capsys, monkeypatch):
    _rebuild_would_change_everything(audiences, capsys)
    moves = FailingReplace(monkeypatch, audiences.output)
    assert run_cli(capsys)[:3:2] == (0, "")
    assert moves.calls == [move for name in REBUILD_MOVES
                           for move in ((name, f"staging/.replaced/{name}"), (f"staging/{name}", name))]


# Each move is the same call; the first and last of each kind, and one in the middle, stand for all.
@pytest.mark.parametrize("k", sorted({1, 2, len(REBUILD_MOVES) + 1, 2 * len(REBUILD_MOVES) - 1,
                                      2 * len(REBUILD_MOVES)}))
def test_a_move_failing_midway_puts_every_file_back(audiences, capsys, monkeypatch, k):
    _rebuild_would_change_everything(audiences, capsys)
    before = snapshot(audiences.output)
    FailingReplace(monkeypatch, audiences.output, fail_at=k)
    code, out, err = run_cli(capsys)
    target = REBUILD_MOVES[(k - 1) // 2]
    assert (code, out, err) == (1, "", f"output/{target}: cannot put the new file in place (Input/output error); "
                                       "every file in the output folder was put back as it was\n")
    assert snapshot(audiences.output) == before            # no staging folder left either


@pytest.mark.parametrize("k", range(1, 5))
def test_a_move_failing_midway_puts_a_users_file_back(project, capsys, monkeypatch, k):
    # Moves: the user's deck aside (kept), the new deck, its outline, the manifest.
    write(project.output / "sampler-full-en.pptx", "my own deck")
    before = snapshot(project.output)
    moves = FailingReplace(monkeypatch, project.output, fail_at=k)
    code, out, err = run_cli(capsys)
    assert moves.calls[0] == ("sampler-full-en.pptx", "sampler-full-en.kept.pptx")
    target = ["sampler-full-en.pptx", "sampler-full-en.pptx", "outline/sampler-full-en.md", "manifest.json"][k - 1]
    assert (code, out, err) == (1, "", f"output/{target}: cannot put the new file in place (Input/output error); "
                                       "every file in the output folder was put back as it was\n")
    files = {name: data for name, data in snapshot(project.output).items() if data != "folder"}
    assert files == before          # an empty outline/ folder is left: see the next test


def test_a_failed_publication_leaves_no_folder_behind(project, capsys, monkeypatch):
    write(project.output / "sampler-full-en.pptx", "my own deck")
    before = snapshot(project.output)
    FailingReplace(monkeypatch, project.output, fail_at=1)
    assert run_cli(capsys)[0] == 1
    assert snapshot(project.output) == before


DURING_THE_MOVES = """
import os, signal
import briefing.publish.output as output
real_moves = output._moves
def moves(plan, *rest):
    os.kill(os.getpid(), signal.SIG{name})      # held while the files move, delivered after
    return real_moves(plan, *rest)
output._moves = moves
"""


@pytest.mark.parametrize("name", ["TERM", "INT"])
def test_a_signal_during_the_moves_is_never_reported_as_nothing_changed(audiences, capsys, name):
    _rebuild_would_change_everything(audiences, capsys)
    before = snapshot(audiences.output)
    run = cli(audiences.root, driver=DURING_THE_MOVES.format(name=name))
    after = snapshot(audiences.output)
    if run.code == 130:
        assert (run.err, after) == (INTERRUPTED + "\n", before)
    else:       # or it finishes what it started, and says so
        assert run.code == 0 and after != before and "Traceback" not in run.err


# === 3. Bounded work ===========================================================================

# --- template bombs: each stopped at its field, within seconds ----------------------------------------

MEMORY = "template too big: it asked for more memory than any slide needs"
BOMBS = {
    "'%*d' % (10**9, 1)": ("{{ '%*d' % (10**9, 1) }}", MEMORY),
    "a doubling ~ macro": ("{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}{{ s|length }}{% endif %}"
                           "{% endmacro %}{{ d('x', 40) }}", MEMORY),
    "a replace bomb": ("{{ ('x' * 20000)|replace('x', 'x' * 20000)|replace('x', 'xx')|length }}", MEMORY),
    "a join bomb": ("{{ range(100000)|join('x' * 20000)|length }}", MEMORY),
    "an indent bomb": ("{{ ('x\\n' * 10000)|indent(20000) }}",
                       "template too big: the value would be 200,000,000 long; a template value may be at most "
                       "20,000"),
    "a tower of powers": ("{{ 2 ** 64 ** 64 ** 64 }}", "template too big: it made a number of thousands of digits"),
    "lipsum": ("{{ lipsum(100) }}", "undefined variable: 'lipsum' is undefined (defined: deck, fmt, partner)"),
    "random": ("{{ [1, 2]|random }}", "template syntax: No filter named 'random'."),
}


def _template_in_a_title(root: Path, template: str) -> None:
    edit(root, DECK, "title: Compare", f"title: >-\n      {template}")     # a block: no YAML escapes


@pytest.mark.parametrize("bomb", list(BOMBS))
def test_a_template_bomb_is_stopped_at_its_field(project, bomb):
    template, message = BOMBS[bomb]
    _template_in_a_title(project.root, template)
    run = cli(project.root, "check")
    assert (run.code, run.out, run.lines) == (1, "", [f"{DECK}:27:5: slides[3].title: {message}",
                                                      "1 error in 1 file"])
    assert run.seconds < 10


def test_work_done_in_c_beyond_the_line_watch_is_stopped_at_the_time_limit(project):
    # Each big power takes a fraction of a second in C, where the 2 s line watch cannot look. The
    # limit is 10 s; the test lowers it to 3 s (in the parent, which watches the child) to spend less.
    _template_in_a_title(project.root, "{% for i in range(100000) %}{{ 3 ** 64 ** 64 ** 64 ** 16 % 7 }}{% endfor %}")
    run = cli(project.root, "check", driver="import briefing.render.child as c; c.LIMIT_SECONDS = 3.0")
    assert (run.code, run.out, run.lines) == (1, "", [
        f"{DECK}:27:5: slides[3].title: template stopped: it took more than 3 s or more than 600 MB of memory, far "
        "more than any slide needs", "1 error in 1 file"])
    assert 2.5 < run.seconds < 9


# --- special files where a source goes: refused unopened ---------------------------------------------

NOT_REGULAR = "cannot read: not a regular file (a folder, a pipe or a device)"
SPECIAL_KINDS = ["FIFO", "link to /dev/zero", "folder"]
def _special_cases():
    for kind in SPECIAL_KINDS:
        yield "deck.yaml", DECK, kind, f"{DECK}: {NOT_REGULAR}", ()
        yield "a profile", PARTNER, kind, f"{PARTNER}: {NOT_REGULAR}", ()
        yield "the chart definition", "charts/growth.yaml", kind, (
            f"{DECK}:45:7: slides[5].chart.name: charts/growth.yaml is outside the project (charts/ or the file is a "
            "link out); copy it in" if kind == "link to /dev/zero" else f"charts/growth.yaml: {NOT_REGULAR}"), ()
        yield "chart data", "charts/data/growth.yaml", kind, (
            "charts/growth.yaml:2:1: data: charts/data/growth.yaml is a link to a file outside charts/; copy the data "
            "in instead" if kind == "link to /dev/zero" else f"charts/data/growth.yaml: {NOT_REGULAR}"), ()
        if kind == "link to /dev/zero":
            yield "the theme", "templates/themes/default.yaml", kind, (
                f"{DECK}:2:1: theme: templates/themes/default.yaml is outside the project (a link out); copy it in"), ()
            yield "a .j2 macro file", "templates/text/fmt.j2", kind, "templates/text/fmt.j2:1:1: template: ", ()
        else:
            yield "the theme", "templates/themes/default.yaml", kind, \
                f"templates/themes/default.yaml: {NOT_REGULAR}", ()
            yield "a .j2 macro file", "templates/text/fmt.j2", kind, ("templates/text/fmt.j2:1:1: template: "
                                                                     "templates/text/fmt.j2: cannot be read: not a "
                                                                     "regular file (a folder, a pipe or a device)"), ()


@SKIP_NO_FIFO
@pytest.mark.parametrize("what, relative, kind, message", [
    pytest.param(what, relative, kind, message, marks=marks, id=f"{what} is a {kind}")
    for what, relative, kind, message, marks in _special_cases()])
def test_a_special_file_where_a_source_goes_is_refused_unopened(project, what, relative, kind, message):
    if relative == PARTNER:
        write(project.root / PARTNER, "name: Partner\n")
    make_special(project.root / relative, kind)
    run = cli(project.root, "check")
    assert (run.code, run.out) == (1, "")
    if message.endswith(": "):      # the wording is the team's to choose; it must say what is wrong
        assert run.lines[0].startswith(message) and ("outside" in run.lines[0] or "regular" in run.lines[0])
    else:
        assert run.lines[0] == message
    assert run.lines[1:] == ["1 error in 1 file"] and "did you mean" not in run.err
    assert run.seconds < 10
    build = cli(project.root, "build")
    assert (build.code, build.out, build.lines) == (1, "", run.lines)
    assert build.seconds < 10
    assert not project.output.exists()


HUGE = "file is 10,000,000,000 bytes; content files are limited to 1,000,000"


@pytest.mark.parametrize("relative, message", [
    (DECK, f"{DECK}:1:1: {HUGE}"),
    ("charts/growth.yaml", f"charts/growth.yaml:1:1: {HUGE}"),
    ("charts/data/growth.yaml", f"charts/data/growth.yaml:1:1: {HUGE}"),
    ("templates/themes/default.yaml", f"templates/themes/default.yaml:1:1: {HUGE}"),
    ("templates/text/fmt.j2", "templates/text/fmt.j2:1:1: template: templates/text/fmt.j2: cannot be read: the file "
                              "is 10,000,000,000 bytes; files here are limited to 200,000"),
])
def test_a_10_gb_source_is_refused_unread(project, relative, message):
    with (project.root / relative).open("r+b") as f:
        f.truncate(10_000_000_000)      # sparse: costs no disk, would cost 10 GB to read
    run = cli(project.root, "check")
    assert (run.code, run.lines) == (1, [message, "1 error in 1 file"])
    assert run.seconds < 10


def test_a_build_refused_for_a_template_shows_no_traceback(project):
    _template_in_a_title(project.root, "{{ nope }}")
    run = cli(project.root, "build", "--no-cache")      # the chart-drawing child has started: it must end quietly
    assert (run.code, run.out, run.lines) == (1, "", [
        f"{DECK}:27:5: slides[3].title: undefined variable: 'nope' is undefined (defined: deck, fmt, partner)",
        "1 error in 1 file"])


SLOW_TO_START = """
import time
from briefing.runtime import processes as workers
_start_worker = workers.start_worker
def start_worker():
    time.sleep(1.0)         # a worker slow to start, as on a loaded machine: the build stops meanwhile
    _start_worker()
workers.start_worker = start_worker
"""


@pytest.mark.parametrize("stop", ["deck.yaml is a FIFO", "the packaged font is missing"])
def test_a_child_stopped_before_it_is_ready_shows_no_traceback(project, tmp_path, stop):
    if stop == "deck.yaml is a FIFO":
        make_special(project.root / DECK, "FIFO")
        driver, expected = SLOW_TO_START, [f"{DECK}: {NOT_REGULAR}", "1 error in 1 file"]
    else:
        driver, expected = SLOW_TO_START + NO_FONT, [FONT_MESSAGE]
    run = cli(project.root, "--no-cache", driver=driver, env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert (run.code, run.out, run.lines) == (1, "", expected)


# --- text macro files: bounded like text --------------------------------------------------------------

def test_a_macro_file_over_200_kb_is_refused_unread(project):
    with (project.templates / "text/fmt.j2").open("a", encoding="utf-8") as f:
        f.write("{# " + "x" * 300_000 + " #}")
    size = (project.templates / "text/fmt.j2").stat().st_size
    run = cli(project.root, "check")
    assert (run.code, run.lines) == (1, [f"templates/text/fmt.j2:1:1: template: templates/text/fmt.j2: cannot be "
                                         f"read: the file is {size:,} bytes; files here are limited to 200,000",
                                         "1 error in 1 file"])


def test_a_macro_file_that_never_ends_is_stopped(project):
    with (project.templates / "text/fmt.j2").open("a", encoding="utf-8") as f:
        f.write("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n")
    run = cli(project.root, "check")
    assert (run.code, run.lines) == (1, ["templates/text/fmt.j2:1:1: template: the template ran for more than 2 s; "
                                         "it must be a loop or a macro that never ends", "1 error in 1 file"])
    assert run.seconds < 10


def test_a_macro_file_that_asks_for_a_gigabyte_is_located_without_a_traceback(project):
    with (project.templates / "text/fmt.j2").open("a", encoding="utf-8") as f:
        f.write("{% set x = range(100000)|join('x' * 20000) %}\n")
    run = cli(project.root, "check")
    assert run.code == 1 and "Traceback" not in run.err
    assert run.lines[0].startswith("templates/text/fmt.j2:")
    assert run.seconds < 10


# --- sizes: slides, rows, bars, words, long text -----------------------------------------------------

def test_a_20000_character_word_is_refused(project):
    edit(project.root, DECK, "      - First point", "      - " + "x" * 20_000)
    run = cli(project.root, "check")
    assert (run.code, run.lines) == (1, [
        f"{DECK}:22:9: slides[2].items[0]: has a word of 20,000 characters without a space; a slide cannot show one "
        "of more than 120: break it up", "1 error in 1 file"])
    assert run.seconds < 10


def test_a_20000_character_title_word_is_refused(project):
    edit(project.root, DECK, "title: Compare", "title: " + "T" * 20_000)
    run = cli(project.root, "check")
    assert (run.code, run.lines) == (1, [
        f"{DECK}:27:5: slides[3].title: has a word of 20,000 characters without a space; a slide cannot show one "
        "of more than 120: break it up", "1 error in 1 file"])
    assert run.seconds < 10


def test_a_20000_character_title_of_words_does_not_fit(project):
    edit(project.root, DECK, "title: Compare", "title: " + " ".join(["word"] * 4000))
    run = cli(project.root, "check")
    assert run.code == 1 and len(run.lines) == 2 and run.lines[1] == "1 error in 1 file"
    assert run.lines[0].startswith(f"{DECK}:27:5: slides[3].title: text needs ")
    assert run.lines[0].endswith("% of the line at the 20 pt floor; shorten it")
    assert run.seconds < 10


@pytest.mark.parametrize("words", ["word", "日本語の文章です。"])
def test_fitting_a_300000_character_text_takes_seconds_not_minutes(project, words):
    edit(project.root, DECK, "      - First point", "      - " + " ".join([words] * (300_000 // (len(words) + 1))))
    run = cli(project.root, "check")
    assert run.code == 1 and run.lines[0].startswith(f"{DECK}:21:5: slides[2].items: text needs ")
    assert run.seconds < 10


def test_4000_slides_are_refused(project):
    slides = "".join(f"  - id: s{i}\n    layout: statements\n    title: S {i}\n    items: [x]\n" for i in range(4000))
    with (project.root / DECK).open("a", encoding="utf-8") as f:
        f.write(slides)
    run = cli(project.root, "check")
    assert (run.code, run.lines) == (1, [f"{DECK}:10:1: slides: expected at most 200 items, got 4009",
                                         "1 error in 1 file"])
    assert run.seconds < 10


def test_a_30000_row_chart_is_refused(project):
    rows = "".join(f"  - {{year: {i % 9999 + 1}, value: 1}}\n" for i in range(30_000))
    (project.charts / "data/growth.yaml").write_text("source: Test\nrows:\n" + rows, encoding="utf-8")
    run = cli(project.root, "check")
    assert (run.code, run.lines) == (1, ["charts/data/growth.yaml:2:1: rows: 'rows' has 30,000 rows; a chart's data "
                                         "may have at most 5,000", "1 error in 1 file"])
    assert run.seconds < 10


def test_201_bars_are_refused(project):
    rows = "".join(f"  - {{year: {year}, value: 1}}\n" for year in range(1800, 2001))
    (project.charts / "data/growth.yaml").write_text("source: Test\nrows:\n" + rows, encoding="utf-8")
    edit(project.root, "charts/growth.yaml", "first: 2010", "first: 1800")
    edit(project.root, "charts/growth.yaml", "last: 2012", "last: 2000")
    run = cli(project.root, "check")
    assert (run.code, run.lines) == (1, ["charts/growth.yaml:6:1: first: the range 1800-2000 holds 201 bars; a slide "
                                         "shows at most 200 legibly: narrow the range", "1 error in 1 file"])


# === 4. No traceback, for any content, environment or missing package ===============================

# --- control characters are quoted escaped ------------------------------------------------------------

def test_a_control_character_in_an_unknown_key_is_echoed_escaped(project, capsys):
    edit(project.root, DECK, "title: Compare", 'title: Compare\n    "\\x1b[2Jkey": x')
    code, _, err = run_cli(capsys, "check")
    assert (code, err.splitlines()) == (1, [
        f"{DECK}:28:5: slides[3].\\x1b[2Jkey: unknown field '\\x1b[2Jkey'; expected one of id, layout, notes, "
        "review, title, fit, figures_differ, left, right", "1 error in 1 file"])


def test_an_unknown_key_holding_a_control_character_is_never_echoed_raw(project, capsys):
    edit(project.root, DECK, "title: Compare", 'title: Compare\n    colour: "\\x1b[2J"')
    code, _, err = run_cli(capsys, "check")
    assert (code, err.splitlines()[0]) == (1, f"{DECK}:28:13: contains the character U+001B (at position 1), which "
                                              "a slide cannot hold; remove it")
    assert "\x1b" not in err


@pytest.mark.parametrize("args, message", [
    (["\x1b[2J"], "\\x1b[2J: no such deck; decks: sampler"),
    (["--audience", "\x1b[2J"], "content/sampler/audiences: no audience '\\x1b[2J'; audiences: full"),
    (["check", "--lang", "\x1b[2J"], "content: no deck in '\\x1b[2J'; the decks are in: en"),
])
def test_control_characters_on_the_command_line_are_echoed_escaped(project, capsys, args, message):
    code, out, err = run_cli(capsys, *args)
    assert (code, out, err.splitlines()) == (1, "", [message, "1 error in 1 file"])


def test_list_escapes_a_control_character_in_a_folder_name(project, capsys):
    (project.content / "sampler").rename(project.content / "a\x1b[2Jb")
    code, out, err = run_cli(capsys, "list")
    assert code == 0 and "\x1b" not in out + err
    assert "(content/a\\x1b[2Jb/deck.yaml)" in out


# --- a carriage return is a line break, never _x000D_ ----------------------------------------------

def test_a_carriage_return_in_text_is_a_line_break_not_x000d(project, capsys):
    edit(project.root, DECK, "      - First point", '      - "First\\rpoint"')
    edit(project.root, DECK, "notes: Cover notes.", 'notes: "Cover\\r\\nnotes\\rend"')
    edit(project.root, DECK, "notes: Bullet notes.", "notes: Bullet{{ '\\r' }}notes.")     # from a template
    assert run_cli(capsys)[:3:2] == (0, "")
    deck = project.output / "sampler-full-en.pptx"
    with zipfile.ZipFile(deck) as z:
        parts = {name: z.read(name) for name in z.namelist() if name.endswith(".xml")}
    assert [name for name, data in parts.items() if b"_x000D_" in data or b"&#13;" in data] == []
    slides = Presentation(str(deck)).slides
    texts = [s.text_frame.text for s in slides[2].shapes if s.has_text_frame]
    assert any("First\vpoint" in t for t in texts)      # a:br, a line break inside the paragraph
    assert slides[0].notes_slide.notes_text_frame.text == "Cover\nnotes\nend"
    assert "\r" not in slides[2].notes_slide.notes_text_frame.text


# --- the environment ----------------------------------------------------------------------------------

@pytest.mark.parametrize("value, message", [
    ("99999999999999999", "SOURCE_DATE_EPOCH is 99999999999999999, which is not a time between 1980 and 9999; a "
                          "deck file cannot carry it"),
    ("abc", "SOURCE_DATE_EPOCH is 'abc'; it must be a whole number of seconds since 1970"),
    ("-5", "SOURCE_DATE_EPOCH is '-5'; it must be a whole number of seconds since 1970"),
    ("1e9", "SOURCE_DATE_EPOCH is '1e9'; it must be a whole number of seconds since 1970"),
    ("315532799", "SOURCE_DATE_EPOCH is 315532799, which is not a time between 1980 and 9999; a deck file cannot "
                  "carry it"),
    ("9" * 5000, f"SOURCE_DATE_EPOCH is {'9' * 40}, which is not a time between 1980 and 9999; a deck file cannot "
                 "carry it"),
    ("\x1b[2J", "SOURCE_DATE_EPOCH is '\\x1b[2J'; it must be a whole number of seconds since 1970"),
])
def test_an_unusable_source_date_epoch_is_an_error_before_anything_is_built(project, capsys, monkeypatch, value,
                                                                            message):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    for command in ("check", "build"):
        code, out, err = run_cli(capsys, command)
        assert (code, out, err.splitlines()) == (1, "", [f"SOURCE_DATE_EPOCH: {message}", "1 error in 1 file"])
    assert not project.output.exists()


@pytest.mark.parametrize("where, line", [(DECK, 6), (PARTNER, 2)])
@pytest.mark.parametrize("written", ['"2023-02-30"', "2023-02-30"])
def test_an_issued_date_not_in_the_calendar_is_located(project, capsys, where, line, written):
    if where == DECK:
        edit(project.root, DECK, 'date: "2026"', f'date: "2026"\nissued: {written}')
    else:
        write(project.root / PARTNER, f"name: Partner\nissued: {written}\n")
    code, out, err = run_cli(capsys)
    assert (code, out, err.splitlines()) == (1, "", [f"{where}:{line}:1: issued: 2023-02-30 is not a date in the "
                                                     "calendar", "1 error in 1 file"])
    assert not project.output.exists()


# --- deck folders with Japanese and long names ----------------------------------------------------------

@pytest.mark.parametrize("folder", ["日本語", "a" * 70])
def test_a_deck_folder_with_a_unicode_or_long_name_builds(project, capsys, folder):
    (project.content / "sampler").rename(project.content / folder)
    code, out, err = run_cli(capsys)
    assert (code, err) == (0, "")
    assert sorted(os.listdir(project.output)) == sorted(["manifest.json", "outline", f"{folder}-full-en.pptx"])
    assert os.listdir(project.output / "outline") == [f"{folder}-full-en.md"]
    assert run_cli(capsys, "list")[1].startswith(f"{folder}-full-en.pptx: Sampler Deck, the full deck "
                                                 f"(content/{folder}/deck.yaml)")


def test_a_deck_folder_name_too_long_for_file_names_is_refused(project, capsys):
    folder = "語" * 70        # 210 bytes of UTF-8
    (project.content / "sampler").rename(project.content / folder)
    code, out, err = run_cli(capsys)
    assert (code, out, err.splitlines()) == (1, "", [
        f"content/{folder}: the deck's name is 70 characters long, too long for its files' names; keep it under 50",
        "1 error in 1 file"])


# --- missing packages and fonts ---------------------------------------------------------------------

NO_FONT = "import briefing.text.fonts\nbriefing.text.fonts.packaged_font_file = lambda family: None\n"
FONT_MESSAGE = ("the IPAexGothic font file, which text is measured with, is missing: reinstall the matplotlib-fontja "
                "package (python -m pip install --force-reinstall matplotlib-fontja)")


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_missing_packaged_font_is_a_clear_error(project, command, tmp_path):
    run = cli(project.root, command, driver=NO_FONT, env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert (run.code, run.out, run.lines) == (1, "", [FONT_MESSAGE])
    assert not project.output.exists()


def test_a_missing_packaged_font_is_a_clear_error_in_process(project, capsys, monkeypatch, tmp_path):
    import briefing.text.fonts
    from briefing.text import measure

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(briefing.text.fonts, "packaged_font_file", lambda family: None)
    measure.metrics.cache_clear()
    try:
        code, out, err = run_cli(capsys, "check")
    finally:
        measure.metrics.cache_clear()
    assert (code, out, err) == (1, "", FONT_MESSAGE + "\n")


@pytest.mark.parametrize("package, fixture", [("pptx", "project"), ("matplotlib", "project"), ("budoux", "oda")])
def test_a_missing_package_is_a_message_not_a_traceback(request, package, fixture):
    root = request.getfixturevalue(fixture).root
    run = cli(root, "--no-cache", driver=f"import sys\nsys.modules[{package!r}] = None\n")
    assert run.code == 1 and "Traceback" not in run.err and package in run.err


# === 5. Charts: extreme data, long words around the chart =========================================

TOO_LARGE = "is too large to draw legibly; give the data in a larger unit (or divide it with the chart's `scale`)"


@pytest.mark.parametrize("value, message", [
    ("1e16", f"1e16 {TOO_LARGE}"),
    ("1000000000000001", f"1000000000000001 {TOO_LARGE}"),
    ("1e400", "expected a finite number of 0 or more, got 1e400"),
    (".inf", "expected a finite number of 0 or more, got .inf"),
    (".nan", "expected a finite number of 0 or more, got .nan"),
    ("-1", "expected a finite number of 0 or more, got -1"),
])
def test_an_extreme_chart_value_is_refused_at_its_row(project, capsys, value, message):
    edit(project.root, "charts/data/growth.yaml", "value: 20,", f"value: {value},")
    code, _, err = run_cli(capsys, "check")
    assert (code, err.splitlines()) == (1, [f"charts/data/growth.yaml:3:18: rows[1].value: {message}",
                                            "1 error in 1 file"])


def test_the_largest_value_a_chart_draws_builds(project, capsys):
    edit(project.root, "charts/data/growth.yaml", "value: 20,", "value: 1e15,")
    assert run_cli(capsys, "check")[:3:2] == (0, "")


@pytest.mark.parametrize("year, message", [
    ("0", "expected a year from 1 to 9999, got 0"),
    ("10000", "expected a year from 1 to 9999, got 10000"),
    ("99999999999999999999", "expected a year from 1 to 9999, got 99999999999999999999"),
    ("-5", "expected a finite number of 0 or more, got -5"),
    ("9" * 5000, "expected a whole number, got '9999999999999999999999999999999999999...'"),
])
def test_an_extreme_chart_year_is_refused_at_its_row(project, capsys, year, message):
    edit(project.root, "charts/data/growth.yaml", "year: 2012, value: 35", f"year: {year}, value: 35")
    code, _, err = run_cli(capsys, "check")
    assert (code, err.splitlines()) == (1, [f"charts/data/growth.yaml:4:6: rows[2].year: {message}",
                                            "1 error in 1 file"])


def test_a_95_character_axis_label_is_refused_by_check(project, capsys):
    label = ("Units of something measured " * 4)[:95]
    edit(project.root, DECK, "axis: Units", f"axis: {label}")
    code, _, err = run_cli(capsys, "check")
    [first, summary] = err.splitlines()
    assert (code, summary) == (1, "1 error in 1 file")
    assert first.startswith(f"{DECK}:48:7: slides[5].chart.axis: the axis label needs ")
    assert first.endswith("% of the chart's width; shorten it")


def test_a_12_line_footnote_is_refused_by_check(project, capsys):
    lines = "".join(f"  Note {i}.\n" for i in range(1, 13))
    edit(project.root, "charts/growth.yaml", "x: year", f"footnote: |-\n{lines}x: year")
    code, _, err = run_cli(capsys, "check")
    assert (code, err.splitlines()) == (1, [       # twelve lines, and the approximate-figures note
        "charts/growth.yaml:4:1: footnote: the notes under the chart take 13 lines; it has room for 2: shorten them",
        "1 error in 1 file"])


def test_a_12_line_approx_note_is_refused_by_check(project, capsys):
    lines = "".join(f"        Note {i}.\n" for i in range(1, 13))
    edit(project.root, DECK, "axis: Units", f"axis: Units\n      approx_note: |-\n{lines.rstrip()}")
    code, _, err = run_cli(capsys, "check")
    assert (code, err.splitlines()) == (1, [
        f"{DECK}:49:7: slides[5].chart.approx_note: the notes under the chart take 12 lines; it has room for 2: "
        "shorten them", "1 error in 1 file"])


# === 6. Signals end every process and leave the output folder as it was ============================

def _start(root: Path, *args: str, driver: str = "", tmp: Path | None = None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO), **({"TMPDIR": str(tmp)} if tmp else {})}
    command = [sys.executable, "-m", "briefing", *args]
    if driver:
        command = [sys.executable, "-c", f"{driver}\nimport sys\nfrom briefing.cli import main\n"
                                         "sys.exit(main(sys.argv[1:]))\n", *args]
    return subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)     # its own process group: every process it starts


def _running(build: subprocess.Popen, at_least: float) -> None:
    """Wait until the build has forked its first helper (so it is past start-up and handles
    signals), and until `at_least` seconds have passed since it started."""
    started = time.monotonic()
    while len(group_processes(build.pid)) < 2 and time.monotonic() - started < TIMEOUT and build.poll() is None:
        time.sleep(0.02)
    time.sleep(max(0.0, at_least - (time.monotonic() - started)))


@pytest.fixture
def five_audiences(project, capsys):
    """Six variants built once; the sources then changed, so a new build would replace every file."""
    for name in ("one", "two", "three", "four", "five"):
        write(project.root / f"content/sampler/audiences/{name}.yaml", f"name: Audience {name}\n")
    _rebuild_would_change_everything(project, capsys)
    return project


@SKIP_NO_FIFO
@pytest.mark.parametrize("how", ["SIGTERM to the build", "Ctrl-C (SIGINT to the group)"])
def test_a_signal_after_a_second_ends_every_process_and_changes_nothing(five_audiences, tmp_path, how):
    for number in range(30):        # enough variants that the build is still at work after a second
        write(five_audiences.root / f"content/sampler/audiences/more-{number}.yaml", f"name: More {number}\n")
    before = snapshot(five_audiences.output)
    scratch = tmp_path / "tmp"          # where --no-cache draws its charts
    scratch.mkdir()
    build = _start(five_audiences.root, "--no-cache", tmp=scratch)
    _running(build, at_least=1.0)
    if how.startswith("SIGTERM"):
        build.send_signal(signal.SIGTERM)
    else:
        os.killpg(build.pid, signal.SIGINT)
    out, err = build.communicate(timeout=TIMEOUT)
    assert (build.returncode, out, err.splitlines()[-1]) == (130, "", INTERRUPTED)
    assert wait_for_no_processes(build.pid) == []
    assert snapshot(five_audiences.output) == before
    assert os.listdir(scratch) == []


SLOW_TEMPLATE = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"


@SKIP_NO_FIFO
@pytest.mark.parametrize("how", ["SIGTERM to the build", "Ctrl-C (SIGINT to the group)"])
def test_a_signal_while_a_template_renders_shows_no_traceback(five_audiences, how):
    _template_in_a_title(five_audiences.root, SLOW_TEMPLATE)       # renders for 2 s before it is stopped
    before = snapshot(five_audiences.output)
    build = _start(five_audiences.root, "--no-cache")
    _running(build, at_least=1.0)
    if how.startswith("SIGTERM"):
        build.send_signal(signal.SIGTERM)
    else:
        os.killpg(build.pid, signal.SIGINT)
    out, err = build.communicate(timeout=TIMEOUT)
    assert wait_for_no_processes(build.pid) == []
    assert snapshot(five_audiences.output) == before
    assert (build.returncode, out, err) == (130, "", INTERRUPTED + "\n")


ONE_SLOW_DECK = """
import time
from briefing.commands import pipeline
_write_job = pipeline.write_job
def slow_write_job(job, folder):
    if job.file == "sampler-full-en.pptx":
        time.sleep(60)
    return _write_job(job, folder)
pipeline.write_job = slow_write_job
"""


@SKIP_NO_FIFO
def test_sigterm_while_a_worker_waits_for_work_shows_no_traceback(five_audiences):
    before = snapshot(five_audiences.output)
    build = _start(five_audiences.root, driver=ONE_SLOW_DECK)     # charts cached: both cores write
    deadline = time.monotonic() + TIMEOUT
    while len(list(five_audiences.output.glob(".staging-*/*.pptx"))) < 5 and time.monotonic() < deadline:
        time.sleep(0.05)        # every deck but the slow one written: the other worker waits for work
    assert len(list(five_audiences.output.glob(".staging-*/*.pptx"))) == 5 or (os.cpu_count() or 1) < 2
    time.sleep(0.3)
    build.send_signal(signal.SIGTERM)
    out, err = build.communicate(timeout=TIMEOUT)
    assert wait_for_no_processes(build.pid) == []
    assert snapshot(five_audiences.output) == before
    assert (build.returncode, out, err) == (130, "", INTERRUPTED + "\n")
