"""Non-attack items that speak of violence (issue 12, third held-out batch, false-alarm side): each
case here is written anew in the style of world-news feeds, not taken from the held-out sets."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.extraction import extract

PUB = datetime(2026, 12, 6, 12, tzinfo=timezone.utc)


def _kind(title: str, text: str = "") -> str:
    return extract(title, text, PUB).kind


# A word on two cue lists ("sentenced": a trial and a court word) counts for both; court words
# beyond "jails" and "convicts" make a title about another time.
@pytest.mark.parametrize("title", [
    "Former rebel commander sentenced to 25 years for village killings",
    "Supreme court upholds life term for hotel bomber",
    "Gunman loses appeal against conviction for mosque shootings",
    "Two men plead guilty over festival bombing",
])
def test_court_titles_are_no_attack(title):
    assert _kind(title) != "attack"


# "massacre" after an article or year, or before "case", "trial", "survivors", is a noun, not a fresh act.
@pytest.mark.parametrize("title", [
    "Court frees three in church massacre case",
    "Film revisits the 1982 massacre in a refugee camp",
])
def test_a_massacre_noun_is_no_fresh_attack(title):
    assert _kind(title) != "attack"


def test_a_past_year_in_the_title_is_another_time():
    assert _kind("Families of 2015 mall attack victims demand answers") != "attack"
    assert _kind("Gunmen kill 5 on anniversary of 2015 massacre") == "attack"


def test_a_yearly_toll_is_no_attack():
    assert _kind("Violence killed 900 civilians in Cameroon last year, rights group says") == "other"
    assert _kind("Suicide bombing kills 12 in Kabul, deadliest this year") == "attack"


@pytest.mark.parametrize("title, text", [
    ("Governor hits challenger with attack ads", "The ads ran on television across the state."),
    ("Egypt buys 12 attack helicopters", "The helicopters will be delivered next year."),
    ("President launches scathing attack on central bank", "He accused it of killing growth."),
    ("Two pilots killed as jet crashes on runway", "Officials ruled out an attack."),
    ("City's murder rate falls to ten-year low", "Police recorded 120 homicides."),
    ("Cholera kills 40 children in camps", "The camps shelter families displaced by the insurgency."),
])
def test_benign_attack_phrases(title, text):
    assert _kind(title, text) == "other"


@pytest.mark.parametrize("title", [
    "Navy fires cruise missiles in drills off the coast",
    "North Korea fires two missiles into the sea",
    "Army signs contract for 300 rocket launchers",
    "Jihadists free 9 hostages in northern Burkina Faso",
])
def test_drills_deals_and_releases_are_no_attack(title):
    assert _kind(title) == "other"


def test_private_crime_and_poaching_are_no_attack_unless_armed():
    assert _kind("Man stabs wife to death in quarrel over money") == "other"
    assert _kind("Poachers shoot dead four elephants in park") == "other"
    assert _kind("Bandits kill 5 herders in quarrel over cattle") == "attack"


def test_a_match_score_overrides_violent_words():
    assert _kind("Arsenal massacre Wolves 5-0 at the Emirates") == "other"


def test_suicide_and_tainted_liquor_are_no_attack():
    assert _kind("Policeman killed himself at station in Punjab") == "other"
    assert _kind("Illicit liquor kills 20 in Gujarat") == "other"
    assert _kind("Suicide bomber killed himself and 6 others at checkpoint") == "attack"


def test_a_lead_alone_about_a_trial_is_no_attack_and_has_no_toll():
    f = extract("", "A court in Brussels on Monday opened the trial of nine men over the 2016 bombings "
                    "that killed 32 people at the airport.", PUB)
    assert f.kind != "attack" and not f.killed


def test_a_lead_alone_keeps_its_own_act_beside_retro_words():
    text = "An explosive device went off at the scene of the previous blast in Kabul, wounding six civilians."
    assert extract("", text, PUB).kind == "attack"
    assert extract("", "Gunmen freed inmates and set fire to a police station in Imo state on Sunday.",
                   PUB).kind == "attack"
