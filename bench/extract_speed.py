"""extract() against feedparser on the same full-text article, in one run; and the
gazetteer's load time and memory.

    python bench/extract_speed.py [--repeat N]

Goal (issue 14): extract() costs at most 0.4x feedparser.parse (defaults: sanitiser on) of the
same article served as a one-item RSS feed, the worst article at most 0.6x; the gazetteer loads
in under 1.5 s and 150 MB. Both sides are timed by CPU (``time.process_time``) and interleaved
(A B A B ...), so that drift on a shared machine cancels out.
The load is measured in a fresh subprocess so nothing is cached yet.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
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
from bot.extract import _places as P   # `bot.extract` is the public function
t = time.perf_counter()
P.gazetteer()
dt = time.perf_counter() - t
import os
rss_now = int(open('/proc/self/statm').read().split()[1]) * os.sysconf('SC_PAGE_SIZE') if os.path.exists('/proc/self/statm') else 0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": dt, "peak_rss_mb": peak / 1024, "rss_after_mb": rss_now / 2**20,
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


def _interleaved(a, b, repeat: int) -> tuple[float, float]:
    """Median CPU seconds of ``a`` and of ``b``, run A B A B ... so that drift on a shared
    machine (other processes, frequency changes) falls on both sides alike."""
    ta, tb = [], []
    for _ in range(repeat):
        t = time.process_time()
        a()
        ta.append(time.process_time() - t)
        t = time.process_time()
        b()
        tb.append(time.process_time() - t)
    ta.sort()
    tb.sort()
    return ta[len(ta) // 2], tb[len(tb) // 2]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args(argv)

    out = subprocess.run([sys.executable, "-c", _LOAD % str(ROOT)], capture_output=True, text=True, check=True)
    load = json.loads(out.stdout)
    print(f"gazetteer load: {load['seconds']:.2f} s (goal < 1.5 s); peak RSS {load['peak_rss_mb']:.0f} MB, "
          f"RSS after load {load['rss_after_mb']:.0f} MB, interpreter baseline {load['baseline_peak_mb']:.0f} MB "
          f"(goal < 150 MB)")

    import feedparser
    from bot.extract import extract, warm_up

    warm_up()
    seeds = [json.loads(line) for line in (ROOT / "bot" / "sample" / "seeds.jsonl").read_text().splitlines() if line.strip()]
    items = _sample_items()
    print("feeds: " + ("one-item feeds cut from bot/sample/seeds.xml" if items else "synthetic one-item feeds")
          + f"; CPU time (process_time), median of {args.repeat} runs, interleaved A B A B")
    print(f"{'article':<34}{'chars':>7}{'feedparser ms':>15}{'extract ms':>12}{'ratio':>8}")
    worst = 0.0
    tot_fp = tot_ex = 0.0
    for s in seeds:
        data = items.get(s["id"]) or _feed(s["title"], s["text"])
        published = datetime.fromisoformat(s["published"]) if s.get("published") else None
        fp, ex = _interleaved(lambda: feedparser.parse(data), lambda: extract(s["title"], s["text"], published),
                              args.repeat)
        tot_fp += fp
        tot_ex += ex
        worst = max(worst, ex / fp)
        print(f"{s['id']:<34}{len(s['text']):>7}{fp * 1000:>15.2f}{ex * 1000:>12.2f}{ex / fp:>8.2f}")
    print(f"overall extract/feedparser = {tot_ex / tot_fp:.2f} (goal <= 0.40), worst article {worst:.2f} "
          "(goal <= 0.60); feedparser as a plain bot runs it (sanitiser on)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
