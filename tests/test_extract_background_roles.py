"""Who did what, and when: a group's leader killed makes the group the target, and attacks a
lead dates to an earlier year are background (made-up headlines in the style of world feeds).

Each test fails without its rule."""
from __future__ import annotations

from datetime import datetime

from bot.extraction import extract

PUBLISHED = datetime(2026, 5, 4)


def _roles(f):
    return {g.id: g.role for g in f.groups}


def test_a_groups_leader_killed_makes_the_group_the_target():
    f = extract("Al-Shabaab commander in Gedo killed in airstrike",
                "A US airstrike killed a senior commander of al-Shabaab near Bardhere on Sunday, officials said.",
                PUBLISHED)
    assert _roles(f) == {"al-shabaab": "target"}
    f = extract("Airstrike kills a leader of Islamic State in Syria", "", PUBLISHED)
    assert _roles(f) == {"isil": "target"}
    # the group's fighters somewhere doing the killing are still its attack
    f = extract("Al-Shabaab fighters in Gedo kill 5 soldiers", "", PUBLISHED)
    assert _roles(f) == {"al-shabaab": "perpetrator"}


def test_attacks_dated_to_an_earlier_year_are_background():
    f = extract("Oil terminal reopens in Cabo Delgado",
                "The company said the terminal, which was shut after insurgent attacks in 2020, reopened on Tuesday.",
                PUBLISHED)
    assert f.kind == "other"
    # this year's attack in the same words is this article's event
    f = extract("Oil terminal shut in Cabo Delgado",
                "The company said the terminal was shut after insurgent attacks in 2026.", PUBLISHED)
    assert f.kind == "attack"
    # a fresh attack keeps its kind when the lead recalls an earlier one
    f = extract("Gunmen kill 4 in Borno village",
                "Gunmen killed four farmers on Monday in a village that was attacked by militants in 2015.",
                PUBLISHED)
    assert (f.kind, f.killed) == ("attack", 4)
