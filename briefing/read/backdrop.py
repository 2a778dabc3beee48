"""What a template shows behind a deck's text, layout by layout: its background (a fill, a gradient,
a picture), the bands and pictures its master and layouts carry outside their placeholders, and the
colour each of its title and subtitle placeholders gives text, all resolved through the master's
colour map (`p:clrMap`, a layout's `p:clrMapOvr`): "tx1" is dark text on one template and light
text on the next.

Each layout's backdrop is painted, small, into a picture (Pillow): the colour behind a box is the
average of the pixels under it. The artwork (pictures, filled shapes that hold no placeholder and do
not fill the slide) is kept as boxes too, the obstacles text keeps off.
"""

from __future__ import annotations

import colorsys
import io
from dataclasses import dataclass, field

from briefing.layout.plan import Box

PIXELS_PER_INCH = 12
"""How finely a backdrop is painted: enough to average under a box of text."""
FULL_SLIDE = 0.85
"""A shape or picture covering this share of the slide is its background, not an obstacle."""
CLEARANCE = 0.05
"""Inches kept between what the deck draws and the artwork: panels and bands must not touch a logo."""

MAPPED = ("bg1", "tx1", "bg2", "tx2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
          "hlink", "folHlink")
_STANDARD_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
_PRESET = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000", "blue": "0000FF",
           "gray": "808080", "grey": "808080", "darkGray": "A9A9A9", "lightGray": "D3D3D3", "navy": "000080"}


@dataclass(frozen=True)
class Backdrop:
    """One layout as the slide shows it (inches, the template's own): a small painted picture of
    everything behind the text, the boxes of its artwork, and the colour its placeholders give text
    (by role: title, subtitle), already mapped."""

    width: float
    height: float
    pixels: bytes
    size: tuple[int, int]
    obstacles: tuple[Box, ...] = ()
    ink: dict[str, str] = field(default_factory=dict)
    mapping: dict[str, str] = field(default_factory=dict)
    """The layout's colour map: bg1, tx1, bg2, tx2, ... -> the scheme's dk1, lt1, ..."""
    numbered: bool = False
    """Whether the layout (or its master, shown on it) draws the slide's number itself: a text box
    of its artwork holding a slide-number field, which every slide shows (not a placeholder)."""

    def mapped(self, scheme: dict[str, str]) -> dict[str, str]:
        """The scheme as text sees it on this layout: dk1 is what tx1 maps to, lt1 what bg1 does, ..."""
        slots = {"dk1": "tx1", "lt1": "bg1", "dk2": "tx2", "lt2": "bg2"}
        return {**scheme, **{slot: scheme[self.mapping.get(role, slot)] for slot, role in slots.items()
                             if self.mapping.get(role, slot) in scheme}}

    def colour_under(self, box: Box) -> str:
        """The average colour (hex RGB) behind `box`."""
        from PIL import Image

        image = Image.frombytes("RGB", self.size, self.pixels)
        k = self.size[0] / self.width
        left, top = max(0, int(box.left * k)), max(0, int(box.top * k))
        right = min(self.size[0], max(left + 1, int(round(box.right * k))))
        bottom = min(self.size[1], max(top + 1, int(round(box.bottom * k))))
        if left >= right or top >= bottom:
            return "FFFFFF"
        crop = image.crop((left, top, right, bottom))
        pixels = crop.width * crop.height
        totals = [sum(i * n for i, n in enumerate(crop.getchannel(c).histogram())) for c in range(3)]
        return "".join(f"{round(t / pixels):02X}" for t in totals)

    def colours_under(self, box: Box, cell: float = 0.5) -> tuple[str, ...]:
        """The average colours of the parts (about `cell` inches a side, at most 8 x 8 of them) of
        what lies behind `box`: text in one part of a box over a picture sees that part, not the whole."""
        across = max(1, min(8, round(box.width / cell)))
        down = max(1, min(8, round(box.height / cell)))
        width, height = box.width / across, box.height / down
        cells = (Box(box.left + i * width, box.top + j * height, width, height)
                 for i in range(across) for j in range(down))
        return tuple(dict.fromkeys(self.colour_under(part) for part in cells))

    def placed(self, box: Box) -> Box:
        """`box` clear of the artwork: narrowed, or moved up or down (see `placed`)."""
        return placed(box, self.obstacles, self.height)

    def unobstructed(self, box: Box) -> bool:
        return not any(_overlap(o, box) for o in self.obstacles)

    def clear(self, box: Box) -> Box:
        """The largest part of `box` that keeps clear of the artwork (`box` itself when nothing is in
        the way)."""
        free = largest_free(box, self.obstacles)
        # Nothing sensible is left (the artwork covers the box): the box as the template has it.
        return free if free.width * free.height >= 0.25 * box.width * box.height else box


def placed(box: Box, obstacles: tuple[Box, ...], height: float, clearance: float = CLEARANCE) -> Box:
    """`box` where it meets no obstacle: as it is, else narrowed (keeping at least half its width),
    else moved up or down just clear of the obstacle in its way (the nearest that fits on a slide
    `height` high); as it is when nothing fits."""
    free = largest_free(box, obstacles, clearance)
    if free.height >= box.height - 1e-6 and free.width >= box.width / 2:
        return free
    grown = [Box(o.left - clearance, o.top - clearance, o.width + 2 * clearance, o.height + 2 * clearance)
             for o in obstacles]
    tops = sorted({top for o in grown if _overlap(o, box) for top in (o.top - box.height, o.bottom)},
                  key=lambda t: abs(t - box.top))
    for top in tops:
        moved = Box(box.left, top, box.width, box.height)
        if top < 0 or moved.bottom > height:
            continue
        free = largest_free(moved, obstacles, clearance)
        if free.height >= box.height - 1e-6 and free.width >= box.width / 2:
            return free
    return box


def largest_free(box: Box, obstacles: tuple[Box, ...], clearance: float = CLEARANCE) -> Box:
    """The largest rectangle inside `box` that meets none of `obstacles` (each grown by `clearance`)."""
    near = [Box(o.left - clearance, o.top - clearance, o.width + 2 * clearance, o.height + 2 * clearance)
            for o in obstacles]
    near = [o for o in near if _overlap(o, box)][:12]
    if not near:
        return box
    xs = sorted({box.left, box.right, *(min(max(v, box.left), box.right) for o in near for v in (o.left, o.right))})
    ys = sorted({box.top, box.bottom, *(min(max(v, box.top), box.bottom) for o in near for v in (o.top, o.bottom))})
    best, area = Box(box.left, box.top, 0, 0), 0.0
    for i, left in enumerate(xs):
        for right in xs[i + 1:]:
            for j, top in enumerate(ys):
                for bottom in ys[j + 1:]:
                    if (right - left) * (bottom - top) <= area:
                        continue
                    candidate = Box(left, top, right - left, bottom - top)
                    if not any(_overlap(o, candidate) for o in near):
                        best, area = candidate, (right - left) * (bottom - top)
    return best


def _overlap(a: Box, b: Box) -> bool:
    return a.left < b.right - 1e-6 and b.left < a.right - 1e-6 and a.top < b.bottom - 1e-6 and b.top < a.bottom - 1e-6


# --- reading -----------------------------------------------------------------------------------------

EMU = 914400


def read_backdrops(data: bytes) -> dict[tuple[int, int], Backdrop]:
    """Every layout's backdrop, by (master number from 1, layout index from 0)."""
    from pptx import Presentation

    prs = Presentation(io.BytesIO(data))
    width, height = (prs.slide_width or 9144000) / EMU, (prs.slide_height or 6858000) / EMU
    found = {}
    for number, master in enumerate(prs.slide_masters, start=1):
        scheme = _scheme(master)
        master_map = _colour_map(master._element.find(_q("p:clrMap")))
        for index, layout in enumerate(master.slide_layouts):
            found[(number, index)] = _backdrop(master, layout, scheme, master_map, width, height)
    return found


def colour_map(data: bytes, master: int = 1, layout: int | None = None) -> dict[str, str]:
    """The colour map of a master (a layout's override on it): bg1, tx1, ... -> dk1, lt1, ..."""
    from pptx import Presentation

    found = Presentation(io.BytesIO(data)).slide_masters[master - 1]
    mapping = _colour_map(found._element.find(_q("p:clrMap")))
    if layout is not None:
        mapping = _override(found.slide_layouts[layout], mapping)
    return mapping


def _q(name: str) -> str:
    from pptx.oxml.ns import qn

    return qn(name)


def _scheme(master) -> dict[str, str]:
    from briefing.read.template import _theme

    return _theme(master)[1]


def _colour_map(element) -> dict[str, str]:
    mapping = dict(_STANDARD_MAP)
    if element is not None:
        mapping.update({k: v for k, v in element.attrib.items() if k in MAPPED})
    return mapping


def _override(layout, mapping: dict[str, str]) -> dict[str, str]:
    override = layout._element.find(_q("p:clrMapOvr"))
    if override is not None:
        own = override.find(_q("a:overrideClrMapping"))
        if own is not None:
            return _colour_map(own)
    return mapping


@dataclass
class _Paint:
    scheme: dict[str, str]
    mapping: dict[str, str]
    part: object
    image: object
    k: float
    width: float
    height: float
    obstacles: list = field(default_factory=list)
    grounds: list = field(default_factory=list)
    """Boxes of placeholders: a filled shape holding one is the band its text sits on, not an obstacle."""
    feet: list = field(default_factory=list)
    """Boxes of the footer's placeholders: a band across the slide holding one is the footer's."""


def _backdrop(master, layout, scheme: dict[str, str], master_map: dict[str, str], width: float,
              height: float) -> Backdrop:
    from PIL import Image

    mapping = _override(layout, master_map)
    k = PIXELS_PER_INCH
    size = (max(1, round(width * k)), max(1, round(height * k)))
    image = Image.new("RGB", size, "#FFFFFF")
    paint = _Paint(scheme, mapping, layout.part, image, k, width, height)
    own = _background(layout)
    background = own if own is not None else _background(master)
    if background is not None:
        paint.part = layout.part if own is not None else master.part
        _fill(paint, background, Box(0, 0, width, height), "bg")
    # The bands text is meant to sit on: under the title and text placeholders, and a band across
    # the slide under the footer's (date, footer, number); a corner piece of art under the date box
    # is no band: the deck's footer runs across the slide.
    holders = (*master.placeholders, *layout.placeholders)
    paint.grounds = [b for holder in holders if not _footer_holder(holder) and (b := _placed(holder))]
    paint.feet = [b for holder in holders if _footer_holder(holder) and (b := _placed(holder))]
    if layout._element.get("showMasterSp") != "0":
        paint.part = master.part
        _shapes(paint, master._element.cSld.spTree, None)
    paint.part = layout.part
    _shapes(paint, layout._element.cSld.spTree, None)
    ink = {}
    for role, types in (("title", ("title", "ctrTitle")), ("subtitle", ("subTitle", "body"))):
        colour = _placeholder_ink(layout, master, types, scheme, mapping)
        if colour:
            ink[role] = colour
    shown = [layout._element] + ([master._element] if layout._element.get("showMasterSp") != "0" else [])
    numbered = any(_numbers_itself(element, width, height) for element in shown)
    return Backdrop(width, height, image.tobytes(), size, merged(paint.obstacles), ink, mapping, numbered)


def _numbers_itself(element, width: float, height: float) -> bool:
    """Whether a master's or layout's own shapes (not its placeholders) show a slide-number field:
    in a text box or a table, on the slide and of some size (one in a group is taken as shown)."""
    for field in element.cSld.spTree.iter(_q("a:fld")):
        if field.get("type") != "slidenum":
            continue
        shape = next((a for a in field.iterancestors(_q("p:sp"), _q("p:graphicFrame"))), None)
        if shape is None or shape.find(f".//{_q('p:nvPr')}/{_q('p:ph')}") is not None:
            continue
        if _shown(shape, width, height):
            return True
    return False


def _shown(shape, width: float, height: float) -> bool:
    """Whether a shape's own box (EMU offsets) lies on the slide with some size; a shape in a
    group, whose box is in the group's terms, counts as shown."""
    if shape.getparent() is not None and shape.getparent().tag == _q("p:grpSp"):
        return True
    off = next(shape.iter(_q("a:off")), None)
    ext = next(shape.iter(_q("a:ext")), None)
    if off is None or ext is None:
        return False
    try:
        left, top = int(off.get("x", 0)) / EMU, int(off.get("y", 0)) / EMU
        across, down = int(ext.get("cx", 0)) / EMU, int(ext.get("cy", 0)) / EMU
    except ValueError:
        return False
    return across > 0.05 and down > 0.05 and left < width and top < height and left + across > 0 and top + down > 0


def merged(boxes: list[Box], reach: float = 0.3) -> tuple[Box, ...]:
    """The artwork as a few boxes: pieces nearer than `reach` to each other as one (a logo's letters,
    a strand of dots), each the box around its pieces."""
    pieces = [b for b in boxes if b.width > 0 and b.height > 0]
    changed = True
    while changed:
        changed = False
        for i, a in enumerate(pieces):
            near = Box(a.left - reach, a.top - reach, a.width + 2 * reach, a.height + 2 * reach)
            for j in range(i + 1, len(pieces)):
                b = pieces[j]
                if _overlap(near, b):
                    left, top = min(a.left, b.left), min(a.top, b.top)
                    pieces[i] = Box(left, top, max(a.right, b.right) - left, max(a.bottom, b.bottom) - top)
                    del pieces[j]
                    changed = True
                    break
            if changed:
                break
    return tuple(pieces)


def _footer_holder(shape) -> bool:
    ph = shape._element.ph
    return ph is not None and ph.get("type") in ("dt", "ftr", "sldNum")


def _placed(shape) -> Box | None:
    try:
        values = (shape.left, shape.top, shape.width, shape.height)
    except (AttributeError, KeyError, ValueError):
        return None
    return None if any(v is None for v in values) else Box(*(v / EMU for v in values))


def _background(slide_like):
    """The fill element of a master's or layout's background (`p:bg`): a:solidFill, a:gradFill,
    a:blipFill, ..., or the colour of a `p:bgRef`; None without one."""
    bg = slide_like._element.cSld.find(_q("p:bg"))
    if bg is None:
        return None
    properties = bg.find(_q("p:bgPr"))
    if properties is not None and len(properties):
        return properties[0]
    reference = bg.find(_q("p:bgRef"))
    return reference if reference is not None and len(reference) else None


def _shapes(paint: _Paint, tree, transform) -> None:
    """Paint the shapes of a shape tree (or group) that are not placeholders, in their order."""
    from lxml import etree

    for element in tree:
        name = etree.QName(element).localname
        if name not in ("sp", "pic", "grpSp", "cxnSp"):
            continue
        if element.find(".//" + _q("p:ph")) is not None and name != "grpSp":
            continue
        box = _xfrm_box(element, transform)
        if name == "grpSp":
            _shapes(paint, element, _group_transform(element, transform))
            continue
        if box is None or box.width <= 0 or box.height <= 0:
            continue
        properties = element.find(_q("p:spPr"))
        if name == "pic":
            blip = element.find(_q("p:blipFill"))
            _fill(paint, blip, box, "pic")
            continue
        fill = _shape_fill(element, properties)
        if fill is not None and name == "sp":
            _fill(paint, fill, box, "sp", _geometry(properties))


def _shape_fill(element, properties):
    if properties is not None:
        for child in properties:
            local = child.tag.rsplit("}", 1)[-1]
            if local == "noFill":
                return None
            if local in ("solidFill", "gradFill", "blipFill", "pattFill"):
                return child
    style = element.find(_q("p:style"))
    reference = style.find(_q("a:fillRef")) if style is not None else None
    if reference is not None and reference.get("idx", "0") != "0" and len(reference):
        return reference
    return None


def _geometry(properties) -> str:
    preset = properties.find(_q("a:prstGeom")) if properties is not None else None
    return preset.get("prst", "rect") if preset is not None else "rect"


def _xfrm_box(element, transform) -> Box | None:
    from lxml import etree

    local = etree.QName(element).localname
    holder = element.find(_q("p:grpSpPr" if local == "grpSp" else "p:spPr"))
    xfrm = holder.find(_q("a:xfrm")) if holder is not None else None
    if xfrm is None:
        return None
    off, ext = xfrm.find(_q("a:off")), xfrm.find(_q("a:ext"))
    if off is None or ext is None:
        return None
    try:
        x, y, cx, cy = (int(v) for v in (off.get("x"), off.get("y"), ext.get("cx"), ext.get("cy")))
    except (TypeError, ValueError):
        return None
    if transform is not None:
        (ox, oy, sx, sy) = transform
        x, y, cx, cy = ox + (x * sx), oy + (y * sy), cx * sx, cy * sy
    return Box(x / EMU, y / EMU, cx / EMU, cy / EMU)


def _group_transform(element, transform):
    """The mapping of a group's child coordinates onto the slide's (EMU): offset and scale."""
    holder = element.find(_q("p:grpSpPr"))
    xfrm = holder.find(_q("a:xfrm")) if holder is not None else None
    parts = [xfrm.find(_q(f"a:{n}")) if xfrm is not None else None for n in ("off", "ext", "chOff", "chExt")]
    if any(p is None for p in parts):
        return transform
    try:
        (x, y), (cx, cy), (chx, chy), (chcx, chcy) = [
            (int(p.get("x", p.get("cx"))), int(p.get("y", p.get("cy")))) for p in parts]
    except (TypeError, ValueError):
        return transform
    sx, sy = (cx / chcx if chcx else 1), (cy / chcy if chcy else 1)
    ox, oy = x - chx * sx, y - chy * sy
    if transform is not None:
        (tx, ty, tsx, tsy) = transform
        ox, oy, sx, sy = tx + ox * tsx, ty + oy * tsy, sx * tsx, sy * tsy
    return (ox, oy, sx, sy)


def _fill(paint: _Paint, fill, box: Box, kind: str, geometry: str = "rect") -> None:
    """Paint `fill` over `box`; note the box as an obstacle when it is artwork."""
    from PIL import Image, ImageDraw

    if fill is None:
        return
    local = fill.tag.rsplit("}", 1)[-1]
    full = _share_of_slide(box, paint) >= FULL_SLIDE
    k = paint.k
    corners = (round(box.left * k), round(box.top * k), round(box.right * k) - 1, round(box.bottom * k) - 1)
    if corners[2] < corners[0] or corners[3] < corners[1]:
        corners = (corners[0], corners[1], max(corners[0], corners[2]), max(corners[1], corners[3]))
    if local == "blipFill":
        picture = _picture(paint, fill)
        seen = _on_slide(box, paint)
        if picture is not None and seen.width * k >= 1 and seen.height * k >= 1:
            # Only the part of the picture on the slide is painted: a picture (or a group scaling
            # one) may be drawn far larger than the slide.
            picture = picture.crop(_part_of(picture.size, box, seen))
            at = (round(seen.left * k), round(seen.top * k))
            target = (max(1, round(seen.right * k) - at[0]), max(1, round(seen.bottom * k) - at[1]))
            picture = picture.resize(target)
            backing = Image.new("RGBA", target, (0, 0, 0, 0))
            backing.alpha_composite(picture)
            paint.image.paste(backing.convert("RGB"), at, backing)
            if kind == "bg" or full:
                paint.obstacles.extend(marks(paint.image.crop((at[0], at[1], at[0] + target[0], at[1] + target[1])),
                                             seen, k))
    else:
        colour = _fill_colour(paint, fill)
        if colour is None:
            return
        draw = ImageDraw.Draw(paint.image)
        shape = draw.ellipse if geometry in ("ellipse", "circle") else draw.rectangle
        shape(corners, fill="#" + colour)
    if kind == "bg" or full:
        return
    if kind == "sp" and any(_holds(box, ground) for ground in paint.grounds):
        return
    if kind == "sp" and box.width >= paint.width / 2 and any(_holds(box, foot) for foot in paint.feet):
        return
    paint.obstacles.append(_on_slide(box, paint))


MARK_CONTRAST = 1.8
"""How far (WCAG contrast ratio) a part of a full-slide picture stands out from the picture's own
ground to be artwork text keeps off (an ink blot on paper, a ribbon); paper grain stays under 1.3."""
MARK_CELL = 0.25        # inches: the parts a full-slide picture is read in
MOST_MARKED = 0.3
"""Of a full-slide picture's parts: past this share it is a photograph, not a ground with marks on it."""


def marks(picture, box: Box, k: float) -> list[Box]:
    """The artwork drawn into a full-slide picture (`picture`, painted over `box` at `k` pixels an
    inch): its parts that stand out from its ground, as boxes; none for a photograph."""
    from PIL import Image

    from briefing.model.colour import contrast

    columns, rows = max(1, round(box.width / MARK_CELL)), max(1, round(box.height / MARK_CELL))
    cells = picture.resize((columns, rows), Image.BOX)
    data = cells.convert("RGB").tobytes()
    colours = [data[i:i + 3].hex().upper() for i in range(0, len(data), 3)]
    ground = sorted(colours, key=_luminance_key)[len(colours) // 2]
    marked = [i for i, colour in enumerate(colours) if contrast(colour, ground) >= MARK_CONTRAST]
    if not marked or len(marked) > MOST_MARKED * len(colours):
        return []
    w, h = box.width / columns, box.height / rows
    pieces = [Box(box.left + (i % columns) * w, box.top + (i // columns) * h, w, h) for i in marked]
    found = [b for b in merged(pieces, reach=0.1) if b.width * b.height >= 2 * w * h]
    # Scattered parts that gather into boxes over most of the picture: a photograph's detail.
    return [] if sum(b.width * b.height for b in found) > 2 * MOST_MARKED * box.width * box.height else found


def _luminance_key(colour: str) -> float:
    from briefing.model.colour import relative_luminance

    return relative_luminance(colour)


def _part_of(size: tuple[int, int], box: Box, seen: Box) -> tuple[int, int, int, int]:
    """The pixels of a picture of `size`, drawn over `box`, that fall in `seen` (a part of `box`)."""
    width, height = size
    left = int((seen.left - box.left) / box.width * width)
    top = int((seen.top - box.top) / box.height * height)
    right = max(left + 1, min(width, round((seen.right - box.left) / box.width * width)))
    bottom = max(top + 1, min(height, round((seen.bottom - box.top) / box.height * height)))
    return left, top, right, bottom


def _holds(band: Box, ground: Box) -> bool:
    """Whether a filled shape lies under (most of) a placeholder: the band its text is meant to sit on."""
    left, right = max(band.left, ground.left), min(band.right, ground.right)
    top, bottom = max(band.top, ground.top), min(band.bottom, ground.bottom)
    shared = max(0.0, right - left) * max(0.0, bottom - top)
    return ground.width * ground.height > 0 and shared >= 0.5 * ground.width * ground.height


def _share_of_slide(box: Box, paint: _Paint) -> float:
    on = _on_slide(box, paint)
    return on.width * on.height / (paint.width * paint.height)


def _on_slide(box: Box, paint: _Paint) -> Box:
    left, top = max(0.0, box.left), max(0.0, box.top)
    right, bottom = min(paint.width, box.right), min(paint.height, box.bottom)
    return Box(left, top, max(0.0, right - left), max(0.0, bottom - top))


MAX_PICTURE_BYTES = 30_000_000


def _picture(paint: _Paint, fill):
    """The picture a blipFill shows, as RGBA, or None when it is not one Pillow reads safely (an
    EMF, an SVG without a fallback) or is too large."""
    from briefing.read.pictures import Refused, format_of, raster_size
    from PIL import Image

    blip = fill.find(_q("a:blip"))
    rid = blip.get(_q("r:embed")) if blip is not None else None
    if not rid:
        return None
    try:
        blob = paint.part.related_part(rid).blob
    except (KeyError, AttributeError, ValueError):
        return None
    kind = format_of(blob)
    if not kind or kind == "svg" or len(blob) > MAX_PICTURE_BYTES:
        return None
    try:
        raster_size("a template picture", kind, blob)
        with Image.open(io.BytesIO(blob)) as opened:
            opened.draft("RGB", (256, 256))
            return opened.convert("RGBA")
    except (Refused, OSError, ValueError, Image.DecompressionBombError):
        return None


def _fill_colour(paint: _Paint, fill) -> str | None:
    local = fill.tag.rsplit("}", 1)[-1]
    if local in ("solidFill", "bgRef", "fillRef"):
        return next((c for c in (_colour(paint, e) for e in fill) if c), None)
    if local == "gradFill":
        stops = [c for stop in fill.iter(_q("a:gs")) for c in (_colour(paint, e) for e in stop) if c]
        return _average(stops) if stops else None
    if local == "pattFill":
        found = [c for part in fill for c in (_colour(paint, e) for e in part) if c]
        return _average(found) if found else None
    return None


def _colour(paint: _Paint, element) -> str | None:
    """A DrawingML colour element as hex RGB: through the colour map for bg1, tx1, ...; with its
    tints, shades and luminance changes applied."""
    return resolve(element, paint.scheme, paint.mapping)


def resolve(element, scheme: dict[str, str], mapping: dict[str, str]) -> str | None:
    local = element.tag.rsplit("}", 1)[-1]
    value = element.get("val", "")
    if local == "srgbClr":
        base = value.upper()
    elif local == "schemeClr":
        base = scheme.get(mapping.get(value, value), "")
    elif local == "sysClr":
        base = (element.get("lastClr") or ("000000" if value == "windowText" else "FFFFFF")).upper()
    elif local == "prstClr":
        base = _PRESET.get(value, "")
    elif local == "scrgbClr":
        try:
            base = "".join(f"{round(min(100000, max(0, int(element.get(c, '0')))) / 100000 * 255):02X}"
                           for c in ("r", "g", "b"))
        except ValueError:
            base = ""
    else:
        return None
    if len(base) != 6:
        return None
    return _modified(base, element)


def _modified(base: str, element) -> str:
    red, green, blue = (int(base[i:i + 2], 16) / 255 for i in (0, 2, 4))
    for change in element:
        name = change.tag.rsplit("}", 1)[-1]
        try:
            amount = int(change.get("val", "100000")) / 100000
        except ValueError:
            continue
        if name in ("lumMod", "lumOff"):
            hue, light, saturation = colorsys.rgb_to_hls(red, green, blue)
            light = light * amount if name == "lumMod" else light + amount
            red, green, blue = colorsys.hls_to_rgb(hue, min(1.0, max(0.0, light)), saturation)
        elif name == "tint":
            red, green, blue = (c + (1 - c) * (1 - amount) for c in (red, green, blue))
        elif name == "shade":
            red, green, blue = (c * amount for c in (red, green, blue))
    return "".join(f"{round(min(1.0, max(0.0, c)) * 255):02X}" for c in (red, green, blue))


def _average(colours: list[str]) -> str:
    return "".join(f"{round(sum(int(c[i:i + 2], 16) for c in colours) / len(colours)):02X}" for i in (0, 2, 4))


def _placeholder_ink(layout, master, types: tuple[str, ...], scheme, mapping) -> str:
    """The colour the layout's placeholder of one of `types` gives its text: its own list style or
    run properties, else the master's placeholder's, else the master's title or body text style."""
    for holder_owner in (layout, master):
        for shape in holder_owner.placeholders:
            ph = shape._element.ph
            if ph is None or ph.get("type", "obj") not in types:
                continue
            for path in (".//a:lstStyle/a:lvl1pPr/a:defRPr/a:solidFill", ".//a:p/a:pPr/a:defRPr/a:solidFill",
                         ".//a:r/a:rPr/a:solidFill", ".//a:endParaRPr/a:solidFill"):
                found = _first(shape._element, path)
                if found is not None:
                    colour = next((c for c in (resolve(e, scheme, mapping) for e in found) if c), None)
                    if colour:
                        return colour
            break
    styles = master._element.find(_q("p:txStyles"))
    style = "p:titleStyle" if "title" in types else "p:bodyStyle"
    found = _first(styles, f"{style}/a:lvl1pPr/a:defRPr/a:solidFill") if styles is not None else None
    if found is not None:
        return next((c for c in (resolve(e, scheme, mapping) for e in found) if c), "")
    return scheme.get(mapping.get("tx1", "dk1"), "")


def _first(element, path: str):
    from lxml import etree
    from pptx.oxml.ns import nsmap

    found = etree.XPath(path, namespaces=nsmap("a", "p"))(element)
    return found[0] if found else None
