"""Assembling a rendered deck into a python-pptx presentation, and saving it atomically."""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from pptx import Presentation
from pptx.util import Inches

from briefing import ooxml
from briefing import theme as grid
from briefing.errors import OutputError, display_path
from briefing.layouts import DrawnChart, Frame, fill_slide

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationType

    from briefing.model import ChartText, Deck
    from briefing.theme import Theme

ChartPainter = Callable[["ChartText", tuple[float, float]], DrawnChart]


def assemble(deck: Deck, theme: Theme, chart: ChartPainter) -> PresentationType:
    """Return a 16:9 presentation with one slide per slide of the rendered `deck`."""
    prs = Presentation()
    ooxml.widen_layouts(prs, Inches(grid.SLIDE_WIDTH) / prs.slide_width)
    prs.slide_width, prs.slide_height = Inches(grid.SLIDE_WIDTH), Inches(grid.SLIDE_HEIGHT)
    ooxml.set_theme_fonts(prs, theme.fonts.latin, theme.fonts.east_asian)
    for number, slide in enumerate(deck.slides, start=1):
        fill_slide(prs, slide, Frame(theme, deck.header, number, chart))
    _set_properties(prs, deck)
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
    stamp = _timestamp()
    props.created = props.modified = stamp
    props.last_printed = stamp


def _timestamp() -> dt.datetime:
    """Return SOURCE_DATE_EPOCH when set (reproducible builds), otherwise the current time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def to_bytes(prs: PresentationType) -> bytes:
    """Return the presentation as .pptx bytes."""
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


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
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{shown}: cannot write the deck: {e.strerror}") from e
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
