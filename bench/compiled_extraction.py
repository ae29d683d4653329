"""Compile the hot extraction modules with Cython, in place, for MEASUREMENT (not a shipped build):
the findings and a shipping sketch are in docs/compiled-extraction.md.

    pip install cython                                 # not a dependency of newsbot
    python bench/compiled_extraction.py build [-j N]   # bot/extraction/*.so from the current .py files
    python bench/compiled_extraction.py status         # which modules import compiled, and stale .so
    python bench/compiled_extraction.py clean          # back to pure Python (removes the .so files)

While the .so files exist they shadow the .py files of the same name: an edit to a .py has no
effect until ``build`` runs again (``status`` names every .so older than its .py). Always
``clean`` after measuring; ``*.so`` is git-ignored.

The .py files are compiled unmodified except for one workaround applied to a temporary COPY
(cython/cython#3446: ``(0, 1) if c else (0,)`` of int literals is refused as two C tuples of
different arity; ``tuple((0, 1)) if c else tuple((0,))`` is the same value).
``annotation_typing=False`` is required: with it on, Cython enforces annotations such as ``set[int]``
at call time and a frozenset argument raises TypeError (the Python semantics differ).
_villages stays pure (``python -m bot.extraction._villages`` builds the gazetteer: runpy needs a code
object, a compiled module has none); _automaton stays pure (a thin wrapper over ahocorasick_rs).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "bot" / "extraction"
HOT = ["__init__", "_background", "_casualties", "_groups", "_kind", "_numbers", "_places", "_text"]
# cython/cython#3446 workaround, applied to the temporary copy only
WORKAROUND = {"_places": ('((0, 1) if words[0] == "of" else (0,))',
                          '(tuple((0, 1)) if words[0] == "of" else tuple((0,)))')}

_SETUP = """
from setuptools import Extension, setup
from Cython.Build import cythonize
exts = cythonize([Extension("bot.extraction." + m, ["bot/extraction/" + m + ".py"]) for m in %r],
                 compiler_directives={"language_level": 3, "binding": True, "annotation_typing": False},
                 quiet=True)
setup(name="newsbot-compiled-extraction", packages=[], ext_modules=exts)
"""


def _compiled() -> list[Path]:
    return sorted(PKG.glob("*.so"))


def build(jobs: int) -> int:
    try:
        import Cython
    except ImportError:
        print("Cython is not installed: pip install cython", file=sys.stderr)
        return 2
    clean()
    with tempfile.TemporaryDirectory(prefix="newsbot-cy-") as tmp:
        src = Path(tmp) / "bot"
        shutil.copytree(ROOT / "bot", src, ignore=shutil.ignore_patterns("__pycache__", "*.so"))
        for mod, (old, new) in WORKAROUND.items():
            p = src / "extraction" / f"{mod}.py"
            text = p.read_text(encoding="utf-8")
            if text.count(old) == 1:
                p.write_text(text.replace(old, new), encoding="utf-8")
        (Path(tmp) / "setup_cy.py").write_text(_SETUP % (HOT,), encoding="utf-8")
        t, c = time.perf_counter(), time.process_time()
        proc = subprocess.run([sys.executable, "setup_cy.py", "build_ext", "--inplace", "-j", str(jobs)],
                              cwd=tmp, capture_output=True, text=True)
        wall = time.perf_counter() - t
        if proc.returncode:
            print(proc.stdout[-4000:], proc.stderr[-4000:], sep="\n", file=sys.stderr)
            return 1
        for so in sorted((src / "extraction").glob("*.so")):
            shutil.copy2(so, PKG / so.name)
    print(f"Cython {Cython.__version__}: {len(_compiled())} modules compiled in {wall:.0f} s wall (-j {jobs})")
    return status()


def status() -> int:
    sos = _compiled()
    if not sos:
        print("bot/extraction: pure Python (no .so)")
        return 0
    stale = 0
    for so in sos:
        py = PKG / (so.name.split(".", 1)[0] + ".py")
        old = py.is_file() and py.stat().st_mtime > so.stat().st_mtime
        stale += old
        print(f"{so.name}: {'STALE (the .py is newer: it is NOT what runs)' if old else 'compiled'}")
    return 1 if stale else 0


def clean() -> int:
    for so in _compiled():
        so.unlink()
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=["build", "status", "clean"])
    ap.add_argument("-j", "--jobs", type=int, default=1)
    args = ap.parse_args(argv)
    if args.action == "build":
        return build(args.jobs)
    return status() if args.action == "status" else clean()


if __name__ == "__main__":
    sys.exit(main())
