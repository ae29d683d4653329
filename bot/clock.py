"""Time in one place. newsbot keeps every instant in UTC and stores it as ISO 8601 text.

- :func:`utcnow` is the clock (components take a ``clock`` callable defaulting to it, so tests
  can pin time);
- :func:`as_utc` reads a naive datetime as UTC and converts an aware one to UTC;
- :func:`iso` writes the stored form (UTC, whole seconds);
- :func:`parse_iso` reads a stored or feed-given ISO string (``Z`` accepted) back to aware UTC,
  and :func:`parse_iso_or_none` is its forgiving form for text that may be missing or malformed;
- :func:`show` is the one human-readable form (``06 Dec 2026 13:05 UTC``).

``iso`` and ``parse_iso`` are cached: an incident's state holds the same few instants and is
encoded and decoded once per item.
"""
from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache

__all__ = ["utcnow", "as_utc", "iso", "parse_iso", "parse_iso_or_none", "show"]


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(dt: datetime) -> datetime:
    """``dt`` in UTC; a naive datetime is taken to be UTC already."""
    return dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt.astimezone(timezone.utc)


@lru_cache(maxsize=65536)
def iso(dt: datetime | None) -> str | None:
    """The stored form: ``2026-12-06T13:05:00+00:00`` (``None`` stays ``None``)."""
    if dt is None:
        return None
    return as_utc(dt).isoformat(timespec="seconds")


@lru_cache(maxsize=65536)
def parse_iso(s: str) -> datetime:
    """Aware UTC from ISO 8601 text; raises ``ValueError`` on text that is not a date."""
    return as_utc(datetime.fromisoformat(s))


def parse_iso_or_none(value: object) -> datetime | None:
    """:func:`parse_iso` for values that may be empty, not text, or not a date: those give ``None``."""
    if not value:
        return None
    try:
        return parse_iso(str(value))
    except ValueError:
        return None


def show(dt: datetime | str | None, *, year: bool = True) -> str | None:
    """``06 Dec 2026 13:05 UTC`` (or ``06 Dec 13:05 UTC``); ``None`` for a missing or unreadable time."""
    if isinstance(dt, str) or dt is None:
        dt = parse_iso_or_none(dt)
        if dt is None:
            return None
    return as_utc(dt).strftime("%d %b %Y %H:%M UTC" if year else "%d %b %H:%M UTC")
