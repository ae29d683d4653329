"""The command line as a user runs it."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from catalogues import copy_catalogues

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args, env=None, cwd=None, input=None):
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], capture_output=True, text=True,
                          timeout=120, env=env, cwd=cwd, input=input)


@pytest.mark.parametrize("cmd", [[], ["demo"], ["run"], ["rules"], ["rules", "check"], ["rules", "test"],
                                 ["extract"]])
def test_every_command_has_help(cmd):
    result = CliRunner().invoke(main, [*cmd, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


def test_run_once_polls_every_feed_and_exits(feed_server, tmp_path):
    feed_server.set("/a.xml", (ROOT / "bot" / "sample" / "seeds.xml").read_bytes())
    cfg = tmp_path / "newsbot.yaml"
    cfg.write_text(f"rules_dir: {ROOT / 'rules'}\nstate_dir: state\nconsole: true\nalert_backlog: true\n"
                   "retention:\n  items_days: 36500\n"
                   f"feeds:\n  - name: sample\n    url: {feed_server.url('/a.xml')}\n    allow_private: true\n"
                   f"  - name: broken\n    url: {feed_server.url('/missing.xml')}\n    allow_private: true\n")
    out = run_cli("run", "--once", "--config", str(cfg), env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert out.returncode == 0, out.stderr
    assert "2 feeds polled (1 failed), 11 new items" in out.stderr
    assert (tmp_path / "state" / "newsbot.db").exists()
    again = run_cli("run", "--once", "--config", str(cfg), env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert "0 new items" in again.stderr                     # items already seen are not re-read


def test_run_with_invalid_config_names_the_setting(tmp_path):
    cfg = tmp_path / "bad.yaml"
    cfg.write_text("feeds:\n  - name: x\n    url: gopher://x\n")
    out = run_cli("run", "--once", "--config", str(cfg))
    assert out.returncode == 2
    assert f"{cfg}:3: feeds[1].url" in out.stderr


def test_run_with_broken_rules_does_not_start(tmp_path):
    rules = copy_catalogues(tmp_path / "rules")
    (rules / "bad.yaml").write_text("rules:\n  - id: x\n    title: X\n    colour: red\n")
    cfg = tmp_path / "newsbot.yaml"
    cfg.write_text("rules_dir: rules\nstate_dir: state\n")
    out = run_cli("run", "--once", "--config", str(cfg))
    assert out.returncode == 1 and "bad.yaml:4:" in out.stderr


def test_rules_check_shipped_rules_pass():
    out = run_cli("rules", "check", str(ROOT / "rules"))
    assert out.returncode == 0, out.stdout + out.stderr


def test_rules_check_reports_file_and_line(tmp_path):
    copy_catalogues(tmp_path)
    (tmp_path / "mine.yaml").write_text("rules:\n  - id: a\n    title: A\n    groups: [no-such-group]\n")
    out = run_cli("rules", "check", str(tmp_path))
    assert out.returncode == 1
    assert f"{tmp_path / 'mine.yaml'}:4:" in out.stdout and "no-such-group" in out.stdout


def test_rules_test_explains_matches_on_the_sample():
    out = run_cli("rules", "test")
    assert out.returncode == 0, out.stderr
    assert "isil-10-killed" in out.stdout and "drc-beni-adf-38" in out.stdout


def test_rules_test_reads_json_lines_corpus(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "x1", "title": "Suicide bombing in Kandahar",
                                  "text": "At least 12 people were killed in a suicide bombing in Kandahar, "
                                          "Afghanistan. ISIL claimed responsibility."}) + "\n")
    out = run_cli("rules", "test", "--corpus", str(corpus))
    assert out.returncode == 0, out.stderr
    assert "afghanistan-attacks" in out.stdout and "x1" in out.stdout


def test_rules_test_bad_corpus_line_is_reported(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": 1, "title": "ok", "text": "fine"}\n{not json\n')
    out = run_cli("rules", "test", "--corpus", str(corpus))
    assert out.returncode == 1 and f"{corpus}:2: not valid JSON" in out.stderr


def test_extract_writes_one_line_per_input_in_order():
    lines = [json.dumps({"id": i, "title": t, "text": x}) for i, t, x in [
        ("a", "38 killed in DR Congo attack", "Rebels killed at least 38 people in Beni, North Kivu."),
        ("b", "Weather", "Sunny."),
    ]]
    out = run_cli("extract", "-", input="\n".join(lines) + "\n")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(x) for x in out.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    for key in ("kind", "groups", "country", "province", "province_code", "place", "killed", "wounded",
                "casualties"):
        assert key in rows[0]


def test_extract_bad_input_line():
    out = run_cli("extract", "-", input='{"id": 1, "title": 5, "text": "x"}\n')
    assert out.returncode == 1 and "<stdin>:1: 'title' must be a string" in out.stderr


@pytest.fixture
def polled(tmp_path):
    cfg = tmp_path / "newsbot.yaml"
    cfg.write_text(f"rules_dir: {ROOT / 'rules'}\nstate_dir: state\nalert_backlog: true\n"
                   "retention:\n  items_days: 36500\n"
                   f"feeds:\n  - name: sample\n    url: {(ROOT / 'bot' / 'sample' / 'seeds.xml').as_uri()}\n")
    out = run_cli("run", "--once", "--config", str(cfg))
    assert out.returncode == 0, out.stderr
    return cfg


def test_incidents_list_show_explain(polled):
    listing = run_cli("incidents", "list", "--config", str(polled))
    assert listing.returncode == 0 and "Crocus City Hall" in listing.stdout
    moscow = next(line.split()[0] for line in listing.stdout.splitlines() if "Crocus" in line)
    show = run_cli("incidents", "show", moscow, "--config", str(polled))
    assert show.returncode == 0 and "killed 133 -> 137" in show.stdout and "ALERT sent" in show.stdout
    explain = run_cli("incidents", "explain", moscow, "--config", str(polled))
    assert explain.returncode == 0 and "same place Crocus City Hall" in explain.stdout
    missing = run_cli("incidents", "show", "9999", "--config", str(polled))
    assert missing.returncode == 1 and "no incident 9999" in missing.stderr


def test_feeds_add_list_export_remove(polled, tmp_path):
    add = run_cli("feeds", "add", "https://news.example/rss.xml", "--name", "Example", "--config", str(polled))
    assert add.returncode == 0, add.stderr
    listing = run_cli("feeds", "list", "--config", str(polled))
    assert "Example" in listing.stdout and "sample" in listing.stdout
    opml = run_cli("feeds", "export", "--config", str(polled))
    assert "<opml" in opml.stdout and "https://news.example/rss.xml" in opml.stdout
    (tmp_path / "feeds.opml").write_text(opml.stdout.replace("news.example", "other.example"))
    imported = run_cli("feeds", "import", str(tmp_path / "feeds.opml"), "--config", str(polled))
    assert imported.returncode == 0 and "other.example" in run_cli("feeds", "list", "--config", str(polled)).stdout
    assert run_cli("feeds", "remove", "https://news.example/rss.xml", "--config", str(polled)).returncode == 0
    assert run_cli("feeds", "remove", "https://nowhere.example/x", "--config", str(polled)).returncode == 1


def test_feeds_add_rejects_a_bad_url(polled):
    out = run_cli("feeds", "add", "ftp://x", "--config", str(polled))
    assert out.returncode == 1 and "ftp" in out.stderr


def test_healthcheck_fails_when_nothing_listens():
    out = run_cli("healthcheck", "--url", "http://127.0.0.1:9/healthz")
    assert out.returncode == 1


# ---------------------------------------------------------------- start-up paths and messages (issue 9)
def newsbot(*args, cwd=None, env=None, input=None):
    """The installed `newsbot` executable, as a user runs it."""
    base = {"PATH": __import__("os").environ["PATH"], "HOME": str(cwd or ROOT)}
    return subprocess.run(["newsbot", *args], capture_output=True, text=True, timeout=120, cwd=cwd,
                          env={**base, **(env or {})}, input=input)


def test_run_once_exits_non_zero_when_no_feed_could_be_polled(feed_server, tmp_path):
    (tmp_path / "newsbot.yaml").write_text(
        f"state_dir: state\nfeeds:\n  - name: gone\n    url: {feed_server.url('/gone.xml')}\n    allow_private: true\n"
        f"  - name: closed\n    url: http://127.0.0.1:9/feed.xml\n    allow_private: true\n")
    out = newsbot("run", "--once", "--config", "newsbot.yaml", cwd=tmp_path)
    assert out.returncode == 1, out.stderr
    assert "2 feeds polled (2 failed)" in out.stderr
    assert "no feed could be polled: all 2 failed" in out.stderr
    assert "gone " in out.stderr and "404" in out.stderr and "closed " in out.stderr


def test_run_reads_newsbot_yaml_in_the_current_folder_and_says_so(feed_server, tmp_path):
    feed_server.set("/a.xml", (ROOT / "bot" / "sample" / "seeds.xml").read_bytes())
    (tmp_path / "newsbot.yaml").write_text(f"state_dir: state\nfeeds:\n  - name: a\n    url: {feed_server.url('/a.xml')}\n"
                                               "    allow_private: true\n")
    out = newsbot("run", "--once", cwd=tmp_path)                  # no --config, no NEWSBOT_CONFIG
    assert out.returncode == 0, out.stderr
    assert "newsbot: configuration newsbot.yaml" in out.stderr
    assert (tmp_path / "state" / "newsbot.db").exists()           # the shipped rules were used: no ./rules
    missing = newsbot("run", "--once", cwd=tmp_path / "state")
    assert missing.returncode == 2 and "create ./newsbot.yaml" in missing.stderr


def test_an_unknown_setting_gets_a_did_you_mean(tmp_path):
    (tmp_path / "newsbot.yaml").write_text("feeds:\n  - name: a\n    url: https://x/\n    intreval: 60\n")
    out = newsbot("run", "--once", cwd=tmp_path)
    assert out.returncode == 2
    assert "newsbot.yaml:4: feeds[1].intreval: unknown setting (did you mean 'interval'?)" in out.stderr


def test_extract_reads_plain_text_as_one_article():
    out = newsbot("extract", input="Gunmen kill 12 in Borno\nGunmen killed 12 villagers in Borno state, Nigeria.\n")
    assert out.returncode == 0, out.stderr
    (row,) = [json.loads(x) for x in out.stdout.splitlines()]
    assert row["killed"] == 12 and row["country"] == "NG"


def test_rules_test_prints_the_one_explain_report(tmp_path):
    from bot.feeds.corpus import load_corpus
    from bot.pipeline.process import process_item
    from bot.rulebook.book import Rulebook
    from bot.rulebook.explain import ItemResult, explain
    from bot.sample import CORPUS

    out = newsbot("rules", "test", "--rule", "isil-10-killed", "--rule", "wagner-africa", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    book = Rulebook.load(ROOT / "rules")
    results = [ItemResult(p.item.key, p.item.title, p.facts, p.matches)
               for p in (process_item(i, book) for i in load_corpus(CORPUS))]
    chosen = [book.rule("isil-10-killed"), book.rule("wagner-africa")]
    assert out.stdout == explain(book.ruleset, results, rules=chosen, show_facts=True)
    assert "      why: " in out.stdout and "      facts: " in out.stdout


def test_rules_test_one_rule(tmp_path):
    out = newsbot("rules", "test", "--rule", "isil-10-killed", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("isil-10-killed:")
    assert not any(line and not line.startswith((" ", "isil-10-killed:")) for line in out.stdout.splitlines())
    bad = newsbot("rules", "test", "--rule", "isil-10-kiled", cwd=tmp_path)
    assert bad.returncode == 1 and "did you mean 'isil-10-killed'?" in bad.stderr


@pytest.mark.parametrize("cmd, words", [
    (["rules", "test"], ["--rules", "Rules directory", "--rule ID"]),
    (["feeds", "list"], ["its feeds plus those added here"]),
    (["run"], ["default ./newsbot.yaml"]),
])
def test_help_texts(cmd, words):
    out = CliRunner().invoke(main, [*cmd, "--help"], terminal_width=200)
    text = " ".join(out.output.split())
    for w in words:
        assert w in text, (w, text)


@pytest.mark.parametrize("phrase, value", [("a dozen", 12), ("half a dozen", 6), ("dozens of", 12)])
def test_a_dozen_is_flagged_approximate_as_the_readme_says(phrase, value):
    out = newsbot("extract", input=f"Attack in Borno\nGunmen killed {phrase} people in Borno state, Nigeria.\n")
    (row,) = [json.loads(x) for x in out.stdout.splitlines()]
    assert row["killed"] == value
    assert [c["approximate"] for c in row["casualties"] if c["type"] == "killed"] == [True]
