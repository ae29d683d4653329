"""The console notifier: a pseudo-chat (id 0) subscribed to every rule, printed to a stream.

It drains the same outbox as Telegram, so the demo exercises the real delivery path.
"""
from __future__ import annotations

import json
from typing import Callable, Iterable, TextIO

from bot.store import Store
from .payload import AlertPayload
from .render import render_console

CONSOLE_CHAT = 0


def subscribe_console(store: Store, rule_ids: Iterable[str], *, at: str) -> None:
    store.ensure_chat(CONSOLE_CHAT, at=at, type="console", title="console")
    for rid in rule_ids:
        store.subscribe(CONSOLE_CHAT, rid, at=at)


def drain_console(store: Store, out: TextIO, *, at: str, as_json: bool = False,
                  render: Callable[[AlertPayload], str] = render_console) -> int:
    """Print every pending console row in order and mark it sent; return how many."""
    n = 0
    while rows := store.next_pending(CONSOLE_CHAT, limit=100):
        for row in rows:
            if as_json:
                out.write(json.dumps(row.payload, ensure_ascii=False) + "\n")
            else:
                out.write(render(row.payload) + "\n\n")
            out.flush()
            store.mark_sent(row.id, at=at, message_id=None)
            n += 1
    return n
