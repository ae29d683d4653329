"""Feed rows: fetch validators (ETag, Last-Modified), health counters, parse warnings."""
from __future__ import annotations

import json
from dataclasses import dataclass

MAX_WARNINGS = 10          # parse warnings kept per feed (the count keeps the total)
MAX_WARNING_CHARS = 300


@dataclass(frozen=True, slots=True)
class FeedState:
    url: str
    name: str
    origin: str
    etag: str | None
    last_modified: str | None
    last_status: int | None
    last_polled_at: str | None
    last_ok_at: str | None
    last_error: str | None
    last_error_kind: str | None
    error_count: int
    consecutive_failures: int
    broken: bool
    next_poll_at: str | None
    polled_once: bool
    parse_warnings: tuple[str, ...] = ()    # as of the last parsed poll (the first MAX_WARNINGS)
    warning_count: int = 0
    old_items: int = 0                      # entries dated before the retention window, last parsed poll
    skipped_items: int = 0                  # entries over fetch.max_items, last parsed poll

    @property
    def needs_attention(self) -> bool:
        """Read, but with parse warnings or items it could not use."""
        return bool(self.warning_count or self.old_items or self.skipped_items)

    def attention(self) -> str:
        """'3 parse warnings (first: ...); 2 items dated before the retention window', or ''."""
        parts = []
        if self.warning_count:
            first = self.parse_warnings[0] if self.parse_warnings else ""
            parts.append(f"{self.warning_count} parse warning{'s' * (self.warning_count != 1)}"
                         + (f" (first: {first})" if first else ""))
        if self.old_items:
            parts.append(f"{self.old_items} item{'s' * (self.old_items != 1)} dated before the retention window")
        if self.skipped_items:
            parts.append(f"{self.skipped_items} item{'s' * (self.skipped_items != 1)} over fetch.max_items skipped")
        return "; ".join(parts)


_FIELDS = tuple(FeedState.__dataclass_fields__)


def _value(k: str, v):
    if k in ("broken", "polled_once"):
        return bool(v)
    if k == "parse_warnings":
        return tuple(json.loads(v or "[]"))
    return v


def _row(d: dict) -> FeedState:
    return FeedState(**{k: _value(k, d[k]) for k in _FIELDS if k in d})


class FeedsMixin:
    def ensure_feed(self, url: str, name: str, *, origin: str = "config", at: str) -> FeedState:
        """Create the feed row if missing (keeping fetch state if present); update its name."""
        self.db.execute(
            "INSERT INTO feeds(url, name, origin, added_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET name = excluded.name",
            [url, name, origin, at],
        )
        return self.feed(url)

    def feed(self, url: str) -> FeedState | None:
        rows = list(self.db.query("SELECT * FROM feeds WHERE url = ?", [url]))
        return _row(rows[0]) if rows else None

    def feeds_by_url(self, urls: list[str]) -> dict[str, FeedState]:
        """The stored rows of ``urls`` (missing ones left out), in one statement (the URLs go in as one
        JSON parameter, as :meth:`known_keys` takes item keys; the raw connection: no savepoint pair)."""
        cur = self.db.conn.execute("SELECT * FROM feeds WHERE url IN (SELECT value FROM json_each(?))",
                                   [json.dumps(urls)])
        names = [d[0] for d in cur.description]
        return {state.url: state for state in (_row(dict(zip(names, row))) for row in cur)}

    def feeds(self) -> list[FeedState]:
        return [_row(r) for r in self.db.query("SELECT * FROM feeds ORDER BY name, url")]

    def remove_feed(self, url: str) -> bool:
        cur = self.db.execute("DELETE FROM feeds WHERE url = ?", [url])
        return cur.rowcount > 0

    def record_fetch_ok(self, url: str, *, at: str, status: int, etag: str | None,
                        last_modified: str | None, not_modified: bool) -> None:
        self.record_fetches_ok([(url, status, etag, last_modified, not_modified)], at=at)

    def record_fetches_ok(self, fetches: list[tuple[str, int, str | None, str | None, bool]], *, at: str) -> None:
        """:meth:`record_fetch_ok` for many feeds in one statement: (url, status, etag, last_modified,
        not_modified) each."""
        self.db.conn.executemany(
            "UPDATE feeds SET last_status = ?, last_polled_at = ?, last_ok_at = ?, "
            "etag = CASE WHEN ? THEN etag ELSE ? END, "
            "last_modified = CASE WHEN ? THEN last_modified ELSE ? END, "
            "consecutive_failures = 0, broken = 0, last_error = NULL, last_error_kind = NULL, "
            "polled_once = 1 WHERE url = ?",
            [(status, at, at, nm, etag, nm, last_modified, url) for url, status, etag, last_modified, nm in fetches],
        )

    def record_fetch_error(self, url: str, *, at: str, status: int | None, error: str,
                           kind: str | None, broken_after: int) -> FeedState:
        self.db.execute(
            "UPDATE feeds SET last_status = ?, last_polled_at = ?, last_error = ?, last_error_kind = ?, "
            "error_count = error_count + 1, consecutive_failures = consecutive_failures + 1, "
            "broken = CASE WHEN consecutive_failures + 1 >= ? THEN 1 ELSE broken END WHERE url = ?",
            [status, at, error, kind, broken_after, url],
        )
        return self.feed(url)

    def set_next_poll(self, url: str, at: str | None) -> None:
        self.db.execute("UPDATE feeds SET next_poll_at = ? WHERE url = ?", [at, url])

    def record_parse_report(self, url: str, *, warnings: list[str], old_items: int, skipped_items: int) -> None:
        """What the last parsed poll of ``url`` could not use: its warnings, old and skipped items."""
        kept = [w[:MAX_WARNING_CHARS] for w in warnings[:MAX_WARNINGS]]
        self.db.execute(
            "UPDATE feeds SET parse_warnings = ?, warning_count = ?, old_items = ?, skipped_items = ? WHERE url = ?",
            [json.dumps(kept, ensure_ascii=False), len(warnings), old_items, skipped_items, url],
        )

    def feeds_needing_attention(self, limit: int = 50) -> list[FeedState]:
        """Feeds failing, broken, or read with parse warnings, old or skipped items (for /healthz)."""
        return [_row(r) for r in self.db.query(
            "SELECT * FROM feeds WHERE consecutive_failures > 0 OR broken = 1 OR warning_count > 0 "
            "OR old_items > 0 OR skipped_items > 0 ORDER BY name, url LIMIT ?", [limit])]

    def parse_report_totals(self) -> dict[str, int]:
        """Feeds with parse warnings, and old and skipped items summed over feeds (for /metrics)."""
        row = self.db.execute(
            "SELECT COALESCE(SUM(warning_count > 0), 0), COALESCE(SUM(warning_count), 0), "
            "COALESCE(SUM(old_items), 0), COALESCE(SUM(skipped_items), 0) FROM feeds").fetchone()
        return {"feeds_with_warnings": row[0], "warnings": row[1], "old_items": row[2], "skipped_items": row[3]}
