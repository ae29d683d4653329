"""Retention pruning and rule-availability sync on a real SQLite file."""
from datetime import datetime, timezone

import pytest

from bot.config import parse_config
from bot.store import Store
from bot.store.maintenance import MaintenanceMixin, PruneReport, RuleSubscriptionChanges

OLD = "2025-01-01T00:00:00+00:00"
NEW = "2026-03-01T00:00:00+00:00"
CUT = "2026-01-01T00:00:00+00:00"


MStore = Store


@pytest.fixture
def store(tmp_path):
    s = MStore(tmp_path / "state" / "newsbot.db")
    yield s
    s.close()


def add_item(s, key, at, *, rule="r1"):
    s.add_item(key=key, feed="f", url=f"https://example.org/{key}", title=key, published=at, first_seen=at,
               content_hash=f"h-{key}", facts={}, alerted=True)
    s.add_match(rule_id=rule, item_key=key, at=at, reasons=["x"])
    return s.add_alert(rule_id=rule, item_key=key, at=at, payload={"item": key})


def count(s, table):
    return s.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_prune_removes_old_items_matches_alerts_and_finished_outbox(store):
    store.ensure_chat(1, at=OLD)
    old_sent = add_item(store, "old-sent", OLD)
    old_pending = add_item(store, "old-pending", OLD)
    new = add_item(store, "new", NEW)
    sent = store.enqueue(chat_id=1, payload={}, at=OLD, alert_id=old_sent)
    store.mark_sent(sent, at=OLD, message_id=10)
    waiting = store.enqueue(chat_id=1, payload={}, at=OLD, alert_id=old_pending)          # never sent yet
    held = store.enqueue(chat_id=1, payload={}, at=OLD, alert_id=old_pending, held=True)   # digest mode
    failed = store.enqueue(chat_id=1, payload={}, at=OLD)
    store.mark_failed(failed, reason="bad request")
    recent = store.enqueue(chat_id=1, payload={}, at=NEW, alert_id=new)
    store.mark_sent(recent, at=NEW, message_id=11)

    report = store.prune(items_before=CUT, outbox_before=CUT, batch=1)
    assert report == PruneReport(items=2, matches=2, alerts=1, outbox=2)
    assert [r[0] for r in store.db.execute("SELECT key FROM items")] == ["new"]
    assert [r[0] for r in store.db.execute("SELECT item_key FROM matches")] == ["new"]
    assert sorted(r[0] for r in store.db.execute("SELECT id FROM alerts")) == sorted([old_pending, new])
    assert sorted(r[0] for r in store.db.execute("SELECT id FROM outbox")) == sorted([waiting, held, recent])
    assert store.integrity_ok()

    # once the waiting rows are delivered and age out, their alert goes too
    store.mark_sent(waiting, at=OLD, message_id=12)
    store.release_held([held], status="summarised")
    assert store.prune(items_before=CUT, outbox_before=CUT) == PruneReport(alerts=1, outbox=2)
    assert count(store, "alerts") == 1 and count(store, "outbox") == 1


def test_prune_is_a_no_op_on_fresh_state(store):
    add_item(store, "new", NEW)
    assert store.prune(items_before=CUT, outbox_before=CUT) == PruneReport()
    assert str(PruneReport(1, 2, 3, 4)) == "items=1 matches=2 alerts=3 outbox=4"


def test_items_of_an_active_incident_are_kept(store):
    add_item(store, "in-open-incident", OLD)
    add_item(store, "in-closed-incident", OLD)
    alert_id = add_item(store, "first-alert", OLD)
    db = store.db
    for iid, last_at in ((1, NEW), (2, OLD)):
        db.execute("INSERT INTO incidents(id, kind, first_at, last_at, created_at, updated_at, state) "
                   "VALUES (?, 'attack', ?, ?, ?, ?, '{}')", [iid, OLD, last_at, OLD, OLD])
    db.execute("INSERT INTO incident_items(item_key, incident_id, joined_at) VALUES ('in-open-incident', 1, ?)", [OLD])
    db.execute("INSERT INTO incident_items(item_key, incident_id, joined_at) VALUES ('in-closed-incident', 2, ?)", [OLD])
    db.execute("INSERT INTO incident_alerts(incident_id, rule_id, alert_id, item_key, alerted_at, last_notified_at) "
               "VALUES (1, 'r1', ?, 'first-alert', ?, ?)", [alert_id, OLD, OLD])
    report = store.prune(items_before=CUT, outbox_before=CUT)
    assert [r[0] for r in db.execute("SELECT key FROM items")] == ["in-open-incident"]
    assert [r[0] for r in db.execute("SELECT id FROM alerts")] == [alert_id]   # updates reply to it
    assert report.items == 2


def test_prune_with_retention_settings(store):
    cfg = parse_config("retention: {items_days: 30, outbox_days: 7}\n", env={})
    items_before, outbox_before = cfg.retention.cutoffs(datetime(2026, 3, 10, tzinfo=timezone.utc))
    add_item(store, "feb", "2026-02-01T00:00:00+00:00")
    add_item(store, "mar", "2026-03-05T00:00:00+00:00")
    assert store.prune(items_before=items_before, outbox_before=outbox_before).items == 1
    assert [r[0] for r in store.db.execute("SELECT key FROM items")] == ["mar"]


def test_removed_rule_parks_subscriptions_once_and_revives_them(store):
    for chat in (1, 2):
        store.ensure_chat(chat, at=OLD)
        store.subscribe(chat, "keep", at=OLD)
        store.subscribe(chat, "gone", at=OLD)
    changes = store.sync_rule_subscriptions(["keep", "other"])
    assert changes == RuleSubscriptionChanges(suspended=((1, "gone"), (2, "gone")), resumed=())
    assert store.subscribers("gone") == [] and store.subscribers("keep") == [1, 2]
    assert [s["rule_id"] for s in store.subscriptions(1)] == ["gone", "keep"]   # kept, inactive
    assert store.sync_rule_subscriptions(["keep"]) == RuleSubscriptionChanges((), ())   # told once
    back = store.sync_rule_subscriptions(["keep", "gone"])
    assert back.resumed == ((1, "gone"), (2, "gone")) and store.subscribers("gone") == [1, 2]


def test_health_helpers(store):
    assert store.last_successful_poll() is None and store.broken_feed_count() == 0
    store.ensure_feed("https://a.example/rss", "A", at=OLD)
    store.ensure_feed("https://b.example/rss", "B", at=OLD)
    store.record_fetch_ok("https://a.example/rss", at=NEW, status=200, etag=None, last_modified=None,
                          not_modified=False)
    store.record_fetch_error("https://b.example/rss", at=NEW, status=500, error="HTTP 500", kind="http",
                             broken_after=1)
    assert store.last_successful_poll() == NEW and store.broken_feed_count() == 1


def test_retention_indexes_exist(store):
    names = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"matches_item", "alerts_created", "outbox_alert", "outbox_created", "items_first_seen"} <= names
    plan = " ".join(r[3] for r in store.db.execute(
        "EXPLAIN QUERY PLAN DELETE FROM matches WHERE item_key IN (SELECT value FROM json_each('[]'))"))
    assert "matches_item" in plan
