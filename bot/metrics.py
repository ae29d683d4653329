"""Prometheus metrics, in a registry of their own.

Each :class:`Metrics` owns a fresh ``CollectorRegistry`` rather than the
process-global one, so tests (and a daemon restarted in-process) can create
several without "duplicated timeseries" errors. The cycle and the sender call
the small ``observe_*`` helpers; :mod:`bot.app.health` serves :meth:`exposition`.

Labels are kept to small fixed sets (poll status, error kind, send result):
no per-feed or per-chat labels, so 2,000 feeds do not mean 2,000 series.
"""
from __future__ import annotations

import time
from datetime import datetime, timezone
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest

__all__ = ["CONTENT_TYPE", "Metrics"]

CONTENT_TYPE = CONTENT_TYPE_LATEST

# From a fraction of a second (a local Bot API) to an hour (a feed polled hourly).
_LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
_LAG_BUCKETS = (1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 24 * 3600)


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


class Metrics:
    def __init__(self, registry: CollectorRegistry | None = None, *, namespace: str = "newsbot"):
        self.registry = registry if registry is not None else CollectorRegistry()
        r, ns = self.registry, namespace
        self.polls = Counter("polls", "Feed polls by outcome (ok, not_modified, backlog, error).",
                             ["status"], namespace=ns, registry=r)
        self.errors = Counter("fetch_errors", "Failed feed polls by kind (http, timeout, parse, ...).",
                              ["kind"], namespace=ns, registry=r)
        self.items = Counter("items", "New items stored.", namespace=ns, registry=r)
        self.alerts = Counter("alerts", "Alerts raised (one per rule and item).", namespace=ns, registry=r)
        self.queued = Counter("outbox_queued", "Outbox rows queued by alerts (one per subscriber).",
                              namespace=ns, registry=r)
        self.sends = Counter("sends", "Outbox deliveries by result (sent, retry, failed).",
                             ["result"], namespace=ns, registry=r)
        self.outbox_depth = Gauge("outbox_depth", "Outbox rows waiting, by status (pending, held).",
                                  ["status"], namespace=ns, registry=r)
        self.send_latency = Histogram("send_latency_seconds", "Time for the channel to accept one message.",
                                      namespace=ns, registry=r, buckets=_LATENCY_BUCKETS)
        self.feed_lag = Histogram("feed_lag_seconds",
                                  "From an item's published time to newsbot first seeing it.",
                                  namespace=ns, registry=r, buckets=_LAG_BUCKETS)
        self.alert_lag = Histogram("alert_lag_seconds",
                                   "From newsbot first seeing an item to its alert being accepted.",
                                   namespace=ns, registry=r, buckets=_LAG_BUCKETS)
        self.parse_warnings = Counter("parse_warnings", "Parse warnings of feeds read despite them (malformed XML, "
                                      "bad charset, ...).", namespace=ns, registry=r)
        self.old_items = Counter("old_items", "Entries dated before the retention window, not stored.",
                                 namespace=ns, registry=r)
        self.skipped_items = Counter("skipped_items", "Entries over fetch.max_items, not read.",
                                     namespace=ns, registry=r)
        self.feeds_with_warnings = Gauge("feeds_with_warnings", "Feeds whose last parsed poll had parse warnings.",
                                         namespace=ns, registry=r)
        self.feeds_broken = Gauge("feeds_broken", "Feeds currently marked broken.", namespace=ns, registry=r)
        self.last_success = Gauge("last_successful_poll_timestamp_seconds",
                                  "Unix time of the last successful poll of any feed.", namespace=ns, registry=r)
        self.reloads = Counter("rule_reloads", "Rule reloads by result (reloaded, unchanged, invalid).",
                               ["result"], namespace=ns, registry=r)
        self.rules = Gauge("rules_loaded", "Enabled rules in the active rule set.", namespace=ns, registry=r)
        self.telegram_up = Gauge("telegram_reachable",
                                 "1 when the Telegram Bot API answered the last attempt, 0 while it is unreachable.",
                                 namespace=ns, registry=r)
        self.last_success_at: datetime | None = None

    # ------------------------------------------------------------ polling
    def observe_poll(self, status: str, *, error_kind: str | None = None, new_items: int = 0,
                     at: datetime | None = None) -> None:
        """One feed polled. ``status`` as in :class:`bot.pipeline.cycle.FeedOutcome` (ok/not_modified/backlog/error)."""
        self.polls.labels(status).inc()
        if status == "error":
            self.errors.labels(error_kind or "other").inc()
            return
        if new_items:
            self.items.inc(new_items)
        at = _aware(at) if at is not None else datetime.now(timezone.utc)
        if self.last_success_at is None or at > self.last_success_at:
            self.last_success_at = at
            self.last_success.set(at.timestamp())

    def observe_feed_lag(self, published: datetime | None, first_seen: datetime) -> None:
        if published is None:
            return
        lag = (_aware(first_seen) - _aware(published)).total_seconds()
        if lag >= 0:   # a future date is the feed's mistake, not lag
            self.feed_lag.observe(lag)

    def observe_cycle(self, report, *, at: datetime | None = None) -> None:
        """Record a :class:`bot.pipeline.cycle.CycleReport` (duck-typed: ``feeds``, ``processed``, ``alerts``, ``queued``)."""
        at = _aware(at) if at is not None else datetime.now(timezone.utc)
        for o in report.feeds:
            self.observe_poll(o.status, error_kind=o.error_kind, new_items=o.new_items, at=at)
            self.parse_warnings.inc(len(getattr(o, "warnings", ()) or ()))
            self.old_items.inc(getattr(o, "old_items", 0))
            self.skipped_items.inc(getattr(o, "skipped_items", 0))
        for p in report.processed:
            self.observe_feed_lag(p.item.published, at)
        self.alerts.inc(report.alerts)
        self.queued.inc(report.queued)

    # ------------------------------------------------------------ delivery
    def observe_send(self, seconds: float | None, *, result: str = "sent",
                     first_seen: datetime | None = None, at: datetime | None = None) -> None:
        """One delivery attempt; ``seconds`` is the channel's response time."""
        self.sends.labels(result).inc()
        if seconds is not None and seconds >= 0:
            self.send_latency.observe(seconds)
        if result == "sent" and first_seen is not None:
            at = _aware(at) if at is not None else datetime.now(timezone.utc)
            self.alert_lag.observe(max(0.0, (at - _aware(first_seen)).total_seconds()))

    def time_send(self) -> "_SendTimer":
        """``with metrics.time_send() as t: ...; t.result = "retry"`` (default "sent"; an exception counts as "retry")."""
        return _SendTimer(self)

    def set_outbox(self, counts: dict[str, int]) -> None:
        """Set the depth gauges from :meth:`Store.outbox_counts`."""
        for status in ("pending", "held"):
            self.outbox_depth.labels(status).set(counts.get(status, 0))

    # ------------------------------------------------------------ state
    def set_telegram_reachable(self, up: bool) -> None:
        self.telegram_up.set(1 if up else 0)

    def set_feeds_broken(self, n: int) -> None:
        self.feeds_broken.set(n)

    def observe_reload(self, result: str, *, rules: int | None = None) -> None:
        self.reloads.labels(result).inc()
        if rules is not None:
            self.rules.set(rules)

    def exposition(self) -> bytes:
        """The text exposition format, for ``/metrics``."""
        return generate_latest(self.registry)

    def value(self, name: str, labels: dict[str, str] | None = None) -> float | None:
        """A sample's current value (tests and ``/stats``), e.g. ``value("newsbot_polls_total", {"status": "ok"})``."""
        return self.registry.get_sample_value(name, labels or {})


class _SendTimer:
    def __init__(self, metrics: Metrics):
        self.metrics = metrics
        self.result = "sent"
        self.first_seen: datetime | None = None

    def __enter__(self) -> "_SendTimer":
        self._t0 = time.perf_counter()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        result = "retry" if exc_type is not None and self.result == "sent" else self.result
        self.metrics.observe_send(time.perf_counter() - self._t0, result=result, first_seen=self.first_seen)

