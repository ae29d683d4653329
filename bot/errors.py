"""The one error hierarchy of newsbot.

Every error newsbot raises on purpose derives from :class:`NewsbotError`::

    NewsbotError
    ├── ConfigError        invalid configuration file or environment (names the setting)
    ├── RuleError          rule or catalogue files with mistakes (carries file:line problems)
    ├── StoreError         the state database cannot be opened or migrated
    ├── InputError         something given from outside is refused; the message says why
    │   ├── FeedsError         a feed-list change (add, remove, OPML import) is refused
    │   ├── BlockedURLError    a URL points where the server must not fetch (the SSRF guard)
    │   └── CorpusError        a corpus file or line (``rules test``, ``extract``) cannot be read
    └── PlaceLookupError   a place name is unknown or ambiguous (:mod:`bot.geo`)

The modules that raise them import them from here (``bot.feeds.admin.FeedsError``,
``bot.feeds.netguard.BlockedURLError``, ``bot.feeds.corpus.CorpusError`` are the same classes).
Telegram delivery failures are not raised: the sender keeps the row and records why.

Feed fetching never raises into a poll cycle: failures come back as values
(:class:`bot.feeds.fetch.FetchResult` with ``error`` set), see ``bot.feeds.fetch``.
"""
from __future__ import annotations

from dataclasses import dataclass


class NewsbotError(Exception):
    """Base class of every error newsbot raises on purpose."""


class ConfigError(NewsbotError):
    """The configuration is invalid; the message names the setting."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake in a YAML file, located as ``path:line`` (``path:line:column`` when known)."""

    path: str
    line: int
    message: str
    column: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.column is None else f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.message}"


class RuleError(NewsbotError):
    """Rule or catalogue files have mistakes; ``problems`` lists each as path:line."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid rules")


class StoreError(NewsbotError):
    """The state database cannot be opened, migrated or written."""


class InputError(NewsbotError):
    """Something given from outside (a feed URL, an OPML or corpus file, a place name) is refused."""


class FeedsError(InputError):
    """A feed list change was refused; the message says why."""


class BlockedURLError(InputError):
    """A URL (a chat's feed, a redirect hop, an article link) points somewhere the server must not fetch."""

    def __init__(self, url: str, reason: str):
        self.url = url
        self.reason = reason
        super().__init__(f"refused feed URL {url}: {reason}")


class CorpusError(InputError):
    """A corpus line or file cannot be read; the message says which line."""
