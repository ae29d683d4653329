"""The 7-day picture for ``/stats`` and the daily digest: incidents and deaths per group and per region.

Pure given its inputs: :func:`render_chart` draws rows into PNG bytes with matplotlib's Agg
canvas (headless; no pyplot, no global state, safe in the bot's worker threads).
"""
from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable, Iterable

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.clock import as_utc

UNATTRIBUTED = "unattributed"
UNKNOWN_REGION = "unknown"


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One incident as the chart sees it."""

    at: datetime                  # when it happened (its first item)
    groups: tuple[str, ...]       # perpetrator group ids (display names are fine too)
    region: str                   # a region, country or province label
    killed: int | None = None


def rows_from_incidents(incidents: Iterable, *, region_of: Callable[[str | None, str | None], str] | None = None,
                        group_name: Callable[[str], str] | None = None) -> list[ChartRow]:
    """Chart rows from :class:`bot.incidents.IncidentState` values; ``region_of(country, province_code)``
    labels the region (default: the country code)."""
    out = []
    for s in incidents:
        region = region_of(s.country, s.province_code) if region_of else (s.country or UNKNOWN_REGION)
        groups = tuple(group_name(g) if group_name else g for g in s.perpetrators)
        out.append(ChartRow(s.first_at, groups, region or UNKNOWN_REGION, s.killed.value if s.killed else None))
    return out


# Broad regions a reader scans a week by; the first one a location lies in labels it.
BROAD_REGIONS = ("west-africa", "central-africa", "east-africa", "horn-of-africa", "north-africa",
                 "southern-africa", "middle-east", "caucasus", "central-asia", "south-asia", "southeast-asia",
                 "latin-america")


def region_labeller(regions, broad: tuple[str, ...] = BROAD_REGIONS) -> Callable[[str | None, str | None], str]:
    """``region_of`` for :func:`rows_from_incidents` from a :class:`bot.catalog.regions.RegionCatalog`: the first
    broad region the location lies in, else its continent, else the country code."""
    def region_of(country: str | None, province_code: str | None) -> str:
        ids = regions.resolve(country, province_code)
        for rid in broad:
            if rid in ids:
                return regions.name(rid)
        for rid in sorted(ids & regions.continents):
            return regions.name(rid)
        return country or UNKNOWN_REGION
    return region_of


def _tally(rows: list[ChartRow], keys: Callable[[ChartRow], Iterable[str]], top: int):
    incidents: Counter[str] = Counter()
    deaths: Counter[str] = Counter()
    for r in rows:
        for k in dict.fromkeys(keys(r)):
            incidents[k] += 1
            deaths[k] += r.killed or 0
    order = sorted(incidents, key=lambda k: (-deaths[k], -incidents[k], k))[:top]
    return order, [incidents[k] for k in order], [deaths[k] for k in order]


def _panel(ax, title: str, labels: list[str], incidents: list[int], deaths: list[int]) -> None:
    ax.set_title(title, fontsize=11, loc="left")
    if not labels:
        ax.text(0.5, 0.5, "no incidents", ha="center", va="center", transform=ax.transAxes, color="#666666")
        ax.set_xticks([])
        ax.set_yticks([])
        return
    ys = list(range(len(labels)))
    h = 0.38
    ax.barh([y - h / 2 for y in ys], deaths, height=h, color="#b2182b", label="deaths")
    ax.barh([y + h / 2 for y in ys], incidents, height=h, color="#2166ac", label="incidents")
    for y, d, n in zip(ys, deaths, incidents):
        ax.text(d, y - h / 2, f" {d}", va="center", fontsize=8)
        ax.text(n, y + h / 2, f" {n}", va="center", fontsize=8)
    ax.set_yticks(ys, [lbl[:28] for lbl in labels], fontsize=9)
    ax.invert_yaxis()
    ax.set_xscale("symlog", linthresh=10)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def render_chart(rows: Iterable[ChartRow], now: datetime, *, days: int = 7, top: int = 10) -> bytes:
    """PNG bytes: incidents and deaths per group and per region over the ``days`` before ``now``."""
    now = as_utc(now)
    start = now - timedelta(days=days)

    def inside(r: ChartRow) -> bool:
        return start <= as_utc(r.at) <= now

    rows = [r for r in rows if inside(r)]
    by_group = _tally(rows, lambda r: r.groups or (UNATTRIBUTED,), top)
    by_region = _tally(rows, lambda r: (r.region or UNKNOWN_REGION,), top)
    n = max(len(by_group[0]), len(by_region[0]), 1)
    fig = Figure(figsize=(8, 2.2 + 0.55 * n), dpi=100)
    FigureCanvasAgg(fig)
    ax1, ax2 = fig.subplots(1, 2)
    total = sum(r.killed or 0 for r in rows)
    fig.suptitle(f"Last {days} days to {now:%Y-%m-%d %H:%M} UTC: {len(rows)} incidents, {total} deaths",
                 fontsize=12)
    _panel(ax1, "per group", *by_group)
    _panel(ax2, "per region", *by_region)
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


__all__ = ["ChartRow", "render_chart", "rows_from_incidents", "region_labeller", "BROAD_REGIONS"]
