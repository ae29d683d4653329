"""Draw ``docs/alert-with-map.png``: how a proximity alert with ``/map on`` looks in a chat.

    python tools/alert_picture.py docs/alert-with-map.png

The text is the real plain-text rendering of a proximity alert payload (bot.notify.render), the map the
real locator (bot.telegram.locator); the example article is made up.
"""
from __future__ import annotations

import io
import sys
from datetime import datetime, timezone

from PIL import Image, ImageDraw, ImageFont

from bot.models import Casualty, Facts, GroupMention, Item
from bot.pipeline.proximity import near_payload
from bot.notify.render import render_alert_text
from bot.store import NearSubscription
from bot.telegram.locator import map_for_payload, render_locator


def main(dst: str) -> None:
    sub = NearSubscription(1, 1, "Beni", 0.49113, 29.47306, 50.0, None, "")
    facts = Facts(kind="attack", groups=(GroupMention("adf", "ADF", "perpetrator"),), country="CD",
                  province="North Kivu", province_code="CD-NK", place="Oicha", lat=0.7340, lon=29.4700,
                  precision="place", killed=11, casualties=(Casualty("killed", 11, "at least"),))
    item = Item("x", "Example", "https://news.example/oicha", "Rebels kill at least 11 in night raid near Oicha",
                "", datetime(2024, 6, 8, 4, 30, tzinfo=timezone.utc), "Example News")
    payload = near_payload(sub, 27.0, facts, item, group_names={"adf": "Allied Democratic Forces (ADF)"})
    text = render_alert_text(payload)
    args, kw = map_for_payload(payload)
    png = render_locator(*args, **kw)
    mp = Image.open(io.BytesIO(png)).convert("RGB")
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 15)
    except OSError:
        font = ImageFont.load_default()
    pad, line_h = 14, 21
    # DejaVu has no emoji: drop them (severity icon, flag) rather than draw empty boxes
    lines = [" ".join("".join(c for c in ln if ord(c) < 0x1F000).split()) for ln in text.splitlines()]
    w = mp.width + 2 * pad
    h_text = pad * 2 + line_h * len(lines)
    img = Image.new("RGB", (w, h_text + mp.height + pad * 2), "#e6ebee")
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((6, 6, w - 6, h_text - 4), radius=12, fill="white")
    for i, ln in enumerate(lines):
        d.text((pad + 4, pad + i * line_h), ln, fill="#111111", font=font)
    img.paste(mp, (pad, h_text + pad))
    img.save(dst, optimize=True)


if __name__ == "__main__":
    main(sys.argv[1])
