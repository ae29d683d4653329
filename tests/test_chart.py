"""The 7-day chart: real PNG bytes from matplotlib's headless Agg canvas."""
from __future__ import annotations

import struct
from datetime import datetime, timedelta, timezone

from bot.telegram.weekchart_draw import ChartRow, render_chart, rows_from_incidents
from bot.incidents import Source, fuse
from bot.models import Facts, GroupMention, Item

NOW = datetime(2024, 3, 26, 12, tzinfo=timezone.utc)
PNG = b"\x89PNG\r\n\x1a\n"


def size(png: bytes) -> tuple[int, int]:
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def test_chart_is_a_png_of_real_size():
    rows = [ChartRow(NOW - timedelta(days=1), ("isil", "iskp"), "RU", 137),
            ChartRow(NOW - timedelta(days=3), ("adf",), "CD", 38),
            ChartRow(NOW - timedelta(days=2), (), "AF", 3)]
    png = render_chart(rows, NOW)
    assert png.startswith(PNG)
    assert len(png) > 10_000
    w, h = size(png)
    assert w >= 600 and h >= 300


def test_rows_outside_the_week_are_left_out_and_an_empty_week_still_draws():
    old = [ChartRow(NOW - timedelta(days=9), ("isil",), "RU", 500)]
    assert render_chart(old, NOW) == render_chart([], NOW)   # pure: same inputs, same bytes
    assert render_chart([], NOW).startswith(PNG)
    earlier = NOW - timedelta(days=3)   # the same row is inside the week before
    assert render_chart(old, earlier) != render_chart([], earlier)


def test_rows_from_incidents():
    it = Item("k", "f", None, "Moscow attack", "", NOW - timedelta(days=1), "Al Jazeera")
    st, _ = fuse(None, Facts(kind="attack", groups=(GroupMention("isil", "ISIL", "perpetrator"),), country="RU",
                             killed=137), Source.of(it))
    rows = rows_from_incidents([st], region_of=lambda c, p: {"RU": "europe"}.get(c, "?"))
    assert rows == [ChartRow(NOW - timedelta(days=1), ("isil",), "europe", 137)]
    assert render_chart(rows, NOW).startswith(PNG)


def test_region_labels_come_from_the_region_catalogue():
    from pathlib import Path

    from bot.telegram.weekchart_draw import region_labeller
    from bot.catalog.regions import load_regions

    regions = load_regions(Path(__file__).resolve().parent.parent / "rules" / "regions.yaml")
    label = region_labeller(regions)
    assert label("CD", "CD-NK") == regions.name("central-africa")
    assert label(None, None) == "unknown"
    assert label("RU", None) in {regions.name(c) for c in regions.continents}   # no broad region: continent
