"""Casualty figures: the phrase table, qualifiers, vague quantities, exclusions."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.extraction import extract

PUB = datetime(2024, 6, 8, tzinfo=timezone.utc)


def facts(title: str, text: str = ""):
    return extract(title, text, PUB)


@pytest.mark.parametrize("title, killed", [
    ("Five killed in bomb attack on market", 5),
    ("Gunmen attack village, killing 12 people", 12),
    ("Suicide bombing leaves 7 dead in northern town", 7),
    ("Death toll rises to 43 after attack on mosque", 43),
    ("Death toll from the attack has risen to 137", 137),
    ("Police find 9 bodies after militant raid", 9),
    ("Twenty-two people were killed when gunmen stormed the camp", 22),
    ("A dozen people were killed in the ambush", 12),
    ("One hundred and thirty-seven people were killed in the attack", 137),
    ("Attackers killed 1,000 people in the siege", 1000),
    ("At least three people have been killed in an explosion", 3),
    ("Rebels massacred 40 villagers overnight", 40),
    ("Two soldiers and three civilians were killed in the ambush", 5),
])
def test_killed_forms(title, killed):
    assert facts(title).killed == killed


@pytest.mark.parametrize("title, wounded", [
    ("Blast wounds many; 14 injured in market explosion", 14),
    ("Two killed and 11 hurt in grenade attack", 11),
    ("Attack kills three, wounding 20", 20),
    ("Three killed, 12 others wounded in suicide bombing", 12),
    ("At least 145 people had been injured in the attack", 145),
])
def test_wounded_forms(title, wounded):
    assert facts(title).wounded == wounded


@pytest.mark.parametrize("text, qualifier", [
    ("Gunmen killed at least 38 people.", "at least"),
    ("More than 133 people have been killed.", "more than"),
    ("Nearly 100 people were killed.", "nearly"),
    ("Up to 30 people were killed.", "up to"),
    ("Over 50 people were killed.", "more than"),
])
def test_qualifiers(text, qualifier):
    c = [c for c in facts(text).casualties if c.type == "killed"][0]
    assert c.qualifier == qualifier


def test_vague_quantities_follow_acled_and_are_approximate():
    f = facts("Dozens killed in attack on village")
    assert f.killed == 12
    c = f.casualties[0]
    assert c.approximate and c.value == 12
    assert facts("Hundreds injured as bombs hit market").wounded == 100
    assert facts("Scores of people were gunned down at the concert").killed == 20


def test_exact_figure_preferred_over_vague_in_the_lead():
    f = facts("Mourning after attack", "Scores of people were gunned down at the concert. "
                                       "Officials said 133 people were killed.")
    assert f.killed == 133


def test_title_and_lead_give_the_toll_not_later_reports():
    f = facts("At least three killed in suicide bombing",
              "At least three people have been killed and 12 others wounded in a suicide bombing. "
              "A hospital source said 20 people were killed, but officials disputed it. " * 1
              + "Other news follows. " * 5)
    assert (f.killed, f.wounded) == (3, 12)


def test_including_subset_is_not_added():
    f = facts("", "The attack killed at least 133 people, including three children, and wounded more than 100 others.")
    assert (f.killed, f.wounded) == (133, 100)


def test_attackers_counted_apart():
    f = facts("", "In addition to the assailant, five people were killed in the attack.")
    assert f.killed == 5
    f = facts("", "At least three soldiers and 28 assailants were killed in the clash.")
    assert f.killed == 3
    assert any(c.perpetrators and c.value == 28 for c in f.casualties)


@pytest.mark.parametrize("text", [
    "An attack in Istanbul on January 1, 2017 killed 39 people in a nightclub.",
    "Last year, a similar bombing killed 40 people.",
    "The group was behind another village assault that killed at least 16 people earlier this week.",
    "The rebels have killed more than 50 people in the region this week.",
    "The 2004 Beslan school siege, in which 334 people were killed, still haunts Russia.",
    "Currently, about 2,500 US troops are still deployed in Iraq.",
    "More than 110,000 people have been displaced by the fighting.",
    "Police rounded up 304 suspects in raids across the country.",
])
def test_not_this_event(text):
    f = facts("", text)
    assert f.killed is None and f.wounded is None


def test_other_event_figures_are_kept_but_flagged():
    f = facts("", "An attack on January 1, 2017 killed 39 people in a nightclub.")
    assert [(c.value, c.this_event) for c in f.casualties] == [(39, False)]


def test_years_dates_and_names_are_not_figures():
    f = facts("", "On March 22, 2024 Operation Heroes-37 began at 8:00am in Police District 7.")
    assert f.killed is None and f.casualties == ()


def test_gtd_date_prefix_is_not_a_figure():
    f = extract("", "01/12/2021: Assailants attacked a checkpoint in Kunduz, Afghanistan. Two soldiers were killed.")
    assert f.killed == 2


def test_arrests_are_not_casualties():
    f = facts("Police arrest 29 suspects", "At least 29 suspects were arrested in the operation.")
    assert f.killed is None and f.arrested == 29


def test_singular_victim_and_named_victims():
    assert facts("", "Assailants shot and killed a judge in Jalalabad, Afghanistan.").killed == 1
    assert facts("", "The driver was killed in the blast.").killed == 1
    assert facts("", "The bodyguard and his son were killed in the attack.").killed == 2
    assert facts("", "No one was killed in the attack.").killed in (0, None)


def test_others_and_also_add_victims():
    assert facts("", "The commander and seven other soldiers were killed in the ambush.").killed == 8
    assert facts("", "Gunmen shot and killed a police officer in the city. A civilian was also killed.").killed == 2


@pytest.mark.parametrize("title, text, killed", [
    ("Death toll from Beni attack rises to 20",
     "The death toll from the attack on a village in Beni, North Kivu, rose to 20, officials said.", 20),
    ("Market blast", "The toll in the attack on the market in Maiduguri has climbed to 41.", 41),
])
def test_a_toll_verb_reaches_back_past_a_place_to_its_toll(title, text, killed):
    assert extract(title, text).killed == killed


# --- one incident of a series: an aggregate divided among the attacks (GTD convention) ---

SERIES = ("Gunmen attacked a police post in Riverton, Freedonia. This was one of three related attacks "
          "in the district on this date. ")


@pytest.mark.parametrize("figure, killed", [
    ("Twelve people were killed across the attacks.", 4),           # the "one of N" count
    ("Ten people were killed across the attacks.", 3),              # 3.33, rounded half up
    ("Eleven people were killed across the attacks.", 4),           # 3.67
    ("Ten people were killed across the two attacks.", 5),          # the phrase's own count wins
    ("Eight people were killed across both attacks.", 4),
    ("Nine people were killed between two of the attacks.", 5),     # 4.5, half up
    ("Fifteen people were killed in the three raids.", 5),
    ("Six people were killed in total.", 2),
])
def test_series_aggregate_is_divided_among_the_attacks(figure, killed):
    f = facts("", SERIES + figure)
    assert f.killed == killed
    share = [c for c in f.casualties if c.type == "killed" and c.this_event]
    assert [(c.value, c.qualifier, c.approximate) for c in share] == [(killed, "about", True)]
    # the aggregate itself is kept, flagged as not this event's figure
    assert any(not c.this_event and c.value > killed for c in f.casualties if c.type == "killed")


def test_series_split_applies_to_wounded_and_to_victims_only():
    f = facts("", SERIES + "At least six soldiers and nine assailants were killed while 12 soldiers "
                           "were injured across the ensuing clashes.")
    assert (f.killed, f.wounded) == (2, 4)


def test_news_aggregate_is_not_divided():
    # ordinary news does not frame its event as one of N incidents: the aggregate is the event
    f = facts("Coordinated attacks on three villages kill 40",
              "Coordinated attacks on three villages killed 40 people across the attacks, officials said.")
    assert f.killed == 40
    assert all(c.this_event for c in f.casualties)


def test_series_figure_about_this_attack_is_not_divided():
    assert facts("", SERIES + "Four people were killed in the attack.").killed == 4
    # "in the blasts" can be the several bombs of one attack
    assert facts("", SERIES + "Five people were injured in the blasts.").wounded == 5


def test_series_needs_a_count():
    f = facts("", "This was one of several attacks in the area. Nine people were killed across the attacks.")
    assert f.killed == 9


# --- grammar that generalises ---------------------------------------------------------

def test_victims_led_away_before_being_killed():
    assert facts("", "The two guards were tied up and driven to a field before being shot and killed.").killed == 2
    assert facts("", "Five men were taken to a nearby river before being executed.").killed == 5
    assert facts("", "Five men were abducted before being released the next day.").killed is None


def test_manner_of_death_pairs():
    assert facts("", "The mayor was shot and hacked to death outside his home.").killed == 1
    assert facts("", "The farmer was stabbed and beaten to death.").killed == 1


def test_unknown_number_is_no_count():
    f = facts("", "At least three guards were killed in the raid. Additionally, an unknown number of "
                  "the victims were beheaded.")
    assert f.killed == 3
    f = facts("", "One person was killed and an unknown number of people were injured in the attack.")
    assert (f.killed, f.wounded) == (1, None)


def test_named_victim_with_appositive_and_spouse():
    assert facts("", "Ortega, a local councillor and nurse, and her husband were killed in the attack.").killed == 2
    assert facts("", "Ortega, a local councillor, and her husband were killed in the attack.").killed == 2


def test_another_adds_victims_in_the_lead():
    f = facts("", "Two people were killed and three injured in the raid. Three captives escaped while "
                  "another four captives were killed.")
    assert f.killed == 6
    # "another attack" is another event, not more victims of this one
    f = facts("", "Two people were killed in the raid. Another attack in the region killed nine people.")
    assert f.killed == 2


# --- figures beyond the lead that recount other events (bot/extraction/_background.py) -------
PUB = datetime(2024, 3, 23, tzinfo=timezone.utc)
_LEAD = ("Gunmen killed 12 people at a market in Maiduguri, Nigeria, on Friday, officials said.\n\n"
         "The attackers arrived on motorbikes and opened fire on traders.\n\n"
         "Police said the area had been sealed off.\n\n"
         "Residents fled to nearby villages.\n\n")


def _figs(body: str, published=PUB):
    f = extract("Gunmen kill 12 at market in Nigeria", _LEAD + body, published)
    return f, {(c.type, c.value): c.this_event for c in f.casualties}


def test_paragraph_naming_a_past_year_marks_its_later_sentences():
    f, figs = _figs("The group was blamed for an attack on a church in 2019. "
                    "A month later, its fighters killed 31 villagers.\n\n")
    assert f.killed == 12
    assert figs[("killed", 31)] is False


def test_the_paragraph_ends_at_the_line_break():
    _, figs = _figs("The group was blamed for an attack on a church in 2019.\n\n"
                    "Doctors said 7 of the wounded remained in hospital, and 4 others were killed.\n\n")
    assert figs[("killed", 4)] is True


def test_past_month_in_the_sentence():
    _, figs = _figs("In January, a similar raid by the group on a village killed 17 people.\n\n"
                    "An ambush in May 2020 killed 9 soldiers.\n\n")
    assert figs[("killed", 17)] is False
    assert figs[("killed", 9)] is False


def test_publication_month_is_not_past():
    _, figs = _figs("In March, the toll of the market attack rose and 3 more people died.\n\n")
    assert figs[("killed", 3)] is True


def test_a_location_in_another_country():
    _, figs = _figs("Fighters of the same group stormed a barracks in Diffa, Niger, where they killed 22 soldiers.\n\n")
    assert figs[("killed", 22)] is False


def test_nearest_place_decides():
    _, figs = _figs("Maiduguri may seem far from the fighting in Mali, where a bombing in Gao killed 40.\n\n")
    assert figs[("killed", 40)] is False


def test_background_heading_covers_its_section_until_the_next_heading():
    f, figs = _figs("Earlier attacks\n\n"
                    "The group has a long record of violence.\n\n"
                    "Its fighters stormed a school and 43 students were killed.\n\n"
                    "Reaction\n\n"
                    "Hospital officials said 8 people were killed.\n\n")
    assert f.killed == 12
    assert figs[("killed", 43)] is False
    assert figs[("killed", 8)] is True


def test_referring_back_to_this_event_keeps_the_figure():
    _, figs = _figs("Previous attacks\n\n"
                    "The attack on Friday left 19 people wounded, the hospital said.\n\n"
                    "An attack in 2018 killed 60, and the market attack in Maiduguri killed 15, a later count said.\n\n")
    assert figs[("wounded", 19)] is True
    assert figs[("killed", 60)] is False


def test_the_lead_is_never_judged_by_its_context():
    # the lead reports the event: a past year in a later sentence of the first paragraph
    # does not move its figure
    f = extract("Bomb kills 5 in Kabul",
                "A bomb killed 5 people in Kabul on Sunday. It was the deadliest blast since 2021.", PUB)
    assert f.killed == 5
    assert all(c.this_event for c in f.casualties if c.value == 5)
