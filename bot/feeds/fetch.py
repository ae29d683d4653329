"""Fetch feed and article bodies over HTTP (aiohttp) or from file:// URLs.

aiohttp, not httpx: ``bench/http_clients.py`` measured it at a fraction of httpx's
CPU per request on loopback, fresh and pooled (see the README), and its resolver
hook makes "resolve, check, connect to that address" natural.

Every outcome is a :class:`FetchResult` value; nothing here raises into the poll
cycle. A failure carries a readable ``error`` and a machine-readable ``error_kind``:

=============  ===========================================================
error_kind     meaning
=============  ===========================================================
``timeout``    connect timeout, or the whole request took longer than
               ``total_timeout``
``http``       a status other than 2xx/304 (``status`` holds it; 429 and 503
               carry ``retry_after`` when the server sent Retry-After)
``too_large``  the decoded body passed ``max_bytes`` (a gzip bomb stops here)
``redirects``  more than ``max_redirects`` redirects, e.g. a redirect loop
``blocked``    the address policy refused a host (a private address from a
               feed not allowed one, a redirect hop or an article link to
               one, DNS rebinding) or a file:// URL where none is allowed;
               no request was sent
``network``    connection refused or reset, DNS failure, protocol error
``invalid_url`` not an http(s) or file URL, or not a URL at all
``file``       a file:// path that cannot be read
``decoding``   a body whose Content-Encoding does not decode, or an encoding
               other than gzip/deflate/identity (each layer of a list such
               as ``gzip, gzip`` goes through the bounded decoder,
               :mod:`bot.feeds.decode`)
=============  ===========================================================

Address policy (:mod:`bot.feeds.netguard`): every connection, including each redirect
hop, resolves the host, checks every address and connects to that address. Only a
call with ``allow_private=True`` (a config feed with ``allow_private: true``) may
reach loopback, private or link-local addresses; file:// only with ``allow_file=True``.

Conditional GET: pass the ``etag`` and ``last_modified`` of the previous fetch; a
304 answer comes back as ``not_modified=True`` with no content, and costs no parsing.
"""
from __future__ import annotations

import asyncio
import email.utils
import functools
import mimetypes
import logging
import os
import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import aiohttp
from yarl import URL

from bot.clock import as_utc, utcnow
from .decode import BodyTooLarge, DecoderChain, UnsupportedEncoding, codings
from .netguard import BlockedURLError, GuardedResolver, Resolver, check_literal

__all__ = ["FetchResult", "FetchSettings", "Fetcher", "USER_AGENT", "parse_retry_after"]

# httpx (python-telegram-bot's client) logs every request with its full URL at INFO; URLs may carry secrets.
logging.getLogger("httpx").setLevel(logging.WARNING)
logging.getLogger("httpcore").setLevel(logging.WARNING)


def _version() -> str:
    try:
        from importlib.metadata import version
        return version("newsbot")
    except Exception:  # not installed (running from a checkout)
        return "0.1.0"


USER_AGENT = f"newsbot/{_version()} (+https://github.com/newsbot; news-monitoring alert bot)"
MiB = 1024 * 1024
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchSettings:
    connect_timeout: float = 10.0
    total_timeout: float = 30.0          # whole request: connect, headers and body
    max_bytes: int = 10 * MiB            # cap on the DECODED body
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    allow_private: bool = False          # default of fetch(allow_private=...): reach private addresses
    allow_file: bool = False             # default of fetch(allow_file=...): read file:// URLs


@dataclass(slots=True)
class FetchResult:
    url: str                             # the URL asked for
    status: int | None = None            # HTTP status (200 for a file read), None if no answer
    content: bytes | None = None         # decoded body on success; None on 304 and on errors
    headers: dict[str, str] = field(default_factory=dict)   # response headers, lowercased names
    etag: str | None = None              # validators to send next time
    last_modified: str | None = None
    not_modified: bool = False           # True on 304
    error: str | None = None             # readable reason when the fetch failed
    error_kind: str | None = None        # see the module docstring
    retry_after: float | None = None     # seconds, from Retry-After on 429/503
    elapsed: float = 0.0                 # seconds
    final_url: str | None = None         # after redirects

    @property
    def ok(self) -> bool:
        return self.error is None


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After value: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(int(value)))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, (as_utc(when) - (now or utcnow())).total_seconds())


_ACCEPT = ("application/rss+xml, application/atom+xml, application/rdf+xml, "
           "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1")
_REDIRECTS = (301, 302, 303, 307, 308)


class Fetcher:
    """Owns the HTTP sessions; use as ``async with Fetcher(settings) as f``.

    Two ``aiohttp.ClientSession``s, one per address policy: the guarded one resolves
    through :class:`bot.feeds.netguard.GuardedResolver` and checks IP literals on every hop;
    the open one serves only callers that pass ``allow_private=True``. Redirects are
    followed by hand, so every hop is checked. ``resolve`` replaces DNS (tests).
    """

    def __init__(self, settings: FetchSettings | None = None, *, resolve: Resolver | None = None):
        self.settings = settings or FetchSettings()
        self._resolve = resolve
        self._sessions: dict[bool, aiohttp.ClientSession] = {}

    def _session(self, allow_private: bool) -> aiohttp.ClientSession:
        session = self._sessions.get(allow_private)
        if session is None or session.closed:
            s = self.settings
            connector = aiohttp.TCPConnector(
                resolver=None if allow_private else GuardedResolver(self._resolve),
                limit=100, limit_per_host=0, ttl_dns_cache=10)
            session = self._sessions[allow_private] = aiohttp.ClientSession(
                connector=connector,
                auto_decompress=False,           # bodies go through the bounded decoders only
                trust_env=False,
                cookie_jar=aiohttp.DummyCookieJar(),   # no cookies carried from one feed to another
                timeout=aiohttp.ClientTimeout(total=None, sock_connect=s.connect_timeout),
                headers={"User-Agent": s.user_agent, "Accept": _ACCEPT, "Accept-Encoding": "gzip, deflate"},
            )
        return session

    async def __aenter__(self) -> "Fetcher":
        return self

    async def __aexit__(self, *exc) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        sessions, self._sessions = list(self._sessions.values()), {}
        for session in sessions:
            await session.close()

    async def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None, *,
                    allow_private: bool | None = None, allow_file: bool | None = None) -> FetchResult:
        """GET ``url`` (http, https or file), conditionally when validators are given.

        ``allow_private`` / ``allow_file`` default to the settings' values (both off): only
        a config feed that says ``allow_private: true`` reaches private addresses, and only
        config or CLI feeds are read from file:// URLs.
        """
        s = self.settings
        allow_private = s.allow_private if allow_private is None else allow_private
        allow_file = s.allow_file if allow_file is None else allow_file
        started = time.monotonic()
        scheme = _scheme(url) if isinstance(url, str) else ""
        try:
            if scheme == "file" and not allow_file:
                result = FetchResult(url=url, error_kind="blocked",
                                     error="file:// URLs are read only for feeds from the config file or the CLI")
            elif scheme == "file":
                result = await asyncio.to_thread(self._read_file, url, last_modified)
            elif scheme in ("http", "https"):
                result = await self._get(url, etag, last_modified, allow_private)
            else:
                result = FetchResult(url=str(url), error_kind="invalid_url",
                                     error=f"not an http, https or file URL: {str(url)[:200]!r}")
        except Exception as exc:  # last line of defence: failures are values, never raised
            result = FetchResult(url=str(url), error_kind="network",
                                 error=f"unexpected {type(exc).__name__}: {exc}")
        result.elapsed = time.monotonic() - started
        return result

    # --- http -------------------------------------------------------------------------------

    async def _get(self, url: str, etag: str | None, last_modified: str | None, allow_private: bool) -> FetchResult:
        s = self.settings
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            session = self._session(allow_private)
            async with asyncio.timeout(s.total_timeout):
                target = URL(url)
                for hop in range(s.max_redirects + 1):
                    if target.scheme not in ("http", "https"):
                        return FetchResult(url=url, error_kind="blocked",
                                           error=f"redirect to a {target.scheme or 'schemeless'} URL refused")
                    if not allow_private:
                        check_literal(target.host)   # aiohttp's resolver never sees IP literals
                    async with session.get(target, headers=headers, allow_redirects=False) as resp:
                        location = resp.headers.get("Location") if resp.status in _REDIRECTS else None
                        if not location:
                            return await self._read(url, resp, etag, last_modified)
                        target = resp.url.join(URL(location))
                return FetchResult(url=url, error_kind="redirects",
                                   error=f"more than {s.max_redirects} redirects (a redirect loop?)")
        except BlockedURLError as exc:
            return FetchResult(url=url, error_kind="blocked", error=f"address policy: {exc.reason}; not fetched")
        except aiohttp.ConnectionTimeoutError:
            return FetchResult(url=url, error_kind="timeout", error=f"connect timed out after {s.connect_timeout:g} s")
        except TimeoutError:
            return FetchResult(url=url, error_kind="timeout",
                               error=f"no complete answer within {s.total_timeout:g} s")
        except (aiohttp.InvalidURL, ValueError) as exc:
            return FetchResult(url=url, error_kind="invalid_url", error=f"invalid URL: {exc}")
        except aiohttp.ClientConnectorError as exc:
            return FetchResult(url=url, error_kind="network",
                               error=f"network error: ConnectError: {exc.os_error or exc}")
        except (aiohttp.ClientError, OSError) as exc:
            return FetchResult(url=url, error_kind="network",
                               error=f"network error: {type(exc).__name__}: {exc or 'connection failed'}")

    async def _read(self, url: str, resp: aiohttp.ClientResponse, etag, last_modified) -> FetchResult:
        s = self.settings
        hdrs = {k.lower(): v for k, v in resp.headers.items()}
        base = dict(url=url, status=resp.status, headers=hdrs, final_url=str(resp.url))
        if resp.status == 304:
            return FetchResult(**base, not_modified=True,
                               etag=hdrs.get("etag") or etag,
                               last_modified=hdrs.get("last-modified") or last_modified)
        if not 200 <= resp.status < 300:
            retry = parse_retry_after(hdrs.get("retry-after")) if resp.status in (429, 503) else None
            msg = f"HTTP {resp.status} {resp.reason or ''}".rstrip()
            if retry is not None:
                msg += f" (Retry-After: {retry:g} s)"
            return FetchResult(**base, error_kind="http", error=msg, retry_after=retry)
        declared = hdrs.get("content-length", "")
        encoding = hdrs.get("content-encoding", "identity").strip().lower()
        try:
            layers = codings(encoding)
        except UnsupportedEncoding as exc:
            return FetchResult(**base, error_kind="decoding", error=str(exc))
        encoding = ", ".join(layers) or "identity"
        if declared.isdigit() and not layers and int(declared) > s.max_bytes:
            return FetchResult(**base, error_kind="too_large",
                               error=f"body of {int(declared)} bytes is over the {_size(s.max_bytes)} cap")
        try:
            body = await self._body(resp, layers)
        except BodyTooLarge:
            return FetchResult(**base, error_kind="too_large",
                               error=f"body is over the {_size(s.max_bytes)} cap"
                                     + (f" once {encoding}-decoded" if encoding not in ("identity", "") else "")
                                     + "; stopped reading")
        except zlib.error as exc:
            return FetchResult(**base, error_kind="decoding",
                               error=f"{encoding} body does not decode: {exc}")
        return FetchResult(**base, content=body, etag=hdrs.get("etag"),
                           last_modified=hdrs.get("last-modified"))

    async def _body(self, resp: aiohttp.ClientResponse, layers: list[str]) -> bytes:
        """The body, decoded layer by layer within the cap (the session never decodes by itself)."""
        limit = self.settings.max_bytes
        buf = bytearray()
        chain = DecoderChain(layers, limit) if layers else None
        async for chunk in resp.content.iter_chunked(_CHUNK):
            buf += chain.feed(chunk) if chain else chunk
            if len(buf) > limit:
                raise BodyTooLarge
        return bytes(buf)

    # --- file:// ----------------------------------------------------------------------------

    def _read_file(self, url: str, last_modified: str | None) -> FetchResult:
        limit = self.settings.max_bytes
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return FetchResult(url=url, error_kind="invalid_url",
                               error=f"file URL names a remote host {parts.netloc!r}")
        path = url2pathname(unquote(parts.path))
        try:
            st = os.stat(path)
            if not os.path.isfile(path):
                return FetchResult(url=url, error_kind="file", error=f"not a regular file: {path}")
            stamp = email.utils.formatdate(int(st.st_mtime), usegmt=True)
            if last_modified and last_modified == stamp:
                return FetchResult(url=url, status=304, not_modified=True, last_modified=stamp,
                                   final_url=url)
            if st.st_size > limit:
                return FetchResult(url=url, error_kind="too_large",
                                   error=f"file of {st.st_size} bytes is over the {_size(limit)} cap")
            with open(path, "rb") as fh:
                data = fh.read(limit + 1)
        except FileNotFoundError:
            return FetchResult(url=url, error_kind="file", error=f"no such file: {path}")
        except OSError as exc:
            return FetchResult(url=url, error_kind="file", error=f"cannot read {path}: {exc.strerror or exc}")
        if len(data) > limit:
            return FetchResult(url=url, error_kind="too_large", error=f"file is over the {_size(limit)} cap")
        # a file has no Content-Type: say what a server would, or feedparser warns on every read
        ctype = mimetypes.guess_type(path)[0] or "application/xml"
        return FetchResult(url=url, status=200, content=data, last_modified=stamp, final_url=url,
                           headers={"last-modified": stamp, "content-type": ctype})


@functools.lru_cache(maxsize=4096)   # a poller fetches the same feed URLs every cycle
def _scheme(url: str) -> str:
    try:
        return urlsplit(url).scheme.lower()
    except ValueError:
        return ""


def _size(n: int) -> str:
    return f"{n / MiB:g} MiB" if n >= MiB else f"{n} bytes"
