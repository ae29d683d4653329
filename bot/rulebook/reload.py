"""Rules hot reload: watch the rules directory, and reload on SIGHUP and ``/reload``.

One :class:`RuleReloader` holds the last good rule set. Each reload:

1. hashes the raw ``*.yaml``/``*.yml`` files of the directory; bytes identical
   to the active set mean nothing changed, and nothing is loaded;
2. otherwise calls the loader (``bot.rulebook.book.Rulebook.load`` in the daemon),
   which validates the whole set and raises :class:`bot.errors.RuleError`
   with ``path:line`` problems. An invalid set never replaces the good one: the
   problems are logged and handed to ``on_invalid`` (the daemon tells admins),
   once per distinct broken content;
3. a valid set whose content fingerprint equals the active one (a comment or
   whitespace edit) is "unchanged" and reloads nothing;
4. otherwise the new set becomes active (``on_reload``), and the ids of
   enabled rules that disappeared are handed to ``on_removed`` once, so their
   subscribers can be told (their subscriptions stay, inactive, until the rule
   returns: :meth:`bot.store.maintenance.MaintenanceMixin.sync_rule_subscriptions`).

Loading runs in a worker thread (:meth:`RuleReloader.areload`) so a large rule
set does not stall polling; reloads are serialised, and the swap happens on the
event loop. Callbacks are plain synchronous callables run on the loop.
"""
from __future__ import annotations

import asyncio
import hashlib
import logging
import signal
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Generic, Iterable, TypeVar

from watchfiles import Change, awatch

from bot.errors import Problem, RuleError

__all__ = ["ReloadResult", "RuleReloader", "rule_ids", "fingerprint_of", "directory_digest"]

log = logging.getLogger("newsbot.reload")

T = TypeVar("T")
PATTERNS = ("*.yaml", "*.yml")


@dataclass(frozen=True)
class ReloadResult:
    status: str                          # reloaded | unchanged | invalid
    trigger: str                         # start | watch | signal | command | manual
    fingerprint: str | None = None       # of the active set after this reload
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    repeated: bool = False               # the same broken content as last time: not reported again
    recovered: bool = False              # valid again after an invalid reload (tell admins)

    @property
    def ok(self) -> bool:
        return self.status != "invalid"

    def summary(self) -> str:
        """Human-readable, for admins and ``/reload``'s reply."""
        if self.status == "invalid":
            head = f"Rules not reloaded: {len(self.problems)} problem(s); still running the last good rules."
            return "\n".join([head, *(str(p) for p in self.problems)])
        if self.status == "unchanged":
            if self.recovered:
                return "Rules are valid again; the running rules did not change."
            return "Rules unchanged; nothing reloaded."
        parts = ["Rules reloaded."]
        if self.added:
            parts.append("Added: " + ", ".join(self.added) + ".")
        if self.removed:
            parts.append("Removed: " + ", ".join(self.removed) + ".")
        return " ".join(parts)


def directory_digest(rules_dir: str | Path, patterns: Iterable[str] = PATTERNS) -> str:
    """sha256 over the names and bytes of the rule files (what an edit can change)."""
    d = Path(rules_dir)
    h = hashlib.sha256()
    files = sorted({p for pat in patterns for p in d.glob(pat) if p.is_file()})
    for p in files:
        try:
            data = p.read_bytes()
        except OSError as exc:   # vanished between glob and read: still a distinct state
            data = f"<unreadable: {exc.strerror}>".encode()
        h.update(p.name.encode() + b"\0" + len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


def _ruleset(obj):
    return getattr(obj, "ruleset", obj)   # a Rulebook wraps a RuleSet


def rule_ids(obj) -> tuple[str, ...]:
    """Ids of the enabled rules of a ``Rulebook`` or ``RuleSet``."""
    return tuple(r.id for r in _ruleset(obj).rules if getattr(r, "enabled", True))


def fingerprint_of(obj) -> str:
    return getattr(obj, "fingerprint", None) or _ruleset(obj).fingerprint


class RuleReloader(Generic[T]):
    def __init__(self, rules_dir: str | Path, loader: Callable[[Path], T], *, current: T | None = None,
                 on_reload: Callable[[T, ReloadResult], None] | None = None,
                 on_invalid: Callable[[ReloadResult], None] | None = None,
                 on_removed: Callable[[tuple[str, ...], ReloadResult], None] | None = None,
                 on_result: Callable[[ReloadResult], None] | None = None,
                 ids: Callable[[T], Iterable[str]] = rule_ids,
                 fingerprint: Callable[[T], str] = fingerprint_of,
                 patterns: Iterable[str] = PATTERNS):
        """``current`` is the rule set already loaded at start-up (from the same directory), if any."""
        self.rules_dir = Path(rules_dir)
        self.loader = loader
        self.on_reload = on_reload
        self.on_invalid = on_invalid
        self.on_removed = on_removed
        self.on_result = on_result
        self._ids = ids
        self._fingerprint = fingerprint
        self.patterns = tuple(patterns)
        self._current: T | None = current
        self._raw: str | None = directory_digest(self.rules_dir, self.patterns) if current is not None else None
        self._bad_raw: str | None = None
        self._lock = asyncio.Lock()
        self.last_result: ReloadResult | None = None

    @property
    def current(self) -> T | None:
        """The active (last good) rule set."""
        return self._current

    # ------------------------------------------------------------------ reloading
    def reload(self, trigger: str = "manual") -> ReloadResult:
        """Reload now, on the calling thread (start-up, tests, synchronous callers)."""
        raw = directory_digest(self.rules_dir, self.patterns)
        pre = self._precheck(raw, trigger)
        if pre is not None:
            return self._finish(pre)
        return self._finish(self._apply(raw, trigger, *self._load()))

    async def areload(self, trigger: str = "command") -> ReloadResult:
        """Reload with the loader in a worker thread; concurrent requests run one after another."""
        async with self._lock:
            raw = await asyncio.to_thread(directory_digest, self.rules_dir, self.patterns)
            pre = self._precheck(raw, trigger)
            if pre is not None:
                return self._finish(pre)
            loaded = await asyncio.to_thread(self._load)
            return self._finish(self._apply(raw, trigger, *loaded))

    def request(self, trigger: str = "signal") -> asyncio.Task:
        """Schedule :meth:`areload` from a callback on the loop (a signal handler)."""
        task = asyncio.get_running_loop().create_task(self.areload(trigger))
        task.add_done_callback(_log_task_error)
        return task

    def install_signal_handler(self, sig: int = signal.SIGHUP) -> None:
        """Reload on SIGHUP (Unix); call from within the running loop."""
        asyncio.get_running_loop().add_signal_handler(sig, self.request, "signal")

    def _precheck(self, raw: str, trigger: str) -> ReloadResult | None:
        if self._current is not None and raw == self._raw:
            return ReloadResult("unchanged", trigger, self._fingerprint(self._current))
        if raw == self._bad_raw and self.last_result is not None and self.last_result.status == "invalid":
            r = self.last_result
            return ReloadResult("invalid", trigger, r.fingerprint, problems=r.problems, repeated=True)
        return None

    def _load(self) -> tuple[T | None, tuple[Problem, ...]]:
        try:
            return self.loader(self.rules_dir), ()
        except RuleError as exc:
            return None, tuple(exc.problems) or (Problem(str(self.rules_dir), 1, str(exc)),)
        except Exception as exc:   # a loader bug must not kill the daemon: keep the good set, say why
            log.exception("rules loader failed dir=%s", self.rules_dir)
            return None, (Problem(str(self.rules_dir), 1, f"cannot load rules: {type(exc).__name__}: {exc}"),)

    def _apply(self, raw: str, trigger: str, new: T | None, problems: tuple[Problem, ...]) -> ReloadResult:
        old = self._current
        old_fp = self._fingerprint(old) if old is not None else None
        if new is None:
            self._bad_raw = raw
            return ReloadResult("invalid", trigger, old_fp, problems=problems)
        self._bad_raw = None
        self._raw = raw
        fp = self._fingerprint(new)
        if old is not None and fp == old_fp:
            return ReloadResult("unchanged", trigger, fp)
        old_ids = set(self._ids(old)) if old is not None else set()
        new_ids = list(self._ids(new))
        added = tuple(i for i in new_ids if i not in old_ids) if old is not None else ()
        removed = tuple(sorted(old_ids - set(new_ids)))
        self._current = new
        return ReloadResult("reloaded", trigger, fp, added=added, removed=removed)

    def _finish(self, result: ReloadResult) -> ReloadResult:
        if result.ok and self.last_result is not None and not self.last_result.ok:
            result = replace(result, recovered=True)
        self.last_result = result
        if result.status == "invalid":
            if not result.repeated:
                log.warning("rules invalid, keeping the last good set trigger=%s problems=%d",
                            result.trigger, len(result.problems))
                for p in result.problems:
                    log.warning("rule problem %s", p)
                _call(self.on_invalid, result)
        elif result.status == "reloaded":
            log.info("rules reloaded trigger=%s rules=%d added=%s removed=%s fingerprint=%s",
                     result.trigger, len(self._ids(self._current)), ",".join(result.added) or "-",
                     ",".join(result.removed) or "-", (result.fingerprint or "")[:12])
            _call(self.on_reload, self._current, result)
            if result.removed:
                _call(self.on_removed, result.removed, result)
        else:
            log.debug("rules unchanged trigger=%s", result.trigger)
        _call(self.on_result, result)
        return result

    # ------------------------------------------------------------------ watching
    def _wanted(self, change: Change, path: str) -> bool:
        p = Path(path)
        return not p.name.startswith(".") and any(p.match(pat) for pat in self.patterns)

    async def watch(self, *, stop_event: asyncio.Event | None = None, debounce_ms: int = 500,
                    force_polling: bool = False) -> None:
        """Reload whenever a rule file changes, until ``stop_event`` is set or the task is cancelled."""
        log.info("watching rules dir=%s", self.rules_dir)
        try:
            async for _changes in awatch(self.rules_dir, watch_filter=self._wanted, stop_event=stop_event,
                                         debounce=max(1, debounce_ms), step=min(50, max(1, debounce_ms)),
                                         force_polling=force_polling, recursive=False):
                await self.areload("watch")
        except FileNotFoundError:
            log.error("cannot watch rules dir=%s: not found; SIGHUP and /reload still work", self.rules_dir)


def _call(fn, *args) -> None:
    if fn is None:
        return
    try:
        fn(*args)
    except Exception:  # one failing notifier must not undo a reload or stop the watcher
        log.exception("reload callback failed callback=%s", getattr(fn, "__name__", fn))


def _log_task_error(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("rules reload failed", exc_info=task.exception())
