"""An incident's fused state, the values it is made of, and its JSON form for the store. Pure.

The store keeps :meth:`IncidentState.to_json` as it is given and hands the JSON back;
:meth:`IncidentState.from_json` is the one decoder. :class:`Event`, :class:`Notification` and
:class:`RuleAlertState` live in :mod:`bot.models` (the store writes and reads them) and are
re-exported here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Mapping

from bot.clock import as_utc, iso, parse_iso, utcnow
from bot.models import Event, Item, Kind, Notification, RuleAlertState

__all__ = ["Source", "Report", "GroupState", "IncidentState", "Assignment", "Event",
           "Notification", "RuleAlertState", "TERMS_CAP", "TIMES_CAP"]


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
        when = item.published or at or utcnow()
        return cls(item.key, item.source or item.feed, as_utc(when), item.url, item.title)


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
    """One incident's fused facts: what ``assign`` compares with, and (as :meth:`to_json`) what the store keeps."""

    id: int | None
    kind: Kind
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
            return None if r is None else [r.value, r.source, r.item_key, iso(r.at), r.qualifier, r.count]
        return {
            "kind": self.kind, "first_at": iso(self.first_at), "last_at": iso(self.last_at),
            "country": self.country, "province": self.province, "province_code": self.province_code,
            "place": self.place, "places": list(self.places),
            "groups": [[g.id, g.perpetrator, g.mentioned, g.first_source] for g in self.groups],
            "killed": rep(self.killed), "killed_high": rep(self.killed_high),
            "wounded": rep(self.wounded), "wounded_high": rep(self.wounded_high),
            "items": self.items, "sources": list(self.sources), "terms": sorted(self.terms),
            "times": [iso(t) for t in self.times], "title": self.title,
        }

    @classmethod
    def from_json(cls, incident_id: int | None, d: Mapping) -> "IncidentState":
        # built without __init__: a frozen dataclass's sets each of its 19 fields through
        # object.__setattr__, a third of a decode, and every candidate of a cold lookup is decoded
        # (the fields are all given here: tests/test_incidents checks the round trip)
        def rep(v):
            return None if v is None else Report(v[0], v[1], v[2], parse_iso(v[3]), v[4], v[5])
        get = d.get
        state = object.__new__(cls)
        state.__dict__.update(
            id=incident_id, kind=d["kind"], first_at=parse_iso(d["first_at"]), last_at=parse_iso(d["last_at"]),
            country=get("country"), province=get("province"), province_code=get("province_code"),
            place=get("place"), places=tuple(get("places", ())),
            groups=tuple(GroupState(*g) for g in get("groups", ())),
            killed=rep(get("killed")), killed_high=rep(get("killed_high")),
            wounded=rep(get("wounded")), wounded_high=rep(get("wounded_high")),
            items=get("items", 0), sources=tuple(get("sources", ())),
            terms=frozenset(get("terms", ())), times=tuple(map(parse_iso, get("times", ()))),
            title=get("title", ""),
        )
        return state


@dataclass(frozen=True, slots=True)
class Assignment:
    incident_id: int | None          # None: the item starts a new incident
    score: float
    reasons: tuple[str, ...]         # why it joined (or why nothing fitted)
    considered: int = 0              # candidates scored
