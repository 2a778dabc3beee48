"""Which script a character is set in, and where Japanese phrases begin: what measuring, folding
YAML lines, and writing line breaks all need to agree on."""

from __future__ import annotations

import functools
import re

_EAST_ASIAN_RANGES = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFF60), (0xFFE0, 0xFFE6),
                      (0x20000, 0x3FFFF))


@functools.lru_cache(maxsize=None)
def is_east_asian(char: str) -> bool:
    """Whether `char` is set in the East Asian font (kanji, kana, full-width forms and punctuation)."""
    code = ord(char)
    return any(low <= code <= high for low, high in _EAST_ASIAN_RANGES)


_EAST_ASIAN_TEXT = re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _EAST_ASIAN_RANGES) + "]")


def has_east_asian(text: str) -> bool:
    """Whether `text` holds any character set in the East Asian font."""
    return _EAST_ASIAN_TEXT.search(text) is not None


@functools.lru_cache(maxsize=1)
def japanese_parser():
    """BudouX's Japanese phrase segmenter, loaded once."""
    import budoux

    return budoux.load_default_japanese_parser()
