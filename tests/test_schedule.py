import random
from datetime import datetime, timedelta, timezone

import pytest

from bot.config import parse_config
from bot.errors import ConfigError
from bot.feeds.schedule import FeedEvent, SchedulePolicy, backoff_delay, failure_delay, first_delay, health_event, is_due, plan_next, success_delay

NOW = datetime(2026, 1, 1, 12, 0, tzinfo=timezone.utc)


class Fixed:
    """A random source that always returns the same value."""

    def __init__(self, value: float):
        self.value = value

    def random(self) -> float:
        return self.value


P = SchedulePolicy(jitter=0.1, backoff_factor=2.0, max_backoff=3600, max_ttl=6 * 3600,
                   max_retry_after=24 * 3600, broken_after=3)


def test_success_waits_one_interval_and_jitter_only_shortens_it():
    assert success_delay(P, 300, rng=Fixed(0.0)) == 300
    d = success_delay(P, 300, rng=Fixed(0.999))
    assert 270 <= d < 300


def test_jitter_spreads_feeds_apart():
    rng = random.Random(7)
    delays = {round(success_delay(P, 300, rng=rng), 3) for _ in range(50)}
    assert len(delays) > 40
    assert all(270 <= d <= 300 for d in delays)


def test_same_seed_same_schedule():
    a = [plan_next(P, now=NOW, interval=120, ok=i % 2 == 0, failures=i % 2, was_broken=False,
                   rng=r).delay for i, r in enumerate([random.Random(1)] * 6)]
    b = [plan_next(P, now=NOW, interval=120, ok=i % 2 == 0, failures=i % 2, was_broken=False,
                   rng=r).delay for i, r in enumerate([random.Random(1)] * 6)]
    assert a == b


def test_longer_ttl_is_honoured_and_jitter_only_lengthens_it():
    assert success_delay(P, 300, rng=Fixed(0.0), ttl=1800) == 1800
    assert 1800 < success_delay(P, 300, rng=Fixed(0.5), ttl=1800) <= 1980


def test_shorter_ttl_does_not_speed_polling_up():
    assert success_delay(P, 300, rng=Fixed(0.0), ttl=60) == 300


def test_ttl_is_capped():
    assert success_delay(P, 300, rng=Fixed(0.0), ttl=7 * 86400) == 6 * 3600


def test_backoff_grows_exponentially_up_to_the_cap():
    assert [backoff_delay(P, 300, n) for n in range(0, 6)] == [300, 600, 1200, 2400, 3600, 3600]
    assert backoff_delay(P, 300, 10_000) == 3600


def test_backoff_never_shorter_than_the_interval():
    assert backoff_delay(P, 7200, 3) == 7200


def test_backoff_starts_from_a_longer_ttl():
    assert backoff_delay(P, 300, 1, ttl=1200) == 2400


def test_backoff_jitter_only_lengthens():
    assert failure_delay(P, 300, 1, rng=Fixed(0.0)) == 600
    assert 600 < failure_delay(P, 300, 1, rng=Fixed(0.9)) <= 660


def test_retry_after_longer_than_the_backoff_is_honoured():
    assert failure_delay(P, 300, 1, rng=Fixed(0.0), retry_after=5000) == 5000
    # beyond the backoff cap too
    assert failure_delay(P, 300, 8, rng=Fixed(0.0), retry_after=7200) == 7200


def test_retry_after_shorter_than_the_backoff_does_not_shorten_it():
    assert failure_delay(P, 300, 2, rng=Fixed(0.0), retry_after=10) == 1200


def test_absurd_retry_after_is_capped():
    assert failure_delay(P, 300, 1, rng=Fixed(0.0), retry_after=10 ** 9) == 24 * 3600


def test_broken_after_n_failures_tells_admins_once():
    events = []
    broken = False
    for failures in range(1, 7):
        broken, event = health_event(P, was_broken=broken, ok=False, failures=failures)
        events.append(event)
    assert events == [None, None, FeedEvent.BROKEN, None, None, None]
    assert broken


def test_recovery_tells_admins_once():
    assert health_event(P, was_broken=True, ok=True, failures=0) == (False, FeedEvent.RECOVERED)
    assert health_event(P, was_broken=False, ok=True, failures=0) == (False, None)


def test_recovered_feed_returns_to_its_interval():
    plan = plan_next(P, now=NOW, interval=300, ok=True, failures=0, was_broken=True, rng=Fixed(0.0))
    assert plan.delay == 300 and plan.event is FeedEvent.RECOVERED and not plan.broken
    assert plan.next_poll == NOW + timedelta(seconds=300)


def test_plan_after_failure():
    plan = plan_next(P, now=NOW, interval=300, ok=False, failures=3, was_broken=False, rng=Fixed(0.0),
                     retry_after=None)
    assert plan.delay == 2400 and plan.broken and plan.event is FeedEvent.BROKEN


def test_first_poll_spread_and_stored_backoff_kept():
    assert first_delay(P, 300, rng=Fixed(0.5)) == 5.0
    assert first_delay(P, 4, rng=Fixed(0.5)) == 2.0   # never beyond the interval
    later = NOW + timedelta(seconds=900)
    assert first_delay(P, 300, rng=Fixed(0.5), next_poll=later, now=NOW) == 900
    assert first_delay(P, 300, rng=Fixed(0.5), next_poll=NOW - timedelta(seconds=5), now=NOW) == 5.0


def test_is_due():
    assert is_due(None, NOW)
    assert is_due(NOW, NOW)
    assert not is_due(NOW + timedelta(seconds=1), NOW)


@pytest.mark.parametrize("kw", [{"jitter": 1.0}, {"jitter": -0.1}, {"backoff_factor": 0.5}, {"broken_after": 0}])
def test_bad_policy_values_are_refused(kw):
    with pytest.raises(ValueError):
        SchedulePolicy(**kw)


def test_policy_from_config():
    cfg = parse_config("fetch: {broken_after: 7}\nschedule: {jitter: 0.2, max_backoff: 900}\n", env={})
    p = SchedulePolicy.from_config(cfg)
    assert (p.jitter, p.max_backoff, p.broken_after) == (0.2, 900, 7)


def test_config_defaults_for_the_daemon_blocks():
    cfg = parse_config("{}", env={})
    assert (cfg.health.host, cfg.health.port) == ("127.0.0.1", 8080)
    assert cfg.health.poll_age_limit([60, 3600]) == 7260 and cfg.health.poll_age_limit([60]) == 300
    assert cfg.health.poll_age_limit([]) == 660
    assert parse_config("health: {max_poll_age: 120}\n", env={}).health.poll_age_limit([3600]) == 120
    assert cfg.retention.items_days == 90 and cfg.retention.outbox_days == 30
    assert cfg.reload.watch and cfg.schedule.jitter == 0.1
    items_before, outbox_before = cfg.retention.cutoffs(NOW)
    assert items_before == "2025-10-03T12:00:00+00:00" and outbox_before == "2025-12-02T12:00:00+00:00"


@pytest.mark.parametrize("text, setting", [
    ("schedule: {jitter: 1.5}\n", "schedule.jitter"),
    ("health: {port: 70000}\n", "health.port"),
    ("retention: {items_days: 0}\n", "retention.items_days"),
    ("retention: {keep: 3}\n", "retention.keep"),
    ("reload: {debounce_ms: -1}\n", "reload.debounce_ms"),
])
def test_bad_daemon_settings_name_the_setting(text, setting):
    with pytest.raises(ConfigError, match=setting.replace(".", r"\.")):
        parse_config(text, env={})
