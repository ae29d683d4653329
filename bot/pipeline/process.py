"""Reading one item: extract facts, match rules, build alert payloads. Pure.

This is the single code path shared by the daemon, ``newsbot demo`` and
``newsbot rules test``: whatever reads an item goes through :func:`process_item`.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from bot.notify.payload import build_alert
from bot.extract import extract
from bot.fold import Prepared, prepare
from bot.models import Facts, Item


def content_hash(title: str, text: str, prepared: Prepared | None = None) -> str:
    """Hash of the normalised title and text: case, accents, punctuation and spacing ignored.

    ``prepared``: the item's :func:`bot.fold.prepare` result, when the caller already has it."""
    p = prepared if prepared is not None else prepare(title, text)
    return hashlib.sha256(p.normalised.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Rulebook:
    """A validated rule set and its compiled matcher, built once per (re)load."""

    ruleset: object
    matcher: object
    _by_id: dict = field(init=False, repr=False, compare=False)
    rule_ids: frozenset = field(init=False, repr=False, compare=False)   # every rule id, enabled or not

    def __post_init__(self) -> None:
        by_id: dict = {}
        for r in self.ruleset.rules:
            by_id.setdefault(r.id, r)     # the first rule of an id, as the former linear scan found
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "rule_ids", frozenset(by_id))

    @classmethod
    def load(cls, rules_dir: str | Path) -> "Rulebook":
        from bot.rulebook.matcher import compile_rules
        from bot.rulebook.schema import load_rules

        ruleset = load_rules(Path(rules_dir))
        return cls(ruleset, compile_rules(ruleset))

    @property
    def fingerprint(self) -> str:
        return self.ruleset.fingerprint

    def rule(self, rule_id: str):
        return self._by_id.get(rule_id)


@dataclass(frozen=True)
class Processed:
    item: Item
    facts: Facts
    matches: tuple            # tuple[bot.rulebook.matcher.Match, ...]
    alerts: tuple[dict, ...]  # one payload per match


def read_item(item: Item, book: Rulebook) -> Facts:
    """Extraction with the rule set's group catalogue."""
    return extract(item.title, item.text, item.published, catalog=book.ruleset.groups)


def match_item(item: Item, facts: Facts, book: Rulebook) -> Processed:
    """One alert payload per rule the item's own facts match (the per-article path)."""
    matches = tuple(book.matcher.match(item.title, item.text, facts))
    groups = book.ruleset.groups
    names = {g.id: groups.name(g.id) for g in facts.groups}
    alerts = []
    for m in matches:
        rule = book.rule(m.rule_id)
        alerts.append(build_alert(
            rule_id=m.rule_id, rule_title=rule.title, severity=str(rule.severity), item=item,
            facts=facts, reasons=m.reasons, group_names=names,
        ))
    return Processed(item, facts, matches, tuple(alerts))


def process_item(item: Item, book: Rulebook) -> Processed:
    return match_item(item, read_item(item, book), book)
