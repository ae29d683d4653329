"""The locator map: a valid PNG of the expected size whose pixels show the point and the circle."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from bot.telegram.locator import (
    CIRCLE,
    HEIGHT,
    LAND,
    POINT,
    SEA,
    WIDTH,
    extent_for,
    map_for_payload,
    outlines,
    render_locator,
)

BENI = (0.49113, 29.47306)
OICHA = (0.734, 29.47)


def rgb(hex_: str) -> tuple[int, int, int]:
    return tuple(int(hex_[i:i + 2], 16) for i in (1, 3, 5))


def close(a, b, tol=40) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a[:3], b))


def test_outlines_are_natural_earth_countries():
    rings = outlines()
    assert len(rings) > 1000
    # some ring contains the point of Beni within its bounds (DR Congo)
    assert any(b[0] <= BENI[1] <= b[1] and b[2] <= BENI[0] <= b[3] for b, _ in rings)


def test_locator_png_shows_the_point_and_the_circle():
    png = render_locator(*OICHA, circle=(*BENI, 50.0), label="27 km N of Beni", center_name="Beni")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    img = Image.open(io.BytesIO(png)).convert("RGB")
    assert img.size == (WIDTH, HEIGHT)
    ext = extent_for([OICHA, BENI], km=50.0, center=BENI)
    x, y = ext.pixel(*OICHA)
    assert close(img.getpixel((x, y)), rgb(POINT))                  # the event: a red dot
    # 50 km east of Beni lies on the circle's outline
    cx, cy = ext.pixel(BENI[0], BENI[1] + 50 / 111.2)
    ring = [img.getpixel((cx + dx, cy)) for dx in range(-3, 4)]
    assert any(close(p, rgb(CIRCLE), 60) for p in ring)
    # far from both: land or sea, nothing drawn
    corner = img.getpixel((WIDTH - 30, HEIGHT // 2))
    assert close(corner, rgb(LAND), 12) or close(corner, rgb(SEA), 12)
    # and no red anywhere far from the point
    reds = [(i, j) for i in range(0, WIDTH, 4) for j in range(0, HEIGHT, 4)
            if close(img.getpixel((i, j)), rgb(POINT), 30)]
    assert reds and all(abs(i - x) < 12 and abs(j - y) < 12 for i, j in reds)


def test_a_week_map_has_every_point():
    pts = [(0.49, 29.47), (-1.67, 29.23), (1.56, 30.25)]
    png = render_locator(*pts[0], points=pts[1:])
    img = Image.open(io.BytesIO(png)).convert("RGB")
    ext = extent_for(pts)
    for lat, lon in pts:
        assert close(img.getpixel(ext.pixel(lat, lon)), rgb(POINT), 90)


@pytest.mark.parametrize("payload,expected", [
    ({"lat": 0.7, "lon": 29.5, "near": {"lat": 0.5, "lon": 29.5, "km": 50, "text": "22 km N of Beni", "name": "Beni"}},
     ((0.7, 29.5), {"circle": (0.5, 29.5, 50.0), "label": "22 km N of Beni", "center_name": "Beni"})),
    ({"lat": 0.7, "lon": 29.5, "place": "Oicha"}, ((0.7, 29.5), {"circle": None, "label": "Oicha", "center_name": ""})),
    ({"lat": None, "lon": 29.5}, None),
    ({"place": "Oicha"}, None),
])
def test_map_for_payload(payload, expected):
    assert map_for_payload(payload) == expected
