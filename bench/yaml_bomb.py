"""YAML limits: CPU seconds and added peak RSS to load an alias bomb and deep nesting.

    python bench/yaml_bomb.py                      # the current loader (bot/catalog/yamlsrc.py)
    python bench/yaml_bomb.py --rev 31611e0        # the loader as it was at a git revision

Each case runs in a fresh process (peak RSS is per process), ``--repeat`` times, and prints
every run so the spread shows. CPU time by ``time.process_time``.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r'''
import importlib.util, json, resource, sys, time
sys.path.insert(0, ROOT)
import bot.catalog.yamlsrc
rev, text = sys.argv[1], sys.stdin.read()
mod = bot.catalog.yamlsrc
if rev:
    spec = importlib.util.spec_from_loader("bot._yamlsrc_at_rev", loader=None)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    mod.__package__ = "bot"
    exec(compile(sys.argv[2], "yamlsrc@" + rev, "exec"), mod.__dict__)
sys.setrecursionlimit(10000)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.process_time()
try:
    mod.loads(text, "bomb.yaml")
    result = "loaded"
except RecursionError:
    result = "RecursionError (no file or line)"
except Exception as exc:
    result = str(exc).splitlines()[0][:80]
cpu = time.process_time() - t
rss = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024
print(json.dumps({"cpu": cpu, "rss_mb": rss, "result": result}))
'''


def bomb(levels: int, aliases: int) -> str:
    names = "abcdefghij"
    text = f"a: &a [{', '.join(['x'] * aliases)}]\n" + "".join(
        f"{b}: &{b} [{', '.join([f'*{a}'] * aliases)}]\n" for a, b in zip(names, names[1:levels]))
    return text + f"rules: *{names[levels - 1]}\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rev", default="", help="measure bot/catalog/yamlsrc.py as it was at this git revision")
    ap.add_argument("--levels", type=int, default=5)
    ap.add_argument("--aliases", type=int, nargs="+", default=[12, 16])
    ap.add_argument("--depth", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    source = ""
    if args.rev:
        source = subprocess.run(["git", "show", f"{args.rev}:bot/catalog/yamlsrc.py"], cwd=ROOT, check=True,
                                capture_output=True, text=True).stdout
    cases = [(f"alias bomb {args.levels} levels x {n} aliases", bomb(args.levels, n)) for n in args.aliases]
    cases.append((f"{args.depth:,} nested [", "rules: " + "[" * args.depth))
    print(f"loader: {'bot/catalog/yamlsrc.py@' + args.rev if args.rev else 'bot/catalog/yamlsrc.py (working tree)'}")
    for name, text in cases:
        runs = []
        for _ in range(args.repeat):
            out = subprocess.run([sys.executable, "-c", CHILD.replace("ROOT", repr(str(ROOT)), 1), args.rev, source],
                                 input=text, capture_output=True, text=True, check=True)
            runs.append(json.loads(out.stdout))
        cpu = ", ".join(f"{r['cpu']:.3f}" for r in runs)
        rss = ", ".join(f"{r['rss_mb']:.0f}" for r in runs)
        print(f"{name} ({len(text):,} bytes): cpu s [{cpu}]  added peak RSS MB [{rss}]  -> {runs[0]['result']}")


if __name__ == "__main__":
    main()
