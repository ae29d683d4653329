"""Patterns the twenty-third and twenty-fourth held-out batches showed (issue 12, the lead's general fixes): each
case here is written anew, not taken from the dev or held-out sets."""
from __future__ import annotations

from bot.extraction import extract
from tests.test_extract_weak10b import PUB


def _read(title: str, lead: str = ""):
    return extract(title, lead, PUB)


def _cases(title: str) -> tuple[str, str, str]:
    return title, title.title(), title.upper()


def test_ranks_listed_as_victims_of_martyrdom_count_each():
    for title in ("Sepoy, naik martyred as terrorists attack post in North Waziristan",
                  "Havildar and lance naik embrace shahadat", "Havildar and lance naik embrace shahadat in Kurram",
                  "Constable, sepoy martyred in Bannu attack"):
        for t in _cases(title):
            assert _read(t).killed == 2, t
    f = _read("", "Havildar and lance naik embraced shahadat in an exchange of fire in Kurram.")
    assert (f.killed, f.country) == (2, "PK")
    # one rank is one man; a bare pair of jobs may still be one person
    assert _read("Havildar embraces shahadat in Kurram").killed == 1
    assert _read("Singer and actor dies aged 79").killed is None


def test_the_place_a_listed_chief_is_of_is_no_one():
    for title in ("Gunmen killed the chief of Dogo village and four of his sons",
                  "Gunmen kill chief of Dogo village, four of his sons"):
        for t in _cases(title):
            assert _read(t).killed == 5, t
    assert _read("", "Gunmen killed the chief of Dogo village and four of his sons on Sunday, residents said.").killed == 5
    assert _read("Gunmen killed the headman of the village and three of his sons").killed == 4
