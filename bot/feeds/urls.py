"""Canonical article URLs: one spelling per article, whatever link the feed used.

``canonical_url`` lowercases the scheme and host, removes the default port, the
fragment and tracking parameters (a table below), and keeps every other query
parameter in its original order and spelling. It is what dedupe compares across
feeds and what alerts link to.

Hand-written on ``urllib.parse`` rather than a URL library: the job is a table of
parameter names and a few lines of splitting, and keeping the query segments as the
feed wrote them (no re-encoding) matters more than a general normaliser would.
"""
from __future__ import annotations

import functools
from urllib.parse import SplitResult, unquote_plus, urlsplit, urlunsplit

__all__ = ["TRACKING_PARAMS", "TRACKING_PREFIXES", "canonical_url", "host_of"]

# Query parameters that only say where a click came from. Compared case-insensitively.
TRACKING_PARAMS: frozenset[str] = frozenset({
    "cmp", "cmpid", "cmp_id",                 # Guardian and others ("?CMP=share_btn_url")
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
    "igshid", "igsh",                         # Instagram
    "mc_cid", "mc_eid",                       # Mailchimp
    "ocid",                                   # Microsoft / MSN
    "at_medium", "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4",
    "at_ptr_name", "at_link_id", "at_link_origin", "at_bbc_team", "at_format",  # BBC (AT Internet)
    "ref_src", "ref_url",                     # Twitter embeds
    "_ga", "_gl", "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "hsctatracking",
    "mkt_tok", "vero_id", "vero_conv", "oly_anon_id", "oly_enc_id", "rb_clickid",
    "s_cid", "s_kwcid", "ito", "icid", "wt.mc_id", "wt_mc_id", "ns_mchannel", "ns_source",
    "ns_campaign", "ns_linkname", "ns_fee", "sr_share", "smid", "smtyp", "spm",
    "xtor", "__twitter_impression", "soc_src", "soc_trk", "ftag", "guccounter",
    "guce_referrer", "guce_referrer_sig",
})
# Parameter name prefixes that are tracking whatever follows (utm_source, utm_medium, ...).
TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "pk_", "piwik_", "mtm_", "hsa_", "at_")

_DEFAULT_PORTS = {"http": 80, "https": 443}
_SCHEMES = frozenset({"http", "https", "file"})


def _is_tracking(name: str) -> bool:
    n = unquote_plus(name).strip().lower()
    return n in TRACKING_PARAMS or n.startswith(TRACKING_PREFIXES)


def _split(url: str) -> SplitResult | None:
    if not isinstance(url, str):
        return None
    url = url.strip().replace(" ", "%20")   # urlsplit itself drops tabs and newlines
    try:
        parts = urlsplit(url)
        parts.port  # raises ValueError for a non-numeric or out-of-range port
    except ValueError:
        return None
    if parts.scheme.lower() not in _SCHEMES:
        return None
    if parts.scheme.lower() != "file" and not parts.hostname:
        return None
    return parts


def canonical_url(url: str | None) -> str | None:
    """The canonical spelling of ``url``, or None when it is not an http(s)/file URL.

    >>> canonical_url("HTTPS://Example.ORG:443/a/b?id=3&utm_source=x&CMP=share_btn_url#top")
    'https://example.org/a/b?id=3'
    """
    if not url:
        return None
    parts = _split(url)
    if parts is None:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:                      # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    netloc = host
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{port}"
    if parts.username is not None:       # keep credentials as written (rare in feeds)
        userinfo = parts.username + (f":{parts.password}" if parts.password is not None else "")
        netloc = f"{userinfo}@{netloc}"
    path = parts.path or ("/" if scheme != "file" else "")
    kept = [seg for seg in parts.query.split("&") if seg and not _is_tracking(seg.split("=", 1)[0])]
    return urlunsplit((scheme, netloc, path, "&".join(kept), ""))


def host_of(url: str | None) -> str | None:
    """The lowercased host of ``url`` without a leading ``www.``, or None.

    >>> host_of("https://www.TheGuardian.com/world")
    'theguardian.com'
    """
    if not url:
        return None
    return _host(url) if isinstance(url, str) else None


@functools.lru_cache(maxsize=4096)   # the poll cycle asks it of every feed URL, every cycle
def _host(url: str) -> str | None:
    parts = _split(url)
    if parts is None or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    return host[4:] if host.startswith("www.") and host.count(".") >= 2 else host
