"""Hostile decks for `import`: each refused with one line naming the file and what it is, nothing
written; a deck with macros imported without them; nothing written through a link or over a file."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from briefing.read import deck as reading
from tests.commands.test_importer import scratch_project
from tests.conftest import run_cli
from tests.decks import foreign_deck


def refused(capsys, project, deck: Path) -> str:
    """Import `deck`; assert it is refused with one line and nothing is written; return the line."""
    before = sorted(p for p in project.root.rglob("*"))
    code, out, err = run_cli(capsys, "import", str(deck), "--project", str(project.root))
    assert (code, out) == (1, "")
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    assert sorted(p for p in project.root.rglob("*")) == before
    return err.strip()


@pytest.fixture
def project(tmp_path):
    return scratch_project(tmp_path / "project")


def small_deck(slides: int = 1) -> bytes:
    prs = Presentation()
    for number in range(slides):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = f"Slide {number + 1}"
        slide.placeholders[1].text = "A point"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def rezipped(data: bytes, change) -> bytes:
    """`data` with each entry's bytes passed through change(name, bytes) (None drops the entry)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            body = change(entry.filename, source.read(entry))
            if body is not None:
                target.writestr(entry.filename, body)
    return out.getvalue()


def test_a_file_that_is_no_zip(capsys, project, tmp_path):
    deck = tmp_path / "notes.pptx"
    deck.write_text("just some notes", encoding="utf-8")
    assert refused(capsys, project, deck) == f"{deck}: is not a PowerPoint file (.pptx): it is not even a zip archive"


def test_a_legacy_ppt(capsys, project, tmp_path):
    deck = tmp_path / "old.ppt"
    deck.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "PowerPoint Document".encode("utf-16-le"))
    assert refused(capsys, project, deck) == (f"{deck}: is a PowerPoint 97-2003 file (.ppt): open it in PowerPoint or "
                                              "LibreOffice and save it as .pptx first")


def test_a_deck_protected_with_a_password(capsys, project, tmp_path):
    deck = tmp_path / "secret.pptx"
    deck.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le"))
    assert refused(capsys, project, deck) == (
        f"{deck}: is protected with a password: open it in PowerPoint, remove the password (File > Info > "
        "Protect Presentation), save, and import that copy")


def test_a_doctype_or_entity_in_any_part(capsys, project, tmp_path):
    def entity(name: str, body: bytes) -> bytes:
        if name == "ppt/slides/slide1.xml":
            return body.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1)
        return body

    deck = tmp_path / "xxe.pptx"
    deck.write_bytes(rezipped(small_deck(), entity))
    assert refused(capsys, project, deck) == (
        f"{deck}: has a DOCTYPE or entity declaration in ppt/slides/slide1.xml; a deck needs neither, and one may read "
        "files of this computer: it is not imported")


def test_a_zip_bomb_is_refused_from_its_declared_sizes(capsys, project, tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_UNPACKED", 2_000_000)
    deck = tmp_path / "bomb.pptx"
    deck.write_bytes(rezipped(small_deck(), lambda name, body: body if name != "docProps/app.xml" else
                              body + b" " * 3_000_000))
    assert deck.stat().st_size < 200_000
    assert refused(capsys, project, deck) == (f"{deck}: unpacks to more than 2 MB or 5,000 parts; no deck is that "
                                              "large (a zip bomb?)")


def test_more_slides_than_a_deck_holds(capsys, project, tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_SLIDES", 3)
    deck = tmp_path / "long.pptx"
    deck.write_bytes(small_deck(4))
    assert refused(capsys, project, deck) == (f"{deck}: has 4 slides; a deck holds at most 3: split it into several "
                                              "files and import each")


def test_an_encrypted_entry(capsys, project, tmp_path):
    data = small_deck()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            target.writestr(entry, source.read(entry))
    raw = bytearray(out.getvalue())
    at = raw.find(b"PK\x01\x02")            # the first entry of the central directory: set "encrypted"
    raw[at + 8] |= 0x01
    deck = tmp_path / "locked.pptx"
    deck.write_bytes(bytes(raw))
    assert refused(capsys, project, deck) == (f"{deck}: has encrypted parts; save it again without a password and "
                                              "import that copy")


def test_a_deck_without_slides(capsys, project, tmp_path):
    deck = tmp_path / "empty.pptx"
    Presentation().save(str(deck))
    assert refused(capsys, project, deck) == f"{deck}: has no slides: there is nothing to import"


def test_a_missing_file(capsys, project, tmp_path):
    assert refused(capsys, project, tmp_path / "nowhere.pptx") == f"{tmp_path / 'nowhere.pptx'}: no such file"


def test_a_folder_or_a_fifo_where_the_deck_should_be(capsys, project, tmp_path):
    assert refused(capsys, project, tmp_path).endswith(": cannot read: not a regular file (a folder, a pipe or a device)")
    fifo = tmp_path / "pipe.pptx"
    os.mkfifo(fifo)
    assert refused(capsys, project, fifo) == f"{fifo}: cannot read: not a regular file (a folder, a pipe or a device)"


def test_a_macro_enabled_deck_is_imported_without_its_macros(capsys, project, tmp_path):
    macro = "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
    plain = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"

    def with_macros(name: str, body: bytes) -> bytes:
        return body.replace(plain, macro.encode()) if name == "[Content_Types].xml" else body

    deck = tmp_path / "tools.pptm"
    buffer = io.BytesIO(rezipped(small_deck(), with_macros))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("ppt/vbaProject.bin", b"Attribute VB_Name = \"Evil\"")
    deck.write_bytes(buffer.getvalue())
    code, out, err = run_cli(capsys, "import", str(deck), "--project", str(project.root))
    assert (code, err) == (0, "")
    assert out.splitlines()[-1].endswith("; its macros were not kept; next: python build.py check tools")
    assert not any(b"VB_Name" in p.read_bytes() for p in project.root.rglob("*") if p.is_file())


def test_nothing_is_written_through_a_link_out_of_the_project(capsys, project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project.root / "images").symlink_to(elsewhere)
    deck = foreign_deck(tmp_path / "outlook.pptx")
    assert refused(capsys, project, deck) == (f"{project.root / 'images'} is a link out of the project; nothing was "
                                              "written")
    assert list(elsewhere.iterdir()) == []


def test_an_embedded_object_is_never_kept_and_the_review_note_says_so(capsys, project, tmp_path):
    import io as _io

    from pptx.enum.shapes import PROG_ID
    from pptx.util import Inches

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "A workbook"
    slide.shapes.add_ole_object(_io.BytesIO(b"PK-not-really-a-workbook-SECRET"), PROG_ID.XLSX, Inches(1), Inches(2))
    deck = tmp_path / "workbook.pptx"
    prs.save(str(deck))
    code, out, err = run_cli(capsys, "import", str(deck), "--project", str(project.root))
    assert (code, err) == (0, "")
    text = (project.content / "workbook/deck.yaml").read_text(encoding="utf-8")
    assert "review: 'not kept from slide 1 of workbook.pptx: an embedded object (Object 2)'" in text
    assert not any(b"SECRET" in p.read_bytes() for p in project.root.rglob("*") if p.is_file())
