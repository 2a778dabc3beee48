"""Reading an XLIFF 2.x file a translator sends back: typed, bounded and refused with its line
before anything of it is used.

A DOCTYPE (and with it every entity, internal or external) is refused outright, the file's size
is capped, and only the elements `write.xliff` writes are read: `file` with its `original`, `unit`
with its `name`, and the first `segment`'s `source` and `target`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.errors import ContentError, Location, Problem, display_path
from briefing.runtime.files import NotAFile, TooLarge, read_bounded

NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"
MAX_BYTES = 20_000_000
"""An edition's text is a few hundred kilobytes at most; a bigger file is no translation of it."""
MAX_UNITS = 20_000


@dataclass(frozen=True)
class ReadUnit:
    original: str       # the `original` of its file: the edition file as the project names it
    name: str
    source: str
    target: str | None  # None: the unit has no target
    line: int


@dataclass(frozen=True)
class ReadXliff:
    source_language: str
    target_language: str
    units: list[ReadUnit]


def read_xliff(path: Path) -> ReadXliff:
    """Return the units of an XLIFF 2 file; raises ContentError with every problem, located."""
    from lxml import etree

    shown = display_path(path)
    data = _bytes(path, shown)
    upper = data.upper()
    found = min((i for i in (upper.find(b"<!DOCTYPE"), upper.find(b"<!ENTITY")) if i >= 0), default=-1)
    if found >= 0:
        line = data[:found].count(b"\n") + 1
        raise ContentError([Problem(Location(shown, line, 1), "", "the file has a DOCTYPE or entities: an "
                                    "XLIFF file needs neither, and they can make a parser read other files")])
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise ContentError([Problem(Location(shown, e.lineno or 1, max(e.offset or 1, 1)), "", f"cannot read it as XML: {e.msg}")]) from e
    return _document(root, shown)


def _bytes(path: Path, shown: Path) -> bytes:
    try:
        return read_bounded(path, MAX_BYTES)
    except NotAFile:
        raise ContentError([Problem(Location(shown), "", "is no regular file")]) from None
    except TooLarge:
        raise ContentError([Problem(Location(shown), "", f"is larger than {MAX_BYTES // 1_000_000} MB: no "
                                    "translation of a deck is")]) from None
    except FileNotFoundError:
        raise ContentError([Problem(Location(shown), "", "no such file")]) from None
    except OSError as e:
        raise ContentError([Problem(Location(shown), "", f"cannot be read: {e.strerror or e}")]) from None


def _document(root, shown: Path) -> ReadXliff:
    where = Location(shown, root.sourceline or 1, 1)
    if root.tag != f"{{{NAMESPACE}}}xliff" or not str(root.get("version", "")).startswith("2."):
        raise ContentError([Problem(where, "", "is no XLIFF 2 file: expected <xliff version=\"2.1\" "
                                    f"xmlns=\"{NAMESPACE}\">")])
    source, target = root.get("srcLang", ""), root.get("trgLang", "")
    if not target:
        raise ContentError([Problem(where, "", "names no target language (trgLang)")])
    units, problems = [], []
    for file in root.iterfind(f"{{{NAMESPACE}}}file"):
        for unit in file.iter(f"{{{NAMESPACE}}}unit"):
            read = _unit(unit, file.get("original", ""), shown, problems)
            if read:
                units.append(read)
            if len(units) > MAX_UNITS:
                raise ContentError([Problem(Location(shown, unit.sourceline or 1, 1), "",
                                            f"more than {MAX_UNITS} units: no deck has that many fields")])
    if problems:
        raise ContentError(problems)
    return ReadXliff(source, target, units)


def _unit(unit, original: str, shown: Path, problems: list[Problem]) -> ReadUnit | None:
    line = unit.sourceline or 1
    name = unit.get("name") or ""
    segment = unit.find(f"{{{NAMESPACE}}}segment")
    source = segment.find(f"{{{NAMESPACE}}}source") if segment is not None else None
    if not name or source is None:
        problems.append(Problem(Location(shown, line, 1), "", f"unit '{unit.get('id', '')}' has no name or no "
                                "source: it was not written by `translate export`"))
        return None
    target = segment.find(f"{{{NAMESPACE}}}target")
    return ReadUnit(original, name, _text(source), None if target is None else _text(target), line)


def _text(element) -> str:
    """The element's text, inline codes included as their text (a CAT tool may wrap words)."""
    return "".join(element.itertext())
