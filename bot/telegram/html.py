"""The Telegram form of alert payloads: HTML parse mode, and the inline buttons. Pure.

Built from the plain pieces of :mod:`bot.notify.render` (place, toll, groups, digest order,
the cut to 4,096 characters). Every string that comes from a feed, a user or a rule file
goes through :func:`escape` (the one HTML escape of the bot), so a title like
``<b>x</b> & <script>`` arrives as text; links are only http(s) and their URL is escaped
as an attribute.
"""
from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.notify.render import (
    MAX_MESSAGE, AlertForm, alert_fields, alert_message, cut, digest, digest_entry, fit, render_alert_text,
    render_digest_text, render_update_text, safe_url, update_headline,
)

__all__ = [
    "CALLBACK_MUTE", "CALLBACK_SUBSCRIBE", "escape", "render_alert_html", "render_update_html",
    "render_digest_html", "render_notice_html", "render_message", "mute_keyboard", "callback_data",
    "parse_callback", "keyboard_markup",
]

MAX_CALLBACK_BYTES = 64          # Telegram's limit for callback_data
CALLBACK_MUTE = "mute"
CALLBACK_SUBSCRIBE = "sub"

_SEVERITY_ICON = {"critical": "🔴", "high": "🟠", "medium": "🟡", "low": "🔵"}


def escape(s: object) -> str:
    """``s`` as text inside an HTML message (``<``, ``>`` and ``&`` escaped)."""
    return html.escape(str(s), quote=False)


def _link(url: str, text_html: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{text_html}</a>'


# ---------------------------------------------------------------- alerts and updates

def _html_title(p: dict, f: dict[str, str]) -> list[str]:
    url = safe_url(p.get("item_url"))
    title = escape(f["title"])
    return [_link(url, title) if url else f"<b>{title}</b>"]


def _html_groups(perps: str, others: str) -> str:
    if not (perps or others):
        return ""
    return "👥 " + ", ".join(x for x in (f"<b>{escape(perps)}</b>" if perps else "", escape(others)) if x)


def _html_head(p: dict, f: dict[str, str]) -> str:
    icon = _SEVERITY_ICON.get(str(p.get("severity") or "").lower(), "🚨")
    return f"{icon} <b>{escape(f['rule_title'])}</b>"


HTML = AlertForm(head=_html_head, title=_html_title, groups=_html_groups, text=escape,
                 place="📍 ", toll="💀 ", source="📰 ", why=lambda r: f"<i>Why: {escape(r)}</i>")


def render_alert_html(payload: dict) -> str:
    """The Telegram alert (HTML parse mode), at most 4,096 characters."""
    return fit(lambda f: alert_message(payload, f, HTML), alert_fields(payload))


def render_update_html(payload: dict) -> str:
    """An incident update ("Update: toll now at least 137 killed (was 133)"), sent as a reply."""
    changes, rule = update_headline(payload)
    head = f"🔁 <b>Update: {escape(changes)}</b>\n<i>{escape(rule)}</i>"
    return fit(lambda f: alert_message(payload, f, HTML, head), alert_fields(payload))


# ---------------------------------------------------------------- digests and notices

def _digest_line_html(p: dict) -> str:
    title, url, tail, note = digest_entry(p)
    t = _link(url, escape(title)) if url else escape(title)
    return f"• {t}" + (f" — {escape(tail)}" if tail else "") + escape(note)


def render_digest_html(payloads: list[dict], period: str) -> str:
    """See :func:`bot.notify.render.digest`; titles link to the articles."""
    return digest(payloads, period, head=lambda t: f"🗞 <b>{escape(t)}</b>", line=_digest_line_html)


def render_notice_html(text: str) -> str:
    return escape(cut(text, MAX_MESSAGE - 200))


def render_message(payload: dict) -> tuple[str, str]:
    """(HTML, plain text) for any outbox payload, chosen by its ``type``."""
    kind = payload.get("type", "alert")
    if kind == "update":
        return render_update_html(payload), render_update_text(payload)
    if kind == "digest":
        items, period = payload.get("alerts") or [], payload.get("period", "daily")
        return render_digest_html(items, period), render_digest_text(items, period)
    if kind == "notice":
        text = str(payload.get("text", ""))
        return render_notice_html(text), cut(text, MAX_MESSAGE)
    return render_alert_html(payload), render_alert_text(payload)


# ---------------------------------------------------------------- buttons

def callback_data(action: str, rule_id: str) -> str | None:
    """``mute:<rule_id>``; None when it would exceed Telegram's 64 bytes."""
    data = f"{action}:{rule_id}"
    return data if len(data.encode()) <= MAX_CALLBACK_BYTES else None


def parse_callback(data: str | None) -> tuple[str, str] | None:
    if not data or ":" not in data:
        return None
    action, _, arg = data.partition(":")
    return (action, arg) if action and arg else None


def mute_keyboard(payload: dict) -> list[list[tuple[str, str]]]:
    """Inline keyboard rows of (label, callback data): "Mute this rule" for alerts and updates."""
    if payload.get("type", "alert") not in ("alert", "update") or not payload.get("rule") or payload.get("near"):
        return []
    data = callback_data(CALLBACK_MUTE, str(payload["rule"]))
    return [[("🔕 Mute this rule", data)]] if data else []


def keyboard_markup(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup | None:
    """Rows of (label, callback data) as Telegram's inline keyboard; None for no rows."""
    if not rows:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data) for label, data in row]
                                 for row in rows])
