"""One runtime() builder (bot/app/runtime.py) for ``run --once`` and the daemon: same checks, same parts."""
from __future__ import annotations

import pytest

from bot.app.daemon import Daemon
from bot.app.runtime import run_once, runtime
from bot.config import load_config
from bot.errors import ConfigError


def _config(tmp_path, state_dir: str):
    p = tmp_path / "newsbot.yaml"
    p.write_text(f"state_dir: {state_dir}\nfeeds: []\n")
    return load_config(p, env={})


async def test_the_builder_opens_state_and_client_and_takes_the_daemons_clock(tmp_path):
    cfg = _config(tmp_path, "state")
    pinned = lambda: None  # noqa: E731 - any callable: the builder passes it through
    async with runtime(cfg, now=pinned) as rt:
        assert rt.now is pinned and rt.book.ruleset.rules and rt.store.feeds() == []
        assert (tmp_path / "state" / "newsbot.db").exists()


@pytest.mark.parametrize("start", [
    lambda cfg: run_once(cfg),              # newsbot run --once
    lambda cfg: Daemon(cfg).run(),          # newsbot run
], ids=["once", "daemon"])
async def test_both_entry_points_name_a_state_folder_that_cannot_be_made(tmp_path, start):
    (tmp_path / "blocker").write_text("a file where the state folder's parent should be")
    cfg = _config(tmp_path, "blocker/state")
    with pytest.raises(ConfigError, match=r"state folder .*blocker/state cannot be created by user id"):
        await start(cfg)
