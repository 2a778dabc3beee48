"""An XLIFF 2.1 file of an edition's text fields, for translators' CAT tools.

One `<file>` per edition file (the deck's `deck.<lang>.yaml`, each profile's `<name>.<lang>.yaml`),
one `<unit>` per text field: its `name` is the field as the record names it, its `<source>` the
original's text, its `<target>` today's translation. A unit whose original changed since it was
translated is in the `initial` state with a note giving the text it was translated from.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"
"""XLIFF 2.1 keeps the 2.0 namespace and says its version in the `version` attribute."""


@dataclass(frozen=True)
class Unit:
    name: str           # the field, e.g. "slides[overview].title"
    source: str
    target: str
    translated: bool    # the record says `target` translates today's `source`
    notes: tuple[str, ...] = ()


def xliff_bytes(source_language: str, target_language: str, files: list[tuple[str, list[Unit]]]) -> bytes:
    """The XLIFF document for `files`: (the edition file's path as the project names it, its units)."""
    root = etree.Element(f"{{{NAMESPACE}}}xliff", nsmap={None: NAMESPACE})
    root.set("version", "2.1")
    root.set("srcLang", source_language)
    root.set("trgLang", target_language)
    number = 0
    for index, (original, units) in enumerate(files, start=1):
        file = etree.SubElement(root, f"{{{NAMESPACE}}}file", id=f"f{index}", original=original)
        for unit in units:
            number += 1
            _unit(file, f"u{number}", unit)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _unit(file: etree._Element, unit_id: str, unit: Unit) -> None:
    element = etree.SubElement(file, f"{{{NAMESPACE}}}unit", id=unit_id, name=unit.name)
    if unit.notes:
        notes = etree.SubElement(element, f"{{{NAMESPACE}}}notes")
        for text in unit.notes:
            etree.SubElement(notes, f"{{{NAMESPACE}}}note").text = text
    segment = etree.SubElement(element, f"{{{NAMESPACE}}}segment", state="translated" if unit.translated else "initial")
    source = etree.SubElement(segment, f"{{{NAMESPACE}}}source")
    source.text = unit.source
    target = etree.SubElement(segment, f"{{{NAMESPACE}}}target")
    target.text = unit.target
    for part in (source, target):
        part.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
