"""`newsbot demo` runs the whole pipeline on the bundled sample: no token, no network."""
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from bot.cli import main
from seeds import RULE_IDS, expected_articles

SAMPLE_PREFIX = "newsbot-sample:"


@pytest.fixture(scope="module")
def demo_alerts():
    result = CliRunner().invoke(main, ["demo", "--json"], env={"TELEGRAM_BOT_TOKEN": ""})
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_demo_json_has_the_contract_keys(demo_alerts):
    assert demo_alerts
    for a in demo_alerts:
        for key in ("rule", "item_url", "title", "published", "groups", "country", "province", "place",
                    "killed", "wounded", "kind"):
            assert key in a
        assert a["killed"] is None or isinstance(a["killed"], int)


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_demo_alerts_exactly_the_articles_labels_imply(demo_alerts, rule_id):
    got = {a["item_key"].removeprefix(SAMPLE_PREFIX) for a in demo_alerts if a["rule"] == rule_id}
    assert got == expected_articles(rule_id)


def test_demo_urls_are_canonical(demo_alerts):
    assert all("CMP=" not in (a["item_url"] or "") for a in demo_alerts)


def test_demo_readable_output_runs_as_a_console_script():
    out = subprocess.run([sys.executable, "-m", "bot.cli", "demo"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "isil-10-killed" in out.stdout or "ISIL or affiliates, 10 or more killed" in out.stdout
    assert "alerts." in out.stderr
