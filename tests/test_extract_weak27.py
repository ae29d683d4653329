"""Patterns the thirty-second held-out batch showed (issue 12, the lead's general fixes): each case here is
written anew, not taken from the dev or held-out sets."""
from __future__ import annotations

from bot.extraction import extract
from tests.test_extract_weak10b import PUB


def _cases(title: str) -> tuple[str, str, str]:
    return title, title.title(), title.upper()


def test_civil_roles_killed_by_forces_are_victims():
    for title in (
        "Troops abducted and later killed three local administrators in West Wollega",
        "Government soldiers killed three local officials in Oromia",
        "Army kills three village chiefs in Kebbi",
    ):
        for t in _cases(title):
            for lead in ("", "Residents said the killings happened on Sunday."):
                f = extract(t, lead, PUB)
                assert f.killed == 3, (t, lead)
                assert not any(c.perpetrators for c in f.casualties), (t, lead)
    # an armed group's men stay combatants
    f = extract("Troops kill 12 militants in Borno", "", PUB)
    assert f.killed is None and any(c.perpetrators and c.value == 12 for c in f.casualties)
    # (a group's killing of them was already read so: a guard)
    for t in _cases("Rebels abducted and later killed three local administrators in Ituri"):
        assert extract(t, "", PUB).killed == 3, t


def test_a_toll_put_at_n_gives_the_figure_of_a_numberless_killing():
    for t in _cases("Rebels hack villagers to death in Beni territory, toll put at 18"):
        assert extract(t, "", PUB).killed == 18, t
    assert extract("Bandits raid village in Zamfara; toll placed at 9", "", PUB).killed == 9
    assert extract("Gunmen storm a market in Mopti", "The toll was put at 14 by local officials.", PUB).killed == 14
    assert extract("Gunmen storm a market in Mopti", "The toll was estimated at 14 by local officials.",
                   PUB).killed == 14


def test_a_headlines_bare_killing_of_a_singular_person_is_one_victim():
    for t in _cases("Dissidents blamed for killing of social leader in Cauca"):
        for lead in ("", "The man was shot outside his home, police said."):
            assert extract(t, lead, PUB).killed == 1, (t, lead)
    assert extract("Killing of journalist in Cauca blamed on dissidents", "", PUB).killed == 1
    # another story's killing, a plural with no number, or an article: no figure here
    assert extract("Protest over killing of student in Dhaka", "", PUB).killed is None
    assert extract("Jury convicts man for killing of teacher", "", PUB).killed is None
    assert extract("Rebels blamed for killing of civilians in Ituri", "", PUB).killed is None


def test_an_exchange_of_the_dead_is_diplomacy_with_no_toll():
    for title in ("Ukraine, Russia swap bodies of 900 fallen soldiers",
                  "Ukraine and Russia exchange bodies of 750 soldiers",
                  "Russia repatriates bodies of 500 soldiers to Ukraine"):
        for t in _cases(title):
            f = extract(t, "", PUB)
            assert f.kind == "diplomacy" and f.killed is None, t
            assert f.country in (None, "UA", "RU"), t
    # bodies found stay a toll
    assert extract("Bodies of 11 men found in ravine as cartel war rages", "", PUB).killed == 11


def test_the_dead_as_a_noun_counts_no_crowd():
    for title in ("Thousands walked through the capital carrying portraits of the dead",
                  "Hundreds marched in Bamako with photos of the slain"):
        for t in _cases(title):
            f = extract(t, "", PUB)
            assert f.killed is None and not f.casualties, t
    assert extract("Gunmen kill 12 in Kano; five of the dead were women", "", PUB).killed == 12


def test_a_quoted_title_before_sales_records_is_no_attack():
    for t in _cases("Video game sales explode as 'Kill Order 4' breaks records"):
        assert extract(t, "", PUB).kind == "other", t
    assert extract("Fans queue for hours as 'Kill Room' sells 5 million copies", "", PUB).kind == "other"
    assert extract("Gunmen 'kill' 5 in Kano", "", PUB).kind == "attack"


def test_a_yearly_disease_toll_and_old_war_bomb_and_sport_venue_guards():
    # (already read so: guards for the batch's other items)
    for t in _cases("Dengue has killed 112 people this year, health ministry says"):
        f = extract(t, "", PUB)
        assert f.killed is None and f.kind == "other", t
    for t in _cases("Second World War bomb defused in Cologne; the American device was found on a building site"):
        assert extract(t, "", PUB).country == "DE", t
    for t in _cases("India crush Pakistan by 7 wickets in Ahmedabad"):
        assert extract(t, "", PUB).country == "IN", t


def test_a_cartels_home_state_is_no_place():
    for t in _cases("Jalisco cartel (CJNG) gunmen killed 4 police officers in Tepalcatepec (Michoacan)"):
        f = extract(t, "", PUB)
        assert (f.country, f.province, f.killed) == ("MX", "Michoacan", 4), t
    f = extract("Sinaloa cartel gunmen kill 5 in Uruapan, Michoacan", "", PUB)
    assert (f.country, f.province) == ("MX", "Michoacan")
    # the state as the place stays
    assert extract("Gunmen kill 5 in Culiacan, Sinaloa", "", PUB).province == "Sinaloa"
