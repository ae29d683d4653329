"""Weak patterns the tenth held-out batch showed (issue 12, second engineer): each case here is
written anew, not taken from the dev or held-out sets."""
from __future__ import annotations

from datetime import datetime, timezone

from bot.extraction import extract

PUB = datetime(2026, 12, 6, 12, tzinfo=timezone.utc)


def _read(title: str, text: str = ""):
    f = extract(title, text, PUB)
    return f.kind, f.killed, f.country


def test_an_arrest_in_a_police_raid_is_an_arrest():
    for t, x in (
            ("Police seize 300kg of methamphetamine, arrest six in Karachi raid", ""),
            ("Customs officers seize cocaine haul and detain three in Antwerp port raid", ""),
            ("", "On 2 March 2026, police arrested 5 suspected members of Al-Shabaab during raids in Mombasa "
                 "(Mombasa, Mombasa). Explosives and phones were seized."),
            ("", "On 8 June 2026, gendarmes detained 3 suspected JNIM collaborators in raids on houses in Fada "
                 "N'Gourma (Gourma, Est). Fatality count unknown."),
            ("", "On 9 May 2026, police raided a house in Zaria and arrested 3 suspected kidnappers. Rifles "
                 "were seized.")):
        assert _read(t, x)[0] == "arrest", t or x
    # an armed group's raid, and a raid that kills, stay attacks
    assert _read("", "On 4 April 2026, ISWAP fighters raided an army base in Marte (Borno) and seized weapons; "
                     "troops arrested 2 of them later.")[0] == "attack"
    assert _read("Police raid on gang hideout in Rio leaves 6 dead, 10 arrested")[0] == "attack"
    assert _read("Bandits raid market in Sokoto, seize cattle and kill 4")[:2] == ("attack", 4)
    assert _read("Gunmen raid village in Zamfara, abduct 30 women")[0] == "attack"
    assert _read("", "On 4 April 2026, Ansaru raided a village near Birnin Gwari and seized cattle; soldiers later "
                     "arrested 2 of them.")[0] == "attack"


def test_old_ordnance_made_safe_without_the_wars_name_is_no_attack():
    for t, x in (
            ("Unexploded wartime bomb found in canal made safe", "Navy divers towed the 250kg bomb out to sea and blew it up."),
            ("Army experts detonate war-era shell near Dresden railway line", ""),
            ("Decades-old aerial bomb defused in Hamburg after 4,000 evacuated", "")):
        assert _read(t, x)[0] == "other", t
    # a fresh bombing stays an attack, whatever the lead recalls of a past war
    assert _read("Car bomb kills 7 at checkpoint in Mogadishu",
                 "The blast was the deadliest since the wartime shelling of the 1990s.")[:2] == ("attack", 7)
    assert _read("Islamic State fighters plant wartime shells as IEDs, killing 5 in Kirkuk")[0] == "attack"


def test_a_bout_in_the_ring_and_heart_attacks_are_no_attack():
    for t in ("Title holder knocks out challenger in brutal third-round assault",
              "Veteran knocked out his opponent in savage assault to keep heavyweight title",
              "Heart attacks kill more women than breast cancer, study finds",
              "Panic attacks on the rise among teenagers, survey says"):
        assert _read(t)[0] == "other", t
    assert _read("Gunmen attack boxing gym in Tijuana, kill 5")[:2] == ("attack", 5)
    assert _read("Suicide bomber attacks stadium during title fight, killing 9")[0] == "attack"


def test_a_list_after_an_age_counts_every_victim():
    assert _read("Russian missile strike on Zaporizhzhia kills a 7-year-old boy and three adults")[1] == 4
    assert _read("", "Drones hit a block of flats in Kherson, killing a 15-year-old girl and two women, "
                     "officials said.")[1] == 3
    assert _read("Suicide bomber kills an 11-year-old boy and 6 policemen in Bannu")[1] == 7
    assert _read("", "Gunmen shot dead a 52-year-old farmer in Benue on Monday.")[1] == 1


def test_all_n_on_board_is_the_toll():
    assert _read("Plane crash in Bolivia kills all 23 on board")[:2] == ("other", 23)
    assert _read("", "The helicopter crashed in fog near Lukla, killing all 6 on board.")[1] == 6
    assert _read("Militants shoot down helicopter in Niger, killing all 11 on board")[:2] == ("attack", 11)
    assert _read("Gunmen attack bus in Balochistan, killing all 9 passengers")[:2] == ("attack", 9)


def test_a_wars_name_as_a_modifier_is_no_place():
    assert _read("Sudan war demand lifts grain trader's earnings")[2] is None
    assert _read("Arms maker's orders hit record", "The firm said demand driven by the Syria conflict had lifted "
                                                   "sales of shells.")[2] is None
    # the war's own news, and a place named beside it, stay where they are
    assert _read("Sudan war: RSF shelling kills 20 in El Fasher")[2] == "SD"
    assert _read("Sudan war kills 30 in Darfur market attack")[2] == "SD"
    assert _read("Mozambique conflict monitor: insurgents attack convoy")[2] == "MZ"


def test_a_region_of_several_countries_is_no_country():
    for t in ("Jihadist violence in the Sahel rose by a third, monitor says",
              "Drought and conflict push millions to hunger in the Horn of Africa",
              "Attacks on aid convoys across Central Asia decline",
              "Smuggling routes through the Sahara expand, report says"):
        assert _read(t)[2] is None, t
    assert _read("Gunmen kill 12 in the Sahel region of Burkina Faso")[2] == "BF"
    assert _read("Jihadists kill 15 in Tillaberi, in the heart of the Sahel")[2] == "NE"


def test_two_countries_named_as_sides_with_no_place_are_no_place():
    for t in ("Ethiopia and Eritrea sign pact to end border hostilities",
              "Pakistan and India agree ceasefire after border clashes",
              "Armenia and Azerbaijan hold peace talks"):
        assert _read(t)[2] is None, t
    assert _read("Russia and Ukraine swap prisoners after talks in Istanbul")[2] == "TR"
    assert _read("Attacks in Mali and Burkina Faso kill 30")[2] == "ML"   # "in Mali": a place


def test_a_big_citys_short_name_before_its_airport():
    assert _read("Bomb threat forces evacuation of Frankfurt airport")[2] == "DE"
    assert _read("Flights resume at Frankfurt after drone sighting")[2] == "DE"


def test_capitals_read_as_the_same_title_in_small_letters():
    for t in ("Peshawar railway station blast: death toll rises to 14",
              "Former Nepali army chief who led offensive against Maoists dies at 81",
              "2025 was the worst year for journalists, watchdog says",
              "Film revisits the 2008 Mumbai attacks"):
        assert _read(t.upper()) == _read(t), t
    assert _read("PESHAWAR RAILWAY STATION BLAST: DEATH TOLL RISES TO 14")[2] == "PK"
    assert _read("GUNMEN KILL 5 IN KADUNA VILLAGE")[1:] == (5, "NG")


def test_an_obituary_naming_two_wars_is_no_place():
    assert _read("Veteran war reporter who covered Bosnia and Afghanistan dies at 88")[2] is None
    assert _read("Floods kill 6 in northern Bosnia")[2] == "BA"
