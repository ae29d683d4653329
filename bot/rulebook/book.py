"""The rulebook the bot runs: a validated rule set and its compiled matcher, built once per (re)load."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.catalog.groups import GroupCatalog
from bot.rulebook.matcher import Matcher, compile_rules
from bot.rulebook.load import load_rules
from bot.rulebook.schema import Rule, RuleSet

__all__ = ["Rulebook"]


@dataclass(frozen=True)
class Rulebook:
    """A validated rule set and its compiled matcher (enabled rules), built once per (re)load."""

    ruleset: RuleSet
    matcher: Matcher
    _by_id: dict[str, Rule] = field(init=False, repr=False, compare=False)
    rule_ids: frozenset[str] = field(init=False, repr=False, compare=False)   # every rule id, enabled or not

    def __post_init__(self) -> None:
        by_id: dict[str, Rule] = {}
        for r in self.ruleset.rules:
            by_id.setdefault(r.id, r)     # the first rule of an id, as the former linear scan found
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "rule_ids", frozenset(by_id))

    @classmethod
    def load(cls, rules_dir: str | Path) -> "Rulebook":
        """Load, validate and compile a rules directory; raises :class:`~bot.errors.RuleError`."""
        ruleset = load_rules(Path(rules_dir))
        return cls(ruleset, compile_rules(ruleset))

    @property
    def fingerprint(self) -> str:
        return self.ruleset.fingerprint

    @property
    def groups(self) -> GroupCatalog:
        """The group catalogue the rules were checked against (extraction reads with it)."""
        return self.ruleset.groups

    def rule(self, rule_id: str) -> Rule | None:
        return self._by_id.get(rule_id)
