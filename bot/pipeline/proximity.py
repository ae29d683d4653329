"""Proximity subscriptions in the poll cycle: which chats' circles an event falls in, and their alerts.

A chat's ``/near`` circles (``bot.store.near``) are put in one grid index
(:class:`bot.geo.CircleIndex`), rebuilt only when circles are added or removed.
:func:`near_hits` is pure: facts in, ``(subscription, distance)`` out, with the
precision rule of ``near:`` rules (a location coarser than the radius never
matches) and the subscription's ``min_killed``. :func:`alert_near` is the edge
the cycle calls after the rule alerts of the same item: it queues one alert per
chat not yet alerted for this event (incident), whichever subscription matched.
"""
from __future__ import annotations

import math
import time
from dataclasses import replace
from typing import Callable, Iterable

from bot.notify.payload import AlertPayload, NearInfo, build_alert
from bot.geo import Circle, CircleIndex, precision_fits, relative
from bot.geo._math import fmt_km
from bot.geo._near import where_name
from bot.incidents import IncidentState, incident_facts
from bot.models import Facts, Item
from bot.store import NearSubscription


class NearBook:
    """Every active chat's circles, indexed."""

    def __init__(self, subs: Iterable[NearSubscription]):
        self.index: CircleIndex[NearSubscription] = CircleIndex(Circle(s.lat, s.lon, s.km, s) for s in subs)

    def __len__(self) -> int:
        return len(self.index)


class NearCache:
    """The :class:`NearBook` of a store, rebuilt when its circles change.

    Whether they changed is asked of the store at most every ``recheck`` seconds (a count over the
    circles), not per item: a new ``/near`` takes effect within that time."""

    def __init__(self, recheck: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._gen: tuple | None = None
        self._book: NearBook | None = None
        self._checked = -math.inf
        self.recheck = recheck
        self._clock = clock

    def get(self, store) -> NearBook:
        now = self._clock()
        if self._book is not None and now - self._checked < self.recheck:
            return self._book
        self._checked = now
        gen = store.near_generation()
        if self._book is None or gen != self._gen:
            self._book = NearBook(store.near_subscriptions())
            self._gen = gen
        return self._book


def title_of(sub: NearSubscription) -> str:
    return f"Within {fmt_km(sub.km)} km of {sub.name}"


def near_hits(book: NearBook, facts: Facts) -> list[tuple[NearSubscription, float]]:
    """The subscriptions whose circle holds the event (by subscription id), with the distance."""
    if facts.lat is None or facts.lon is None or not len(book):
        return []
    out = []
    for c, d in book.index.containing(facts.lat, facts.lon):
        s = c.value
        if not precision_fits(facts.precision, s.km):
            continue
        if s.min_killed is not None and (facts.killed is None or facts.killed < s.min_killed):
            continue
        out.append((s, d))
    out.sort(key=lambda x: x[0].id)
    return out


def located(incident: Facts, item: Facts) -> Facts:
    """An incident's facts with the filed item's coordinates (incident state keeps no coordinates):
    taken when the item is located in the incident's country."""
    if incident.lat is not None or item.lat is None:
        return incident
    if incident.country and item.country and incident.country != item.country:
        return incident
    return replace(incident, lat=item.lat, lon=item.lon, precision=item.precision)


def located_once(item: Facts) -> Callable[[IncidentState], Facts]:
    """``state -> located(incident_facts(state), item)``, worked out once for the last state asked."""
    last: list = [None, None]

    def of(state: IncidentState) -> Facts:
        if last[0] is not state:
            last[:] = [state, located(incident_facts(state), item)]
        return last[1]
    return of


def near_payload(sub: NearSubscription, distance: float, facts: Facts, item: Item, *,
                 group_names: dict[str, str], incident: int | None = None) -> AlertPayload:
    rel = relative(facts.lat, facts.lon, sub.lat, sub.lon, sub.name)
    p = build_alert(rule_id=sub.via, rule_title=title_of(sub), severity="medium", item=item, facts=facts,
                    reasons=(f"{where_name(facts)} is {rel} (≤ {fmt_km(sub.km)} km)",), group_names=group_names)
    p["lat"], p["lon"], p["precision"] = facts.lat, facts.lon, facts.precision
    p["near"] = NearInfo(id=sub.id, name=sub.name, lat=sub.lat, lon=sub.lon, km=sub.km,
                         distance_km=round(distance, 1), text=rel)
    if incident is not None:
        p["incident"] = incident
    return p


def alert_near(store, cache: NearCache, *, event: str, item: Item, facts: Facts,
               group_names: dict[str, str] | Callable[[], dict[str, str]], at: str,
               alert_ids: Iterable[int] | Callable[[], Iterable[int]] = (), incident: int | None = None) -> int:
    """Queue a proximity alert for each chat whose circle holds the event and that this event has
    not alerted yet (by a rule's alert, ``alert_ids``, or an earlier proximity alert); return how many.

    ``group_names`` and ``alert_ids`` may be callables: they are asked only when some circle holds
    the event, so an item near nobody costs one grid lookup (none without coordinates)."""
    if facts.lat is None or facts.lon is None:
        return 0
    hits = near_hits(cache.get(store), facts)
    if not hits:
        return 0
    done = store.chats_alerted(event, list(alert_ids() if callable(alert_ids) else alert_ids))
    names = group_names() if callable(group_names) else group_names
    queued = 0
    for sub, d in hits:
        if sub.chat_id in done:
            continue
        done.add(sub.chat_id)
        if not store.claim_chat_event(event, sub.chat_id, via=sub.via, at=at):
            continue
        chat = store.chat(sub.chat_id)
        held = bool(chat and ((chat.muted_until and chat.muted_until > at) or chat.digest != "off"))
        store.enqueue(chat_id=sub.chat_id, payload=near_payload(sub, d, facts, item, group_names=names,
                                                                incident=incident),
                      at=at, kind="alert", rule_id=sub.via, held=held)
        queued += 1
    return queued
