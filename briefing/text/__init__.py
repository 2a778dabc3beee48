"""Text: font metrics, wrapping, scripts, number and date styles."""

import logging as _logging

# fontTools logs what it finds odd in a font file ("'created' timestamp seems very low") to the
# terminal; a user cannot change the fonts their machine has, and the widths read are sound.
_logging.getLogger("fontTools").setLevel(_logging.ERROR)
