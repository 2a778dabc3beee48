"""The deck as a file: the template's package made the deck's own (sample slides, thumbnail,
printer ticket and print date dropped; the parts PowerPoint expects added; the slide size plain;
the deck's faces as the theme's), its properties from the deck's facts, and zip bytes that are the
same for the same deck (fixed times, one order, one compression)."""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree
from pptx.oxml.ns import qn

from briefing.layout.plan import Properties
from briefing.model.dates import ZIP_EPOCH


def set_theme_fonts(prs, latin: str, east_asian: str) -> None:
    """Make `latin` (and `east_asian`, when given) the heading and body fonts of every master's theme.

    Every run names its fonts explicitly; this makes text that someone later types into the deck
    in PowerPoint match it too.
    """
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    themes = {id(part): part for part in (m.part.part_related_by(RT.THEME) for m in prs.slide_masters)}
    for theme in themes.values():
        root = etree.fromstring(theme.blob)
        for scheme in ("a:majorFont", "a:minorFont"):
            for font in root.iter(qn(scheme)):
                _face(font, "a:latin", latin)
                if east_asian:
                    _face(font, "a:ea", east_asian)
                    # A template may name a Japanese font of its own for Japanese text ("Jpan").
                    for script in font.findall(qn("a:font")):
                        if script.get("script") == "Jpan":
                            script.set("typeface", east_asian)
        theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _face(font, tag: str, typeface: str) -> None:
    found = font.find(qn(tag))
    if found is None:       # the schema's order: latin, ea, cs, then per-script fonts
        found = etree.Element(qn(tag))
        font.insert(0 if tag == "a:latin" else 1, found)
    found.set("typeface", typeface)


def drop_slides(prs) -> None:
    """Remove a template's sample slides, and what names them (custom shows, sections): the deck's
    slides are added after."""
    slide_ids = prs.slides._sldIdLst
    for slide_id in list(slide_ids):
        slide_ids.remove(slide_id)
        prs.part.drop_rel(slide_id.rId)
    root = prs._element
    for shows in root.findall(qn("p:custShowLst")):
        root.remove(shows)
    for ext in root.findall(f"{qn('p:extLst')}/{qn('p:ext')}"):
        if ext.get("uri") == _SECTIONS_URI:
            ext.getparent().remove(ext)


_SECTIONS_URI = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"


def complete_package(prs) -> None:
    """Give the package the presentation and view properties PowerPoint expects (a template saved
    by another program may lack them, and PowerPoint would then offer to repair the deck): python-
    pptx's own template's parts, as they are."""
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    have = {rel.reltype for rel in prs.part.rels.values()}
    missing = [kind for kind in (RT.PRES_PROPS, RT.VIEW_PROPS, RT.TABLE_STYLES) if kind not in have]
    if not missing:
        return
    source = Presentation().part
    for kind in missing:
        part = source.part_related_by(kind)
        part._package = prs.part.package
        prs.part.relate_to(part, kind)


_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_PRINTER_SETTINGS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/printerSettings"
_APP_PROPERTIES = "/docProps/app.xml"


def tidy_package(prs) -> None:
    """Remove what the template carries that is not the deck's: a blank 4:3 thumbnail that file
    browsers would show, and a US-Letter printer ticket."""
    for rels, kind in ((prs.part.package._rels, _THUMBNAIL), (prs.part.rels, _PRINTER_SETTINGS)):
        for rid in [rid for rid, rel in rels.items() if rel.reltype == kind]:
            rels.pop(rid)


def drop_last_printed(prs) -> None:
    """Remove the core property that claims the deck was printed: it never was."""
    core = prs.core_properties._element
    for element in core.findall(qn("cp:lastPrinted")):
        core.remove(element)


def plain_slide_size(prs) -> None:
    """Drop the slide size's type (the template says "screen4x3"), so PowerPoint names the size by
    its dimensions: Widescreen for 13.333 x 7.5 inches."""
    size = prs._element.find(qn("p:sldSz"))
    if size is not None and "type" in size.attrib:
        del size.attrib["type"]


_FORMATS = {(12192000, 6858000): "Widescreen", (9144000, 6858000): "On-screen Show (4:3)",
            (9144000, 5143500): "On-screen Show (16:9)", (9144000, 5715000): "On-screen Show (16:10)"}
"""PowerPoint's names of its slide sizes, by width and height in EMU."""


def set_app_properties(prs, application: str, slides: int, notes: int) -> None:
    """Replace the template's extended properties ("Microsoft Macintosh PowerPoint", 4:3, 0 slides)."""
    size = _FORMATS.get((prs.slide_width, prs.slide_height), "Custom")
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           f"<Application>{application}</Application><PresentationFormat>{size}</PresentationFormat>"
           f"<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides>"
           "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
           "<HyperlinksChanged>false</HyperlinksChanged></Properties>")
    for part in prs.part.package.iter_parts():
        if part.partname == _APP_PROPERTIES:
            part._blob = xml.encode()


# --- paragraphs written as XML in one go ---------------------------------------------------------------
# python-pptx's text API inserts one element at a time, looking for its place among the siblings
# each time; a deck's paragraphs are written here as text and parsed once, in the schema's order.

def set_properties(prs, facts: Properties) -> None:
    """Describe the file with the deck's own facts, not python-pptx's template defaults."""
    props = prs.core_properties
    props.title = facts.title
    props.subject = facts.subject
    props.author = facts.author
    props.last_modified_by = facts.author
    props.keywords = ""
    props.comments = ""
    props.category = "Briefing"
    props.language = facts.language
    props.revision = 1
    props.created = facts.created
    props.modified = facts.modified
    drop_last_printed(prs)
    if facts.stamp:
        set_custom_properties(prs, facts.stamp)


_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"     # the one every custom property uses


def set_custom_properties(prs, values: tuple[tuple[str, str], ...]) -> None:
    """The package's custom properties (File > Info > Properties > Custom in PowerPoint), as text:
    PowerPoint and LibreOffice keep them when they save the deck again."""
    from xml.sax.saxutils import escape, quoteattr

    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    entries = "".join(f'<property fmtid="{_FMTID}" pid="{pid}" name={quoteattr(name)}><vt:lpwstr>{escape(value)}'
                      "</vt:lpwstr></property>" for pid, (name, value) in enumerate(values, start=2))
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           f"{entries}</Properties>")
    package = prs.part.package
    part = Part(PackURI("/docProps/custom.xml"), _CUSTOM_TYPE, package, xml.encode("utf-8"))
    package.relate_to(part, _CUSTOM_RELATION)


def to_bytes(prs) -> bytes:
    """Return the presentation as .pptx bytes, identical for identical content.

    python-pptx stamps every zip entry with the current time; here each entry gets a fixed time,
    the same order and the same compression, so only content changes the bytes.
    """
    from pptx.opc.serialized import PackageWriter

    class Reproducible(PackageWriter):
        def _write(self) -> None:
            with zipfile.ZipFile(self._pkg_file, "w", zipfile.ZIP_DEFLATED) as archive:
                writer = _FixedTimes(archive)
                self._write_content_types_stream(writer)
                self._write_pkg_rels(writer)
                self._write_parts(writer)

    package = prs.part.package
    out = io.BytesIO()
    Reproducible.write(out, package._rels, tuple(package.iter_parts()))
    return out.getvalue()


class _FixedTimes:
    """Writes zip entries as python-pptx's writer does, but at a fixed time."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive

    def write(self, pack_uri, blob: bytes) -> None:
        entry = zipfile.ZipInfo(pack_uri.membername, date_time=ZIP_EPOCH.timetuple()[:6])
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.create_system = 0
        entry.external_attr = 0
        self.archive.writestr(entry, blob, compresslevel=6)


def slide_count(data: bytes) -> int:
    """The number of slides a .pptx holds, read from its zip's table of contents."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(1 for name in archive.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", name))
