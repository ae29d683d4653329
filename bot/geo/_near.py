"""The ``near:`` condition of a rule: any of its circles contains the event.

::

    near:
      - {place: Beni, km: 50}                                  # resolved through the gazetteer
      - {lat: -11.35, lon: 40.35, km: 30, name: "Macomia road"}

Places are resolved once per rule load (:func:`resolve_points`); matching is pure
(:class:`NearCondition`): one grid lookup per item, whatever the number of rules.
A fact matches only with coordinates whose precision is no coarser than the radius
(see :data:`bot.geo._math.PRECISION_KM`): a province centroid never passes as being
5 km from Bunia, a country-level location never matches a circle.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ._math import MAX_KM, Circle, CircleIndex, fmt_km, haversine_km, precision_fits, relative
from ._resolve import country_name, resolve_place


class NearSpec(BaseModel):
    """One entry of a rule's ``near:`` list, as written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    place: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    km: float = Field(gt=0, le=MAX_KM)
    name: str | None = None

    @model_validator(mode="after")
    def _one_point(self) -> "NearSpec":
        if self.place is not None:
            if self.lat is not None or self.lon is not None:
                raise ValueError("a near point has either 'place' or 'lat' and 'lon', not both")
            if not self.place.strip():
                raise ValueError("empty 'place'")
        elif self.lat is None or self.lon is None:
            raise ValueError("a near point needs 'place', or both 'lat' and 'lon'")
        return self


@dataclass(frozen=True, slots=True)
class NearPoint:
    """A resolved circle: its centre, radius and the name alerts use for the centre."""

    lat: float
    lon: float
    km: float
    name: str


def point_of(spec: NearSpec) -> NearPoint:
    """Resolve one entry (may raise :class:`~bot.geo.PlaceLookupError` for a place)."""
    if spec.place is not None:
        p = resolve_place(spec.place)
        return NearPoint(p.lat, p.lon, spec.km, spec.name or p.name)
    assert spec.lat is not None and spec.lon is not None
    return NearPoint(spec.lat, spec.lon, spec.km, spec.name or f"{spec.lat:.2f}, {spec.lon:.2f}")


def resolve_points(specs: Sequence[NearSpec]) -> tuple[NearPoint, ...]:
    return tuple(point_of(s) for s in specs)


def where_name(facts) -> str:
    return facts.place or facts.province or (country_name(facts.country) if facts.country else "the event")


def unlocated(facts) -> str | None:
    """Why the facts have no position fit for any circle, or None when they have one (coarse or not)."""
    if facts.lat is not None and facts.lon is not None:
        return None
    if facts.place:
        return f"place not located ({facts.place})"
    if facts.province:
        return f"place known only to province level ({facts.province})"
    if facts.country:
        return f"place known only to country level ({country_name(facts.country)})"
    return "no location"


def too_coarse(facts, km: float) -> str | None:
    if precision_fits(facts.precision, km):
        return None
    level = facts.precision
    name = (facts.province if level == "province" else
            country_name(facts.country) if level == "country" and facts.country else where_name(facts))
    return f"place known only to {level} level ({name})"


def judge(points: Iterable[NearPoint], facts) -> tuple[list[str], list[str]]:
    """(reasons, failures) of one rule's near points on these facts: any point will do."""
    why = unlocated(facts)
    if why:
        return [], [why]
    ok: list[str] = []
    bad: list[str] = []
    what = where_name(facts)
    for p in points:
        coarse = too_coarse(facts, p.km)
        if coarse:
            bad.append(f"{coarse}: too coarse for {fmt_km(p.km)} km around {p.name}")
            continue
        rel = relative(facts.lat, facts.lon, p.lat, p.lon, p.name)
        d = haversine_km(p.lat, p.lon, facts.lat, facts.lon)
        if d <= p.km:
            ok.append(f"{what} is {rel} (≤ {fmt_km(p.km)} km)")
        else:
            bad.append(f"{what} is {rel} (> {fmt_km(p.km)} km)")
    if ok:
        return ok, []
    return [], bad


class NearCondition:
    """Every rule's circles in one grid: item -> bitmask of the near-rules it satisfies."""

    def __init__(self, rules: Iterable[tuple[int, Sequence[NearPoint]]]):
        self.mask = 0
        self._index: CircleIndex[int] = CircleIndex()
        for bit, points in rules:
            if not points:
                continue
            self.mask |= bit
            for p in points:
                self._index.add(Circle(p.lat, p.lon, p.km, bit))

    def bits(self, facts) -> int:
        """Bits of the near-rules whose circles contain the facts' position (precision allowing)."""
        if not self.mask or facts.lat is None or facts.lon is None:
            return 0
        out = 0
        for c, _ in self._index.containing(facts.lat, facts.lon):
            if precision_fits(facts.precision, c.km):
                out |= c.value
        return out
