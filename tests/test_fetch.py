"""bot.feeds.fetch against the loopback feed server: conditional GET and every failure as a value."""
from __future__ import annotations

import email.utils
import logging
import socket
import time

import pytest

from bot.feeds.fetch import FetchSettings, Fetcher, MiB, parse_retry_after

FEED = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        b"<item><guid>1</guid><title>One</title></item></channel></rss>")


@pytest.fixture
async def fetcher():
    async with Fetcher(FetchSettings(allow_private=True, allow_file=True, connect_timeout=2, total_timeout=2)) as f:
        yield f


async def test_ok_with_validators_and_honest_user_agent(feed_server, fetcher):
    feed_server.set("/feed.xml", FEED)
    res = await fetcher.fetch(feed_server.url("/feed.xml"))
    assert res.ok and res.status == 200 and res.content == FEED and not res.not_modified
    assert res.etag and res.last_modified
    assert res.headers["content-type"].startswith("application/rss+xml")
    (req,) = feed_server.requests_for("/feed.xml")
    assert req.headers["user-agent"].startswith("newsbot/") and "news-monitoring alert bot" in req.headers["user-agent"]
    assert "gzip" in req.headers["accept-encoding"]
    assert "if-none-match" not in req.headers and "if-modified-since" not in req.headers


async def test_second_fetch_sends_validators_and_gets_304_without_content(feed_server, fetcher):
    feed_server.set("/feed.xml", FEED)
    first = await fetcher.fetch(feed_server.url("/feed.xml"))
    second = await fetcher.fetch(feed_server.url("/feed.xml"), etag=first.etag, last_modified=first.last_modified)
    assert second.ok and second.status == 304 and second.not_modified
    assert second.content is None
    assert (second.etag, second.last_modified) == (first.etag, first.last_modified)
    sent = feed_server.requests_for("/feed.xml")[-1].headers
    assert sent["if-none-match"] == first.etag and sent["if-modified-since"] == first.last_modified


async def test_304_from_last_modified_alone(feed_server, fetcher):
    feed_server.set("/lm.xml", FEED, etag=False)
    first = await fetcher.fetch(feed_server.url("/lm.xml"))
    assert first.etag is None and first.last_modified
    second = await fetcher.fetch(feed_server.url("/lm.xml"), last_modified=first.last_modified)
    assert second.not_modified and second.content is None


async def test_changed_feed_answers_200_with_new_validators(feed_server, fetcher):
    feed_server.set("/feed.xml", FEED)
    first = await fetcher.fetch(feed_server.url("/feed.xml"))
    feed_server.set("/feed.xml", FEED.replace(b"One", b"Two"),
                    last_modified=email.utils.formatdate(time.time() + 60, usegmt=True))
    second = await fetcher.fetch(feed_server.url("/feed.xml"), etag=first.etag, last_modified=first.last_modified)
    assert second.status == 200 and not second.not_modified and b"Two" in second.content
    assert second.etag != first.etag


async def test_gzip_body_is_decoded(feed_server, fetcher):
    feed_server.set("/gz.xml", FEED, gzip=True)
    res = await fetcher.fetch(feed_server.url("/gz.xml"))
    assert res.ok and res.content == FEED and res.headers["content-encoding"] == "gzip"


@pytest.mark.parametrize("status, message", [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error"),
                                             (410, "HTTP 410 Gone")])
async def test_http_errors(feed_server, fetcher, status, message):
    feed_server.set("/err", b"error page", status=status)
    res = await fetcher.fetch(feed_server.url("/err"))
    assert (res.status, res.error_kind, res.error) == (status, "http", message)
    assert res.content is None and res.retry_after is None


async def test_429_with_retry_after_seconds(feed_server, fetcher):
    feed_server.set("/busy", b"slow down", status=429, headers={"Retry-After": "120"})
    res = await fetcher.fetch(feed_server.url("/busy"))
    assert res.status == 429 and res.error_kind == "http" and res.retry_after == 120
    assert res.error == "HTTP 429 Too Many Requests (Retry-After: 120 s)"


async def test_503_with_retry_after_http_date(feed_server, fetcher):
    later = email.utils.formatdate(time.time() + 3600, usegmt=True)
    feed_server.set("/down", b"maintenance", status=503, headers={"Retry-After": later})
    res = await fetcher.fetch(feed_server.url("/down"))
    assert res.status == 503 and 3000 < res.retry_after <= 3600
    assert res.error.startswith("HTTP 503 Service Unavailable (Retry-After: ")


async def test_429_without_retry_after(feed_server, fetcher):
    feed_server.set("/busy", b"", status=429)
    res = await fetcher.fetch(feed_server.url("/busy"))
    assert res.retry_after is None and res.error == "HTTP 429 Too Many Requests"


def test_parse_retry_after():
    from datetime import datetime, timezone
    now = datetime(2024, 1, 1, tzinfo=timezone.utc)
    assert parse_retry_after("0") == 0 and parse_retry_after(" 30 ") == 30
    assert parse_retry_after("Mon, 01 Jan 2024 00:02:00 GMT", now) == 120
    assert parse_retry_after("Sun, 31 Dec 2023 00:00:00 GMT", now) == 0        # in the past
    assert parse_retry_after("soon") is None and parse_retry_after("") is None and parse_retry_after(None) is None
    assert parse_retry_after("-5") == 0


async def test_server_that_hangs_times_out(feed_server):
    feed_server.hang("/hang", seconds=30)
    async with Fetcher(FetchSettings(allow_private=True, allow_file=True, connect_timeout=1, total_timeout=0.3)) as f:
        res = await f.fetch(feed_server.url("/hang"))
    assert res.error_kind == "timeout" and res.content is None
    assert res.error == "no complete answer within 0.3 s"


async def test_total_timeout_stops_a_body_that_trickles(feed_server):
    # one byte every 50 ms: no single read is slow, only the whole answer is
    feed_server.trickle("/trickle", interval=0.05, seconds=30)
    async with Fetcher(FetchSettings(allow_private=True, allow_file=True, connect_timeout=1, total_timeout=0.5)) as f:
        res = await f.fetch(feed_server.url("/trickle"))
    assert res.error_kind == "timeout" and res.error == "no complete answer within 0.5 s"


async def test_connection_refused(fetcher):
    with socket.socket() as s:                      # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    res = await fetcher.fetch(f"http://127.0.0.1:{port}/feed.xml")
    assert res.error_kind == "network" and res.error.startswith("network error: ConnectError")


async def test_redirect_loop(feed_server, fetcher):
    feed_server.redirect_loop("/a", "/b")
    res = await fetcher.fetch(feed_server.url("/a"))
    assert res.error_kind == "redirects" and res.error == "more than 5 redirects (a redirect loop?)"
    assert len(feed_server.requests) == 6                                  # the first request and 5 redirects


async def test_five_redirects_are_followed_and_six_are_not(feed_server, fetcher):
    feed_server.set("/final.xml", FEED)
    feed_server.redirect_chain("/five", 5, "/final.xml")
    feed_server.redirect_chain("/six", 6, "/final.xml")
    ok = await fetcher.fetch(feed_server.url("/five"))
    assert ok.ok and ok.content == FEED and ok.final_url == feed_server.url("/final.xml")
    assert ok.url == feed_server.url("/five")
    bad = await fetcher.fetch(feed_server.url("/six"))
    assert bad.error_kind == "redirects"


async def test_http_redirect_to_a_file_url_is_refused(feed_server, fetcher, tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_bytes(FEED)
    feed_server.redirect("/sneaky", secret.as_uri())
    res = await fetcher.fetch(feed_server.url("/sneaky"))
    assert res.content is None and res.error_kind == "blocked" and res.error == "redirect to a file URL refused"


@pytest.mark.parametrize("declared", [True, False])
async def test_body_over_the_cap(feed_server, fetcher, declared):
    feed_server.oversize("/big", 11 * MiB, content_length=declared)
    res = await fetcher.fetch(feed_server.url("/big"))
    assert res.error_kind == "too_large" and res.content is None
    if declared:
        assert res.error == f"body of {11 * MiB} bytes is over the 10 MiB cap"
    else:
        assert res.error == "body is over the 10 MiB cap; stopped reading"


async def test_body_at_the_cap_is_fine(feed_server):
    feed_server.oversize("/exact", 64 * 1024, content_length=False)
    async with Fetcher(FetchSettings(allow_private=True, allow_file=True, max_bytes=64 * 1024)) as f:
        res = await f.fetch(feed_server.url("/exact"))
    assert res.ok and len(res.content) == 64 * 1024


async def test_gzip_bomb_is_stopped_at_the_cap(feed_server, fetcher):
    route = feed_server.gzip_bomb("/bomb", expanded=256 * MiB)
    assert len(route.body) < 1 * MiB                                       # small on the wire
    res = await fetcher.fetch(feed_server.url("/bomb"))
    assert res.error_kind == "too_large" and res.content is None
    assert res.error == "body is over the 10 MiB cap once gzip-decoded; stopped reading"


async def test_corrupt_gzip_is_a_decoding_error(feed_server, fetcher):
    feed_server.set("/badgz", b"this is not gzip at all", headers={"Content-Encoding": "gzip"})
    res = await fetcher.fetch(feed_server.url("/badgz"))
    assert res.error_kind == "decoding" and res.error.startswith("gzip body does not decode:")


async def test_deflate_body_is_decoded(feed_server, fetcher):
    import zlib
    feed_server.set("/deflate", zlib.compress(FEED), headers={"Content-Encoding": "deflate"})
    res = await fetcher.fetch(feed_server.url("/deflate"))
    assert res.ok and res.content == FEED


# --- file:// ---------------------------------------------------------------------------------

async def test_file_url(tmp_path, fetcher):
    path = tmp_path / "feed.xml"
    path.write_bytes(FEED)
    res = await fetcher.fetch(path.as_uri())
    assert res.ok and res.status == 200 and res.content == FEED and res.last_modified
    again = await fetcher.fetch(path.as_uri(), last_modified=res.last_modified)
    assert again.not_modified and again.content is None


async def test_file_url_errors(tmp_path):
    big = tmp_path / "big.xml"
    big.write_bytes(b"x" * 2048)
    async with Fetcher(FetchSettings(allow_private=True, allow_file=True, max_bytes=1024)) as f:
        too_big = await f.fetch(big.as_uri())
        missing = await f.fetch((tmp_path / "missing.xml").as_uri())
        folder = await f.fetch(tmp_path.as_uri())
        remote = await f.fetch("file://other-host/etc/hosts")
    assert too_big.error_kind == "too_large" and too_big.error == "file of 2048 bytes is over the 1024 bytes cap"
    assert missing.error_kind == "file" and missing.error == f"no such file: {tmp_path / 'missing.xml'}"
    assert folder.error_kind == "file" and folder.error.startswith("not a regular file")
    assert remote.error_kind == "invalid_url" and "remote host" in remote.error


@pytest.mark.parametrize("url", ["ftp://example.org/feed", "not a url", "", "javascript:alert(1)"])
async def test_invalid_urls(fetcher, url):
    res = await fetcher.fetch(url)
    assert res.error_kind == "invalid_url" and res.error.startswith("not an http, https or file URL")


async def test_malformed_http_url_is_a_value(fetcher):
    res = await fetcher.fetch("http://[::1/feed")
    assert res.error is not None and res.content is None


def test_httpx_loggers_stay_at_warning():
    import bot.feeds.fetch  # noqa: F401  (importing it sets the levels)
    assert logging.getLogger("httpx").level == logging.WARNING
    assert logging.getLogger("httpcore").level == logging.WARNING


def test_feed_server_serves_plain_sync_clients_and_subprocesses(feed_server):
    # the server runs in its own thread: sync code and other processes reach it too
    import subprocess
    import sys
    import urllib.request
    feed_server.set("/feed.xml", FEED)
    with urllib.request.urlopen(feed_server.url("/feed.xml"), timeout=5) as resp:
        assert resp.read() == FEED
    code = ("import sys, urllib.request; "
            "sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())")
    out = subprocess.run([sys.executable, "-c", code, feed_server.url("/feed.xml")],
                         capture_output=True, text=True, timeout=30, check=True).stdout
    assert out == FEED.decode()
    assert len(feed_server.requests_for("/feed.xml")) == 2
