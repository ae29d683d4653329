"""Places: gazetteer, disambiguation, the event location from the title and lead."""
from __future__ import annotations

from datetime import datetime, timezone

from bot.extract import extract
from bot.extract._places import gazetteer


def test_moscow_is_in_russia_not_idaho():
    f = extract("Explosion in Moscow", "An explosion hit a building in Moscow on Friday.")
    assert f.country == "RU" and f.place == "Moscow"


def test_demonym_city_of():
    f = extract("At least three killed in suicide bombing in Afghan city of Kandahar", "")
    assert (f.country, f.province, f.province_code, f.place) == ("AF", "Kandahar", "AF-KAN", "Kandahar")


def test_exonyms_and_aliases():
    f = extract("Rebels attack village in Nord-Kivu", "The attack took place in Nord-Kivu, in eastern DR Congo.")
    assert (f.country, f.province, f.province_code) == ("CD", "North Kivu", "CD-NK")


def test_location_chain_place_province_country():
    f = extract("", "Assailants attacked a police outpost in Kata Kopruk, Faryab, Afghanistan.")
    assert (f.country, f.province, f.province_code, f.place) == ("AF", "Faryab", "AF-FYB", "Kata Kopruk")
    f = extract("", "A bomb exploded in Jihad area, Baghdad, Iraq.")
    assert (f.province, f.place) == ("Baghdad", "Baghdad")


def test_background_place_is_not_the_event_location():
    text = ("More than 133 people were killed in an attack on a concert hall outside Moscow on Friday. "
            "The group was also behind the 2021 attack at Kabul airport in Afghanistan. " * 3)
    f = extract("Concert hall attack near Moscow", text, datetime(2024, 3, 23, tzinfo=timezone.utc))
    assert f.country == "RU" and f.province == "Moscow Oblast"


def test_landmark_refines_the_city():
    f = extract("Russia mourns after concert hall attack outside Moscow",
                "Gunmen stormed Crocus City Hall, a concert venue, on Friday.")
    assert (f.place, f.province_code) == ("Crocus City Hall", "RU-MOS")


def test_country_acting_is_not_a_location():
    f = extract("US and Iraq agree to start talks", "The US-led coalition has been in Iraq since 2014. "
                                                   "US officials said talks would start in Iraq soon.")
    assert f.country == "IQ"


def test_gazetteer_is_built_once():
    assert gazetteer() is gazetteer()   # cached: one build per process
    assert gazetteer().resolve_province("CD", "Nord Kivu")[0] == "CD-NK"
