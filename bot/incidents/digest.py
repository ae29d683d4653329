"""A small stored summary of an incident, and what it tells :func:`~bot.incidents.assign` before the
incident's state is decoded: the gate that rules it out, or an upper bound on its score. Pure.

Most open incidents in a busy window cannot win an item: another province, another place, other
groups. Decoding each one's state (JSON, then :meth:`IncidentState.from_json`) and scoring it was
most of a cold assignment. The store keeps, next to the state, :func:`summary_of` it: kind, item
times (whole seconds, as the state's JSON keeps them), country, province, places, group ids, and a
bit mask of its title terms. :func:`read_summary` reads it back (a split and a few conversions).
:func:`upper_bounds` works out each candidate's gates exactly as ``assign`` does (the gap to its
nearest item in integer microseconds, the same float), so a candidate a gate rules out gets its
"ruled out" line without being decoded, unless that gate is the place's and the mask cannot say
whether the item's place is named in the incident's titles. Of the others it gives the highest
score they can get: every signal exact except the shared title terms (counted on the mask, never
fewer than the real ones) and that same place question (taken at its best). ``assign`` decodes
and scores candidates in falling order of the bound and stops when no bound left reaches the
best score found: the same incident wins, with the same score and reasons.

The summary is plain text: fields separated by ``\x1f``, lists by ``\x1e``; a state with either
character in a field gets no summary (``None``) and is decoded and scored as before, as are rows
stored before the summary existed.
"""
from __future__ import annotations

import zlib
from bisect import bisect_left
from functools import lru_cache
from datetime import datetime, timedelta, timezone
from typing import Iterable

from .similarity import family, norm_province, place_parts
from .state import IncidentState

__all__ = ["Summary", "summary_of", "read_summary", "upper_bounds", "ruled_out_line", "term_bits", "gate",
           "place_line", "micros"]

_FIELD, _LIST = "\x1f", "\x1e"
_VERSION = "s1"
MASK_BITS = 512
_EPS = 0.002         # the score is rounded to 3 decimals, and its parts summed in another order
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_SECOND, _MICRO = timedelta(seconds=1), timedelta(microseconds=1)
_M = 1_000_000


_BITS: dict[str, int] = {}


def _bit(term: str) -> int:
    b = _BITS.get(term)
    if b is None:
        if len(_BITS) >= 65536:
            _BITS.clear()
        b = _BITS[term] = zlib.crc32(term.encode("utf-8", "surrogatepass")) % MASK_BITS
    return b


def term_bits(terms) -> tuple[int, ...]:
    """The mask bit of each term (stable across processes: CRC-32)."""
    return tuple(_bit(t) for t in terms)


@lru_cache(maxsize=65536)     # an incident's instants are written again at each of its saves
def _seconds(dt: datetime) -> str:
    """Whole seconds since the epoch, as the state's JSON keeps the instant (ISO text, seconds)."""
    return str((dt - _EPOCH) // _SECOND)


def micros(dt: datetime) -> int:
    """Microseconds since the epoch, exactly."""
    return (dt - _EPOCH) // _MICRO


# -- the gates' lines: one wording for assign's _score and for summaries ----------------------
def gate(p, gap: float, span_hours: float, kind: str, country: str | None, sig) -> str | None:
    """The line of the first gate before the place's that rules the incident out, or ``None``."""
    if gap > sig.window_hours:
        return f"published {gap:.0f}h from its nearest item, beyond the {sig.window_hours:g}h window"
    if span_hours > sig.max_span_hours:
        return f"incident began more than {sig.max_span_hours:g}h before this item"
    if sig.require_same_country and p.country and country and p.country != country:
        return f"different country ({p.country} vs {country})"
    sep = sig.separate_kinds
    if (p.kind in sep or kind in sep) and p.kind != kind:
        return f"a {p.kind} item does not join a {kind} incident"
    return None


def place_line(place: str, places: Iterable[str], gap: float) -> str:
    return f"a different place ({place} vs {', '.join(places)}) {gap:.0f}h apart: a separate event"


def ruled_out_line(p, why: tuple, sig) -> str:
    """The "ruled out" line of a gate :func:`upper_bounds` found (written only when a reason shows it)."""
    gap, span_h, s = why
    return place_line(p.place, s.places, gap) if span_h is None else gate(p, gap, span_h, s.kind, s.country, sig)


def summary_of(state: IncidentState) -> str | None:
    """The stored summary of ``state``, or ``None`` when a field holds a separator (or a time is naive)."""
    try:
        return _summary_of(state)
    except TypeError:        # a naive datetime (the pipeline's are all UTC): no summary, decoded as before
        return None


def _summary_of(state: IncidentState) -> str | None:
    mask = 0
    for t in state.terms:
        mask |= 1 << _bit(t)
    ids = [g.id for g in state.groups]
    texts = "".join((state.kind, state.country or "", state.province or "", state.province_code or "",
                     *state.places, *ids))
    if _FIELD in texts or _LIST in texts or not all(state.places) or not all(ids):
        return None
    return _FIELD.join((
        _VERSION, state.kind, _seconds(state.first_at), _seconds(state.last_at),
        _LIST.join(map(_seconds, state.times)),
        state.country or "", state.province or "", state.province_code or "",
        _LIST.join(state.places), _LIST.join(ids),
        _LIST.join(g.id for g in state.groups if g.perpetrator), format(mask, "x")))


class Summary:
    """A read summary (see :func:`summary_of`), with what :func:`upper_bounds` compares worked out once:
    the word sets of its places, its province folded; its group families are worked out per catalog."""

    __slots__ = ("kind", "first", "last", "times", "country", "province", "province_code", "places", "groups",
                 "perps", "mask", "heads", "nprov", "_fams")

    def families(self, catalog) -> tuple[frozenset[str], frozenset[str]]:
        """(families of all its groups, families of its perpetrators), as ``assign`` works them out."""
        f = self._fams
        if f is None or f[0] is not catalog:
            all_ = frozenset().union(*(family(g, catalog) for g in self.groups.split(_LIST) if g))
            perp = frozenset().union(*(family(g, catalog) for g in self.perps.split(_LIST) if g))
            f = self._fams = (catalog, all_, perp)
        return f[1], f[2]


def read_summary(text: str | None) -> Summary | None:
    """The :class:`Summary` stored as ``text``; ``None`` for none, or for text it cannot read."""
    if not text:
        return None
    parts = text.split(_FIELD)
    if len(parts) != 12 or parts[0] != _VERSION:
        return None
    try:
        s = Summary()
        s.kind = parts[1]
        s.first, s.last = int(parts[2]), int(parts[3])
        t = parts[4]
        s.times = (int(t),) if t and _LIST not in t else tuple(map(int, t.split(_LIST))) if t else ()
        s.country, s.province, s.province_code = parts[5] or None, parts[6] or None, parts[7] or None
        s.groups, s.perps = parts[9], parts[10]       # split when their families are first asked for
        s.mask = int(parts[11], 16)
    except ValueError:
        return None
    t = parts[8]
    if not t:
        s.places = s.heads = ()
    elif _LIST not in t:
        s.places = (t,)
        pp = place_parts(t)
        s.heads = (pp,) if pp else ()          # places with words
    else:
        s.places = tuple(t.split(_LIST))
        s.heads = tuple([pp for pp in map(place_parts, s.places) if pp])
    s.nprov = norm_province(s.province)
    s._fams = None
    return s


def upper_bounds(p, summaries: Iterable[tuple[int, Summary]], catalog,
                 sig) -> tuple[list[tuple[float, int]], list[tuple[int, tuple]]]:
    """For ``(key, summary)`` pairs: ``(bound, key)`` of those no gate rules out for sure, the
    highest score each can get for the item probed by ``p`` (:class:`bot.incidents.assign._Probe`),
    and ``(key, why)`` of those a gate rules out (:func:`ruled_out_line` of ``why`` is its line);
    each signal worked out as ``assign``'s ``_score`` does (one loop, the settings read once)."""
    at = p.us
    ceil_s = -(-at // _M)                 # the first whole second at or after the item's time
    pkind, pcountry, pplace, pcode = p.kind, p.country, p.place, p.province_code or None
    pa = p.place_parts
    pa0 = pa[0] if pa else None
    pprov = norm_province(p.province) if p.province else False      # False: the item names none
    pfams, pperp, nterms = p.families, p.perp_families, len(p.terms)
    bits = p.term_bits
    pmask = 0
    for b in bits:
        pmask |= 1 << b
    distinct_bits = pmask.bit_count() == len(bits)      # else shared terms are counted bit by bit
    place_mask = 0
    for b in p.place_bits:
        place_mask |= 1 << b
    window, span, near = sig.window_hours, sig.max_span_hours, sig.distinct_place_gap_hours
    same_country_only, sep = sig.require_same_country, sig.separate_kinds
    w_groups, w_conflict, w_place, w_text, w_time = (sig.w_groups, sig.w_group_conflict, sig.w_place, sig.w_text,
                                                     sig.w_time)
    w_province, w_country, w_differs = sig.w_province, sig.w_country, sig.w_province_differs
    w_kind = sig.w_same_separate_kind if pkind in sep else sig.w_same_kind
    pkind_sep = pkind in sep
    words = None
    out: list[tuple[float, int]] = []
    gated: list[tuple[int, tuple]] = []   # (key, (gap, span hours or None for the place's gate, summary))
    for key, s in summaries:
        times = s.times
        if not times:
            d = abs(at - s.last * _M)
        else:       # as assign's _nearest_gap: bisect, then the nearer neighbour
            i = bisect_left(times, ceil_s)
            if i == 0:
                d = abs(at - times[0] * _M)
            elif i == len(times):
                d = abs(at - times[-1] * _M)
            else:
                d = min(abs(at - times[i - 1] * _M), abs(at - times[i] * _M))
        gap = d / _M / 3600.0
        span_h = (at - s.first * _M) / _M / 3600.0
        country = s.country
        if gap > window or span_h > span or (s.kind != pkind and (pkind_sep or s.kind in sep)) or (
                same_country_only and pcountry and country and pcountry != country):
            gated.append((key, (gap, span_h, s)))
            continue
        # same place: True, False or None (not known from the summary)
        same: bool | None = False
        heads = s.heads
        if s.places and (pplace or heads):
            if pa0 is not None:
                for pb in heads:
                    if pa0 == pb[0] or pa0 in pb or pb[0] in pa:
                        same = True
                        break
            if not same and heads:
                if words is None:
                    words = p.words
                for pb in heads:
                    if pb[0] <= words:
                        same = True
                        break
            if not same and pplace:
                if pa0 is not None and s.mask & place_mask == place_mask:
                    same = None          # the item's place may be named in the incident's titles
                elif gap >= near:
                    gated.append((key, (gap, None, s)))
                    continue
        f = s._fams
        if f is None or f[0] is not catalog:
            s.families(catalog)
            f = s._fams
        score = w_groups if pfams & f[1] else 0.0
        if pperp and f[2] and not (pperp & f[2]):
            score += w_conflict
        # the province's signal depends on whether the place agrees: both taken at their highest
        place_w = w_place if same else 0.0 if same is False else (w_place if w_place > 0 else 0.0)
        if pcountry and country and pcountry == country:
            ia = s.province_code
            if pcode and ia:
                same_prov = pcode == ia
            elif pprov is not False and s.province:
                same_prov = pprov == s.nprov
            else:
                same_prov = None
            if same_prov:
                score += w_province
            elif same_prov is None:
                score += w_country
            elif same is None:
                score += max(w_country + w_place, w_differs)
                place_w = 0.0
            else:
                score += w_country if same else w_differs
        score += place_w
        if nterms and s.mask and w_text > 0:
            common = (pmask & s.mask).bit_count() if distinct_bits else sum(s.mask >> b & 1 for b in bits)
            if common:
                score += round(w_text * common / nterms, 3)
        if w_time:
            score += round(w_time * max(0.0, 1.0 - gap / window), 3)
        if pkind == s.kind:
            score += w_kind
        out.append((score + _EPS, key))
    return out, gated
