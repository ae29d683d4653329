"""Weak reading patterns the thirtieth held-out batch showed (issue 12, general fixes): each case here is
written anew, not taken from the dev or held-out sets."""
from __future__ import annotations

from bot.extraction import extract
from tests.test_extract_weak10b import PUB


def _cases(title: str) -> tuple[str, ...]:
    return title, title.title(), title.upper()


def test_gunned_down_is_violence_in_any_case_beside_a_disease_word():
    for t in _cases("Two polio workers, policeman gunned down in Bajaur"):
        f = extract(t, "", PUB)
        assert (f.kind, f.killed) == ("attack", 3), t
    for t in _cases("Vaccinator gunned down in Lakki Marwat during polio drive"):
        assert extract(t, "", PUB).kind == "attack", t
    # the disease alone stays a disease's news
    assert extract("Polio outbreak kills two children in Bajaur", "", PUB).kind == "other"


def test_a_vehicles_mechanical_failure_is_an_accident():
    for t in _cases("Truck with failed brakes ploughs into Kano market, seven dead"):
        f = extract(t, "", PUB)
        assert (f.kind, f.killed) == ("other", 7), t
    for lead in ("The driver lost control of the truck after a brake failure, police said.",
                 "Police blamed brake failure."):
        f = extract("Seven dead as truck ploughs into Kano market", lead, PUB)
        assert (f.kind, f.killed) == ("other", 7), lead
    # a vehicle rammed on purpose, or by an attacker, stays an attack
    assert extract("Seven dead as truck ploughs into Kano market",
                   "The driver deliberately rammed the crowd, police said.", PUB).kind == "attack"
    assert extract("Attacker rams truck into Kano market, seven dead", "", PUB).kind == "attack"


def test_killing_off_a_farm_or_a_coalition_is_a_figure_of_speech():
    for title in ("Government accused of 'killing off' the family farm with tax raid",
                  "Nepal coalition killed off by Maoist walkout",
                  "Ministers accused of killing off small farms"):
        for t in _cases(title):
            f = extract(t, "", PUB)
            assert (f.kind, f.killed) == ("other", None), t
    # a raid that is no tax's stays one
    assert extract("Gunmen kill three in raid on farm", "", PUB).kind == "attack"


def test_another_after_a_figure_and_a_hospital_stay_with_wounds_count_one_wounded():
    for t, x in (("", "Gunmen opened fire on a bus; one person was killed and another wounded."),
                 ("", "Gunmen opened fire on a bus in Kano. One person was killed and another was injured."),
                 ("Gunmen open fire on bus in Kano, one killed and another wounded", ""),
                 ("GUNMEN OPEN FIRE ON BUS IN KANO, ONE KILLED AND ANOTHER WOUNDED", "")):
        f = extract(t, x, PUB)
        assert (f.killed, f.wounded) == (1, 1), t or x
    f = extract("", "A drone struck a house in Kherson, killing a man. His wife was hospitalised with shrapnel wounds.", PUB)
    assert (f.killed, f.wounded) == (1, 1)
    assert extract("", "A drone struck a house in Kherson. A woman was hospitalized with shrapnel injuries.", PUB).wounded == 1
    # "another" before a numeral is a qualifier, and a hospital stay with no wound is no one wounded
    f = extract("", "Two soldiers were killed and another six wounded in the ambush.", PUB)
    assert (f.killed, f.wounded) == (2, 6)
    assert extract("", "A drone struck a house in Kherson. The minister was hospitalised with pneumonia.", PUB).wounded is None


def _roles(t: str, x: str = "") -> dict[str, str]:
    return {g.id: g.role for g in extract(t, x, PUB).groups}


def test_the_group_whose_attack_was_repulsed_is_the_attacker():
    for t in _cases("Two Al-Shabaab militants killed as KDF repulse attack on Mandera camp"):
        f = extract(t, "", PUB)
        assert _roles(t) == {"al-shabaab": "perpetrator"}, t
        assert [(c.value, c.perpetrators) for c in f.casualties if c.this_event] == [(2, True)], t
    assert _roles("", "Two al-Shabaab militants were killed when KDF soldiers repelled an attack on their camp "
                      "in Mandera.") == {"al-shabaab": "perpetrator"}
    # with no attack repelled, the group killed stays the target
    assert _roles("Two Al-Shabaab militants killed as KDF raid hideout in Mandera") == {"al-shabaab": "target"}


def test_a_force_that_conducted_an_airstrike_is_its_perpetrator():
    for x in ("On 2 June 2025, FAMa and Africa Corps conducted an airstrike on a market near Kidal, killing 4 civilians.",
              "On 2 June 2025, FAMa and Wagner Group conducted a military operation near Kidal, killing 4 civilians."):
        assert _roles("", x) == {"wagner": "perpetrator"}, x
    # a force only named beside talks does nothing
    assert _roles("", "On 2 June 2025, officials of Africa Corps conducted talks with elders in Kidal.") != {
        "wagner": "perpetrator"}


def test_the_people_a_struck_vehicle_carried_are_the_target():
    for x in ("A Turkish drone struck a vehicle carrying PKK members near Qandil, killing two.",
              "A Turkish drone struck a car carrying suspected PKK members near Qandil, killing two."):
        assert _roles("", x) == {"pkk": "target"}, x
    assert _roles("", "PKK members attacked a vehicle carrying soldiers near Qandil, killing two.") == {"pkk": "perpetrator"}


def _where(t: str, x: str = "") -> tuple[str | None, str | None]:
    f = extract(t, x, PUB)
    return f.country, f.place


def test_rural_before_a_town_is_an_adjective_and_a_vereda_or_colonia_names_a_quarter():
    for title in ("Gunmen kill farmer in Vereda El Palmar, Rural Tumaco", "Gunmen kill farmer in rural Tumaco"):
        for t in _cases(title):
            assert _where(t) == ("CO", "Tumaco"), t
    assert _where("", "On 4 May 2025, gunmen killed a farmer in Vereda El Palmar, Rural Tumaco.") == ("CO", "Tumaco")
    # a colonia's name is the quarter's, not a town of that name elsewhere, in any case
    for t in _cases("Armed attack in colonia Las Flores leaves one dead"):
        assert _where(t) == (None, None), t
    assert _where("Armed attack in Las Flores leaves one dead")[0] is not None


def test_a_demonym_before_a_state_institution_names_the_country():
    for t in _cases("Hackers hijack Kenyan government websites"):
        assert extract(t, "", PUB).country == "KE", t
    assert extract("Protesters storm Ugandan parliament", "", PUB).country == "UG"
    # a place named still wins
    assert extract("Israeli government says strikes killed 12 in Gaza", "", PUB).country == "PS"


def test_a_province_in_parentheses_after_a_town_is_its_province():
    f = extract("", "On 5 May 2025, gunmen attacked Tillia (Tahoua), killing 3 civilians.", PUB)
    assert (f.country, f.province, f.place) == ("NE", "Tahoua", "Tillia")
    f = extract("", "On 5 May 2025, JNIM militants attacked Tillia (Tahoua) and killed 3 soldiers.", PUB)
    assert (f.country, f.province) == ("NE", "Tahoua")


def test_an_ordinal_killing_of_the_week_is_a_count_of_killings_not_another_events_toll():
    for t in _cases("Taxi driver executed in colonia Guadalupe, second killing in the area this week"):
        f = extract(t, "", PUB)
        assert (f.kind, f.killed) == ("attack", 1), t
    f = extract("", "A taxi driver was executed by gunmen in colonia Guadalupe on Sunday, the second killing in the "
                    "area this week.", PUB)
    assert f.killed == 1
    # a running tally of the week is still no toll
    assert extract("", "Gunmen have killed 12 people in the area this week, police said.", PUB).killed is None


def test_its_rider_after_killing_is_one_person():
    for x in ("A lorry driver struck a motorcycle on the highway, killing its rider.",
              "A lorry struck a motorcycle on the highway on Monday, killing its driver, police said."):
        assert extract("", x, PUB).killed == 1, x
    for t in _cases("Lorry driver rams motorcycle, killing its rider"):
        assert extract(t, "", PUB).killed == 1, t
    # a thing after "its" is no one
    assert extract("", "The strike hit the factory, killing its momentum.", PUB).killed is None


def test_a_ranked_soldiers_martyrdom_after_a_clause_is_a_victim_beside_neutralised_combatants():
    f = extract("", "Security forces neutralised five terrorists in an operation in Swabi district on Monday. During "
                    "the exchange of fire, Naik Zahid Khan, 29, a resident of Swabi, embraced shahadat.", PUB)
    assert f.killed == 1
    assert sorted((c.value, c.perpetrators) for c in f.casualties if c.this_event) == [(1, False), (5, True)]
    f = extract("Soldier martyred, five terrorists neutralised in Swabi",
                "During the exchange of fire, Sepoy Ali Khan, 24, embraced shahadat.", PUB)
    assert f.killed == 1


def test_attackers_killed_by_vigilantes_are_combatants_the_acled_total_adds():
    for x in ("On 3 March 2025, Fulani herders attacked Dogo village (Bassa, Plateau) and killed 5 people. Members of "
              "a vigilance group reportedly killed 1 of the herders.",
              "On 3 March 2025, herders attacked the village of Dogo (Bassa, Plateau), killing 5 of them. Members of "
              "a vigilance group reportedly killed 1 of the attackers."):
        f = extract("", x, PUB)
        assert f.killed == 5, x
        assert sorted((c.value, c.perpetrators) for c in f.casualties if c.this_event) == [(1, True), (5, False)], x
    # the people attacked stay victims
    f = extract("", "On 3 March 2025, bandits attacked farmers in Dogo (Zamfara), killing 5 of the farmers.", PUB)
    assert [(c.value, c.perpetrators) for c in f.casualties] == [(5, False)]
