"""Rules hot reload on a real temp rules dir, with the real loader (bot.rulebook.load.load_rules) and real watchfiles."""
import asyncio
import os
import signal
from pathlib import Path

import pytest

from bot.errors import Problem, RuleError
from bot.rulebook.reload import ReloadResult, RuleReloader, directory_digest, rule_ids
from bot.rulebook.load import load_rules
from catalogues import copy_catalogues


GOOD = """\
rules:
  - id: isil-any
    title: ISIL, anything
    groups: [isil]
  - id: taliban-attacks
    title: Taliban attacks
    groups: [taliban]
    kinds: [attack]
"""

# line 5: a group id that does not exist
BROKEN = """\
rules:
  - id: isil-any
    title: ISIL, anything
    groups:
      - no-such-group
  - id: taliban-attacks
    title: Taliban attacks
    groups: [taliban]
    kinds: [attack]
"""

FIXED_WITH_NEW_RULE = GOOD + """\
  - id: al-shabaab-any
    title: al-Shabaab, anything
    groups: [al-shabaab]
"""

TALIBAN_REMOVED = """\
rules:
  - id: isil-any
    title: ISIL, anything
    groups: [isil]
"""


class Recorder:
    """Counts loader calls and collects every callback."""

    def __init__(self, loader=load_rules):
        self.loader_calls = 0
        self._loader = loader
        self.reloaded: list[tuple[object, ReloadResult]] = []
        self.invalid: list[ReloadResult] = []
        self.removed: list[tuple[str, ...]] = []
        self.results: list[ReloadResult] = []

    def load(self, d):
        self.loader_calls += 1
        return self._loader(d)

    def reloader(self, rules_dir, current=None) -> RuleReloader:
        return RuleReloader(rules_dir, self.load, current=current,
                            on_reload=lambda new, r: self.reloaded.append((new, r)),
                            on_invalid=self.invalid.append,
                            on_removed=lambda ids, r: self.removed.append(ids),
                            on_result=self.results.append)


@pytest.fixture
def rules_dir(tmp_path):
    d = copy_catalogues(tmp_path / "rules")
    (d / "alerts.yaml").write_text(GOOD)
    return d


def started(rec: Recorder, rules_dir) -> RuleReloader:
    return rec.reloader(rules_dir, current=load_rules(rules_dir))


def test_broken_edit_keeps_the_old_rules_and_reports_path_line(rules_dir, caplog):
    rec = Recorder()
    rl = started(rec, rules_dir)
    good = rl.current
    (rules_dir / "alerts.yaml").write_text(BROKEN)
    r = rl.reload("manual")
    assert r.status == "invalid" and not r.ok
    assert rl.current is good
    assert rec.invalid == [r] and rec.reloaded == []
    where = [f"{p.path}:{p.line}" for p in r.problems]
    assert f"{rules_dir / 'alerts.yaml'}:5" in where
    assert "'no-such-group'" in r.summary()
    logged = [rec.getMessage() for rec in caplog.records if rec.name == "newsbot.reload"]
    assert any(m.startswith(f"rule problem {rules_dir / 'alerts.yaml'}:5: ") for m in logged)
    assert r.summary().startswith("Rules not reloaded: 1 problem(s); still running the last good rules.")
    assert r.fingerprint == good.fingerprint


def test_the_same_broken_content_is_reported_once(rules_dir):
    rec = Recorder()
    rl = started(rec, rules_dir)
    (rules_dir / "alerts.yaml").write_text(BROKEN)
    rl.reload()
    again = rl.reload()
    assert again.status == "invalid" and again.repeated
    assert len(rec.invalid) == 1 and rec.loader_calls == 1


def test_fixed_edit_is_picked_up(rules_dir):
    rec = Recorder()
    rl = started(rec, rules_dir)
    (rules_dir / "alerts.yaml").write_text(BROKEN)
    rl.reload()
    (rules_dir / "alerts.yaml").write_text(FIXED_WITH_NEW_RULE)
    r = rl.reload()
    assert r.status == "reloaded" and r.recovered
    assert r.added == ("al-shabaab-any",) and r.removed == ()
    assert rule_ids(rl.current) == ("isil-any", "taliban-attacks", "al-shabaab-any")
    assert rec.reloaded == [(rl.current, r)]
    assert r.summary() == "Rules reloaded. Added: al-shabaab-any."


def test_no_op_edit_reloads_nothing(rules_dir):
    rec = Recorder()
    rl = started(rec, rules_dir)
    before = rl.current
    (rules_dir / "alerts.yaml").write_text(GOOD)                 # same bytes written again
    r = rl.reload()
    assert r.status == "unchanged" and rec.loader_calls == 0
    (rules_dir / "alerts.yaml").write_text("# a comment\n" + GOOD + "\n\n")   # same content, other bytes
    r = rl.reload()
    assert r.status == "unchanged" and rec.loader_calls == 1
    assert rl.current is before and rec.reloaded == [] and r.summary() == "Rules unchanged; nothing reloaded."


def test_back_to_the_good_content_after_a_broken_edit_is_unchanged_but_recovered(rules_dir):
    rec = Recorder()
    rl = started(rec, rules_dir)
    (rules_dir / "alerts.yaml").write_text(BROKEN)
    rl.reload()
    (rules_dir / "alerts.yaml").write_text(GOOD)
    r = rl.reload()
    assert r.status == "unchanged" and r.recovered and rec.reloaded == []
    assert r.summary() == "Rules are valid again; the running rules did not change."


def test_removed_rule_is_reported_once(rules_dir):
    rec = Recorder()
    rl = started(rec, rules_dir)
    (rules_dir / "alerts.yaml").write_text(TALIBAN_REMOVED)
    r = rl.reload()
    assert r.removed == ("taliban-attacks",)
    (rules_dir / "alerts.yaml").write_text(TALIBAN_REMOVED.replace("ISIL, anything", "ISIL, any item"))
    assert rl.reload().status == "reloaded"
    assert rec.removed == [("taliban-attacks",)]
    (rules_dir / "alerts.yaml").write_text(GOOD)                 # the rule returns
    assert rl.reload().added == ("taliban-attacks",)


def test_disabling_a_rule_counts_as_removing_it(rules_dir):
    rec = Recorder()
    rl = started(rec, rules_dir)
    (rules_dir / "alerts.yaml").write_text(GOOD.replace("    kinds: [attack]\n", "    kinds: [attack]\n    enabled: false\n"))
    assert rl.reload().removed == ("taliban-attacks",)


def test_a_deleted_catalogue_is_invalid_not_fatal(rules_dir):
    rec = Recorder()
    rl = started(rec, rules_dir)
    (rules_dir / "groups.yaml").unlink()
    r = rl.reload()
    assert r.status == "invalid" and rl.current is not None
    assert any("groups.yaml" in p.path for p in r.problems)


def test_a_loader_crash_keeps_the_good_set():
    calls = {"n": 0}

    def loader(d):
        calls["n"] += 1
        raise KeyError("bug")

    rl = RuleReloader(Path("/nonexistent-rules"), loader)
    r = rl.reload()
    assert r.status == "invalid" and rl.current is None
    assert r.problems == (Problem("/nonexistent-rules", 1, "cannot load rules: KeyError: 'bug'"),)


def test_start_without_a_current_set_loads_it(rules_dir):
    rec = Recorder()
    rl = rec.reloader(rules_dir)
    r = rl.reload("start")
    assert r.status == "reloaded" and r.added == () and r.removed == ()
    assert rule_ids(rl.current) == ("isil-any", "taliban-attacks")


def test_a_failing_callback_does_not_undo_the_reload(rules_dir):
    def boom(new, result):
        raise RuntimeError("telegram down")

    rl = RuleReloader(rules_dir, load_rules, current=load_rules(rules_dir), on_reload=boom)
    (rules_dir / "alerts.yaml").write_text(FIXED_WITH_NEW_RULE)
    assert rl.reload().status == "reloaded"
    assert "al-shabaab-any" in rule_ids(rl.current)


def test_directory_digest_ignores_other_files(rules_dir):
    before = directory_digest(rules_dir)
    (rules_dir / "notes.txt").write_text("hello")
    assert directory_digest(rules_dir) == before
    (rules_dir / "extra.yml").write_text("rules: []\n")
    assert directory_digest(rules_dir) != before


async def test_concurrent_reloads_run_one_after_another(rules_dir):
    rec = Recorder()
    rl = started(rec, rules_dir)
    (rules_dir / "alerts.yaml").write_text(FIXED_WITH_NEW_RULE)
    a, b = await asyncio.gather(rl.areload("command"), rl.areload("signal"))
    assert sorted([a.status, b.status]) == ["reloaded", "unchanged"]
    assert len(rec.reloaded) == 1


async def wait_for(pred, what: str, timeout: float = 15.0):
    """Poll a condition (a limit, not a timing assertion)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not pred():
        if loop.time() > end:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def test_watch_picks_up_edits(rules_dir):
    rec = Recorder()
    rl = started(rec, rules_dir)
    stop = asyncio.Event()
    task = asyncio.create_task(rl.watch(stop_event=stop, debounce_ms=50))
    try:
        # Until the watcher is set up, edits can be missed: rewrite the same content (a no-op edit)
        # until a watch-triggered "unchanged" shows the watcher is live.
        loop = asyncio.get_running_loop()
        end = loop.time() + 15
        while not any(r.trigger == "watch" for r in rec.results):
            assert loop.time() < end, "the watcher never reported"
            (rules_dir / "alerts.yaml").write_text(GOOD)
            await asyncio.sleep(0.2)
        assert all(r.status == "unchanged" for r in rec.results) and rec.loader_calls == 0

        (rules_dir / "alerts.yaml").write_text(BROKEN)
        await wait_for(lambda: rec.invalid, "the broken edit to be reported")
        assert rec.invalid[0].trigger == "watch" and rule_ids(rl.current) == ("isil-any", "taliban-attacks")

        (rules_dir / "notes.txt").write_text("not a rule file")   # ignored by the filter
        (rules_dir / "alerts.yaml").write_text(TALIBAN_REMOVED)
        await wait_for(lambda: rec.reloaded, "the fixed edit to be picked up")
        assert rule_ids(rl.current) == ("isil-any",)
        assert rec.removed == [("taliban-attacks",)]
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)


async def test_sighup_reloads(rules_dir):
    rec = Recorder()
    rl = started(rec, rules_dir)
    loop = asyncio.get_running_loop()
    rl.install_signal_handler()
    try:
        (rules_dir / "alerts.yaml").write_text(FIXED_WITH_NEW_RULE)
        os.kill(os.getpid(), signal.SIGHUP)
        await wait_for(lambda: rec.reloaded, "SIGHUP to reload")
        assert rec.reloaded[0][1].trigger == "signal"
        assert rec.reloaded[0][1].added == ("al-shabaab-any",)
    finally:
        loop.remove_signal_handler(signal.SIGHUP)


def test_rule_error_problems_are_kept_verbatim(rules_dir):
    problems = [Problem("r/a.yaml", 3, "x"), Problem("r/b.yaml", 9, "y")]

    def loader(d):
        raise RuleError(problems)

    r = RuleReloader(rules_dir, loader).reload()
    assert list(r.problems) == problems
    assert r.summary().splitlines()[1:] == ["r/a.yaml:3: x", "r/b.yaml:9: y"]


def test_with_the_daemons_loader_rulebook(rules_dir):
    from bot.rulebook.book import Rulebook

    removed = []
    rl = RuleReloader(rules_dir, Rulebook.load, current=Rulebook.load(rules_dir),
                      on_removed=lambda ids, r: removed.append(ids))
    (rules_dir / "alerts.yaml").write_text(TALIBAN_REMOVED)
    r = rl.reload()
    assert r.status == "reloaded" and isinstance(rl.current, Rulebook)
    assert r.fingerprint == rl.current.fingerprint and removed == [("taliban-attacks",)]
    assert rule_ids(rl.current) == ("isil-any",)
