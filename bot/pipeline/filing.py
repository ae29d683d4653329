"""Filing an item into its incident: the one place the pure incident steps meet the store.

Per item, inside the cycle's transaction: the store gives the open incidents the item may join;
:func:`bot.incidents.assign` picks one (or none), :func:`bot.incidents.fuse` folds the item's facts
in, the store saves the new state, its item and history; the caller's ``match`` says which rules
the fused incident matches now, and :func:`bot.incidents.decide_updates` says what each rule's
subscribers are to be told. The returned notifications still need payloads
(:class:`bot.notify.payload.IncidentPayloads`) and :meth:`bot.store.Store.deliver_notification`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from datetime import datetime
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from bot.catalog.groups import GroupCatalog
from bot.clock import iso
from bot.incidents import (Assignment, Event, IncidentSettings, IncidentState, Notification, Source, assign,
                           decide_updates, fuse)
from bot.incidents.assign import ruled_out_by_kind
from bot.incidents.digest import read_summary, summary_of
from bot.models import Facts, Item
from bot.rulebook.matcher import Match
from bot.store import IncidentRow, Store

# The rules the fused incident matches now (the cycle: the compiled matcher on the incident's facts).
MatchIncident = Callable[[IncidentState], Sequence[Match]]


@dataclass(frozen=True)
class Filed:
    """What happened to one item: the incident before and after, why, and what to send."""

    incident: IncidentState
    previous: IncidentState | None
    assignment: Assignment
    events: tuple[Event, ...]
    notifications: tuple[Notification, ...]
    matches: tuple[Match, ...] = ()                     # the rules the incident matches now

    @cached_property
    def match_reasons(self) -> Mapping[str, tuple[str, ...]]:
        """Rule id -> the matcher's reasons, each worked out on first use (the cycle asks only for the
        rules it notifies, a few of the item's matches: :class:`~bot.rulebook.matcher.Match`)."""
        return _Reasons({m.rule_id: m for m in self.matches})


class _Reasons(Mapping):
    """Rule id -> ``tuple(match.reasons)``, read from the match when asked."""

    __slots__ = ("_by_rule",)

    def __init__(self, by_rule: dict[str, Match]) -> None:
        self._by_rule = by_rule

    def __getitem__(self, rule_id: str) -> tuple[str, ...]:
        return tuple(self._by_rule[rule_id].reasons)

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_rule)

    def __len__(self) -> int:
        return len(self._by_rule)


def _families(group_ids: Iterable[str], catalog: GroupCatalog | None) -> frozenset[str]:
    """The groups and their families (affiliates, parents), by which incidents are looked up."""
    fams: set[str] = set()
    for gid in group_ids:
        fams.update(catalog.family(gid) if catalog is not None else (gid,))
    return frozenset(fams)


def _row(state: IncidentState, catalog: GroupCatalog | None) -> IncidentRow:
    """The stored form: the state's JSON, and the columns incidents are listed and looked up by."""
    return IncidentRow(state.id, state.to_json(), state.kind, state.first_at, state.last_at, state.country,
                       state.province, state.place, state.killed.value if state.killed else None,
                       state.wounded.value if state.wounded else None, state.items,
                       _families(state.group_ids, catalog), summary_of(state))


def save_incident(store: Store, state: IncidentState, *, at: str, catalog: GroupCatalog | None = None,
                  previous: IncidentState | None = None) -> IncidentState:
    """Insert (``state.id is None``) or update an incident; returns the state with its id.

    ``previous``: the stored state this one replaces (its unchanged group-family rows are kept)."""
    same = previous is not None and previous.id == state.id
    incident_id = store.save_incident(
        _row(state, catalog), at=at, previous_last_at=previous.last_at if same else None,
        previous_families=_families(previous.group_ids, catalog) if same else frozenset(),
        decode=IncidentState.from_json)     # the candidates' decoder: the saved state is kept decoded
    return state if state.id == incident_id else replace(state, id=incident_id)


def candidates(store: Store, *, at: datetime, country: str | None, families: Iterable[str] = (),
               settings: IncidentSettings | None = None, kind: str | None = None) -> list:
    """Open incidents an item published at ``at`` may join (see :meth:`Store.incident_candidates`).

    ``kind``: the item's; incidents its kind rules out are left undecoded (``assign`` loads them
    only for the reasons of a non-join)."""
    sig = (settings or IncidentSettings()).signals
    sep = sig.separate_kinds
    if kind is None:
        defer = None
    elif kind in sep:
        defer = lambda k: ruled_out_by_kind(kind, k, sep)   # noqa: E731
    else:   # an item of a kind not kept separate: exactly the separate kinds are ruled out (a C-level test)
        defer = frozenset(sep).__contains__
    return store.incident_candidates(at=at, country=country, families=families, window_hours=sig.window_hours,
                                     max_span_hours=sig.max_span_hours, decode=IncidentState.from_json,
                                     defer=defer, summary=read_summary)


def load_incident(store: Store, incident_id: int) -> IncidentState | None:
    """One stored incident's state, or ``None``."""
    return store.incident(incident_id, IncidentState.from_json)


def file_item(store: Store, item: Item, facts: Facts, *, at: datetime, match: MatchIncident | None = None,
              catalog: GroupCatalog | None = None, settings: IncidentSettings | None = None,
              active_rules: Iterable[str] | None = None) -> Filed:
    """Assign ``item`` to an incident, fuse its facts, store both, and decide what to send.

    ``match(state)``: the rules the fused incident matches now (none without it); their reasons end
    up in ``Filed.match_reasons``. ``active_rules``: the rule ids loaded now; alert state of other
    rules is ignored. ``at``: the cycle's now (the time of an item without a published time).
    """
    settings = settings or IncidentSettings()
    when = item.published or at
    cands = candidates(store, at=when, country=facts.country, families=_families(facts.group_ids, catalog),
                       settings=settings, kind=facts.kind)
    a = assign(item, facts, cands, catalog, settings.signals, at=at)
    old = next((c for c in cands if c.id == a.incident_id), None) if a.incident_id is not None else None
    if old is not None and not isinstance(old, IncidentState):
        old = old.load()      # never, in fact: a deferred incident is one the item's kind rules out
    new, events = fuse(old, facts, Source.of(item, at))
    stamp = iso(at)
    new = save_incident(store, new, at=stamp, catalog=catalog, previous=old)
    store.add_incident_item(new.id, item, facts, score=a.score, reasons=a.reasons, at=stamp)
    store.add_incident_events(new.id, events, at=stamp)
    # a new incident has told nobody anything yet: no query
    before = store.rule_alert_states(new.id) if old is not None else {}
    if active_rules is not None:
        keep = active_rules if isinstance(active_rules, (set, frozenset)) else set(active_rules)
        if not keep.issuperset(before):
            before = {r: s for r, s in before.items() if r in keep}
    matches = tuple(match(new)) if match is not None else ()
    notes = decide_updates(old, new, before, [m.rule_id for m in matches], settings.updates, catalog=catalog)
    return Filed(new, old, a, tuple(events), tuple(notes), matches)
