"""The outbox: notifications waiting for delivery, drained per chat in order.

A row is written in the same transaction as the alert that caused it and is
marked ``sent`` only after the channel accepted it (at-least-once delivery).
Rows for muted or digest-mode chats are ``held`` and summarised later, never dropped.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from bot.models import OutboxStatus
from .._json import dumps_unicode


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    chat_id: int
    alert_id: int | None
    rule_id: str | None
    kind: str
    payload: dict
    created_at: str
    status: OutboxStatus
    attempts: int
    not_before: str | None
    reply_to: int | None
    message_id: int | None
    last_error: str | None


def _row(d: dict) -> OutboxRow:
    return OutboxRow(
        id=d["id"], chat_id=d["chat_id"], alert_id=d["alert_id"], rule_id=d["rule_id"], kind=d["kind"],
        payload=json.loads(d["payload"]), created_at=d["created_at"], status=d["status"],
        attempts=d["attempts"], not_before=d["not_before"], reply_to=d["reply_to"],
        message_id=d["message_id"], last_error=d["last_error"],
    )


class OutboxMixin:
    def enqueue(self, *, chat_id: int, payload: dict, at: str, kind: str = "alert",
                alert_id: int | None = None, rule_id: str | None = None,
                reply_to: int | None = None, held: bool = False) -> int:
        cur = self.db.execute(
            "INSERT INTO outbox(chat_id, alert_id, rule_id, kind, payload, created_at, status, reply_to) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [chat_id, alert_id, rule_id, kind, dumps_unicode(payload), at,
             "held" if held else "pending", reply_to],
        )
        return cur.lastrowid

    def fan_out(self, *, alert_id: int, rule_id: str, payload: dict, at: str, kind: str = "alert",
                replies: dict[int, int] | None = None, skip: set[int] | frozenset[int] = frozenset()) -> int:
        """Queue ``payload`` for every active subscriber of ``rule_id``; return how many rows.

        ``replies`` maps a chat to the outbox row its message answers (incident updates);
        ``skip``: chats not to queue for (already alerted for this incident by a proximity subscription).
        """
        return self.fan_out_many([(alert_id, rule_id, dumps_unicode(payload), kind, replies or {},
                                   skip)], at=at)[0]

    def fan_out_many(self, batch: list[tuple[int, str, str, str, dict[int, int], set[int] | frozenset[int]]], *,
                     at: str) -> list[int]:
        """:meth:`fan_out` for many alerts at once: ``(alert id, rule id, payload JSON, kind, replies,
        skip)`` each, queued in that order; one subscriber query for all their rules, one insert.
        Returns the rows queued for each."""
        subs: dict[str, list[tuple]] = {}
        rules = sorted({b[1] for b in batch})
        conn = self.db.conn      # not sqlite-utils' query(): it wraps each SELECT in a SAVEPOINT
        for k in range(0, len(rules), 500):
            chunk = rules[k:k + 500]
            for rule_id, *sub in conn.execute(
                    "SELECT s.rule_id, s.chat_id, s.muted_until, c.muted_until, c.digest "
                    "FROM subscriptions s JOIN chats c ON c.chat_id = s.chat_id "
                    f"WHERE s.rule_id IN ({','.join('?' * len(chunk))}) AND s.active = 1 AND c.active = 1 "
                    "ORDER BY s.rule_id, s.chat_id", chunk):
                subs.setdefault(rule_id, []).append(sub)
        rows: list[tuple] = []
        counts: list[int] = []
        for alert_id, rule_id, blob, kind, replies, skip in batch:
            n = 0
            for chat_id, rule_mute, chat_mute, digest in subs.get(rule_id, ()):
                if chat_id in skip:
                    continue
                held = any(m and m > at for m in (rule_mute, chat_mute)) or digest != "off"
                rows.append((chat_id, alert_id, rule_id, kind, blob, at, "held" if held else "pending",
                             replies.get(chat_id)))
                n += 1
            counts.append(n)
        if rows:
            conn.executemany(
                "INSERT INTO outbox(chat_id, alert_id, rule_id, kind, payload, created_at, status, reply_to) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        return counts

    def next_pending(self, chat_id: int, limit: int = 20) -> list[OutboxRow]:
        """Oldest pending rows of one chat, in order (the head may still be backing off)."""
        return [_row(r) for r in self.db.query(
            "SELECT * FROM outbox WHERE chat_id = ? AND status = 'pending' ORDER BY id LIMIT ?",
            [chat_id, limit])]

    def outbox_row(self, row_id: int) -> OutboxRow | None:
        rows = list(self.db.query("SELECT * FROM outbox WHERE id = ?", [row_id]))
        return _row(rows[0]) if rows else None

    def mark_sent(self, row_id: int, *, at: str, message_id: int | None) -> None:
        self.db.execute(
            "UPDATE outbox SET status = 'sent', sent_at = ?, message_id = ?, attempts = attempts + 1, "
            "last_error = NULL WHERE id = ?", [at, message_id, row_id])

    def mark_failed(self, row_id: int, *, reason: str) -> None:
        self.db.execute(
            "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
            [reason, row_id])

    def defer(self, row_id: int, *, until: str, error: str) -> None:
        self.db.execute(
            "UPDATE outbox SET not_before = ?, attempts = attempts + 1, last_error = ? WHERE id = ?",
            [until, error, row_id])

    def held_rows(self, chat_id: int) -> list[OutboxRow]:
        return [_row(r) for r in self.db.query(
            "SELECT * FROM outbox WHERE chat_id = ? AND status = 'held' ORDER BY id", [chat_id])]

    def release_held(self, row_ids: list[int], *, status: OutboxStatus) -> None:
        """Move held rows on (e.g. to 'sent' once a digest summarising them went out)."""
        self.db.execute(
            f"UPDATE outbox SET status = ? WHERE status = 'held' AND id IN ({','.join('?' * len(row_ids))})",
            [status, *row_ids])

    def outbox_depth(self) -> int:
        return self.db.execute(
            "SELECT count(*) FROM outbox WHERE status IN ('pending', 'held')").fetchone()[0]

    def outbox_counts(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.db.execute("SELECT status, count(*) FROM outbox GROUP BY status")}

    # -- added for the Telegram sender (issue 4) --
    def chats_with_held(self) -> list[int]:
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT chat_id FROM outbox WHERE status = 'held' ORDER BY chat_id")]

    def fail_pending(self, chat_id: int, *, reason: str) -> int:
        """Park every pending and held row of a chat as failed (the chat blocked or removed the bot)."""
        return self.db.execute(
            "UPDATE outbox SET status = 'failed', last_error = ? WHERE chat_id = ? AND status IN ('pending','held')",
            [reason, chat_id]).rowcount

    def summarise_held(self, chat_id: int, row_ids: list[int], *, payload: dict, at: str) -> int:
        """Replace held rows by one pending summary row, atomically; return the summary's id."""
        with self.db.atomic():
            row_id = self.enqueue(chat_id=chat_id, payload=payload, at=at, kind="digest")
            self.release_held(row_ids, status="summarised")
        return row_id

    def due_chats(self, now: str) -> list[int]:
        """Telegram chats whose oldest pending row may be sent now (a backing-off head holds its chat back).

        The console pseudo-chat is drained by :mod:`bot.notify.console`, never by the Telegram sender.
        """
        return [r[0] for r in self.db.execute(
            "SELECT o.chat_id FROM (SELECT chat_id, min(id) AS head FROM outbox WHERE status = 'pending' "
            "AND chat_id NOT IN (SELECT chat_id FROM chats WHERE type = 'console') "
            "GROUP BY chat_id) h JOIN outbox o ON o.id = h.head "
            "WHERE o.not_before IS NULL OR o.not_before <= ? ORDER BY o.chat_id", [now])]

    # -- added for the daily digest's chart (issue 6) --
    def note_message_id(self, row_id: int, message_id: int) -> None:
        """Record that a row's first message was accepted while the row is still pending (a daily
        digest whose chart has yet to go): a retry then sends only what is missing."""
        self.db.execute("UPDATE outbox SET message_id = ? WHERE id = ? AND status = 'pending'",
                        [message_id, row_id])
