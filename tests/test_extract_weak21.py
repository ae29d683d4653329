"""Known weak reading patterns of issue 12 (twenty-first batch: hijackings, missiles fired out to sea, an
acronym written as a word in a Title Case title, a split province). Each case here is written anew, not taken
from the dev or held-out sets."""
from __future__ import annotations

from bot.extraction import extract
from tests.test_extract_weak10b import PUB


def _cases(title: str) -> tuple[str, str, str]:
    return (title, title.title(), title.upper())


def test_a_vehicle_or_vessel_hijacked_is_an_attack():
    for title, country in (("Pirates hijack oil tanker off Somalia", "SO"),
                           ("Armed pirates hijack fishing trawler off Puntland", "SO"),
                           ("Bulk carrier hijacked off Eyl, crew held", "SO"),
                           ("Pirates board cargo ship off Somalia", "SO"),
                           ("Hijackers seize bus carrying 40 passengers in Zamfara", "NG")):
        for t in _cases(title):
            f = extract(t, "", PUB)
            assert (f.kind, f.country) == ("attack", country), (t, f.kind, f.country)


def test_hijack_without_a_vehicle_is_a_figure_of_speech():
    for title in ("Hackers hijack government websites in Nigeria",
                  "Protesters hijack budget debate in Nairobi",
                  "How populists hijacked the climate agenda"):
        for t in _cases(title):
            f = extract(t, "", PUB)
            assert f.kind == "other", (t, f.kind)


def test_missiles_fired_out_to_sea_are_a_test():
    for title in ("North Korea fires missiles toward Sea of Japan",
                  "North Korea fires two ballistic missiles towards the East Sea, Seoul says",
                  "North Korea launches cruise missiles into the Yellow Sea"):
        for t in _cases(title):
            f = extract(t, "", PUB)
            assert (f.kind, f.country, f.killed) == ("other", "KP", None), (t, f.kind, f.country)


def test_a_missile_fired_toward_a_city_stays_an_attack():
    for title in ("Houthi missile fired toward Eilat intercepted, Israel says",
                  "Russian missiles fired from the Black Sea kill 5 in Odesa"):
        for t in _cases(title):
            f = extract(t, "", PUB)
            assert f.kind == "attack", (t, f.kind)


def test_an_acronym_written_as_a_word_in_a_title_case_title():
    """Title Case writes "ISKP" as "Iskp": before the group's people ("Fighters") it is the group, and the
    toll is its combatants, as in sentence case."""
    for title, gid in (("Taliban Say 12 Iskp Fighters Killed In Kunar", "iskp"),
                       ("Army Kills 7 Milf Rebels In Maguindanao Clash", "milf")):
        f = extract(title, "", PUB)
        assert f.killed is None, (title, f.killed)
        assert (gid, "target") in {(g.id, g.role) for g in f.groups}, (title, f.groups)
        lower = extract(title[0] + title[1:].lower().replace("iskp", "ISKP").replace("milf", "MILF"), "", PUB)
        assert (f.killed, f.country) == (lower.killed, lower.country)


def test_a_capitalised_word_that_is_no_group_before_other_nouns():
    for title in ("Isis Hospital Opens New Wing In Cairo", "Milf Cookies Recalled Across Manila Stores"):
        f = extract(title, "", PUB)
        assert not f.groups, (title, f.groups)


def test_maguindanao_is_in_the_philippines():
    """Split in 2022 into del Norte and del Sur; news still names the old province."""
    for title, text in (("", "Seven soldiers were killed in a clash in Maguindanao province on Sunday."),
                        ("Army Kills 7 Milf Rebels In Maguindanao Clash", "")):
        f = extract(title, text, PUB)
        assert f.country == "PH", (title, text, f.country)
    f = extract("Blast kills 3 in Maguindanao del Sur", "", PUB)
    assert (f.country, f.province_code) == ("PH", "PH-MGS")
