"""A template from elsewhere made safe to start decks from, at the level of its zip and its parts.

A ministry's deck must never run code or reach elsewhere when it is opened. Whatever a template
carries of that kind is dropped before anything reads it, each with a warning that names the part:
a macro project (`vbaProject.bin`, and a macro-enabled main part declared a plain presentation's),
ActiveX controls, OLE objects (embedded or linked), every relationship to outside the file
(`TargetMode="External"`: hyperlinks, linked pictures, UNC paths, linked media), and embedded fonts
the deck does not use. What referred to a dropped relationship goes with it (the hyperlink, the
OLE frame, the control), so no part points at nothing.

A zip that cannot be read whole (an entry encrypted, compressed by a method no PowerPoint file
uses, or failing its checksum) is refused here, with the entry's name, before python-pptx sees it.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field

from lxml import etree

from briefing.errors import printable

_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"

PRESENTATION_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml": "a template's",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml": "a macro-enabled presentation's",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml": "a macro-enabled template's",
}
"""Main parts declared otherwise than a presentation's: declared one (the parts are the same)."""

_OFFICE_2006 = "http://schemas.microsoft.com/office/2006/relationships/"
_DOC_2006 = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_UNSAFE_RELATIONSHIPS = {
    _OFFICE_2006 + "vbaProject": "a macro project",
    _OFFICE_2006 + "vbaProjectSignature": "a macro project's signature",
    "http://schemas.microsoft.com/office/2006/relationships/wordVbaData": "a macro project's data",
    _DOC_2006 + "control": "an ActiveX control",
    _OFFICE_2006 + "activeXControlBinary": "an ActiveX control",
    _DOC_2006 + "oleObject": "an OLE object",
}
_UNSAFE_TYPES = {
    "application/vnd.ms-office.vbaProject": "a macro project",
    "application/vnd.ms-office.vbaProjectSignature": "a macro project's signature",
    "application/vnd.ms-office.vbaData+xml": "a macro project's data",
    "application/vnd.ms-office.activeX+xml": "an ActiveX control",
    "application/vnd.ms-office.activeX": "an ActiveX control",
    "application/vnd.openxmlformats-officedocument.oleObject": "an OLE object",
}
_PACKAGE = _DOC_2006 + "package"
"""An embedded document: a chart's own workbook (kept), or an OLE object on a slide (dropped)."""
_FONT = _DOC_2006 + "font"
_SAMPLES = ("ppt/slides/", "ppt/notesSlides/")
"""Parts of the template's sample slides, which no deck carries: cleaned without a word."""


class DamagedError(Exception):
    """The template's zip cannot be read whole; the message names the entry."""


@dataclass
class Sanitised:
    """A template's bytes with everything unsafe dropped, and a warning for each thing dropped."""

    data: bytes
    warnings: list[str] = field(default_factory=list)
    fonts: tuple[str, ...] = ()
    """The typefaces of the fonts the template embeds (see `without_fonts`)."""


def entries(data: bytes) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    """The template's zip and its entries, each checked before it is read. Raises DamagedError."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    infos = archive.infolist()
    for entry in infos:
        name = printable(entry.filename)
        if entry.flag_bits & 0x1:
            raise DamagedError(f"is encrypted ({name} needs a password); save the template again without one")
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise DamagedError(f"is damaged: {name} is compressed by a method no PowerPoint file uses "
                               f"(method {entry.compress_type}); save the template again from PowerPoint")
    return archive, infos


def read_all(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> dict[str, bytes]:
    """Every entry's bytes, checksums checked. Raises DamagedError naming the entry."""
    parts = {}
    for entry in infos:
        try:
            parts[entry.filename] = archive.read(entry)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError,
                zlib.error) as e:
            what = "does not match its checksum" if "CRC" in str(e) else "cannot be unpacked"
            raise DamagedError(f"is damaged: {printable(entry.filename)} {what}; save the template again "
                               "from PowerPoint") from None
    return parts


def _parse(data: bytes):
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _source_of(rels_name: str) -> str:
    """The part a relationships part belongs to: ppt/_rels/presentation.xml.rels -> ppt/presentation.xml;
    the package's own (_rels/.rels) -> ""."""
    folder, name = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), name[: -len(".rels")]).lstrip("/") if name != ".rels" \
        or folder != "_rels" else ""


def _target(source: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


def _rels_of(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _quoted(text: str, limit: int = 80) -> str:
    text = text if len(text) <= limit else text[: limit - 3] + "..."
    return f"'{printable(text)}'"


class _Package:
    """The template's parts, as bytes and (once changed) parsed, with their content types."""

    def __init__(self, parts: dict[str, bytes]):
        self.parts = parts
        self.trees: dict[str, object] = {}
        self.removed: set[str] = set()
        self.changed = False
        self.warnings: list[str] = []
        self.types = self._content_types()

    def _content_types(self) -> dict[str, str]:
        try:
            root = self.tree("[Content_Types].xml")
        except (KeyError, etree.XMLSyntaxError):
            return {}
        defaults = {e.get("Extension", "").lower(): e.get("ContentType", "")
                    for e in root.iter(f"{{{_CT_NS}}}Default")}
        types = {}
        for name in self.parts:
            types[name] = defaults.get(posixpath.splitext(name)[1].lstrip(".").lower(), "")
        for e in root.iter(f"{{{_CT_NS}}}Override"):
            types[(e.get("PartName") or "").lstrip("/")] = e.get("ContentType", "")
        return types

    def tree(self, name: str):
        if name not in self.trees:
            self.trees[name] = _parse(self.parts[name])
        return self.trees[name]

    def touch(self, name: str) -> None:
        self.parts[name] = _xml(self.trees[name])
        self.changed = True

    def warn(self, source: str, text: str) -> None:
        if not source.startswith(_SAMPLES) and self.types.get(source) not in _UNSAFE_TYPES:
            self.warnings.append(text)

    def remove_part(self, name: str) -> None:
        """Remove a part, its relationships, and the parts of unsafe kinds only it brought (an
        ActiveX control's binary)."""
        rels = _rels_of(name)
        brought = []
        if rels in self.parts:
            try:
                brought = [_target(name, r.get("Target") or "") for r in self.tree(rels)
                           if r.get("TargetMode") != "External"]
            except etree.XMLSyntaxError:
                pass
        for gone in (name, rels):
            if gone in self.parts:
                del self.parts[gone]
                self.removed.add(gone)
                self.changed = True
        for part in brought:
            if part in self.parts and self.types.get(part) in _UNSAFE_TYPES:
                self.remove_part(part)

    def rels(self):
        """(relationships part, source part, root) for every relationships part still there."""
        for name in sorted(n for n in self.parts if n.endswith(".rels")):
            try:
                yield name, _source_of(name), self.tree(name)
            except etree.XMLSyntaxError:
                continue


def sanitised(data: bytes) -> Sanitised:
    """Return the template `data` with its macros, ActiveX controls, OLE objects and relationships
    to outside the file dropped (and its main part declared a presentation's), with a warning for
    each. `data` comes back as it was when there is nothing to drop. Raises DamagedError, and
    zipfile.BadZipFile, KeyError or etree.XMLSyntaxError for what is no PowerPoint file at all."""
    archive, infos = entries(data)
    package = _Package(read_all(archive, infos))
    _declare_presentation(package)
    _drop_unsafe(package)
    fonts = _embedded_fonts(package)
    if not package.changed:
        return Sanitised(data, package.warnings, fonts)
    return Sanitised(_zipped(infos, package), package.warnings, fonts)


def _declare_presentation(package: _Package) -> None:
    root = package.tree("[Content_Types].xml")
    found = False
    for override in root.iter(f"{{{_CT_NS}}}Override"):
        kind = override.get("ContentType")
        if kind in MAIN_TYPES:
            if "macro" in MAIN_TYPES[kind]:
                package.warnings.append(f"{(override.get('PartName') or '').lstrip('/')}: {MAIN_TYPES[kind]} "
                                        "main part, declared a plain presentation's")
            override.set("ContentType", PRESENTATION_TYPE)
            found = True
    if found:
        package.touch("[Content_Types].xml")


def _drop_unsafe(package: _Package) -> None:
    """Drop every relationship to outside, to a macro project, an ActiveX control or an OLE object,
    with the parts and the references that go with them; then any part of those kinds left over."""
    while True:
        dropped = False
        for rels_name, source, root in list(package.rels()):
            if rels_name in package.removed:
                continue
            gone = set()
            for rel in list(root):
                why = _unsafe(package, source, rel)
                if not why:
                    continue
                gone.add(rel.get("Id"))
                root.remove(rel)
                target = rel.get("Target") or ""
                if rel.get("TargetMode") == "External":
                    package.warn(source, f"{source or 'the package'}: link to {_quoted(target)} dropped "
                                         f"({why}); a deck never reaches outside its file")
                else:
                    part = _target(source, target)
                    if part in package.parts:
                        package.warn(source, f"{part} dropped: {why} (from {source or 'the package'}); "
                                             "a deck never carries code or embedded objects")
                        package.remove_part(part)
            if gone:
                dropped = True
                package.touch(rels_name)
                if source in package.parts and source.endswith(".xml"):
                    _unreference(package, source, gone)
        if not dropped:
            break
    for name, kind in list(package.types.items()):
        if name in package.parts and kind in _UNSAFE_TYPES:
            package.warn(name, f"{name} dropped: {_UNSAFE_TYPES[kind]}; a deck never carries code or embedded objects")
            package.remove_part(name)


def _unsafe(package: _Package, source: str, rel) -> str:
    """Why a relationship must go, or ""."""
    kind = rel.get("Type") or ""
    if rel.get("TargetMode") == "External":
        return f"{_kind_words(kind)}, outside the file"
    if kind in _UNSAFE_RELATIONSHIPS:
        return _UNSAFE_RELATIONSHIPS[kind]
    target = _target(source, rel.get("Target") or "")
    if target in package.removed:
        return "a part already dropped"
    if package.types.get(target) in _UNSAFE_TYPES:
        return _UNSAFE_TYPES[package.types[target]]
    if kind == _PACKAGE and not package.types.get(source, "").endswith("drawingml.chart+xml"):
        return "an embedded document (an OLE object)"
    return ""


def _kind_words(kind: str) -> str:
    name = kind.rsplit("/", 1)[-1]
    return {"hyperlink": "a hyperlink", "image": "a linked picture", "oleObject": "a linked OLE object",
            "video": "a linked video", "audio": "a linked sound", "media": "linked media",
            "attachedTemplate": "an attached template", "frame": "a linked frame"}.get(name, f"a '{printable(name)}' link")


def _unreference(package: _Package, source: str, gone: set[str]) -> None:
    """Remove from `source` what refers to the relationships `gone`: a picture's link attribute,
    an OLE object's or a control's frame (with its alternate content), anything else the element."""
    try:
        root = package.tree(source)
    except etree.XMLSyntaxError:
        return
    hits = [(element, name) for element in root.iter() if isinstance(element.tag, str)
            for name, value in element.attrib.items() if name.startswith(f"{{{_R_NS}}}") and value in gone]
    for element, name in hits:
        if element.getroottree().getroot() is not root:
            continue        # already removed with an ancestor
        tag = etree.QName(element).localname
        if tag == "blip":
            del element.attrib[name]
            continue
        victim = element
        if tag in ("oleObj", "control"):
            frame = next((a for a in element.iterancestors() if etree.QName(a).localname in ("graphicFrame",)), None)
            victim = frame if frame is not None and tag == "oleObj" else element
            alternate = next((a for a in victim.iterancestors(f"{{{_MC_NS}}}AlternateContent")), None)
            victim = alternate if alternate is not None else victim
        parent = victim.getparent()
        if parent is None:
            continue
        parent.remove(victim)
        if etree.QName(parent).localname == "controls" and not len(parent) and parent.getparent() is not None:
            parent.getparent().remove(parent)
    package.touch(source)


def _embedded_fonts(package: _Package) -> tuple[str, ...]:
    try:
        root = package.tree("ppt/presentation.xml")
    except (KeyError, etree.XMLSyntaxError):
        return ()
    return tuple(f.get("typeface", "") for f in root.iter(f"{{{_P_NS}}}font")
                 if etree.QName(f.getparent()).localname == "embeddedFont")


def without_fonts(data: bytes, keep: set[str]) -> Sanitised:
    """Return the (sanitised) template `data` without the embedded fonts whose typeface is not in
    `keep` (the faces the deck writes in), with a warning naming each font part dropped."""
    archive, infos = entries(data)
    package = _Package(read_all(archive, infos))
    main = "ppt/presentation.xml"
    root = package.tree(main)
    listing = root.find(f"{{{_P_NS}}}embeddedFontLst")
    if listing is None:
        return Sanitised(data)
    rels_name = _rels_of(main)
    rels = package.tree(rels_name) if rels_name in package.parts else None
    targets = {r.get("Id"): r for r in rels} if rels is not None else {}
    for embedded in list(listing):
        font = embedded.find(f"{{{_P_NS}}}font")
        face = font.get("typeface", "") if font is not None else ""
        if face in keep:
            continue
        for style in embedded:
            rid = style.get(f"{{{_R_NS}}}id")
            rel = targets.pop(rid, None)
            if rel is None:
                continue
            rels.remove(rel)
            part = _target(main, rel.get("Target") or "")
            package.warnings.append(f"{part} dropped: an embedded font ({_quoted(face)}) the deck does not use")
            package.remove_part(part)
        listing.remove(embedded)
    if not len(listing):
        root.remove(listing)
        root.attrib.pop("embedTrueTypeFonts", None)
        root.attrib.pop("saveSubsetFonts", None)
    package.touch(main)
    if rels is not None:
        package.touch(rels_name)
    return Sanitised(_zipped(infos, package), package.warnings)


def _zipped(infos: list[zipfile.ZipInfo], package: _Package) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for entry in infos:
            if entry.filename in package.parts:
                rewritten.writestr(entry, package.parts[entry.filename])
    return out.getvalue()
