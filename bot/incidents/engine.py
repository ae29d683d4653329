"""Incidents: fold articles about one real event together, fuse their facts, decide what to tell. Pure.

Three steps per new item, all pure (the store and the cycle do the I/O):

1. :func:`assign` scores the item against the open incidents the store found for
   it (same country or group family, inside the time window) and says which one
   it joins, or ``None`` for a new incident. Every signal is a setting of
   :class:`IncidentSignals` and every decision comes with readable reasons.
2. :func:`fuse` folds the item's facts into the incident: groups with the
   perpetrator's confidence, places, the conservative toll (the highest figure an
   article gave as this event's toll; tolls only rise, so a later, lower or
   historical figure never lowers it) and the highest credible report, each with
   its source. It returns the new state and the history events.
3. :func:`decide_updates` compares what each rule's subscribers were last told
   with the new state: a rule matching for the first time gives an ``alert``; an
   alerted rule gives an ``update`` only when the killed toll rose by the step,
   or a new group claimed the attack (wounded rides along, configurable).
   Everything else stays in the incident's history, silently.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import groupby
from datetime import datetime, timedelta, timezone
from typing import Iterable, Literal, Mapping

from pydantic import BaseModel, ConfigDict, Field

from bot.fold import byte_table, chunks, fold, non_ascii
from bot.models import Casualty, Facts, GroupMention, Item

# ---------------------------------------------------------------------------------------------
# settings


class IncidentSignals(BaseModel):
    """How items are joined into incidents. Every signal has a weight; 0 turns it off."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    window_hours: float = Field(72.0, gt=0)          # item within this of the incident's items
    max_span_hours: float = Field(240.0, gt=0)       # an incident stops accepting items this long after its first
    threshold: float = Field(0.6, ge=0)              # join when the best score reaches this
    w_groups: float = 0.25                           # overlapping group families
    w_group_conflict: float = -0.4                   # both name perpetrators, families disjoint
    w_province: float = 0.3                          # same province
    w_country: float = 0.15                          # same country, province unknown on one side
    w_province_differs: float = -0.3                 # same country, different provinces, no shared place
    w_place: float = 0.3                             # same named place, or the incident's place named in the item
    w_text: float = 0.4                              # times the share of the item's title terms the incident has
    w_time: float = 0.1                              # times (1 - gap / window)
    w_same_kind: float = 0.1                         # same kind of event
    w_same_separate_kind: float = 0.2                # same kind, for the kinds kept separate (talks, arrests)
    separate_kinds: tuple[str, ...] = ("arrest", "diplomacy")   # only join incidents of the same kind
    # Two attacks in one province on different days stay apart when their places differ:
    distinct_place_gap_hours: float = Field(12.0, ge=0)
    # a country mismatch (both known) keeps items apart
    require_same_country: bool = True


class UpdatePolicy(BaseModel):
    """When an incident that already alerted a rule's subscribers is worth telling them again."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    killed_step: int = Field(3, ge=1)            # killed rose by at least this since they were last told
    wounded_triggers: bool = False               # a wounded rise alone sends an update
    wounded_step: int = Field(10, ge=1)
    claim_triggers: bool = True                  # a group newly named as perpetrator sends an update


class IncidentSettings(BaseModel):
    """The ``incidents:`` section of the config file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = True
    signals: IncidentSignals = IncidentSignals()
    updates: UpdatePolicy = UpdatePolicy()
    neardup_threshold: float = Field(0.8, gt=0, le=1)
    neardup_retention_days: float = Field(7.0, gt=0)
    retention_days: float = Field(90.0, gt=0)    # closed incidents older than this may be pruned


# ---------------------------------------------------------------------------------------------
# state


@dataclass(frozen=True, slots=True)
class Source:
    """Where one report came from: the item and its outlet."""

    item_key: str
    name: str                 # outlet (Item.source or feed)
    at: datetime              # published (or first seen) time, UTC
    url: str | None = None
    title: str = ""

    @classmethod
    def of(cls, item: Item, at: datetime | None = None) -> "Source":
        when = item.published or at or datetime.now(timezone.utc)
        return cls(item.key, item.source or item.feed, _utc(when), item.url, item.title)


@dataclass(frozen=True, slots=True)
class Report:
    """One casualty figure and who gave it."""

    value: int
    source: str
    item_key: str
    at: datetime
    qualifier: str | None = None
    count: int = 1            # how many items gave this same figure


@dataclass(frozen=True, slots=True)
class GroupState:
    id: str
    perpetrator: int = 0      # items naming it as perpetrator
    mentioned: int = 0        # items naming it only in passing
    first_source: str = ""    # outlet that first named it perpetrator (else first named it)

    def confidence(self, items: int) -> float:
        """Share of the incident's items that name this group as perpetrator."""
        return round(self.perpetrator / items, 2) if items else 0.0


TERMS_CAP = 160
TIMES_CAP = 64


@dataclass(frozen=True)
class IncidentState:
    """One incident's fused facts; what the store keeps and ``assign`` compares with."""

    id: int | None
    kind: str
    first_at: datetime
    last_at: datetime
    country: str | None = None
    province: str | None = None
    province_code: str | None = None
    place: str | None = None
    places: tuple[str, ...] = ()
    groups: tuple[GroupState, ...] = ()
    killed: Report | None = None              # conservative fused figure
    killed_high: Report | None = None         # highest credible report
    wounded: Report | None = None
    wounded_high: Report | None = None
    items: int = 0
    sources: tuple[str, ...] = ()
    terms: frozenset[str] = frozenset()       # title words and places, for text similarity
    times: tuple[datetime, ...] = ()          # published times of its items (latest TIMES_CAP)
    title: str = ""                           # first item's title

    @property
    def perpetrators(self) -> tuple[str, ...]:
        return tuple(g.id for g in self.groups if g.perpetrator)

    @property
    def group_ids(self) -> tuple[str, ...]:
        return tuple(g.id for g in self.groups)

    # -- JSON for the store ------------------------------------------------------------------
    def to_json(self) -> dict:
        def rep(r: Report | None):
            return None if r is None else [r.value, r.source, r.item_key, _iso(r.at), r.qualifier, r.count]
        return {
            "kind": self.kind, "first_at": _iso(self.first_at), "last_at": _iso(self.last_at),
            "country": self.country, "province": self.province, "province_code": self.province_code,
            "place": self.place, "places": list(self.places),
            "groups": [[g.id, g.perpetrator, g.mentioned, g.first_source] for g in self.groups],
            "killed": rep(self.killed), "killed_high": rep(self.killed_high),
            "wounded": rep(self.wounded), "wounded_high": rep(self.wounded_high),
            "items": self.items, "sources": list(self.sources), "terms": sorted(self.terms),
            "times": [_iso(t) for t in self.times], "title": self.title,
        }

    @classmethod
    def from_json(cls, incident_id: int | None, d: Mapping) -> "IncidentState":
        def rep(v):
            return None if v is None else Report(v[0], v[1], v[2], _parse(v[3]), v[4], v[5])
        return cls(
            id=incident_id, kind=d["kind"], first_at=_parse(d["first_at"]), last_at=_parse(d["last_at"]),
            country=d.get("country"), province=d.get("province"), province_code=d.get("province_code"),
            place=d.get("place"), places=tuple(d.get("places", ())),
            groups=tuple(GroupState(*g) for g in d.get("groups", ())),
            killed=rep(d.get("killed")), killed_high=rep(d.get("killed_high")),
            wounded=rep(d.get("wounded")), wounded_high=rep(d.get("wounded_high")),
            items=d.get("items", 0), sources=tuple(d.get("sources", ())),
            terms=frozenset(d.get("terms", ())), times=tuple(_parse(t) for t in d.get("times", ())),
            title=d.get("title", ""),
        )


# What assign() compares with; the store loads full states (they are small).
IncidentSummary = IncidentState


@dataclass(frozen=True, slots=True)
class Assignment:
    incident_id: int | None          # None: the item starts a new incident
    score: float
    reasons: tuple[str, ...]         # why it joined (or why nothing fitted)
    considered: int = 0              # candidates scored


@dataclass(frozen=True, slots=True)
class Event:
    """One line of an incident's history."""

    type: str                 # created | joined | killed | wounded | killed_high | wounded_high |
                              # lower_report | perpetrator | group | place | kind
    field: str | None = None
    old: object = None
    new: object = None
    source: str = ""
    item_key: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class RuleAlertState:
    """What one rule's subscribers were last told about one incident (stored per (incident, rule))."""

    rule_id: str
    alert_id: int | None              # the alerts row of the first alert: updates reply to its messages
    item_key: str
    alerted_at: str
    killed: int | None = None         # last notified toll
    wounded: int | None = None
    perpetrators: tuple[str, ...] = ()
    updates: int = 0


@dataclass(frozen=True, slots=True)
class Notification:
    type: Literal["alert", "update"]
    rule_id: str
    incident_id: int | None
    changes: tuple[dict, ...] = ()    # [{field, old, new}] for updates
    reasons: tuple[str, ...] = ()
    killed: int | None = None         # what the subscribers now know (stored back as RuleAlertState)
    wounded: int | None = None
    perpetrators: tuple[str, ...] = ()
    reply_to_alert: int | None = None  # alert id whose messages an update answers


# ---------------------------------------------------------------------------------------------
# text helpers (hand-written: a few set operations on title words; a similarity library
# would add a dependency for less explainable output)

_STOP = frozenset("""
a an and are as at be been but by for from has have he her his in into is it its of on or that the their
they this to was were will with after over says said say new amid as about after against before being
more than who what why how when where which while not no up out off also has had one two three year years
its we you our your them there here just may might could would should can do does did get got
""".split())
_PROVINCE_SUFFIXES = frozenset(
    "province oblast region governorate state district territory prefecture county krai department".split())

# Token scans instead of regexes (feed text; linear, no per-match Python work):
# combining marks dropped by one str.translate, words found by another.
_COMBINING = {cp: None for lo, hi in ((0x300, 0x36f), (0x1ab0, 0x1aff), (0x1dc0, 0x1dff), (0x20d0, 0x20ff),
                                      (0xfe20, 0xfe2f)) for cp in range(lo, hi + 1)}
_JOINERS = "'-"      # inside a word between letters or digits ("al-shabaab", "taliban's"); ’ is folded to '


_WORD_BYTES = byte_table(_JOINERS)


def _fold(s: str) -> str:
    """Case- and accent-insensitive form (combining marks dropped by one C-level pass)."""
    if s.isascii():
        return s.casefold()
    return _fold_nfkd(s).translate(_COMBINING).replace("’", "'")


def _fold_nfkd(s: str) -> str:
    """NFKD and casefold only (:func:`bot.fold.fold`): :func:`_words` drops the marks and folds ’
    itself, a C-level pass per distinct character (``str.translate`` over a whole article is per
    character)."""
    return fold(s)


def _words(folded: str) -> list[str]:
    r"""Runs of letters and digits, joined by single ' or - between them (what the regex
    ``[^\W_]+(?:['’-][^\W_]+)*`` finds on :func:`_fold`'s output), in order. ``folded``: the
    output of :func:`_fold` or of :func:`_fold_nfkd`."""
    out: list[str] = []
    if not folded.isascii():
        odd = [c for c in non_ascii(folded) if ord(c) in _COMBINING or c == "’" or not c.isalnum()]
        if len(odd) <= 16:
            # few distinct characters to fix: one C-level pass each, then the text is plain
            for c in odd:
                folded = folded.replace(c, "" if ord(c) in _COMBINING else "'" if c == "’" else " ")
    for chunk in chunks(folded, _WORD_BYTES):
        if not chunk.isascii() and not chunk.isalnum():
            # combining marks dropped, ’ folded, other non-word characters split on
            chunk = chunk.translate(_COMBINING).replace("’", "'")
            parts = "".join(c if c.isalnum() or c in _JOINERS else " " for c in chunk).split()
            if len(parts) != 1:
                for part in parts:
                    out.extend(_words(part))
                continue
            chunk = parts[0]
        if "-" not in chunk and "'" not in chunk:
            out.append(chunk)
            continue
        n = len(chunk)
        start = -1
        for i, c in enumerate(chunk):
            if c in _JOINERS:
                if start >= 0 and i + 1 < n and chunk[i + 1] not in _JOINERS and chunk[i - 1] not in _JOINERS:
                    continue          # a single joiner between two word characters
                if start >= 0:
                    out.append(chunk[start:i])
                    start = -1
            elif start < 0:
                start = i
        if start >= 0:
            out.append(chunk[start:])
    return out


def _stem(w: str) -> str:
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w


# Places are matched in the title and the opening of the text, where a report names its event;
# deeper down articles recount earlier attacks, whose villages must not pull them into those.
OPENING_CHARS = 3000


def words_of(text: str) -> set[str]:
    ws = set(_words(_fold_nfkd(text)))
    out = {w for w in ws if not w.endswith("s")}      # _stem only changes words ending in s
    out.update(_stem(w) for w in ws if w.endswith("s"))
    return out


def title_terms(title: str) -> frozenset[str]:
    """Content words of a title: stop words and numbers dropped (tolls differ between reports)."""
    return frozenset(w for w in (_stem(w) for w in _words(_fold(title)))
                     if w not in _STOP and not w.isdigit() and len(w) > 1)


def _place_parts(place: str | None) -> tuple[frozenset[str], ...]:
    """'Crocus City Hall, Moscow' -> ({crocus, city, hall}, {moscow})."""
    if not place:
        return ()
    return _place_parts_of(place)


@lru_cache(maxsize=4096)
def _place_parts_of(place: str) -> tuple[frozenset[str], ...]:
    out = []
    for part in place.split(","):
        toks = frozenset(_stem(w) for w in _words(_fold(part)))
        if toks:
            out.append(toks)
    return tuple(out)


def _norm_province(p: str | None) -> str | None:
    """Folded province name without its administrative suffix word ('Nord-Kivu Province' -> 'nord-kivu')."""
    if not p:
        return None
    return _norm_province_of(p)


@lru_cache(maxsize=4096)
def _norm_province_of(p: str) -> str | None:
    # Drop whole words (bounded like regex \b: word = letter, digit or _) that are suffixes;
    # the rest is kept as is, whitespace collapsed.
    f = _fold(p)
    kept: list[str] = []
    for is_word, run in groupby(f, key=lambda c: c.isalnum() or c == "_"):
        piece = "".join(run)
        kept.append(" " if is_word and piece in _PROVINCE_SUFFIXES else piece)
    return " ".join("".join(kept).split()) or None


def _same_place(a: str, b: str) -> bool:
    """Same most specific name, or one place lies within the other ('Moscow' and 'Crocus City Hall,
    Moscow'); two villages of one district ('Mbau, Beni' and 'Kamango, Beni') are different places."""
    pa, pb = _place_parts(a), _place_parts(b)
    if not pa or not pb:
        return False
    return pa[0] == pb[0] or pa[0] in pb or pb[0] in pa


def _place_within(a: str, b: str) -> bool:
    """Every part of place ``a`` is a part of place ``b`` ('Crocus City Hall' within 'Crocus City Hall, Moscow')."""
    pb = _place_parts(b)
    return all(x in pb for x in _place_parts(a))


_FAMILIES: dict[int, tuple[object, dict[str, frozenset[str]]]] = {}   # id(catalog) -> (catalog, gid -> family)


def _family(gid: str, catalog) -> frozenset[str]:
    if catalog is None:
        return frozenset((gid,))
    entry = _FAMILIES.get(id(catalog))
    if entry is None or entry[0] is not catalog:
        if len(_FAMILIES) >= 4:           # catalogs of a few rule reloads at most
            _FAMILIES.clear()
        entry = _FAMILIES[id(catalog)] = (catalog, {})
    fams = entry[1]
    f = fams.get(gid)
    if f is None:
        if len(fams) >= 4096:
            fams.clear()
        f = fams[gid] = frozenset(catalog.family(gid))
    return f


def _related(a: str, b: str, catalog) -> bool:
    """Same group, or one is an affiliate of the other (iskp/isil), not mere siblings."""
    return a == b or a in _family(b, catalog) or b in _family(a, catalog)


# ---------------------------------------------------------------------------------------------
# assign


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
    _words: set[str] | None = None

    @property
    def words(self) -> set[str]:
        """Words of the opening, found when a candidate first needs them (none may)."""
        if self._words is None:
            self._words = words_of(self.opening)
        return self._words


def _probe(item: Item, facts: Facts, catalog, at: datetime | None) -> _Probe:
    when = _utc(item.published or at or datetime.now(timezone.utc))
    fam: set[str] = set()
    perp: set[str] = set()
    for g in facts.groups:
        f = _family(g.id, catalog)
        fam |= f
        if g.role == "perpetrator":
            perp |= f
    return _Probe(when, facts.kind, facts.country, facts.province, facts.province_code, facts.place,
                  frozenset(fam), frozenset(perp), title_terms(item.title),
                  f"{item.title}\n{item.text[:OPENING_CHARS]}")


def _families(state: IncidentState, catalog, perpetrators_only: bool = False) -> frozenset[str]:
    out: set[str] = set()
    for g in state.groups:
        if not perpetrators_only or g.perpetrator:
            out |= _family(g.id, catalog)
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
    if gap > s.window_hours:
        return None, [f"published {gap:.0f}h from its nearest item, beyond the {s.window_hours:g}h window"]
    if (p.at - inc.first_at).total_seconds() / 3600.0 > s.max_span_hours:
        return None, [f"incident began more than {s.max_span_hours:g}h before this item"]
    if s.require_same_country and p.country and inc.country and p.country != inc.country:
        return None, [f"different country ({p.country} vs {inc.country})"]
    sep = s.separate_kinds
    if (p.kind in sep or inc.kind in sep) and p.kind != inc.kind:
        return None, [f"a {p.kind} item does not join a {inc.kind} incident"]

    same_place = False
    place_note = ""
    if p.place and inc.places:
        for ip in inc.places:
            if _same_place(p.place, ip):
                same_place, place_note = True, f"same place {ip}"
                break
        if not same_place:
            for ip in inc.places:
                parts = _place_parts(ip)
                if parts and parts[0] <= p.words:
                    same_place, place_note = True, f"the incident's place {ip} is named in the item"
                    break
        if not same_place:
            parts = _place_parts(p.place)
            if parts and parts[0] <= inc.terms:
                same_place, place_note = True, f"the item's place {p.place} is named in the incident's titles"
        if not same_place and gap >= s.distinct_place_gap_hours:
            return None, [f"a different place ({p.place} vs {', '.join(inc.places)}) {gap:.0f}h apart: "
                          "a separate event"]
    elif inc.places and not p.place:
        for ip in inc.places:
            parts = _place_parts(ip)
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
            same_prov = _norm_province(p.province) == _norm_province(inc.province)
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


def assign(item: Item, facts: Facts, candidates: Iterable[IncidentState], catalog=None,
           settings: IncidentSignals | IncidentSettings | None = None, *, at: datetime | None = None) -> Assignment:
    """Which open incident ``item`` joins, with the reasons; ``incident_id=None`` starts a new one.

    ``at`` is the time to use when the item has no published time (the cycle's now).
    """
    s = _signals(settings)
    p = _probe(item, facts, catalog, at)
    best: tuple[float, datetime, int, list[str]] | None = None
    runner_up: list[str] = []
    n = 0
    for inc in candidates:
        if inc.id is None:
            continue
        n += 1
        score, reasons = _score(p, inc, catalog, s)
        if score is None:
            runner_up.append(f"#{inc.id} ruled out: {reasons[0]}")
            continue
        key = (score, inc.last_at, inc.id)
        if best is None or key > best[:3]:
            if best is not None:
                runner_up.append(f"#{best[2]} scored {best[0]:.2f}")
            best = (score, inc.last_at, inc.id, reasons)
        else:
            runner_up.append(f"#{inc.id} scored {score:.2f}")
    if best is not None and best[0] >= s.threshold:
        why = tuple(best[3]) + (f"score {best[0]:.2f} >= threshold {s.threshold:g}",)
        return Assignment(best[2], best[0], why, n)
    if best is None:
        why = ("no open incident fits" + (f" ({n} considered)" if n else ""),)
        return Assignment(None, 0.0, why + tuple(runner_up[:5]), n)
    why = (f"best open incident #{best[2]} scored {best[0]:.2f} < threshold {s.threshold:g}",) + tuple(best[3])
    return Assignment(None, best[0], why + tuple(runner_up[:5]), n)


# ---------------------------------------------------------------------------------------------
# fuse


def _this_event(facts: Facts, kind: str) -> list[Casualty]:
    return [c for c in facts.casualties if c.type == kind and c.this_event and not c.perpetrators]


def _qualifier(facts: Facts, kind: str, value: int) -> str | None:
    for c in _this_event(facts, kind):
        if c.value == value:
            return c.qualifier
    return None


def _fuse_toll(kind: str, cons: Report | None, high: Report | None, facts: Facts, src: Source,
               events: list[Event]) -> tuple[Report | None, Report | None]:
    value = facts.killed if kind == "killed" else facts.wounded
    if value is not None and value >= 0:
        rep = Report(value, src.name, src.item_key, src.at, _qualifier(facts, kind, value))
        if cons is None or value > cons.value:
            events.append(Event(kind, kind, cons.value if cons else None, value, src.name, src.item_key,
                                "first figure" if cons is None else "toll rose"))
            cons = rep
        elif value == cons.value:
            cons = replace(cons, count=cons.count + 1)
        else:
            # Tolls only rise: a lower figure is older news or a partial count. Recorded, never applied.
            events.append(Event("lower_report", kind, cons.value, value, src.name, src.item_key,
                                "lower than the fused figure; kept as history"))
    # The highest credible report: the highest headline toll any article gave. Other figures an
    # article marks as this event's (a hospital source's count) are not used yet: extraction still
    # marks some historical figures deep in analysis pieces as this event's (Beslan's 334 in a
    # piece on the Moscow attack), and a wrong "highest report" is worse than none.
    figures = [value] if value is not None else []
    if figures:
        top = max(figures)
        if top >= 0 and (high is None or top > high.value):
            if cons is None or top > cons.value:   # (a new high equal to the fused figure is no news)
                events.append(Event(f"{kind}_high", kind, high.value if high else None, top, src.name,
                                    src.item_key, "highest report"))
            high = Report(top, src.name, src.item_key, src.at, _qualifier(facts, kind, top))
    if cons is not None and (high is None or high.value < cons.value):
        high = cons
    return cons, high


def fuse(incident: IncidentState | None, facts: Facts, source: Source) -> tuple[IncidentState, list[Event]]:
    """Fold one item's facts into ``incident`` (``None``: a new incident). Returns (new state, events)."""
    events: list[Event] = []
    at = _utc(source.at)
    if incident is None:
        incident = IncidentState(id=None, kind=facts.kind, first_at=at, last_at=at, title=source.title)
        events.append(Event("created", note=f"{facts.kind} reported by {source.name}", source=source.name,
                            item_key=source.item_key))
    else:
        events.append(Event("joined", source=source.name, item_key=source.item_key,
                            note=f"{facts.kind} reported by {source.name}"))

    kind = incident.kind
    if facts.kind == "attack" and kind == "other":
        events.append(Event("kind", "kind", kind, "attack", source.name, source.item_key))
        kind = "attack"

    country, province, code, place = incident.country, incident.province, incident.province_code, incident.place
    if country is None and facts.country:
        country = facts.country
    if facts.country == country:
        if province is None and facts.province:
            province, code = facts.province, facts.province_code
        elif code is None and facts.province_code and _norm_province(facts.province) == _norm_province(province):
            code = facts.province_code
    places = list(incident.places)
    if facts.place and facts.country in (None, country) and not any(_place_within(facts.place, p) for p in places):
        places.append(facts.place)
        if place is not None:
            events.append(Event("place", "place", place, facts.place, source.name, source.item_key,
                                "another name for the place"))
    if place is None and places:
        place = places[0]

    groups = {g.id: g for g in incident.groups}
    order = [g.id for g in incident.groups]
    for gm in _dedupe_groups(facts.groups):
        g = groups.get(gm.id)
        if g is None:
            order.append(gm.id)
            g = GroupState(gm.id, first_source=source.name)
            if gm.role != "perpetrator":
                events.append(Event("group", "groups", None, gm.id, source.name, source.item_key, "mentioned"))
        if gm.role == "perpetrator":
            if not g.perpetrator:
                events.append(Event("perpetrator", "perpetrators", None, gm.id, source.name, source.item_key,
                                    gm.evidence or "named as perpetrator"))
                g = replace(g, first_source=source.name)
            g = replace(g, perpetrator=g.perpetrator + 1)
        else:
            g = replace(g, mentioned=g.mentioned + 1)
        groups[gm.id] = g
    # perpetrators first, then by how many items name them
    fused_groups = tuple(sorted((groups[i] for i in order),
                                key=lambda g: (-(g.perpetrator > 0), -g.perpetrator, order.index(g.id))))

    killed, killed_high = _fuse_toll("killed", incident.killed, incident.killed_high, facts, source, events)
    wounded, wounded_high = _fuse_toll("wounded", incident.wounded, incident.wounded_high, facts, source, events)

    terms = set(incident.terms)
    new_terms = set(title_terms(source.title))
    for p in places:
        for part in _place_parts(p):
            new_terms |= part
    for t in sorted(new_terms):
        if len(terms) >= TERMS_CAP:
            break
        terms.add(t)
    sources = incident.sources if source.name in incident.sources else incident.sources + (source.name,)
    times = tuple(sorted(incident.times + (at,)))[-TIMES_CAP:]
    new = replace(
        incident, kind=kind, first_at=min(incident.first_at, at), last_at=max(incident.last_at, at),
        country=country, province=province, province_code=code, place=place, places=tuple(places),
        groups=fused_groups, killed=killed, killed_high=killed_high, wounded=wounded, wounded_high=wounded_high,
        items=incident.items + 1, sources=sources, terms=frozenset(terms), times=times,
    )
    return new, events


def _dedupe_groups(groups: Iterable[GroupMention]) -> list[GroupMention]:
    seen: dict[str, GroupMention] = {}
    for g in groups:
        if g.id not in seen or (g.role == "perpetrator" and seen[g.id].role != "perpetrator"):
            seen[g.id] = g
    return list(seen.values())


def incident_facts(state: IncidentState) -> Facts:
    """The incident as one article's facts, for the rule matcher and the alert payload."""
    groups = tuple(GroupMention(g.id, g.id, "perpetrator" if g.perpetrator else "mentioned") for g in state.groups)
    cas: list[Casualty] = []
    for typ, rep in (("killed", state.killed), ("wounded", state.wounded)):
        if rep is not None:
            cas.append(Casualty(typ, rep.value, rep.qualifier, text=f"{rep.source}", this_event=True))
    return Facts(kind=state.kind, groups=groups, country=state.country, province=state.province,
                 province_code=state.province_code, place=state.place,
                 killed=state.killed.value if state.killed else None,
                 wounded=state.wounded.value if state.wounded else None,
                 casualties=tuple(cas))


# ---------------------------------------------------------------------------------------------
# decide


def decide_updates(old_state: IncidentState | None, new_state: IncidentState,
                   rule_hits_before: Mapping[str, RuleAlertState], rule_hits_after: Iterable[str],
                   settings: UpdatePolicy | IncidentSettings | None = None, *, catalog=None) -> list[Notification]:
    """What to send for this change of ``old_state`` -> ``new_state``.

    ``rule_hits_before``: the rules that already alerted on this incident, with what their subscribers
    were told. ``rule_hits_after``: the rules the incident matches now. Rules alerted before but not
    loaded any more should be left out of ``rule_hits_before`` by the caller.
    """
    pol = settings.updates if isinstance(settings, IncidentSettings) else (settings or UpdatePolicy())
    killed = new_state.killed.value if new_state.killed else None
    wounded = new_state.wounded.value if new_state.wounded else None
    perps = new_state.perpetrators
    out: list[Notification] = []
    claims: dict[tuple[str, ...], list[str]] = {}     # told perpetrators -> groups newly claimed since
    after = list(dict.fromkeys(rule_hits_after))
    for rule_id in after:
        if rule_id in rule_hits_before:
            continue
        why = ("the incident matches this rule for the first time" if old_state is None or old_state.items == 0
               else "the incident now crosses this rule's conditions for the first time")
        out.append(Notification("alert", rule_id, new_state.id, (), (why,), killed, wounded, perps))
    for rule_id, st in rule_hits_before.items():
        changes: list[dict] = []
        reasons: list[str] = []
        if killed is not None and killed - (st.killed or 0) >= pol.killed_step:
            changes.append({"field": "killed", "old": st.killed, "new": killed})
            reasons.append(f"killed rose from {st.killed if st.killed is not None else 'unknown'} to {killed} "
                           f"(step {pol.killed_step})")
        new_claims = claims.get(st.perpetrators)
        if new_claims is None:
            new_claims = claims[st.perpetrators] = [
                g for g in perps if not any(_related(g, o, catalog) for o in st.perpetrators)]
        if pol.claim_triggers and new_claims:
            changes.append({"field": "perpetrators", "old": list(st.perpetrators), "new": list(perps)})
            reasons.append("newly named as perpetrator: " + ", ".join(new_claims))
        wounded_rise = wounded is not None and wounded - (st.wounded or 0) >= pol.wounded_step
        if pol.wounded_triggers and wounded_rise:
            reasons.append(f"wounded rose from {st.wounded} to {wounded}")
        if not reasons:
            continue
        if wounded is not None and wounded != st.wounded and (st.wounded is None or wounded > st.wounded):
            changes.append({"field": "wounded", "old": st.wounded, "new": wounded})   # rides along
        out.append(Notification(
            "update", rule_id, new_state.id, tuple(changes), tuple(reasons),
            killed if killed is not None else st.killed,
            wounded if wounded is not None else st.wounded,
            tuple(dict.fromkeys(st.perpetrators + perps)), st.alert_id))
    return out


def incident_payload(n: Notification, state: IncidentState, item: Item, *, rule_title: str, severity: str,
                     group_names: Mapping[str, str] | None = None, catalog=None,
                     reasons: Iterable[str] = ()) -> dict:
    """The outbox payload of an incident alert or update: the alert keys (with the incident's fused
    facts) plus ``type``, ``incident``, ``changes`` and the fused figures' sources. Group display names
    come from ``group_names`` or else ``catalog.name``."""
    return IncidentPayloads(state, item, group_names=group_names, catalog=catalog).payload(
        n, rule_title=rule_title, severity=severity, reasons=reasons)


class IncidentPayloads:
    """:func:`incident_payload` for many notifications of one incident state: the parts every
    rule's payload shares (fused facts, group names, sources) are worked out once."""

    def __init__(self, state: IncidentState, item: Item, *, group_names: Mapping[str, str] | None = None,
                 catalog=None):
        facts = incident_facts(state)
        # Groups merely mentioned by a single article of several (background in an analysis piece) are
        # noise on a phone screen; they stay in the incident's history and `incidents show`.
        keep = {g.id for g in state.groups if g.perpetrator or g.mentioned > 1 or state.items == 1}
        self.facts = replace(facts, groups=tuple(g for g in facts.groups if g.id in keep))
        self.names = {g: (group_names or {}).get(g) or (catalog.name(g) if catalog is not None else g)
                      for g in self.facts.group_ids}
        self.state = state
        self.item = item

    def payload(self, n: Notification, *, rule_title: str, severity: str, reasons: Iterable[str] = ()) -> dict:
        from bot.notify.payload import build_alert

        state = self.state
        p = build_alert(rule_id=n.rule_id, rule_title=rule_title, severity=severity, item=self.item,
                        facts=self.facts, reasons=tuple(reasons) or n.reasons, group_names=self.names)
        p["type"] = n.type
        p["incident"] = state.id
        p["changes"] = [dict(c) for c in n.changes]
        p["update_reasons"] = list(n.reasons) if n.type == "update" else []
        p["sources"] = len(state.sources)
        p["items"] = state.items
        p["killed_source"] = state.killed.source if state.killed else None
        p["killed_high"] = state.killed_high.value if state.killed_high else None
        p["killed_high_source"] = state.killed_high.source if state.killed_high else None
        p["wounded_source"] = state.wounded.source if state.wounded else None
        p["perpetrator_confidence"] = {g.id: g.confidence(state.items) for g in state.groups if g.perpetrator}
        return p


# ---------------------------------------------------------------------------------------------


def _signals(settings) -> IncidentSignals:
    if isinstance(settings, IncidentSettings):
        return settings.signals
    return settings or IncidentSignals()


def _utc(dt: datetime) -> datetime:
    return dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt.astimezone(timezone.utc)


@lru_cache(maxsize=65536)
def _iso(dt: datetime) -> str:
    # cached: an incident's state is encoded again per item with the same times (equal datetimes
    # are the same instant, whatever their zone, so they share one UTC string)
    return _utc(dt).isoformat(timespec="seconds")


@lru_cache(maxsize=65536)
def _parse(s: str) -> datetime:
    return _utc(datetime.fromisoformat(s))


def window_start(at: datetime, settings: IncidentSignals | IncidentSettings | None = None) -> datetime:
    """Oldest ``last_at`` an incident may have and still take an item published at ``at``."""
    return _utc(at) - timedelta(hours=_signals(settings).window_hours)


__all__ = [
    "IncidentSignals", "UpdatePolicy", "IncidentSettings", "Source", "Report", "GroupState", "IncidentState",
    "IncidentSummary", "Assignment", "Event", "RuleAlertState", "Notification", "IncidentPayloads", "assign", "fuse",
    "decide_updates", "incident_facts", "incident_payload", "title_terms", "window_start",
]
