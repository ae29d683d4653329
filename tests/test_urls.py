"""bot.feeds.urls: one canonical spelling per article URL."""
import pytest

from bot.feeds.urls import canonical_url, host_of


@pytest.mark.parametrize("raw, expected", [
    # the seeds' Guardian share link
    ("https://example.org/newsbot-sample/blog-iskp-moscow?CMP=share_btn_url",
     "https://example.org/newsbot-sample/blog-iskp-moscow"),
    # scheme and host lowercased, default port and fragment dropped, path case kept
    ("HTTPS://Example.ORG:443/News/Item#comments", "https://example.org/News/Item"),
    ("http://example.org:80", "http://example.org/"),
    # a non-default port stays
    ("http://example.org:8080/a", "http://example.org:8080/a"),
    # tracking parameters go, whatever their case; the rest keep order and spelling
    ("https://x.org/a?b=2&utm_source=tw&UTM_Medium=social&a=1&fbclid=XYZ&gclid=1&q=a%20b",
     "https://x.org/a?b=2&a=1&q=a%20b"),
    ("https://x.org/a?mc_cid=1&mc_eid=2&ocid=3&cmpid=4&at_medium=5&at_campaign=6&ref_src=7&igshid=8&_ga=9",
     "https://x.org/a"),
    ("https://x.org/a?id=7&", "https://x.org/a?id=7"),
    # parameters that merely look similar stay
    ("https://x.org/a?ref=home&cmp2=1&campaign=x", "https://x.org/a?ref=home&cmp2=1&campaign=x"),
    ("  https://x.org/a b  ", "https://x.org/a%20b"),
    ("https://[2001:DB8::1]:443/x", "https://[2001:db8::1]/x"),
    ("file:///tmp/feed.xml", "file:///tmp/feed.xml"),
])
def test_canonical_url(raw, expected):
    assert canonical_url(raw) == expected


@pytest.mark.parametrize("raw", [
    None, "", "   ", "not a url", "ftp://x.org/a", "javascript:alert(1)", "mailto:a@b.c",
    "https://", "http://x.org:99999/", "http://x.org:port/",
])
def test_canonical_url_rejects_what_is_not_a_web_url(raw):
    assert canonical_url(raw) is None


def test_canonical_url_is_idempotent():
    once = canonical_url("HTTP://WWW.Example.com:80/a/?utm_campaign=x&id=1#f")
    assert once == "http://www.example.com/a/?id=1"
    assert canonical_url(once) == once


@pytest.mark.parametrize("raw, host", [
    ("https://www.TheGuardian.com/world/x", "theguardian.com"),
    ("https://feeds.bbci.co.uk/news/world/rss.xml", "feeds.bbci.co.uk"),
    ("http://www.com/", "www.com"),
    ("file:///tmp/x.xml", None),
    ("garbage", None),
    (None, None),
])
def test_host_of(raw, host):
    assert host_of(raw) == host
