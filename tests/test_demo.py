"""`newsbot demo` runs the whole pipeline on the bundled sample: no token, no network."""
import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from bot.cli import main
from seeds import ARTICLES, EXPECTED_INCIDENTS, RULE_IDS, expected_articles

SAMPLE_PREFIX = "newsbot-sample:"


def demo_json(*extra):
    result = CliRunner().invoke(main, ["demo", "--json", *extra], env={"TELEGRAM_BOT_TOKEN": ""})
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def seed_id(payload):
    return payload["item_key"].removeprefix(SAMPLE_PREFIX)


@pytest.fixture(scope="module")
def demo_lines():
    return demo_json()


def test_demo_json_has_the_contract_keys(demo_lines):
    assert demo_lines
    for a in demo_lines:
        for key in ("type", "incident", "rule", "item_url", "title", "published", "groups", "country",
                    "province", "place", "killed", "wounded", "kind"):
            assert key in a, key
        assert a["type"] in ("alert", "update")
        assert a["killed"] is None or isinstance(a["killed"], int)


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_demo_alerts_once_per_expected_incident(demo_lines, rule_id):
    alerted = [ARTICLES[seed_id(a)]["incident"] for a in demo_lines if a["rule"] == rule_id and a["type"] == "alert"]
    assert sorted(alerted) == sorted(EXPECTED_INCIDENTS[rule_id])


def test_demo_moscow_toll_rise_is_one_update(demo_lines):
    updates = [a for a in demo_lines if a["type"] == "update" and a["rule"] == "isil-10-killed"]
    assert len(updates) == 1
    assert ARTICLES[seed_id(updates[0])]["incident"] == "moscow-crocus-2024-03"
    assert updates[0]["killed"] == 137
    alerts = {a["incident"] for a in demo_lines if a["type"] == "alert" and a["rule"] == "isil-10-killed"}
    assert updates[0]["incident"] in alerts


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_demo_per_article_alerts_exactly_the_articles_labels_imply(rule_id):
    lines = demo_json("--per-article")
    got = {seed_id(a) for a in lines if a["rule"] == rule_id}
    assert got == expected_articles(rule_id)


def test_demo_urls_are_canonical(demo_lines):
    assert all("CMP=" not in (a["item_url"] or "") for a in demo_lines)


def test_demo_readable_output_runs_as_a_console_script():
    out = subprocess.run([sys.executable, "-m", "bot.cli", "demo"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "ISIL or affiliates, 10 or more killed" in out.stdout
    assert re.search(r"\d+ items read, \d+ alerts and \d+ updates\.", out.stderr), out.stderr


def test_demo_prints_no_warning_about_its_own_sample_feed():
    """The bundled sample is a file: it must read as a well-formed feed (no Content-Type warning)."""
    out = subprocess.run(["newsbot", "demo"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "level=warning" not in out.stderr and "problems" not in out.stderr, out.stderr
