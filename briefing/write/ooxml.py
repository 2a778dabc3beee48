"""Raw DrawingML that python-pptx has no API for (or writes slowly): paragraphs with bullets,
numbering, tab stops, line breaks and the slide-number field, per-script fonts with a language
tag, decorative marks, SVG pictures, and the package's own parts.

Kept in one place so the rest of the code speaks python-pptx only. Every element is inserted in
the order the schema demands, so PowerPoint opens the file without a repair prompt.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from lxml import etree
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement

if TYPE_CHECKING:
    from pptx.oxml.text import CT_TextCharacterProperties
    from pptx.text.text import _Run

_RPR_AFTER_EA = ("a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")
"""The children of a:rPr that the schema puts after a:ea."""


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


_DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
_SVG_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
_SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


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


_ALIGNS = {"left": "l", "center": "ctr", "right": "r"}
_NS = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'


@dataclass(frozen=True)
class Faces:
    """The typefaces and language every run names."""

    latin: str
    east_asian: str
    lang: str

    def run_properties(self, size: float | None, bold: bool | None = None, colour: str = "") -> str:
        alt = f' altLang="{"en-US" if self.lang != "en-US" else "ja-JP"}"' if self.east_asian else ""
        points = f' sz="{round(size * 100)}"' if size else ""
        weight = "" if bold is None else f' b="{int(bold)}"'
        fill = f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>' if colour else ""
        ea = f'<a:ea typeface={quoteattr(self.east_asian)}/>' if self.east_asian else ""
        return (f'<a:rPr lang="{self.lang}"{alt}{points}{weight} dirty="0">{fill}'
                f'<a:latin typeface={quoteattr(self.latin)}/>{ea}</a:rPr>')


def paragraph_xml(content: str, *, align: str, level: int, line: float, space_after: float, margin: int = 0,
                  hanging: int = 0, bullet: str = "") -> str:
    """Return an a:p with its properties and `content` (runs, breaks, fields, from the functions
    below); `bullet` is the a:buClr..a:buChar (or a:buNone) part, `margin` and `hanging` EMU."""
    marks = f' marL="{margin}" indent="{-hanging}"' if margin or hanging else ""
    level_mark = f' lvl="{level}"' if level else ""
    spacing = f'<a:lnSpc><a:spcPts val="{round(line * 100)}"/></a:lnSpc>' if line else ""
    aligned = f' algn="{_ALIGNS[align]}"' if align else ""      # none: the placeholder's own
    return (f'<a:p><a:pPr{marks}{level_mark}{aligned}>{spacing}'
            f'<a:spcAft><a:spcPts val="{round(space_after * 100)}"/></a:spcAft>{bullet}</a:pPr>{content}</a:p>')


def _bullet_colour(colour: str) -> str:
    """The mark's own colour; none (the text's) when the plan gives it none."""
    return f'<a:buClr><a:srgbClr val="{colour}"/></a:buClr>' if colour else ""


def bullet_xml(char: str, colour: str, font: str) -> str:
    return f'{_bullet_colour(colour)}<a:buFont typeface={quoteattr(font)}/><a:buChar char={quoteattr(char)}/>'


def numbering_xml(scheme: str, colour: str, start: int) -> str:
    begin = f' startAt="{start}"' if start != 1 else ""
    return f'{_bullet_colour(colour)}<a:buAutoNum type="{scheme}"{begin}/>'


def tabs_xml(position: int) -> str:
    return f'<a:tabLst><a:tab pos="{position}" algn="l"/></a:tabLst>'


def run_xml(text: str, properties: str) -> str:
    return f"<a:r>{properties}<a:t>{escape(text)}</a:t></a:r>"


def break_xml(properties: str) -> str:
    return f"<a:br>{properties}</a:br>"


def slide_number_xml(number: int, properties: str) -> str:
    """A slide-number field; viewers keep it up to date when slides move. A stable id keeps builds
    reproducible; PowerPoint only needs it to be a GUID."""
    guid = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"slidenum/{number}")).upper() + "}"
    return f'<a:fld id="{guid}" type="slidenum">{properties}<a:t>{number}</a:t></a:fld>'


def replace_paragraphs(text_frame, paragraphs: list[str]) -> None:
    """Replace every paragraph of a text frame (or a table cell's) with `paragraphs` (a:p XML)."""
    from pptx.oxml import parse_xml

    body = text_frame._txBody
    for old in body.findall(qn("a:p")):
        body.remove(old)
    holder = parse_xml(f"<a:txBody {_NS}>{''.join(paragraphs) or '<a:p/>'}</a:txBody>")
    for paragraph in list(holder):
        body.append(paragraph)


# --- shapes written as XML ---------------------------------------------------------------------
# python-pptx builds a shape from a template, then finds each property's element again for every
# setting; a deck has a few hundred shapes, so they are written here in one string each, exactly
# as python-pptx would leave them (the same elements, attributes and order: the same bytes).

_SP_NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
_ANCHORS = {"top": "t", "middle": "ctr", "bottom": "b"}
_INSET_DEFAULTS = (("lIns", 91440), ("rIns", 91440), ("tIns", 45720), ("bIns", 45720))


def _insets(margin: int) -> str:
    """The insets python-pptx writes for `margin` on every side: those not the schema's default."""
    return "".join(f' {side}="{margin}"' for side, default in _INSET_DEFAULTS if margin != default)


def _name_xml(shape_id: int, name: str, decorative: bool) -> str:
    mark = (f'<a:extLst><a:ext uri="{_DECORATIVE_URI}"><adec:decorative xmlns:adec="{_DECORATIVE_NS}" val="1"/>'
            '</a:ext></a:extLst>') if decorative else ""
    return f'<p:cNvPr id="{shape_id}" name={quoteattr(name)}>{mark}</p:cNvPr>' if mark else \
        f'<p:cNvPr id="{shape_id}" name={quoteattr(name)}/>'


def _xfrm(box: tuple[int, int, int, int]) -> str:
    left, top, width, height = box
    return f'<a:xfrm><a:off x="{left}" y="{top}"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>'


def textbox_xml(shape_id: int, name: str, box: tuple[int, int, int, int], anchor: str, margin: int,
                paragraphs: list[str], decorative: bool = False) -> str:
    """A text box (p:sp, txBox) holding `paragraphs`, no autofit, wrapped."""
    return (f'<p:sp {_SP_NS}><p:nvSpPr>{_name_xml(shape_id, name, decorative)}<p:cNvSpPr txBox="1"/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
            f'<p:txBody><a:bodyPr wrap="square" anchor="{_ANCHORS[anchor]}"{_insets(margin)}><a:noAutofit/>'
            f'</a:bodyPr><a:lstStyle/>{"".join(paragraphs) or "<a:p/>"}</p:txBody></p:sp>')


def autoshape_xml(shape_id: int, name: str, preset: str, box: tuple[int, int, int, int], *, fill: str, line: str,
                  rounding: float | None, text: tuple[str, int, list[str]] | None) -> str:
    """An autoshape (`preset` geometry) with a solid fill (or none), a 1 pt outline (or none), no
    theme style, and either text (anchor, margin, paragraphs) or, without, marked decorative."""
    adjust = f'<a:gd name="adj" fmla="val {int(round(rounding * 100000))}"/>' if rounding is not None else ""
    geometry = f'<a:prstGeom prst="{preset}"><a:avLst>{adjust}</a:avLst></a:prstGeom>' if adjust else \
        f'<a:prstGeom prst="{preset}"><a:avLst/></a:prstGeom>'
    fill_xml = f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>' if fill else "<a:noFill/>"
    line_xml = (f'<a:ln w="12700"><a:solidFill><a:srgbClr val="{line}"/></a:solidFill></a:ln>' if line
                else "<a:ln><a:noFill/></a:ln>")
    if text is None:
        body = '<a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:pPr algn="ctr"/></a:p>'
    else:
        anchor, margin, paragraphs = text
        body = (f'<a:bodyPr rtlCol="0" anchor="{_ANCHORS[anchor]}" wrap="square"{_insets(margin)}><a:noAutofit/>'
                f'</a:bodyPr><a:lstStyle/>{"".join(paragraphs) or "<a:p/>"}')
    return (f'<p:sp {_SP_NS}><p:nvSpPr>{_name_xml(shape_id, name, text is None)}<p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr>{_xfrm(box)}{geometry}{fill_xml}{line_xml}</p:spPr><p:txBody>{body}</p:txBody></p:sp>')


def add_shape_xml(slide, xml: str) -> None:
    """Add a shape written as XML to the slide, after those already there."""
    from pptx.oxml import parse_xml

    slide.shapes._spTree.insert_element_before(parse_xml(xml), "p:extLst")


# --- shapes and slides: what python-pptx keeps private -------------------------------------------

def name_slide(slide, name: str) -> None:
    """Give the slide a name (p:cSld/@name), for anyone reading the file."""
    slide._element.cSld.set("name", name)


def placeholder_type(placeholder) -> str:
    """The placeholder's type (title, ctrTitle, subTitle, body, ...); `obj` when it says none."""
    element = placeholder._element.ph
    return element.get("type", "obj") if element is not None else "obj"


def remove_placeholders(slide, keep: list) -> None:
    """Remove every placeholder of `slide` but those in `keep`: an empty one would show "Click to
    add text" to whoever edits the deck."""
    kept = {shape._element for shape in keep}
    for shape in [s for s in slide.placeholders if s._element not in kept]:
        shape._element.getparent().remove(shape._element)


def next_shape_id(slide) -> int:
    """The id the next shape added to `slide` gets (counted, not searched for: see turbo_add)."""
    return slide.shapes._next_shape_id


def mark_place(slide):
    """Mark the place after the slide's shapes so far, where a shape will be put later: a comment,
    which no viewer reads, and which stays put whatever happens to the shapes around it (an unused
    placeholder before it may be removed)."""
    tree = slide.shapes._spTree
    marker = etree.Comment(" a chart goes here ")
    ext = tree.find(qn("p:extLst"))
    if ext is not None:
        ext.addprevious(marker)
    else:
        tree.append(marker)
    return marker


def put_at(picture, marker, shape_id: int) -> None:
    """Put `picture` where `marker` stands, with the id kept for it there, and the marker gone."""
    picture._element.nvPicPr.cNvPr.set("id", str(shape_id))
    marker.addnext(picture._element)
    marker.getparent().remove(marker)


def describe(shape, text: str) -> None:
    """Set a picture's or graphic frame's alternative text (cNvPr/@descr)."""
    shape._element.find(".//" + qn("p:cNvPr")).set("descr", text)


def chart_text_properties(chart):
    """The a:rPr of a chart's default text properties, made when missing."""
    return chart.font._rPr

