"""extract() against feedparser on the same full-text article, in one run; and the
gazetteer's one-off load (CPU time and memory).

    python bench/extract_speed.py [--repeat N]

Goal (issues 12 and 14): extract() costs at most 0.4x feedparser's parse of the same article
served as a one-item RSS feed (at the very least 0.5x), the worst article at most 0.6x; the
gazetteer loads in at most 0.5 s, or lazily: off the start-up path (the daemon builds it in a
background thread, ``warm_up_in_background``), the one-off cost reported here.

Baselines, named exactly (the feedparser version is printed):
  * default   ``feedparser.parse(bytes)`` with its defaults: sanitize_html=True,
              resolve_relative_uris=True (what a plain feed bot runs; the goals hold against it)
  * newsbot's ``feedparser.parse(bytes, sanitize_html=False, resolve_relative_uris=False)``
              as bot/parse.py calls it (reported, no goal)
All three sides are timed by CPU (``time.process_time``) and interleaved (A B C A B C ...),
so that drift on a shared machine falls on each side alike; each figure is the median.
The load is measured in a fresh subprocess (nothing loaded yet), by CPU (``process_time``)
and wall clock. It reads the gazetteer's snapshot file when there is one (warm); ``--cold``
points NEWSBOT_CACHE_DIR at an empty directory, so a child process builds the snapshot first
(its CPU is printed apart).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_LOAD = r"""
import resource, sys, time, json
sys.path.insert(0, %r)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from bot.extraction import _places as P   # `bot.extract` is the public function
t, c = time.perf_counter(), time.process_time()
ch = resource.getrusage(resource.RUSAGE_CHILDREN)
P.gazetteer()
dt, cpu = time.perf_counter() - t, time.process_time() - c
ch2 = resource.getrusage(resource.RUSAGE_CHILDREN)
child = (ch2.ru_utime + ch2.ru_stime) - (ch.ru_utime + ch.ru_stime)   # a child writing the snapshot
import os
rss_now = int(open('/proc/self/statm').read().split()[1]) * os.sysconf('SC_PAGE_SIZE') if os.path.exists('/proc/self/statm') else 0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": dt, "cpu_seconds": cpu, "child_cpu_seconds": child, "peak_rss_mb": peak / 1024, "rss_after_mb": rss_now / 2**20,
                  "baseline_peak_mb": base / 1024}))
"""


def _sample_items() -> dict[str, bytes]:
    """One-item feeds cut from the bundled sample feed (bot/sample/seeds.xml), keyed by seed id."""
    path = ROOT / "bot" / "sample" / "seeds.xml"
    if not path.is_file():
        return {}
    xml = path.read_text(encoding="utf-8")
    head = xml[: xml.index("<item>")]
    out = {}
    for m in re.finditer(r"<item>.*?</item>", xml, re.S):
        g = re.search(r"<link>[^<]*/([^/<]+)</link>", m.group(0))
        if g:
            out[g.group(1)] = (head + m.group(0) + "</channel></rss>").encode("utf-8")
    return out


def _feed(title: str, text: str) -> bytes:
    paras = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<title>bench</title><link>http://127.0.0.1/</link><description>bench</description>"
        f"<item><title>{escape(title)}</title><link>http://127.0.0.1/a</link><guid>a</guid>"
        "<pubDate>Sat, 23 Mar 2024 12:00:00 GMT</pubDate>"
        f"<description>{escape(text[:300])}</description>"
        f"<content:encoded>{escape(paras)}</content:encoded></item></channel></rss>"
    ).encode("utf-8")


def _interleaved(sides, repeat: int) -> list[float]:
    """Median CPU seconds of each callable in ``sides``, run A B C A B C ... so that drift on a
    shared machine (other processes, frequency changes) falls on every side alike."""
    times: list[list[float]] = [[] for _ in sides]
    for _ in range(repeat):
        for f, out in zip(sides, times):
            t = time.process_time()
            f()
            out.append(time.process_time() - t)
    return [sorted(t)[len(t) // 2] for t in times]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--cold", action="store_true", help="load with no gazetteer snapshot yet (an empty cache)")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="newsbot-cold-") as empty:
        env = dict(os.environ, NEWSBOT_CACHE_DIR=empty) if args.cold else None
        out = subprocess.run([sys.executable, "-c", _LOAD % str(ROOT)], capture_output=True, text=True, check=True,
                             env=env)
    load = json.loads(out.stdout)
    child = (f" (and {load['child_cpu_seconds']:.2f} s CPU in the child process that built the missing snapshot)"
             if load.get("child_cpu_seconds") else "")
    print(f"gazetteer load (one-off, fresh process): {load['cpu_seconds']:.2f} s CPU{child}, {load['seconds']:.2f} s wall "
          f"(goal <= 0.5 s, or off the start-up path: the daemon loads it in a background thread); "
          f"peak RSS {load['peak_rss_mb']:.0f} MB, RSS after load {load['rss_after_mb']:.0f} MB, "
          f"interpreter baseline {load['baseline_peak_mb']:.0f} MB (goal < 150 MB)")

    import feedparser
    from bot.extraction import extract, warm_up

    warm_up()
    seeds = [json.loads(line) for line in (ROOT / "bot" / "sample" / "seeds.jsonl").read_text().splitlines() if line.strip()]
    items = _sample_items()
    print("feeds: " + ("one-item feeds cut from bot/sample/seeds.xml" if items else "synthetic one-item feeds")
          + f"; CPU time (process_time), median of {args.repeat} runs, interleaved A B C A B C")
    print(f"baseline 'default':   feedparser {feedparser.__version__} feedparser.parse(bytes), defaults "
          "(sanitize_html=True, resolve_relative_uris=True)")
    print(f"baseline 'newsbot's': feedparser {feedparser.__version__} feedparser.parse(bytes, sanitize_html=False, "
          "resolve_relative_uris=False), as bot/parse.py calls it")
    print(f"{'article':<34}{'chars':>7}{'default ms':>12}{'newsbot ms':>12}{'extract ms':>12}"
          f"{'/default':>10}{'/newsbot':>10}")
    worst = 0.0
    tot_fp = tot_nb = tot_ex = 0.0
    for s in seeds:
        data = items.get(s["id"]) or _feed(s["title"], s["text"])
        published = datetime.fromisoformat(s["published"]) if s.get("published") else None
        fp, nb, ex = _interleaved(
            [lambda: feedparser.parse(data),
             lambda: feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False),
             lambda: extract(s["title"], s["text"], published)], args.repeat)
        tot_fp += fp
        tot_nb += nb
        tot_ex += ex
        worst = max(worst, ex / fp)
        print(f"{s['id']:<34}{len(s['text']):>7}{fp * 1000:>12.2f}{nb * 1000:>12.2f}{ex * 1000:>12.2f}"
              f"{ex / fp:>10.2f}{ex / nb:>10.2f}")
    print(f"overall extract/feedparser default = {tot_ex / tot_fp:.2f} (goal <= 0.40, at the very least 0.50), "
          f"worst article {worst:.2f} (goal <= 0.60); extract/newsbot's parse = {tot_ex / tot_nb:.2f} (no goal)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
