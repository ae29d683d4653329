"""Rendering alert payloads: escaping, the 4,096 cut, flags, qualifiers, updates, digests."""
from __future__ import annotations

import html

from hypothesis import given, settings, strategies as st

from bot.notify.render import MAX_MESSAGE, country_name, flag, render_alert_text, render_console, tg_len
from bot.telegram.html import mute_keyboard, parse_callback, render_alert_html, render_digest_html, render_message, render_update_html
from botapi_server import check_html

PAYLOAD = {
    "type": "alert", "rule": "isil-10-killed", "rule_title": "ISIL or affiliates, 10 or more killed",
    "severity": "high", "item_key": "k1", "item_url": "https://www.aljazeera.com/news/2024/6/8/beni?x=1&y=2",
    "title": "ADF rebels kill dozens in eastern DR Congo", "published": "2024-06-08T10:30:00+00:00",
    "source": "Al Jazeera", "feed": "aljazeera", "groups": ["isil", "adf"], "perpetrators": ["adf"],
    "group_names": {"adf": "Allied Democratic Forces", "isil": "Islamic State"},
    "country": "CD", "province": "North Kivu", "province_code": "CD-NK", "place": "Beni",
    "killed": 38, "wounded": 12, "killed_qualifier": "at least", "wounded_qualifier": None,
    "arrested": None, "kind": "attack", "reasons": ["group adf (family isil)", "killed 38 ≥ 10"],
}


def test_alert_contents():
    out = render_alert_html(PAYLOAD)
    assert check_html(out)[0] is None
    lines = out.split("\n")
    assert lines[0] == "🟠 <b>ISIL or affiliates, 10 or more killed</b>"
    assert lines[1] == ('<a href="https://www.aljazeera.com/news/2024/6/8/beni?x=1&amp;y=2">'
                        "ADF rebels kill dozens in eastern DR Congo</a>")
    assert "👥 <b>Allied Democratic Forces</b>, Islamic State" in out          # perpetrator first
    assert "📍 Beni, North Kivu, 🇨🇩 DR Congo" in out
    assert "💀 at least 38 killed, 12 wounded" in out
    assert "📰 Al Jazeera · 08 Jun 2024 10:30 UTC" in out


def test_feed_html_is_escaped_everywhere():
    evil = "<b>x</b> & <script>"
    p = {**PAYLOAD, "title": evil, "source": evil, "place": evil, "rule_title": evil,
         "group_names": {"adf": evil, "isil": "IS"}, "reasons": [evil],
         "item_url": 'https://example.org/"><script>alert(1)</script>'}
    out = render_alert_html(p)
    error, visible = check_html(out)
    assert error is None
    assert "<script>" not in out and "&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;" in out
    assert visible.count(evil) == 6          # shown as text: title, rule, group, place, source, reason
    assert '"><script>' not in out           # the URL cannot break out of href


def test_non_http_link_is_not_linked():
    out = render_alert_html({**PAYLOAD, "item_url": "javascript:alert(1)"})
    assert "<a " not in out and "javascript" not in out


def test_long_fields_are_cut_never_the_link():
    url = "https://example.org/" + "p" * 500
    p = {**PAYLOAD, "item_url": url, "title": "T" * 10000, "source": "S" * 3000,
         "reasons": ["r" * 5000], "group_names": {"adf": "G" * 3000, "isil": "I"}}
    out = render_alert_html(p)
    assert tg_len(out) <= MAX_MESSAGE
    assert f'<a href="{url}">' in out and "…</a>" in out
    assert check_html(out)[0] is None
    assert tg_len(render_alert_text(p)) <= MAX_MESSAGE and url in render_alert_text(p)
    # escaping can make a capped field five times longer: the overall cut still holds
    amp = {**p, "title": "&" * 3000, "place": "<" * 3000, "reasons": ["🇨🇩" * 2000]}
    out = render_alert_html(amp)
    assert tg_len(out) <= MAX_MESSAGE and f'<a href="{url}">' in out and check_html(out)[0] is None


@settings(max_examples=60, deadline=None)
@given(title=st.text(max_size=6000), place=st.text(max_size=500), source=st.text(max_size=300))
def test_any_text_renders_as_valid_html_within_the_limit(title, place, source):
    out = render_alert_html({**PAYLOAD, "title": title, "place": place, "source": source})
    assert tg_len(out) <= MAX_MESSAGE
    error, visible = check_html(out)
    assert error is None
    assert '<a href="https://www.aljazeera.com/news/2024/6/8/beni?x=1&amp;y=2">' in out


def test_flags_and_country_names():
    assert flag("CD") == "\U0001F1E8\U0001F1E9"
    assert flag("ru") == "🇷🇺"
    assert flag(None) == "" and flag("X") == "" and flag("1A") == ""
    assert country_name("CD") == "DR Congo"
    assert country_name("RU") == "Russia"
    assert country_name("IR") == "Iran"
    assert country_name("NG") == "Nigeria"
    assert country_name("ZZ") == "ZZ"


def test_qualifiers_and_missing_figures():
    assert "💀 more than 100 killed" in render_alert_html({**PAYLOAD, "killed": 100, "killed_qualifier": "more than",
                                                           "wounded": None})
    assert "💀 1,200 wounded" in render_alert_html({**PAYLOAD, "killed": None, "wounded": 1200})
    out = render_alert_html({**PAYLOAD, "killed": None, "wounded": None})
    assert "💀" not in out
    p = {**PAYLOAD, "kind": "arrest", "killed": None, "wounded": None, "arrested": 7}
    assert "💀 7 arrested" in render_alert_html(p)
    # place parts that are missing are skipped, repeated names folded
    assert "📍 🇷🇺 Russia" in render_alert_html({**PAYLOAD, "place": None, "province": None, "country": "RU"})
    assert "📍 Moscow, 🇷🇺 Russia" in render_alert_html({**PAYLOAD, "place": "Moscow", "province": "Moscow",
                                                          "country": "RU"})


def test_update_message():
    p = {**PAYLOAD, "type": "update", "incident": 4, "killed": 137,
         "changes": [{"field": "killed", "old": 133, "new": 137}]}
    out = render_update_html(p)
    assert out.startswith("🔁 <b>Update: Toll now at least 137 killed (was 133)</b>")
    assert check_html(out)[0] is None
    assert "📰 Al Jazeera · 08 Jun 2024 10:30 UTC · 4 sources" in render_update_html({**p, "sources": 4})
    claim = render_update_html({**p, "changes": [{"field": "perpetrators", "old": [], "new": ["adf"]}]})
    assert "Claimed by Allied Democratic Forces" in claim
    assert render_message(p)[0] == out
    assert "UPDATE (incident 4)" in render_console(p) and "toll now at least 137 killed (was 133)" in render_console(p)


def test_digest_one_line_each_newest_first_and_capped():
    items = [{**PAYLOAD, "title": f"item {i}", "published": f"2024-06-0{i + 1}T00:00:00+00:00", "killed": i}
             for i in range(5)]
    out = render_digest_html(items, "daily")
    lines = out.split("\n")
    assert lines[0] == "🗞 <b>Daily digest: 5 alerts</b>"
    assert [ln.split(">")[1].split("<")[0] for ln in lines[1:]] == [f"item {i}" for i in (4, 3, 2, 1, 0)]
    same_toll = [{**PAYLOAD, "title": f"item {i}", "published": f"2024-06-0{i + 1}T00:00:00+00:00"} for i in (0, 2, 1)]
    lines = render_digest_html(same_toll, "daily").split("\n")[1:]
    assert [ln.split(">")[1].split("<")[0] for ln in lines] == ["item 2", "item 1", "item 0"]   # then newest
    many = [{**PAYLOAD, "title": "x" * 300 + str(i)} for i in range(100)]
    big = render_digest_html(many, "hourly")
    assert tg_len(big) <= MAX_MESSAGE and big.rstrip().split("\n")[-1].startswith("… and ")
    assert check_html(big)[0] is None


def test_digest_folds_each_incident_into_one_line_with_its_latest_toll():
    def inc(n, killed, day, kind="alert", title=None, **kw):
        return {**PAYLOAD, "type": kind, "incident": n, "killed": killed, "killed_qualifier": None,
                "title": title or f"incident {n} {kind}", "published": f"2024-06-{day:02d}T00:00:00+00:00", **kw}

    payloads = [                      # queue order, as the held rows were written
        inc(1, 60, 1, title="Moscow concert hall attack"),
        inc(2, 38, 2, title="Beni attack"),
        inc(1, 137, 3, "update", title="Moscow toll rises to 137", sources=5),
        inc(3, 12, 4, title="Borno attack"),                      # the newest, with the lowest toll
        inc(2, 38, 2, title="Beni attack", rule="isil-africa"),   # the same incident under another rule
        inc(4, None, 5, title="Talks in Baghdad"),                # no toll: last
        {**PAYLOAD, "title": "per-article alert", "killed": 12, "published": "2024-06-05T00:00:00+00:00"},
    ]
    out = render_digest_html(payloads, "daily")
    assert check_html(out)[0] is None
    head, *lines = out.split("\n")
    assert head == "🗞 <b>Daily digest: 5 incidents</b>"
    titles = [ln.split(">")[1].split("<")[0] for ln in lines]
    # newest toll first; equal tolls (12) newest report first; no toll last
    assert titles == ["Moscow toll rises to 137", "Beni attack", "per-article alert", "Borno attack",
                      "Talks in Baghdad"]
    assert "137 killed" in lines[0] and "60 killed" not in out and lines[0].endswith("(updated, 5 sources)")
    assert "(updated)" in lines[1]                             # two reports folded
    plain = render_message({"type": "digest", "period": "hourly", "alerts": payloads})[1]
    assert plain.split("\n")[1].startswith("• Moscow toll rises to 137 — 137 killed")
    assert len(plain.split("\n")) == 6


def test_console_is_readable():
    out = render_console(PAYLOAD)
    assert out.splitlines()[0] == "[isil-10-killed] ISIL or affiliates, 10 or more killed"
    assert "groups:     Allied Democratic Forces (perpetrator), Islamic State" in out
    assert "place:      Beni, North Kivu, DR Congo (CD)" in out
    assert "casualties: at least 38 killed, 12 wounded" in out


def test_mute_button_data():
    assert mute_keyboard(PAYLOAD) == [[("🔕 Mute this rule", "mute:isil-10-killed")]]
    assert parse_callback("mute:isil-10-killed") == ("mute", "isil-10-killed")
    assert parse_callback("nonsense") is None
    assert mute_keyboard({**PAYLOAD, "rule": "r" * 80}) == []          # over Telegram's 64 bytes
    assert mute_keyboard({"type": "digest", "alerts": []}) == []
