"""Geodesy for proximity subscriptions: pure functions and a grid index, no I/O.

Distances are great-circle (haversine, mean Earth radius 6371.0088 km); the
bearing is the initial bearing from the subscription's point to the event,
named on an 8-point compass ("27 km N of Beni").
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Generic, Iterable, TypeVar

EARTH_KM = 6371.0088
MAX_KM = 500.0                    # the largest radius a rule or subscription may ask for
COMPASS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")

# How far a location of each precision may lie from where it really happened. A fact matches a
# circle only when this is no larger than the radius: a province centroid is no position
# for a 50 km circle, a country's never for any circle (countries exceed MAX_KM).
PRECISION_KM = {"place": 0.0, "district": 30.0, "province": 200.0, "country": math.inf}

T = TypeVar("T")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial bearing from point 1 to point 2, degrees clockwise from north in [0, 360)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(x, y)) % 360.0


def compass(bearing: float) -> str:
    """8-point compass name of a bearing: 0 → N, 90 → E, 200 → S."""
    return COMPASS[int(((bearing % 360.0) + 22.5) // 45.0) % 8]


def fmt_km(km: float) -> str:
    return f"{km:.1f}" if km < 10 else f"{km:.0f}"


def relative(lat: float, lon: float, origin_lat: float, origin_lon: float, origin_name: str) -> str:
    """Where (lat, lon) lies seen from the origin: ``"27 km N of Beni"``; ``"at Beni"`` within 1 km."""
    d = haversine_km(origin_lat, origin_lon, lat, lon)
    if d < 1.0:
        return f"at {origin_name}"
    return f"{fmt_km(d)} km {compass(bearing_deg(origin_lat, origin_lon, lat, lon))} of {origin_name}"


def precision_fits(precision: str | None, km: float) -> bool:
    """May a location of this precision match a circle of ``km``? Unknown precision counts as place."""
    return PRECISION_KM.get(precision or "place", math.inf) <= km


@dataclass(frozen=True, slots=True)
class Circle(Generic[T]):
    lat: float
    lon: float
    km: float
    value: T


class CircleIndex(Generic[T]):
    """Circles (point and radius) on a grid of ``cell`` degrees: which circles contain a point?

    Each circle is filed under every cell its bounding box touches, so a query reads one
    cell and measures only the circles there: its cost follows the number of circles
    near the point, not the number stored.
    """

    def __init__(self, circles: Iterable[Circle[T]] = (), *, cell: float = 1.0):
        self.cell = cell
        self._cells: dict[tuple[int, int], list[Circle[T]]] = {}
        self._n = 0
        for c in circles:
            self.add(c)

    def __len__(self) -> int:
        return self._n

    def _key(self, lat: float, lon: float) -> tuple[int, int]:
        return (int(math.floor(lat / self.cell)), int(math.floor(((lon + 180.0) % 360.0) / self.cell)))

    def add(self, c: Circle[T]) -> None:
        km = min(c.km, MAX_KM)
        dlat = km / 111.0
        lat0, lat1 = max(-90.0, c.lat - dlat), min(90.0, c.lat + dlat)
        coslat = math.cos(math.radians(max(abs(lat0), abs(lat1))))
        dlon = 180.0 if coslat < 1e-6 else min(180.0, km / (111.0 * coslat))
        ncols = int(round(360.0 / self.cell))
        r0, r1 = self._key(lat0, 0)[0], self._key(lat1, 0)[0]
        c0 = int(math.floor((c.lon - dlon + 180.0) / self.cell))
        c1 = int(math.floor((c.lon + dlon + 180.0) / self.cell))
        cols = range(ncols) if c1 - c0 + 1 >= ncols else [x % ncols for x in range(c0, c1 + 1)]
        for r in range(r0, r1 + 1):
            for col in cols:
                self._cells.setdefault((r, col), []).append(c)
        self._n += 1

    def containing(self, lat: float, lon: float) -> list[tuple[Circle[T], float]]:
        """The circles that contain the point, each with its distance in km."""
        out = []
        for c in self._cells.get(self._key(lat, lon), ()):
            d = haversine_km(c.lat, c.lon, lat, lon)
            if d <= c.km:
                out.append((c, d))
        return out


def scan_containing(circles: Iterable[Circle[T]], lat: float, lon: float) -> list[tuple[Circle[T], float]]:
    """The plain scan :class:`CircleIndex` replaces (the reference in tests and the bench)."""
    out = []
    for c in circles:
        d = haversine_km(c.lat, c.lon, lat, lon)
        if d <= c.km:
            out.append((c, d))
    return out
