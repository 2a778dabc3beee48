"""Previews of built decks for people without PowerPoint: each variant rendered by LibreOffice
into `previews/<variant>.pdf`, one PNG per slide in `previews/<variant>/`, and a contact sheet
(every slide on one image, numbered) in `previews/<variant>.png`.

LibreOffice is optional: without it, a message says how to install it. It exits 0 even when a
conversion fails, so the PDF is checked to exist and to have one page per slide. A variant whose
deck bytes did not change since its last preview is not rendered again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import re
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from briefing.runtime.processes import run_program
from briefing.errors import BriefingError, display_path

FOLDER = "previews"
TIMEOUT = 240
"""Seconds LibreOffice may take for one deck, unless `preview --timeout` says otherwise."""
_LIMIT = [float(TIMEOUT)]
INSTALL = ("LibreOffice and poppler are needed to preview decks: on Debian or Ubuntu, apt-get install "
           "libreoffice-impress poppler-utils fonts-liberation2 fonts-ipaexfont-gothic; on macOS, brew install "
           "--cask libreoffice and brew install poppler")


@dataclass(frozen=True)
class Preview:
    """One variant's preview: its PDF, the slides' PNGs, the contact sheet, and whether it was
    rendered now (or was up to date)."""

    variant: str
    pdf: Path
    pages: int
    sheet: Path
    rendered: bool
    kept: tuple[str, ...] = ()
    """Files someone else put where the preview goes, moved aside rather than replaced: one note each."""


def substituted(decks: list[Path]) -> list[str]:
    """The faces the decks name that this machine lacks, each with what LibreOffice drew instead
    (fontconfig's choice), a line each: where the stand-in is not drawn to the same widths, the
    preview's line breaks differ from PowerPoint's on a machine with the face."""
    from briefing.read.deck import faces_of
    from briefing.text.fonts import MEASURED_EAST_ASIAN, STAND_INS, japanese_face, substitutes

    faces = list(dict.fromkeys(face for deck in decks for face in faces_of(deck)))
    lines = []
    for face, drawn in substitutes(faces).items():
        same = STAND_INS.get(face, "").casefold() == drawn.casefold() or (
            face in MEASURED_EAST_ASIAN and japanese_face(drawn))     # kanji and kana a full em in both
        if not same:    # a metric twin (Liberation Sans for Arial) breaks lines alike: nothing to say
            lines.append(f"the preview draws {face!r}, which this machine lacks, in {drawn!r}; its lines may "
                         "break where the deck's do not")
    return lines


def tools() -> tuple[str, str, str]:
    """Return the LibreOffice, pdftoppm and pdfinfo programs, or raise with how to install them."""
    found = [shutil.which(name) for name in ("soffice", "pdftoppm", "pdfinfo")]
    office = found[0] or shutil.which("libreoffice")
    if not (office and found[1] and found[2]):
        raise BriefingError(INSTALL)
    return office, found[1], found[2]


def preview_all(decks: list[tuple[Path, int]], out_dir: Path, workers: int | None = None,
                timeout: float = TIMEOUT) -> list[Preview]:
    """Render every (deck file, slide count) into `out_dir/previews`, in parallel, LibreOffice
    given `timeout` seconds a deck; raises a BriefingError naming every deck that could not be
    rendered, once all have been tried. Stopped (Ctrl-C, SIGTERM), every program it started is."""
    from briefing.runtime.processes import stop_programs

    from briefing.runtime.files import real_folder

    programs = tools()
    folder = out_dir / FOLDER
    why = real_folder(folder)
    if why:
        raise BriefingError(f"{display_path(folder)} {why}")
    folder.mkdir(parents=True, exist_ok=True)
    _LIMIT[0] = timeout
    pool = ThreadPoolExecutor(max(1, min(len(decks), workers or os.cpu_count() or 1)))
    try:
        outcomes = list(pool.map(lambda deck: _attempt(deck, folder, programs), decks))
    except BaseException as e:
        stop_programs()
        pool.shutdown(wait=True, cancel_futures=True)
        if isinstance(e, KeyboardInterrupt):
            # The decks were built before: said as it is, not as an interrupted build.
            raise KeyboardInterrupt("interrupted; the decks are built, and every preview not finished is left as "
                                    "it was") from None
        raise
    pool.shutdown(wait=True)
    failures = [str(o) for o in outcomes if isinstance(o, BriefingError)]
    if failures:
        raise BriefingError("\n".join(failures))
    return outcomes


def _attempt(deck: tuple[Path, int], folder: Path, programs: tuple[str, str, str]):
    try:
        return preview_one(deck[0], deck[1], folder, programs)
    except BriefingError as e:
        return e


def preview_one(deck: Path, slides: int, folder: Path, programs: tuple[str, str, str]) -> Preview:
    """Render one deck unless its last preview was of the same bytes."""
    variant = deck.stem
    digest = hashlib.sha256(deck.read_bytes()).hexdigest()
    stamp, pdf, sheet, pages_folder = (folder / f"{variant}.json", folder / f"{variant}.pdf",
                                       folder / f"{variant}.png", folder / variant)
    record = _record(stamp)
    if record.get("sha256") == digest and pdf.is_file() and sheet.is_file() and pages_folder.is_dir() and \
            _made(pdf, record, "pdf_sha256") and _made(sheet, record, "sheet_sha256"):
        return Preview(variant, pdf, slides, sheet, rendered=False)
    for path in (pdf, sheet, stamp):
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise BriefingError(f"{display_path(path)} is not a file a preview replaces (a folder, a link or a "
                                "special file); move it away")
    from briefing.runtime.files import real_folder

    why = real_folder(pages_folder)
    if why:
        raise BriefingError(f"{display_path(pages_folder)} {why}")
    office, pdftoppm, pdfinfo = programs
    with tempfile.TemporaryDirectory(prefix=".preview-", dir=folder) as scratch_name:
        scratch = Path(scratch_name)
        rendered = _to_pdf(office, deck, scratch)
        pages = _pages(pdfinfo, rendered)
        if pages != slides:
            raise BriefingError(f"{display_path(deck)}: LibreOffice made {pages} pages of {slides} slides; the "
                                "preview is left as it was")
        images = _to_pngs(pdftoppm, rendered, scratch / "pages")
        _contact_sheet(images, scratch / "sheet.png")
        kept = _keep_what_is_not_ours(stamp, pdf, sheet, pages_folder)
        shutil.rmtree(pages_folder, ignore_errors=True)
        os.replace(scratch / "pages", pages_folder)
        os.replace(rendered, pdf)
        os.replace(scratch / "sheet.png", sheet)
        record = {"deck": deck.name, "sha256": digest, "pages": pages,
                  "pdf_sha256": _sha256(pdf), "sheet_sha256": _sha256(sheet)}
        stamp.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return Preview(variant, pdf, pages, sheet, rendered=True, kept=kept)


def _keep_what_is_not_ours(stamp: Path, pdf: Path, sheet: Path, pages_folder: Path) -> tuple[str, ...]:
    """Move aside what a preview would replace but did not make, known by content: a PDF or sheet
    whose bytes are not those the preview's record beside it lists (or without a record), a pages
    folder holding more than its slide-N.png pictures. Wherever the folder was moved or copied,
    a preview's own files are its own."""
    from briefing.publish.output import kept_name

    record = _record(stamp)
    notes = []
    targets = [path for path, key in ((pdf, "pdf_sha256"), (sheet, "sheet_sha256"))
               if path.exists() and not _made(path, record, key)]
    if pages_folder.is_dir() and any(not re.fullmatch(r"slide-\d+\.png", p.name) for p in pages_folder.iterdir()):
        targets.append(pages_folder)
    for path in targets:
        aside = kept_name(path)
        os.replace(path, aside)
        notes.append(f"{display_path(path)} was not made by a preview; kept as {display_path(aside)}")
    return tuple(notes)


def _made(path: Path, record: dict, key: str) -> bool:
    """Whether `path` is the file the preview's `record` says it wrote under `key`."""
    from briefing.publish.manifest import digest

    return bool(record) and record.get(key, "any") in ("any", digest(path))


def _stamped(stamp: Path) -> str:
    """The hash of the deck a preview was last rendered from, as its record says ("" for a record
    that is missing or not what this tool writes: a FIFO, a device, a huge or nested file)."""
    found = _record(stamp).get("sha256", "")
    return found if isinstance(found, str) else ""


def _record(stamp: Path) -> dict:
    """A preview's record: the deck it was rendered from, and the SHA-256 of the PDF and sheet it
    wrote (a record from before those were listed names the deck only); {} for one that is missing
    or not what this tool writes."""
    from briefing.runtime.files import read_json

    try:
        found = read_json(stamp, 10_000)
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _to_pdf(office: str, deck: Path, scratch: Path) -> Path:
    """Convert with a LibreOffice profile of its own, so renders can run side by side."""
    profile = (scratch / "profile").resolve().as_uri()
    command = [office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
               str(scratch), str(deck)]
    try:
        run_program(command, _LIMIT[0], env={**os.environ, "HOME": str(scratch)})
    except subprocess.TimeoutExpired:
        raise BriefingError(f"{display_path(deck)}: LibreOffice took over {_LIMIT[0]:g} s to render it (stopped; "
                            "preview --timeout SECONDS gives it longer)") from None
    pdf = scratch / f"{deck.stem}.pdf"
    if not pdf.is_file():
        raise BriefingError(f"{display_path(deck)}: LibreOffice could not render it (no PDF was made)")
    return pdf


def _pages(pdfinfo: str, pdf: Path) -> int:
    result = run_program([pdfinfo, str(pdf)], 60)
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


def _to_pngs(pdftoppm: str, pdf: Path, folder: Path) -> list[Path]:
    folder.mkdir()
    done = run_program([pdftoppm, "-r", "80", "-png", str(pdf), str(folder / "slide")], _LIMIT[0])
    if done.returncode:
        raise subprocess.CalledProcessError(done.returncode, done.args)
    return sorted(folder.glob("slide-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def _contact_sheet(images: list[Path], target: Path, columns: int = 3) -> None:
    """Every slide on one image, three to a row, each numbered in its corner."""
    from PIL import Image, ImageDraw, ImageFont

    thumbs = []
    for path in images:
        with Image.open(path) as image:
            thumb = image.convert("RGB")
            thumb.thumbnail((480, 270))
            thumbs.append(thumb)
    width, height = max(t.width for t in thumbs), max(t.height for t in thumbs)
    gap, rows = 12, (len(thumbs) + columns - 1) // columns
    sheet = Image.new("RGB", (columns * (width + gap) + gap, rows * (height + gap) + gap), (128, 128, 128))
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default()
    for index, thumb in enumerate(thumbs):
        left, top = gap + (index % columns) * (width + gap), gap + (index // columns) * (height + gap)
        sheet.paste(thumb, (left, top))
        label = str(index + 1)
        draw.rectangle((left, top, left + 10 + 8 * len(label), top + 16), fill=(27, 42, 74))
        draw.text((left + 5, top + 2), label, fill=(255, 255, 255), font=font)
    sheet.save(target, optimize=True)
