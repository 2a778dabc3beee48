"""Colour arithmetic of WCAG 2.1: relative luminance and contrast ratios of hex RGB colours."""

from __future__ import annotations


def relative_luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of a hex RGB colour."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    red, green, blue = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first: str, second: str) -> float:
    """WCAG 2.1's contrast ratio of two hex RGB colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
