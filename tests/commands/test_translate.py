"""`translate export` and `translate import`: an edition's text fields out as XLIFF 2.1 and back,
formatting kept, hostile files refused with nothing written."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from lxml import etree

from briefing.commands.pipeline import render_all
from tests.conftest import edit, run_cli

NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
XLF = "output/translations/oda-priorities.ja.xlf"
JA = "content/oda-priorities/deck.ja.yaml"


def sources(project) -> dict[str, str]:
    """Every file of content/ with its SHA-256: what an import may have changed."""
    return {str(p.relative_to(project.root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((project.root / "content").rglob("*")) if p.is_file()}


def exported(project, capsys) -> etree._Element:
    code, out, _ = run_cli(capsys, "translate", "export", "--lang", "ja")
    assert code == 0 and out.startswith(f"wrote ") and XLF in out
    return etree.parse(str(project.root / XLF)).getroot()


def target(root: etree._Element, name: str) -> etree._Element:
    return root.find(f".//x:unit[@name='{name}']/x:segment/x:target", NS)


CORE = {   # XLIFF 2.1 core: each element's allowed attributes and children, in the schema's order
    "xliff": ({"version", "srcLang", "trgLang"}, ["file"]),
    "file": ({"id", "original"}, ["notes", "unit"]),
    "unit": ({"id", "name"}, ["notes", "segment"]),
    "notes": (set(), ["note"]),
    "note": ({"category", "id"}, []),
    "segment": ({"id", "state"}, ["source", "target"]),
    "source": ({"{http://www.w3.org/XML/1998/namespace}space"}, []),
    "target": ({"{http://www.w3.org/XML/1998/namespace}space"}, []),
}
REQUIRED = {"xliff": {"version", "srcLang"}, "file": {"id"}, "unit": {"id"}}
NMTOKEN = re.compile(r"^[\w.:-]+$")


def assert_xliff_core(element: etree._Element) -> None:
    """The constraints of the XLIFF 2.1 core schema on the elements an export uses. (The OASIS
    schema itself is in no package this machine can install: PyPI, Debian and npm were searched.)"""
    name = element.tag.split("}")[1]
    assert element.tag.startswith("{urn:oasis:names:tc:xliff:document:2.0}"), element.tag
    attributes, children = CORE[name]
    assert set(element.attrib) <= attributes, (name, element.attrib)
    assert REQUIRED.get(name, set()) <= set(element.attrib), (name, element.attrib)
    order = [children.index(child.tag.split("}")[1]) for child in element]
    assert order == sorted(order), f"{name}: children out of the schema's order"
    if name in ("file", "unit"):
        assert NMTOKEN.match(element.get("id")), element.get("id")
    if name == "segment":
        assert element.get("state") in ("initial", "translated", "reviewed", "final")
        assert [c.tag.split("}")[1] for c in element][:1] == ["source"]
    for child in element:
        assert_xliff_core(child)


def test_the_export_is_xliff_2_1_with_a_unit_per_field(oda, capsys):
    root = exported(oda, capsys)
    assert_xliff_core(root)
    assert root.tag == "{urn:oasis:names:tc:xliff:document:2.0}xliff"
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.1", "en", "ja")
    files = root.findall("x:file", NS)
    assert [f.get("original") for f in files] == [JA, "content/oda-priorities/audiences/asean.ja.yaml"]
    assert len({f.get("id") for f in files}) == 2
    ids = [u.get("id") for u in root.iterfind(".//x:unit", NS)]
    assert len(ids) == len(set(ids)) > 40
    unit = root.find(".//x:unit[@name='title']", NS)
    segment = unit.find("x:segment", NS)
    assert [child.tag.split("}")[1] for child in segment] == ["source", "target"]
    assert segment.get("state") == "initial"            # never marked
    assert (segment[0].text, segment[1].text) == ("Japan's ODA Priorities", "日本のODAの重点")
    note = root.find(".//x:unit[@name='slides[cover].occasion']/x:notes/x:note", NS)
    assert "{{ ... }}" in note.text


def test_a_marked_field_is_translated_and_a_stale_one_carries_its_old_original(oda, capsys):
    run_cli(capsys, "translate", "mark", "--lang", "ja")
    edit(oda, "content/oda-priorities/deck.yaml", "title: Japan's ODA Priorities", "title: Japan's ODA Priorities 2024")
    root = exported(oda, capsys)
    assert root.find(".//x:unit[@name='subtitle']/x:segment", NS).get("state") == "translated"
    stale = root.find(".//x:unit[@name='title']", NS)
    assert stale.find("x:segment", NS).get("state") == "initial"
    assert stale.find("x:notes/x:note", NS).text.endswith("it was: Japan's ODA Priorities")


def test_importing_an_unchanged_export_changes_nothing(oda, capsys):
    exported(oda, capsys)
    before = sources(oda)
    code, out, _ = run_cli(capsys, "translate", "import", XLF)
    assert (code, out.splitlines()[-1]) == (0, f"wrote 0 translations from {XLF}")
    assert sources(oda) == before


def test_imported_targets_become_the_edition_s_text_and_are_marked(oda, capsys):
    root = exported(oda, capsys)
    target(root, "title").text = "日本の開発協力の重点"
    target(root, "slides[why].subtitle").text = "地域と日本の平和と繁栄"
    (oda.root / XLF).write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    before = (oda.root / JA).read_text(encoding="utf-8")
    code, out, _ = run_cli(capsys, "translate", "import", XLF)
    assert code == 0 and out.splitlines()[-1] == f"wrote 2 translations from {XLF}"
    after = (oda.root / JA).read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert changed == [("title: 日本のODAの重点", "title: 日本の開発協力の重点"),
                       ("    subtitle: 地域と日本の平和と繁栄のために", "    subtitle: 地域と日本の平和と繁栄")]
    _, decks = render_all(oda, languages=["ja"], audiences=["full"])
    assert decks[0].header.title == "日本の開発協力の重点" and decks[0].slides[2].subtitle == "地域と日本の平和と繁栄"
    record = (oda.root / "content/oda-priorities/translated.ja.yaml").read_text(encoding="utf-8")
    assert "  title:\n" in record and "slides[why].subtitle" in record


def test_a_unit_whose_original_changed_since_export_is_refused(oda, capsys):
    root = exported(oda, capsys)
    target(root, "title").text = "新しい題"
    (oda.root / XLF).write_bytes(etree.tostring(root, encoding="UTF-8"))
    edit(oda, "content/oda-priorities/deck.yaml", "title: Japan's ODA Priorities", "title: ODA Priorities")
    before = sources(oda)
    code, _, err = run_cli(capsys, "translate", "import", XLF)
    assert code == 1
    assert f"{XLF}:3:1: title: was translated from text that has changed since (content/oda-priorities/deck.yaml:2); " \
           "export again and translate the new text" in err
    assert sources(oda) == before


def hostile(project, capsys, body: bytes) -> str:
    path = project.root / "in.xlf"
    path.write_bytes(body)
    before = sources(project)
    code, out, err = run_cli(capsys, "translate", "import", "in.xlf")
    assert code == 1 and out == "" and "Traceback" not in err
    assert sources(project) == before
    return err


HEAD = b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="ja">'


def unit(original: str, name: str, source: str, target: str) -> bytes:
    return HEAD + (f'<file id="f1" original="{original}"><unit id="u1" name="{name}"><segment>'
            f'<source>{source}</source><target>{target}</target></segment></unit></file></xliff>').encode()


def test_hostile_xliff_is_refused_with_its_line_and_nothing_written(oda, capsys):
    entity = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n' + HEAD + b"</xliff>"
    assert "in.xlf:2:1: the file has a DOCTYPE or entities" in hostile(oda, capsys, entity)
    assert "cannot read it as XML" in hostile(oda, capsys, HEAD + b"<file>")
    assert "is no XLIFF 2 file" in hostile(oda, capsys, b"<xliff version='1.2'/>")
    assert "cannot read it as XML" in hostile(oda, capsys, unit(JA, "title", "Japan's ODA Priorities", "題\x07"))
    assert ("in.xlf:1:1: title: its target holds control characters (U+0085, U+009B); remove them"
            in hostile(oda, capsys, unit(JA, "title", "Japan's ODA Priorities", "題\u009b\u0085")))
    assert ("slides[nowhere].title: names the field 'slides[nowhere].title', which " + JA + " does not have"
            in hostile(oda, capsys, unit(JA, "slides[nowhere].title", "x", "y")))
    assert ("names the file '../../etc/passwd', which is no Japanese edition of this project"
            in hostile(oda, capsys, unit("../../etc/passwd", "title", "x", "y")))


def test_a_huge_xliff_is_refused_before_it_is_read(oda, capsys, monkeypatch):
    monkeypatch.setattr("briefing.read.xliff.MAX_BYTES", 1000)
    assert "in.xlf: is larger than" in hostile(oda, capsys, HEAD + b" " * 2000 + b"</xliff>")


def test_usage_errors_name_what_is_missing(oda, capsys):
    code, _, err = run_cli(capsys, "translate", "export")
    assert code == 2 and "say which edition: translate export --lang ja" in err
    code, _, err = run_cli(capsys, "translate", "import")
    assert code == 2 and "name the one XLIFF file to import" in err
