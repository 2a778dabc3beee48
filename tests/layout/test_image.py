"""briefing.layout.kinds.image: a picture as large as its area allows in its aspect ratio, saying
what it shows, with its caption under it and statements beside it."""

from __future__ import annotations

import pytest

from briefing.layout.plan import Picture
from tests.layout.plans import block, items_of, texts


def test_a_picture_keeps_its_aspect_ratio_and_says_what_it_shows(oda_en):
    [emblem] = items_of(oda_en.plan("emblem"), Picture)
    assert emblem.box.width / emblem.box.height == pytest.approx(480 / 360, rel=0.01)
    assert emblem.alt == "A red disc between two navy bars"
    regions = oda_en.plan("map")
    [picture] = items_of(regions, Picture)
    assert picture.box.width / picture.box.height == pytest.approx(800 / 450, rel=0.01)
    shown = texts(regions)
    assert shown["Caption"] == "Regions of Japan's development cooperation"
    assert shown["Statements"] == "Asia remains the largest recipient region.\nAfrica grows in weight."
    assert block(regions, "Statements").box.right <= picture.box.left
    assert block(regions, "Caption").box.top >= picture.box.bottom


def test_a_raster_picture_is_never_shown_above_96_pixels_an_inch(oda_en):
    [emblem] = items_of(oda_en.plan("emblem"), Picture)
    assert emblem.image.format == "png"
    assert emblem.image.width / emblem.box.width >= 96 - 1e-6
    [svg] = items_of(oda_en.plan("map"), Picture)       # a vector picture is as wide as its area
    grid = oda_en.theme.grid
    assert svg.image.format == "svg" and svg.box.right == pytest.approx(grid.width - grid.margin)
