"""CPU per HTTP request on loopback: httpx (tuned) against aiohttp, and newsbot's Fetcher (issue 14).

The server runs in a child process, so this process's CPU time (time.process_time)
is the client's alone. Every request is a conditional GET answered 304, the
common case of a poll. Two connection modes:

* fresh: a new TCP connection per request (keep-alive off), as for 2,000 feeds on
  2,000 hosts;
* pooled: one kept-alive connection reused, as for many feeds on one host.

Clients, measured interleaved (A B C D, A B C D, ...) so drift on a shared machine
cancels out:

* httpx: one AsyncClient, HTTP/1.1, explicit limits, trust_env off (tuned);
* aiohttp: one ClientSession, TCPConnector (force_close for fresh);
* fetcher: newsbot's ``bot.feeds.fetch.Fetcher`` as the daemon runs it (aiohttp since this
  bench chose it, redirects followed by hand, the bounded body reader), with
  ``allow_private`` because the server is on loopback (the guarded session's only
  extra work is the resolver's address check on a new connection).

    python bench/http_clients.py [--requests 300] [--rounds 3]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SERVER = r"""
import sys
from aiohttp import web
async def feed(request):
    if request.headers.get("If-None-Match") == '"v1"':
        return web.Response(status=304, headers={"ETag": '"v1"'})
    return web.Response(body=b"<rss/>", headers={"ETag": '"v1"', "Content-Type": "application/rss+xml"})
app = web.Application()
app.router.add_get("/feed.xml", feed)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=lambda *a: print("ready", flush=True),
            access_log=None)
"""


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _httpx(url: str, n: int, fresh: bool) -> None:
    import httpx
    limits = httpx.Limits(max_connections=10, max_keepalive_connections=0 if fresh else 10)
    async with httpx.AsyncClient(http1=True, http2=False, limits=limits, trust_env=False,
                                 timeout=httpx.Timeout(10.0)) as client:
        headers = {"If-None-Match": '"v1"'}
        if fresh:
            headers["Connection"] = "close"
        for _ in range(n):
            r = await client.get(url, headers=headers)
            assert r.status_code == 304, r.status_code


async def _aiohttp(url: str, n: int, fresh: bool) -> None:
    import aiohttp
    conn = aiohttp.TCPConnector(force_close=fresh, limit=10)
    async with aiohttp.ClientSession(connector=conn, trust_env=False,
                                     timeout=aiohttp.ClientTimeout(total=10)) as session:
        for _ in range(n):
            async with session.get(url, headers={"If-None-Match": '"v1"'}) as r:
                await r.read()
                assert r.status == 304, r.status


async def _fetcher(url: str, n: int, fresh: bool) -> None:
    from bot.feeds.fetch import FetchSettings, Fetcher
    async with Fetcher(FetchSettings(allow_private=True)) as f:
        if fresh:   # no keep-alive: a new connection per request
            f._session(True).connector._force_close = True
        for _ in range(n):
            r = await f.fetch(url, etag='"v1"')
            assert r.not_modified, r.error


CLIENTS = {"httpx": _httpx, "aiohttp": _aiohttp, "fetcher": _fetcher}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=300, help="requests per measurement")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds (each figure is one per round)")
    args = ap.parse_args(argv)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(port)], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout.readline().strip() == "ready"
        url = f"http://127.0.0.1:{port}/feed.xml"
        results: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.rounds):
            for mode in ("fresh", "pooled"):
                for name, run in CLIENTS.items():
                    asyncio.run(run(url, 5, mode == "fresh"))            # warm: imports, first connection
                    t = time.process_time()
                    asyncio.run(run(url, args.requests, mode == "fresh"))
                    ms = (time.process_time() - t) * 1000 / args.requests
                    results.setdefault((mode, name), []).append(ms)
        print(f"CPU per request, ms (median, min-max over {args.rounds} interleaved rounds of "
              f"{args.requests} requests; 304 answers on loopback, pid {os.getpid()})")
        for mode in ("fresh", "pooled"):
            base = statistics.median(results[(mode, "aiohttp")])
            for name in CLIENTS:
                xs = results[(mode, name)]
                print(f"  {mode:6} {name:8} {statistics.median(xs):6.3f}  ({min(xs):.3f}-{max(xs):.3f})"
                      f"  x{statistics.median(xs) / base:.2f} of aiohttp")
    finally:
        server.terminate()
        server.wait(5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
