"""Near-duplicate items: the same story syndicated under another URL, or lightly edited.

MinHash over word shingles with an LSH index: datasketch's MinHash (its affine32
scheme, the signatures computed here with numpy, equal to its own) and its LSH
bands and rows (the banding kept here on plain dicts). Exact duplicates
(same key, URL or normalised text) are caught earlier by the store; this catches
copies whose text differs by a few words, a different title or a byline.

The index is in memory and bounded: it keeps only items seen within a retention
window (and at most ``max_items`` of them). Signatures are stored in SQLite as
compact bytes (:meth:`NearDupIndex.signature` / :meth:`NearDupIndex.load`) so the
index is rebuilt after a restart without re-reading any article.
"""
from __future__ import annotations

import importlib
import sys
import types
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Sequence

import numpy as np

from bot.fold import fold, tokens


def _import_datasketch():
    """``import datasketch`` without loading ``scipy.integrate`` (about 50 MB of resident memory).

    Hand-written import plumbing, and the reason: datasketch 2.0's package ``__init__``
    imports ``datasketch.lsh`` (and ``lsh_bloom``), whose module top does
    ``from scipy.integrate import quad``; ``quad`` is only ever called to choose the LSH band
    parameters when ``MinHashLSH`` is built without ``params=``. Every submodule import
    (``datasketch.minhash`` too) runs that ``__init__``, so there is no scipy-free import path.
    While datasketch is imported, ``scipy.integrate`` is a placeholder whose ``quad`` loads
    the real module on first call; the placeholder is taken out of ``sys.modules`` at once,
    so any other ``import scipy.integrate`` gets the real module. This index passes
    ``params=`` for its default settings (:data:`_LSH_PARAMS`), so scipy is only loaded for a
    non-default threshold or ``num_perm``. Drop this when datasketch imports scipy lazily.
    """
    if "datasketch" in sys.modules or "scipy.integrate" in sys.modules:
        return importlib.import_module("datasketch")
    placeholder = types.ModuleType("scipy.integrate", "newsbot placeholder while datasketch is imported")

    def quad(*args, **kwargs):
        return importlib.import_module("scipy.integrate").quad(*args, **kwargs)

    placeholder.quad = quad
    sys.modules["scipy.integrate"] = placeholder
    try:
        return importlib.import_module("datasketch")
    finally:
        if sys.modules.get("scipy.integrate") is placeholder:
            del sys.modules["scipy.integrate"]


_ds = _import_datasketch()
LeanMinHash, MinHash, MinHashLSH = _ds.LeanMinHash, _ds.MinHash, _ds.MinHashLSH

SEED = 20240322          # fixed: signatures must be comparable across processes and restarts
NUM_PERM = 128
SHINGLE = 5
THRESHOLD = 0.8
SCHEME = "affine32"      # datasketch >= 2.0: 32-bit values, stored as 4 bytes each

# LSH (bands, rows) for (threshold, num_perm), as datasketch's own optimiser chooses them when
# missing a copy weighs 0.95 and a spurious candidate 0.05
# (``datasketch.lsh._optimal_param(threshold, num_perm, *LSH_WEIGHTS)``, which needs scipy).
# Every candidate is confirmed with the estimated Jaccard, so a spurious one costs a comparison,
# while a missed copy is a repeated alert: with the even weights (9 bands of 13) a copy at
# Jaccard 0.85 is missed 31% of the time; with (16, 8), 0.6%.
# Precomputed so building the index does not load scipy; other settings fall back to datasketch.
LSH_WEIGHTS = (0.05, 0.95)
_LSH_PARAMS = {(0.8, 128): (16, 8)}


# Only the opening of a text is shingled: a syndicated or lightly edited copy shares its title
# and first paragraphs, and hashing whole 7 KiB articles cost more than reading them.
MAX_WORDS = 300


def words(text: str, limit: int | None = None) -> list[str]:
    """Case-, accent- and punctuation-insensitive words (the first ``limit`` of them): the words of
    :mod:`bot.fold`, which the content hash uses too (accents and ``_`` separate words)."""
    if limit is not None:
        # the opening is enough when it holds more than ``limit`` words (the last one may be cut)
        ws = tokens(fold(text[: limit * 12]))   # generous: words average ~6 characters with spacing
        if len(ws) > limit:
            return ws[:limit]
    ws = tokens(fold(text))
    return ws[:limit] if limit is not None else ws


def _opening(text: str, words_: Sequence[str] | None) -> Sequence[str]:
    """The words shingled: the first :data:`MAX_WORDS` of ``words_`` (the text's words) or of ``text``."""
    return words(text, MAX_WORDS) if words_ is None else words_[:MAX_WORDS]


def shingles(text: str, size: int = SHINGLE, *, words_: Sequence[str] | None = None) -> set[bytes]:
    """Word ``size``-grams of the opening :data:`MAX_WORDS` words; a shorter text than ``size`` is one shingle.

    ``words_``: the text's words already found (:attr:`bot.fold.Prepared.tokens`), to skip the scan."""
    return set(_shingle_list(_opening(text, words_), size))


def _shingle_list(ws: Sequence[str], size: int) -> list[bytes]:
    """The shingles of the words ``ws``, in text order with repeats (a shorter text than ``size`` is one).
    C-level loops: the words encoded in one go (a word holds no whitespace: :func:`bot.fold.tokens`), each
    shingle one bytes join of ``size`` consecutive words."""
    if len(ws) <= size:
        return [" ".join(ws).encode("utf-8")] if ws else []
    return _byte_shingles(" ".join(ws).encode("utf-8").split(b" "), size)


def _byte_shingles(bs: list[bytes], size: int) -> list[bytes]:
    """:func:`_shingle_list` of words already encoded."""
    if len(bs) <= size:
        return [b" ".join(bs)] if bs else []
    return list(map(b" ".join, zip(*(bs[k:] for k in range(size)))))


def _shingle_hashes(ws: Sequence[str] | str, size: int) -> np.ndarray | None:
    """``zlib.crc32`` of each of :func:`shingles` (given its words), one a row, in text order with
    repeats (a repeat changes no minimum, so no set is built); ``None`` without words.

    ``ws`` a ``str``: the words joined by single spaces (the first :data:`MAX_WORDS` are shingled), as
    the content hash found them (``bot.feeds.dedupe.hash_new_items``): encoded and split once, not split
    into ``str`` words and joined again."""
    if isinstance(ws, str):
        sh = _byte_shingles(ws.encode("utf-8").split(b" ")[:MAX_WORDS] if ws else [], size)
    else:
        sh = _shingle_list(ws, size)
    if not sh:
        return None
    return np.fromiter(map(zlib.crc32, sh), dtype=np.uint32, count=len(sh)).reshape(1, -1)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch pre-mixes input hashes for the affine32 scheme."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


@dataclass(frozen=True, slots=True)
class NearDup:
    key: str            # the stored item this text duplicates
    similarity: float   # estimated Jaccard similarity of the shingle sets


class NearDupIndex:
    """MinHash LSH over recent items; ``query`` finds a stored near-duplicate of a text."""

    def __init__(self, *, threshold: float = THRESHOLD, num_perm: int = NUM_PERM, shingle: int = SHINGLE,
                 seed: int = SEED, retention: timedelta = timedelta(days=7), max_items: int = 100_000):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"near-duplicate threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self.seed = seed
        self.retention = retention
        self.max_items = max_items
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=LSH_WEIGHTS,
                         params=_LSH_PARAMS.get((round(threshold, 6), num_perm)))
        self._lsh = _Bands(lsh.b, lsh.r)     # datasketch's (bands, rows); its banding, on plain dicts
        self._sigs: dict[str, LeanMinHash] = {}
        self._seen: OrderedDict[str, datetime | None] = OrderedDict()   # insertion order ~ time order
        # permutations computed once; zlib.crc32 (C, deterministic across processes, so stored
        # signatures stay valid) hashes shingles about 6x faster than datasketch's default sha1.
        self._template = MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME, hashfunc=zlib.crc32)
        if self._template.scheme != SCHEME or self._template.permutations.dtype != np.uint32:
            raise ValueError(f"near-duplicate signatures need datasketch's {SCHEME} scheme")
        a, b = self._template.permutations
        self._perm = (a.reshape(-1, 1), b.reshape(-1, 1))     # a row a permutation: min along rows
        self._last: tuple[str, LeanMinHash | None] | None = None   # a cycle queries, then adds, one text

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, key: str) -> bool:
        return key in self._sigs

    # -- signatures ---------------------------------------------------------------------------
    def minhash(self, text: str, words: Sequence[str] | str | None = None) -> LeanMinHash | None:
        """The signature of ``text``; ``None`` when it has no words. ``words``: its words, if known (or
        its opening words joined by single spaces: :func:`_shingle_hashes`)."""
        if self._last is not None and self._last[0] is text:
            return self._last[1]
        hv = _shingle_hashes(words if isinstance(words, str) else _opening(text, words), self.shingle)
        m = None
        if hv is not None:
            # datasketch's MinHash.update_batch for the affine32 scheme, on the hashes of the shingles
            # in order (a repeated shingle changes no minimum): no set of shingles, no per-text copy
            a, b = self._perm
            values = np.minimum(self._template.hashvalues, (a * _fmix32(hv) + b).min(axis=1))
            m = LeanMinHash(seed=self.seed, hashvalues=values, scheme=SCHEME)
        self._last = (text, m)
        return m

    def signature(self, text: str) -> bytes | None:
        """Compact bytes for the store: ``num_perm`` little-endian uint32 (hash values are < 2**32)."""
        m = self.minhash(text)
        return None if m is None else _to_bytes(m)

    def _from_bytes(self, sig: bytes) -> LeanMinHash:
        hv = np.frombuffer(sig, dtype="<u4").astype(np.uint32)
        if len(hv) != self.num_perm:
            raise ValueError(f"signature has {len(hv)} values, index uses {self.num_perm}")
        return LeanMinHash(seed=self.seed, hashvalues=hv, scheme=SCHEME)

    # -- index ---------------------------------------------------------------------------------
    def query(self, text: str, *, exclude: str | None = None) -> str | None:
        """Key of the most similar stored item at or above the threshold, else ``None``.

        ``exclude``: the item's own key, so an item indexed by a cycle whose transaction then
        rolled back is not taken for a copy of itself when it is fetched again.
        """
        hit = self.query_detail(text, exclude=exclude)
        return hit.key if hit else None

    def query_detail(self, text: str, *, exclude: str | None = None,
                     words: Sequence[str] | str | None = None) -> NearDup | None:
        m = self.minhash(text, words)
        return None if m is None else self._query(m, exclude)

    def _query(self, m: LeanMinHash, exclude: str | None = None) -> NearDup | None:
        best: NearDup | None = None
        for key in self._lsh.query(m.hashvalues):
            if key == exclude:
                continue
            # LSH gives candidates that probably pass; confirm with the estimated Jaccard.
            sim = float(m.jaccard(self._sigs[key]))
            if sim >= self.threshold and (best is None or sim > best.similarity
                                          or (sim == best.similarity and key < best.key)):
                best = NearDup(key, sim)
        return best

    def add(self, key: str, text: str, at: datetime | None = None, *,
            words: Sequence[str] | str | None = None) -> bytes | None:
        """Index ``text`` under ``key``; return its signature bytes to store (``None``: no words)."""
        m = self.minhash(text, words)
        if m is None:
            return None
        self._insert(key, m, at)
        return _to_bytes(m)

    def add_signature(self, key: str, sig: bytes, at: datetime | None = None) -> None:
        self._insert(key, self._from_bytes(sig), at)

    def load(self, rows) -> int:
        """Rebuild from stored ``(key, signature_bytes, seen_at)`` rows, oldest first."""
        n = 0
        for key, sig, at in rows:
            if sig:
                self.add_signature(key, sig, at)
                n += 1
        return n

    def _insert(self, key: str, m: LeanMinHash, at: datetime | None) -> None:
        if key in self._sigs:
            return
        self._lsh.insert(key, m.hashvalues)
        self._sigs[key] = m
        self._seen[key] = at
        while len(self._sigs) > self.max_items:
            self.remove(next(iter(self._seen)))

    def remove(self, key: str) -> None:
        if key in self._sigs:
            self._lsh.remove(key, self._sigs[key].hashvalues)
            del self._sigs[key]
            self._seen.pop(key, None)

    def prune(self, now: datetime) -> int:
        """Forget items seen before ``now - retention``; return how many went."""
        cutoff = now - self.retention
        old = [k for k, at in self._seen.items() if at is not None and at < cutoff]
        for k in old:
            self.remove(k)
        return len(old)


class _Bands:
    """LSH banding as datasketch's ``MinHashLSH`` does it: a stored key is a candidate for a
    signature when both agree on all ``rows`` values of one of the ``bands`` bands. One dict per
    band from the band's bytes to its key, or to the set of its keys when several share it (most
    buckets hold one key). ``MinHashLSH`` keeps a set per bucket, a list of every key's band hashes
    and a byteswapped copy of each band: over twice the memory, and ~50 us per item more."""

    __slots__ = ("_spans", "_tables")

    def __init__(self, bands: int, rows: int) -> None:
        self._spans = [(i * rows * 4, (i + 1) * rows * 4) for i in range(bands)]   # uint32: 4 bytes a value
        self._tables: list[dict[bytes, object]] = [{} for _ in range(bands)]

    def _buckets(self, hashvalues: np.ndarray) -> list[bytes]:
        raw = np.ascontiguousarray(hashvalues, dtype=np.uint32).tobytes()
        return [raw[a:b] for a, b in self._spans]

    def insert(self, key: str, hashvalues: np.ndarray) -> None:
        for table, h in zip(self._tables, self._buckets(hashvalues)):
            held = table.get(h)
            if held is None:
                table[h] = key
            elif type(held) is set:
                held.add(key)
            elif held != key:
                table[h] = {held, key}

    def query(self, hashvalues: np.ndarray) -> set[str]:
        """The keys sharing a band with ``hashvalues``."""
        out: set[str] = set()
        for table, h in zip(self._tables, self._buckets(hashvalues)):
            held = table.get(h)
            if held is not None:
                if type(held) is set:
                    out.update(held)
                else:
                    out.add(held)
        return out

    def remove(self, key: str, hashvalues: np.ndarray) -> None:
        for table, h in zip(self._tables, self._buckets(hashvalues)):
            held = table.get(h)
            if held == key:
                del table[h]
            elif type(held) is set:
                held.discard(key)
                if len(held) == 1:
                    table[h] = next(iter(held))


def _to_bytes(m: LeanMinHash | MinHash) -> bytes:
    return np.asarray(m.hashvalues).astype("<u4").tobytes()


__all__ = ["NearDupIndex", "NearDup", "shingles", "words", "SEED", "NUM_PERM", "SHINGLE", "THRESHOLD"]
