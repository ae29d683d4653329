"""Keeping the database bounded, and rule availability for subscriptions.

:meth:`MaintenanceMixin.prune` deletes, in small transactions so polling is
never blocked for long:

* items first seen before ``items_before``, with their matches — except items of
  an incident still active at the cutoff (the incidents issue folds them; closed
  incidents are pruned by ``prune_incidents`` in ``bot.store.incidents``);
* alerts created before ``items_before`` that no waiting outbox row and no
  incident alert state refers to (updates reply to an incident's first alert);
* outbox rows that are finished (sent, failed, summarised) and were created
  before ``outbox_before``; pending and held rows are never pruned.

Freed pages are reused by SQLite, so the file stops growing once the
retention window is full (it does not shrink without VACUUM).

:meth:`MaintenanceMixin.sync_rule_subscriptions` parks subscriptions of rules
that no longer exist (``active = 0``) and revives them when the rule returns;
it returns only the transitions, so each subscriber is told once.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable, Iterable

_DONE = ("sent", "failed", "summarised")


@dataclass(frozen=True, slots=True)
class PruneReport:
    items: int = 0
    matches: int = 0
    alerts: int = 0
    outbox: int = 0

    def __str__(self) -> str:
        return f"items={self.items} matches={self.matches} alerts={self.alerts} outbox={self.outbox}"


@dataclass(frozen=True, slots=True)
class RuleSubscriptionChanges:
    suspended: tuple[tuple[int, str], ...]   # (chat_id, rule_id) parked because the rule is gone
    resumed: tuple[tuple[int, str], ...]     # (chat_id, rule_id) active again because the rule returned


class MaintenanceMixin:
    def _has_table(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                               [name]).fetchone() is not None

    def prune(self, *, items_before: str, outbox_before: str, batch: int = 5000) -> PruneReport:
        """Delete state older than the cutoffs (ISO-8601 UTC strings); see the module docstring."""
        keep_incident_items = self._has_table("incident_items") and self._has_table("incidents")
        protect = ("AND NOT EXISTS (SELECT 1 FROM incident_items ii JOIN incidents n ON n.id = ii.incident_id "
                   "WHERE ii.item_key = items.key AND n.last_at >= :cut) ") if keep_incident_items else ""

        def items_batch() -> tuple[int, int, int]:
            keys = [r[0] for r in self.db.execute(
                f"SELECT key FROM items WHERE first_seen < :cut {protect}ORDER BY first_seen LIMIT :n",
                {"cut": items_before, "n": batch})]
            if not keys:
                return 0, 0, 0
            payload = json.dumps(keys)
            matches = self.db.execute(
                "DELETE FROM matches WHERE item_key IN (SELECT value FROM json_each(?))", [payload]).rowcount
            items = self.db.execute(
                "DELETE FROM items WHERE key IN (SELECT value FROM json_each(?))", [payload]).rowcount
            return len(keys), items, matches

        items, matches = self._in_batches(items_batch, batch)

        keep_alert = ("AND NOT EXISTS (SELECT 1 FROM incident_alerts ia "
                      "WHERE ia.alert_id = alerts.id OR ia.last_alert_id = alerts.id) "
                      if self._has_table("incident_alerts") else "")
        alerts = self._delete_old("alerts", "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.alert_id = alerts.id "
                                  f"AND o.status IN ('pending', 'held')) {keep_alert}", items_before, batch)
        done = ",".join(f"'{s}'" for s in _DONE)
        outbox = self._delete_old("outbox", f"AND status IN ({done}) ", outbox_before, batch)
        return PruneReport(items, matches, alerts, outbox)

    def _delete_old(self, table: str, where: str, cut: str, batch: int) -> int:
        """Delete ``table`` rows created before ``cut`` (and matching ``where``), oldest first, in batches."""
        def one_batch() -> tuple[int, int]:
            n = self.db.execute(
                f"DELETE FROM {table} WHERE id IN (SELECT id FROM {table} WHERE created_at < :cut "
                f"{where}ORDER BY created_at LIMIT :n)", {"cut": cut, "n": batch}).rowcount
            return n, n

        (deleted,) = self._in_batches(one_batch, batch)
        return deleted

    def _in_batches(self, one_batch: Callable[[], tuple[int, ...]], batch: int) -> list[int]:
        """Run ``one_batch`` in a transaction of its own until it takes fewer than ``batch`` rows, so
        polling is never blocked for long. It returns (rows taken, *counts); the counts are summed."""
        totals: list[int] | None = None
        while True:
            with self.db.atomic():
                taken, *counts = one_batch()
            totals = counts if totals is None else [t + c for t, c in zip(totals, counts)]
            if taken < batch:
                return totals

    def last_successful_poll(self) -> str | None:
        """The newest ``last_ok_at`` of any feed (health check after a restart)."""
        return self.db.execute("SELECT max(last_ok_at) FROM feeds").fetchone()[0]

    def broken_feed_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM feeds WHERE broken = 1").fetchone()[0]

    def sync_rule_subscriptions(self, rule_ids: Iterable[str]) -> RuleSubscriptionChanges:
        """Park subscriptions of rules not in ``rule_ids``; revive those whose rule is back."""
        present = json.dumps(sorted(set(rule_ids)))
        with self.db.atomic():
            gone = [(r[0], r[1]) for r in self.db.execute(
                "SELECT chat_id, rule_id FROM subscriptions WHERE active = 1 "
                "AND rule_id NOT IN (SELECT value FROM json_each(?)) ORDER BY rule_id, chat_id", [present])]
            back = [(r[0], r[1]) for r in self.db.execute(
                "SELECT chat_id, rule_id FROM subscriptions WHERE active = 0 "
                "AND rule_id IN (SELECT value FROM json_each(?)) ORDER BY rule_id, chat_id", [present])]
            self.db.execute("UPDATE subscriptions SET active = 0 WHERE active = 1 "
                            "AND rule_id NOT IN (SELECT value FROM json_each(?))", [present])
            self.db.execute("UPDATE subscriptions SET active = 1 WHERE active = 0 "
                            "AND rule_id IN (SELECT value FROM json_each(?))", [present])
        return RuleSubscriptionChanges(tuple(gone), tuple(back))
