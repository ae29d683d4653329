"""Patterns the twenty-third and twenty-fourth held-out batches showed (issue 12, the lead's general fixes): each
case here is written anew, not taken from the dev or held-out sets."""
from __future__ import annotations

from bot.extraction import extract
from tests.test_extract_weak10b import PUB


def _read(title: str, lead: str = ""):
    return extract(title, lead, PUB)


def _cases(title: str) -> tuple[str, str, str]:
    return title, title.title(), title.upper()


def test_ranks_listed_as_victims_of_martyrdom_count_each():
    for title in ("Sepoy, naik martyred as terrorists attack post in North Waziristan",
                  "Havildar and lance naik embrace shahadat", "Havildar and lance naik embrace shahadat in Kurram",
                  "Constable, sepoy martyred in Bannu attack"):
        for t in _cases(title):
            assert _read(t).killed == 2, t
    f = _read("", "Havildar and lance naik embraced shahadat in an exchange of fire in Kurram.")
    assert (f.killed, f.country) == (2, "PK")
    # one rank is one man; a bare pair of jobs may still be one person
    assert _read("Havildar embraces shahadat in Kurram").killed == 1
    assert _read("Singer and actor dies aged 79").killed is None


def test_the_place_a_listed_chief_is_of_is_no_one():
    for title in ("Gunmen killed the chief of Dogo village and four of his sons",
                  "Gunmen kill chief of Dogo village, four of his sons"):
        for t in _cases(title):
            assert _read(t).killed == 5, t
    assert _read("", "Gunmen killed the chief of Dogo village and four of his sons on Sunday, residents said.").killed == 5
    assert _read("Gunmen killed the headman of the village and three of his sons").killed == 4


def test_an_arms_haul_beside_an_arrest_is_the_arrest():
    for lead in ("Police arrested three suspected militants in Quetta on Tuesday and recovered two suicide jackets "
                 "and grenades from their hideout.",
                 "Counter-terrorism police arrested two suspects in Peshawar and seized explosives, detonators and a "
                 "suicide vest.",
                 "Troops arrested four militants in Bannu and recovered rockets and mortar shells."):
        assert _read("", lead).kind == "arrest", lead
    # a bomber in a suicide jacket attacks; a haul after the bombing does not undo it
    assert _read("", "A bomber wearing a suicide jacket blew himself up, killing 6 in Quetta.").kind == "attack"
    assert _read("", "A suicide bomber blew himself up at a checkpoint in Quetta. Police later arrested two "
                     "suspects and recovered a second suicide jacket.").kind == "attack"
    assert _read("", "Militants attacked a police post in Bannu with grenades; police arrested two suspects.").kind == "attack"


def test_an_animal_that_attacks_in_a_lead_is_no_armed_actor():
    for lead in ("A wild elephant attacked the men as they collected firewood near the forest, killing two.",
                 "A tiger attacked and killed a woman near the reserve on Monday.",
                 "A leopard attacked a boy outside his home, killing him."):
        assert _read("", lead).kind == "other", lead
        assert _read("Two killed near Hazaribagh forest", lead).kind == "other", lead
    # people attack; an armed group named for an animal is people
    assert _read("", "Gunmen attacked the men as they collected firewood near the forest, killing two.").kind == "attack"
    assert _read("", "Tamil Tigers attacked an army camp, killing two soldiers.").kind == "attack"


def test_piracy_is_an_attack_and_a_films_or_teams_pirates_are_not():
    for t in _cases("Pirates kill captain, crew member aboard tanker off Somalia"):
        f = _read(t)
        assert (f.kind, f.killed, f.country) == ("attack", 2, "SO"), t
    f = _read("", "Pirates killed the captain and a crew member aboard a tanker off Somalia on Monday.")
    assert (f.kind, f.killed) == ("attack", 2)
    for title in ("Pirates of the Caribbean sequel tops box office", "Pirates beat Cubs 5-2",
                  "Orlando Pirates fan killed in stadium stampede", "Pirates of the Caribbean star killed in car crash",
                  "Former pirate turned fisherman dies of cholera"):
        for t in _cases(title):
            assert _read(t).kind == "other", t


def test_an_armed_groups_raid_that_seized_weapons_before_an_arrest_stays_an_attack():
    assert _read("", "Militants raided an army post in Bannu and seized weapons and grenades; troops arrested "
                     "two of them later.").kind == "attack"


def _roles(title: str, lead: str = "") -> dict[str, str]:
    return {g.id: g.role for g in _read(title, lead).groups}


def test_a_group_that_says_another_groups_members_were_killed_is_no_perpetrator():
    for t in _cases("Hamas says three Islamic Jihad members killed in Israeli strike on Gaza"):
        assert _roles(t) == {"pij": "target", "hamas": "mentioned"}, t
    assert _roles("Hezbollah says two Amal members killed in Israeli strike")["hezbollah"] == "mentioned"
    assert _roles("Houthis say US strikes killed 5 in Hodeidah")["houthis"] == "mentioned"
    # a group that tells its own act is its actor, and so is one that names no other actor of the killing
    assert _roles("Taliban say 12 ISKP fighters killed in raid on hideout in Nangarhar")["taliban"] == "perpetrator"
    # a group that tells its own act is its actor
    assert _roles("Al-Shabaab says it killed 20 soldiers in Lower Shabelle")["al-shabaab"] == "perpetrator"
    assert _roles("TTP says its fighters killed 6 policemen in Bannu")["ttp"] == "perpetrator"


def test_a_share_of_those_killed_is_no_second_count():
    for t in _cases("Air strike kills 20 in Gaza, two in five of them children"):
        assert _read(t).killed == 20, t
    for title in ("Two in five of those killed in Gaza strike were children, UN says",
                  "Three in ten of the dead were women, ministry says"):
        for t in _cases(title):
            f = _read(t)
            assert (f.kind, f.killed) == ("other", None), t
    assert _read("", "An air strike killed 20 people on Monday. Two in five of those killed were children, the UN "
                     "said.").killed == 20
    # a toll in several places stays a toll
    assert _read("Gunmen kill 3 in 2 villages").killed == 3


def test_tyre_is_lebanons_city_after_in_or_on_and_a_tyre_is_a_tyre():
    for title in ("Israeli strike on Tyre kills four", "Four killed in strike near Tyre"):
        for t in _cases(title):
            assert _read(t).country == "LB", t
    assert _read("", "An Israeli strike on Tyre killed four people on Monday.").country == "LB"
    for title in ("Tyre maker cuts jobs", "Tyre fire at depot", "Man killed in tyre explosion"):
        for t in _cases(title):
            assert _read(t).country is None, t
    assert _read("", "A tyre burst sent the bus off the road, killing three.").country is None
    assert _read("", "Protesters set burning tyres on the road in Lagos.").country == "NG"


def test_a_force_a_state_sent_abroad_is_its_side_not_the_place_nor_its_home_war():
    assert _read("", "Malian troops and Russian mercenaries killed 20 people in Moura.").country == "ML"
    for t in _cases("Russian paramilitaries of the Africa Corps killed 9 civilians near Kidal"):
        assert _read(t).country == "ML", t
    # Russia's own war stays Ukraine's when no place is named beside its forces
    assert _read("Russian soldiers kill 5 civilians in Kherson region").country == "UA"
    assert _read("Russian mercenaries, army kill 9 in Diabaly").country != "UA"


def test_a_group_that_says_its_own_fighters_killed_is_their_actor():
    for t in _cases("Al-Shabaab says five soldiers killed by its fighters in Lower Shabelle"):
        assert _roles(t)["al-shabaab"] == "perpetrator", t
    assert _roles("Hamas says three Islamic Jihad members killed by Israeli strike")["hamas"] == "mentioned"
