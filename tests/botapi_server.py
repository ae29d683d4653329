"""A Bot API test server on loopback, and the pytest fixture ``botapi``.

Real JSON over real HTTP at ``/bot<token>/<method>`` (aiohttp, in a background
thread with its own event loop), so async tests, subprocess tests and the
benchmark can all use it. It implements getMe, getUpdates (long poll), sendMessage,
editMessageText, answerCallbackQuery, sendPhoto (multipart), setMyCommands,
deleteWebhook, getChatMember and getChatAdministrators.

A test plays the user (``message``, ``command``, ``press``), reads what the bot
sent (``sent(chat_id)``, in order), injects faults (``fail``: 429 with
retry_after, 5xx, 403, 400, migrate_to_chat_id, hangs; ``block``, ``migrate``,
``down``) and gets Telegram's flood limits enforced (``limits``: about 30
messages/s overall, 1/s per chat, 20/min per group; 429 with retry_after when
exceeded). HTML parse mode is checked the way Telegram does: unknown or
unbalanced tags and bare ``&`` are refused with 400 "can't parse entities", and
text over 4,096 characters with 400 "message is too long".

Run it alone with ``python tests/botapi_server.py --port 8081`` (then
``TELEGRAM_API_URL=http://127.0.0.1:8081/bot``).
"""
from __future__ import annotations

import asyncio
import html.parser
import json
import math
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

DEFAULT_TOKEN = "123456:TEST-SECRET-TOKEN-VALUE-abcdefghijkl"
BOT_USER = {"id": 123456, "is_bot": True, "first_name": "newsbot", "username": "newsbot_test_bot",
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}
SEND_METHODS = {"sendMessage", "sendPhoto", "editMessageText"}
ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
                "tg-spoiler", "span", "blockquote", "tg-emoji"}


@dataclass
class Limits:
    """Telegram's flood limits as this server enforces them (token buckets; 0 disables one)."""

    enabled: bool = True
    overall_per_second: float = 30.0
    per_chat_per_second: float = 1.0
    per_group_per_minute: float = 20.0

    def describe(self) -> str:
        if not self.enabled:
            return "limits off"
        return (f"overall {self.overall_per_second:g} msg/s (burst {self.overall_per_second:g}), "
                f"per chat {self.per_chat_per_second:g} msg/s, per group {self.per_group_per_minute:g} msg/min")


class _Bucket:
    def __init__(self, rate: float, capacity: float, now: float):
        self.rate, self.capacity, self.tokens, self.t = rate, capacity, capacity, now

    def wait_for(self, now: float) -> float:
        """Seconds until one token is available (0 when available now)."""
        self.tokens = min(self.capacity, self.tokens + (now - self.t) * self.rate)
        self.t = now
        # A few ms of tolerance: the client measured its spacing from its own clock.
        return 0.0 if self.tokens >= 0.97 else (1 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1


@dataclass
class Fault:
    method: str | None = "sendMessage"   # None: any send method
    chat_id: int | None = None
    status: int = 502
    description: str | None = None
    retry_after: int | None = None
    migrate_to: int | None = None
    hang: float | None = None            # sleep this long first (client timeouts)
    times: int = 1
    record: bool = False                 # hang, then accept anyway (the "accepted but client timed out" case)


class _HTMLCheck(html.parser.HTMLParser):
    """Telegram's HTML rules, enough to catch unescaped feed text."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.error: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.error = self.error or f"Unsupported start tag \"{tag}\""
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.error = self.error or f"Unexpected end tag \"{tag}\""
        else:
            self.stack.pop()

    def handle_data(self, data):
        for ch in "&<>":
            if ch in data:
                self.error = self.error or f"Character '{ch}' is reserved and must be escaped"
        self.text.append(data)

    def handle_entityref(self, name):
        if name not in ("lt", "gt", "amp", "quot"):
            self.error = self.error or f"Unsupported HTML entity \"&{name};\""
        self.text.append(html.unescape(f"&{name};"))

    def handle_charref(self, name):
        self.text.append(html.unescape(f"&#{name};"))


def check_html(text: str) -> tuple[str | None, str]:
    """(error or None, visible text) for a message in HTML parse mode."""
    p = _HTMLCheck()
    try:
        p.feed(text)
        p.close()
    except Exception as exc:   # noqa: BLE001 - any parser failure is a parse error
        return f"{exc}", ""
    if p.rawdata:
        p.error = p.error or "Unclosed start tag"
    if p.stack and not p.error:
        p.error = f"Can't find end tag corresponding to start tag \"{p.stack[-1]}\""
    return p.error, "".join(p.text)


def _utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


class BotAPIServer:
    def __init__(self, token: str = DEFAULT_TOKEN, *, host: str = "127.0.0.1", port: int = 0,
                 limits: Limits | None = None):
        self.token = token
        self.host, self.port = host, port
        self.limits = limits or Limits()
        self._lock = threading.RLock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._updates: list[dict] = []
        self._next_update_id = 1
        self._update_event: asyncio.Event | None = None
        self._closing = False
        self._next_message_id: dict[int, int] = {}
        self._messages: dict[int, list[dict]] = {}
        self._order: list[dict] = []           # every accepted send, across chats, in order
        self._calls: list[dict] = []
        self._answers: list[dict] = []
        self._commands: list[dict] = []
        self._faults: list[Fault] = []
        self._blocked: set[int] = set()
        self._migrated: dict[int, int] = {}
        self._down: int | None = None
        self._admins: dict[int, set[int]] = {}
        self._buckets: dict[Any, _Bucket] = {}
        self.stats = {"accepted": 0, "rejected_429": 0, "rejected_429_overall": 0, "rejected_429_chat": 0,
                      "rejected_429_group": 0, "injected": 0}

    # ------------------------------------------------------------ lifecycle
    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/bot"

    def start(self) -> "BotAPIServer":
        ready = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(ready,), name="botapi-server", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("Bot API test server did not start")
        return self

    def _run(self, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        self._update_event = asyncio.Event()
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, self.host, self.port)
        loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        ready.set()
        loop.run_forever()
        loop.run_until_complete(self._runner.cleanup())
        loop.close()

    def stop(self) -> None:
        if self._loop and self._thread:
            self._closing = True
            self._loop.call_soon_threadsafe(self._update_event.set)   # end long polls now
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)

    # ------------------------------------------------------------ the user side
    def _chat(self, chat_id: int, chat_type: str | None, title: str | None) -> dict:
        chat_type = chat_type or ("private" if chat_id > 0 else "supergroup")
        chat = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = f"user{chat_id}"
        else:
            chat["title"] = title or f"chat {chat_id}"
        return chat

    def _user(self, user_id: int) -> dict:
        return {"id": user_id, "is_bot": False, "first_name": f"user{user_id}", "username": f"user{user_id}"}

    def _push(self, update: dict) -> int:
        with self._lock:
            update["update_id"] = self._next_update_id
            self._next_update_id += 1
            self._updates.append(update)
        if self._loop and self._update_event:
            self._loop.call_soon_threadsafe(self._update_event.set)
        return update["update_id"]

    def _new_message_id(self, chat_id: int) -> int:
        with self._lock:
            n = self._next_message_id.get(chat_id, 0) + 1
            self._next_message_id[chat_id] = n
            return n

    def message(self, chat_id: int, text: str, *, user_id: int | None = None, chat_type: str | None = None,
                title: str | None = None) -> int:
        """Queue a user's message (a command when it starts with '/'); returns the update id."""
        chat = self._chat(chat_id, chat_type, title)
        msg: dict[str, Any] = {"message_id": self._new_message_id(chat_id), "date": int(time.time()),
                               "chat": chat, "text": text}
        if text.startswith("/"):
            msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        if chat["type"] == "channel":
            msg["sender_chat"] = chat
            return self._push({"channel_post": msg})
        msg["from"] = self._user(user_id if user_id is not None else chat_id)
        return self._push({"message": msg})

    command = message

    def location(self, chat_id: int, latitude: float, longitude: float, *, user_id: int | None = None,
                 chat_type: str | None = None) -> int:
        """Queue a location shared from the attachment menu; returns the update id."""
        chat = self._chat(chat_id, chat_type, None)
        msg: dict[str, Any] = {"message_id": self._new_message_id(chat_id), "date": int(time.time()),
                               "chat": chat, "location": {"latitude": latitude, "longitude": longitude},
                               "from": self._user(user_id if user_id is not None else chat_id)}
        return self._push({"message": msg})

    def press(self, chat_id: int, message_id: int, data: str, *, user_id: int | None = None,
              chat_type: str | None = None) -> int:
        """Queue a press of an inline button under the bot's message ``message_id``."""
        with self._lock:
            msg = next((m for m in self._messages.get(chat_id, []) if m["message_id"] == message_id), None)
        base = {"message_id": message_id, "date": int(time.time()), "chat": self._chat(chat_id, chat_type, None),
                "text": (msg or {}).get("text", ""), "from": BOT_USER}
        return self._push({"callback_query": {
            "id": f"cb{self._next_update_id}", "from": self._user(user_id if user_id is not None else chat_id),
            "chat_instance": f"ci{chat_id}", "data": data, "message": base}})

    def set_admins(self, chat_id: int, user_ids: set[int] | list[int]) -> None:
        with self._lock:
            self._admins[chat_id] = set(user_ids)

    # ------------------------------------------------------------ faults
    def fail(self, method: str | None = "sendMessage", status: int = 502, **kw: Any) -> Fault:
        f = Fault(method=method, status=status, **kw)
        with self._lock:
            self._faults.append(f)
        return f

    def block(self, chat_id: int) -> None:
        with self._lock:
            self._blocked.add(chat_id)

    def migrate(self, chat_id: int, new_chat_id: int) -> None:
        with self._lock:
            self._migrated[chat_id] = new_chat_id

    def down(self, status: int | None = 502) -> None:
        """Every send answers ``status`` until ``down(None)``."""
        with self._lock:
            self._down = status

    # ------------------------------------------------------------ what the bot did
    def sent(self, chat_id: int | None = None) -> list[dict]:
        with self._lock:
            if chat_id is None:
                return list(self._order)
            return list(self._messages.get(chat_id, []))

    def texts(self, chat_id: int) -> list[str]:
        return [m.get("text") or m.get("caption") or "" for m in self.sent(chat_id)]

    def calls(self, method: str | None = None) -> list[dict]:
        with self._lock:
            return [c for c in self._calls if method is None or c["method"] == method]

    def answers(self) -> list[dict]:
        with self._lock:
            return list(self._answers)

    def my_commands(self) -> list[dict]:
        with self._lock:
            return list(self._commands)

    async def wait_sent(self, chat_id: int, n: int, timeout: float = 10.0) -> list[dict]:
        """Wait (without blocking the caller's loop) until ``chat_id`` has ``n`` messages."""
        deadline = time.monotonic() + timeout
        while len(self.sent(chat_id)) < n:
            if time.monotonic() > deadline:
                raise AssertionError(f"chat {chat_id}: {len(self.sent(chat_id))} messages, expected {n}: "
                                     f"{self.texts(chat_id)}")
            await asyncio.sleep(0.01)
        return self.sent(chat_id)

    async def wait_answers(self, n: int, timeout: float = 10.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        while len(self.answers()) < n:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(self.answers())} callback answers, expected {n}")
            await asyncio.sleep(0.01)
        return self.answers()

    def wait_sent_sync(self, chat_id: int, n: int, timeout: float = 10.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        while len(self.sent(chat_id)) < n:
            if time.monotonic() > deadline:
                raise AssertionError(f"chat {chat_id}: {len(self.sent(chat_id))} messages, expected {n}")
            time.sleep(0.01)
        return self.sent(chat_id)

    # ------------------------------------------------------------ HTTP
    @staticmethod
    def _ok(result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _err(status: int, description: str, parameters: dict | None = None) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if parameters:
            body["parameters"] = parameters
        return web.json_response(body, status=status)

    async def _params(self, request: web.Request) -> dict[str, Any]:
        out: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            body = await request.read()
            if body:
                out.update(json.loads(body))
            return out
        if request.can_read_body:
            form = await request.post()
            for k, v in form.items():
                if isinstance(v, web.FileField):
                    out[k] = {"filename": v.filename, "size": len(v.file.read())}
                else:
                    out[k] = v
        for k in ("reply_markup", "reply_parameters", "link_preview_options", "commands", "allowed_updates",
                  "entities"):
            if isinstance(out.get(k), str):
                try:
                    out[k] = json.loads(out[k])
                except ValueError:
                    pass
        for k in ("chat_id", "message_id", "offset", "limit", "user_id", "reply_to_message_id"):
            if isinstance(out.get(k), str):
                try:
                    out[k] = int(out[k])
                except ValueError:
                    pass
        if isinstance(out.get("timeout"), str):
            out["timeout"] = float(out["timeout"])
        return out

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return self._err(401, "Unauthorized")
        method = request.match_info["method"]
        params = await self._params(request)
        with self._lock:
            self._calls.append({"method": method, "params": params, "t": time.monotonic()})
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return self._err(404, "Not Found: method not found")
        if method in SEND_METHODS:
            return await self._send(method, params)
        return await handler(params)

    # ------------------------------------------------------------ methods
    async def _m_getMe(self, p: dict) -> web.Response:
        return self._ok(BOT_USER)

    async def _m_deleteWebhook(self, p: dict) -> web.Response:
        return self._ok(True)

    async def _m_setMyCommands(self, p: dict) -> web.Response:
        with self._lock:
            self._commands = list(p.get("commands") or [])
        return self._ok(True)

    async def _m_answerCallbackQuery(self, p: dict) -> web.Response:
        with self._lock:
            self._answers.append(p)
        return self._ok(True)

    async def _m_getChatMember(self, p: dict) -> web.Response:
        chat_id, user_id = p.get("chat_id"), p.get("user_id")
        with self._lock:
            admin = user_id in self._admins.get(chat_id, set())
        user = self._user(int(user_id))
        if not admin:
            return self._ok({"status": "member", "user": user})
        return self._ok(self._admin_member(user))

    async def _m_getChatAdministrators(self, p: dict) -> web.Response:
        with self._lock:
            ids = sorted(self._admins.get(p.get("chat_id"), set()))
        return self._ok([self._admin_member(self._user(i)) for i in ids])

    @staticmethod
    def _admin_member(user: dict) -> dict:
        rights = ["can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages",
                  "can_manage_video_chats", "can_restrict_members", "can_promote_members", "can_change_info",
                  "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories"]
        return {"status": "administrator", "user": user, **{r: r != "is_anonymous" for r in rights}}

    async def _m_getUpdates(self, p: dict) -> web.Response:
        offset = int(p.get("offset") or 0)
        limit = int(p.get("limit") or 100)
        timeout = float(p.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                if offset:
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
                ready = [u for u in self._updates if u["update_id"] >= offset][:limit]
                if not ready:
                    self._update_event.clear()
            if ready or self._closing or time.monotonic() >= deadline:
                return self._ok(ready)
            try:
                await asyncio.wait_for(self._update_event.wait(), max(0.0, deadline - time.monotonic()))
            except asyncio.TimeoutError:
                pass

    # the send methods share fault injection and flood limits (see _send)
    _m_sendMessage = _m_sendPhoto = _m_editMessageText = _m_getMe

    def _take_fault(self, method: str, chat_id: Any) -> Fault | None:
        with self._lock:
            for f in self._faults:
                if (f.method in (None, method)) and (f.chat_id in (None, chat_id)) and f.times > 0:
                    f.times -= 1
                    if f.times == 0:
                        self._faults.remove(f)
                    self.stats["injected"] += 1
                    return f
        return None

    def _flood(self, chat_id: int) -> tuple[str, int] | None:
        lim = self.limits
        if not lim.enabled:
            return None
        now = time.monotonic()
        checks = []
        if lim.overall_per_second:
            checks.append(("overall", "overall", lim.overall_per_second, lim.overall_per_second))
        if lim.per_chat_per_second:
            checks.append(("chat", ("chat", chat_id), lim.per_chat_per_second, 1.0))
        if chat_id < 0 and lim.per_group_per_minute:
            checks.append(("group", ("group", chat_id), lim.per_group_per_minute / 60, lim.per_group_per_minute))
        with self._lock:
            buckets = []
            for scope, key, rate, cap in checks:
                b = self._buckets.get(key)
                if b is None:
                    b = self._buckets[key] = _Bucket(rate, cap, now)
                wait = b.wait_for(now)
                if wait > 0:
                    self.stats["rejected_429"] += 1
                    self.stats[f"rejected_429_{scope}"] += 1
                    return scope, max(1, math.ceil(wait))
                buckets.append(b)
            for b in buckets:
                b.take()
        return None

    async def _send(self, method: str, p: dict) -> web.Response:
        chat_id = p.get("chat_id")
        if not isinstance(chat_id, int):
            return self._err(400, "Bad Request: chat not found")
        fault = self._take_fault(method, chat_id)
        if fault is not None:
            if fault.hang:
                await asyncio.sleep(fault.hang)
            if not fault.record:
                params = {}
                if fault.retry_after is not None:
                    params["retry_after"] = fault.retry_after
                if fault.migrate_to is not None:
                    params["migrate_to_chat_id"] = fault.migrate_to
                status = 429 if fault.retry_after is not None else (400 if fault.migrate_to else fault.status)
                desc = fault.description or {
                    429: f"Too Many Requests: retry after {fault.retry_after}",
                    400: "Bad Request: group chat was upgraded to a supergroup chat" if fault.migrate_to
                    else "Bad Request: can't parse entities: unsupported start tag",
                    403: "Forbidden: bot was blocked by the user",
                    500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
                }.get(status, "Error")
                return self._err(status, desc, params or None)
        with self._lock:
            down = self._down
            blocked = chat_id in self._blocked
            migrated = self._migrated.get(chat_id)
        if down:
            return self._err(down, "Bad Gateway" if down == 502 else "Service Unavailable")
        if blocked:
            return self._err(403, "Forbidden: bot was blocked by the user")
        if migrated:
            return self._err(400, "Bad Request: group chat was upgraded to a supergroup chat",
                             {"migrate_to_chat_id": migrated})
        text = p.get("text") if method != "sendPhoto" else p.get("caption")
        if method != "sendPhoto" and not text:
            return self._err(400, "Bad Request: message text is empty")
        visible = text or ""
        if text and str(p.get("parse_mode", "")).upper() == "HTML":
            error, visible = check_html(text)
            if error:
                return self._err(400, f"Bad Request: can't parse entities: {error}")
        limit = 1024 if method == "sendPhoto" else 4096
        if _utf16(visible) > limit:
            return self._err(400, "Bad Request: message is too long")
        flood = self._flood(chat_id)
        if flood:
            scope, retry = flood
            return self._err(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})
        return self._ok(self._record(method, chat_id, p))

    def _record(self, method: str, chat_id: int, p: dict) -> dict:
        chat = self._chat(chat_id, None, None)
        with self._lock:
            if method == "editMessageText":
                for m in self._messages.get(chat_id, []):
                    if m["message_id"] == p.get("message_id"):
                        m["text"] = p.get("text")
                        m["edits"] = m.get("edits", 0) + 1
                        return {"message_id": m["message_id"], "date": m["date"], "chat": chat,
                                "text": m["text"], "from": BOT_USER}
        msg_id = self._new_message_id(chat_id)
        reply = p.get("reply_parameters") or {}
        stored = {"message_id": msg_id, "chat_id": chat_id, "method": method, "date": int(time.time()),
                  "text": p.get("text"), "caption": p.get("caption"), "parse_mode": p.get("parse_mode"),
                  "reply_markup": p.get("reply_markup"),
                  "reply_to_message_id": reply.get("message_id") or p.get("reply_to_message_id"),
                  "photo": p.get("photo") if method == "sendPhoto" else None, "t": time.monotonic()}
        with self._lock:
            self._messages.setdefault(chat_id, []).append(stored)
            self._order.append(stored)
            self.stats["accepted"] += 1
        result: dict[str, Any] = {"message_id": msg_id, "date": stored["date"], "chat": chat, "from": BOT_USER}
        if method == "sendPhoto":
            result["photo"] = [{"file_id": f"photo{msg_id}", "file_unique_id": f"u{msg_id}", "width": 800,
                                "height": 600}]
            if p.get("caption"):
                result["caption"] = p["caption"]
        else:
            result["text"] = p.get("text")
        if isinstance(p.get("reply_markup"), dict) and "inline_keyboard" in p["reply_markup"]:
            result["reply_markup"] = p["reply_markup"]
        return result


# ---------------------------------------------------------------- pytest plugin
try:
    import pytest

    @pytest.fixture
    def botapi():
        """A running Bot API test server (limits enforced); ``botapi.base_url`` goes to ``base_url``."""
        server = BotAPIServer().start()
        try:
            yield server
        finally:
            server.stop()
except ImportError:   # running standalone without pytest
    pass


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=8081)
    ap.add_argument("--token", default=DEFAULT_TOKEN)
    ap.add_argument("--no-limits", action="store_true")
    args = ap.parse_args()
    server = BotAPIServer(args.token, port=args.port, limits=Limits(enabled=not args.no_limits)).start()
    print(f"Bot API test server at {server.base_url} ({server.limits.describe()})", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
