"""Compiling a rule set for matching: one keyword automaton and one bitmask index per condition.

Every keyword phrase of every rule goes into one ahocorasick-rs automaton (Rust; each key's phrase
ids kept beside it). For each condition an index maps a fact value (group id, region key, kind, phrase
id) to a bitmask of the rules it satisfies (Python ints as bit sets); rules without that
condition are in a ``no_*`` mask. Thresholds (``min_*``) are sorted limits with prefix masks.
:class:`bot.rulebook.matcher.Matcher` evaluates items over these tables. Pure, built once per load.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Mapping, Sequence

import ahocorasick_rs

from bot.geo._near import NearCondition, resolve_points
from bot.rulebook.phrases import fold_case, is_acronym, isword, normalise_place, phrase_tokens, words
from bot.rulebook.schema import PLACE_PREFIX, Rule, RuleSet

__all__ = ["CompiledRules"]


@dataclass(frozen=True, slots=True)
class _Phrase:
    text: str                  # as the rule wrote it (whitespace collapsed)
    tokens: tuple[str, ...]
    acronyms: tuple[int, ...]  # positions of words matched case-sensitively
    reason: str                # "keyword 'car bomb'"


@dataclass(frozen=True, slots=True)
class _Compiled:
    idx: int
    rule: Rule
    groups: frozenset[str]           # expanded: rule groups and (maybe) their affiliates
    via: Mapping[str, str]           # expanded group id -> the rule's group it comes from
    regions: frozenset[str]          # region ids, country/province codes, "place:<normalised>"
    region_keys: tuple[tuple[str, str], ...]   # (as written, index key)
    kinds: frozenset[str]
    any_pids: tuple[int, ...]
    all_pids: tuple[int, ...]
    excl_pids: tuple[int, ...]


def _variants(phrase: str) -> set[str]:
    """Automaton keys for a phrase: as written, and with its words joined by space or hyphen."""
    ws = words(phrase)
    first = next(i for i, c in enumerate(phrase) if isword(c))
    last = next(i for i in range(len(phrase) - 1, -1, -1) if isword(phrase[i]))
    core = " ".join(phrase[first: last + 1].split())
    return {fold_case(core), fold_case(" ".join(ws)), fold_case("-".join(ws))}


class _Threshold:
    """Rules with a minimum on one figure: value -> bitmask of rules satisfied."""

    __slots__ = ("none", "limits", "prefix")

    def __init__(self, items: list[tuple[int, int]], all_mask: int):
        items.sort()
        with_cond = 0
        self.limits: list[int] = []
        self.prefix: list[int] = []
        acc = 0
        for limit, bit in items:
            acc |= bit
            with_cond |= bit
            self.limits.append(limit)
            self.prefix.append(acc)
        self.none = all_mask & ~with_cond

    def ok(self, value: int | None) -> int:
        if value is None or not self.limits:
            return self.none
        i = bisect_right(self.limits, value)
        return self.none | (self.prefix[i - 1] if i else 0)


def _add_bits(index: dict, keys, bit: int) -> bool:
    """Set ``bit`` for each key of ``index``; False when there are no keys (no condition)."""
    for k in keys:
        index[k] = index.get(k, 0) | bit
    return bool(keys)


def _automaton(phrases: Sequence[_Phrase]) -> tuple[ahocorasick_rs.AhoCorasick | None, list[tuple[int, ...]]]:
    """One automaton for every phrase of every rule, and the phrase ids of each of its keys (by key index).

    ahocorasick-rs (Rust), not pyahocorasick: every occurrence, overlapping ones too, comes back from one
    call instead of a walk of pyahocorasick's trie with a Python step per hit (``Matcher.match`` at 1,000
    rules: ~150 us against ~200 us per 6 KiB article)."""
    keys: dict[str, list[int]] = {}
    for p_id, ph in enumerate(phrases):
        for v in _variants(ph.text):
            if v:
                keys.setdefault(v, []).append(p_id)
    if not keys:
        return None, []
    return (ahocorasick_rs.AhoCorasick(list(keys), matchkind=ahocorasick_rs.MatchKind.Standard),
            [tuple(pids) for pids in keys.values()])


class CompiledRules:
    """The tables :class:`bot.rulebook.matcher.Matcher` matches with (it is this class plus matching)."""

    def __init__(self, ruleset: RuleSet, rules: Sequence[Rule]):
        self.ruleset = ruleset
        self.catalog = ruleset.regions
        self._phrases: list[_Phrase] = []
        self._pid_of: dict[str, int] = {}
        self._desc: dict[str, frozenset[str]] = {}
        self._all = (1 << len(rules)) - 1
        self._compiled: list[_Compiled] = [self._compile_rule(i, r) for i, r in enumerate(rules)]
        self._index: dict[str, int] = {c.rule.id: c.idx for c in self._compiled}
        self._build_indexes()
        # near: every rule's circles in one grid index (places resolved at rule load, bot.geo)
        self._near_points = {i: (ruleset.near.get(r.id) if r.id in ruleset.near else resolve_points(r.near))
                             for i, r in enumerate(rules) if r.near}
        self._near = NearCondition((1 << i, pts) for i, pts in self._near_points.items())
        self._automaton, self._key_phrases = _automaton(self._phrases)

    def _pid(self, phrase: str) -> int:
        """The id of a keyword phrase (the same phrase in two rules: one id)."""
        key = " ".join(phrase.split())
        if key not in self._pid_of:
            toks = tuple(phrase_tokens(key))
            self._pid_of[key] = len(self._phrases)
            self._phrases.append(_Phrase(key, toks, tuple(i for i, t in enumerate(toks) if is_acronym(t)),
                                         f"keyword {key!r}"))
        return self._pid_of[key]

    def _descendants(self, gid: str) -> frozenset[str]:
        if gid not in self._desc:
            groups = self.ruleset.groups
            self._desc[gid] = groups.descendants(gid) if gid in groups else frozenset({gid})
        return self._desc[gid]

    def _pids(self, phrases: list[str]) -> tuple[int, ...]:
        return tuple(dict.fromkeys(self._pid(p) for p in phrases if phrase_tokens(p)))

    def _compile_rule(self, i: int, r: Rule) -> _Compiled:
        via: dict[str, str] = {}
        for g in r.groups:
            via.setdefault(g, g)
        if r.include_affiliates:
            for g in r.groups:
                for d in self._descendants(g):
                    via.setdefault(d, g)
        region_keys = tuple(
            (x, PLACE_PREFIX + normalise_place(x[len(PLACE_PREFIX):]) if x.startswith(PLACE_PREFIX) else x)
            for x in r.regions
        )
        return _Compiled(
            idx=i, rule=r, groups=frozenset(via), via=via, regions=frozenset(k for _, k in region_keys),
            region_keys=region_keys, kinds=frozenset(r.kinds),
            any_pids=self._pids(r.keywords_any), all_pids=self._pids(r.keywords_all),
            excl_pids=self._pids(r.exclude),
        )

    def _build_indexes(self) -> None:
        by_group: dict[str, int] = {}
        by_region: dict[str, int] = {}
        by_kind: dict[str, int] = {}
        by_any: dict[int, int] = {}
        by_all: dict[int, int] = {}
        by_excl: dict[int, int] = {}
        no_group = no_region = no_kind = no_any = 0
        has_all = 0
        killed: list[tuple[int, int]] = []
        wounded: list[tuple[int, int]] = []
        casualties: list[tuple[int, int]] = []
        for c in self._compiled:
            r, bit = c.rule, 1 << c.idx
            no_group |= 0 if _add_bits(by_group, c.groups, bit) else bit
            no_region |= 0 if _add_bits(by_region, c.regions, bit) else bit
            no_kind |= 0 if _add_bits(by_kind, c.kinds, bit) else bit
            no_any |= 0 if _add_bits(by_any, c.any_pids, bit) else bit
            if c.all_pids:
                has_all |= bit
                _add_bits(by_all, c.all_pids, bit)
            _add_bits(by_excl, c.excl_pids, bit)
            if r.min_killed is not None:
                killed.append((r.min_killed, bit))
            if r.min_wounded is not None:
                wounded.append((r.min_wounded, bit))
            if r.min_casualties is not None:
                casualties.append((r.min_casualties, bit))
        self._by_group, self._no_group = by_group, no_group
        self._by_region, self._no_region = by_region, no_region
        self._by_kind, self._no_kind = by_kind, no_kind
        self._by_any, self._no_any = by_any, no_any
        self._by_all, self._has_all = by_all, has_all
        self._by_excl = by_excl
        has_excl = 0
        for v in by_excl.values():
            has_excl |= v
        self._needs_text = (self._all & ~no_any) | has_all | has_excl
        self._killed = _Threshold(killed, self._all)
        self._wounded = _Threshold(wounded, self._all)
        self._casualties = _Threshold(casualties, self._all)


def set_bits(m: int) -> list[int]:
    """The set bits of ``m``, lowest first. Many of a wide mask (10,000 rules, 100 matches): found in
    its binary digits, as clearing each bit of a wide int costs time in proportion to its width."""
    if m.bit_length() < 2048 or m.bit_count() < 8:
        out = []
        while m:
            low = m & -m
            out.append(low.bit_length() - 1)
            m ^= low
        return out
    s = bin(m)
    top, find = len(s) - 1, s.rfind
    out, i = [], find("1")
    while i > 1:
        out.append(top - i)
        i = find("1", 2, i)
    return out
