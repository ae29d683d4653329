"""The sender's retry policy: what to do when Telegram refuses a send. Pure: an error in, a decision out.

========================  ==================================================================
``RetryAfter``            wait the time given, then retry the same row (longer waits, or too
                          many in a row, defer it)
network errors, 5xx       defer the row with capped exponential backoff; the chat's later
                          rows wait behind it (head-of-line), so order holds
``Forbidden``             the chat is gone: deactivate it (its subscriptions stop), park its
                          queued rows as failed, log it for admins; ``/feeds`` lists such chats
``ChatMigrated``          move subscriptions and queued rows to the new chat id
``BadRequest`` (gone)     "chat not found", "bot was kicked"...: as ``Forbidden``
``BadRequest`` (other)    the message itself: the sender decides (a message is resent once as
                          plain text when Telegram cannot parse it, then parked as failed)
========================  ==================================================================

:class:`bot.telegram.sender.Sender` carries the decisions out.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import Enum

from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError

__all__ = ["Action", "Decision", "decide", "backoff_seconds", "is_format_error", "is_gone", "retry_seconds"]

_FORMAT_ERRORS = ("parse entities", "can't parse", "entity", "message is too long", "text is too long",
                  "unsupported start tag", "unclosed")
_GONE_ERRORS = ("chat not found", "bot was kicked", "user is deactivated", "not a member",
                "have no rights to send", "need administrator rights")


class Action(Enum):
    WAIT = "wait"                  # a short RetryAfter: wait ``seconds``, then send the same row again
    DEFER = "defer"                # a long RetryAfter: keep the row, try it after ``seconds``
    BACKOFF = "backoff"            # network error, 5xx, anything unexpected: keep the row, back off
    MIGRATE = "migrate"            # the group became a supergroup ``new_chat_id``
    GONE = "gone"                  # blocked, kicked, chat not found: deactivate the chat
    BAD_REQUEST = "bad_request"    # the message itself was refused: the caller decides


@dataclass(frozen=True, slots=True)
class Decision:
    action: Action
    seconds: float = 0.0           # WAIT, DEFER
    new_chat_id: int | None = None  # MIGRATE
    reason: str = ""               # why, for the row's error or the chat's deactivation

    @property
    def metric(self) -> str:
        """The send attempt's result for metrics: ``failed`` when the chat is gone, else ``retry``."""
        return "failed" if self.action is Action.GONE else "retry"


def is_gone(exc: BadRequest) -> bool:
    """A bad request that means the chat is out of reach (not a problem with the message)."""
    low = exc.message.lower()
    return any(s in low for s in _GONE_ERRORS)


def is_format_error(reason: str) -> bool:
    """Telegram could not take the message as HTML (entities, tags, length)."""
    low = reason.lower()
    return any(s in low for s in _FORMAT_ERRORS)


def retry_seconds(exc: RetryAfter) -> float:
    # PTB 22 returns int or timedelta from .retry_after depending on a deprecation switch;
    # the private timedelta is stable across both and is what AIORateLimiter itself reads.
    ra = getattr(exc, "_retry_after", None)
    if isinstance(ra, timedelta):
        return ra.total_seconds()
    ra = exc.retry_after
    return ra.total_seconds() if isinstance(ra, timedelta) else float(ra)


def backoff_seconds(attempts: int, *, base: float, cap: float) -> float:
    """Capped exponential backoff after ``attempts`` failed tries of a row."""
    return min(cap, base * (2 ** min(attempts, 30)))


def decide(exc: TelegramError, flood_retries: int, *, max_inline_wait: float, max_inline_retries: int) -> Decision:
    """What to do about ``exc``; ``flood_retries`` counts the RetryAfter answers for this row so far
    (this one included)."""
    if isinstance(exc, RetryAfter):
        secs = retry_seconds(exc)
        if secs <= max_inline_wait and flood_retries <= max_inline_retries:
            return Decision(Action.WAIT, seconds=secs)
        return Decision(Action.DEFER, seconds=secs, reason=f"RetryAfter {secs:.0f}s")
    if isinstance(exc, ChatMigrated):
        return Decision(Action.MIGRATE, new_chat_id=int(exc.new_chat_id))
    if isinstance(exc, Forbidden):
        return Decision(Action.GONE, reason=f"forbidden: {exc.message}")
    if isinstance(exc, BadRequest):
        if is_gone(exc):
            return Decision(Action.GONE, reason=f"bad request: {exc.message}")
        return Decision(Action.BAD_REQUEST, reason=exc.message)
    return Decision(Action.BACKOFF, reason=f"{type(exc).__name__}: {exc.message}")
