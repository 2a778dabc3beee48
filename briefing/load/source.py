"""Reading YAML files into plain data while remembering the line and column of every value.

This is the only module that imports PyYAML. Scalars come back as the text the author wrote
(`no` stays "no", `1.10` stays "1.10"); the schema decides what a value means. Plain `null`
and `~` (and empty values) come back as None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefing.errors import ContentError, Location, Problem, display_path
from briefing.load.slips import explain, quote_hint, scalar_slip
from briefing.runtime.files import TooLarge, read_bounded

MAX_BYTES = 1_000_000
"""Content files are hand-written; anything larger is a mistake, refused before parsing."""

MAX_DEPTH = 40
"""Content nests a few levels deep; anything deeper is a mistake (or an attack on the parser,
whose composer recurses and fails at about 1,000 levels), refused before composing."""

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters an XML document (a .pptx) cannot hold: control characters other than tab and line
breaks, the non-characters U+FFFE and U+FFFF, and lone surrogates."""


def illegal_character(text: str) -> str | None:
    """Return a sentence about the first character of `text` that a slide cannot hold, if any."""
    found = _ILLEGAL.search(text)
    if not found:
        return None
    return (f"contains the character U+{ord(found.group()):04X} (at position {found.start() + 1}), "
            "which a slide cannot hold; remove it")

_STANDARD_TAGS = {f"tag:yaml.org,2002:{name}" for name in (
    "str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
_NULL = "tag:yaml.org,2002:null"

FieldPath = tuple[str | int, ...]


@dataclass
class SourceMap:
    """Where each value of one YAML file stands: field path -> (line, column), 1-based."""

    file: Path
    marks: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    spans: dict[FieldPath, tuple[int, int, str]] = field(default_factory=dict)
    """Where each text value stands in the file: (start, end) as character offsets, and its style
    ("" plain, "'", '"', "|" or ">"), so that an edit can replace exactly it."""

    def origin(self, path: FieldPath) -> tuple[SourceMap, FieldPath] | None:
        """The file and field path where the text at `path` was written, when it was written as text."""
        return (self, tuple(path)) if tuple(path) in self.spans else None

    def locate(self, path: FieldPath) -> Location:
        """Return the location of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path not in self.marks and path:
            path = path[:-1]
        line, column = self.marks.get(path, (1, 1))
        return Location(self.file, line, column)


@dataclass
class Overlay:
    """Locations for a deck some of whose fields were replaced from another file (an audience
    profile): `routes` maps a field path of the deck to where its replacement stands in `top`."""

    base: SourceMap
    top: SourceMap
    routes: dict[FieldPath, FieldPath] = field(default_factory=dict)

    @property
    def file(self) -> Path:
        return self.base.file

    def origin(self, path: FieldPath) -> tuple[SourceMap, FieldPath] | None:
        """The file and field path where the text at `path` was written (the profile, when replaced there)."""
        path = tuple(path)
        for length in range(len(path), 0, -1):
            route = self.routes.get(path[:length])
            if route is not None:
                return self.top.origin(route + path[length:])
        return self.base.origin(path)

    def locate(self, path: FieldPath) -> Location:
        """Return where `path` was written: in `top` when it or an ancestor was replaced there."""
        path = tuple(path)
        for length in range(len(path), 0, -1):
            route = self.routes.get(path[:length])
            if route is not None:
                return self.top.locate(route + path[length:])
        return self.base.locate(path)


@dataclass
class Document:
    """One YAML file read into plain data (dicts, lists, str, None) with its source map."""

    data: Any
    source: SourceMap

    @property
    def file(self) -> Path:
        return self.source.file


def read_yaml(path: Path) -> Document:
    """Return the document in `path`; raises ContentError when it cannot be read as YAML."""
    shown = display_path(path)
    text = _read_text(path, shown)
    try:
        node = _compose(text, shown)
    except yaml.MarkedYAMLError as e:
        raise ContentError([_syntax_problem(shown, e, text)]) from e
    except yaml.YAMLError as e:
        raise ContentError([Problem(Location(shown, 1, 1), "", f"cannot read YAML: {e}")]) from e
    except RecursionError as e:
        raise ContentError([Problem(Location(shown, 1, 1), "", "nesting is too deep")]) from e
    if node is None:
        raise ContentError([Problem(Location(shown, 1, 1), "", "the file is empty")])
    builder = _Builder(SourceMap(shown), text)
    data = builder.build(node, ())
    if builder.problems:
        raise ContentError(builder.problems)
    return Document(data, builder.source)


_FAST = getattr(yaml, "CSafeLoader", None)


def _compose(text: str, shown: Path) -> yaml.Node | None:
    """Compose the document's node tree. libyaml's C parser reads ten times faster and gives the
    same nodes and marks; on any error the pure-Python parser reads it again, so that what is
    accepted and every message are the same on every machine. Nesting is checked on the event
    stream first, because composing recurses."""
    if _FAST is not None:
        try:
            _check_events(text, shown, _FAST)
            return yaml.compose(text, Loader=_FAST)
        except yaml.YAMLError:
            pass
    _check_events(text, shown, yaml.SafeLoader)
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _check_events(text: str, shown: Path, loader: type) -> None:
    """Read the parser's events (which do not recurse) to refuse nesting deeper than MAX_DEPTH, and
    an anchor (`&name`) that nothing refers to: text that starts with '&', unquoted."""
    depth = 0
    anchors, aliased = {}, set()
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                message = f"nesting is deeper than {MAX_DEPTH} levels; content files are never this deep"
                raise ContentError([Problem(_location(shown, event.start_mark), "", message)])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        if isinstance(event, yaml.AliasEvent):
            aliased.add(event.anchor)
        elif getattr(event, "anchor", None):
            anchors.setdefault(event.anchor, event.start_mark)
    # Where aliases are used, anchors were meant as anchors: the builder refuses them all.
    for name, mark in anchors.items() if not aliased else ():
        message = f"'&{name}' reads as a YAML anchor, not as text{quote_hint(text, mark.line)}"
        raise ContentError([Problem(_location(shown, mark), "", message)])


def _location(shown: Path, mark) -> Location:
    return Location(shown, mark.line + 1, mark.column + 1)


def _read_text(path: Path, shown: Path) -> str:
    try:
        raw = read_bounded(path, MAX_BYTES)
    except FileNotFoundError as e:
        raise ContentError([Problem(Location(shown), "", "file not found")]) from e
    except TooLarge as e:
        size = f"{e.size:,} bytes" if e.size is not None else f"over {MAX_BYTES:,} bytes"
        message = f"file is {size}; content files are limited to {MAX_BYTES:,}"
        raise ContentError([Problem(Location(shown, 1, 1), "", message)]) from e
    except OSError as e:
        raise ContentError([Problem(Location(shown), "", f"cannot read: {e.strerror}")]) from e
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        column = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        message = f"not UTF-8 text: byte 0x{raw[e.start]:02x} cannot be decoded; save the file as UTF-8"
        raise ContentError([Problem(Location(shown, line, column), "", message)]) from e


def _syntax_problem(shown: Path, error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    marks = [m.line for m in (error.context_mark, error.problem_mark) if m is not None]
    hint = quote_hint(text, *marks, *(m - 1 for m in marks))
    if hint:                                    # text YAML read as syntax comes first
        return Problem(Location(shown, line, column), "", f"YAML syntax: {hint[2:]}")
    plain = explain(error, text)
    if plain:
        (line, column), words = plain
        return Problem(Location(shown, line + 1, column + 1), "", f"YAML syntax: {words}")
    problem = (error.problem or "invalid YAML").replace("\t", "\\t")
    if error.context and error.context_mark and error.context_mark is not mark:
        problem += f" ({error.context} at line {error.context_mark.line + 1})"
    return Problem(Location(shown, line, column), "", f"YAML syntax: {problem}")


class _Builder:
    """Turns a composed YAML node tree into plain data, recording marks and problems."""

    def __init__(self, source: SourceMap, text: str = ""):
        self.source = source
        self.text = text
        self.problems: list[Problem] = []
        self._seen: set[int] = set()

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        self.source.marks.setdefault(path, _mark(node))
        if id(node) in self._seen:
            # The composer hands back the same node object for every alias of an anchor.
            # Report it where the alias is used: the node's own mark is the anchor's.
            message = "anchors and aliases (&name, *name) are not supported; write the value out"
            self._problem(self.source.marks[path], message)
            return None
        self._seen.add(id(node))
        if node.tag not in _STANDARD_TAGS:
            hint = quote_hint(self.text, node.start_mark.line)
            self._problem(_mark(node), f"the tag {node.tag} is not allowed; write plain values{hint}")
            return None
        if isinstance(node, yaml.MappingNode) and node.flow_style and \
                self.text[node.start_mark.index:node.start_mark.index + 2] == "{{":
            message = "YAML reads '{{ ... }}' here as a mapping, not as text"
            self._problem(_mark(node), message + quote_hint(self.text, node.start_mark.line))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            self.source.spans[path] = (node.start_mark.index, node.end_mark.index, "[" if node.flow_style else "-")
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if node.tag == _NULL and not node.style:    # plain null, ~ or nothing; not "null"
            return None
        message = illegal_character(node.value)
        if message:
            self._problem(_mark(node), message)
        slip = scalar_slip(node, self.text)
        if slip:
            (line, column), message = slip
            self._problem((line + 1, column + 1), message)
        self.source.spans[path] = (node.start_mark.index, node.end_mark.index, node.style or "")
        # A carriage return (written "\r" in quotes) is a line break like any other.
        return _clipped(node, self.text, _joined(node, self.text).replace("\r\n", "\n").replace("\r", "\n"))

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _STANDARD_TAGS:
                self._problem(_mark(key_node), "a key must be plain text")
                continue
            key = key_node.value
            if key in result:
                self._problem(_mark(key_node), f"the field '{key}' is given twice here (first at line {first_line[key]}); keep one of them")
                continue
            first_line[key] = key_node.start_mark.line + 1
            self.source.marks[path + (key,)] = _mark(key_node)
            result[key] = self.build(value_node, path + (key,))
        return result

    def _problem(self, mark: tuple[int, int], message: str) -> None:
        line, column = mark
        self.problems.append(Problem(Location(self.source.file, line, column), "", message))


def _joined(node: yaml.ScalarNode, text: str) -> str:
    """Return the scalar's value with the lines YAML folded joined as Japanese joins them: YAML
    puts a space where a folded line (`>-`, or plain text over several lines) ends, but Japanese
    has no spaces between words, so where either side of a fold is Japanese the space goes. A
    space the author typed stays."""
    value = node.value
    # libyaml calls a plain scalar's style "", the Python parser None.
    if (node.style or None) not in (None, ">") or node.start_mark.line == node.end_mark.line or " " not in value:
        return value
    from briefing.text.script import is_east_asian

    lines = text[node.start_mark.index:node.end_mark.index].split("\n")[1 if node.style == ">" else 0:]
    folds, cursor = [], 0
    for line in (line.strip() for line in lines):
        if not line:
            continue
        found = value.find(line, cursor)
        if found < 0:
            return value        # not laid out as expected: keep YAML's value untouched
        if found and found == cursor + 1 and value[cursor] == " ":
            folds.append(cursor)
        cursor = found + len(line)
    drop = {i for i in folds if is_east_asian(value[i - 1]) or is_east_asian(value[i + 1])}
    return "".join(char for index, char in enumerate(value) if index not in drop)


def _clipped(node: yaml.ScalarNode, text: str, value: str) -> str:
    """Text stays as written, but the line break YAML itself ends a block (`|` or `>`) with is not
    the author's: it goes, unless the block keeps it on purpose (`|+`, `>+`)."""
    if node.style not in ("|", ">") or not value.endswith("\n"):
        return value
    header = text[node.start_mark.index:node.start_mark.index + 3]
    return value if "+" in header.split("\n")[0] else value[:-1]


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


# --- writing YAML for people to edit ------------------------------------------------------------------

class _Dumper(yaml.emitter.Emitter, yaml.serializer.Serializer, yaml.representer.SafeRepresenter,
              yaml.resolver.BaseResolver):
    """Block style, keys in the order given, list items indented under their key, text unwrapped
    (a fold in mixed Japanese and Latin text would read back differently), text over several lines
    as a literal block."""

    def __init__(self, stream, **options):
        yaml.emitter.Emitter.__init__(self, stream, **{k: options.get(k) for k in
                                                        ("canonical", "indent", "width", "allow_unicode", "line_break")})
        yaml.serializer.Serializer.__init__(self, **{k: options.get(k) for k in
                                                    ("encoding", "explicit_start", "explicit_end", "version", "tags")})
        yaml.representer.SafeRepresenter.__init__(self, default_style=options.get("default_style"),
                                                  default_flow_style=options.get("default_flow_style"),
                                                  sort_keys=options.get("sort_keys", True))
        yaml.resolver.BaseResolver.__init__(self)

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data) -> bool:
        return True         # the reader refuses anchors and aliases: a value used twice is written twice


# Text is text to the loader (`no`, `1.10`, `2024` stay as written), so only what it reads as
# nothing needs quotes besides what YAML's syntax needs.
_Dumper.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"),
                              ["~", "n", "N", ""])


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and not value.endswith((" ", "\n")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


class Row(list):
    """A list written on one line where it is short (a table's header or row of cells), as a
    person writes one: [Region, Focus, Instruments]. Every other list is a block, an item a line."""


def _row(dumper: yaml.SafeDumper, value: list) -> yaml.SequenceNode:
    short = all(isinstance(v, str) and "\n" not in v for v in value) and sum(len(v) + 2 for v in value) < 100
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=short)


def _plain(dumper: yaml.SafeDumper, value: bool | int | float) -> yaml.ScalarNode:
    # Every scalar is text to the loader: a number or a truth value is written as it reads.
    text = ("true" if value else "false") if isinstance(value, bool) else repr(value)
    return dumper.represent_scalar("tag:yaml.org,2002:str", text)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(Row, _row)
for _kind in (bool, int, float):
    _Dumper.add_representer(_kind, _plain)


def dump_yaml(data: Any) -> str:
    """`data` (mappings, lists, text, numbers) as YAML that `read_yaml` reads back to the same
    text: block style, quotes only where YAML needs them, unicode as itself."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=1_000_000, indent=2)


def replace_text(text: str, span: tuple[int, int, str], value: str) -> str:
    """`text` (a YAML file) with the text value at `span` replaced by `value`, written in the same
    style (plain, quoted, literal or folded block) and nothing else of the file touched."""
    start, end, style = span
    if style in ("|", ">"):
        return text[:start] + _block(text[start:end], value, style) + text[end:]
    return text[:start] + _inline(value, style) + text[end:]


def _inline(value: str, style: str) -> str:
    """`value` as a one-line scalar: plain where YAML allows it (and the author wrote it so), else
    in the author's quotes, else double quotes (which hold a line break as \n)."""
    if "\n" in value:
        style = '"'
    written = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=1_000_000,
                        default_style=style or None, default_flow_style=False)
    return written.split("\n...")[0].rstrip("\n")


def _block(old: str, value: str, style: str) -> str:
    """`value` as a block scalar with the old block's header and indentation."""
    header, _, body = old.partition("\n")
    lines = [line for line in body.split("\n") if line.strip()]
    indent = " " * (len(lines[0]) - len(lines[0].lstrip(" "))) if lines else "  "
    if style == ">":
        value = "\n\n".join(value.split("\n"))     # a folded block keeps a line break as a blank line
    kept = old[len(old.rstrip("\n")):]             # the line breaks that ended the old block
    return header + "\n" + "\n".join(indent + line if line else "" for line in value.split("\n")) + (kept or "\n")


def append_item(text: str, spans: dict, path: tuple, value: str) -> str:
    """`text` (a YAML file) with the text `value` added at the end of the top-level list `path`
    (written in the list's own style), or the key added with a one-item list when there is none."""
    written = _inline(value, "")
    span = spans.get(path)
    if span is None:
        return text + ("" if text.endswith("\n") or not text else "\n") + f"{path[-1]}: [{written}]\n"
    start, end, style = span
    if style == "[":
        body = text[start + 1:end - 1]
        return text[:end - 1] + (", " if body.strip() else "") + written + text[end - 1:]
    first = spans.get(path + (0,))
    line_start = text.rfind("\n", 0, first[0]) + 1 if first else start
    indent = text[line_start:first[0]] if first else "  - "
    before = text[:end].rstrip("\n")
    return before + "\n" + indent + written + "\n" + text[len(before):].lstrip("\n")


def replace_list(text: str, spans: dict, path: tuple, values: list[str]) -> str:
    """`text` (a YAML file) with the top-level list `path` made `values` (short texts, such as slide
    ids), written in the list's own style, or the key added as a one-line list when there is none."""
    written = [_inline(value, "") for value in values]
    span = spans.get(path)
    if span is None:
        return text + ("" if text.endswith("\n") or not text else "\n") + f"{path[-1]}: [{', '.join(written)}]\n"
    start, end, style = span
    if style == "[":
        return text[:start] + "[" + ", ".join(written) + "]" + text[end:]
    line_start = text.rfind("\n", 0, start) + 1
    indent = text[line_start:start]
    count = 0
    while path + (count,) in spans:
        count += 1
    last = spans[path + (count - 1,)][1] if count else end      # comments after the last item stay
    items = ("\n" + indent).join(f"- {value}" for value in written)
    return text[:start] + items + text[last:]



def _offset(text: str, mark: tuple[int, int]) -> int:
    """The character offset of a (line, column) mark, both 1-based."""
    line, column = mark
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return start + column - 1


def _item_lines(text: str, source: SourceMap, path: FieldPath) -> tuple[int, int]:
    """Where the list item at `path` stands: from the start of its `- ` line to the end of its last
    line with a value (comments after it belong to what follows)."""
    start = _offset(text, source.marks[path])
    # A block list's own span runs on to what follows it; the item's values end where its last text does.
    ends = [end for at, (_, end, style) in source.spans.items() if at[:len(path)] == path and style != "-"]
    end = max(ends, default=start)
    while end > start and text[end - 1] in " \n":
        end -= 1
    newline = text.find("\n", end)
    end = len(text) if newline < 0 else newline + 1
    return text.rfind("\n", 0, start) + 1, end


def remove_item(text: str, source: SourceMap, path: FieldPath) -> str:
    """`text` (a YAML file) without the block list item at `path` (a slide), the rest untouched."""
    start, end = _item_lines(text, source, path)
    # The blank line that set the item apart goes with it: the one after it, or for the last, the one before.
    if text[end:end + 1] == "\n":
        end += 1
    elif text[:start].endswith("\n\n"):
        start -= 1
    return text[:start] + text[end:]


def insert_item(text: str, source: SourceMap, path: FieldPath, value: dict[str, Any]) -> str:
    """`text` (a YAML file) with the mapping `value` put into the block list at `path[:-1]` so that it
    is the item at index `path[-1]`, indented as the list's items are, the rest untouched."""
    index = path[-1]
    neighbour = path[:-1] + (max(index - 1, 0),)
    start, end = _item_lines(text, source, neighbour)
    dash = _offset(text, source.marks[neighbour]) - start      # "  - " before the item's first key
    lines = dump_yaml(value).rstrip("\n").split("\n")
    written = "".join((text[start:start + dash] if i == 0 else " " * dash) + line + "\n" if line else "\n"
                      for i, line in enumerate(lines))
    at = end if index > 0 else start
    if text[end:end + 1] == "\n" or text[:start].endswith("\n\n"):    # items set apart by a blank line
        written = "\n" + written if index > 0 else written + "\n"
    if index > 0 and not text[:end].endswith("\n"):
        written = "\n" + written
    return text[:at] + written + text[at:]
