"""The address policy (SSRF guard): which hosts the server may fetch from.

A feed URL typed into Telegram is fetched by the server, so it must not reach
the server itself or its private network: only http(s), and only to hosts whose
every resolved address is globally routable. Loopback, private (RFC 1918, ULA),
link-local (cloud metadata at 169.254.169.254), multicast, reserved,
unspecified, shared/CGNAT and documentation ranges are refused, as are IPv6
forms that embed one of those IPv4 addresses (IPv4-mapped, 6to4, Teredo).

Where it applies (issue 10):

* when a chat adds a feed (``/feeds add``, OPML import from chat): :func:`check_url`;
* on **every connection** the fetcher opens, for every feed and every full-text
  article page: :class:`GuardedResolver` resolves the host, checks every address,
  and aiohttp connects to that checked address (never resolving again, so DNS rebinding
  between the check and the connect cannot happen). Redirect hops are new
  connections, so each hop is checked the same way.

Only a feed listed in the operator's config with ``allow_private: true`` (and its
article pages) may reach private addresses; file:// feeds come only from the
config or the CLI, never from a chat, and article links are never file://.

Hand-written on the standard library (``ipaddress`` already knows the special
ranges); the host name is resolved with the running loop's ``getaddrinfo`` and
*every* address must pass, so a name with one public and one private record is
refused.
"""
from __future__ import annotations

import asyncio
import ipaddress
import socket
from typing import Any, Awaitable, Callable, Iterable
from urllib.parse import urlsplit

from aiohttp.abc import AbstractResolver

from bot.errors import BlockedURLError

__all__ = ["BlockedURLError", "GuardedResolver", "address_problem", "check_literal", "check_url",
           "checked_addresses", "Resolver"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[Iterable[str]]]

_SCHEMES = ("http", "https")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def address_problem(address: str | IPAddress) -> str | None:
    """Why this address may not be fetched (``"10.0.0.1 is a private address"``), or ``None`` when public."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0] if isinstance(address, str) else address)
    except ValueError:
        return f"{address!r} is not an IP address"
    what = _kind(ip)
    return None if what is None else f"{ip} is {what}"


def _kind(ip: IPAddress) -> str | None:
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            inner = _kind(embedded)
            if inner:
                return f"an address embedding {embedded}, {inner}"
    for attr, what in (
        ("is_unspecified", "an unspecified address"),
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_reserved", "a reserved address"),
        ("is_private", "a private address"),
    ):
        if getattr(ip, attr):
            return what
    if not ip.is_global:   # shared address space (100.64/10), benchmarking, documentation ...
        return "not a public address"
    return None


async def _getaddrinfo(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [info[4][0] for info in infos]


async def check_url(url: str, *, resolve: Resolver | None = None) -> str:
    """Return the URL (stripped) when a chat user may add it; raise :class:`BlockedURLError` otherwise."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise BlockedURLError(url, f"not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES:
        raise BlockedURLError(url, f"only http:// and https:// feeds can be added from chat, not {scheme or 'no'} scheme")
    host = parts.hostname
    if not host:
        raise BlockedURLError(url, "the URL has no host name")
    port = port or (443 if scheme == "https" else 80)
    try:
        await checked_addresses(host, port, resolve=resolve)
    except BlockedURLError as exc:
        raise BlockedURLError(url, exc.reason) from None
    return url


async def _lookup(host: str, port: int, resolve: Resolver | None) -> list[str]:
    """The addresses of ``host`` (a literal is its own); OSError when it does not resolve."""
    try:
        literal = ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        literal = None
    if literal is not None:
        return [str(literal)]
    try:
        addresses = list(await (resolve or _getaddrinfo)(host, port))
    except UnicodeError as exc:
        raise OSError(f"host name {host!r} cannot be encoded ({exc})") from None
    if not addresses:
        raise OSError(f"host name {host!r} has no addresses")
    return addresses


def _check(host: str, port: int, addresses: list[str]) -> list[str]:
    literal = len(addresses) == 1 and addresses[0] == host.strip("[]").split("%", 1)[0]
    for address in addresses:
        problem = address_problem(address)
        if problem:
            if not literal:
                problem = f"{host} resolves to {problem.replace(' is ', ', ', 1)}"
            raise BlockedURLError(f"{host}:{port}", problem)
    return addresses


async def checked_addresses(host: str, port: int, *, resolve: Resolver | None = None) -> list[str]:
    """The addresses of ``host`` when every one is public; raise :class:`BlockedURLError` otherwise."""
    try:
        addresses = await _lookup(host, port, resolve)
    except OSError as exc:   # socket.gaierror is an OSError
        reason = str(exc) if "host name" in str(exc) else f"host name {host!r} does not resolve ({exc})"
        raise BlockedURLError(f"{host}:{port}", reason) from None
    return _check(host, port, addresses)


class GuardedResolver(AbstractResolver):
    """aiohttp resolver: resolve, check every address, hand only checked addresses to the connector.

    aiohttp then connects to exactly those addresses (no second lookup, so DNS
    rebinding between the check and the connect cannot happen). TLS still verifies
    the host name. aiohttp skips resolvers for IP literals; :func:`check_literal`
    covers those (the fetcher calls it on every redirect hop).
    """

    def __init__(self, resolve: Resolver | None = None):
        self._resolve = resolve

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET) -> list[dict[str, Any]]:
        addresses = _check(host, port, await _lookup(host, port, self._resolve))   # OSError: a DNS failure
        return [{"hostname": host, "host": a, "port": port, "proto": 0, "flags": socket.AI_NUMERICHOST,
                 "family": socket.AF_INET6 if ":" in a else socket.AF_INET} for a in addresses]

    async def close(self) -> None:
        pass


def check_literal(host: str | None) -> None:
    """Raise :class:`BlockedURLError` when ``host`` is an IP literal that is not public."""
    if not host:
        return
    try:
        ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return
    _check(host, 0, [host.strip("[]").split("%", 1)[0]])
