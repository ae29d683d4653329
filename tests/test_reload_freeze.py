"""After a successful rules reload the daemon freezes the heap (``gc.freeze``), as start-up does after
warm-up: the new rulebook leaves the cyclic collector's full passes, and the old one still goes."""
from __future__ import annotations

import asyncio
import gc
import threading
import weakref

from bot.app.daemon import Daemon
from bot.config import load_config
from catalogues import copy_catalogues


def _rules(n: int) -> str:
    return "rules:\n" + "".join(f"  - id: r{i}\n    title: Rule {i}\n    keywords_any: [word{i}, other {i}]\n"
                                for i in range(n))


class _Cycle:
    def __init__(self) -> None:
        self.me = self


async def _started(d: Daemon, task: asyncio.Task) -> None:
    for _ in range(600):
        if d.jobs is not None or task.done():
            break
        await asyncio.sleep(0.05)
    assert not task.done() and d.jobs is not None, task.exception() if task.done() else "not started"
    # the start-up warm-up (it freezes too) must be over before the heap is unfrozen below
    for th in threading.enumerate():
        if th.name == "extract-warm-up":
            await asyncio.to_thread(th.join, 300)


async def test_a_reload_freezes_the_new_rulebook_and_the_replaced_one_is_still_freed(tmp_path):
    rules = copy_catalogues(tmp_path / "rules")
    (rules / "alerts.yaml").write_text(_rules(5))
    (tmp_path / "newsbot.yaml").write_text(
        "rules_dir: rules\nstate_dir: state\nhealth:\n  enabled: false\nreload:\n  watch: false\nfeeds: []\n")
    d = Daemon(load_config(tmp_path / "newsbot.yaml", env={}))
    task = asyncio.create_task(d.run())
    try:
        await _started(d, task)
        gc.unfreeze()
        assert gc.get_freeze_count() == 0
        garbage = _Cycle()
        gone = weakref.ref(garbage)
        del garbage

        (rules / "alerts.yaml").write_text(_rules(300))
        assert (await d.reloader.areload("command")).status == "reloaded"
        book = d.rt.book
        assert len(book.matcher) == 300
        # frozen: out of the collector's generations (gc.get_objects lists only those)
        assert gc.get_freeze_count() > 1000
        tracked = {id(o) for o in gc.get_objects()}
        assert id(book.matcher._compiled) not in tracked and id(book.ruleset.rules) not in tracked
        assert gone() is None       # cyclic garbage was collected first, not frozen for good

        # a reload that changes nothing freezes nothing
        gc.unfreeze()
        assert (await d.reloader.areload("command")).status == "unchanged"
        assert gc.get_freeze_count() == 0
        gc.freeze()

        # the replaced (frozen) book is freed by reference counting: no unfreeze needed
        replaced = weakref.ref(book)
        del book
        (rules / "alerts.yaml").write_text(_rules(7))
        assert (await d.reloader.areload("command")).status == "reloaded"
        assert len(d.rt.book.matcher) == 7 and replaced() is None
    finally:
        d.stop_event.set()
        await asyncio.wait_for(task, 60)
        gc.unfreeze()       # leave the test process's collector as it was
