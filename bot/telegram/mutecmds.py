"""``/mute``, ``/unmute``, ``/digest``: quiet times as plain functions over the store.

Mixed into :class:`bot.telegram.commands.Commands`; no Telegram here. Alerts that arrive
while a chat or rule is muted, or in digest mode, are held and summarised later
(:mod:`bot.telegram.digests`).
"""
from __future__ import annotations

from datetime import timedelta

import bot.safe_re as safe_re
from bot.clock import iso
from .html import escape as _e
from .replies import Caller, Reply, fmt_time as _fmt_time

__all__ = ["MuteCommands", "parse_duration", "format_duration", "DIGEST_MODES", "MAX_MUTE"]

DIGEST_MODES = ("off", "hourly", "daily")
MAX_MUTE = timedelta(days=90)
BUTTON_MUTE_FOR = timedelta(days=1)

_DURATION = safe_re.compile(r"(\p{Nd}+)[\t\n\r\pZ]*([smhdw])", owner="commands")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def parse_duration(text: str) -> timedelta | None:
    """'30m', '2h', '1d', '1w', '1h30m' -> timedelta; None when it is not a duration."""
    s = text.strip().lower()
    if not s or _DURATION.sub("", s).strip():
        return None
    total = sum(int(n) * _UNIT[u] for n, u in _DURATION.findall(s))
    return timedelta(seconds=total) if total > 0 else None


def format_duration(td: timedelta) -> str:
    secs = int(td.total_seconds())
    out = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if secs >= size:
            out.append(f"{secs // size}{unit}")
            secs %= size
    return "".join(out) or f"{secs}s"


class MuteCommands:
    """The quiet-time part of the bot's commands (needs ``store``, ``clock``, ``_now``, ``_usage``,
    ``_rule_ids`` and ``_unknown_rule`` of Commands)."""

    def cmd_mute(self, caller: Caller, args: list[str], raw: str) -> Reply:
        if len(args) == 1:
            rule_id, spec = None, args[0]
        elif len(args) == 2:
            rule_id, spec = args
        else:
            return self._usage("mute", "How long?")
        duration = parse_duration(spec)
        if duration is None:
            if rule_id is None and spec in self._rule_ids():
                return self._usage("mute", f"For how long? e.g. /mute {spec} 2h")
            return self._usage("mute", f"'{spec}' is not a duration; try 30m, 2h, 1d or 1w.")
        if duration > MAX_MUTE:
            return Reply(f"That is longer than {MAX_MUTE.days} days; use /unsubscribe instead.")
        until = iso(self.clock() + duration)
        if rule_id is None:
            self.store.set_chat_mute(caller.chat_id, until)
            return Reply(f"🔕 Muted for {format_duration(duration)}, until {_fmt_time(until)}. "
                         f"Alerts are kept and summarised when the mute ends. /unmute to end it now.")
        if not self.store.set_rule_mute(caller.chat_id, rule_id, until):
            if rule_id not in self._rule_ids():
                return self._unknown_rule(rule_id)
            return Reply(f"This chat is not subscribed to <code>{_e(rule_id)}</code>.")
        return Reply(f"🔕 <code>{_e(rule_id)}</code> muted for {format_duration(duration)}, until "
                     f"{_fmt_time(until)}.")

    def mute_rule(self, caller: Caller, rule_id: str, duration: timedelta = BUTTON_MUTE_FOR) -> str:
        until = iso(self.clock() + duration)
        if not self.store.set_rule_mute(caller.chat_id, rule_id, until):
            return f"Not subscribed to {rule_id}."
        return f"Muted {rule_id} for {format_duration(duration)}. /unmute to undo."

    def cmd_unmute(self, caller: Caller, args: list[str], raw: str) -> Reply:
        if len(args) > 1:
            return self._usage("unmute")
        if args:
            if not self.store.set_rule_mute(caller.chat_id, args[0], None):
                return Reply(f"This chat is not subscribed to <code>{_e(args[0])}</code>.")
            return Reply(f"🔔 <code>{_e(args[0])}</code> unmuted. Alerts kept meanwhile follow in one summary.")
        self.store.set_chat_mute(caller.chat_id, None)
        n = self.store.clear_rule_mutes(caller.chat_id)
        extra = f" ({n} rule mute{'s' * (n != 1)} ended too)" if n else ""
        return Reply(f"🔔 Unmuted{extra}. Alerts kept meanwhile follow in one summary.")

    def cmd_digest(self, caller: Caller, args: list[str], raw: str) -> Reply:
        if len(args) != 1 or args[0].lower() not in DIGEST_MODES:
            chat = self.store.chat(caller.chat_id)
            return self._usage("digest", f"Digest is {chat.digest if chat else 'off'}.")
        mode = args[0].lower()
        self.store.set_digest(caller.chat_id, mode)
        if mode == "off":
            return Reply("Digest off: alerts arrive as they happen. Alerts kept for the digest follow in one summary.")
        self.store.set_last_digest(caller.chat_id, self._now())
        return Reply(f"🗞 Digest {mode}: one summary per {'hour' if mode == 'hourly' else 'day'} "
                     f"instead of instant alerts.")
