"""Reading one item: extract facts, match rules, build alert payloads. Pure.

This is the single code path shared by the daemon, ``newsbot demo`` and
``newsbot rules test``: whatever reads an item goes through :func:`process_item`.
"""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import safe_re
from .alerts import build_alert
from .extract import extract
from .models import Facts, Item

# RE2 (linear time); [^\pL\pN] is the Unicode \W plus "_" that re spelt [\W_]
_NON_WORD = safe_re.compile(r"[^\pL\pN]+", owner="process")


def content_hash(title: str, text: str) -> str:
    """Hash of the normalised title and text: case, accents, punctuation and spacing ignored."""
    norm = unicodedata.normalize("NFKD", f"{title}\n{text}").casefold()
    norm = _NON_WORD.sub(" ", norm).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Rulebook:
    """A validated rule set and its compiled matcher, built once per (re)load."""

    ruleset: object
    matcher: object

    @classmethod
    def load(cls, rules_dir: str | Path) -> "Rulebook":
        from .match import compile_rules
        from .rules import load_rules

        ruleset = load_rules(Path(rules_dir))
        return cls(ruleset, compile_rules(ruleset))

    @property
    def fingerprint(self) -> str:
        return self.ruleset.fingerprint

    def rule(self, rule_id: str):
        for r in self.ruleset.rules:
            if r.id == rule_id:
                return r
        return None


@dataclass(frozen=True)
class Processed:
    item: Item
    facts: Facts
    matches: tuple            # tuple[bot.match.Match, ...]
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
