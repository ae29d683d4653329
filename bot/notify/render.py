"""Rendering alert payloads for people as plain text. Pure: payload dicts in, strings out.

Payloads are the dicts built by :func:`bot.notify.payload.build_alert` (``type: "alert"``), the
incident updates (``type: "update"`` with ``incident`` and ``changes``), digests
(``type: "digest"``) and notices (``type: "notice"`` with ``text``).

Here: the plain-text message (Telegram's fallback when HTML is refused), the console form
(``newsbot demo``), and the pieces both forms share (place, toll, groups, time, digest
order, the cut to 4,096 characters). The Telegram HTML form and the buttons are in
:mod:`bot.telegram.html`, built from these pieces. A Telegram message holds at most 4,096
characters: long fields are cut with an ellipsis, never the link. We measure in UTF-16 code
units (what Telegram counts), which for HTML is never shorter than the text Telegram
displays, so the cut is always on the safe side.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable
from urllib.parse import urlsplit

import pycountry

from bot.clock import show

__all__ = [
    "MAX_MESSAGE", "render_alert_text", "render_update_text", "render_digest_text", "render_console",
    "country_name", "flag", "casualty_line", "place_line", "groups_of", "when_text", "sources_text",
    "safe_url", "tg_len", "cut", "fit", "alert_fields", "AlertForm", "alert_message", "TEXT", "change_line",
    "change_lines", "update_headline", "digest", "digest_entry",
]

MAX_MESSAGE = 4096
ELLIPSIS = "…"

# Short names people use; pycountry's ISO names read like "Congo, The Democratic Republic of the".
_SHORT_NAMES = {"CD": "DR Congo", "RU": "Russia", "PS": "Palestine", "CG": "Republic of the Congo",
                "GB": "United Kingdom", "US": "United States"}


# ---------------------------------------------------------------- small pieces

def tg_len(s: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(s.encode("utf-16-le")) // 2


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


def safe_url(url: str | None) -> str | None:
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


def groups_of(p: dict) -> list[tuple[str, bool]]:
    """(display name, is perpetrator), perpetrators first."""
    names = p.get("group_names") or {}
    perps = list(p.get("perpetrators") or [])
    ids = perps + [g for g in (p.get("groups") or []) if g not in perps]
    return [(str(names.get(g, g)), g in perps) for g in ids]


def when_text(published: str | None) -> str | None:
    """``06 Dec 2026 13:05 UTC`` for a payload's ISO time; ``None`` when missing or unreadable."""
    return show(published)


def sources_text(p: dict) -> str:
    # Incidents (issue 6) say how many outlets reported the event.
    n = p.get("sources")
    return f"{n} sources" if isinstance(n, int) and n > 1 else ""


def cut(s: str, n: int) -> str:
    if n <= 0:
        return ""
    return s if len(s) <= n else s[: max(0, n - 1)].rstrip() + ELLIPSIS


# Per-field caps (characters) before the overall 4,096 cut; a headline is never this long.
_CAPS = {"title": 1000, "rule_title": 200, "perps": 400, "others": 400, "place": 200, "source": 120,
         "reasons": 600}


def fit(build: Callable[[dict[str, str]], str], fields: dict[str, str], limit: int = MAX_MESSAGE) -> str:
    """Cap each field, then cut the longest until ``build(fields)`` fits. The link is not a field: it stays."""
    fields = {k: cut(v, _CAPS.get(k, 400)) for k, v in fields.items()}
    out = build(fields)
    while tg_len(out) > limit:
        key = max(fields, key=lambda k: len(fields[k]))
        if not fields[key]:
            break   # nothing left to cut; only fixed text and the link remain
        # Escaping only lengthens text, so cutting `excess` raw characters removes at least that much.
        excess = tg_len(out) - limit
        fields[key] = cut(fields[key], len(fields[key]) - excess - 1)
        out = build(fields)
    return out


# ---------------------------------------------------------------- alerts

def alert_fields(p: dict) -> dict[str, str]:
    groups = groups_of(p)
    return {
        "rule_title": str(p.get("rule_title") or p.get("rule") or ""),
        "title": str(p.get("title") or "(untitled)"),
        "perps": ", ".join(n for n, perp in groups if perp),
        "others": ", ".join(n for n, perp in groups if not perp),
        "place": " · ".join(x for x in (place_line(p), str((p.get("near") or {}).get("text") or "")) if x),
        "source": str(p.get("source") or p.get("feed") or ""),
        "reasons": "; ".join(str(r) for r in (p.get("reasons") or [])),
    }


@dataclass(frozen=True, slots=True)
class AlertForm:
    """How an alert's lines are written: :data:`TEXT` here, the HTML form in :mod:`bot.telegram.html`."""

    head: Callable[[dict, dict[str, str]], str]         # the first line (the rule's title)
    title: Callable[[dict, dict[str, str]], list[str]]  # the title line(s), with the link
    groups: Callable[[str, str], str]                   # (perpetrators, others) -> the groups line, or ""
    text: Callable[[str], str]                          # any other text from a feed (escaped in HTML)
    place: str                                          # line labels
    toll: str
    source: str
    why: Callable[[str], str]


def alert_message(p: dict, f: dict[str, str], form: AlertForm, head: str | None = None) -> str:
    """An alert (or, with ``head``, an update) from its capped fields ``f``, in ``form``."""
    lines = [head if head is not None else form.head(p, f), *form.title(p, f), ""]
    groups = form.groups(f["perps"], f["others"])
    if groups:
        lines.append(groups)
    if f["place"]:
        lines.append(form.place + form.text(f["place"]))
    toll = casualty_line(p)
    if toll:
        lines.append(form.toll + form.text(toll))
    meta = " · ".join(x for x in (form.text(f["source"]), form.text(when_text(p.get("published")) or ""),
                                  sources_text(p)) if x)
    if meta:
        lines.append(form.source + meta)
    if f["reasons"]:
        lines.append(form.why(f["reasons"]))
    return "\n".join(lines).rstrip()


def _text_title(p: dict, f: dict[str, str]) -> list[str]:
    url = safe_url(p.get("item_url")) or p.get("item_url")
    return [f["title"], str(url)] if url else [f["title"]]


def _text_groups(perps: str, others: str) -> str:
    groups = ", ".join(x for x in (perps, others) if x)
    return f"Groups: {groups}" if groups else ""


TEXT = AlertForm(head=lambda p, f: f"🚨 {f['rule_title']}", title=_text_title, groups=_text_groups,
                 text=lambda s: s, place="Place: ", toll="Casualties: ", source="Source: ",
                 why=lambda r: f"Why: {r}")


def render_alert_text(payload: dict) -> str:
    """Plain-text fallback for the alert (no parse mode), at most 4,096 characters."""
    return fit(lambda f: alert_message(payload, f, TEXT), alert_fields(payload))


# ---------------------------------------------------------------- incident updates

def change_line(p: dict, ch: dict) -> str:
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


def change_lines(p: dict) -> str:
    """What an update changed: ``toll now at least 137 killed (was 133); claimed by ...``."""
    return "; ".join(change_line(p, c) for c in (p.get("changes") or []))


def update_headline(p: dict) -> tuple[str, str]:
    """(what changed, capitalised; the rule's title): an update's first two lines in any form."""
    changes = change_lines(p) or "new report"
    return changes[:1].upper() + changes[1:], str(p.get("rule_title") or p.get("rule") or "")


def render_update_text(payload: dict) -> str:
    """An incident update ("Update: toll now at least 137 killed (was 133)") as plain text."""
    changes, rule = update_headline(payload)
    head = f"🔁 Update: {changes}\n{rule}"
    return fit(lambda f: alert_message(payload, f, TEXT, head), alert_fields(payload))


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


def digest_entry(p: dict) -> tuple[str, str | None, str, str]:
    """(title, safe link or None, "toll — place — groups", " (updated, 3 sources)") of one digest line."""
    bits = [casualty_line(p), place_line(p)]
    groups = ", ".join(n for n, _ in groups_of(p)[:2])
    if groups:
        bits.append(groups)
    tail = " — ".join(b for b in bits if b)
    notes = []
    if p.get("type") == "update" or p.get("_reports", 1) > 1:
        notes.append("updated")
    if isinstance(p.get("sources"), int) and p["sources"] > 1:
        notes.append(f"{p['sources']} sources")
    note = f" ({', '.join(notes)})" if notes else ""
    return str(p.get("title") or "(untitled)"), safe_url(p.get("item_url")), tail, note


def _digest_line_text(p: dict) -> str:
    title, _, tail, note = digest_entry(p)
    return f"• {title}" + (f" — {tail}" if tail else "") + note


def digest(payloads: list[dict], period: str, *, head: Callable[[str], str], line: Callable[[dict], str]) -> str:
    """One line per incident (an alert and its updates folded, showing the latest toll), newest toll
    first; payloads without an incident get a line each. ``period`` is hourly, daily, mute or held.
    ``head`` and ``line`` give the form (plain text here, HTML in :mod:`bot.telegram.html`)."""
    ordered = _digest_order(payloads)
    n = len(ordered)
    noun = "incident" if any(p.get("incident") is not None for p in ordered) else "alert"
    out = head(f"{_PERIOD_TITLE.get(period, 'Digest')}: {n} {noun}{'s' * (n != 1)}")
    for i, p in enumerate(ordered):
        text = line(p)
        if tg_len(text) > 600:   # one line never crowds out the rest
            text = line({**p, "title": cut(str(p.get("title") or ""), 200)})
        more = f"\n… and {n - i} more"
        if tg_len(out) + tg_len(text) + 1 + tg_len(more) + 12 > MAX_MESSAGE:
            return out + more
        out += "\n" + text
    return out


def render_digest_text(payloads: list[dict], period: str) -> str:
    return digest(payloads, period, head=lambda t: f"🗞 {t}", line=_digest_line_text)


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
        changes = change_lines(payload)
        inc = payload.get("incident")
        head = f"UPDATE{f' (incident {inc})' if inc is not None else ''} {head}\n  {changes}"
    lines = [head, f"  {payload.get('title') or '(untitled)'}"]
    if payload.get("item_url"):
        lines.append(f"  {payload['item_url']}")
    groups = ", ".join(f"{n} (perpetrator)" if perp else n for n, perp in groups_of(payload))
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
    meta = " · ".join(x for x in (str(payload.get("source") or ""), when_text(payload.get("published")) or "") if x)
    if meta:
        lines.append(f"  source:     {meta}")
    if payload.get("reasons"):
        lines.append(f"  why:        {'; '.join(map(str, payload['reasons']))}")
    return "\n".join(lines)
