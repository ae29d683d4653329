"""What each bot command does, as plain functions over the store. No Telegram here.

Handlers (``handlers.py``) turn an update into a :class:`Caller` and arguments,
call :meth:`Commands.run` or :meth:`Commands.button`, and send the :class:`Reply`.
Replies are HTML (parse mode); everything that came from a user, a feed or a rule
file is escaped.
"""
from __future__ import annotations

import difflib
import html
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Callable, Iterable, Protocol, Sequence

from .. import safe_re
from bot.notify.render import MAX_MESSAGE, tg_len
from .html import CALLBACK_MUTE, CALLBACK_SUBSCRIBE, callback_data, escape as _e, parse_callback
from ..store import Store, iso, utcnow
from .charts import WeekChart, chart_source
from .nearcmds import NearCommands

__all__ = ["Caller", "Reply", "Command", "COMMANDS", "Commands", "RuleInfo", "RulesProvider", "StaticRules",
           "parse_duration", "format_duration"]

DIGEST_MODES = ("off", "hourly", "daily")
MAX_MUTE = timedelta(days=90)
BUTTON_MUTE_FOR = timedelta(days=1)


class RuleInfo(Protocol):
    id: str
    title: str
    description: str


class RulesProvider(Protocol):
    """What the bot needs from the rules system."""

    def rules(self) -> Sequence[RuleInfo]: ...
    def test_text(self, text: str) -> str: ...
    def reload(self) -> str: ...


@dataclass(frozen=True)
class _Rule:
    id: str
    title: str
    description: str = ""


class StaticRules:
    """A fixed list of rules and a test function: for tests and the console."""

    def __init__(self, rules: Iterable[tuple[str, str, str]], test_text: Callable[[str], str] | None = None):
        self._rules = [_Rule(*r) for r in rules]
        self._test = test_text or (lambda text: "No matcher configured.")
        self.reloads = 0

    def rules(self) -> Sequence[RuleInfo]:
        return self._rules

    def test_text(self, text: str) -> str:
        return self._test(text)

    def reload(self) -> str:
        self.reloads += 1
        return f"Reloaded {len(self._rules)} rules."


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

_DURATION = safe_re.compile(r"(\p{Nd}+)[\t\n\r\pZ]*([smhdw])", owner="commands")
_MARKUP = safe_re.compile(r"<[^>]+>", owner="commands")
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


def _fmt_time(ts: str | None) -> str:
    if not ts:
        return "never"
    try:
        return datetime.fromisoformat(ts).astimezone(timezone.utc).strftime("%d %b %H:%M UTC")
    except ValueError:
        return ts


class Commands(NearCommands):
    """The bot's behaviour over a :class:`Store`; every method returns a :class:`Reply`."""

    def __init__(self, store: Store, rules: RulesProvider, *, clock: Callable[[], datetime] = utcnow,
                 admin_ids: Iterable[int] = (), allowed_chats: Iterable[int] | None = None):
        self.store = store
        self.rules_provider = rules
        self.clock = clock
        self.admin_ids = frozenset(int(i) for i in admin_ids)
        self.allowed_chats = None if allowed_chats is None else frozenset(int(i) for i in allowed_chats)

    # ------------------------------------------------------------ gatekeeping
    def allowed(self, chat_id: int) -> bool:
        return self.allowed_chats is None or not self.allowed_chats or chat_id in self.allowed_chats

    def refusal(self) -> Reply:
        return Reply("Sorry, this is a private newsbot deployment and this chat is not on its list.")

    def is_bot_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admin_ids

    def run(self, name: str, caller: Caller, args: Sequence[str], *, raw: str = "") -> Reply:
        """Run command ``name`` (without the slash); ``raw`` is the text after the command."""
        cmd = COMMAND_BY_NAME.get(name)
        if cmd is None:
            return Reply(f"I don't know /{_e(name)}. Send /help for the commands.")
        if cmd.admin_only and not caller.is_bot_admin:
            return Reply(f"Sorry, /{cmd.name} is for this bot's administrators.")
        if cmd.changes_subscriptions and caller.is_group and not caller.is_chat_admin:
            return Reply("Only this group's admins can change its subscriptions.")
        self.store.ensure_chat(caller.chat_id, at=self._now(), type=caller.chat_type, title=caller.chat_title)
        # A chat that had blocked the bot and writes to it again has unblocked it: deliver again.
        self.store.reactivate_chat(caller.chat_id)
        return getattr(self, f"cmd_{name}")(caller, list(args), raw)

    def _now(self) -> str:
        return iso(self.clock())

    def _rule_ids(self) -> list[str]:
        return [r.id for r in self.rules_provider.rules()]

    def _unknown_rule(self, rule_id: str) -> Reply:
        close = difflib.get_close_matches(rule_id, self._rule_ids(), n=1)
        hint = f" Did you mean <code>{_e(close[0])}</code>?" if close else ""
        return Reply(f"There is no rule <code>{_e(rule_id)}</code>.{hint} Send /rules to see the ids.")

    def _usage(self, name: str, problem: str = "") -> Reply:
        c = COMMAND_BY_NAME[name]
        lead = f"{_e(problem)}\n" if problem else ""
        return Reply(f"{lead}Usage: <code>{_e(c.usage)}</code> — {_e(c.help)}.")

    # ------------------------------------------------------------ commands
    def cmd_start(self, caller: Caller, args: list[str], raw: str) -> Reply:
        return Reply(
            "👋 <b>newsbot</b> watches world and conflict news and reads each article like an analyst: "
            "which armed group, where, how many killed and wounded, and what happened.\n\n"
            "Pick the rules you care about and I'll alert you when a new article matches.\n"
            "• /rules — the rules, with buttons to subscribe\n"
            "• <code>/subscribe &lt;rule-id&gt;</code> — subscribe by id\n"
            "• /help — everything else (mute, digest, test a text)")

    def cmd_help(self, caller: Caller, args: list[str], raw: str) -> Reply:
        if args:
            c = COMMAND_BY_NAME.get(args[0].lstrip("/"))
            if c is None:
                return Reply(f"I don't know /{_e(args[0].lstrip('/'))}. Send /help for the commands.")
            return Reply(f"<code>{_e(c.usage)}</code>\n{_e(c.help)}.")
        lines = ["<b>Commands</b>"]
        for c in COMMANDS:
            if c.admin_only and not caller.is_bot_admin:
                continue
            lines.append(f"<code>{_e(c.usage)}</code> — {_e(c.help)}")
        if caller.is_group:
            lines.append("\nIn groups, only the group's admins can change subscriptions.")
        return Reply("\n".join(lines))

    def cmd_rules(self, caller: Caller, args: list[str], raw: str) -> Reply:
        rules = list(self.rules_provider.rules())
        if not rules:
            return Reply("There are no rules loaded yet.")
        subscribed = {s["rule_id"] for s in self.store.subscriptions(caller.chat_id)}
        lines = ["<b>Rules</b> (tap to subscribe, or <code>/subscribe &lt;rule-id&gt;</code>)"]
        buttons: list[list[tuple[str, str]]] = []
        for i, r in enumerate(rules):
            desc = (r.description or "").strip().splitlines()[0] if (r.description or "").strip() else ""
            mark = "✅ " if r.id in subscribed else ""
            line = f"{mark}<code>{_e(r.id)}</code> — {_e(r.title)}" + (f"\n    <i>{_e(desc[:140])}</i>" if desc else "")
            if tg_len("\n".join(lines + [line])) > MAX_MESSAGE - 100:
                lines.append(f"… and {len(rules) - i} more; subscribe by id with /subscribe.")
                break
            lines.append(line)
            data = callback_data(CALLBACK_SUBSCRIBE, r.id)
            if data and r.id not in subscribed and len(buttons) < 90:
                buttons.append([(f"➕ {r.id}", data)])
        return Reply("\n".join(lines), buttons)

    def cmd_subscribe(self, caller: Caller, args: list[str], raw: str) -> Reply:
        if len(args) != 1:
            return self._usage("subscribe", "Which rule? Send /rules to see the ids.")
        return Reply(self.subscribe(caller, args[0]))

    def subscribe(self, caller: Caller, rule_id: str) -> str:
        if rule_id not in self._rule_ids():
            return self._unknown_rule(rule_id).text
        new = self.store.subscribe(caller.chat_id, rule_id, at=self._now())
        if not new:
            return f"This chat is already subscribed to <code>{_e(rule_id)}</code>."
        return (f"✅ Subscribed to <code>{_e(rule_id)}</code>. You'll get alerts for articles from now on "
                f"(older ones are not sent).")

    def cmd_unsubscribe(self, caller: Caller, args: list[str], raw: str) -> Reply:
        if len(args) != 1:
            return self._usage("unsubscribe")
        if args[0].lower().startswith("near"):
            return self.unsubscribe_near(caller, args[0].lower())
        if args[0].lower() == "all":
            n = self.store.unsubscribe(caller.chat_id, None)
            p = self.store.remove_near(caller.chat_id)
            places = f" and {p} place{'s' * (p != 1)}" if p else ""
            return Reply(f"Unsubscribed from all {n} rule{'s' * (n != 1)}{places}." if n or p
                         else "This chat had no subscriptions.")
        n = self.store.unsubscribe(caller.chat_id, args[0])
        if n:
            return Reply(f"Unsubscribed from <code>{_e(args[0])}</code>.")
        if args[0] not in self._rule_ids():
            return self._unknown_rule(args[0])
        return Reply(f"This chat was not subscribed to <code>{_e(args[0])}</code>.")

    def cmd_list(self, caller: Caller, args: list[str], raw: str) -> Reply:
        chat = self.store.chat(caller.chat_id)
        subs = self.store.subscriptions(caller.chat_id)
        now = self._now()
        titles = {r.id: r.title for r in self.rules_provider.rules()}
        lines = []
        if chat and not chat.active:
            lines.append(f"⚠️ Delivery to this chat is paused ({_e(chat.deactivated_reason or 'inactive')}); "
                         f"subscribe again to resume.")
        places = self.near_lines(caller.chat_id)
        if not subs and not places:
            lines.append("This chat has no subscriptions. Send /rules to pick some, or /near for a place.")
        elif subs:
            lines.append("<b>Subscriptions</b>")
            for s in subs:
                state = ""
                if s["muted_until"] and s["muted_until"] > now:
                    state = f" 🔕 muted until {_fmt_time(s['muted_until'])}"
                if not s["active"]:
                    state += " (inactive)"
                t = titles.get(s["rule_id"])
                lines.append(f"• <code>{_e(s['rule_id'])}</code>" + (f" — {_e(t)}" if t else " (rule not loaded)")
                             + state)
        lines += places
        if chat and chat.muted_until and chat.muted_until > now:
            lines.append(f"🔕 Chat muted until {_fmt_time(chat.muted_until)}.")
        else:
            lines.append("🔔 Not muted.")
        lines.append(f"🗞 Digest: {chat.digest if chat else 'off'}.")
        return Reply("\n".join(lines))

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

    def cmd_status(self, caller: Caller, args: list[str], raw: str) -> Reply:
        feeds = self.store.feeds()
        broken = [f for f in feeds if f.broken]
        polls = [f.last_polled_at for f in feeds if f.last_polled_at]
        midnight = self.clock().astimezone(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
        lines = [
            "<b>Status</b>",
            f"Feeds: {len(feeds) - len(broken)} healthy, {len(broken)} broken",
            f"Last poll: {_fmt_time(max(polls) if polls else None)}",
            f"Alerts today: {self.store.alerts_since(iso(midnight))}",
            f"Outbox: {self.store.outbox_depth()} waiting",
        ]
        for f in broken[:10]:
            lines.append(f"❌ {_e(f.name)}: {_e((f.last_error or 'failing')[:120])}")
        return Reply("\n".join(lines))

    def cmd_test(self, caller: Caller, args: list[str], raw: str) -> Reply:
        text = raw.strip()
        if not text:
            return self._usage("test", "Give me a headline or paragraph to test.")
        result = self.rules_provider.test_text(text[:20000])
        places = self.near_test_lines(caller.chat_id, text[:20000])     # this chat's /near places
        return Reply((_e(result) + "".join("\n" + _e(x) for x in places))[: MAX_MESSAGE - 50])

    def cmd_reload(self, caller: Caller, args: list[str], raw: str) -> Reply:
        try:
            msg = self.rules_provider.reload()
        except Exception as exc:   # noqa: BLE001 - the provider's message is what the admin needs
            msg = f"Reload failed, still running the previous rules:\n{exc}"
        return Reply(_e(msg)[: MAX_MESSAGE - 50])

    def cmd_feeds(self, caller: Caller, args: list[str], raw: str) -> Reply:
        feeds = self.store.feeds()
        lines = [f"<b>Feeds</b> ({len(feeds)})"]
        for f in feeds:
            state = "❌ broken" if f.broken else ("⚠️ failing" if f.consecutive_failures else "✅ ok")
            line = (f"{state} <b>{_e(f.name)}</b> — last ok {_fmt_time(f.last_ok_at)}, "
                    f"{f.error_count} error{'s' * (f.error_count != 1)}")
            if f.last_error:
                line += f"\n    {_e(f.last_error[:160])}"
            if f.needs_attention:
                line += f"\n    ⚠️ {_e(f.attention()[:200])}"
            lines.append(line)
        gone = self.store.deactivated_chats()
        if gone:
            lines.append(f"\n<b>Chats not delivered to</b> ({len(gone)})")
            for c in gone[:20]:
                lines.append(f"• {c.chat_id} {_e(c.title or '')}: {_e(c.deactivated_reason or '')}".rstrip())
        failed = self.store.outbox_counts().get("failed", 0)
        if failed:
            lines.append(f"\n{failed} message{'s' * (failed != 1)} parked as failed.")
        return Reply(self._fit(lines))

    async def feeds_change(self, caller: Caller, args: list[str]) -> Reply:
        """``/feeds add <url>`` and ``/feeds remove <url>``: admins only; added URLs pass the SSRF guard."""
        from bot.feeds.admin import FeedsError, add_feed_from_chat
        from bot.feeds.netguard import BlockedURLError

        if not caller.is_bot_admin:
            return Reply("Sorry, /feeds is for this bot's administrators.")
        if len(args) != 2:
            return self._usage("feeds", "Give one URL.")
        action, url = args
        if action == "add":
            try:
                feed, new = await add_feed_from_chat(self.store, url, at=self._now())
            except (BlockedURLError, FeedsError) as exc:
                return Reply(f"Not added: {_e(exc)}")
            return Reply(f"{'Added' if new else 'Already polled'}: <b>{_e(feed.name)}</b> {_e(feed.url)}. "
                         "It is polled from the next minute.")
        feed = self.store.feed(url)
        if feed is None:
            return Reply(f"There is no feed {_e(url)}. Send /feeds to see them.")
        if feed.origin == "config":
            return Reply("That feed is listed in the configuration file; remove it there.")
        self.store.remove_feed(url)
        return Reply(f"Removed {_e(url)}.")

    def cmd_stats(self, caller: Caller, args: list[str], raw: str) -> Reply:
        chats = self.store.chat_stats()
        subs = self.store.subscription_counts()
        counts = self.store.outbox_counts()
        midnight = self.clock().astimezone(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
        lines = [
            "<b>Stats</b>",
            f"Chats: {chats['active']} active, {chats['inactive']} inactive",
            f"Subscriptions: {sum(subs.values())}",
            f"Alerts: {self.store.alerts_since(iso(midnight))} today, {self.store.alerts_since('')} in all",
            "Outbox: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) if counts else "Outbox: empty",
        ]
        for rule_id, n in sorted(subs.items(), key=lambda kv: -kv[1])[:20]:
            lines.append(f"• <code>{_e(rule_id)}</code>: {n}")
        return Reply(self._fit(lines), chart=True, week_map=True)

    def week_points(self) -> list[tuple[float, float]]:
        """Where this week's alerted incidents were (those with coordinates)."""
        return self.store.located_events(iso(self.clock() - timedelta(days=7)))

    def week_chart(self) -> WeekChart:
        """The 7-day chart's rows (a quick store read; draw it with ``await chart.render_async()``)."""
        return chart_source(self.store, self.rules_provider)(self.clock())

    @staticmethod
    def _fit(lines: list[str]) -> str:
        out = ""
        for i, line in enumerate(lines):
            if tg_len(out) + tg_len(line) + 40 > MAX_MESSAGE:
                return out + f"\n… {len(lines) - i} more lines"
            out = f"{out}\n{line}" if out else line
        return out

    # ------------------------------------------------------------ buttons
    def button(self, caller: Caller, data: str | None) -> str:
        """Handle an inline button press; returns the short answer shown to the user."""
        parsed = parse_callback(data)
        if parsed is None:
            return "This button has expired."
        action, rule_id = parsed
        if caller.is_group and not caller.is_chat_admin:
            return "Only this group's admins can change its subscriptions."
        self.store.ensure_chat(caller.chat_id, at=self._now(), type=caller.chat_type, title=caller.chat_title)
        if action == CALLBACK_SUBSCRIBE:
            return html.unescape(_MARKUP.sub("", self.subscribe(caller, rule_id)))
        if action == CALLBACK_MUTE:
            return self.mute_rule(caller, rule_id)
        return "This button has expired."
