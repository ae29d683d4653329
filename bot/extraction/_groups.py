"""Armed groups: find catalogue aliases in one Aho-Corasick pass, then decide for
each group whether the article names it as the perpetrator, the target, or only
mentions it (who did what to whom).

* Aliases with an all-capitals token ("ISIL", "IS group", "M23", "LeT") match
  case-sensitively; others in any case; all as whole words, longest match first,
  so "ISIS-K" is iskp and never isil. When the longest alias runs into a longer
  word ("CODECO militia" in "CODECO militiamen") the longest shorter alias at the
  same start is taken. "IS" alone names the Islamic State only in militant
  contexts (``_bare_is``).
* ``context_aliases`` and aliases shared by several groups resolve with the
  article's country against each group's ``countries`` ("al-Shabab" in Cabo
  Delgado is is-mozambique; in Somalia, al-shabaab).
* Roles come from token tables and cue patterns around each mention, in this order:
  "no group claimed" before it in the sentence: mentioned; the agent of a violent
  passive ("shot dead by X") or the owner of an attack ("an X attack"): perpetrator;
  the object of violence ("kill 30 X fighters", "strikes on X positions") or its
  passive subject ("X fighters were killed"): target, unless an attribution says
  otherwise ("blamed the attack on X"); "against", "defeat", "officials",
  "government": mentioned; claims, blame, attribution anywhere, and in the title and
  lead "fighters of", "-linked", "X militants attacked", "clashes with X":
  perpetrator. Outside the title and lead only strong cues (claims, blame,
  attribution) count, and never in sentences about another time or event. An
  affiliate's parent named in the same article is a perpetrator too.
* Linear time: every pattern runs on RE2 (bot/safe_re.py) over a bounded window,
  "no group claimed" statements are found in one pass, and each group's mentions
  are read at most ``_MAX_MENTIONS_READ`` times.
"""
from __future__ import annotations

from typing import Final

import bisect
import weakref
from dataclasses import dataclass


from .. import safe_re
from bot.catalog.groups import GroupCatalog
from ..models import GroupMention
from ._automaton import Automaton
from ._numbers import NUMBER_START
from ._text import Doc, Sentence, fold, lower_same_length

def _case_sensitive(alias: str) -> bool:
    """An all-capitals token ("ISIL", "IS group", "LeT") or a capital with digits ("M23")."""
    tokens = alias.translate(_SEPARATORS).split()
    return any(sum(c.isupper() for c in t) >= 2 or (t[:1].isupper() and any(c.isdigit() for c in t))
               for t in tokens)


_SEPARATORS: Final = str.maketrans({"-": " ", "/": " ", "(": " ", ")": " "})


def _same_case(surface: str, alias: str) -> bool:
    """Only the capitals tokens of a case-sensitive alias must match exactly: "ADF Rebels" in a
    Title Case headline is the alias "ADF rebels" (headline case never changes the reading)."""
    if len(surface) != len(alias):
        return False
    for a, b in zip(surface.translate(_SEPARATORS).split(), alias.translate(_SEPARATORS).split()):
        if a != b and (a.lower() != b.lower() or _case_sensitive(b)):
            return False
    return True


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

    extra: tuple[tuple[str, str], ...]   # set by matcher_for

    def __init__(self, catalog: GroupCatalog, extra: tuple[tuple[str, str], ...] = ()):
        self.catalog = catalog
        self.automaton = Automaton(dfa=True)   # a few thousand keys: a DFA (see _automaton)
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
        # "IS" alone is an English word; it names the Islamic State only in the contexts
        # _bare_is accepts. The parent group, or its affiliate for the article's country.
        isil = "isil" if "isil" in catalog.groups else None
        self.is_entries: tuple[_Entry, ...] = ()
        if isil:
            kids = [g for g in catalog.groups if g != isil and isil in catalog.ancestors(g)]
            self.is_entries = (_Entry(isil, "IS", True, False),) + tuple(_Entry(g, "IS", True, True) for g in kids)

    def scan(self, doc: Doc) -> tuple[list, list[tuple[int, int, str]]]:
        """One pass: (group alias hits, other hits as (end, length, category))."""
        if self.empty:
            return [], []
        low = doc.low
        n = len(low)
        groups, other = [], []
        end: int   # (typed: native ints when compiled)
        length: int
        for end, value in self.automaton.iter_long(low):
            length, entries, simple = value
            if entries is None:
                other.append((end, length, simple))
                continue
            start = end - length + 1
            if start > 0 and (low[start - 1].isalnum() or low[start - 1] == "_"):
                continue
            if end + 1 < n and (low[end + 1].isalnum() or low[end + 1] == "_"):
                # "CODECO militiamen": the alias "CODECO militia" is not a whole word here,
                # a shorter alias at the same start may be ("CODECO")
                hit = self._shorter(low, start, end)
                if hit is not None:
                    groups.append(hit)
                continue
            groups.append((start, end + 1, entries, simple))
        if self.is_entries and "IS" in doc.text:
            extra = _bare_is(doc.text, self.is_entries)
            if extra:
                groups = sorted(groups + extra, key=lambda h: h[0])
        return groups, other

    def _shorter(self, low: str, start: int, end: int):
        """The longest alias that starts at ``start``, ends before ``end`` at a word end."""
        k = end
        while k > start:
            k -= 1
            if not (low[k].isalnum() or low[k] == "_") and (low[k - 1].isalnum() or low[k - 1] in ".)"):
                value = self.automaton.get(low[start:k], None)
                if value is not None and value[1] is not None:
                    return (start, k, value[1], value[2])
        return None

    def resolve(self, doc: Doc, hits: list, country: str | None) -> list[tuple[int, int, str]]:
        """(start, end, group id) for each alias hit, by case and country context."""
        text = doc.text
        out = []
        for start, end, entries, simple in hits:
            if simple:   # one group, any case, no context needed
                out.append((start, end, simple))
                continue
            surface = text[start:end]
            ok = [e for e in entries if not e.case_sensitive or surface == e.alias or _same_case(surface, e.alias)]
            if not ok and end <= doc.title_end and _titled_acronym(text, start, end, doc.title_end):
                ok = [e for e in entries if e.alias.isupper() and e.alias.isalpha()]
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


# The group's own people after an acronym written as a word in a Title Case title ("Taliban Say 12 Iskp
# Fighters Killed"): there it is the acronym ("ISKP"); with no such noun it may be a name ("Isis Hospital")
_TITLED_NEXT: Final = frozenset("""
fighters fighter militants militant members member commanders commander insurgents rebels gunmen gunman cell cells
jihadists operatives terrorists terrorist suicide bombers bomber emir remnants loyalists
""".split())


def _titled_acronym(text: str, start: int, end: int, title_end: int) -> bool:
    """Is ``text[start:end]`` one word of four letters or more, a capital then small letters, followed by one of
    the group's people (``_TITLED_NEXT``), in a title of four words or more, three in four of them capitalised?"""
    surface = text[start:end]
    if len(surface) < 4 or not surface.isalpha() or not surface[0].isupper() or not surface[1:].islower():
        return False
    if _word_at(text, end, 1).lower() not in _TITLED_NEXT:
        return False
    words = [w for w in text[:title_end].split()[:40] if w[:1].isalpha()]
    return len(words) >= 4 and sum(1 for w in words if w[:1].isupper()) >= 0.75 * len(words)


# "IS" names the Islamic State when a militant noun or a violent verb follows it ("IS snipers",
# "IS attacked", "IS-planted"), or "by", "to", "of" ... precede it ("belong to IS"), and the words
# around it are not in capitals (an all-capitals headline: "WHAT IS KILLING THE REEFS").
_IS_NEXT: Final = frozenset("""
fighters fighter militants militant gunmen gunman snipers sniper cell cells members member jihadists attack attacks
attacked claimed claims killed kidnapped abducted stormed ambushed executed beheaded fired shelled launched planted
targeted remnants elements insurgents suicide bomber bombers linked affiliated loyalists emir commander commanders
leader leaders militia operatives positions hideouts hideout group-linked detonated seized laid claimed
sleeper terrorists terrorist extremists squad
""".split())
_IS_PREV: Final = frozenset("by to of from suspected against alleged".split())
# In capitals ("IS" is every "is" there), only words that are a group's own: "SUSPECTED IS CELL", "IS REMNANTS"
_IS_CAPS_NEXT: Final = frozenset("""
fighters militants jihadists cell cells remnants elements loyalists operatives affiliate affiliates affiliated
linked militia sleeper emir insurgents terrorists extremists
""".split())
_IS_CAPS_PREV: Final = frozenset(("suspected", "alleged"))
# "why IS attacked ...", "it IS claimed": an emphatic verb "is"
_IS_NOT_PREV: Final = frozenset("why what who whom how it this that there which where when he she they one".split())


def _word_at(text: str, i: int, step: int) -> str:
    """The word that starts (step 1) or ends (step -1) at or next to ``i``, skipping spaces and one hyphen."""
    n = len(text)
    while 0 <= i < n and text[i] in " -":
        i += step
    j = i
    while 0 <= j < n and (text[j].isalnum() or text[j] == "'"):
        j += step
    return text[i:j] if step > 0 else text[j + 1:i + 1]


def _bare_is(text: str, entries: tuple[_Entry, ...]) -> list:
    out = []
    n = len(text)
    i = text.find("IS")
    while i != -1:
        e = i + 2
        if (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_-'")) and \
                (e >= n or not (text[e].isalnum() or text[e] in "_'")):
            nxt = _word_at(text, e, 1)
            prev = _word_at(text, i - 1, -1) if i else ""
            caps = (len(nxt) > 1 and nxt.isupper()) or (len(prev) > 1 and prev.isupper())
            pl = prev.lower()
            if not caps and (prev.lower() in _IS_PREV or (nxt.lower() in _IS_NEXT and pl not in _IS_NOT_PREV)):
                out.append((i, e, entries, None))
            elif caps and pl not in _IS_NOT_PREV and (pl in _IS_CAPS_PREV or nxt.lower() in _IS_CAPS_NEXT):
                out.append((i, e, entries, None))   # "IS REMNANTS ATTACK CHECKPOINT": only a group's own nouns
        i = text.find("IS", e)
    return out


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
# Every pattern below runs on feed text, so it is compiled for RE2 (linear time) and only
# ever sees a bounded window (_CONTEXT_CHARS) around one mention. Words are [\pL\pN_'-].
_WD: Final = r"[\pL\pN_'\-]"
_W: Final = r"(?:" + _WD + r"+\s+){0,%d}"
# Strong cues: claims, blame, attribution. They count anywhere in the article.
_STRONG_BEFORE: Final = safe_re.compile(
    r"(?:attribut" + _WD + r"*|blam" + _WD + r"*|accus" + _WD + r"*|claimed by|carried out by|committed by|"
    r"perpetrated by|responsibility (?:was |has been )?claimed by|suspected|alleged|behind the attack"
    + _WD + r"*,?)\s+(?:[\pL\pN_'\-(),.]+\s+){0,14}$", owner="extract/_groups")


def _ascii_twin(pattern: safe_re.Pattern) -> safe_re.Pattern:
    r"""The same pattern for ASCII text, where [\pL\pN] is [A-Za-z0-9]. Its program is a small
    fraction of the Unicode one's: RE2 compiles a ``$``-anchored pattern's reverse program on its
    first search (18-50 ms for these, once per process) and each search walks a smaller DFA."""
    source = pattern.pattern.replace(r"\pL\pN", "A-Za-z0-9")
    assert "\\p" not in source, source
    return safe_re.compile(source, owner="extract/_groups")


_STRONG_BEFORE_ASCII: Final = _ascii_twin(_STRONG_BEFORE)   # (see _strong_before)
_STRONG_AFTER: Final = safe_re.compile(
    r"^" + _WD + r"*\s*(?:\)\s*)?(?:[\pL\pN_'\-()]+\s+){0,9}?(?:(?:has |have |had |later |also |reportedly |"
    r"allegedly |officially |quickly )*(?:claimed|claims|claiming|took responsibility|was responsible|"
    r"were responsible|is responsible|are responsible|said it was responsible|said they were responsible|"
    r"(?:has |have )?said .{0,60}?(?:was|were) responsible|is behind|was behind|were behind|are behind|"
    # "... said in a statement that its fighters carried out the attack": its own men's act
    r"(?:has |have )?said .{0,60}?(?:its|their) (?:own )?(?:fighters|members|militants|men|cadres|operatives|"
    r"commandos|unit|units|suicide bombers?|gunmen) (?:had |have |has )?carried out|"
    r"is blamed|was blamed|were blamed|has been blamed|is suspected|are suspected|was suspected|"
    r"were suspected|is accused|was accused|were accused))", owner="extract/_groups")
# Weak cues: count in the title and lead only.
_WEAK_BEFORE: Final = safe_re.compile(
    r"(?:fighters of|members of|militants of|militants from|fighters from|linked to|affiliated (?:with|to)|"
    r"loyal to|ties to|links to|allied (?:with|to)|attacks? by|assault by|raid by|ambush by|killed by|"
    r"by (?:suspected |alleged )?|gunmen from|rebels of|insurgents of|cell of|branch of|affiliate of|wing of|"
    r"faction of|unit of|chapter of|belongs? to|believed to be|at the hands of|victims? of|"
    r"attacks? of|raids? of|incursions? of|offensive of|"
    r"clash(?:es|ed)? with|fighting with|fought with|exchange of fire with|exchanged fire with|firefights? with|"
    r"gunfights? with|gun ?battles? with|battles? with|battled|"
    # both parties of "clashes between the army and the RSF"
    r"(?:clash(?:es|ed)?|fighting|battles?|gunfights?|firefights?) between(?:\s+(?:the\s+)?" + _W % 2 + _WD + r"+\s+and)?)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:suspected\s+|alleged\s+)?" + (_W % 2) + r"$", owner="extract/_groups")
_WEAK_BEFORE_ASCII: Final = _ascii_twin(_WEAK_BEFORE)
# Weak cue after the group (a token table: cheaper than a pattern per mention): within the
# next three words, an actor noun or a violent verb ("al-Shabaab fighters", "Houthis fired").
_WEAK_AFTER_WORDS: Final = frozenset("""
linked affiliated allied aligned inspired backed planted laid fighter fighters raid raids ambush ambushes
incursion incursions offensive assault assaults onslaught militant militants militiaman militiamen gunmen
gunman rebel rebels insurgent insurgents sniper snipers jihadist jihadists assailant assailants attacker
attackers suspect suspects member members operative operatives affiliate affiliates branch cell cells elements
attacked attacks attack attacking killed kill kills killing stormed ambushed raided abducted kidnapped targeting
targeted targets bombed launched fired detonated seized overran massacred beheaded executed shot struck claimed
bomber bombers suicide shelled burned burnt looted assaulted clashed exchanged suspected claims claiming
triggered torched overran besieged
troops combatants cadres guerrillas captured
""".split())
_WEAK_AFTER_PAIRS: Final = frozenset({("carried", "out"), ("opened", "fire"), ("set", "fire"), ("-led", "attack")})
# Negative cue right after the group: its officials, government, positions ... (not its fighters)
_NEG_AFTER_WORDS: Final = frozenset("""
official officials government authorities administration ministers minister ministry regime police leadership
leaderhip checkpoint outpost position positions commander rule takeover envoy delegation era -led -run
-controlled -ruled -held -appointed interior defence defense intelligence authority governor deputy prisoner
prisoners detainee detainees victim victims website media television tv channel radio newspaper outlet
defector defectors survivor survivors returnee returnees
""".split())


def _after_start(after: str, toks: list[str]) -> int:
    """Index of the first word after the group: past a possessive and a short parenthesis."""
    i = 1 if toks and toks[0] in ("s", "'s") and after[:2] == "'s" else 0
    if after.lstrip()[:1] == "(" and i < len(toks):
        i += 1
    return i


# "<group> [fighters] and <the other side> clashed": the first-named side of a clash is one of its actors
_CLASH_VERBS: Final = frozenset("clashed fought battled skirmished exchanged".split())
# "FARC dissidents of the Jaime Martinez front attacked": one of the group's units, then the verb
_UNIT_NOUNS: Final = frozenset("front faction brigade battalion unit wing column bloc block cell company".split())


def _weak_after(after: str, toks: list[str]) -> bool:
    i = _after_start(after, toks)
    if i < len(toks) and toks[i] == "of":
        for k in range(i + 1, min(len(toks), i + 6)):
            if toks[k] in ",;:.!?":
                break
            if toks[k] in _UNIT_NOUNS:
                i = k + 1
                break
    if i + 2 < len(toks) and toks[i] in _SAID_SELF:
        j = i + 2 if toks[i + 1] == "that" else i + 1
        if j + 1 < len(toks) and toks[j] in ("it", "they") and toks[j + 1] in ("had", "has", "have") \
                and toks[j + 2:j + 3] != ["been"]:
            i = j + 2   # "The Arakan Army said it had killed 70 troops": its own act, told by itself
    for k in range(i, min(len(toks), i + 3)):
        t = toks[k]
        if t in ",;:.!?":
            return False
        if t.lstrip("-") in _WEAK_AFTER_WORDS:
            return True
        if k + 1 < len(toks) and (t, toks[k + 1]) in _WEAK_AFTER_PAIRS:
            return True
        if t in _CONDUCTED and _conducted_attack(toks, k + 1):
            return True   # "FAMa and Africa Corps conducted an airstrike on ...": the strike's author
        if t == "and":
            for m in range(k + 1, min(len(toks), k + 8)):
                if toks[m] in ",;:.!?":
                    break
                if toks[m] in _CLASH_VERBS:
                    return True
    return False


# "<group> conducted an airstrike / a raid / a military operation": its own act
_CONDUCTED: Final = frozenset("conducted conducts conduct conducting".split())
_CONDUCTED_SKIP: Final = frozenset("a an the several multiple two three joint military aerial air drone".split())
_CONDUCTED_ACTS: Final = frozenset("airstrike airstrikes strike strikes raid raids attack attacks assault assaults "
                                   "ambush operation operations bombardment bombardments shelling".split())


def _conducted_attack(toks: list[str], k: int) -> bool:
    """Is an act of violence the object of "conducted" at ``toks[k - 1]``?"""
    for m in range(k, min(len(toks), k + 4)):
        if toks[m] in _CONDUCTED_ACTS:
            return True
        if toks[m] not in _CONDUCTED_SKIP:
            return False
    return False


_SAID_SELF: Final = frozenset(("said", "says", "say", "claimed", "claims", "announced", "stated"))


# A group's presence, said beside an attack with no act of its own: "X fighters are active in the area",
# "where X operates"
_PRESENCE: Final = frozenset("active operate operates operating present presence".split())


def _presence_after(toks: list[str], k: int) -> bool:
    """Do the words right after the group (up to a punctuation mark) say only where it is?"""
    for x in range(k, min(len(toks), k + 5)):
        t = toks[x]
        if t in ",;:.!?":
            return False
        if t in _PRESENCE:
            return True
    return False


def _negative_after(after: str, toks: list[str]) -> bool:
    i = _after_start(after, toks)
    if i >= len(toks):
        return False
    t = toks[i]
    if t in _NEG_AFTER_WORDS or t.startswith("spokes"):
        return True
    nxt = toks[i + 1] if i + 1 < len(toks) else ""
    return (t, nxt) in (("security", "forces"), ("news", "agency"))
_NEGATIVE_BEFORE: Final = safe_re.compile(
    r"(?:against|defeat|defeated|defeating|fight|fighting|fought|combat|combating|counter|war on|war with|"
    r"versus|vs|rival|rivals|from the|ousted|oppos" + _WD + r"*|"
    r"defectors? from|"
    r"ruled by|rule of|under the|talks with|negotiat" + _WD + r"* with|deal with|envoy to|recogni" + _WD + r"*|"
    # "Forces retake town from al-Shabaab", "captured the town of Kalay from PDF fighters": the group lost it
    r"(?:retak|retook|recaptur|reclaim|liberat|wrest|captur|seiz)" + _WD + r"*\s+(?:" + _WD + r"+\s+){0,6}from)"
    r"\s+(?:the\s+|a\s+|an\s+)?(?:" + _WD + r"+\s+){0,2}$", owner="extract/_groups")
_NEGATIVE_BEFORE_ASCII: Final = _ascii_twin(_NEGATIVE_BEFORE)
# "ISIL-linked groups", "ADF-affiliated fighters": the group is the actor's affiliation
# even when the actor is the object of "fighting" or "battling".
_LINKED_AFTER: Final = safe_re.compile(
    r"^(?:\s*\([^)]{0,20}\))?-(?:linked|affiliated|allied|aligned|backed|inspired|loyal|planted|laid)(?:[^\pL\pN_]|$)",
    owner="extract/_groups")
_NO_CLAIM: Final = safe_re.compile(
    r"(?:^|[^\pL\pN_])(?:no (?:group|one|organi[sz]ation|party)(?: has| had)? (?:yet |immediately )?"
    r"(?:claimed|taken|took)|nobody (?:has |had )?(?:yet |immediately )?claimed)(?:[^\pL\pN_]|$)",
    owner="extract/_groups")
# every match of _NO_CLAIM holds one of these: a literal scan of a long text, where the Unicode
# pattern's own search is slow (RE2's NFA) and each str "in" test is another pass
_NO_CLAIM_KEYS: Final = safe_re.compile(r"no (?:group|one|organi|party)|nobody ", owner="extract/_groups")
_HOWEVER: Final = safe_re.compile(r"(?:^|[^\pL\pN_])(?:however|but)(?:[^\pL\pN_]|$)|;", owner="extract/_groups")
_CONTEXT_CHARS: Final = 80
_MAX_MENTIONS_READ: Final = 64   # per group: later mentions of an undecided group are only counted
# Substrings every match of a pattern contains: a regex search over an 80-character
# context costs far more than these "in" tests, and most contexts have none.
_NEGATIVE_KEYS: Final = ("against", "defeat", "fight", "fought", "combat", "counter", "war ",
                  "versus", "vs", "rival", "from the", "ousted", "oppos", "defector", "ruled by", "rule of", "under the", "talks with", "negotiat",
                  "deal with", "envoy to", "recogni", "retak", "retook", "recaptur", "reclaim", "liberat", "wrest",
                  "captur", "seiz")
_STRONG_BEFORE_KEYS: Final = ("attribut", "blam", "accus", "claimed by", "carried out by", "committed by",
                       "perpetrated by", "suspected", "alleged", "behind the attack")
_ATTRIBUTION_KEYS: Final = ("attribut", "blam", "accus", "claimed by", "carried out by", "committed by", "perpetrated by")
_STRONG_AFTER_KEYS: Final = ("claim", "took responsibility", "responsible", "behind", "blamed", "suspected", "accused",
                              "carried out")

# --- who did what to whom: token tables ------------------------------------------------
# Violence done BY the group: "<participle> by <group>" ("shot dead by Taliban militants",
# "an IED planted by BLA", "an attack by al-Shabaab").
_AGENT_VERBS: Final = frozenset("""
killed kills shot dead murdered slain assassinated attacked ambushed abducted kidnapped seized captured
taken hostage hit struck targeted stormed raided bombed shelled beheaded executed massacred wounded injured
planted laid carried launched perpetrated committed overrun overran burned burnt torched looted hanged lynched
tortured assaulted fired detonated triggered orchestrated masterminded staged gunned down set claimed harassed
attack attacks raid raids ambush ambushes assault assaults offensive incursion incursions bombing bombings
shelling killing killings massacre abduction abductions kidnapping kidnappings violence atrocities
""".split())
# Violence done TO the group: "<verb> [the/30/suspected ...] <group>" ("forces kill 30
# al-Shabaab fighters", "airstrikes pound Houthi positions", "police arrest ISIS suspects").
_TARGET_VERBS: Final = frozenset("""
kill kills killed killing slay slays slew attack attacks attacked attacking target targets targeted targeting
raid raids raided raiding strike strikes struck striking bomb bombs bombed bombing bombard bombards bombarded
bombarding shell shells shelled shelling pound pounds pounded pounding hit hits capture captures captured
capturing neutralise neutralises neutralised neutralising neutralize neutralizes neutralized neutralizing
eliminate eliminates eliminated eliminating ambush ambushes ambushed ambushing repel repels repelled repelling
repulse repulses repulsed rout routs routed dislodge dislodges dislodged overran overrun execute executes
executed hang hangs hanged behead beheads beheaded destroy destroys destroyed dismantle dismantles dismantled
bust busts busted crush crushes crushed decimate decimated wipe wiped flush flushed
""".split())
# "<noun> on/against <group>": "an offensive against al-Shabaab", "strikes on Houthi targets"
_TARGET_NOUNS: Final = frozenset("""
attack attacks raid raids strike strikes airstrike airstrikes offensive offensives operation operations
assault assaults crackdown bombardment bombing bombings shelling ambush ambushes fire onslaught campaign
""".split())
# words that may stand between a verb and the group ("kill at least 30 suspected ...")
_SKIP: Final = frozenset("""
the a an at least more than over some about around several dozens scores hundreds suspected alleged
pro top senior key local armed heavily notorious wanted fleeing many numerous his her their its two three four
five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty hundred dozen another
other remaining fellow presumed unspecified unknown number
""".split())
_QUANT_OF: Final = frozenset("dozens scores hundreds thousands tens several some many most all one two three four five six "
                      "seven eight nine ten members member number group unit team band handful couple pair dozen "
                      "squad contingent".split())
# an attack noun right after the group makes it the attack's author ("repelled an IS attack",
# "killed in a Boko Haram raid"), whatever was done to the attack
_OWN_ATTACK: Final = frozenset("""
attack attacks raid raids assault assaults offensive incursion incursions ambush ambushes onslaught bombing
bombings shelling counterattack counter-attack
""".split())
# a member noun after the group ("al-Shabaab fighters", "Houthi positions")
_MEMBER: Final = frozenset("""
fighter fighters militant militants militiaman militiamen member members commander commanders leader leaders
chief chiefs operative operatives position positions hideout hideouts base bases camp camps target targets
stronghold strongholds cell cells suspect suspects element elements insurgent insurgents rebel rebels gunman
gunmen jihadist jihadists men emir emirs financier financiers bomb-maker bomb-makers sniper snipers boat boats
vessel vessels vehicle vehicles convoy convoys site sites facility facilities infrastructure training unit units
""".split())
# a group's leaders: "<group> leader in <place> killed", "killed a leader of <group>"
_HEADS: Final = frozenset("""
leader leaders commander commanders chief chiefs emir emirs head deputy founder co-founder spokesman
mastermind financier ideologue
""".split())
_AUX: Final = frozenset("were was have has had been are is being reportedly allegedly also later all".split())
_PASSIVE: Final = frozenset("""
killed slain dead neutralised neutralized eliminated captured surrendered
surrender surrenders wounded injured executed hanged repelled repulsed routed dislodged defeated hit targeted
bombed struck pounded destroyed overrun shelled raided ambushed attacked busted crushed wiped decimated annihilated
""".split())
# words after a bare participle that mark it passive ("al-Shabaab fighters killed in raid")
_AFTER_PASSIVE: Final = frozenset("""
in by during as after when on near at while following amid across over since last this overnight
yesterday today early late outside inside
""".split())
# words that end the phrase before a group: a verb before them does not take the group as object
_FUNCTION: Final = frozenset("""
by and or nor but who whom whose that which what as after when while before with from for to in at on near of
during since until till following amid amidst despite because over under through into onto upon across around
between among within without via per than then also not no is are was were be been being had has have do does did
it its they them their he him his she her we us our you your i me my this these those there here where said says
say told according if so such very
""".split())
_EDGE: Final = ".,;:!?\"()[]"


# A group that only speaks ("Hamas says three Islamic Jihad members killed in Israeli strike") is no actor, unless it
# speaks of its own act ("Al-Shabaab says it killed 20 soldiers", "... claims ...": ``_STRONG_AFTER``)
_SPEAK_VERBS: Final = frozenset("say says said announce announces announced report reports reported confirm confirms "
                                "confirmed".split())
_SELF: Final = frozenset("it its they their them we our he his she her itself themselves".split())   # (not "us": the US)


_AGENT_NOUNS: Final = frozenset("strike strikes airstrike airstrikes attack attacks shelling bombardment raid raids "
                                "missile missiles drone drones fire forces troops".split())
_AGENT_FUNCTION: Final = frozenset("in on at a an the of by after during for from into near with".split())


def _other_agent(rtoks: list[str], k: int) -> bool:
    """In the clause after a group's speech verb (at ``k`` of the window's words ``rtoks``, in their case): is the
    act another's ("... killed in Israeli strike", "US strikes killed 5", "killed by ...")?"""
    for x in range(k + 1, len(rtoks)):
        w = rtoks[x].lower()
        if w in (",", ";", ":", ".", "!", "?"):
            return False
        if w == "by":
            return x + 1 < len(rtoks) and rtoks[x + 1].lower() not in _SELF   # (not "killed by its fighters")
        if w in _AGENT_NOUNS and x - 1 > k:
            y = x - 2 if rtoks[x - 1].lower() in ("air", "drone", "missile", "artillery") and x - 2 > k else x - 1
            if rtoks[y][:1].isupper() and rtoks[y].lower() not in _AGENT_FUNCTION and _agentive(rtoks[y]):
                return True
    return False


def _agentive(word: str) -> bool:
    """Can a capitalised word before "strike", "raid" ... name who struck: a demonym ("Israeli", "Russian",
    "Turkish", "Sudanese", "French"), an initialism ("US", "IDF") or a "-led"/"-backed" side, not a place the
    strike hit ("killed in Khyber raid")?"""
    low = word.lower()
    return (word.isupper() and 2 <= len(word) <= 4) or low.endswith(_DEMONYM_ENDS)


_DEMONYM_ENDS: Final = ("i", "an", "ese", "ish", "ch", "ic", "-led", "-backed")


def _tokens(window: str) -> list[str]:
    """Words of a context window, punctuation that closes a clause kept as its own token."""
    out: list[str] = []
    for raw in window.split():
        if raw.isalnum():
            out.append(raw)   # most words: nothing to strip
            continue
        w = raw.strip("\"'()[]")
        if not w:
            continue
        end = w[-1]
        core = w.rstrip(_EDGE)
        if core:
            out.append(core)
        if end in ",;:.!?" and not (end == "," and core.isdigit()):
            out.append(end)
    return out


# "Houthi drones", "RSF shells": the group's own weapons (unless the group is the target, tested before)
_OWN_WEAPONS: Final = frozenset("drone drones missile missiles rocket rockets shells mortars gunmen".split())
_BELIEVED: Final = frozenset("believed suspected thought said".split())
_BELIEVED_SKIP: Final = frozenset("the from of members member a an fighters".split())


def _believed_before(toks: list[str]) -> bool:
    """"Armed men believed to be from the <group>", "gunmen suspected to be <group> members"."""
    i = len(toks)
    while i > 0 and toks[i - 1] in _BELIEVED_SKIP and len(toks) - i < 4:
        i -= 1
    return i >= 3 and toks[i - 2:i] == ["to", "be"] and toks[i - 3] in _BELIEVED


def _agent_before(toks: list[str]) -> bool:
    """"... shot dead by [the suspected] <group>": the group did it."""
    i = len(toks) - 1
    skipped = 0
    while i >= 0 and toks[i] != "by":
        if toks[i] in _SKIP or (skipped < 2 and toks[i].isalpha()):
            skipped += toks[i] not in _SKIP
            i -= 1
            continue
        return False
    if i < 0:
        return False
    if toks[i - 1:i] == ["hands"] or toks[i - 3:i] == ["at", "the", "hands"]:
        return True
    for k in range(i - 1, max(-1, i - 5), -1):   # a violent word within four words before "by"
        if toks[k] in ",;:.!?":
            return False
        if toks[k] in _AGENT_VERBS:
            return True
    return False


# a member of the group arrested ("Troops capture Boko Haram commander"): the group stands as the suspect
_HELD_MEMBERS: Final = frozenset("commander commanders leader leaders chief kingpin member members militant militants "
                          "operative operatives financier financiers cadre cadres".split())
_HELD_VERBS: Final = frozenset("arrest arrests arrested capture captures captured detain detains detained nab nabs nabbed "
                        "apprehend apprehends apprehended".split())


def _held_before(toks: list[str]) -> bool:
    """Is the verb right before the group (past "a", "top", "suspected" ...) an arrest verb?"""
    i = len(toks) - 1
    while i >= 0 and len(toks) - i <= 4 and toks[i] in _SKIP:
        i -= 1
    return i >= 0 and toks[i] in _HELD_VERBS


_CARRYING: Final = frozenset({"carrying", "transporting", "ferrying"})
_VEHICLES: Final = frozenset("vehicle vehicles car cars truck trucks pickup pickups van vans convoy boat boats motorcycle "
                             "motorcycles motorbike bus buses jeep jeeps suv".split())


def _target_before(toks: list[str]) -> bool:
    """"forces kill 30 al-Shabaab fighters", "an offensive against al-Shabaab": done to the group."""
    i = len(toks) - 1
    free = 0
    while i >= 0:
        t = toks[i]
        if t in _SKIP or t[:1].isdigit() or (t == "of" and i > 0 and toks[i - 1] in _QUANT_OF):
            i -= 1
            continue
        if t == "of" and i > 0 and toks[i - 1] in _HEADS:
            i -= 2   # "killed a senior leader of the group": its leader was the target
            continue
        if t in _TARGET_VERBS:
            return True
        if t in _CARRYING and i > 0 and toks[i - 1] in _VEHICLES:
            return True   # "struck a vehicle carrying PKK members": the people carried are the target
        if t in ("on", "against", "targeting") and i > 0:
            return toks[i - 1] in _TARGET_NOUNS or toks[i - 1] in _TARGET_VERBS or t == "targeting"
        if free == 0 and (t.isalpha() or t.strip("'\u2018\u2019\"").replace("-", "").isalpha()) \
                and t not in _FUNCTION:
            free += 1   # one free word: "kill 30 fleeing al-Shabaab ...", "killed 'high-ranking' Daesh leader"
            i -= 1
            continue
        return False
    return False


def _target_after(toks: list[str]) -> bool:
    """"<group> fighters were killed", "30 <group> militants killed in an airstrike"."""
    i = 0
    n = len(toks)
    if i < n and toks[i] in ("'s", "s"):
        i += 1   # "al-Shabaab's commander"
    for _ in range(3):   # "fighters", "/ESN sub-commanders", "senior commander"
        if i < n and (toks[i] in _MEMBER or toks[i].rsplit("-", 1)[-1] in _MEMBER):
            i += 1
            if i + 1 < n and toks[i] in ("in", "from") and toks[i - 1] in _HEADS:
                # "IS leader in Somalia killed in US strike": the leader's place, then the verb
                k = i + 1
                while k < n and k <= i + 3 and toks[k].isalpha() and toks[k] not in _FUNCTION \
                        and toks[k] not in _PASSIVE and toks[k] not in _AUX:
                    k += 1
                if k > i + 1 and k < n and toks[k] in _PASSIVE:
                    i = k
            break
        if i < n and toks[i] == "lost":
            break
        if i < n and toks[i] not in _FUNCTION and toks[i] not in _PASSIVE and toks[i] not in _AGENT_VERBS \
                and toks[i] not in ",;:.!?":
            i += 1
            continue
        break
    if i + 2 < n and toks[i] == "lost" and toks[i + 1] in ("his", "her", "their") and toks[i + 2] in ("life", "lives"):
        return True   # "a PJAK member lost his life"
    if 0 < i < n and toks[i] in ("dies", "died", "succumbs", "succumbed") and (
            toks[i - 1] in _MEMBER or toks[i - 1].rsplit("-", 1)[-1] in _MEMBER):
        return True   # "Former Hamas leader dies": the group's own member, no act of the group
    if i + 2 < n and (toks[i] == "and" or (toks[i] == "," and toks[i + 2] in _MEMBER)) and i > 0 and \
            (toks[i - 1] in _MEMBER or toks[i - 1].rsplit("-", 1)[-1] in _MEMBER):
        # ("Al-Shabaab commander, 4 fighters killed in US airstrike": its members listed)
        # "Two Hezbollah fighters and a civilian killed in a strike": a listed subject
        for k in range(i + 1, min(n, i + 5)):
            if toks[k] in ",;:.!?":
                break
            if toks[k] in _PASSIVE:
                i = k
                break
    aux = False
    while i < n and toks[i] in _AUX:
        aux = aux or toks[i] not in ("reportedly", "allegedly", "also", "later", "all")
        i += 1
    if i >= n or toks[i] not in _PASSIVE:
        return False
    if toks[i] == "wiped":
        if toks[i + 1:i + 2] != ["out"]:
            return False
        i += 1   # "40% of al-Shabaab unit wiped out in raid": the group is the target
    if aux:
        return True
    nxt = toks[i + 1] if i + 1 < n else "."
    if nxt in ("at", "over", "as") and i + 2 < n and (toks[i + 2] in ("least", "many", "most")
                                                        or toks[i + 2][:1].isdigit() or toks[i + 2] in _SKIP):
        return False   # "killed at least 10", "killed over 20": active, the group did it
    return nxt in _AFTER_PASSIVE or nxt in ",;:.!?"


# state forces counted beside a group's dead in a clash ("17 soldiers and 40 Boko Haram fighters killed in
# clashes"): the armed group is the side that attacks, as ACLED-style labels read it
_FORCE_DEAD: Final = frozenset("soldiers troops policemen police gendarmes officers personnel servicemen "
                               "rangers guards".split())
_CLASH_NOUNS: Final = ("clash", "fighting", "battle", "gunfight", "firefight", "gun battle", "exchange of fire")


def _clash_side(btoks: list[str], after: str) -> bool:
    """Is the group the other side of forces counted killed before it ("17 soldiers and 40 <group> fighters
    killed in clashes"): "<forces> and <number>" right before it, a clash named after it?"""
    n = len(btoks)
    if n < 3:
        return False
    k = n - 1
    if btoks[k] in ("suspected", "alleged"):
        k -= 1
    if k < 2 or not (btoks[k][:1].isdigit() or btoks[k] in NUMBER_START) or btoks[k - 1] != "and":
        return False
    return btoks[k - 2] in _FORCE_DEAD and _any(after, _CLASH_NOUNS)


def _strong_before(before: str) -> bool:
    """``_STRONG_BEFORE.search(before)``, faster. Its Unicode classes make a program (24,000
    instructions) whose unanchored search outgrows RE2's DFA memory, and RE2 falls back to its
    NFA (10-40 us a call, milliseconds on the first calls). ASCII text goes to the same pattern
    with ASCII classes (350 instructions, a DFA: 2-3 us); other text tries the pattern anchored
    at each place a match can start (each occurrence of a key)."""
    if not _any(before, _STRONG_BEFORE_KEYS):
        return False
    if before.isascii():
        return bool(_STRONG_BEFORE_ASCII.search(before))
    for k in _STRONG_BEFORE_KEYS:
        i = before.find(k)
        while i != -1:
            if _STRONG_BEFORE.fullmatch(before, i):
                return True
            i = before.find(k, i + 1)
    return False


def _any(text: str, keys: tuple[str, ...]) -> bool:
    for k in keys:
        if k in text:
            return True
    return False


class _NoClaims:
    """"No group claimed responsibility" statements, found in one linear pass: a mention
    after one in the same sentence names no perpetrator unless "however"/"but" intervenes."""

    def __init__(self, low: str):
        self.ends: list[int] = []
        self.breaks: list[int] = []
        if ("claimed" in low or "taken" in low or "took" in low) and _NO_CLAIM_KEYS.search(low):
            self.ends = [e for _, e in _NO_CLAIM.spans(low)]
            if self.ends:
                self.breaks = [b for b, _ in _HOWEVER.spans(low)]

    def blocks(self, sent_start: int, s: int) -> bool:
        if not self.ends:
            return False
        k = bisect.bisect_right(self.ends, s) - 1
        if k < 0 or self.ends[k] < sent_start:
            return False
        j = bisect.bisect_left(self.breaks, self.ends[k] - 1)
        return not (j < len(self.breaks) and self.breaks[j] <= s)


def _role(doc: Doc, s: int, e: int, sent: Sentence | None, other: bool, noclaims: _NoClaims,
          title_violent: bool = True) -> str | None:
    """'perpetrator', 'target' or None (mentioned) for the mention at [s, e)."""
    low = doc.low
    s0 = sent.start if sent and sent.start <= s else max(0, s - _CONTEXT_CHARS)
    e0 = sent.end if sent and sent.end >= e else min(len(low), e + _CONTEXT_CHARS)
    before = low[max(s0, s - _CONTEXT_CHARS):s]
    after = low[e:min(e0, e + _CONTEXT_CHARS)]
    in_lead = sent is not None and sent.in_lead
    if noclaims.blocks(s0, s):
        return None   # "No group claimed responsibility ... X" before any "however"
    if other and not in_lead:
        return None   # a sentence about another time or event
    # the token tables look a few words either side: 60 characters is enough
    btoks = _tokens(before[-60:])
    atoks = _tokens(after[:60])
    linked = "-" in after[:24] and bool(_LINKED_AFTER.match(after))
    if _business_linked(btoks, atoks, linked):
        return None   # "EU sanctions Wagner-linked firms": the group's businesses, no act of the group
    k = _after_start(after, atoks)
    if k + 1 < len(atoks) and atoks[k] in _SPEAK_VERBS and atoks[k + 1] not in _SELF \
            and _other_agent(_tokens(doc.raw[e:min(e0, e + _CONTEXT_CHARS)][:60]), k):
        return None   # "Hamas says three Islamic Jihad members killed in Israeli strike": it speaks of another's act
    suspects = k < len(atoks) and atoks[k] in ("suspect", "suspects")   # arrested, captured: still suspects
    if not suspects and k < len(atoks) and (atoks[k] in _HELD_MEMBERS or (
            k + 1 < len(atoks) and atoks[k + 1] in _HELD_MEMBERS and atoks[k].isalpha())) and _held_before(btoks):
        return "perpetrator"   # "police capture FARC commander": a member held, read as a suspect (README)
    if in_lead and not linked and (_agent_before(btoks) or _believed_before(btoks)):
        return "perpetrator"
    strong_before = _strong_before(before)
    strong = strong_before or (_any(after, _STRONG_AFTER_KEYS) and bool(_STRONG_AFTER.match(after)))
    if in_lead and not other and atoks and atoks[0] in _OWN_ATTACK:
        return "perpetrator"
    if in_lead and not other and _clash_side(btoks, after):
        return "perpetrator"   # "17 soldiers and 40 Boko Haram fighters killed in clashes": the attacking side
    if not linked and not suspects and (_target_after(atoks) or _target_before(btoks)):
        # "blamed the attack on X", "X claimed the raid on ...": attribution outranks the object
        # reading; "kill 30 suspected X fighters" is no attribution
        if not (strong and (not strong_before or _any(before, _ATTRIBUTION_KEYS))):
            return "target"
    if in_lead and not other and not linked and atoks[:1] and atoks[0] in _OWN_WEAPONS:
        return "perpetrator"   # "Houthi drones struck a ship": their weapons, not a target's
    ascii_before = before.isascii()
    negative_before = _NEGATIVE_BEFORE_ASCII if ascii_before else _NEGATIVE_BEFORE
    if not linked and (_negative_after(after, atoks) or (_any(before, _NEGATIVE_KEYS) and negative_before.search(before)
                                                         and not (btoks[-2:-1] == ["from"] and btoks[-3:-2]
                                                                  and btoks[-3] in _WEAK_AFTER_WORDS))):
        return None   # ("fighters from the RSF attacked" names the actor: not "from the" of a defector)
    if not strong and s >= doc.title_end and _presence_after(atoks, k):
        return None   # "IS Sahel fighters are active in the area": where a group is, not what it did
    if strong and (not other or in_lead):
        return "perpetrator"
    if not in_lead or other:
        return None   # weak cues count in the title and lead only
    # a title about violence names the actor unless a negative cue says otherwise
    weak = linked or (s < doc.title_end and title_violent) or _weak_after(after, atoks) or bool(
        (_WEAK_BEFORE_ASCII if ascii_before else _WEAK_BEFORE).search(before))
    return "weak" if weak else None


# A title with none of these words is not about violence: a group it names ("Hamas and Fatah
# leaders meet in Cairo", "Documentary on ISIS survivors wins award") is only mentioned there.
_TITLE_VIOLENCE: Final = _AGENT_VERBS | _TARGET_VERBS | _WEAK_AFTER_WORDS | frozenset("""
dead death deaths die dies died blast blasts explosion explosions bomb bomber bombers gunmen gunman hostage
hostages claim claims responsibility massacre militants fighters insurgents rebels jihadists terror terrorist
terrorists violence war threat threatens siege seize seizes captures abduct abducts kidnap kidnaps loot loots
burn burns torch torches storm storms fire fires shells clash clashes fighting battle battles toll casualties
wounds injures injure drone drones missile missiles rocket rockets mortar mortars ied grenade suicide jailed
convicted sentenced arrest arrests arrested detain detains detained suspect suspects raid
""".split())


# Businesses and people a group is only tied to ("Wagner-linked firms", "companies linked to the Wagner Group",
# sanctioned for trade): the group did nothing in the sentence
_BUSINESS: Final = frozenset("""
firm firms company companies business businesses entity entities individuals bank banks network networks miners
mining traders oligarch oligarchs executives vessels ships tankers assets accounts outlets conglomerate
""".split())
_TIED: Final = frozenset("linked tied connected affiliated".split())


def _business_linked(btoks: list[str], atoks: list[str], linked: bool) -> bool:
    """Is the group named as what businesses are linked to: "Wagner-linked firms", "firms linked to (the) Wagner"?"""
    if linked:
        return len(atoks) > 1 and atoks[1] in _BUSINESS
    i = len(btoks)
    if i and btoks[i - 1] == "the":
        i -= 1
    return i >= 3 and btoks[i - 1] in ("to", "with") and btoks[i - 2] in _TIED and btoks[i - 3] in _BUSINESS


def _violent_title(doc: Doc) -> bool:
    if not doc.title_end:
        return False
    return any(t.lstrip("-") in _TITLE_VIOLENCE for t in _tokens(doc.low[:doc.title_end]))


_THEIR_ATTACK: Final = frozenset("attack attacks assault assaults raid raids offensive incursion incursions ambush".split())
_REPELLED: Final = frozenset("""
repulsed repelled repulsing repelling repulse repel repels repulses thwarted thwarting foiled foiling
during in resisted
""".split())


_REPEL_VERBS: Final = frozenset("""
repulsed repelled repulsing repelling repulse repel repels repulses thwarted thwarting thwart thwarts foiled foiling
foil foils
""".split())
_REPEL_STEMS: Final = ("repel", "repuls", "thwart", "foil")


def _their_attack(low: str, e: int, sent_end: int) -> bool:
    """Does the rest of the sentence call a repelled attack theirs ("... when forces repulsed
    their attack", "... killed during their assault")?"""
    rest = low[e:min(sent_end, e + 200)]
    if "their " not in rest and not any(v in rest for v in _REPEL_STEMS):
        return False
    toks = _tokens(rest)
    for k, t in enumerate(toks):
        if t not in _THEIR_ATTACK or k == 0:
            continue
        if toks[k - 1] == "their" and k > 1 and toks[k - 2] in _REPELLED:
            return True
        # "Two X militants killed as KDF repulse attack on camp": the attack repelled in their sentence is theirs
        j = k - 1 if toks[k - 1] in ("an", "the", "a") else k
        if j > 0 and toks[j - 1] in _REPEL_VERBS:
            return True
    return False


# "Nine <group> attackers killed as assault repulsed": the attackers of an assault are its perpetrators
_ATTACKERS_NOUNS: Final = frozenset("attackers assailants raiders infiltrators".split())


def _attackers_after(low: str, e: int) -> bool:
    """Is the group at ``low[..e]`` named as the attackers ("BLA attackers", "TTP's assailants")?"""
    toks = _tokens(low[e:e + 30])
    if toks[:1] in (["'s"], ["s"]):
        toks = toks[1:]
    return bool(toks) and toks[0] in _ATTACKERS_NOUNS


def roles(doc: Doc, mentions: list[tuple[int, int, str]], other_event_sentences: set[int] | frozenset[int],
          catalog: GroupCatalog) -> tuple[tuple[GroupMention, ...], list[str]]:
    """Turn mentions into GroupMentions with roles (perpetrators, then targets, then mentioned).

    Linear in the text: sentences are walked once in step with the mentions, each mention
    reads a bounded window, and each group's mentions are read at most _MAX_MENTIONS_READ times."""
    if not mentions:
        return (), []
    sents = doc.sentences
    ends = [x.end for x in sents] if len(mentions) > 4 else None
    noclaims = _NoClaims(doc.low)
    title_violent = _violent_title(doc)
    evidence: list[str] = []
    perp: dict[str, str] = {}
    target: dict[str, str] = {}
    seen: dict[str, str] = {}
    reads: dict[str, int] = {}
    title_target: set[str] = set()
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
        if gid in perp or reads.get(gid, 0) >= _MAX_MENTIONS_READ:
            continue   # already attributed, or read often enough
        reads[gid] = reads.get(gid, 0) + 1
        sent = sents[si] if sents else None
        other = sent is not None and sent.index in other_event_sentences
        role = _role(doc, s, e, sent, other, noclaims, title_violent)
        if role == "weak":
            # a group the title names as the target ("Forces kill 30 X fighters") is not made the
            # perpetrator by a weak cue in the lead ("X militants often attack bases"); claims,
            # blame and "killed by X" still are
            role = "target" if gid in title_target else "perpetrator"
        elif role == "target" and s < doc.title_end:
            title_target.add(gid)
        if role == "perpetrator":
            perp[gid] = surface
            s0 = sent.start if sent and sent.start <= s else 0
            e0 = sent.end if sent and sent.end >= e else len(doc.raw)
            evidence.append(doc.raw[max(s0, s - 40):min(e0, e + 40)].strip())
        elif role == "target":
            if sent is not None and sent.in_lead and (_their_attack(doc.low, e, sent.end) or _attackers_after(doc.low, e)):
                perp[gid] = surface   # "4 X militants were killed when police repulsed their attack"
                evidence.append(doc.raw[max(sent.start, s - 40):min(sent.end, e + 80)].strip())
            else:
                target.setdefault(gid, surface)
    # An affiliate's parent named in the article shares the attribution.
    for gid in list(perp):
        for anc in catalog.ancestors(gid):
            if anc in seen and anc not in perp:
                perp[anc] = seen[anc]
    out = [GroupMention(gid, catalog.name(gid), "perpetrator", perp[gid]) for gid in perp]
    out += [GroupMention(gid, catalog.name(gid), "target", target[gid]) for gid in seen
            if gid not in perp and gid in target]
    out += [GroupMention(gid, catalog.name(gid), "mentioned", seen[gid]) for gid in seen
            if gid not in perp and gid not in target]
    return tuple(out), evidence
