"""Rule files: schema, references, file:line errors for every bad input, examples, shipped rules."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from bot.errors import RuleError
from bot.rulebook.matcher import compile_rules
from bot.models import Facts, GroupMention
from bot.rulebook.examples import run_examples
from bot.rulebook.phrases import phrase_always_excluded
from bot.rulebook.load import load_rules, load_seeds

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
LABELS = ROOT / "tests" / "fixtures" / "seed_labels.yaml"

FIRST_FIVE = ["isil-10-killed", "isil-africa", "afghanistan-attacks", "russia-attacks", "isil-arrests"]


@pytest.fixture
def rdir(tmp_path):
    d = tmp_path / "rules"
    d.mkdir()
    shutil.copy(RULES / "groups.yaml", d / "groups.yaml")
    shutil.copy(RULES / "regions.yaml", d / "regions.yaml")
    return d


def write(d: Path, name: str, text: str) -> Path:
    p = d / name
    p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return p


def problems(d: Path) -> list[str]:
    with pytest.raises(RuleError) as ei:
        load_rules(d)
    return [str(p) for p in ei.value.problems]


GOOD = """
rules:
  - id: r1
    title: Rule one
    groups: [isil]
    min_killed: 10
"""


# ------------------------------------------------------------------ shipped rules
def test_shipped_rules_load_with_the_five_seed_rules_first():
    rs = load_rules(RULES)
    assert list(rs.ids[:5]) == FIRST_FIVE
    assert rs.get("isil-10-killed").title == "ISIL or affiliates, 10 or more killed"
    assert rs.get("isil-africa").title == "ISIL or affiliates, any attack in Africa"
    assert rs.get("isil-arrests").title == "ISIL arrests or raids"
    assert len(rs.rules) >= 10
    for r in rs.rules:
        assert r.examples, r.id
        assert any(e.match for e in r.examples) and any(not e.match for e in r.examples), r.id
    assert len(rs.fingerprint) == 64
    assert rs.sources["isil-10-killed"].path.endswith("alerts.yaml")


def _label_oracle():
    """An extract() that answers with the analyst labels: checks the rules against labels.yaml."""
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    seeds = load_seeds()
    codes = {"North Kivu": "CD-NK", "Cabo Delgado": "MZ-P", "Moscow Oblast": "RU-MOS", "Kandahar": "AF-KAN",
             "Baghdad": "IQ-BG", "Istanbul": "TR-34"}
    by_title = {}
    for a in labels["seed_articles"]:
        w = a["where"]
        groups = tuple(GroupMention(g, g, "perpetrator") for g in a["groups"]) + tuple(
            GroupMention(g, g, "mentioned") for g in a["mentioned"])
        by_title[seeds[a["id"]]["title"]] = Facts(
            kind="other" if a["kind"] == "analysis" else a["kind"], groups=groups, country=w["country"],
            province=w["province"], province_code=codes.get(w["province"]), place=w["place"],
            killed=a["killed"], wounded=a["wounded"])

    def extract(title, text, published=None, *, catalog=None):
        return by_title.get(title, Facts())
    return extract


def test_shipped_seed_examples_agree_with_the_analyst_labels():
    rs = load_rules(RULES)
    probs = run_examples(rs, extract=_label_oracle())
    seed_probs = [str(p) for p in probs if "seed '" in p.message]
    assert seed_probs == []


def test_seed_rules_select_exactly_the_articles_labels_imply():
    """The demo's expectation, per article: the five rules against the labelled facts."""
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    rs = load_rules(RULES)
    matcher = compile_rules(rs)
    extract = _label_oracle()
    seeds = load_seeds()
    incidents_by_rule: dict[str, set[str]] = {r: set() for r in FIRST_FIVE}
    incident_of = {a["id"]: a["incident"] for a in labels["seed_articles"]}
    for sid, doc in seeds.items():
        facts = extract(doc["title"], doc["text"])
        for m in matcher.match(doc["title"], doc["text"], facts):
            if m.rule_id in incidents_by_rule:
                incidents_by_rule[m.rule_id].add(incident_of[sid])
    expected = {rs.get(rid).title: incidents_by_rule[rid] for rid in FIRST_FIVE}
    assert expected == {k: set(v) for k, v in labels["expected_alerts"].items()}


def test_shipped_examples_pass_with_the_real_extractor():
    assert [str(p) for p in run_examples(load_rules(RULES))] == []


# ------------------------------------------------------------------ order, fingerprint
def test_rule_order_is_file_name_then_list_order(rdir):
    write(rdir, "b.yaml", "rules:\n  - {id: b1, title: B1, kinds: [attack]}\n  - {id: b0, title: B0, kinds: [attack]}\n")
    write(rdir, "a.yaml", "rules:\n  - {id: a9, title: A9, kinds: [attack]}\n")
    assert load_rules(rdir).ids == ("a9", "b1", "b0")


def test_fingerprint_ignores_comments_and_follows_content(rdir):
    write(rdir, "a.yaml", GOOD)
    fp1 = load_rules(rdir).fingerprint
    write(rdir, "a.yaml", "# a comment\n" + textwrap.dedent(GOOD))
    assert load_rules(rdir).fingerprint == fp1
    write(rdir, "a.yaml", GOOD.replace("10", "11"))
    assert load_rules(rdir).fingerprint != fp1


def test_defaults(rdir):
    write(rdir, "a.yaml", GOOD)
    r = load_rules(rdir).get("r1")
    assert r.enabled is True and r.severity == "medium" and r.include_affiliates is True and r.kinds == []


# ------------------------------------------------------------------ bad inputs, each with path:line
def test_yaml_syntax_error(rdir):
    p = write(rdir, "a.yaml", """
        rules:
          - id: r1
            title: [unclosed
          - id: r2
        """)
    (msg,) = problems(rdir)
    assert msg == f"{p}:4:7: a '[' is never closed (opened at line 3)"


def test_unknown_key_with_suggestion(rdir):
    p = write(rdir, "a.yaml", """
        rules:
          - id: r1
            title: Rule one
            groups: [isil]
            min_kiled: 10
        """)
    assert problems(rdir) == [f"{p}:5: rule 'r1': unknown key 'min_kiled' (did you mean 'min_killed'?)"]


def test_unknown_key_inside_an_example(rdir):
    p = write(rdir, "a.yaml", """
        rules:
          - id: r1
            title: Rule one
            groups: [isil]
            examples:
              - {text: hello, match: true, expect: 1}
        """)
    (msg,) = problems(rdir)
    assert msg.startswith(f"{p}:6: rule 'r1': unknown key 'expect' in examples[0]")


def test_unknown_top_level_key(rdir):
    p = write(rdir, "a.yaml", "rulez:\n  - id: r1\n")
    (msg,) = problems(rdir)
    assert msg.startswith(f"{p}:1: file: unknown key 'rulez'")


def test_rule_file_that_is_not_a_mapping(rdir):
    p = write(rdir, "a.yaml", "- id: r1\n  title: x\n")
    assert problems(rdir) == [f"{p}:1: a rule file is a mapping with a 'rules:' list"]


def test_unknown_group_ids(rdir):
    p = write(rdir, "a.yaml", """
        rules:
          - id: r1
            title: Rule one
            groups:
              - isil
              - ISIS
              - al-shabaa
              - nosuchgroup
        """)
    msgs = problems(rdir)
    assert f"{p}:6: rule 'r1': unknown group id 'ISIS' (that is an alias: use the group id 'isil')" in msgs
    assert f"{p}:7: rule 'r1': unknown group id 'al-shabaa' (did you mean 'al-shabaab'?)" in msgs
    assert any(m.startswith(f"{p}:8: rule 'r1': unknown group id 'nosuchgroup'") for m in msgs)
    assert len(msgs) == 3


def test_unknown_region_ids(rdir):
    p = write(rdir, "a.yaml", """
        rules:
          - id: r1
            title: Rule one
            regions:
              - sahel
              - CD
              - CD-NK
              - "place:Macomia"
              - sahell
              - cd
              - ZZ
              - CD-XX
              - Macomia
              - "place:  "
        """)
    msgs = problems(rdir)
    assert msgs == [
        f"{p}:9: rule 'r1': unknown region 'sahell' (did you mean 'sahel'?)",
        f"{p}:10: rule 'r1': unknown region 'cd' (country and province codes are upper case: 'CD')",
        f"{p}:11: rule 'r1': unknown country code 'ZZ'",
        f"{p}:12: rule 'r1': unknown ISO 3166-2 province code 'CD-XX'",
        f"{p}:13: rule 'r1': unknown region 'Macomia': use a region id from regions.yaml (af-pak, africa, "
        f"antarctica, arabian-peninsula, asia, cabo-delgado, …), an ISO country code (CD), an ISO 3166-2 code "
        f"(CD-NK), or 'place:Macomia' if it is a town or district",
        f"{p}:14: rule 'r1': empty place name in 'place:'",
    ]


@pytest.mark.parametrize("line, expect", [
    ("min_killed: ten", "min_killed: 'ten' is not a whole number"),
    ("min_killed: -1", "min_killed: Input should be greater than or equal to 0"),
    ("min_killed: 2.5", "min_killed: 2.5 is not a whole number"),
    ("enabled: 'yes'", "enabled: Input should be a valid boolean"),
    ("groups: isil", "groups: Input should be a valid list"),
    ("kinds: [bombing]", "kinds[0]: Input should be 'attack', 'arrest', 'diplomacy' or 'other'"),
    ("severity: urgent", "severity: Input should be 'info', 'low', 'medium', 'high' or 'critical'"),
    ("keywords_any: [12]", "keywords_any[0]: Input should be a valid string"),
])
def test_wrong_types(rdir, line, expect):
    p = write(rdir, "a.yaml", f"""
        rules:
          - id: r1
            title: Rule one
            {line}
            regions: [africa]
        """)
    assert problems(rdir) == [f"{p}:4: rule 'r1': {expect}"]


def test_yaml_boolean_words_get_a_hint(rdir):
    p = write(rdir, "a.yaml", "rules:\n  - id: off\n    title: x\n    kinds: [attack]\n")
    assert problems(rdir) == [f"{p}:2: rules[0]: id: Input should be a valid string "
                              "(YAML reads yes/no/on/off as true/false: quote it)"]


def test_missing_title_and_bad_id(rdir):
    p = write(rdir, "a.yaml", """
        rules:
          - id: r1
            kinds: [attack]
          - id: Bad Id
            title: x
            kinds: [attack]
        """)
    msgs = problems(rdir)
    assert f"{p}:2: rule 'r1': missing required key 'title'" in msgs
    assert any(m.startswith(f"{p}:4: rule 'Bad Id': id: String should match pattern") for m in msgs)


def test_duplicate_rule_id_across_two_files(rdir):
    a = write(rdir, "a.yaml", GOOD)
    b = write(rdir, "b.yaml", "rules:\n  - id: r2\n    title: two\n    kinds: [attack]\n  - id: r1\n    title: again\n    kinds: [attack]\n")
    assert problems(rdir) == [f"{b}:5: duplicate rule id 'r1' (first defined at {a}:2)"]


def test_bad_groups_catalogue(rdir):
    write(rdir, "a.yaml", GOOD)
    g = rdir / "groups.yaml"
    g.write_text("groups:\n  - id: isil\n    name: Islamic State\n  - id: iskp\n    name: ISKP\n    parent: isl\n")
    assert problems(rdir) == [f"{g}:6: unknown parent group 'isl'"]


def test_bad_regions_catalogue(rdir):
    write(rdir, "a.yaml", GOOD)
    r = rdir / "regions.yaml"
    r.write_text("regions:\n  - id: sahel\n    name: Sahel\n    countries: [ML, XX]\n")
    assert problems(rdir) == [f"{r}:4: region 'sahel': unknown country code 'XX'"]


def test_missing_catalogue(rdir):
    write(rdir, "a.yaml", GOOD)
    (rdir / "regions.yaml").unlink()
    (msg,) = problems(rdir)
    assert msg.startswith(f"{rdir / 'regions.yaml'}:1: cannot read file")


def test_every_problem_in_every_file_is_reported_together(rdir):
    a = write(rdir, "a.yaml", "rules:\n  - id: r1\n    title: x\n    groups: [nope]\n")
    b = write(rdir, "b.yaml", "rules:\n  - id: r2\n    title: x\n    regions: [atlantis]\n  - id: r3\n    title: x\n    min_killed: many\n")
    c = write(rdir, "c.yaml", "rules: [\n")
    g = rdir / "groups.yaml"
    g.write_text(g.read_text() + "  - id: isil\n    name: dup\n")
    msgs = problems(rdir)
    # the group catalogue is broken, so group references cannot be checked this time
    assert not any(m.startswith(f"{a}:") for m in msgs)
    assert any(m.startswith(f"{g}:") and "duplicate group id 'isil'" in m for m in msgs)
    assert any(m.startswith(f"{b}:4: rule 'r2': unknown region 'atlantis'") for m in msgs)
    assert f"{b}:7: rule 'r3': min_killed: 'many' is not a whole number" in msgs
    assert any(m.startswith(f"{c}:2:1: a '[' or '{{' is never closed") for m in msgs)


def test_rule_with_no_conditions(rdir):
    p = write(rdir, "a.yaml", "rules:\n  - id: r1\n    title: everything\n")
    assert problems(rdir) == [
        f"{p}:2: rule 'r1': the rule has no conditions and would match every item; "
        "give groups, regions, kinds, a min_* threshold or keywords"]


def test_rule_that_can_match_nothing(rdir):
    p = write(rdir, "a.yaml", """
        rules:
          - id: r1
            title: contradiction
            keywords_all: [suicide bombing]
            exclude: [bombing]
          - id: r2
            title: every keyword excluded
            keywords_any: [car bomb, car bombing]
            exclude: [car]
          - id: r3
            title: wordless keyword
            keywords_any: ["!!!"]
        """)
    assert problems(rdir) == [
        f"{p}:4: rule 'r1': can match nothing: required keyword 'suicide bombing' is always excluded by 'bombing'",
        f"{p}:9: rule 'r2': can match nothing: every keywords_any phrase is excluded",
        f"{p}:12: rule 'r3': keywords_any entry '!!!' has no words, so it can never match",
    ]


def test_exclusion_analysis_respects_acronym_case():
    assert phrase_always_excluded("ISIS", "isis")          # exclude ignores case: always hits
    assert not phrase_always_excluded("isis", "ISIS")      # keyword also finds "Isis", exclude does not
    assert phrase_always_excluded("car bomb attack", "bomb attack")
    assert not phrase_always_excluded("bomb", "car bomb")


def test_examples_are_checked(rdir):
    p = write(rdir, "a.yaml", """
        rules:
          - id: r1
            title: x
            kinds: [attack]
            examples:
              - {seed: drc-beni-adf-39, match: true}
              - {seed: drc-beni-adf-38, text: also text, match: true}
              - {title: t, text: x}
              - {match: false}
          - id: r2
            title: x
            kinds: [attack]
            examples:
              - {seed: drc-beni-adf-39, match: true}
        """)
    msgs = problems(rdir)
    assert f"{p}:14: rule 'r2': unknown seed 'drc-beni-adf-39' (did you mean 'drc-beni-adf-38'?)" in msgs
    assert any(m.startswith(f"{p}:7: rule 'r1': examples[1]: Value error, an example has either 'seed'") for m in msgs)
    assert f"{p}:8: rule 'r1': missing required key 'examples[2].match'" in msgs
    assert any(m.startswith(f"{p}:9: rule 'r1': examples[3]: Value error, an example needs 'text'") for m in msgs)


def test_missing_or_empty_rules_dir(tmp_path, rdir):
    with pytest.raises(RuleError) as ei:
        load_rules(tmp_path / "nope")
    assert str(ei.value.problems[0]) == f"{tmp_path / 'nope'}:1: rules directory not found"
    assert problems(rdir) == [f"{rdir}:1: no rule files (*.yaml or *.yml besides groups.yaml and regions.yaml)"]


# ------------------------------------------------------------------ examples
KEYWORD_RULES = """
rules:
  - id: bombings
    title: Bombings
    keywords_any: [suicide bombing, car bomb]
    exclude: [exercise]
    examples:
      - {title: Car bomb in Mogadishu, text: A car bomb exploded at a market., match: true}
      - {text: Police held a car bomb exercise downtown., match: false}
      - {text: The weather was fine., match: true}
      - {text: A suicide bombing exercise ended with a car bomb drill., match: false}
      - {text: Another car bomb exploded., match: false}
"""


def test_run_examples_reports_each_failing_example_with_its_line(rdir):
    p = write(rdir, "a.yaml", KEYWORD_RULES)
    rs = load_rules(rdir)
    msgs = [str(x) for x in run_examples(rs)]
    assert msgs == [
        f"{p}:9: rule 'bombings': example 'The weather was fine.' should match but does not: "
        "none of the keywords 'suicide bombing', 'car bomb'",
        f"{p}:11: rule 'bombings': example 'Another car bomb exploded.' should not match but does: "
        "keyword 'car bomb'",
    ]


def test_run_examples_goes_through_bot_extract(rdir, monkeypatch):
    import bot.extraction

    write(rdir, "a.yaml", """
        rules:
          - id: big
            title: Big attacks
            min_killed: 10
            examples:
              - {title: Ten dead, text: whatever, match: true}
              - {seed: kandahar-bank-bombing, match: false}
        """)
    seen = []

    def fake_extract(title, text, published=None, *, catalog=None):
        seen.append((title, published, catalog))
        return Facts(kind="attack", killed=12 if title == "Ten dead" else 3)

    monkeypatch.setattr(bot.extraction, "extract", fake_extract)
    rs = load_rules(rdir)
    assert run_examples(rs) == []
    assert seen[0][0] == "Ten dead" and seen[0][2] is rs.groups
    assert seen[1][0].startswith("At least three killed") and seen[1][1].year == 2024


def test_disabled_rules_examples_still_run_but_do_not_match(rdir):
    p = write(rdir, "a.yaml", """
        rules:
          - id: quiet
            title: Disabled
            enabled: false
            keywords_any: [car bomb]
            examples:
              - {text: no bomb here, match: true}
        """)
    rs = load_rules(rdir)
    assert rs.enabled == ()
    assert compile_rules(rs).match("t", "car bomb", Facts()) == []
    (prob,) = run_examples(rs)
    assert str(prob).startswith(f"{p}:7: rule 'quiet': example 'no bomb here' should match but does not")


def test_load_problems_name_the_line_of_the_bad_value(rdir):
    p = write(rdir, "a.yaml", "rules:\n  - id: r1\n    title: x\n    kinds: [boom]\n")
    with pytest.raises(RuleError) as exc:
        load_rules(rdir)
    (prob,) = exc.value.problems
    assert str(prob).startswith(f"{p}:4: rule 'r1': kinds[0]")


def test_duplicate_key_in_a_rule(rdir):
    p = write(rdir, "a.yaml", "rules:\n  - id: r1\n    title: x\n    kinds: [attack]\n    title: y\n")
    assert problems(rdir) == [f"{p}:5: duplicate key 'title'"]


def test_example_match_must_be_a_boolean(rdir):
    p = write(rdir, "a.yaml", """
        rules:
          - id: r1
            title: x
            kinds: [attack]
            examples:
              - text: hello
                match: maybe
        """)
    assert problems(rdir) == [f"{p}:7: rule 'r1': examples[0].match: Input should be a valid boolean"]


# ---------------------------------------------------------------- loading and messages (issue 9)
RULE_A = "rules:\n  - id: a\n    title: A\n    keywords_any: [ambush]\n"


@pytest.mark.parametrize("text, expected", [
    ("", "{p}:1: the rule file is empty"),
    ("# all rules commented out\n#rules:\n#  - id: a\n", "{p}:1: the rule file is empty"),
    ("rules:\n", "{p}:1: the rule file has no 'rules:' list"),
    ("title: x\n", "{p}:1: file: unknown key 'title'"),
])
def test_an_empty_rule_file_or_one_without_a_rules_list_is_an_error(rdir, text, expected):
    write(rdir, "a.yaml", RULE_A)
    p = write(rdir, "b.yaml", text)
    assert any(m.startswith(expected.format(p=p)) for m in problems(rdir)), problems(rdir)


def test_a_yml_file_is_read_like_a_yaml_file(rdir):
    write(rdir, "a.yaml", RULE_A)
    write(rdir, "b.yml", RULE_A.replace("id: a", "id: b"))
    assert [r.id for r in load_rules(rdir).rules] == ["a", "b"]
    p = write(rdir, "c.yml", "rules:\n  - id: c\n    title: C\n    min_killed: ten\n")
    assert f"{p}:4: rule 'c': min_killed: 'ten' is not a whole number" in problems(rdir)


@pytest.mark.parametrize("region, hint", [
    ("Somalia", "did you mean SO?"),
    ("Russia", "did you mean RU?"),
    ("Democratic Republic of the Congo", "did you mean CD?"),
    ("sahell", "did you mean 'sahel'?"),
])
def test_unknown_region_hints(rdir, region, hint):
    p = write(rdir, "a.yaml", f"rules:\n  - id: a\n    title: A\n    regions: ['{region}']\n")
    (msg,) = problems(rdir)
    assert msg.startswith(f"{p}:4: rule 'a': unknown region {region!r}") and hint in msg
    assert "place:" + region not in msg
