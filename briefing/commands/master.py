"""`master inspect`: what a template offers, and what a build would use of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefing.errors import BriefingError, display_path, printable
from briefing.load.master import layout_backdrops
from briefing.read.template import choose, prepare, read_master, reason


def inspect(data: bytes, names: dict[str, str] | None = None) -> dict[str, Any]:
    """What a template offers and what a build would use of it, as data (`master inspect --json`)."""
    clean = prepare(data)
    info = read_master(clean.data)
    chosen, problems = choose(info, names or {}, layout_backdrops(clean.data))
    uses = {role: layout.label for role, layout in chosen.items()}
    why = {role: reason(info, role, layout, bool((names or {}).get(role))) for role, layout in chosen.items()}
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
        "why": {role: {"reason": words, "made_for_it": made} for role, (words, made) in why.items()},
        "problems": problems,
        "dropped": clean.warnings,
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
            lines += ["", f"master {master}"]
        used = f"  <- {', '.join(layout['used_for'])}" if layout["used_for"] else ""
        lines.append(f"  {layout['name']:<34} {layout['role']}{used}")
        for p in layout["placeholders"]:
            box = p["box_inches"]
            where = "(no position)" if box is None else f"at {box[0]:.2f}, {box[1]:.2f} in, {box[2]:.2f} x {box[3]:.2f} in"
            lines.append(f"      {p['type']:<9} idx {p['idx']:<3} {where}")
    lines.append("")
    for role, label in found["uses"].items():
        why = found["why"][role]
        lines.append(f"{role:<8} slides use {label}: {why['reason']}")
        if not why["made_for_it"]:
            lines.append(f"         warning: no layout is made for {role} slides; to choose one, set "
                         f"layouts: {{{role}: <layout name>}} in the theme")
    lines += [f"{role:<8} slides: {message}" for role, message in found["problems"].items()]
    lines += [f"dropped from every deck: {text}" for text in found["dropped"]]
    # Names come from the template, which anyone may have written: shown escaped, a line each.
    return "\n".join(shown(line) for line in lines)


def shown(text: str) -> str:
    """`text` as one line a terminal shows as it is: control characters (C0, C1, bidi overrides)
    escaped, line breaks and tabs too."""
    return printable(text).replace("\n", "\\n").replace("\t", "\\t")


def as_json(found: dict[str, Any]) -> str:
    """The findings as JSON a terminal shows as it is: every control character in a string written
    as a JSON escape (json leaves C1 codes and bidi overrides raw)."""
    import json
    import re

    text = json.dumps(found, indent=2, ensure_ascii=False)
    return re.sub("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", lambda m: f"\\u{ord(m.group()):04x}", text)


def _aspect(width: float, height: float) -> str:
    for name, ratio in (("16:9", 16 / 9), ("4:3", 4 / 3), ("16:10", 16 / 10)):
        if abs(width / height - ratio) < 0.01:
            return name
    return f"{width / height:.2f}:1"


def inspect_master(path: Path, json_wanted: bool) -> int:
    """`master inspect FILE`: what the template offers and what a build would use of it."""
    from briefing.read.template import MAX_BYTES, MasterError
    from briefing.runtime.files import read_bounded

    try:
        found = inspect(read_bounded(path, MAX_BYTES))
    except OSError as e:
        raise BriefingError(shown(f"{display_path(path)}: cannot read: {e.strerror or e}")) from None
    except MasterError as e:
        raise BriefingError(shown(f"{display_path(path)} {e}")) from None
    print(as_json(found) if json_wanted else f"{shown(str(display_path(path)))}: {describe(found)}")
    return 1 if found["problems"] else 0
