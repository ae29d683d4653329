"""What each bot command does, as plain functions over the store. No Telegram here.

Handlers (``handlers.py``) turn an update into a :class:`Caller` and arguments,
call :meth:`Commands.run` or :meth:`Commands.button`, and send the :class:`Reply`.
Replies are HTML (parse mode); everything that came from a user, a feed or a rule
file is escaped.

Here: the gatekeeping, help, rules and subscriptions, ``/test`` and the buttons. The other
command groups are mixed in: places (:mod:`.nearcmds`), quiet times (:mod:`.mutecmds`) and
the operators' commands (:mod:`.admincmds`).
"""
from __future__ import annotations

import difflib
import html
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Iterable, Protocol, Sequence

import bot.safe_re as safe_re
from bot.clock import iso, utcnow
from bot.notify.render import MAX_MESSAGE, tg_len
from ..store import Store
from .admincmds import AdminCommands
from .html import CALLBACK_MUTE, CALLBACK_SUBSCRIBE, callback_data, escape as _e, parse_callback
from .mutecmds import MuteCommands, format_duration, parse_duration
from .nearcmds import NearCommands
from .replies import COMMAND_BY_NAME, COMMANDS, Caller, Command, Reply, fmt_time as _fmt_time

__all__ = ["Caller", "Reply", "Command", "COMMANDS", "COMMAND_BY_NAME", "Commands", "RuleInfo", "RulesProvider",
           "StaticRules", "parse_duration", "format_duration"]

_MARKUP = safe_re.compile(r"<[^>]+>", owner="commands")


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


class Commands(NearCommands, MuteCommands, AdminCommands):
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

    def cmd_test(self, caller: Caller, args: list[str], raw: str) -> Reply:
        text = raw.strip()
        if not text:
            return self._usage("test", "Give me a headline or paragraph to test.")
        result = self.rules_provider.test_text(text[:20000])
        places = self.near_test_lines(caller.chat_id, text[:20000])     # this chat's /near places
        return Reply((_e(result) + "".join("\n" + _e(x) for x in places))[: MAX_MESSAGE - 50])

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
