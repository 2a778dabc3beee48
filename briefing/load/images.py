"""Pictures a deck shows (a map, a logo, a photo): files under the project's `images/` folder,
checked before anything is built.

A picture comes from other people's hands, so nothing is trusted: the name must stay inside
`images/` (no `..`, no absolute path, no link out), the file must be a regular file of bounded
size whose bytes are the format its name says, a PNG or JPEG must declare a sane size before a
pixel is decoded (a small file can claim 50,000 x 50,000 pixels), and an SVG must be plain
drawing: no DOCTYPE or entities, no scripts or event handlers, no references to other files or
the network (in links, styles or processing instructions), and a PNG or JPEG embedded in it is
checked like a picture file. An SVG is embedded as itself with a PNG of it beside, for viewers
without SVG.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import ContentError
from briefing.load.validation import problem
from briefing.runtime.files import NotAFile, TooLarge, inside, read_bounded
from briefing.read.pictures import Refused, format_of, raster_size, svg

FOLDER = "images"
FORMATS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".svg": "svg"}
MAX_BYTES = 20_000_000
"""A slide's picture never needs more; a bigger file is a mistake or an attack."""


@dataclass(frozen=True)
class Image:
    """A checked picture: its bytes, format and size in pixels (an SVG's in its own units), and
    for an SVG the PNG drawn from it."""

    name: str                   # as the deck names it, under images/
    format: str                 # png, jpeg or svg
    width: float
    height: float
    data: bytes
    fallback: bytes = b""       # an SVG's PNG

    @property
    def aspect(self) -> float:
        return self.width / self.height


def load_image(root: Path, name: str, used_at: tuple) -> Image:
    """Return the checked picture `images/<name>` of the project at `root`; raises ContentError
    located where the deck names it (`used_at`: a source and a field path)."""
    source, path = used_at
    try:
        return _load(root, name)
    except Refused as e:
        raise ContentError([problem(source, path, str(e))]) from None


def _load(root: Path, name: str) -> Image:
    file = _inside(root / FOLDER, name)
    data = _read(file, name)
    kind = FORMATS[Path(name).suffix.lower()]
    if kind == "svg":
        width, height, png = svg(name, data)
        return Image(name, kind, width, height, data, png)
    found = format_of(data)
    if found != kind:
        what = {"": "not an image", "svg": "an SVG drawing"}.get(found, f"a {found.upper()} image")
        raise Refused(f"images/{name} is not a {kind.upper()} file: its bytes are {what}")
    width, height = raster_size(f"images/{name}", kind, data)
    return Image(name, kind, width, height, data)


def _inside(folder: Path, name: str) -> Path:
    """Return the file `name` names inside `folder`, refusing any way out of it."""
    if re.match(r"^[A-Za-z][\w+.-]*:", name) or name.startswith(("/", "\\")) or ".." in Path(name).parts:
        raise Refused(f"'{name}' must be a file inside images/, like maps/region.png (no URL, no absolute "
                       "path, no ..)")
    if Path(name).suffix.lower() not in FORMATS:
        raise Refused(f"'{name}' is not a picture the deck can show: use a .png, .jpg or .svg file")
    file = folder / name
    try:
        if not file.exists():
            return _missing(name, _pictures_in(folder))
        if not inside(folder.parent, folder):
            raise Refused(f"images/ is a link to a folder outside the project; make it a real folder "
                           f"and copy images/{name} into it")
        if not inside(folder, file):
            raise Refused(f"images/{name} is a link to a file outside images/; copy the picture in instead")
    except (OSError, RuntimeError) as e:     # a name too long, a loop of links
        raise Refused(f"images/{name}: cannot read: {getattr(e, 'strerror', None) or e}") from None
    return file


def _pictures_in(folder: Path) -> list[str]:
    """Up to eight pictures under `folder`, for "did you mean"; none when it cannot be listed."""
    try:
        return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                      if p.suffix.lower() in FORMATS and p.is_file())[:8] if folder.is_dir() else []
    except OSError:
        return []


def _missing(name: str, known: list[str]):
    from briefing.errors import did_you_mean

    hint = did_you_mean(name, known) or (f"; images/ has: {', '.join(known)}" if known else
                                         "; put the picture in the project's images/ folder")
    raise Refused(f"no picture images/{name}{hint}")


def _read(file: Path, name: str) -> bytes:
    """Read a regular file of bounded size; anything else (a folder, a FIFO, a device) is refused
    before it is opened for reading."""
    try:
        return read_bounded(file, MAX_BYTES)
    except NotAFile:
        raise Refused(f"images/{name} is not a regular file") from None
    except TooLarge as e:
        size = f"{e.size:,} bytes" if e.size is not None else f"over {MAX_BYTES:,} bytes"
        raise Refused(f"images/{name} is {size}; a picture may be at most {MAX_BYTES:,}") from None
    except OSError as e:
        raise Refused(f"images/{name}: cannot read: {e.strerror}") from None
