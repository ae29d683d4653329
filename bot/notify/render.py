"""Rendering alert payloads for people. Pure: payload dicts in, strings out.

Payloads are the dicts built by :func:`bot.notify.payload.build_alert` (``type: "alert"``), the
incident updates (``type: "update"`` with ``incident`` and ``changes``), digests
(``type: "digest"``) and notices (``type: "notice"`` with ``text``).

Telegram output is HTML parse mode. Every string that comes from a feed or a rule
file is escaped with :func:`html.escape`, so a title like ``<b>x</b> & <script>``
arrives as text. A Telegram message holds at most 4,096 characters: long fields are
cut with an ellipsis, never the link. We measure the HTML source in UTF-16 code units
(what Telegram counts), which is never shorter than the text Telegram displays, so
the cut is always on the safe side.
"""
from __future__ import annotations

import html
from datetime import datetime, timezone
from typing import Callable, Iterable
from urllib.parse import urlsplit

import pycountry

__all__ = [
    "MAX_MESSAGE", "CALLBACK_MUTE", "CALLBACK_SUBSCRIBE",
    "render_alert_html", "render_alert_text", "render_update_html", "render_update_text",
    "render_digest_html", "render_digest_text", "render_notice_html", "render_console",
    "render_message", "mute_keyboard", "callback_data", "parse_callback",
    "country_name", "flag", "casualty_line", "place_line", "tg_len",
]

MAX_MESSAGE = 4096
MAX_CALLBACK_BYTES = 64          # Telegram's limit for callback_data
CALLBACK_MUTE = "mute"
CALLBACK_SUBSCRIBE = "sub"
ELLIPSIS = "…"

# Short names people use; pycountry's ISO names read like "Congo, The Democratic Republic of the".
_SHORT_NAMES = {"CD": "DR Congo", "RU": "Russia", "PS": "Palestine", "CG": "Republic of the Congo",
                "GB": "United Kingdom", "US": "United States"}

_SEVERITY_ICON = {"critical": "🔴", "high": "🟠", "medium": "🟡", "low": "🔵"}


# ---------------------------------------------------------------- small pieces

def tg_len(s: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(s.encode("utf-16-le")) // 2


def _e(s: object) -> str:
    return html.escape(str(s), quote=False)


def flag(alpha2: str | None) -> str:
    """The flag emoji of an ISO 3166-1 alpha-2 code (two regional indicator letters)."""
    if not alpha2 or len(alpha2) != 2 or not alpha2.isascii() or not alpha2.isalpha():
        return ""
    return "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in alpha2.upper())


def country_name(alpha2: str | None) -> str | None:
    if not alpha2:
        return None
    code = alpha2.upper()
    if code in _SHORT_NAMES:
        return _SHORT_NAMES[code]
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    name = getattr(c, "common_name", None) or c.name
    if "," in name:
        name = getattr(c, "official_name", None) or " ".join(reversed(name.split(", ", 1)))
    return name


def _safe_url(url: str | None) -> str | None:
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def _count(value: int | None, qualifier: str | None, word: str) -> str | None:
    if value is None:
        return None
    q = f"{qualifier} " if qualifier else ""
    return f"{q}{value:,} {word}"


def casualty_line(p: dict) -> str:
    """'at least 38 killed, 12 wounded' (plain text; numbers and our own words only)."""
    parts = [
        _count(p.get("killed"), p.get("killed_qualifier"), "killed"),
        _count(p.get("wounded"), p.get("wounded_qualifier"), "wounded"),
    ]
    if p.get("arrested") is not None:
        parts.append(f"{p['arrested']:,} arrested")
    return ", ".join(x for x in parts if x)


def place_line(p: dict, *, with_flag: bool = True) -> str:
    """'Beni, North Kivu, 🇨🇩 DR Congo' (plain text, not escaped)."""
    parts = [x for x in (p.get("place"), p.get("province")) if x]
    # "Moscow, Moscow, Russia" reads badly: drop a repeated name.
    dedup: list[str] = []
    for x in parts:
        if not dedup or dedup[-1].casefold() != x.casefold():
            dedup.append(x)
    name = country_name(p.get("country"))
    if name:
        f = flag(p.get("country")) if with_flag else ""
        dedup.append(f"{f} {name}".strip())
    return ", ".join(dedup)


def _groups(p: dict) -> list[tuple[str, bool]]:
    """(display name, is perpetrator), perpetrators first."""
    names = p.get("group_names") or {}
    perps = list(p.get("perpetrators") or [])
    ids = perps + [g for g in (p.get("groups") or []) if g not in perps]
    return [(str(names.get(g, g)), g in perps) for g in ids]


def _when(published: str | None) -> str | None:
    if not published:
        return None
    try:
        dt = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc).strftime("%d %b %Y %H:%M UTC")


def _sources(p: dict) -> str:
    # Incidents (issue 6) say how many outlets reported the event.
    n = p.get("sources")
    return f"{n} sources" if isinstance(n, int) and n > 1 else ""


def _cut(s: str, n: int) -> str:
    if n <= 0:
        return ""
    return s if len(s) <= n else s[: max(0, n - 1)].rstrip() + ELLIPSIS


# Per-field caps (characters) before the overall 4,096 cut; a headline is never this long.
_CAPS = {"title": 1000, "rule_title": 200, "perps": 400, "others": 400, "place": 200, "source": 120,
         "reasons": 600}


def _fit(build: Callable[[dict[str, str]], str], fields: dict[str, str], limit: int = MAX_MESSAGE) -> str:
    """Cap each field, then cut the longest until ``build(fields)`` fits. The link is not a field: it stays."""
    fields = {k: _cut(v, _CAPS.get(k, 400)) for k, v in fields.items()}
    out = build(fields)
    while tg_len(out) > limit:
        key = max(fields, key=lambda k: len(fields[k]))
        if not fields[key]:
            break   # nothing left to cut; only fixed text and the link remain
        # Escaping only lengthens text, so cutting `excess` raw characters removes at least that much.
        excess = tg_len(out) - limit
        fields[key] = _cut(fields[key], len(fields[key]) - excess - 1)
        out = build(fields)
    return out


# ---------------------------------------------------------------- alerts

def _alert_fields(p: dict) -> dict[str, str]:
    groups = _groups(p)
    return {
        "rule_title": str(p.get("rule_title") or p.get("rule") or ""),
        "title": str(p.get("title") or "(untitled)"),
        "perps": ", ".join(n for n, perp in groups if perp),
        "others": ", ".join(n for n, perp in groups if not perp),
        "place": " · ".join(x for x in (place_line(p), str((p.get("near") or {}).get("text") or "")) if x),
        "source": str(p.get("source") or p.get("feed") or ""),
        "reasons": "; ".join(str(r) for r in (p.get("reasons") or [])),
    }


def _alert_html(p: dict, f: dict[str, str], head: str | None = None) -> str:
    icon = _SEVERITY_ICON.get(str(p.get("severity") or "").lower(), "🚨")
    lines = [head if head is not None else f"{icon} <b>{_e(f['rule_title'])}</b>"]
    url = _safe_url(p.get("item_url"))
    title = _e(f["title"])
    lines.append(f'<a href="{html.escape(url, quote=True)}">{title}</a>' if url else f"<b>{title}</b>")
    lines.append("")
    if f["perps"] or f["others"]:
        g = ", ".join(x for x in (f"<b>{_e(f['perps'])}</b>" if f["perps"] else "", _e(f["others"])) if x)
        lines.append(f"👥 {g}")
    if f["place"]:
        lines.append(f"📍 {_e(f['place'])}")
    toll = casualty_line(p)
    if toll:
        lines.append(f"💀 {_e(toll)}")
    meta = " · ".join(x for x in (_e(f["source"]), _e(_when(p.get("published")) or ""), _sources(p)) if x)
    if meta:
        lines.append(f"📰 {meta}")
    if f["reasons"]:
        lines.append(f"<i>Why: {_e(f['reasons'])}</i>")
    return "\n".join(lines).rstrip()


def render_alert_html(payload: dict) -> str:
    """The Telegram alert (HTML parse mode), at most 4,096 characters."""
    return _fit(lambda f: _alert_html(payload, f), _alert_fields(payload))


def _alert_text(p: dict, f: dict[str, str], head: str | None = None) -> str:
    lines = [head if head is not None else f"🚨 {f['rule_title']}", f["title"]]
    url = _safe_url(p.get("item_url")) or p.get("item_url")
    if url:
        lines.append(str(url))
    lines.append("")
    groups = ", ".join(x for x in (f["perps"], f["others"]) if x)
    if groups:
        lines.append(f"Groups: {groups}")
    if f["place"]:
        lines.append(f"Place: {f['place']}")
    toll = casualty_line(p)
    if toll:
        lines.append(f"Casualties: {toll}")
    meta = " · ".join(x for x in (f["source"], _when(p.get("published")) or "", _sources(p)) if x)
    if meta:
        lines.append(f"Source: {meta}")
    if f["reasons"]:
        lines.append(f"Why: {f['reasons']}")
    return "\n".join(lines).rstrip()


def render_alert_text(payload: dict) -> str:
    """Plain-text fallback for the alert (no parse mode), at most 4,096 characters."""
    return _fit(lambda f: _alert_text(payload, f), _alert_fields(payload))


# ---------------------------------------------------------------- incident updates

def _change_line(p: dict, ch: dict) -> str:
    field, old, new = ch.get("field"), ch.get("old"), ch.get("new")
    if field in ("killed", "wounded"):
        q = p.get(f"{field}_qualifier")
        now = _count(new, q, field) or f"no {field} figure"
        was = f" (was {old:,})" if isinstance(old, int) else ""
        return f"toll now {now}{was}" if field == "killed" else f"{now}{was}"
    if field in ("perpetrators", "claimed", "claim"):
        names = p.get("group_names") or {}
        vals = new if isinstance(new, list) else [new]
        return "claimed by " + ", ".join(str(names.get(v, v)) for v in vals if v)
    if field == "rule":
        return f"now matches {new}"
    return f"{field}: {old} → {new}"


def _update_head(p: dict, html_mode: bool) -> str:
    changes = "; ".join(_change_line(p, c) for c in (p.get("changes") or [])) or "new report"
    changes = changes[:1].upper() + changes[1:]
    rule = str(p.get("rule_title") or p.get("rule") or "")
    if html_mode:
        return f"🔁 <b>Update: {_e(changes)}</b>\n<i>{_e(rule)}</i>"
    return f"🔁 Update: {changes}\n{rule}"


def render_update_html(payload: dict) -> str:
    """An incident update ("Update: toll now at least 137 killed (was 133)"), sent as a reply."""
    return _fit(lambda f: _alert_html(payload, f, head=_update_head(payload, True)), _alert_fields(payload))


def render_update_text(payload: dict) -> str:
    return _fit(lambda f: _alert_text(payload, f, head=_update_head(payload, False)), _alert_fields(payload))


# ---------------------------------------------------------------- digests and notices

_PERIOD_TITLE = {"hourly": "Hourly digest", "daily": "Daily digest", "mute": "While you were muted",
                 "held": "Kept for you meanwhile"}


def _fold_incidents(payloads: Iterable[dict]) -> list[dict]:
    """One entry per incident: an alert and its updates (and alerts of other rules for the same
    incident) fold into the latest of them, which carries the incident's latest fused toll.

    Payloads without an ``incident`` (per-article alerts) stay one entry each. Each entry is the
    latest payload plus ``_reports`` (how many payloads it stands for) and ``_pos`` (queue order
    of the latest one).
    """
    folded: dict[object, dict] = {}
    for pos, p in enumerate(payloads):
        inc = p.get("incident")
        key = ("incident", inc) if inc is not None else ("row", pos)
        prev = folded.get(key)
        n = prev["_reports"] + 1 if prev else 1
        folded[key] = {**p, "_reports": n, "_pos": pos}
    return list(folded.values())


def _digest_order(payloads: Iterable[dict]) -> list[dict]:
    """Newest toll first: the incident's latest killed figure, highest first (no figure last),
    then the latest report first (published time, else queue order)."""
    entries = _fold_incidents(payloads)
    entries.sort(key=lambda p: (p["killed"] if isinstance(p.get("killed"), int) else -1,
                                p.get("published") or "", p["_pos"]), reverse=True)
    return entries


def _digest_line(p: dict, html_mode: bool) -> str:
    bits = [casualty_line(p), place_line(p)]
    groups = ", ".join(n for n, _ in _groups(p)[:2])
    if groups:
        bits.append(groups)
    tail = " — ".join(b for b in bits if b)
    notes = []
    if p.get("type") == "update" or p.get("_reports", 1) > 1:
        notes.append("updated")
    if isinstance(p.get("sources"), int) and p["sources"] > 1:
        notes.append(f"{p['sources']} sources")
    note = f" ({', '.join(notes)})" if notes else ""
    title = str(p.get("title") or "(untitled)")
    url = _safe_url(p.get("item_url"))
    if not html_mode:
        return f"• {title}" + (f" — {tail}" if tail else "") + note
    t = f'<a href="{html.escape(url, quote=True)}">{_e(title)}</a>' if url else _e(title)
    return f"• {t}" + (f" — {_e(tail)}" if tail else "") + _e(note)


def _digest(payloads: list[dict], period: str, html_mode: bool) -> str:
    ordered = _digest_order(payloads)
    n = len(ordered)
    noun = "incident" if any(p.get("incident") is not None for p in ordered) else "alert"
    head_txt = f"{_PERIOD_TITLE.get(period, 'Digest')}: {n} {noun}{'s' * (n != 1)}"
    head = f"🗞 <b>{_e(head_txt)}</b>" if html_mode else f"🗞 {head_txt}"
    out = head
    for i, p in enumerate(ordered):
        line = _digest_line(p, html_mode)
        if tg_len(line) > 600:   # one line never crowds out the rest
            line = _digest_line({**p, "title": _cut(str(p.get("title") or ""), 200)}, html_mode)
        more = f"\n… and {n - i} more"
        if tg_len(out) + tg_len(line) + 1 + tg_len(more) + 12 > MAX_MESSAGE:
            return out + more
        out += "\n" + line
    return out


def render_digest_html(payloads: list[dict], period: str) -> str:
    """One line per incident (an alert and its updates folded, showing the latest toll), newest toll
    first; payloads without an incident get a line each. ``period`` is hourly, daily, mute or held."""
    return _digest(payloads, period, True)


def render_digest_text(payloads: list[dict], period: str) -> str:
    return _digest(payloads, period, False)


def render_notice_html(text: str) -> str:
    return _e(_cut(text, MAX_MESSAGE - 200))


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
        return render_notice_html(text), _cut(text, MAX_MESSAGE)
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


# ---------------------------------------------------------------- console

def render_console(payload: dict) -> str:
    """Readable multi-line text for ``newsbot demo``."""
    kind = payload.get("type", "alert")
    if kind == "digest":
        return render_digest_text(payload.get("alerts") or [], payload.get("period", "daily"))
    if kind == "notice":
        return str(payload.get("text", ""))
    head = f"[{payload.get('rule')}] {payload.get('rule_title') or ''}".rstrip()
    if kind == "update":
        changes = "; ".join(_change_line(payload, c) for c in (payload.get("changes") or []))
        inc = payload.get("incident")
        head = f"UPDATE{f' (incident {inc})' if inc is not None else ''} {head}\n  {changes}"
    lines = [head, f"  {payload.get('title') or '(untitled)'}"]
    if payload.get("item_url"):
        lines.append(f"  {payload['item_url']}")
    groups = ", ".join(f"{n} (perpetrator)" if perp else n for n, perp in _groups(payload))
    if groups:
        lines.append(f"  groups:     {groups}")
    place = place_line(payload, with_flag=False)
    if place:
        code = payload.get("country")
        lines.append(f"  place:      {place}" + (f" ({code})" if code else ""))
    toll = casualty_line(payload)
    if toll:
        lines.append(f"  casualties: {toll}")
    if payload.get("kind"):
        lines.append(f"  kind:       {payload['kind']}")
    meta = " · ".join(x for x in (str(payload.get("source") or ""), _when(payload.get("published")) or "") if x)
    if meta:
        lines.append(f"  source:     {meta}")
    if payload.get("reasons"):
        lines.append(f"  why:        {'; '.join(map(str, payload['reasons']))}")
    return "\n".join(lines)
