"""`preview`: each variant rendered by LibreOffice into output/previews/ (a PDF, a PNG a slide, a
contact sheet), nothing rendered again for a deck whose bytes did not change, and a clear message
when LibreOffice is missing or fails.

The tests marked `needs_libreoffice` run the real LibreOffice and poppler; the others put small
stand-ins for them on the PATH, so what the command does around them is tested everywhere.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from briefing.review import preview
from tests.conftest import run_cli, write
from tests.conftest import DECK, edit

OFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(
    not (OFFICE and shutil.which("pdftoppm") and shutil.which("pdfinfo")),
    reason="LibreOffice (soffice) and poppler (pdftoppm, pdfinfo) are not installed")

INSTALL = ("LibreOffice and poppler are needed to preview decks: on Debian or Ubuntu, apt-get install "
           "libreoffice-impress poppler-utils fonts-liberation2 fonts-ipaexfont-gothic; on macOS, brew install "
           "--cask libreoffice and brew install poppler\n")
DONE = "in output/previews/: a PDF, a PNG a slide and a contact sheet each"
ODA = "content/oda-priorities"
ODA_VARIANTS = ["oda-priorities-asean-en", "oda-priorities-asean-ja", "oda-priorities-full-en",
                "oda-priorities-full-ja"]
BADGE = (27, 42, 74)        # the colour of a contact sheet's slide numbers


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def slide_pngs(folder: Path) -> list[str]:
    return sorted((p.name for p in folder.iterdir()), key=lambda name: int(name[len("slide-"): -len(".png")]))


def check_contact_sheet(sheet: Path, slide: Path, count: int) -> None:
    """Three slides a row, each a thumbnail with its number in a badge at its top left corner."""
    with Image.open(slide) as image:
        thumb = image.copy()
    thumb.thumbnail((480, 270))
    width, height, gap = thumb.width, thumb.height, 12
    rows = (count + 2) // 3
    with Image.open(sheet) as image:
        assert image.format == "PNG"
        assert image.size == (3 * (width + gap) + gap, rows * (height + gap) + gap)
        for index in range(count):
            left, top = gap + (index % 3) * (width + gap), gap + (index // 3) * (height + gap)
            assert image.convert("RGB").getpixel((left + 1, top + 1)) == BADGE, f"slide {index + 1} has no number"


def last_line(out: str) -> str:
    return out.splitlines()[-1]


# --- with LibreOffice ------------------------------------------------------------------------------


@needs_libreoffice
def test_preview_makes_a_pdf_a_png_a_slide_and_a_contact_sheet(project, capsys):
    code, out, err = run_cli(capsys, "preview")
    assert (code, err) == (0, "")
    assert out.splitlines() == ["wrote 1 deck (0.1 MB) and manifest.json to output/",
                                f"previewed 1 variant (0 up to date) {DONE}"]
    folder = Path("output/previews")
    assert sorted(p.name for p in folder.iterdir()) == ["sampler-full-en", "sampler-full-en.json",
                                                         "sampler-full-en.pdf", "sampler-full-en.png"]
    assert pages(folder / "sampler-full-en.pdf") == 9
    assert slide_pngs(folder / "sampler-full-en") == [f"slide-{n}.png" for n in range(1, 10)]
    for png in (folder / "sampler-full-en").iterdir():
        with Image.open(png) as image:
            assert image.format == "PNG"
            assert abs(image.width / image.height - 16 / 9) < 0.01         # a widescreen slide
    check_contact_sheet(folder / "sampler-full-en.png", folder / "sampler-full-en" / "slide-1.png", 9)
    manifest = json.loads(Path("output/manifest.json").read_text(encoding="utf-8"))
    stamp = json.loads((folder / "sampler-full-en.json").read_text(encoding="utf-8"))
    assert stamp == {"deck": "sampler-full-en.pptx", "sha256": manifest["decks"][0]["sha256"], "pages": 9,
                     "pdf_sha256": sha256(folder / "sampler-full-en.pdf"),
                     "sheet_sha256": sha256(folder / "sampler-full-en.png")}
    assert not [p for p in folder.iterdir() if p.name.startswith(".preview-")]      # no scratch left


@needs_libreoffice
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler's pdftotext is not installed")
def test_only_a_changed_variant_is_rendered_again(oda, capsys):
    # One audience in both languages: two decks, the Japanese one among them.
    code, out, err = run_cli(capsys, "preview", "--audience", "asean")
    assert (code, err) == (0, "")
    assert last_line(out) == f"previewed 2 variants (0 up to date) {DONE}"
    folder = Path("output/previews")
    expected = {"oda-priorities-asean-en": 13, "oda-priorities-asean-ja": 13}
    for variant, slides in expected.items():
        assert pages(folder / f"{variant}.pdf") == slides, variant
        assert len(slide_pngs(folder / variant)) == slides
        check_contact_sheet(folder / f"{variant}.png", folder / variant / slide_pngs(folder / variant)[0], slides)
    rendered = {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}

    # The same sources make the same bytes: nothing to render.
    code, out, err = run_cli(capsys, "preview", "--audience", "asean")
    assert (code, err) == (0, "")
    assert last_line(out) == f"previewed 0 variants (2 up to date) {DONE}"
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()} == rendered

    # A change to the ASEAN profile's English edition changes one deck: only it is rendered again.
    edit(oda, f"{ODA}/audiences/asean.yaml", "Japan will keep ASEAN at the centre of its cooperation.",
         "Japan will keep ASEAN at the heart of its cooperation.")
    code, out, err = run_cli(capsys, "preview", "--audience", "asean")
    assert (code, err) == (0, "")
    assert last_line(out) == f"previewed 1 variant (1 up to date) {DONE}"
    changed = sorted({p.relative_to(folder).parts[0].split(".")[0] for p, when in rendered.items()
                      if p.stat().st_mtime_ns != when})
    assert changed == ["oda-priorities-asean-en"]
    assert pages(folder / "oda-priorities-asean-en.pdf") == 13
    text = subprocess.run(["pdftotext", "-f", "13", "-l", "13", str(folder / "oda-priorities-asean-en.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "at the heart of its cooperation" in " ".join(text.split())


@needs_libreoffice
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler's pdftotext is not installed")
def test_the_outline_numbers_items_as_libreoffice_shows_them(project, capsys):
    """A numbered list runs on past its items' sub-items, on the slide and in the outline."""
    edit(project, DECK, "    items:\n      - First point\n",
         "    numbered: true\n    items:\n      - text: First point\n        items: [Sub one, Sub two]\n")
    edit(project, DECK, "items\n    notes: Bullet notes.", "items\n      - Third point\n    notes: Bullet notes.")
    code, out, err = run_cli(capsys, "preview")
    assert (code, err) == (0, "")
    shown = subprocess.run(["pdftotext", "-f", "3", "-l", "3", "output/previews/sampler-full-en.pdf", "-"],
                           capture_output=True, text=True, check=True).stdout.splitlines()
    outline = Path("output/outline/sampler-full-en.md").read_text(encoding="utf-8").splitlines()
    for label, text in (("(1)", "First point"), ("(2)", "Second point with 2.5 million items"),
                        ("(3)", "Third point")):
        assert f"{label} {text}" in shown
        assert f"- {label} {text}" in outline


# --- without LibreOffice -----------------------------------------------------------------------------


def without(monkeypatch, *names: str) -> None:
    """Make these programs not found, as on a machine without them."""
    which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name in names else which(name, *a, **k))


def test_without_libreoffice_nothing_is_built_and_the_install_is_explained(project, capsys, monkeypatch):
    without(monkeypatch, "soffice", "libreoffice")
    assert run_cli(capsys, "preview") == (1, "", INSTALL)
    assert not Path("output").exists()      # no deck was built


def test_without_poppler_nothing_is_built_either(project, capsys, monkeypatch):
    without(monkeypatch, "pdftoppm")
    assert run_cli(capsys, "preview") == (1, "", INSTALL)
    assert not Path("output").exists()
    monkeypatch.undo()
    without(monkeypatch, "pdfinfo")
    assert run_cli(capsys, "preview", "--output", "elsewhere") == (1, "", INSTALL)
    assert not Path("elsewhere").exists()


def test_libreoffice_is_found_by_either_name(monkeypatch):
    found = {"libreoffice": "/opt/lo/libreoffice", "pdftoppm": "/bin/pdftoppm", "pdfinfo": "/bin/pdfinfo"}
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: found.get(name))
    assert preview.tools() == ("/opt/lo/libreoffice", "/bin/pdftoppm", "/bin/pdfinfo")
    found["soffice"] = "/usr/bin/soffice"
    assert preview.tools()[0] == "/usr/bin/soffice"


# --- stand-ins for LibreOffice and poppler ------------------------------------------------------------

STAND_INS = {
    # Writes a one-line "PDF" named after the deck into --outdir, unless FAKE_OFFICE says "fail".
    "soffice": """
        import os, sys
        from pathlib import Path
        args = sys.argv[1:]
        deck = Path(args[-1])
        with open(os.environ["FAKE_LOG"], "a") as log:
            log.write(deck.name + "\\n")
        if os.environ.get("FAKE_OFFICE") == "hang":      # starts a process of its own, then never ends
            import subprocess, time
            child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
            Path(os.environ["FAKE_LOG"] + ".child").write_text(str(child.pid))
            time.sleep(120)
        if os.environ.get("FAKE_OFFICE") != "fail":
            Path(args[args.index("--outdir") + 1], deck.stem + ".pdf").write_text("%PDF " + deck.name)
    """,
    # Says the PDF has FAKE_PAGES pages.
    "pdfinfo": """
        import os
        print("Title: fake")
        print("Pages:          " + os.environ["FAKE_PAGES"])
    """,
    # pdftoppm -r 80 -png PDF PREFIX: one small PNG a page, PREFIX-1.png ...
    "pdftoppm": """
        import os, sys
        from PIL import Image
        prefix = sys.argv[-1]
        for page in range(1, int(os.environ["FAKE_PAGES"]) + 1):
            Image.new("RGB", (320, 180), (255, 255, 255)).save(f"{prefix}-{page}.png")
    """,
}


@pytest.fixture
def stand_ins(tmp_path, monkeypatch):
    """Put the stand-ins first on the PATH; returns the log of the decks "LibreOffice" rendered."""
    import textwrap

    folder = tmp_path / "bin"
    for name, code in STAND_INS.items():
        script = write(folder / name, f"#!{sys.executable}\n" + textwrap.dedent(code).lstrip("\n"))
        script.chmod(0o755)
    log = tmp_path / "rendered.log"
    log.write_text("", encoding="utf-8")
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.setenv("FAKE_PAGES", "9")
    return log


def test_a_preview_is_made_once_for_the_same_bytes(project, capsys, stand_ins, monkeypatch):
    code, out, err = run_cli(capsys, "preview")
    assert (code, err) == (0, "")
    assert last_line(out) == f"previewed 1 variant (0 up to date) {DONE}"
    folder = Path("output/previews")
    assert slide_pngs(folder / "sampler-full-en") == [f"slide-{n}.png" for n in range(1, 10)]
    check_contact_sheet(folder / "sampler-full-en.png", folder / "sampler-full-en" / "slide-1.png", 9)
    assert stand_ins.read_text(encoding="utf-8") == "sampler-full-en.pptx\n"
    assert run_cli(capsys, "preview")[1].splitlines()[-1] == f"previewed 0 variants (1 up to date) {DONE}"
    assert stand_ins.read_text(encoding="utf-8") == "sampler-full-en.pptx\n"      # not rendered again
    # A preview whose PDF is gone is made again, though the deck is the same.
    (folder / "sampler-full-en.pdf").unlink()
    assert last_line(run_cli(capsys, "preview")[1]) == f"previewed 1 variant (0 up to date) {DONE}"
    # So is one of a changed deck, with its new number of slides.
    text = Path(DECK).read_text(encoding="utf-8")
    Path(DECK).write_text(text[: text.index("  - id: forward\n")], encoding="utf-8")
    monkeypatch.setenv("FAKE_PAGES", "8")
    assert last_line(run_cli(capsys, "preview")[1]) == f"previewed 1 variant (0 up to date) {DONE}"
    assert len(slide_pngs(folder / "sampler-full-en")) == 8
    assert json.loads((folder / "sampler-full-en.json").read_text(encoding="utf-8"))["pages"] == 8
    assert stand_ins.read_text(encoding="utf-8").count("\n") == 3


def test_a_deck_libreoffice_cannot_render_is_named(project, capsys, stand_ins, monkeypatch):
    monkeypatch.setenv("FAKE_OFFICE", "fail")
    code, out, err = run_cli(capsys, "preview")
    assert code == 1
    assert out == "wrote 1 deck (0.1 MB) and manifest.json to output/\n"       # the deck is built all the same
    assert err == "output/sampler-full-en.pptx: LibreOffice could not render it (no PDF was made)\n"
    assert sorted(p.name for p in Path("output/previews").iterdir()) == []       # nothing half made


def test_a_stuck_libreoffice_is_stopped_at_its_time_limit_with_everything_it_started(project, capsys, stand_ins,
                                                                                      monkeypatch):
    import time

    monkeypatch.setenv("FAKE_OFFICE", "hang")
    started = time.monotonic()
    code, out, err = run_cli(capsys, "preview", "--timeout", "1")
    assert time.monotonic() - started < 15
    assert (code, err) == (1, "output/sampler-full-en.pptx: LibreOffice took over 1 s to render it (stopped; "
                              "preview --timeout SECONDS gives it longer)\n")
    child = int(Path(str(stand_ins) + ".child").read_text(encoding="utf-8"))
    deadline = time.monotonic() + 5
    while Path(f"/proc/{child}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(f"/proc/{child}").exists() or "Z" in Path(f"/proc/{child}/stat").read_text().split()[2]


def test_a_wrong_number_of_pages_leaves_the_last_preview_as_it_was(project, capsys, stand_ins, monkeypatch):
    assert run_cli(capsys, "preview")[0] == 0
    folder = Path("output/previews")
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    edit(project, DECK, "title: Way Forward", "title: The Way Forward")
    monkeypatch.setenv("FAKE_PAGES", "7")
    code, out, err = run_cli(capsys, "preview")
    assert code == 1
    assert err == ("output/sampler-full-en.pptx: LibreOffice made 7 pages of 9 slides; the preview is left as it "
                   "was\n")
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    # Once LibreOffice renders it whole, the preview is made (the stamp still names the old deck).
    monkeypatch.setenv("FAKE_PAGES", "9")
    assert last_line(run_cli(capsys, "preview")[1]) == f"previewed 1 variant (0 up to date) {DONE}"


def test_files_someone_put_where_a_preview_goes_are_kept_beside(project, capsys, stand_ins):
    folder = Path("output/previews")
    (folder / "sampler-full-en").mkdir(parents=True)
    (folder / "sampler-full-en/my-notes.txt").write_text("notes", encoding="utf-8")
    (folder / "sampler-full-en.pdf").write_text("my own PDF", encoding="utf-8")
    code, out, err = run_cli(capsys, "preview")
    assert code == 0
    assert err.splitlines() == [
        "note: output/previews/sampler-full-en.pdf was not made by a preview; kept as "
        "output/previews/sampler-full-en.kept.pdf",
        "note: output/previews/sampler-full-en was not made by a preview; kept as output/previews/sampler-full-en.kept"]
    assert (folder / "sampler-full-en.kept.pdf").read_text(encoding="utf-8") == "my own PDF"
    assert (folder / "sampler-full-en.kept/my-notes.txt").read_text(encoding="utf-8") == "notes"
    assert slide_pngs(folder / "sampler-full-en") == [f"slide-{n}.png" for n in range(1, 10)]
    # Its own preview, rendered again for a changed deck, is replaced without a word.
    text = Path(DECK).read_text(encoding="utf-8")
    Path(DECK).write_text(text.replace("title: Compare", "title: Compared"), encoding="utf-8")
    code, out, err = run_cli(capsys, "preview")
    assert (code, err) == (0, "")


def test_a_preview_knows_its_own_files_by_their_bytes(project, capsys, stand_ins, monkeypatch, tmp_path):
    assert run_cli(capsys, "preview")[0] == 0
    # Moved with its output/, the project's previews are still its own: made again without a word.
    moved = tmp_path / "elsewhere" / "project"
    moved.parent.mkdir()
    os.rename(project.root, moved)
    monkeypatch.chdir(moved)
    edit(type(project)(moved), DECK, "title: Compare", "title: Compared")
    code, out, err = run_cli(capsys, "preview")
    assert (code, err) == (0, "") and last_line(out) == f"previewed 1 variant (0 up to date) {DONE}"
    # A PDF someone put in place of the preview's, its record still there: not "up to date", and
    # kept beside when the preview is made again.
    folder = Path("output/previews")
    (folder / "sampler-full-en.pdf").write_text("my own PDF", encoding="utf-8")
    code, out, err = run_cli(capsys, "preview")
    assert (code, err) == (0, "note: output/previews/sampler-full-en.pdf was not made by a preview; kept as "
                              "output/previews/sampler-full-en.kept.pdf\n")
    assert last_line(out) == f"previewed 1 variant (0 up to date) {DONE}"
    assert (folder / "sampler-full-en.kept.pdf").read_text(encoding="utf-8") == "my own PDF"
    assert not list(Path("output").glob("*.kept*"))


def _started(log: Path, seconds: float = 30) -> int:
    """Wait until the stuck "LibreOffice" has started its own child; return that child's id."""
    import time

    child = Path(str(log) + ".child")
    deadline = time.monotonic() + seconds
    while not (child.is_file() and child.read_text(encoding="utf-8")) and time.monotonic() < deadline:
        time.sleep(0.05)
    return int(child.read_text(encoding="utf-8"))


def _gone(pid: int, seconds: float = 5) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        if Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z"):
            return True
        time.sleep(0.05)
    return not Path(f"/proc/{pid}").exists()


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc (Linux)")
@pytest.mark.parametrize("command, stop", [(["preview"], "SIGINT"), (["preview"], "SIGTERM"),
                                           (["watch", "--preview"], "SIGTERM")])
def test_ctrl_c_or_sigterm_stops_a_stuck_preview_and_everything_it_started(project, stand_ins, monkeypatch,
                                                                          command, stop):
    import signal
    import time

    from tests.conftest import REPO

    monkeypatch.setenv("FAKE_OFFICE", "hang")
    run = subprocess.Popen([sys.executable, "-m", "briefing", *command], cwd=project.root, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        child = _started(stand_ins)
        stopped = time.monotonic()
        run.send_signal(getattr(signal, stop))
        out, err = run.communicate(timeout=20)
    finally:
        run.kill()
    assert time.monotonic() - stopped < 10
    assert (run.returncode, err) == (130, "interrupted; the decks are built, and every preview not finished is left "
                                          "as it was\n")
    assert _gone(child), "the stuck LibreOffice's own child was left running"
    assert not list(Path("output/previews").glob(".preview-*"))
