"""``/status``, ``/reload``, ``/feeds``, ``/stats``: the operators' commands as plain functions over the store.

Mixed into :class:`bot.telegram.commands.Commands`; no Telegram here. ``/feeds add`` passes
the SSRF guard (:mod:`bot.feeds.netguard`); ``/stats`` is followed by the 7-day chart.
"""
from __future__ import annotations

from datetime import timedelta

from bot.clock import as_utc, iso
from bot.errors import BlockedURLError, FeedsError
from bot.feeds.admin import add_feed_from_chat
from bot.notify.render import MAX_MESSAGE
from .weekchart import WeekChart, chart_source
from .html import escape as _e
from .replies import Caller, Reply, fit_lines, fmt_time as _fmt_time

__all__ = ["AdminCommands"]


class AdminCommands:
    """The operators' part of the bot's commands (needs ``store``, ``clock``, ``rules_provider``,
    ``_now`` and ``_usage`` of Commands)."""

    def _midnight(self) -> str:
        """The start of today (UTC), as stored."""
        return iso(as_utc(self.clock()).replace(hour=0, minute=0, second=0, microsecond=0))

    def cmd_status(self, caller: Caller, args: list[str], raw: str) -> Reply:
        feeds = self.store.feeds()
        broken = [f for f in feeds if f.broken]
        polls = [f.last_polled_at for f in feeds if f.last_polled_at]
        lines = [
            "<b>Status</b>",
            f"Feeds: {len(feeds) - len(broken)} healthy, {len(broken)} broken",
            f"Last poll: {_fmt_time(max(polls) if polls else None)}",
            f"Alerts today: {self.store.alerts_since(self._midnight())}",
            f"Outbox: {self.store.outbox_depth()} waiting",
        ]
        for f in broken[:10]:
            lines.append(f"❌ {_e(f.name)}: {_e((f.last_error or 'failing')[:120])}")
        return Reply("\n".join(lines))

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
        return Reply(fit_lines(lines))

    async def feeds_change(self, caller: Caller, args: list[str]) -> Reply:
        """``/feeds add <url>`` and ``/feeds remove <url>``: admins only; added URLs pass the SSRF guard."""
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
        lines = [
            "<b>Stats</b>",
            f"Chats: {chats['active']} active, {chats['inactive']} inactive",
            f"Subscriptions: {sum(subs.values())}",
            f"Alerts: {self.store.alerts_since(self._midnight())} today, {self.store.alerts_since('')} in all",
            "Outbox: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) if counts else "Outbox: empty",
        ]
        for rule_id, n in sorted(subs.items(), key=lambda kv: -kv[1])[:20]:
            lines.append(f"• <code>{_e(rule_id)}</code>: {n}")
        return Reply(fit_lines(lines), chart=True, week_map=True)

    def week_points(self) -> list[tuple[float, float]]:
        """Where this week's alerted incidents were (those with coordinates)."""
        return self.store.located_events(iso(self.clock() - timedelta(days=7)))

    def week_chart(self) -> WeekChart:
        """The 7-day chart's rows (a quick store read; draw it with ``await chart.render_async()``)."""
        return chart_source(self.store, self.rules_provider)(self.clock())
