"""Start-up: turn a validated :class:`Config` into a running newsbot.

``run_once`` does one poll cycle of every feed and delivers what it can; the
daemon (``run_forever``) repeats that on each feed's interval.
"""
from __future__ import annotations

import logging
import os
import sys
from contextlib import asynccontextmanager
from pathlib import Path
from typing import AsyncIterator, TextIO

from bot import __version__
from bot.config import Config
from bot.notify.console import CONSOLE_CHAT, drain_console, subscribe_console
from bot.pipeline.cycle import CycleReport, Runtime, poll_cycle, utcnow
from bot.errors import ConfigError
from bot.feeds.fetch import Fetcher, FetchSettings
from bot.rulebook.book import Rulebook
from bot.store import Store, iso

log = logging.getLogger("newsbot")


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
async def runtime(config: Config, *, book: Rulebook | None = None) -> AsyncIterator[Runtime]:
    """Open state, load rules (raising RuleError with file:line), open the HTTP client."""
    book = book or Rulebook.load(config.rules_dir)
    check_state_dir(config.state_dir)
    store = Store(config.db_path)
    try:
        if config.console:
            subscribe_console(store, [r.id for r in book.ruleset.rules if r.enabled], at=iso(utcnow()))
        async with Fetcher(fetch_settings(config)) as fetcher:
            yield Runtime(config=config, store=store, book=book, fetcher=fetcher)
    finally:
        store.close()


async def run_once(config: Config, *, out: TextIO | None = None, as_json: bool = False,
                   book: Rulebook | None = None) -> CycleReport:
    async with runtime(config, book=book) as rt:
        report = await poll_cycle(rt)
        if config.console:
            drain_console(rt.store, out or sys.stdout, at=iso(rt.now()), as_json=as_json)
        return report


async def run_forever(config: Config) -> None:
    """The daemon: see :mod:`bot.app.daemon`."""
    from .daemon import run_daemon
    await run_daemon(config)
