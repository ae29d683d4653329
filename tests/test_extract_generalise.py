"""Patterns found on the made-up held-out sets (tests/fixtures/heldout/, issue 12): each case
here is written anew in the same style, not taken from those sets."""
from __future__ import annotations

import pytest

from bot.extraction import extract


# Regions that are no ISO 3166-2 subdivision, districts below Pakistan's provinces, short
# country names and demonyms of countries the table lacked.
@pytest.mark.parametrize("title, cc", [
    ("Militia raid on camp in South Darfur town", "SD"),           # a curated province still wins
    ("Rebels attack army convoy in Catatumbo region", "CO"),
    ("Two soldiers killed in IED blast in South Waziristan", "PK"),
    ("Militants kill two policemen in Orakzai", "PK"),
    ("Jihadists kill 9 in northern Burkina", "BF"),
    ("Rebels kill 14 in eastern Congo village", "CD"),
    ("Militants kill 3 in Kashmir gunfight", "IN"),
    ("Gunmen kill 4 at Salvadoran bus stop", "SV"),
    ("Gang violence kills 6 in Haitian capital", "HT"),
    ("Explosion in Rivers State kills 7", "NG"),
])
def test_places_read_on_held_out_style(title, cc):
    assert extract(title, "").country == cc


@pytest.mark.parametrize("title, text", [
    ("Celebrated Kenyan poet dies aged 91", ""),
    ("Explosion at illegal refinery kills 9 in Imo", ""),
    ("Sudan war death toll tops 150,000, researchers say", ""),
])
def test_non_attack_deaths_are_other(title, text):
    assert extract(title, text).kind == "other"


def test_arrest_of_suspects_of_a_plot_is_an_arrest():
    f = extract("", "Police said they had arrested two men suspected of planning attacks on churches in Kano.")
    assert f.kind == "arrest"
