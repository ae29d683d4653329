"""Fold one item's facts into its incident. Pure.

:func:`fuse` merges groups (with the perpetrator's confidence), places, the conservative toll
(the highest figure an article gave as this event's toll; tolls only rise, so a later, lower or
historical figure never lowers it) and the highest credible report, each with its source. It
returns the new state and the history events. :func:`incident_facts` reads the fused state back
as one article's facts, for the matcher and the alert payload.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from bot.clock import as_utc
from bot.models import Casualty, Facts, GroupMention
from .similarity import norm_province, place_parts, place_within, title_terms
from .state import TERMS_CAP, TIMES_CAP, Event, GroupState, IncidentState, Report, Source


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
    at = as_utc(source.at)
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
        elif code is None and facts.province_code and norm_province(facts.province) == norm_province(province):
            code = facts.province_code
    places = list(incident.places)
    if facts.place and facts.country in (None, country) and not any(place_within(facts.place, p) for p in places):
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
        for part in place_parts(p):
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
