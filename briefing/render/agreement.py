"""The figures of two editions agree: each variant's text, as rendered, field by field.

Parity keeps the editions' slides, items and variables in step, but not their words: a budget
line changed in English goes on being stated the old way in Japanese. So every figure a field
states with digits must be stated by the same field of the other edition, in digits or in words
(see `text.figures`). A slide lists under `figures_differ` the fields whose figures differ on
purpose; nothing else silences the check.
"""

from __future__ import annotations

from typing import Any, Iterator

from briefing.errors import Problem, did_you_mean, display_path, field_name
from briefing.load.languages import UNCOMPARED, is_fact
from briefing.model.deck import Deck
from briefing.text.figures import Figure, figures, say, stated

HEADER_TEXT = ("title", "subtitle", "organisation", "date", "handling", "footer")
"""The header's fields that are words of the deck (its language and theme are facts)."""


def disagreements(decks: list[Deck]) -> list[Problem]:
    """Every figure one edition of a variant states and the other does not, located in both."""
    first: dict[tuple[str, str], Deck] = {}
    problems: list[Problem] = []
    for deck in decks:
        primary = first.setdefault((deck.name, deck.audience), deck)
        if primary.header.language != deck.header.language:
            problems += _compare(primary, deck)
    return list({str(p): p for p in problems}.values())     # profiles repeat the full deck's fields


def _compare(one: Deck, other: Deck) -> list[Problem]:
    problems = []
    theirs = {slide.id: slide for slide in other.slides}
    for path in HEADER_TEXT:
        problems += _field(one, other, (path,), getattr(one.header, path), getattr(other.header, path))
    for slide in one.slides:
        match = theirs.get(slide.id)
        if match is None:
            continue        # a parity error already
        mine = dict(_texts(slide.dump()))
        problems += _unknown_names(one, slide, mine) + _unknown_names(other, match, mine)
        differ = set(slide.figures_differ) | set(match.figures_differ)
        for inner, text in _texts(match.dump()):
            if inner in mine and field_name(inner) not in differ:
                problems += _field(one, other, (slide.path, match.path, inner), mine[inner], text)
    return problems


def _unknown_names(deck: Deck, slide: Any, texts: dict) -> list[Problem]:
    """A name under `figures_differ` that is no text field of the slide would silence nothing."""
    names = {field_name(path) for path in texts}
    problems = []
    for index, name in enumerate(slide.figures_differ):
        if name not in names:
            path = slide.path + ("figures_differ", index)
            hint = did_you_mean(name, sorted(names)) or f"; its text fields: {', '.join(sorted(names)[:8])}"
            problems.append(Problem(deck.source.locate(path), field_name(path),
                                    f"'{name}' is no text field of this slide{hint}"))
    return problems


def _texts(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every text of a slide's fields with its path inside the slide; facts and team notes left out."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in UNCOMPARED and key != "figures_differ":
                yield from _texts(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, path + (index,))
    elif isinstance(value, str) and value and not is_fact(path):
        yield path, value


def _field(one: Deck, other: Deck, where: tuple, text: str, their_text: str) -> list[Problem]:
    """The problems of one field: its figures against the other edition's, both ways."""
    if len(where) == 3:
        mine_at, theirs_at = where[0] + where[2], where[1] + where[2]
    else:
        mine_at = theirs_at = where
    mine = figures(text, one.header.language)
    theirs = figures(their_text or "", other.header.language)
    lost_here = [f for f in mine if f.digits and not stated(f, theirs)]
    lost_there = [f for f in theirs if f.digits and not stated(f, mine)]
    problems = []
    if lost_here:
        problems.append(_problem(one, mine_at, lost_here, other, theirs_at, lost_there))
    if lost_there:
        problems.append(_problem(other, theirs_at, lost_there, one, mine_at, lost_here))
    if bool(lost_here) != bool(lost_there):     # the field that says too little is told too
        quiet, quiet_at, loud, loud_at, lost = (other, theirs_at, one, mine_at, lost_here) if lost_here else \
            (one, mine_at, other, theirs_at, lost_there)
        problems.append(_silent(quiet, quiet_at, loud, loud_at, lost))
    return problems


def _silent(deck: Deck, path: tuple, other: Deck, their_path: tuple, lost: list[Figure]) -> Problem:
    there = other.source.locate(their_path)
    said = ", ".join(_figure(f, deck.header.language) for f in lost)
    message = (f"does not state {said}, which {display_path(there.file)}:{there.line} says. State the same figure "
               f"in both editions, or name the field under `figures_differ` if they differ on purpose")
    return Problem(deck.source.locate(path), field_name(path), message)


def _problem(deck: Deck, path: tuple, lost: list[Figure], other: Deck, their_path: tuple,
             their_lost: list[Figure]) -> Problem:
    language = other.header.language
    said = ", ".join(_figure(f, language) for f in lost)
    there = other.source.locate(their_path)
    theirs = ", ".join(f.written for f in their_lost)
    answer = f"says {theirs}" if theirs else "does not state it"
    message = (f"says {said}; {display_path(there.file)}:{there.line} {answer}. State the same figure in both "
               f"editions, or name the field under `figures_differ` if they differ on purpose")
    return Problem(deck.source.locate(path), field_name(path), message)


def _figure(figure: Figure, language: str) -> str:
    """A figure with its value as the other edition would write it: 575,000 million (5,750億)."""
    other_way = say(figure.value, language)
    return f"{figure.written} ({other_way})" if other_way else figure.written
