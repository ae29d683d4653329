"""Start-up: turn a validated :class:`Config` into a running newsbot.

:func:`runtime` is the one builder of a :class:`~bot.pipeline.cycle.Runtime` (state, rules,
HTTP client), used by ``--once`` (:func:`run_once`: one poll cycle of every feed, then deliver
what it can) and by the daemon (:mod:`bot.app.daemon`, which repeats that on each feed's interval).
"""
from __future__ import annotations

import os
import sys
from contextlib import asynccontextmanager
from pathlib import Path
from datetime import datetime
from typing import AsyncIterator, Callable, TextIO

from bot.app.arenas import limit_malloc_arenas
from bot.clock import iso, utcnow
from bot.config import Config
from bot.errors import ConfigError
from bot.feeds.fetch import Fetcher, FetchSettings
from bot.notify.console import drain_console, subscribe_console
from bot.pipeline.cycle import CycleReport, Runtime, poll_cycle
from bot.rulebook.book import Rulebook
from bot.store import Store


def fetch_settings(config: Config) -> FetchSettings:
    f = config.fetch
    kw = dict(connect_timeout=f.connect_timeout, total_timeout=f.timeout, max_bytes=f.max_bytes,
              max_redirects=f.max_redirects)
    if f.user_agent:
        kw["user_agent"] = f.user_agent
    return FetchSettings(**kw)


def check_state_dir(state_dir: Path) -> None:
    """The state folder must exist (or be creatable) and be writable by this process's user.

    Raises :class:`ConfigError` naming the folder, the user id and the fix, instead of
    SQLite's bare "unable to open database file" (a Docker bind mount owned by root).
    """
    uid, gid = os.getuid(), os.getgid()
    fix = (f"fix: `sudo chown -R {uid}:{gid} {state_dir}`, or set state_dir to a folder user id {uid} owns "
           "(docker compose: the container runs as user id 10001, so on the host run "
           "`sudo chown -R 10001:10001 ./state` beside docker-compose.yml)")
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"state folder {state_dir} cannot be created by user id {uid} "
                          f"({exc.strerror or exc}): {fix}") from None
    if not os.access(state_dir, os.W_OK | os.X_OK):
        raise ConfigError(f"state folder {state_dir} is not writable by user id {uid}: {fix}")
    db = state_dir / "newsbot.db"
    if db.exists() and not os.access(db, os.R_OK | os.W_OK):
        raise ConfigError(f"state database {db} is not writable by user id {uid}: {fix}")


@asynccontextmanager
async def runtime(config: Config, *, book: Rulebook | None = None,
                  now: Callable[[], datetime] = utcnow) -> AsyncIterator[Runtime]:
    """Load rules (raising RuleError with file:line) unless ``book`` is given, check and open the
    state, open the HTTP client; close them on exit. glibc's malloc arenas are capped first, before
    any worker thread allocates (:mod:`bot.app.arenas`)."""
    limit_malloc_arenas()
    book = book or Rulebook.load(config.rules_dir)
    check_state_dir(config.state_dir)
    store = Store(config.db_path)
    try:
        async with Fetcher(fetch_settings(config)) as fetcher:
            yield Runtime(config=config, store=store, book=book, fetcher=fetcher, now=now)
    finally:
        store.close()


async def run_once(config: Config, *, out: TextIO | None = None, as_json: bool = False,
                   book: Rulebook | None = None) -> CycleReport:
    async with runtime(config, book=book) as rt:
        if config.console:
            subscribe_console(rt.store, [r.id for r in rt.book.ruleset.rules if r.enabled], at=iso(utcnow()))
        report = await poll_cycle(rt)
        if config.console:
            drain_console(rt.store, out or sys.stdout, at=iso(rt.now()), as_json=as_json)
        return report

