"""glibc's malloc arenas are capped at two by the start-up path (bot/app/arenas.py): counted in a
child process with glibc's own ``malloc_stats()`` after eight threads allocate at once."""
from __future__ import annotations

import os
import platform
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's allocator only")

_THREADS = textwrap.dedent("""
    import ctypes, threading
    barrier = threading.Barrier(8)
    def work():
        barrier.wait()
        for _ in range(200):
            x = [bytearray(200) for _ in range(500)]
            del x
    ts = [threading.Thread(target=work) for _ in range(8)]
    [t.start() for t in ts]
    [t.join() for t in ts]
    ctypes.CDLL(None).malloc_stats()   # one "Arena N:" block per arena, on stderr
""")


def _arenas(setup: str, tmp_path, **env) -> int:
    script = tmp_path / "probe.py"
    script.write_text(textwrap.dedent(setup) + _THREADS)
    clean = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                         env={**clean, **env}, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    return sum(line.startswith("Arena ") for line in out.stderr.splitlines())


def test_threads_that_allocate_at_once_share_two_arenas(tmp_path):
    assert _arenas("", tmp_path) > 2     # glibc's default: an arena per thread that contends
    assert _arenas("from bot.app.arenas import limit_malloc_arenas\nassert limit_malloc_arenas()\n",
                   tmp_path) <= 2


def test_the_runtime_builder_caps_them_for_run_once_and_the_daemon(tmp_path):
    (tmp_path / "newsbot.yaml").write_text("state_dir: state\nfeeds: []\n")
    setup = """
        import asyncio
        from bot.app.runtime import runtime
        from bot.config import load_config
        async def main():
            async with runtime(load_config("newsbot.yaml", env={})):
                pass
        asyncio.run(main())
    """
    assert _arenas(setup, tmp_path) <= 2


def test_an_operators_malloc_arena_max_is_left_as_it_is(tmp_path):
    setup = "from bot.app.arenas import limit_malloc_arenas\nassert not limit_malloc_arenas()\n"
    assert _arenas(setup, tmp_path, MALLOC_ARENA_MAX="4") > 2
