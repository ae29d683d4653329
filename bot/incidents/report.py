"""Text for ``newsbot incidents list | show ID | explain ID``: plain functions over the store.

The click commands in :mod:`bot.cli` print what these return. An unknown id raises
:class:`~bot.errors.NewsbotError` with a clear message.
"""
from __future__ import annotations

from bot.errors import NewsbotError
from bot.incidents import IncidentState


def _when(s: str | None) -> str:
    return (s or "?")[:16].replace("T", " ")


def _where(place: str | None, province: str | None, country: str | None) -> str:
    parts = [p for p in (place, province, country) if p]
    return ", ".join(dict.fromkeys(parts)) or "place unknown"


def _fig(v) -> str:
    return "-" if v is None else str(v)


def _get(store, incident_id: int) -> IncidentState:
    state = store.incident(int(incident_id), IncidentState.from_json)
    if state is None:
        raise NewsbotError(f"no incident {incident_id} (see `newsbot incidents list`)")
    return state


def incidents_list(store, *, limit: int = 50, since: str | None = None) -> str:
    """One line per incident, latest first: id, time, kind, where, tolls, items and the rules alerted."""
    rows = store.recent_incidents(limit=limit, since=since)
    if not rows:
        return "no incidents yet"
    lines = [f"{'ID':>6}  {'LAST (UTC)':16}  {'KIND':9} {'KILLED':>6} {'WOUNDED':>7} {'ITEMS':>5}  WHERE / RULES ALERTED"]
    for r in rows:
        rules = ", ".join(store.rule_alert_states(r["id"])) or "no alert"
        lines.append(f"{r['id']:>6}  {_when(r['last_at']):16}  {r['kind']:9} {_fig(r['killed']):>6} "
                     f"{_fig(r['wounded']):>7} {r['items']:>5}  {_where(r['place'], r['province'], r['country'])}"
                     f"  [{rules}]")
    return "\n".join(lines)


def _header(state: IncidentState) -> list[str]:
    out = [f"Incident #{state.id}: {state.kind} in {_where(state.place, state.province, state.country)}",
           f"  first item {_when(state.first_at.isoformat())} UTC, latest {_when(state.last_at.isoformat())} UTC; "
           f"{state.items} item(s) from {len(state.sources)} source(s): {', '.join(state.sources)}"]
    if len(state.places) > 1:
        out.append(f"  places named: {'; '.join(state.places)}")
    if state.groups:
        gs = []
        for g in state.groups:
            if g.perpetrator:
                gs.append(f"{g.id} (perpetrator in {g.perpetrator}/{state.items} items, confidence "
                          f"{g.confidence(state.items):.2f}, first named by {g.first_source})")
            else:
                gs.append(f"{g.id} (mentioned)")
        out.append("  groups: " + "; ".join(gs))
    for label, cons, high in (("killed", state.killed, state.killed_high), ("wounded", state.wounded, state.wounded_high)):
        if cons is None and high is None:
            out.append(f"  {label}: unknown")
            continue
        line = f"  {label}: {cons.value} ({cons.source}, {cons.at:%Y-%m-%d}"
        line += f", {cons.count} reports)" if cons.count > 1 else ")"
        if high is not None and high.value != cons.value:
            line += f"; highest report {high.value} ({high.source}, {high.at:%Y-%m-%d})"
        out.append(line)
    return out


def _event_line(e: dict) -> str:
    t = e["type"]
    if t in ("killed", "wounded"):
        if e["old"] is None:
            return f"{t} {e['new']} (first figure, {e['source']})"
        return f"{t} {e['old']} -> {e['new']} ({e['source']}: {e['note']})"
    if t in ("killed_high", "wounded_high"):
        return f"highest {e['field']} report {_fig(e['old'])} -> {e['new']} ({e['source']})"
    if t == "lower_report":
        return f"{e['field']} {e['new']} reported by {e['source']}, below the fused {e['old']}: history only"
    if t == "perpetrator":
        return f"{e['new']} named as perpetrator by {e['source']}"
    if t == "group":
        return f"{e['new']} mentioned by {e['source']}"
    if t == "place":
        return f"place also given as {e['new']} by {e['source']}"
    if t == "kind":
        return f"kind {e['old']} -> {e['new']}"
    if t in ("alert", "update"):
        label = "ALERT" if t == "alert" else "UPDATE"
        changes = "; ".join(f"{c['field']} {c['old']} -> {c['new']}" for c in (e["new"] or []))
        return f"{label} sent for rule {e['rule_id']} (alert #{e['alert_id']})" + (f": {changes}" if changes else "") \
            + (f" [{e['note']}]" if e["note"] else "")
    if t == "duplicate":
        return f"{e['note']} ({e['source']}): not processed again"
    return f"{t}: {e['note']}"


def incident_show(store, incident_id: int) -> str:
    """The incident's fused facts, then its timeline: items, toll changes and the alerts sent."""
    state = _get(store, incident_id)
    items = {r["item_key"]: r for r in store.incident_items(state.id)}
    out = _header(state) + ["", "timeline:"]
    for e in store.incident_events(state.id):
        if e["type"] in ("created", "joined") and e["item_key"] in items:
            it = items[e["item_key"]]
            out.append(f"  {_when(it['published'] or it['joined_at'])}  {it['source']}: {it['title']}"
                       f"  [{it['kind']}, killed {_fig(it['killed'])}, wounded {_fig(it['wounded'])}]"
                       + (f"  {it['url']}" if it["url"] else ""))
            if e["type"] == "created":
                out.append("      started the incident")
            continue
        out.append(f"      {_event_line(e)}")
    alerts = store.rule_alert_states(state.id)
    out += ["", "alerts:" if alerts else "alerts: none (no rule matched)"]
    for rule_id, st in alerts.items():
        out.append(f"  {rule_id}: first alert {_when(st.alerted_at)} UTC (alert #{st.alert_id}), {st.updates} "
                   f"update(s); subscribers last told killed {_fig(st.killed)}, wounded {_fig(st.wounded)}, "
                   f"perpetrators {', '.join(st.perpetrators) or 'none'}")
    return "\n".join(out)


def incident_explain(store, incident_id: int) -> str:
    """Why each item was joined to the incident (or started it): the signals and their weights."""
    state = _get(store, incident_id)
    out = [f"Incident #{state.id}: {state.kind} in {_where(state.place, state.province, state.country)}, "
           f"{state.items} item(s)"]
    for it in store.incident_items(state.id):
        head = f"- {_when(it['published'] or it['joined_at'])}  {it['source']}: {it['title']}"
        if it["duplicate_of"]:
            out.append(head + "  (near-duplicate)")
        else:
            out.append(head + f"  (score {it['score']:.2f})")
        for r in it["reasons"]:
            out.append(f"    {r}")
    return "\n".join(out)


__all__ = ["incidents_list", "incident_show", "incident_explain"]
