"""Inches of the plan as the EMUs of the file (914,400 an inch)."""

from __future__ import annotations

from pptx.util import Emu

from briefing.layout.plan import Box


def emu(inches: float) -> Emu:
    return Emu(int(round(inches * 914400)))


def emu_box(box: Box) -> tuple[Emu, Emu, Emu, Emu]:
    return emu(box.left), emu(box.top), emu(box.width), emu(box.height)
