"""SSRF guard: IP literals and ``localhost`` only (no DNS to the internet here), nothing is connected to."""
import socket

import pytest

from bot.errors import NewsbotError
from bot.feeds.netguard import BlockedURLError, address_problem, check_url


@pytest.mark.parametrize("url, why", [
    ("http://127.0.0.1/feed.xml", "127.0.0.1 is a loopback address"),
    ("http://127.8.9.10:8080/rss", "loopback"),
    ("http://localhost/feed", "localhost resolves to"),
    ("http://LOCALHOST/feed", "loopback"),
    ("http://[::1]/feed", "::1 is a loopback address"),
    ("http://10.1.2.3/rss", "10.1.2.3 is a private address"),
    ("https://192.168.1.20/rss", "private"),
    ("http://172.16.0.1/rss", "private"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
    ("http://[fe80::1]/", "link-local"),
    ("http://224.0.0.1/", "multicast"),
    ("http://240.0.0.1/", "reserved"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://[::]/", "unspecified"),
    ("http://100.64.0.5/", "not a public address"),
    ("http://[fd00::5]/", "private"),
    ("http://[::ffff:10.0.0.1]/", "embedding 10.0.0.1"),
    ("http://[2002:c0a8:0101::]/", "embedding 192.168.1.1"),
    ("http://2130706433/", "resolves to 127.0.0.1"),          # decimal spelling of 127.0.0.1
    ("http://0x7f.1/", "resolves to 127.0.0.1"),
])
async def test_internal_addresses_are_refused(url, why):
    with pytest.raises(BlockedURLError, match=why.replace(".", r"\.")) as info:
        await check_url(url)
    assert info.value.url == url and isinstance(info.value, NewsbotError)
    assert str(info.value).startswith(f"refused feed URL {url}: ")


@pytest.mark.parametrize("url, why", [
    ("file:///etc/passwd", "only http:// and https://"),
    ("ftp://93.184.216.34/feed", "not ftp scheme"),
    ("gopher://93.184.216.34/", "only http"),
    ("93.184.216.34/feed", "not no scheme"),
    ("http:///feed", "no host name"),
    ("http://93.184.216.34:99999/", "not a valid URL"),
    ("", "only http"),
])
async def test_bad_schemes_and_malformed_urls_are_refused(url, why):
    with pytest.raises(BlockedURLError, match=why):
        await check_url(url)


@pytest.mark.parametrize("url", [
    "http://93.184.216.34/feed.xml",
    "https://93.184.216.34:8443/rss?x=1",
    "https://[2606:2800:220:1:248:1893:25c8:1946]/feed",
    "  http://8.8.8.8/rss  ",
])
async def test_public_literal_addresses_are_allowed(url):
    assert await check_url(url) == url.strip()


async def test_every_resolved_address_must_be_public():
    async def resolver(host, port):
        assert (host, port) == ("news.example", 443)
        return ["93.184.216.34", "10.0.0.7"]

    with pytest.raises(BlockedURLError, match="news.example resolves to 10.0.0.7, a private address"):
        await check_url("https://news.example/feed", resolve=resolver)


async def test_public_name_passes_with_its_addresses():
    async def resolver(host, port):
        return ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"]

    assert await check_url("http://news.example/rss", resolve=resolver) == "http://news.example/rss"


async def test_unresolvable_name_is_refused_with_the_reason():
    async def resolver(host, port):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with pytest.raises(BlockedURLError, match="'nowhere.example' does not resolve"):
        await check_url("http://nowhere.example/feed", resolve=resolver)


def test_address_problem_on_its_own():
    assert address_problem("93.184.216.34") is None
    assert address_problem("192.168.0.1") == "192.168.0.1 is a private address"
    assert address_problem("not-an-ip") == "'not-an-ip' is not an IP address"
