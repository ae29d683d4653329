"""Locator maps: a small PNG with country outlines, the event and the subscription's circle.

Outlines are Natural Earth's 1:50m Admin 0 countries (public domain), shipped as package
data (``bot/data/outlines.json.gz``, made by ``tools/make_outlines.py``). The projection
is plate carrée stretched by 1/cos(latitude) around the map's centre, which keeps shapes
true at the scale of a locator. Drawing is matplotlib (Agg), about 0.1-0.2 s of CPU:
call :func:`render_locator_async` from the event loop, it runs in a worker thread.
"""
from __future__ import annotations

import asyncio
import functools
import gzip
import io
import json
import math
from dataclasses import dataclass
from importlib import resources

WIDTH, HEIGHT, DPI = 480, 360, 100
MIN_SPAN_KM = 400.0              # a map shows at least this much north to south
SEA, LAND, BORDER = "#dce9f5", "#f3f0e8", "#8c8c8c"
POINT, CIRCLE = "#d62728", "#1f5fa8"
ATTRIBUTION = "Natural Earth"


@dataclass(frozen=True, slots=True)
class Extent:
    lon0: float
    lon1: float
    lat0: float
    lat1: float

    def pixel(self, lat: float, lon: float, width: int = WIDTH, height: int = HEIGHT) -> tuple[int, int]:
        """Where (lat, lon) lands in the picture: (x, y) from the top left."""
        x = (lon - self.lon0) / (self.lon1 - self.lon0) * width
        y = (self.lat1 - lat) / (self.lat1 - self.lat0) * height
        return int(x), int(y)


def circle_points(lat: float, lon: float, km: float, n: int = 90) -> list[tuple[float, float]]:
    """(lon, lat) around a geodesic circle."""
    d = km / 6371.0088
    p1, l1 = math.radians(lat), math.radians(lon)
    out = []
    for i in range(n + 1):
        b = 2 * math.pi * i / n
        p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
        l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
        out.append((math.degrees(l2), math.degrees(p2)))
    return out


def extent_for(points: list[tuple[float, float]], *, km: float = 0.0, center: tuple[float, float] | None = None,
               width: int = WIDTH, height: int = HEIGHT) -> Extent:
    """The map's window: every point (lat, lon), the circle of ``km`` around ``center``, a margin,
    at least :data:`MIN_SPAN_KM` tall, shaped like the picture."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if center is not None and km > 0:
        ring = circle_points(center[0], center[1], km, 36)
        lats += [p[1] for p in ring]
        lons += [p[0] for p in ring]
    la0, la1, lo0, lo1 = min(lats), max(lats), min(lons), max(lons)
    clat, clon = (la0 + la1) / 2, (lo0 + lo1) / 2
    k = max(0.2, math.cos(math.radians(max(-80.0, min(80.0, clat)))))
    half_h = max((la1 - la0) * 0.6, MIN_SPAN_KM / 111.2 / 2, (lo1 - lo0) * 0.6 * k * height / width)
    half_h = min(half_h, 60.0)
    half_w = half_h * width / height / k
    return Extent(clon - half_w, clon + half_w, clat - half_h, clat + half_h)


@functools.lru_cache(maxsize=1)
def outlines() -> list[tuple[tuple[float, float, float, float], list[tuple[float, float]]]]:
    """Every ring as ((lon0, lon1, lat0, lat1) bounds, [(lon, lat), ...]); loaded once."""
    raw = resources.files("bot").joinpath("data", "outlines.json.gz").read_bytes()
    doc = json.loads(gzip.decompress(raw))
    unit = doc["unit"]
    out = []
    for c in doc["countries"]:
        for flat in c["rings"]:
            x = y = 0
            pts = []
            for i in range(0, len(flat) - 1, 2):
                x += flat[i]
                y += flat[i + 1]
                pts.append((x * unit, y * unit))
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            out.append(((min(xs), max(xs), min(ys), max(ys)), pts))
    return out


def render_locator(lat: float, lon: float, *, circle: tuple[float, float, float] | None = None,
                   label: str = "", center_name: str = "", points: list[tuple[float, float]] = (),
                   width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """A PNG of ``width`` x ``height``: outlines, the circle (lat, lon, km) if any, and the event as a
    red dot (``points``: more events, for a week's map). Pure: no I/O besides the package data."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.collections import PolyCollection
    from matplotlib.figure import Figure

    every = [(lat, lon), *points]
    ext = extent_for(every + ([(circle[0], circle[1])] if circle else []), km=circle[2] if circle else 0.0,
                     center=(circle[0], circle[1]) if circle else None, width=width, height=height)
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(ext.lon0, ext.lon1)
    ax.set_ylim(ext.lat0, ext.lat1)
    ax.set_aspect("auto")
    fig.patch.set_facecolor(SEA)
    polys = [pts for (b, pts) in outlines()
             if b[1] >= ext.lon0 and b[0] <= ext.lon1 and b[3] >= ext.lat0 and b[2] <= ext.lat1]
    ax.add_collection(PolyCollection(polys, facecolors=LAND, edgecolors=BORDER, linewidths=0.8, zorder=1))
    if circle:
        ring = circle_points(circle[0], circle[1], circle[2])
        ax.fill([p[0] for p in ring], [p[1] for p in ring], color=CIRCLE, alpha=0.12, zorder=2)
        ax.plot([p[0] for p in ring], [p[1] for p in ring], color=CIRCLE, linewidth=1.5, zorder=3)
        ax.plot([circle[1]], [circle[0]], marker="+", color=CIRCLE, markersize=10, mew=2, zorder=4)
        if center_name:
            ax.annotate(center_name[:40], (circle[1], circle[0]), xytext=(6, -12), textcoords="offset points",
                        fontsize=9, color=CIRCLE, zorder=4)
    for p in points:
        ax.plot([p[1]], [p[0]], marker="o", color=POINT, alpha=0.6, markersize=6, mec="white", zorder=5)
    ax.plot([lon], [lat], marker="o", color=POINT, markersize=11, mec="white", mew=1.5, zorder=6)
    if label:
        ax.text(0.02, 0.97, label[:80], transform=ax.transAxes, va="top", ha="left", fontsize=10, zorder=7,
                bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 3})
    ax.text(0.99, 0.01, ATTRIBUTION, transform=ax.transAxes, va="bottom", ha="right", fontsize=6,
            color="#555555", zorder=7)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, facecolor=SEA)
    return buf.getvalue()


async def render_locator_async(*args, **kw) -> bytes:
    """:func:`render_locator` in a worker thread, off the event loop."""
    return await asyncio.to_thread(render_locator, *args, **kw)


def map_for_payload(payload: dict) -> tuple[tuple, dict] | None:
    """(args, kwargs) of :func:`render_locator` for an alert payload with coordinates, else None."""
    lat, lon = payload.get("lat"), payload.get("lon")
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        return None
    near = payload.get("near") or {}
    circle = None
    if all(isinstance(near.get(k), (int, float)) for k in ("lat", "lon", "km")):
        circle = (float(near["lat"]), float(near["lon"]), float(near["km"]))
    label = str(near.get("text") or payload.get("place") or "")
    return (float(lat), float(lon)), {"circle": circle, "label": label, "center_name": str(near.get("name") or "")}
