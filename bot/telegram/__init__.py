"""Telegram edge: the bot (commands over the store) and the outbox sender.

Public API::

    build_application(token, *, store, rules_provider, base_url=None, admin_ids=(), allowed_chats=None,
                      clock=utcnow, sender_config=None, drain_interval=1.0, read_timeout=None,
                      metrics=None, digest_chart=True) -> Application
    get_sender(app) -> Sender        # await sender.drain() / sender.flush(10) / sender.job(ctx)
    Sender(bot, store, *, clock=utcnow, sleep=asyncio.sleep, config=SenderConfig(), admin_ids=(),
           metrics=None, chart=None)
    week_chart(store, now, book=None) -> WeekChart   # .caption, .render() -> PNG, await .render_async()
    Commands, StaticRules, RulesProvider, DirRules
"""
from .app import build_application, get_commands, get_sender
from .charts import WeekChart, chart_source, week_chart
from .commands import Caller, Commands, Reply, RulesProvider, StaticRules
from .sender import Sender, SenderConfig, SendStats

__all__ = ["build_application", "get_sender", "get_commands", "Sender", "SenderConfig", "SendStats",
           "Commands", "Caller", "Reply", "RulesProvider", "StaticRules", "WeekChart", "week_chart", "chart_source"]
