"""Reading a deck someone made in PowerPoint (or any tool that writes .pptx): every slide's title,
its text in reading order with each paragraph's level and numbering, its tables, pictures, native
charts and speaker notes, and what on it holds no text a deck of ours can keep (a drawing, a video).

A deck comes from outside, so it is read as a template is: a zip of bounded size and parts, no
DOCTYPE or entity in any XML part, a macro project never opened, at most as many slides as a deck
may have. Anything else is a `DeckError` saying, in words, what the file is.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from briefing.model.deck import MAX_SLIDES
from briefing.read.template import MAX_PARTS, MAX_UNPACKED, MasterError

MAX_BYTES = 100_000_000
"""A deck with its pictures; anything larger is not one to import."""

_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""An OLE compound file: a legacy .ppt, or a .pptx encrypted with a password."""
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_MACRO_TYPE = "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
_PRESENTATION_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_MAIN_TYPES = {_MACRO_TYPE, "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
               "application/vnd.ms-powerpoint.template.macroEnabled.main+xml"}
_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)

CHROME = {"dt", "ftr", "sldNum", "hdr"}
"""Placeholders that repeat on every slide: the date, the footer, the slide number."""
OUR_CHROME = {"Footer", "Slide Number", "Handling", "Organisation and date"}
"""What this project's own decks repeat on every slide (the deck header says it once)."""


class DeckError(Exception):
    """The file cannot be imported; the message says why, in words."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a text: its text, its level (0 for a main point), whether it is numbered
    automatically or carries a bullet, and whether it is set bold throughout."""

    text: str
    level: int = 0
    numbered: bool = False
    bullet: str = ""
    bold: bool = False


@dataclass(frozen=True)
class Body:
    """A text on the slide (a placeholder, a text box, a shape's text), named as the file names it."""

    name: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Picture:
    data: bytes
    ext: str                    # as the file has it: png, jpeg, gif, emf, ...
    alt: str
    name: str


@dataclass(frozen=True)
class Chart:
    """A native chart's data: its categories, and each series' name and values."""

    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    kind: str


@dataclass
class SlideData:
    number: int
    name: str                   # the slide's own name (p:cSld/@name), when it has one
    layout: str                 # its layout's type (title, secHead, obj, ...) or ""
    title: str = ""
    subtitle: str = ""
    bodies: list[Body] = field(default_factory=list)
    tables: list[tuple[tuple[str, ...], ...]] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    """What the slide shows that no layout keeps (a drawing, a video), in words."""
    notes: str = ""
    date: str = ""              # what its date placeholder says
    footer: str = ""            # what its footer says
    handling: str = ""          # this project's handling mark
    facts: tuple[Paragraph, ...] = ()
    """This project's cover facts: occasion and organisation (bold), presenter and date."""
    cover: bool = False         # a title slide: its title is a centred title, or it is laid out as one


@dataclass
class DeckData:
    slides: list[SlideData]
    title: str
    author: str
    created: str                # YYYY-MM-DD, or ""
    ours: bool                  # written by this project (its line breaks are typesetting, not text)
    macros: bool = False        # a .pptm: its macros were never read, and are not kept
    stamp: dict[str, str] = field(default_factory=dict)
    """The custom properties a build stamps a deck with (briefing.variant, briefing.sources, ...)."""
    dropped: list[str] = field(default_factory=list)
    """What was dropped unread, as from any file from elsewhere (macros, OLE objects, links)."""


def read_deck_file(path: Path, ours: bool | None = None) -> DeckData:
    """Read the deck file `path` (bounded, a regular file); raises BriefingError saying, with the
    file's name, why it cannot be read."""
    from briefing.errors import BriefingError, display_path
    from briefing.runtime.files import read_bounded

    shown = display_path(path)
    try:
        return read_deck(read_bounded(path, MAX_BYTES), ours)
    except FileNotFoundError:
        raise BriefingError(f"{shown}: no such file") from None
    except OSError as e:
        raise BriefingError(f"{shown}: cannot read: {e.strerror or e}") from None
    except DeckError as e:
        raise BriefingError(f"{shown}: {e}") from None


def read_deck(data: bytes, ours: bool | None = None) -> DeckData:
    """Read every slide of the .pptx `data`; raises DeckError saying what the file is otherwise.
    `ours`: whether this project built it (by default, what the file says of itself; a deck saved
    again in PowerPoint no longer says so)."""
    if data.startswith(_CFB):
        if _ENCRYPTED in data[:4_000_000]:
            raise DeckError("is protected with a password: open it in PowerPoint, remove the password "
                            "(File > Info > Protect Presentation), save, and import that copy")
        raise DeckError("is a PowerPoint 97-2003 file (.ppt): open it in PowerPoint or LibreOffice and save it as "
                        ".pptx first")
    archive = _archive(data)
    macros = _check_parts(archive)
    try:
        from pptx import Presentation

        opened, dropped = _as_presentation(data)
        prs = Presentation(io.BytesIO(opened))
        slides = list(prs.slides)
    except DeckError:
        raise
    except Exception as e:          # python-pptx raises many kinds on a damaged package
        raise DeckError(f"cannot be read as a PowerPoint deck ({type(e).__name__}: {e})") from None
    if not slides:
        raise DeckError("has no slides: there is nothing to import")
    if len(slides) > MAX_SLIDES:
        raise DeckError(f"has {len(slides):,} slides; a deck holds at most {MAX_SLIDES}: split it into several files "
                        "and import each")
    stamp = _custom_properties(archive)
    if ours is None:
        ours = _app_name(archive).startswith("briefing") or "briefing.variant" in stamp
    core = prs.core_properties
    read = [_slide(number, slide, ours) for number, slide in enumerate(slides, start=1)]
    created = core.created.strftime("%Y-%m-%d") if core.created else ""
    return DeckData(read, (core.title or "").strip(), (core.author or "").strip(), created, ours, macros, stamp,
                    dropped)


def _archive(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise DeckError("is not a PowerPoint file (.pptx): it is not even a zip archive") from None
    if len(entries) > MAX_PARTS or sum(e.file_size for e in entries) > MAX_UNPACKED:
        raise DeckError(f"unpacks to more than {MAX_UNPACKED // 1_000_000} MB or {MAX_PARTS:,} parts; no deck is "
                        "that large (a zip bomb?)")
    if any(e.flag_bits & 0x1 for e in entries):
        raise DeckError("has encrypted parts; save it again without a password and import that copy")
    return archive


def _check_parts(archive: zipfile.ZipFile) -> bool:
    """Refuse a DOCTYPE or entity declaration in any XML part (before python-pptx parses one);
    return whether the deck carries macros (they are never read)."""
    for entry in archive.infolist():
        if not entry.filename.endswith((".xml", ".rels")):
            continue
        try:
            head = archive.read(entry)
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError) as e:
            raise DeckError(f"has a damaged part, {entry.filename} ({e})") from None
        if _DECLARATION.search(head):
            raise DeckError(f"has a DOCTYPE or entity declaration in {entry.filename}; a deck needs neither, and "
                            "one may read files of this computer: it is not imported")
    try:
        types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    except KeyError:
        raise DeckError("is not a PowerPoint file (.pptx): it has no list of its parts") from None
    return _MACRO_TYPE in types


def _as_presentation(data: bytes) -> tuple[bytes, list[str]]:
    """The deck's bytes as python-pptx opens them (a template's or a macro-enabled deck's main part
    declared a presentation's), and what a template's sanitising would drop, in words. The deck's
    own parts are read as they are (an OLE object, a video is then said where it stands); nothing
    of them is kept but text, pictures and chart data, and a macro project is never opened."""
    from lxml import etree

    from briefing.read.template import prepare

    try:
        dropped = list(prepare(data).warnings)
    except MasterError as e:
        raise DeckError(str(e)) from None
    archive = zipfile.ZipFile(io.BytesIO(data))
    types = etree.fromstring(archive.read("[Content_Types].xml"), etree.XMLParser(resolve_entities=False))
    mains = [e for e in types if e.get("ContentType") in _MAIN_TYPES]
    if not mains:
        return data, dropped
    for override in mains:
        override.set("ContentType", _PRESENTATION_TYPE)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for entry in archive.infolist():
            body = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True) \
                if entry.filename == "[Content_Types].xml" else archive.read(entry)
            rewritten.writestr(entry, body)
    return out.getvalue(), dropped


def _custom_properties(archive: zipfile.ZipFile) -> dict[str, str]:
    """The deck's custom properties that are text, by name (its XML was checked for declarations)."""
    from lxml import etree

    try:
        root = etree.fromstring(archive.read("docProps/custom.xml"),
                                etree.XMLParser(resolve_entities=False, no_network=True))
    except (KeyError, etree.XMLSyntaxError):
        return {}
    found = {}
    for prop in root:
        value = next((child.text for child in prop if child.text is not None), None)
        if prop.get("name") and value is not None:
            found[prop.get("name")] = value
    return found


def _app_name(archive: zipfile.ZipFile) -> str:
    try:
        text = archive.read("docProps/app.xml").decode("utf-8", "replace")
    except KeyError:
        return ""
    found = re.search(r"<Application>([^<]*)</Application>", text)
    return found.group(1) if found else ""


# --- one slide ------------------------------------------------------------------------------------

def _slide(number: int, slide, ours: bool) -> SlideData:
    from briefing.read import shapes

    layout = slide.slide_layout
    found = SlideData(number, shapes.slide_name(slide), shapes.layout_type(layout))
    for shape in slide.shapes:
        shapes.take(shape, found, ours)
    found.cover = found.cover or found.layout == "title"
    if slide.has_notes_slide:
        frame = slide.notes_slide.notes_text_frame
        found.notes = shapes.clean("\n".join(p.text for p in frame.paragraphs), ours).strip() if frame else ""
    return found


DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"


def faces_of(path: Path) -> list[str]:
    """The typefaces a deck (one this tool wrote) sets its text in: its runs' Latin and East Asian
    faces, in the order first named; theme references (+mn-lt) left out."""
    from lxml import etree

    found: dict[str, None] = {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        for name in sorted(names):
            root = etree.fromstring(archive.read(name), parser)
            for element in root.iter(f"{{{DRAWING}}}latin", f"{{{DRAWING}}}ea"):
                face = element.get("typeface", "")
                if face and not face.startswith("+"):
                    found[face] = None
    return list(found)
