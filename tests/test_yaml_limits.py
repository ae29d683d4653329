"""The one YAML loader for rule, catalogue and config files: plain-word syntax errors with
file:line:column, no anchors or aliases (an alias bomb costs nothing), bounded nesting."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bot.catalog import yamlsrc
from bot.config import parse_config
from bot.errors import ConfigError, RuleError
from catalogues import copy_catalogues

ROOT = Path(__file__).resolve().parent.parent

BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 12)}]\n" for p, n in zip("abcd", "bcde"))


def problem(text: str, path: str = "f.yaml") -> str:
    with pytest.raises(RuleError) as exc:
        yamlsrc.loads(text, path)
    (p,) = exc.value.problems
    return str(p)


@pytest.mark.parametrize("text, expected", [
    ("rules:\n\t- id: a\n", "f.yaml:2:1: a tab cannot indent YAML: use spaces"),
    ("rules:\n  - id: a\n      title: b\n", "f.yaml:3:7: this line is indented more than the one above"),
    ("rules:\n  - title: a: b\n", "f.yaml:2:13: a ': ' inside a value: put the value in quotes"),
    ("rules:\n  - id: 'a\n", "f.yaml:3:1: a quoted value is never closed (the quote opens at line 2)"),
    ("rules:\n  - id: a\n   title: b\n", "f.yaml:3:4: this line's indentation does not match the lines above it"),
])
def test_syntax_errors_in_plain_words_with_line_and_column(text, expected):
    assert problem(text).startswith(expected)


def test_an_alias_bomb_is_refused_before_anything_is_expanded():
    assert len(BOMB) < 400
    msg = problem(BOMB)
    assert msg.startswith("f.yaml:1:4: anchors (&a) are not allowed")


@pytest.mark.parametrize("text", ["b: *a\n", "x:\n  <<: *base\n"])
def test_aliases_are_refused_with_their_line(text):
    msg = problem(text)
    assert "aliases (*" in msg and msg.startswith(f"f.yaml:{text.count(chr(10))}:")


@pytest.mark.parametrize("text", ["rules: " + "[" * 10_000, "rules: " + "[" * 10_000 + "]" * 10_000,
                                  "rules:\n" + "".join("  " * i + f"k{i}:\n" for i in range(300))])
def test_deep_nesting_is_a_located_error_not_a_recursion_error(text):
    msg = problem(text)
    assert "nested more than 100 levels deep" in msg and msg.startswith("f.yaml:")


def test_the_config_file_uses_the_same_loader():
    with pytest.raises(ConfigError) as exc:
        parse_config(BOMB, "newsbot.yaml", env={})
    assert str(exc.value).startswith("newsbot.yaml:1:4: anchors (&a) are not allowed")
    with pytest.raises(ConfigError) as exc:
        parse_config("feeds: " + "[" * 10_000, "newsbot.yaml", env={})
    assert "newsbot.yaml:1:" in str(exc.value) and "nested more than" in str(exc.value)


@pytest.mark.parametrize("body", [BOMB, "rules: " + "[" * 10_000])
def test_rules_check_names_the_file_and_prints_no_traceback(tmp_path, body):
    rules = tmp_path / "rules"
    rules.mkdir()
    copy_catalogues(rules)
    (rules / "alerts.yaml").write_text(body)
    out = subprocess.run(["newsbot", "rules", "check", str(rules)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    assert f"{rules / 'alerts.yaml'}:1:" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr and "RecursionError" not in out.stdout + out.stderr


def test_deep_flow_nesting_is_refused_before_pyyaml_scans_it():
    # PyYAML's scanner looks ahead through every unclosed '[' at quadratic cost; the pre-scan stops at 101
    msg = problem("rules: " + "[" * 500_000)
    assert msg.startswith("f.yaml:1:108: nested more than 100 levels deep")
    assert yamlsrc.loads("rules:\n  - {title: '" + "[" * 500 + "', text: \"[[\"}  # [[[[\n", "f.yaml")[0] == {
        "rules": [{"title": "[" * 500, "text": "[["}]}                        # quoted and commented brackets


def test_an_oversized_file_is_refused():
    msg = problem("# padding\n" * 200_000)
    assert msg.startswith("f.yaml:1: the file is 2,000,000 characters; newsbot reads YAML files of up to")


def test_the_bench_runs():
    import sys
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "yaml_bomb.py"), "--aliases", "3", "--depth", "300",
                          "--repeat", "1"], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "anchors (&a) are not allowed" in out.stdout and "nested more than 100" in out.stdout
