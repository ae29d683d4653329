"""Known weak reading patterns of issue 12 (held-out batch 27, the lead's list): general fixes, each case
here written anew, not taken from the dev or held-out sets."""
from __future__ import annotations

from bot.extraction import extract
from tests.test_extract_weak10b import PUB


def _cases(title: str) -> tuple[str, ...]:
    """The headline as written, in Title Case and in capitals."""
    return title, " ".join(w[:1].upper() + w[1:] for w in title.split(" ")), title.upper()


def test_a_tilde_and_abbreviations_of_about_before_a_figure():
    for title, n in (("Drone strike on wedding party kills ~14 guests", 14),
                     ("Bandits kill approx. 12 villagers in Sokoto", 12),
                     ("Gunmen kill c. 30 in raid on Plateau village", 30),
                     ("Suicide bomber kills ca. 15 at market in Borno", 15)):
        for t in _cases(title):
            f = extract(t, "", PUB)
            assert f.killed == n, t
            assert any(c.value == n and c.qualifier == "about" for c in f.casualties), t
    f = extract("Gunmen raid village in Katsina", "Gunmen killed c. 25 villagers overnight, residents said.", PUB)
    assert f.killed == 25
    f = extract("Gunmen raid village in Katsina", "Gunmen killed ~25 villagers overnight, residents said.", PUB)
    assert f.killed == 25


def test_a_country_name_before_river_names_the_river_not_the_country():
    for title, cc in (("Boat capsizes on Niger River in Kebbi, dozens feared dead", "NG"),
                      ("Canoe carrying traders sinks in the Niger river near Lokoja, 14 missing", "NG"),
                      ("Gunmen kill 5 fishermen on the Niger River in Tillaberi", "NE"),
                      ("Ferry overturns on the Congo River near Mbandaka, 30 dead", "CD"),
                      ("Boat carrying migrants sinks on the Senegal River near Kaedi", "MR")):
        for t in _cases(title):
            assert extract(t, "", PUB).country == cc, t
    f = extract("Boat sinks on River Niger in Kwara state", "At least 9 passengers drowned.", PUB)
    assert f.country == "NG"
    # the country itself is still the country
    assert extract("Gunmen kill 5 in Niger's Tillaberi region", "", PUB).country == "NE"
