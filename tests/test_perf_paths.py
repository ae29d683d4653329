"""The speed paths keep behaviour: one fold shared by hash and shingles, token scans equal to the
regexes they replace, rule lookup by id, fewer SQLite statements, and a sender woken by the commit.

Real parts throughout (SQLite files, the loopback feed and Bot API servers); no timing is asserted.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

import pytest

from bot.incidents import IncidentState, Notification
from bot.incidents.assign import _hours, _nearest_gap
from bot.incidents.similarity import _words, norm_province
from bot.config import Config, FeedConfig
from bot.pipeline.cycle import Runtime, poll_cycle
from bot.feeds.fetch import Fetcher
from bot.fold import fold, prepare
from bot.catalog.groups import load_groups
from bot.models import Facts, GroupMention, Item
from bot.incidents.neardup import NearDupIndex, shingles, words
from bot.feeds.dedupe import content_hash
from bot.rulebook.book import Rulebook
from bot.pipeline.filing import candidates, file_item
from bot.store import Store, iso
from bot.telegram import StaticRules, build_application, get_sender
from catalogues import copy_catalogues

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2024, 6, 8, 12, tzinfo=timezone.utc)
TOKEN = "123456:TEST-SECRET-TOKEN-VALUE-abcdefghijkl"

# texts with the characters the scans must treat like the regexes did
TRICKY = [
    "", "  ", "Ambush on a convoy", "al-Shabaab's fighters -- and so-called 'rebels'",
    "Café naïve résumé ÉLAN", "Straße ﬁnal İstanbul", "snake_case__words_", "中文 报道 ①② Ⅻ ٣",
    "Nord-Kivu Province", "North-West  province,  Cameroon", "Kyiv oblast’s governor", "e\u0301 \u200b\u00a0x",
    "é中 bʼ-\n--'-s ’s\xa0İ\u0301provincé",
    " ".join(f"w{i}{chr(0x2190 + i)}x{i}-y’s e\u0301" for i in range(40)),
]


def _old_content_hash(title: str, text: str) -> str:
    norm = unicodedata.normalize("NFKD", f"{title}\n{text}").casefold()
    norm = re.sub(r"[\W_]+", " ", norm).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("text", TRICKY)
def test_content_hash_is_the_regex_definition_and_reuses_the_prepared_words(text):
    assert content_hash("T " + text, text) == _old_content_hash("T " + text, text)
    prep = prepare("T " + text, text)
    assert content_hash("ignored", "ignored", prep) == _old_content_hash("T " + text, text)


@pytest.mark.parametrize("text", TRICKY)
def test_incident_word_scans_equal_their_former_regexes(text):
    word = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
    folded = fold(text, strip_marks=True)
    assert _words(folded) == word.findall(folded)
    suffix = re.compile(r"\b(province|oblast|region|governorate|state|district|territory|prefecture|county|krai"
                        r"|department)\b")
    assert norm_province(text) == (" ".join(suffix.sub(" ", folded).split()) or None)


def test_shingles_from_shared_words_equal_shingles_from_text():
    text = ("Gunmen attacked a convoy near the town on Tuesday, officials said. " * 80) + "Café ﬁnal."
    prep = prepare("A title", text)
    assert shingles(prep.doc, words_=prep.tokens) == shingles(prep.doc)
    assert words(prep.doc, 300) == list(prep.tokens[:300])
    long_words = "x" * 5000 + " " + "word " * 400         # the opening holds fewer than 300 words
    assert words(long_words, 300) == long_words.split()[:300]
    ix = NearDupIndex()
    ix.add("a", prep.doc, words=prep.tokens)
    assert ix.query(prep.doc + " ") == "a"


def test_rule_lookup_by_id_and_rule_ids_cover_disabled_rules(tmp_path):
    d = tmp_path / "rules"
    d.mkdir()
    copy_catalogues(d)
    (d / "r.yaml").write_text("rules:\n"
                              "  - id: a\n    title: A\n    keywords_any: [ambush]\n"
                              "  - id: b\n    title: B\n    enabled: false\n    keywords_any: [convoy]\n")
    book = Rulebook.load(d)
    assert book.rule("a").title == "A" and book.rule("b").title == "B" and book.rule("zz") is None
    assert book.rule_ids == frozenset({"a", "b"})


def _statements(store: Store) -> list[str]:
    seen: list[str] = []
    store.db.conn.set_trace_callback(seen.append)
    return seen


def test_unchanged_incident_group_rows_are_not_rewritten(tmp_path):
    catalog = load_groups(ROOT / "rules" / "groups.yaml")
    store = Store(tmp_path / "s.db")
    facts = Facts(kind="attack", groups=(GroupMention("iskp", "ISKP", "perpetrator"),), country="AF")
    item = Item("k1", "f", None, "Blast in Kabul", "Blast.", NOW, "F")
    filed = file_item(store, item, facts, at=NOW, catalog=catalog)
    rows = store.db.execute("SELECT group_id, last_at FROM incident_groups ORDER BY group_id").fetchall()
    assert [g for g, _ in rows] == sorted(catalog.family("iskp"))
    # a second report of the same time: same families, same last_at -> no incident_groups write
    seen = _statements(store)
    again = Item("k2", "f", None, "Blast in Kabul kills", "Blast.", NOW, "G")
    second = file_item(store, again, facts, at=NOW, catalog=catalog)
    assert second.incident.id == filed.incident.id
    assert not [s for s in seen if "incident_groups" in s and s.lstrip().upper().startswith("INSERT")]
    # a later report moves last_at: every family row follows
    seen.clear()
    later = Item("k3", "f", None, "Blast in Kabul toll", "Blast.", NOW + timedelta(hours=2), "H")
    file_item(store, later, facts, at=NOW, catalog=catalog)
    assert any("incident_groups" in s for s in seen)
    assert {last for _, last in store.db.execute("SELECT group_id, last_at FROM incident_groups")} == {
        iso(NOW + timedelta(hours=2))}
    assert not [s for s in seen if "SAVEPOINT" in s]      # no sqlite-utils query() on this path
    store.close()


def _rss(guid: str, title: str, text: str) -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><guid>{guid}</guid>'
            f"<title>{title}</title><link>https://news.example/{guid}</link><pubDate>{format_datetime(NOW)}"
            f"</pubDate><description>{text}</description></item></channel></rss>").encode()


async def test_sender_wakes_when_the_cycle_commits_not_on_its_timer(tmp_path, feed_server, botapi):
    """The outbox job's timer is an hour here: only the commit hook can deliver the alert."""
    d = tmp_path / "rules"
    d.mkdir()
    copy_catalogues(d)
    (d / "r.yaml").write_text("rules:\n  - id: ambush\n    title: Ambushes\n    keywords_any: [ambush]\n")
    feed_server.set("/a.xml", _rss("1", "Ambush on a convoy", "Gunmen staged an ambush on a convoy."))
    config = Config(feeds=[FeedConfig(url=feed_server.url("/a.xml"), name="A", allow_private=True)], rules_dir=d,
                    state_dir=tmp_path / "state", alert_backlog=True)
    store = Store(config.db_path)
    store.ensure_chat(42, at=iso(NOW), type="private")
    store.subscribe(42, "ambush", at=iso(NOW))
    app = build_application(TOKEN, base_url=botapi.base_url, store=store, rules_provider=StaticRules([]),
                            drain_interval=3600)
    botapi.limits.per_chat_per_second = 0
    async with app, Fetcher() as fetcher:
        sender = get_sender(app)
        rt = Runtime(config=config, store=store, book=Rulebook.load(d), fetcher=fetcher, now=lambda: NOW,
                     on_commit=sender.wake)
        report = await poll_cycle(rt)
        assert report.queued == 1
        sent = await botapi.wait_sent(42, 1)
        assert "Ambush on a convoy" in sent[0]["text"]
        await sender.stop()
    store.close()


def test_candidate_states_are_decoded_once_and_afresh_when_the_row_changes(tmp_path):
    catalog = load_groups(ROOT / "rules" / "groups.yaml")
    store = Store(tmp_path / "s.db")
    facts = Facts(kind="attack", groups=(GroupMention("iskp", "ISKP", "perpetrator"),), country="AF", killed=3)
    first = file_item(store, Item("k1", "f", None, "Blast in Kabul", "Blast.", NOW, "F"), facts,
                                     at=NOW, catalog=catalog)
    a = candidates(store, at=NOW, country="AF")
    b = candidates(store, at=NOW, country="AF")
    assert [s.id for s in a] == [first.incident.id] and a[0] is b[0]          # unchanged row: same object
    more = Facts(kind="attack", groups=facts.groups, country="AF", killed=9)
    file_item(store, Item("k2", "f", None, "Blast in Kabul kills 9", "Blast.", NOW, "G"), more,
                             at=NOW, catalog=catalog)
    c = candidates(store, at=NOW, country="AF")
    assert c[0].killed.value == 9 and c[0].items == 2                          # changed row: decoded again
    store.close()


def test_nearest_gap_by_bisection_equals_the_minimum_over_all_times():
    import random
    rnd = random.Random(4)
    for _ in range(300):
        times = tuple(sorted(NOW + timedelta(minutes=rnd.randrange(-5000, 5000)) for _ in range(rnd.randrange(0, 9))))
        state = IncidentState(id=1, kind="attack", first_at=NOW, last_at=NOW, times=times)
        at = NOW + timedelta(minutes=rnd.randrange(-6000, 6000))
        want = min((_hours(at, t) for t in times), default=_hours(at, NOW))
        assert _nearest_gap(at, state) == want


def test_tokens_with_many_distinct_symbols_take_the_per_token_path_and_agree():
    from bot.fold import fold, tokens
    text = " ".join(f"w{i}{chr(0x2190 + i)}x{i}" for i in range(200)) + " café ß"   # 200 distinct arrows
    want = re.findall(r"[^\W_]+", fold(text))
    assert tokens(fold(text)) == want


@pytest.mark.parametrize("text", TRICKY)
def test_case_fold_of_rule_phrases_and_text_is_str_casefold(text):
    from bot.fold import casefold
    assert fold(text, nfkd=False) == casefold(text) == text.casefold()


def test_case_fold_is_str_casefold_on_every_character():
    # each character folds on its own: the few distinct ones of a text are folded one replace each
    from bot.fold import casefold
    chars = [chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000]
    for k in range(0, len(chars), 12):
        text = "Ab \u03a3 " + "".join(chars[k:k + 12]) + " İß \u03a3AΣ."
        assert casefold(text) == text.casefold(), repr(text)


def test_cached_rule_alert_state_follows_writes_and_rollbacks(tmp_path):
    store = Store(tmp_path / "s.db")
    facts = Facts(kind="attack", country="AF", killed=3)
    filed = file_item(store, Item("k1", "f", None, "Blast in Kabul", "Blast.", NOW, "F"), facts,
                                     at=NOW)
    iid, at = filed.incident.id, iso(NOW)
    assert store.rule_alert_states(iid) == {}
    alert = Notification("alert", "r1", iid, killed=3, perpetrators=("isil",))
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.record_notification(alert, incident_id=iid, alert_id=None, item_key="k1", at=at)
            assert "r1" in store.rule_alert_states(iid)
            raise RuntimeError("roll back")
    assert store.rule_alert_states(iid) == {}                              # the rolled-back row is gone
    store.record_notification(alert, incident_id=iid, alert_id=None, item_key="k1", at=at)
    store.record_notification(Notification("alert", "r0", iid, killed=3), incident_id=iid, alert_id=None,
                              item_key="k1", at=at)
    store.record_notification(Notification("update", "r1", iid, killed=9, perpetrators=("isil", "iskp")),
                              incident_id=iid, alert_id=None, item_key="k2", at=iso(NOW + timedelta(hours=1)))
    cached = store.rule_alert_states(iid)
    assert cached == store._load_rule_alert_states(iid)
    assert list(cached) == list(store._load_rule_alert_states(iid)) == ["r0", "r1"]   # (alerted_at, rule_id)
    assert cached["r1"].killed == 9 and cached["r1"].updates == 1
    store.close()


def _one_odd_character(extra: str):
    """ "A", one character (Latin-1 to CJK, then a sample of the rest, no surrogates), "b", ``extra``."""
    for cp in list(range(0x80, 0x3000)) + list(range(0xa000, 0x30000, 13)):
        if not 0xd800 <= cp < 0xe000:
            yield hex(cp), "A" + chr(cp) + "b" + extra


@pytest.mark.parametrize("extra", ["", "\u0301", "ΣA", "É", "ß"])
def test_fold_one_character_at_a_time_equals_nfkd_then_casefold(extra):
    from bot.fold import fold
    for cp, s in _one_odd_character(extra):
        assert fold(s) == unicodedata.normalize("NFKD", s).casefold(), cp


def _is_mark(c: str) -> bool:
    return any(lo <= ord(c) <= hi for lo, hi in ((0x300, 0x36f), (0x1ab0, 0x1aff), (0x1dc0, 0x1dff), (0x20d0, 0x20ff),
                                                 (0xfe20, 0xfe2f)))


@pytest.mark.parametrize("extra", ["", "\u0301", "\u2019s", "É", "ß"])
def test_fold_strip_marks_drops_accents_and_reads_curly_apostrophes_as_straight(extra):
    from bot.fold import fold
    for cp, s in _one_odd_character(extra):
        want = "".join(c for c in unicodedata.normalize("NFKD", s).casefold() if not _is_mark(c))
        assert fold(s, strip_marks=True) == want.replace("\u2019", "'"), cp
    assert fold("Bandiágara\u2019s", strip_marks=True) == "bandiagara's"


def test_an_item_with_a_country_finds_countryless_incidents_of_its_group_family_only(tmp_path):
    catalog = load_groups(ROOT / "rules" / "groups.yaml")
    store = Store(tmp_path / "s.db")
    iskp = (GroupMention("iskp", "ISKP", "perpetrator"),)
    no_country = file_item(store, Item("k1", "f", None, "ISKP claims attack", "x", NOW, "F"),
                                          Facts(kind="attack", groups=iskp), at=NOW, catalog=catalog).incident
    other_country = file_item(store, Item("k2", "f", None, "Blast in Iraq", "x", NOW, "F"),
                                             Facts(kind="attack", groups=iskp, country="IQ"), at=NOW,
                                             catalog=catalog).incident
    fams = set(catalog.family("iskp"))
    got = candidates(store, at=NOW, country="AF", families=fams)
    assert [s.id for s in got] == [no_country.id]
    assert {s.id for s in candidates(store, at=NOW, country=None, families=fams)} == {
        no_country.id, other_country.id}
    assert candidates(store, at=NOW + timedelta(days=5), country="AF", families=fams) == []
    store.close()


def test_a_saved_incident_is_kept_decoded_as_a_read_would_decode_it(tmp_path):
    """The state file_item saves is the candidates' next decoded state, without reading the row back;
    it equals what a fresh store decodes from the row (times cut to the stored whole seconds too)."""
    catalog = load_groups(ROOT / "rules" / "groups.yaml")
    store = Store(tmp_path / "s.db")
    facts = Facts(kind="attack", groups=(GroupMention("iskp", "ISKP", "perpetrator"),), country="AF", killed=3)
    file_item(store, Item("k1", "f", None, "Blast in Kabul", "Blast.", NOW, "F"), facts, at=NOW, catalog=catalog)
    candidates(store, at=NOW, country="AF")                   # the window's states decoded once
    later = NOW + timedelta(minutes=5, microseconds=123456)   # an item without a time: the cycle's now
    more = Facts(kind="attack", groups=facts.groups, country="AF", killed=9)
    file_item(store, Item("k2", "f", None, "Blast in Kabul kills 9", "Blast.", None, "G"), more,
              at=later, catalog=catalog)
    reads: list[str] = []
    store.db.conn.set_trace_callback(reads.append)
    got = candidates(store, at=NOW, country="AF")
    store.db.conn.set_trace_callback(None)
    assert not [r for r in reads if r.startswith("SELECT id, state")]        # not read back
    fresh = Store(tmp_path / "s.db")
    assert got == candidates(fresh, at=NOW, country="AF") and got[0].killed.value == 9 and got[0].items == 2
    assert got[0].last_at == later.replace(microsecond=0)
    fresh.close()
    store.close()
