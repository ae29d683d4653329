"""Dump extract() output for every dev row and seed, or compare two dumps: the check that a
speed change left extraction's output IDENTICAL.

    python bench/extract_diff.py dump OUT.jsonl      # before the change
    python bench/extract_diff.py dump NEW.jsonl      # after it
    python bench/extract_diff.py compare OUT.jsonl NEW.jsonl

Inputs (read by path, never copied; a missing file is skipped with a note):
  ../shared/dev/gtd_dev.csv             summary_text, date (as bench/extraction.py reads it)
  ../shared/dev/realnews/*.jsonl        title, text, published (not the *_labels files)
  bot/sample/seeds.jsonl                the seed articles
  tests/fixtures/world_news_nonconflict.xml  item titles and descriptions (non-conflict news)
Each output line is ``{"src": ..., "id": ..., "facts": Facts.to_dict()}``.
``compare`` prints each differing row (first 20) and exits 1 when any differ.
"""
from __future__ import annotations

import csv
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEV = ROOT.parent / "shared" / "dev"


def _utc(s: str | None) -> datetime | None:
    if not s:
        return None
    try:
        return datetime.fromisoformat(s).replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def rows():
    """(source, id, title, text, published) for every input row, in a fixed order."""
    gtd = DEV / "gtd_dev.csv"
    if gtd.is_file():
        with gtd.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                yield "gtd", r["id"], "", r["summary_text"], _utc(r["date"])
    else:
        print(f"skipped: {gtd} not found", file=sys.stderr)
    for path in sorted((DEV / "realnews").glob("*.jsonl")) if (DEV / "realnews").is_dir() else ():
        if path.stem.endswith("_labels"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                it = json.loads(line)
                yield path.stem, it.get("id"), it.get("title") or "", it.get("text") or "", _utc(it.get("published"))
    for line in (ROOT / "bot" / "sample" / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            s = json.loads(line)
            yield "seeds", s["id"], s["title"], s["text"], datetime.fromisoformat(s["published"])
    import feedparser
    fx = ROOT / "tests" / "fixtures" / "world_news_nonconflict.xml"
    if fx.is_file():
        for i, e in enumerate(feedparser.parse(fx.read_bytes()).entries):
            yield "nonconflict", str(i), e.get("title", ""), e.get("summary", ""), None


def dump(out: Path) -> int:
    from bot.extraction import extract
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for src, rid, title, text, pub in rows():
            facts = extract(title, text, pub)
            fh.write(json.dumps({"src": src, "id": rid, "facts": facts.to_dict()}, sort_keys=True) + "\n")
            n += 1
    print(f"{n} rows written to {out}")
    return 0


def compare(a: Path, b: Path) -> int:
    la = a.read_text(encoding="utf-8").splitlines()
    lb = b.read_text(encoding="utf-8").splitlines()
    if len(la) != len(lb):
        print(f"row counts differ: {len(la)} vs {len(lb)}")
        return 1
    diffs = [(x, y) for x, y in zip(la, lb) if x != y]
    for x, y in diffs[:20]:
        jx, jy = json.loads(x), json.loads(y)
        keys = sorted(k for k in set(jx["facts"]) | set(jy["facts"]) if jx["facts"].get(k) != jy["facts"].get(k))
        print(f"[{jx['src']} {jx['id']}] " + "; ".join(f"{k}: {jx['facts'].get(k)!r} -> {jy['facts'].get(k)!r}"
                                                      for k in keys))
    print(f"{len(la)} rows compared, {len(diffs)} differ")
    return 1 if diffs else 0


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) == 2 and argv[0] == "dump":
        return dump(Path(argv[1]))
    if len(argv) == 3 and argv[0] == "compare":
        return compare(Path(argv[1]), Path(argv[2]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
