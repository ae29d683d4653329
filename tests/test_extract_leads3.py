"""Attack leads of the third held-out batch's patterns (issue 12): each case here is written anew,
not taken from the held-out sets."""
from __future__ import annotations

from datetime import datetime, timezone

from bot.extraction import extract

PUB = datetime(2026, 12, 6, 12, tzinfo=timezone.utc)


def test_a_figure_led_away_is_no_toll_of_the_next_verb():
    f = extract("", "Gunmen kidnapped 21 worshippers from a church in Kogi state on Sunday and shot dead "
                    "the pastor, police said.", PUB)
    assert f.killed == 1
    f = extract("", "Gunmen kidnapped 21 worshippers and gunned down the pastor, police said.", PUB)
    assert f.killed == 1
    assert extract("", "Gunmen shot dead 5 soldiers at a checkpoint on Monday.", PUB).killed == 5


def test_shooting_dead_is_an_active_killing():
    f = extract("", "Bandits raided the village of Kurfi overnight, shooting dead 9 farmers, residents said.", PUB)
    assert f.killed == 9


def test_congo_alone_is_the_democratic_republic_in_news_style():
    assert extract("", "Militiamen killed 6 people near Bunia, Congo, on Monday, officials said.", PUB).country == "CD"
    assert extract("", "Gunmen killed 2 people in Pointe-Noire, Republic of Congo, police said.", PUB).country == "CG"


def _perps(text: str) -> list[str]:
    return [g.id for g in extract("", text, PUB).groups if g.role == "perpetrator"]


def test_believed_to_be_from_a_group_names_the_perpetrator():
    assert "adf" in _perps("Armed men believed to be from the ADF killed seven villagers near Oicha, "
                           "a local official said.")


def test_a_groups_own_weapons_name_it_as_perpetrator():
    assert "houthis" in _perps("Houthi missiles and drones hit an oil tanker off Mokha on Tuesday, "
                               "wounding three sailors.")
    assert "hezbollah" not in _perps("Israeli jets struck Hezbollah rocket launchers in southern Lebanon.")
