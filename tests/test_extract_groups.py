"""Group matching and roles."""
from __future__ import annotations

from bot.extract import default_catalog, extract
from bot.groups import parse_groups


def perps(title, text=""):
    return extract(title, text).perpetrator_ids


def ids(title, text=""):
    return extract(title, text).group_ids


def test_is_alone_never_matches():
    assert ids("Why IS the war continuing? It IS not clear", "This IS a test. IS is an English word.") == ()


def test_affiliated_and_pro_forms():
    assert "isil" in perps("ISIL-affiliated rebel fighters blamed after 38 killed in DR Congo attack")
    assert "isil" in ids("Pro-ISIS channels celebrate the attack", "pro-ISIS accounts shared the video.")


def test_isis_k_is_iskp_not_isil():
    f = extract("ISIS-K claims responsibility for bombing in Kabul", "")
    assert f.perpetrator_ids == ("iskp",)


def test_al_shabab_context_decides():
    moz = extract("Al-Shabab fighters attack town in Cabo Delgado",
                  "Al-Shabab fighters attacked Macomia in Mozambique's Cabo Delgado province.")
    assert moz.country == "MZ"
    assert "is-mozambique" in moz.perpetrator_ids and "al-shabaab" not in moz.group_ids
    som = extract("Al-Shabab fighters attack base in Somalia",
                  "Al-Shabab fighters attacked a military base in Lower Shabelle, Somalia.")
    assert som.country == "SO" and "al-shabaab" in som.perpetrator_ids


def test_acronyms_are_case_sensitive():
    assert ids("Let them go, said the minister", "let it be") == ()
    assert "let" in ids("LeT militants attack army camp in Kashmir")
    assert "m23" in ids("M23 rebels seize town") and ids("m23 is a road") == ()


def test_perpetrator_cues():
    assert perps("Bombing kills 5", "The Taliban claimed responsibility for the attack.") == ("taliban",)
    assert perps("Attack kills 5", "Officials blamed Boko Haram for the attack.") == ("boko-haram",)
    assert perps("Attack kills 5", "No group claimed responsibility for the attack; however, sources attributed "
                                   "the attack to Al-Shabaab.") == ("al-shabaab",)


def test_no_group_claimed_means_no_perpetrator():
    f = extract("", "Assailants attacked a checkpoint in Kunduz, Afghanistan. No group claimed responsibility for the incident.")
    assert f.perpetrator_ids == ()


def test_mentioned_only():
    f = extract("US and Iraq begin talks on coalition withdrawal",
                "The coalition was formed to defeat ISIL. Talks began in Baghdad on Saturday.")
    assert f.perpetrator_ids == () and f.group_ids == ("isil",)
    assert f.groups[0].role == "mentioned"
    f = extract("Bomb kills three in Kandahar", "The ISIL group claimed the attack. Taliban officials said three died.")
    assert f.perpetrator_ids == ("isil",) and "taliban" in f.group_ids


def test_parent_named_in_article_shares_attribution():
    f = extract("ISKP claims Moscow attack", "ISIL's Afghan branch, ISKP, claimed responsibility for the attack.")
    assert set(f.perpetrator_ids) == {"iskp", "isil"}


def test_custom_catalog_is_used_and_cached_per_object():
    cat = parse_groups("groups:\n  - id: foo\n    name: Foo Front\n    aliases: [FF, Foo Front]\n")
    f = extract("Foo Front claims attack", "The FF said it was responsible.", catalog=cat)
    assert f.perpetrator_ids == ("foo",)
    assert extract("Foo Front claims attack", "", catalog=default_catalog()).group_ids == ()


def test_context_aliases_need_their_country():
    india = extract("Maoists kill two police officers in Chhattisgarh",
                    "Maoists killed two police officers in Bijapur, Chhattisgarh, India.")
    assert "cpi-maoist" in india.perpetrator_ids
    nepal = extract("Maoists hold rally in Kathmandu", "Former Maoists held a rally in Kathmandu, Nepal.")
    assert "cpi-maoist" not in nepal.group_ids


def test_shared_alias_without_context_is_the_main_group():
    assert extract("Al-Shabab claims attack", "").group_ids == ("al-shabaab",)
