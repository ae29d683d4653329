"""The alert payload: what one (rule, item) match tells a subscriber. Pure.

The payload is stored in the outbox as JSON and is the input of every
renderer (console, Telegram) and of ``newsbot demo --json``.
"""
from __future__ import annotations

from bot.models import Facts, Item


def _qualifier(facts: Facts, kind: str, value: int | None) -> str | None:
    if value is None:
        return None
    for c in facts.casualties:
        if c.type == kind and c.this_event and c.value == value and not c.perpetrators:
            return "approximately" if c.approximate and not c.qualifier else c.qualifier
    return None


def build_alert(*, rule_id: str, rule_title: str, severity: str, item: Item, facts: Facts,
                reasons: tuple[str, ...] | list[str], group_names: dict[str, str]) -> dict:
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
        "lat": facts.lat,                 # for locator maps (None until the gazetteer places it)
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
