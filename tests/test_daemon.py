"""`newsbot run` as a real process: loopback feeds, the loopback Bot API, a real SQLite file.

Each test starts the daemon as a subprocess, the way docker compose does, and checks what
arrives at the Bot API test server. Waits are bounded by deadlines, never by sleeps that
assert speed.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path

import pytest

from botapi_server import BotAPIServer

from bot.store import Store
from catalogues import copy_catalogues

ROOT = Path(__file__).resolve().parents[1]
CHAT = 42
ADMIN = 900
INTERVAL = 5


def rss(*items: tuple[str, str, str]) -> bytes:
    now = format_datetime(datetime.now(timezone.utc))
    body = "".join(f"<item><guid>{g}</guid><title>{t}</title><link>https://news.example/{g}</link>"
                   f"<pubDate>{now}</pubDate><description>{x}</description></item>" for g, t, x in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{body}</channel></rss>'.encode()


def item(n: int) -> tuple[str, str, str]:
    return (f"i{n}", f"Ambush number {n} on a road", f"Gunmen staged ambush number {n} on a road.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float, what: str, step: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class Daemon:
    def __init__(self, workdir: Path, botapi, env_extra: dict | None = None):
        self.workdir = workdir
        self.botapi = botapi
        self.env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(workdir),
                    "TELEGRAM_BOT_TOKEN": botapi.token, "TELEGRAM_API_URL": botapi.base_url,
                    "TELEGRAM_ADMIN_IDS": str(ADMIN), **(env_extra or {})}
        self.proc: subprocess.Popen | None = None
        self.runs = 0

    @property
    def log(self) -> str:
        return "".join((self.workdir / f"daemon{i}.log").read_text(errors="replace")
                       for i in range(1, self.runs + 1))

    def start(self) -> "Daemon":
        self.runs += 1
        out = open(self.workdir / f"daemon{self.runs}.log", "w")
        self.proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "run", "--config", "newsbot.yaml"],
                                     cwd=self.workdir, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        this_run = self.workdir / f"daemon{self.runs}.log"     # this process's own start-up, not an earlier one's
        wait_for(lambda: "newsbot running" in this_run.read_text(errors="replace") or self.proc.poll() is not None,
                 60, "start-up")
        assert self.proc.poll() is None, self.log
        return self

    def stop(self, sig=signal.SIGTERM, timeout: float = 40) -> int:
        self.proc.send_signal(sig)
        return self.proc.wait(timeout)

    def polls(self, url: str) -> int:
        with sqlite3.connect(self.workdir / "state" / "newsbot.db") as c:
            try:
                row = c.execute("SELECT last_polled_at FROM feeds WHERE url = ?", [url]).fetchone()
            except sqlite3.OperationalError:   # the file exists, its schema is still being created
                return None
        return row[0] if row else None


@pytest.fixture
def setup(tmp_path, feed_server, botapi):
    """A work dir with rules, a config, and chat 42 subscribed to the 'ambush' rule."""
    rules = tmp_path / "rules"
    rules.mkdir()
    copy_catalogues(rules)
    (rules / "alerts.yaml").write_text("rules:\n  - id: ambush\n    title: Ambushes\n    keywords_any: [ambush]\n")
    health_port = free_port()

    def write_config(feeds: list[tuple[str, str]], **extra):
        lines = ["rules_dir: rules", "state_dir: state", "schedule:\n  start_spread: 0",
                 f"health:\n  port: {health_port}\n  max_poll_age: {extra.pop('max_poll_age', 600)}",
                 "reload:\n  debounce_ms: 100", "fetch:\n  timeout: 3\n  connect_timeout: 2", "feeds:"]
        for name, url in feeds:
            lines.append(f"  - name: {name}\n    url: {url}\n    interval: {INTERVAL}\n    allow_private: true")
        (tmp_path / "newsbot.yaml").write_text("\n".join(lines) + "\n")

    def subscribe(*chats: int, rule: str = "ambush"):
        store = Store(tmp_path / "state" / "newsbot.db")
        for chat in chats:
            store.ensure_chat(chat, at="2024-01-01T00:00:00+00:00")
            store.subscribe(chat, rule, at="2024-01-01T00:00:00+00:00")
        store.close()

    d = Daemon(tmp_path, botapi)
    d.write_config, d.subscribe, d.health = write_config, subscribe, f"http://127.0.0.1:{health_port}/healthz"
    d.rules = rules
    yield d
    if d.proc and d.proc.poll() is None:
        d.proc.kill()
        d.proc.wait()


def ambush_texts(botapi, chat=CHAT):
    return [t for t in botapi.texts(chat) if "Ambush number" in t]


def test_a_new_item_reaches_the_bot_api_within_the_interval(setup, feed_server, botapi):
    feed_server.set("/a.xml", rss(item(0)))
    setup.write_config([("A", feed_server.url("/a.xml"))])
    setup.subscribe(CHAT)
    setup.start()
    wait_for(lambda: setup.polls(feed_server.url("/a.xml")), 20, "the first poll (backlog)")
    feed_server.set("/a.xml", rss(item(0), item(1)))
    wait_for(lambda: ambush_texts(botapi), INTERVAL + 2, "the alert within the interval + 2 s")
    assert "Ambush number 1" in ambush_texts(botapi)[0]
    assert all("Ambush number 0" not in t for t in botapi.texts(CHAT))       # the backlog did not alert
    assert setup.stop() == 0
    assert botapi.token not in setup.log


def test_sigterm_mid_cycle_then_restart_loses_and_repeats_nothing(setup, feed_server, botapi):
    url = feed_server.url("/a.xml")
    feed_server.set("/a.xml", rss())
    setup.write_config([("A", url)])
    setup.subscribe(CHAT)
    setup.start()
    wait_for(lambda: setup.polls(url), 20, "the first poll")
    before = len(feed_server.requests_for("/a.xml"))
    feed_server.set("/a.xml", rss(item(1), item(2)), delay=2.0)              # the next fetch is slow
    wait_for(lambda: len(feed_server.requests_for("/a.xml")) > before, INTERVAL + 5, "the slow fetch")
    assert setup.stop(signal.SIGTERM) == 0                                   # mid-fetch
    assert "shutting down" in setup.log
    setup.start()
    wait_for(lambda: len(ambush_texts(botapi)) >= 2, 30, "both alerts after the restart")
    time.sleep(INTERVAL + 1)                                                  # a further poll repeats nothing
    assert setup.stop() == 0
    texts = ambush_texts(botapi)
    assert sorted(t.split("Ambush number ")[1][:1] for t in texts) == ["1", "2"]


@pytest.mark.parametrize("point", ["during fetch", "during fan-out"])
def test_kill_9_then_restart_loses_nothing(setup, feed_server, botapi, point):
    chats = list(range(1001, 1013))
    url = feed_server.url("/a.xml")
    feed_server.set("/a.xml", rss())
    setup.write_config([("A", url)])
    setup.subscribe(*chats)
    setup.start()
    wait_for(lambda: setup.polls(url), 20, "the first poll")
    before = len(feed_server.requests_for("/a.xml"))
    if point == "during fetch":
        feed_server.set("/a.xml", rss(item(1)), delay=2.0)
        wait_for(lambda: len(feed_server.requests_for("/a.xml")) > before, INTERVAL + 5, "the slow fetch")
    else:
        feed_server.set("/a.xml", rss(item(1)))
        wait_for(lambda: len(botapi.sent()) >= 3, INTERVAL + 10, "fan-out under way")
    setup.proc.kill()
    setup.proc.wait()
    setup.start()
    wait_for(lambda: all(ambush_texts(botapi, c) for c in chats), 40, "every chat's alert")
    time.sleep(2)
    assert setup.stop() == 0
    for c in chats:
        assert 1 <= len(ambush_texts(botapi, c)) <= 2, c                    # none lost, at most one repeat
    with sqlite3.connect(setup.workdir / "state" / "newsbot.db") as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_hanging_or_failing_feed_leaves_the_others_on_time(setup, feed_server, botapi):
    feed_server.hang("/hang.xml", seconds=60)
    feed_server.set("/down.xml", b"down", status=500)
    feed_server.set("/bad.xml", b"\x00\x01 garbage \xff", content_type="application/rss+xml")
    feed_server.set("/a.xml", rss())
    setup.write_config([("hang", feed_server.url("/hang.xml")), ("down", feed_server.url("/down.xml")),
                        ("bad", feed_server.url("/bad.xml")), ("A", feed_server.url("/a.xml"))])
    setup.subscribe(CHAT)
    setup.start()
    wait_for(lambda: setup.polls(feed_server.url("/a.xml")), 20, "the first poll")
    feed_server.set("/a.xml", rss(item(1)))
    wait_for(lambda: ambush_texts(botapi), INTERVAL + 2, "the good feed's alert on time")
    assert setup.stop() == 0
    with sqlite3.connect(setup.workdir / "state" / "newsbot.db") as c:
        errors = dict(c.execute("SELECT name, last_error_kind FROM feeds WHERE name != 'A'"))
    assert errors == {"hang": "timeout", "down": "http", "bad": "parse"}


def test_a_broken_rule_edit_keeps_the_old_rules_and_a_fix_is_picked_up(setup, feed_server, botapi):
    url = feed_server.url("/a.xml")
    feed_server.set("/a.xml", rss())
    setup.write_config([("A", url)])
    setup.subscribe(CHAT)
    setup.subscribe(CHAT, rule="convoy")
    setup.start()
    wait_for(lambda: setup.polls(url), 20, "the first poll")
    (setup.rules / "more.yaml").write_text("rules:\n  - id: convoy\n    title: Convoys\n    colour: red\n")
    wait_for(lambda: any("more.yaml:4" in t for t in botapi.texts(ADMIN)), 15, "the admin told of the error")
    feed_server.set("/a.xml", rss(item(1)))                                  # old rules still alert
    wait_for(lambda: ambush_texts(botapi), INTERVAL + 5, "an alert on the old rules")
    (setup.rules / "more.yaml").write_text("rules:\n  - id: convoy\n    title: Convoys\n    keywords_any: [convoy]\n")
    wait_for(lambda: any("reloaded" in t.lower() for t in botapi.texts(ADMIN)), 15, "the fixed rules loaded")
    feed_server.set("/a.xml", rss(item(1), ("c1", "Convoy hit", "A convoy was hit.")))
    wait_for(lambda: any("Convoy hit" in t for t in botapi.texts(CHAT)), INTERVAL + 5, "the new rule alerting")
    assert setup.stop() == 0


def test_healthz_turns_unhealthy_when_polling_stalls(setup, feed_server, botapi):
    url = feed_server.url("/a.xml")
    feed_server.set("/a.xml", rss())
    setup.write_config([("A", url)], max_poll_age=10)
    setup.start()

    def status():
        try:
            with urllib.request.urlopen(setup.health, timeout=5) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read())

    wait_for(lambda: status()[0] == 200, 20, "healthy")
    feed_server.hang("/a.xml", seconds=60)                                  # every poll now times out
    code, body = wait_for(lambda: (s := status())[0] == 503 and s, 40, "unhealthy")
    assert "poll" in json.dumps(body)
    assert setup.stop() == 0


# ---------------------------------------------------------------- start-up paths (issue 9)
def _health(url: str):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())
    except (urllib.error.URLError, OSError):
        return 0, {}


def _start_newsbot(workdir: Path, env: dict, *args: str) -> tuple[subprocess.Popen, Path]:
    log = workdir / "newsbot.log"
    proc = subprocess.Popen(["newsbot", "run", "--config", "newsbot.yaml", *args], cwd=workdir, env=env,
                            stdout=open(log, "w"), stderr=subprocess.STDOUT)
    return proc, log


def test_without_a_token_the_daemon_polls_and_prints_console_alerts(setup, feed_server):
    url = feed_server.url("/a.xml")
    feed_server.set("/a.xml", rss())
    setup.write_config([("A", url)])
    with open(setup.workdir / "newsbot.yaml", "a") as f:
        f.write("console: true\n")
    env = {k: v for k, v in setup.env.items() if not k.startswith("TELEGRAM_")}
    proc, log = _start_newsbot(setup.workdir, env)
    try:
        wait_for(lambda: setup.polls(url) if (setup.workdir / "state" / "newsbot.db").exists() else None,
                 30, "the first poll without a token")
        feed_server.set("/a.xml", rss(item(0), item(1)))
        wait_for(lambda: "Ambush number 1" in log.read_text(), INTERVAL + 10, "the console alert")
        code, body = _health(setup.health)
        assert code == 200 and body["last_successful_poll"] is not None
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(40) == 0
    assert "was never awaited" not in log.read_text()


def test_a_rejected_token_stops_start_up_with_a_clear_reason(setup, feed_server, botapi):
    feed_server.set("/a.xml", rss())
    setup.write_config([("A", feed_server.url("/a.xml"))])
    env = {**setup.env, "TELEGRAM_BOT_TOKEN": "999:WRONG-TOKEN-value-abcdefghijklmnop"}
    proc, log = _start_newsbot(setup.workdir, env)
    assert proc.wait(60) != 0
    text = log.read_text()
    assert "TELEGRAM_BOT_TOKEN was rejected by the Bot API" in text
    assert "WRONG-TOKEN" not in text and "Traceback" not in text


def test_an_unreachable_bot_api_does_not_hold_back_polling(setup, feed_server):
    url = feed_server.url("/a.xml")
    feed_server.set("/a.xml", rss())
    setup.write_config([("A", url)])
    setup.subscribe(CHAT)
    closed = free_port()                                   # nothing listens there
    env = {**setup.env, "TELEGRAM_API_URL": f"http://127.0.0.1:{closed}/bot"}
    proc, log = _start_newsbot(setup.workdir, env)
    try:
        wait_for(lambda: setup.polls(url) if (setup.workdir / "state" / "newsbot.db").exists() else None,
                 30, "the first poll while Telegram is unreachable")
        feed_server.set("/a.xml", rss(item(0), item(1)))

        def queued():
            with sqlite3.connect(setup.workdir / "state" / "newsbot.db") as c:
                return c.execute("SELECT count(*) FROM outbox WHERE chat_id = ?", [CHAT]).fetchone()[0]
        wait_for(queued, INTERVAL + 10, "the alert waiting in the outbox")
        code, body = _health(setup.health)
        assert code == 200 and body["status"] == "degraded"
        assert any(d.startswith("telegram: unreachable since ") for d in body["degraded"])
        with urllib.request.urlopen(setup.health.replace("/healthz", "/metrics"), timeout=5) as r:
            assert "newsbot_telegram_reachable 0.0" in r.read().decode()
        late = BotAPIServer(setup.env["TELEGRAM_BOT_TOKEN"], port=closed).start()   # Telegram comes back
        try:
            wait_for(lambda: ambush_texts(late), 90, "the waiting alert delivered once Telegram answers")
            wait_for(lambda: _health(setup.health)[1].get("status") == "ok", 20, "healthz ok again")
        finally:
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(40) == 0
            late.stop()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert setup.env["TELEGRAM_BOT_TOKEN"] not in log.read_text()


def test_an_emptied_rule_file_keeps_the_last_good_rules_and_removals_are_told(setup, feed_server, botapi):
    url = feed_server.url("/a.xml")
    feed_server.set("/a.xml", rss())
    (setup.rules / "more.yml").write_text("rules:\n  - id: convoy\n    title: Convoys\n    keywords_any: [convoy]\n")
    setup.write_config([("A", url)])
    setup.subscribe(CHAT)
    setup.subscribe(CHAT, 43, rule="convoy")
    setup.start()
    wait_for(lambda: setup.polls(url), 20, "the first poll")
    (setup.rules / "more.yml").write_text("")                                # emptied by mistake
    wait_for(lambda: any("more.yml:1: the rule file is empty" in t for t in botapi.texts(ADMIN)), 15,
             "the admin told the file is empty")
    feed_server.set("/a.xml", rss(("c1", "Convoy hit", "A convoy was hit.")))  # the .yml rule still alerts
    wait_for(lambda: any("Convoy hit" in t for t in botapi.texts(CHAT)), INTERVAL + 5, "the last good rules")
    (setup.rules / "more.yml").unlink()                                       # removed on purpose
    wait_for(lambda: any("Removed rules had subscribers: convoy (2 chats); 2 chats affected" in t
                         for t in botapi.texts(ADMIN)), 15, "the admin told which rules and how many chats")
    assert setup.stop() == 0
