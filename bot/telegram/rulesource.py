"""The rules as the bot sees them: a list of (id, title, description), ``/test`` and ``/reload``.

:class:`RulebookRules` adapts :class:`bot.rulebook.book.Rulebook` (rules + compiled matcher) to the
small :class:`~bot.telegram.commands.RulesProvider` protocol. ``/test`` goes through
:func:`bot.pipeline.process.process_item`, the same code path as the daemon, and says why with
:func:`bot.rulebook.explain.explain`, the same report as ``newsbot rules test``.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable, Sequence

from ..errors import RuleError
from ..models import Facts, Item
from ..pipeline.process import process_item, read_item
from ..rulebook.book import Rulebook
from ..rulebook.explain import ItemResult, explain, facts_line

__all__ = ["RulebookRules"]


def _test_item(text: str) -> Item:
    """A ``/test`` text as an item: its first line is the title."""
    title, _, body = text.strip().partition("\n")
    return Item(key="/test", feed="telegram", url=None, title=title, text=body, published=None)


class RulebookRules:
    """Rules from ``rules_dir``; ``reload()`` keeps the last good set when the new one is invalid.

    A daemon with its own hot reloader can pass ``get_book`` (returning its current Rulebook)
    and ``reloader`` (doing the reload and returning a message) instead of owning the state here.
    """

    def __init__(self, rules_dir: str | Path | None = None, *, get_book: Callable[[], Rulebook] | None = None,
                 reloader: Callable[[], str] | None = None):
        self._lock = threading.Lock()
        self.rules_dir = Path(rules_dir) if rules_dir is not None else None
        self._book = None if get_book is not None else Rulebook.load(self.rules_dir)
        self._get_book = get_book or (lambda: self._book)
        self._reloader = reloader

    @property
    def book(self) -> Rulebook:
        return self._get_book()

    def rules(self) -> Sequence:
        return [r for r in self.book.ruleset.rules if r.enabled]

    def test_text(self, text: str) -> str:
        """The facts read from ``text``, then the rules it matches and why (or how far it missed)."""
        book = self.book
        done = process_item(_test_item(text), book)
        lines = [f"Facts: {facts_line(done.facts)}"]
        if not done.matches:
            lines.append("No rule matched.")
        result = ItemResult(done.item.key, done.item.title, done.facts, done.matches)
        report = explain(book.ruleset, [result], rules=book.ruleset.enabled, only_found=True)
        return "\n".join(lines + ([report.rstrip("\n")] if report else []))

    def facts_of(self, text: str) -> Facts:
        """The facts ``/test`` reads from a text (title = first line), for the chat's own places."""
        return read_item(_test_item(text), self.book)

    def reload(self) -> str:
        if self._reloader is not None:
            return self._reloader()
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
