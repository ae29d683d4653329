"""Weak patterns left open by the held-out batches (issue 12, seventh round). Every case is
made up here in the style of world-news headlines, leads and analysts' notes."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.extraction import extract

PUB = datetime(2026, 5, 4, tzinfo=timezone.utc)


# 1. A funeral of victims is the earlier attack's news: the event noun that closes a named
# event ("killed in Bannu district ambush") is no fresh act, whatever stands between "in" and it.
@pytest.mark.parametrize("title", [
    "Funeral prayers offered for 9 soldiers killed in North Waziristan ambush",
    "Funeral held for 7 police officers killed in Lakki Marwat ambush",
    "Funeral held for 6 soldiers killed in last week's ambush",
])
def test_funeral_of_victims_of_a_named_ambush_is_no_attack(title):
    f = extract(title, "", PUB)
    assert f.kind != "attack"
    assert f.killed is None


@pytest.mark.parametrize("title, killed", [
    ("9 soldiers killed in North Waziristan ambush", 9),
    ("Militants ambush convoy in Kurram, kill 6", 6),
    ("Gunmen attack funeral of village chief in Plateau, kill 4", 4),
    ("Gunmen massacre 20 villagers in Zamfara", 20),
])
def test_real_ambushes_and_massacres_stay_attacks(title, killed):
    f = extract(title, "", PUB)
    assert (f.kind, f.killed) == ("attack", killed)


# 8. An anniversary of a named massacre is another time's
def test_anniversary_of_a_named_massacre_is_no_attack():
    f = extract("Five years on, families remember the Solhan village massacre",
                "Relatives gathered in Solhan on Monday to mark the anniversary of the attack in which "
                "jihadists killed more than 130 people.", PUB)
    assert f.kind != "attack"
    assert f.killed is None


# 2. A defused device with an arrest is an arrest; a defused device alone stays a failed attack
def test_defusal_with_an_arrest_is_an_arrest():
    assert extract("Troops defuse explosive device in Kupwara, arrest 2", "", PUB).kind == "arrest"
    assert extract("Security forces defuse IED, arrest 2 in Pulwama", "", PUB).kind == "arrest"
    assert extract("Army defuses roadside bomb on Kandahar highway", "", PUB).kind == "attack"
    # an attack told in the same title stays an attack
    assert extract("Militants attack police post, troops defuse IED and arrest 2 in Kupwara", "", PUB).kind == "attack"


# 8. An old war's shell made safe is no attack, whatever bomb words the lead adds; an armed actor
# keeps it one
def test_old_war_ordnance_made_safe_is_no_attack():
    f = extract("Experts defuse WWII bomb found at Hamburg construction site",
                "Some 4,000 people left their homes while the 500kg aerial bomb was made safe.", PUB)
    assert f.kind == "other"
    assert extract("Russian guided aerial bomb kills 3 in Kharkiv", "", PUB).kind == "attack"
    assert extract("Militants rig WWII shell as roadside bomb, kill 2 soldiers", "", PUB).kind == "attack"


# 6. A clause after a semicolon adds the victims of the same event
@pytest.mark.parametrize("title, text, killed", [
    ("", "Gunmen killed three soldiers at a checkpoint in Borno State on Tuesday; two civilians died in the "
         "crossfire.", 5),
    ("", "On 3 May 2026, JNIM militants and soldiers clashed near Djibo (Soum, Sahel). 4 soldiers were killed; "
         "a herder was killed by a stray bullet.", 5),
    ("Four soldiers killed; two civilians also died in the attack in Borno", "", 6),
    # not another event, a restated toll, a subset or another place
    ("", "Bandits killed 6 farmers in Zamfara on Sunday; in a separate attack, gunmen killed 2 in Katsina.", 6),
    ("", "Gunmen killed 4 villagers in Kaduna; the death toll later rose to 7.", 7),   # its latest figure, no sum
    ("", "Six people were killed in the blast; two of them were children.", 6),
    ("", "Israeli strikes killed 20 people in Gaza on Monday; in Lebanon, 5 were killed in a drone strike.", 20),
])
def test_semicolon_clauses_add_up(title, text, killed):
    assert extract(title, text, PUB).killed == killed


# 5. Listed parts of one event add up, with an attribution closing the sentence
@pytest.mark.parametrize("text, killed", [
    ("Gunmen killed a ward head and two of his sons in Tudun Wada village in Katsina State on Sunday, "
     "residents said.", 3),
    ("Maoist rebels blew up a police jeep in Dantewada, killing six police officers and their civilian driver, "
     "officials said.", 7),
    ("Militants ambushed a patrol in Tirah, killing three soldiers and their commander, the army said.", 4),
])
def test_listed_victims_add_up_before_an_attribution(text, killed):
    assert extract("", text, PUB).killed == killed


# 7. Both sides of "clashes between the army and X" are parties
def test_second_party_of_clashes_between_is_a_perpetrator():
    f = extract("", "Clashes between the army and the RSF in Kadugli left at least 14 civilians dead on "
                    "Saturday, a medical group said.", PUB)
    assert "rsf" in f.perpetrator_ids


# 9. A profile whose only place is in its lead's dated sentence still gets the place
def test_place_of_a_dated_lead_sentence_when_no_other():
    f = extract("Former guerrilla leader dies aged 68",
                "The ex-commander, who led an ELN front in Arauca before the 2016 talks, died of a heart "
                "attack in Bogota.", PUB)
    assert f.country == "CO"
    assert f.kind != "attack"


# 4. A state's own soldier named alone stands for its country, as its soldiers do ("Indian soldier
# killed in cross-border firing"); a place named wins ("Kenyan soldier ... in Gedo" is Somalia)
def test_singular_home_soldier_stands_for_its_country():
    assert extract("Indian soldier killed in cross-border firing", "", PUB).country == "IN"
    assert extract("Kenyan soldier killed in roadside bomb blast in Gedo", "", PUB).country == "SO"


# A head sentence's "a week after <earlier event>" dates the earlier event, not its own toll
@pytest.mark.parametrize("title, text, killed", [
    ("Bandits kill 9 herders a week after Kwall massacre", "", 9),
    ("", "Gunmen killed 6 villagers in Bokkos on Sunday, two weeks after an attack on a nearby village "
         "killed 40.", 6),
])
def test_a_span_after_an_earlier_event_keeps_the_head_toll(title, text, killed):
    assert extract(title, text, PUB).killed == killed


def test_a_span_after_an_earlier_event_in_a_retro_title_gives_no_toll():
    f = extract("A year after attack that killed 25, Borno village rebuilds its school", "", PUB)
    assert f.kind != "attack" and f.killed is None


# The lead sentence set aside as another time's gives its place only when it names one: a
# commodity that shares a borough's name is no place ("Brent crude", London's Brent)
def test_a_set_aside_lead_gives_no_place_from_a_commodity_name():
    f = extract("Oil prices climb after strikes on tankers at sea",
                "Brent crude rose 2% on Tuesday as traders weighed last week's drone attacks on shipping.", PUB)
    assert f.country is None
