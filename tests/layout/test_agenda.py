"""briefing.layout.kinds.agenda: the titles of the variant's section slides, in order, or the
agenda's own items; with nothing to list, a located problem."""

from __future__ import annotations

import pytest

from briefing.commands.pipeline import check, plan_all, render_all
from briefing.errors import ContentError
from tests.conftest import write
from tests.layout.plans import ODA, block, replan


def agenda_items(plan) -> list[str]:
    return [p.text for p in block(plan, "Agenda").paras]


def test_the_agenda_lists_the_section_titles(oda_en, oda_ja):
    assert agenda_items(oda_en.plan("agenda")) == ["Why development cooperation", "Priorities"]
    assert agenda_items(oda_ja.plan("agenda")) == ["なぜ開発協力か", "重点分野"]
    assert {p.numbering for p in block(oda_en.plan("agenda"), "Agenda").paras} == {"arabicPeriod"}


def test_the_agenda_of_a_variant_lists_only_its_sections(oda):
    write(oda.root / "content/oda-priorities/audiences/short.yaml", "name: Short\nexclude: [why]\n")
    write(oda.root / "content/oda-priorities/audiences/short.ja.yaml", "name: 短縮\nexclude: [why]\n")
    loaded, decks = render_all(oda, ["oda-priorities"], ["short"], ["en"])
    [deck] = decks
    assert [s.id for s in deck.slides][:3] == ["cover", "agenda", "charter"]
    [planned] = plan_all(loaded, decks)
    agenda = next(p for p in planned.plans if p.id == "agenda")
    assert [t.text for t in agenda.texts() if t.name == "Agenda"] == ["Priorities"]


def test_an_agenda_may_give_its_own_items(oda_en):
    plan, problems = replan(oda_en, "agenda", items=["Budget", "Priorities", "Questions"])
    assert agenda_items(plan) == ["Budget", "Priorities", "Questions"]
    assert problems == []


def test_an_agenda_with_nothing_to_list_is_located(oda):
    write(oda.root / "content/oda-priorities/audiences/none.yaml", "name: None\nexclude: [why, priorities]\n")
    write(oda.root / "content/oda-priorities/audiences/none.ja.yaml", "name: なし\nexclude: [why, priorities]\n")
    with pytest.raises(ContentError) as caught:
        check(oda, ["oda-priorities"], audiences=["none"], languages=["en"])
    assert [str(p) for p in caught.value.problems] == [
        f"{ODA}:18:5: slides[1].items: the agenda has nothing to list: this variant has no section slides; "
        "add section slides or give the agenda its items"]
