"""Matching facts and text against rules, with hand-built Facts."""
from __future__ import annotations

import pickle
import random
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from bot.rulebook.explain import ItemResult, explain, facts_line
from bot.rulebook.compile import set_bits
from bot.rulebook.matcher import Match, compile_rules
from bot.models import Facts, GroupMention
from bot.rulebook.phrases import is_acronym, normalise_place, phrase_tokens, words
from bot.rulebook.load import load_rules
from bot.rulebook.schema import Rule, RuleSet

ROOT = Path(__file__).resolve().parent.parent

RULES = """
rules:
  - id: isil-any
    title: ISIL or affiliates
    groups: [isil]
  - id: isil-only
    title: ISIL itself
    groups: [isil]
    include_affiliates: false
  - id: africa
    title: Africa
    regions: [africa]
  - id: sahel
    title: Sahel
    regions: [sahel]
  - id: north-kivu
    title: North Kivu
    regions: [CD-NK]
  - id: afghanistan
    title: Afghanistan
    regions: [AF]
  - id: macomia
    title: Macomia
    regions: ["place:Macomia", "place:moscow"]
  - id: arrests
    title: Arrests or diplomacy
    kinds: [arrest, diplomacy]
  - id: killed-10
    title: 10 killed
    min_killed: 10
  - id: wounded-5
    title: 5 wounded
    min_wounded: 5
  - id: casualties-10
    title: 10 casualties
    min_casualties: 10
  - id: bombs
    title: Bombs
    keywords_any: [car bomb, suicide bombing, al-Shabaab]
  - id: acronyms
    title: Acronyms
    keywords_any: [ISIS, US, M23]
  - id: all-words
    title: All words
    keywords_all: [bank, Kandahar]
  - id: excluding
    title: Attack but not a drill
    keywords_any: [attack]
    exclude: [drill, UN]
  - id: combo
    title: ISIL attack in Africa, 10 killed
    groups: [isil]
    regions: [africa]
    kinds: [attack]
    min_killed: 10
"""


@pytest.fixture(scope="module")
def ruleset(tmp_path_factory):
    d = tmp_path_factory.mktemp("rules")
    shutil.copy(ROOT / "rules" / "groups.yaml", d / "groups.yaml")
    shutil.copy(ROOT / "rules" / "regions.yaml", d / "regions.yaml")
    (d / "a.yaml").write_text(textwrap.dedent(RULES), encoding="utf-8")
    return load_rules(d)


@pytest.fixture(scope="module")
def matcher(ruleset):
    return compile_rules(ruleset)


def perp(*ids):
    return tuple(GroupMention(i, i, "perpetrator") for i in ids)


def ids(matches):
    return [m.rule_id for m in matches]


def reasons(matches, rule_id):
    return next(m.reasons for m in matches if m.rule_id == rule_id)


# ------------------------------------------------------------------ groups
def test_affiliate_matches_a_rule_on_its_parent(matcher):
    ms = matcher.match("t", "x", Facts(groups=perp("adf")))
    assert "isil-any" in ids(ms) and "isil-only" not in ids(ms)
    assert reasons(ms, "isil-any") == ("group adf (affiliate of isil) as perpetrator",)


def test_include_affiliates_false_needs_the_group_itself(matcher):
    ms = matcher.match("t", "x", Facts(groups=perp("isil")))
    assert {"isil-any", "isil-only"} <= set(ids(ms))
    assert reasons(ms, "isil-only") == ("group isil as perpetrator",)


def test_grandchild_and_unrelated_groups(matcher):
    assert "isil-any" in ids(matcher.match("t", "x", Facts(groups=perp("iskp"))))
    assert "isil-any" not in ids(matcher.match("t", "x", Facts(groups=perp("m23", "taliban"))))


def test_a_group_only_mentioned_does_not_match(matcher):
    facts = Facts(kind="diplomacy", groups=(GroupMention("isil", "Islamic State", "mentioned"),))
    assert "isil-any" not in ids(matcher.match("t", "x", facts))
    v = matcher.check("isil-any", "t", "x", facts)
    assert not v.matched
    assert v.failed == ("no perpetrator group among isil or affiliates (perpetrators: none; isil only mentioned)",)


# ------------------------------------------------------------------ regions
def test_continent_named_region_country_and_province(matcher):
    ms = matcher.match("t", "x", Facts(country="CD", province="North Kivu", province_code="CD-NK", place="Beni"))
    assert {"africa", "north-kivu"} <= set(ids(ms)) and "sahel" not in ids(ms)
    assert reasons(ms, "africa") == ("country CD in africa",)
    assert reasons(ms, "north-kivu") == ("province CD-NK",)
    ms = matcher.match("t", "x", Facts(country="ML", province_code="ML-9"))
    assert reasons(ms, "sahel") == ("country ML in sahel",)
    assert ids(matcher.match("t", "x", Facts(country="AF"))) == ["afghanistan"]
    assert "north-kivu" not in ids(matcher.match("t", "x", Facts(country="CD", province_code="CD-SK")))


def test_province_code_alone_implies_the_country(matcher):
    assert {"africa", "north-kivu"} <= set(ids(matcher.match("t", "x", Facts(province_code="CD-NK"))))


def test_place_matches_whole_place_part_or_province_name_ignoring_case(matcher):
    ms = matcher.match("t", "x", Facts(country="MZ", province="Cabo Delgado", place="MACOMIA"))
    assert reasons(ms, "macomia") == ("place Macomia",)
    ms = matcher.match("t", "x", Facts(country="RU", place="Crocus City Hall, Moscow"))
    assert reasons(ms, "macomia") == ("place moscow",)
    assert "macomia" in ids(matcher.match("t", "x", Facts(province="Moscow")))
    assert "macomia" not in ids(matcher.match("t", "x", Facts(place="Moscow Oblast town")))


def test_unknown_location_matches_no_region_rule(matcher):
    v = matcher.check("africa", "t", "x", Facts())
    assert not v.matched and v.failed == ("location unknown not in africa",)


# ------------------------------------------------------------------ kinds and thresholds
def test_kinds(matcher):
    assert "arrests" in ids(matcher.match("t", "x", Facts(kind="arrest")))
    assert "arrests" in ids(matcher.match("t", "x", Facts(kind="diplomacy")))
    assert "arrests" not in ids(matcher.match("t", "x", Facts(kind="attack")))
    assert matcher.check("arrests", "t", "x", Facts()).failed == ("kind other, needs arrest or diplomacy",)


@pytest.mark.parametrize("killed, wounded, expect", [
    (38, None, {"killed-10", "casualties-10"}),
    (10, 0, {"killed-10", "casualties-10"}),
    (9, None, set()),
    (3, 12, {"wounded-5", "casualties-10"}),
    (6, 4, {"casualties-10"}),
    (None, 5, {"wounded-5"}),
    (None, None, set()),
    (0, 0, set()),
])
def test_thresholds(matcher, killed, wounded, expect):
    got = set(ids(matcher.match("t", "x", Facts(killed=killed, wounded=wounded))))
    assert got & {"killed-10", "wounded-5", "casualties-10"} == expect


def test_threshold_reasons(matcher):
    ms = matcher.match("t", "x", Facts(killed=38, wounded=12))
    assert reasons(ms, "killed-10") == ("killed 38 >= 10",)
    assert reasons(ms, "wounded-5") == ("wounded 12 >= 5",)
    assert reasons(ms, "casualties-10") == ("casualties 50 (killed 38 + wounded 12) >= 10",)
    assert reasons(matcher.match("t", "x", Facts(killed=12)), "casualties-10") == (
        "casualties 12 (killed 12 + wounded ?) >= 10",)
    assert matcher.check("killed-10", "t", "x", Facts(killed=3)).failed == ("killed 3 < 10",)
    assert matcher.check("killed-10", "t", "x", Facts()).failed == ("killed unknown, needs >= 10",)


def test_all_conditions_must_hold_and_reasons_name_each(matcher):
    f = Facts(kind="attack", groups=perp("adf"), country="CD", province_code="CD-NK", killed=38)
    ms = matcher.match("t", "x", f)
    assert reasons(ms, "combo") == (
        "group adf (affiliate of isil) as perpetrator", "country CD in africa", "kind attack", "killed 38 >= 10")
    for broken in (dict(kind="arrest"), dict(groups=perp("m23")), dict(country="AF", province_code=None),
                   dict(killed=3)):
        g = Facts(**{**dict(kind="attack", groups=perp("adf"), country="CD", province_code="CD-NK", killed=38),
                     **broken})
        assert "combo" not in ids(matcher.match("t", "x", g)), broken


# ------------------------------------------------------------------ keywords
def kw(matcher, title, text):
    return [m for m in ids(matcher.match(title, text, Facts())) if m in {"bombs", "acronyms", "all-words", "excluding"}]


def test_keywords_are_whole_words_and_ignore_case(matcher):
    assert kw(matcher, "t", "A Car Bomb went off") == ["bombs"]
    assert kw(matcher, "t", "a car bombing") == []               # 'car bomb' is not in 'car bombing'
    assert kw(matcher, "t", "the scar bomb") == []
    assert kw(matcher, "t", "SUICIDE BOMBING IN KABUL") == ["bombs"]
    assert kw(matcher, "t", "a suicide\n  bombing") == ["bombs"]  # any whitespace between words
    assert kw(matcher, "t", "a car-bomb attack") == ["bombs", "excluding"]  # hyphen for space
    assert kw(matcher, "t", "fighters of al Shabaab") == ["bombs"]           # space for hyphen
    assert kw(matcher, "t", "al-Shabaab's fighters") == ["bombs"]


def test_keywords_are_found_in_the_title(matcher):
    ms = matcher.match("Car bomb in Mogadishu", "Nothing else.", Facts())
    assert reasons(ms, "bombs") == ("keyword 'car bomb'",)


def test_a_phrase_does_not_span_title_and_text(matcher):
    assert kw(matcher, "Police found a car", "bomb squad arrived") == []


def test_capitals_words_are_case_sensitive(matcher):
    assert kw(matcher, "t", "ISIS claimed it") == ["acronyms"]
    assert kw(matcher, "t", "the temple of Isis") == []
    assert kw(matcher, "t", "told us so") == []
    assert kw(matcher, "t", "the US embassy") == ["acronyms"]
    assert kw(matcher, "t", "pro-ISIS channels") == ["acronyms"]
    assert kw(matcher, "t", "the m23 rebels") == []
    assert kw(matcher, "t", "the M23 rebels") == ["acronyms"]
    assert reasons(matcher.match("t", "ISIS and the US", Facts()), "acronyms") == ("keyword 'ISIS'", "keyword 'US'")


def test_acronyms_in_text_whose_case_folding_changes_length(matcher):
    # 'ß'.casefold() == 'ss': offsets of the folded text no longer match the original
    assert kw(matcher, "Straße", "Die Straße war leer, dann kam ISIS") == ["acronyms"]
    assert kw(matcher, "Straße", "Die Straße und Isis") == []
    assert kw(matcher, "t", "STRASSE car bomb straße") == ["bombs"]


def test_every_occurrence_counts_overlapping_ones_and_after_wide_characters(tmp_path):
    # one automaton pass finds every occurrence of every phrase, overlapping ones too ('strike' inside
    # 'drone strike', 'bomb' inside 'car bomb'), at character offsets (emoji before a hit are one
    # character each: the whole-word and capitals checks read the right characters)
    shutil.copy(ROOT / "rules" / "groups.yaml", tmp_path / "groups.yaml")
    shutil.copy(ROOT / "rules" / "regions.yaml", tmp_path / "regions.yaml")
    (tmp_path / "a.yaml").write_text(textwrap.dedent("""
        rules:
          - {id: strike, title: s, keywords_any: [strike]}
          - {id: drone, title: d, keywords_any: [drone strike]}
          - {id: bomb, title: b, keywords_any: [bomb]}
          - {id: car-bomb, title: c, keywords_any: [car bomb]}
          - {id: isis, title: i, keywords_any: [ISIS]}
        """), encoding="utf-8")
    m = compile_rules(load_rules(tmp_path))
    assert ids(m.match("t", "\U0001F600\U0001F600 a drone strike and a car bomb, claimed by ISIS", Facts())) == [
        "strike", "drone", "bomb", "car-bomb", "isis"]
    assert ids(m.match("t", "\U0001F600 Isis\U0001F600 scar bombs restrike", Facts())) == []
    assert ids(m.match("\U0001F600", "\U0001F600ISIS \U0001F600 ISIS", Facts())) == ["isis"]


def test_keywords_all_needs_every_phrase(matcher):
    assert kw(matcher, "t", "a bank in Kandahar") == ["all-words"]
    assert kw(matcher, "t", "a bank in Kabul") == []
    assert matcher.check("all-words", "t", "a bank", Facts()).failed == ("missing keyword 'Kandahar'",)


def test_exclude_vetoes_a_match(matcher):
    assert kw(matcher, "t", "an attack on the town") == ["excluding"]
    assert kw(matcher, "t", "an attack drill") == []
    assert kw(matcher, "t", "an attack on the UN") == []
    assert kw(matcher, "t", "an attack on the un-guarded gate") == ["excluding"]  # 'UN' is case-sensitive
    assert matcher.check("excluding", "t", "attack drill", Facts()).failed == ("excluded keyword 'drill'",)


def test_matches_come_in_rule_order(matcher, ruleset):
    f = Facts(kind="arrest", groups=perp("isil"), country="CD", province_code="CD-NK", killed=40, wounded=9)
    got = ids(matcher.match("t", "car bomb ISIS", f))
    order = list(ruleset.ids)
    assert got == sorted(got, key=order.index) and len(got) >= 8


def test_match_values(matcher):
    (m,) = [m for m in matcher.match("t", "x", Facts(country="AF")) if m.rule_id == "afghanistan"]
    assert m == Match("afghanistan", ("country AF",))


# ------------------------------------------------------------------ rules test report
def test_explain_reports_per_rule_what_matched_and_why(ruleset, matcher):
    docs = [
        {"id": "a1", "title": "Car bomb in Kabul", "text": "A car bomb killed 12.", "published": "2024-03-21T12:00:00Z"},
        {"id": "a2", "title": "Quiet day", "text": "Nothing happened."},
    ]

    def fake_extract(title, text):
        return Facts(kind="attack", country="AF", killed=12) if "bomb" in text else Facts()

    results = [ItemResult(d["id"], d["title"], f, tuple(matcher.match(d["title"], d["text"], f)))
               for d in docs for f in [fake_extract(d["title"], d["text"])]]
    report = explain(ruleset, results, show_facts=True)
    assert "afghanistan: Afghanistan — 1 of 2 items\n  ✓ a1: Car bomb in Kabul\n      why: country AF\n" in report
    assert "bombs: Bombs — 1 of 2 items\n  ✓ a1: Car bomb in Kabul\n      why: keyword 'car bomb'\n" in report
    assert "facts: attack · no group · AF · killed 12" in report
    assert "isil-any: ISIL or affiliates — 0 of 2 items\n    (no item matched)" in report
    assert "killed-10: 10 killed — 1 of 2 items\n  ✓ a1: Car bomb in Kabul\n      why: killed 12 >= 10\n" in report


def test_explain_only_found_leaves_out_silent_rules(ruleset, matcher):
    f = Facts(kind="attack", country="AF", killed=12)
    one = [ItemResult("/test", "Car bomb", f, tuple(matcher.match("Car bomb", "", f)))]
    report = explain(ruleset, one, only_found=True)
    assert report.startswith("afghanistan: ") and "isil-any" not in report and "(no item matched)" not in report
    assert explain(ruleset, [ItemResult("/test", "Quiet", Facts(), ())], only_found=True) == ""


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=40) | st.text(alphabet="aAßİıΣς_-., \u0301\u00a0\t", max_size=30))
def test_words_and_place_keys_keep_their_regex_and_casefold_definitions(s):
    assert words(s) == re.findall(r"\w+", s)              # the token scan is exactly regex \w+
    assert normalise_place(s) == " ".join(s.split()).casefold()


def test_facts_line_marks_perpetrators():
    f = Facts(kind="attack", groups=perp("adf") + (GroupMention("m23", "M23", "mentioned"),), country="CD",
              province_code="CD-NK", place="Beni", killed=38)
    assert facts_line(f) == "attack · adf*, m23 · CD/CD-NK/Beni · killed 38"


# ------------------------------------------------------------------ 1,000 rules vs a naive check
VOCAB = ["attack", "Attack", "bomb", "car", "car bomb", "car-bomb", "ISIS", "Isis", "isis", "US", "us", "army",
         "village", "police", "Kabul", "KABUL", "drill", "M23", "m23", "al-Shabaab", "al Shabaab", "suicide",
         "Straße"]   # folds longer ('ss'): the scan maps hits back by chunk
PHRASES = ["attack", "bomb", "car bomb", "ISIS", "isis", "US", "army", "village", "police", "Kabul", "drill",
           "M23", "al-Shabaab", "suicide bombing", "suicide"]
PLACES = ["Beni", "Macomia", "Crocus City Hall, Moscow", "Kandahar", None]
LOCATIONS = [("CD", "CD-NK"), ("CD", "CD-KN"), ("ML", None), ("AF", "AF-KAN"), ("RU", "RU-MOS"), ("NG", "NG-BO"),
             ("IQ", None), (None, None), ("SO", None), ("RU", "RU-DA")]


def naive_phrase(phrase: str, text: str) -> bool:
    words = phrase_tokens(phrase)
    parts = [re.escape(w) if is_acronym(w) else f"(?i:{re.escape(w)})" for w in words]
    return any(re.search(r"(?<!\w)" + sep.join(parts) + r"(?!\w)", text) for sep in (r"\s+", "-"))


def naive_match(rule: Rule, ruleset: RuleSet, title: str, text: str, f: Facts) -> bool:
    if not rule.enabled:
        return False
    found = lambda p: naive_phrase(p, title) or naive_phrase(p, text)  # noqa: E731
    if rule.groups:
        wanted = set(rule.groups)
        if rule.include_affiliates:
            for g in rule.groups:
                wanted |= ruleset.groups.descendants(g)
        if not wanted & set(f.perpetrator_ids):
            return False
    if rule.regions:
        here = set(ruleset.regions.resolve(f.country, f.province_code))
        for name in (f.place, f.province):
            if name:
                here |= {"place:" + normalise_place(x) for x in [name, *name.split(",")] if x.strip()}
        want = {("place:" + normalise_place(x[6:])) if x.startswith("place:") else x for x in rule.regions}
        if not want & here:
            return False
    if rule.kinds and f.kind not in rule.kinds:
        return False
    if rule.min_killed is not None and (f.killed is None or f.killed < rule.min_killed):
        return False
    if rule.min_wounded is not None and (f.wounded is None or f.wounded < rule.min_wounded):
        return False
    if rule.min_casualties is not None:
        if f.killed is None and f.wounded is None:
            return False
        if (f.killed or 0) + (f.wounded or 0) < rule.min_casualties:
            return False
    if rule.keywords_any and not any(found(p) for p in rule.keywords_any):
        return False
    if not all(found(p) for p in rule.keywords_all):
        return False
    return not any(found(p) for p in rule.exclude)


def random_rules(rng: random.Random, ruleset: RuleSet, n: int) -> list[Rule]:
    gids = list(ruleset.groups.groups)
    regions = ["africa", "asia", "europe", "sahel", "great-lakes", "caucasus", "lake-chad-basin", "CD", "AF", "RU",
               "CD-NK", "RU-MOS", "place:Beni", "place:moscow", "place:kandahar"]
    gens = {
        "groups": lambda: rng.sample(gids, rng.randint(1, 3)),
        "include_affiliates": lambda: rng.random() < 0.7,
        "regions": lambda: rng.sample(regions, rng.randint(1, 3)),
        "kinds": lambda: rng.sample(["attack", "arrest", "diplomacy", "other"], rng.randint(1, 2)),
        "min_killed": lambda: rng.choice([0, 1, 3, 5, 10, 38, 50, 100]),
        "min_wounded": lambda: rng.choice([1, 5, 12, 100]),
        "min_casualties": lambda: rng.choice([1, 10, 50, 200]),
        "keywords_any": lambda: rng.sample(PHRASES, rng.randint(1, 3)),
        "keywords_all": lambda: rng.sample(PHRASES, rng.randint(1, 2)),
        "exclude": lambda: rng.sample(PHRASES, 1),
        "enabled": lambda: rng.random() < 0.9,
    }
    out = []
    for i in range(n):
        d = {"id": f"r{i}", "title": f"rule {i}"}
        for key, gen in gens.items():
            if rng.random() < 0.3:
                d[key] = gen()
        out.append(Rule.model_validate(d))
    return out


def random_item(rng: random.Random, ruleset: RuleSet):
    gids = list(ruleset.groups.groups)
    title = " ".join(rng.choice(VOCAB) for _ in range(rng.randint(0, 4)))
    text = " ".join(rng.choice(VOCAB + ["the", "a", "of", ",", "."]) for _ in range(rng.randint(0, 40)))
    country, prov = rng.choice(LOCATIONS)
    groups = tuple(GroupMention(g, g, rng.choice(["perpetrator", "mentioned"]))
                   for g in rng.sample(gids, rng.randint(0, 3)))
    f = Facts(kind=rng.choice(["attack", "arrest", "diplomacy", "other"]), groups=groups, country=country,
              province_code=prov, province=rng.choice([None, "Moscow", "North Kivu"]), place=rng.choice(PLACES),
              killed=rng.choice([None, 0, 3, 10, 38, 137]), wounded=rng.choice([None, 0, 5, 12, 180]))
    return title, text, f


def test_thousand_rule_matcher_agrees_with_a_naive_check(ruleset):
    rng = random.Random(20240608)
    rules = random_rules(rng, ruleset, 1000)
    big = RuleSet(tuple(rules), ruleset.groups, ruleset.regions, "test")
    matcher = compile_rules(big)
    assert len(matcher) == sum(r.enabled for r in rules)
    total = 0
    for _ in range(300):
        title, text, f = random_item(rng, ruleset)
        got = matcher.match(title, text, f)
        want = [r.id for r in rules if naive_match(r, big, title, text, f)]
        assert [m.rule_id for m in got] == want, (title, text, f)
        total += len(got)
        for m in got:
            v = matcher.check(m.rule_id, title, text, f)
            assert v.matched and v.reasons == m.reasons and v.failed == ()
    assert total > 300  # the random rules do match things


def test_check_all_agrees_with_match(ruleset, matcher):
    f = Facts(kind="attack", groups=perp("iswap"), country="NG", province_code="NG-BO", killed=12)
    verdicts = matcher.check_all("Car bomb", "ISIS attack in Borno", f)
    assert [v.rule_id for v in verdicts if v.matched] == ids(matcher.match("Car bomb", "ISIS attack in Borno", f))


def test_reasons_worked_out_on_first_use_equal_the_eager_evaluation(ruleset):
    """Matches' reasons are made when first read (most are never read): whatever is read, in whatever
    order, equals the plain evaluation's reasons made at once (``check``)."""
    rng = random.Random(20261206)
    rules = random_rules(rng, ruleset, 600)
    matcher = compile_rules(RuleSet(tuple(rules), ruleset.groups, ruleset.regions, "test"))
    total = 0
    for i in range(300):
        title, text, f = random_item(rng, ruleset)
        got = matcher.match(title, text, f)
        assert all(type(m._why) is not tuple for m in got)       # nothing worked out before use
        order = list(got) if i % 3 == 0 else list(reversed(got)) if i % 3 == 1 else got[1::2] + got[::2]
        for m in order:
            want = matcher.check(m.rule_id, title, text, f).reasons
            assert m.reasons == want and m.reasons is m.reasons and m == Match(m.rule_id, want)
            assert hash(m) == hash(Match(m.rule_id, want)) and pickle.loads(pickle.dumps(m)) == m
            total += 1
    assert total > 300


def test_a_match_is_immutable_and_compares_by_value():
    m = Match("r", ["kind attack"])
    assert m.reasons == ("kind attack",) and m == Match("r", ("kind attack",)) != Match("r", ())
    assert repr(m) == "Match(rule_id='r', reasons=('kind attack',))"
    with pytest.raises(AttributeError):
        m.rule_id = "s"


@settings(max_examples=300, deadline=None)
@given(st.sets(st.integers(0, 5000), max_size=120))
def test_set_bits_lists_the_bits_lowest_first(bits):
    assert set_bits(sum(1 << b for b in bits)) == sorted(bits)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=30) | st.text(alphabet="ab é\n\t\r\x00\xa0\u2009\u3000\x85.", max_size=30),
       st.text(alphabet=st.characters(), max_size=60) | st.text(alphabet="ab é\n\t\r\x00\xa0\u2009\u3000\x85.", max_size=60))
def test_spaced_join_is_join_of_split(title, text):
    """The matcher's whitespace-collapsed text (its fast path for parsed items: newlines only) is
    exactly the split-and-join it replaces (issue 14)."""
    from bot.rulebook.matcher import _SEP
    from bot.rulebook.phrases import spaced_join

    for t, x in ((title, text), (title.strip(), "\n\n".join(text.split())), ("T", text.replace("  ", "\n"))):
        assert spaced_join(t, _SEP, x) == " ".join((t + _SEP + x).split())


def test_spaced_join_of_a_parsed_item_takes_the_fast_path():
    from bot.rulebook.phrases import spaced_join

    text = "First paragraph, with “quotes”.\n\nSecond one\nwith a line break."
    assert spaced_join("A title", " | ", text) == "A title | First paragraph, with “quotes”. Second one with a line break."
