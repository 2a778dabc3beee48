"""briefing.write.deck and briefing.publish.output: document properties from the content, the master at the
deck's size; saving never destroys the last good deck."""

from __future__ import annotations

import os

import pytest
from pptx import Presentation

from briefing.publish import output
from briefing.write.package import to_bytes
from briefing.errors import OutputError
from tests.write.test_layouts import build


def test_core_properties_come_from_the_deck(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    props = build(project).core_properties
    assert (props.title, props.author, props.last_modified_by) == ("Sampler Deck", "Test Office", "Test Office")
    assert props.subject == "Every layout once"
    assert props.created.isoformat() == "2023-11-14T22:13:20"
    assert props.modified == props.created


def test_save_replaces_the_file(tmp_path):
    target = tmp_path / "out" / "deck.pptx"
    output.save_atomically(b"first", target)
    output.save_atomically(b"second", target)
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["deck.pptx"]


def test_a_failure_mid_save_keeps_the_old_deck_and_no_temp_file(project, tmp_path, monkeypatch):
    good = to_bytes(build(project))
    target = tmp_path / "out" / "deck.pptx"
    output.save_atomically(good, target)

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError, match="cannot write the deck: No space left on device"):
        output.save_atomically(b"half a deck", target)
    assert len(Presentation(str(target)).slides) == 9
    assert [p.name for p in target.parent.iterdir()] == ["deck.pptx"]


def test_an_unwritable_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError, match="cannot write the deck there"):
        output.save_atomically(b"x", blocker / "deck.pptx")


def test_master_fits_16_9_and_uses_the_theme_font(project):
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = build(project)
    for layout in prs.slide_layouts:
        for placeholder in layout.placeholders:
            assert placeholder.left + placeholder.width <= prs.slide_width
    assert max(p.left + p.width for p in prs.slide_master.placeholders) > prs.slide_width * 0.9
    theme_xml = prs.slide_master.part.part_related_by(RT.THEME).blob
    assert theme_xml.count(b'<a:latin typeface="Arial"/>') == 2


def test_a_chart_may_be_written_as_an_editable_chart(oda, tmp_path):
    from pptx.enum.chart import XL_CHART_TYPE

    from briefing.commands.pipeline import build
    from tests.slides import by_id
    from tests.conftest import edit

    edit(oda, "charts/oda-budget.yaml", "kind: bar\n", "kind: bar\nrender: native\n")
    built = {b.path.name: b.path for b in build(oda, ["oda-priorities"], out_dir=tmp_path, audiences=["full"])}
    for language, values, title in (("en", [542.2, 565.0], "ODA budget (JPY billion)"),
                                     ("ja", [5422.0, 5650.0], "ODA予算（億円）")):
        slide = by_id(Presentation(str(built[f"oda-priorities-full-{language}.pptx"])), "budget")
        [frame] = [s for s in slide.shapes if s.has_chart]
        chart = frame.chart
        assert chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
        assert list(chart.plots[0].categories) == [str(y) for y in range(2015, 2025)]
        points = list(chart.plots[0].series[0].values)
        assert [round(points[0], 1), round(points[-1], 1)] == values
        assert chart.chart_title.text_frame.text == title
        assert str(chart.plots[0].series[0].format.fill.fore_color.rgb) == "1F4E8C"
        assert frame._element.nvGraphicFramePr.cNvPr.get("descr").startswith(("Bar chart: ODA budget", "棒グラフ"))
