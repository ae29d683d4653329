"""Keep the bot token out of every log record, whichever handler ends up writing it.

The Bot API URL carries the token (``.../bot<token>/sendMessage``), and httpx,
httpcore and exception messages can repeat it. ``bot.logs.setup_logging`` puts a
:class:`~bot.logs.RedactFilter` on its own handler; that does not cover handlers
added later (pytest's caplog, a library's). So we also wrap the log-record factory:
every record is redacted when it is created, before any handler sees it.
"""
from __future__ import annotations

import logging
import threading
from urllib.parse import quote

from ..logs import RedactFilter

QUIET_LOGGERS = ("httpx", "httpcore")
_lock = threading.Lock()
_secrets: set[str] = set()
_installed = False


def install_token_redaction(*secrets: str) -> None:
    """Redact ``secrets`` from every future log record; keep httpx/httpcore at WARNING."""
    global _installed
    for name in QUIET_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level < logging.WARNING:
            logger.setLevel(logging.WARNING)
    with _lock:
        for s in secrets:
            if s and len(s) >= 6:
                _secrets.update({s, quote(s, safe="")})
        if _installed:
            return
        previous = logging.getLogRecordFactory()

        def factory(*args, **kwargs) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            if _secrets:
                try:
                    RedactFilter(_secrets).filter(record)
                except Exception:   # noqa: BLE001 - a bad format string must not break logging
                    record.msg, record.args = "(unformattable log message redacted)", None
            return record

        logging.setLogRecordFactory(factory)
        _installed = True
