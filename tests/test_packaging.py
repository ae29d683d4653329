"""newsbot as a user installs it: a wheel in a fresh venv outside the checkout, without the test
extra (the Dockerfile, pipx and `pip install .` path), and the docker files checked by reading.

The wheel test builds and installs once per session (about a minute with a warm pip cache).
``.ci/run`` builds the same venv first and passes it in ``NEWSBOT_WHEEL_VENV``. With no index
and no cache (offline), the install cannot fetch the dependencies and the test is skipped,
saying so; any other failure fails it.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OFFLINE = ("Failed to establish a new connection", "No matching distribution", "Could not find a version",
           "Temporary failure in name resolution", "Network is unreachable")


def _sh(*cmd, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=600, **kw)


@pytest.fixture(scope="session")
def installed() -> Path:
    """bin/ of a venv holding only the newsbot wheel and its runtime dependencies."""
    given = os.environ.get("NEWSBOT_WHEEL_VENV")
    if given:                      # .ci/run's install (a generator fixture must yield, not return)
        yield Path(given) / "bin"
        return
    tmp = Path(tempfile.mkdtemp(prefix="newsbot-wheel-"))
    try:
        built = _sh(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp / "dist", ROOT)
        if built.returncode:
            if any(s in built.stderr for s in OFFLINE):
                pytest.skip(f"offline: cannot fetch the build backend: {built.stderr[-300:]}")
            pytest.fail(f"wheel build failed:\n{built.stderr[-3000:]}")
        (wheel,) = (tmp / "dist").glob("newsbot-*.whl")
        venv = tmp / "venv"
        _sh(sys.executable, "-m", "venv", venv).check_returncode()
        inst = _sh(venv / "bin" / "pip", "install", "-q", wheel)
        if inst.returncode:
            if any(s in inst.stderr for s in OFFLINE):
                pytest.skip(f"offline: cannot fetch the runtime dependencies: {inst.stderr[-300:]}")
            pytest.fail(f"wheel install failed:\n{inst.stderr[-3000:]}")
        yield venv / "bin"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def outside(tmp_path) -> Path:
    """A working folder outside the checkout, with no rules/ and no newsbot.yaml."""
    assert ROOT not in tmp_path.parents
    return tmp_path


def _env(home: Path) -> dict:
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}


def test_the_wheel_carries_no_test_dependency_and_imports_every_runtime_module(installed, outside):
    out = _sh(installed / "python", "-c",
              "import importlib, pkgutil, bot\n"
              "mods = [m.name for m in pkgutil.walk_packages(bot.__path__, 'bot.')]\n"
              "[importlib.import_module(m) for m in mods]\n"
              "import importlib.util as u\n"
              "print(len(mods), bot.__file__, [p for p in ('pytest', 'hypothesis') if u.find_spec(p)])",
              cwd=outside, env=_env(outside))
    assert out.returncode == 0, out.stderr
    count, where, test_deps = out.stdout.split(" ", 2)
    assert str(ROOT) not in where and "site-packages" in where
    assert test_deps.strip() == "[]"


def test_demo_extract_and_rules_check_run_from_the_wheel(installed, outside):
    demo = _sh(installed / "newsbot", "demo", cwd=outside, env=_env(outside))
    assert demo.returncode == 0, demo.stderr
    assert re.search(r"\d+ items read, [1-9]\d* alerts and \d+ updates\.", demo.stderr)
    ext = _sh(installed / "newsbot", "extract", cwd=outside, env=_env(outside),
              input="Gunmen kill 12 in Borno\nGunmen killed 12 villagers in Borno state, Nigeria.\n")
    assert ext.returncode == 0 and '"killed": 12' in ext.stdout, ext.stderr
    check = _sh(installed / "newsbot", "rules", "check", cwd=outside, env=_env(outside))
    assert check.returncode == 0, check.stdout + check.stderr
    assert "0 problem(s)" in check.stderr and "shipped_rules" not in check.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_daemon_starts_from_the_wheel_and_answers_healthz(installed, outside, feed_server):
    feed_server.set("/w.xml", (ROOT / "bot" / "sample" / "seeds.xml").read_bytes())
    port = _free_port()
    (outside / "newsbot.yaml").write_text(
        f"state_dir: state\nconsole: true\nhealth:\n  port: {port}\n"
        f"feeds:\n  - name: w\n    url: {feed_server.url('/w.xml')}\n    allow_private: true\n")
    once = _sh(installed / "newsbot", "run", "--once", cwd=outside, env=_env(outside))
    assert once.returncode == 0, once.stderr
    assert "1 feeds polled (0 failed)" in once.stderr
    log = outside / "daemon.log"
    proc = subprocess.Popen([installed / "newsbot", "run"], cwd=outside, env=_env(outside),
                            stdout=open(log, "w"), stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        code = None
        while time.monotonic() < deadline and proc.poll() is None:
            hc = _sh(installed / "newsbot", "healthcheck", "--url", f"http://127.0.0.1:{port}/healthz",
                     cwd=outside, env=_env(outside))
            if hc.returncode == 0:
                code = 0
                break
            time.sleep(0.5)
        assert code == 0, log.read_text()
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(60) == 0, log.read_text()
    assert "ModuleNotFoundError" not in log.read_text()


# ---------------------------------------------------------------- docker, by reading and simulating
def test_an_unwritable_state_folder_names_the_folder_the_uid_and_the_fix(tmp_path_factory):
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to run as the container's uid 10001")
    work = Path(tempfile.mkdtemp(prefix="newsbot-uid-"))
    try:
        work.chmod(0o755)
        (work / "state").mkdir(mode=0o755)                 # owned by root, as a fresh bind mount is
        (work / "newsbot.yaml").write_text("state_dir: state\nfeeds:\n  - name: a\n    url: http://127.0.0.1:9/\n    allow_private: true\n")
        exe = shutil.which("newsbot")
        out = _sh("setpriv", "--reuid", "10001", "--regid", "10001", "--clear-groups", exe, "run", "--once",
                  cwd=work, env=_env(work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    assert out.returncode != 0
    assert f"state folder {work / 'state'} is not writable by user id 10001" in out.stderr, out.stderr
    assert "sudo chown -R 10001:10001" in out.stderr
    assert "unable to open database file" not in out.stderr


def test_docker_files():
    compose = (ROOT / "docker-compose.yml").read_text()
    grace = int(re.search(r"stop_grace_period:\s*(\d+)s", compose).group(1))
    from bot.app.daemon import SHUTDOWN_OUTBOX_SECONDS, SHUTDOWN_POLL_SECONDS
    assert grace > SHUTDOWN_POLL_SECONDS + SHUTDOWN_OUTBOX_SECONDS
    ignored = (ROOT / ".dockerignore").read_text().split()
    for heavy in (".venv", ".git", "state", "**/__pycache__"):
        assert heavy in ignored
    docker = (ROOT / "Dockerfile").read_text()
    for needed in ("setup.py", "MANIFEST.in", "README.md", "bot", "rules"):
        assert needed in docker                          # the build hook packs rules/ into the wheel
    assert "USER newsbot" in docker and "--uid 10001" in docker


def test_every_third_party_import_of_the_package_is_a_declared_dependency():
    # A module that arrives only as another package's dependency (lxml through trafilatura) can
    # vanish on that package's next release: each one bot/ imports is named in pyproject itself.
    import ast
    import importlib.metadata as md
    import tomllib

    declared = {re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0].lower().replace("_", "-")
                for d in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]}
    dists = md.packages_distributions()
    missing = set()
    for path in (ROOT / "bot").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
                     else [])
            for name in names:
                top = name.split(".")[0]
                if top == "bot" or top in sys.stdlib_module_names:
                    continue
                owners = {d.lower().replace("_", "-") for d in dists.get(top, [])}
                if not owners & declared:
                    missing.add(f"{top} ({path.relative_to(ROOT)}; from {sorted(owners) or 'nothing installed'})")
    assert not missing, "imported but not in pyproject dependencies: " + ", ".join(sorted(missing))
