"""Feed list management over a real SQLite store; OPML import/export; hostile OPML refused."""
from datetime import datetime, timezone

import pytest

from bot.config import parse_config
from bot.errors import NewsbotError
from bot.feeds.admin import FeedsError, add_feed, add_feed_from_chat, default_name, describe_feed, export_opml, feed_configs, import_opml, import_opml_from_chat, list_feeds, parse_opml, remove_feed
from bot.feeds.netguard import BlockedURLError
from bot.store import Store

AT = "2026-02-01T10:00:00+00:00"


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "newsbot.db")
    yield s
    s.close()


def test_add_list_remove(store):
    f, created = add_feed(store, "https://www.aljazeera.com/xml/rss/all.xml", at=AT)
    assert created and f.name == "aljazeera.com" and f.origin == "cli"
    g, created = add_feed(store, " https://feeds.bbci.co.uk/news/world/rss.xml ", "BBC World", at=AT)
    assert created and g.url == "https://feeds.bbci.co.uk/news/world/rss.xml"
    assert [x.name for x in list_feeds(store)] == ["BBC World", "aljazeera.com"]
    again, created = add_feed(store, "https://feeds.bbci.co.uk/news/world/rss.xml", "Other name", at=AT)
    assert not created and again.name == "BBC World"
    assert remove_feed(store, "https://feeds.bbci.co.uk/news/world/rss.xml")
    assert not remove_feed(store, "https://feeds.bbci.co.uk/news/world/rss.xml")
    assert [x.url for x in list_feeds(store)] == ["https://www.aljazeera.com/xml/rss/all.xml"]


def test_default_names():
    assert default_name("https://www.theguardian.com/world/rss") == "theguardian.com"
    assert default_name("HTTP://News.UN.org:8080/feed") == "news.un.org"
    assert default_name("file:///srv/samples/seeds.xml") == "seeds.xml"


@pytest.mark.parametrize("url, why", [
    ("ftp://example.org/feed", "must be an http://, https:// or file:// URL"),
    ("javascript:alert(1)", "must be an http://, https:// or file:// URL"),
    ("example.org/rss", "must be an http://, https:// or file:// URL"),
    ("  ", "no URL given"),
    ("http:///feed.xml", "the URL has no host name"),
])
def test_bad_urls_are_refused_with_a_reason(store, url, why):
    with pytest.raises(FeedsError, match=why):
        add_feed(store, url)
    assert list_feeds(store) == []


def test_cli_may_add_file_and_loopback_feeds(store):
    assert add_feed(store, "file:///srv/samples/seeds.xml", at=AT)[1]
    assert add_feed(store, "http://127.0.0.1:8000/feed.xml", at=AT)[1]


async def test_chat_additions_pass_the_ssrf_guard(store):
    for url in ("http://127.0.0.1:8000/feed.xml", "file:///etc/passwd", "http://10.0.0.2/rss", "http://localhost/"):
        with pytest.raises(BlockedURLError):
            await add_feed_from_chat(store, url, at=AT)
    assert list_feeds(store) == []
    f, created = await add_feed_from_chat(store, "http://93.184.216.34/rss", at=AT)
    assert created and f.origin == "telegram" and f.name == "93.184.216.34"


def test_config_feeds_cannot_be_removed_at_run_time(store):
    cfg = parse_config("feeds:\n  - {name: Local, url: 'file:///srv/seeds.xml'}\n", env={})
    store.ensure_feed("file:///srv/seeds.xml", "Local", at=AT)
    with pytest.raises(FeedsError, match="listed in the config file; remove it there"):
        remove_feed(store, "file:///srv/seeds.xml", config=cfg)
    assert store.feed("file:///srv/seeds.xml") is not None


def test_feed_configs_merges_config_and_runtime_feeds(store):
    cfg = parse_config("feeds:\n  - {name: Local, url: 'file:///srv/seeds.xml', interval: 60}\n", env={})
    store.ensure_feed("file:///srv/seeds.xml", "Local", at=AT)              # origin config
    store.ensure_feed("file:///srv/old.xml", "Dropped from config", at=AT)  # stale config row: not polled
    add_feed(store, "https://example.org/rss", "Example", at=AT)
    got = feed_configs(cfg, store)
    assert [(f.url, f.interval) for f in got] == [("file:///srv/seeds.xml", 60), ("https://example.org/rss", 300)]


def test_describe_feed(store):
    add_feed(store, "https://example.org/rss", "Example", at=AT)
    assert "not polled yet" in describe_feed(store.feed("https://example.org/rss"))
    for _ in range(3):
        store.record_fetch_error("https://example.org/rss", at=AT, status=500, error="HTTP 500",
                                 kind="http", broken_after=3)
    line = describe_feed(store.feed("https://example.org/rss"))
    assert line.startswith("Example <https://example.org/rss> [cli] BROKEN after 3 failures (http: HTTP 500)")


OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="World">
      <outline type="rss" text="Al Jazeera" xmlUrl="https://www.aljazeera.com/xml/rss/all.xml"/>
      <outline type="rss" title="UN News &amp; more" text="ignored" xmlUrl="https://news.un.org/feed/rss.xml"/>
    </outline>
    <outline type="rss" xmlurl="https://reliefweb.int/updates/rss.xml"/>
    <outline type="rss" text="Bad" xmlUrl="gopher://old.example/feed"/>
    <outline type="rss" text="Twice" xmlUrl="https://www.aljazeera.com/xml/rss/all.xml"/>
    <outline text="a folder without a feed"/>
  </body>
</opml>
"""


def test_opml_import(store):
    report = import_opml(store, OPML, at=AT)
    assert report.added == ("https://www.aljazeera.com/xml/rss/all.xml", "https://news.un.org/feed/rss.xml",
                            "https://reliefweb.int/updates/rss.xml")
    assert report.existing == ("https://www.aljazeera.com/xml/rss/all.xml",)
    assert report.skipped == (("gopher://old.example/feed", "must be an http://, https:// or file:// URL"),)
    assert "3 added, 1 already present, 1 skipped" in str(report)
    names = {f.url: f.name for f in list_feeds(store)}
    assert names["https://news.un.org/feed/rss.xml"] == "UN News & more"
    assert names["https://reliefweb.int/updates/rss.xml"] == "reliefweb.int"
    assert import_opml(store, OPML, at=AT).added == ()     # idempotent


def test_opml_round_trip(store):
    add_feed(store, "https://www.aljazeera.com/xml/rss/all.xml", "Al Jazeera <all> & \"more\"", at=AT)
    add_feed(store, "https://www.theguardian.com/world/rss?x=1&y=2", "Guardian World", at=AT)
    add_feed(store, "https://news.un.org/feed/subscribe/en/news/all/rss.xml", "UN News — ελληνικά", at=AT)
    data = export_opml(list_feeds(store), now=datetime(2026, 2, 1, tzinfo=timezone.utc))
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<opml version=\"2.0\">")
    assert b"<dateCreated>Sun, 01 Feb 2026 00:00:00 GMT</dateCreated>" in data
    before = [(f.url, f.name) for f in list_feeds(store)]
    assert [(e.url, e.name) for e in parse_opml(data)] == before

    other = Store(None)
    try:
        assert len(import_opml(other, data, at=AT).added) == 3
        assert [(f.url, f.name) for f in list_feeds(other)] == before
    finally:
        other.close()


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE opml [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<opml version="2.0"><body><outline text="&lol9;" xmlUrl="https://example.org/rss"/></body></opml>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<opml version="2.0"><body><outline text="&xxe;" xmlUrl="https://example.org/rss"/></body></opml>
"""


@pytest.mark.parametrize("doc", [BILLION_LAUGHS, EXTERNAL_ENTITY,
                                 '<!DOCTYPE opml SYSTEM "http://127.0.0.1/x.dtd"><opml><body/></opml>'])
def test_opml_with_entity_declarations_is_refused(store, doc):
    with pytest.raises(FeedsError, match="DOCTYPE and ENTITY declarations are not allowed in OPML"):
        import_opml(store, doc, source="bomb.opml")
    assert list_feeds(store) == []


@pytest.mark.parametrize("doc, msg", [
    ("<opml><body><outline xmlUrl='https://a.example/rss'></body>", r"bad\.opml:1: not well-formed XML"),
    ('<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', r"not an OPML document \(the root element is <rss>\)"),
    ("", r"bad\.opml:1: not well-formed XML"),
    (b"\xff\xfe garbage", "not well-formed XML"),
])
def test_malformed_opml_is_a_clear_error(store, doc, msg):
    with pytest.raises(FeedsError, match=msg) as info:
        import_opml(store, doc, source="bad.opml")
    assert isinstance(info.value, NewsbotError)
    assert list_feeds(store) == []


def test_oversized_opml_is_refused(store):
    doc = "<opml><body>" + "<outline text='x'/>" * 300_000 + "</body></opml>"
    with pytest.raises(FeedsError, match="file too large"):
        import_opml(store, doc)


async def test_opml_from_chat_skips_internal_addresses(store):
    doc = """<opml version="2.0"><body>
      <outline text="ok" xmlUrl="http://93.184.216.34/rss"/>
      <outline text="internal" xmlUrl="http://192.168.1.1/rss"/>
      <outline text="local" xmlUrl="file:///etc/passwd"/>
    </body></opml>"""
    report = await import_opml_from_chat(store, doc, at=AT)
    assert report.added == ("http://93.184.216.34/rss",)
    assert [u for u, _ in report.skipped] == ["http://192.168.1.1/rss", "file:///etc/passwd"]
    assert "192.168.1.1 is a private address" in report.skipped[0][1]
    assert store.feed("http://93.184.216.34/rss").origin == "telegram"
