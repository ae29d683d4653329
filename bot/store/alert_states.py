"""Per-(incident, rule) alert state in SQLite: what each rule's subscribers were last told about an
incident, and the writes of one item's notifications (alerts rows, that state, the incident's history,
the outbox), which make "one incident, one alert" survive restarts.

Persistence only, like :mod:`bot.store.incidents` (whose cache limit it shares): the decisions are
:func:`bot.incidents.decide_updates`'s, run by :mod:`bot.pipeline.filing`.
"""
from __future__ import annotations

import json
from dataclasses import replace
from typing import Iterable, Sequence

from ..models import Notification, RuleAlertState
from .._json import dumps, dumps_unicode
from .incidents import STATE_CACHE_MAX

_NEW_ALERT_STATE = (
    "INSERT INTO incident_alerts(incident_id, rule_id, alert_id, item_key, alerted_at, notified_killed, "
    "notified_wounded, notified_perpetrators, last_alert_id, last_notified_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(incident_id, rule_id) DO NOTHING")
_UPDATE_ALERT_STATE = (
    "UPDATE incident_alerts SET notified_killed = ?, notified_wounded = ?, notified_perpetrators = ?, "
    "updates = updates + 1, last_alert_id = ?, last_notified_at = ? WHERE incident_id = ? AND rule_id = ?")
_NOTIFICATION_EVENT = (
    "INSERT INTO incident_events(incident_id, at, item_key, type, field, old, new, source, note, rule_id, "
    "alert_id) VALUES (?, ?, ?, ?, NULL, NULL, ?, '', ?, ?, ?)")


class AlertStatesMixin:
    def rule_alert_states(self, incident_id: int) -> dict[str, RuleAlertState]:
        """What each rule's subscribers were last told about the incident, in (alerted_at, rule_id) order.

        Kept in memory per incident (written through by :meth:`record_notification`) and checked
        against the table by one aggregate (row count, sum of ``updates``), so a rolled-back write
        or another process's is seen: every change to these rows moves one of the two."""
        mark = tuple(self.db.conn.execute(
            "SELECT count(*), total(updates) FROM incident_alerts WHERE incident_id = ?", [incident_id]).fetchone())
        cache: dict[int, list] = self.__dict__.setdefault("_alert_cache", {})
        hit = cache.get(incident_id)
        if hit is not None and hit[0] == mark:
            if hit[2] is None:      # in order again only after a change (a third of the entry)
                hit[2] = dict(sorted(hit[1].items(), key=lambda kv: (kv[1].alerted_at, kv[0])))
            return dict(hit[2])
        out = self._load_rule_alert_states(incident_id)
        if len(cache) >= STATE_CACHE_MAX:
            cache.clear()
        cache[incident_id] = [mark, dict(out), dict(out)]
        return out

    def _load_rule_alert_states(self, incident_id: int) -> dict[str, RuleAlertState]:
        out = {}
        told: dict[str, tuple[str, ...]] = {}     # the same perpetrators JSON is decoded once
        # the raw connection: sqlite-utils' query() wraps each SELECT in a SAVEPOINT
        for rule_id, alert_id, item_key, alerted_at, killed, wounded, perps, updates in self.db.conn.execute(
                "SELECT rule_id, alert_id, item_key, alerted_at, notified_killed, notified_wounded, "
                "notified_perpetrators, updates FROM incident_alerts WHERE incident_id = ? "
                "ORDER BY alerted_at, rule_id", [incident_id]):
            p = told.get(perps)
            if p is None:
                p = told[perps] = tuple(json.loads(perps))
            out[rule_id] = RuleAlertState(rule_id, alert_id, item_key, alerted_at, killed, wounded, p, updates)
        return out

    def record_notification(self, n: Notification, *, incident_id: int, alert_id: int | None, item_key: str,
                            at: str) -> None:
        """Remember what ``n``'s rule subscribers now know, and put it in the incident's history."""
        n = n if n.incident_id == incident_id else replace(n, incident_id=incident_id)
        self._record_notifications([(n, alert_id)], item_key=item_key, at=at)

    def _record_notifications(self, done: Sequence[tuple[Notification, int | None]], *, item_key: str,
                              at: str) -> None:
        """:meth:`record_notification` for ``(notification, alert id)`` pairs of one item: the alert
        states in one statement per type, the history rows in one."""
        conn = self.db.conn
        perps: dict[tuple, str] = {}       # each distinct perpetrators tuple encoded once
        for kind, sql in (("alert", _NEW_ALERT_STATE), ("update", _UPDATE_ALERT_STATE)):
            args = [(n, a, perps.get(n.perpetrators) or perps.setdefault(n.perpetrators, dumps(
                list(n.perpetrators)))) for n, a in done if n.type == kind]
            if not args:
                continue
            cur = conn.executemany(sql, [
                (n.incident_id, n.rule_id, a, item_key, at, n.killed, n.wounded, pj, a, at) if kind == "alert"
                else (n.killed, n.wounded, pj, a, at, n.incident_id, n.rule_id) for n, a, pj in args])
            wrote_all = cur.rowcount == len(args)    # each statement writes at most one row
            for n, a, _ in args:     # all did: write them through to the cache; else drop the cached state
                if wrote_all:
                    self._remember_notification(n, n.incident_id, a, item_key, at)
                else:
                    getattr(self, "_alert_cache", {}).pop(n.incident_id, None)
        conn.executemany(_NOTIFICATION_EVENT, [
            (n.incident_id, at, item_key, n.type, dumps(list(n.changes)) if n.changes else "[]",
             "; ".join(n.reasons), n.rule_id, a) for n, a in done])

    def _remember_notification(self, n: Notification, incident_id: int, alert_id: int | None, item_key: str,
                               at: str) -> None:
        """Write the change through to the cached alert state (see :meth:`rule_alert_states`)."""
        hit = getattr(self, "_alert_cache", {}).get(incident_id)
        if hit is None:
            return
        (count, total), states, ordered = hit
        perps = tuple(n.perpetrators)
        if n.type == "alert":
            states[n.rule_id] = RuleAlertState(n.rule_id, alert_id, item_key, at, n.killed, n.wounded, perps, 0)
            hit[0], hit[2] = (count + 1, total), None     # a new row: sorted again when next asked
        elif n.rule_id in states:
            st = states[n.rule_id]
            states[n.rule_id] = new = RuleAlertState(   # not replace(): twice the cost
                st.rule_id, st.alert_id, st.item_key, st.alerted_at, n.killed, n.wounded, perps, st.updates + 1)
            hit[0] = (count, total + 1)
            if ordered is not None:     # an update keeps the row's place (alerted_at, rule_id)
                ordered[n.rule_id] = new
        else:
            self._alert_cache.pop(incident_id, None)

    def first_alert_messages(self, alert_ids: Iterable[int]) -> dict[int, dict[int, int]]:
        """Alert id -> (chat id -> outbox row of that first alert): what updates reply to, in one read."""
        out: dict[int, dict[int, int]] = {a: {} for a in alert_ids}
        for chunk in (sorted(out)[k:k + 500] for k in range(0, len(out), 500)):
            for a, chat, row in self.db.conn.execute(
                    f"SELECT alert_id, chat_id, min(id) FROM outbox WHERE alert_id IN ({','.join('?' * len(chunk))}) "
                    "GROUP BY alert_id, chat_id", chunk):
                out[a][chat] = row
        return out

    def deliver_notification(self, n: Notification, payload: dict, *, item_key: str, at: str) -> tuple[int | None, int]:
        """Record ``n`` (alerts row, incident alert state, history) and queue it for the rule's
        subscribers. Returns ``(alert_id, rows queued)``; ``alert_id`` is None if already recorded."""
        return self.deliver_notifications([(n, payload)], item_key=item_key, at=at)[0]

    def deliver_notifications(self, batch: Sequence[tuple[Notification, dict]], *, item_key: str,
                              at: str, blobs: Sequence[str] | None = None) -> list[tuple[int | None, int]]:
        """:meth:`deliver_notification` for all of one item's notifications, in order, with the same rows
        written: each table in one or a few statements, each payload encoded to JSON once (``blobs``: if
        the caller has it, as :meth:`bot.notify.payload.IncidentPayloads.encoded` gives it)."""
        blobs = [dumps_unicode(p) for _, p in batch] if blobs is None else blobs
        if len(blobs) != len(batch):
            raise ValueError(f"{len(blobs)} payload JSON texts for {len(batch)} notifications")
        ids = self.add_alerts(item_key=item_key, at=at, payloads=[(n.rule_id, b) for (n, _), b in zip(batch, blobs)])
        done = [(n, ids[n.rule_id], b) for (n, _), b in zip(batch, blobs) if n.rule_id in ids]
        self._record_notifications([(n, a) for n, a, _ in done], item_key=item_key, at=at)
        claimed: dict[int | None, set[int]] = {}
        fan = []
        replies = self.first_alert_messages({n.reply_to_alert for n, _, _ in done if n.type != "alert"} - {None})
        for n, a, blob in done:
            if n.type == "alert":   # a chat a proximity subscription alerted already is not alerted again
                if n.incident_id not in claimed:
                    claimed[n.incident_id] = self.near_claimed(f"incident:{n.incident_id}")
                fan.append((a, n.rule_id, blob, "alert", {}, claimed[n.incident_id]))
            else:
                fan.append((a, n.rule_id, blob, "update", dict(replies.get(n.reply_to_alert, {})), frozenset()))
        queued = dict(zip((n.rule_id for n, _, _ in done), self.fan_out_many(fan, at=at)))
        return [(ids[n.rule_id], queued[n.rule_id]) if n.rule_id in ids else (None, 0) for n, _ in batch]
