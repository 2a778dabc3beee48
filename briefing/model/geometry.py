"""Where things sit on a slide: rectangles in inches."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in inches."""

    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def columns(self, count: int, gutter: float, weights: list[float] | None = None) -> list[Box]:
        """Split horizontally into `count` columns separated by `gutter`, sized by `weights`."""
        weights = weights or [1.0] * count
        usable = self.width - gutter * (count - 1)
        boxes, left = [], self.left
        for weight in weights:
            width = usable * weight / sum(weights)
            boxes.append(Box(left, self.top, width, self.height))
            left += width + gutter
        return boxes

    def rows(self, *heights: float, gap: float = 0.0) -> list[Box]:
        """Split vertically into rows of the given heights; a height of 0 takes what is left
        (shared equally when several rows ask for it)."""
        fixed = sum(heights) + gap * (len(heights) - 1)
        flexible = sum(1 for h in heights if not h) or 1
        rest = max(self.height - fixed, 0) / flexible
        boxes, top = [], self.top
        for height in heights:
            height = height or rest
            boxes.append(Box(self.left, top, self.width, height))
            top += height + gap
        return boxes

    def inset(self, horizontal: float, vertical: float | None = None) -> Box:
        """Return the box shrunk by `horizontal` on the left and right, `vertical` top and bottom."""
        vertical = horizontal if vertical is None else vertical
        return Box(self.left + horizontal, self.top + vertical, max(self.width - 2 * horizontal, 0.01),
                   max(self.height - 2 * vertical, 0.01))

    def scaled_to(self, factor: float) -> Box:
        """Return the box `factor` times as large, about the same centre."""
        width, height = self.width * factor, self.height * factor
        return Box(self.left + (self.width - width) / 2, self.top + (self.height - height) / 2, width, height)

    def fitted(self, aspect: float) -> Box:
        """Return the largest box of width/height `aspect` centred in this one."""
        width = min(self.width, self.height * aspect)
        height = width / aspect
        return Box(self.left + (self.width - width) / 2, self.top + (self.height - height) / 2, width, height)
