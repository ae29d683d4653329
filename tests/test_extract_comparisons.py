"""A span word after a superlative or an ordinal compares an event with the year's others; it does
not date it ("the deadliest attack this year"), so the title's toll stays this event's and the
title stays an attack. A participle ("..., killing 5") is a title's own act, but not after "of",
"for", "over", "with" ("accused of killing", "jailed for killing"). Made-up titles (issue 12)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.extraction import extract

PUB = datetime(2026, 12, 6, 12, tzinfo=timezone.utc)


@pytest.mark.parametrize("title, killed", [
    ("Gunmen kill 12 in deadliest attack this year in Zamfara", 12),
    ("Deadliest raid this year leaves 30 dead in Borno", 30),
    ("Second bombing this year at Kandahar shrine kills 40", 40),
    ("Militants kill 7 soldiers in third ambush this week in Tillaberi", 7),
    ("Worst attack since last year: bandits kill 9 in Katsina", 9),
])
def test_a_compared_span_keeps_the_toll(title, killed):
    f = extract(title, "", PUB)
    assert (f.kind, f.killed) == ("attack", killed)


@pytest.mark.parametrize("title, killed", [
    ("Militants attack burial ceremony in Cabo Delgado, killing 5", 5),
    ("Gunmen storm memorial service in Ituri, killing 8", 8),
])
def test_a_participle_is_the_titles_own_act(title, killed):
    f = extract(title, "", PUB)
    assert (f.kind, f.killed) == ("attack", killed)


@pytest.mark.parametrize("title", [
    "Over 3,000 civilians killed in Sudan this year, monitors say",
    "Trial opens of soldiers accused of killing 12 villagers",
    "Man jailed for killing 5 in 2021 market bombing",
    "Court convicts two over killing of aid worker",
    "Three charged with killing of police officer",
])
def test_spans_and_gerunds_stay_another_time(title):
    f = extract(title, "", PUB)
    assert f.kind != "attack"
    assert f.killed is None


# Burials, memorials, drills, deals and appeals are another time or no violence only when the title
# states no toll of its own: a fresh attack on a burial or a drill is still an attack.
@pytest.mark.parametrize("title, killed", [
    ("Mourners attacked at burial in Ituri, 7 dead", 7),
    ("Gunmen attack military drill in Borno, 5 soldiers dead", 5),
    ("Five dead as gunmen open fire at memorial in Nangarhar", 5),
    ("Attack threatens peace deal as 12 killed in Ituri", 12),
    ("12 killed as missile hits Kharkiv, highest toll this year", 12),
])
def test_soft_words_yield_to_a_toll(title, killed):
    f = extract(title, "", PUB)
    assert (f.kind, f.killed) == ("attack", killed)


@pytest.mark.parametrize("title", [
    "Burial held for victims of mosque bombing in Maiduguri",
    "Army holds live-fire drill near border after rocket attacks",
    "Government signs arms deal worth $2bn amid insurgency",
])
def test_soft_words_without_a_toll_are_no_attack(title):
    assert extract(title, "", PUB).kind != "attack"


# An air raid's dead are victims unless the object names fighters; ground forces killing an
# unnamed number stay combatants (the convention for "Army kills 12 in Borno").
@pytest.mark.parametrize("title, killed", [
    ("Junta airstrike kills 40 at monastery in Sagaing", 40),
    ("Airstrike kills 40 in Idlib", 40),
    ("Airstrikes kill 30 al-Shabaab militants in Jilib", None),
    ("Airstrike kills 12 Houthi fighters near Saada", None),
    ("Army kills 12 in Borno", None),
])
def test_air_raids_kill_victims_unless_fighters_are_named(title, killed):
    assert extract(title, "", PUB).killed == killed
