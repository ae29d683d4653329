"""Feed scheduling policy: when to poll next, when a feed is broken, whom to tell. Pure.

No clock and no global randomness: the caller passes ``now`` and a
``random.Random`` (or anything with ``.random()``), so every decision is
reproducible in tests.

The rules, in one place:

* **After a success** the next poll is one interval away. The feed's ``<ttl>``
  wins when it is longer (capped by ``max_ttl``, so a feed cannot ask for a
  week of silence). Jitter spreads feeds apart so they do not fire together:
  it only ever *shortens* a configured interval (the interval is a promise to
  subscribers about lag) and only ever *lengthens* a TTL (the TTL is a
  publisher's request for at least that much quiet).
* **After a failure** the delay grows exponentially with the number of
  consecutive failures, from the (TTL-aware) interval, up to ``max_backoff``
  and never below the interval. A ``Retry-After`` longer than that is honoured
  (capped by ``max_retry_after``). Jitter only lengthens a backoff.
* **Broken** after ``broken_after`` consecutive failures. Admins are told once
  when a feed becomes broken and once when a broken feed recovers; the
  ``broken`` flag lives in the store, so "once" survives restarts.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

__all__ = ["FeedEvent", "Plan", "RandomSource", "SchedulePolicy", "backoff_delay", "first_delay",
           "health_event", "is_due", "plan_next", "success_delay", "failure_delay"]


class RandomSource(Protocol):
    def random(self) -> float: ...


class FeedEvent(str, enum.Enum):
    """A change in a feed's health worth telling admins about."""

    BROKEN = "broken"
    RECOVERED = "recovered"


@dataclass(frozen=True, slots=True)
class SchedulePolicy:
    jitter: float = 0.1            # fraction of the delay used to spread feeds apart
    start_spread: float = 10.0     # seconds over which the first polls after start-up are spread
    backoff_factor: float = 2.0
    max_backoff: float = 3600.0
    max_ttl: float = 6 * 3600.0
    max_retry_after: float = 24 * 3600.0
    broken_after: int = 5

    def __post_init__(self) -> None:
        if not 0 <= self.jitter < 1:
            raise ValueError("jitter must be in [0, 1)")
        if self.backoff_factor < 1:
            raise ValueError("backoff_factor must be at least 1")
        if self.broken_after < 1:
            raise ValueError("broken_after must be at least 1")

    @classmethod
    def from_config(cls, config) -> "SchedulePolicy":
        """Build from a :class:`bot.config.Config` (``schedule`` block plus ``fetch.broken_after``)."""
        s = config.schedule
        return cls(jitter=s.jitter, start_spread=s.start_spread, backoff_factor=s.backoff_factor,
                   max_backoff=s.max_backoff, max_ttl=s.max_ttl, max_retry_after=s.max_retry_after,
                   broken_after=config.fetch.broken_after)


@dataclass(frozen=True, slots=True)
class Plan:
    """What to do after one poll of one feed."""

    delay: float                   # seconds until the next poll
    next_poll: datetime            # now + delay
    broken: bool                   # the feed's health after this poll
    event: FeedEvent | None        # tell admins, at most once per transition


def _base(policy: SchedulePolicy, interval: float, ttl: float | None) -> tuple[float, bool]:
    """The steady-state delay and whether it comes from the feed's TTL."""
    if ttl is not None and ttl > interval:
        return max(float(interval), min(float(ttl), policy.max_ttl)), True
    return float(interval), False


def success_delay(policy: SchedulePolicy, interval: float, *, rng: RandomSource,
                  ttl: float | None = None) -> float:
    base, from_ttl = _base(policy, interval, ttl)
    spread = base * policy.jitter * rng.random()
    return base + spread if from_ttl else base - spread


def backoff_delay(policy: SchedulePolicy, interval: float, failures: int, *, ttl: float | None = None) -> float:
    """Delay after ``failures`` consecutive failures, before jitter and Retry-After."""
    base, _ = _base(policy, interval, ttl)
    if failures <= 0:
        return base
    # Exponent capped so huge failure counts cannot overflow the float.
    grown = base * policy.backoff_factor ** min(failures, 64)
    return max(base, min(grown, policy.max_backoff))


def failure_delay(policy: SchedulePolicy, interval: float, failures: int, *, rng: RandomSource,
                  ttl: float | None = None, retry_after: float | None = None) -> float:
    delay = backoff_delay(policy, interval, failures, ttl=ttl)
    delay += delay * policy.jitter * rng.random()
    if retry_after is not None and retry_after > 0:
        delay = max(delay, min(float(retry_after), policy.max_retry_after))
    return delay


def health_event(policy: SchedulePolicy, *, was_broken: bool, ok: bool, failures: int) -> tuple[bool, FeedEvent | None]:
    """(broken now, event) after one poll; ``failures`` counts consecutive failures including this one."""
    if ok:
        return False, FeedEvent.RECOVERED if was_broken else None
    broken = was_broken or failures >= policy.broken_after
    return broken, FeedEvent.BROKEN if broken and not was_broken else None


def plan_next(policy: SchedulePolicy, *, now: datetime, interval: float, ok: bool, failures: int,
              was_broken: bool, rng: RandomSource, ttl: float | None = None,
              retry_after: float | None = None) -> Plan:
    """Everything the scheduler needs after one poll of one feed.

    ``failures`` is the feed's consecutive failure count *after* this poll
    (0 after a success). ``was_broken`` is the stored flag *before* this poll.
    """
    if ok:
        delay = success_delay(policy, interval, rng=rng, ttl=ttl)
    else:
        delay = failure_delay(policy, interval, failures, rng=rng, ttl=ttl, retry_after=retry_after)
    broken, event = health_event(policy, was_broken=was_broken, ok=ok, failures=failures)
    return Plan(delay=delay, next_poll=now + timedelta(seconds=delay), broken=broken, event=event)


def first_delay(policy: SchedulePolicy, interval: float, *, rng: RandomSource,
                next_poll: datetime | None = None, now: datetime | None = None) -> float:
    """Delay before a feed's first poll after start-up.

    A stored ``next_poll`` in the future (a backoff or Retry-After from before a
    restart) is kept; otherwise polls are spread over ``start_spread`` seconds
    (never more than the interval) so a restart does not fire every feed at once.
    """
    if next_poll is not None and now is not None and next_poll > now:
        return (next_poll - now).total_seconds()
    return min(policy.start_spread, float(interval)) * rng.random()


def is_due(next_poll: datetime | None, now: datetime) -> bool:
    """For a fixed-interval job: skip the run while a backoff is still pending."""
    return next_poll is None or next_poll <= now
