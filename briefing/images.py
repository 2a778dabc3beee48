"""Pictures a deck shows (a map, a logo, a photo): files under the project's `images/` folder,
checked before anything is built.

A picture comes from other people's hands, so nothing is trusted: the name must stay inside
`images/` (no `..`, no absolute path, no link out), the file must be a regular file of bounded
size whose bytes are the format its name says, a PNG or JPEG must declare a sane size before a
pixel is decoded (a small file can claim 50,000 x 50,000 pixels), and an SVG must be plain
drawing: no DOCTYPE or entities, no scripts or event handlers, no references to other files or
the network. An SVG is embedded as itself with a PNG of it beside, for viewers without SVG.
"""

from __future__ import annotations

import io
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import ContentError
from briefing.validation import problem

FOLDER = "images"
FORMATS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".svg": "svg"}
MAX_BYTES = 20_000_000
"""A slide's picture never needs more; a bigger file is a mistake or an attack."""

MAX_PIXELS = 40_000_000
"""About 8,000 x 5,000: more than any projector shows, and at most 160 MB when decoded."""

MAX_SIDE = 20_000
SVG_PIXELS = 2_000
"""The long side, in pixels, of the PNG drawn from an SVG for viewers that cannot show SVG."""

_SIGNATURES = {"png": b"\x89PNG\r\n\x1a\n", "jpeg": b"\xff\xd8\xff"}
_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4}
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|in|cm|mm)?\s*$")


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


class _Refused(Exception):
    """Why a picture is refused, in words; the caller adds where the deck names it."""


def load_image(root: Path, name: str, used_at: tuple) -> Image:
    """Return the checked picture `images/<name>` of the project at `root`; raises ContentError
    located where the deck names it (`used_at`: a source and a field path)."""
    source, path = used_at
    try:
        return _load(root, name)
    except _Refused as e:
        raise ContentError([problem(source, path, str(e))]) from None


def _load(root: Path, name: str) -> Image:
    file = _inside(root / FOLDER, name)
    data = _read(file, name)
    kind = FORMATS[Path(name).suffix.lower()]
    if kind == "svg":
        return _svg(name, data)
    found = _format_of(data)
    if found != kind:
        what = f"a {found.upper()} image" if found else "not an image"
        raise _Refused(f"images/{name} is not a {kind.upper()} file: its bytes are {what}")
    width, height = _raster_size(name, data)
    return Image(name, kind, width, height, data)


def _inside(folder: Path, name: str) -> Path:
    """Return the file `name` names inside `folder`, refusing any way out of it."""
    if re.match(r"^[A-Za-z][\w+.-]*:", name) or name.startswith(("/", "\\")) or ".." in Path(name).parts:
        raise _Refused(f"'{name}' must be a file inside images/, like maps/region.png (no URL, no absolute "
                       "path, no ..)")
    if Path(name).suffix.lower() not in FORMATS:
        raise _Refused(f"'{name}' is not a picture the deck can show: use a .png, .jpg or .svg file")
    file = folder / name
    if not file.exists():
        known = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())[:8] \
            if folder.is_dir() else []
        return _missing(name, known)
    if folder.resolve() not in file.resolve().parents:
        raise _Refused(f"images/{name} is a link to a file outside images/; copy the picture in instead")
    return file


def _missing(name: str, known: list[str]):
    from briefing.validation import did_you_mean

    hint = did_you_mean(name, known) or (f"; images/ has: {', '.join(known)}" if known else
                                         "; put the picture in the project's images/ folder")
    raise _Refused(f"no picture images/{name}{hint}")


def _read(file: Path, name: str) -> bytes:
    """Read a regular file of bounded size; anything else (a folder, a FIFO, a device) is refused
    before it is opened for reading."""
    try:
        info = os.stat(file)
        if not stat.S_ISREG(info.st_mode):
            raise _Refused(f"images/{name} is not a regular file")
        if info.st_size > MAX_BYTES:
            raise _Refused(f"images/{name} is {info.st_size:,} bytes; a picture may be at most {MAX_BYTES:,}")
        with open(file, "rb") as f:
            return f.read(MAX_BYTES + 1)
    except OSError as e:
        raise _Refused(f"images/{name}: cannot read: {e.strerror}") from None


def _format_of(data: bytes) -> str:
    for kind, signature in _SIGNATURES.items():
        if data.startswith(signature):
            return kind
    return "svg" if re.match(rb"^(\xef\xbb\xbf)?\s*<(\?xml|svg|!--)", data[:200]) else ""


def _raster_size(name: str, data: bytes) -> tuple[int, int]:
    """Return the size a PNG or JPEG declares, refusing a huge one before decoding, and check
    that the file is whole."""
    from PIL import Image as PILImage

    try:
        with PILImage.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                raise _Refused(f"images/{name} claims {width:,} x {height:,} pixels; a picture may have at most "
                               f"{MAX_PIXELS:,} pixels: scale it down")
            image.verify()
    except _Refused:
        raise
    except Exception as e:      # PIL raises many kinds for a broken file
        raise _Refused(f"images/{name} is damaged and cannot be shown ({type(e).__name__})") from None
    if not (width and height):
        raise _Refused(f"images/{name} has no pixels")
    return width, height


# --- SVG ------------------------------------------------------------------------------------------

_FORBIDDEN_ELEMENTS = {"script", "foreignObject", "iframe", "embed", "object", "audio", "video", "handler"}


def _svg(name: str, data: bytes) -> Image:
    from lxml import etree

    if _format_of(data) != "svg":
        raise _Refused(f"images/{name} is not an SVG file: its bytes are "
                       f"{'a ' + _format_of(data).upper() + ' image' if _format_of(data) else 'not an SVG drawing'}")
    if re.search(rb"<!(DOCTYPE|ENTITY)", data, re.IGNORECASE):
        raise _Refused(f"images/{name} has a DOCTYPE or entity declaration; an SVG for a slide needs neither: "
                       "remove it")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise _Refused(f"images/{name} is not well-formed SVG: {e.msg}") from None
    if etree.QName(root).localname != "svg":
        raise _Refused(f"images/{name} is XML but not SVG (its root is <{etree.QName(root).localname}>)")
    _check_svg_content(name, root)
    width, height = _svg_size(name, root)
    return Image(name, "svg", width, height, data, _svg_png(name, data, width, height))


def _check_svg_content(name: str, root) -> None:
    """Refuse scripts, event handlers and references to anything outside the file."""
    from lxml import etree

    for element in root.iter():
        if not isinstance(element.tag, str):
            continue        # comments and processing instructions
        tag = etree.QName(element).localname
        if tag in _FORBIDDEN_ELEMENTS:
            raise _Refused(f"images/{name} contains <{tag}> (line {element.sourceline}); a picture on a slide "
                           "may not hold scripts or embedded content")
        for attribute, value in element.attrib.items():
            local = etree.QName(attribute).localname
            if local.lower().startswith("on"):
                raise _Refused(f"images/{name} has an event handler '{local}' (line {element.sourceline}); "
                               "remove it")
            if local == "href" and not value.startswith(("#", "data:image/png", "data:image/jpeg")):
                raise _Refused(f"images/{name} refers to '{value[:60]}' (line {element.sourceline}); an SVG "
                               "must hold everything it shows")
        if tag == "style" and re.search(r"@import|url\(\s*['\"]?(?!#)", element.text or ""):
            raise _Refused(f"images/{name} has a style that loads another file (line {element.sourceline}); "
                           "remove it")


def _svg_size(name: str, root) -> tuple[float, float]:
    """Return the drawing's size in CSS pixels: from width and height, else from the viewBox."""
    sizes = [_length(root.get(key)) for key in ("width", "height")]
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if None in sizes and len(box) == 4:
        try:
            sizes = [float(box[2]), float(box[3])]
        except ValueError:
            pass
    width, height = sizes
    if not (width and height) or width <= 0 or height <= 0:
        raise _Refused(f"images/{name} does not say its size: give the <svg> element a viewBox, or a width "
                       "and a height")
    return width, height


def _length(value: str | None) -> float | None:
    match = _LENGTH.match(value or "")
    return float(match.group(1)) * _UNITS[match.group(2) or ""] if match else None


def _svg_png(name: str, data: bytes, width: float, height: float) -> bytes:
    """Draw the SVG as a PNG, with fonts that packages ship only, so every machine draws alike."""
    import resvg_py

    from briefing.fonts import fallback_font_files

    scale = SVG_PIXELS / max(width, height)
    try:
        return bytes(resvg_py.svg_to_bytes(svg_string=data.decode("utf-8"), width=max(1, round(width * scale)),
                                           height=max(1, round(height * scale)), skip_system_fonts=True,
                                           font_files=[str(p) for p in fallback_font_files()]))
    except (ValueError, UnicodeDecodeError) as e:
        raise _Refused(f"images/{name} cannot be drawn: {e}") from None
