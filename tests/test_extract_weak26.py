"""Patterns the thirty-first held-out batch showed (issue 12, the lead's general fixes): each case here is
written anew, not taken from the dev or held-out sets."""
from __future__ import annotations

from bot.extraction import extract
from tests.test_extract_weak10b import PUB


def _cases(title: str) -> tuple[str, str, str]:
    return title, title.title(), title.upper()


def test_a_warning_of_a_threat_is_no_event():
    for title, lead in (
        ("Security alert: embassy in Bamako warns of kidnapping threat in Kayes region", ""),
        ("Consulate warns of attack threat against hotels in Mombasa", ""),
        ("Travel advisory", "The embassy warned of the risk of kidnapping in the northern provinces."),
    ):
        for t in _cases(title):
            assert extract(t, lead, PUB).kind == "other", t
    # an attack told beside a warning stays one
    assert extract("Gunmen kidnap two engineers in Kayes region", "", PUB).kind == "attack"


def test_a_policys_modal_future_is_a_warning():
    for t in _cases("Charity says school meal cuts 'will kill' hundreds of children"):
        f = extract(t, "", PUB)
        assert (f.kind, f.killed) == ("other", None), t
    for t in _cases("Aid groups say funding freeze 'could kill' millions of people"):
        assert extract(t, "", PUB).kind == "other", t
    assert extract("Militants will kill hostages, video warns", "", PUB).kind == "attack"


def test_a_quoted_title_after_a_genre_is_a_work():
    for title in ("Tactical shooter 'Kill Order 2' tops sales charts in its first week",
                  "New game 'Assault Zone' smashes sales records"):
        for t in _cases(title):
            assert extract(t, "", PUB).kind == "other", t


def test_a_city_that_names_its_province_keeps_its_neighbourhood():
    for title in _cases("Houthi sniper fire in Taiz neighbourhood kills woman, wounds two"):
        f = extract(title, "", PUB)
        assert (f.country, f.province) == ("YE", "Taiz"), title
    f = extract("Shelling hits a Taizz neighbourhood", "", PUB)
    assert f.country == "YE"
    # a quarter named after a town elsewhere stays no place
    assert extract("Gunmen kill two in the Roma neighbourhood", "", PUB).country is None


def test_the_baltic_is_a_sea_and_sumy_is_its_oblast():
    for title in _cases("Russian navy holds live-fire drills in the Baltic"):
        assert extract(title, "", PUB).country == "RU", title
    assert extract("Navy drills in the Baltic", "", PUB).country != "US"
    for title in ("Sumy city (Sumy)", "Russian glide bomb strike on Sumy kills two"):
        f = extract(title, "", PUB)
        assert (f.country, f.province) == ("UA", "Sumy Oblast"), title
