from pathlib import Path

import pytest

from bot.config import load_config, parse_config
from bot.errors import ConfigError

GOOD = """
rules_dir: rules
state_dir: state
feeds:
  - name: Example
    url: https://example.org/feed.xml
    interval: 120
    full_text: true
"""


def test_valid_config_resolves_dirs_against_the_file(tmp_path):
    p = tmp_path / "newsbot.yaml"
    p.write_text(GOOD)
    cfg = load_config(p, env={})
    assert cfg.feeds[0].interval == 120 and cfg.feeds[0].full_text
    assert cfg.rules_dir == tmp_path / "rules"
    assert cfg.db_path == tmp_path / "state" / "newsbot.db"


def test_secrets_come_only_from_the_environment():
    cfg = parse_config(GOOD, env={"TELEGRAM_BOT_TOKEN": "123456:SECRET-VALUE",
                                  "TELEGRAM_API_URL": "http://127.0.0.1:8081/bot",
                                  "TELEGRAM_ADMIN_IDS": "7, 9"})
    assert cfg.telegram_token.get_secret_value() == "123456:SECRET-VALUE"
    assert "SECRET" not in repr(cfg) and "SECRET" not in str(cfg.model_dump())
    assert cfg.telegram_api_url == "http://127.0.0.1:8081/bot"
    assert cfg.telegram.admin_ids == [7, 9]


def test_token_in_the_file_is_refused():
    with pytest.raises(ConfigError, match="not allowed in the file"):
        parse_config("telegram:\n  token: abc\n", env={})


@pytest.mark.parametrize("text, expected", [
    ("feeds:\n  - name: x\n    url: ftp://x\n", "c.yaml:3: feeds[1].url: Value error, must be an http"),
    ("feeds:\n  - name: x\n", "feeds[1].url: Field required"),
    ("feedz: []\n", "c.yaml:1: feedz: unknown setting"),
    ("fetch:\n  timeout: -1\n", "c.yaml:2: fetch.timeout: Input should be greater than 0"),
    ("fetch:\n  timeout: soon\n", "fetch.timeout: Input should be a valid number"),
    ("feeds:\n  - name: x\n    url: https://x\n    interval: 1\n", "feeds[1].interval"),
    ("log:\n  level: LOUD\n", "log.level: Value error, must be one of"),
    ("feeds: [\n", "c.yaml:2:1: a '[' or '{' is never closed"),
    ("- a\n- b\n", "must be a mapping"),
    ("feeds:\n  - {name: a, url: 'https://x'}\n  - {name: b, url: 'https://x'}\n", "feed url listed twice"),
])
def test_invalid_config_names_the_setting(text, expected):
    with pytest.raises(ConfigError) as exc:
        parse_config(text, "c.yaml", env={})
    assert expected in str(exc.value)


def test_bad_admin_ids_env():
    with pytest.raises(ConfigError, match="TELEGRAM_ADMIN_IDS"):
        parse_config(GOOD, env={"TELEGRAM_ADMIN_IDS": "alice"})


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="cannot read configuration"):
        load_config(tmp_path / "nope.yaml", env={})
    with pytest.raises(ConfigError, match="NEWSBOT_CONFIG"):
        load_config(None, env={})


def test_example_config_is_valid():
    cfg = load_config(Path(__file__).resolve().parents[1] / "newsbot.example.yaml", env={})
    assert len(cfg.feeds) >= 6


def test_the_readme_env_example_is_valid_as_written():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    block = readme.split("cat > .env <<'ENV'\n", 1)[1].split("\nENV\n", 1)[0]
    env = dict(line.split("=", 1) for line in block.splitlines() if line.strip() and not line.startswith("#"))
    cfg = parse_config("", "newsbot.yaml", env=env)
    assert cfg.telegram_token is not None


def test_newsbot_yaml_in_the_current_folder_is_the_default(tmp_path):
    from bot.config import find_config
    with pytest.raises(ConfigError) as exc:
        find_config(None, env={}, cwd=tmp_path)
    assert "create ./newsbot.yaml" in str(exc.value)
    (tmp_path / "newsbot.yaml").write_text("feeds: []\n")
    assert find_config(None, env={}, cwd=tmp_path) == tmp_path / "newsbot.yaml"
    assert find_config(None, env={"NEWSBOT_CONFIG": "/etc/nb.yaml"}, cwd=tmp_path) == Path("/etc/nb.yaml")
