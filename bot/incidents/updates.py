"""What to tell each rule's subscribers when an incident changes. Pure.

:func:`decide_updates` compares what each rule's subscribers were last told with the new state:
a rule matching for the first time gives an ``alert``; an alerted rule gives an ``update`` only
when the killed toll rose by the step, or a new group claimed the attack (wounded rides along,
configurable). Everything else stays in the incident's history, silently.
"""
from __future__ import annotations

from operator import attrgetter
from typing import Iterable, Mapping

from .settings import IncidentSettings, UpdatePolicy, policy_of
from .similarity import related
from .state import IncidentState, Notification, RuleAlertState


def decide_updates(old_state: IncidentState | None, new_state: IncidentState,
                   rule_hits_before: Mapping[str, RuleAlertState], rule_hits_after: Iterable[str],
                   settings: UpdatePolicy | IncidentSettings | None = None, *, catalog=None) -> list[Notification]:
    """What to send for this change of ``old_state`` -> ``new_state``.

    ``rule_hits_before``: the rules that already alerted on this incident, with what their subscribers
    were told. ``rule_hits_after``: the rules the incident matches now. Rules alerted before but not
    loaded any more should be left out of ``rule_hits_before`` by the caller.
    """
    pol = policy_of(settings)
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
    # rules told the same figures and perpetrators get the same update: worked out once per group of them
    # (an incident alerted by hundreds of rules has a few such groups, and most items tell none of them
    # anything: the rules are only walked for the groups that get an update)
    keys = list(map(_TOLD, rule_hits_before.values()))
    told = {key: _update(st, killed, wounded, perps, pol, claims, catalog)     # one state of each group
            for key, st in dict(zip(keys, rule_hits_before.values())).items()}
    updating = {key for key, decided in told.items() if decided is not None}
    for key, (rule_id, st) in zip(keys, rule_hits_before.items()) if updating else ():
        if key not in updating:
            continue
        changes, reasons = told[key]      # type: ignore[misc]
        out.append(Notification(
            "update", rule_id, new_state.id, tuple(dict(c) for c in changes), reasons,
            killed if killed is not None else st.killed,
            wounded if wounded is not None else st.wounded,
            tuple(dict.fromkeys(st.perpetrators + perps)), st.alert_id))
    return out


_TOLD = attrgetter("killed", "wounded", "perpetrators")     # what a rule's subscribers were told


def _update(st: RuleAlertState, killed: int | None, wounded: int | None, perps: tuple[str, ...],
            pol: UpdatePolicy, claims: dict[tuple[str, ...], list[str]], catalog
            ) -> tuple[tuple[dict, ...], tuple[str, ...]] | None:
    """The changes and reasons of an update for subscribers told ``st``, or ``None`` (nothing to tell)."""
    changes: list[dict] = []
    reasons: list[str] = []
    if killed is not None and killed - (st.killed or 0) >= pol.killed_step:
        changes.append({"field": "killed", "old": st.killed, "new": killed})
        reasons.append(f"killed rose from {st.killed if st.killed is not None else 'unknown'} to {killed} "
                       f"(step {pol.killed_step})")
    new_claims = claims.get(st.perpetrators)
    if new_claims is None:
        new_claims = claims[st.perpetrators] = [
            g for g in perps if not any(related(g, o, catalog) for o in st.perpetrators)]
    if pol.claim_triggers and new_claims:
        changes.append({"field": "perpetrators", "old": list(st.perpetrators), "new": list(perps)})
        reasons.append("newly named as perpetrator: " + ", ".join(new_claims))
    wounded_rise = wounded is not None and wounded - (st.wounded or 0) >= pol.wounded_step
    if pol.wounded_triggers and wounded_rise:
        reasons.append(f"wounded rose from {st.wounded} to {wounded}")
    if not reasons:
        return None
    if wounded is not None and wounded != st.wounded and (st.wounded is None or wounded > st.wounded):
        changes.append({"field": "wounded", "old": st.wounded, "new": wounded})   # rides along
    return tuple(changes), tuple(reasons)
