"""Patterns the twenty-ninth held-out batch showed (issue 12, the lead's general fixes): each case here is written
anew, not taken from the dev or held-out sets."""
from __future__ import annotations

from bot.extraction import extract
from tests.test_extract_weak10b import PUB


def _cases(title: str) -> tuple[str, ...]:
    return title, title.title(), title.upper()


def test_a_ruling_on_an_earlier_police_killing_is_no_attack():
    for title, lead in (
        ("Court rules Lyon police acted lawfully in fatal shooting of armed robber",
         "Officers shot dead a man who fired at them outside a bank in the city in 2023, the court found."),
        ("Inquiry finds officers acted lawfully in fatal police shooting of teenager", ""),
    ):
        for t in _cases(title):
            f = extract(t, lead, PUB)
            assert (f.kind, f.killed) == ("other", None), t
    # a police killing itself stays one
    assert extract("Police shoot dead man who attacked officers with a knife in Lyon", "", PUB).kind == "attack"


def test_a_loud_word_that_someone_calls_a_thing_is_a_figure_of_speech():
    for title in ("Italian carmaker to cut 3,000 jobs in what unions call 'a massacre'",
                  "Budget cuts are what teachers called \"a bloodbath\" for schools"):
        for t in _cases(title):
            f = extract(t, "", PUB)
            assert (f.kind, f.killed) == ("other", None), t
    assert extract("Gunmen massacre 12 villagers in Zamfara", "", PUB).kind == "attack"


def test_an_old_wars_leftover_mine_with_a_countrys_possessive_is_no_attack():
    for title in ("Landmine left from Mozambique's civil war kills three herders",
                  "Mine left over from Cambodia's war kills farmer"):
        for t in _cases(title):
            assert extract(t, "", PUB).kind == "other", t
    assert extract("Landmine planted by rebels kills three herders in Mozambique", "", PUB).kind == "attack"


def test_a_coalitions_rebels_and_a_quoted_political_assassination_are_politics():
    for title in ("Italian prime minister survives 'political assassination' as coalition rebels back down",
                  "Prime minister sees off revolt as coalition partners back budget"):
        for t in _cases(title):
            assert extract(t, "", PUB).kind == "other", t
    assert extract("Prime minister meets envoy for ceasefire talks", "", PUB).kind == "diplomacy"


def test_bodies_found_beside_a_gang_war_are_violent_deaths_and_migrants_in_a_desert_are_not():
    for t in _cases("Bodies of 9 men found in Tijuana canyon as cartel war rages"):
        f = extract(t, "", PUB)
        assert (f.kind, f.killed) == ("attack", 9), t
    for t in _cases("Bodies of 7 migrants found in desert near border"):
        assert extract(t, "", PUB).kind == "other", t


def test_a_group_that_says_its_fighters_carried_out_the_attack_is_its_perpetrator():
    lead = ("Gunmen opened fire on a passenger bus near Turbat on Monday, killing four people. The Baloch Liberation "
            "Army said in a statement that its fighters carried out the attack.")
    for t in _cases("Gunmen attack passenger bus near Turbat, killing 4"):
        f = extract(t, lead, PUB)
        assert [(g.name, g.role) for g in f.groups] == [("Balochistan Liberation Army", "perpetrator")], t
    lead = lead.replace("its fighters carried out", "its men had carried out")
    assert extract("Gunmen attack bus near Turbat", lead, PUB).groups[0].role == "perpetrator"


def test_a_title_case_as_before_a_town_is_the_english_word():
    for title, cc in (("Panic on the trading floor as Lahore stocks crash 6%", "PK"),
                      ("Late winner breaks hearts as Liverpool beat Everton", "GB")):
        for t in _cases(title):
            assert extract(t, "", PUB).country == cc, t


def test_a_town_before_its_own_police_or_army_post_is_the_place_in_any_case():
    for title, cc in (("Court rules Toulouse police acted lawfully in fatal shooting", "FR"),
                      ("Between 20 and 30 soldiers killed as JNIM overruns Djibo army post", "BF")):
        for t in _cases(title):
            assert extract(t, "", PUB).country == cc, t


def test_a_town_that_marks_its_massacre_is_the_place_and_a_scottish_town_is_in_britain():
    for title, cc in (("Srebrenica marks 30 years since massacre of 8,000", "BA"),
                      ("Lockerbie bombing families gather for anniversary", "GB"),
                      ("Families gather for memorial in Scottish town", "GB")):
        for t in _cases(title):
            f = extract(t, "", PUB)
            assert (f.kind, f.killed, f.country) == ("other", None, cc), t


def test_an_animal_by_its_news_names_that_tramples_mauls_or_gores_is_no_attacker():
    for title, lead in (("Tusker attacks farmers, kills three in Jharkhand", ""),
                        ("Jumbo attack leaves woman dead in Sonitpur", ""),
                        ("Wild elephant tramples two farmers to death in Assam",
                         "The tusker attacked the farmers as they guarded their paddy at night."),
                        ("Herder gored to death by bison in Wayanad", "")):
        for t in _cases(title):
            assert extract(t, lead, PUB).kind == "other", t
    assert extract("Gunmen attack farmers, kill three in Jharkhand", "", PUB).kind == "attack"


def test_a_ball_games_shot_beside_a_late_strike_is_no_violence():
    for title, lead in (("Late strike kills off Chelsea as Liverpool win at Anfield",
                         "Salah's shot in the 90th minute gave Liverpool a 2-1 win."),
                        ("Late equaliser kills off Celtic title hopes",
                         "Rangers fired home in stoppage time to draw 1-1.")):
        for t in _cases(title):
            assert extract(t, lead, PUB).kind == "other", t
    assert extract("Fans shot at after late equaliser in Lagos derby", "", PUB).kind == "attack"
    assert extract("Man shot dead outside stadium after match", "", PUB).kind == "attack"
