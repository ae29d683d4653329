"""Items, matches and alerts; "seen" checks for dedupe."""
from __future__ import annotations

import json


class ItemsMixin:
    def seen(self, *, key: str, url: str | None, content_hash: str) -> bool:
        """Same key, or same canonical URL (any feed), or same normalised title+text."""
        row = self.db.execute(
            "SELECT 1 FROM items WHERE key = ? OR (? IS NOT NULL AND url = ?) OR content_hash = ? LIMIT 1",
            [key, url, url, content_hash],
        ).fetchone()
        return row is not None

    def add_item(self, *, key: str, feed: str, url: str | None, title: str, published: str | None,
                 first_seen: str, content_hash: str, facts: dict, alerted: bool) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO items(key, feed, url, title, published, first_seen, content_hash, facts, alerted) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [key, feed, url, title, published, first_seen, content_hash,
             json.dumps(facts, ensure_ascii=False), int(alerted)],
        )

    def item_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM items").fetchone()[0]

    def add_match(self, *, rule_id: str, item_key: str, at: str, reasons: list[str]) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO matches(rule_id, item_key, created_at, reasons) VALUES (?, ?, ?, ?)",
            [rule_id, item_key, at, json.dumps(reasons, ensure_ascii=False)],
        )

    def add_alert(self, *, rule_id: str, item_key: str, at: str, payload: dict) -> int | None:
        """Record one alert per (rule, item); ``None`` when it already exists."""
        cur = self.db.execute(
            "INSERT OR IGNORE INTO alerts(rule_id, item_key, created_at, payload) VALUES (?, ?, ?, ?)",
            [rule_id, item_key, at, json.dumps(payload, ensure_ascii=False)],
        )
        return cur.lastrowid if cur.rowcount else None

    def alerts(self) -> list[dict]:
        out = []
        for r in self.db.query("SELECT * FROM alerts ORDER BY id"):
            r = dict(r)
            r["payload"] = json.loads(r["payload"])
            out.append(r)
        return out

    def alerts_since(self, at: str) -> int:
        return self.db.execute("SELECT count(*) FROM alerts WHERE created_at >= ?", [at]).fetchone()[0]
