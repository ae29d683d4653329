"""RSS 2.0 bodies for the loopback feed server, built from (guid, title, text) items."""
from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime


def rss_feed(items: list[tuple[str, str, str]], published: datetime) -> bytes:
    """One channel; each item linked at https://news.example/<guid> and dated ``published``."""
    date = format_datetime(published)
    body = "".join(f"<item><guid>{g}</guid><title>{t}</title><link>https://news.example/{g}</link>"
                   f"<pubDate>{date}</pubDate><description>{x}</description></item>" for g, t, x in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{body}</channel></rss>'.encode()
