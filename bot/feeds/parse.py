"""Feed bytes → normalised :class:`bot.models.Item` values. Pure: no I/O.

feedparser reads RSS, Atom and RDF from the bytes, using the HTTP response headers
for the charset. Each entry becomes an ``Item`` with a stable key, a canonical URL,
a clean title, a UTC publication time and plain text without site boilerplate.

Nothing here raises on bad input: a body that is not a feed comes back as
``ParseResult.error``; recoverable oddities (a malformed feed that still yielded
entries, duplicate guids, dates in the future, a guessed charset) as ``warnings``.

Safety notes, each covered by a test:
- the bytes are handed to feedparser as a stream, never as bytes: feedparser treats
  a bytes argument as a possible *file name* and would read a local file whose path
  a feed server sent as its body;
- a billion-laughs document is not expanded: feedparser strips the DOCTYPE and keeps
  only entity declarations without references, and expat (>= 2.4) refuses large
  amplification; the loose parser then leaves the entities as written and the feed
  is marked malformed.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import threading
import xml.sax
from calendar import timegm
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from urllib.parse import urljoin

import feedparser
import feedparser.mixin

from bot.clock import as_utc
from bot.models import Item
from bot.feeds.text import drop_boilerplate, html_to_text, normalize_plain
from bot.feeds.urls import canonical_url, host_of

__all__ = ["FUTURE_SKEW", "ParseResult", "parse_feed"]

# How far in the future a published date may be before it is clamped to ``now``
# (clocks drift, and some feeds publish in a wrong time zone by an hour or so).
FUTURE_SKEW = timedelta(minutes=15)

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Encodings feedparser falls back to when nothing it was told works.
_LAST_RESORT = frozenset({"windows-1252", "iso-8859-1", "iso-8859-2"})


@dataclass(slots=True)
class ParseResult:
    """What one feed body yields. ``error`` set means it was not a usable feed."""

    items: list[Item] = field(default_factory=list)
    title: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    ttl: int | None = None          # the feed's <ttl>, converted to SECONDS (RSS gives minutes)
    skipped: int = 0                # entries left out by ``max_items`` (the oldest)


def parse_feed(
    content: bytes,
    *,
    feed_name: str,
    url: str,
    headers: dict | None = None,
    now: datetime,
    max_items: int | None = None,
) -> ParseResult:
    """Parse one fetched feed body into items.

    ``headers`` are the HTTP response headers (any case); they tell feedparser the
    charset. ``now`` (aware, or naive UTC) bounds publication dates. ``max_items``
    caps the entries read: the newest are kept (by date; undated entries count as
    newest, in document order) and a warning says how many were skipped.
    """
    now = as_utc(now)
    if not content or not content.strip():
        return ParseResult(error="empty response body: no feed to read")
    hdrs = {str(k).lower(): str(v) for k, v in (headers or {}).items()}
    try:
        parsed = _feedparse(content, hdrs)
    except Exception as exc:  # feedparser is robust, but one feed must never stop the cycle
        return ParseResult(error=f"feed parser failed: {type(exc).__name__}: {exc}")
    warnings: list[str] = []

    if parsed.get("bozo") and _is_charset_problem(parsed):
        retry = _reparse_with_detected_charset(content, hdrs, parsed)
        if retry is not None:
            parsed = retry[0]
            warnings.append(retry[1])

    feed = parsed.get("feed", {})
    title = _clean_title(feed.get("title"), feed.get("title_detail")) or None
    entries = parsed.get("entries", [])
    version = parsed.get("version") or ""

    if not entries:
        error = _not_a_feed(content, hdrs, parsed, version)
        if error:
            return ParseResult(title=title, error=error, ttl=_ttl(feed))
    if parsed.get("bozo"):
        problem = _describe(parsed.get("bozo_exception"))
        if _is_charset_problem(parsed):
            if not any(w.startswith("charset:") for w in warnings):
                warnings.append(f"charset: {problem}")
        else:
            warnings.append(f"feed is malformed but was read: {problem}")

    skipped = 0
    if max_items is not None and len(entries) > max_items:
        entries, skipped = _newest(entries, max_items), len(entries) - max_items
        warnings.append(f"{skipped} of {skipped + max_items} entries skipped: over fetch.max_items ({max_items}); "
                        "kept the newest")
    source = title or host_of(feed.get("link")) or host_of(url) or feed_name
    base = url if (url or "").lower().startswith(("http://", "https://")) else (feed.get("link") or "")
    items: list[Item] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, 1):
        try:
            item = _item(entry, n, feed_name=feed_name, source=source, base=base, now=now, warnings=warnings)
        except Exception as exc:  # one odd entry costs itself only, never the feed
            warnings.append(f"entry {n}: could not be read ({type(exc).__name__}: {exc}); skipped")
            continue
        if item is None:
            continue
        if item.key in seen:
            warnings.append(f"entry {n}: duplicate guid/key {item.key!r}; kept the first entry with it")
            continue
        seen.add(item.key)
        items.append(item)

    if not items and entries and parsed.get("bozo"):
        return ParseResult(
            title=title, ttl=_ttl(feed), warnings=warnings,
            error=f"malformed feed: {_describe(parsed.get('bozo_exception'))}; no complete entry could be read",
        )
    return ParseResult(items=items, title=title, warnings=warnings, ttl=_ttl(feed), skipped=skipped)


def _newest(entries: list, n: int) -> list:
    """The ``n`` newest entries, in document order. Undated entries rank as newest."""
    def key(i: int):
        e = entries[i]
        when = e.get("published_parsed") or e.get("updated_parsed")
        return (tuple(when[:6]) if when else (10_000,), -i)
    keep = sorted(sorted(range(len(entries)), key=key, reverse=True)[:n])
    return [entries[i] for i in keep]


# --- feedparser ---------------------------------------------------------------------------

def _feedparse(content: bytes, hdrs: dict[str, str]):
    # A stream, never bytes: see the module docstring. feedparser's HTML sanitiser and
    # relative-URI rewriting are off: they cost most of its time, and nothing here
    # keeps HTML (html_to_text drops scripts and markup; links are canonicalised).
    with _fast_cp1252():
        return feedparser.parse(io.BytesIO(content), response_headers=dict(hdrs),
                                sanitize_html=False, resolve_relative_uris=False)


# feedparser maps the windows-1252 code points U+0080-U+009F of every element's text with
# ``output.translate(feedparser.mixin._cp1252)``, a dict of those 27 code points. On text that is
# not all ASCII (curly quotes, dashes: most articles), str.translate then looks every character up
# in the dict, and each miss raises and clears a KeyError: ~60 ns a character, about a tenth of the
# whole pipeline's CPU on 6 KiB articles (py-spy, bench/pipeline.py). The same mapping as a string
# indexed by code point (the identity but for feedparser's 27) gives the same result for every
# character (tests/test_parse.py checks all of them) with no exception below U+10000. It is put in
# place only while newsbot's own parse runs (other callers of feedparser, among them the benches'
# "feedparser default" baseline, keep feedparser as it is), and only when feedparser's table is
# what this expects.
def _string_table(table) -> str | None:
    if not (isinstance(table, dict) and all(isinstance(k, int) and 0x80 <= k < 0xa0 for k in table)
            and all(isinstance(v, str) and len(v) == 1 for v in table.values())):
        return None
    return ("".join(map(chr, range(0x80))) + "".join(table.get(c, chr(c)) for c in range(0x80, 0xa0))
            + "".join(map(chr, range(0xa0, 0x10000))))


_CP1252 = getattr(feedparser.mixin, "_cp1252", None)
_cp1252_lock = threading.Lock()
_cp1252_users = 0


@functools.cache
def _fast_table() -> str | None:
    """:func:`_string_table` of feedparser's table, made on the first parse (~7 ms, 128 KiB), not at import."""
    return _string_table(_CP1252)


@contextlib.contextmanager
def _fast_cp1252():
    """feedparser's cp1252 table swapped for :func:`_fast_table` while any parse of ours runs (threads
    count in and out: the last one out puts feedparser's own table back)."""
    global _cp1252_users
    fast = _fast_table()
    if fast is None:
        yield
        return
    with _cp1252_lock:
        _cp1252_users += 1
        feedparser.mixin._cp1252 = fast
    try:
        yield
    finally:
        with _cp1252_lock:
            _cp1252_users -= 1
            if not _cp1252_users:
                feedparser.mixin._cp1252 = _CP1252


def _is_charset_problem(parsed) -> bool:
    exc = parsed.get("bozo_exception")
    return type(exc).__name__ in ("CharacterEncodingOverride", "CharacterEncodingUnknown")


def _reparse_with_detected_charset(content: bytes, hdrs: dict[str, str], parsed):
    """Second opinion when feedparser had to guess: the declared charset was wrong.

    feedparser falls back to windows-1252, which turns Cyrillic, Arabic or Greek into
    mojibake. charset_normalizer (installed with trafilatura) detects the real one.
    """
    used = (parsed.get("encoding") or "").lower()
    if used not in _LAST_RESORT:
        return None
    try:
        import charset_normalizer
        best = charset_normalizer.from_bytes(content[:200_000]).best()
    except Exception:  # detection is a best effort; feedparser's reading stands
        return None
    if best is None or not best.encoding or best.encoding.replace("_", "-").lower() in ("ascii", used, "cp1252"):
        return None
    ctype = hdrs.get("content-type", "application/xml").split(";", 1)[0].strip() or "application/xml"
    if ctype.startswith("text/") and ctype != "text/xml":
        ctype = "application/xml"
    retry = _feedparse(content, {**hdrs, "content-type": f"{ctype}; charset={best.encoding}"})
    if not retry.get("entries"):
        return None
    return retry, (
        f"charset: {_describe(parsed.get('bozo_exception'))}; "
        f"the bytes read as {best.encoding}, which was used instead"
    )


def _describe(exc) -> str:
    if exc is None:
        return "unknown problem"
    if isinstance(exc, xml.sax.SAXParseException):
        return f"{exc.getMessage()} at line {exc.getLineNumber()}, column {exc.getColumnNumber()}"
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _not_a_feed(content: bytes, hdrs: dict[str, str], parsed, version: str) -> str | None:
    """Why a body with no entries is not a feed, or None for a valid empty feed."""
    head = content[:2048].lstrip().lower()
    ctype = hdrs.get("content-type", "").split(";", 1)[0].strip() or "no content-type"
    if head.startswith((b"<!doctype html", b"<html")) or (b"<html" in head and not version):
        return f"not a feed: the server sent an HTML page ({ctype}), not RSS or Atom"
    if not version:
        if parsed.get("bozo"):
            return (f"not a feed: the body is not XML ({_describe(parsed.get('bozo_exception'))}; "
                    f"{ctype})")
        return f"not a feed: no RSS, Atom or RDF element found ({ctype})"
    if parsed.get("bozo") and not _is_charset_problem(parsed):
        return f"malformed feed: {_describe(parsed.get('bozo_exception'))}; no entry could be read"
    return None


def _ttl(feed) -> int | None:
    try:
        minutes = int(str(feed.get("ttl", "")).strip())
    except ValueError:
        return None
    return minutes * 60 if 0 < minutes <= 7 * 24 * 60 else None


# --- entries -----------------------------------------------------------------------------

def _clean_title(value, detail) -> str:
    if not value:
        return ""
    kind = (detail or {}).get("type", "text/plain") if hasattr(detail, "get") else "text/plain"
    text = html_to_text(value) if kind in _HTML_TYPES else normalize_plain(value)
    return " ".join(text.split())


_get = dict.get   # plain lookups: FeedParserDict.get maps "updated" to "published" with a warning


def _published(entry, n: int, now: datetime, warnings: list[str]) -> datetime | None:
    for key in ("published", "updated", "created"):
        struct = _get(entry, f"{key}_parsed")
        if struct:
            try:
                when = datetime.fromtimestamp(timegm(struct), tz=timezone.utc)
            except (OverflowError, ValueError, OSError):
                continue
            if when > now + FUTURE_SKEW:
                warnings.append(
                    f"entry {n}: date {when.isoformat()} is in the future; clamped to {now.isoformat()}")
                return now
            return when
        if _get(entry, key):
            warnings.append(f"entry {n}: unreadable {key} date {str(_get(entry, key))[:60]!r}")
    return None


def _text(entry) -> str:
    candidates = []
    for c in entry.get("content") or ():
        if c.get("value"):
            candidates.append((c["value"], c.get("type", "text/html")))
    if entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        candidates.append((entry["summary"], detail.get("type", "text/html")))
    if not candidates:
        return ""
    value, kind = max(candidates, key=lambda c: len(c[0]))
    text = normalize_plain(value) if kind == "text/plain" else html_to_text(value)
    return drop_boilerplate(text)


def _link(href, base: str) -> str | None:
    """Canonical absolute link; relative links resolve against the feed's URL."""
    if not href or not isinstance(href, str):
        return None
    href = href.strip()
    if base and "://" not in href[:12]:
        try:
            href = urljoin(base, href)
        except ValueError:
            return None
    return canonical_url(href)


def _item(entry, n: int, *, feed_name: str, source: str, base: str, now: datetime,
          warnings: list[str]) -> Item | None:
    title = _clean_title(entry.get("title"), entry.get("title_detail"))
    link = _link(entry.get("link"), base)
    if link is None:
        for alt in entry.get("links") or ():
            if alt.get("rel", "alternate") == "alternate" and _link(alt.get("href"), base):
                link = _link(alt.get("href"), base)
                break
    text = _text(entry)
    published = _published(entry, n, now, warnings)
    if not (title or link or text):
        warnings.append(f"entry {n}: no title, link or text; skipped")
        return None
    guid = str(entry.get("id") or "").strip()
    if guid:
        key = guid
    elif link:
        key = link
    else:
        raw_date = _get(entry, "published") or _get(entry, "updated") or ""
        basis = f"{title}\n{raw_date}" if (title or raw_date) else text[:500]
        key = "sha256:" + hashlib.sha256(basis.encode("utf-8", "replace")).hexdigest()
        warnings.append(f"entry {n}: no guid and no link; keyed by a hash of title and date")
    if not title:
        title = " ".join(text.split("\n", 1)[0].split())[:200] if text else (link or "")
    return Item(key=key, feed=feed_name, url=link, title=title, text=text,
                published=published, source=source)
