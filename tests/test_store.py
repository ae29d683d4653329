import sqlite3

import pytest

from bot.errors import StoreError
from bot.store import Store
from bot.store._schema import MIGRATIONS


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "state" / "newsbot.db")
    yield s
    s.close()


def test_file_database_uses_wal_and_migrates_once(tmp_path):
    path = tmp_path / "n.db"
    s = Store(path)
    assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert s.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    s.ensure_feed("https://x/feed", "x", at="2024-01-01T00:00:00+00:00")
    s.close()
    again = Store(path)  # re-opening applies nothing twice and keeps the data
    assert again.feed("https://x/feed").name == "x"
    assert again.integrity_ok()
    again.close()


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "n.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this newsbot"):
        Store(path)


def test_unopenable_database_is_a_store_error(tmp_path):
    bad = tmp_path / "garbage.db"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open state database"):
        Store(bad)


def test_fetch_state_keeps_validators_on_304(store):
    store.ensure_feed("u", "n", at="t0")
    store.record_fetch_ok("u", at="t1", status=200, etag='"e1"', last_modified="lm1", not_modified=False)
    store.record_fetch_ok("u", at="t2", status=304, etag=None, last_modified=None, not_modified=True)
    f = store.feed("u")
    assert (f.etag, f.last_modified, f.last_status, f.polled_once) == ('"e1"', "lm1", 304, True)


def test_errors_count_and_mark_broken(store):
    store.ensure_feed("u", "n", at="t0")
    for i in range(3):
        f = store.record_fetch_error("u", at=f"t{i}", status=500, error="HTTP 500", kind="http", broken_after=3)
    assert f.consecutive_failures == 3 and f.broken and f.error_count == 3
    store.record_fetch_ok("u", at="t9", status=200, etag=None, last_modified=None, not_modified=False)
    f = store.feed("u")
    assert not f.broken and f.consecutive_failures == 0 and f.error_count == 3


def test_stored_by_key_url_or_content(store):
    store.add_item(key="k1", feed="a", url="https://x/1", title="T", published=None, first_seen="t",
                   content_hash="h1", facts={}, alerted=True)
    # dedupe's question for a whole feed: which keys, URLs and content hashes are stored
    assert store.known_keys(["k1", "other"]) == {"k1"}
    assert store.stored_among(["https://x/1", None, "https://x/2"], ["h2", "h1", "zz"]) == ({"https://x/1"}, {"h1"})
    assert store.stored_among([None], []) == (set(), set())


def test_one_alert_per_rule_and_item_and_fan_out(store):
    for chat in (1, 2, 3):
        store.ensure_chat(chat, at="t")
    store.subscribe(1, "r", at="t")
    store.subscribe(2, "r", at="t")
    store.subscribe(3, "other", at="t")
    store.set_digest(2, "daily")
    aid = store.add_alert(rule_id="r", item_key="k", at="t", payload={"title": "x"})
    assert store.add_alert(rule_id="r", item_key="k", at="t", payload={}) is None
    assert store.fan_out(alert_id=aid, rule_id="r", payload={"title": "x"}, at="t") == 2
    assert [r.chat_id for r in store.next_pending(1)] == [1]
    assert store.next_pending(2) == [] and len(store.held_rows(2)) == 1   # digest: kept, not dropped
    assert store.next_pending(3) == []


def test_transaction_rolls_back_everything(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.add_item(key="k", feed="a", url=None, title="T", published=None, first_seen="t",
                           content_hash="h", facts={}, alerted=True)
            store.add_alert(rule_id="r", item_key="k", at="t", payload={})
            raise RuntimeError("crash mid-cycle")
    assert store.item_count() == 0 and store.alerts() == []


def test_outbox_lifecycle(store):
    store.ensure_chat(5, at="t")
    a = store.enqueue(chat_id=5, payload={"n": 1}, at="t")
    b = store.enqueue(chat_id=5, payload={"n": 2}, at="t")
    assert [r.id for r in store.next_pending(5)] == [a, b]
    store.defer(a, until="2099-01-01T00:00:00+00:00", error="HTTP 502")
    assert store.due_chats("2024-01-01T00:00:00+00:00") == []   # head-of-line: a backing-off head holds b
    store.mark_sent(b, at="t", message_id=77)
    store.mark_failed(a, reason="Bad Request: can't parse entities")
    assert store.outbox_row(a).status == "failed" and store.outbox_row(b).message_id == 77
    assert store.outbox_depth() == 0


def test_chat_migration_moves_subscriptions_and_queue(store):
    store.ensure_chat(-1, at="t", type="group")
    store.subscribe(-1, "r", at="t")
    row = store.enqueue(chat_id=-1, payload={}, at="t")
    store.migrate_chat(-1, -100, at="t")
    assert store.subscribers("r") == [-100]
    assert store.outbox_row(row).chat_id == -100
    assert not store.chat(-1).active


def test_unsubscribe_all_and_deactivate(store):
    store.ensure_chat(1, at="t")
    store.subscribe(1, "a", at="t")
    store.subscribe(1, "b", at="t")
    store.deactivate_chat(1, "Forbidden: bot was blocked by the user")
    assert store.subscribers("a") == []
    assert store.unsubscribe(1, None) == 2


def test_console_rows_are_not_due_for_telegram(store):
    store.ensure_chat(0, at="t", type="console")
    store.ensure_chat(42, at="t")
    store.enqueue(chat_id=0, payload={}, at="t")
    store.enqueue(chat_id=42, payload={}, at="t")
    assert store.due_chats("2030-01-01T00:00:00+00:00") == [42]


def test_the_store_is_persistence_only_it_imports_no_incident_rule_or_extraction_code():
    import ast
    from pathlib import Path

    pkg = Path(__file__).resolve().parents[1] / "bot" / "store"
    bad = []
    for path in sorted(pkg.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):     # relative: from . (bot.store) or .. (bot)
                base = ["bot", "store"][:3 - node.level] if node.level else []
                names = [".".join(base + [node.module or ""])]
            else:
                continue
            bad += [f"{path.name}: {n}" for n in names
                    if n.split(".")[:2] in (["bot", "incidents"], ["bot", "rulebook"], ["bot", "extract"])]
    assert bad == []
