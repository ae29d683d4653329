"""Feed rows: fetch validators (ETag, Last-Modified), health counters."""
from __future__ import annotations

from dataclasses import dataclass


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


_FIELDS = tuple(FeedState.__dataclass_fields__)


def _row(d: dict) -> FeedState:
    return FeedState(**{k: (bool(d[k]) if k in ("broken", "polled_once") else d[k]) for k in _FIELDS})


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

    def feeds(self) -> list[FeedState]:
        return [_row(r) for r in self.db.query("SELECT * FROM feeds ORDER BY name, url")]

    def remove_feed(self, url: str) -> bool:
        cur = self.db.execute("DELETE FROM feeds WHERE url = ?", [url])
        return cur.rowcount > 0

    def record_fetch_ok(self, url: str, *, at: str, status: int, etag: str | None,
                        last_modified: str | None, not_modified: bool) -> None:
        self.db.execute(
            "UPDATE feeds SET last_status = ?, last_polled_at = ?, last_ok_at = ?, "
            "etag = CASE WHEN ? THEN etag ELSE ? END, "
            "last_modified = CASE WHEN ? THEN last_modified ELSE ? END, "
            "consecutive_failures = 0, broken = 0, last_error = NULL, last_error_kind = NULL, "
            "polled_once = 1 WHERE url = ?",
            [status, at, at, not_modified, etag, not_modified, last_modified, url],
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
