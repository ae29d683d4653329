"""Make ``bot/data/outlines.json.gz``: country outlines for locator maps, from Natural Earth.

Source: Natural Earth Admin 0 countries (public domain, https://www.naturalearthdata.com/),
version 4.1.0, as redistributed in the npm package ``world-atlas`` (TopoJSON, ISC licence
for the packaging)::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python tools/make_outlines.py package/countries-50m.json bot/data/outlines.json.gz

Each country becomes a list of rings; a ring is a flat list of integers, coordinates in
hundredths of a degree, the first pair absolute and the rest deltas (lon, lat, dlon, dlat, ...).
"""
from __future__ import annotations

import gzip
import json
import sys


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def ring(arcs: list[list[tuple[float, float]]], refs: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for r in refs:
        a = arcs[r] if r >= 0 else arcs[~r][::-1]
        pts.extend(a if not pts else a[1:])
    return pts


def encode(pts: list[tuple[float, float]]) -> list[int]:
    flat: list[int] = []
    px = py = 0
    last = None
    for lon, lat in pts:
        q = (round(lon * 100), round(lat * 100))
        if q == last:
            continue
        flat += [q[0] - px, q[1] - py]
        px, py = q
        last = q
    return flat


def main(src: str, dst: str) -> None:
    topo = json.load(open(src, encoding="utf-8"))
    arcs = decode_arcs(topo)
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        polys = g.get("arcs") or []
        if g["type"] == "Polygon":
            polys = [polys]
        rings = [encode(ring(arcs, r)) for poly in polys for r in poly]
        countries.append({"id": g.get("id"), "name": g.get("properties", {}).get("name"),
                          "rings": [r for r in rings if len(r) >= 6]})
    scale = src.rsplit("-", 1)[-1].removesuffix(".json")          # countries-50m.json -> 50m
    doc = {"source": f"Natural Earth 4.1.0 Admin 0 countries 1:{scale} (public domain), via npm world-atlas 2.0.2",
           "unit": 0.01, "countries": countries}
    with gzip.open(dst, "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(doc, fh, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
