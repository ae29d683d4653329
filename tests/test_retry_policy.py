"""The sender's retry policy (bot/telegram/retry.py): a Telegram error in, one decision out. Pure."""
from __future__ import annotations

import pytest
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.telegram.retry import Action, backoff_seconds, decide, is_format_error, is_gone

LIMITS = dict(max_inline_wait=30.0, max_inline_retries=5)


def test_a_short_retry_after_is_waited_in_place_and_a_long_or_repeated_one_defers_the_row():
    assert decide(RetryAfter(5), 1, **LIMITS).action is Action.WAIT
    assert decide(RetryAfter(5), 1, **LIMITS).seconds == 5
    long = decide(RetryAfter(120), 1, **LIMITS)
    assert (long.action, long.seconds, long.reason) == (Action.DEFER, 120, "RetryAfter 120s")
    assert decide(RetryAfter(5), 6, **LIMITS).action is Action.DEFER      # the sixth 429 in a row


@pytest.mark.parametrize("exc, reason", [
    (Forbidden("Forbidden: bot was blocked by the user"), "forbidden: Forbidden: bot was blocked by the user"),
    (BadRequest("Chat not found"), "bad request: Chat not found"),
    (BadRequest("Bad Request: bot was kicked from the group chat"),
     "bad request: Bot was kicked from the group chat"),      # PTB drops the "Bad Request: " prefix
])
def test_a_chat_out_of_reach_is_gone_and_counts_as_failed(exc, reason):
    d = decide(exc, 0, **LIMITS)
    assert (d.action, d.reason, d.metric) == (Action.GONE, reason, "failed")


def test_a_bad_message_is_the_callers_and_network_trouble_backs_off():
    d = decide(BadRequest("Can't parse entities: unsupported start tag"), 0, **LIMITS)
    assert (d.action, d.metric) == (Action.BAD_REQUEST, "retry")
    assert is_format_error(d.reason) and not is_gone(BadRequest(d.reason))
    assert not is_format_error("Bad Request: message to reply not found")
    for exc in (TimedOut(), NetworkError("Bad Gateway")):
        d = decide(exc, 0, **LIMITS)
        assert d.action is Action.BACKOFF and d.reason.startswith(type(exc).__name__ + ": ")
    moved = decide(ChatMigrated(-100123), 0, **LIMITS)
    assert (moved.action, moved.new_chat_id) == (Action.MIGRATE, -100123)


def test_backoff_doubles_up_to_the_cap():
    assert [backoff_seconds(n, base=2.0, cap=60.0) for n in range(7)] == [2, 4, 8, 16, 32, 60, 60]
    assert backoff_seconds(10_000, base=2.0, cap=60.0) == 60
