"""Matching extracted facts against rules: pure, compiled once per rule load.

Semantics (see ``bot.rulebook.schema`` for the rule file format):

* Every condition a rule gives must hold; inside a list any entry will do,
  except ``keywords_all``.
* ``groups`` matches **perpetrator** groups only (``GroupMention.role ==
  "perpetrator"``): the group the article is about, i.e. the attacker, or the
  target of an arrest or raid, as opposed to a group only ``mentioned``
  (``GroupMention.role``). A group named in passing (the US-Iraq talks mention ISIL)
  does not satisfy it. With ``include_affiliates`` (the default) a rule on
  ``isil`` also covers ``iskp``, ``adf`` ... (``GroupCatalog.descendants``).
* ``regions`` matches the ids :meth:`RegionCatalog.resolve` gives for the
  article's country and province code, plus ``place:`` keys made from its place
  (the whole place, each comma-separated part) and its province name.
* ``min_killed`` / ``min_wounded`` need that figure to be known and at least
  the threshold; ``min_casualties`` compares killed + wounded, a missing figure
  counting 0 (both missing: no match).
* Keywords: whole words, capitals-only words case-sensitive, see :mod:`bot.rulebook.phrases`.

Speed: :func:`compile_rules` puts every keyword phrase of every rule into one
ahocorasick-rs automaton and builds, per condition, an index from fact value to
a bitmask of rules (:mod:`bot.rulebook.compile`). :meth:`Matcher.match` does one
automaton pass over the text, then combines a handful of masks, so its cost
hardly grows with the number of rules; reasons are built only for the rules
that matched, and only when asked. :meth:`Matcher.check` is the plain one-rule evaluation used for
explanations ("why not") and as the reference in tests.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from bot.geo._near import judge as judge_near
from bot.models import Facts
from bot.rulebook.compile import CompiledRules, _Compiled, _Phrase, set_bits
from bot.rulebook.phrases import fold_case, isword, normalise_place, spaced_join, words
from bot.rulebook.schema import PLACE_PREFIX, RuleSet

__all__ = ["Match", "Verdict", "Matcher", "compile_rules"]

_SEP = " \x00 "   # between title and text: no phrase spans it


class Match:
    """A rule that matched an item, and the phrases and facts that made it match.

    ``reasons`` made by :meth:`Matcher.match` are worked out on first use (most matches of an item
    never have theirs read: only the rules whose notifications are written do), from the match's
    immutable inputs, so they are the same whenever asked. Compares and hashes by
    ``(rule_id, reasons)``; immutable."""

    __slots__ = ("rule_id", "_why", "_c")

    def __init__(self, rule_id: str, reasons: Iterable[str] = ()) -> None:
        object.__setattr__(self, "rule_id", rule_id)
        object.__setattr__(self, "_why", tuple(reasons))
        object.__setattr__(self, "_c", None)

    @property
    def reasons(self) -> tuple[str, ...]:
        why = self._why
        if type(why) is tuple:
            return why
        got = why.reasons(self._c)
        object.__setattr__(self, "_why", got)
        object.__setattr__(self, "_c", None)
        return got

    def __setattr__(self, name, value):
        raise AttributeError(f"Match is immutable: cannot set {name!r}")

    def __eq__(self, other):
        if not isinstance(other, Match):
            return NotImplemented
        return self.rule_id == other.rule_id and self.reasons == other.reasons

    def __hash__(self) -> int:
        return hash((self.rule_id, self.reasons))

    def __repr__(self) -> str:
        return f"Match(rule_id={self.rule_id!r}, reasons={self.reasons!r})"

    def __reduce__(self):
        return (Match, (self.rule_id, self.reasons))


def _lazy_match(rule_id: str, why: _Why, c: _Compiled, _new=object.__new__,
                _set=(Match.rule_id.__set__, Match._why.__set__, Match._c.__set__)) -> Match:
    """A match whose reasons ``why.reasons(c)`` makes on first use (made per matching rule: fast)."""
    m = _new(Match)
    _set[0](m, rule_id), _set[1](m, why), _set[2](m, c)
    return m


class _Why:
    """What one :meth:`Matcher.match` call saw, for its matches' reasons (``cache``: strings made of it)."""

    __slots__ = ("matcher", "hits", "facts", "_locs", "perps", "cache")

    def __init__(self, matcher: Matcher, hits: frozenset[int], facts: Facts, locs) -> None:
        self.matcher, self.hits, self.facts, self._locs = matcher, hits, facts, locs
        self.perps: tuple[str, ...] | None = None
        self.cache: dict = {}

    def reasons(self, c: _Compiled) -> tuple[str, ...]:
        if self.perps is None:      # the first reasons asked of this match() call
            self.perps = tuple(dict.fromkeys(gm.id for gm in self.facts.groups if gm.role == "perpetrator"))
            if self._locs is None:
                self._locs = self.matcher._locations(self.facts)
        return self.matcher._reasons(c, self.hits, self.facts, self._locs, self.perps, self.cache)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The full evaluation of one rule on one item: what held and what did not."""

    rule_id: str
    matched: bool
    reasons: tuple[str, ...]   # conditions that held
    failed: tuple[str, ...]    # conditions that did not hold (empty when matched)


class Matcher(CompiledRules):
    """Rules compiled for fast matching (:class:`~bot.rulebook.compile.CompiledRules`). Build with
    :func:`compile_rules`."""

    # ------------------------------------------------------------ public
    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(c.rule.id for c in self._compiled)

    def __len__(self) -> int:
        return len(self._compiled)

    def scan(self, title: str, text: str) -> frozenset[int]:
        """Ids of the keyword phrases found in title or text (one automaton pass over the folded text).

        A phrase with words in capitals is checked against the original words. Where case folding
        changed the text's length (rare: ß, ligatures, dotted İ) offsets in the folded text no
        longer align with the original, so a hit is mapped back to the whitespace-separated chunks
        it covers (each chunk folds on its own to the same text, so their starts are known).
        """
        if self._automaton is None:
            return frozenset()
        orig, chunks = spaced_join(title, _SEP, text), []   # " ".join(chunks); chunks made on the first need
        norm = fold_case(orig)
        aligned = len(norm) == len(orig)
        starts: list[int] | None = None     # chunk starts in norm: made on the first need
        end_max = len(norm) - 1
        hits: set[int] = set()
        phrases, key_phrases = self._phrases, self._key_phrases
        for k, start, end in self._automaton.find_matches_as_indexes(norm, overlapping=True):   # all, in one call
            pids, end = key_phrases[k], end - 1     # (character offsets; ``end`` made inclusive)
            if start > 0 and isword(norm[start - 1]):
                continue
            if end < end_max and isword(norm[end + 1]):
                continue
            for p in pids:
                if p in hits:
                    continue
                ph = phrases[p]
                if ph.acronyms:
                    if aligned:
                        got = words(orig[start:end + 1])
                        if len(got) != len(ph.tokens) or any(got[j] != ph.tokens[j] for j in ph.acronyms):
                            continue
                    else:
                        chunks = chunks or orig.split(" ")     # (orig holds _SEP: never empty)
                        starts = starts or _starts(chunks)
                        first = bisect_right(starts, start) - 1
                        last = bisect_right(starts, end) - 1
                        # the hit may start or end inside a whitespace-separated chunk ("pro-ISIS")
                        if not _contains_case(words(" ".join(chunks[first:last + 1])), ph):
                            continue
                hits.add(p)
        return frozenset(hits)

    def match(self, title: str, text: str, facts: Facts) -> list[Match]:
        """The rules (in rule order) that match this item, each with its reasons (worked out on first
        use, the same as if made now: :class:`Match`)."""
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
        why = _Why(self, hits, facts, locs)     # reasons: on first use (see Match)
        compiled = self._compiled
        return [_lazy_match(c.rule.id, why, c) for c in map(compiled.__getitem__, set_bits(m))]

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
                        s = cache[key] = _group_reason(gid, root)
                    out.append(s)
        if c.region_keys:
            for written, key in c.region_keys:
                if key in locs:
                    s = cache.get(key)
                    if s is None:
                        s = cache[key] = self._region_reason(written, key, facts)
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
            out.append(f"{_casualties(facts.killed, facts.wounded)} >= {r.min_casualties}")
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
    def _region_reason(self, written: str, key: str, facts: Facts) -> str:
        """Why a region condition held: ``place Beni``, or how the catalogue placed the item."""
        if key.startswith(PLACE_PREFIX):
            return f"place {written[len(PLACE_PREFIX):].strip()}"
        return self.catalog.how(key, facts.country, facts.province_code)

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
                    ok.append(_group_reason(gid, c.via[gid]))
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
                    ok.append(self._region_reason(written, key, facts))
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
                desc = _casualties(k, w)
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


def _group_reason(gid: str, root: str) -> str:
    return f"group {gid} as perpetrator" if root == gid else f"group {gid} (affiliate of {root}) as perpetrator"


def _casualties(k: int | None, w: int | None) -> str:
    """``casualties 12 (killed 10 + wounded 2)``; a missing figure counts 0 and shows ``?``."""
    return f"casualties {(k or 0) + (w or 0)} (killed {k if k is not None else '?'} + wounded {w if w is not None else '?'})"


def _starts(chunks: list[str]) -> list[int]:
    """Where each chunk starts in ``" ".join(fold_case(c) for c in chunks)``, the folded text."""
    starts, pos = [], 0
    for c in chunks:
        starts.append(pos)
        pos += len(fold_case(c)) + 1
    return starts


def _contains_case(got: list[str], ph: _Phrase) -> bool:
    """Do the words ``got`` hold the phrase, its capitals-only words in the same case?"""
    n = len(ph.tokens)
    for i in range(len(got) - n + 1):
        window = got[i:i + n]
        if all(fold_case(window[j]) == fold_case(ph.tokens[j]) for j in range(n)) and all(
            window[j] == ph.tokens[j] for j in ph.acronyms
        ):
            return True
    return False


def compile_rules(ruleset: RuleSet, *, include_disabled: bool = False) -> Matcher:
    """Compile a rule set once per load; disabled rules are left out unless asked for."""
    rules = ruleset.rules if include_disabled else ruleset.enabled
    return Matcher(ruleset, rules)
