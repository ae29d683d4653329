"""Each rule's own test cases: ``examples:`` run through extraction and matching, as the daemon does.

What ``newsbot rules check`` runs after loading; one :class:`~bot.errors.Problem` per failing
example, at the example's ``path:line``, saying which condition failed (or held) and why.
"""
from __future__ import annotations

from datetime import datetime

import bot.extraction as extraction
from bot.clock import parse_iso_or_none
from bot.errors import Problem
from bot.rulebook.matcher import compile_rules
from bot.rulebook.load import load_seeds
from bot.rulebook.schema import RuleSet

__all__ = ["run_examples"]


def run_examples(ruleset: RuleSet, *, extract=None) -> list[Problem]:
    """Run every rule's examples through extraction and matching; one problem per failing example.

    ``extract`` defaults to :func:`bot.extraction.extract` (the daemon's function),
    called as ``extract(title, text, published, catalog=ruleset.groups)``.
    Disabled rules' examples run too.
    """
    if extract is None:
        extract = extraction.extract      # looked up now: tests may replace it
    matcher = compile_rules(ruleset, include_disabled=True)
    seeds: dict[str, dict] | None = None
    problems: list[Problem] = []
    cache: dict[tuple, tuple] = {}
    for rule in ruleset.rules:
        src = ruleset.sources.get(rule.id)
        for i, ex in enumerate(rule.examples):
            path = src.path if src else "<rules>"
            line = src.example_lines[i] if src and i < len(src.example_lines) else (src.line if src else 1)
            if ex.seed is not None:
                if seeds is None:
                    try:
                        seeds = load_seeds(ruleset.seeds_path)
                    except (OSError, ValueError, KeyError) as exc:
                        problems.append(Problem(path, line, f"cannot read seeds {ruleset.seeds_path}: {exc}"))
                        seeds = {}
                doc = seeds.get(ex.seed)
                if doc is None:
                    problems.append(Problem(path, line, f"rule {rule.id!r}: unknown seed {ex.seed!r}"))
                    continue
                title, text, published = doc.get("title", ""), doc.get("text", ""), _parse_time(doc.get("published"))
                what = f"seed {ex.seed!r}"
            else:
                title, text, published = ex.title, ex.text or "", ex.published
                what = f"example {_short(ex.title or ex.text or '')!r}"
            key = (title, text, published)
            if key not in cache:
                facts = extract(title, text, published, catalog=ruleset.groups)
                cache[key] = (facts, {m.rule_id for m in matcher.match(title, text, facts)})
            facts, matched = cache[key]
            if (rule.id in matched) != ex.match:
                verdict = matcher.check(rule.id, title, text, facts)
                if ex.match:
                    why = "; ".join(verdict.failed) or "no condition failed"
                    msg = f"rule {rule.id!r}: {what} should match but does not: {why}"
                else:
                    msg = f"rule {rule.id!r}: {what} should not match but does: {'; '.join(verdict.reasons)}"
                problems.append(Problem(path, line, msg))
    return problems


def _parse_time(v) -> datetime | None:
    """A seed's ``published``: a datetime as it is, ISO text as aware UTC (bot.clock), else None."""
    if v is None or isinstance(v, datetime):
        return v
    return parse_iso_or_none(v)


def _short(s: str, n: int = 50) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"
