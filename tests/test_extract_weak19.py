"""Patterns the twenty-fifth held-out batch showed (issue 12, the lead's general fixes): each case here is
written anew, not taken from the dev or held-out sets."""
from __future__ import annotations

from bot.extraction import extract
from tests.test_extract_weak10b import PUB


def _kind(title: str, lead: str = "") -> str:
    return extract(title, lead, PUB).kind


def _cases(title: str) -> tuple[str, str, str]:
    return (title, title.title(), title.upper())


def test_a_two_word_person_after_a_headline_comma_is_one_victim():
    for title in ("Gunmen hijack fishing boat off Puntland, crew member killed",
                  "Pirates seize cargo ship in Gulf of Guinea, crew member shot dead",
                  "Militants ambush convoy in Tillaberi, aid worker killed"):
        for t in _cases(title):
            assert extract(t, "", PUB).killed == 1, t
    # in a short lead too
    f = extract("Gunmen hijack fishing boat off Puntland, crew member killed",
                "The boat was seized on Tuesday near Eyl.", PUB)
    assert f.killed == 1
    # a plural after the comma gives no figure
    assert extract("Gunmen hijack fishing boat off Puntland, crew members missing", "", PUB).killed is None
