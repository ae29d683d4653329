"""Opening the state database: WAL, busy timeout, versioned migrations.

This package is the only place that imports sqlite-utils; the rest of newsbot
talks to :class:`bot.store.Store`.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from ..errors import StoreError
from ._schema import MIGRATIONS

BUSY_TIMEOUT_MS = 5000


def connect(path: str | Path | None) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the database at ``path``; ``None`` is in-memory."""
    try:
        if path is None:
            conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if path is not None:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        db = sqlite_utils.Database(conn)
        migrate(db)
        return db
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open state database {path}: {exc}") from exc


def migrate(db: sqlite_utils.Database) -> int:
    """Apply every migration newer than ``PRAGMA user_version``; return the version reached."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise StoreError(
            f"state database is at schema version {version}, newer than this newsbot ({len(MIGRATIONS)})"
        )
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        with db.atomic():
            for statement in _statements(script):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {number}")
    return len(MIGRATIONS)


def _statements(script: str) -> list[str]:
    # executescript() would commit the open transaction; split instead (no ';' inside our DDL strings).
    out = []
    for chunk in script.split(";"):
        lines = [ln for ln in chunk.splitlines() if ln.strip() and not ln.strip().startswith("--")]
        body = "\n".join(ln.split("--")[0] for ln in lines).strip()
        if body:
            out.append(body)
    return out
