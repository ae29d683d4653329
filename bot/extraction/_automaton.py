"""A leftmost-longest multi-string scanner with pyahocorasick's interface, run by
ahocorasick-rs (Rust).

Extraction walks two automata over every article: the group aliases with the casualty
and other-event words over the whole lower-cased text, and the gazetteer's 43,000 names
over its opening. pyahocorasick walks a trie whose nodes search their children one by
one: 20-25 ns a character. ahocorasick-rs compiles the same keys into a DFA (a table
lookup a byte) or a contiguous NFA, and returns all the matches of one scan in one call.

``Automaton`` keeps the part of pyahocorasick's interface extraction uses: ``add_word``,
``make_automaton``, ``get``, ``exists``, ``iter_long`` (leftmost-longest,
non-overlapping matches as ``(end index, value)``; ``end`` inclusive as pyahocorasick
gives it) and, built with ``overlapping=True``, ``iter`` (every match, overlapping, in
pyahocorasick's order: by end, the longest first). ``tests/test_extract_speed_paths.py``
holds both to pyahocorasick's results.
"""
from __future__ import annotations

from typing import Any

import ahocorasick_rs

__all__ = ["Automaton"]

_MISSING = object()


class Automaton:
    """Keys added with ``add_word``, then ``make_automaton()``, then scans.

    ``dfa``: build a DFA (fastest scan; memory grows with the keys' total length, so it
    suits a catalogue of a few thousand aliases, not a gazetteer). Otherwise a contiguous
    NFA (compact; still several times faster than pyahocorasick's trie)."""

    __slots__ = ("_values", "_vals", "_ac", "_dfa", "_bac", "_overlapping")

    def __init__(self, dfa: bool = False, overlapping: bool = False):
        self._values: dict[str, object] = {}
        self._vals: list = []
        self._ac = None
        self._bac = None
        self._dfa = dfa
        self._overlapping = overlapping   # iter() (every match), not iter_long()

    def add_word(self, key: str, value) -> bool:
        new = key not in self._values
        self._values[key] = value
        self._ac = self._bac = None
        return new

    def make_automaton(self) -> None:
        keys = [k for k in self._values if k]
        self._vals = [self._values[k] for k in keys]
        impl = ahocorasick_rs.Implementation.DFA if self._dfa else ahocorasick_rs.Implementation.ContiguousNFA
        kind = ahocorasick_rs.MatchKind.Standard if self._overlapping else ahocorasick_rs.MatchKind.LeftmostLongest
        self._ac = ahocorasick_rs.AhoCorasick(keys, matchkind=kind, implementation=impl) if keys else None
        # A DFA's keys that are all ASCII, none with "?", are also compiled for bytes: a text is
        # then scanned as ASCII bytes with each other character made "?" (one byte each, so
        # offsets stay character offsets; no key can match across one). It skips the UTF-8 copy
        # of a non-ASCII str and the mapping of byte offsets back to characters.
        self._bac = ahocorasick_rs.BytesAhoCorasick(
            [k.encode("ascii") for k in keys], matchkind=kind,
            implementation=impl) if keys and self._dfa and all(k.isascii() and "?" not in k for k in keys) else None

    def get(self, key: str, default=_MISSING):
        if default is _MISSING:
            return self._values[key]
        return self._values.get(key, default)

    def exists(self, key: str) -> bool:
        return key in self._values

    def __len__(self) -> int:
        return len(self._values)

    def keys(self):
        return iter(self._values)

    def values(self):
        return iter(self._values.values())

    def items(self):
        return iter(self._values.items())

    def iter_long(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, Any]]:
        """``(index of the match's last character, value)`` for each leftmost-longest,
        non-overlapping match in ``text[start:end]``, in order."""
        if self._overlapping:
            raise TypeError("an overlapping automaton answers iter(), not iter_long()")
        return self._find(text, start, end, False)

    def iter(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, Any]]:
        """``(index of the match's last character, value)`` for every match in ``text[start:end]``,
        overlapping ones too, as pyahocorasick's ``iter`` gives them: by end, the longest first."""
        if not self._overlapping:
            raise TypeError("a leftmost-longest automaton answers iter_long(), not iter()")
        return self._find(text, start, end, True)

    def _find(self, text: str, start: int, end: int | None, overlapping: bool) -> list[tuple[int, Any]]:
        if self._ac is None:
            if self._values:
                raise AttributeError("make_automaton() was not called after add_word()")
            return []
        if start or (end is not None and end < len(text)):
            sub = text[start:end]
        else:
            sub, start = text, 0
        vals = self._vals
        last = start - 1
        if self._bac is not None:
            data = sub.encode("ascii", "replace")
            return [(last + e, vals[i]) for i, _, e in self._bac.find_matches_as_indexes(data, overlapping)]
        return [(last + e, vals[i]) for i, _, e in self._ac.find_matches_as_indexes(sub, overlapping)]
