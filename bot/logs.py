"""Logging: key=value lines (or JSON), secrets redacted, noisy HTTP loggers kept at WARNING.

httpx logs every request URL at INFO, and Bot API URLs carry the token, so the
``httpx``/``httpcore`` loggers stay at WARNING and every record passes through
:class:`RedactFilter` as a second line of defence.
"""
from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timezone
from typing import Iterable

QUIET = ("httpx", "httpcore", "telegram", "apscheduler", "hpack", "trafilatura", "htmldate", "courlan")


class RedactFilter(logging.Filter):
    """Replace each secret with ``[REDACTED]`` in the formatted message and args."""

    def __init__(self, secrets: Iterable[str]):
        super().__init__()
        self.secrets = [s for s in secrets if s and len(s) >= 6]

    def _clean(self, text: str) -> str:
        for s in self.secrets:
            text = text.replace(s, "[REDACTED]")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secrets:
            msg = record.getMessage()
            record.msg, record.args = self._clean(msg), None
            if record.exc_info and record.exc_info[1] is not None:
                record.exc_text = self._clean(logging.Formatter().formatException(record.exc_info))
                record.exc_info = None
        return True


class KeyValueFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        ts = datetime.fromtimestamp(record.created, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        line = f"ts={ts} level={record.levelname.lower()} logger={record.name} msg={json.dumps(record.getMessage())}"
        if record.exc_text or record.exc_info:
            exc = record.exc_text or self.formatException(record.exc_info)
            line += f" exc={json.dumps(exc)}"
        return line


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        d = {"ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="seconds"),
             "level": record.levelname.lower(), "logger": record.name, "msg": record.getMessage()}
        if record.exc_text or record.exc_info:
            d["exc"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(d, ensure_ascii=False)


def setup_logging(level: str = "INFO", *, json_lines: bool = False, secrets: Iterable[str] = (),
                  stream=None) -> logging.Handler:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if json_lines else KeyValueFormatter())
    handler.addFilter(RedactFilter(secrets))
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_newsbot", False):
            root.removeHandler(h)
    handler._newsbot = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    for name in QUIET:
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLevelName(level)))
    return handler
