"""A deck read from a .pptx (`briefing.read.deck`) turned into a deck of this project: each slide
the layout that holds what it shows, found by its placeholders and shapes, not by its layout's name.

- a title slide is `title`, a section header `section`;
- a title with one text is `bullets` (levels become sub-items, automatic numbering `numbered`),
  diamonds are `statements`, this project's own agenda is `agenda`;
- two texts are `two-column`; a table is `table`; a picture is `image`, with its alternative text;
- a native chart of values by year is a chart slide with its data (other charts become a table);
- anything else keeps all of its text in reading order as bullets, and the slide's `review:` note
  says what was not kept. A list longer than a layout holds goes on over the next slides.

Nothing here reads or writes a file: the result is the deck's data (for its YAML) and the files
it needs (pictures, chart definitions and data), by their path in the project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from briefing.load.source import Row
from briefing.model.deck import MAX_SLIDES, NAME_PATTERN
from briefing.read.deck import Body, Chart, DeckData, Paragraph, Picture, SlideData
from briefing.text.script import has_east_asian

MAX_ITEMS, MAX_SUBITEMS, MAX_STATEMENTS, MAX_ROWS, MAX_COLUMNS = 6, 4, 5, 10, 6
MAX_CHARACTERS = {"en": 520, "ja": 260}
"""About what a slide of bullets holds at the floor size: more goes on over the next slide."""
PICTURE_FORMATS = {"png": "png", "jpg": "jpg", "jpeg": "jpg", "svg": "svg"}
CONVERTIBLE = {"gif", "bmp", "tiff", "tif"}
"""Formats a slide cannot show as they are, drawn again as PNG."""


@dataclass
class Imported:
    """The deck's data (for deck.yaml), and the files it needs by path in the project."""

    deck: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    report: list[str] = field(default_factory=list)
    """One line a slide of the deck it was read from: what it became."""


def convert(data: DeckData, name: str, language: str, source_name: str, theme: str = "default",
            ids: list[str] | None = None) -> Imported:
    """Turn `data` into deck `name` in `language`; `ids` are the slide ids of the deck's other
    edition, reused where the slides correspond (by position); an edition's pictures go into a
    folder of its language."""
    words = _Words(language)
    cover = next((s for s in data.slides if s.cover), None)
    title = (cover.title if cover else "") or data.title or source_name
    date = (cover.date or _date_line(cover)) if cover else ""
    header = {"title": _text(title), "subtitle": _text(cover.subtitle if cover else ""),
              "organisation": _text(data.author), "date": _text(date or data.created[:4]),
              **_chrome(data), "language": language, "theme": theme}
    result = Imported({k: v for k, v in header.items() if v or k in ("title", "organisation", "date")})
    builder = _Builder(name, words, source_name, result, data.ours)
    builder.pictures = f"{name}/{language}" if ids is not None else name
    sections = [s.title for s in data.slides if s.layout == "secHead" and s.title]
    for slide in data.slides:
        made = builder.slide(slide, sections)
        result.report.append(f"{slide.number:>3}  {_short(slide.title) or '(no title)'}: "
                             + ", ".join(s["layout"] for s in made)
                             + (" (review notes)" if any(s.get("review") for s in made) else ""))
    result.report += [f"  -  not kept: {what}" for what in data.dropped if "dropped" in what]
    slides = _unique(builder.slides, words)[:MAX_SLIDES]
    _ids(slides, ids)
    result.deck["slides"] = slides
    return result


def _chrome(data: DeckData) -> dict[str, str]:
    """The header's facts that every slide repeats: the handling mark, the footer, and on this
    project's cover, the organisation and date."""
    found: dict[str, str] = {}
    handling = next((s.handling for s in data.slides if s.handling), "")
    footer = next((s.footer for s in data.slides if s.footer), "")
    facts = next((s.facts for s in data.slides if s.facts), ())
    if facts:
        bold, plain = [p.text for p in facts if p.bold], [p.text for p in facts if not p.bold]
        if bold:
            found["organisation"] = _text(bold[-1])
        if plain:
            found["date"] = _text(plain[-1])
    if handling:
        found["handling"] = _text(handling)
    parts = [p.strip() for p in footer.split("  |  ")] if data.ours else [footer.strip()]
    if handling and parts and parts[-1] == handling:
        parts.pop()
    if parts and parts[0] and parts[0] != found.get("organisation", data.author):
        found["footer"] = _text(parts[0])
    return found


# --- one slide ---------------------------------------------------------------------------------------

@dataclass
class _Words:
    language: str

    def continued(self, number: int = 1) -> str:
        """What the `number`-th slide a slide goes on over adds to its title."""
        more = "" if number == 1 else str(number)
        return f"（続き{more}）" if self.language == "ja" else f" (continued{' ' + more if more else ''})"

    def source(self, file: str) -> str:
        return f"出典：{file}" if self.language == "ja" else f"Source: {file}"


class _Builder:
    def __init__(self, name: str, words: _Words, source_name: str, result: Imported, ours: bool):
        self.name, self.words, self.source_name, self.result, self.ours = name, words, source_name, result, ours
        self.slides: list[dict[str, Any]] = []
        self.pictures = name
        """The folder under images/ the deck's pictures go into."""

    def slide(self, slide: SlideData, sections: list[str]) -> list[dict[str, Any]]:
        start = len(self.slides)
        review = [f"not kept from slide {slide.number} of {self.source_name}: {what}" for what in _counted(slide.lost)]
        self._make(slide, sections, review)
        made = self.slides[start:]
        if made:
            base = made[0]
            base.setdefault("id", slide.name if _is_id(slide.name) else "")
            for number, more in enumerate(made[1:], start=2):     # the same slide, going on
                more.setdefault("id", f"{base['id'][:55]}-{number}" if base["id"] else "")
            if slide.notes:
                base["notes"] = _text(slide.notes)
            if review:
                base["review"] = "\n".join(review + ([base["review"]] if base.get("review") else []))
        return made

    def _make(self, slide: SlideData, sections: list[str], review: list[str]) -> None:
        title = _text(slide.title)
        bodies = [b for b in slide.bodies if b.paragraphs]
        if slide.cover:
            return self._cover(slide, bodies, review)
        if slide.layout == "secHead" or (not bodies and not slide.tables and not slide.pictures and not slide.charts):
            subtitle = slide.subtitle or (bodies[0].paragraphs[0].text if bodies else "")
            review += [f"text not kept on the divider: {p.text}" for b in bodies for p in b.paragraphs][1:]
            return self._add({"layout": "section", "title": title or self._fallback(slide),
                              "subtitle": _text(subtitle)} if subtitle else
                             {"layout": "section", "title": title or self._fallback(slide)})
        if self.ours and [b.name for b in bodies] == ["Agenda"]:
            items = [_text(p.text) for p in bodies[0].paragraphs][:10]
            return self._add({"layout": "agenda", "title": title or self._fallback(slide), **({} if items == sections else {"items": items})})
        if slide.tables:
            return self._tables(slide, title, bodies, review)
        if slide.charts:
            return self._charts(slide, title, bodies, review)
        if slide.pictures:
            return self._pictures(slide, title or self._fallback(slide), bodies, review)
        title = title or self._fallback(slide)
        if len(bodies) == 2 and not (self.ours and {b.name for b in bodies} != {"Left", "Right"}):
            return self._two_column(title, bodies)
        if len(bodies) == 1 and _is_statements(bodies[0]):
            return self._list(title, bodies[0].paragraphs, "statements", review)
        if len(bodies) > 1:
            what = f"the arrangement of its {len(bodies)} texts, their text kept in reading order"
            review.append(f"not kept from slide {slide.number} of {self.source_name}: {what}")
        paragraphs = [p for b in bodies for p in b.paragraphs]
        return self._list(title, paragraphs, "bullets", review)

    # --- kinds ---------------------------------------------------------------------------------------

    def _cover(self, slide: SlideData, bodies: list[Body], review: list[str]) -> None:
        date = _date_line(slide)
        lines = [p.text for b in bodies for p in b.paragraphs if p.text != date]
        made = {"id": "cover", "layout": "title"}
        bold, plain = [p.text for p in slide.facts if p.bold], [p.text for p in slide.facts if not p.bold]
        if len(bold) > 1:
            made["occasion"] = _text(bold[0])
        if len(plain) > 1:
            made["presenter"] = _text(plain[0])
        for key, text in zip(("occasion", "presenter"), lines):
            made[key] = _text(text)
        review += [f"text of the cover not kept: {text}" for text in lines[2:]]
        self._add(made)

    def _list(self, title: str, paragraphs: list[Paragraph], layout: str, review: list[str]) -> None:
        items = _items(paragraphs)
        deeper = sum(1 for p in paragraphs if p.level > 1)
        if deeper:
            review.append(f"{deeper} point{'s' * (deeper != 1)} of a third level or deeper set as sub-items "
                          "(a slide has two levels)")
        if not items:
            return self._add({"layout": "section", "title": title})     # a title and nothing to list
        numbered = layout == "bullets" and any(p.numbered for p in paragraphs)
        limit = MAX_STATEMENTS if layout == "statements" else MAX_ITEMS
        chunks = _chunks(items, limit, MAX_CHARACTERS[self.words.language])
        for index, chunk in enumerate(chunks):
            made = {"layout": layout, "title": title if index == 0 else f"{title}{self.words.continued(index)}",
                    "items": chunk}
            if numbered:
                made["numbered"] = True
            self._add(made)
        if len(chunks) > 1:
            review.append(f"one slide of {len(items)} points, set over {len(chunks)} slides")

    def _two_column(self, title: str, bodies: list[Body]) -> None:
        columns = []
        for body in bodies:
            paragraphs = list(body.paragraphs)
            heading = ""
            if len(paragraphs) > 1 and not paragraphs[0].bullet and not paragraphs[0].numbered and (
                    any(p.bullet for p in paragraphs[1:]) or paragraphs[0].bold):
                heading = paragraphs.pop(0).text
            columns.append((heading, _items(paragraphs)))
        longest = max(len(items) for _, items in columns)
        for start in range(0, max(longest, 1), MAX_ITEMS):
            made = {"layout": "two-column",
                    "title": title if not start else f"{title}{self.words.continued(start // MAX_ITEMS)}"}
            for key, (heading, items) in zip(("left", "right"), columns):
                chunk = items[start:start + MAX_ITEMS] or [heading or "—"]
                made[key] = {"heading": _text(heading), "items": chunk} if heading else {"items": chunk}
            self._add(made)

    def _tables(self, slide: SlideData, title: str, bodies: list[Body], review: list[str]) -> None:
        note = " ".join(p.text for b in bodies for p in b.paragraphs)
        for table in slide.tables:
            self._table(title or self._fallback(slide), [list(row) for row in table], note, review)
            note = ""
        for picture in slide.pictures:
            self._picture(picture, title, [], review, slide)

    def _table(self, title: str, rows: list[list[str]], note: str, review: list[str]) -> None:
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        if width < 2 or len(rows) < 2:
            items = [_text(" | ".join(c for c in row if c)) for row in rows if any(row)]
            return self._list(title, [Paragraph(i) for i in items], "bullets", review)
        if width > MAX_COLUMNS:
            dropped = [row[MAX_COLUMNS:] for row in rows]
            review.append("columns beyond six not shown: " + "; ".join(" | ".join(c for c in r if c) for r in dropped))
            rows = [row[:MAX_COLUMNS] for row in rows]
        columns, body = rows[0], rows[1:]
        for start in range(0, len(body), MAX_ROWS):
            made = {"layout": "table", "title": title if not start else f"{title}{self.words.continued(start // MAX_ROWS)}",
                    "columns": Row(_text(c) for c in columns),
                    "rows": [Row(_text(c) for c in row) for row in body[start:start + MAX_ROWS]]}
            if note and not start:
                made["note"] = _text(note)
            self._add(made)

    def _charts(self, slide: SlideData, title: str, bodies: list[Body], review: list[str]) -> None:
        statements = [_text(p.text) for b in bodies for p in b.paragraphs]
        for number, chart in enumerate(slide.charts, start=1):
            years = _years(chart)
            if years is None:
                rows = [["", *[name or "—" for name, _ in chart.series]]]
                rows += [[c, *[_cell(values[i] if i < len(values) else None) for _, values in chart.series]]
                         for i, c in enumerate(chart.categories)]
                review.append(f"a chart ({chart.kind}) whose values are not by year, shown as its table")
                self._table(chart.title or title or self._fallback(slide), rows, "", review)
                continue
            key = f"{self.name}-{len(self.slides) + 1}" + (f"-{number}" if number > 1 else "")
            name, values = chart.series[0]
            self._chart_files(key, years, values)
            if len(chart.series) > 1:
                review.append("series beyond the first not charted: " + ", ".join(n for n, _ in chart.series[1:]))
            title = title or chart.title or self._fallback(slide)
            made = {"layout": "chart-cases", "title": title if number == 1 else f"{title}{self.words.continued(number - 1)}",
                    "chart": {"name": key, "title": _text(chart.title or name or title),
                              "source": self.words.source(self.source_name)}}
            if statements and number == 1:
                made["statements"] = statements[:3]
                review += [f"text not kept beside the chart: {s}" for s in statements[3:]]
            self._add(made)
        for picture in slide.pictures:
            self._picture(picture, title, [], review, slide)

    def _chart_files(self, key: str, years: list[int], values: tuple[float | None, ...]) -> None:
        from briefing.load.source import dump_yaml

        rows = [{"year": year, "value": _figure(value)} for year, value in zip(years, values)]
        self.result.files[f"charts/data/{key}.yaml"] = dump_yaml(
            {"source": self.words.source(self.source_name), "rows": rows}).encode("utf-8")
        definition = {"kind": "bar", "data": f"data/{key}.yaml", "table": "rows", "x": "year", "y": "value",
                      "first": years[0], "last": years[-1], "render": "native"}
        self.result.files[f"charts/{key}.yaml"] = dump_yaml(definition).encode("utf-8")

    def _pictures(self, slide: SlideData, title: str, bodies: list[Body], review: list[str]) -> None:
        paragraphs = [p for b in bodies for p in b.paragraphs]
        caption = next((b.paragraphs[0].text for b in bodies if self.ours and b.name == "Caption"), "")
        statements = [p for p in paragraphs if p.text != caption]
        for index, picture in enumerate(slide.pictures):
            self._picture(picture, title if not index else f"{title}{self.words.continued(index)}",
                          statements if not index else [], review, slide, caption if not index else "")

    def _picture(self, picture: Picture, title: str, statements: list[Paragraph], review: list[str],
                 slide: SlideData, caption: str = "") -> None:
        path = self._picture_file(picture, slide.number, review)
        if path is None:
            if statements:
                self._list(title, statements, "bullets", review)
            return
        made = {"layout": "image", "title": title or self._fallback(slide), "image": path}
        if picture.alt:
            made["alt"] = _text(picture.alt)
        if caption:
            made["caption"] = _text(caption)
        shown = [_text(p.text) for p in statements][:3]
        if shown:
            made["statements"] = shown
        self._add(made)
        if len(statements) > 3:
            self._list(f"{title}{self.words.continued()}", statements[3:], "bullets", review)

    def _picture_file(self, picture: Picture, number: int, review: list[str]) -> str | None:
        """The picture's file under images/<deck>/, drawn again as PNG when a slide cannot show its
        format; None (and a note) when it cannot be."""
        ext = PICTURE_FORMATS.get(picture.ext)
        data = picture.data
        if ext is None and picture.ext in CONVERTIBLE:
            data, ext = _as_png(data), "png"
        elif ext in ("png", "jpg") and not _whole(data, ext):
            data, ext = _as_png(data), "png"    # damaged, but what a viewer shows of it is drawn again
        if ext is None or data is None:
            review.append(f"a picture in a format a slide cannot show ({picture.ext}: {picture.name}); "
                          "save it as PNG and add it")
            return None
        stem = re.sub(r"[^a-z0-9]+", "-", picture.name.lower()).strip("-") or "picture"
        path = f"{self.pictures}/slide-{number}-{stem}.{ext}"
        count = 2
        while f"images/{path}" in self.result.files:
            path, count = f"{self.pictures}/slide-{number}-{stem}-{count}.{ext}", count + 1
        self.result.files[f"images/{path}"] = data
        return path

    def _add(self, made: dict[str, Any]) -> None:
        self.slides.append(made)

    def _fallback(self, slide: SlideData) -> str:
        return ("スライド" if self.words.language == "ja" else "Slide ") + str(slide.number)


_DATE = re.compile(r"\b(1[89]|20)\d\d\b|(令和|平成|昭和)\s*(\d+|元)\s*年")


def _date_line(slide: SlideData) -> str:
    """A short line of the cover that says a date ("14 May 2025", 令和7年3月): the deck's date."""
    lines = [p.text for b in slide.bodies for p in b.paragraphs]
    return next((line for line in lines if len(line) <= 40 and _DATE.search(line)), "")


def _counted(lost: list[str]) -> list[str]:
    """What was not kept, alike things counted once: "3 x a drawing (Shape 1, Shape 2, Shape 3)"."""
    kinds: dict[str, list[str]] = {}
    for what in lost:
        kind, _, name = what.partition(" (")
        kinds.setdefault(kind, []).append(name.rstrip(")"))
    said = []
    for kind, names in kinds.items():
        named = ", ".join(n for n in names if n)
        count = f"{len(names)} x " if len(names) > 1 else ""
        said.append(f"{count}{kind}" + (f" ({named})" if named else ""))
    return said


# --- pieces -----------------------------------------------------------------------------------------

def _items(paragraphs: list[Paragraph]) -> list[Any]:
    """Paragraphs as items: a deeper paragraph is a sub-item of the item before it (one level; at
    most four, the rest items of their own)."""
    items: list[Any] = []
    for para in paragraphs:
        text = _text(para.text)
        last = items[-1] if items else None
        if para.level > 0 and last is not None:
            if isinstance(last, str):
                items[-1] = {"text": last, "items": [text]}
                continue
            if len(last["items"]) < MAX_SUBITEMS:
                last["items"].append(text)
                continue
        items.append(text)
    return items


def _chunks(items: list[Any], limit: int, characters: int) -> list[list[Any]]:
    """The items in slides of at most `limit` items and about `characters` characters each."""
    chunks: list[list[Any]] = [[]]
    size = 0
    for item in items:
        length = len(item) if isinstance(item, str) else len(item["text"]) + sum(len(s) for s in item["items"])
        if chunks[-1] and (len(chunks[-1]) >= limit or size + length > characters):
            chunks.append([])
            size = 0
        chunks[-1].append(item)
        size += length
    return chunks


def _is_statements(body: Body) -> bool:
    """Diamond-bulleted points (this project's statements), as many as a statements slide holds."""
    main = [p for p in body.paragraphs if p.level == 0]
    return bool(main) and {p.bullet for p in main} == {"◆"} and len(main) <= MAX_STATEMENTS


def _years(chart: Chart) -> list[int] | None:
    if not chart.series or any(v is None for v in chart.series[0][1]):
        return None
    try:
        years = [int(float(c)) for c in chart.categories]
    except ValueError:
        return None
    ok = all(1 <= y <= 9999 for y in years) and all(a < b for a, b in zip(years, years[1:]))
    return years if ok and len(years) == len(chart.series[0][1]) and years else None


def _figure(value: float | None) -> Any:
    if value is None:
        return ""
    return int(value) if float(value).is_integer() else value


def _cell(value: float | None) -> str:
    figure = _figure(value)
    return f"{figure:,}" if isinstance(figure, int) else str(figure)


def _whole(data: bytes, ext: str) -> bool:
    """Whether a PNG or JPEG passes the checks a build makes of every picture."""
    from briefing.read.pictures import Refused, raster_size

    try:
        raster_size("picture", "png" if ext == "png" else "jpeg", data)
    except Refused:
        return False
    return True


def _as_png(data: bytes) -> bytes | None:
    import io

    from PIL import Image

    from PIL import ImageFile

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > 40_000_000:
                return None
            ImageFile.LOAD_TRUNCATED_IMAGES = True      # what a viewer would show of a damaged file
            try:
                out = io.BytesIO()
                image.convert("RGBA").save(out, format="PNG")
            finally:
                ImageFile.LOAD_TRUNCATED_IMAGES = False
            return out.getvalue() if _whole(out.getvalue(), "png") else None
    except Exception:       # PIL raises many kinds for what it cannot read
        return None


def _text(text: str) -> str:
    """Text as a text field keeps it: what looks like a Jinja2 template is shown as written."""
    text = text.strip()
    if any(mark in text for mark in ("{{", "{%", "{#")):
        return "{% raw %}" + text.replace("{% endraw %}", "{% endraw %}{{ '{% endraw %}' }}{% raw %}") + "{% endraw %}"
    return text


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 50 else text[:47] + "..."


def _is_id(name: str) -> bool:
    return bool(re.fullmatch(NAME_PATTERN, name or "")) and len(name) <= 60


def _unique(slides: list[dict[str, Any]], words: _Words) -> list[dict[str, Any]]:
    """Every slide a title of its own (screen readers list slides by title)."""
    seen: dict[str, int] = {}
    for slide in slides:
        title = slide.get("title")
        if not title:
            continue
        if title in seen:
            seen[title] += 1
            slide["title"] = f"{title} ({seen[title]})" if words.language != "ja" else f"{title}（{seen[title]}）"
        else:
            seen[title] = 1
    return slides


def _ids(slides: list[dict[str, Any]], others: list[str] | None) -> None:
    """Stable ids: this file's own slide names where it has them (a deck of ours, whose editions
    share them), else the other edition's where the slides correspond, else made from the title."""
    used: set[str] = set()
    for index, slide in enumerate(slides):
        other = others[index] if others and index < len(others) else ""
        wanted = slide.get("id") or other or _slug(slide.get("title", ""))
        wanted = wanted or f"slide-{index + 1}"
        candidate, count = wanted, 2
        while candidate in used:
            candidate, count = f"{wanted[:55]}-{count}", count + 1
        used.add(candidate)
        rest = {k: v for k, v in slide.items() if k != "id"}
        slide.clear()
        slide.update({"id": candidate, **rest})


def _slug(title: str) -> str:
    if has_east_asian(title):
        return ""
    words = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-").split("-")
    slug = ""
    for word in words:          # whole words, up to about 40 characters
        if slug and len(slug) + 1 + len(word) > 40:
            break
        slug = f"{slug}-{word}" if slug else word[:40]
    return slug
