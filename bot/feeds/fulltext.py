"""Full article text for feeds that carry only a summary (``full_text: true``).

Two parts, kept apart as everywhere in newsbot:
- ``html_to_main_text(html, url)`` is pure: trafilatura finds the article's main
  text in a page (menus, footers, comments and related links left out), and the
  boilerplate table of ``bot.feeds.text`` cleans what remains;
- ``fetch_main_text`` / ``with_full_text`` fetch the page with a
  :class:`bot.feeds.fetch.Fetcher`. Any failure is a value: the item keeps the feed's
  summary and the reason comes back beside it.
"""
from __future__ import annotations

import asyncio
import dataclasses
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.feeds.fetch import Fetcher
import bot.safe_re as safe_re
from bot.models import Item
from bot.feeds.text import drop_boilerplate

__all__ = ["FullTextResult", "MIN_CHARS", "fetch_full_text", "fetch_main_text", "html_to_main_text",
           "with_full_text"]

# trafilatura warns on every page it finds nothing in; those are results here, not log noise.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

# Extracted text shorter than this is a teaser, a paywall or an error page, not an article.
MIN_CHARS = 200
_HTML_TYPES = ("text/html", "application/xhtml+xml", "")
_CHARSET = safe_re.compile(r"(?i)charset[ \t]*=[ \t]*[\"']?([A-Za-z0-9_.:-]+)", owner="fulltext")


@dataclass(frozen=True, slots=True)
class FullTextResult:
    url: str
    text: str | None = None          # main text, paragraphs separated by a blank line
    error: str | None = None         # why there is no text


def html_to_main_text(html: str, url: str | None = None) -> str | None:
    """The main text of an article page, or None when none is found. Never raises."""
    if not html or not html.strip():
        return None
    try:
        import trafilatura
        text = trafilatura.extract(
            html, url=url, output_format="txt", include_comments=False, include_tables=False,
            include_images=False, include_links=False, favor_precision=True, with_metadata=False,
        )
    except Exception:  # trafilatura on hostile markup: a failed extraction, not a crash
        return None
    if not text:
        return None
    # trafilatura's txt puts one paragraph per line; newsbot text separates them by a blank line
    text = drop_boilerplate("\n\n".join(ln.strip() for ln in text.splitlines() if ln.strip()))
    return text if len(text) >= MIN_CHARS else None


def _decode(content: bytes, content_type: str) -> str:
    m = _CHARSET.search(content_type or "")
    if m:
        try:
            return content.decode(m.group(1), errors="replace")
        except LookupError:
            pass
    from trafilatura.utils import decode_file   # meta charset, then detection
    return decode_file(content)


def _article_url_problem(url: str) -> str | None:
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return "article link is not a valid URL"
    if scheme not in ("http", "https"):
        return f"article link is not http(s) ({scheme or 'no'} scheme); not fetched"
    return None


async def fetch_main_text(fetcher: Fetcher, url: str, *, allow_private: bool | None = None) -> FullTextResult:
    """Fetch ``url`` and extract its main text; failures come back in ``error``.

    Article links are feed-controlled: only http(s), never file://, and under the same
    address policy as feeds (``allow_private`` as the feed's; None: the fetcher's default).
    """
    problem = _article_url_problem(url)
    if problem:
        return FullTextResult(url=url, error=problem)
    res = await fetcher.fetch(url, allow_private=allow_private, allow_file=False)
    if res.error:
        return FullTextResult(url=url, error=f"article page: {res.error}")
    if res.content is None:
        return FullTextResult(url=url, error="article page: empty answer")
    ctype = res.headers.get("content-type", "")
    if ctype.split(";", 1)[0].strip().lower() not in _HTML_TYPES:
        return FullTextResult(url=url, error=f"article page is not HTML ({ctype})")
    html = _decode(res.content, ctype)
    text = await asyncio.to_thread(html_to_main_text, html, res.final_url or url)
    if text is None:
        return FullTextResult(url=url, error="no article text found in the page")
    return FullTextResult(url=url, text=text)


async def fetch_full_text(fetcher: Fetcher, url: str, *, allow_private: bool | None = None) -> str | None:
    """Just the main text of the page at ``url``, or None on any failure."""
    return (await fetch_main_text(fetcher, url, allow_private=allow_private)).text


async def with_full_text(fetcher: Fetcher, item: Item, *, allow_private: bool | None = None
                         ) -> tuple[Item, str | None]:
    """``item`` with the article page's text, or unchanged with the reason why not.

    The feed's summary stays when the page cannot be fetched, has no main text, or
    yields less text than the summary already had.
    """
    if not item.url:
        return item, "item has no link to fetch"
    result = await fetch_main_text(fetcher, item.url, allow_private=allow_private)
    if result.text is None:
        return item, result.error
    if len(result.text) < len(item.text):
        return item, "article page text is shorter than the feed's; kept the feed's"
    return dataclasses.replace(item, text=result.text), None
