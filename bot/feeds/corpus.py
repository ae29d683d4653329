"""Reading a corpus for ``rules test`` and ``extract``: a feed file or JSON lines.

JSON lines are ``{"id", "title", "text", "published"?}``; a feed file is parsed
by the same parser as polled feeds.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from bot.clock import utcnow
from bot.errors import CorpusError
from bot.models import Item
from .parse import parse_feed


def parse_time(value) -> datetime | None:
    """The record's ``published``, keeping its own UTC offset (unlike :func:`bot.clock.parse_iso`):
    extraction reads the article's year and month from it, as the writer's calendar had them."""
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def records(lines: Iterable[str], name: str = "<stdin>") -> Iterator[dict]:
    """JSON objects from JSON lines; blank lines skipped; bad lines raise with ``name:line``."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{name}:{n}: not valid JSON: {exc.msg}") from None
        if not isinstance(rec, dict):
            raise CorpusError(f"{name}:{n}: expected a JSON object")
        for k in ("title", "text"):
            if k in rec and not isinstance(rec[k], str):
                raise CorpusError(f"{name}:{n}: '{k}' must be a string")
        yield rec


def record_item(rec: dict, n: int, feed: str = "corpus") -> Item:
    rid = str(rec.get("id", n))
    return Item(key=rid, feed=feed, url=rec.get("url"), title=rec.get("title") or "",
                text=rec.get("text") or "", published=parse_time(rec.get("published")), source=feed)


def load_corpus(path: str | Path) -> list[Item]:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise CorpusError(f"cannot read corpus {p}: {exc.strerror or exc}") from None
    if raw.lstrip()[:1] == b"<":
        res = parse_feed(raw, feed_name=p.stem, url=p.resolve().as_uri(), headers={},
                         now=utcnow())
        if res.error:
            raise CorpusError(f"{p}: {res.error}")
        return list(res.items)
    text = raw.decode("utf-8", errors="replace")
    return [record_item(r, i, p.stem) for i, r in enumerate(records(text.splitlines(), str(p)), 1)]
