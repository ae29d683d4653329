"""The rules as the bot sees them: a list of (id, title, description), ``/test`` and ``/reload``.

:class:`RulebookRules` adapts :class:`bot.pipeline.process.Rulebook` (rules + compiled matcher) to the
small :class:`~bot.telegram.commands.RulesProvider` protocol. ``/test`` goes through
:func:`bot.pipeline.process.process_item`, the same code path as the daemon.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable, Sequence

from ..errors import RuleError
from ..models import Item

__all__ = ["RulebookRules"]


class RulebookRules:
    """Rules from ``rules_dir``; ``reload()`` keeps the last good set when the new one is invalid.

    A daemon with its own hot reloader can pass ``get_book`` (returning its current Rulebook)
    and ``reloader`` (doing the reload and returning a message) instead of owning the state here.
    """

    def __init__(self, rules_dir: str | Path | None = None, *, get_book: Callable[[], object] | None = None,
                 reloader: Callable[[], str] | None = None):
        from bot.pipeline.process import Rulebook

        self._lock = threading.Lock()
        self.rules_dir = Path(rules_dir) if rules_dir is not None else None
        self._book = None if get_book is not None else Rulebook.load(self.rules_dir)
        self._get_book = get_book or (lambda: self._book)
        self._reloader = reloader

    @property
    def book(self):
        return self._get_book()

    def rules(self) -> Sequence:
        return [r for r in self.book.ruleset.rules if r.enabled]

    def test_text(self, text: str) -> str:
        from bot.rulebook.matcher import facts_line
        from bot.pipeline.process import process_item

        title, _, body = text.strip().partition("\n")
        book = self.book
        done = process_item(Item(key="telegram-test", feed="telegram", url=None, title=title, text=body,
                                 published=None), book)
        lines = [f"Facts: {facts_line(done.facts)}"]
        if not done.matches:
            lines.append("No rule matched.")
        for m in done.matches:
            rule = book.rule(m.rule_id)
            lines.append(f"✓ {m.rule_id} — {rule.title if rule else ''}".rstrip(" —"))
            lines.append(f"   why: {'; '.join(m.reasons)}")
        matched = {m.rule_id for m in done.matches}
        for rule in book.ruleset.enabled:      # proximity rules: how far, or why the place could not be placed
            if rule.near and rule.id not in matched:
                v = book.matcher.check(rule.id, title, body, done.facts)
                near = [f for f in v.failed if f.startswith("not near: ")]
                if near:
                    lines.append(f"✗ {rule.id}: {near[0]}")
        return "\n".join(lines)

    def facts_of(self, text: str):
        """The facts ``/test`` reads from a text (title = first line), for the chat's own places."""
        from bot.pipeline.process import read_item

        title, _, body = text.strip().partition("\n")
        return read_item(Item(key="telegram-test", feed="telegram", url=None, title=title, text=body,
                              published=None), self.book)

    def reload(self) -> str:
        if self._reloader is not None:
            return self._reloader()
        from bot.pipeline.process import Rulebook

        with self._lock:
            try:
                book = Rulebook.load(self.rules_dir)
            except RuleError as exc:
                return "Rules not reloaded; still running the previous set:\n" + "\n".join(map(str, exc.problems))
            old = self._book
            self._book = book
        if old is not None and old.fingerprint == book.fingerprint:
            return f"Rules unchanged ({len(book.ruleset.rules)} rules)."
        return f"Reloaded {len(book.ruleset.rules)} rules."
