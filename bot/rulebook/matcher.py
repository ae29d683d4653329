"""Matching extracted facts against rules: pure, compiled once per rule load.

Semantics (see ``bot.rulebook.schema`` for the rule file format):

* Every condition a rule gives must hold; inside a list any entry will do,
  except ``keywords_all``.
* ``groups`` matches **perpetrator** groups only (``GroupMention.role ==
  "perpetrator"``): the group the article is about, i.e. the attacker, or the
  target of an arrest or raid (labels.yaml ``groups`` as opposed to
  ``mentioned``). A group named in passing (the US-Iraq talks mention ISIL)
  does not satisfy it. With ``include_affiliates`` (the default) a rule on
  ``isil`` also covers ``iskp``, ``adf`` ... (``GroupCatalog.descendants``).
* ``regions`` matches the ids :meth:`RegionCatalog.resolve` gives for the
  article's country and province code, plus ``place:`` keys made from its place
  (the whole place, each comma-separated part) and its province name.
* ``min_killed`` / ``min_wounded`` need that figure to be known and at least
  the threshold; ``min_casualties`` compares killed + wounded, a missing figure
  counting 0 (both missing: no match).
* Keywords: whole words, capitals-only words case-sensitive, see ``bot.rulebook.schema``.

Speed: :func:`compile_rules` puts every keyword phrase of every rule into one
pyahocorasick automaton and builds, per condition, an index from fact value to
a bitmask of rules (Python ints as bit sets). :meth:`Matcher.match` does one
automaton pass over the text, then combines a handful of masks, so its cost
hardly grows with the number of rules; reasons are built only for the rules
that matched. :meth:`Matcher.check` is the plain one-rule evaluation used for
explanations ("why not") and as the reference in tests.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Iterable, Mapping, Sequence

import ahocorasick

from bot.geo._near import NearCondition, judge as judge_near, resolve_points
from bot.models import Facts
from bot.rulebook.schema import PLACE_PREFIX, Rule, RuleSet, is_acronym, normalise_place, phrase_tokens

_SEP = " \x00 "   # between title and text: no phrase spans it


class _WordChars(dict):
    """``str.translate`` table: word characters (``str.isalnum`` or ``_``, as regex ``\\w``) stay,
    everything else becomes a space. Filled lazily, one entry per distinct character."""

    def __missing__(self, cp: int) -> int:
        c = chr(cp)
        v = cp if c.isalnum() or c == "_" else 32
        self[cp] = v
        return v


_WORD_CHARS = _WordChars()


def _words(s: str) -> list[str]:
    """What regex ``\\w+`` finds, by a token scan (linear, no per-match Python work)."""
    return s.translate(_WORD_CHARS).split()


@dataclass(frozen=True, slots=True)
class Match:
    """A rule that matched an item, and the phrases and facts that made it match."""

    rule_id: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Verdict:
    """The full evaluation of one rule on one item: what held and what did not."""

    rule_id: str
    matched: bool
    reasons: tuple[str, ...]   # conditions that held
    failed: tuple[str, ...]    # conditions that did not hold (empty when matched)


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


def _fold(s: str) -> str:
    # str.casefold() equals str.lower() on ASCII, and lower() is faster.
    return s.lower() if s.isascii() else s.casefold()


def _variants(phrase: str) -> set[str]:
    """Automaton keys for a phrase: as written, and with its words joined by space or hyphen."""
    words = _words(phrase)
    first = next(i for i, c in enumerate(phrase) if _isword(c))
    last = next(i for i in range(len(phrase) - 1, -1, -1) if _isword(phrase[i]))
    core = " ".join(phrase[first: last + 1].split())
    return {_fold(core), _fold(" ".join(words)), _fold("-".join(words))}


def _isword(c: str) -> bool:
    return c.isalnum() or c == "_"


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


class Matcher:
    """Rules compiled for fast matching. Build with :func:`compile_rules`."""

    def __init__(self, ruleset: RuleSet, rules: Sequence[Rule]):
        self.ruleset = ruleset
        self.catalog = ruleset.regions
        self._phrases: list[_Phrase] = []
        pid_of: dict[str, int] = {}

        def pid(phrase: str) -> int:
            key = " ".join(phrase.split())
            if key not in pid_of:
                toks = tuple(phrase_tokens(key))
                pid_of[key] = len(self._phrases)
                self._phrases.append(_Phrase(key, toks, tuple(i for i, t in enumerate(toks) if is_acronym(t)),
                                             f"keyword {key!r}"))
            return pid_of[key]

        desc_cache: dict[str, frozenset[str]] = {}

        def descendants(gid: str) -> frozenset[str]:
            if gid not in desc_cache:
                desc_cache[gid] = ruleset.groups.descendants(gid) if gid in ruleset.groups else frozenset({gid})
            return desc_cache[gid]

        n = len(rules)
        self._all = (1 << n) - 1
        self._compiled: list[_Compiled] = []
        self._index: dict[str, int] = {}
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

        for i, r in enumerate(rules):
            bit = 1 << i
            via: dict[str, str] = {}
            for g in r.groups:
                via.setdefault(g, g)
            if r.include_affiliates:
                for g in r.groups:
                    for d in descendants(g):
                        via.setdefault(d, g)
            region_keys = tuple(
                (x, PLACE_PREFIX + normalise_place(x[len(PLACE_PREFIX):]) if x.startswith(PLACE_PREFIX) else x)
                for x in r.regions
            )
            c = _Compiled(
                idx=i, rule=r, groups=frozenset(via), via=via, regions=frozenset(k for _, k in region_keys),
                region_keys=region_keys, kinds=frozenset(r.kinds),
                any_pids=tuple(dict.fromkeys(pid(p) for p in r.keywords_any if phrase_tokens(p))),
                all_pids=tuple(dict.fromkeys(pid(p) for p in r.keywords_all if phrase_tokens(p))),
                excl_pids=tuple(dict.fromkeys(pid(p) for p in r.exclude if phrase_tokens(p))),
            )
            self._compiled.append(c)
            self._index[r.id] = i
            no_group |= 0 if _add_bits(by_group, c.groups, bit) else bit
            no_region |= 0 if _add_bits(by_region, c.regions, bit) else bit
            no_kind |= 0 if _add_bits(by_kind, c.kinds, bit) else bit
            no_any |= 0 if _add_bits(by_any, c.any_pids, bit) else bit
            if c.all_pids:
                has_all |= bit
                for p in c.all_pids:
                    by_all[p] = by_all.get(p, 0) | bit
            for p in c.excl_pids:
                by_excl[p] = by_excl.get(p, 0) | bit
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
        # near: every rule's circles in one grid index (places resolved at rule load, bot.geo)
        self._near_points = {i: (ruleset.near.get(r.id) if r.id in ruleset.near else resolve_points(r.near))
                             for i, r in enumerate(rules) if r.near}
        self._near = NearCondition((1 << i, pts) for i, pts in self._near_points.items())
        self._killed = _Threshold(killed, self._all)
        self._wounded = _Threshold(wounded, self._all)
        self._casualties = _Threshold(casualties, self._all)

        # One automaton for every phrase of every rule. Value: (key length, pids).
        keys: dict[str, list[int]] = {}
        for p_id, ph in enumerate(self._phrases):
            for v in _variants(ph.text):
                keys.setdefault(v, []).append(p_id)
        self._automaton: ahocorasick.Automaton | None = None
        if keys:
            a = ahocorasick.Automaton()
            for k, pids in keys.items():
                a.add_word(k, (len(k), tuple(pids)))
            a.make_automaton()
            self._automaton = a

    # ------------------------------------------------------------ public
    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(c.rule.id for c in self._compiled)

    def __len__(self) -> int:
        return len(self._compiled)

    def scan(self, title: str, text: str) -> frozenset[int]:
        """Ids of the keyword phrases found in title or text (one automaton pass)."""
        if self._automaton is None:
            return frozenset()
        orig = " ".join((title + _SEP + text).split())
        norm = _fold(orig)
        same = len(norm) == len(orig)
        end_max = len(norm) - 1
        hits: set[int] = set()
        phrases = self._phrases
        for end, (klen, pids) in self._automaton.iter(norm):
            start = end - klen + 1
            if start > 0 and _isword(norm[start - 1]):
                continue
            if end < end_max and _isword(norm[end + 1]):
                continue
            for p in pids:
                if p in hits:
                    continue
                ph = phrases[p]
                if ph.acronyms:
                    if not same:
                        # folding changed the text's length, offsets no longer align
                        return self._scan_slow(title, text)
                    words = _words(orig[start:end + 1])
                    if len(words) != len(ph.tokens) or any(words[j] != ph.tokens[j] for j in ph.acronyms):
                        continue
                hits.add(p)
        return frozenset(hits)

    def match(self, title: str, text: str, facts: Facts) -> list[Match]:
        """The rules (in rule order) that match this item, each with its reasons."""
        m = self._all
        if not m:
            return []
        if self._by_kind:
            m &= self._no_kind | self._by_kind.get(facts.kind, 0)
        if m and self._by_group:
            g = self._no_group
            for gm in facts.groups:
                if gm.role == "perpetrator":
                    g |= self._by_group.get(gm.id, 0)
            m &= g
        locs = None
        if m and self._by_region:
            r = self._no_region
            locs = self._locations(facts)
            for key in locs:
                r |= self._by_region.get(key, 0)
            m &= r
        if m & self._near.mask:
            m &= ~self._near.mask | self._near.bits(facts)
        if m:
            k, w = facts.killed, facts.wounded
            m &= self._killed.ok(k) & self._wounded.ok(w)
            if m:
                m &= self._casualties.ok(None if k is None and w is None else (k or 0) + (w or 0))
        if not m:
            return []
        hits: frozenset[int] = frozenset()
        if self._automaton is not None and m & self._needs_text:
            hits = self.scan(title, text)
        if self._by_any:
            a = self._no_any
            for p in hits:
                a |= self._by_any.get(p, 0)
            m &= a
        if m & self._has_all:
            cand = 0
            for p in hits:
                cand |= self._by_all.get(p, 0)
            cand &= m & self._has_all
            ok = 0
            while cand:
                low = cand & -cand
                c = self._compiled[low.bit_length() - 1]
                if all(p in hits for p in c.all_pids):
                    ok |= low
                cand ^= low
            m = (m & ~self._has_all) | ok
        if m and self._by_excl:
            for p in hits:
                m &= ~self._by_excl.get(p, 0)
        if locs is None:
            locs = self._locations(facts)
        perps = tuple(dict.fromkeys(gm.id for gm in facts.groups if gm.role == "perpetrator"))
        cache: dict = {}
        out: list[Match] = []
        while m:
            low = m & -m
            c = self._compiled[low.bit_length() - 1]
            out.append(Match(c.rule.id, self._reasons(c, hits, facts, locs, perps, cache)))
            m ^= low
        return out

    def _reasons(self, c: _Compiled, hits: frozenset[int], facts: Facts, locs, perps: tuple[str, ...],
                 cache: dict) -> tuple[str, ...]:
        """Reasons of a rule known to match (the fast twin of :meth:`_judge`; tests hold them equal)."""
        out: list[str] = []
        if c.groups:
            for gid in perps:
                if gid in c.groups:
                    root = c.via[gid]
                    key = ("g", gid, root)
                    s = cache.get(key)
                    if s is None:
                        s = cache[key] = (f"group {gid} as perpetrator" if root == gid
                                          else f"group {gid} (affiliate of {root}) as perpetrator")
                    out.append(s)
        if c.region_keys:
            for written, key in c.region_keys:
                if key in locs:
                    s = cache.get(key)
                    if s is None:
                        s = cache[key] = (f"place {written[len(PLACE_PREFIX):].strip()}" if key.startswith(PLACE_PREFIX)
                                          else self.catalog.how(key, facts.country, facts.province_code))
                    out.append(s)
        if c.idx in self._near_points:
            out.extend(judge_near(self._near_points[c.idx], facts)[0])
        if c.kinds:
            out.append("kind " + facts.kind)
        r = c.rule
        if r.min_killed is not None:
            out.append(f"killed {facts.killed} >= {r.min_killed}")
        if r.min_wounded is not None:
            out.append(f"wounded {facts.wounded} >= {r.min_wounded}")
        if r.min_casualties is not None:
            k, w = facts.killed, facts.wounded
            out.append(f"casualties {(k or 0) + (w or 0)} (killed {k if k is not None else '?'} + "
                       f"wounded {w if w is not None else '?'}) >= {r.min_casualties}")
        if c.any_pids or c.all_pids:
            ph = self._phrases
            for p in c.any_pids:
                if p in hits:
                    out.append(ph[p].reason)
            for p in c.all_pids:
                out.append(ph[p].reason)
        return tuple(out)

    def check(self, rule_id: str, title: str, text: str, facts: Facts) -> Verdict:
        """Evaluate one rule plainly, saying what held and what did not."""
        c = self._compiled[self._index[rule_id]]
        reasons, failed = self._judge(c, self.scan(title, text), facts)
        return Verdict(rule_id, not failed, reasons, failed)

    def check_all(self, title: str, text: str, facts: Facts) -> list[Verdict]:
        hits = self.scan(title, text)
        locs = self._locations(facts)
        out = []
        for c in self._compiled:
            reasons, failed = self._judge(c, hits, facts, locs)
            out.append(Verdict(c.rule.id, not failed, reasons, failed))
        return out

    # ------------------------------------------------------------ internals
    def _locations(self, facts: Facts) -> frozenset[str] | set[str]:
        locs = self.catalog.resolve(facts.country, facts.province_code)
        if facts.place or facts.province:
            locs = set(locs)
            for name in (facts.place, facts.province):
                if name:
                    locs.add(PLACE_PREFIX + normalise_place(name))
                    for part in name.split(","):
                        if part.strip():
                            locs.add(PLACE_PREFIX + normalise_place(part))
        return locs

    def _judge(self, c: _Compiled, hits: frozenset[int], facts: Facts,
               locs: frozenset[str] | set[str] | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(reasons, failures) of one compiled rule on one item."""
        r = c.rule
        ok: list[str] = []
        bad: list[str] = []
        if c.groups:
            found = [gm.id for gm in facts.groups if gm.role == "perpetrator" and gm.id in c.groups]
            if found:
                for gid in dict.fromkeys(found):
                    root = c.via[gid]
                    ok.append(f"group {gid} as perpetrator" if root == gid
                              else f"group {gid} (affiliate of {root}) as perpetrator")
            else:
                want = ", ".join(r.groups) + (" or affiliates" if r.include_affiliates else "")
                perps = ", ".join(dict.fromkeys(facts.perpetrator_ids)) or "none"
                mentioned = [gm.id for gm in facts.groups if gm.role != "perpetrator" and gm.id in c.groups]
                extra = f"; {', '.join(dict.fromkeys(mentioned))} only mentioned" if mentioned else ""
                bad.append(f"no perpetrator group among {want} (perpetrators: {perps}{extra})")
        if c.regions:
            if locs is None:
                locs = self._locations(facts)
            found_r = [(w, k) for w, k in c.region_keys if k in locs]
            if found_r:
                for written, key in found_r:
                    if key.startswith(PLACE_PREFIX):
                        ok.append(f"place {written[len(PLACE_PREFIX):].strip()}")
                    else:
                        ok.append(self.catalog.how(key, facts.country, facts.province_code))
            else:
                where = "/".join(str(v) for v in (facts.country, facts.province_code, facts.place) if v) or "unknown"
                bad.append(f"location {where} not in {', '.join(r.regions)}")
        if c.idx in self._near_points:
            near_ok, near_bad = judge_near(self._near_points[c.idx], facts)
            ok.extend(near_ok)
            if near_bad:
                bad.append("not near: " + "; ".join(near_bad))
        if c.kinds:
            if facts.kind in c.kinds:
                ok.append(f"kind {facts.kind}")
            else:
                bad.append(f"kind {facts.kind}, needs {' or '.join(r.kinds)}")
        if r.min_killed is not None or r.min_wounded is not None:
            for name, value, limit in (("killed", facts.killed, r.min_killed),
                                       ("wounded", facts.wounded, r.min_wounded)):
                if limit is None:
                    continue
                if value is None:
                    bad.append(f"{name} unknown, needs >= {limit}")
                elif value >= limit:
                    ok.append(f"{name} {value} >= {limit}")
                else:
                    bad.append(f"{name} {value} < {limit}")
        if r.min_casualties is not None:
            k, w = facts.killed, facts.wounded
            if k is None and w is None:
                bad.append(f"casualties unknown, needs >= {r.min_casualties}")
            else:
                total = (k or 0) + (w or 0)
                desc = f"casualties {total} (killed {k if k is not None else '?'} + wounded {w if w is not None else '?'})"
                (ok if total >= r.min_casualties else bad).append(
                    f"{desc} {'>=' if total >= r.min_casualties else '<'} {r.min_casualties}")
        ph = self._phrases
        if c.any_pids:
            found_p = [p for p in c.any_pids if p in hits]
            if found_p:
                ok.extend(f"keyword {ph[p].text!r}" for p in found_p)
            else:
                bad.append("none of the keywords " + ", ".join(repr(ph[p].text) for p in c.any_pids))
        for p in c.all_pids:
            if p in hits:
                ok.append(f"keyword {ph[p].text!r}")
            else:
                bad.append(f"missing keyword {ph[p].text!r}")
        for p in c.excl_pids:
            if p in hits:
                bad.append(f"excluded keyword {ph[p].text!r}")
        return tuple(ok), tuple(bad)

    def _scan_slow(self, title: str, text: str) -> frozenset[int]:
        """Scan when case folding changed the text's length (rare: ß, ligatures, dotted İ).

        Folds word by word so offsets in the folded text map back to original words.
        """
        assert self._automaton is not None
        words = (title + _SEP + text).split()
        folded = [_fold(w) for w in words]
        norm = " ".join(folded)
        starts, pos = [], 0
        for f in folded:
            starts.append(pos)
            pos += len(f) + 1
        end_max = len(norm) - 1
        hits: set[int] = set()
        for end, (klen, pids) in self._automaton.iter(norm):
            start = end - klen + 1
            if start > 0 and _isword(norm[start - 1]):
                continue
            if end < end_max and _isword(norm[end + 1]):
                continue
            for p in pids:
                ph = self._phrases[p]
                if p in hits:
                    continue
                if ph.acronyms:
                    first = bisect_right(starts, start) - 1
                    last = bisect_right(starts, end) - 1
                    span = " ".join(words[first:last + 1])
                    got = _words(span)
                    # the hit may start or end inside a whitespace-separated chunk ("pro-ISIS")
                    if not _contains_case(got, ph):
                        continue
                hits.add(p)
        return frozenset(hits)


def _contains_case(words: list[str], ph: _Phrase) -> bool:
    n = len(ph.tokens)
    for i in range(len(words) - n + 1):
        window = words[i:i + n]
        if all(_fold(window[j]) == _fold(ph.tokens[j]) for j in range(n)) and all(
            window[j] == ph.tokens[j] for j in ph.acronyms
        ):
            return True
    return False


def compile_rules(ruleset: RuleSet, *, include_disabled: bool = False) -> Matcher:
    """Compile a rule set once per load; disabled rules are left out unless asked for."""
    rules = ruleset.rules if include_disabled else ruleset.enabled
    return Matcher(ruleset, rules)


# ---------------------------------------------------------------- rules test / explain
@dataclass(frozen=True, slots=True)
class ItemResult:
    """One corpus item after extraction and matching."""

    id: str
    title: str
    facts: Facts
    matches: tuple[Match, ...]


def run_corpus(matcher: Matcher, docs: Iterable[Mapping], *, extract: Callable | None = None) -> list[ItemResult]:
    """Extract and match each ``{"id","title","text","published"}`` doc, as the daemon does."""
    if extract is None:
        from bot.extract import extract
    out = []
    for n, d in enumerate(docs):
        title, text = d.get("title") or "", d.get("text") or ""
        published = d.get("published")
        if isinstance(published, str):
            try:
                published = datetime.fromisoformat(published.replace("Z", "+00:00"))
            except ValueError:
                published = None
        facts = extract(title, text, published, catalog=matcher.ruleset.groups)
        out.append(ItemResult(str(d.get("id") or n), title, facts, tuple(matcher.match(title, text, facts))))
    return out


def facts_line(f: Facts) -> str:
    """One-line summary of facts, e.g. ``attack · adf*, isil* · CD/CD-NK/Beni · killed 38``."""
    groups = ", ".join(g.id + ("*" if g.role == "perpetrator" else "") for g in f.groups) or "no group"
    where = "/".join(v for v in (f.country, f.province_code or f.province, f.place) if v) or "no place"
    toll = " ".join(x for x in (
        f"killed {f.killed}" if f.killed is not None else "",
        f"wounded {f.wounded}" if f.wounded is not None else "",
    ) if x) or "no toll"
    return f"{f.kind} · {groups} · {where} · {toll}"


def explain(ruleset: RuleSet, results: Sequence[ItemResult], *, show_facts: bool = False) -> str:
    """The ``newsbot rules test`` report: per rule, which items matched and why.

    Groups marked ``*`` in the facts line are perpetrators.
    """
    by_rule: dict[str, list[tuple[ItemResult, Match]]] = {r.id: [] for r in ruleset.rules}
    for res in results:
        for m in res.matches:
            by_rule.setdefault(m.rule_id, []).append((res, m))
    lines: list[str] = []
    total = len(results)
    for rule in ruleset.rules:
        hits = by_rule.get(rule.id, [])
        state = "" if rule.enabled else " [disabled]"
        lines.append(f"{rule.id}: {rule.title}{state} — {len(hits)} of {total} items")
        if not hits:
            lines.append("    (no item matched)")
        for res, m in hits:
            lines.append(f"  ✓ {res.id}: {res.title}")
            lines.append(f"      why: {'; '.join(m.reasons)}")
            if show_facts:
                lines.append(f"      facts: {facts_line(res.facts)}")
        if rule.near:   # a proximity miss says how far, or why the place could not be placed
            matched_ids = {res.id for res, _ in hits}
            for res in results:
                if res.id in matched_ids:
                    continue
                bad = judge_near(ruleset.near.get(rule.id) or resolve_points(rule.near), res.facts)[1]
                if bad and bad != ["no location"]:
                    lines.append(f"  ✗ {res.id}: {res.title}")
                    lines.append(f"      not near: {'; '.join(bad)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def explain_dicts(ruleset: RuleSet, results: Sequence[ItemResult]) -> list[dict]:
    """JSON-ready form of :func:`explain`: one dict per rule with its matched items and reasons."""
    out = []
    for rule in ruleset.rules:
        items = [
            {"id": res.id, "title": res.title, "reasons": list(m.reasons), "facts": res.facts.to_dict()}
            for res in results for m in res.matches if m.rule_id == rule.id
        ]
        out.append({"rule": rule.id, "title": rule.title, "enabled": rule.enabled, "matched": items})
    return out
