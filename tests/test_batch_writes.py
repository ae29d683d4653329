"""The cycle writes an item's notifications in a few statements (issue 14): the rows must be the ones
the one-at-a-time path writes, in the same order, on real SQLite files; and the shared parts of
an incident's payloads must give each rule's payload exactly what building it alone gives."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from bot.incidents import IncidentState, Notification, Source, fuse
from bot.models import Casualty, Facts, GroupMention, Item
from bot.notify.payload import IncidentPayloads, incident_payload
from bot.pipeline.filing import save_incident
from bot.store import Store, iso

AT = "2024-05-01T12:00:00+00:00"
LATER = "2024-05-01T15:00:00+00:00"
RULES = [f"r{i}" for i in range(7)]
TABLES = {
    "alerts": "SELECT id, rule_id, item_key, created_at, payload FROM alerts ORDER BY id",
    "matches": "SELECT rowid, rule_id, item_key, created_at, reasons FROM matches ORDER BY rowid",
    "incident_alerts": "SELECT * FROM incident_alerts ORDER BY incident_id, rule_id",
    "incident_events": "SELECT * FROM incident_events ORDER BY id",
    "outbox": ("SELECT id, chat_id, alert_id, rule_id, kind, payload, created_at, status, reply_to "
               "FROM outbox ORDER BY id"),
}


def _store(path) -> Store:
    s = Store(path)
    for chat in (1, 2, 3, 4, 5):
        s.ensure_chat(chat, at=AT)
    s.set_digest(2, "daily")                       # held
    for chat in (1, 2, 3, 4, 5):
        for rule in RULES[chat % 3:]:
            s.subscribe(chat, rule, at=AT)
    s.set_rule_mute(3, "r4", "2099-01-01T00:00:00+00:00")   # held for r4 only
    s.set_chat_mute(4, "2000-01-01T00:00:00+00:00")          # a mute that ended: pending
    s.deactivate_chat(5, "blocked")                          # not queued
    return s


def _incident(s: Store) -> IncidentState:
    it = Item("k0", "feed", "https://example.org/0", "Gunmen kill 12 in Beni", "text",
              datetime(2024, 5, 1, 11, tzinfo=timezone.utc), "Src")
    f = Facts(kind="attack", groups=(GroupMention("adf", "ADF", "perpetrator"),), country="CD", killed=12,
              casualties=(Casualty("killed", 12, "at least", text="12 killed"),))
    state, _ = fuse(None, f, Source.of(it))
    with s.transaction():
        state = save_incident(s, state, at=AT)
        s.claim_chat_event(f"incident:{state.id}", 4, via="near:1", at=AT)   # chat 4 had a proximity alert
    return state


def _notes(inc: int, kind: str, replies: dict[str, int] | None = None) -> list[Notification]:
    if kind == "alert":
        return [Notification("alert", r, inc, (), ("first time",), 12, None, ("adf",)) for r in RULES]
    return [Notification("update", r, inc, ({"field": "killed", "old": 12, "new": 20},), ("killed rose",), 20, 3,
                         ("adf",), replies[r]) for r in RULES[::2]]


def _payload(n: Notification) -> dict:
    return {"type": n.type, "rule": n.rule_id, "title": "Gunmen kill 12 in Beni — «ADF»", "killed": n.killed}


def _dump(s: Store) -> dict[str, list[tuple]]:
    return {t: [tuple(r) for r in s.db.conn.execute(q)] for t, q in TABLES.items()}


def test_deliver_notifications_writes_the_rows_one_at_a_time_writes(tmp_path):
    one, many = _store(tmp_path / "one.db"), _store(tmp_path / "many.db")
    inc_one, inc_many = _incident(one), _incident(many)
    assert inc_one.id == inc_many.id
    results = {}
    for s, batched in ((one, False), (many, True)):
        got = []
        for key, kind, at in (("k1", "alert", AT), ("k1", "alert", AT), ("k2", "update", LATER)):
            replies = {r: st.alert_id for r, st in s.rule_alert_states(inc_one.id).items()}
            notes = _notes(inc_one.id, kind, replies)
            with s.transaction():
                s.rule_alert_states(inc_one.id)          # the cycle reads the state first (and caches it)
                if batched:
                    s.add_matches(item_key=key, at=at, matches=[(n.rule_id, ["why", "«x»"]) for n in notes])
                    got.append(s.deliver_notifications([(n, _payload(n)) for n in notes], item_key=key, at=at))
                else:
                    for n in notes:
                        s.add_match(rule_id=n.rule_id, item_key=key, at=at, reasons=["why", "«x»"])
                    got.append([s.deliver_notification(n, _payload(n), item_key=key, at=at) for n in notes])
        results[batched] = got
        # the cached alert states agree with the table
        cached = s.rule_alert_states(inc_one.id)
        s.forget_cached_incidents()
        assert list(cached.items()) == list(s.rule_alert_states(inc_one.id).items())    # in order too
    assert results[True] == results[False]
    assert results[True][1] == [(None, 0)] * len(RULES)        # the same item again: nothing new
    assert sum(q for _, q in results[True][0]) > 0
    d1, d2 = _dump(one), _dump(many)
    for table in TABLES:
        assert d1[table] == d2[table], table
    statuses = {(r[1], r[3], r[7]) for r in d2["outbox"]}
    assert (2, "r3", "held") in statuses and (3, "r4", "held") in statuses and (3, "r5", "pending") in statuses
    assert not any(r[1] == 5 for r in d2["outbox"])
    assert not any(r[1] == 4 and r[4] == "alert" for r in d2["outbox"])   # claimed by its proximity alert
    assert any(r[4] == "update" and r[8] is not None for r in d2["outbox"])
    one.close()
    many.close()


def _borno(url: str = "https://example.org/9", title: str = "Militants kill 30 in Borno") -> tuple[Item, IncidentState]:
    """An item and the incident (id 7) it opens: ISWAP kills 30, wounds 4 in Borno."""
    it = Item("k9", "feed", url, title, "text", datetime(2024, 5, 2, 8, tzinfo=timezone.utc), "Src")
    f = Facts(kind="attack", groups=(GroupMention("iswap", "ISWAP", "perpetrator"),
                                     GroupMention("boko-haram", "Boko Haram", "mentioned")),
              country="NG", province="Borno", killed=30, wounded=4,
              casualties=(Casualty("killed", 30, "at least", text="30 killed"),))
    state, _ = fuse(None, f, Source.of(it))
    return it, IncidentState(**{**state.__dict__, "id": 7})


def test_shared_incident_payloads_equal_payloads_built_alone():
    it, state = _borno()
    notes = [Notification("alert", "a", 7, (), ("first",), 30, 4, ("iswap",)),
             Notification("update", "b", 7, ({"field": "killed", "old": 10, "new": 30},), ("rose",), 30, 4,
                          ("iswap",), 3)]
    shared = IncidentPayloads(state, it, group_names={"iswap": "ISWAP"})
    made = [shared.payload(n, rule_title=f"T {n.rule_id}", severity="high",
                           reasons=("m",) if n.type == "alert" else ()) for n in notes]
    for n, p in zip(notes, made):
        alone = incident_payload(n, state, it, rule_title=f"T {n.rule_id}", severity="high",
                                 group_names={"iswap": "ISWAP"}, reasons=("m",) if n.type == "alert" else ())
        assert p == alone and list(p) == list(alone)      # same keys, same order, same values
    a, b = made
    a["groups"].append("x")
    a["perpetrator_confidence"]["x"] = 1.0
    a["group_names"]["x"] = "X"
    assert "x" not in b["groups"] and "x" not in b["perpetrator_confidence"] and "x" not in b["group_names"]
    assert iso(it.published) == "2024-05-02T08:00:00+00:00"


def test_updates_are_decided_per_told_state_not_per_rule():
    """decide_updates works an update out once per (figures, perpetrators) told: rules told different
    things still get their own answer, alert id and figures."""
    from bot.incidents import RuleAlertState, decide_updates
    it = Item("k1", "feed", None, "Militants kill 20 in Borno", "t", datetime(2024, 5, 2, 8, tzinfo=timezone.utc),
              "S")
    f = Facts(kind="attack", groups=(GroupMention("iswap", "ISWAP", "perpetrator"),), country="NG", killed=20,
              wounded=5, casualties=(Casualty("killed", 20, None, text="20 killed"),))
    new, _ = fuse(None, f, Source.of(it))
    before = {f"r{i}": RuleAlertState(f"r{i}", 100 + i, "k0", AT, killed, None, perps, 0)
              for i, (killed, perps) in enumerate([(10, ("iswap",)), (19, ("iswap",)), (10, ("iswap",)),
                                                   (19, ()), (20, ("iswap",))])}
    notes = {n.rule_id: n for n in decide_updates(None, new, before, [])}
    assert set(notes) == {"r0", "r2", "r3"}
    assert notes["r0"].changes == notes["r2"].changes and notes["r0"].reply_to_alert == 100
    assert notes["r2"].reply_to_alert == 102
    assert [c["field"] for c in notes["r3"].changes] == ["perpetrators", "wounded"]
    assert notes["r3"].reasons == ("newly named as perpetrator: iswap",)
    assert [c["field"] for c in notes["r0"].changes] == ["killed", "wounded"]


def test_encoded_payloads_are_json_dumps_of_the_payloads_byte_for_byte():
    """IncidentPayloads.encoded() encodes the keys every rule shares once, and only the per-rule keys
    per call: its text is json.dumps(payload, ensure_ascii=False), for alerts and updates alike, with
    non-ASCII text, for one coordinates mapping and when the caller gives another."""
    it, state = _borno("https://example.org/9?q=«x»", "Militants kill 30 in Borno — «ISWAP»")
    notes = [Notification("alert", "a", 7, (), ("first",), 30, 4, ("iswap",)),
             Notification("update", "b", 7, ({"field": "killed", "old": 10, "new": 30},), ("rose «x»",), 30, 4,
                          ("iswap",), 3),
             Notification("alert", "c", 7, (), ("first",), 30, 4, ("iswap",))]
    shared = IncidentPayloads(state, it, group_names={"iswap": "ISWAP ✓"})
    coords = {"lat": 11.8, "lon": 13.15, "precision": "province"}
    for extra in (coords, coords, {"lat": None, "lon": None, "precision": None}, None):
        for i, n in enumerate(notes):
            kw = dict(rule_title=f"T {n.rule_id} «{i}»", severity="high", reasons=("m", "ü") if i else ())
            p, blob = shared.encoded(n, extra=extra, **kw)
            alone = incident_payload(n, state, it, group_names={"iswap": "ISWAP ✓"}, **kw)
            alone.update(extra or {})
            assert p == alone and list(p) == list(alone)
            assert blob == json.dumps(alone, ensure_ascii=False)


def test_deliver_notifications_refuses_blobs_that_do_not_pair_with_the_batch(tmp_path):
    s = _store(tmp_path / "s.db")
    inc = _incident(s)
    notes = _notes(inc.id, "alert")
    with pytest.raises(ValueError, match="2 payload JSON texts for 7 notifications"):
        s.deliver_notifications([(n, _payload(n)) for n in notes], item_key="k1", at=AT, blobs=["{}", "{}"])
    s.close()
