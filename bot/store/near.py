"""Proximity subscriptions (a chat's circles), which chat an incident already alerted, map preference."""
from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NearSubscription:
    id: int
    chat_id: int
    name: str
    lat: float
    lon: float
    km: float
    min_killed: int | None
    created_at: str

    @property
    def via(self) -> str:
        return f"near:{self.id}"


def _near(r) -> NearSubscription:
    return NearSubscription(r["id"], r["chat_id"], r["name"], r["lat"], r["lon"], r["km"], r["min_killed"],
                            r["created_at"])


class NearMixin:
    def add_near(self, chat_id: int, *, name: str, lat: float, lon: float, km: float,
                 min_killed: int | None = None, at: str) -> int:
        """Add a circle for this chat (re-activating the chat); returns its id."""
        self.db.execute("UPDATE chats SET active = 1, deactivated_reason = NULL WHERE chat_id = ?", [chat_id])
        return self.db.execute(
            "INSERT INTO near_subscriptions(chat_id, name, lat, lon, km, min_killed, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", [chat_id, name, lat, lon, km, min_killed, at]).lastrowid

    def near_subscriptions(self, chat_id: int | None = None) -> list[NearSubscription]:
        """One chat's circles, or every active chat's (``chat_id=None``), by id."""
        if chat_id is not None:
            rows = self.db.query("SELECT * FROM near_subscriptions WHERE chat_id = ? ORDER BY id", [chat_id])
        else:
            rows = self.db.query("SELECT n.* FROM near_subscriptions n JOIN chats c USING (chat_id) "
                                 "WHERE c.active = 1 ORDER BY n.id")
        return [_near(r) for r in rows]

    def near_generation(self) -> tuple:
        """Changes whenever circles are added or removed (for caching an index of them)."""
        return tuple(self.db.execute(
            "SELECT coalesce(max(id), 0), count(*), (SELECT count(*) FROM chats WHERE active = 1) "
            "FROM near_subscriptions").fetchone())

    def remove_near(self, chat_id: int, sub_id: int | None = None) -> int:
        """Remove one of the chat's circles, or all of them with ``sub_id=None``; return how many."""
        if sub_id is None:
            return self.db.execute("DELETE FROM near_subscriptions WHERE chat_id = ?", [chat_id]).rowcount
        return self.db.execute("DELETE FROM near_subscriptions WHERE chat_id = ? AND id = ?",
                               [chat_id, sub_id]).rowcount

    # -- one alert per event and chat --------------------------------------------------------
    def claim_chat_event(self, event: str, chat_id: int, *, via: str, at: str) -> bool:
        """Record that ``event`` alerted ``chat_id``; False when it already had."""
        return self.db.execute(
            "INSERT OR IGNORE INTO chat_incident_alerts(event, chat_id, via, alerted_at) VALUES (?, ?, ?, ?)",
            [event, chat_id, via, at]).rowcount > 0

    def chats_alerted(self, event: str, alert_ids: list[int] = ()) -> set[int]:
        """Chats ``event`` already alerted: recorded claims, and the outbox rows of ``alert_ids``."""
        out = {r[0] for r in self.db.execute("SELECT chat_id FROM chat_incident_alerts WHERE event = ?", [event])}
        ids = [a for a in alert_ids if a is not None]
        if ids:
            marks = ",".join("?" * len(ids))
            out |= {r[0] for r in self.db.execute(
                f"SELECT DISTINCT chat_id FROM outbox WHERE kind = 'alert' AND alert_id IN ({marks})", ids)}
        return out

    def incident_alert_ids(self, incident_id: int) -> list[int]:
        """The alerts rows rules sent for an incident (their outbox rows say which chats got them)."""
        return [r[0] for r in self.db.execute(
            "SELECT alert_id FROM incident_alerts WHERE incident_id = ? AND alert_id IS NOT NULL", [incident_id])]

    def item_alert_ids(self, item_key: str) -> list[int]:
        """The alerts rows of one item (incidents off)."""
        return [r[0] for r in self.db.execute("SELECT id FROM alerts WHERE item_key = ?", [item_key])]

    def near_claimed(self, event: str) -> set[int]:
        """Chats a proximity subscription already alerted for ``event``."""
        return {r[0] for r in self.db.execute(
            "SELECT chat_id FROM chat_incident_alerts WHERE event = ? AND via LIKE 'near:%'", [event])}

    def located_events(self, since: str, limit: int = 500) -> list[tuple[float, float]]:
        """(lat, lon) of each incident (or item) alerted since ``since`` whose alert had coordinates,
        newest first: the week's map of ``/stats``."""
        seen: dict[object, tuple[float, float]] = {}
        rows = self.db.execute(
            "SELECT payload FROM (SELECT payload, created_at FROM alerts WHERE created_at >= ? "
            "UNION ALL SELECT payload, created_at FROM outbox WHERE rule_id LIKE 'near:%' AND created_at >= ?) "
            "ORDER BY created_at DESC", [since, since])
        for (raw,) in rows:
            p = json.loads(raw)
            lat, lon = p.get("lat"), p.get("lon")
            if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
                seen.setdefault(p.get("incident") or p.get("item_key"), (float(lat), float(lon)))
                if len(seen) >= limit:
                    break
        return list(seen.values())

    # -- preferences ---------------------------------------------------------------------------
    def set_map(self, chat_id: int, on: bool) -> None:
        self.db.execute("INSERT INTO chat_prefs(chat_id, map) VALUES (?, ?) "
                        "ON CONFLICT(chat_id) DO UPDATE SET map = excluded.map", [chat_id, int(on)])

    def map_on(self, chat_id: int) -> bool:
        row = self.db.execute("SELECT map FROM chat_prefs WHERE chat_id = ?", [chat_id]).fetchone()
        return bool(row and row[0])

    def set_pending_location(self, chat_id: int, lat: float | None, lon: float | None = None, *,
                             at: str | None = None) -> None:
        """Remember a shared location until the chat sends its radius (``lat=None`` forgets it)."""
        value = None if lat is None else json.dumps({"lat": lat, "lon": lon, "at": at})
        self.db.execute("INSERT INTO chat_prefs(chat_id, pending_location) VALUES (?, ?) "
                        "ON CONFLICT(chat_id) DO UPDATE SET pending_location = excluded.pending_location",
                        [chat_id, value])

    def pending_location(self, chat_id: int) -> dict | None:
        row = self.db.execute("SELECT pending_location FROM chat_prefs WHERE chat_id = ?", [chat_id]).fetchone()
        return json.loads(row[0]) if row and row[0] else None
