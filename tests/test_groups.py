"""The group catalogue: rules/groups.yaml and its validation."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import RuleError
from bot.catalog.groups import load_groups, parse_groups

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = """isil iskp iswap isgs iscap is-mozambique is-sinai is-somalia adf m23 codeco mayi-mayi al-shabaab
boko-haram ansaru jnim al-qaeda aqap aqim aqis hts taliban ttp bla let jem trf houthis hamas hezbollah pij pkk
ypg npa abu-sayyaf biff cpi-maoist farc eln ipob opm kia pdf-myanmar arakan-army ola rsf wagner""".split()


@pytest.fixture(scope="module")
def cat():
    return load_groups(ROOT / "rules" / "groups.yaml")


def test_catalogue_covers_every_required_id(cat):
    assert not [g for g in REQUIRED if g not in cat]
    for gid in REQUIRED:
        g = cat.get(gid)
        assert g.name and (g.aliases or g.context_aliases)


def test_affiliations(cat):
    assert cat.family("iskp") == ("iskp", "isil")
    assert cat.family("adf") == ("adf", "isil")
    assert {"iskp", "iswap", "isgs", "adf", "is-mozambique"} <= cat.descendants("isil")
    assert "al-shabaab" in cat.descendants("al-qaeda")
    assert cat.ancestors("isil") == ()
    assert cat.name("iskp") == "Islamic State Khorasan Province"
    assert cat.name("nope") == "nope" and cat.get("nope") is None


def test_no_alias_is_plain_is(cat):
    for g in cat.groups.values():
        assert "IS" not in g.aliases and "IS" not in g.context_aliases


def test_countries_are_iso_codes(cat):
    import pycountry
    for g in cat.groups.values():
        for c in g.countries:
            assert pycountry.countries.get(alpha_2=c) is not None, (g.id, c)


@pytest.mark.parametrize("text, message", [
    ("groups:\n  - id: a\n    name: A\n  - id: a\n    name: B\n", "duplicate group id 'a'"),
    ("groups:\n  - id: a\n    name: A\n    parent: zz\n", "unknown parent group 'zz'"),
    ("groups:\n  - id: a\n    name: A\n    parent: b\n  - id: b\n    name: B\n    parent: a\n", "affiliation cycle"),
    ("groups:\n  - id: a\n    name: A\n    aliases: [IS]\n", "'IS' is an English word"),
    ("groups:\n  - id: a\n    name: A\n    countries: [Russia]\n", "not an ISO 3166-1 alpha-2 code"),
    ("groups:\n  - id: a\n    name: A\n    context_aliases: ['  ']\n", "may not be empty"),
    ("groups:\n  - id: a\n    name: A\n    colour: red\n", "colour"),
    ("- just a list\n", "expected a mapping"),
])
def test_bad_catalogue_is_reported_with_line(text, message):
    with pytest.raises(RuleError) as exc:
        parse_groups(text, "g.yaml")
    rendered = "\n".join(str(p) for p in exc.value.problems)
    assert message in rendered
    assert rendered.startswith("g.yaml:")


def test_unreadable_file(tmp_path):
    with pytest.raises(RuleError) as exc:
        load_groups(tmp_path / "missing.yaml")
    assert "cannot read file" in str(exc.value.problems[0])


def test_context_aliases_parse():
    cat = parse_groups("groups:\n  - id: a\n    name: A\n    countries: [MZ]\n    context_aliases: [Shabab]\n")
    assert cat.get("a").context_aliases == ("Shabab",)
