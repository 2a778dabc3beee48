"""Raw DrawingML tweaks that python-pptx has no API for: bullets, numbering, tab stops, the
slide-number field, and per-script fonts with a language tag.

Kept in one place so the rest of the code speaks python-pptx only. Every element is inserted in
the order the schema demands, so PowerPoint opens the file without a repair prompt.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from lxml import etree
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu

if TYPE_CHECKING:
    from pptx.oxml.text import CT_TextCharacterProperties
    from pptx.text.text import _Paragraph, _Run

# Child order of a:pPr in the DrawingML schema (CT_TextParagraphProperties).
_PPR_ORDER = ("a:lnSpc", "a:spcBef", "a:spcAft", "a:buClrTx", "a:buClr", "a:buSzTx", "a:buSzPct",
              "a:buSzPts", "a:buFontTx", "a:buFont", "a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip",
              "a:tabLst", "a:defRPr", "a:extLst")
_RPR_AFTER_EA = ("a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")


def _insert(ppr, element, tag: str) -> None:
    """Insert `element` into a:pPr before every child that the schema puts after `tag`."""
    successors = _PPR_ORDER[_PPR_ORDER.index(tag) + 1:]
    ppr.insert_element_before(element, *successors)


def set_bullet(paragraph: _Paragraph, char: str, colour: str, margin: Emu, hanging: Emu, font: str) -> None:
    """Give `paragraph` a bullet `char` in `colour` (hex RGB) and `font` (one that has the glyph),
    its text `margin` from the edge and the bullet `hanging` before it."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", str(int(margin)))
    ppr.set("indent", str(-int(hanging)))
    _bullet_colour(ppr, colour)
    bu_font = OxmlElement("a:buFont")
    bu_font.set("typeface", font)
    _insert(ppr, bu_font, "a:buFont")
    bu = OxmlElement("a:buChar")
    bu.set("char", char)
    _insert(ppr, bu, "a:buChar")


def set_numbering(paragraph: _Paragraph, scheme: str, indent: Emu, colour: str, start: int = 1) -> None:
    """Number `paragraph` automatically (scheme e.g. "arabicParenBoth" for (1), "arabicPeriod") in
    `colour`: without it the number takes the colour of the first run, which may be emphasised."""
    ppr = paragraph._p.get_or_add_pPr()
    _hanging(ppr, indent)
    _bullet_colour(ppr, colour)
    bu = OxmlElement("a:buAutoNum")
    bu.set("type", scheme)
    if start != 1:
        bu.set("startAt", str(start))
    _insert(ppr, bu, "a:buAutoNum")


def _bullet_colour(ppr, colour: str) -> None:
    clr = OxmlElement("a:buClr")
    srgb = OxmlElement("a:srgbClr")
    srgb.set("val", colour)
    clr.append(srgb)
    _insert(ppr, clr, "a:buClr")


def set_no_bullet(paragraph: _Paragraph) -> None:
    """Make sure `paragraph` shows no bullet, whatever its placeholder inherits."""
    ppr = paragraph._p.get_or_add_pPr()
    _insert(ppr, OxmlElement("a:buNone"), "a:buNone")


def set_tab_stop(paragraph: _Paragraph, position: Emu) -> None:
    """Add a left tab stop at `position` with wrapped lines hanging at it (a date column)."""
    ppr = paragraph._p.get_or_add_pPr()
    _hanging(ppr, position)
    tabs = OxmlElement("a:tabLst")
    tab = OxmlElement("a:tab")
    tab.set("pos", str(int(position)))
    tab.set("algn", "l")
    tabs.append(tab)
    _insert(ppr, tabs, "a:tabLst")


def _hanging(ppr, indent: Emu) -> None:
    ppr.set("marL", str(int(indent)))
    ppr.set("indent", str(-int(indent)))


def add_slide_number(paragraph: _Paragraph, number: int, lang: str, size: float, colour: str, latin: str,
                     east_asian: str) -> None:
    """Append a slide-number field to `paragraph`, styled as a run; viewers update it when slides move."""
    fld = OxmlElement("a:fld")
    # A stable id keeps builds reproducible; PowerPoint only needs it to be a GUID.
    fld.set("id", "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"slidenum/{number}")).upper() + "}")
    fld.set("type", "slidenum")
    rpr = OxmlElement("a:rPr")
    rpr.set("sz", str(int(round(size * 100))))
    fld.append(rpr)
    set_colour(rpr, colour)
    set_fonts(rpr, latin, east_asian, lang)
    t = OxmlElement("a:t")
    t.text = str(number)
    fld.append(t)
    end = paragraph._p.find(qn("a:endParaRPr"))
    if end is not None:
        end.addprevious(fld)
    else:
        paragraph._p.append(fld)


def add_line_break(paragraph: _Paragraph, size: float, latin: str, east_asian: str, lang: str) -> None:
    """Append a line break (a:br, Shift+Enter in PowerPoint) carrying the paragraph's size, so the
    line it ends is as high as the others."""
    br = OxmlElement("a:br")
    rpr = OxmlElement("a:rPr")
    rpr.set("sz", str(int(round(size * 100))))
    br.append(rpr)
    set_fonts(rpr, latin, east_asian, lang)
    end = paragraph._p.find(qn("a:endParaRPr"))
    if end is not None:
        end.addprevious(br)
    else:
        paragraph._p.append(br)


def set_colour(rpr: CT_TextCharacterProperties, colour: str) -> None:
    """Give the run properties `rpr` a solid text colour (hex RGB)."""
    fill = OxmlElement("a:solidFill")
    srgb = OxmlElement("a:srgbClr")
    srgb.set("val", colour)
    fill.append(srgb)
    rpr.insert(0, fill)    # a:ln is never set here, so the fill comes first


def set_fonts(rpr: CT_TextCharacterProperties, latin: str, east_asian: str, lang: str) -> None:
    """Set the Latin and East Asian typefaces and the language tag on a run's a:rPr."""
    rpr.set("lang", lang)
    if east_asian:
        rpr.set("altLang", "en-US" if lang != "en-US" else "ja-JP")
    rpr.get_or_add_latin().set("typeface", latin)
    if east_asian:
        ea = rpr.find(qn("a:ea"))
        if ea is None:
            ea = OxmlElement("a:ea")
            rpr.insert_element_before(ea, *_RPR_AFTER_EA)
        ea.set("typeface", east_asian)


def run_properties(run: _Run) -> CT_TextCharacterProperties:
    """Return the run's a:rPr, creating it when missing."""
    return run._r.get_or_add_rPr()


def drop_style(shape) -> None:
    """Remove an autoshape's theme style reference (p:style).

    python-pptx's autoshapes refer to the theme's effect style, which some viewers (LibreOffice)
    draw as a drop shadow even under an empty a:effectLst; every colour is set explicitly instead.
    """
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def set_theme_fonts(prs, latin: str, east_asian: str) -> None:
    """Make `latin` (and `east_asian`, when given) the theme's heading and body fonts.

    Every run names its fonts explicitly; this makes text that someone later types into the deck
    in PowerPoint match it too.
    """
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    for scheme in ("a:majorFont", "a:minorFont"):
        for font in root.iter(qn(scheme)):
            font.find(qn("a:latin")).set("typeface", latin)
            if east_asian:
                font.find(qn("a:ea")).set("typeface", east_asian)
                # The template names a Japanese font of its own for Japanese text ("Jpan").
                for script in font.findall(qn("a:font")):
                    if script.get("script") == "Jpan":
                        script.set("typeface", east_asian)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def widen_layouts(prs, factor: float) -> None:
    """Stretch the master's and layouts' placeholders horizontally by `factor`.

    python-pptx's default template is 4:3; after the slides are made 16:9 its placeholders would
    sit in the left three quarters of a slide someone adds by hand in PowerPoint.
    """
    masters = [prs.slide_master, *prs.slide_layouts]
    for owner in masters:
        for shape in owner.placeholders:
            if shape._element.spPr.find(qn("a:xfrm")) is not None:
                shape.left = int(shape.left * factor)
                shape.width = int(shape.width * factor)


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


_DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
_SVG_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
_SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


def mark_decorative(shape) -> None:
    """Mark a shape as decoration (PowerPoint's "Mark as decorative"): screen readers skip it and
    the Accessibility Checker asks no alternative text of it."""
    c_nv_pr = shape._element.find(".//" + qn("p:cNvPr"))
    ext_list = c_nv_pr.find(qn("a:extLst"))
    if ext_list is None:
        ext_list = OxmlElement("a:extLst")
        c_nv_pr.append(ext_list)
    ext = OxmlElement("a:ext")
    ext.set("uri", _DECORATIVE_URI)
    decorative = etree.SubElement(ext, f"{{{_DECORATIVE_NS}}}decorative", nsmap={"adec": _DECORATIVE_NS})
    decorative.set("val", "1")
    ext_list.append(ext)


def positive_axis_ids(chart) -> None:
    """Renumber a chart's axes from 1: python-pptx's template gives them negative ids, which the
    schema (an unsigned int) refuses."""
    ids: dict[str, str] = {}
    for element in chart._chartSpace.iter(qn("c:axId"), qn("c:crossAx")):
        value = element.get("val")
        ids.setdefault(value, str(len(ids) + 1))
        element.set("val", ids[value])


def add_svg(picture, svg: bytes) -> None:
    """Give a picture its SVG beside the PNG it shows, as PowerPoint 2016 and later write it: the
    SVG in the blip's extension list, the PNG the fallback for older readers."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    slide_part = picture.part
    package = slide_part.package
    partname = package.next_partname("/ppt/media/image%d.svg")
    part = Part(PackURI(partname), "image/svg+xml", package, svg)
    rid = slide_part.relate_to(part, RT.IMAGE)
    blip = picture._element.find(".//" + qn("a:blip"))
    ext_list = OxmlElement("a:extLst")
    ext = OxmlElement("a:ext")
    ext.set("uri", _SVG_URI)
    svg_blip = etree.SubElement(ext, f"{{{_SVG_NS}}}svgBlip", nsmap={"asvg": _SVG_NS})
    svg_blip.set(qn("r:embed"), rid)
    ext_list.append(ext)
    blip.append(ext_list)


def set_app_properties(prs, application: str, slides: int, notes: int) -> None:
    """Replace the template's extended properties ("Microsoft Macintosh PowerPoint", 4:3, 0 slides)."""
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           f"<Application>{application}</Application><PresentationFormat>Widescreen</PresentationFormat>"
           f"<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides>"
           "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
           "<HyperlinksChanged>false</HyperlinksChanged></Properties>")
    for part in prs.part.package.iter_parts():
        if part.partname == _APP_PROPERTIES:
            part._blob = xml.encode()
