"""Make the default master, `briefing/masters/default.pptx`, from python-pptx's own template.

    python tools/make_default_master.py [--check]

python-pptx's template is 4:3 and carries a thumbnail, a US-Letter printer ticket and a "Section
Header" that sets titles in capitals. This makes it the default look's master once, so the build
does no template surgery: 16:9 Widescreen (13.333 x 7.5 in, no size type, so PowerPoint names it
by its dimensions), every placeholder widened to match, no thumbnail or printer ticket, titles in
the case they are written in. The same python-pptx gives the same bytes; `--check` says whether
the committed file is what this script makes (a test runs it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "briefing" / "masters" / "default.pptx"
WIDESCREEN = (12192000, 6858000)
"""13.333 x 7.5 inches in EMU: PowerPoint's Widescreen."""


def make() -> bytes:
    from pptx import Presentation
    from pptx.oxml.ns import qn

    sys.path.insert(0, str(ROOT))
    from briefing.write import package

    prs = Presentation()
    factor = WIDESCREEN[0] / prs.slide_width
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for shape in owner.placeholders:
            if shape._element.spPr.find(qn("a:xfrm")) is not None:
                shape.left, shape.width = int(shape.left * factor), int(shape.width * factor)
    prs.slide_width, prs.slide_height = WIDESCREEN
    size = prs._element.find(qn("p:sldSz"))
    size.attrib.pop("type", None)
    for layout in prs.slide_layouts:
        for caps in layout._element.iter(qn("a:defRPr")):
            caps.attrib.pop("cap", None)
    package.tidy_package(prs)
    package.drop_last_printed(prs)
    props = prs.core_properties
    props.title, props.author, props.last_modified_by, props.revision = "Default master", "briefing", "briefing", 1
    from briefing.model.dates import ZIP_EPOCH

    props.created = props.modified = ZIP_EPOCH
    return package.to_bytes(prs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file; write nothing")
    made = make()
    if parser.parse_args().check:
        same = TARGET.is_file() and TARGET.read_bytes() == made
        print(f"{TARGET.relative_to(ROOT)} is {'' if same else 'not '}what this script makes")
        return 0 if same else 1
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(made)
    print(f"wrote {TARGET.relative_to(ROOT)} ({len(made):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
