"""The one "which rule matched and why" report, for ``newsbot rules test`` and the bot's ``/test``.

Per rule: the items it matched, each with the reasons (:attr:`bot.rulebook.matcher.Match.reasons`)
and optionally the facts read; for a proximity rule also the located items it missed, with how
far they were or why their place could not be placed. Pure: the caller reads and matches the
items (:func:`bot.pipeline.process.process_item`, the daemon's path) and hands the results in.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from bot.geo._near import judge as judge_near, resolve_points
from bot.models import Facts
from bot.rulebook.matcher import Match
from bot.rulebook.schema import Rule, RuleSet

__all__ = ["ItemResult", "facts_line", "explain"]


@dataclass(frozen=True, slots=True)
class ItemResult:
    """One item after extraction and matching."""

    id: str
    title: str
    facts: Facts
    matches: tuple[Match, ...]


def facts_line(f: Facts) -> str:
    """One-line summary of facts, e.g. ``attack · adf*, isil* · CD/CD-NK/Beni · killed 38``."""
    groups = ", ".join(g.id + ("*" if g.role == "perpetrator" else "") for g in f.groups) or "no group"
    where = "/".join(v for v in (f.country, f.province_code or f.province, f.place) if v) or "no place"
    toll = " ".join(x for x in (
        f"killed {f.killed}" if f.killed is not None else "",
        f"wounded {f.wounded}" if f.wounded is not None else "",
    ) if x) or "no toll"
    return f"{f.kind} · {groups} · {where} · {toll}"


def explain(ruleset: RuleSet, results: Sequence[ItemResult], *, rules: Iterable[Rule] | None = None,
            show_facts: bool = False, only_found: bool = False) -> str:
    """Per rule (``rules``, default every rule of the set), which items matched and why.

    Groups marked ``*`` in the facts line are perpetrators. ``only_found`` leaves out the rules
    that neither matched nor missed by distance (the bot's ``/test`` on one text); the report is
    then empty when there is nothing to say.
    """
    by_rule: dict[str, list[tuple[ItemResult, Match]]] = {}
    for res in results:
        for m in res.matches:
            by_rule.setdefault(m.rule_id, []).append((res, m))
    lines: list[str] = []
    total = len(results)
    for rule in ruleset.rules if rules is None else rules:
        hits = by_rule.get(rule.id, [])
        # a proximity miss says how far, or why the place could not be placed
        misses = _near_misses(ruleset, rule, results, {res.id for res, _ in hits}) if rule.near else []
        if only_found and not hits and not misses:
            continue
        state = "" if rule.enabled else " [disabled]"
        lines.append(f"{rule.id}: {rule.title}{state} — {len(hits)} of {total} items")
        if not hits:
            lines.append("    (no item matched)")
        for res, m in hits:
            lines.append(f"  ✓ {res.id}: {res.title}")
            lines.append(f"      why: {'; '.join(m.reasons)}")
            if show_facts:
                lines.append(f"      facts: {facts_line(res.facts)}")
        lines += misses
        lines.append("")
    return "\n".join(lines).rstrip() + "\n" if lines else ""


def _near_misses(ruleset: RuleSet, rule: Rule, results: Sequence[ItemResult], matched: set[str]) -> list[str]:
    out = []
    points = ruleset.near.get(rule.id) or resolve_points(rule.near)
    for res in results:
        if res.id in matched:
            continue
        bad = judge_near(points, res.facts)[1]
        if bad and bad != ["no location"]:
            out.append(f"  ✗ {res.id}: {res.title}")
            out.append(f"      not near: {'; '.join(bad)}")
    return out
