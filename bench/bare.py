"""The bare reference the benchmark measures against: the least any generator of this deck must do.

    python bench/bare.py DECK.yaml CHART_DATA.yaml OUT_DIR [--variants N]

It loads one YAML deck, renders every text with Jinja2, draws one Matplotlib bar chart and
writes one slide per slide of the deck (7 for the cyber deck with its cover) with python-pptx,
N times for N variants (the chart drawn once). No validation, no fitting, no Japanese, no
staging: a floor, not a tool.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path


def texts(value, out: list[str]) -> list[str]:
    if isinstance(value, dict):
        for item in value.values():
            texts(item, out)
    elif isinstance(value, list):
        for item in value:
            texts(item, out)
    elif isinstance(value, str):
        out.append(value)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("deck", type=Path)
    parser.add_argument("data", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--variants", type=int, default=1)
    args = parser.parse_args()

    import jinja2
    import yaml

    deck = yaml.safe_load(args.deck.read_text(encoding="utf-8"))
    env = jinja2.Environment()
    context = {**deck.get("vars", {}), "fmt": type("F", (), {"million": staticmethod(lambda n: f"{n / 1e6:g} million")})}
    slides = [[env.from_string(text).render(context) for text in texts(slide, [])] for slide in deck["slides"]]

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    rows = next(iter(yaml.safe_load(args.data.read_text(encoding="utf-8")).values()))
    rows = [r for r in rows if r.get("packets_per_ip") is not None and 2005 <= r["year"] <= 2017]
    figure = Figure(figsize=(5.6, 3.2), dpi=300)
    figure.add_subplot().bar([r["year"] for r in rows], [r["packets_per_ip"] for r in rows])
    png = io.BytesIO()
    figure.savefig(png, format="png")

    from pptx import Presentation
    from pptx.util import Inches, Pt

    args.out.mkdir(parents=True, exist_ok=True)
    for variant in range(args.variants):
        prs = Presentation()
        prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
        for number, words in enumerate(slides):
            slide = prs.slides.add_slide(prs.slide_layouts[0 if number == 0 else 5])
            slide.shapes.title.text = words[0] if words else ""
            box = slide.shapes.add_textbox(Inches(0.6), Inches(1.4), Inches(7), Inches(5)).text_frame
            box.word_wrap = True
            for word in words[1:]:
                paragraph = box.add_paragraph()
                paragraph.text = word
                paragraph.font.size = Pt(14)
            if number == 2:
                png.seek(0)
                slide.shapes.add_picture(png, Inches(7.8), Inches(1.4), Inches(5.0))
        prs.save(args.out / f"bare-{variant}.pptx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
