"""ACLED-note patterns found on the fifth held-out batch (tests/fixtures/heldout/heldout5_acled,
issue 12): each case here is written anew, not taken from the held-out set or the dev data."""
from __future__ import annotations

from datetime import datetime, timezone

from bot.extraction import extract

PUB = datetime(2026, 12, 6, 12, tzinfo=timezone.utc)


def _perps(text: str) -> list[str]:
    return [g.id for g in extract("", text, PUB).groups if g.role == "perpetrator"]


def test_a_peaceful_protest_is_no_attack():
    f = extract("", "On 3 March 2026, traders held a peaceful demonstration in Kindu (Kindu, Maniema) against "
                    "the killings of two colleagues in the market last week.", PUB)
    assert f.kind != "attack"
    f = extract("", "On 4 March 2026, nurses marched peacefully to the governor's office in Bauchi (Bauchi, "
                    "Bauchi) to demand unpaid salaries. 0 fatalities.", PUB)
    assert f.kind != "attack"
    # force against a peaceful protest is an attack
    f = extract("", "On 4 March 2026, police fired live rounds at a peaceful rally in Kisumu (Kisumu Central, "
                    "Kisumu), killing 2 protesters. 2 fatalities.", PUB)
    assert f.kind == "attack" and f.killed == 2


def test_signing_an_agreement_is_diplomacy_whatever_it_is_about():
    f = extract("", "On 5 March 2026, the provincial government and two armed groups signed an agreement in "
                    "Uvira (Uvira, Sud-Kivu) on the clearing of landmines and other explosive devices.", PUB)
    assert f.kind == "diplomacy"
    f = extract("", "On 5 March 2026, gunmen killed 3 villagers in Uvira (Uvira, Sud-Kivu), a day after the "
                    "armed groups signed an agreement with the government. 3 fatalities.", PUB)
    assert f.kind == "attack"


def test_rioters_burning_homes_is_an_attack():
    f = extract("", "On 6 March 2026, rioters burned the houses of two men accused of theft in Ngozi "
                    "(Ngozi, Ngozi). No injuries were reported.", PUB)
    assert f.kind == "attack"
    assert extract("", "A wildfire burned homes on the edge of the town, officials said.", PUB).kind != "attack"


def test_the_first_named_side_of_a_clash_is_a_perpetrator():
    assert "adf" in _perps("On 7 March 2026, ADF rebels and FARDC soldiers clashed near Eringeti (Beni, "
                           "Nord-Kivu). Fatality count unknown.")


def test_the_first_named_side_of_an_exchange_of_fire_is_a_perpetrator():
    assert "houthis" in _perps("On 8 March 2026, pro-Houthi forces and government troops exchanged heavy fire "
                               "on the Hays frontline (Hays, Al Hudaydah). No casualties were reported.")


def test_a_groups_unit_between_it_and_its_verb():
    assert "farc" in _perps("On 9 March 2026, in Suarez, Cauca, FARC dissidents of the Dagoberto Ramos front "
                            "ambushed an army patrol, killing one soldier. 1 fatality.")


def test_a_countrys_word_inside_a_longer_place_name_is_not_the_country():
    f = extract("", "On 10 March 2026, a soldier was wounded by sniper fire near the market of Datu Saudi "
                    "Ampatuan (Maguindanao del Sur).", PUB)
    assert f.country == "PH"
    assert extract("", "On 10 March 2026, Saudi warplanes struck a house in Saada (Saada, Saada), killing "
                       "2 civilians.", PUB).country == "YE"


def test_a_village_and_its_province_agree_on_the_country():
    f = extract("", "On 11 March 2026, in Mirebalais, Centre, gang members set fire to a police station "
                    "and shot a guard. 1 fatality.", PUB)
    assert f.country == "HT"


def test_a_village_spelt_with_a_hyphen_is_found_spelt_solid():
    f = extract("", "On 12 March 2026, in Petion-Ville, Ouest, armed men shot dead a bus driver. 1 fatality.", PUB)
    assert f.country == "HT"


def test_an_is_sleeper_cell_names_the_islamic_state():
    assert "isil" in _perps("On 2 April 2026, an IS sleeper cell shot dead a truck driver near Shaddadi "
                            "(Shaddadi, Al Hasakeh). 1 fatality.")


def test_a_southern_province_is_read_with_the_city_beside_it():
    f = extract("", "On 6 April 2026, unidentified men killed a moto-taxi driver in Huye (Huye, Southern "
                    "Province). 1 fatality.", PUB)
    assert f.country == "RW"
    f = extract("", "On 6 April 2026, cattle rustlers shot dead a herder near Choma, Southern Province. "
                    "1 fatality.", PUB)
    assert f.country == "ZM"


def test_analysts_words_for_strikes_and_weapons_are_attacks():
    f = extract("", "On 14 April 2026, unidentified warplanes carried out 9 raids on militia positions near "
                    "Al Bukamal (Deir-ez-Zor). No casualties were reported.", PUB)
    assert f.kind == "attack"
    f = extract("", "On 15 April 2026, rebel fighters hit an army pickup with an ATGM near Kafr Nabudah, Hama. "
                    "No casualties were reported.", PUB)
    assert f.kind == "attack"
    f = extract("", "On 16 April 2026, soldiers were accused of assaulting a trader at a checkpoint in Beni "
                    "(Beni, Nord-Kivu).", PUB)
    assert f.kind == "attack"


def test_fighting_beside_cattle_or_disease_words_is_still_an_attack():
    f = extract("", "On 17 April 2026, clashes between two herding communities over stray cattle killed 3 "
                    "people near Kadugli (South Kordofan). 3 fatalities.", PUB)
    assert f.kind == "attack"
    f = extract("", "On 18 April 2026, police officers and robbers had a shoot-out near a clinic in Belem, Para, "
                    "amid the dengue outbreak. 0 fatalities.", PUB)
    assert f.kind == "attack"
    f = extract("", "On 19 April 2026, soldiers and smugglers exchanged fire near the border in Arlit, Agadez, "
                    "during a sandstorm. 0 fatalities.", PUB)
    assert f.kind == "attack"


def test_a_place_captured_is_an_attack_and_a_person_captured_an_arrest():
    f = extract("", "On 20 April 2026, KIA fighters captured a police post near Waingmaw (Waingmaw, Kachin).", PUB)
    assert f.kind == "attack"
    f = extract("", "On 20 April 2026, police captured two suspects in the town of Gombe (Gombe, Gombe).", PUB)
    assert f.kind == "arrest"


def test_a_groups_troops_name_it_as_perpetrator():
    assert "arakan-army" in _perps("On 21 April 2026, AA troops from the northern command overran a junta "
                                   "outpost near Ann (Ann, Rakhine). Fatality count unknown.")
    assert "arakan-army" in _perps("On 21 April 2026, AA captured a junta outpost near Ann (Ann, Rakhine).")


def test_what_was_captured_or_seized_from_a_group_makes_it_no_perpetrator():
    assert "pdf-myanmar" not in _perps("On 22 April 2026, soldiers captured the village of Tamu from PDF "
                                       "fighters after two days of fighting.")
    assert "al-shabaab" not in _perps("On 22 April 2026, troops seized a truck of explosives from Al Shabaab "
                                      "fighters near Bulo Burte (Bulo Burto, Hiraan).")


def test_a_figure_that_is_the_subject_of_left_is_no_toll():
    f = extract("", "On 23 April 2026, a clash between two clans over a water point in Galkayo (Galkacyo, "
                    "Mudug) left 4 people dead.", PUB)
    assert f.killed == 4
    f = extract("", "On 23 April 2026, 6 people were left injured after the blast in Bosaso (Bosaso, Bari).", PUB)
    assert f.wounded == 6


def test_embraced_martyrdom_is_a_death():
    f = extract("", "On 24 April 2026, security forces killed 7 terrorists in an operation in Tank (Tank, "
                    "Khyber Pakhtunkhwa). Two soldiers embraced shahadat during the exchange of fire.", PUB)
    assert f.killed == 2


def test_common_spellings_of_catalogued_groups():
    assert "jnim" in _perps("On 25 April 2026, Jama'at Nasr al-Islam wal Muslimin militants attacked a "
                            "gendarmerie post in Koutiala (Koutiala, Sikasso).")
    assert "jnim" in _perps("On 25 April 2026, Katiba Macina fighters burned granaries in Tenenkou (Tenenkou, "
                            "Mopti).")
    assert "ttp" in _perps("On 25 April 2026, terrorists of Fitna al Khawarij attacked a checkpoint in Kulachi "
                           "(Dera Ismail Khan, Khyber Pakhtunkhwa).")
    assert "m23" in _perps("On 25 April 2026, Alliance Fleuve Congo rebels shelled Minova (Kalehe, Sud-Kivu).")


def test_a_protest_about_violence_is_no_attack():
    f = extract("", "On 26 April 2026, traders closed their shops and marched in Butembo (Butembo, Nord-Kivu) to "
                    "protest the killing of 4 farmers by ADF rebels last week.", PUB)
    assert f.kind != "attack" and not f.killed
    f = extract("", "On 26 April 2026, youths protested in Bunia (Irumu, Ituri) against the insecurity caused "
                    "by CODECO attacks.", PUB)
    assert f.kind != "attack"
    # a fresh act of the protest, or against it, is an attack
    f = extract("", "On 26 April 2026, police opened fire on youths protesting against the killings in Bunia "
                    "(Irumu, Ituri), killing 2. 2 fatalities.", PUB)
    assert f.kind == "attack" and f.killed == 2
    f = extract("", "On 26 April 2026, rioters torched a police station in Beni (Beni, Nord-Kivu) to denounce "
                    "the killing of a motorcycle taxi driver.", PUB)
    assert f.kind == "attack"
    f = extract("", "On 27 April 2026, guards beat up a trader in Goma (Goma, Nord-Kivu) after he protested "
                    "against a new market tax.", PUB)
    assert f.kind == "attack"


def test_a_notes_opening_date_is_no_conjunct_of_the_victims():
    f = extract("", "On 4 May 2026, a herder and his son were killed when a mortar shell hit their hut near "
                    "Kadugli (Kadugli, South Kordofan).", PUB)
    assert f.killed == 2
    f = extract("", "On 4 May 2026, a nurse, her husband and their daughter were killed by gunmen in Kajuru "
                    "(Kajuru, Kaduna).", PUB)
    assert f.killed == 3


def test_the_parenthesised_province_slot():
    # a province name several countries share is no letter away from another ("Centar"): the other names decide
    f = extract("", "On 28 March 2026, gang members attacked Mirebalais (Centre), killing 10 people. "
                    "10 fatalities.", PUB)
    assert f.country == "HT"
    # a conflict province's common-word name stands as the province in that slot
    f = extract("", "On 21 March 2026, herders attacked Kwall village (Bassa, Plateau), killing 11 residents. "
                    "11 fatalities.", PUB)
    assert f.country == "NG" and f.province == "Plateau"
