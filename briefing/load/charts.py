"""Reading a chart definition (`charts/<name>.yaml`) and its data, checked row by row: every value
a finite number in range, every year in order, no value missing, sources in each language."""

from __future__ import annotations

import math
import os
from typing import Any

from briefing.runtime.files import inside
from briefing.errors import ContentError, Problem
from briefing.model.deck import ChartDefinition, ChartRow, ChartSeries
from briefing.load.source import Document, FieldPath, SourceMap, read_yaml
from briefing.load.validation import problem, validate
from briefing.errors import describe, did_you_mean

from briefing.load.project import Project


def load_chart(project: Project, name: str, used_at: tuple[SourceMap, FieldPath] | None = None) -> ChartSeries:
    """Return the validated series that chart `name` draws; raises ContentError.

    `used_at` is where a deck names the chart, so that a missing chart is reported there.
    """
    path = project.charts / f"{name}.yaml"
    if not os.path.lexists(path) and used_at is not None:
        known = sorted(p.stem for p in project.charts.glob("*.yaml"))
        hint = did_you_mean(name, known) or f"; charts: {', '.join(known) or 'none'}"
        raise ContentError([problem(used_at[0], used_at[1], f"no chart '{name}' in charts/{hint}")])
    if used_at is not None and not project.holds(path):
        message = f"charts/{name}.yaml is outside the project (charts/ or the file is a link out); copy it in"
        raise ContentError([problem(used_at[0], used_at[1], message)])
    doc = read_yaml(path)
    problems: list[Problem] = []
    definition = validate(ChartDefinition, doc.data, doc.source, (), problems)
    if definition is None:
        raise ContentError(problems)
    data_path = project.charts / definition.data
    if not os.path.lexists(data_path):
        raise ContentError([problem(doc.source, ("data",), f"no data file charts/{definition.data}")])
    if not inside(project.charts, data_path) or not project.holds(data_path):
        message = f"charts/{definition.data} is a link to a file outside charts/; copy the data in instead"
        raise ContentError([problem(doc.source, ("data",), message)])
    series = _chart_series(name, definition, doc, read_yaml(data_path))
    return series.copy(update={"files": (path, data_path), "source_map": doc.source})


def _chart_series(name: str, definition: ChartDefinition, doc: Document, data: Document) -> ChartSeries:
    table = data.data.get(definition.table) if isinstance(data.data, dict) else None
    if not isinstance(table, list) or not table:
        tables = ", ".join(data.data) if isinstance(data.data, dict) else "none"
        message = f"'{definition.table}' is not a list of rows in {data.file} (found: {tables})"
        raise ContentError([problem(doc.source, ("table",), message)])
    if len(table) > MAX_ROWS:
        message = f"'{definition.table}' has {len(table):,} rows; a chart's data may have at most {MAX_ROWS:,}"
        raise ContentError([problem(data.source, (definition.table,), message)])
    problems = _missing_columns(definition, table, doc, data)
    if problems:
        raise ContentError(problems)
    shared = _shared_source(data, problems)
    points = []
    for index, raw in enumerate(table):
        point = _chart_point(definition, raw, data.source, (definition.table, index), problems)
        if point:
            points.append((index, *point))
    points_in_range = _check_points(definition, points, doc, data, problems, every_row=len(points) == len(table))
    if len(points_in_range) > MAX_BARS:
        message = (f"the range {definition.first}-{definition.last} holds {len(points_in_range)} bars; a slide shows "
                   f"at most {MAX_BARS} legibly: narrow the range")
        problems.append(problem(doc.source, ("first",), message))
    for index, _, _, row in points_in_range:
        if row.source is None and shared is None:
            message = "row has no source; give each row a `source`, or the data file one `source` for all its rows"
            problems.append(problem(data.source, (definition.table, index), message))
    if problems:
        raise ContentError(problems)
    return ChartSeries(
        name=name, kind=definition.kind,
        years=tuple(p[1] for p in points_in_range),
        values=tuple(p[2] for p in points_in_range),
        approx=tuple(p[3].approx for p in points_in_range),
        decimals=tuple(_decimals(table[p[0]].get(definition.y)) for p in points_in_range),
        sources=_sources_by_language([p[3].source or shared for p in points_in_range]),
        footnote=definition.footnote, render=definition.render, scale=definition.scale,
    )


def _shared_source(data: Document, problems: list[Problem]) -> Any:
    """The data file's own `source` for all its rows (text, or one per language), if it has one."""
    from briefing.model.deck import Source
    from briefing.model.schema import check_value

    raw = data.data.get("source") if isinstance(data.data, dict) else None
    if raw is None:
        return None
    checked, errors = check_value(Source, raw)
    if errors:
        problems.append(problem(data.source, ("source",), "expected the source as text, or one text per language "
                                                          "({en: ..., ja: ...})"))
        return None
    return checked


def _sources_by_language(sources: list) -> dict[str, tuple[str, ...]]:
    """The distinct sources of the charted rows: as given ("") and in each language any row names."""
    languages = sorted({key for s in sources if isinstance(s, dict) for key in s})

    def text(source: Any, language: str) -> str:
        if isinstance(source, str):
            return source
        return source.get(language) or next(iter(source.values()))

    found = {"": tuple(dict.fromkeys(text(s, "") for s in sources))}
    found.update({language: tuple(dict.fromkeys(text(s, language) for s in sources)) for language in languages})
    return found


def _missing_columns(definition: ChartDefinition, table: list, doc: Document, data: Document) -> list[Problem]:
    """Report an x or y column that no row has once, at the chart definition, not once a row."""
    columns = list(dict.fromkeys(k for row in table if isinstance(row, dict) for k in row))
    found = ", ".join(columns) or "none"
    return [problem(doc.source, (key,), f"no column '{name}' in the rows of {data.file} (columns: {found})")
            for key, name in (("x", definition.x), ("y", definition.y)) if name not in columns]


def _chart_point(definition: ChartDefinition, raw: Any, source: SourceMap, path: FieldPath,
                 problems: list[Problem]) -> tuple[int, float | None, ChartRow] | None:
    """Return (x, y, row); y is None when the value is missing. Bad values are reported here."""
    row = validate(ChartRow, raw, source, path, problems)
    if row is None:
        return None
    extra = row.extras or {}
    x = _number(extra.get(definition.x), source, path + (definition.x,), problems, whole=True)
    if definition.y not in extra:
        problems.append(problem(source, path, f"row has no '{definition.y}' column"))
        return None
    value = extra[definition.y]
    y = _number(value, source, path + (definition.y,), problems, whole=False) if value is not None else None
    if x is None or (y is None and value is not None):
        return None
    return int(x), y, row


MAX_ROWS = 5_000
"""Rows a chart's data table may hold: a year a row for millennia."""
MAX_BARS = 200
"""Bars a chart may draw: more cannot be told apart on a slide."""
MAX_VALUE = 1e15
"""The largest value a chart draws: its labels would run to 19 digits."""

_YAML_SPECIAL = {".nan": math.nan, ".inf": math.inf, "+.inf": math.inf, "-.inf": -math.inf}


def _number(value: Any, source: SourceMap, path: FieldPath, problems: list[Problem],
            whole: bool) -> float | None:
    """Return `value` as a finite number of 0 or more, or report why it is not one."""
    if value is None:
        problems.append(problem(source, path, "required value is missing"))
        return None
    text = str(value).replace("_", "")
    try:
        number = _YAML_SPECIAL.get(text.lower()) or (int(text) if whole else float(text))
    except ValueError:
        kind = "a whole number" if whole else "a number"
        problems.append(problem(source, path, f"expected {kind}, got {describe(value)}"))
        return None
    if not math.isfinite(number) or number < 0:
        problems.append(problem(source, path, f"expected a finite number of 0 or more, got {value}"))
        return None
    if whole and not 1 <= number <= 9999:
        problems.append(problem(source, path, f"expected a year from 1 to 9999, got {value}"))
        return None
    if number > MAX_VALUE:
        problems.append(problem(source, path, f"{value} is too large to draw legibly; give the data in a larger "
                                              "unit (or divide it with the chart's `scale`)"))
        return None
    return number


def _gaps(definition: ChartDefinition, chosen: list, data: Document) -> list[Problem]:
    """A year of the range with no row is missing as a null value is: reported at the row after it."""
    found = []
    for (_, year, *_), (index, following, *_) in zip(chosen, chosen[1:]):
        if following == year + 1:
            continue
        first, last = year + 1, following - 1
        missing = f"{first} has no row" if first == last else f"{first} to {last} have no rows"
        message = (f"{missing}; a missing value is never drawn as zero: add "
                   f"{'its row' if first == last else 'their rows'} before {definition.x} {following}, "
                   f"or end the chart's range before {first}")
        found.append(problem(data.source, (definition.table, index, definition.x), message))
    return found


def _decimals(value: Any) -> int:
    """The decimals a value is written with: 11.50 has 2, 12 and 1.2e3 none."""
    text = str(value).strip().replace("_", "")
    whole, point, fraction = text.partition(".")
    return len(fraction) if point and fraction.isdigit() else 0


def _check_points(definition: ChartDefinition, points: list, doc: Document, data: Document,
                  problems: list[Problem], every_row: bool = True) -> list:
    """Check order, range, gaps and vintages; return the points within first..last. `every_row`
    says whether every row gave a point (a row refused already would show as a gap)."""
    table = definition.table
    ordered = True
    for (_, year, *_), (index, next_year, *_) in zip(points, points[1:]):
        if next_year <= year:
            ordered = False
            path = (table, index, definition.x)
            problems.append(problem(data.source, path, f"{definition.x} {next_year} follows {year}; "
                                                         "rows must be in strictly increasing order"))
    chosen = [p for p in points if definition.first <= p[1] <= definition.last]
    years = {p[1] for p in chosen}
    for bound, key in ((definition.first, "first"), (definition.last, "last")):
        if bound not in years and not problems:    # a bad row is reported already
            problems.append(problem(doc.source, (key,), f"{bound} is not in the data of charts/{definition.data}"))
    for index, year, value, _ in chosen:
        if value is None:
            message = (f"{year} has no value; a missing value is never drawn as zero: "
                       f"fill it in or end the chart's range before {year}")
            problems.append(problem(data.source, (table, index, definition.y), message))
    if ordered and every_row:      # rows out of order or refused are reported already
        problems += _gaps(definition, chosen, data)
    vintages = {p[3].vintage for p in chosen}
    if len(vintages) > 1 and not definition.footnote:
        message = (f"the range {definition.first}-{definition.last} mixes vintages ({', '.join(sorted(vintages))}); "
                   "add a footnote that says so, or narrow the range")
        problems.append(problem(doc.source, ("first",), message))
    return chosen
