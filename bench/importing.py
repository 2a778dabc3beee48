"""Time `import` of a 50-slide deck, as a whole process (not a test: a figure to read, its target
beside it).

    python bench/importing.py [--runs N] [--slides N]

The deck is made here with python-pptx on its own template (PowerPoint's), its slides taking turns
at what other tools' decks hold: bullets with levels, a table, a picture with its alternative text,
a native chart by year, speaker notes. Target (issue 19): under 3 s for 50 slides.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def deck(path: Path, slides: int) -> None:
    from PIL import Image
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    picture = io.BytesIO()
    Image.new("RGB", (640, 400), "teal").save(picture, format="PNG")
    prs = Presentation()
    for number in range(1, slides + 1):
        kind = number % 4
        slide = prs.slides.add_slide(prs.slide_layouts[1 if kind == 0 else 5])
        slide.shapes.title.text = f"Topic {number}"
        if kind == 0:
            body = slide.placeholders[1].text_frame
            body.text = f"Point one of topic {number}"
            for text, level in (("A detail", 1), ("Another detail", 1), ("Point two", 0), ("Point three", 0)):
                paragraph = body.add_paragraph()
                paragraph.text, paragraph.level = text, level
        elif kind == 1:
            table = slide.shapes.add_table(5, 3, Inches(1), Inches(2), Inches(8), Inches(3)).table
            for r in range(5):
                for c in range(3):
                    table.cell(r, c).text = f"Cell {r}.{c}"
        elif kind == 2:
            shape = slide.shapes.add_picture(io.BytesIO(picture.getvalue()), Inches(1), Inches(2), Inches(6))
            shape._element.nvPicPr.cNvPr.set("descr", f"Picture of topic {number}")
        else:
            data = CategoryChartData()
            data.categories = [str(y) for y in range(2015, 2025)]
            data.add_series("Value", [float(v * number % 17 + 1) for v in range(10)])
            slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(8), Inches(4), data)
        slide.notes_slide.notes_text_frame.text = f"What to say about topic {number}."
    prs.save(str(path))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--slides", type=int, default=50)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="briefing-bench-import-"))
    try:
        deck(scratch / "fifty.pptx", args.slides)
        times = []
        for run in range(args.runs):
            project = scratch / f"project-{run}"
            shutil.copytree(ROOT / "templates", project / "templates")
            start = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "build.py"), "import", str(scratch / "fifty.pptx"),
                            "--project", str(project)], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(f"import of a {args.slides}-slide deck: {median:.2f} s (median of {args.runs}; target under 3 s"
              f"{', met' if median < 3 else ', MISSED'})")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
