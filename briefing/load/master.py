"""A theme on its organisation's template: the grid, sizes, fonts and colours it takes from what
was read of the template (`briefing.read.template`), and the problems that make a template
unusable for a deck, each at the theme field it belongs to."""

from __future__ import annotations

import math
from typing import Any

from briefing.layout.plan import Box
from briefing.read.template import (MasterError, MasterInfo, Regions, Template, choose, prepare, read_master, reason,
                                    regions, scaled_box)


FOOTER_LEAST = 0.34
"""Inches (as planned) the footer band has at least: a line of footer text at 12 pt, Japanese too, and its insets."""


def grid(info: MasterInfo, found: Regions, base, explicit: set[str], scale: float = 1.0, clear: Box | None = None,
         place=None):
    """Return the theme's grid (`base`) with what the theme's file does not set (`explicit`) taken
    from the template: its size and its title, body and footer regions (`found`, already in the
    grid's units: the template's inches over `scale`); with `clear`, the part of the body that keeps
    off the template's artwork, and with `place` (a box to where it keeps off the artwork) the footer's
    band where it does."""
    width, height = info.width / scale, info.height / scale
    title, body = found.title, found.body
    margin = max(0.2, min(title.left, body.left, width - title.right, width - body.right))
    footer = found.footer
    footer_top = min(footer.top if footer else height - 0.45, height - 0.3)
    footer_height = min(footer.height if footer else 0.35, height - footer_top)
    if footer is not None and footer_height < FOOTER_LEAST:
        # A sliver of a band (exports shrink footer boxes to their text): grown upwards to hold a line.
        footer_top, footer_height = max(0.0, footer_top + footer_height - FOOTER_LEAST), FOOTER_LEAST
    if place is not None and not explicit & {"footer_top", "footer_height"}:
        band = place(Box(margin, footer_top, width - 2 * margin, footer_height))
        footer_top, footer_height = band.top, band.height
    derived = {
        "width": width, "height": height, "margin": margin,
        "title_top": title.top, "title_height": title.height,
        "rule_top": title.bottom + 0.04,
        "body_top": max(body.top, title.bottom + 0.15),
        "body_bottom": min(body.bottom, footer_top - 0.1),
        "footer_top": footer_top,
        "footer_height": footer_height,
        "cover_left": found.cover_title.left,
    }
    if clear is not None and clear != body and not explicit & {"margin", "body_left", "body_right"}:
        derived.update(body_left=clear.left, body_right=clear.right)
        derived["body_top"], derived["body_bottom"] = max(clear.top, title.bottom + 0.15), \
            min(clear.bottom, footer_top - 0.1)
    return base.copy(update={k: v for k, v in derived.items() if k not in explicit})


SMALLEST_POINTS = 9
"""No text of a deck is set under this, in points on its slide, whatever the slide's size."""


def legible(theme, scale: float) -> dict[str, Any]:
    """On a slide narrower than the theme's, the sizes and floors that would be written under
    SMALLEST_POINTS raised to it (planned sizes are written `scale` times as large)."""
    if scale >= 1:
        return {}
    least = math.ceil(SMALLEST_POINTS / scale * 2) / 2      # to the half point above
    sizes = {k: max(v, least) for k, v in theme.sizes.dump().items()}
    fit = {"floor": max(theme.fit.floor, least), "title_floor": max(theme.fit.title_floor, least)}
    return {"sizes": theme.sizes.copy(update=sizes), "fit": theme.fit.copy(update=fit)}


def scheme_colours(scheme: dict[str, str], ground: str = "") -> dict[str, str] | None:
    """The theme's colours from a template's colour scheme (as its colour map shows it): text dark 1,
    titles dark 2, panels light 2, the emphasis accent 2, the camps of a diagram accents 1 and 6, the
    background `ground` (what the template shows behind the body) or light 1; None when the scheme
    lacks one of them."""
    needed = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent6")
    if not all(k in scheme for k in needed):
        return None
    from briefing.model.colour import relative_luminance

    grey = _mix(scheme["dk1"], scheme["lt1"], 0.42)
    background, panel = ground or scheme["lt1"], scheme["lt2"]
    if (relative_luminance(background) > 0.18) != (relative_luminance(panel) > 0.18):
        # A light panel on a dark slide (or the other way): the text reads on one only. The panel
        # is the slide's colour, a shade lighter (or darker), instead.
        panel = _mix(background, "FFFFFF" if relative_luminance(background) <= 0.18 else "000000", 0.12)
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
    from briefing.model.theme import FROM_MASTER, Colours, Fonts

    try:
        clean = prepare(data)
        data = clean.data
        info = read_master(data)
    except MasterError as e:
        return theme, [(("master",), f"{theme.master} {e}")]
    backdrops = layout_backdrops(data)
    chosen, unusable = choose(info, theme.layouts.dump(), backdrops)
    problems = [(("layouts", role) if theme.layouts.dump().get(role) else ("master",), f"{theme.master}: {message}")
                for role, message in unusable.items()]
    if problems:
        return theme, problems
    scale = 1.0 if "width" in explicit_grid else info.width / theme.grid.width
    content = backdrops.get((chosen["content"].master, chosen["content"].index))
    found = regions(info, chosen)
    clear = scaled_box(content.clear(found.body), 1 / scale) if content is not None else None
    found = found.scaled(1 / scale)
    place = (lambda box: scaled_box(content.placed(scaled_box(box, scale)), 1 / scale)) if content is not None else None
    update: dict[str, Any] = {"grid": grid(info, found, theme.grid, explicit_grid, scale, clear, place),
                              **legible(theme, scale)}
    body = update["grid"].region("body")
    if body.height < MIN_BODY[1] or body.width < MIN_BODY[0]:
        problems.append((("master",), f"{theme.master}: its content layout leaves a body of {body.width:.1f} x "
                                      f"{body.height:.1f} in under the title, on a slide planned "
                                      f"{update['grid'].width:.2f} in wide; slides need at least {MIN_BODY[0]:g} x "
                                      f"{MIN_BODY[1]:g} in: set grid.margin, grid.body_top and grid.body_bottom in the "
                                      "theme to use more of the slide"))
        return theme, problems
    inks: tuple[str, ...] = ()
    if theme.colours == FROM_MASTER:
        # The scheme as the content slides' text sees it (through the colour map), read on what the
        # template shows behind their body.
        scheme = content.mapped(info.colours) if content is not None else info.colours
        ground = content.colour_under(scaled_box(found.body, scale)) if content is not None else ""
        colours = scheme_colours(scheme, ground)
        inks = tuple(dict.fromkeys(scheme[k] for k in ("dk1", "dk2", "lt1", "lt2") if k in scheme))
        if colours is None:
            problems.append((("colours",), f"{theme.master} has no full colour scheme to take the colours from; "
                                           "write them out"))
        else:
            update["colours"] = Colours(**colours)
    fonts, font_notes = _fonts(theme, info, problems)
    update["fonts"] = fonts
    latin, east_asian = fonts.latin, fonts.east_asian
    dropped = list(clean.warnings)
    if clean.fonts and set(clean.fonts) - {latin, east_asian}:
        from briefing.read.sanitise import without_fonts

        unused = without_fonts(data, {latin, east_asian})
        data, dropped = unused.data, dropped + unused.warnings
    unread = [] if backdrops or not info.layouts else [(("master",), f"{theme.master}: its drawing could not "
                                                       "be read, so its artwork and backgrounds are not kept clear of "
                                                       "nor read for contrast; look at the decks", True)]
    notes = tuple(layout_notes(theme, info, chosen) + font_notes + unread)
    template = Template(data, info, chosen, found, scale, tuple(dropped), backdrops, inks, notes)
    return theme.copy(update={**update, "_master": template}), problems


def layout_backdrops(data: bytes) -> dict:
    """What each layout shows behind text; none when the template's drawing cannot be read (its
    text colours are then not checked against it)."""
    from briefing.read.backdrop import read_backdrops

    try:
        return read_backdrops(data)
    except Exception:       # python-pptx, lxml and Pillow raise many kinds on odd drawings
        return {}


MIN_BODY = (8.0, 3.5)
"""The least body a slide needs (inches, on the Widescreen-wide slide it is planned on)."""



def layout_notes(theme, info: MasterInfo, chosen: dict) -> list[tuple[tuple[str, ...], str, bool]]:
    """Which layout each kind of slide uses and why, each at the theme line that would change it,
    and whether it is a warning: a kind on a layout made for other slides."""
    notes = []
    for role, layout in chosen.items():
        named = bool(getattr(theme.layouts, role))
        why, made = reason(info, role, layout, named)
        where = ("layouts", role) if named else ("layouts",) if any(theme.layouts.dump().values()) else ("master",)
        text = f"{theme.master}: {role} slides use '{layout.name}'" + \
            (f" (master {layout.master})" if info.masters > 1 else "") + f": {why}"
        if not made:
            others = [l.name for l in info.layouts if l.first("title", "ctrTitle") and l != layout]
            text += (f"; to choose, set layouts: {{{role}: <layout>}} in the theme"
                     + (f" (its layouts with a title: {', '.join(repr(n) for n in dict.fromkeys(others))})"
                        if others else ""))
        notes.append((where, text, not made))
    return notes


def _fonts(theme, info: MasterInfo, problems: list) -> tuple[Any, list[tuple[tuple[str, ...], str, bool]]]:
    """The theme's faces, the template's where it says `from-master`, each one the measurer can
    measure (a problem at the theme line where not); notes where a default stood in."""
    from briefing.model.theme import FROM_MASTER, Fonts
    from briefing.text.fonts import DEFAULT_EAST_ASIAN, japanese_face, measuring_face, unmeasurable

    fonts = Fonts(latin=FROM_MASTER, east_asian=FROM_MASTER) if theme.fonts == FROM_MASTER else theme.fonts
    whole = theme.fonts == FROM_MASTER
    latin = info.fonts.get("minor_latin", "") if fonts.latin == FROM_MASTER else fonts.latin
    east_asian = info.fonts.get("minor_east_asian", "") if fonts.east_asian == FROM_MASTER else fonts.east_asian
    notes = []
    where = ("fonts",) if whole else ("fonts", "latin")
    if not latin:
        problems.append((where, f"{theme.master} names no Latin body font; name one (e.g. latin: Arial)"))
    elif measuring_face(latin, fonts.measure_as) is None:
        problems.append((where, unmeasurable(latin, whole)))
    if fonts.east_asian == FROM_MASTER and not japanese_face(east_asian):
        where = ("fonts",) if whole else ("fonts", "east_asian")
        said = f"names '{east_asian}', not a Japanese face the measurer knows" if east_asian else \
            "names no East Asian font"
        notes.append((where, f"{theme.master} {said}: Japanese text is set in {DEFAULT_EAST_ASIAN} (to choose "
                             "another, write fonts: {latin: from-master, east_asian: <face>})", False))
        east_asian = DEFAULT_EAST_ASIAN
    return Fonts(latin=latin, east_asian=east_asian, measure_as=fonts.measure_as), notes
