"""bot.feeds.parse: feed bytes to Items, and every kind of bad feed as a clear value."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from bot.feeds.parse import parse_feed

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2024, 7, 1, 12, 0, tzinfo=timezone.utc)
BOILERPLATE_SEEN_IN_SEEDS = re.compile(
    r"^(Check out our Latest News|Original Source|Exit mobile version|Leave a comment|"
    r"Create a free website|Up ↑|Design a site like this|Get started)", re.M)


def rss(items: str, *, channel: str = "<title>Test feed</title><link>https://news.example/</link>",
        decl: str = '<?xml version="1.0" encoding="utf-8"?>') -> bytes:
    return (f'{decl}<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel>{channel}{items}</channel></rss>").encode("utf-8")


def item(title="A title", link="https://news.example/a", guid="g-1",
         date="Mon, 01 Jul 2024 10:00:00 +0000", desc="Summary text.", extra="") -> str:
    parts = [f"<title>{title}</title>" if title is not None else "",
             f"<link>{link}</link>" if link is not None else "",
             f"<guid isPermaLink='false'>{guid}</guid>" if guid is not None else "",
             f"<pubDate>{date}</pubDate>" if date is not None else "",
             f"<description>{desc}</description>" if desc is not None else "", extra]
    return "<item>" + "".join(parts) + "</item>"


def parse(content: bytes, headers=None, now=NOW):
    return parse_feed(content, feed_name="test", url="https://news.example/feed.xml",
                      headers=headers, now=now)


# --- the bundled sample ---------------------------------------------------------------------

def test_sample_feed_gives_eleven_clean_items():
    res = parse_feed((ROOT / "bot" / "sample" / "seeds.xml").read_bytes(), feed_name="sample",
                     url="file:///sample/seeds.xml", now=NOW)
    assert res.error is None and res.warnings == []
    assert len(res.items) == 11
    assert len({i.key for i in res.items}) == 11
    by_key = {i.key: i for i in res.items}
    blog = by_key["newsbot-sample:blog-iskp-moscow"]
    assert blog.url == "https://example.org/newsbot-sample/blog-iskp-moscow"     # ?CMP=share_btn_url gone
    for it in res.items:
        assert it.url.startswith("https://example.org/newsbot-sample/") and "?" not in it.url
        assert it.feed == "sample" and it.source == "newsbot sample: seed articles"
        assert it.published.tzinfo is not None and it.published.utcoffset() == timedelta(0)
        assert it.title and it.title == " ".join(it.title.split())
        assert len(it.text) > 1000 and "<p>" not in it.text and "&amp;" not in it.text
        assert not BOILERPLATE_SEEN_IN_SEEDS.search(it.text), it.key
    drc = by_key["newsbot-sample:drc-beni-adf-38"]
    assert "38" in drc.text and "\n\n" in drc.text                                 # paragraphs kept


# --- entries ---------------------------------------------------------------------------------

def test_entry_fields():
    res = parse(rss(item(title="  Blast   in\n Kabul ", link="HTTPS://News.Example/a?utm_source=rss&id=5#top",
                         desc="&lt;p&gt;Ten &amp;amp; more killed.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;")
                    + "<ttl>30</ttl>"))
    assert res.error is None and res.title == "Test feed" and res.ttl == 1800
    (it,) = res.items
    assert it.key == "g-1"
    assert it.url == "https://news.example/a?id=5"
    assert it.title == "Blast in Kabul"
    assert it.text == "Ten & more killed.\n\nSecond."
    assert it.published == datetime(2024, 7, 1, 10, 0, tzinfo=timezone.utc)
    assert it.source == "Test feed"


def test_longest_of_content_and_summary_is_used():
    body = "<p>" + "Full article paragraph. " * 20 + "</p><p>Original Source</p>"
    res = parse(rss(item(desc="Short summary.", extra=f"<content:encoded><![CDATA[{body}]]></content:encoded>")))
    (it,) = res.items
    assert it.text.startswith("Full article paragraph.") and "Original Source" not in it.text
    res = parse(rss(item(desc="A summary that is longer than the content.",
                         extra="<content:encoded><![CDATA[<p>Short.</p>]]></content:encoded>")))
    assert res.items[0].text == "A summary that is longer than the content."


def test_html_in_titles_is_stripped():
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom feed</title><id>urn:f</id>
<updated>2024-07-01T10:00:00Z</updated>
<entry><title type="html">&lt;b&gt;Bold&lt;/b&gt; &amp;amp; news</title><id>urn:e1</id>
<link rel="alternate" href="https://atom.example/e1?fbclid=abc"/>
<updated>2024-07-01T09:00:00+02:00</updated>
<content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry></feed>"""
    res = parse(atom)
    assert res.error is None
    (it,) = res.items
    assert it.title == "Bold & news"
    assert it.url == "https://atom.example/e1"
    assert it.published == datetime(2024, 7, 1, 7, 0, tzinfo=timezone.utc)       # updated, in UTC
    assert it.text == "Body"


def test_relative_links_resolve_against_the_feed_url():
    res = parse(rss(item(link="/world/story?utm_medium=rss")))
    assert res.items[0].url == "https://news.example/world/story"


def test_feed_served_as_html_but_valid_is_read_with_a_warning():
    res = parse(rss(item()), headers={"content-type": "text/html; charset=utf-8"})
    assert res.error is None and len(res.items) == 1
    assert res.warnings == ["feed is malformed but was read: NonXMLContentType: "
                            "text/html; charset=utf-8 is not an XML media type"]


def test_entry_without_guid_is_keyed_by_canonical_link():
    res = parse(rss(item(guid=None, link="https://news.example/a?CMP=share_btn_url")))
    assert res.items[0].key == "https://news.example/a"
    assert res.warnings == []


def test_entry_without_guid_or_link_is_keyed_by_a_stable_hash():
    feed = rss(item(guid=None, link=None, title="One") + item(guid=None, link=None, title="Two"))
    first, again = parse(feed), parse(feed)
    keys = [i.key for i in first.items]
    assert len(keys) == 2 and keys[0] != keys[1]
    assert all(k.startswith("sha256:") for k in keys)
    assert keys == [i.key for i in again.items]
    assert all(i.url is None for i in first.items)
    assert any("no guid and no link" in w for w in first.warnings)


def test_entry_with_nothing_in_it_is_skipped_with_a_warning():
    res = parse(rss(item(title=None, link=None, guid="g-empty", desc=None) + item(guid="g-2")))
    assert [i.key for i in res.items] == ["g-2"]
    assert any("entry 1: no title, link or text; skipped" in w for w in res.warnings)


def test_duplicate_guids_keep_the_first_and_warn():
    res = parse(rss(item(guid="dup", title="First") + item(guid="dup", title="Second") + item(guid="other")))
    assert [(i.key, i.title) for i in res.items] == [("dup", "First"), ("other", "A title")]
    assert any("duplicate" in w and "'dup'" in w and "kept the first" in w for w in res.warnings)


def test_dates_in_the_future_are_clamped_to_now():
    future = (NOW + timedelta(days=3)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    slight = (NOW + timedelta(minutes=5)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    res = parse(rss(item(guid="f", date=future) + item(guid="s", date=slight)))
    f, s = res.items
    assert f.published == NOW
    assert s.published == NOW + timedelta(minutes=5)                               # within the skew
    assert any("entry 1" in w and "in the future" in w and "clamped" in w for w in res.warnings)


def test_missing_or_unreadable_dates():
    res = parse(rss(item(guid="none", date=None) + item(guid="bad", date="not a date at all")))
    assert [i.published for i in res.items] == [None, None]
    assert any("entry 2: unreadable published date" in w for w in res.warnings)


def test_naive_now_is_taken_as_utc():
    res = parse(rss(item()), now=NOW.replace(tzinfo=None))
    assert res.items[0].published.tzinfo is not None


def test_source_falls_back_to_the_host_when_the_feed_has_no_title():
    res = parse(rss(item(), channel="<link>https://www.host.example/</link>"))
    assert res.title is None and res.items[0].source == "host.example"


# --- bad feeds ----------------------------------------------------------------------------

def test_html_page_instead_of_a_feed():
    page = b"<!DOCTYPE html><html><head><title>Welcome</title></head><body><p>Hi</p></body></html>"
    res = parse(page, headers={"Content-Type": "text/html; charset=utf-8"})
    assert res.items == []
    assert res.error == "not a feed: the server sent an HTML page (text/html), not RSS or Atom"


def test_garbage_bytes():
    res = parse(bytes(range(256)) * 8, headers={"content-type": "application/octet-stream"})
    assert res.items == [] and res.error.startswith("not a feed: the body is not XML (")
    assert "not well-formed (invalid token) at line" in res.error and "application/octet-stream" in res.error


def test_json_instead_of_a_feed():
    res = parse(b'{"items": []}', headers={"content-type": "application/json"})
    assert res.error.startswith("not a feed:") and "application/json" in res.error


def test_empty_body():
    assert parse(b"").error == "empty response body: no feed to read"
    assert parse(b"  \n ").error == "empty response body: no feed to read"


def test_valid_feed_without_entries_is_not_an_error():
    res = parse(rss(""))
    assert res.error is None and res.items == [] and res.title == "Test feed"


def test_truncated_xml_keeps_the_complete_entries_and_warns():
    whole = rss(item(guid="one", title="One") + item(guid="two", title="Two"))
    cut = whole[: whole.index(b"<title>Two") + 8]
    res = parse(cut)
    assert res.error is None
    assert [i.key for i in res.items][:1] == ["one"]
    assert any(w.startswith("feed is malformed but was read: no element found at line 1") for w in res.warnings)


def test_xml_truncated_inside_the_first_entry_is_an_error():
    whole = rss(item(guid=None, link=None, title="Only", desc=None))
    res = parse(whole[: whole.index(b"<title>Only") + 3])
    assert res.items == []
    assert res.error.startswith("malformed feed: ")
    assert "at line 1, column" in res.error and res.error.endswith("no complete entry could be read")


@pytest.mark.parametrize("sep", ["\n", ""])
def test_billion_laughs_is_not_expanded(sep):
    # Two layers stop it: feedparser drops entity declarations that are not a single
    # character, and expat (>= 2.4) refuses a large amplification factor.
    lol = ["<!ENTITY lol \"lol\">"] + [
        f"<!ENTITY lol{i} \"{('&lol' + (str(i - 1) if i > 1 else '') + ';') * 10}\">" for i in range(1, 10)]
    doc = ('<?xml version="1.0"?>' + sep + '<!DOCTYPE rss [' + sep + sep.join(lol) + sep + "]>" + sep +
           '<rss version="2.0"><channel><title>Laughs &lol9;</title>'
           "<item><guid>g</guid><title>T &lol9;</title><description>D &lol9;</description></item>"
           "</channel></rss>").encode()
    res = parse(doc)
    # the 10**9 "lol"s never appear: entities stay as written, the feed is flagged malformed
    assert res.error is None and len(res.items) == 1
    it = res.items[0]
    assert "lollol" not in it.title + it.text + (res.title or "")
    assert len(it.title) < 50 and len(it.text) < 50
    assert any(w.startswith("feed is malformed but was read: ") for w in res.warnings)


def test_body_naming_a_local_file_is_not_read(tmp_path):
    # feedparser reads a *file name* when handed bytes; parse_feed must never let a feed
    # server make it read a local file.
    secret = tmp_path / "secret.xml"
    secret.write_bytes(rss(item(title="LOCAL FILE CONTENT")))
    res = parse(str(secret).encode())
    assert res.items == [] and res.error.startswith("not a feed")


CYRILLIC_TITLE = "Взрыв в Москве: погибли 12 человек"


def cp1251_feed(decl_encoding: str | None) -> bytes:
    decl = f'<?xml version="1.0" encoding="{decl_encoding}"?>' if decl_encoding else ""
    return (f'{decl}<rss version="2.0"><channel><title>Новости</title>'
            f"<item><guid>g</guid><title>{CYRILLIC_TITLE}</title>"
            f"<description>Текст статьи о нападении в Москве.</description></item>"
            f"</channel></rss>").encode("cp1251")


@pytest.mark.parametrize("decl, content_type", [
    ("windows-1251", "application/rss+xml"),                  # declared in the XML, header silent
    ("windows-1251", "text/xml"),                             # text/xml without charset "means" ascii
    ("utf-8", "application/rss+xml; charset=windows-1251"),   # wrong declaration, right header
    (None, "text/xml; charset=windows-1251"),
])
def test_charset_from_declaration_or_header(decl, content_type):
    res = parse(cp1251_feed(decl), headers={"Content-Type": content_type})
    assert res.error is None
    assert res.items[0].title == CYRILLIC_TITLE and res.title == "Новости"


@pytest.mark.parametrize("decl, content_type", [
    ("utf-8", "application/rss+xml"),                         # declared utf-8, bytes are cp1251
    ("windows-1251", "application/rss+xml; charset=utf-8"),   # header lies
    (None, None),
])
def test_wrong_charset_is_detected_and_reported(decl, content_type):
    res = parse(cp1251_feed(decl), headers={"content-type": content_type} if content_type else None)
    assert res.error is None
    assert res.items[0].title == CYRILLIC_TITLE
    assert any(w.startswith("charset:") for w in res.warnings), res.warnings


@settings(max_examples=150, deadline=None)
@given(st.one_of(
    st.binary(max_size=2000),
    st.builds(lambda t, d, g: rss(item(title=t, desc=d, guid=g)).replace(b"&", b"&amp;"),
              st.text(max_size=200), st.text(max_size=500), st.text(max_size=50)),
    st.builds(lambda raw, cut: raw[:cut], st.just(rss(item() + item(guid="g-2"))), st.integers(0, 600)),
))
def test_any_bytes_give_a_result_never_an_exception(content):
    res = parse(content)
    assert (res.error is None) or (res.items == [] and res.error)
    for it in res.items:
        assert it.key
        assert it.published is None or it.published.tzinfo is not None


# --- C1 controls in feed text ---------------------------------------------------------------

def test_c1_controls_still_read_as_windows_1252():
    # feedparser's mapping, through the installed table: U+0080 is read as the euro sign
    got = parse(rss(item(title="Price \u0080 5 \u2019 \u0093ok\u0094", desc="x \u0080 y")))
    assert got.items[0].title == "Price \u20ac 5 \u2019 \u201cok\u201d"
    assert got.items[0].text == "x \u20ac y"


# --- feedparser's windows-1252 table, as a string while our parse runs (issue 14) ------------------

def test_the_string_cp1252_table_maps_every_character_as_feedparsers_dict():
    import feedparser.mixin
    from bot.feeds import parse as parse_mod

    assert parse_mod._CP1252 is feedparser.mixin._cp1252 and isinstance(parse_mod._CP1252, dict)
    fast = parse_mod._fast_table()
    assert fast is not None, "feedparser's table changed shape: the fast table is off"
    every = "".join(map(chr, range(0x110000)))      # all code points, lone surrogates and past U+FFFF too
    assert every.translate(fast) == every.translate(parse_mod._CP1252)
    assert parse_mod._string_table({0x80: "ab"}) is None and parse_mod._string_table([]) is None


def test_our_parse_uses_the_string_table_and_puts_feedparsers_back():
    import threading

    import feedparser
    import feedparser.mixin
    from bot.feeds import parse as parse_mod

    seen = []
    real = feedparser.parse

    def spy(*args, **kwargs):
        seen.append(feedparser.mixin._cp1252)
        return real(*args, **kwargs)

    feedparser.parse = spy
    try:
        # C1 code points read as windows-1252 ("\x80" is the euro sign, "\x93"/"\x94" quotes), as before
        res = parse(rss(item(title="Price \x80 5", desc="He said \x93no\x94 \u2014 twice.")))
    finally:
        feedparser.parse = real
    assert seen == [parse_mod._fast_table()]
    assert feedparser.mixin._cp1252 is parse_mod._CP1252          # feedparser's own again, for other callers
    assert res.items[0].title == "Price \u20ac 5" and res.items[0].text == "He said \u201cno\u201d \u2014 twice."
    # several parses at once (threads): the last one out restores the dict
    with parse_mod._fast_cp1252():
        t = threading.Thread(target=lambda: parse(rss(item())))
        t.start()
        t.join()
        assert feedparser.mixin._cp1252 is parse_mod._fast_table()
    assert feedparser.mixin._cp1252 is parse_mod._CP1252
