"""Armed groups: find catalogue aliases in one Aho-Corasick pass, then decide for
each group whether the article names it as the perpetrator or only mentions it.

* Aliases with an all-capitals token ("ISIL", "IS group", "M23", "LeT") match
  case-sensitively; others in any case; all as whole words, longest match first,
  so "ISIS-K" is iskp and never isil, and "IS" alone never matches anything.
* ``context_aliases`` and aliases shared by several groups resolve with the
  article's country against each group's ``countries`` ("al-Shabab" in Cabo
  Delgado is is-mozambique; in Somalia, al-shabaab).
* Roles come from cue phrases around each mention (tables below): claims,
  blame, attribution, "fighters of", "-linked", "-affiliated" make a
  perpetrator; "against", "defeat", "counter-", "officials", "government" do
  not. Outside the title and lead only strong cues (claims, blame, attribution)
  count, and never in sentences about another time or event. "No group claimed
  responsibility" names no perpetrator. An affiliate's parent named in the same
  article is a perpetrator too ("ISIL's Afghan branch").
"""
from __future__ import annotations

import bisect
import re
import weakref
from dataclasses import dataclass

import ahocorasick

from ..groups import GroupCatalog
from ..models import GroupMention
from ._text import Doc, fold, lower_same_length

def _case_sensitive(alias: str) -> bool:
    return any(sum(c.isupper() for c in t) >= 2 or (t[:1].isupper() and any(c.isdigit() for c in t))
               for t in re.split(r"[\s\-/()]+", alias) if t)


@dataclass(frozen=True, slots=True)
class _Entry:
    gid: str
    alias: str          # folded alias as written
    case_sensitive: bool
    contextual: bool


class GroupMatcher:
    """The catalogue's aliases in one automaton over the lower-cased text.

    ``extra`` words (casualty cues, other-event anchors, past-event names: see
    ``_casualties.scan_words``) ride in the same automaton, so one pass over the text
    serves both groups and casualties."""

    def __init__(self, catalog: GroupCatalog, extra: tuple[tuple[str, str], ...] = ()):
        self.catalog = catalog
        self.automaton = ahocorasick.Automaton()
        table: dict[str, list[_Entry]] = {}
        for gid, g in catalog.groups.items():
            for aliases, ctx in ((g.aliases + (g.name,), False), (g.context_aliases, True)):
                for a in aliases:
                    fa = fold(a.strip())
                    if fa == "IS" or len(fa) < 2:
                        continue
                    key = lower_same_length(fa)
                    entry = _Entry(gid, fa, _case_sensitive(fa), ctx)
                    lst = table.setdefault(key, [])
                    if not any(e.gid == gid and e.case_sensitive == entry.case_sensitive for e in lst):
                        lst.append(entry)
        for key, entries in table.items():
            simple = entries[0].gid if len(entries) == 1 and not entries[0].case_sensitive \
                and not entries[0].contextual else None
            self.automaton.add_word(key, (len(key), tuple(entries), simple))
        for word, category in extra:
            if word not in table:
                self.automaton.add_word(word, (len(word), None, category))
        if table or extra:
            self.automaton.make_automaton()
        self.empty = not table and not extra

    def scan(self, doc: Doc) -> tuple[list, list[tuple[int, int, str]]]:
        """One pass: (group alias hits, other hits as (end, length, category))."""
        if self.empty:
            return [], []
        low = doc.low
        n = len(low)
        groups, other = [], []
        for end, value in self.automaton.iter_long(low):
            length, entries, simple = value
            if entries is None:
                other.append((end, length, simple))
                continue
            start = end - length + 1
            if start > 0 and (low[start - 1].isalnum() or low[start - 1] == "_"):
                continue
            if end + 1 < n and (low[end + 1].isalnum() or low[end + 1] == "_"):
                continue
            groups.append((start, end + 1, entries, simple))
        return groups, other

    def resolve(self, doc: Doc, hits: list, country: str | None) -> list[tuple[int, int, str]]:
        """(start, end, group id) for each alias hit, by case and country context."""
        text = doc.text
        out = []
        for start, end, entries, simple in hits:
            if simple:   # one group, any case, no context needed
                out.append((start, end, simple))
                continue
            surface = text[start:end]
            ok = [e for e in entries if not e.case_sensitive or surface == e.alias]
            if ok:
                gid = self._resolve(ok, country)
                if gid:
                    out.append((start, end, gid))
        return out

    def _resolve(self, entries: list[_Entry], country: str | None) -> str | None:
        groups = self.catalog.groups
        usable = [e for e in entries if not e.contextual or (country and country in groups[e.gid].countries)]
        if not usable:
            return None
        if len(usable) > 1 and country:
            local = [e for e in usable if country in groups[e.gid].countries]
            if local:
                # a group named by a context alias for this very country wins ("al-Shabab" in MZ)
                local.sort(key=lambda e: not e.contextual)
                return local[0].gid
        usable.sort(key=lambda e: e.contextual)
        return usable[0].gid


_MATCHERS: dict[int, tuple[weakref.ref, GroupMatcher]] = {}


def matcher_for(catalog: GroupCatalog, extra: tuple[tuple[str, str], ...] = ()) -> GroupMatcher:
    """One matcher per catalogue object, built once (the catalogue is immutable).

    GroupCatalog holds a dict, so it is not hashable and functools.lru_cache cannot key
    on it: the cache is keyed on the object's id and checked through a weak reference."""
    hit = _MATCHERS.get(id(catalog))
    if hit is not None and hit[0]() is catalog and (hit[1].extra is extra or hit[1].extra == extra):
        return hit[1]
    m = GroupMatcher(catalog, extra)
    m.extra = extra
    for key in [k for k, (ref, _) in _MATCHERS.items() if ref() is None]:
        del _MATCHERS[key]   # catalogues replaced by a rules reload
    _MATCHERS[id(catalog)] = (weakref.ref(catalog), m)
    return m


# --- role cues ------------------------------------------------------------------------
_W = r"(?:[\w'\-]+\s+){0,%d}"
# Strong cues: claims, blame, attribution. They count anywhere in the article.
_STRONG_BEFORE = re.compile(
    r"(?:attribut\w*|blam\w*|accus\w*|claimed by|carried out by|committed by|perpetrated by|"
    r"responsibility (?:was |has been )?claimed by|suspected|alleged|behind the attack\w*,?)\s+"
    r"(?:[\w'\-(),.]+\s+){0,14}$"
)
_STRONG_AFTER = re.compile(
    r"^[\w'\-]*\s*(?:\)\s*)?(?:[\w'\-()]+\s+){0,9}?(?:(?:has |have |had |later |also |reportedly |allegedly |officially |quickly )*"
    r"(?:claimed|claims|claiming|took responsibility|was responsible|were responsible|is responsible|are responsible|"
    r"said it was responsible|said they were responsible|(?:has |have )?said\b.{0,60}?(?:was|were) responsible|is behind|was behind|were behind|are behind|"
    r"is blamed|was blamed|were blamed|has been blamed|is suspected|are suspected|was suspected|were suspected|"
    r"is accused|was accused|were accused))"
)
# Weak cues: count in the title and lead only.
_WEAK_BEFORE = re.compile(
    r"(?:fighters of|members of|militants of|militants from|fighters from|linked to|affiliated (?:with|to)|"
    r"loyal to|ties to|links to|allied (?:with|to)|attacks? by|assault by|raid by|ambush by|killed by|"
    r"by (?:suspected |alleged )?|gunmen from|rebels of|insurgents of|cell of|branch of|affiliate of|wing of|"
    r"faction of|unit of|chapter of)\s+(?:the\s+|a\s+|an\s+)?(?:suspected\s+|alleged\s+)?" + (_W % 2) + r"$"
)
_WEAK_AFTER = re.compile(
    r"^(?:[\s'\-]*(?:\(\s*[^)]{0,20}\)\s*)?)(?:'s\s+)?(?:[\w\-]+\s+){0,2}?"
    r"(?:-?linked|-?affiliated|-?allied|-?aligned|-?inspired|-?backed|fighters?|militants?|gunmen|gunman|rebels?|insurgents?|"
    r"jihadists?|assailants?|attackers?|suspects?|members?|operatives?|affiliates?|branch|cells?|"
    r"attacked|attacks|attack(?:ed|ing)?\b|killed|kill(?:s|ing)?\b|stormed|ambushed|raided|abducted|kidnapped|"
    r"targeting|targeted|targets|bombed|launched|carried out|fired|detonated|seized|overran|massacred|"
    r"beheaded|executed|shot|struck|claimed|bombers?|suicide)"
)
_NEGATIVE_BEFORE = re.compile(
    r"(?:against|defeat|defeated|defeating|fight|fighting|fought|combat|combating|counter|war on|war with|"
    r"clash\w* with|battl\w*|versus|vs|rival|rivals|from the|ousted|oppos\w*|victims? of|targeting|target|"
    r"attacked|attacking|killed|killing|captured|raided|defectors? from|"
    r"ruled by|rule of|under the|talks with|negotiat\w* with|deal with|envoy to|recogni\w*)"
    r"\s+(?:the\s+|a\s+|an\s+)?(?:[\w'\-]+\s+){0,2}$"
)
_NEGATIVE_AFTER = re.compile(
    r"^(?:[\s'\-]*(?:\(\s*[^)]{0,20}\)\s*)?)(?:'s\s+)?(?:-led|-run|-controlled|-ruled|-held)?\s*"
    r"(?:officials?|government|authorities|administration|spokes\w*|ministers?|ministry|regime|police|"
    r"security forces|leaders?hip|checkpoint|outpost|position|positions|commander|rule|takeover|envoy|"
    r"delegation|era|-led|-run|-controlled|-ruled|-held|-appointed|interior|defence|defense|intelligence|"
    r"authority|governor|deputy|prisoners?|detainees?|victims?)"
)
# "ISIL-linked groups", "ADF-affiliated fighters": the group is the actor's affiliation
# even when the actor is the object of "fighting" or "battling".
_LINKED_AFTER = re.compile(r"^(?:\s*\([^)]{0,20}\))?-(?:linked|affiliated|allied|aligned|backed|inspired|loyal)\b")
_NO_CLAIM = re.compile(r"\bno (?:group|one|organi[sz]ation|party)(?: has| had)? (?:yet |immediately )?(?:claimed|taken|took)\b"
                       r"|\bnobody (?:has |had )?(?:yet |immediately )?claimed\b")
_HOWEVER = re.compile(r"\bhowever\b|\bbut\b|;")
_CONTEXT_CHARS = 80
# Substrings every match of a pattern contains: a regex search that tries each start of an
# 80-character context costs far more than these "in" tests, and most contexts have none.
_NEGATIVE_KEYS = ("against", "defeat", "fight", "fought", "combat", "counter", "war ", "clash", "battl",
                  "versus", "vs", "rival", "from the", "ousted", "oppos", "victim", "target", "attack", "kill",
                  "captur", "raided", "defector", "ruled by", "rule of", "under the", "talks with", "negotiat",
                  "deal with", "envoy to", "recogni")
_STRONG_BEFORE_KEYS = ("attribut", "blam", "accus", "claimed by", "carried out by", "committed by",
                       "perpetrated by", "suspected", "alleged", "behind the attack")
_STRONG_AFTER_KEYS = ("claim", "took responsibility", "responsible", "behind", "blamed", "suspected", "accused")


def _any(text: str, keys: tuple[str, ...]) -> bool:
    for k in keys:
        if k in text:
            return True
    return False


def roles(doc: Doc, mentions: list[tuple[int, int, str]], other_event_sentences: set[int],
          catalog: GroupCatalog) -> tuple[tuple[GroupMention, ...], list[str]]:
    """Turn mentions into GroupMentions with roles (perpetrators first)."""
    if not mentions:
        return (), []
    low = doc.low
    sents = doc.sentences
    ends = [x.end for x in sents] if len(mentions) > 4 else None
    evidence: list[str] = []
    perp: dict[str, str] = {}
    seen: dict[str, str] = {}
    si = 0
    nsent = len(sents)
    for s, e, gid in mentions:
        if si + 1 < nsent and sents[si].end < s:
            # mentions come in text order: the first sentence from si on ending at or after s
            if ends is not None:
                si = min(nsent - 1, bisect.bisect_left(ends, s, si))
            else:
                while si + 1 < nsent and sents[si].end < s:
                    si += 1
        surface = doc.raw[s:e]
        seen.setdefault(gid, surface)
        if gid in perp:
            continue   # already attributed; later mentions add nothing
        sent = sents[si] if sents else None
        s0 = sent.start if sent and sent.start <= s else max(0, s - _CONTEXT_CHARS)
        e0 = sent.end if sent and sent.end >= e else min(len(low), e + _CONTEXT_CHARS)
        before = low[max(s0, s - _CONTEXT_CHARS):s]
        after = low[e:min(e0, e + _CONTEXT_CHARS)]
        in_lead = sent is not None and sent.in_lead
        other = sent is not None and sent.index in other_event_sentences
        nc = _NO_CLAIM.search(low, s0, s) if (low.find("no ", s0, s) != -1 or low.find("nobody", s0, s) != -1) else None
        if nc:
            h = _HOWEVER.search(low, nc.end(), s + 1)
            if h is None:
                continue  # "No group claimed responsibility ... X" before any "however"
        linked = bool(_LINKED_AFTER.match(after))
        if not linked and (_NEGATIVE_AFTER.match(after) or (_any(before, _NEGATIVE_KEYS) and _NEGATIVE_BEFORE.search(before))):
            continue
        if other and not in_lead:
            continue   # a sentence about another time or event
        strong = bool((_any(before, _STRONG_BEFORE_KEYS) and _STRONG_BEFORE.search(before))
                      or (_any(after, _STRONG_AFTER_KEYS) and _STRONG_AFTER.match(after)))
        weak = linked or (in_lead and bool(_WEAK_BEFORE.search(before) or _WEAK_AFTER.match(after)))
        if s < doc.title_end:
            weak = True  # the title names the actor unless a negative cue says otherwise
        if (strong and (not other or in_lead)) or (weak and in_lead and not other):
            if gid not in perp:
                perp[gid] = surface
                evidence.append(doc.raw[max(s0, s - 40):min(e0, e + 40)].strip())
    # An affiliate's parent named in the article shares the attribution.
    for gid in list(perp):
        for anc in catalog.ancestors(gid):
            if anc in seen and anc not in perp:
                perp[anc] = seen[anc]
    out = [GroupMention(gid, catalog.name(gid), "perpetrator", perp[gid]) for gid in perp]
    out += [GroupMention(gid, catalog.name(gid), "mentioned", seen[gid]) for gid in seen if gid not in perp]
    return tuple(out), evidence
