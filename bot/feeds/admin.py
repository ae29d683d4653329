"""Managing the feed list: list, add, remove, OPML import and export. Plain functions over the store.

Feeds come from two places. The config file lists the operator's feeds (origin
``config``; they may be ``file://`` or loopback). ``newsbot feeds add`` and the
admin Telegram ``/feeds`` add more at run time; those live only in the database
(origin ``cli`` or ``telegram``), and the ones from Telegram must pass the SSRF
guard (:mod:`bot.feeds.netguard`). :func:`feed_configs` merges both into what the
daemon polls.

OPML is parsed with the standard library's expat parser, which does not fetch
external entities but would expand internal ones (billion laughs). defusedxml is
not installed, so the parser here refuses any DOCTYPE outright: an OPML file has
no use for one, and without a DTD there can be no entity declarations.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Iterable, Protocol

from pydantic import ValidationError

from bot.config import Config, FeedConfig
from bot.errors import FeedsError
from bot.clock import iso, utcnow
from .netguard import BlockedURLError, Resolver, check_url
from bot.store import FeedState, Store
from .urls import host_of

__all__ = ["FeedsError", "ImportReport", "OpmlFeed", "add_feed", "add_feed_from_chat", "default_name",
           "describe_feed", "export_opml", "feed_configs", "import_opml", "import_opml_from_chat", "list_feeds",
           "parse_opml", "remove_feed"]

MAX_OPML_BYTES = 5 * 1024 * 1024
ORIGINS = ("config", "cli", "telegram")


class _Feed(Protocol):
    url: str
    name: str


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    url: str
    name: str


@dataclass(frozen=True, slots=True)
class ImportReport:
    added: tuple[str, ...]
    existing: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...]     # (url, reason)

    def __str__(self) -> str:
        lines = [f"{len(self.added)} added, {len(self.existing)} already present, {len(self.skipped)} skipped"]
        lines += [f"  skipped {url}: {reason}" for url, reason in self.skipped]
        return "\n".join(lines)


def default_name(url: str) -> str:
    """A feed's name when none is given: its host without ``www.`` (the file name for file://)."""
    host = host_of(url)
    if host:
        return host[4:] if host.startswith("www.") else host
    return Path(url.split("://", 1)[-1]).name or url


def _validated(url: str, name: str | None) -> FeedConfig:
    url = (url or "").strip()
    if not url:
        raise FeedsError("cannot add feed: no URL given")
    if url.lower().startswith(("http://", "https://")) and not host_of(url):
        raise FeedsError(f"cannot add feed {url!r}: the URL has no host name")
    try:
        return FeedConfig(url=url, name=(name or "").strip() or default_name(url))
    except ValidationError as exc:
        reason = "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
        raise FeedsError(f"cannot add feed {url!r}: {reason}") from None


# ------------------------------------------------------------------ list / add / remove
def list_feeds(store: Store) -> list[FeedState]:
    return store.feeds()


def describe_feed(f: FeedState) -> str:
    """One line for ``newsbot feeds list`` and ``/feeds``: name, URL, health."""
    if f.broken:
        health = f"BROKEN after {f.consecutive_failures} failures ({f.last_error_kind or 'error'}: {f.last_error})"
    elif f.consecutive_failures:
        health = f"failing ({f.consecutive_failures} in a row; {f.last_error_kind or 'error'}: {f.last_error})"
    elif f.last_ok_at:
        health = f"ok, last polled {f.last_polled_at}"
    else:
        health = "not polled yet"
    line = f"{f.name} <{f.url}> [{f.origin}] {health}; {f.error_count} errors in total"
    attention = f.attention()
    return f"{line}; {attention}" if attention else line


def feed_details(store: Store, limit: int = 50) -> list[dict]:
    """/healthz's per-feed detail: the feeds that failed or were read with problems (at most ``limit``)."""
    out = []
    for f in store.feeds_needing_attention(limit):
        out.append({"name": f.name, "url": f.url, "broken": f.broken, "consecutive_failures": f.consecutive_failures,
                    "last_error": f.last_error, "parse_warnings": list(f.parse_warnings),
                    "warning_count": f.warning_count, "old_items": f.old_items, "skipped_items": f.skipped_items})
    return out


def add_feed(store: Store, url: str, name: str | None = None, *, origin: str = "cli",
             at: str | None = None) -> tuple[FeedState, bool]:
    """Add a feed (http, https or file URL); (its row, True when it is new). An existing feed is left as it is."""
    if origin not in ORIGINS:
        raise ValueError(f"origin must be one of {ORIGINS}")
    feed = _validated(url, name)
    existing = store.feed(feed.url)
    if existing is not None:
        return existing, False
    return store.ensure_feed(feed.url, feed.name, origin=origin, at=at or iso(utcnow())), True


async def add_feed_from_chat(store: Store, url: str, name: str | None = None, *, at: str | None = None,
                             resolve: Resolver | None = None) -> tuple[FeedState, bool]:
    """``/feeds add`` from Telegram: http(s) to public addresses only (raises BlockedURLError)."""
    url = await check_url(url, resolve=resolve)
    return add_feed(store, url, name, origin="telegram", at=at)


def remove_feed(store: Store, url: str, *, config: Config | None = None) -> bool:
    """Remove a feed added at run time; False when there was no such feed.

    Feeds listed in the config file are refused: they would come back at the
    next start, so the config file is where they are removed.
    """
    url = (url or "").strip()
    if config is not None and any(f.url == url for f in config.feeds):
        raise FeedsError(f"{url} is listed in the config file; remove it there")
    return store.remove_feed(url)


def feed_configs(config: Config, store: Store) -> list[FeedConfig]:
    """The feeds to poll: the config file's, then those added at run time (default interval)."""
    out = list(config.feeds)
    listed = {f.url for f in out}
    for f in store.feeds():
        if f.origin != "config" and f.url not in listed:
            out.append(FeedConfig(url=f.url, name=f.name))
            listed.add(f.url)
    return out


# ------------------------------------------------------------------ OPML
class _Refused(Exception):
    pass


class _NoDoctype(ET.TreeBuilder):
    """Tree builder that stops at a DOCTYPE, before any entity can be declared or expanded."""

    def doctype(self, name, pubid, system):
        raise _Refused()


def parse_opml(data: bytes | str, *, source: str = "OPML") -> list[OpmlFeed]:
    """Every ``<outline xmlUrl=...>`` (nested categories included), in document order."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if len(raw) > MAX_OPML_BYTES:
        raise FeedsError(f"{source}: file too large ({len(raw)} bytes; the limit is {MAX_OPML_BYTES})")
    parser = ET.XMLParser(target=_NoDoctype())
    try:
        parser.feed(raw)
        root = parser.close()
    except _Refused:
        raise FeedsError(f"{source}: DOCTYPE and ENTITY declarations are not allowed in OPML "
                         "(they can be used for entity-expansion attacks)") from None
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else 1
        raise FeedsError(f"{source}:{line}: not well-formed XML ({exc})") from None
    if _local(root.tag) != "opml":
        raise FeedsError(f"{source}: not an OPML document (the root element is <{_local(root.tag)}>)")
    feeds = []
    for el in root.iter():
        if _local(el.tag) != "outline":
            continue
        attrs = {k.lower(): v for k, v in el.attrib.items()}
        url = (attrs.get("xmlurl") or "").strip()
        if url:
            name = (attrs.get("title") or attrs.get("text") or "").strip()
            feeds.append(OpmlFeed(url, name))
    return feeds


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def import_opml(store: Store, data: bytes | str, *, origin: str = "cli", at: str | None = None,
                source: str = "OPML") -> ImportReport:
    """Add every feed of an OPML file; bad entries are skipped with a reason, never half-imported."""
    entries = parse_opml(data, source=source)
    return _import(store, [(e, None) for e in entries], origin=origin, at=at or iso(utcnow()))


async def import_opml_from_chat(store: Store, data: bytes | str, *, at: str | None = None,
                                resolve: Resolver | None = None, source: str = "OPML") -> ImportReport:
    """OPML uploaded by a Telegram admin: each URL passes the SSRF guard or is skipped."""
    checked: list[tuple[OpmlFeed, str | None]] = []
    for e in parse_opml(data, source=source):
        try:
            checked.append((OpmlFeed(await check_url(e.url, resolve=resolve), e.name), None))
        except BlockedURLError as exc:
            checked.append((e, exc.reason))
    return _import(store, checked, origin="telegram", at=at or iso(utcnow()))


def _import(store: Store, entries: list[tuple[OpmlFeed, str | None]], *, origin: str, at: str) -> ImportReport:
    added, existing, skipped = [], [], []
    seen: set[str] = set()
    with store.transaction():
        for e, refused in entries:
            if refused:
                skipped.append((e.url, refused))
                continue
            try:
                feed = _validated(e.url, e.name)
            except FeedsError as exc:
                skipped.append((e.url, str(exc).split(": ", 1)[-1]))
                continue
            if feed.url in seen or store.feed(feed.url) is not None:
                existing.append(feed.url)
                continue
            seen.add(feed.url)
            store.ensure_feed(feed.url, feed.name, origin=origin, at=at)
            added.append(feed.url)
    return ImportReport(tuple(added), tuple(existing), tuple(skipped))


def export_opml(feeds: Iterable[_Feed], *, title: str = "newsbot feeds", now: datetime | None = None) -> bytes:
    """OPML 2.0 of the given feeds (``FeedState`` or ``FeedConfig``), UTF-8 with an XML declaration."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(now or utcnow(), usegmt=True)
    body = ET.SubElement(root, "body")
    for f in feeds:
        ET.SubElement(body, "outline", type="rss", text=f.name, title=f.name, xmlUrl=f.url)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
