"""Items, matches and alerts; the "stored already" checks for dedupe."""
from __future__ import annotations

import json
from .._json import dumps_unicode

ALERTS_PER_INSERT = 200    # rows of one multi-row INSERT (4 parameters each; SQLite allows 32,766)


class ItemsMixin:
    def known_keys(self, keys: list[str]) -> set[str]:
        """Those of ``keys`` stored already (one statement for a whole feed)."""
        if not keys:
            return set()
        return {k for (k,) in self.db.conn.execute(
            "SELECT key FROM items WHERE key IN (SELECT value FROM json_each(?))", [json.dumps(keys)])}

    def stored_among(self, urls: list[str | None], hashes: list[str]) -> tuple[set[str], set[str]]:
        """Those of ``urls`` (canonical; ``None`` is none) and of ``hashes`` (normalised title+text) that a
        stored item of any feed has: with :meth:`known_keys`, dedupe's question for a whole feed at once."""
        return (self._stored("url", [u for u in urls if u is not None]), self._stored("content_hash", hashes))

    def _stored(self, column: str, values: list[str]) -> set[str]:
        if not values:
            return set()
        return {v for (v,) in self.db.conn.execute(
            f"SELECT {column} FROM items WHERE {column} IN (SELECT value FROM json_each(?))", [json.dumps(values)])}

    def add_item(self, *, key: str, feed: str, url: str | None, title: str, published: str | None,
                 first_seen: str, content_hash: str, facts: dict, alerted: bool) -> None:
        self.db.conn.execute(
            "INSERT OR IGNORE INTO items(key, feed, url, title, published, first_seen, content_hash, facts, alerted) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [key, feed, url, title, published, first_seen, content_hash,
             dumps_unicode(facts), int(alerted)],
        )

    def item_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM items").fetchone()[0]

    def add_match(self, *, rule_id: str, item_key: str, at: str, reasons: list[str]) -> None:
        self.add_matches(item_key=item_key, at=at, matches=[(rule_id, reasons)])

    def add_alert(self, *, rule_id: str, item_key: str, at: str, payload: dict) -> int | None:
        """Record one alert per (rule, item); ``None`` when it already exists."""
        return self.add_alerts(item_key=item_key, at=at,
                               payloads=[(rule_id, json.dumps(payload, ensure_ascii=False))]).get(rule_id)

    def add_matches(self, *, item_key: str, at: str, matches: list[tuple[str, list[str]]]) -> None:
        """:meth:`add_match` for many ``(rule id, reasons)`` of one item: one statement."""
        if matches:
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO matches(rule_id, item_key, created_at, reasons) VALUES (?, ?, ?, ?)",
                [(r, item_key, at, dumps_unicode(reasons)) for r, reasons in matches])

    def add_alerts(self, *, item_key: str, at: str, payloads: list[tuple[str, str]]) -> dict[str, int]:
        """:meth:`add_alert` for many ``(rule id, payload JSON)`` of one item, inserted in that order
        (a few statements, not one a rule); rule id -> its new row (rules whose row existed are left out)."""
        ids: dict[str, int] = {}
        for k in range(0, len(payloads), ALERTS_PER_INSERT):
            chunk = payloads[k:k + ALERTS_PER_INSERT]
            for rule_id, alert_id in self.db.conn.execute(
                    "INSERT OR IGNORE INTO alerts(rule_id, item_key, created_at, payload) VALUES "
                    + ",".join(["(?, ?, ?, ?)"] * len(chunk)) + " RETURNING rule_id, id",
                    [v for rule_id, blob in chunk for v in (rule_id, item_key, at, blob)]):
                ids[rule_id] = alert_id
        return ids

    def alerts(self) -> list[dict]:
        out = []
        for r in self.db.query("SELECT * FROM alerts ORDER BY id"):
            r = dict(r)
            r["payload"] = json.loads(r["payload"])
            out.append(r)
        return out

    def alerts_since(self, at: str) -> int:
        return self.db.execute("SELECT count(*) FROM alerts WHERE created_at >= ?", [at]).fetchone()[0]
