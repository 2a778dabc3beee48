"""An organisation's own template (a master .pptx or .potx) read into what the build needs: the
slide size, each layout's role found from its placeholders (not its name, which differs from one
template and language to the next), the regions the layouts' placeholders mark out, and the
template's theme fonts and colours.

Reading happens once, when the theme is loaded: a template that cannot be used is a located
problem in the theme (`master:`), found by `check` as by a build. The writer then starts every deck
from the same bytes.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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

_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


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

    def find(self, name: str) -> list[LayoutInfo]:
        """The layouts called `name`, or `name (master N)`."""
        found = re.fullmatch(r"(.*?)\s*\(master (\d+)\)", name.strip())
        wanted, master = (found[1], int(found[2])) if found else (name.strip(), None)
        return [l for l in self.layouts if l.name == wanted and master in (None, l.master)]

    def by_role(self, role: str) -> list[LayoutInfo]:
        return [l for l in self.layouts if l.role == role]


def prepared(data: bytes) -> bytes:
    """Return the template's bytes as a presentation python-pptx opens: a .potx's main part is
    declared a presentation's (the parts are the same). Raises MasterError for what is no template."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise MasterError("is not a PowerPoint file (.pptx or .potx): it is not even a zip archive") from None
    if len(entries) > MAX_PARTS or sum(e.file_size for e in entries) > MAX_UNPACKED:
        raise MasterError(f"unpacks to more than {MAX_UNPACKED // 1_000_000} MB or {MAX_PARTS:,} parts; "
                          "no template is that large")
    try:
        types = archive.read("[Content_Types].xml")
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        raise MasterError("is not a PowerPoint file (.pptx or .potx): it has no list of its parts") from None
    if _TEMPLATE_TYPE not in types:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for entry in entries:
            body = archive.read(entry)
            if entry.filename == "[Content_Types].xml":
                body = body.replace(_TEMPLATE_TYPE, _PRESENTATION_TYPE)
            rewritten.writestr(entry, body)
    return out.getvalue()


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
        samples = tuple(parts.index(s.slide_layout.slide_master.part) + 1 for s in prs.slides
                        if s.slide_layout.slide_master.part in parts)
    except MasterError:
        raise
    except Exception as e:      # python-pptx raises many kinds on a damaged package
        raise MasterError(f"cannot be read as a PowerPoint template ({type(e).__name__}: {e})") from None
    if not masters:
        raise MasterError("has no slide master")
    if width is None or height is None:
        width, height = 9144000, 6858000    # no size written: PowerPoint's default, 10 x 7.5 inches
    return MasterInfo(width / EMU_PER_INCH, height / EMU_PER_INCH, layouts, fonts, colours, slides, len(masters),
                      samples)


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


def choose(info: MasterInfo, names: dict[str, str]) -> tuple[dict[str, LayoutInfo], dict[str, str]]:
    """Return the layout each kind of slide uses (the theme's choice by name, else the first layout
    of the best role), and a problem by role for a choice that cannot be used."""
    chosen, problems = {}, {}
    for role in ROLES:
        name = names.get(role, "")
        if name:
            found = info.find(name)
            if not found:
                problems[role] = f"no layout '{name}' in the template; it has: {_names(info)}"
            elif not found[0].first(*TITLE_TYPES):
                problems[role] = f"layout '{name}' has no title placeholder, where a slide's title goes"
            else:
                chosen[role] = found[0]
            continue
        candidates = [l for kind in _PREFERRED[role] for l in info.by_role(kind) if l.first(*TITLE_TYPES)]
        # Layouts of the master the template's own sample slides use for this kind of slide come
        # first (sort() keeps the order otherwise); then, for content, a title at the top.
        home = _home_master(info, role)
        candidates.sort(key=lambda l: (l.master != home, role == "content" and
                                       l.first(*TITLE_TYPES).box.top > info.height * 0.3))
        if candidates:
            chosen[role] = candidates[0]
        else:
            problems[role] = ("the template has no layout with a title placeholder (a title slide, or a "
                              f"title-only layout); its layouts: {_names(info)}")
    return chosen, problems


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

    title = on_slide(content.first(*TITLE_TYPES)) or Box(0.5, 0.3, info.width - 1, min(1.0, info.height / 6))
    body = on_slide(body_holder) or Box(title.left, title.bottom + 0.2, title.width,
                                        (footer.top if footer else info.height - 0.5) - title.bottom - 0.4)
    cover_title = on_slide(cover.first(*TITLE_TYPES))
    cover_subtitle = on_slide(subtitle) if cover_title else None
    section_title = on_slide(section.first(*TITLE_TYPES))
    return Regions(title, body, footer, cover_title or title, cover_subtitle, section_title or title,
                   on_slide(section_sub) if section_title else None)


def _footer(feet: list[Box], info: MasterInfo) -> Box | None:
    """The band the footer placeholders share: from the highest top to the lowest bottom, across
    the slide; None when the template has no footer placeholders low on the slide."""
    low = [b for b in feet if info.height * 0.6 < b.top and b.bottom <= info.height + 0.01]
    if not low:
        return None
    top = min(b.top for b in low)
    bottom = max(b.top + b.height for b in low)
    return Box(0, top, info.width, min(bottom, info.height) - top)


def grid(info: MasterInfo, found: Regions, base, explicit: set[str], scale: float = 1.0):
    """Return the theme's grid (`base`) with what the theme's file does not set (`explicit`) taken
    from the template: its size and its title, body and footer regions (`found`, already in the
    grid's units: the template's inches over `scale`)."""
    width, height = info.width / scale, info.height / scale
    title, body = found.title, found.body
    margin = max(0.2, min(title.left, body.left, width - title.right, width - body.right))
    footer = found.footer
    footer_top = min(footer.top if footer else height - 0.45, height - 0.3)
    derived = {
        "width": width, "height": height, "margin": margin,
        "title_top": title.top, "title_height": title.height,
        "rule_top": title.bottom + 0.04,
        "body_top": max(body.top, title.bottom + 0.15),
        "body_bottom": min(body.bottom, footer_top - 0.1),
        "footer_top": footer_top,
        "footer_height": max(0.2, min(footer.height if footer else 0.35, height - footer_top)),
        "cover_left": found.cover_title.left,
    }
    return base.model_copy(update={k: v for k, v in derived.items() if k not in explicit})


SMALLEST_POINTS = 10
"""No text of a deck is set under this, in points on its slide, whatever the slide's size."""


def legible(theme, scale: float) -> dict[str, Any]:
    """On a slide narrower than the theme's, the sizes and floors that would be written under
    SMALLEST_POINTS raised to it (planned sizes are written `scale` times as large)."""
    if scale >= 1:
        return {}
    least = math.ceil(SMALLEST_POINTS / scale * 2) / 2      # to the half point above
    sizes = {k: max(v, least) for k, v in theme.sizes.model_dump().items()}
    fit = {"floor": max(theme.fit.floor, least), "title_floor": max(theme.fit.title_floor, least)}
    return {"sizes": theme.sizes.model_copy(update=sizes), "fit": theme.fit.model_copy(update=fit)}


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


def scheme_colours(scheme: dict[str, str]) -> dict[str, str] | None:
    """The theme's colours from a template's colour scheme: text dark 1, titles dark 2, panels
    light 2, the emphasis accent 2, the camps of a diagram accents 1 and 6; None when the scheme
    lacks one of them."""
    needed = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent6")
    if not all(k in scheme for k in needed):
        return None
    grey = _mix(scheme["dk1"], scheme["lt1"], 0.42)
    background, panel = scheme["lt1"], scheme["lt2"]
    colours = {"title": scheme["dk2"], "text": scheme["dk1"], "muted": grey, "accent": scheme["accent2"],
               "rule": scheme["dk2"], "panel_text": scheme["dk2"], "group_a": scheme["accent1"],
               "group_b": scheme["accent6"], "neutral": _mix(scheme["dk1"], scheme["lt1"], 0.35)}
    # Each is text on the background or the panel, or a fill under text in the background colour:
    # deepened as little as WCAG AA needs (a template's accents are often too light for text).
    readable = {name: _readable(colour, (background, panel)) for name, colour in colours.items()}
    return {**readable, "panel": panel, "background": background}


def _readable(colour: str, grounds: tuple[str, ...], ratio: float = 4.5) -> str:
    """`colour`, mixed with black (or white, on dark grounds) just enough to read on each of `grounds`."""
    from briefing.model.colour import contrast, relative_luminance

    toward = "000000" if relative_luminance(grounds[0]) > 0.18 else "FFFFFF"
    for step in range(21):
        mixed = _mix(colour, toward, step / 20)
        if all(contrast(mixed, ground) >= ratio for ground in grounds):
            return mixed
    return toward


def _mix(dark: str, light: str, share: float) -> str:
    """`dark` with `share` of `light` in it."""
    channels = [round(int(dark[i:i + 2], 16) * (1 - share) + int(light[i:i + 2], 16) * share) for i in (0, 2, 4)]
    return "".join(f"{c:02X}" for c in channels)


def attach(theme, data: bytes, explicit_grid: set[str]) -> tuple[Any, list[tuple[tuple[str, ...], str]]]:
    """Return `theme` on the template `data`: its size and regions in the grid (where the theme's
    file does not set them), its fonts and colours where the theme says `from-master`, the layout
    each kind of slide uses. Also the problems found, each with the theme field it belongs to."""
    from briefing.text.fonts import measured
    from briefing.model.theme import FROM_MASTER, Colours, Fonts

    try:
        data = prepared(data)
        info = read_master(data)
    except MasterError as e:
        return theme, [(("master",), f"{theme.master} {e}")]
    chosen, unusable = choose(info, theme.layouts.model_dump())
    problems = [(("layouts", role) if getattr(theme.layouts, role) else ("master",), f"{theme.master}: {message}")
                for role, message in unusable.items()]
    if problems:
        return theme, problems
    scale = 1.0 if "width" in explicit_grid else info.width / theme.grid.width
    found = regions(info, chosen).scaled(1 / scale)
    update: dict[str, Any] = {"grid": grid(info, found, theme.grid, explicit_grid, scale), **legible(theme, scale)}
    body = update["grid"].region("body")
    if body.height < MIN_BODY[1] or body.width < MIN_BODY[0]:
        problems.append((("master",), f"{theme.master}: its content layout leaves a body of {body.width:.1f} x "
                                      f"{body.height:.1f} in under the title, on a slide planned "
                                      f"{update['grid'].width:.2f} in wide; slides need at least {MIN_BODY[0]:g} x "
                                      f"{MIN_BODY[1]:g} in: set grid.margin, grid.body_top and grid.body_bottom in the "
                                      "theme to use more of the slide"))
        return theme, problems
    if theme.colours == FROM_MASTER:
        colours = scheme_colours(info.colours)
        if colours is None:
            problems.append((("colours",), f"{theme.master} has no full colour scheme to take the colours from; "
                                           "write them out"))
        else:
            update["colours"] = Colours(**colours)
    fonts = Fonts(latin=FROM_MASTER, east_asian=FROM_MASTER) if theme.fonts == FROM_MASTER else theme.fonts
    latin = info.fonts.get("minor_latin", "") if fonts.latin == FROM_MASTER else fonts.latin
    east_asian = info.fonts.get("minor_east_asian", "") if fonts.east_asian == FROM_MASTER else fonts.east_asian
    where = ("fonts",) if theme.fonts == FROM_MASTER else ("fonts", "latin")
    if not latin:
        problems.append((where, f"{theme.master} names no Latin body font; name one (e.g. latin: Arial)"))
    elif not (measured(latin) or measured(fonts.measure_as)):
        problems.append((where, f"the template's font '{latin}' is not one whose widths the measurer knows "
                                f"({', '.join(MEASURED_HINT)}, ...): name a known face of the same or larger widths "
                                "as measure_as, or another font"))
    if fonts.east_asian == FROM_MASTER and not measured(east_asian, east_asian=True):
        where = ("fonts",) if theme.fonts == FROM_MASTER else ("fonts", "east_asian")
        problems.append((where, f"the template's East Asian font '{east_asian or 'none'}' is not a Japanese face the "
                                "measurer knows; name one (e.g. east_asian: Yu Gothic)"))
    update["fonts"] = Fonts(latin=latin, east_asian=east_asian, measure_as=fonts.measure_as)
    attached = theme.model_copy(update=update)
    attached._master = Template(data, info, chosen, found, scale)
    return attached, problems


MIN_BODY = (8.0, 3.5)
"""The least body a slide needs (inches, on the Widescreen-wide slide it is planned on)."""

MEASURED_HINT = ("Arial", "Helvetica", "Liberation Sans", "Calibri")

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


# --- `master inspect` ------------------------------------------------------------------------------

def inspect(data: bytes, names: dict[str, str] | None = None) -> dict[str, Any]:
    """What a template offers and what a build would use of it, as data (`master inspect --json`)."""
    data = prepared(data)
    info = read_master(data)
    chosen, problems = choose(info, names or {})
    uses = {role: layout.label for role, layout in chosen.items()}
    return {
        "size_inches": [round(info.width, 3), round(info.height, 3)],
        "masters": info.masters,
        "sample_slides": info.slides,
        "fonts": info.fonts,
        "colours": info.colours,
        "layouts": [{"master": l.master, "name": l.name, "role": l.role,
                     "used_for": [role for role, used in chosen.items() if used == l],
                     "placeholders": [{"type": p.type, "idx": p.idx, "name": p.name,
                                       "box_inches": None if p.box is None else
                                       [round(v, 2) for v in (p.box.left, p.box.top, p.box.width, p.box.height)]}
                                      for p in l.placeholders]} for l in info.layouts],
        "uses": uses,
        "problems": problems,
    }


def describe(found: dict[str, Any]) -> str:
    """`inspect`'s findings as text: the layouts by master, their roles and placeholders, and the
    layout each kind of slide would use."""
    width, height = found["size_inches"]
    lines = [f"slide size {width:.2f} x {height:.2f} in ({_aspect(width, height)}), {found['masters']} "
             f"master{'s' if found['masters'] != 1 else ''}, {len(found['layouts'])} layouts, "
             f"{found['sample_slides']} sample slides (left out of decks)"]
    fonts = found["fonts"]
    if fonts:
        lines.append(f"fonts: {fonts.get('minor_latin', '-')} (Latin body), {fonts.get('major_latin', '-')} "
                     f"(Latin headings), {fonts.get('minor_east_asian', '-')} (East Asian)")
    if found["colours"]:
        lines.append("colours: " + ", ".join(f"{k} {v}" for k, v in found["colours"].items()))
    master = 0
    for layout in found["layouts"]:
        if layout["master"] != master:
            master = layout["master"]
            lines.append(f"\nmaster {master}")
        used = f"  <- {', '.join(layout['used_for'])}" if layout["used_for"] else ""
        lines.append(f"  {layout['name']:<34} {layout['role']}{used}")
        for p in layout["placeholders"]:
            box = p["box_inches"]
            where = "(no position)" if box is None else f"at {box[0]:.2f}, {box[1]:.2f} in, {box[2]:.2f} x {box[3]:.2f} in"
            lines.append(f"      {p['type']:<9} idx {p['idx']:<3} {where}")
    lines.append("")
    lines += [f"{role:<8} slides use {label}" for role, label in found["uses"].items()]
    lines += [f"{role:<8} slides: {message}" for role, message in found["problems"].items()]
    return "\n".join(lines)


def _aspect(width: float, height: float) -> str:
    for name, ratio in (("16:9", 16 / 9), ("4:3", 4 / 3), ("16:10", 16 / 10)):
        if abs(width / height - ratio) < 0.01:
            return name
    return f"{width / height:.2f}:1"
