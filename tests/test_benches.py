"""Every bench script runs end to end at a small size (the figures themselves are never asserted)."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("script, args, expect", [
    ("pipeline.py", ["--items", "20", "--rules", "50", "1100", "--repeat", "1"], "whole pipeline"),
    ("incidents.py", ["--sizes", "200", "400", "--items", "20"], "400"),
    ("extract_speed.py", ["--repeat", "1"], "overall extract/feedparser"),
    ("poll.py", ["--feeds", "20", "--hosts", "2", "--db-items", "200", "--backlog", "2", "--latency", "0.01"], "304"),
    ("fanout.py", ["--chats", "10"], "lost"),
    ("proximity.py", ["--sizes", "200", "400", "--items", "20", "--rounds", "1", "--maps", "1"], "locator map"),
    ("send_wake.py", ["--alerts", "2", "--interval", "0.3"], "commit-to-send"),
    ("repoll.py", ["--items", "5", "--rules", "20", "--repeat", "1"], "re-poll of a changed feed"),
    ("town_provinces.py", [], "towns named alone that get their province"),
])
def test_bench_runs(script, args, expect):
    out = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args], capture_output=True, text=True,
                         timeout=300, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    assert expect in out.stdout
