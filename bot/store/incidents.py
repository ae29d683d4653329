"""Incidents in SQLite: near-duplicate signatures, incidents, their items and history (the
per-(incident, rule) alert state is :mod:`bot.store.alert_states`').

Persistence only: an incident's state is kept as the JSON it is given (:class:`IncidentRow`) and
handed back through the ``decode`` function the caller passes (the one decoder is
:meth:`bot.incidents.IncidentState.from_json`); :mod:`bot.pipeline.filing` runs the pure incident
steps around these methods.

Candidate lookup is indexed: open incidents come from ``incidents(country, last_at)`` or, for an
item without a country, from ``incident_groups(group_id, last_at)``, so its cost follows the
number of incidents in the time window, not the number stored.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence, TypeVar

from bot.clock import iso as _iso, parse_iso
from ..models import Event, Facts, Item
from .._json import dumps, dumps_compact, dumps_unicode

T = TypeVar("T")
Decode = Callable[[int, dict], T]      # (incident id, stored JSON) -> the caller's state value


@dataclass(frozen=True)
class IncidentRow:
    """What the store keeps of one incident: its JSON state, and the columns it is looked up by."""

    id: int | None                # None: a new incident
    state: Mapping[str, Any]      # stored as JSON, returned to ``decode`` as it was given
    kind: str
    first_at: datetime
    last_at: datetime
    country: str | None = None
    province: str | None = None
    place: str | None = None
    killed: int | None = None
    wounded: int | None = None
    items: int = 0
    families: frozenset[str] = frozenset()   # group families named (the incident_groups rows)
    summary: str | None = None               # stored as given, returned to the caller's ``summary`` reader


STATE_CACHE_MAX = 20_000     # decoded incident states kept (the open window's, in practice)
_NO_SUMMARY: Callable[[str | None], None] = {}.get      # reads every stored summary as None
_STAMP = "kind, items, updated_at, last_at, killed, wounded"     # kind first: candidates are deferred by it
_STAMP_I = "i.kind, i.items, i.updated_at, i.last_at, i.killed, i.wounded"


class DeferredIncident:
    """A candidate not decoded yet (its kind or read ``summary`` may do); ``load()`` reads and decodes it."""
    __slots__ = ("id", "kind", "load", "summary")

    def __init__(self, id: int, kind: str, load: Callable[[], Any], summary: Any = None) -> None:
        self.id, self.kind, self.load, self.summary = id, kind, load, summary


class IncidentsMixin:
    # -- near-duplicate signatures ---------------------------------------------------------
    def add_signature(self, item_key: str, minhash: bytes, *, at: str) -> None:
        self.db.conn.execute("INSERT OR IGNORE INTO item_signatures(item_key, seen_at, minhash) VALUES (?, ?, ?)",
                             [item_key, at, minhash])

    def signatures_since(self, at: str) -> Iterator[tuple[str, bytes, datetime]]:
        """``(key, signature, seen_at)`` of items seen at or after ``at``, oldest first (for NearDupIndex.load)."""
        for key, seen, sig in self.db.execute(
                "SELECT item_key, seen_at, minhash FROM item_signatures WHERE seen_at >= ? ORDER BY seen_at, rowid",
                [at]):
            yield key, bytes(sig), parse_iso(seen)

    def prune_signatures(self, before: str) -> int:
        return self.db.execute("DELETE FROM item_signatures WHERE seen_at < ?", [before]).rowcount

    def record_duplicate(self, item: Item, *, of: str, at: str, similarity: float) -> int | None:
        """Note that ``item`` is a near-duplicate of item ``of`` (it is not processed); return its incident."""
        row = self.db.execute("SELECT incident_id FROM incident_items WHERE item_key = ?", [of]).fetchone()
        incident_id = row[0] if row else None
        self.db.execute(
            "INSERT OR IGNORE INTO incident_items(item_key, incident_id, joined_at, published, source, title, url, "
            "score, reasons, duplicate_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [item.key, incident_id, at, _iso(item.published) if item.published else None, item.source or item.feed,
             item.title, item.url, similarity,
             json.dumps([f"near-duplicate of {of} (similarity {similarity:.2f})"]), of])
        if incident_id is not None:
            self.db.execute(
                "INSERT INTO incident_events(incident_id, at, item_key, type, source, note) VALUES (?, ?, ?, ?, ?, ?)",
                [incident_id, at, item.key, "duplicate", item.source or item.feed, f"near-duplicate of {of}"])
        return incident_id

    # -- incidents -------------------------------------------------------------------------
    def incident(self, incident_id: int, decode: Decode[T]) -> T | None:
        row = self.db.execute("SELECT id, state FROM incidents WHERE id = ?", [incident_id]).fetchone()
        return decode(row[0], json.loads(row[1])) if row else None

    def incident_candidates(self, *, at: datetime, country: str | None, families: Iterable[str] = (),
                            window_hours: float, max_span_hours: float, decode: Decode[T],
                            defer: Callable[[str], bool] | None = None,
                            summary: Callable[[str | None], Any] | None = None) -> list[T | DeferredIncident]:
        """Open incidents an item published at ``at`` may join: same country (or, without a country,
        a shared group family) with an item within ``window_hours``, begun at most ``max_span_hours``
        before it. ``defer(kind)``: true for a kind the caller may not need decoded. With ``defer``, rows come back
        as :class:`DeferredIncident` (``load()`` decodes) with ``summary(text)`` of their summary column."""
        lo, hi = _iso(at - timedelta(hours=window_hours)), _iso(at + timedelta(hours=window_hours))
        span = _iso(at - timedelta(hours=max_span_hours))
        rows: dict[int, tuple] = {}     # id -> (id, summary or None, *stamp) of its row (see _states_of)
        conn = self.db.conn
        head, head_i = ("id, summary", "i.id, i.summary") if summary else ("id, NULL", "i.id, NULL")
        if country:
            for r in conn.execute(
                    f"SELECT {head}, {_STAMP} FROM incidents WHERE country = ? AND last_at >= ? AND first_at <= ? "
                    "AND first_at >= ?", [country, lo, hi, span]):
                rows[r[0]] = r
        fams = sorted(set(families))
        if fams:
            # incidents without a country that share a group family, or any family match for an item
            # without a country
            marks = ",".join("?" * len(fams))
            if country:
                # the few incidents without a country first (index on country, last_at; an incident's
                # incident_groups rows carry its last_at), then their families: not every incident
                # of the families in the window, read only to be dropped for having a country
                q = (f"SELECT {head_i}, {_STAMP_I} FROM incidents i WHERE i.country IS NULL AND i.last_at >= ? "
                     f"AND i.first_at <= ? AND i.first_at >= ? AND EXISTS (SELECT 1 FROM incident_groups g "
                     f"WHERE g.incident_id = i.id AND g.group_id IN ({marks}) AND g.last_at >= ?)")
                args: list = [lo, hi, span, *fams, lo]
            else:
                q = (f"SELECT DISTINCT {head_i}, {_STAMP_I} FROM incident_groups g JOIN incidents i "
                     f"ON i.id = g.incident_id WHERE g.group_id IN ({marks}) AND g.last_at >= ? "
                     f"AND i.first_at <= ? AND i.first_at >= ?")
                args = [*fams, lo, hi, span]
            for r in conn.execute(q, args):
                rows.setdefault(r[0], r)
        if defer is None:
            return [*self._states_of([(i, rows[i][2:]) for i in sorted(rows)], decode).values()]
        return self._summarised([rows[i] for i in sorted(rows)], decode, defer, summary or _NO_SUMMARY)

    def _summarised(self, rows: list[tuple], decode: Decode[T], defer: Callable[[str], bool],
                    read: Callable[[str | None], Any]) -> list[T | DeferredIncident]:
        """``(id, summary, *stamp)`` rows as deferred candidates; one without a summary is decoded unless ``defer``."""
        cache = self._summary_cache if getattr(self, "_summary_read", None) is read else {}
        self._summary_cache, self._summary_read = cache, read
        out, bare = [], []
        for r in rows:
            i, st, hit = r[0], r[2:], cache.get(r[0])
            if hit is None or hit[0] != st or hit[2] != decode:
                if len(cache) >= STATE_CACHE_MAX:
                    cache.clear()
                hit = cache[i] = (st, DeferredIncident(
                    i, st[0], lambda i=i, st=st: self._states_of([(i, st)], decode)[i], read(r[1])), decode)
            if hit[1].summary is None and not defer(st[0]):
                bare.append((i, st))
            out.append(hit[1])
        states = self._states_of(bare, decode) if bare else {}
        return [states.get(c.id, c) for c in out] if states else out

    def _states_of(self, stamped: list[tuple[int, tuple]], decode: Decode[T]) -> dict[int, T]:
        """Decoded states of ``(id, stamp)`` rows, from a cache (the window's incidents are read again for every
        item): only rows whose stamp (kind, items, updated_at, last_at, killed, wounded) is not the cached one are
        fetched and decoded. Every save moves ``items`` and ``updated_at``; a cycle that rolls back drops the cache
        (:meth:`forget_cached_incidents`), and so does another ``decode``."""
        cache: dict[int, tuple[tuple, Any]] = self.__dict__.setdefault("_incident_cache", {})
        if getattr(self, "_incident_decode", None) != decode:
            cache.clear()
            self._incident_decode = decode
        missing = [i for i, stamp in stamped if (cache.get(i) or ((),))[0] != stamp]
        for chunk in (missing[k:k + 500] for k in range(0, len(missing), 500)):
            if len(cache) + len(chunk) > STATE_CACHE_MAX:
                cache.clear()
            for i, blob, *stamp in self.db.conn.execute(
                    f"SELECT id, state, {_STAMP} FROM incidents WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                cache[i] = (tuple(stamp), decode(i, json.loads(blob)))
        return {i: cache[i][1] for i, _ in stamped if i in cache}

    def forget_cached_incidents(self) -> None:
        """Drop the decoded incident states and alert states kept in memory (after a rollback)."""
        for name in ("_incident_cache", "_alert_cache", "_summary_cache"):
            getattr(self, name, {}).clear()

    def save_incident(self, row: IncidentRow, *, at: str, previous_last_at: datetime | None = None,
                      previous_families: frozenset[str] = frozenset(), decode: Decode | None = None) -> int:
        """Insert (``row.id is None``) or update an incident; returns its id. ``previous_last_at``,
        ``previous_families``: those of the stored row this one replaces (same id); its ``incident_groups``
        rows that would not change are not rewritten. ``decode``: the candidates' (:meth:`_states_of`),
        to keep ``decode(id, row.state)`` as the row's decoded state (not read back and decoded again)."""
        blob = dumps_compact(row.state)
        cols = [row.kind, row.country, row.province, row.place, _iso(row.first_at), _iso(row.last_at),
                row.killed, row.wounded, row.items]
        incident_id = row.id
        if incident_id is None:
            cur = self.db.conn.execute(
                "INSERT INTO incidents(kind, country, province, place, first_at, last_at, killed, wounded, items, "
                "created_at, updated_at, state, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [*cols, at, at, blob, row.summary])
            incident_id = cur.lastrowid
        else:
            self.db.conn.execute(
                "UPDATE incidents SET kind = ?, country = ?, province = ?, place = ?, first_at = ?, last_at = ?, "
                "killed = ?, wounded = ?, items = ?, updated_at = ?, state = ?, summary = ? WHERE id = ?",
                [*cols, at, blob, row.summary, incident_id])
        fams, last, cache = set(row.families), _iso(row.last_at), getattr(self, "_incident_cache", None)
        if decode is not None and cache is not None and decode == self._incident_decode:
            if len(cache) >= STATE_CACHE_MAX:
                cache.clear()
            stamp = (row.kind, row.items, at, last, row.killed, row.wounded)    # _STAMP, as _states_of reads it
            cache[incident_id] = (stamp, decode(incident_id, row.state))
        if previous_last_at is not None and row.id is not None:
            # rows of the previous families exist: one UPDATE moves their last_at (none if unchanged),
            # and only new families are inserted
            if previous_last_at != row.last_at:
                self.db.conn.execute("UPDATE incident_groups SET last_at = ? WHERE incident_id = ?",
                                     [last, incident_id])
            fams -= previous_families
        if fams:
            self.db.conn.executemany(
                "INSERT INTO incident_groups(incident_id, group_id, last_at) VALUES (?, ?, ?) "
                "ON CONFLICT(incident_id, group_id) DO UPDATE SET last_at = excluded.last_at",
                [(incident_id, gid, last) for gid in sorted(fams)])
        return incident_id

    def add_incident_item(self, incident_id: int, item: Item, facts: Facts, *, score: float,
                          reasons: Sequence[str], at: str) -> None:
        self.db.conn.execute(
            "INSERT OR REPLACE INTO incident_items(item_key, incident_id, joined_at, published, source, title, url, "
            "kind, killed, wounded, score, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [item.key, incident_id, at, _iso(item.published) if item.published else None, item.source or item.feed,
             item.title, item.url, facts.kind, facts.killed, facts.wounded, score,
             dumps_unicode(list(reasons))])

    def add_incident_events(self, incident_id: int, events: Iterable[Event], *, at: str) -> None:
        self.db.conn.executemany(
            "INSERT INTO incident_events(incident_id, at, item_key, type, field, old, new, source, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(incident_id, at, e.item_key or None, e.type, e.field, dumps(e.old), dumps(e.new),
              e.source, e.note) for e in events])

    # -- reading, for the CLI, digests and the chart ------------------------------------------
    def recent_incidents(self, *, limit: int = 50, since: str | None = None) -> list[dict]:
        q = "SELECT id, kind, country, province, place, first_at, last_at, killed, wounded, items FROM incidents"
        args: list = []
        if since:
            q += " WHERE last_at >= ?"
            args.append(since)
        q += " ORDER BY last_at DESC, id DESC LIMIT ?"
        args.append(limit)
        return [dict(r) for r in self.db.query(q, args)]

    def incident_items(self, incident_id: int) -> list[dict]:
        out = []
        for r in self.db.query("SELECT * FROM incident_items WHERE incident_id = ? "
                               "ORDER BY coalesce(published, joined_at), rowid", [incident_id]):
            r = dict(r)
            r["reasons"] = json.loads(r["reasons"])
            out.append(r)
        return out

    def incident_events(self, incident_id: int) -> list[dict]:
        out = []
        for r in self.db.query("SELECT * FROM incident_events WHERE incident_id = ? ORDER BY id", [incident_id]):
            r = dict(r)
            r["old"] = json.loads(r["old"]) if r["old"] is not None else None
            r["new"] = json.loads(r["new"]) if r["new"] is not None else None
            out.append(r)
        return out

    def incident_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM incidents").fetchone()[0]

    def incident_of(self, item_key: str) -> int | None:
        row = self.db.execute("SELECT incident_id FROM incident_items WHERE item_key = ?", [item_key]).fetchone()
        return row[0] if row else None

    def incidents_since(self, since: str, decode: Decode[T]) -> list[T]:
        """Incidents with an item published at or after ``since`` (for the chart and digests)."""
        return [decode(i, json.loads(s)) for i, s in self.db.execute(
            "SELECT id, state FROM incidents WHERE last_at >= ? ORDER BY last_at", [since])]

    def prune_incidents(self, before: str) -> int:
        """Drop incidents whose latest item is older than ``before``, with their items, history and alert state."""
        ids = [r[0] for r in self.db.execute("SELECT id FROM incidents WHERE last_at < ?", [before])]
        for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
            marks = ",".join("?" * len(chunk))
            for table, col in (("incident_items", "incident_id"), ("incident_events", "incident_id"),
                               ("incident_alerts", "incident_id"), ("incident_groups", "incident_id"),
                               ("incidents", "id")):
                self.db.execute(f"DELETE FROM {table} WHERE {col} IN ({marks})", chunk)
        return len(ids)
