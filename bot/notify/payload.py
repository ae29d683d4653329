"""The alert payload: what one (rule, item) match, or one incident alert or update, tells a
subscriber. Pure.

The payload is stored in the outbox as JSON and is the input of every renderer (console,
Telegram) and of ``newsbot demo --json``; :class:`AlertPayload` declares its keys.
:func:`build_alert` writes the keys of one article's facts; :func:`incident_payload` (and
:class:`IncidentPayloads`, for many rules of one incident) adds the incident's. Proximity alerts
(:mod:`bot.pipeline.proximity`) add ``near``.
"""
# (no ``from __future__ import annotations``: TypedDict reads NotRequired from evaluated annotations)
from dataclasses import replace
from typing import Iterable, Literal, Mapping, NotRequired, TypedDict

from json.encoder import encode_basestring

from bot._json import dumps_unicode, encode_key
from bot.incidents import IncidentState, Notification, incident_facts
from bot.models import Facts, Item, Kind, Precision

AlertType = Literal["alert", "update"]


class Change(TypedDict):
    """One figure an update reports changed."""

    field: Literal["killed", "wounded", "perpetrators"]
    old: object
    new: object


class NearInfo(TypedDict):
    """The ``/near`` circle a proximity alert fell in."""

    id: int
    name: str
    lat: float
    lon: float
    km: float
    distance_km: float
    text: str                    # where the event lies relative to the circle's centre


class AlertPayload(TypedDict):
    """The outbox payload of an alert or update (the keys every renderer may read)."""

    type: AlertType
    rule: str
    rule_title: str
    severity: str
    item_key: str
    item_url: str | None
    title: str
    published: str | None        # ISO 8601, as the feed gave it
    source: str
    feed: str
    groups: list[str]            # perpetrators first
    perpetrators: list[str]
    group_names: dict[str, str]
    country: str | None
    province: str | None
    province_code: str | None
    place: str | None
    lat: float | None            # for locator maps (None until the gazetteer places it)
    lon: float | None
    precision: Precision | None
    killed: int | None
    wounded: int | None
    killed_qualifier: str | None
    wounded_qualifier: str | None
    arrested: int | None
    kind: Kind
    reasons: list[str]
    # an incident's alert or update (incident_payload); ``incident`` also on proximity alerts
    incident: NotRequired[int | None]
    changes: NotRequired[list[Change]]
    update_reasons: NotRequired[list[str]]
    sources: NotRequired[int]                 # distinct outlets
    items: NotRequired[int]
    killed_source: NotRequired[str | None]
    killed_high: NotRequired[int | None]
    killed_high_source: NotRequired[str | None]
    wounded_source: NotRequired[str | None]
    perpetrator_confidence: NotRequired[dict[str, float]]
    # a proximity alert
    near: NotRequired[NearInfo]



def _qualifier(facts: Facts, kind: str, value: int | None) -> str | None:
    if value is None:
        return None
    for c in facts.casualties:
        if c.type == kind and c.this_event and c.value == value and not c.perpetrators:
            return "approximately" if c.approximate and not c.qualifier else c.qualifier
    return None


def build_alert(*, rule_id: str, rule_title: str, severity: str, item: Item, facts: Facts,
                reasons: tuple[str, ...] | list[str], group_names: Mapping[str, str]) -> AlertPayload:
    perps = [g.id for g in facts.groups if g.role == "perpetrator"]
    others = [g.id for g in facts.groups if g.role != "perpetrator"]
    return {
        "type": "alert",
        "rule": rule_id,
        "rule_title": rule_title,
        "severity": severity,
        "item_key": item.key,
        "item_url": item.url,
        "title": item.title,
        "published": item.published.isoformat() if item.published else None,
        "source": item.source or item.feed,
        "feed": item.feed,
        "groups": perps + others,
        "perpetrators": perps,
        "group_names": {g: group_names.get(g, g) for g in perps + others},
        "country": facts.country,
        "province": facts.province,
        "province_code": facts.province_code,
        "place": facts.place,
        "lat": facts.lat,
        "lon": facts.lon,
        "precision": facts.precision,
        "killed": facts.killed,
        "wounded": facts.wounded,
        "killed_qualifier": _qualifier(facts, "killed", facts.killed),
        "wounded_qualifier": _qualifier(facts, "wounded", facts.wounded),
        "arrested": facts.arrested,
        "kind": facts.kind,
        "reasons": list(reasons),
    }


def incident_payload(n: Notification, state: IncidentState, item: Item, *, rule_title: str, severity: str,
                     group_names: Mapping[str, str] | None = None, catalog=None,
                     reasons: Iterable[str] = ()) -> AlertPayload:
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
        self._base: AlertPayload | None = None     # the keys every rule's payload shares, built once
        self._tail: dict | None = None
        self._json: tuple[tuple[str, ...], object, list[str | tuple[str, str]]] | None = None   # see encoded()

    def _shared(self) -> tuple[AlertPayload, dict]:
        if self._base is None:
            state = self.state
            self._base = build_alert(rule_id="", rule_title="", severity="", item=self.item, facts=self.facts,
                                     reasons=(), group_names=self.names)
            self._tail = {
                "sources": len(state.sources),
                "items": state.items,
                "killed_source": state.killed.source if state.killed else None,
                "killed_high": state.killed_high.value if state.killed_high else None,
                "killed_high_source": state.killed_high.source if state.killed_high else None,
                "wounded_source": state.wounded.source if state.wounded else None,
                "perpetrator_confidence": {g.id: g.confidence(state.items) for g in state.groups if g.perpetrator},
            }
        return self._base, self._tail

    def payload(self, n: Notification, *, rule_title: str, severity: str,
                reasons: Iterable[str] = ()) -> AlertPayload:
        base, tail = self._shared()
        p: AlertPayload = dict(base)      # type: ignore[assignment]  # the shared keys, in their order
        p["type"] = n.type
        p["rule"] = n.rule_id
        p["rule_title"] = rule_title
        p["severity"] = severity
        p["reasons"] = list(tuple(reasons) or n.reasons)
        # the containers are each payload's own, as when every payload was built on its own
        for key in ("groups", "perpetrators", "group_names"):
            p[key] = p[key].copy()
        p["incident"] = self.state.id
        p["changes"] = [Change(**c) for c in n.changes]
        p["update_reasons"] = list(n.reasons) if n.type == "update" else []
        p.update(tail)
        p["perpetrator_confidence"] = dict(tail["perpetrator_confidence"])
        return p

    def encoded(self, n: Notification, *, rule_title: str, severity: str, reasons: Iterable[str] = (),
                extra: Mapping[str, object] | None = None) -> tuple[AlertPayload, str]:
        """:meth:`payload` updated with ``extra`` (the same for every rule: the cycle's coordinates),
        and its JSON as the store keeps it: ``json.dumps(payload, ensure_ascii=False)``, the same text.

        The keys every rule's payload shares are encoded once per ``extra`` mapping (the same object,
        unchanged, for all the rules of one item; another object makes a new template); each call encodes only
        the keys set per rule (:data:`_PER_RULE`). A payload whose keys are not the template's (another
        set, another order) makes a new template."""
        p = self.payload(n, rule_title=rule_title, severity=severity, reasons=reasons)
        if extra:
            p.update(extra)      # type: ignore[typeddict-item]
        values: Mapping[str, object] = p
        keys = tuple(values)
        got = self._json
        if got is None or got[1] is not extra or got[0] != keys:
            got = self._json = (keys, extra, _template(values))
        return p, "{" + ", ".join([
            part if type(part) is str else part[1] + (encode_basestring(v) if type(v := values[part[0]]) is str
                                                      else dumps_unicode(v))
            for part in got[2]]) + "}"


# the keys :meth:`IncidentPayloads.payload` sets per rule; every other key is the same for all rules
_PER_RULE = frozenset({"type", "rule", "rule_title", "severity", "reasons", "changes", "update_reasons"})


def _template(p: Mapping) -> list[str | tuple[str, str]]:
    """``p``'s JSON in parts: the text of each run of shared keys, and ``(key, '"key": ')`` for each
    per-rule key, whose value is encoded per payload."""
    parts: list[str | tuple[str, str]] = []
    run: list[str] = []
    for k, v in p.items():
        if k in _PER_RULE:
            if run:
                parts.append(", ".join(run))
                run = []
            parts.append((k, encode_key(k) + ": "))
        else:
            run.append(encode_key(k) + ": " + dumps_unicode(v))
    if run:
        parts.append(", ".join(run))
    return parts
