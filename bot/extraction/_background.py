"""Background figures: tolls of other events recounted beyond the lead.

``_casualties`` judges each figure by its own sentence (a past year, "last week", a named
past attack). Analysis pieces recount older attacks over several sentences and under
headings, so a figure's sentence alone often does not say it is history:

    Previous attacks by the group                                  <- a background heading
    ... a bloody attack on a maternity ward in Kabul in May 2020 that killed 24 people.
    In November that same year, the group carried out an attack on Kabul University,
    killing at least 22 teachers and students.                     <- its paragraph names May 2020

This module looks at that wider context, for figures outside the title and lead only (the
lead reports the event; it is also where the location comes from). A figure still marked
``this_event`` is moved to another event when

* the place nearest the figure in its sentence (before it first) is named as a location
  ("in Kabul", "from Kerman") in another country than the event's (place names as the
  gazetteer reads them: all of them in the opening ``SCAN_CHARS``, landmarks past that), or
* its sentence, or an earlier sentence of its paragraph (the sentences since the last line
  break), names a past month ("in January", "in May 2020"; the publication month or later is
  not past), or an earlier sentence of its paragraph names a past year or a past event of the
  gazetteer (Beslan, Bataclan ...; the figure's own sentence is judged by ``_casualties``), or
* it sits in a section whose heading announces background ("Previous attacks in Russia",
  "History of violence"), up to the next heading,

unless its own sentence refers back to this event: the event's place nearest the figure
("outside Moscow", "Crocus City Hall"), a weekday ("on Friday", "Friday's attack"), "this
attack"; or it repeats a figure of this event already read (same type and value: "the toll
reached 133").

Hand-written rather than a library: no maintained library models news discourse
structure; the checks are cheap and run only on the few sentences that hold a figure.
"""
from __future__ import annotations

import bisect
from typing import cast, Final

from ..models import Casualty
from .. import safe_re
from ._places import Gazetteer, Location, _locative
from ._text import Doc

_MONTH_NUM: Final = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}
# "in May 2020", "since January", "in early March", "last November"; a day after the month
# ("on March 22") is a date of the event itself more often than not, so it is left alone.
# The month name is searched for first (a cheaper scan), then the word before it.
# (RE2 has no look-ahead: a digit right after, "March 22", is captured in group 3 and refused)
_MONTH: Final = safe_re.compile(r"(%s)\b(?:,?\s+((?:19|20)\d\d)\b)?(\s*\d)?" % "|".join(_MONTH_NUM), owner="background")
_MONTH_PREP: Final = safe_re.compile(r"\b(in|since|during|by|until|last|of|from)\s+(?:(?:early|late|mid)[- ])?$",
                              owner="background")
# The sentence refers back to this event: a weekday ("on Friday", "Friday's attack") or
# "this attack", "the latest attack".
_REFERS_BACK: Final = safe_re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b(?:this|today's|yesterday's|the latest|the (?:recent|current)) "
    r"(?:attack|assault|massacre|bombing|shooting|raid|blast|violence)\b")
# Words of a heading that announce background sections.
BACKGROUND_HEADING: Final = frozenset({
    "previous", "past", "earlier", "prior", "history", "historical", "background", "timeline",
    "chronology", "precedent", "precedents", "deadliest", "former", "older", "recent",
})
PLACE_BEFORE, PLACE_AFTER = 160, 60   # characters around a figure read for places
HEADING_CHARS: Final = 80      # a heading: a short line standing alone between blank lines,
HEADING_WORDS: Final = 10      # with no sentence punctuation ("Why is ISIL attacking Russia?" is one)


def past_month(low: str, start: int, end: int, year: int | None, month: int | None) -> bool:
    """Does low[start:end] name a month before the publication month ("in January", "in May 2020")?"""
    if month is None:
        return False
    # slices, not pos/endpos: RE2's wrapper converts offsets over the whole string
    for m in _MONTH.finditer(low[start:end]):
        if m.group(3):
            continue   # "on March 22": a date of the event itself
        a = start + m.start()
        if a and low[a - 1].isalpha():
            continue
        prep = _MONTH_PREP.search(low[max(start, a - 22):a])
        if prep is None:
            continue
        mon = _MONTH_NUM[m.group(1)]
        y = int(m.group(2)) if m.group(2) else None
        if y is not None and year is not None:
            if (y, mon) < (year, month):
                return True
        elif mon < month or (mon > month and prep.group(1) == "last"):
            return True
    return False


def _heading(text: str, start: int, end: int) -> bool | None:
    """For the line text[start:end]: None when it is not a heading, else whether it
    announces background ("Previous attacks in Russia")."""
    line = text[start:end].strip()
    if not line or len(line) > HEADING_CHARS:
        return None
    if not (line[0].isupper() or line[0] in "'\"") or any(ch in line for ch in ".!:;,"):
        return None
    if line[-1] in "'\"" and line.count(line[-1]) != 2:
        return None   # the end of a quotation, not a quoted heading ("'Under control'")
    words = line.lower().split()
    if len(words) > HEADING_WORDS:
        return None
    # standing alone: a blank line (or the start) before it, a blank line after it
    before = text.rfind("\n", 0, max(start - 1, 0))
    if start > 0 and text[before + 1:start - 1].strip():
        return None
    after = text.find("\n", end + 1)
    if text[end + 1:after if after != -1 else len(text)].strip():
        return None
    return any(w.strip("'\"?") in BACKGROUND_HEADING for w in words)


class _Sections:
    """Whether a sentence lies under a background heading. Headings are sentences of their
    own line (the sentence splitter cuts at line breaks). The short sentences up to the last
    figure are listed once (one pass at C-like speed); the full heading test runs only on the
    nearest of them before a figure, walking back until one is a heading, each test remembered."""

    def __init__(self, doc: Doc, upto: int):
        self.doc = doc
        self.short = [k for k, s in enumerate(doc.sentences[1:upto], 1) if len(s[2]) <= HEADING_CHARS]
        self.memo: dict[int, bool | None] = {}

    def background(self, idx: int) -> bool:
        sents, memo, text = self.doc.sentences, self.memo, self.doc.text
        j = bisect.bisect_left(self.short, idx) - 1
        while j >= 0:
            k = self.short[j]
            if k not in memo:
                t = sents[k][2]
                memo[k] = _heading(text, sents[k].start, sents[k].end) if t[-1] not in ".,;:!" else None
            if memo[k] is not None:
                return memo[k]  # type: ignore[return-value]
            j -= 1
        return False


class _Event:
    """The event's place, for telling a mention of it from a mention of elsewhere."""

    def __init__(self, loc: Location, gaz: Gazetteer):
        self.cc = loc.country
        names = {loc.place, loc.province}
        if loc.country and loc.place:
            ent = gaz.city(loc.country, loc.place)
            if ent is not None and ent.near:
                names.add(ent.near)
        self.names = {n for n in names if n}
        self.code = loc.province_code

        self._kind: dict[int, str | None] = {}

    def side(self, doc: Doc, s: int, e: int, entries) -> str | None:
        """'this' for a mention of the event's place, 'other' for a location in another
        country, None when the mention says neither (an actor, the event's country)."""
        k = self._kind.get(id(entries), 0)
        if k == 0:
            cc = self.cc
            if any(x.cc == cc and (x.name in self.names or (x.code == self.code and x.code and x.kind != "country"))
                   for x in entries):
                k = "this"
            elif all(x.cc != cc for x in entries):
                k = "other"
            else:
                k = None
            self._kind[id(entries)] = k   # entries live as long as this call (in the mentions)
        if k == "other" and not _locative(doc, s, e):
            return None
        return k  # type: ignore[return-value]


def _paragraph_start(doc: Doc, idx: int) -> int:
    """Index of the first sentence of the paragraph holding sentence ``idx``."""
    sents = doc.sentences
    k = idx
    find = doc.text.find
    while k > 1 and find("\n", sents[k - 1].end, sents[k].start) == -1:
        k -= 1
    return k


def _refers_back(low: str, start: int, end: int) -> bool:
    # cheap substring tests first: every weekday ends in "day"
    if low.find("day", start, end) == -1 and low.find("this ", start, end) == -1 \
            and low.find("latest", start, end) == -1 and low.find(" the rec", start, end) == -1 \
            and low.find(" the cur", start, end) == -1:
        return False
    return _REFERS_BACK.search(low[start:end]) is not None


def mark(doc: Doc, figures: list, loc: Location, gaz: Gazetteer, mentions: list, sc,
         year: int | None, month: int | None) -> list:
    """Figures beyond the lead that belong to another event get ``this_event=False`` (see the
    module docstring). ``mentions`` are the gazetteer's (``Gazetteer.mentions``: every place
    name in the opening ``SCAN_CHARS``, curated landmarks past them; reading the rest with the
    full gazetteer again would cost more than the extraction's speed budget allows). ``sc`` is
    the casualty scan (``_casualties.Scan``): its ``past`` sentences name a past year or a past
    event, its ``months`` sentences a month."""
    todo = [i for i, f in enumerate(figures) if f.casualty.this_event and not f.in_lead]
    if not todo:
        return figures
    low = doc.low
    sents = doc.sentences
    past, months = sc.past, sc.months
    event: _Event | None = None
    starts = [m[0] for m in mentions]
    sections: _Sections | None = None
    # per sentence: [first mention, end of mentions, refers back?, another time?]
    per_sentence: dict[int, list] = {}
    # figures of this event so far: the lead's, then each one kept; a later sentence that
    # repeats one ("the toll reached 133") is about this event too
    kept = {(f.casualty.type, f.casualty.value) for f in figures if f.in_lead and f.casualty.this_event}
    out = list(figures)
    for i in todo:
        f = figures[i]
        c = f.casualty
        if (c.type, c.value) in kept:
            continue
        idx = f.sentence
        sent = sents[idx]
        st = per_sentence.get(idx)
        if st is None:
            st = per_sentence[idx] = [bisect.bisect_left(starts, sent.start), bisect.bisect_left(starts, sent.end),
                                      None, None]
        side = None
        if st[0] < st[1] and loc.country:
            if st[2] is None:
                st[2] = _refers_back(low, sent.start, sent.end)
            if not st[2]:   # a sentence that names this event's day is about it
                at = sent.text.find(c.text) if c.text else -1
                pos = sent.start + at if at >= 0 else sent.end
                # places near the figure; the nearest decides: before it first (nearest
                # first), then after it
                a = max(st[0], bisect.bisect_left(starts, pos - PLACE_BEFORE))
                b = min(st[1], bisect.bisect_left(starts, pos + PLACE_AFTER))
                ms = cast(list, mentions[a:b])
                if ms and event is None:
                    event = _Event(loc, gaz)
                for s, e, entries, _ in [m for m in reversed(ms) if m[0] < pos] + [m for m in ms if m[0] >= pos]:
                    side = event.side(doc, s, e, entries)  # type: ignore[union-attr]
                    if side is not None:
                        break
        if side == "this":
            kept.add((c.type, c.value))
            continue
        if side is None:
            if st[3] is None:
                p0 = _paragraph_start(doc, idx)
                hit = any(k in past for k in range(p0, idx)) or any(
                    k in months and past_month(low, sents[k].start, sents[k].end, year, month)
                    for k in range(p0, idx + 1))
                if not hit:
                    if sections is None:
                        sections = _Sections(doc, figures[todo[-1]].sentence)
                    hit = sections.background(idx)
                st[3] = hit
            if not st[3]:
                kept.add((c.type, c.value))
                continue
            if st[2] is None:
                st[2] = _refers_back(low, sent.start, sent.end)
            if st[2]:
                kept.add((c.type, c.value))
                continue
        out[i] = f._replace(casualty=Casualty(type=c.type, value=c.value, qualifier=c.qualifier,
                                              approximate=c.approximate, text=c.text, this_event=False,
                                              perpetrators=c.perpetrators))
    return out
