"""Headline patterns of issue 12 found weak before the fifth held-out batch: each case here is
written anew, not taken from the dev or held-out sets."""
from __future__ import annotations

from datetime import datetime, timezone

from bot.extraction import extract

PUB = datetime(2026, 12, 6, 12, tzinfo=timezone.utc)


def _read(title: str, text: str = ""):
    f = extract(title, text, PUB)
    return f.kind, f.killed, f.country


def test_a_town_struck_in_a_title_in_capitals_is_read_as_in_any_case():
    # the object of a strike is a place as "in" makes one; case never changes the reading
    for t in ("Russians strike Kramatorsk with drones", "RUSSIANS STRIKE KRAMATORSK WITH DRONES",
              "Russians Strike Kramatorsk With Drones"):
        assert _read(t)[0::2] == ("attack", "UA"), t
    assert _read("GUNMEN ATTACK BENI, KILL SIX") == ("attack", 6, "CD")
    assert _read("Gunmen attack Beni, kill six") == ("attack", 6, "CD")
    assert _read("HOW TO SAVE MONEY IN RETIREMENT")[2] is None


def test_drones_as_the_weapon_make_an_attack():
    assert _read("Enemy hits Nikopol with drones overnight")[0] == "attack"
    assert _read("Kamikaze drones target power station in Sumy region")[0] == "attack"
    assert _read("Farmers use drones to spray crops in Kenya")[0] == "other"


def test_a_country_acronym_before_a_strike_noun_is_the_side_that_struck():
    f = extract("Al-Shabaab commander, 3 fighters killed in US airstrike near Bu'aale", "", PUB)
    assert f.country == "SO"
    assert f.killed is None                          # the group's members: combatants, not victims
    assert [c.value for c in f.casualties if c.perpetrators] == [3]
    assert [g.role for g in f.groups if g.id == "al-shabaab"] == ["target"]
    assert _read("Five killed in UAE drone strike on Darfur market")[2] == "SD"
    # alone, it gives no place (none rather than a wrong one); "in Syria attack" is a place
    assert _read("Two killed in US airstrike")[2] is None
    assert _read("Four killed in Syria attack")[2] == "SY"


def test_a_conflict_province_with_a_common_word_name_alone():
    f = extract("Eleven killed in raids in Plateau", "", PUB)
    assert (f.country, f.province_code) == ("NG", "NG-PL")
    assert _read("Gunmen kill 3 in Far North")[2] == "CM"
    # no violence, or another country named: the common word makes no place
    assert _read("Tourism grows in Plateau")[2] is None
    assert _read("Floods in Plateau department")[2] == "BJ"


def test_a_headline_attribution_names_the_speaker_not_the_place():
    f = extract("800 Russian soldiers killed in a day, Kyiv says", "", PUB)
    assert f.killed is None                          # an invading army's losses its enemy reports
    assert [c.value for c in f.casualties if c.perpetrators] == [800]
    assert f.country == "UA" and f.place is None     # the front's country, not the speaker's city
    assert extract("Russian shelling kills 3 in Kherson, Kyiv says", "", PUB).place == "Kherson"
    # the attackers' soldiers killed by others stay victims ("Fighters kill 12 soldiers")
    assert _read("Rebels kill 12 Malian soldiers in ambush")[1] == 12


def test_a_manner_to_death_is_an_active_killing_verb():
    assert _read("Militants hacked to death 7 villagers in Beni")[1] == 7
    assert _read("Gunmen stabbed to death 3 herders in Benue")[1] == 3
    assert _read("Court sentences to death 12 over mosque bombing")[1] is None


def test_a_singular_person_listed_after_a_counted_plural_adds_one():
    assert _read("Six soldiers and their commander killed in ambush")[1] == 7
    assert _read("Four policemen, driver killed in Zamfara ambush")[1] == 5
    # also before a two-word killing verb, in any case
    assert _read("Two policemen, driver shot dead in ambush in Anantnag")[1] == 3
    assert _read("TWO POLICEMEN, DRIVER SHOT DEAD IN AMBUSH IN ANANTNAG")[1] == 3
    assert _read("Three traders and their driver found dead in Ituri")[1] == 4
    assert _read("Gunmen kill three farmers and their guide in Kaduna")[1] == 4
    # a figure or article of its own is read once, plural conjuncts are no one more
    assert _read("Seven police officers and four civilians killed in attack")[1] == 11
    assert _read("Five soldiers and a civilian killed in ambush")[1] == 6
    assert _read("Six miners and their families killed in attack")[1] == 6


def test_outlaws_killed_by_security_forces_are_combatants():
    # (README, reading conventions: "Police shot dead two robbers" kills combatants)
    f = extract("Gang leader shot dead by police", "", PUB)
    assert f.killed is None and [c.value for c in f.casualties if c.perpetrators] == [1]
    assert _read("Two robbers shot dead by police in Lagos")[1] is None
    assert _read("Bandit commander killed by troops in Zamfara")[1] is None
    # the victims of forces, and of gunmen, are victims
    assert _read("Teenager shot dead by police during protest")[1] == 1
    assert _read("Policeman shot dead by gunmen in Kano")[1] == 1


# --- patterns the fifth held-out batch showed (cases written anew) ---------------------------

def test_a_town_read_abroad_yields_to_its_reading_where_the_groups_fight():
    # "Samar" is also a town in Russia; the NPA fights in the Philippines alone
    assert _read("Soldier killed in clash with NPA rebels in Samar")[2] == "PH"
    # a country named outright stays, whatever the groups' theatre
    assert _read("Russia's Africa Corps signs deal with Niger, to train troops in Niamey")[2] == "NE"


def test_a_range_with_to_reads_its_lower_bound():
    assert _read("12 to 15 feared dead as gunmen raid Katsina village")[1] == 12
    assert _read("Gunmen kill 8 to 10 herders in Benue")[1] == 8
    f = extract("Up to 30 dead, 5 to 10 hurt in Kano blast", "", PUB)
    assert (f.killed, f.wounded) == (30, 5)


def test_a_person_and_n_others_after_a_comma_add_up():
    assert _read("Bandits kill village head, four others in Sokoto")[1] == 5
    assert _read("Imam, three others killed in Zamfara attack")[1] == 4
    assert _read("Gunmen kill 5 in Kaduna, abduct two others")[1] == 5


def test_shoot_dead_and_gun_down_in_the_present_tense():
    assert _read("Gunmen shoot dead trader in Kano")[1] == 1
    assert _read("Gunmen shoot dead 6 villagers in Zamfara")[1] == 6
    assert _read("Gunmen gun down two brothers in Mardan")[1] == 2


# --- patterns found probing made-up wire and regional headlines -------------------------------

def test_hit_by_drones_is_deliberate_violence_not_an_accident():
    assert _read("Kharkiv hit by drones overnight, 3 dead")[0:2] == ("attack", 3)
    assert _read("Pedestrian hit by van in Leeds, 1 dead")[0] == "other"
    assert _read("Amazon to deliver parcels by drones in Texas")[0] == "other"


def test_a_toll_killed_in_the_headline_outweighs_talks_in_its_clause():
    assert _read("Israeli strikes kill 18 in Gaza as truce talks stall")[0:2] == ("attack", 18)
    assert _read("Truce talks stall in Cairo")[0] == "diplomacy"


def test_a_parent_of_n_counts_children_not_victims():
    assert _read("Mother of four, 29, shot dead in Kano")[1] == 1
    assert _read("Family of five killed in Kharkiv strike")[1] == 5


def test_a_demonym_before_coalition_is_a_side():
    assert _read("Air strikes kill 9 in Hodeidah, Saudi coalition says")[2] == "YE"
    assert _read("Saudi coalition denies strike")[2] is None


def test_a_hyphenated_singular_victim_counts_one():
    assert _read("Gunmen kill ex-soldier in Panjshir")[1] == 1
    assert _read("Gunmen kill ex-soldiers in Panjshir")[1] is None   # a plural with no number


def test_collisions_matches_threats_and_orcas_are_no_attacks():
    assert _read("9 killed as two buses collide in Sindh")[0] == "other"
    assert _read("Chelsea kill off Wolves with late strike")[0] == "other"
    assert _read("Bomb threat forces evacuation of Abuja airport")[0] == "other"
    assert _read("Killer whales attack yacht off Portugal")[0] == "other"
    # beside a violence word they stay attacks
    assert _read("Gunmen kill 8 after bus collides with barricade in Zamfara")[0:2] == ("attack", 8)


def test_more_killing_phrases_of_regional_headlines():
    assert _read("Gunmen attack claims 6 lives in Sokoto")[1] == 6
    assert _read("5 lose lives as bandits attack Katsina village")[1] == 5
    assert _read("Four burnt alive as attackers torch homes in Benue")[1] == 4
    assert _read("Militants mow down 7 worshippers in Tillaberi")[1] == 7
    assert _read("Hamas claims 3 attacks on Israeli troops")[1] is None


def test_title_case_and_capitals_read_as_sentence_case():
    for t in ("Barangay captain shot dead by gunmen in Maguindanao del Sur",
              "Barangay Captain Shot Dead By Gunmen In Maguindanao Del Sur",
              "BARANGAY CAPTAIN SHOT DEAD BY GUNMEN IN MAGUINDANAO DEL SUR"):
        assert _read(t) == ("attack", 1, "PH"), t
    for t in ("'They killed my whole family': 12 villagers slain in Ituri raid",
              "'They Killed My Whole Family': 12 Villagers Slain In Ituri Raid",
              "'THEY KILLED MY WHOLE FAMILY': 12 VILLAGERS SLAIN IN ITURI RAID"):
        assert _read(t)[1] == 12, t
    for t in ("Gunmen kill 4 in attack on wedding party", "Gunmen Kill 4 In Attack On Wedding Party",
              "GUNMEN KILL 4 IN ATTACK ON WEDDING PARTY"):
        assert _read(t) == ("attack", 4, None), t


def test_a_town_after_in_the_or_a_compass_of_in_capitals():
    assert _read("HEAVY FIGHTING IN THE POKROVSK DIRECTION")[2] == "UA"
    assert _read("TWO KILLED BY ISRAELI FORCES SOUTH OF KHAN YOUNIS")[2] == "PS"
    assert _read("Two Killed By Israeli Forces South Of Khan Younis")[2] == "PS"
    assert _read("KILLED IN THE BAR")[2] is None
