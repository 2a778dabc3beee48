"""A picture (a map, a logo, a photo) from the project's images/ folder, with its alternative
text, an optional caption under it and up to three statements beside it."""

from __future__ import annotations

from typing import Annotated

from briefing.model.schema import Field, StringConstraints

from briefing.layout.page import Layout, Page
from briefing.model.deck import Slide, Text
from briefing.layout.plan import Box

CAPTION_HEIGHT = 0.45       # inches under the picture
STATEMENTS_SHARE = 0.38     # of the body's width, left of the picture
MIN_PPI = 96                # a raster picture is shown at no fewer pixels an inch


class ImageSlide(Slide):
    """A title, a picture under images/ and what it shows in words (`alt`, required), an
    optional caption, and statements beside the picture."""

    kind = "image"
    title: Text
    image: Annotated[str, StringConstraints(min_length=1)]
    alt: Annotated[Text, StringConstraints(min_length=1)]
    caption: Text = ""
    statements: Annotated[list[Text], Field(max_length=3)] = []


def plan_image(slide: ImageSlide, page: Page) -> None:
    """The picture keeps its aspect ratio, as large as its area allows, centred in it."""
    page.content_title(slide.title)
    sizes, colours, body = page.sizes, page.colours, page.body
    area = body
    if slide.statements:
        text, area = body.columns(2, page.grid.gutter * 1.5, weights=[STATEMENTS_SHARE, 1 - STATEMENTS_SHARE])
        page.text(text, page.bullets(slide.statements, sizes.body, space_after=12, field=("statements",)), "Statements",
                  ("statements",),
                  anchor="middle")
    image = page.images.get(slide.image)
    if not slide.alt.strip():
        page.problem(("alt",), "the alternative text is empty once rendered; say what the picture shows")
        image = None
    room = area.rows(0, CAPTION_HEIGHT + 0.05)[0] if slide.caption else area
    box = room.fitted(image.aspect) if image else room
    if image is not None and image.format != "svg":
        # A raster picture is never blown up past 96 pixels an inch: it would show its pixels.
        box = box.scaled_to(min(1.0, image.width / MIN_PPI / box.width))
    if image is not None:
        page.picture(box, image, slide.alt, "Picture")
    caption = Box(area.left, box.bottom + 0.05, area.width, CAPTION_HEIGHT)
    page.text(caption, [page.para(slide.caption, sizes.small, colour=colours.muted, align="center", space_after=0)],
              "Caption", ("caption",))


def _images(slide: ImageSlide) -> list:
    return [(slide.image, ("image",))]


IMAGE = Layout("image", ImageSlide, plan_image, images=_images)
