"""An organisation's own template (a master .pptx or .potx) read into what the build needs: the
slide size, each layout's role found from its placeholders (not its name, which differs from one
template and language to the next), the regions the layouts' placeholders mark out, and the
template's theme fonts and colours.

Reading happens once, when the theme is loaded: a template that cannot be used is a located
problem in the theme (`master:`), found by `check` as by a build. The writer then starts every deck
from the same bytes.
"""

from __future__ import annotations

from briefing.errors import did_you_mean

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from briefing.layout.plan import Box

EMU_PER_INCH = 914400
MAX_BYTES = 100_000_000
"""A template with its pictures; anything larger is not one."""
MAX_UNPACKED = 400_000_000
MAX_PARTS = 5_000

TITLE_TYPES = ("title", "ctrTitle")
FOOTER_TYPES = ("dt", "ftr", "sldNum", "hdr")
"""Placeholders a slide does not get from its layout when it is added: they stay the master's."""
ROLES = ("cover", "content", "section")
"""The kinds of slide a deck has, each put on one layout of the template."""



class MasterError(Exception):
    """The template cannot be used; the message says why, in words."""


@dataclass(frozen=True)
class Placeholder:
    """One placeholder of a layout: its type (title, ctrTitle, subTitle, body, obj, pic, dt, ftr,
    sldNum, ...), its index, its name, and where it sits (inches), inherited from the master when
    the layout does not say."""

    type: str
    idx: int
    name: str
    box: Box | None


@dataclass(frozen=True)
class LayoutInfo:
    """One layout of the template: which master it belongs to (1-based), its place among that
    master's layouts (0-based), its name and its placeholders."""

    master: int
    index: int
    name: str
    placeholders: tuple[Placeholder, ...]
    type: str = ""

    @property
    def kinds(self) -> tuple[str, ...]:
        """The types of the placeholders a slide gets from this layout (footers are the master's)."""
        return tuple(p.type for p in self.placeholders if p.type not in FOOTER_TYPES)

    @property
    def role(self) -> str:
        """What the layout is for, from its placeholders: title-slide, title-only, section-header,
        title-and-content, blank, or other."""
        kinds = self.kinds
        titled = any(k in TITLE_TYPES for k in kinds)
        rest = [k for k in kinds if k not in TITLE_TYPES]
        if titled and "subTitle" in rest:
            return "title-slide"
        if titled and not rest:
            return "title-only"
        if titled and rest == ["body"] and (self.type == "secHead" or "section" in self.name.lower()):
            return "section-header"
        if titled and len(rest) == 1:
            return "title-and-content"
        if not kinds:
            return "blank"
        return "other"

    def first(self, *types: str) -> Placeholder | None:
        return next((p for p in self.placeholders if p.type in types and p.box is not None), None)

    @property
    def label(self) -> str:
        return f"{self.name} (master {self.master})"


@dataclass(frozen=True)
class MasterInfo:
    """What a template offers: size (inches), layouts, theme fonts and colours, its sample slides."""

    width: float
    height: float
    layouts: tuple[LayoutInfo, ...]
    fonts: dict[str, str] = field(default_factory=dict)
    """The theme's fonts: major/minor Latin and East Asian faces, e.g. {"minor_latin": "Calibri"}."""
    colours: dict[str, str] = field(default_factory=dict)
    """The theme's colour scheme: dk1, lt1, dk2, lt2, accent1..6, hlink, folHlink -> hex RGB."""
    slides: int = 0
    masters: int = 1
    samples: tuple[int, ...] = ()
    """The master (1-based) each sample slide sits on: the template's own example of its use."""
    sampled: dict[tuple[int, int], tuple[Box, Box]] = field(default_factory=dict)
    """By layout (master, index): the title and body (or subtitle) boxes of the first sample slide
    on it that places both itself (LibreOffice's templates, converted, carry every layout's boxes
    where one master wants them; their sample slides show where each master does)."""

    def find(self, name: str) -> list[LayoutInfo]:
        """The layouts called `name`, or `name (master N)`."""
        found = re.fullmatch(r"(.*?)\s*\(master (\d+)\)", name.strip())
        wanted, master = (found[1], int(found[2])) if found else (name.strip(), None)
        return [l for l in self.layouts if l.name == wanted and master in (None, l.master)]

    def by_role(self, role: str) -> list[LayoutInfo]:
        return [l for l in self.layouts if l.role == role]


def prepared(data: bytes) -> bytes:
    """Return the template's bytes as a presentation python-pptx opens, sanitised (see `prepare`)."""
    return prepare(data).data


def prepare(data: bytes):
    """Return the template's bytes as a presentation python-pptx opens (a .potx's main part is
    declared a presentation's: the parts are the same), with whatever a deck must never carry
    dropped (macros, ActiveX, OLE objects, links outside the file; see `read.sanitise`), and a
    warning for each part dropped. Raises MasterError for what is no template, or a damaged one."""
    from lxml import etree

    from briefing.read.sanitise import DamagedError, sanitised

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise MasterError("is not a PowerPoint file (.pptx or .potx): it is not even a zip archive") from None
    if len(entries) > MAX_PARTS or sum(e.file_size for e in entries) > MAX_UNPACKED:
        raise MasterError(f"unpacks to more than {MAX_UNPACKED // 1_000_000} MB or {MAX_PARTS:,} parts; "
                          "no template is that large")
    if "[Content_Types].xml" not in archive.namelist():
        raise MasterError("is not a PowerPoint file (.pptx or .potx): it has no list of its parts")
    try:
        return sanitised(data)
    except DamagedError as e:
        raise MasterError(str(e)) from None
    except etree.XMLSyntaxError:
        raise MasterError("is not a PowerPoint file (.pptx or .potx): its list of parts is not XML") from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError):
        raise MasterError("is damaged: its zip archive cannot be read; save the template again from PowerPoint") \
            from None


def read_master(data: bytes) -> MasterInfo:
    """Read a template's size, layouts, fonts and colours from its `prepared` bytes; raises
    MasterError saying what is wrong."""
    from pptx import Presentation

    try:
        prs = Presentation(io.BytesIO(data))
        masters = list(prs.slide_masters)
        layouts = tuple(_layout(number, index, layout) for number, master in enumerate(masters, start=1)
                        for index, layout in enumerate(master.slide_layouts))
        width, height = prs.slide_width, prs.slide_height
        fonts, colours = _theme(masters[0]) if masters else ({}, {})
        slides = len(prs.slides)
        parts = [m.part for m in masters]
        samples = tuple(parts.index(master) + 1 for master in map(_master_of, prs.slides) if master in parts)
        sampled = _sampled(prs, parts)
    except MasterError:
        raise
    except Exception as e:      # python-pptx raises many kinds on a damaged package
        raise MasterError(f"cannot be read as a PowerPoint template ({type(e).__name__}: {e})") from None
    if not masters:
        raise MasterError("has no slide master")
    if width is None or height is None:
        width, height = 9144000, 6858000    # no size written: PowerPoint's default, 10 x 7.5 inches
    if not all(SLIDE_SIDE[0] <= v <= SLIDE_SIDE[1] for v in (width, height)):
        raise MasterError(f"is damaged: its slide size is {width / EMU_PER_INCH:g} x {height / EMU_PER_INCH:g} in; "
                          f"a slide is {SLIDE_SIDE[0] // EMU_PER_INCH} to {SLIDE_SIDE[1] // EMU_PER_INCH} inches a "
                          "side: set the size in PowerPoint (Design, Slide Size) and save it again")
    for number, master in enumerate(masters, start=1):
        if not _has_theme(master):
            raise MasterError(f"is damaged: slide master {number} ({master.part.partname.lstrip('/')}) has no theme "
                              "part, which every master needs; save the template again from PowerPoint")
    return MasterInfo(width / EMU_PER_INCH, height / EMU_PER_INCH, layouts, fonts, colours, slides, len(masters),
                      samples, sampled)


def _master_of(slide):
    """The master part a sample slide sits on; None when its layout cannot be read."""
    try:
        return slide.slide_layout.slide_master.part
    except (KeyError, AttributeError, ValueError):
        return None


def _sampled(prs, parts: list) -> dict[tuple[int, int], tuple[Box, Box]]:
    """The title and body boxes the sample slides give their layouts' placeholders, by layout (see
    MasterInfo.sampled); a sample slide that cannot be read, or places them off the slide or at no
    size, says nothing."""
    found: dict[tuple[int, int], tuple[Box, Box]] = {}
    size = ((prs.slide_width or 9144000) / EMU_PER_INCH, (prs.slide_height or 6858000) / EMU_PER_INCH)
    for slide in list(prs.slides)[:MAX_SAMPLES]:
        master_part = _master_of(slide)
        if master_part not in parts:
            continue        # a sample slide whose layout is missing (it is left out of decks anyway)
        layouts = [l.part for l in slide.slide_layout.slide_master.slide_layouts]
        if slide.slide_layout.part not in layouts:
            continue
        key = (parts.index(master_part) + 1, layouts.index(slide.slide_layout.part))
        if key in found:
            continue
        boxes = {}
        for shape in slide.placeholders:
            kind = _holder_type(shape)
            role = "title" if kind in TITLE_TYPES else "body" if kind in ("body", "obj", "subTitle") else ""
            if role and role not in boxes and _own_box(shape):
                boxes[role] = Box(*(v / EMU_PER_INCH for v in (shape.left, shape.top, shape.width, shape.height)))
        if len(boxes) == 2 and boxes["body"].top >= boxes["title"].bottom - 0.05 \
                and all(_sane(b, size) for b in boxes.values()):
            found[key] = (boxes["title"], boxes["body"])
    return found


def _sane(box: Box, size: tuple[float, float]) -> bool:
    """Whether a sample slide's box is one a deck could follow: on the slide, of some size."""
    return box.left >= -0.01 and box.top >= -0.01 and box.right <= size[0] + 0.01 and \
        box.bottom <= size[1] + 0.01 and box.width >= 0.5 and box.height >= 0.2


MAX_SAMPLES = 50
"""Sample slides read for where they put titles and bodies: a template's first few say it."""


def _holder_type(shape) -> str:
    ph = getattr(shape._element, "ph", None)
    return (ph.get("type") if ph is not None else "") or ("obj" if ph is not None else "")


def _own_box(shape) -> bool:
    """Whether the slide's placeholder (a text one: tables and charts have no spPr) says where it
    sits itself, rather than inheriting."""
    properties = getattr(shape._element, "spPr", None)
    if properties is None:
        return False
    xfrm = properties.find("{http://schemas.openxmlformats.org/drawingml/2006/main}xfrm")
    return xfrm is not None and all(v is not None for v in (shape.left, shape.top, shape.width, shape.height))


SLIDE_SIDE = (914400, 51206400)
"""The least and the most a slide's side may measure (EMU): 1 and 56 inches, as PowerPoint allows."""


def _has_theme(master) -> bool:
    """Whether a slide master has a theme part that is XML (the writer sets the deck's faces in it)."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        etree.fromstring(master.part.part_related_by(RT.THEME).blob,
                         etree.XMLParser(resolve_entities=False, no_network=True))
    except (KeyError, ValueError, etree.XMLSyntaxError):
        return False
    return True


def _layout(master: int, index: int, layout) -> LayoutInfo:
    placeholders = []
    for shape in layout.placeholders:
        element = shape._element.ph
        kind = element.get("type", "obj") if element is not None else "obj"
        placeholders.append(Placeholder(kind, int(element.get("idx", "0") if element is not None else 0),
                                        shape.name, _box(shape)))
    return LayoutInfo(master, index, layout.name, tuple(placeholders), layout._element.get("type", ""))


def _box(shape) -> Box | None:
    """Where a placeholder sits, inherited from the master's placeholder when the layout's has no
    position of its own; None when neither says."""
    try:
        values = (shape.left, shape.top, shape.width, shape.height)
    except (AttributeError, KeyError, ValueError):
        return None
    if any(v is None for v in values):
        return None
    return Box(*(v / EMU_PER_INCH for v in values))


def _theme(master) -> tuple[dict[str, str], dict[str, str]]:
    """The first master's theme fonts and colour scheme."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml.ns import qn

    try:
        root = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    except (KeyError, etree.XMLSyntaxError):
        return {}, {}
    fonts = {}
    for scheme, key in (("a:majorFont", "major"), ("a:minorFont", "minor")):
        for font in root.iter(qn(scheme)):
            for script, name in (("a:latin", "latin"), ("a:ea", "east_asian")):
                found = font.find(qn(script))
                if found is not None and found.get("typeface"):
                    fonts[f"{key}_{name}"] = found.get("typeface")
    colours = {}
    for scheme in root.iter(qn("a:clrScheme")):
        for slot in scheme:
            # An RGB colour (srgbClr val), or a system colour with the value it last had (lastClr).
            values = [v for c in slot for v in (c.get("val"), c.get("lastClr")) if v]
            value = next((v for v in values if re.fullmatch(r"[0-9A-Fa-f]{6}", v)), None)
            if value:
                colours[etree.QName(slot).localname] = value.upper()
        break
    return fonts, colours


# --- choosing the layouts ----------------------------------------------------------------------------

_PREFERRED = {
    "cover": ("title-slide", "title-only", "section-header", "title-and-content"),
    "content": ("title-only", "title-and-content", "section-header", "title-slide"),
    "section": ("section-header", "title-only", "title-and-content", "title-slide"),
}
"""For each kind of slide, the layout roles that can carry it, best first: every one has a title
placeholder, where the slide's title goes."""


def choose(info: MasterInfo, names: dict[str, str],
           backdrops: dict | None = None) -> tuple[dict[str, LayoutInfo], dict[str, str]]:
    """Return the layout each kind of slide uses (the theme's choice by name, else the first layout
    of the best role, on the theme's `master` when it names one), and a problem by role for a
    choice that cannot be used. With the layouts' `backdrops` (read.backdrop), content slides go
    on the master whose artwork leaves them the most room."""
    chosen, problems = {}, {}
    master = names.get("master") or 0
    if master and not 1 <= int(master) <= info.masters:
        return {}, {"master": f"the template has {info.masters} master{'s' if info.masters != 1 else ''}, "
                              f"not a master {master}"}
    for role in ROLES:
        name = names.get(role, "")
        if name:
            found = info.find(name)
            if not found:
                hint = did_you_mean(name, list(dict.fromkeys(l.name for l in info.layouts)))
                problems[role] = (f"no layout '{name}' in the template{hint} It has: {_names(info)}" if hint else
                                  f"no layout '{name}' in the template; it has: {_names(info)}")
            elif not found[0].first(*TITLE_TYPES):
                titled = [l.name for l in info.layouts if l.first(*TITLE_TYPES)]
                problems[role] = (f"layout '{name}' has no title placeholder, where a slide's title goes: name one "
                                  f"that has (its layouts with a title: "
                                  f"{', '.join(repr(n) for n in dict.fromkeys(titled)) or 'none'}), or add a title "
                                  "placeholder to it in PowerPoint (View, Slide Master)")
            else:
                chosen[role] = found[0]
            continue
        preferred = [l for kind in _PREFERRED[role] for l in info.by_role(kind) if l.first(*TITLE_TYPES)]
        # A title layout that is more than a title and subtitle (a picture beside them, or its
        # subtitle a body box) is still the cover's, and a section header with more is a divider's:
        # after the layouts whose placeholders are just right, before any made for something else.
        best = [l for l in preferred if l.role == _PREFERRED[role][0]]
        candidates = list(dict.fromkeys([*best, *(l for l in info.layouts if _made_for(l, role)), *preferred]))
        candidates = [l for l in candidates if not master or l.master == int(master)]
        candidates.sort(key=lambda l: _rank(info, role, l, backdrops))
        if candidates:
            chosen[role] = candidates[0]
        else:
            problems[role] = ("the template has no layout with a title placeholder (a title slide, or a "
                              f"title-only layout){f' on master {master}' if master else ''}; its layouts: "
                              f"{_names(info)}")
    return chosen, problems


def _made_for(layout: LayoutInfo, role: str) -> bool:
    """Whether `layout` is made for a kind of slide: by its placeholders (`role`), or as its
    template declares it (PowerPoint's layout type: title, secHead), with a title placeholder."""
    if not layout.first(*TITLE_TYPES):
        return False
    if role == "cover":
        return layout.role == "title-slide" or layout.type == "title" or bool(layout.first("ctrTitle")) \
            or _named_for(layout, role)
    if role == "section":
        return layout.role == "section-header" or layout.type == "secHead" or _named_for(layout, role)
    return layout.role in ("title-only", "title-and-content")


_NAMES_FOR = {"cover": ("title slide", "title"), "section": ("section header", "section title", "section")}


def _named_for(layout: LayoutInfo, role: str) -> bool:
    """Whether the layout's name says what it is made for (exported templates, from Google Slides
    for one, often declare no type), with a text box for the subtitle beside its title."""
    return layout.name.strip().lower() in _NAMES_FOR.get(role, ()) and bool(layout.first("body", "subTitle", "obj"))


def _rank(info: MasterInfo, role: str, layout: LayoutInfo, backdrops: dict | None = None) -> tuple:
    # Layouts made for the kind first; for content on a template of several masters, the one whose
    # artwork leaves the body the most room (to a tenth of the slide: a template's progression of
    # masters from busy to plain); then those of the master the template's own sample slides use
    # for this kind of slide (sort() keeps the order otherwise); then, for content, a title at the top.
    low_title = role == "content" and layout.first(*TITLE_TYPES).box.top > info.height * 0.3
    room = -round(_room(info, layout, backdrops) * 10) if role == "content" and info.masters > 1 else 0
    return not _made_for(layout, role), room, layout.master != _home_master(info, role), low_title


def _room(info: MasterInfo, layout: LayoutInfo, backdrops: dict | None) -> float:
    """The share of the slide left for the body under the layout's title, clear of its artwork."""
    drawn = (backdrops or {}).get((layout.master, layout.index))
    title = layout.first(*TITLE_TYPES).box
    if drawn is None or title.bottom >= info.height * 0.85:
        return 0.0
    from briefing.read.backdrop import largest_free

    space = Box(0, title.bottom, info.width, info.height * 0.9 - title.bottom)
    free = largest_free(space, drawn.obstacles)
    return free.width * free.height / (info.width * info.height)


def reason(info: MasterInfo, role: str, layout: LayoutInfo, named: bool) -> tuple[str, bool]:
    """Why `layout` carries the slides of kind `role`, in words, and whether it was made for them
    (False: the deck falls back to a layout made for something else, which the theme should settle)."""
    holders = ", ".join(dict.fromkeys(_HOLDER_WORDS.get(k, k) for k in layout.kinds)) or "no placeholders"
    made = _made_for(layout, role)
    if named:
        return f"named in the theme (layouts: {role}); it has {holders}", True
    if made:
        declared = {"title": "declared a title slide", "secHead": "declared a section header"}.get(layout.type, "")
        centred = role == "cover" and layout.role != "title-slide" and layout.first("ctrTitle")
        named = _named_for(layout, role) and layout.role != {"cover": "title-slide"}.get(role, "section-header")
        words = "a title slide" if role == "cover" else "a section header"
        why = declared or ("its centred title marks it a title slide" if centred else
                           f"its name marks it {words}" if named else
                           f"its placeholders make it {_ROLE_WORDS.get(layout.role, 'a layout of its own kind')}")
        return f"{why} ({holders})", True
    wanted = {"cover": "title slide (a title and a subtitle box)", "section": "section header",
              "content": "title-and-content or title-only layout"}[role]
    return f"the template has no {wanted}; this layout has {holders}, made for other slides", False


_ROLE_WORDS = {"title-slide": "a title slide", "title-only": "a title-only layout", "section-header": "a section header",
               "title-and-content": "a title-and-content layout", "blank": "a blank layout"}
_HOLDER_WORDS = {"title": "a title", "ctrTitle": "a centred title", "subTitle": "a subtitle box", "body": "a text box",
                 "obj": "a content box", "pic": "a picture box", "chart": "a chart box", "tbl": "a table box"}


def _home_master(info: MasterInfo, role: str) -> int:
    """The master a kind of slide belongs on: a template with several (one for its title page, one
    for the rest) shows which in its sample slides, the first slide being the title page, which
    section dividers share. Without samples, the first master."""
    samples = info.samples or (1,)
    return samples[0] if role != "content" or len(samples) == 1 else samples[1]


def _names(info: MasterInfo) -> str:
    names = list(dict.fromkeys(l.name for l in info.layouts))
    return ", ".join(f"'{n}'" for n in names[:20]) + (" ..." if len(names) > 20 else "") if names else "none"


# --- the regions a deck's layouts use -------------------------------------------------------------------

@dataclass(frozen=True)
class Regions:
    """Where a template puts things (inches): the content slides' title, body and footer, and the
    cover's and section slides' title and subtitle. None where the template does not say."""

    title: Box
    body: Box
    footer: Box | None
    cover_title: Box
    cover_subtitle: Box | None
    section_title: Box
    section_subtitle: Box | None

    def scaled(self, factor: float) -> Regions:
        def box(b: Box | None) -> Box | None:
            return None if b is None else Box(b.left * factor, b.top * factor, b.width * factor, b.height * factor)

        return Regions(*(box(getattr(self, name)) for name in self.__dataclass_fields__))


def regions(info: MasterInfo, chosen: dict[str, LayoutInfo]) -> Regions:
    """The regions of the chosen layouts; the body is the content placeholder of the content
    slides' master (a title-and-content layout's), else the space under the title."""
    content = chosen["content"]
    same_master = [l for l in info.layouts if l.master == content.master]
    # A template may have two families of layouts on one master (a wide and an inset look): the
    # body is that of a title-and-content layout whose title sits where the content slides' does.
    same_master.sort(key=lambda l: not _same_title(l, content))
    body_holder = next((l.first("obj", "body") for l in [content, *same_master]
                        if l.role == "title-and-content" and l.first("obj", "body")), None)
    feet = [p.box for p in content.placeholders if p.type in ("ftr", "sldNum", "dt") and p.box is not None]
    if not feet:
        feet = [p.box for l in same_master for p in l.placeholders if p.type in ("ftr", "sldNum") and p.box]
    footer = _footer(feet, info)
    cover, section = chosen["cover"], chosen["section"]
    subtitle = cover.first("subTitle", "body")
    section_sub = section.first("body", "subTitle") if section.role in ("section-header", "title-slide") else None

    def on_slide(holder: Placeholder | None) -> Box | None:
        # A placeholder (partly) off the slide is a template's slip: the deck does not follow it.
        box = holder.box if holder else None
        fits = box is not None and box.left >= -0.01 and box.top >= -0.01 and box.right <= info.width + 0.01 \
            and box.bottom <= info.height + 0.01
        return box if fits else None

    # Where the template's own sample slide puts a master's title and body (or subtitle) elsewhere
    # than the layout does, the sample's boxes are where the template means them.
    title_holder, body_holder = _as_sampled(info, content, content.first(*TITLE_TYPES), body_holder,
                                            "title-and-content")
    title = on_slide(title_holder) or Box(0.5, 0.3, info.width - 1, min(1.0, info.height / 6))
    cover_holder, subtitle = _as_sampled(info, cover, cover.first(*TITLE_TYPES), subtitle, "title-slide")
    section_holder, section_sub = _as_sampled(info, section, section.first(*TITLE_TYPES), section_sub,
                                              "section-header")
    under = Box(title.left, title.bottom + 0.2, title.width,
                (footer.top if footer else info.height - 0.5) - title.bottom - 0.4)
    body = on_slide(body_holder)
    if body is None or body.height < 0.4 * under.height:
        # No body placeholder, or a sliver of one (exports shrink an empty box to a line): the
        # space under the title is the body.
        body = under
    cover_title = on_slide(cover_holder)
    cover_subtitle = on_slide(subtitle) if cover_title else None
    section_title = on_slide(section_holder)
    return Regions(title, body, footer, cover_title or title, cover_subtitle, section_title or title,
                   on_slide(section_sub) if section_title else None)


def _same_title(layout: LayoutInfo, other: LayoutInfo) -> bool:
    """Whether the two layouts put their title in the same place (to a twentieth of an inch)."""
    a, b = layout.first(*TITLE_TYPES), other.first(*TITLE_TYPES)
    if a is None or b is None or a.box is None or b.box is None:
        return False
    return all(abs(getattr(a.box, k) - getattr(b.box, k)) < 0.05 for k in ("left", "top", "width"))


def _as_sampled(info: MasterInfo, layout: LayoutInfo, title, second, role: str):
    """The placeholders `title` and `second` as a sample slide places them where it
    moves the title: one on the layout itself, else one on a layout of the same master made for
    `role`; as they are otherwise."""
    roles = ("section-header", "title-slide") if role == "section-header" else (role,)
    kin = [l for l in info.layouts if l.master == layout.master and l.role in roles
           and (role != "title-and-content" or not _made_for(l, "cover"))]
    sampled = next((info.sampled[(l.master, l.index)] for l in [layout, *kin] if (l.master, l.index) in info.sampled),
                   None)
    if not sampled or title is None or abs(sampled[0].top - title.box.top) <= 0.1:
        return title, second
    return Placeholder("title", 0, "", sampled[0]), Placeholder("body", 1, "", sampled[1]) if second else None


def _footer(feet: list[Box], info: MasterInfo) -> Box | None:
    """The band the footer placeholders share: from the highest top to the lowest bottom, across
    the slide; None when the template has no footer placeholders low on the slide."""
    low = [b for b in feet if info.height * 0.6 < b.top and b.bottom <= info.height + 0.01]
    if not low:
        return None
    top = min(b.top for b in low)
    bottom = max(b.top + b.height for b in low)
    return Box(0, top, info.width, min(bottom, info.height) - top)


def is_template(path: Path) -> bool:
    return path.suffix.lower() in (".pptx", ".potx")


@dataclass(frozen=True)
class Template:
    """A template ready for the writer: its bytes (opened as a presentation), what was read from
    it, the layout each kind of slide uses and the regions they mark out."""

    data: bytes
    info: MasterInfo
    chosen: dict[str, LayoutInfo]
    regions: Regions | None = None
    scale: float = 1.0
    """The template's slide width over the theme's grid width: the deck is planned on a slide as
    wide as the theme's (its sizes are chosen for it) and written `scale` times as large."""
    dropped: tuple[str, ...] = ()
    """What sanitising dropped from the template (macros, links outside, ...), a warning each."""
    backdrops: dict = field(default_factory=dict)
    """What each layout shows behind text (`read.backdrop.Backdrop`), by (master, layout index)."""
    inks: tuple[str, ...] = ()
    """The template's text colours (dark and light, through its colour map) a text may take where
    its own colour does not read on what is behind it; empty unless the theme's colours are the
    template's."""

    notes: tuple[tuple[tuple[str, ...], str, bool], ...] = ()
    """What a build should say of its use of the template: the theme field, the words, and whether
    it is a warning (a kind of slide on a layout not made for it) or only the reason for a choice."""

    def backdrop(self, role: str):
        layout = self.chosen.get(role)
        return self.backdrops.get((layout.master, layout.index)) if layout is not None else None

    def behind(self, role: str, box: Box) -> tuple[str, ...]:
        """The colours behind the parts of `box` (planned inches) on the layout of a kind of slide;
        none if unknown."""
        found = self.backdrop(role)
        return found.colours_under(scaled_box(box, self.scale)) if found is not None else ()

    def clear(self, role: str, box: Box) -> Box:
        """The largest part of `box` (planned inches) clear of the artwork of a kind of slide's layout."""
        found = self.backdrop(role)
        return scaled_box(found.clear(scaled_box(box, self.scale)), 1 / self.scale) if found is not None else box

    def unobstructed(self, role: str, box: Box) -> bool:
        """Whether `box` (planned inches) meets none of the artwork of a kind of slide's layout."""
        found = self.backdrop(role)
        return found is None or found.unobstructed(scaled_box(box, self.scale))

    def numbers_slides(self, role: str) -> bool:
        """Whether the layout of a kind of slide draws the slide number itself (see Backdrop.numbered)."""
        found = self.backdrop(role)
        return found is not None and found.numbered

    def ink(self, role: str, kind: str) -> str:
        """The colour a layout's title (or subtitle) placeholder gives its text, mapped; "" if unknown."""
        found = self.backdrop(role)
        return found.ink.get(kind, "") if found is not None else ""


def scaled_box(box: Box, factor: float) -> Box:
    return Box(box.left * factor, box.top * factor, box.width * factor, box.height * factor)


DEFAULT = Path(__file__).resolve().parent.parent / "masters" / "default.pptx"
"""The default look's master, made by tools/make_default_master.py."""
_DEFAULT: list[Template] = []


def default_template() -> Template:
    """The default master, read once."""
    if not _DEFAULT:
        data = DEFAULT.read_bytes()
        info = read_master(data)
        chosen, problems = choose(info, {})
        assert not problems, problems
        _DEFAULT.append(Template(data, info, chosen))
    return _DEFAULT[0]
