"""Persistent state in SQLite: feeds, items, matches, alerts, subscriptions and the outbox.

``Store`` is a thin edge: plain methods over one sqlite-utils database. A poll
cycle's writes go through :meth:`Store.transaction` so they land together or not
at all. Timestamps are ISO-8601 strings in UTC (:func:`bot.clock.iso`, re-exported here with
:func:`bot.clock.utcnow`). Persistence only: nothing here imports the incident, rule or
extraction code.
"""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Iterator

from bot.clock import iso, utcnow
from ._db import connect
from .alert_states import AlertStatesMixin
from .feeds import FeedsMixin, FeedState
from .incidents import IncidentRow, IncidentsMixin
from .items import ItemsMixin
from .maintenance import MaintenanceMixin
from .near import NearMixin, NearSubscription
from .outbox import OutboxMixin, OutboxRow
from .subscriptions import SubscriptionsMixin, ChatSettings

__all__ = ["Store", "FeedState", "OutboxRow", "ChatSettings", "NearSubscription", "IncidentRow", "iso", "utcnow"]


class Store(FeedsMixin, ItemsMixin, OutboxMixin, SubscriptionsMixin, IncidentsMixin, AlertStatesMixin,
            MaintenanceMixin, NearMixin):
    def __init__(self, path: str | Path | None):
        self.path = None if path is None else Path(path)
        self.db = connect(self.path)

    @classmethod
    def memory(cls) -> "Store":
        return cls(None)

    @contextlib.contextmanager
    def transaction(self) -> Iterator["Store"]:
        """One atomic unit of writes; nested calls become savepoints."""
        with self.db.atomic():
            yield self

    def writable(self) -> bool:
        """True when a write transaction can be opened (for health checks)."""
        try:
            with self.db.atomic():
                self.db.execute("CREATE TEMP TABLE IF NOT EXISTS _probe(x)")
            return True
        except Exception:
            return False

    def integrity_ok(self) -> bool:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    def close(self) -> None:
        try:
            if self.path is not None:
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self.db.close()
