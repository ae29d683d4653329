"""Which open incident a new item joins. Pure.

:func:`assign` scores the item against the open incidents the store found for it (same country
or group family, inside the time window) and says which one it joins, or ``None`` for a new
incident. Every signal is a setting of :class:`~bot.incidents.settings.IncidentSignals` and every
decision comes with readable reasons.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Collection, Iterable, Protocol

from bot.clock import as_utc, utcnow
from bot.models import Facts, Item
from .digest import gate, micros, place_line, ruled_out_line, term_bits, upper_bounds
from .settings import IncidentSettings, IncidentSignals, signals_of
from .similarity import OPENING_CHARS, family, is_same_place, norm_province, place_parts, title_terms, words_of
from .state import Assignment, IncidentState


class Deferred(Protocol):
    """An open incident not decoded yet (:class:`bot.store.incidents.DeferredIncident`); its
    ``summary``, when it has one (:class:`bot.incidents.digest.Summary`, or ``None``), bounds its score."""

    id: int
    kind: str
    load: Callable[[], IncidentState]


@dataclass
class _Probe:
    at: datetime
    kind: str
    country: str | None
    province: str | None
    province_code: str | None
    place: str | None
    families: frozenset[str]
    perp_families: frozenset[str]
    terms: frozenset[str]
    opening: str                      # title and the opening of the text
    us: int = 0                       # ``at`` in microseconds since the epoch (for summaries)
    term_bits: tuple[int, ...] = ()   # the summary mask bit of each of ``terms``
    place_parts: tuple[frozenset[str], ...] = ()     # of ``place``
    place_bits: tuple[int, ...] = ()  # the mask bits of the words of its first part
    _words: set[str] | None = None

    @property
    def words(self) -> set[str]:
        """Words of the opening, found when a candidate first needs them (none may)."""
        if self._words is None:
            self._words = words_of(self.opening)
        return self._words


def _probe(item: Item, facts: Facts, catalog, at: datetime | None) -> _Probe:
    when = as_utc(item.published or at or utcnow())
    fam: set[str] = set()
    perp: set[str] = set()
    for g in facts.groups:
        f = family(g.id, catalog)
        fam |= f
        if g.role == "perpetrator":
            perp |= f
    terms = title_terms(item.title)
    parts = place_parts(facts.place)
    return _Probe(when, facts.kind, facts.country, facts.province, facts.province_code, facts.place,
                  frozenset(fam), frozenset(perp), terms, f"{item.title}\n{item.text[:OPENING_CHARS]}",
                  micros(when), term_bits(terms), parts, term_bits(parts[0]) if parts else ())


def _families(state: IncidentState, catalog, perpetrators_only: bool = False) -> frozenset[str]:
    out: set[str] = set()
    for g in state.groups:
        if not perpetrators_only or g.perpetrator:
            out |= family(g.id, catalog)
    return frozenset(out)


def _hours(a: datetime, b: datetime) -> float:
    return abs((a - b).total_seconds()) / 3600.0


def _nearest_gap(at: datetime, inc: IncidentState) -> float:
    """Hours from ``at`` to the incident's nearest item time (``times`` is sorted: fuse keeps it so)."""
    times = inc.times
    if not times:
        return _hours(at, inc.last_at)
    i = bisect_left(times, at)
    if i == 0:
        return _hours(at, times[0])
    if i == len(times):
        return _hours(at, times[-1])
    return min(_hours(at, times[i - 1]), _hours(at, times[i]))


def _score(p: _Probe, inc: IncidentState, catalog, s: IncidentSignals) -> tuple[float | None, list[str]]:
    """Score of one candidate, or ``None`` with the reason it is ruled out."""
    reasons: list[str] = []
    # -- gates -----------------------------------------------------------------------------
    gap = _nearest_gap(p.at, inc)
    why = gate(p, gap, (p.at - inc.first_at).total_seconds() / 3600.0, inc.kind, inc.country, s)
    if why is not None:
        return None, [why]
    sep = s.separate_kinds

    same_place = False
    place_note = ""
    if p.place and inc.places:
        for ip in inc.places:
            if is_same_place(p.place, ip):
                same_place, place_note = True, f"same place {ip}"
                break
        if not same_place:
            for ip in inc.places:
                parts = place_parts(ip)
                if parts and parts[0] <= p.words:
                    same_place, place_note = True, f"the incident's place {ip} is named in the item"
                    break
        if not same_place:
            parts = place_parts(p.place)
            if parts and parts[0] <= inc.terms:
                same_place, place_note = True, f"the item's place {p.place} is named in the incident's titles"
        if not same_place and gap >= s.distinct_place_gap_hours:
            return None, [place_line(p.place, inc.places, gap)]
    elif inc.places and not p.place:
        for ip in inc.places:
            parts = place_parts(ip)
            if parts and parts[0] <= p.words:
                same_place, place_note = True, f"the incident's place {ip} is named in the item"
                break

    # -- weighted signals ------------------------------------------------------------------
    score = 0.0

    def add(w: float, why: str) -> None:
        nonlocal score
        if w:
            score += w
            reasons.append(f"{why} ({w:+.2f})")

    inc_fam = _families(inc, catalog)
    shared = p.families & inc_fam
    if shared:
        add(s.w_groups, "group families overlap: " + ", ".join(sorted(shared)))
    inc_perp = _families(inc, catalog, perpetrators_only=True)
    if p.perp_families and inc_perp and not (p.perp_families & inc_perp):
        add(s.w_group_conflict, "perpetrators differ: " + ", ".join(sorted(p.perp_families)) + " vs "
            + ", ".join(sorted(inc_perp)))

    if p.country and inc.country and p.country == inc.country:
        pa = p.province_code or None
        ia = inc.province_code or None
        if pa and ia:
            same_prov = pa == ia
        elif p.province and inc.province:
            same_prov = norm_province(p.province) == norm_province(inc.province)
        else:
            same_prov = None
        if same_prov:
            add(s.w_province, f"same province {inc.province or inc.province_code}")
        elif same_prov is None:
            add(s.w_country, f"same country {inc.country} (province unknown on one side)")
        elif same_place:
            add(s.w_country, f"same country {inc.country}; provinces differ "
                             f"({p.province} vs {inc.province}) but the place agrees")
        else:
            add(s.w_province_differs, f"different provinces ({p.province} vs {inc.province})")

    if same_place:
        add(s.w_place, place_note)

    if p.terms and inc.terms:
        common = p.terms & inc.terms
        if common:
            share = len(common) / len(p.terms)
            add(round(s.w_text * share, 3), f"title terms shared {len(common)}/{len(p.terms)}: "
                + ", ".join(sorted(common)[:8]))
    if s.w_time:
        add(round(s.w_time * max(0.0, 1.0 - gap / s.window_hours), 3), f"published {gap:.0f}h from its nearest item")
    if p.kind == inc.kind:
        add(s.w_same_separate_kind if p.kind in sep else s.w_same_kind, f"same kind ({p.kind})")
    return round(score, 3), reasons


def ruled_out_by_kind(kind: str, incident_kind: str, separate_kinds: Collection[str]) -> bool:
    """True when ``separate_kinds`` keeps an item of ``kind`` out of an incident of ``incident_kind``
    (one of :func:`assign`'s gates, and the only one the stored ``kind`` column alone decides)."""
    return (kind in separate_kinds or incident_kind in separate_kinds) and kind != incident_kind


def assign(item: Item, facts: Facts, candidates: Iterable[IncidentState | Deferred], catalog=None,
           settings: IncidentSignals | IncidentSettings | None = None, *, at: datetime | None = None) -> Assignment:
    """Which open incident ``item`` joins, with the reasons; ``incident_id=None`` starts a new one.

    ``at`` is the time to use when the item has no published time (the cycle's now).
    ``candidates`` may hold :class:`Deferred` incidents (an id, a kind and ``load()``): one ruled
    out by its kind is never loaded when the item joins another incident, and otherwise only when
    its "ruled out" line is among the five the reasons keep (an earlier gate may give that line).
    A deferred incident with a ``summary`` is loaded and scored only if the upper bound of its
    score (:func:`bot.incidents.digest.upper_bounds`) reaches the best score found so far, in
    falling order of the bounds (or for the reasons' lines, as above): the best is the same.
    """
    s = signals_of(settings)
    p = _probe(item, facts, catalog, at)
    rows: list[tuple] = []       # (incident or deferred, score, reasons); reasons None: not scored yet
    summaries: list[tuple[int, object]] = []     # (index in rows, summary)
    best: tuple[float, datetime, int, list[str]] | None = None
    for c in candidates:
        if c.id is None:
            continue
        if not isinstance(c, IncidentState):
            summary = getattr(c, "summary", None)
            if summary is not None or ruled_out_by_kind(p.kind, c.kind, s.separate_kinds):
                if summary is not None:      # its gates, or the bound of its score (below)
                    summaries.append((len(rows), summary))
                rows.append((c, None, None))
                continue
            c = c.load()
        score, reasons = _score(p, c, catalog, s)
        rows.append((c, score, reasons))
        if score is not None and (best is None or (score, c.last_at, c.id) > best[:3]):
            best = (score, c.last_at, c.id, reasons)
    bounded, gated = upper_bounds(p, summaries, catalog, s) if summaries else ([], [])
    for k, why in gated:                       # ruled out by a gate: its line, without decoding it
        rows[k] = (rows[k][0], None, why)
    bounded.sort(reverse=True)
    for bound, k in bounded:
        if best is not None and bound < best[0]:
            break                              # none left can reach the best
        c = rows[k][0].load()
        score, reasons = _score(p, c, catalog, s)
        rows[k] = (c, score, reasons)
        if score is not None and (best is None or (score, c.last_at, c.id) > best[:3]):
            best = (score, c.last_at, c.id, reasons)
    n = len(rows)
    if best is not None and best[0] >= s.threshold:
        why = tuple(best[3]) + (f"score {best[0]:.2f} >= threshold {s.threshold:g}",)
        return Assignment(best[2], best[0], why, n)
    runner_up = _runner_up(p, rows, catalog, s)
    if best is None:
        why = ("no open incident fits" + (f" ({n} considered)" if n else ""),)
        return Assignment(None, 0.0, why + tuple(runner_up), n)
    why = (f"best open incident #{best[2]} scored {best[0]:.2f} < threshold {s.threshold:g}",) + tuple(best[3])
    return Assignment(None, best[0], why + tuple(runner_up), n)


def _runner_up(p: _Probe, rows: list[tuple], catalog, s: IncidentSignals, keep: int = 5) -> list[str]:
    """The first ``keep`` lines on the candidates that did not win, in candidate order: a best
    overtaken by a later one is noted when it is overtaken."""
    lines: list[str] = []
    best: tuple | None = None
    for inc, score, reasons in rows:
        if len(lines) >= keep:
            break
        if reasons is None:          # deferred (ruled out by its kind, or bounded below the best): scored now
            inc = inc.load()
            score, reasons = _score(p, inc, catalog, s)
        if score is None:
            why = reasons[0] if isinstance(reasons, list) else ruled_out_line(p, reasons, s)   # (a summary's)
            lines.append(f"#{inc.id} ruled out: {why}")
            continue
        key = (score, inc.last_at, inc.id)
        if best is None or key > best:
            if best is not None:
                lines.append(f"#{best[2]} scored {best[0]:.2f}")
            best = key
        else:
            lines.append(f"#{inc.id} scored {score:.2f}")
    return lines[:keep]
