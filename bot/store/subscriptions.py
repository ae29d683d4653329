"""Chats and their rule subscriptions, mutes and digest mode."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ChatSettings:
    chat_id: int
    type: str
    title: str | None
    active: bool
    deactivated_reason: str | None
    muted_until: str | None
    digest: str
    last_digest_at: str | None


class SubscriptionsMixin:
    def ensure_chat(self, chat_id: int, *, at: str, type: str = "private", title: str | None = None) -> None:
        self.db.execute(
            "INSERT INTO chats(chat_id, type, title, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(chat_id) DO UPDATE SET type = excluded.type, "
            "title = COALESCE(excluded.title, chats.title)",
            [chat_id, type, title, at],
        )

    def chat(self, chat_id: int) -> ChatSettings | None:
        rows = list(self.db.query("SELECT * FROM chats WHERE chat_id = ?", [chat_id]))
        if not rows:
            return None
        r = rows[0]
        return ChatSettings(r["chat_id"], r["type"], r["title"], bool(r["active"]), r["deactivated_reason"],
                            r["muted_until"], r["digest"], r["last_digest_at"])

    def subscribe(self, chat_id: int, rule_id: str, *, at: str) -> bool:
        """Subscribe (re-activating a chat); False when it was already subscribed."""
        self.db.execute("UPDATE chats SET active = 1, deactivated_reason = NULL WHERE chat_id = ?", [chat_id])
        cur = self.db.execute(
            "INSERT INTO subscriptions(chat_id, rule_id, created_at) VALUES (?, ?, ?) "
            "ON CONFLICT(chat_id, rule_id) DO UPDATE SET active = 1 WHERE subscriptions.active = 0",
            [chat_id, rule_id, at],
        )
        return cur.rowcount > 0

    def unsubscribe(self, chat_id: int, rule_id: str | None) -> int:
        """Remove one subscription, or all of the chat's with ``rule_id=None``; return how many."""
        if rule_id is None:
            return self.db.execute("DELETE FROM subscriptions WHERE chat_id = ?", [chat_id]).rowcount
        return self.db.execute(
            "DELETE FROM subscriptions WHERE chat_id = ? AND rule_id = ?", [chat_id, rule_id]).rowcount

    def subscriptions(self, chat_id: int) -> list[dict]:
        return [dict(r) for r in self.db.query(
            "SELECT rule_id, created_at, active, muted_until FROM subscriptions WHERE chat_id = ? ORDER BY rule_id",
            [chat_id])]

    def subscribers(self, rule_id: str) -> list[int]:
        return [r[0] for r in self.db.execute(
            "SELECT s.chat_id FROM subscriptions s JOIN chats c USING (chat_id) "
            "WHERE s.rule_id = ? AND s.active = 1 AND c.active = 1 ORDER BY s.chat_id", [rule_id])]

    def set_chat_mute(self, chat_id: int, until: str | None) -> None:
        self.db.execute("UPDATE chats SET muted_until = ? WHERE chat_id = ?", [until, chat_id])

    def set_rule_mute(self, chat_id: int, rule_id: str, until: str | None) -> bool:
        return self.db.execute("UPDATE subscriptions SET muted_until = ? WHERE chat_id = ? AND rule_id = ?",
                               [until, chat_id, rule_id]).rowcount > 0

    def set_digest(self, chat_id: int, mode: str) -> None:
        self.db.execute("UPDATE chats SET digest = ? WHERE chat_id = ?", [mode, chat_id])

    def deactivate_chat(self, chat_id: int, reason: str) -> None:
        self.db.execute("UPDATE chats SET active = 0, deactivated_reason = ? WHERE chat_id = ?", [reason, chat_id])

    def migrate_chat(self, old: int, new: int, *, at: str) -> None:
        """Telegram moved a group to a supergroup: carry chat settings, subscriptions and queued rows over."""
        with self.db.atomic():
            self.db.execute(
                "INSERT OR IGNORE INTO chats(chat_id, type, title, active, muted_until, digest, created_at) "
                "SELECT ?, 'supergroup', title, active, muted_until, digest, ? FROM chats WHERE chat_id = ?",
                [new, at, old])
            self.db.execute("UPDATE OR IGNORE subscriptions SET chat_id = ? WHERE chat_id = ?", [new, old])
            self.db.execute("DELETE FROM subscriptions WHERE chat_id = ?", [old])
            self.db.execute("UPDATE near_subscriptions SET chat_id = ? WHERE chat_id = ?", [new, old])
            self.db.execute("UPDATE outbox SET chat_id = ? WHERE chat_id = ? AND status IN ('pending','held')",
                            [new, old])
            self.db.execute("UPDATE chats SET active = 0, deactivated_reason = ? WHERE chat_id = ?",
                            [f"migrated to {new}", old])

    # -- added for the Telegram bot (issue 4) --
    def set_last_digest(self, chat_id: int, at: str | None) -> None:
        self.db.execute("UPDATE chats SET last_digest_at = ? WHERE chat_id = ?", [at, chat_id])

    def clear_rule_mutes(self, chat_id: int) -> int:
        return self.db.execute("UPDATE subscriptions SET muted_until = NULL WHERE chat_id = ? "
                               "AND muted_until IS NOT NULL", [chat_id]).rowcount

    def rule_mutes(self, chat_id: int) -> dict[str, str]:
        """rule id -> muted_until, for the chat's subscriptions that carry a mute."""
        return {r[0]: r[1] for r in self.db.execute(
            "SELECT rule_id, muted_until FROM subscriptions WHERE chat_id = ? AND muted_until IS NOT NULL",
            [chat_id])}

    def deactivated_chats(self, limit: int = 100) -> list[ChatSettings]:
        """Chats delivery stopped for (blocked, kicked, migrated), newest first by id."""
        rows = self.db.query("SELECT * FROM chats WHERE active = 0 ORDER BY rowid DESC LIMIT ?", [limit])
        return [ChatSettings(r["chat_id"], r["type"], r["title"], bool(r["active"]), r["deactivated_reason"],
                             r["muted_until"], r["digest"], r["last_digest_at"]) for r in rows]

    def chat_stats(self) -> dict[str, int]:
        row = self.db.execute("SELECT coalesce(sum(active), 0), count(*) FROM chats").fetchone()
        return {"active": row[0], "inactive": row[1] - row[0]}

    def subscription_counts(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.db.execute(
            "SELECT s.rule_id, count(*) FROM subscriptions s JOIN chats c USING (chat_id) "
            "WHERE s.active = 1 AND c.active = 1 GROUP BY s.rule_id")}

    def reactivate_chat(self, chat_id: int) -> bool:
        """The chat talks to the bot again (it was blocked, now unblocked): resume its subscriptions."""
        return self.db.execute(
            "UPDATE chats SET active = 1, deactivated_reason = NULL WHERE chat_id = ? AND active = 0 "
            "AND deactivated_reason LIKE 'forbidden%'", [chat_id]).rowcount > 0
