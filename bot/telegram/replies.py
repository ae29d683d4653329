"""What the bot's commands share: who called (:class:`Caller`), what comes back (:class:`Reply`),
the command table, and the small reply formats.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from bot.clock import show
from bot.notify.render import MAX_MESSAGE, tg_len

__all__ = ["Caller", "Reply", "Command", "COMMANDS", "COMMAND_BY_NAME", "fmt_time", "fit_lines"]


@dataclass(frozen=True)
class Caller:
    """Who sent a command, and where."""

    chat_id: int
    chat_type: str = "private"        # private | group | supergroup | channel
    user_id: int | None = None
    chat_title: str | None = None
    is_chat_admin: bool = True        # group/channel admin (always true in a private chat)
    is_bot_admin: bool = False        # listed in TELEGRAM_ADMIN_IDS

    @property
    def is_group(self) -> bool:
        return self.chat_type in ("group", "supergroup", "channel")


@dataclass(frozen=True)
class Reply:
    text: str                                           # HTML
    buttons: list[list[tuple[str, str]]] = field(default_factory=list)   # rows of (label, callback data)
    chart: bool = False                                 # follow with the 7-day chart (Commands.week_chart)
    week_map: bool = False                              # and the week's located incidents on a map


@dataclass(frozen=True)
class Command:
    name: str
    usage: str
    help: str
    changes_subscriptions: bool = False   # in groups, only the group's admins may run it
    admin_only: bool = False              # only TELEGRAM_ADMIN_IDS


COMMANDS: tuple[Command, ...] = (
    Command("start", "/start", "what this bot does and how to subscribe"),
    Command("help", "/help [command]", "the commands, or help on one"),
    Command("rules", "/rules", "the rules you can subscribe to, with buttons"),
    Command("subscribe", "/subscribe <rule-id>", "get alerts for a rule", changes_subscriptions=True),
    Command("unsubscribe", "/unsubscribe <rule-id|near:ID|all>", "stop alerts for a rule or a place, or all",
            changes_subscriptions=True),
    Command("list", "/list", "this chat's subscriptions, mutes and digest mode"),
    Command("near", "/near <place> <km> [min_killed]",
            "alerts for events within km of a place (or share a location, then send the km)",
            changes_subscriptions=True),
    Command("map", "/map on|off", "a small locator map with each alert", changes_subscriptions=True),
    Command("mute", "/mute <duration> or /mute <rule-id> <duration>",
            "quiet for a while (30m, 2h, 1d, 1w); alerts are kept and summarised afterwards",
            changes_subscriptions=True),
    Command("unmute", "/unmute [rule-id]", "end a mute", changes_subscriptions=True),
    Command("digest", "/digest off|hourly|daily", "one summary per hour or day instead of instant alerts",
            changes_subscriptions=True),
    Command("status", "/status", "feeds healthy or broken, last poll, alerts today, outbox depth"),
    Command("test", "/test <text>", "which rules this text would match, the facts read from it, and why"),
    Command("reload", "/reload", "reload the rules (admins)", admin_only=True),
    Command("feeds", "/feeds [add <url> | remove <url>]",
            "each feed's health and errors, blocked chats; add or remove a feed (admins)", admin_only=True),
    Command("stats", "/stats", "subscribers, alerts and delivery figures, with a 7-day chart (admins)",
            admin_only=True),
)
COMMAND_BY_NAME = {c.name: c for c in COMMANDS}


def fmt_time(ts: str | None) -> str:
    """A stored time as ``06 Dec 13:05 UTC``; ``never`` when missing, the text itself when unreadable."""
    if not ts:
        return "never"
    return show(ts, year=False) or ts


def fit_lines(lines: list[str]) -> str:
    """``lines`` joined, as many as fit one Telegram message, then ``… N more lines``."""
    out = ""
    for i, line in enumerate(lines):
        if tg_len(out) + tg_len(line) + 40 > MAX_MESSAGE:
            return out + f"\n… {len(lines) - i} more lines"
        out = f"{out}\n{line}" if out else line
    return out
