"""Build the python-telegram-bot ``Application``: handlers, rate limiter, outbox job."""
from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Callable, Iterable

from telegram import BotCommand
from telegram.ext import (AIORateLimiter, Application, ApplicationBuilder, CallbackQueryHandler, CommandHandler,
                          MessageHandler, TypeHandler, filters)

from bot.clock import utcnow
from ..store import Store
from .weekchart import chart_source
from .commands import COMMANDS, Commands, RulesProvider
from .handlers import BotHandlers
from .redact import install_token_redaction
from .sender import Sender, SenderConfig

if TYPE_CHECKING:
    from ..metrics import Metrics

__all__ = ["build_application", "get_sender", "get_commands"]

SENDER_KEY = "newsbot.sender"
COMMANDS_KEY = "newsbot.commands"


class _DropLimiterNoise(logging.Filter):
    # AIORateLimiter(max_retries=0) logs every RetryAfter it passes on as an exception; the
    # sender handles each one (waits and retries), so that record is noise.
    def filter(self, record: logging.LogRecord) -> bool:
        return "Rate limit hit after maximum of" not in str(record.msg)


def build_application(token: str, *, store: Store, rules_provider: RulesProvider, base_url: str | None = None,
                      admin_ids: Iterable[int] = (), allowed_chats: Iterable[int] | None = None,
                      clock: Callable[[], datetime] = utcnow, sender_config: SenderConfig | None = None,
                      drain_interval: float = 1.0, read_timeout: float | None = None,
                      rate_limiter: AIORateLimiter | None = None, metrics: "Metrics | None" = None,
                      digest_chart: bool = True) -> Application:
    """The bot: commands, buttons, one error handler, and the outbox drain on the JobQueue.

    ``base_url`` is passed to PTB as given (``TELEGRAM_API_URL``, e.g. ``http://127.0.0.1:8081/bot``);
    PTB appends the token. The :class:`Sender` is in ``get_sender(app)``; call
    ``await get_sender(app).flush(10)`` before ``app.stop()`` on shutdown.

    ``metrics`` (a :class:`bot.metrics.Metrics`) records every send attempt's latency and result.
    ``digest_chart``: follow each daily digest with the 7-day chart (``/stats`` always has it).
    """
    install_token_redaction(token)
    logging.getLogger("telegram.ext.AIORateLimiter").addFilter(_DropLimiterNoise())
    builder = (ApplicationBuilder().token(token)
               .rate_limiter(rate_limiter or AIORateLimiter(max_retries=0))
               .post_stop(_post_stop))
    if base_url:
        builder = builder.base_url(base_url)
        if base_url.rstrip("/").endswith("/bot"):
            builder = builder.base_file_url(base_url.rstrip("/")[: -len("/bot")] + "/file/bot")
    if read_timeout is not None:
        builder = builder.read_timeout(read_timeout).write_timeout(read_timeout).connect_timeout(read_timeout)
    app = builder.build()

    commands = Commands(store, rules_provider, clock=clock, admin_ids=admin_ids, allowed_chats=allowed_chats)
    sender = Sender(app.bot, store, clock=clock, config=sender_config, admin_ids=admin_ids, metrics=metrics,
                    chart=chart_source(store, rules_provider) if digest_chart else None)
    app.bot_data[COMMANDS_KEY] = commands
    app.bot_data[SENDER_KEY] = sender

    h = BotHandlers(commands)
    updates = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST
    app.add_handler(TypeHandler(object, h.gate), group=-1)
    for c in COMMANDS:
        app.add_handler(CommandHandler(c.name, h.command, filters=updates))
    app.add_handler(MessageHandler(filters.COMMAND & updates, h.unknown))
    app.add_handler(MessageHandler(filters.LOCATION & updates, h.location))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & updates, h.radius))
    app.add_handler(CallbackQueryHandler(h.button))
    app.add_error_handler(h.on_error)

    # A job rather than post_init: post_init runs only under run_polling(), and the daemon
    # drives initialize/start itself.
    app.job_queue.run_once(_set_commands, when=0, name="newsbot-set-commands")
    app.job_queue.run_repeating(sender.job, interval=drain_interval, first=drain_interval, name="newsbot-outbox",
                                job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None})
    return app


def get_sender(app: Application) -> Sender:
    return app.bot_data[SENDER_KEY]


def get_commands(app: Application) -> Commands:
    return app.bot_data[COMMANDS_KEY]


async def _set_commands(context) -> None:
    await context.bot.set_my_commands([BotCommand(c.name, c.help[:256]) for c in COMMANDS if not c.admin_only])


async def _post_stop(app: Application) -> None:
    await get_sender(app).stop()
