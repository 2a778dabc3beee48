"""Assembling a rendered deck into a python-pptx presentation, and saving it atomically."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from pptx import Presentation
from pptx.util import Inches

from briefing import __version__, ooxml
from briefing import theme as grid
from briefing.errors import ContentError, OutputError, Problem, display_path
from briefing.layouts import DrawnChart, Frame, fill_slide

from briefing.model import ChartText, Deck
from briefing.theme import Theme

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationType

ZIP_EPOCH = dt.datetime(1980, 1, 1)
"""The earliest time a zip entry can carry."""

ChartPainter = Callable[["ChartText", tuple[float, float]], DrawnChart]


@dataclass(frozen=True)
class Job:
    """One deck to build: the rendered deck, its theme, its charts drawn beforehand, its file name."""

    deck: Deck
    theme: Theme
    charts: dict[tuple[ChartText, tuple[float, float]], DrawnChart]
    file: str


@dataclass(frozen=True)
class Written:
    """A deck written to the staging folder and read back."""

    file: str
    slides: int
    size: int
    sha256: str


def write_job(job: Job, folder: Path) -> Written:
    """Assemble `job`'s deck, write it into `folder` and check that it reads back whole.

    Runs in a worker process: everything it needs comes in `job`, nothing is shared.
    """
    def paint(text: ChartText, size: tuple[float, float]) -> DrawnChart:
        return job.charts[(text, size)]

    prs = assemble(job.deck, job.theme, paint)
    data = to_bytes(prs)
    path = folder / job.file
    try:
        path.write_bytes(data)
    except OSError as e:
        raise OutputError(f"{display_path(path)}: cannot write the deck: {e.strerror}") from e
    slides = len(Presentation(str(path)).slides)
    if slides != len(job.deck.slides):
        raise OutputError(f"{job.file}: read back {slides} slides, expected {len(job.deck.slides)}")
    return Written(job.file, slides, len(data), hashlib.sha256(data).hexdigest())


def fit_job(job: Job) -> list[Problem]:
    """Return every text of `job`'s deck that does not fit, without drawing charts or writing."""
    def blank(text: ChartText, size: tuple[float, float]) -> DrawnChart:
        return DrawnChart(BLANK_PNG, ())

    try:
        assemble(job.deck, job.theme, blank)
    except ContentError as e:
        return e.problems
    return []


def _blank_png() -> bytes:
    """A 1 x 1 white PNG: what `check` puts where a chart goes, to lay the slide out without Matplotlib."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
            + chunk(b"IEND", b""))


BLANK_PNG = _blank_png()


def assemble(deck: Deck, theme: Theme, chart: ChartPainter) -> PresentationType:
    """Return a 16:9 presentation with one slide per slide of the rendered `deck`.

    Raises ContentError naming every text that does not fit its box at the floor size.
    """
    prs = Presentation()
    ooxml.widen_layouts(prs, Inches(grid.SLIDE_WIDTH) / prs.slide_width)
    prs.slide_width, prs.slide_height = Inches(grid.SLIDE_WIDTH), Inches(grid.SLIDE_HEIGHT)
    ooxml.set_theme_fonts(prs, theme.fonts.latin, theme.fonts.east_asian)
    problems: list[Problem] = []
    for number, slide in enumerate(deck.slides, start=1):
        frame = Frame(theme, deck.header, number, chart, deck.emphasis.get(slide.id, ()), slide.path, deck.source,
                      slide.fit, problems)
        fill_slide(prs, slide, frame)
    if problems:     # text that does not fit even at the floor size: the deck is not presentable
        raise ContentError(problems)
    _set_properties(prs, deck)
    ooxml.drop_thumbnail(prs)
    notes = sum(1 for slide in prs.slides if slide.has_notes_slide)
    ooxml.set_app_properties(prs, f"briefing {__version__}", len(prs.slides), notes)
    return prs


def _set_properties(prs: PresentationType, deck: Deck) -> None:
    """Describe the file with the deck's own facts, not python-pptx's template defaults."""
    props, header = prs.core_properties, deck.header
    props.title = header.title
    props.subject = header.subtitle
    props.author = header.organisation
    props.last_modified_by = header.organisation
    props.keywords = ""
    props.comments = ""
    props.category = "Briefing"
    props.language = header.language
    props.revision = 1
    # Never the current time: the same content must give the same bytes.
    issued, built = _issued(header.issued), _source_date()
    props.created = issued or built or ZIP_EPOCH
    props.modified = props.last_printed = built or issued or ZIP_EPOCH


def _issued(issued: str | None) -> dt.datetime | None:
    """Return the content's issue date (YYYY, YYYY-MM or YYYY-MM-DD) as a time, None if unset."""
    if not issued:
        return None
    year, month, day = ([*map(int, issued.split("-")), 1, 1])[:3]
    return dt.datetime(year, month, day)


def _source_date() -> dt.datetime | None:
    """Return SOURCE_DATE_EPOCH (the reproducible-builds convention) when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    return None


def to_bytes(prs: PresentationType) -> bytes:
    """Return the presentation as .pptx bytes, identical for identical content.

    python-pptx stamps every zip entry with the current time; the entries are rewritten in the
    same order with a fixed time and the same compression, so only content changes the bytes.
    """
    raw = io.BytesIO()
    prs.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=ZIP_EPOCH.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            target.writestr(entry, source.read(item), compresslevel=6)
    return out.getvalue()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def save_atomically(data: bytes, path: Path) -> None:
    """Write `data` to `path` through a temporary file, so the old file survives any failure."""
    shown = display_path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise OutputError(f"{display_path(path.parent)}: cannot write the deck there: {e.strerror}") from e
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())    # mkstemp makes it private; a deck is an ordinary file
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{shown}: cannot write the deck: {e.strerror}") from e
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
