"""The one error hierarchy of newsbot.

Every error newsbot raises on purpose derives from :class:`NewsbotError`::

    NewsbotError
    ├── ConfigError        invalid configuration file or environment (names the setting)
    ├── RuleError          rule or catalogue files with mistakes (carries file:line problems)
    ├── StoreError         the state database cannot be opened or migrated
    └── DeliveryError      a notification could not be handed to its channel

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


class DeliveryError(NewsbotError):
    """A notification could not be delivered."""
