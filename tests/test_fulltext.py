"""bot.feeds.fulltext: article pages served on loopback, main text out, summary kept on failure."""
from __future__ import annotations

import html
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.feeds.fetch import FetchSettings, Fetcher
from bot.feeds.fulltext import fetch_full_text, fetch_main_text, html_to_main_text, with_full_text
from bot.models import Item

ROOT = Path(__file__).resolve().parents[1]
SEEDS = {row["id"]: row for row in map(json.loads, (ROOT / "bot/sample/seeds.jsonl").read_text("utf-8").splitlines())}
DRC = SEEDS["drc-beni-adf-38"]
NAV = ["Home", "World", "Africa", "Middle East", "Opinion", "Sport", "Video"]


def article_page(title: str, text: str, *, charset: str = "utf-8", meta_charset: bool = True) -> str:
    """A news page as sites serve it: menus, article, share bar, related links, comments, footer."""
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
    nav = "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAV)
    related = "".join(f'<li><a href="/r{i}">Related story number {i} about something else</a></li>' for i in range(8))
    meta = f'<meta charset="{charset}">' if meta_charset else ""
    return f"""<!DOCTYPE html><html lang="en"><head>{meta}<title>{html.escape(title)} | Example News</title>
<script>window.dataLayer = [{{"page": "article"}}];</script><style>body {{ font-family: serif }}</style></head>
<body><div class="cookie-banner">We use cookies to improve your experience. <button>Accept all cookies</button></div>
<header><a href="/">Example News</a><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{html.escape(title)}</h1><div class="byline">By Staff Reporter, 8 June 2024</div>
<div class="article-body">{paras}<p>Check out our Latest News and Follow us at Facebook</p></div>
<div class="share">Share this: <a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a></div>
</article><aside><h3>Related</h3><ul>{related}</ul></aside>
<section id="comments"><h3>3 comments</h3><div class="comment">First! Great article, thanks.</div></section></main>
<footer><p>© 2024 Example News. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer></body></html>"""


def item(url: str | None, text: str = "Short feed summary.") -> Item:
    return Item(key="k", feed="f", url=url, title=DRC["title"], text=text,
                published=datetime(2024, 6, 8, tzinfo=timezone.utc), source="Example News")


@pytest.fixture
async def fetcher():
    async with Fetcher(FetchSettings(allow_private=True, allow_file=True, connect_timeout=2, total_timeout=2)) as f:
        yield f


def test_html_to_main_text_keeps_the_article_and_drops_the_page_furniture():
    text = html_to_main_text(article_page(DRC["title"], DRC["text"]), "https://news.example/drc")
    assert text is not None
    assert "killed at least 38 people" in text
    assert "North Kivu" in text and "\n\n" in text                           # paragraphs kept
    for furniture in ["Related story number", "Accept all cookies", "We use cookies", "First! Great article",
                      "All rights reserved", "Check out our Latest News", "dataLayer", "Middle East"]:
        assert furniture not in text, furniture


@pytest.mark.parametrize("page", [
    "", "   ", "<html><body><nav>Home World</nav></body></html>", "not html at all",
    "<html><body><p>Too short to be an article.</p></body></html>", "<" * 5000,
])
def test_html_to_main_text_returns_none_when_there_is_no_article(page):
    assert html_to_main_text(page, "https://news.example/x") is None


async def test_with_full_text_replaces_the_summary(feed_server, fetcher):
    feed_server.set("/drc", article_page(DRC["title"], DRC["text"]).encode(), content_type="text/html; charset=utf-8")
    new, reason = await with_full_text(fetcher, item(feed_server.url("/drc")))
    assert reason is None
    assert new.text.startswith("The armed men used guns and machetes") and "at least 38" in new.text
    assert (new.key, new.url, new.title) == ("k", feed_server.url("/drc"), DRC["title"])
    assert await fetch_full_text(fetcher, feed_server.url("/drc")) == new.text
    assert await fetch_full_text(fetcher, feed_server.url("/missing")) is None


@pytest.mark.parametrize("header_charset", [True, False])
async def test_article_page_in_another_charset(feed_server, fetcher, header_charset):
    text = "\n\n".join([
        "Боевики напали на деревню в провинции Северное Киву и убили не менее 38 человек, "
        "сообщили местные власти и представители гражданского общества.",
        "Нападавшие были вооружены огнестрельным оружием и мачете, жители бежали в соседние деревни.",
        "Военные заявили, что преследуют нападавших, и призвали население сохранять спокойствие.",
        "Это уже второе нападение в районе Бени за неделю, по данным местных организаций.",
    ])
    page = article_page("Нападение в Бени", text.strip(), charset="windows-1251").encode("cp1251")
    ctype = "text/html; charset=windows-1251" if header_charset else "text/html"
    feed_server.set("/ru", page, content_type=ctype)
    res = await fetch_main_text(fetcher, feed_server.url("/ru"))
    assert res.error is None and "Северное Киву" in res.text


@pytest.mark.parametrize("setup, reason", [
    (lambda s: s.set("/p", b"gone", status=404, content_type="text/html"), "article page: HTTP 404 Not Found"),
    (lambda s: s.set("/p", b"%PDF-1.7", content_type="application/pdf"), "article page is not HTML (application/pdf)"),
    (lambda s: s.set("/p", b"<html><body><p>Subscribe to read.</p></body></html>", content_type="text/html"),
     "no article text found in the page"),
    (lambda s: s.redirect_loop("/p", "/q"), "article page: more than 5 redirects (a redirect loop?)"),
    (lambda s: s.gzip_bomb("/p", 64 * 1024 * 1024), "article page: body is over the 10 MiB cap once gzip-decoded; stopped reading"),
])
async def test_failures_keep_the_summary(feed_server, fetcher, setup, reason):
    setup(feed_server)
    original = item(feed_server.url("/p"))
    new, why = await with_full_text(fetcher, original)
    assert new is original and why == reason


async def test_timeout_keeps_the_summary(feed_server):
    feed_server.hang("/slow", seconds=30)
    async with Fetcher(FetchSettings(allow_private=True, allow_file=True, total_timeout=0.3)) as f:
        original = item(feed_server.url("/slow"))
        new, why = await with_full_text(f, original)
    assert new is original and why == "article page: no complete answer within 0.3 s"


async def test_item_without_a_link_keeps_the_summary(fetcher):
    original = item(None)
    assert await with_full_text(fetcher, original) == (original, "item has no link to fetch")


async def test_page_text_shorter_than_the_summary_keeps_the_summary(feed_server, fetcher):
    feed_server.set("/drc", article_page(DRC["title"], DRC["text"]).encode(), content_type="text/html")
    original = item(feed_server.url("/drc"), text=DRC["text"] + "\n\n" + DRC["text"])
    new, why = await with_full_text(fetcher, original)
    assert new is original and why == "article page text is shorter than the feed's; kept the feed's"
