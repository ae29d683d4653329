"""Known weak reading patterns of issue 12 (seventeenth batch: a share is no count). Each case here is
written anew, not taken from the dev or held-out sets."""
from __future__ import annotations

from bot.extraction import extract
from tests.test_extract_weak10b import PUB


def _cases(title: str) -> tuple[str, str, str]:
    return (title, title.title(), title.upper())


def test_one_in_four_is_a_share_not_a_toll():
    for title, text in (
            ("Smoking behind one in four deaths in Kenya, health ministry says", ""),
            ("Report: 1 in 5 children in Yemen acutely malnourished", ""),
            ("Heatstroke kills one in ten, doctors fear", ""),
            ("Diabetes on the rise in Egypt",
             "Officials said the disease was now linked to nearly one in six deaths in the country."),
    ):
        for t in _cases(title):
            f = extract(t, text, PUB)
            assert f.killed is None and f.kind == "other", (t, f.killed, f.kind)


def test_a_toll_in_several_places_or_over_a_span_stays_a_toll():
    for title, killed in (("Gunmen kill 3 in two villages in Zamfara", 3),
                          ("Bandits kill one in five-hour raid on Katsina market", 1),
                          ("Gunmen kill 4 in 10-minute rampage in Kaduna", 4),
                          ("Militants kill one in 2 attacks on army posts", 1),
                          ("Two killed in four separate blasts in Kabul", 2)):
        for t in _cases(title):
            f = extract(t, "", PUB)
            assert (f.killed, f.kind) == (killed, "attack"), (t, f.killed, f.kind)


def test_the_niger_delta_is_in_nigeria():
    """A curated region whose name begins with a country's: the longer name wins ("Niger Delta" is
    Nigeria's), and Niger stays Niger."""
    for title in ("Gunmen kill 5 oil workers in Niger Delta", "Militants blow up pipeline in the Niger delta"):
        for t in _cases(title):
            assert extract(t, "", PUB).country == "NG", t
    assert extract("Jihadists kill 12 soldiers near Tillaberi in Niger", "", PUB).country == "NE"


def test_a_listed_figure_with_its_own_fate_is_not_the_verbs_toll():
    """"Gunmen kill 3, six held in raid": the six were held, not killed (a figure listed after the
    verb's object that has a participle of its own: held, abducted, missing ...)."""
    for title, killed in (("Gunmen kill 3, six held in raid", 3),
                          ("Gunmen kill 3, six abducted in Zamfara", 3),
                          ("Militants kill 4, six missing after attack on village", 4),
                          ("Bandits kill 2, 15 kidnapped on Abuja-Kaduna road", 2)):
        for t in _cases(title):
            f = extract(t, "", PUB)
            assert f.killed == killed, (t, f.killed)
    for title, killed in (("Gunmen kill 3 soldiers, six civilians in Borno", 9),   # both listed as killed
                          ("Bandits kill 7, abduct 20 in Katsina", 7)):
        assert extract(title, "", PUB).killed == killed, title


def test_a_place_before_raid_is_not_another_actor_of_a_speaking_group():
    """"Pakistani Taliban say 12 soldiers killed in Khyber raid": Khyber is where the raid was, not who
    raided, so the speaking group tells its own act (a demonym there would name another actor)."""
    for t in _cases("Pakistani Taliban say 12 soldiers killed in Khyber raid"):
        roles = {g.id: g.role for g in extract(t, "", PUB).groups}
        assert roles.get("ttp") == "perpetrator", (t, roles)
    roles = {g.id: g.role for g in extract("Hamas says three Islamic Jihad members killed in Israeli strike", "",
                                           PUB).groups}
    assert roles.get("hamas") == "mentioned", roles


def test_an_arrest_then_seized_weapons_is_an_arrest():
    """"Police arrested 5 suspected ISKP members in Dushanbe and seized weapons": weapons the police seized
    after an arrest are an arms haul, no attack; an armed group's raid that seized weapons before troops
    arrested two of it stays an attack, and so does a seizure of people."""
    for text in ("On 21 November, the security service arrested 5 suspected ISKP members in Dushanbe, Tajikistan, "
                 "and seized weapons.",
                 "On 3 May, police arrested two men in Kano and seized a cache of rifles and ammunition. No fatalities."):
        assert extract("", text, PUB).kind == "arrest", text
    assert extract("", "ISWAP fighters raided the village of Kauwa and seized weapons from the barracks; troops later "
                       "arrested two of them.", PUB).kind == "attack"
    assert extract("Gunmen seized 20 passengers on the Abuja-Kaduna highway", "", PUB).kind == "attack"


def test_a_peaceful_demonstration_demanding_security_is_no_attack():
    text = ("On 20 November, around 300 residents demonstrated peacefully in Mandera town, Kenya, demanding more "
            "security after recent attacks on quarry workers.\nNo fatalities.")
    assert extract("", text, PUB).kind == "other"


def test_what_something_can_kill_is_no_toll():
    """"A spoonful of sugar can kill the burn": an ability, no event and no victim."""
    for text in ("Our cook shows how a spoonful of sugar can kill the burn without murdering the flavour.",
                 "Bleach can kill the virus on surfaces, experts say."):
        assert extract("How to tame a fiery chilli oil", text, PUB).killed is None, text
    assert extract("Gunmen kill the driver of a bus in Zamfara", "", PUB).killed == 1


def test_kobani_is_in_syria():
    """Kobani (Kobane, Ayn al-Arab) is a Syrian town in Aleppo governorate, not Tanzania's Mkoani."""
    for t in _cases("Turkish-backed fighters kill 3 near Kobani") + ("Drone strike kills 4 in Kobane",):
        f = extract(t, "", PUB)
        assert (f.country, f.province_code) == ("SY", "SY-HL"), (t, f.country, f.province_code)


def test_a_plural_rank_alone_is_no_count():
    """"Sepoys martyred": a plural with no number gives no figure; "Sepoy Abbas martyred" is one man."""
    for t in _cases("Sepoys martyred as terrorists attack post in North Waziristan"):
        assert extract(t, "", PUB).killed is None, t
    assert extract("Sepoy Abbas martyred as terrorists attack post", "", PUB).killed == 1
    assert extract("Two sepoys martyred in North Waziristan", "", PUB).killed == 2
