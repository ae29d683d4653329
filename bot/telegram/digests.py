"""Held rows (muted chats and rules, digest mode) become one summary message. Pure policy over the store.

A chat in hourly or daily digest mode gets one summary per period; a chat or rule whose mute
ended gets what was kept meanwhile (one row is simply released, several become one summary).
The summary row carries, per alert, only the fields a digest line needs.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import iso, parse_iso
from ..store import OutboxRow, Store

__all__ = ["CHART_PERIODS", "DIGEST_PERIODS", "Summarised", "summarise_held"]

log = logging.getLogger("newsbot.sender")

DIGEST_PERIODS = {"hourly": timedelta(hours=1), "daily": timedelta(days=1)}
CHART_PERIODS = ("daily",)    # digests followed by the 7-day chart
# Fields a digest line needs; the rest of each alert payload is dropped from the summary row.
_DIGEST_FIELDS = ("type", "rule", "rule_title", "title", "item_url", "published", "source", "groups",
                  "perpetrators", "group_names", "country", "province", "place", "killed", "wounded",
                  "killed_qualifier", "wounded_qualifier", "arrested", "incident", "sources")


@dataclass(frozen=True, slots=True)
class Summarised:
    messages: int      # rows made pending (summaries and released single rows)
    summaries: int     # of which summary rows


def summarise_held(store: Store, now: datetime) -> Summarised:
    """Turn held rows whose mute ended, or whose digest is due, into pending messages."""
    now_s = iso(now)
    made = summaries = 0
    for chat_id in store.chats_with_held():
        chat = store.chat(chat_id)
        if chat is None or not chat.active:
            continue
        if chat.muted_until and chat.muted_until > now_s:
            continue
        rule_mutes = store.rule_mutes(chat_id)
        rows = [r for r in store.held_rows(chat_id)
                if not (r.rule_id and rule_mutes.get(r.rule_id, "") > now_s)]
        if chat.digest in DIGEST_PERIODS:
            last = chat.last_digest_at
            if last is None:
                store.set_last_digest(chat_id, now_s)     # the first period starts now
                continue
            if now - parse_iso(last) < DIGEST_PERIODS[chat.digest]:
                continue
            with store.transaction():
                if rows:
                    _summary(store, chat_id, rows, chat.digest, now_s)
                    made += 1
                    summaries += 1
                store.set_last_digest(chat_id, now_s)
            continue
        if not rows:
            continue
        if len(rows) == 1:     # one alert kept during a mute: just send it
            store.release_held([rows[0].id], status="pending")
        else:
            was_muted = chat.muted_until is not None or any(r.rule_id in rule_mutes for r in rows)
            _summary(store, chat_id, rows, "mute" if was_muted else "held", now_s)
            summaries += 1
        made += 1
    return Summarised(made, summaries)


def _summary(store: Store, chat_id: int, rows: list[OutboxRow], period: str, at: str) -> None:
    alerts = [{k: r.payload.get(k) for k in _DIGEST_FIELDS if k in r.payload} for r in rows]
    payload = {"type": "digest", "period": period, "alerts": alerts}
    store.summarise_held(chat_id, [r.id for r in rows], payload=payload, at=at)
    log.info("chat=%s %d held alert(s) summarised (%s)", chat_id, len(rows), period)
