"""Telegram edge: the bot (commands over the store) and the outbox sender.

Public API::

    build_application(token, *, store, rules_provider, base_url=None, admin_ids=(), allowed_chats=None,
                      clock=utcnow, sender_config=None, drain_interval=1.0, read_timeout=None,
                      rate_limiter=None, metrics=None, digest_chart=True) -> Application
    get_sender(app) -> Sender        # await sender.drain() / sender.flush(10) / sender.job(ctx)
    get_commands(app) -> Commands
    Sender(bot, store, *, clock=utcnow, sleep=asyncio.sleep, config=SenderConfig(), admin_ids=(),
           metrics=None, chart=None)
    week_chart(store, now, book=None) -> WeekChart   # .caption, .render() -> PNG, await .render_async()
    chart_source(store, rules_provider) -> (now -> WeekChart)
    Commands, Caller, Reply, RulesProvider (protocol), StaticRules (a fixed list, for tests and the console);
    the daemon's provider is bot.telegram.rulesource.RulebookRules

Modules: ``app`` (the Application), ``handlers`` (updates to commands), ``commands`` with
``nearcmds``, ``mutecmds``, ``admincmds`` and ``replies`` (what each command does, no Telegram),
``sender`` with ``retry`` (the retry policy), ``digests`` (held rows summarised) and ``pictures``
(maps and charts after a message), ``html`` (the HTML form and buttons), ``weekchart`` and
``weekchart_draw`` (the 7-day chart), ``locator`` (maps), ``redact`` (the token kept out of logs).
"""
from .app import build_application, get_commands, get_sender
from .weekchart import WeekChart, chart_source, week_chart
from .commands import Caller, Commands, Reply, RulesProvider, StaticRules
from .sender import Sender, SenderConfig, SendStats

__all__ = ["build_application", "get_sender", "get_commands", "Sender", "SenderConfig", "SendStats",
           "Commands", "Caller", "Reply", "RulesProvider", "StaticRules", "WeekChart", "week_chart", "chart_source"]
