"""Plain data passed between the stages of a poll cycle.

All of these are immutable values; the pure core (extract, match, incidents, render)
takes and returns them, the edges (fetch, store, telegram) produce or persist them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Kind = Literal["attack", "arrest", "diplomacy", "other"]
Role = Literal["perpetrator", "target", "mentioned"]
Precision = Literal["place", "district", "province", "country"]
EventType = Literal["created", "joined", "killed", "wounded", "killed_high", "wounded_high", "lower_report",
                    "perpetrator", "group", "place", "kind"]
NotificationType = Literal["alert", "update"]
# Why a feed poll failed: the fetch's kinds (see bot.feeds.fetch), and "parse" for a body that is no feed.
FetchErrorKind = Literal["timeout", "http", "too_large", "redirects", "blocked", "network", "invalid_url", "file",
                         "decoding"]
FeedErrorKind = Literal[FetchErrorKind, "parse"]
OutboxStatus = Literal["pending", "held", "sent", "failed", "summarised"]   # held: muted or digest chats
FeedStatus = Literal["ok", "not_modified", "error", "backlog"]   # backlog: first poll, stored without alerts


@dataclass(frozen=True, slots=True)
class Item:
    """One normalised feed entry."""

    key: str                      # stable key: guid, else canonical link, else hash(title, date)
    feed: str                     # name of the feed it came from
    url: str | None               # canonical URL (tracking parameters and fragment removed)
    title: str
    text: str                     # plain text, boilerplate lines dropped
    published: datetime | None    # UTC, aware
    source: str = ""              # human name of the outlet (feed title or host)


@dataclass(frozen=True, slots=True)
class GroupMention:
    id: str                       # canonical id from rules/groups.yaml
    name: str                     # display name
    role: Role
    evidence: str = ""            # the phrase that named it (alias as written)


@dataclass(frozen=True, slots=True)
class Casualty:
    type: Literal["killed", "wounded"]
    value: int
    qualifier: str | None = None  # "at least", "more than", "nearly", "up to", ...
    approximate: bool = False     # vague quantity ("dozens") read as a lower bound
    text: str = ""                # the phrase it was read from
    this_event: bool = True       # False for historical tolls, aggregates, other events
    perpetrators: bool = False    # attackers counted apart


@dataclass(frozen=True, slots=True)
class Facts:
    """What an analyst reads out of one article."""

    kind: Kind = "other"
    groups: tuple[GroupMention, ...] = ()
    country: str | None = None          # ISO 3166-1 alpha-2
    province: str | None = None         # English name
    province_code: str | None = None    # ISO 3166-2 where one exists
    place: str | None = None
    lat: float | None = None            # WGS84 of the resolved location (place, else province/country centroid)
    lon: float | None = None
    precision: Precision | None = None  # how fine lat/lon is: place, district, province or country
    killed: int | None = None
    wounded: int | None = None
    arrested: int | None = None
    casualties: tuple[Casualty, ...] = ()
    casualties_truncated: bool = False  # more figures than extraction keeps (see bot.extraction.MAX_CASUALTIES)
    evidence: tuple[str, ...] = field(default=())   # cue phrases behind kind/place decisions

    @property
    def group_ids(self) -> tuple[str, ...]:
        return tuple(g.id for g in self.groups)

    @property
    def perpetrator_ids(self) -> tuple[str, ...]:
        return tuple(g.id for g in self.groups if g.role == "perpetrator")

    def to_dict(self) -> dict:
        """JSON-ready form; the contract of ``newsbot extract``.

        Written out field by field: ``dataclasses.asdict`` deep-copies every value and
        cost more than the rest of storing an item.
        """
        return {
            "kind": self.kind,
            "groups": [{"id": g.id, "name": g.name, "role": g.role} for g in self.groups],
            "country": self.country,
            "province": self.province,
            "province_code": self.province_code,
            "place": self.place,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "killed": self.killed,
            "wounded": self.wounded,
            "arrested": self.arrested,
            "casualties": [_casualty_dict(c) for c in self.casualties],
            "evidence": list(self.evidence),
            **({"casualties_truncated": True} if self.casualties_truncated else {}),
        }


def _casualty_dict(c: Casualty) -> dict:
    d = {"type": c.type, "value": c.value, "qualifier": c.qualifier, "approximate": c.approximate,
         "text": c.text, "this_event": c.this_event}
    if c.perpetrators:
        d["perpetrators"] = True
    return d


# -- incidents: written by the pure incident code (bot.incidents), kept by the store ----------------


@dataclass(frozen=True, slots=True)
class Event:
    """One line of an incident's history."""

    type: EventType
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
    """What to send one rule's subscribers about one incident: a first alert, or an update."""

    type: NotificationType
    rule_id: str
    incident_id: int | None
    changes: tuple[dict, ...] = ()    # [{field, old, new}] for updates
    reasons: tuple[str, ...] = ()
    killed: int | None = None         # what the subscribers now know (stored back as RuleAlertState)
    wounded: int | None = None
    perpetrators: tuple[str, ...] = ()
    reply_to_alert: int | None = None  # alert id whose messages an update answers
