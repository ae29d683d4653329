"""Patterns the twenty-fourth held-out batch showed (issue 12, general fixes): each case here is written
anew, not taken from the dev or held-out sets."""
from __future__ import annotations

from bot.extraction import extract
from tests.test_extract_weak10b import PUB


def _kind(title: str, lead: str = "") -> str:
    return extract(title, lead, PUB).kind


def _cases(title: str) -> tuple[str, str, str]:
    return title, title.title(), title.upper()


def _perps(title: str, lead: str = "") -> set[str]:
    return {g.id for g in extract(title, lead, PUB).groups if g.role == "perpetrator"}


# 7. sanctions on an armed group's companies

def test_a_groups_linked_firms_make_it_no_perpetrator():
    lead = ("The European Union imposed sanctions on four companies linked to the Wagner Group over gold mining "
            "in the Central African Republic.")
    for title in _cases("EU sanctions Wagner-linked firms over gold trade in Central African Republic"):
        assert _kind(title, lead) == "diplomacy", title
        assert "wagner" not in _perps(title, lead), title
    assert "wagner" not in _perps("UK sanctions companies linked to Wagner over Sudan gold")
    # fighters linked to it still act for it
    assert "wagner" in _perps("Wagner-linked fighters kill 12 in Mali")
