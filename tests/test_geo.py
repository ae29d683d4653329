"""Proximity: geodesy, the place resolver, the ``near:`` rule condition and its explanations."""
from __future__ import annotations

import random
import shutil
import textwrap
from pathlib import Path

import pytest

from bot.errors import RuleError
from bot.geo import (
    Circle,
    CircleIndex,
    PlaceLookupError,
    bearing_deg,
    compass,
    haversine_km,
    precision_fits,
    relative,
    resolve_place,
    scan_containing,
)
from bot.rulebook.matcher import compile_rules
from bot.models import Facts
from bot.rulebook.load import load_rules, load_seeds

ROOT = Path(__file__).resolve().parent.parent
BENI = (0.49113, 29.47306)
# a point 27 km north of Beni, and one about 45 km south-south-west
NORTH_27 = (BENI[0] + 27 / 111.195, BENI[1])
GOMA = (-1.67409, 29.22845)


# ------------------------------------------------------------------ pure geodesy
def test_haversine_known_distance():
    # Paris - London, 343.5 km great-circle
    assert haversine_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(343.5, abs=1.0)
    assert haversine_km(*BENI, *BENI) == 0.0


def test_bearing_and_compass():
    assert compass(bearing_deg(0, 0, 1, 0)) == "N"
    assert compass(bearing_deg(0, 0, 0, 1)) == "E"
    assert compass(bearing_deg(0, 0, -1, -1)) == "SW"
    assert compass(359.0) == "N" and compass(22.4) == "N" and compass(22.6) == "NE" and compass(315) == "NW"


def test_relative_text():
    assert relative(*NORTH_27, *BENI, "Beni") == "27 km N of Beni"
    assert relative(*BENI, *BENI, "Beni") == "at Beni"
    assert relative(BENI[0] - 0.05, BENI[1], *BENI, "Beni") == "5.6 km S of Beni"


def test_precision_rule():
    assert precision_fits("place", 5)
    assert precision_fits(None, 5)
    assert not precision_fits("province", 50)
    assert precision_fits("province", 300)
    assert not precision_fits("country", 500)


def test_grid_index_agrees_with_the_plain_scan():
    rnd = random.Random(7)
    circles = [Circle(rnd.uniform(-89, 89), rnd.uniform(-180, 180), rnd.choice([5, 50, 200, 500]), i)
               for i in range(3000)]
    # a few at the antimeridian and near the poles
    circles += [Circle(10, 179.9, 300, -1), Circle(10, -179.9, 300, -2), Circle(88, 0, 400, -3)]
    ix = CircleIndex(circles)
    assert len(ix) == len(circles)
    for _ in range(400):
        lat, lon = rnd.uniform(-90, 90), rnd.uniform(-180, 180)
        assert sorted(c.value for c, _ in ix.containing(lat, lon)) == \
            sorted(c.value for c, _ in scan_containing(circles, lat, lon))
    assert {c.value for c, _ in ix.containing(10, -179.0)} >= {-1, -2}
    assert -3 in {c.value for c, _ in ix.containing(89, 120)}


# ------------------------------------------------------------------ resolver
def test_resolve_unique_and_dominant_names():
    beni = resolve_place("Beni")
    assert (beni.country, round(beni.lat, 2), round(beni.lon, 2)) == ("CD", 0.49, 29.47)
    assert resolve_place("Paris").country == "FR"             # the others have under 1/20 of its people
    assert resolve_place("mocimboa da praia").name == "Mocímboa da Praia"
    assert resolve_place("Tripoli, LB").country == "LB"
    assert resolve_place("Springfield, US-IL").province_code == "US-IL"


def test_ambiguous_name_lists_candidates():
    with pytest.raises(PlaceLookupError) as e:
        resolve_place("Tripoli")
    msg = str(e.value)
    assert "Tripoli: did you mean" in msg
    assert "Tripoli, LY (Libya)" in msg and "Tripoli, LB (Lebanon)" in msg
    assert "write `place: Tripoli, LY`" in msg


def test_unknown_name_and_wrong_country():
    with pytest.raises(PlaceLookupError, match="unknown place.*did you mean.*Beni"):
        resolve_place("Benni")
    with pytest.raises(PlaceLookupError,
                       match=r"no such place in BO; known: Beni, CD \(Democratic Republic of the Congo\)"):
        resolve_place("Beni, BO")


# ------------------------------------------------------------------ rules
def rules_dir(tmp_path: Path, body: str) -> Path:
    shutil.copy(ROOT / "rules" / "groups.yaml", tmp_path / "groups.yaml")
    shutil.copy(ROOT / "rules" / "regions.yaml", tmp_path / "regions.yaml")
    (tmp_path / "near.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    return tmp_path


NEAR_RULES = """
rules:
  - id: beni-50
    title: Within 50 km of Beni
    near:
      - {place: Beni, km: 50}
  - id: macomia-road
    title: Macomia road
    near:
      - {lat: -11.35, lon: 40.35, km: 30, name: "Macomia road"}
      - {place: "Macomia, MZ", km: 10}
  - id: beni-300-killed
    title: Within 300 km of Beni, 5 killed
    near: [{place: Beni, km: 300}]
    min_killed: 5
"""


@pytest.fixture(scope="module")
def near_matcher(tmp_path_factory):
    rs = load_rules(rules_dir(tmp_path_factory.mktemp("near"), NEAR_RULES))
    return compile_rules(rs)


def located(lat, lon, precision="place", **kw):
    return Facts(kind="attack", country="CD", province="North Kivu", province_code="CD-NK",
                 lat=lat, lon=lon, precision=precision, **kw)


def test_near_matches_inside_the_circle_with_the_distance(near_matcher):
    f = located(*NORTH_27, place="Oicha", killed=7)
    got = {m.rule_id: m.reasons for m in near_matcher.match("", "", f)}
    assert set(got) == {"beni-50", "beni-300-killed"}
    assert got["beni-50"] == ("Oicha is 27 km N of Beni (≤ 50 km)",)
    assert near_matcher.check("beni-50", "", "", f).reasons == got["beni-50"]


def test_near_misses_outside_with_the_distance(near_matcher):
    f = located(*GOMA, place="Goma", killed=7)
    assert [m.rule_id for m in near_matcher.match("", "", f)] == ["beni-300-killed"]
    v = near_matcher.check("beni-50", "", "", f)
    assert not v.matched and v.failed == ("not near: Goma is 242 km S of Beni (> 50 km)",)


def test_any_point_of_the_list_will_do(near_matcher):
    f = Facts(kind="attack", country="MZ", place="Macomia", lat=-12.25, lon=40.12, precision="place")
    assert [m.rule_id for m in near_matcher.match("", "", f)] == ["macomia-road"]
    f2 = Facts(kind="attack", country="MZ", place="Awasse", lat=-11.45, lon=40.40, precision="place")
    m = near_matcher.match("", "", f2)
    assert [x.rule_id for x in m] == ["macomia-road"] and "of Macomia road (≤ 30 km)" in m[0].reasons[0]


def test_too_coarse_precision_never_matches(near_matcher):
    # a province centroid right at Beni: still no match for a 50 km circle
    prov = located(*BENI, precision="province", killed=7)
    assert "beni-50" not in {m.rule_id for m in near_matcher.match("", "", prov)}
    v = near_matcher.check("beni-50", "", "", prov)
    assert v.failed == ("not near: place known only to province level (North Kivu): too coarse for 50 km around Beni",)
    country = located(*BENI, precision="country", killed=7)
    assert near_matcher.match("", "", country) == []
    assert "place known only to country level (Democratic Republic of the Congo)" in \
        near_matcher.check("beni-300-killed", "", "", country).failed[0]


def test_place_without_coordinates_is_not_located(near_matcher):
    f = Facts(kind="attack", country="CD", province="North Kivu", place="Oicha", killed=9)
    assert near_matcher.match("", "", f) == []
    assert near_matcher.check("beni-50", "", "", f).failed == ("not near: place not located (Oicha)",)
    f2 = Facts(kind="attack", country="CD", province="North Kivu", killed=9)
    assert near_matcher.check("beni-50", "", "", f2).failed == \
        ("not near: place known only to province level (North Kivu)",)


def test_ambiguous_place_in_a_rule_is_a_file_line_error(tmp_path):
    d = rules_dir(tmp_path, """
        rules:
          - id: tripoli
            title: Tripoli
            near:
              - {place: Tripoli, km: 20}
    """)
    with pytest.raises(RuleError) as e:
        load_rules(d)
    (p,) = e.value.problems
    assert p.path.endswith("near.yaml") and p.line == 6
    assert "rule 'tripoli': near: Tripoli: did you mean Tripoli, LY (Libya), Tripoli, LB (Lebanon)" in p.message
    assert "write `place: Tripoli, LY`" in p.message


@pytest.mark.parametrize("entry,msg", [
    ("{place: Beni}", "missing required key"),
    ("{place: Beni, lat: 1, lon: 2, km: 5}", "either 'place' or 'lat' and 'lon'"),
    ("{lat: 1, km: 5}", "needs 'place', or both 'lat' and 'lon'"),
    ("{place: Beni, km: 5000}", "less than or equal to 500"),
    ("{place: Beni, km: 5, radius: 3}", "unknown key 'radius'"),
])
def test_bad_near_entries(tmp_path, entry, msg):
    d = rules_dir(tmp_path, f"""
        rules:
          - id: bad
            title: Bad
            near:
              - {entry}
    """)
    with pytest.raises(RuleError) as e:
        load_rules(d)
    assert any(msg in p.message and p.line in (2, 3, 6) for p in e.value.problems), e.value.problems


def test_gazetteer_not_loaded_without_near(tmp_path):
    from bot.geo import _resolve

    _resolve.gazetteer.cache_clear()
    load_rules(rules_dir(tmp_path, """
        rules:
          - id: nk
            title: North Kivu
            regions: [CD-NK]
    """))
    assert _resolve.gazetteer.cache_info().currsize == 0


# ------------------------------------------------------------------ the seeds
def test_near_beni_on_the_seeds(near_matcher):
    """`{place: Beni, km: 50}` matches the DR Congo article and nothing else."""
    from bot.extraction import extract

    seeds = load_seeds()
    facts = {sid: extract(d["title"], d["text"], None) for sid, d in seeds.items()}
    assert facts["drc-beni-adf-38"].precision == "place" and facts["drc-beni-adf-38"].lat is not None
    hits = {sid for sid, f in facts.items()
            if "beni-50" in {m.rule_id for m in near_matcher.match(seeds[sid]["title"], seeds[sid]["text"], f)}}
    assert hits == {"drc-beni-adf-38"}


# ------------------------------------------------------------------ rules test and /test explain misses
def test_rules_test_explains_matches_and_misses_with_the_distance(near_matcher):
    from bot.rulebook.explain import ItemResult, explain

    rs = near_matcher.ruleset
    items = [located(*NORTH_27, place="Oicha", killed=7), located(*GOMA, place="Goma"),
             located(*BENI, precision="province"), Facts(kind="attack")]
    results = [ItemResult(f"i{n}", f"item {n}", f, tuple(near_matcher.match("", "", f)))
               for n, f in enumerate(items)]
    out = explain(rs, results)
    block = out.split("beni-50:")[1].split("macomia-road:")[0]
    assert "✓ i0: item 0\n      why: Oicha is 27 km N of Beni (≤ 50 km)" in block
    assert "✗ i1: item 1\n      not near: Goma is 242 km S of Beni (> 50 km)" in block
    assert "✗ i2: item 2\n      not near: place known only to province level (North Kivu)" in block
    assert "i3" not in block          # no location at all: not listed as a proximity miss


def test_slash_test_says_why_a_near_rule_missed(tmp_path):
    from bot.telegram.rulesource import RulebookRules

    rules = RulebookRules(rules_dir(tmp_path, NEAR_RULES))
    out = rules.test_text("ADF rebels kill 38 in attack near Beni\nThe attack in Beni, North Kivu province, "
                          "DR Congo, killed 38 people.")
    assert out.startswith("Facts: attack · adf*")
    block = out.split("\nbeni-50: ")[1]           # the same report as `newsbot rules test`
    assert ("✓ /test: ADF rebels kill 38" in block and "why: Beni is" in block) or \
        "✗ /test: ADF rebels kill 38 in attack near Beni\n      not near: place not located (Beni)" in block


def test_gazetteer_streaming_reader(tmp_path):
    from bot.geo._resolve import Gazetteer, _stream_rows

    good = tmp_path / "c.json"
    good.write_text('{"1": {"geonameid": 1, "name": "Oicha", "latitude": 0.7, "longitude": 29.5, '
                    '"countrycode": "CD", "population": 5000, "admin1code": "11", "alternatenames": ["a\\u00e9"]}, '
                    '"2": {"geonameid": 2, "name": "Oicha", "latitude": 40.0, "longitude": -90.0, '
                    '"countrycode": "US", "population": 1200, "admin1code": "IL", "alternatenames": []}}')
    g = Gazetteer(_stream_rows(str(good), chunk=7))        # records cut across chunks
    assert [(p.country, p.province_code) for p in g.candidates("OICHA")] == [("CD", None), ("US", "US-IL")]
    with pytest.raises(PlaceLookupError, match="did you mean Oicha, CD .* or Oicha, US-IL"):
        g.resolve("Oicha")
    bad = tmp_path / "b.json"
    bad.write_text('{"1": {"geonameid": 1, "name": "X", "alternatenames": []}}')
    with pytest.raises(ValueError):
        list(_stream_rows(str(bad)))
    empty = tmp_path / "e.json"
    empty.write_text("{}")
    with pytest.raises(ValueError, match="no cities"):
        list(_stream_rows(str(empty)))
