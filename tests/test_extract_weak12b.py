"""Weak patterns the fifteenth held-out batch showed (issue 12, second engineer): each case here is
written anew, not taken from the dev or held-out sets."""
from __future__ import annotations

from bot.extraction import extract
from tests.test_extract_weak10b import PUB, _read


def _perpetrators(title: str, text: str = "") -> list[str]:
    return [g.id for g in extract(title, text, PUB).groups if g.role == "perpetrator"]


def test_the_running_toll_of_fighting_a_deal_or_an_appeal_is_about_is_background():
    for t, x in (
            ("Truce seeks to halt clashes that have killed hundreds in Cameroon's Northwest", ""),
            ("", "Envoys of both sides initialled a peace accord in Addis Ababa on Monday. The accord is meant to "
                 "end violence that has killed more than 3,000 in the region."),
            ("Donors pledge aid for Tigray, where fighting has killed tens of thousands", "")):
        f = extract(t, x, PUB)
        assert f.kind != "attack" and f.killed is None, t or x
        assert not any(c.this_event for c in f.casualties if c.type == "killed"), t or x
    # the clashes as the headline's subject, and an attack of the item's own, keep their tolls
    assert _read("Clashes that have killed 14 since Friday spread to Kasai's Luiza territory")[:2] == ("attack", 14)
    assert _read("Militants kill 7 in Borno as insurgency that has killed 35,000 drags on")[:2] == ("attack", 7)


def test_an_arrest_over_an_earlier_killing_is_an_arrest_with_no_toll():
    for t, x in (
            ("Police arrest four over killing of radio journalist",
             "The journalist was shot dead near his home in Tegucigalpa in February."),
            ("Two held in connection with the murder of a village chief in Katsina",
             "The chief was hacked to death last month.")):
        assert _read(t, x)[:2] == ("arrest", None), t
    # a killing told as the headline's own act stays an attack, whatever the arrests after it
    assert _read("Bandits kill 4 in Katsina; police arrest three suspects")[:2] == ("attack", 4)
    assert _read("Gunmen kill 3 in Kaduna, police arrest two suspects")[:2] == ("attack", 3)
    assert _read("Police arrest 2 after car bomb kills 6 in Kirkuk")[:2] == ("attack", 6)
    assert _read("Funeral held over the weekend for 5 killed in Kano")[0] != "arrest"


def test_an_anniversary_under_the_events_name_is_no_attack():
    assert _read("Mosque massacre: town gathers on tenth anniversary",
                 "Relatives of the 52 people killed when gunmen stormed the mosque laid wreaths.")[:2] == ("other", None)
    # the event's name before a fresh act is the headline's topic, the act its news
    assert _read("Church massacre: gunmen kill 20 worshippers in Ondo")[:2] == ("attack", 20)


def test_a_peaceful_protest_against_a_killing_is_no_attack():
    for x in ("On 12 June 2026, about 150 traders held a peaceful protest in Mubi (Mubi North, Adamawa) against the "
              "killing of 4 herders by Boko Haram two days earlier. No fatalities.",
              "On 12 June 2026, women staged a sit-in in Bunia (Bunia, Ituri) over the abduction of 3 girls by CODECO "
              "militiamen. No fatalities."):
        assert _read("", x)[:2] == ("other", None), x
    # protesters fired on are an attack
    assert _read("", "On 12 June 2026, soldiers opened fire on protesters in Mubi (Mubi North, Adamawa) who were "
                     "protesting against the killing of herders, killing 3. 3 fatalities.")[:2] == ("attack", 3)


def test_works_obituaries_statistics_and_bills_about_killings_are_no_attack():
    for t in ("Novel on Cambodian genocide that killed 1.7 million shortlisted for prize",
              "Film on Lockerbie bombing that killed 270 wins award",
              "Cameraman who filmed Halabja massacre dies aged 77",
              "Attacks on health workers rose 35% in 2025, WHO says",
              "Murders in Jamaica fall to 310 in third quarter",
              "Senators debate bill on extrajudicial killings"):
        assert _read(t)[:2] == ("other", None), t
    # an attack word before the work or the bill, or a fresh act beside the figure, stays an attack
    assert _read("Gunmen attack crew filming documentary on cartels, kill 2")[:2] == ("attack", 2)
    assert _read("Gunmen kill 12 in Zamfara as attacks rise 20% in the state")[:2] == ("attack", 12)
    assert _read("Attacks on police rose 20% after bandits killed 12 officers in Zamfara")[:2] == ("attack", 12)


def test_an_old_wars_landmine_is_an_accident_and_a_fresh_one_an_attack():
    for t in ("Old landmine kills goat herder in Angola's Cuando Cubango",
              "Landmine from past wars kills boy in Tajikistan"):
        assert _read(t)[:2] == ("other", 1), t   # (the accident's own toll stays)
    assert _read("Landmine blast kills 4 soldiers in Colombia's Norte de Santander")[:2] == ("attack", 4)
    assert _read("Landmine planted by militants kills 2 in Mali")[:2] == ("attack", 2)
    assert _read("12-year-old mine worker shot dead in Zamfara")[0] == "attack"


def test_an_onlooker_a_firms_base_and_as_in_title_case():
    assert _read("Marines rehearse landing on the Estonian coast as Russia watches")[2] == "EE"
    assert _read("Defence shares climb", "The Hamburg-based shipbuilder won a navy order.")[2] == "DE"
    assert _read("Monitor says 12 killed in Idlib", "The London-based Syrian Observatory for Human Rights said air "
                                                    "strikes killed 12 in Idlib province.")[2] == "SY"
    # a Title Case headline's "As" is English, not the article of a longer name
    assert _read("Gunmen Kill 9 In Maiduguri As Curfew Begins")[1:] == (9, "NG")
    assert _read("Rsf Shelling Kills 11 In El Fasher As Siege Tightens")[2] == "SD"
    assert _perpetrators("RSF Shelling Kills 11 In El Fasher As Siege Tightens") == ["rsf"]
