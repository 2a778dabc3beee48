"""Faces measured from their font files (fontconfig finds them), metric-compatible stand-ins, the
tables for faces the machine lacks, and a default Japanese face. Only fonts CI installs are used:
Liberation, DejaVu, IPAexGothic."""

from __future__ import annotations

from fontTools.ttLib import TTFont

from briefing.layout.typeset import Policy
from briefing.model.theme import Fonts
from briefing.text.fonts import DEFAULT_EAST_ASIAN, font_files, japanese_face, measuring_face, substitutes
from briefing.text.measure import _face_tables, metrics, wrap
from tests.conftest import edit, run_cli
from tests.read.test_template import THEME, plain_template, theme_line, use_master


def test_a_face_the_tables_do_not_have_is_measured_from_its_font_file():
    regular, _ = font_files("DejaVu Sans")
    font = TTFont(str(regular))
    glyph = font.getBestCmap()[ord("m")]
    assert metrics("DejaVu Sans").char_width("m", False) == font["hmtx"][glyph][0] / font["head"].unitsPerEm
    # DejaVu Sans is wider than Arial (the tables): the same line breaks sooner.
    text = "Regional cooperation on maritime security and disaster relief"
    assert metrics("DejaVu Sans").width(text, 18) > metrics().width(text, 18) * 1.05
    assert wrap(text, 400, 18, face="DejaVu Sans").lines == ("Regional cooperation on maritime security",
                                                             "and disaster relief")
    assert wrap(text, 400, 18).lines == ("Regional cooperation on maritime security and", "disaster relief")


def test_bold_is_measured_from_the_bold_file_and_kerning_that_widens_a_pair_counts():
    face = metrics("DejaVu Sans")
    assert face.char_width("m", True) > face.char_width("m", False)
    pair = next(iter(face.kerning[False]))
    assert face.kerning[False][pair] > 0
    assert face.width(pair, 20) > (face.char_width(pair[0], False) + face.char_width(pair[1], False)) * 20


def test_measuring_is_remembered_per_face_and_the_same_from_the_cache_file():
    assert metrics("Liberation Serif") is metrics("Liberation Serif")
    first, second = _face_tables("Liberation Serif"), _face_tables("Liberation Serif")     # the second from the cache
    assert first == second and first[0][0]["W"] > first[0][0]["i"]


def test_which_face_measures_a_theme_face():
    assert measuring_face("Arial") == ""                         # the tables: Arial's widths, exactly
    assert measuring_face("Liberation Serif") == "Liberation Serif"
    assert measuring_face("Times New Roman") == "Liberation Serif"      # not installed on CI: its metric twin
    assert measuring_face("Calibri") in ("Carlito", "Calibri", "")     # Carlito where installed, else the tables
    assert measuring_face("No Such Face") is None
    assert measuring_face("No Such Face", measure_as="DejaVu Sans") == "DejaVu Sans"
    policy = Policy.of(_Theme(Fonts(latin="DejaVu Sans")), {})
    assert policy.face == "DejaVu Sans"


class _Theme:
    """What Policy.of reads of a theme."""

    def __init__(self, fonts):
        from briefing.model.theme import Fit, LineSpacing

        self.fonts, self.fit, self.line_spacing = fonts, Fit(), LineSpacing()


def test_japanese_faces_the_machine_has_and_what_it_draws_for_faces_it_lacks():
    assert japanese_face("IPAexGothic") and japanese_face("Yu Gothic") and not japanese_face("DejaVu Sans")
    lacking = substitutes(["DejaVu Sans", "No Such Face", "Yu Gothic"])
    assert "DejaVu Sans" not in lacking and set(lacking) == {"No Such Face", "Yu Gothic"}


def test_a_theme_face_nothing_measures_is_an_error_at_its_line_until_measure_as_names_one(project, capsys):
    edit(project, THEME, "  latin: Arial", "  latin: No Such Face")
    code, out, err = run_cli(capsys, "check")
    line = theme_line(project, "  latin: No Such Face")
    assert code == 1 and err.startswith(
        f"{THEME}:{line}:3: fonts.latin: the font 'No Such Face' is not installed on this machine and has no "
        "metric-compatible stand-in")
    edit(project, THEME, "  latin: No Such Face", "  latin: No Such Face\n  measure_as: DejaVu Sans")
    code, out, err = run_cli(capsys, "check")
    assert code == 0, err


def test_a_theme_in_an_installed_face_builds_in_it(project, capsys):
    edit(project, THEME, "  latin: Arial", "  latin: Liberation Serif")
    code, out, err = run_cli(capsys, "check")
    assert code == 0, err


def test_a_template_without_a_japanese_face_gets_the_default_one_and_says_so(project, capsys):
    from briefing.load.themes import load_theme

    plain_template(project.root / "templates/masters/office.pptx")     # python-pptx's: no East Asian face
    use_master(project, "masters/office.pptx")
    edit(project, THEME, "  latin: Arial", "  latin: from-master")
    edit(project, THEME, "  east_asian: Yu Gothic", "  east_asian: from-master")
    theme = load_theme(project, "default")
    assert theme.fonts.east_asian == DEFAULT_EAST_ASIAN
    code, out, err = run_cli(capsys, "check")
    assert code == 0, err
    line = theme_line(project, "  east_asian: from-master")
    assert (f"note: {THEME}:{line}:3: fonts.east_asian: masters/office.pptx names no East Asian font: Japanese text "
            f"is set in {DEFAULT_EAST_ASIAN} (to choose another, write fonts: {{latin: from-master, east_asian: "
            "<face>})") in err.splitlines()
    edit(project, THEME, "  east_asian: from-master", "  east_asian: IPAexGothic")
    assert load_theme(project, "default").fonts.east_asian == "IPAexGothic"
