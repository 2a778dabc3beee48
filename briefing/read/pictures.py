"""What is inside a picture file: its format from its bytes, the size a PNG or JPEG declares
(checked before a pixel is decoded), and for an SVG whether it is plain drawing, its size and a
PNG drawn from it.

Everything here reads bytes that come from other people's hands; a refusal is a `Refused` with
its reason in words, which the loader locates where the deck names the picture.
"""

from __future__ import annotations

import base64
import binascii
import io
import math
import re

MAX_PIXELS = 40_000_000
"""About 8,000 x 5,000: more than any projector shows, and at most 160 MB when decoded."""

MAX_SIDE = 20_000
SVG_PIXELS = 2_000
"""The long side, in pixels, of the PNG drawn from an SVG for viewers that cannot show SVG."""

_SIGNATURES = {"png": b"\x89PNG\r\n\x1a\n", "jpeg": b"\xff\xd8\xff"}
_XML_START = re.compile(rb"^(\xef\xbb\xbf)?\s*<(\?xml|svg|!--|!DOCTYPE)", re.IGNORECASE)
_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4}
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|in|cm|mm)?\s*$")


class Refused(Exception):
    """Why a picture is refused, in words; the caller adds where the deck names it."""


def format_of(data: bytes) -> str:
    for kind, signature in _SIGNATURES.items():
        if data.startswith(signature):
            return kind
    return "svg" if _XML_START.match(data[:200]) else ""


def raster_size(what: str, kind: str, data: bytes) -> tuple[int, int]:
    """Return the size a PNG or JPEG declares, refusing a huge one before a pixel is decoded, then
    decode it all to check that the file is whole (`what` names it in messages).

    The format's own reader is used, not `PIL.Image.open`: that one guesses the format and raises
    its own DecompressionBombError (or warns) for a big size before the size can be told."""
    from PIL import JpegImagePlugin, PngImagePlugin

    reader = {"png": PngImagePlugin.PngImageFile, "jpeg": JpegImagePlugin.JpegImageFile}[kind]
    try:
        with reader(io.BytesIO(data)) as image:
            width, height = image.size
            if max(width, height) > MAX_SIDE:
                raise Refused(f"{what} claims {width:,} x {height:,} pixels; a picture may be at most {MAX_SIDE:,} "
                               "pixels wide or high: scale it down")
            if width * height > MAX_PIXELS:
                raise Refused(f"{what} claims {width:,} x {height:,} pixels; a picture may have at most "
                               f"{MAX_PIXELS:,} pixels: scale it down")
            if not (width and height):
                raise Refused(f"{what} has no pixels")
            if kind == "png":
                image.verify()      # every chunk's checksum; the file must be read anew after
        with reader(io.BytesIO(data)) as image:
            image.load()            # every pixel: a truncated or damaged file fails here, not on a slide
    except Refused:
        raise
    except Exception:           # PIL raises many kinds for a broken file
        raise Refused(f"{what} is damaged and cannot be shown: its data is cut short or broken; save it "
                       "again") from None
    return width, height


# --- SVG ------------------------------------------------------------------------------------------

_FORBIDDEN_ELEMENTS = {"script", "foreignObject", "iframe", "embed", "object", "audio", "video", "handler"}
SVG_NS = "http://www.w3.org/2000/svg"
_LOADS = re.compile(r"@import|url\(\s*(?!['\"]?\s*#)|image-set\(", re.IGNORECASE)
"""CSS that loads another file: an import, a url() that is not a reference inside the file."""
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)
SVG_ELEMENTS = 100_000
"""More elements than any drawing on a slide has: checking and drawing them would take a minute."""
_EMBEDDED = re.compile(r"^data:image/(png|jpe?g);base64,(.*)$", re.DOTALL)


def svg(name: str, data: bytes) -> tuple[float, float, bytes]:
    """Check the SVG `data` (images/`name`); return its size and a PNG of it."""
    from lxml import etree

    if format_of(data) != "svg":
        raise Refused(f"images/{name} is not an SVG file: its bytes are "
                       f"{'a ' + format_of(data).upper() + ' image' if format_of(data) else 'not an SVG drawing'}")
    doctype = (f"images/{name} has a DOCTYPE or entity declaration; an SVG for a slide needs neither: "
               "remove it")
    if re.search(rb"<!(DOCTYPE|ENTITY)", data, re.IGNORECASE):
        raise Refused(doctype)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise Refused(f"images/{name} is not well-formed SVG: {e.msg}") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:     # written in an encoding the byte search misses
        raise Refused(doctype)
    if (info.encoding or "UTF-8").upper() not in ("UTF-8", "UTF8", "US-ASCII", "ASCII"):
        raise Refused(f"images/{name} is written in {info.encoding}; save it as UTF-8")
    if etree.QName(root).localname != "svg":
        raise Refused(f"images/{name} is XML but not SVG (its root is <{etree.QName(root).localname}>)")
    if etree.QName(root).namespace != SVG_NS:
        raise Refused(f'images/{name} is not in the SVG namespace: give the <svg> element xmlns="{SVG_NS}"')
    if sum(1 for _ in root.iter()) > SVG_ELEMENTS:
        raise Refused(f"images/{name} has more than {SVG_ELEMENTS:,} elements; a picture on a slide needs far fewer: "
                      "simplify it or save it as PNG")
    _check_svg_content(name, root)
    width, height = _svg_size(name, root)
    return width, height, _svg_png(name, data, width, height)


def _check_svg_content(name: str, root) -> None:
    """Refuse scripts, event handlers, references to anything outside the file, and embedded
    pictures that are broken or too big."""
    from lxml import etree

    instructions = root.getroottree().xpath("//processing-instruction()")     # <?xml-stylesheet href=...?>
    if instructions:
        raise Refused(f"images/{name} has a processing instruction <?{instructions[0].target}?> (line "
                       f"{instructions[0].sourceline}); remove it")
    pixels = 0
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue        # comments
        line = element.sourceline
        tag = etree.QName(element).localname
        if tag in _FORBIDDEN_ELEMENTS:
            raise Refused(f"images/{name} contains <{tag}> (line {line}); a picture on a slide "
                           "may not hold scripts or embedded content")
        for attribute, value in element.attrib.items():
            local = etree.QName(attribute).localname
            if local.lower().startswith("on"):
                raise Refused(f"images/{name} has an event handler '{local}' (line {line}); remove it")
            if local == "attributeName" and (value.split(":")[-1] in ("href", "src")
                                             or value.lower().startswith("on")):
                raise Refused(f"images/{name} animates '{value}' (line {line}); remove it")
            if local in ("href", "src") and not value.startswith("#"):
                embedded = _EMBEDDED.match(value)
                if not embedded:
                    raise Refused(f"images/{name} refers to '{value[:60]}' (line {line}); an SVG "
                                   "must hold everything it shows")
                kind = "png" if embedded.group(1) == "png" else "jpeg"
                pixels += _embedded(name, line, kind, embedded.group(2), pixels)
            elif _loads(value):
                raise Refused(f"images/{name} has a style that loads another file (line {line}); remove it")
        if tag == "style" and _loads("".join(element.itertext())):
            raise Refused(f"images/{name} has a style that loads another file (line {line}); remove it")


def _loads(css: str) -> bool:
    """Whether CSS text (a <style>, a style or presentation attribute) loads another file, also
    when written with CSS escapes (@\\69mport)."""
    if "\\" in css:
        css = _CSS_ESCAPE.sub(lambda m: chr(min(int(m.group(1), 16), 0x10FFFF) or 0xFFFD) if m.group(1)
                              else m.group(2), css)
    return bool(_LOADS.search(css))


def _embedded(name: str, line: int, kind: str, payload: str, pixels: int) -> int:
    """Check a PNG or JPEG embedded in an SVG as a data: URI like a picture file; returns its
    pixels, which with the others' may not be more than one picture's."""
    what = f"images/{name}: the picture embedded at line {line}"
    try:
        data = base64.b64decode(re.sub(r"\s+", "", payload), validate=True)
    except (binascii.Error, ValueError):
        raise Refused(f"{what} is not valid base64") from None
    if format_of(data) != kind:
        raise Refused(f"{what} is not the {kind.upper()} image it says it is")
    width, height = raster_size(what, kind, data)
    if pixels + width * height > MAX_PIXELS:
        raise Refused(f"images/{name} embeds pictures of more than {MAX_PIXELS:,} pixels in all; scale them down")
    return width * height


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
    if not (width and height) or not (0 < width < math.inf and 0 < height < math.inf):
        raise Refused(f"images/{name} does not say its size: give the <svg> element a viewBox, or a width "
                       "and a height")
    return width, height


def _length(value: str | None) -> float | None:
    match = _LENGTH.match(value or "")
    return float(match.group(1)) * _UNITS[match.group(2) or ""] if match else None


def _svg_png(name: str, data: bytes, width: float, height: float) -> bytes:
    """Draw the SVG as a PNG, in a child process under a time and memory limit where the system
    can fork: a few hundred bytes of filters, markers or nesting can keep the drawing library busy
    for minutes, fill the memory or crash it, and none of that may hang or kill a build. The same
    drawing is made once a process (`check` then a build, every save under `watch`)."""
    import hashlib

    key = (hashlib.sha256(data).hexdigest(), width, height)
    if key not in _DRAWN:
        _DRAWN[key] = _draw_limited(name, data, width, height)
    return _DRAWN[key]


_DRAWN: dict[tuple, bytes] = {}
"""PNGs drawn from SVGs in this process, by the SVG's hash and size."""


def _draw_limited(name: str, data: bytes, width: float, height: float) -> bytes:
    import sys

    if not sys.platform.startswith("linux"):
        return _drawn(name, data, width, height)
    from briefing.runtime.processes import fork, pipe

    import signal

    ours, theirs = pipe(duplex=False)
    child = fork(_draw_in_child, theirs, name, data, width, height)
    theirs.close()
    slow = Refused(f"images/{name} takes more than {SVG_SECONDS:g} s to draw; simplify it (its filters, markers or "
                   "nesting) or save it as PNG")
    try:
        if not ours.poll(SVG_SECONDS + 2):
            raise slow
        outcome, value = ours.recv()
    except EOFError:
        child.join()
        if child.exitcode in (-signal.SIGXCPU, -signal.SIGKILL):     # its processor time ran out
            raise slow from None
        raise Refused(f"images/{name} cannot be drawn: the drawing stopped on it (it needs more than "
                      f"{SVG_MEMORY >> 20} MB, or crashed the drawing library); simplify it or save it as PNG") from None
    finally:
        child.kill()
        child.join()
        ours.close()
    if outcome == "refused":
        raise Refused(value)
    return value


SVG_SECONDS = 10.0
"""How long drawing one SVG as PNG may take."""
SVG_MEMORY = 1 << 30
"""How much more memory than the build drawing one SVG may take."""


def _draw_in_child(connection, name: str, data: bytes, width: float, height: float) -> None:
    import faulthandler

    from briefing.runtime.processes import limit, start_worker

    start_worker()
    faulthandler.disable()      # a crash here is expected of a hostile picture, and said by the parent
    limit(SVG_MEMORY, max(1, math.ceil(SVG_SECONDS)))
    try:
        connection.send(("drawn", _drawn(name, data, width, height)))
    except Refused as e:
        connection.send(("refused", str(e)))
    except MemoryError:
        pass        # the parent says so, when the connection closes without an answer


def _drawn(name: str, data: bytes, width: float, height: float) -> bytes:
    """The SVG drawn as a PNG, with fonts that packages ship only, so every machine draws alike. At
    96 dots an inch, as CSS counts: resvg_py's default of none makes every size in mm, cm, in, pt or
    pc nothing ("SVG has an invalid size")."""
    import resvg_py

    from briefing.text.fonts import fallback_font_files

    scale = SVG_PIXELS / max(width, height)
    try:
        return bytes(resvg_py.svg_to_bytes(svg_string=data.decode("utf-8"), width=max(1, round(width * scale)),
                                           height=max(1, round(height * scale)), dpi=96, skip_system_fonts=True,
                                           font_files=[str(p) for p in fallback_font_files()]))
    except (ValueError, UnicodeDecodeError) as e:
        raise Refused(f"images/{name} cannot be drawn: {e}") from None
