"""Places written in the ways social media, local papers and analysts' notes write them
(made-up headlines and notes in the style of real ones).

Each test fails without its rule: a lower-case "place, province" pair, a country joined by a
hyphen to one of its provinces, a province after a Spanish "y", the language of the text
breaking a tie, styled letters and dodged words, one-country administrative terms, and a
namesake in a far country contradicted by its named parent unit.
"""
from __future__ import annotations

from bot.extraction import extract


def test_a_lower_case_province_closing_a_place_pair():
    f = extract("Three killed as bandits attack farmers in ugbokolo, benue", "")
    assert (f.country, f.province) == ("NG", "Benue")
    f = extract("Two shot dead at okene, kogi state", "")
    assert (f.country, f.province) == ("NG", "Kogi")
    # no cue before the pair, a generic word as its place, or the clause goes on: no reading
    assert extract("Fans cheer the team, kano hosts the final", "").country is None
    assert extract("Bandits kill 3 in village, kano", "").country is None
    assert extract("He ate it in bread, kano style", "").country is None


def test_a_country_hyphen_its_province():
    f = extract("Mali-Mopti: two soldiers killed in ambush", "")
    assert (f.country, f.province) == ("ML", "Mopti")
    f = extract("Niger-Tillaberi", "")
    assert (f.country, f.province) == ("NE", "Tillaberi")
    # a province of another country is still part of a longer name: no reading from it
    assert extract("Mali-Dosso", "").province is None


def test_a_province_after_spanish_y():
    f = extract("Violencia en Tamarindo y Huila deja dos muertos", "")
    assert (f.country, f.province) == ("CO", "Huila")


def test_the_language_breaks_a_tie_between_namesake_provinces():
    # Huila is a department of Colombia and a province of Angola
    assert extract("Masacre en el sur del Huila: tres muertos", "").country == "CO"
    assert extract("Ataque em Huila deixa dois mortos, diz a polícia", "").country == "AO"


def test_styled_letters_and_dodged_words_read_as_plain_text():
    bold = "".join(chr(0x1D400 + ord(c) - 65) if "A" <= c <= "Z" else c for c in "GUNMEN KILL TWO IN KANO")
    f = extract(bold, "")
    assert (f.country, f.killed, f.kind) == ("NG", 2, "attack")
    # an accent written as a combining mark after a styled letter ("í" as bold i + U+0301)
    styled = "".join(chr(0x1D41A + ord(c) - 97) if "a" <= c <= "z" else c for c in "Two killed in Medelli\u0301n")
    assert extract(styled, "").country == "CO"
    italic = "".join(chr(0x1D44E + ord(c) - 97) if "a" <= c <= "z" else c for c in "two killed in kandahar")
    assert extract("Gunmen " + italic.replace("\U0001d455", "h"), "").killed == 2
    # a letter dodged with a bullet: the word reads whole, its halves are no names ("RTO")
    assert extract("Two kil\u25cfled in Kano", "").killed == 2
    assert extract("HOMBRE MUE\u25cfRTO", "").country is None


def test_one_country_administrative_terms():
    note = "On 3 March, gunmen shot and killed a farmer in Tungan Bako (Mariga LGA, Niger)."
    f = extract("", note)
    assert (f.country, f.province) == ("NG", "Niger State")
    f = extract("Gunmen kill 3 in Ugwueke LGA", "")
    assert f.country == "NG"
    f = extract("", "Herders attacked the villages of Ador in Tse-Aondo, in Guma local government, killing 7.")
    assert f.country == "NG"
    # "LGA" in capitals after a small word is an airport's code, not a Nigerian district
    assert extract("Flights delayed at LGA as snow hits", "").country is None


def test_a_namesake_contradicted_by_its_parent_unit():
    # the gazetteer's Kalna and Amla are Indian towns; "Upper Dabo zone" and "Lower Garo region"
    # are no Indian units: a namesake somewhere else
    assert extract("Farmer killed by soldiers in Kalna district of Upper Dabo zone", "").country is None
    assert extract("Two killed in Amla district of Lower Garo region", "").country is None
    f = extract("Two killed in Shahjahanpur district of Uttar Pradesh state", "")
    assert f.country == "IN"


def test_a_title_in_small_letters_reads_like_title_case():
    f = extract("two killed in kano as gunmen attack mosque", "")
    assert (f.country, f.place) == ("NG", "Kano")
    assert extract("ukraine says russian drones hit kharkiv overnight", "").country == "UA"
    # a town named like an ordinary word counts only after a locative word
    assert extract("how to save money on energy bills", "").country is None
    assert extract("children return to school after long holiday", "").country is None


def test_a_title_in_capitals_reads_like_title_case():
    assert extract("AIRSTRIKES HIT REBEL TARGETS IN YEMEN", "").country == "YE"
    f = extract("BREAKING: DRC ARMY SAYS 20 KILLED IN ITURI", "")
    assert (f.country, f.province) == ("CD", "Ituri")   # the acronym as written, the province recased
    assert extract("HOW TO SAVE MONEY ON ENERGY BILLS", "").country is None


def test_a_weak_name_is_vouched_for_only_by_its_own_subdivision_word():
    # "North" is a region of Cameroon: "North District" ending a longer name is not it
    assert extract("Two killed in the Lakes Plains North District", "").country is None
    assert extract("Separatists attack village in North West region", "").country == "CM"
    assert extract("Gunmen kill 5 in Plateau state", "").province == "Plateau"
