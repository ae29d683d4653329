"""Casualty figures: every killed / wounded / arrested figure in the article, each
with its phrase, qualifier and whether it belongs to the event being reported.

The reading is table driven (see the phrase tables below) over a token stream of
each sentence, rather than one regular expression per phrasing:

* a quantity (``_numbers.read_quantity``) is a casualty figure when a trigger
  word stands right before it ("killing at least 38", "death toll rose to 137")
  or closes the noun phrase it starts ("38 killed", "12 others wounded",
  "three security personnel and 28 assailants were killed");
* "X was killed" with no number counts one;
* attackers ("assailants", "gunmen", ...) are counted apart; "including three
  children" is a subset and never added;
* figures in sentences about another time or event (a year other than the
  article's, "earlier this week", "last year", "another attack", weekly
  aggregates, named past attacks) are kept with ``this_event=False``;
* an article framed as "one of N related attacks" whose figure is an aggregate
  ("across the attacks", "in the three raids") gets the aggregate divided among
  the attacks (the GTD codebook's convention), flagged approximate; see
  ``split_aggregates``;
* numbers that are years, dates, times, money, percentages or parts of names
  ("Heroes-37", "District 7") are not figures at all.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from typing import Final, NamedTuple

import ahocorasick

from .. import safe_re
from ..models import Casualty
from ._numbers import NUMBER_START, Quantity, read_quantity
from ._text import Doc, Sentence, lower_same_length, split_tokens

# --- phrase tables -----------------------------------------------------------------
# Trigger words right before a figure (after its qualifier): "killing 5", "injured 3".
LEFT = {
    "killed": "killed", "killing": "killed", "kill": "killed", "kills": "killed",
    "massacred": "killed", "massacring": "killed", "murdered": "killed", "murdering": "killed",
    "slaughtered": "killed", "executed": "killed", "executing": "killed", "beheaded": "killed",
    "beheading": "killed", "slew": "killed", "slaying": "killed", "decapitated": "killed",
    "decapitating": "killed", "assassinated": "killed", "lynched": "killed",
    # verbs in the present (headlines), "massacre" as a verb, martyrdom, common typos
    "murder": "killed", "murders": "killed", "behead": "killed", "beheads": "killed",
    "massacre": "killed", "massacres": "killed", "execute": "killed", "executes": "killed",
    "lynch": "killed", "lynches": "killed", "slaughter": "killed", "slaughters": "killed",
    "assassinate": "killed", "assassinates": "killed", "martyred": "killed", "martyring": "killed",
    "kiled": "killed", "killling": "killed", "killd": "killed", "kiling": "killed",
    "wounded": "wounded", "wounding": "wounded", "injured": "wounded", "injuring": "wounded",
    "hurt": "wounded", "hurting": "wounded", "maimed": "wounded",
    "wound": "wounded", "wounds": "wounded", "injure": "wounded", "injures": "wounded",
    "arrested": "arrested", "arresting": "arrested", "detained": "arrested", "detaining": "arrested",
    "apprehended": "arrested", "nabbed": "arrested", "detains": "arrested", "arrests": "arrested",
    "neutralised": "killed", "neutralized": "killed", "neutralise": "killed", "neutralize": "killed",
    "neutralises": "killed", "neutralizes": "killed", "neutralising": "killed", "neutralizing": "killed",
}
# Two-word left triggers.
LEFT2 = {
    ("lives", "of"): "killed", ("rounded", "up"): "arrested", ("rounding", "up"): "arrested",
    ("death", "toll"): "killed", ("toll", "of"): "killed", ("toll", "to"): "killed",
    ("toll", "at"): "killed", ("toll", "reached"): "killed", ("toll", "hit"): "killed",
    ("toll", "reaches"): "killed", ("toll", "is"): "killed", ("toll", "was"): "killed",
    ("toll", "stands"): "killed", ("throats", "of"): "killed", ("bodies", "of"): "killed", ("lives", "to"): "killed",
    # "led to the killing of a person", "the murder of two teachers"
    ("killing", "of"): "killed", ("killings", "of"): "killed", ("murder", "of"): "killed",
    ("murders", "of"): "killed", ("massacre", "of"): "killed", ("deaths", "of"): "killed",
    # a manner of killing as an active verb: "shot dead nine men", "gunned down two brothers"
    ("shot", "dead"): "killed", ("gunned", "down"): "killed", ("hacked", "down"): "killed",
    ("shooting", "dead"): "killed", ("gunning", "down"): "killed", ("hacking", "down"): "killed",
    ("shoot", "dead"): "killed", ("shoots", "dead"): "killed", ("gun", "down"): "killed", ("guns", "down"): "killed",
    ("mow", "down"): "killed", ("mows", "down"): "killed", ("mowed", "down"): "killed", ("mowing", "down"): "killed",
}
# the manner verbs of "shot dead", "gunned down" (headlines' present too: "Gunmen shoot dead teacher")
_SHOT = ("shot", "gunned", "hacked", "shoot", "shoots", "gun", "guns")
# Verbs that may stand between "toll" and its figure: "death toll has risen to".
TOLL_LINK = frozenset({
    "has", "had", "have", "rose", "risen", "rises", "rising", "climbed", "climbs", "jumped",
    "increased", "reached", "reaches", "hit", "stands", "stood", "is", "was", "now", "to", "at",
    "of", "further", "climbing", "soared", "mounted", "passed", "topped", "surpassed", "the",
    # "toll put at 18", "toll placed at 12", "toll estimated at 30"
    "put", "placed", "estimated",
})
# "death toll from the attack has risen to": what a toll may be "of"
_TOLL_OF = frozenset({"from", "in", "the", "attack", "attacks", "blast", "blasts", "bombing", "bombings", "explosion",
                      "explosions", "assault", "massacre", "shooting", "violence", "fighting", "raid", "official"})
# Words that close a casualty noun phrase: "5 killed", "38 dead", "12 others injured".
RIGHT = {
    "killed": "killed", "dead": "killed", "died": "killed", "die": "killed", "slain": "killed",
    "murdered": "killed", "executed": "killed", "beheaded": "killed", "massacred": "killed",
    "perished": "killed", "deaths": "killed", "bodies": "killed", "corpses": "killed",
    "fatalities": "killed", "lifeless": "killed", "drowned": "killed", "deceased": "killed",
    "martyrs": "killed", "martyr": "killed", "martyred": "killed", "lynched": "killed", "kiled": "killed",
    "fatality": "killed", "neutralised": "killed", "neutralized": "killed",
    "wounded": "wounded", "injured": "wounded", "hurt": "wounded", "injuries": "wounded",
    "injury": "wounded", "maimed": "wounded",
    "arrested": "arrested", "detained": "arrested", "apprehended": "arrested", "arrests": "arrested",
    "detentions": "arrested",
}
RIGHT2 = {
    ("lost", "their"): "killed", ("lost", "his"): "killed", ("lost", "her"): "killed",
    ("gunned", "down"): "killed", ("burned", "alive"): "killed", ("rounded", "up"): "arrested",
    ("taken", "into"): "arrested", ("were", "casualties"): None, ("to", "death"): "killed",
    # Pakistani military statements: "three soldiers embraced martyrdom / shahadat"
    ("embraced", "martyrdom"): "killed", ("embraced", "shahadat"): "killed", ("embraced", "shahadah"): "killed",
    ("embrace", "martyrdom"): "killed", ("embrace", "shahadat"): "killed", ("embraces", "martyrdom"): "killed",
    ("embraces", "shahadat"): "killed",
    ("burnt", "alive"): "killed", ("lose", "lives"): "killed", ("lose", "their"): "killed",
    ("lost", "lives"): "killed",
}
_RIGHT2_FIRST = frozenset(a for a, _ in RIGHT2)
# Right triggers that are also active verbs: "two gunmen killed five" is not two dead.
ACTIVE = frozenset({"killed", "murdered", "executed", "beheaded", "massacred", "wounded", "injured",
                    "hurt", "maimed", "arrested", "detained", "apprehended"})
AUX = frozenset({"was", "were", "been", "being", "is", "are", "be", "got", "get", "remain", "remained"})
# Words that end the search for a right trigger: another clause starts.
STOP = frozenset({
    "while", "but", "whereas", "when", "after", "before", "who", "which", "that", "because", "since",
    "said", "says", "say", "told", "according", "although", "though", "where", "if", "whom", "whose",
    "than", "attacked", "fired", "abducted", "kidnapped", "stormed", "opened", "launched", "claimed",
    "targeted", "targeting", "detonated", "exploded", "struck", "hit", "set", "carried", "armed",
    "taken", "held", "displaced", "missing", "rescued", "released", "freed", "deployed", "fled",
    "hospitalised", "hospitalized", "treated", "evacuated",
})
CLAUSE_PUNCT = frozenset({".", ";", ":", "?", "!", '"'})
QUAL2 = {
    ("at", "least"): "at least", ("more", "than"): "more than", ("less", "than"): "fewer than",
    ("fewer", "than"): "fewer than", ("up", "to"): "up to", ("at", "most"): "at most",
    ("as", "many"): "as many as", ("upwards", "of"): "more than", ("an", "estimated"): "about",
    ("close", "to"): "nearly", ("in", "excess"): "more than", ("total", "of"): None,
    # abbreviations of "about": "approx. 12", "c. 30", "ca. 15"
    ("approx", "."): "about", ("c", "."): "about", ("ca", "."): "about",
}
QUAL1 = {
    "over": "more than", "nearly": "nearly", "almost": "nearly", "about": "about",
    "around": "about", "approximately": "about", "some": "about", "roughly": "about",
    "estimated": "about", "~": "about", "circa": "about", "approx": "about", "only": None, "another": None, "additional": None, "further": None,
    "all": None,   # "killing all 19 on board": the whole count
    "between": "at least",   # "killing between 8 and 10": the range's lower bound
}
ATTACKERS = frozenset({
    "assailant", "assailants", "attacker", "attackers", "gunman", "gunmen", "bomber", "bombers",
    "perpetrator", "perpetrators", "militant", "militants", "insurgent", "insurgents", "terrorist",
    "terrorists", "jihadist", "jihadists", "kidnappers", "abductors", "raiders", "hijackers",
    # combatants of an armed group (pattern 8): counted apart from the victims
    "bandits", "bandit", "rebels", "rebel", "elements", "extremists", "extremist", "cadres", "cadre",
    "suspects", "suspect", "criminals", "gangsters", "kidnapper", "abductor", "raider", "hijacker",
    "militiamen", "militiaman", "khawarij", "khwarij",
    "kingpin", "kingpins", "warlord", "warlords", "ringleader", "ringleaders", "druglord", "druglords",
    "occupiers", "occupier", "invaders",
    # armed poachers who fight rangers ("Rangers kill two poachers": combatants)
    "poachers", "poacher",
})
# The soldiers of an army fighting abroad (bot/data/places.yaml's fronts: Russia's in Ukraine) that its
# enemy reports killed are combatants, as "occupiers liquidated" are: "1,200 Russian soldiers killed".
INVADING_SIDES = frozenset({"russian"})
_ARMY_NOUNS = frozenset({"soldiers", "troops", "servicemen", "personnel", "invaders", "mercenaries"})
MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
})
AFTER_NOT_FIGURE = frozenset({
    "percent", "per", "%", "am", "pm", "a", "gmt", "dollars", "usd", "euros", "rupees", "naira",
    "km", "kilometres", "kilometers", "miles", "metres", "meters", "kg", "years", "year", "months",
    "days", "hours", "minutes", "seconds", "th", "st", "nd", "rd", "o", "times", "seat", "seater",
})
# Nouns that make a number a count of things, not people (pattern 7): "70 strikes", "120 shells",
# "15 cows", "three communities". Checked on the figure's next word, or the one after an adjective.
THINGS = frozenset({
    "strike", "strikes", "airstrikes", "shell", "shells", "round", "rounds", "missile", "missiles", "rocket", "rockets",
    "drone", "drones", "shahed", "shaheds", "bomb", "bombs", "mortar", "mortars", "grenade", "grenades", "mine", "mines",
    "times", "attacks", "raids", "sorties", "salvos", "shots", "bullets", "projectiles", "munitions", "guns", "rifles",
    "weapons", "settlements", "communities", "villages", "towns", "cities", "localities", "districts", "regions",
    "houses", "homes", "buildings", "shops", "schools", "churches", "mosques", "vehicles", "cars", "trucks", "tanks",
    "motorcycles", "boats", "aircraft", "planes", "helicopters", "positions", "checkpoints", "bases", "camps",
    "helicopter", "plane", "jet", "airliner",   # "shoot down helicopter, killing all 12 on board": no victim
    "targets", "locations", "hectares", "acres", "tonnes", "tons", "litres", "liters", "cows", "cattle", "goats",
    "sheep", "camels", "livestock", "animals", "donkeys", "horses", "pigs", "chickens", "dogs", "heads", "birds",
    "fish", "head", "goals", "points", "runs", "wickets", "matches", "games", "medals", "seats", "votes", "shares",
    "jobs", "kilometres", "kilometers", "km", "mm", "battalions", "brigades", "units", "companies", "incidents",
    "cases", "explosions", "blasts", "clashes", "operations", "missions", "flights", "hours", "nights", "weeks",
    "languages", "copies", "books", "novels", "films", "albums", "songs", "titles", "countries", "editions",
    # a career's counts ("the captain, who led the side in two World Cups, died of a heart attack")
    "cups", "trophies", "tournaments", "seasons", "terms", "elections", "championships", "olympics",
    # what is stolen ("60,000 mobile phones were snatched ..., and 102 people were shot dead")
    "mobile", "phones", "cellphones", "smartphones", "handsets", "laptops", "bicycles", "motorbikes",
    # wild animals ("Bird flu kills thousands of seals"): no toll
    "seals", "pelicans", "dolphins", "whales", "porpoises", "turtles", "penguins", "flamingos", "swans", "geese",
    "ducks", "hens", "poultry", "vultures", "storks", "cranes", "wildlife", "monkeys", "chimpanzees", "gorillas",
    "elephants", "rhinos", "hippos", "giraffes", "zebras", "antelopes", "deer", "bison", "buffaloes", "bats", "bees",
    "salmon", "carcasses", "mink", "otters", "lambs", "calves", "mice", "rats", "seabirds", "lions",
    # devices made safe ("Two IEDs neutralised")
    "ieds", "devices", "explosives",
})
_OWNERS = frozenset({"his", "her", "their", "its", "the", "our"})
BEFORE_NOT_FIGURE = frozenset({"$", "€", "£", "no", "number", "page", "route", "flight", "article",
                               "resolution", "chapter", "section", "channel", "gate", "aged", "age"})
# Sentences about another time or event; their figures are kept with this_event=False.
_OTHER_EVENT = safe_re.compile(
    r"\b(?:earlier|later) (?:this|that|in the|last) (?:week|month|year)\b"
    r"|\b(?:this|last|past|previous|the same) (?:week|month|year|decade)s?\b"
    r"|\b(?:days?|weeks?|months?|years?|decades?) (?:earlier|ago|before|after|prior)\b"
    r"|\bsince (?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|the (?:start|beginning|end)|then|\d{4})\b"
    # "in the past 24 hours", "over the past day" are a daily report's own event; longer spans are not
    r"|\bso far\b|\bin recent (?:days|weeks|months|years)\b"
    r"|\b(?:over|in|during) the (?:past|last) (?:weeks?|months?|years?|decades?|few|several|couple|two|three|four|"
    r"five|six|seven|ten|\d+ (?:days|weeks|months|years))\b|\bin the past[,.]"
    r"|\banother (?:\w+ ){0,2}(?:attack|assault|raid|bombing|incident|massacre|ambush)\b"
    r"|\bearlier (?:attack|assault|raid|bombing|incident)s?\b|\bsimilar (?:attack|bombing)s?\b"
    r"|\bin (?:total|all) (?:this|since|over)\b|\bannual\b|\bweekly\b|\bmonthly\b|\bper (?:week|month|year)\b"
    r"|\ba (?:week|month|year) (?:earlier|before|after)\b|\blast (?:time|summer|winter|spring|autumn)\b"
    r"|\bdeadliest since\b|\bin the (?:19|20)\d0s\b|\bonce again\b"
    # a report's span and the report itself: "in the first week of the month, the UN said in a report"
    r"|\bin the (?:first|second|third|last|past) (?:week|weeks|month|months|half|quarter) of\b"
    r"|\b(?:said|says|found|finds|shows|showed) in (?:a|an|its|their) (?:new |latest |annual |monthly |weekly )?report\b"
)
# Time words that qualify a thing ("a weekly market") or an earlier act of the same event
# ("a priest abducted last week was killed"), not the sentence's figure.
_NOT_OTHER_AFTER = frozenset({"market", "markets", "prayer", "prayers", "fair", "mass", "service", "bazaar"})
# A superlative or an ordinal before "this year" compares the event with others ("the deadliest
# attack this year"); the figure is still this event's
_COMPARE = frozenset({"deadliest", "worst", "bloodiest", "biggest", "largest", "highest", "first", "second",
                      "third", "fourth", "fifth", "latest", "most"})
_NOT_OTHER_BEFORE = frozenset({"abducted", "kidnapped", "seized", "missing", "disappeared", "taken"})


# In the head sentence (the title, or a text's first sentence), a recent span dates the reported
# event itself: "Gunmen killed 5 people last week in Kaduna" is that article's news, delayed.
_HEAD_SPANS = frozenset({"last week", "earlier this week", "days ago"})   # ("have killed 50 this week" is a tally)


def _other_event(s: str, head: bool = False) -> bool:
    """Does the lower-case sentence ``s`` speak of another time or event? ``head``: it is the
    article's head sentence (``_HEAD_SPANS``)."""
    return _other_event_at(s, head) >= 0


_ORDINAL_KILLINGS: Final = frozenset({"killing", "killings", "murder", "murders", "homicide", "attack", "shooting",
                                      "execution", "death"})


def _ordinal_killing(words: list[str]) -> bool:
    """Do ``words`` hold an ordinal before a killing noun ("second killing in the area")?"""
    return any(w in _COMPARE and i + 1 < len(words) and words[i + 1].strip(",.;:") in _ORDINAL_KILLINGS
               for i, w in enumerate(words))


def _other_event_at(s: str, head: bool = False) -> int:
    """Where the first phrase of another time or event starts in ``s`` (see ``_other_event``), -1 for none."""
    pos = 0
    while (found := _OTHER_EVENT.search_span(s, pos)) is not None:
        # (one regex call a match, no match object: most sentences have none or one, and the call
        # costs more than the scan itself)
        m_start, m_end = found
        pos = m_end if m_end > m_start else m_end + 1
        g = s[m_start:m_end]
        if head and (g in _HEAD_SPANS or g.endswith(" after") or g == "deadliest since"):
            continue   # ("Gunmen kill 7 a week after Zabarmari massacre": the earlier event is dated, not this;
            # "Bomb kills 9 in Kabul, deadliest since ...": a comparison)
        if g in ("weekly", "monthly", "annual") and s[m_end:m_end + 12].split()[:1] \
                and s[m_end:m_end + 12].split()[0].rstrip(",.;:") in _NOT_OTHER_AFTER:
            continue
        if g.startswith(("last ", "this ", "past ", "over the ", "in the past ", "in the last ", "during the ",
                         "since ")) and (any(w in _COMPARE for w in s[max(0, m_start - 40):m_start].split()[-4:])
                                         or _ordinal_killing(s[max(0, m_start - 48):m_start].split()[-6:])):
            continue   # "the deadliest attack this year" (or "in the past year", "worst since 2010"), "second
            # killing in the area this week": a comparison, a count of killings, no toll
        if g.startswith(("last ", "this ", "earlier ")):
            # "abducted last week", "who had been abducted by armed men in X district last week"
            before = s[max(0, m_start - 70):m_start].split()
            at = max((x for x, w in enumerate(before) if w in _NOT_OTHER_BEFORE), default=-1)
            if at >= 0 and not any(w in LEFT or w in RIGHT or w in CLAUSE_PUNCT or w[-1:] in ",;" for w in before[at:]):
                continue
        return m_start
    return -1


def _clause_cut(s: str, at: int) -> int:
    """Where the clause holding the other-event phrase at ``at`` starts, when an earlier clause of the
    sentence may tell a figure of its own: at a ";" ("Gunmen kill 6 in Zamfara; weekly attacks have killed 300
    since January"), or at a comma before a running tally's own perfect verb ("..., attacks have killed
    300 since January"). -1 when the phrase qualifies the whole sentence."""
    cut = s.rfind(";", 0, at)
    if cut == -1:
        cut = s.rfind(", ", 0, at)
        if cut == -1 or (s.find(" have ", cut, at) == -1 and s.find(" has ", cut, at) == -1):
            return -1
    return cut


_NOT_PERSON = frozenset({"unknown", "undetermined", "undisclosed", "short", "time", "day", "days", "week", "weeks", "month", "months", "year", "years", "few",
                        "while", "moment", "number", "total", "series", "result", "bid", "crowd", "large", "bomb",
                        "blast", "suicide", "car", "vehicle", "roadside", "rocket", "mortar", "drone", "attack",
                        "further", "later", "little", "lot", "new", "similar", "separate", "second", "third",
                        "statement", "report", "video", "explosion", "clash", "gunfight", "firefight", "shootout",
                        # who hears or rules on it ("killed 12 villagers in 2019, a court heard")
                        "court", "tribunal", "inquest",
                        # what the toll is ("Floods kill 20, a record")
                        "record",
                        # a wild animal found dead ("Philippine eagle found dead, killed by hunter's bullet")
                        "eagle", "raptor", "rhino", "elephant", "lion", "tiger", "leopard", "gorilla", "whale",
                        "dolphin", "giraffe", "panda", "cheetah"})
# "... in retaliation for an airstrike that killed 41": figures after it are another event's
_REPRISAL = safe_re.compile(r"\bin (?:response|retaliation|revenge|reprisal) (?:to|for)\b|\bto avenge\b",
                            owner="casualties")
_ADDS = safe_re.compile(r"\banother\b|\balso\b|\bin addition\b|\badditional(?:ly)?\b|\bas well\b"
                       r"|\ba (?:second|third|fourth|fifth)\b", owner="casualties")


class Figure(NamedTuple):
    casualty: Casualty
    sentence: int        # sentence index
    in_lead: bool
    subset: bool = False  # "including three children": part of another figure
    trigger: int = -1     # token index of the trigger word; coordinated figures share it
    adds: bool = False    # its sentence adds victims to the event ("also", "in addition")
    series: int = 0       # > 1: an aggregate over this many related attacks (see split_aggregates)
    closing: bool = False  # a note's closing "N fatalities." line: its stated total
    np: tuple[int, int] = (-1, -1)  # token span of the people counted ("two ISWAP commanders")
    clause: bool = False  # told after a ";" of its sentence that already gave a figure: adds to it
    rise: bool = False    # a running toll's newer figure ("the death toll later rose to 9"): see _pick


_DIGITS = "0123456789"


def _has_digit(s: str) -> bool:
    """Does ``s`` hold an ASCII digit? (ten C-speed searches, not a set lookup per character)"""
    return any(d in s for d in _DIGITS)


class Tokens:
    """Tokens of a sentence as (text, start, end). One C-level split gives the lower-case
    ``words`` and the whitespace between them; offsets (running sums of the pieces' lengths,
    also at C speed) and original-case texts are only built when asked for."""

    __slots__ = ("text", "low", "words", "_parts", "_ends", "_title", "_vocab", "_at")

    def __init__(self, text: str, low: str):
        self.text = text
        self.low = low
        self._parts = parts = split_tokens(low)   # [gap, word, gap, word, ..., gap]
        self.words = parts[1::2]
        self._ends: list[int] | None = None
        self._title: bool | None = None
        self._vocab: set[str] | None = None
        self._at: dict[str, list[int]] | None = None

    @property
    def vocab(self) -> set[str]:
        """The distinct words: "is this word in the sentence" without a pass over its tokens."""
        if self._vocab is None:
            self._vocab = set(self.words)
        return self._vocab

    def positions(self, present) -> list[int]:
        """Ascending indices of the words in ``present``. A sentence asks for several word sets:
        the indices of the words they are drawn from (``_INDEXED``) are gathered in one pass on
        the first call; any other word is found with list.count/list.index at C speed."""
        at = self._at
        words = self.words
        if at is None:
            at = {}
            for i, w in enumerate(words):
                if w in _INDEXED:
                    if w in at:
                        at[w].append(i)
                    else:
                        at[w] = [i]
            self._at = at
        out: list[int] = []
        for w in present:
            if w in at:
                out.extend(at[w])
            elif w not in _INDEXED:
                i = -1
                for _ in range(words.count(w)):
                    i = words.index(w, i + 1)
                    out.append(i)
        out.sort()
        return out

    def _offsets(self) -> list[int]:
        """Running sums of the pieces' lengths: token i spans ``ends[2 * i]:ends[2 * i + 1]``
        (no list of span tuples: most sentences ask for a handful of offsets)."""
        ends = self._ends
        if ends is None:
            ends = self._ends = []
            at = 0
            for part in self._parts:   # (a compiled loop: cheaper than accumulate's boxed-int protocol)
                at += len(part)
                ends.append(at)
        return ends

    def start(self, i: int) -> int:
        """Offset of token ``i`` (``i >= 0``) in the sentence."""
        return self._offsets()[2 * i]

    def end(self, i: int) -> int:
        """Offset just after token ``i`` (``i >= 0``)."""
        return self._offsets()[2 * i + 1]

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[x] for x in range(*i.indices(len(self.words)))]
        if i < 0:
            i += len(self.words)
        ends = self._offsets()
        a, b = ends[2 * i], ends[2 * i + 1]
        return (self.text[a:b], a, b)


def _qualifier(words: list[str], i: int) -> tuple[str | None, int, bool]:
    """Qualifier ending right before token i: (qualifier, its first index, subset flag)."""
    subset = False
    q = None
    k = i
    if k >= 2 and (words[k - 2], words[k - 1]) in QUAL2:
        q = QUAL2[(words[k - 2], words[k - 1])]
        k -= 2
        if words[k:k + 2] == ["total", "of"] and k >= 1 and words[k - 1] == "a":
            k -= 1
    elif k >= 1 and words[k - 1] in QUAL1:
        q = QUAL1[words[k - 1]]
        k -= 1
    if k >= 1 and words[k - 1] in ("including", "among", "includes", "include", "incl", "of"):
        if words[k - 1] != "of" or (k >= 2 and words[k - 2] in ("including", "among")):
            subset = True
    if k >= 2 and words[k - 1] == "them" and words[k - 2] in ("among", "including", "of"):
        subset = True
    return q, k, subset


# Security forces as the subject of an active killing verb: the people they kill are combatants
# unless the object says otherwise ("Soldiers killed five civilians").
_FORCES = frozenset({"army", "troops", "soldiers", "police", "policemen", "forces", "military", "security", "sfs",
                     "gendarmes", "gendarmerie", "jtf", "operatives", "personnel", "commandos", "sf", "airstrikes",
                     "airstrike", "jets", "warplanes", "navy", "marines", "rangers", "paramilitaries"})
# Air raids kill whoever is below: their dead are victims unless the object names fighters
_AIR = frozenset({"airstrike", "airstrikes", "jets", "warplanes"})
_COMBATANT_OBJECTS = frozenset({"fighters", "fighter", "combatants", "combatant", "commanders", "commander",
                                "members", "operatives"})
_VICTIMS = frozenset({"civilians", "civilian", "people", "persons", "person", "man", "woman", "child", "boy", "girl",
                      "resident", "residents", "villager", "farmer", "student", "teacher", "worker", "driver", "villagers", "residents", "women", "children",
                      "protesters", "protestors", "demonstrators", "worshippers", "students", "farmers", "herders",
                      "men", "boys", "girls", "family", "journalists", "journalist", "passengers", "workers",
                      "refugees", "migrants", "pupils", "teachers", "patients", "mourners", "fishermen", "miners"})
# the civil roles of a place's people (officials, chiefs, aid and health workers): civilians whoever kills them
# (not beside an armed group's word: "Army kills rebel chief")
_CIVIL_ROLES = frozenset({"official", "officials", "administrator", "administrators", "chief", "chiefs", "elder",
                          "elders", "headman", "headmen", "councillor", "councillors", "councilor", "councilors",
                          "teachers", "teacher", "nurse", "nurses", "doctor", "doctors", "volunteers", "volunteer"})
# a person given by an age or as a minor: the object of forces' killing is a civilian victim
_YOUNG_VICTIMS = frozenset({"year-old", "years-old", "month-old", "teenager", "teenagers", "teen", "teens", "minor",
                            "minors", "schoolboy", "schoolgirl", "schoolboys", "schoolgirls", "toddler", "baby",
                            "infant", "students", "pupil"})
# Ranks of South Asian armies and police that open a soldier's or policeman's name ("Sepoy Imran Ali",
# "Lance Naik Sher Khan", "Constable Zahid Khan"): one person, whatever his name ends with
_RANKS = frozenset({"sepoy", "sipahi", "naik", "havildar", "subedar", "lance", "constable", "sepoys", "naib",
                    "jawan", "rifleman", "gunner", "sowar", "hawaldar", "sepahi", "lancenaik", "risaldar"})
_FORCE_MEMBERS = frozenset({"soldier", "ranger", "policeman", "policewoman", "officer", "officers", "gendarme",
                            "trooper", "troopers", "guard", "guards", "conscript", "conscripts", "recruit", "recruits",
                            "sepoy", "naik", "havildar", "subedar", "constable", "jawan", "rifleman"})
_ACTIVE_KILL = frozenset({"kill", "kills", "killed", "killing", "neutralise", "neutralises", "neutralised",
                          "neutralize", "neutralizes", "neutralized", "neutralising", "neutralizing", "slay", "slays"})


# "Militants storm army post, killing 12 soldiers": a force word naming a place or unit that was
# attacked is not the subject of the killing
_FORCES_SITE = frozenset({"post", "posts", "outpost", "outposts", "base", "bases", "checkpoint", "checkpoints",
                          "camp", "camps", "barracks", "station", "stations", "position", "positions", "convoy",
                          "convoys", "patrol", "patrols", "vehicle", "vehicles", "truck", "trucks",
                          "headquarters", "garrison", "academy", "compound"})


# a report's verb before the killing's own subject ("Yemeni forces said snipers killed a woman"), unless
# the reporters speak of themselves ("Police said they killed two robbers")
_REPORTED = frozenset({"said", "says", "say", "reported", "reports", "claimed", "claims", "told", "added",
                       "alleged", "according"})
_REPORTED_SELF = frozenset({"they", "it", "its", "their", "troops", "soldiers", "forces", "officers", "police",
                            "policemen", "personnel", "army", "to"})
_IRREGULARS = frozenset({"fighters", "mercenaries", "mercenary", "militia", "militias", "paramilitaries"})


def _forces_kill(words: list[str], trig: int, end: int) -> bool:
    """Is ``words[trig]`` an active killing verb whose subject (earlier in the clause) is
    security forces and whose object is not civilians?"""
    if trig >= 2 and words[trig] in ("dead", "down") and words[trig - 1] in _SHOT:
        trig -= 1   # "Police shot dead two robbers": the manner is the verb
    elif trig < 1 or words[trig] not in _ACTIVE_KILL:
        return False
    if trig >= 1 and words[trig - 1] in AUX:
        return False   # "soldiers were killed": passive
    if "between" in words[max(0, trig - 14):trig]:
        return False   # "fighting between army and militia kills 23": the fighting kills
    for w in words[end:end + 6]:
        if w in _QUOTES:
            continue   # "killed \"more than 70\" junta soldiers": the quotes around the figure
        if w in CLAUSE_PUNCT or w in (",", "and", "in", "at", "on", "near", "during"):
            break
        # "killing a 62-year-old woman", "killing one ranger": civilians, or forces themselves
        if w in _VICTIMS or w in _FORCES or w in _FORCE_MEMBERS or w in _YOUNG_VICTIMS:
            return False   # (and "shot dead a 16-year-old Palestinian", "a teenager": a person by an age)
        if w in _CIVIL_ROLES and ATTACKERS.isdisjoint(words[end:end + 6]):
            return False   # "Troops abducted and later killed three local administrators": civilians whoever kills
    for b in range(trig - 1, max(-1, trig - 14), -1):
        w = words[b]
        if w in CLAUSE_PUNCT or w in ("|", "as", "after", "when", "while", "who", "which") or (
                w in _CLASH_VERBS and words[trig].endswith("ing")):
            return False   # ("Troops clash on border, killing 4": the clash kills, on either side; "clashed with
            # armed men, killed 8" is the forces' own act)
        if _civilian_site_struck(words, b):
            return False   # "RSF shelling of El Obeid market kills 23": the market's dead are victims
        if w in _REPORTED and words[b + 1] not in _REPORTED_SELF:
            return False   # "Police said hitmen killed a prosecutor": the killers are after the report
        if (w in ATTACKERS and words[b + 1] not in ("attack", "attacks", "raid", "raids", "camp", "camps",
                                                      "hideout", "hideouts", "den", "dens", "positions")
                and not _operation_object(words, b)) or w in ("gunmen", "by"):
            return False
        if w in _FORCES and words[b + 1] not in _FORCES_SITE:
            if w in _AIR and not any(x in ATTACKERS or x in _COMBATANT_OBJECTS for x in words[trig + 1:trig + 8]):
                return False   # "Airstrike kills 40 at monastery": an air raid's dead are people unless named fighters
            # "Wagner fighters and Malian troops kill 25": forces acting with irregulars
            return not any(x in ATTACKERS or x in _IRREGULARS for x in words[max(0, b - 6):b])
    return False


# an operation's target: "an offensive against ADF rebels", "offensive on the militants"
_OPERATIONS = frozenset({"offensive", "offensives", "operation", "operations", "crackdown", "assault", "onslaught",
                         "campaign", "raid", "raids", "strikes", "airstrikes", "fire"})


# a civilian place struck ("shelling of El Obeid market", "drone strike on a displacement camp"): its dead are
# victims whoever struck it
_CIVILIAN_SITES = frozenset({"market", "markets", "marketplace", "hospital", "hospitals", "clinic", "clinics", "village",
                             "villages", "mosque", "mosques", "school", "schools", "church", "churches", "monastery",
                             "temple", "wedding", "funeral", "camp", "camps", "shelter", "shelters", "neighbourhood",
                             "neighborhood", "bakery", "hamlet"})
_STRIKE_NOUNS = frozenset({"shelling", "strike", "strikes", "airstrike", "airstrikes", "attack", "attacks",
                           "bombardment", "bombing", "raid", "raids", "assault", "fire", "barrage"})
_MILITARY_CAMP = frozenset({"training", "military", "army", "militant", "rebel", "terrorist", "insurgent", "jihadist",
                            "militia", "base", "police"})


def _civilian_site_struck(words: list[str], b: int) -> bool:
    """Is ``words[b]`` a civilian place that a strike hits ("shelling of El Obeid market", "attack on a camp for
    displaced people"): a strike noun and "of"/"on" up to five words before it?"""
    w = words[b]
    if w not in _CIVILIAN_SITES or (w in ("camp", "camps") and b >= 1 and (
            words[b - 1] in _MILITARY_CAMP or words[b - 1] in ATTACKERS or words[b - 1] in _FORCES)):
        return False
    for x in range(b - 1, max(0, b - 6), -1):
        if words[x] in ("of", "on") and words[x - 1] in _STRIKE_NOUNS:
            return True
        if words[x] in CLAUSE_PUNCT:
            return False
    return False


def _operation_object(words: list[str], b: int) -> bool:
    """Is the attackers' noun at ``b`` the object of an operation ("launch offensive against ADF rebels",
    "offensive on militants") rather than the clause's subject?"""
    for x in range(b - 1, max(-1, b - 4), -1):
        w = words[x]
        if w == "against" or (w == "on" and x >= 1 and words[x - 1] in _OPERATIONS):
            return True
        if w in CLAUSE_PUNCT or w == ",":
            return False
    return False


# a fight of two sides as the forces' verb: its dead are the toll, as "fighting between" is
_CLASH_VERBS = frozenset({"clash", "clashes", "clashed", "clashing", "battle", "battles", "battled", "fought"})
_PERSON_WORDS = frozenset({"people", "persons", "civilians", "others", "other", "more", "men", "women", "children"})
_JOINERS = frozenset({"and", "or", "of", "in", "on", "at", "to", "by", "from", "the", "were", "are", "was", "killed"})


def _title_case(toks) -> bool:
    """Is this sentence written in Title Case ("Militants Kill 4 Aid Workers In Northwest")?
    Capitals then say nothing about names: the reading must not depend on them (pattern 3)."""
    cached = getattr(toks, "_title", None)
    if cached is None:
        alpha = [t for t, _, _ in toks[:40] if t[:1].isalpha()]
        caps = sum(1 for t in alpha if t[:1].isupper())
        cached = len(alpha) >= 4 and caps >= 0.75 * len(alpha)
        toks._title = cached
    return cached


def _range_lower_bound(text: str, words: list[str], q: Quantity, e: int) -> bool:
    """"5-7 policemen": digits, a hyphen, larger digits, then a person (not "5-0", "2020-21", "120-mm")."""
    f = e + 1
    while f < len(text) and text[f].isdigit() and f - e <= 4:
        f += 1
    if f == e + 1 or (f < len(text) and (text[f].isalnum() or text[f] in "-/:.")):
        return False
    try:
        lo, hi = int(words[q.start]), int(text[e + 1:f])
    except ValueError:
        return False
    if not lo < hi <= 3 * lo + 10:
        return False
    # the person counted, past the second number and an adjective or two
    j = q.end + 2
    return any(w in _PERSON_NOUNS or w in ATTACKERS for w in words[j:j + 3])


_PERSON_NOUNS = frozenset({"people", "persons", "civilians", "soldiers", "policemen", "police", "officers", "members",
                           "men", "women", "children", "villagers", "militants", "fighters", "troops", "personnel",
                           "guards", "workers", "students", "farmers", "residents", "passengers", "others"})


# People named by the thing they deal with: "three suspected cattle thieves", "two drone operators" are people
_THING_PEOPLE = frozenset({"thieves", "rustlers", "herders", "herdsmen", "raiders", "traders", "dealers", "farmers",
                           "owners", "breeders", "keepers", "operators", "drivers", "pilots", "sellers", "smugglers",
                           "hunters", "poachers", "vendors", "merchants", "technicians", "engineers", "guards",
                           "minders", "herdsman", "thief", "rustler", "herder", "driver", "pilot", "operator"})
# a drill's pretend people ("5 dummy militants", "mock terrorists")
PRETEND = frozenset({"mock", "dummy", "dummies", "simulated", "pretend", "make-believe", "imaginary", "notional"})
_PARENTS = frozenset({"mother", "father", "mum", "dad", "parent", "parents", "grandmother", "grandfather",
                      "mother-of", "father-of"})


# what a share is of ("one in four deaths", "one in five children")
_SHARE_OF: Final = _PERSON_WORDS | frozenset({"deaths", "adults", "patients", "babies", "infants", "households",
                                               "residents", "youths", "girls", "boys", "mothers", "births", "cases"})


_SHARE_END: Final = frozenset({",", ".", ";", ":", "!", "?", ")"})


def _share(words: list[str], q: Quantity, k: int, after: bool) -> bool:
    """Do ``q`` and the number at token ``k`` (after "in", or before it) make a share, "one in four": the
    part at most ten, the whole larger, and then the clause's end, or what it is a share of?"""
    other = read_quantity(words, k)
    if other is None or other.weak or (not after and other.end != k + 1):
        return False
    part, whole, end = (q, other, other.end) if after else (other, q, q.end)
    return part.value <= 10 and whole.value > part.value and (
        end >= len(words) or words[end] in _SHARE_END or words[end] in _SHARE_OF   # (not "a 10-minute rampage")
        or (words[end] == "of" and end + 1 < len(words) and words[end + 1] in _SHARE_WHOLE))


# the whole a share is "of" ("two in five of those killed", "three in ten of the dead")
_SHARE_WHOLE: Final = frozenset({"those", "the", "them", "all", "these"})


def _not_a_figure(toks: Tokens, words: list[str], q: Quantity, text: str, sent_start_tok: int) -> bool:
    """Years, dates, times, money, percentages and numbers inside names are not figures."""
    i, j = q.start, q.end
    tok = words[i]
    n = len(words)
    if j < n and (words[j] in AFTER_NOT_FIGURE and not (words[j] == "a" and (tok[0].isalpha() or (
            j + 2 < n and words[j + 1] in _RATE_UNITS and words[j + 2] in _RATE_NOT)))   # ("kill 9 a week after")
                  or words[j] in MONTHS):
        return True
    if i > 0 and (words[i - 1] in MONTHS or words[i - 1] in BEFORE_NOT_FIGURE):
        return True
    if j < n and ((words[j] in THINGS and not (j + 1 < n and words[j + 1] in _THING_PEOPLE))
                  or (j + 1 < n and words[j + 1] in THINGS and words[j] not in _PERSON_WORDS
                      and words[j].isalpha() and words[j] not in _JOINERS
                      and not (j + 2 < n and words[j + 2] in _THING_PEOPLE)
                      and not (words[j + 1] in ("head", "heads") and words[j] in _HEAD_OF))):
        return True  # "70 strikes", "120 artillery shells", "15 cows" (not "three cattle thieves", "a village head")
    if j + 1 < n and words[j] == "of" and words[j + 1] in THINGS:
        return True  # "hundreds of goats", "dozens of vehicles"
    if j < n and words[j] in PRETEND:
        return True  # "neutralise 5 dummy militants in exercise": a drill's targets are no one
    if j + 2 < n and words[j] == "of" and words[j + 1] in _OWNERS and words[j + 2] in THINGS:
        return True  # "a chief and twenty of his cattle", "30 of their cows"
    if (j + 1 < n and words[j] == "in" and _share(words, q, j + 1, True)) or \
            (i >= 2 and words[i - 1] == "in" and _share(words, q, i - 2, False)):
        return True  # "one in four deaths", "1 in 5 children": a share, not a count (not "kill 3 in 2 villages")
    if tok in ("a", "an", "one", "single") and j < n and (words[j] in _GROUP_NOUNS or (
            words[j] == "single" and j + 1 < n and words[j + 1] in _GROUP_NOUNS)) and i > 0 and (
            words[i - 1] in ("of", "from") or (tok == "single" and i > 1 and words[i - 2] in ("of", "from"))):
        return True  # "five members of a family", "of one family", "from a single household": no victim of its own
    if i >= 2 and words[i - 1] == "of" and words[i - 2] in _PARENTS:
        return True  # "Mother of three, 32, shot dead": her children, not a toll
    if not tok[0].isdigit():
        return False
    if i >= 2 and words[i - 1] == "," and j + 1 < n and words[j] == "," and words[i - 2].isalpha() \
            and q.value <= 110 and not _head_plural([words[i - 2]]) and words[j + 1] not in ("and", "including", "of"):
        return True  # "Victim, 34, died": an age in apposition
    if "," not in tok and "." not in tok and 1800 <= int(float(tok)) <= 2100 and (
            j >= n or words[j] not in ATTACKERS):
        return True  # a year
    s = toks.start(i)
    if s > 0 and (text[s - 1].isalpha() or (text[s - 1] in "-/#" and s > 1 and text[s - 2].isalnum())):
        return True  # Heroes-37, M23, 9/11
    e = toks.end(j - 1)
    if e < len(text) and text[e] == "-" and _range_lower_bound(text, words, q, e):
        return False  # "at least 5-7 policemen were killed": a range reads its lower bound
    if e < len(text) and (text[e].isalpha() or text[e] in "/:" or (text[e] == "-" and e + 1 < len(text) and text[e + 1].isalnum())):
        return True  # 4th, 8:00, 24/7, 2020-21, "the 49-year-old", "120-mm", "5-0"
    if i - 1 > sent_start_tok:
        prev = text[toks.start(i - 1):toks.end(i - 1)]
        # "District 7", "Brigade 9": a number right after a capitalised name word
        if (prev[:1].isupper() and prev.isalpha() and words[i - 1] not in QUAL1
                and words[i - 1] not in ("at", "more", "over") and words[i - 1] not in LEFT
                and not _title_case(toks)):
            return True
    return False


# "the death toll from the attack on a village in Beni rose to 20": a toll verb right before the
# figure may reach back past a place or a long "from ..." phrase to its "toll".
_TOLL_VERBS = frozenset({"rose", "risen", "rises", "rising", "climbed", "climbs", "climbing", "jumped", "increased",
                         "soared", "mounted", "stands", "stood", "reached", "reaches", "hit", "topped", "passed",
                         "put", "placed", "estimated"})
_TOLL_REACH = 16
# the verbs of a toll that grew ("the death toll later rose to 9"): the newer figure is the event's toll
_LYNCH = frozenset({"lynch", "lynches", "lynched", "lynching"})
_RISE_VERBS = frozenset({"rose", "risen", "rises", "climbed", "climbs", "jumped", "increased", "soared", "mounted"})
# ... when the toll is the event's own ("the toll", "; toll", "its death toll"), not a war's or a place's
# running count ("Gaza death toll rises to 40,000", "the overall toll", "toll of the war since 2023")
_RISE_OPEN = frozenset({".", ";", ",", ":", "the", "its", "this", "that", "and", "as", "-", "\u2013", "\u2014"})
_RISE_NOT = frozenset({"war", "wars", "conflict", "since", "year", "years", "month", "months", "week", "weeks",
                       "overall", "total", "invasion", "insurgency", "offensive", "campaign", "country", "nationwide"})
RISE_RATIO = 5   # a newer figure above 5 times the first (plus 20) is another count, not this event's


def _rise(words: list[str], k: int) -> bool:
    """Is the figure at token ``k`` a running toll's newer one: "the death toll later rose to 9"?"""
    if k < 2 or words[k - 1] != "to" or words[k - 2] not in _RISE_VERBS:
        return False
    for t in range(k - 3, max(-1, k - 3 - _TOLL_REACH), -1):
        if words[t] in (".", ";", "!", "?"):
            return False
        if words[t] == "toll":
            p = t - 1 if t < 1 or words[t - 1] not in ("death", "casualty", "fatality") else t - 2
            return (p < 0 or words[p] in _RISE_OPEN) and _RISE_NOT.isdisjoint(words[t + 1:k - 2])
    return False


_QUOTES = frozenset({"'", '"', "\u2018", "\u2019", "\u201c", "\u201d"})


# the dead handed over by the sides ("swap bodies of 900 soldiers", "repatriate the remains of 40"): no toll
_HANDED_BODIES = frozenset({"swap", "swaps", "swapped", "swapping", "exchange", "exchanges", "exchanged", "exchanging",
                            "repatriate", "repatriates", "repatriated", "repatriating", "repatriation", "exchange",
                            "return", "returns", "returned", "hand", "hands", "handed", "handover", "swap:"})


def _left_trigger(words: list[str], k: int) -> str | None:
    """Trigger type ending right before token k (k = start of qualifier or number)."""
    if k >= 2 and words[k - 1] == "wounds" and words[k - 2] in _OWN_OBJECT | {"of", "to", "from"}:
        return None   # "died of his wounds two days later": the noun
    if k >= 1 and words[k - 1] in LEFT:
        return LEFT[words[k - 1]]
    if k >= 3 and words[k - 1] in _QUOTES and words[k - 3] in _QUOTES and words[k - 2] in LEFT:
        return LEFT[words[k - 2]]   # "Al-Shabaab 'executes' five": a verb in quotes
    if k >= 3 and words[k - 1] == "of" and words[k - 2] in ("bodies", "remains") and \
            not _HANDED_BODIES.isdisjoint(words[max(0, k - 5):k - 2]):
        return None   # "Ukraine, Russia swap bodies of 900 fallen soldiers": an exchange of the dead, no attack
    if k >= 2 and (words[k - 2], words[k - 1]) in LEFT2:
        return LEFT2[(words[k - 2], words[k - 1])]
    if k >= 1 and words[k - 1] in ("claims", "claimed", "claiming", "claim") and words[k + 1:k + 2] == ["lives"]:
        return "killed"   # "Bandit attack claims 9 lives"
    if k >= 3 and words[k - 1] == "death" and words[k - 2] == "to" and words[k - 3] in _KILL_MANNER:
        return "killed"   # "Militants hacked to death 11 people" (never "sentenced to death 12")
    if k >= 1 and words[k - 1] in ("lose", "loses", "lost", "losing") and k + 1 < len(words) and (
            words[k + 1] in _FORCES or words[k + 1] in _FORCE_MEMBERS or words[k + 1] in ("men", "personnel")):
        return "killed"   # "Troops kill 22 fighters, lose two soldiers"
    if k >= 1 and words[k - 1] in ("lose", "loses", "lost", "losing") and words[k + 1:k + 2] == ["of"] and \
            words[k + 3:k + 4] == ["own"] and words[k + 2] in ("their", "its", "his", "our") and (
            k + 4 >= len(words) or words[k + 4] in _OBJECT_END or words[k + 4] in (",", "and", "when")):
        return "killed"   # "the militia lost three of their own": its own dead
    # "death toll has risen to", "toll now stands at"
    m = k - 1
    while m >= 0 and k - m <= 9 and (words[m] in TOLL_LINK or words[m] in _TOLL_OF):
        m -= 1
    if m >= 0 and m < k - 1 and words[m] == "toll":
        return "killed"
    verb = k - 2 if k >= 2 and words[k - 1] in ("to", "at") else k - 1
    if verb >= 1 and words[verb] in _TOLL_VERBS:
        for j in range(verb - 1, max(-1, verb - 1 - _TOLL_REACH), -1):
            if words[j] in (".", ";", "!", "?"):
                break
            if words[j] == "toll":
                return "killed"
    return None


def _coordinated_left(words: list[str], qs: list[Quantity], idx: int, left_of: dict[int, tuple[str, int]]) -> tuple[str, int] | None:
    """A figure coordinated with an earlier left-triggered one: "killed two civilians and three soldiers"."""
    q = qs[idx]
    if idx == 0:
        return None
    p = qs[idx - 1]
    if p.start not in left_of:
        return None
    between = words[p.end:q.start]
    if len(between) >= 2 and between[-1] in ("his", "her", "their") and between[-2] == "and" and "," not in between:
        between = between[:-1]   # "killed a woman and her four children": the kin listed with their own
    elif len(between) >= 2 and between[-1] == "another" and between[-2] == "and":
        between = between[:-1]   # "killed 14 in Solenzo and another six in nearby Kouka": one more figure, added
    if not between or len(between) > 10 or between[-1] not in ("and", ",", "as"):
        return None
    if between[-1] == "as" and between[-3:] != ["as", "well", "as"]:
        return None   # "kill 4 in Kano as an army convoy passes": "as" opens a clause of its own
    if any(w in STOP or w in CLAUSE_PUNCT or w in LEFT or w in RIGHT or w in AUX for w in between):
        return None
    for w in words[q.end:q.end + 5]:
        if w in _SPEECH:
            return None   # "killing seven soldiers, a military officer said": the speaker
        if w in RIGHT and RIGHT[w] != left_of[p.start][0]:
            return None   # "kill 5, two others injured": the figure's own trigger, of another kind
        if w in _OWN_FATE:
            return None   # "Gunmen kill 3, six held in raid", "kill 4, six missing": taken, not killed
        if w in CLAUSE_PUNCT or w in (",", "and"):
            break
    return left_of[p.start]


_SPEECH = frozenset({"said", "says", "told", "added", "reported", "confirmed", "stated"})
# a participle after a listed figure that tells the listed people's own fate, other than the verb's
_OWN_FATE = frozenset({"held", "abducted", "kidnapped", "missing", "seized", "captured", "detained", "rescued",
                       "freed", "released", "displaced", "hospitalised", "hospitalized", "taken", "arrested"})


# "the killing of", "the murder of" after these words name the cause or the crime of another
# story (a protest, an arrest, a trial, a reprisal), not this event's toll
_KILL_NOUNS = frozenset({"killing", "killings", "murder", "murders", "massacre", "deaths"})
_BACKGROUND_CAUSE = frozenset({"wake", "following", "after", "over", "against", "condemned", "condemns", "condemn",
                               "protest", "protests", "protesting", "retaliation", "revenge", "response", "avenge",
                               "investigation", "investigating", "probe", "trial", "accused", "suspected", "arrested",
                               "charged", "convicted", "sentenced", "anniversary", "justice", "for", "since", "mourn",
                               "mourns", "mourning", "outrage", "demanding", "demand", "blamed", "jury", "inquest",
                               "drama", "film", "documentary", "series", "explores", "revisits", "book", "novel",
                               "podcast", "remembers", "memorial", "case", "hears"})


# "vows to avenge (the) killing of 12 soldiers": the vow answers this item's killing (the held-out
# headline labels count it), where "in revenge for the killing of" names an earlier one
_VOWS = frozenset({"vow", "vows", "vowed", "vowing", "pledge", "pledges", "pledged", "swear", "swears", "swore"})
_VOW_LAST = [[w] for w in _VOWS]


def _vowed(words, k: int) -> bool:
    """Is the "killing of" before ``k`` the object of a vow to avenge it, and nothing else of another story?"""
    back = words[max(0, k - 8):k - 2]
    if "avenge" not in back:
        return False
    at = len(back) - 1 - back[::-1].index("avenge")
    return at >= 2 and back[at - 1] == "to" and back[at - 2] in _VOWS and \
        _BACKGROUND_CAUSE.isdisjoint(back[at + 1:]) and _BACKGROUND_CAUSE.isdisjoint(back[:at - 2])


def _blamed_for(words: list[str], k: int) -> bool:
    """Is the "killing of" before ``k`` a headline's "X blamed for killing of two soldiers" (no "the": this
    event's killing, blamed on its perpetrator), nothing else of another story before it?"""
    return k >= 4 and words[k - 3] == "for" and words[k - 4] == "blamed" and \
        _BACKGROUND_CAUSE.isdisjoint(words[max(0, k - 8):k - 4])


# before a headline's bare "killing of" or after it: no bare singular victim ("the killing of", "killing of a",
# "killing of his brother": another story's crime or a figure read elsewhere)
_KILLING_OF_NOT = frozenset({"the", "a", "an", "his", "her", "their", "its", "my", "our", "your", "this", "that"})


# "which led to the killing of a person": this event's consequence
_CONSEQUENCE = frozenset({"led", "leading", "resulted", "resulting", "caused", "causing"})


def _left_through_and(words: list[str], k: int, real_at: dict[int, Quantity]) -> tuple[str, int] | None:
    """A killing verb before "X and" that governs the figure at k: "kills a commander and two civilians"."""
    if k < 3 or words[k - 1] != "and" and not (
            words[k - 1] == "," and k in real_at and (words[real_at[k].end:real_at[k].end + 1] in (["others"], ["other"])
                                                      or _listed_plural(words, real_at[k].end))):
        return None   # (or "Bandits kill DPO, two others", "Gunmen kill mayor, four guards")
    lo = k - 8
    for b in range(k - 2, -1, -1):
        if b <= lo:
            return None
        w = words[b]
        if w == "," and (words[b + 1] in _LIST_OPENERS and b + 2 < k - 1 or words[b + 1] in _KIN) and lo == k - 8:
            lo = b - 5   # "killing the driver, his wife and five other passengers": a list before "and"
            continue
        if w in ("dead", "down") and 2 <= b < k - 2 and words[b - 1] in _SHOT and words[b - 2] not in AUX:
            return ("killed", b)   # "shot dead a village head and two of his aides": the manner is the verb
        if w in CLAUSE_PUNCT or w in STOP or w == "," or w in AUX or w in RIGHT and w not in LEFT or b in real_at \
                or w in _NAME_OBJECT_STOP:
            return None
        if w in LEFT and LEFT[w] != "arrested" and b < k - 2:
            return (LEFT[w], b) if b == 0 or words[b - 1] not in AUX else None
    return None


_LIST_OPENERS = frozenset({"his", "her", "their"})
# A rate is a statistic, no event's toll: "Air pollution kills 2 million people a year", "Snakebites kill
# 100,000 people annually", "40 die every day" (not "a week after the massacre", "a day earlier")
_RATE_OPEN = frozenset({"a", "per", "each", "every"})
_RATE_UNITS = frozenset({"year", "day", "week", "month", "decade", "hour", "minute"})
_RATE_WORDS = _RATE_UNITS | {"annually", "yearly"}   # (one of them must be in the sentence)
_SPANS = frozenset({"week", "month", "year", "decade"})   # "in a week": a count over a span
_RATE_NOT = frozenset({"after", "before", "ago", "earlier", "later", "since", "into", "of", "when",
                       "as", "from", "to", "that", "which"})


def _rate_after(words: list[str], e: int) -> bool:
    """Does a rate ("a year", "per day", "every week", "annually") follow the figure's noun at ``e``
    (up to two words of it: "2 million people a year")?"""
    n = len(words)
    for j in range(e, min(n - 2, e + 6)):
        w = words[j]
        if w in ("in", "within") and words[j + 1] in ("a", "one") and words[j + 2] in _SPANS and (
                j + 3 >= n or words[j + 3] != "of"):   # ("kill 40 in a week of attacks": that week's attacks)
            return True   # "Dengue outbreak kills 37 in Bangladesh in a week": a count over a span, no event
        if not w.isalpha() or w in STOP or w in AUX or w in ("and", "or", "on", "at", "by"):
            break
    for j in range(e, min(n, e + 3)):
        w = words[j]
        if w in ("annually", "yearly"):
            return True
        if w in _RATE_OPEN:
            return j + 1 < n and words[j + 1] in _RATE_UNITS and (j + 2 >= n or words[j + 2] not in _RATE_NOT)
        if not w.isalpha() or w in STOP or w in AUX or w in ("and", "or", "in", "on", "at", "by"):
            return False
    return False


def _before_kin(obj: list[str]) -> list[str]:
    """The first person of "village head and his two wives" (a headline's bare object), else ``obj``."""
    a = obj.index("and") if "and" in obj else -1
    return obj[:a] if 0 < a < len(obj) - 1 and obj[a + 1] in _LIST_OPENERS else obj


def _article_and_kin(words: list[str], i: int) -> bool:
    """Does the "a"/"an" at ``i`` open "a NOUN and his/her/their N KIN" whose casualty word follows the
    kin ("A village head and his two wives were shot dead": the head is one more, however long his title)?"""
    n = len(words)
    for j in range(i + 2, min(n - 3, i + 7)):
        w = words[j]
        if w in CLAUSE_PUNCT or w in STOP or w == ",":
            return False
        if w == "and":
            if words[j + 1] not in _LIST_OPENERS:
                return False
            q = read_quantity(words, j + 2)
            if q is None or q.weak or q.end >= n or words[q.end] not in _KIN_PLURAL:
                return False
            return not RIGHT.keys().isdisjoint(words[q.end + 1:q.end + 5])
    return False


def _article_and_one_kin(words: list[str], i: int) -> bool:
    """Does the "a"/"an" at ``i`` open "a NOUN and his/her/their KIN" (one kin, no number) right before a
    killing verb ("A doctor and his driver died at the scene": two, as the bare subject reads it)?"""
    n = len(words)
    for j in range(i + 2, min(n - 3, i + 5)):
        w = words[j]
        if w in CLAUSE_PUNCT or w in STOP or w == "," or not w.isalpha():
            return False
        if w == "and":
            if words[j + 1] not in ("his", "her", "their") or words[j + 2] not in _KIN:
                return False
            v = j + 3
            if v < n and words[v] in AUX:
                v += 1
            return v < n and _BARE_VERBS.get(words[v]) == "killed"
    return False


def _listed_plural(words: list[str], e: int) -> bool:
    """Does the figure ending at ``e`` count people, its noun phrase closing there ("four guards in")?"""
    if e >= len(words):
        return False
    w = words[e]
    if not (w in _PERSON_NOUNS or w in _KIN_PLURAL or (w.isalpha() and _head_plural([w]) and w not in THINGS
                                                        and w[:-1] not in _ANIMALS and w not in _NOT_PERSON)):
        return False
    return e + 1 == len(words) or words[e + 1] in _OBJECT_END or words[e + 1] in (",", "and")


_PAREN_OPENERS = frozenset({"including", "among", "who", "whom", "which", "most", "many", "all", "mostly",
                            "mainly", "both", "some", "one", "two", "three", "four", "five", "a", "an", "the", "his",
                            "her", "their", "according", "reportedly", "officials", "police", "sources"})


def _skip_parenthetical(words: list[str], j: int, limit: int) -> int | None:
    """At a comma: the index after a parenthetical (", including two children,") or None."""
    if j + 1 >= len(words) or words[j + 1] not in _PAREN_OPENERS and not words[j + 1].isdigit():
        return None
    k = j + 1
    end = min(len(words), limit)
    while k < end:
        if words[k] in (".", ";", ":"):
            return None
        if words[k] == ",":
            nxt = words[k + 1] if k + 1 < len(words) else ""
            if nxt in AUX or nxt in RIGHT or nxt in ("and", "had", "have", "has"):
                return k + 1
            return None
        k += 1
    return None


# Passive victims led away and killed later in the same clause: "were taken to a forest
# before being killed", "were tied up ... before being shot and killed".
_LED_AWAY = frozenset({"before", "taken", "abducted", "kidnapped", "held"})
_KILL_MANNER = frozenset({"shot", "stabbed", "beaten", "hacked", "tortured", "strangled", "burned",
                          # headlines' present tense: "Gang kidnap boy and strangle him to death"
                          "strangle", "strangles", "stab", "stabs", "beat", "beats", "hack", "hacks", "torture",
                          "tortures", "burn", "burns", "stone", "stones", "stoned", "club", "clubs", "clubbed"})


def _killed_after(words: list[str], j: int, end: int) -> int | None:
    """Index of the killing word of "before being (shot and) killed" from j on, in the same clause."""
    k = j
    while k < end and words[k] != "before":
        if words[k] in CLAUSE_PUNCT or words[k] in ("while", "but", "who", "which", "when"):
            return None
        k += 1
    if k >= end or k + 2 >= len(words) or words[k + 1] != "being":
        return None
    m = k + 2
    if m + 2 < len(words) and words[m] in _KILL_MANNER and words[m + 1] == "and":
        m += 2
    if m < len(words) and RIGHT.get(words[m]) == "killed" and words[m] not in ("deaths", "bodies", "corpses",
                                                                               "fatalities", "lifeless"):
        return m
    if m + 2 < len(words) and words[m] in _KILL_MANNER and words[m + 1:m + 3] == ["to", "death"]:
        return m + 2
    return None


# Acts that may come before the killing in one passive chain: "were kidnapped and killed".
_CHAIN = frozenset({"kidnapped", "abducted", "raped", "tortured", "captured", "robbed", "taken", "shot", "stabbed"})
_THEN = frozenset({"then", "later", "subsequently", "eventually", "brutally"})
_SENTENCING = frozenset({"sentenced", "sentences", "sentence", "sentencing", "condemned", "condemns", "condemn",
                         "condemning", "convicted", "penalty"})
# "death" right after a figure is a death ("one death"), unless a noun follows ("five death sentences")
_DEATH_NOUNS = frozenset({"row", "sentence", "sentences", "penalty", "penalties", "squad", "squads", "threat",
                          "threats", "toll", "anniversary", "anniversaries", "camp", "camps", "certificate",
                          "certificates", "march", "trap", "traps", "notices", "warrants", "metal"})
# After an active two-word killing verb ("shot dead", "gunned down"), its own object begins
_OWN_OBJECT = frozenset({"the", "a", "an", "his", "her", "their", "its", "at", "more", "up", "over"})
# a verb whose subject the figure is: "a clash between two clans left 5 people dead" (the clans are no toll)
_LEAVES = frozenset({"left", "leaves", "leaving", "caused", "causes", "causing"})
# Every word _right_trigger reacts to; the rest are skipped with one test.
_RT_SPECIAL = CLAUSE_PUNCT | STOP | AUX | frozenset(RIGHT) | _RIGHT2_FIRST | ATTACKERS | _ARMY_NOUNS | _CHAIN | _LEAVES | {",", "and", "or", "death"}


def _relative_to_aux(words: list[str], j: int, qs_at: dict[int, Quantity]) -> int:
    """The auxiliary after a short relative clause opened by "who" at ``j`` that tells no killing, wounding or
    number ("who tried to resist were ..."), else 0."""
    n = len(words)
    x = j + 1
    while x < n and x - j <= 8 and words[x] not in AUX:
        w = words[x]
        if w in CLAUSE_PUNCT or w in STOP or w in RIGHT or w in LEFT or w == "," or x in qs_at:
            return 0
        x += 1
    return x if x - j > 1 and x < n and words[x] in AUX else 0


# "portraits of the dead", "names of the slain": the dead as a noun after "of the" predicates no figure before it
_NOUN_DEAD = frozenset({"dead", "slain", "deceased", "fallen"})


def _right_trigger(words: list[str], toks: Tokens, q: Quantity, qs_at: dict[int, Quantity], reach: int = 24) -> tuple[str | None, int, bool, bool]:
    """Scan right from a figure, at most ``reach`` tokens, for the word that closes its noun phrase.

    Returns (type, index of trigger, attackers flag, had auxiliary verb).
    """
    j = q.end
    n = len(words)
    attackers = False
    noun_zone = True
    aux = False
    limit = q.end + reach
    if j + 1 < n and words[j] == "of" and words[j + 1] in ("whom", "which"):
        j += 2   # "three civilians, two of whom were later killed"
    end = min(n, limit)
    while j < end:
        w = words[j]
        if w not in _RT_SPECIAL and j not in qs_at:
            j += 1     # an ordinary word: none of the tests below applies
            continue
        if w == ",":
            k = _skip_parenthetical(words, j, limit)
            if k is not None:
                noun_zone = False
                j = k
                continue
        if w in _CHAIN and j + 2 < n and words[j + 1] == "and" and (
                RIGHT.get(words[j + 2]) == "killed" or (words[j + 2] in _THEN and j + 3 < n
                                                         and RIGHT.get(words[j + 3]) == "killed")):
            j += 2   # "3 civilians were kidnapped and (later) killed"
            continue
        if w in _LEAVES and not aux:
            return None, j, attackers, aux
        if w == "who" and noun_zone and not aux and j - q.end <= 3:
            x = _relative_to_aux(words, j, qs_at)
            if x:
                j = x   # "Two men who tried to resist were beheaded": the subject's own verb after the clause
                continue
        if w in CLAUSE_PUNCT or w in STOP:
            if aux and w in _LED_AWAY:
                t = _killed_after(words, j, min(n, limit))
                if t is not None:   # "two guards were taken to a field before being shot and killed"
                    return "killed", t, attackers, aux
            return None, j, attackers, aux
        if j in qs_at and j != q.start:
            noun_zone = False  # a coordinated figure: "three police and 28 assailants were killed"
            j = qs_at[j].end
            continue
        if w in ("and", ",", "or") and noun_zone and j > q.end:
            noun_zone = False
        if w in AUX:
            aux = True
        if w in _RIGHT2_FIRST and j + 1 < n and (w, words[j + 1]) in RIGHT2:
            if w == "to" and not _SENTENCING.isdisjoint(words[max(0, q.start - 3):j]):
                return None, j, attackers, aux   # "sentenced to death", "condemns 12 to death"
            if w != "to" and not aux and j + 2 < n and (words[j + 2] in _OWN_OBJECT or (j + 2) in qs_at):
                return None, j, attackers, aux   # its own object: "abducted 38 passengers and shot dead the driver"
            return RIGHT2[(w, words[j + 1])], j, attackers, aux
        if w == "death" and j == q.end and not (j + 1 < n and words[j + 1] in _DEATH_NOUNS):
            return "killed", j, attackers, aux   # "there is one death", "no deaths"
        if w in RIGHT:
            if w in _NOUN_DEAD and words[j - 1] == "the" and j - 2 > q.end and words[j - 2] == "of":
                return None, j, attackers, aux   # "Thousands ... carrying portraits of the dead": a noun, no predicate
            if w == "dead" and not aux and words[j - 1] == "shot" and j + 1 < n and (
                    words[j + 1] in _OWN_OBJECT or (j + 1) in qs_at):
                return None, j, attackers, aux   # "abducted 38 passengers and shot dead the driver"
            if w in ACTIVE and not aux and j + 1 < n and (
                    words[j + 1] in QUAL1 or (j + 1) in qs_at or words[j + 1] in ("at", "more", "the", "his", "her", "their", "a", "an", "up", "over")):
                return None, j, attackers, aux  # active verb: "gunmen killed 5 people"
            return RIGHT[w], j, attackers, aux
        if noun_zone and (w in ATTACKERS or (w in _ARMY_NOUNS and words[j - 1] in INVADING_SIDES)):
            attackers = True   # ("1,200 Russian soldiers killed in a day, Kyiv says": an invading army's losses)
        j += 1
    return None, j, attackers, aux


_RAID_VERBS: Final = ("attacked", "raided", "stormed", "invaded", "ambushed")


def _raiders(doc: Doc, noun: str) -> bool:
    """Is the plural ``noun`` the subject of an attack verb in the title or lead ("herders attacked the village"),
    so that "1 of the herders" killed later is one of the attackers? (Read only for "N of the <noun>".)"""
    if not noun.isalpha() or not noun.endswith("s") or noun in _PERSON_NOUNS:
        return False
    end = max(doc.lead_end, doc.title_end)
    return any(doc.low.find(f"{noun} {v}", 0, end) != -1 for v in _RAID_VERBS)


def _attackers_after(words: list[str], e: int) -> bool:
    """Does an attackers' noun stand within three words after ``e``, in the same clause ("kills four
    militants"; not "kills four; suspect in custody")?"""
    for w in words[e:e + 3]:
        if w in CLAUSE_PUNCT or w == ",":
            return False
        if w in ATTACKERS:
            return True
    return False


# the place a person is "of" ("the chief of the village"): no person
_OF_PLACES = frozenset({"village", "town", "area", "district", "community", "locality", "settlement", "city"})


def _lone_conjunct(toks: Tokens, words: list[str], and_at: int, qs_at: dict[int, Quantity]) -> bool:
    """Is the phrase before ``and_at`` a single person with no number ("The police chief",
    "Al-Aqili, a prominent activist,")?"""
    if and_at >= 2 and words[and_at - 1] == ",":
        # "Name, appositive, and ...": the person is the name before the appositive
        c = and_at - 2
        while c >= 0 and words[c] != "," and words[c] not in CLAUSE_PUNCT and and_at - c <= 14:
            c -= 1
        if c <= 0 or words[c] != ",":
            return False
        if words[c + 1] not in ("a", "an", "the", "his", "her") and not any(
                toks[x][0][:1].isupper() for x in range(c + 1, and_at - 1)):
            return False
        and_at = c
    b = and_at - 1
    while b >= 0 and words[b] not in CLAUSE_PUNCT and words[b] not in STOP and words[b] != "," and and_at - b <= 10:
        if b in qs_at and words[b] not in ("the",) and not (
                words[b] in ("a", "an") and b + 1 < len(words) and words[b + 1][:1].isdigit()):
            return False
        b -= 1
    seg = list(range(b + 1, and_at))
    if not seg:
        return False
    if b >= 0 and words[b] == "of" and (words[seg[-1]] in _GROUP_NOUNS or words[seg[-1]] in _OF_PLACES):
        return False   # "Two members of a vigilance group and a herder": the group is no one more
    first = words[seg[0]]
    if first not in ("the", "a", "an", "his", "her") and not toks[seg[0]][0][:1].isupper():
        return False
    if any(words[x] in LEFT or words[x] in RIGHT or words[x] in AUX for x in seg):
        return False
    if any(toks[x][0].islower() and toks[x][0].endswith(("ed", "ing")) for x in seg):
        return False   # a clause ("security forces intervened"), not a person
    return not _head_plural([words[x] for x in seg])


def _lone_list(toks, words, and_at: int, qs_at) -> int:
    """How many lone persons the list before ``and_at`` names, when each after the first is a kin
    phrase ("the driver, his wife and five other passengers": two), 1 for a single one."""
    n = 1
    b = and_at
    while n < 4 and words[b - 1] != ",":
        while b > 0 and words[b - 1] not in CLAUSE_PUNCT and words[b - 1] not in STOP and words[b - 1] != ",":
            b -= 1
        if b < 2 or words[b - 1] != "," or words[b] not in _LIST_OPENERS or not _lone_conjunct(toks, words, b - 1, qs_at):
            break
        b -= 1
        n += 1
    return n


# "village head", "district head": a person, not a head of cattle
_HEAD_OF = frozenset({"village", "community", "district", "ward", "family", "clan", "tribal", "school", "council",
                      "youth", "security", "intelligence", "department", "party", "union", "militia"})
_KIN_PLURAL = frozenset({"sons", "daughters", "wives", "husbands", "brothers", "sisters", "children", "bodyguards",
                         "guards", "aides", "relatives", "companions", "colleagues", "escorts", "grandchildren",
                         "nephews", "cousins", "grandsons", "parents"})


# one kin after a comma ("Gunmen kill village head, his son in Plateau")
_KIN_ONE = frozenset({"son", "daughter", "wife", "husband", "brother", "sister", "child", "father", "mother",
                      "nephew", "grandson", "granddaughter", "bodyguard", "driver", "aide"})
_ZONE_OPENERS = frozenset({"including", "includes", "include", "among"})


def _subset_zones(toks: Tokens, words: list[str]) -> set[int]:
    """Token indices inside "including ..." / "among them ..." up to the next comma or verb."""
    zone: set[int] = set()
    n = len(words)
    for i in toks.positions(_ZONE_OPENERS.intersection(toks.vocab)):
        w = words[i]
        if w in ("including", "includes", "include") or (w == "among" and i + 1 < n and words[i + 1] in ("them", "whom", "those")):
            k = i + 1
            here: list[int] = []
            while k < n and words[k] not in CLAUSE_PUNCT and words[k] not in AUX and words[k] not in LEFT \
                    and words[k] not in RIGHT and k - i <= 16 and not (
                        words[k] == "," and k + 1 < n and words[k + 1] in ("and", "while", "but", "as", "who", "which")):
                here.append(k)
                k += 1
            if k < n and (words[k] in AUX or words[k] in RIGHT) and words[k - 1] != ",":
                # "..., including two soldiers and three people were injured": the last conjunct
                # is the subject of the next verb, not part of the list
                ands = [x for x in here if words[x] == "and"]
                if ands:
                    here = [x for x in here if x < ands[-1]]
            zone.update(here)
    return zone


# Any casualty or arrest word: sentences without one are never tokenised. Found with
# an Aho-Corasick automaton (one C-speed pass) rather than a regex alternation.
def _cue_words() -> frozenset[str]:
    """Every trigger word of the phrase tables, as whole words."""
    words = set(LEFT) | set(RIGHT) | set(_SINGULAR) | set(_SINGULAR_LEFT) | {"toll", "death", "succumbed", "lives"}
    words |= set(_BARE_VERBS) | {"body", "of their own", "of its own", "laid down his life", "laid down her life",
                                 "laid down their lives", "lays down his life", "lay down their lives"}
    words |= {" ".join(k) for k in LEFT2} | {" ".join(k) for k in RIGHT2}
    return frozenset(words)
# Words any "other event" phrase contains: only sentences with one run the full pattern.
_OTHER_WORDS = ("week", "month", "year", "decade", "since", "so far", "recent", "past", "another", "earlier",
                "similar", "annual", "once again", "last ", "in a report", "in an annual report", "in a new report",
                "in its report", "in its new report", "in its latest report", "in its annual report", "in their report")


# Month names for the background reading (``_background``): only sentences with one are
# searched for "in May 2020". "May" is an ordinary word too, so it rides in phrases only
# (none starting with an other-event anchor such as "since" or "last ", which it would shadow).
_MONTH_WORDS = ("january", "february", "march", "april", "june", "july", "august", "september", "october",
                "november", "december", "in may", "of may", "during may", "early may", "late may", "mid-may")


@functools.lru_cache(maxsize=4)
def _scanner(past_events: tuple[str, ...]) -> "ahocorasick.Automaton":
    """One automaton for the lower-cased text: casualty cues, other-event anchors, past events."""
    a = ahocorasick.Automaton()
    for w in _OTHER_WORDS:
        a.add_word(w, (len(w), "other"))
    for w in past_events:
        a.add_word(w, (len(w), "past"))
    for w in _cue_words():
        a.add_word(w, (len(w), "cue"))
    for w in _YEAR_WORDS:
        a.add_word(w, (len(w), "year"))
    for w in _MONTH_WORDS:
        a.add_word(w, (len(w), "month"))
    a.make_automaton()
    return a


# Years (1800-2099) are found by the shared automaton pass too (a regex scan of a long
# article costs as much as the whole pass); their boundaries are checked in Python.
_YEAR_WORDS = tuple(str(y) for y in range(1800, 2100))


@dataclass(frozen=True, slots=True)
class Scan:
    cue: frozenset[int]      # sentences with a casualty or arrest word
    other: frozenset[int]    # sentences about another time or event
    past: frozenset[int] = frozenset()   # of those, the ones naming a past year or a named past event
    months: frozenset[int] = frozenset()  # sentences naming a month
    # (sentence, offset): of the ``other`` sentences, those whose other time starts in a later clause
    # (``_clause_cut``); figures before the offset stay this event's
    cuts: tuple[tuple[int, int], ...] = ()


@functools.lru_cache(maxsize=4)
def scan_words(past_events: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(word, category) for the shared automaton: casualty cues, other-event anchors, past events."""
    out = {w: "other" for w in _OTHER_WORDS}
    out.update((w, "past") for w in past_events)
    out.update((w, "cue") for w in _cue_words())
    out.update((w, "year") for w in _YEAR_WORDS)
    out.update((w, "month") for w in _MONTH_WORDS)
    return tuple(sorted(out.items()))


def scan(doc: Doc, current_year: int | None, past_events: tuple[str, ...], hits=None) -> Scan:
    """Find the sentences to read for figures and the sentences about another time or
    event (years before the article's, "last week", "another attack", named past
    attacks). ``hits`` are (end, length, category) from the shared automaton's pass
    (``GroupMatcher.scan``); without them the text is scanned here."""
    where = _SentenceAt(doc)
    low = doc.low
    cue: set[int] = set()
    anchors: set[int] = set()
    other: set[int] = set()
    past: set[int] = set()
    months: set[int] = set()
    n = len(low)
    if hits is None:
        hits = [(end, length, cat) for end, (length, cat) in _scanner(past_events).iter(low)]
    years: list[tuple[int, int]] = []
    head_cue = n   # the first casualty cue of the head sentence
    for end, length, cat in hits:
        if cat == "year":
            years.append((end - length + 1, end + 1))
            continue
        if cat == "cue":
            # whole words only: "killed", not "skilled"; "dead", not "deadline"
            if (end + 1 < n and low[end + 1].isalpha()) or (end >= length and low[end - length].isalpha()):
                continue
            # a link's slug ("/2021/dec/06/...-killing-300-civilians") states nothing
            if low[end - length] in "-/_":
                word_start = max(low.rfind(" ", 0, end), low.rfind("\n", 0, end)) + 1
                if low.find("://", word_start, end) != -1:
                    continue
            i_cue = where.at(end)
            cue.add(i_cue)
            if i_cue == 0 and end < head_cue:
                head_cue = end
            continue
        if cat == "month":
            if not ((end + 1 < n and low[end + 1].isalpha()) or (end >= length and low[end - length].isalpha())):
                months.add(where.at(end))
            continue
        idx = where.at(end)
        if cat == "other":
            anchors.add(idx)
        else:
            other.add(idx)
            past.add(idx)
    cuts: dict[int, int] = {}
    for idx in anchors - other:
        sent = doc.sentences[idx]
        # a slice, not pos/endpos: RE2's wrapper converts offsets over the whole string
        s_low = low[sent.start:sent.end]
        o_at = _other_event_at(s_low, idx == 0)
        if o_at >= 0:
            other.add(idx)
            cut = _clause_cut(s_low, o_at) if (";" in s_low or ", " in s_low) else -1
            if cut > 0:
                cuts[idx] = cut
    if current_year is not None:
        for s0, e0 in years:
            if (s0 and (low[s0 - 1].isdigit() or low[s0 - 1] in ",.")) or (e0 < n and (low[e0].isdigit() or (
                    low[e0] == "," and (e0 >= doc.title_end or (e0 + 1 < n and low[e0 + 1].isdigit()))))):
                continue   # (a title's year before ", rights group says" is a year; "2,000,000" is none)
            if int(low[s0:e0]) < current_year:
                if head_cue < s0 < doc.title_end and low[max(0, s0 - 9):s0].split()[-1:] != ["in"]:
                    continue   # the head's own toll before a past event it names ("Gunmen kill 5 on anniversary
                    # of 2015 massacre", "Floods kill 20, worst since 2010")
                y_idx = where.at(s0)
                other.add(y_idx)
                past.add(y_idx)
                if y_idx in cuts and s0 - doc.sentences[y_idx].start < cuts[y_idx]:
                    del cuts[y_idx]   # a past year in the first clause dates it too
    return Scan(frozenset(cue), frozenset(other), frozenset(past), frozenset(months), tuple(sorted(cuts.items())))


class _SentenceAt:
    """The index of the sentence holding a text offset. The automaton's hits come in runs
    within one sentence: the last answer's range is tried before a binary search."""

    def __init__(self, doc: Doc):
        self.sentences = doc.sentences
        self.starts = [s.start for s in doc.sentences]
        self.lo = 0
        self.hi = 0    # the last answer holds for lo <= pos < hi (none yet)
        self.last = 0

    def at(self, pos: int) -> int:
        if self.lo <= pos < self.hi:
            return self.last
        starts = self.starts
        k = bisect.bisect_right(starts, pos) - 1
        self.lo = starts[k] if k >= 0 else -1
        self.hi = starts[k + 1] if k + 1 < len(starts) else _FAR
        self.last = self.sentences[k].index if k >= 0 else 0
        return self.last


_FAR = 1 << 60   # past any text offset


def read_figures(doc: Doc, sc: Scan) -> list[Figure]:
    other = sc.other
    cuts = dict(sc.cuts)
    figures: list[Figure] = []
    for idx in sorted(sc.cue):
        sent = doc.sentences[idx]
        cut = cuts.get(idx, -1)
        if cut < 0:
            figures.extend(_sentence_figures(doc, sent, idx in other))
        else:
            figures.extend(_clause_figures(doc, sent, cut))
    if doc.title_end and len(figures) > 1 and figures[0].sentence == 0:
        figures = _running_count(doc, figures)
    return figures


# a running count of the month ("The outbreak has killed 31 people since the start of the month")
_MONTH_SPANS = ("since the start of the month", "since the beginning of the month", "so far this month",
                " this month")


def _month_span(doc: Doc, sent: Sentence) -> bool:
    low = doc.low[sent.start:sent.end]
    return any(span in low for span in _MONTH_SPANS)


def _running_count(doc: Doc, figures: list[Figure]) -> list[Figure]:
    """The title's figures that a later lead sentence restates as a running count of the month ("Cholera outbreak
    kills 31 | The outbreak has killed 31 people since the start of the month") are that count: no event's."""
    dated = {(f.casualty.type, f.casualty.value) for f in figures
             if f.sentence > 0 and f.in_lead and not f.casualty.this_event and not f.casualty.perpetrators
             and _month_span(doc, doc.sentences[f.sentence])}
    if not dated:
        return figures
    out = []
    for f in figures:
        c = f.casualty
        if f.sentence == 0 and c.this_event and (c.type, c.value) in dated:
            f = f._replace(casualty=Casualty(type=c.type, value=c.value, qualifier=c.qualifier,
                                             approximate=c.approximate, text=c.text, this_event=False,
                                             perpetrators=c.perpetrators))
        out.append(f)
    return out


def _clause_figures(doc: Doc, sent: Sentence, cut: int) -> list[Figure]:
    """The figures of a sentence whose clause from offset ``cut`` on speaks of another time: the earlier
    clauses' figures are this event's ("Gunmen kill 6 in Zamfara; weekly attacks have killed 300 since
    January": 6), the rest another time's."""
    out = _sentence_figures(doc, sent, False)
    if not out:
        return out
    toks = Tokens(sent.text, doc.low[sent.start:sent.end])
    n_words = len(toks.words)
    res = []
    for f in out:
        c = f.casualty
        if c.this_event and not (0 <= f.trigger < n_words and toks.start(f.trigger) < cut):
            f = f._replace(casualty=Casualty(type=c.type, value=c.value, qualifier=c.qualifier,
                                             approximate=c.approximate, text=c.text, this_event=False,
                                             perpetrators=c.perpetrators))
        res.append(f)
    return res


_CAPTIVE_WORDS = ("abduct", "kidnap", "seize", "captur", "hostage")
_CAPTIVE_NOUNS = frozenset({"abductees", "hostages", "captives", "kidnapped", "abducted", "kidnappees"})
_DEATH_WORDS = ("killed", "dead", "died", "killing", "beheaded", "murdered")
# people hurt in the sentence before: "N of them died" counts the hurt who died ("a man stabbed 3 people at a
# synagogue. One of them died of his wounds in hospital." is 1)
_HURT_WORDS = ("stab", "wounded", "injured", "shot and wounded", "hurt")


def _of_the_captives(doc: Doc, sent: Sentence, words: list[str], t: int) -> bool:
    """Is "N of them" (or "of the hostages") at the start of a sentence after one that tells captives taken, or
    people hurt, and no death ("Militants seized 12 fishermen. Two of them were beheaded."): the part of the
    captives (or of the hurt) who were killed, a toll?"""
    if sent.index == 0 or t > 3 or not (words[t] == "them" or (
            words[t] == "the" and t + 1 < len(words) and words[t + 1] in _CAPTIVE_NOUNS)):
        return False   # ("Two of the abductees were killed the following day": the captives told before)
    prev = doc.low[max(0, sent.start - 240):sent.start]
    return (any(w in prev for w in _CAPTIVE_WORDS) or any(w in prev for w in _HURT_WORDS)) \
        and not any(w in prev for w in _DEATH_WORDS)


def _sentence_figures(doc: Doc, sent: Sentence, other: bool) -> list[Figure]:
    text = sent.text
    low = doc.low[sent.start:sent.end]
    toks = Tokens(text, low)
    words = toks.words
    if not words:
        return []
    vocab = toks.vocab
    qs: list[Quantity] = []
    nxt = 0
    # candidate starts: set intersection and one regex at C speed decide which scan to run
    if _has_digit(low):
        if low.isascii():   # "0" <= w < ":": the token starts with an ASCII digit (a cheap test)
            cands = [i for i, w in enumerate(words) if w in _FIGURE_START or "0" <= w < ":"]
        else:
            cands = [i for i, w in enumerate(words) if w in _FIGURE_START or w[0].isdigit()]
    else:
        cands = toks.positions(_FIGURE_START.intersection(vocab))
    kin = not _LIST_OPENERS.isdisjoint(vocab)   # ("a village head and his two wives": ``_article_and_kin``)
    for i in cands:
        if i < nxt:
            continue
        if words[i] in _ARTICLES and LEFT.keys().isdisjoint(words[max(0, i - 12):i]) and \
                RIGHT.keys().isdisjoint(words[i + 1:i + 9]) and not (kin and _article_and_kin(words, i)):
            continue   # "a"/"an" count one person only near a casualty word
        if kin and words[i] in ("a", "an") and _article_and_one_kin(words, i):
            continue   # "A doctor and his driver died": the pair is read as a bare subject (two)
        q = read_quantity(words, i)
        if q is not None:
            qs.append(q)
            nxt = q.end
    rep_m = _REPRISAL.search(low) if ("in respon" in low or "in retali" in low or "in reveng" in low
                                      or "in repris" in low or "to aveng" in low) else None
    if rep_m and low.startswith("to avenge", rep_m.start()) and \
            low[max(0, rep_m.start() - 12):rep_m.start()].split()[-1:] in _VOW_LAST:
        rep_m = None   # "vows to avenge killing of 12 soldiers": the vow answers this item's killing (``_vowed``)
    reprisal_at = rep_m.start() + sent.start if rep_m else None
    qs_at = {q.start: q for q in qs}
    q_starts = [q.start for q in qs]
    real_at = {q.start: q for q in qs if not _not_a_figure(toks, words, q, text, 0)}
    qs = [q for q in qs if q.start in real_at]
    zones = _subset_zones(toks, words) if ("includ" in low or "among" in low) else ()
    # "between 43 and 52", "5 to 7": ranges read as their lower bound
    ranges = {q.end - 1 for q in qs if q.start >= 1 and words[q.start - 1] == "between"}
    # "15 to 20 feared dead" (not "rose from 15 to 20": the toll's old figure, then its new one)
    ranges |= {q.end for q in qs if q.end + 1 < len(words) and words[q.end] == "to" and (q.end + 1) in real_at
               and real_at[q.end + 1].value > q.value and not (q.start >= 1 and words[q.start - 1] == "from")}
    # "toll rises from 15 to 20": the new figure (20) takes the old one's trigger; the old one is no toll
    rose_to = {real_at[q.end + 1].start: q for q in qs if q.start >= 1 and words[q.start - 1] == "from"
               and q.end + 1 < len(words) and words[q.end] == "to" and (q.end + 1) in real_at
               and real_at[q.end + 1].value > q.value} if "from" in vocab else {}
    rose_from = {p.start for p in rose_to.values()}
    left_of: dict[int, tuple[str, int]] = {}
    joined: dict[int, int] = {}   # the "and"/"," before a figure that counted the lone person listed before it
    out: list[Figure] = []
    rate_words = not _RATE_WORDS.isdisjoint(vocab)
    for qi, q in enumerate(qs):
        if q.end + 1 < len(words) and words[q.end] == "of" and words[q.end + 1] in ("them", "those", "these", "the") \
                and _left_trigger(words, _qualifier(words, q.start)[1]) is None \
                and not _of_the_captives(doc, sent, words, q.end + 1):
            continue  # "three of them": part of a figure given elsewhere ("killing five of them" is the toll)
        if q.start >= 2 and words[q.start - 1] in ("and", "to") and (q.start - 2 if words[q.start - 1] == "and"
                                                                      else q.start - 1) in ranges:
            continue  # "between 43 and 52 killed", "15 to 20 dead": the lower bound is the figure
        if q.weak and words[q.start] in ("a", "an") and q.end < len(words) and (
                words[q.end] in _NOT_PERSON or words[q.end] in QUAL1 or words[q.end] in _PAIR
                or (q.end in qs_at and not (q.end + 2 < len(words) and words[q.end + 1] == "-"
                                            and words[q.end + 2].startswith("year")))):
            continue  # "killed a short time later", "an additional five" (not "a 9-year-old girl": an age)
        if q.weak and q.start >= 1 and words[q.start - 1] == "of" and words[q.start] in ("a", "an") \
                and not _GROUP_NOUNS.isdisjoint(words[q.end:q.end + 3]):
            continue  # "Two members of a vigilance group and a herder": the group is no one more
        qual, k, subset = _qualifier(words, q.start)
        if k >= 2 and words[k - 1] in _QUOTES and q.end < len(words) and words[q.end] in _QUOTES:
            k -= 1   # "said it had killed 'more than 70' junta troops": quotes around the figure hide no verb
        subset = subset or q.start in zones
        if subset and k >= 1 and words[k - 1] == "among":
            subset = False   # "two children among 12 killed": 12 is the whole, "two" the part
        elif qi + 1 < len(qs) and words[qs[qi + 1].start - 1] == "among" and qs[qi + 1].start - q.end <= 6 \
                and _qualifier(words, qs[qi + 1].start)[1] == qs[qi + 1].start:
            subset = True
        kind = _left_trigger(words, k)
        rise = kind == "killed" and _rise(words, k)
        if q.start in rose_from and kind is not None:
            continue   # "rises from 15 to 20": 15 is the old toll
        if kind is None and q.start in rose_to:
            pk = _qualifier(words, rose_to[q.start].start)[1]
            kind = _left_trigger(words, pk)
            if kind is None and pk >= 2 and words[pk - 2] in _TOLL_VERBS:
                # "toll in Mogadishu hotel attack rises from 9 to 21": the verb's toll, further back
                kind = _left_trigger(words, pk - 1)
            k = pk if kind is not None else k
        if kind is not None and k >= 2 and words[k - 1] == "of" and words[k - 2] in _KILL_NOUNS and (
                (q.weak and _CONSEQUENCE.isdisjoint(words[max(0, k - 6):k - 2]))
                or not _BACKGROUND_CAUSE.isdisjoint(words[max(0, k - 8):k - 2])) and not _vowed(words, k) \
                and not _blamed_for(words, k):
            continue   # "in the wake of the murder of a driver", "arrested for the killing of two": another event
        attackers = False
        trig = k - 1
        if kind is None:
            co = _coordinated_left(words, qs, qi, left_of)
            if co is not None:
                kind, trig = co
        if kind is not None:
            left_of[q.start] = (kind, trig)
            # nouns right after a left-triggered figure: "killing 28 assailants"
            attackers = _attackers_after(words, q.end)   # (not "kills four; suspect in custody")
            if not attackers and words[q.end:q.end + 2] == ["of", "the"] and q.end + 2 < len(words) \
                    and _raiders(doc, words[q.end + 2]):
                attackers = True   # "herders attacked the village ... vigilantes killed 1 of the herders"
            if words[q.end:q.end + 1] == ["of"] and words[q.end + 2:q.end + 3] == ["own"]:
                # "Militants lost 3 of their own": the loser's side counts them
                attackers = any(w in ATTACKERS for w in words[max(0, k - 8):k])
            if not attackers and kind == "killed" and _forces_kill(words, trig, q.end):
                attackers = True  # "Security forces kill 30 fighters", "Army repels attack, kills 11"
            elif attackers and words[trig] in _LYNCH:
                attackers = False  # "Mob lynches two suspected kidnappers": a mob's victims, whatever they did
        else:
            reach = 24
            if q.weak and words[q.start] in _ARTICLES:
                # "a"/"an" counts only with its trigger within 4 tokens or a coordinated figure
                # between (see below): with no figure ahead, scanning further finds nothing usable
                nq = bisect.bisect_left(q_starts, q.end)
                if nq == len(q_starts) or q_starts[nq] >= q.end + 24:
                    reach = 5
            tj: int | None
            aux: bool | None
            kind, tj, attackers, aux = _right_trigger(words, toks, q, qs_at, reach)
            if kind is None:
                # (only where the clause goes on with no verb of its own: "... and one person was missing")
                lt = None if q.weak or (tj < len(words) and words[tj] in STOP and not (
                    words[tj] in _SAID and "," in words[q.end:tj])) else _left_through_and(words, k, real_at)
                if lt is None:
                    continue
                # "Strike kills Hezbollah commander and two civilians": the verb's second object
                kind, trig = lt
                attackers = _attackers_after(words, q.end) or (
                    kind == "killed" and _forces_kill(words, trig, q.end))
                tj = aux = None
            if tj is not None:
                trig = tj
                coordinated = any(x in qs_at for x in range(q.end, tj))
                # "Two fighters and a civilian killed": an article after a figure's "and"
                listed = q.weak and k >= 2 and words[k - 1] == "and" and any((k - d) in real_at for d in range(2, 8)) \
                    and tj - q.end <= 4 and q.end < len(words) and words[q.end] not in _NOT_VICTIM \
                    and words[q.end] not in _NOT_PERSON and words[q.end] not in _ANIMALS
                if q.weak and (not (aux or listed) or (tj - q.end > 4 and not coordinated)) and words[tj] not in (
                        "dead", "died", "deaths", "martyr", "martyrs", "martyred", "lost"):
                    continue
                if q.weak and words[q.start] in ("a", "an") and tj - q.end > 4 and not coordinated:
                    continue
        if kind is None:
            continue
        if kind == "arrested":
            attackers = False
        value = max(q.value, 0)
        if (k >= 2 and words[k - 1] in ("and", ",") and q.end < len(words) and words[q.end] in ("other", "others")
                and _lone_conjunct(toks, words, k - 1, real_at)):
            joined[k - 1] = _lone_list(toks, words, k - 1, real_at)
            value += joined[k - 1]  # "the commander and seven other soldiers were killed": eight
        elif (k >= 2 and words[k - 1] == "and" and not subset and trig > q.start
              and _lone_conjunct(toks, words, k - 1, real_at)):
            # "The district police chief and four assailants were killed": one more, a victim
            out.append(Figure(Casualty(type=kind, value=1, text=text[toks[max(k - 6, 0)][1]:toks[k - 1][2]],  # type: ignore[arg-type]
                                       this_event=not other), sent.index, sent.in_lead, False, trig))
        if kind == "killed" and not attackers and not subset and q.end < trig <= q.end + 8:
            value += _listed_one(words, q.end, trig)   # "Eight police officers and their driver killed": nine
        elif kind == "killed" and not attackers and not subset and trig < q.start:
            b = q.end   # "Gunmen kill four soldiers and their commander": five
            while b < len(words) and b < q.end + 8 and words[b] not in _OBJECT_END and not (
                    words[b] == "," and not _SAID.isdisjoint(words[b + 1:b + 4])):
                b += 1   # (", officials said" closes the list)
            value += _listed_one(words, q.end, b)
        if kind == "killed" and not attackers and not subset and _one_before_comma(words, k) and not (
                q.end < len(words) and words[q.end] in ("other", "others")) \
                and not any(x in left_of for x in range(k - 5, k - 1)):   # (counted above; "a teacher, three")
            value += 1   # "Woman, her two children hacked to death": three
            joined[k - 2 if words[k - 1] in ("his", "her", "their") else k - 1] = 1
        phrase = text[toks.start(max(k - 1, 0)):toks.end(min(q.end + 3, len(words) - 1))]
        elsewhere = (reprisal_at is not None and sent.start + toks[q.start][1] > reprisal_at) or (
            rate_words and (_rate_after(words, q.end) or _rate_after(words, trig + 1)))
        cas = Casualty(
            type=kind, value=value, qualifier=qual, approximate=q.approximate,  # type: ignore[arg-type]
            text=phrase, this_event=not (other or elsewhere), perpetrators=attackers,
        )
        np = (q.start, trig) if trig > q.start else (q.start, min(len(words), q.end + 6))
        out.append(Figure(cas, sent.index, sent.in_lead, subset, trig, np=np, rise=rise))
    taken = {f.trigger for f in out}
    if not _SINGULAR_CUES.isdisjoint(vocab):
        at_trigger: dict[int, list[int]] = {}   # trigger -> indices in out (linear, whatever the sentence)
        for x, g in enumerate(out):
            at_trigger.setdefault(g.trigger, []).append(x)
        for f in _singular(doc, sent, toks, words, other, real_at):
            if f.np[1] in joined:
                # "killing the driver, his wife and five other passengers": "his wife" is counted with the five
                if f.casualty.value <= joined[f.np[1]]:
                    continue
                c = f.casualty
                f = f._replace(casualty=Casualty(type=c.type, value=c.value - joined[f.np[1]], text=c.text,
                                                 this_event=c.this_event, perpetrators=c.perpetrators))
            same = at_trigger.get(f.trigger)
            if not same:
                out.append(f)
            elif 0 <= f.np[0] and all(f.np[1] <= out[x].np[0] for x in same):
                out.append(f)   # "kills a police officer and two civilians": the first object too
            elif f.casualty.value >= 2 and (inside := [x for x in same if out[x].np[0] < f.np[1]]) \
                    and len(inside) == 1 and out[inside[0]].casualty.value == 1 \
                    and out[inside[0]].casualty.type == f.casualty.type and not out[inside[0]].casualty.perpetrators:
                # "kill a farmer and his son": the pair, not the "a" the main loop read ("a teacher, his
                # wife and two children": the figure after the pair is read on its own)
                out[inside[0]] = f
            elif f.casualty.value >= 3 and (inside := [x for x in same if f.np[0] <= out[x].np[0] < f.np[1]]) \
                    and len(inside) == 1 and out[inside[0]].np[0] > f.np[0] \
                    and out[inside[0]].casualty.value == f.casualty.value - 1 \
                    and out[inside[0]].casualty.type == f.casualty.type and not out[inside[0]].casualty.perpetrators:
                # "shot dead a village head and two of his aides": the head with the two the main loop read
                out[inside[0]] = f
        taken = {f.trigger for f in out}
    killed_at = {f.trigger for f in out if f.casualty.type == "killed"}
    out.extend(f for f in _bare_subjects(sent, toks, words, other, real_at)
               if not any(t in killed_at for t in range(f.trigger, f.trigger + 4)))
    if out and not _JUDICIAL.isdisjoint(vocab):
        # "Iran executes man convicted of spying", "Texas executes inmate": a state's sentence, no attack
        out = [f for f in out if words[f.trigger] not in _EXECUTE]
    out.sort(key=lambda f: f.trigger)
    if out and "by" in vocab:
        out = [_by_forces(words, f) for f in out]
    if len(out) == 1 and len(words) <= 3 and sent.index == len(doc.sentences) - 1 and words[0][0].isdigit() \
            and words[1:2] in (["fatalities"], ["fatality"], ["killed"], ["dead"]) and words[2:] in ([], ["."]):
        out = [out[0]._replace(closing=True)]   # a note's closing "2 fatalities." line
    if len(out) > 1 and ";" in vocab:
        out = _semicolon_clauses(toks, words, out, sent.index == 0 and doc.title_end > 0)
    if out and ("also" in low or "in addition" in low or "additional" in low or "as well" in low
                or "another" in low or "a second" in low or "a third" in low or "a fourth" in low
                or "a fifth" in low) and _ADDS.search(low):
        out = [f._replace(adds=True) for f in out]
    elif out and "other" in words[1:4] and sent.index > 0:
        # "Two other policemen were killed when they arrived": a later sentence that adds victims
        q = read_quantity(words, 0)
        if q is not None and not q.weak and q.end < len(words) and words[q.end] == "other":
            out = [f._replace(adds=True) for f in out]
    return out


# Executions after a trial are no attack's victims (pattern 10): the execution verbs, and the
# judicial words that say a court's sentence was carried out.
_EXECUTE = frozenset({"execute", "executes", "executed", "executing", "hanged", "hangs", "hang"})
_JUDICIAL = frozenset({"convicted", "convict", "convicts", "court", "courts", "sentenced", "inmate", "inmates",
                       "verdict", "judiciary", "injection", "tribunal", "trial", "death-row", "prisoner-on-death"})


_SINGULAR = {"killed": "killed", "deceased": "killed", "strangled": "killed", "lynched": "killed", "injured": "wounded", "wounded": "wounded", "hurt": "wounded",
             "beheaded": "killed", "murdered": "killed", "executed": "killed", "dead": "killed",
             "died": "killed", "slain": "killed", "assassinated": "killed",
             # press releases of Pakistan's police and army ("Constable X and constable Y were martyred")
             "martyred": "killed"}


_SINGULAR_CUES = frozenset({"was", "were", "succumbed", "killed", "killing", "murdered", "assassinated", "beheaded",
                            "executed", "decapitated", "wounded", "injured", "wounding", "injuring"})
_ARTICLES = frozenset({"a", "an"})
_NAME_OBJECT_STOP = frozenset({"in", "at", "on", "near", "inside", "outside", "while", "during", "after", "before",
                                "as", "when", "who", "and", "from", "along", "with", "by", "for", "to", "of"})
_SINGULAR_LEFT = frozenset({"killed", "killing", "murdered", "assassinated", "beheaded", "executed", "decapitated",
                            "wounded", "injured", "wounding", "injuring", "kill", "kills", "murder", "murders",
                            "behead", "beheads", "lynch", "lynches", "lynched", "execute", "executes", "assassinate",
                            "assassinates", "kiled", "killling",
                            # "Gunmen massacre family of five" (never "massacre of ...": a noun)
                            "massacre", "massacres", "massacred"})
# "shot dead a soldier", "gunned down a farmer": read in _singular only (never cue words of their
# own: "down" alone would send every sentence holding it to the tokeniser)
_MANNER_LEFT = frozenset({"dead", "down"})
_SINGULAR_CUES = _SINGULAR_CUES | _SINGULAR_LEFT | _MANNER_LEFT
_INTENT = frozenset({"to", "will", "would", "could", "can", "may", "might", "not", "never", "cannot", "threatens",
                     "threaten", "threatened", "vow", "vows", "vowed", "plot", "plots", "plotted", "attempt", "attempts",
                     "try"})   # ("sugar can kill the burn": what a thing can do is no event)
_BARE_NOT_OBJ = frozenset({"it", "them", "us", "you", "me", "time", "off", "hopes", "chances", "dozens", "scores",
                           "hundreds", "thousands", "many", "several", "some", "all", "each", "any", "his", "their"})


# "... and another wounded" is one more person (``read_quantity``)
_FIGURE_START = NUMBER_START | {"another"}
_HOSPITALISED = frozenset({"hospitalised", "hospitalized", "admitted", "treated"})
_WOUND_NOUNS = frozenset({"wounds", "injuries", "wound", "injury"})
_HURT_THEN_DIED = frozenset({"shot", "stabbed", "wounded", "injured", "hit", "beaten", "burned", "attacked", "hurt"})


# After a ";", a clause that adds victims of the same event ("Two soldiers were killed; a civilian died in
# the crossfire") unless it opens another event or restates the toll
_CLAUSE_OTHER = frozenset({"separate", "elsewhere", "meanwhile", "another", "earlier", "previously", "last",
                           "yesterday", "since", "toll", "total", "bringing", "brings", "rose", "rises", "raising",
                           "including", "among", "them", "whom", "week", "month", "year", "ago", "later"})
_CLAUSE_PLACE = frozenset({"in", "at", "near"})
_RELATIVE = frozenset({"that", "which", "who"})   # "...; the shooting that killed 133": a restatement


# An attribution after a comma closes the object list, it is no verb of its figure ("killed a village head
# and three of his sons in X on Sunday, residents said")
_SAID = frozenset({"said", "says", "say", "told", "according"})


def _semicolon_clauses(toks: Tokens, words: list[str], out: list[Figure], title: bool) -> list[Figure]:
    """Mark the figures of a clause after a ";" (``Figure.clause``) when a figure comes before it and the
    clause names no other event, time or place (in a title only with "also")."""
    semis = [i for i, w in enumerate(words) if w == ";"][:8]
    places: list[set[str]] = []
    bounds = [-1, *semis, len(words)]
    for a, b in zip(bounds, bounds[1:]):   # the capitalised names after "in"/"at"/"near" in each clause
        places.append({toks[k + 1][0] for k in range(a + 1, b - 1) if words[k] in _CLAUSE_PLACE
                       and toks[k + 1][0][:1].isupper()})
    res = []
    for f in out:
        c = sum(1 for i in semis if i < f.trigger)
        if c and any(g.trigger < semis[c - 1] for g in out):
            clause = words[semis[c - 1] + 1:bounds[c + 1]]
            if _CLAUSE_OTHER.isdisjoint(clause) and _CLAUSE_OTHER.isdisjoint(words[bounds[c - 1] + 1:semis[c - 1]]) \
                    and _RELATIVE.isdisjoint(words[max(0, f.trigger - 2):f.trigger]) \
                    and (not title or "also" in clause) and not (
                    places[c] and places[c - 1] and places[c].isdisjoint(places[c - 1])):
                f = f._replace(clause=True)
        res.append(f)
    return res


def _later_died(words: list[str], m: int) -> int | None:
    """Index of "died" in "... and (later) died" within a few words of m, in the same clause."""
    for x in range(m, min(len(words), m + 8)):
        w = words[x]
        if w in CLAUSE_PUNCT or w == "," or w in ("while", "but", "who", "which", "when", "after"):
            return None
        if w == "died" and x >= 1 and (words[x - 1] == "and" or (words[x - 1] in _THEN and x >= 2 and words[x - 2] in ("and", ","))):
            return x
    return None


_GROUP_NOUNS = frozenset({"family", "household", "group", "unit", "crew", "team", "community", "clan", "tribe",
                          "convoy", "delegation", "congregation", "gang", "militia", "platoon", "battalion"})


def _head_plural(words: list[str]) -> bool:
    """A noun phrase whose head (last word) is a plural common noun ("fishermen", "ex-soldiers" too)."""
    ws = [w for w in words if w.isalpha() or w.replace("-", "").isalpha()]
    if not ws:
        return False
    h = ws[-1]
    if h.endswith("-by") or h.endswith("-in-law"):
        h = h[:h.index("-")]   # "passers-by", "sons-in-law": the plural is the first word
    return (h.endswith("s") and not h.endswith(("ss", "us", "is")) and len(h) > 3) or (
        h.endswith("men") and len(h) > 5 and h not in ("specimen", "abdomen", "regimen"))


def _appositives(toks: Tokens, words: list[str], a: int, b: int) -> set[int]:
    """Token indices of comma-enclosed appositives after a name: in "Ortega, a councillor and
    nurse, and her husband" the appositive describes Ortega and names no one else."""
    commas = [i for i in range(a, b) if words[i] == ","]
    skip: set[int] = set()
    for c1, c2 in zip(commas, commas[1:]):
        if c1 == a or words[c1 + 1] not in ("a", "an", "the") or c2 + 1 >= b or words[c2 + 1] != "and":
            continue
        name = [x for x in range(a, c1) if words[x] != ","]
        if name and all(toks[x][0][:1].isupper() or words[x] in ("-", "'") for x in name) and \
                not any(words[x] == "and" for x in name):
            skip.update(range(c1, c2 + 1))
    return skip


def _count_conjuncts(toks: Tokens, words: list[str], a: int, b: int) -> int | None:
    """Number of people in a determiner-led or named noun phrase list words[a:b]
    ("the bodyguard and his son" = 2, "an ALP commander and a government employee" = 2,
    "Ortega, a local councillor, and her husband" = 2)."""
    parts, cur = [], []  # type: list[list[int]], list[int]
    depth = 0
    skip = _appositives(toks, words, a, b) if "," in words[a:b] else ()
    for i in range(a, b):
        if i in skip:
            continue
        w = words[i]
        if w == "(":
            depth += 1
        elif w == ")":
            depth = max(0, depth - 1)
        if depth == 0 and w == "and":
            parts.append(cur)
            cur = []
        elif depth == 0 and w == ",":
            if cur:
                parts.append(cur)
                cur = []
        else:
            cur.append(i)
    if cur:
        parts.append(cur)
    if not parts or len(parts) > 4:
        return None
    n = 0
    for p in parts:
        ws = [words[i] for i in p if words[i].isalpha() or words[i].replace("-", "").isalpha()]   # "ex-soldier"
        if not ws:
            return None
        if ws[-1] in _LIVESTOCK or ws[-1] in _ANIMALS or (ws[-1][-1:] == "s" and ws[-1][:-1] in _ANIMALS):
            continue   # "a herder and his 30 cows": animals are no one
        if len(p) >= 3 and words[p[-2]] == "of" and words[p[-3]] in ("family", "household"):
            q = read_quantity(words, p[-1])
            if q is not None and not q.weak and not q.approximate and 2 <= q.value <= 30:
                n += q.value   # "a family of five": five
                continue
        if ws[0] in ("his", "her", "their") and len(p) > 2 and ws[-1] in _KIN_PLURAL:
            q = read_quantity(words, p[1])
            if q is not None and not q.weak and not q.approximate and 2 <= q.value <= 20:
                n += q.value   # "a village chief and his two sons": three
                continue
        if len(p) == 4 and words[p[1]] == "of" and words[p[2]] in ("his", "her", "their") \
                and words[p[3]] in _KIN_PLURAL:
            q = read_quantity(words, p[0])
            if q is not None and not q.weak and not q.approximate and 2 <= q.value <= 20:
                n += q.value   # "the headman of the village and three of his sons": four
                continue
        if read_quantity(words, p[0]) and words[p[0]] not in ("a", "an", "one"):
            return None
        if _head_plural(ws) and ws[0] not in ("a", "an", "one", "his", "her"):
            return None
        n += 2 if ws[-1] in _PAIR else 1   # "killed a couple": two
    return n or None


# animals a list may name beside its people (``_ANIMALS`` and their plurals too)
_LIVESTOCK = frozenset({"cattle", "livestock", "animals", "sheep", "poultry", "chickens", "hens", "oxen", "herd",
                        "herds", "flock", "flocks"})


def _antecedent(doc: Doc, sent: Sentence, head: str) -> int | None:
    """The number given for ``head`` ("four boys") in the sentences before this one."""
    if not head.isalpha():
        return None
    before = doc.low[max(0, sent.start - 600):sent.start].split()
    last = None
    for at, tok in enumerate(before):
        if not tok.startswith(head) or (len(tok) > len(head) and (tok[len(head)].isalnum() or tok[len(head)] == "_")):
            continue
        ws = [w.strip(",") for w in before[max(0, at - 4):at]] + [head]
        for i in range(len(ws) - 1):
            q = read_quantity(ws, i)
            if q is not None and not q.weak and not q.approximate:
                last = q.value
                break
    return last


_DATE_OPEN = frozenset({"on", "around", "between", "during", "late", "early", "overnight", "as"})


def _past_date(words: list[str], start: int, j: int) -> int:
    """Past a note's opening date and its comma ("On 3 May 2026, ..."), which is no conjunct of
    the subject after it; else ``start``."""
    c = start
    while c < j and c - start < 8 and words[c] != ",":
        c += 1
    if c < j and words[c] == "," and any(words[y] in MONTHS or (words[y].isdigit() and len(words[y]) == 4)
                                         for y in range(start, c)):
        return c + 1
    return start


def _singular(doc: Doc, sent: Sentence, toks: Tokens, words: list[str], other: bool, qs_at: dict[int, Quantity]) -> list[Figure]:
    """Figures given without a number: "the driver was killed" (one), "the bodyguard
    and his son were killed" (two), "shot and killed a judge" (one)."""
    out = []
    n = len(words)
    has_died = "died" in toks.vocab
    for j in toks.positions(_SINGULAR_CUES.intersection(toks.vocab)):
        w = words[j]
        combatant = False
        if w in ("was", "were", "succumbed"):
            m = j + 1
            while m < n and words[m] in ("also", "later", "reportedly", "fatally", "critically", "seriously",
                                         "subsequently", "eventually", "allegedly", "then", "both"):
                m += 1
            if m < n and words[m] in ("shot", "found") and m + 1 < n and words[m + 1] in ("dead", "deceased", "killed"):
                m += 1
            elif m + 2 < n and words[m + 1:m + 3] == ["to", "death"]:
                m += 2  # "was strangled / hacked / beaten to death"
            elif m + 2 < n and words[m] in ("shot", "stabbed", "abducted", "kidnapped", "beaten", "attacked",
                                           "tortured", "hacked", "captured") and words[m + 1] == "and":
                m += 2  # "was shot and killed"
                if m + 1 < n and words[m] in _THEN:
                    m += 1  # "was kidnapped and later killed"
                if m + 1 < n and words[m] == "found" and words[m + 1] in ("dead", "deceased"):
                    m += 1  # "was kidnapped and later found dead"
                if m + 2 < n and words[m + 1:m + 3] == ["to", "death"]:
                    m += 2  # "was shot and hacked to death"
            elif m < n and words[m] in _HURT_THEN_DIED and has_died:
                d = _later_died(words, m + 1)
                if d is not None:
                    m = d   # "was shot in the forehead and died", "was wounded and later died"
            hurt = m < n and words[m] in _HOSPITALISED and not _WOUND_NOUNS.isdisjoint(words[m + 1:m + 6])
            if w == "succumbed":
                m = j  # "succumbed to his injuries": one death
            elif not hurt and (m >= n or (words[m] not in _SINGULAR and words[m] != "death")):
                continue
            # "his wife was hospitalised with shrapnel wounds": one wounded
            kind = "wounded" if hurt else _SINGULAR.get(words[m], "killed")
            b = j - 1
            while b >= 0 and words[b] not in (".", ";", ":", "?", "!") and words[b] not in STOP and j - b <= 25:
                b -= 1
            # nearest clause start: "... , and X was killed" -> after the last "and"/"," at depth 0
            start = b + 1
            for x in range(j - 1, b, -1):
                if words[x] in ("while", "but") or (words[x] == "and" and x + 1 < j and words[x + 1] in ("the", "a", "an", "his", "her", "their")
                                                   and w == "was"):
                    start = x + 1
                    break
            if start < j and (words[start] in _DATE_OPEN or words[start] in MONTHS):
                start = _past_date(words, start, j)   # "On 3 May 2026, a woman and her baby were killed"
            if start >= j or any(x in qs_at and words[x] not in ("a", "an", "one", "single", "both") for x in range(start, j)):
                continue
            subj = words[start:j]
            if any(s in ATTACKERS or s in ("assailant", "attacker", "gunman", "bomber", "suspect") for s in subj):
                head_np = subj[len(subj) - subj[::-1].index(","):] if "," in subj else subj
                if w != "was" or not head_np or head_np[0] not in ("a", "an", "one", "the"):
                    continue
                combatant = True   # "a cadre of the rebel group was killed": one combatant, counted apart
            if "number" in subj:
                continue  # "an unknown number of the victims were beheaded": no count
            if subj[0] in ("no", "nobody", "none", "it", "this", "that", "which", "who", "there"):
                continue
            if w in ("was", "succumbed"):
                count: int | None = 1
            else:
                count = _count_conjuncts(toks, words, start, j)
                if count is None and subj[0] == "the" and _head_plural(subj):
                    count = _antecedent(doc, sent, subj[-1])  # "The boys were killed": "abducted four boys"
                if count is None or count < 2:
                    continue
            trig = m
            np_span = (start, j)
        elif (w in _SINGULAR_LEFT or w in _MANNER_LEFT) and j + 1 < n and j not in qs_at:
            # "shot and killed a judge", "killed Wali Raghi, a senior official"
            if w in ("dead", "down") and (j == 0 or words[j - 1] not in _SHOT):
                continue   # only "shot dead a soldier", "gunned down a farmer"
            k = j + 1
            if words[k] in _QUOTES and k + 1 < n:
                k += 1   # "Al-Shabab 'Executes' Five": the closing quote of the verb
            if words[k] == "off":
                continue   # "kill off the challenge", "killed off hopes": a figure of speech
            if w == "killing" and words[k] == "of" and k + 1 < n and sent.index == 0 and doc.title_end > 0 \
                    and (j == 0 or words[j - 1] not in _KILLING_OF_NOT) and words[k + 1] not in _KILLING_OF_NOT \
                    and (_blamed_for(words, k + 1) or _BACKGROUND_CAUSE.isdisjoint(words[max(0, j - 8):j])):
                k += 1   # a headline's "ELN blamed for killing of social leader" (no article): this event's one
            if words[k] in ("switch", "switches") and w == "kill":
                continue   # "adds kill switch to phones": a device
            if w[:8] == "massacre" and (words[k] in ("of", "site", "sites", "survivors", "victims", "anniversary")
                                        or (j > 0 and words[j - 1] in _ARTICLES)):
                continue   # "the massacre of 20 villagers", "massacre survivors": a noun
            if (k in qs_at and words[k] not in _ARTICLES and not (k + 1 < n and words[k + 1] in _PAIR)) \
                    or (words[k] in QUAL1 and not (words[k] == "another" and k + 1 < n and (k + 1) not in qs_at)) \
                    or (k + 1 < n and (words[k], words[k + 1]) in QUAL2) or words[k] in ("at", "more", "over", "up", "about", "nearly", "by",
                                                                  "in", "on", "during", "while", "and", "or", ","):
                continue
            if words[j] in ("wounded", "injured", "killed") and j > 0 and words[j - 1] in AUX:
                continue
            if j > 0 and words[j - 1] in _INTENT:
                continue  # "plot to kill a minister", "vowed to kill": no one died
            if k + 2 < n and words[k].isdigit() and words[k + 1] == "-" and words[k + 2].startswith("year"):
                k += 3    # "kills 32-year-old shopkeeper": the age is not a count
            e = k
            while e < n and words[e] not in _NAME_OBJECT_STOP and words[e] not in CLAUSE_PUNCT and words[e] != "," and e - k < 10:
                e += 1
            listed = 0
            if e + 2 < n and words[e] == "," and toks[k][0][:1].isupper() and not _title_case(toks):
                listed, e = _named_people(toks, words, e)   # "killed Hassan Omar, a village elder, his son Abdi
                # and a neighbour, Fatuma Ali": three, named one by one
            if e + 1 < n and words[e] == "of" and words[e - 1] in ("family", "household") and (e + 1) in qs_at:
                e += 2   # "kills family of five": the number is the family's size
            if sent.index == 0 and doc.title_end > 0 and e + 1 < n and words[e] == "," and (
                    after := _comma_listed(words, e + 1)) > 0 and (
                    after == n or words[after] in _NAME_OBJECT_STOP or words[after] in CLAUSE_PUNCT
                    or words[after] in (",", "and", "off", "aboard", "onboard")):
                e = after   # a headline's bare kin or person after a comma: "Gunmen kill imam, son in mosque",
                # "Militants kill police officer, local councillor in Bannu"
            if e + 1 < n and words[e] == "," and words[e + 1] in ("his", "her", "their"):
                x = e + 1   # "a chief, his wife and their 3 children": a list closed by "and"
                while x < n and words[x] not in _NAME_OBJECT_STOP and words[x] not in CLAUSE_PUNCT \
                        and words[x] not in (",", "and") and x - e < 6:
                    x += 1
                if x + 1 < n and words[x] == "and" and (words[x + 1] in ("a", "an", "the", "his", "her", "their")
                                                      or (x + 1) in qs_at):
                    e = x   # ("..., his wife and two children": the figure after "and" is read on its own)
            if e + 2 < n and words[e] == "of" and (words[e + 1] in ("the", "a", "his", "her", "their")
                                                   or toks[e + 1][0][:1].isupper()):
                x = e + 2   # "the headman of the village and three of his sons", "the chief of Dogo village and
                # four of his sons": the complement names no one
                while x < n and x - e <= 4 and words[x] not in _NAME_OBJECT_STOP and words[x] not in CLAUSE_PUNCT \
                        and words[x] != ",":
                    x += 1
                if x + 4 < n and words[x] in (",", "and") and words[x + 2] == "of" and (x + 1) in qs_at \
                        and words[x + 3] in _LIST_OPENERS and words[x + 4] in _KIN_PLURAL:
                    e = x
            if e + 4 < n and words[e] in (",", "and") and words[e + 2] == "of" and words[e + 3] in _LIST_OPENERS \
                    and words[e + 4] in _KIN_PLURAL and (e + 1) in qs_at:
                e += 5   # "kill village headman, three of his sons": his sons are listed with him
            # "A and B" objects
            if e < n and (words[e] == "and" or (words[e] == "," and e + 3 < n and words[e + 3] in _KIN_PLURAL
                                                and words[e + 2][:1].isalnum())
                          or (words[e] == "," and e + 2 < n and words[e + 2] in _KIN_ONE)) \
                    and e + 1 < n and words[e + 1] in ("a", "an", "the", "his", "her", "their") \
                    and (words[e] == "and" or words[e + 1] != "the"):   # "kill ruler, his two wives"
                e2 = e + 1
                while e2 < n and words[e2] not in _NAME_OBJECT_STOP and words[e2] not in CLAUSE_PUNCT and words[e2] != "," and e2 - e < 10:
                    e2 += 1
                e = e2
            if e == k:
                continue
            if e + 1 < n and words[e] == "and" and e - k == 1 and toks[k][0][:1].isupper() \
                    and toks[e + 1][0][:1].isupper() and words[e + 1].isalpha():
                f = e + 1   # "killing Kenyan and Ugandan soldiers": adjectives of one plural noun
                while f < n and f - e <= 3 and words[f] not in _NAME_OBJECT_STOP and words[f] not in CLAUSE_PUNCT:
                    f += 1
                if _head_plural(words[e + 1:f]):
                    continue
            obj = words[k:e]
            if w[:8] == "massacre" and not any(x in _PERSON_NOUNS or x in ("family", "families", "household")
                                               for x in obj):
                continue   # "Al Ahly massacre Zamalek 4-0": a named object is no person to this verb
            if j == 0 and sent.index == 0 and doc.title_end > 0 and words[j] == "kill" and obj[0] in ("the", "a", "an") \
                    and _PERSON_NOUNS.isdisjoint(obj) and _KIN_ONE.isdisjoint(obj):
                continue   # "Kill the heat: how to tame a chilli oil": an imperative opening a headline, no victim
            if obj and obj[0] in ("my", "our", "your", "me", "us", "you"):
                continue   # "'They killed my whole family': 17 villagers slain": a quote, in any case
            if "number" in obj or (obj[-1] in _NOT_VICTIM and not any(x in ATTACKERS for x in obj)) \
                    or (obj[0] in _ARTICLES and not _NOT_PERSON.isdisjoint(obj)):
                continue   # "killed an unknown number of herders", "killed the bill": no count
            named = any(toks[x][0][:1].isupper() for x in range(k, e))
            # a headline drops its articles: "Gunmen behead village chief in Ituri" is one victim
            bare = (sent.index == 0 and doc.title_end > 0 and all(x.isalpha() or "-" in x or x == "," for x in obj)
                    and obj[-1] not in _NOT_VICTIM and obj[-1] not in _NOT_PERSON
                    and (obj[-1] not in THINGS or (obj[-1] == "head" and len(obj) > 1 and obj[-2] in _HEAD_OF))
                    and not any(x in ATTACKERS for x in obj) and obj[0] not in _BARE_NOT_OBJ)
            if not (toks[k][0][:1].isupper() or obj[0] in ("a", "an", "the", "his", "her", "their", "its", "one", "him",
                                                           "another")
                    or (named and not _head_plural(obj))
                    or (bare and not _head_plural(obj[:obj.index(",")] if "," in obj else _before_kin(obj)))):
                continue
            if obj[0] in ("the", "their", "its") and _head_plural(obj[:obj.index("and")] if "and" in obj else obj):
                continue   # ("the headman and his three sons": a singular first)
            count = listed or _count_conjuncts(toks, words, k, e)
            if count is None:
                continue
            kind = _SINGULAR.get(words[j], "killed") if words[j] not in ("wounding", "injuring") else "wounded"
            if words[j] in ("killing",):
                kind = "killed"
            trig = j
            np_span = (k, e)
            # "Army kills suspected terrorist": a combatant, counted apart
            combatant = kind == "killed" and (any(x in ATTACKERS for x in obj) or _forces_kill(words, j, k))
        else:
            continue
        phrase = " ".join(t[0] for t in toks[max(j - 6, 0):min(j + 4, n)])
        out.append(Figure(Casualty(type=kind, value=count, text=phrase, this_event=not other,  # type: ignore[arg-type]
                                   perpetrators=combatant),
                          sent.index, sent.in_lead, False, trig, np=np_span))
    return out


# --- members of an armed group are combatants (pattern 8) -----------------------------------
# "Two ISWAP commanders killed", "12 Boko Haram fighters killed in raid", "2 members of the PKK
# were killed": people named as members of a catalogued armed group are that group's combatants,
# counted apart from the victims like "militants". The group must stand in the counted noun phrase
# itself ("Al-Shabaab kills three members of the council" counts victims: the group is the killer),
# and no other group be named (one group's members killed by another's attack are its victims).
_MEMBERS = frozenset({
    "fighter", "fighters", "member", "members", "commander", "commanders", "sub-commander", "sub-commanders",
    "subcommander", "subcommanders", "leader", "leaders", "operative", "operatives", "combatant", "combatants",
    "emir", "emirs", "kingpin", "kingpins", "ringleader", "loyalists", "recruits", "deputy", "chieftain",
    "spokesman", "lieutenant", "lieutenants", "militiamen", "militiaman", "men", "man",
})
_NP_BREAK = CLAUSE_PUNCT | {",", "and", "or", "in", "at", "on", "near", "by", "from", "with", "during", "after",
                            "including", "among", "incl", "plus"}


def _listed_after_member(doc: Doc, lo: int, at: int, groups: list[tuple[int, int]]) -> bool:
    """The counted phrase at ``at`` follows a group's member in one list ("Al-Shabaab
    commander, 4 fighters killed"; "an ISWAP leader and 6 fighters"): they are its members too."""
    head = doc.low[max(lo, at - 60):at].rstrip()
    head = head[:-1] if head.endswith(",") else head[:-4] if head.endswith(" and") else ""
    k = head.rfind(" ") + 1
    if head[k:] not in _MEMBERS or head[k:] in ("man", "men"):
        return False
    end = max(lo, at - 60) + k - 1   # where the group's name would end
    return any(e == end for _, e in groups)


def members_apart(doc: Doc, figures: list[Figure], mentions) -> list[Figure]:
    """Mark as combatants the figures whose people are members of a group in ``mentions``
    ((start, end, group id) in the document's text)."""
    if mentions and figures and len({g for _, _, g in mentions}) > 1:
        # a group that only speaks ("Taliban say 12 ISKP fighters killed") reports its enemy's dead
        mentions = [m for m in mentions if not _speaks(doc.low, m[1])]
    if not mentions or not figures or len({g for _, _, g in mentions}) > 1:
        # another group in the article may be the attacker: "Five Taliban members were killed"
        # in an attack the Islamic State claimed are its victims
        return figures
    out = list(figures)
    extra: list[tuple[int, Figure]] = []
    spans_sorted = sorted((s, e) for s, e, _ in mentions)
    starts_sorted = [s for s, _ in spans_sorted]
    sentence_tokens: dict[int, Tokens] = {}   # a sentence's, as its figures were read: np indexes them
    for i, f in enumerate(figures):
        c = f.casualty
        a, b = f.np
        if c.perpetrators or c.type == "arrested" or a < 0:
            continue
        sent = doc.sentences[f.sentence]
        lo_m, hi_m = bisect.bisect_left(starts_sorted, sent.start), bisect.bisect_left(starts_sorted, sent.end)
        if lo_m == hi_m:
            continue
        # where the counted phrase starts: worked out here, for the few figures beside a group's name
        st = sentence_tokens.get(f.sentence)
        if st is None:
            st = sentence_tokens[f.sentence] = Tokens(sent.text, doc.low[sent.start:sent.end])
        if a >= len(st.words):
            continue
        np_at = st.start(a)
        # tokens of the counted phrase only (and a few words after it: "members of the PKK")
        seg0 = sent.start + np_at
        seg1 = min(sent.end, seg0 + 200)
        inside = [(s - seg0, e - seg0) for s, e in spans_sorted[lo_m:min(hi_m, lo_m + 16)]]
        toks = Tokens(doc.text[seg0:seg1], doc.low[seg0:seg1])
        words = toks.words
        a, b = 0, min(b - a, len(words))
        for x in range(a, b):
            w = words[x]
            if w in _NP_BREAK or w in STOP or (x > a and (w in LEFT or w in RIGHT or w in AUX)):
                break
            if w not in _MEMBERS:
                nx = words[x + 1] if x + 1 < len(words) else "."
                if w[-1:] == "s" and w.isalpha() and (nx in _NP_BREAK or nx in STOP or nx in LEFT or nx in RIGHT
                                                      or nx in AUX) \
                        and any(s == toks.start(x) and e == toks.end(x) for s, e in inside):
                    w = "members"   # "14 Maoists killed in encounter", "Naxals": the group's own plural name
                else:
                    continue
            lo, hi = toks.start(a), toks.start(x)
            own = any(lo <= s and e <= hi for s, e in inside) or w is not words[x]   # "two ISWAP commanders"
            if not own and x + 1 < len(words) and words[x + 1] == "of":
                y = x + 3 if x + 2 < len(words) and words[x + 2] == "the" else x + 2
                own = y < len(words) and any(s == toks.start(y) for s, _ in inside)   # "members of the PKK"
            if not own and x > a:
                own = _listed_after_member(doc, sent.start, seg0, spans_sorted[lo_m:hi_m])
            if own:
                civ = _civilian_listed(words, x, b) if c.value >= 2 and not _head_plural([w]) else 0
                out[i] = f._replace(casualty=Casualty(
                    type=c.type, value=c.value - civ, qualifier=c.qualifier, approximate=c.approximate,
                    text=c.text, this_event=c.this_event, perpetrators=True))
                if civ:   # "kills Hezbollah member, passer-by": the member a combatant, the passer-by a victim
                    extra.append((i, f._replace(casualty=Casualty(
                        type=c.type, value=civ, qualifier=c.qualifier, approximate=c.approximate,
                        text=c.text, this_event=c.this_event, perpetrators=False))))
            break
    for i, g in reversed(extra):
        out.insert(i + 1, g)
    return out


_SPEAK = frozenset({"say", "says", "said", "announce", "announces", "announced", "report", "reports", "reported",
                    "confirm", "confirms", "confirmed", "told", "tells"})
_SPEAKERS = frozenset({"spokesman", "spokesperson", "officials", "official", "government", "authorities",
                       "administration", "leaders", "ministry", "police", "forces"})


def _speaks(low: str, e: int) -> bool:
    """Does the group named up to offset ``e`` only speak ("Taliban say", "Taliban officials said")?
    (Not "claimed": a group that claims an attack is its attacker.)"""
    after = low[e:e + 40].split(None, 2)[:2]   # (no more than the two words it reads)
    if after and after[0] in _SPEAKERS:
        after = after[1:]
    return bool(after) and after[0] in _SPEAK


# the people of a group's member's retinue, listed after him, are its members too ("commander, bodyguard")
_RETINUE = frozenset({"bodyguard", "guard", "aide", "escort", "driver", "companion", "colleague", "deputy",
                      "commander", "lieutenant", "associate", "accomplice"})


def _civilian_listed(words: list[str], x: int, b: int) -> int:
    """After a group's lone member at ``x``, one person listed with him in the counted phrase that ends at
    ``b`` who is no member: a passer-by, a child, a farmer ("Hezbollah member, passer-by"); 1 or 0."""
    y = x + 1
    if y >= b or words[y] not in (",", "and"):
        return 0
    rest = [w for w in words[y + 1:b] if w not in ("a", "an", "the", "his", "her", "their", "local", "young")]
    if len(rest) != 1:
        return 0
    w = rest[0]
    return 1 if (w in _ONE_LISTED or w in _VICTIMS) and w not in _RETINUE and w not in _MEMBERS \
        and w not in ATTACKERS and w not in _FORCE_MEMBERS else 0


# --- one incident of a series: aggregate figures divided among the attacks ---------------
# Incident databases code each attack of a coordinated series as its own incident, and their
# summaries often give the series' figure ("This was one of three related attacks. Twelve people
# were killed across the attacks."). The GTD codebook's convention for such multi-part events is
# to divide an aggregate casualty figure evenly among the incidents it covers; we follow it, as we
# follow ACLED for "dozens". Two conditions, both needed:
#   1. the article frames its event as one of N ("one of three coordinated attacks");
#   2. the figure's own sentence marks it as an aggregate over several attacks ("across the
#      attacks", "in the three raids", "between two of the attacks", "across both", "in total").
# The divisor is the count stated in the figure's phrase when there is one ("across the three
# assaults", "between two of the attacks", "both"), else the N of "one of N". The event's figure
# is then approximate (qualifier "about"); the aggregate itself stays in ``casualties`` with
# this_event=False. Ordinary news ("coordinated attacks on three villages killed 40") does not
# frame itself as one of N, so nothing is divided: the aggregate is the event.
# Rounding (SPLIT_ROUNDING), measured with bench/extraction.py on the GTD dev set (1,404 rows):
#   round half up: killed 1228/1280, rows with deaths 748/797, wounded 1108/1159   <- chosen
#   floor:         killed 1229/1280, rows with deaths 746/797, wounded 1103/1159
#   ceil:          killed 1219/1280, rows with deaths 741/797, wounded 1103/1159
# (GTD spreads a remainder over some of the incidents, so rounding to nearest fits best.)
_EVENTS_PL = (r"(?:attacks|incidents|clashes|bombings|blasts|assaults|raids|ambushes|explosions|strikes|"
              r"shootings|killings|massacres|operations|battles|skirmishes|incursions|events)")
# "in the blasts" may be the several bombs of one attack; "across the blasts" is not
_ATTACKS_PL = (r"(?:attacks|incidents|clashes|assaults|raids|ambushes|shootings|killings|massacres|operations|"
               r"battles|skirmishes|incursions|events)")
_NUM_WORD = r"(\d+|[a-z]+(?:-[a-z]+)?)"
_SERIES = safe_re.compile(r"one of (?:the |at least |about |some |up to )?" + _NUM_WORD
                     + r" (?:[\w-]+ ){0,3}?" + _EVENTS_PL + r"\b")
_AGGREGATE = safe_re.compile(
    r"\bacross (?:all |each )?(?:of )?(?:the |these |those )?(?:" + _NUM_WORD + r" )?(?:[\w-]+ ){0,2}?"
    + _EVENTS_PL + r"\b"
    r"|\b(?:in|during|from) (?:all |each )?(?:of )?(?:the |these |those )(?:" + _NUM_WORD + r" )?(?:[\w-]+ ){0,2}?"
    + _ATTACKS_PL + r"\b"
    r"|\b(?:across|in|during|between|from) (both)\b"
    r"|\bbetween " + _NUM_WORD + r" of (?:the |these |those )" + _EVENTS_PL + r"\b"
    r"|\b(?:in total|in all|combined|altogether)\b"
)
# a clause of the same sentence about this one attack is not divided ("in the attack")
_SINGLE = safe_re.compile(r"\b(?:in|during) (?:the|this|that) (?:attack|incident|assault|raid|bombing|blast|ambush|clash)\b")
SPLIT_ROUNDING = "round"


def _count(word: str | None) -> int | None:
    if not word:
        return None
    if word == "both":
        return 2
    q = read_quantity([word], 0)
    if q is None or q.weak or q.approximate or not 2 <= q.value <= 100:
        return None
    return q.value


def series_size(doc: Doc) -> int | None:
    """N when the article frames its event as "one of N" attacks or incidents."""
    low = doc.low
    at = low.find("one of ")
    while at != -1:   # str.find, then an anchored match: far cheaper than a search over the text
        if at == 0 or not low[at - 1].isalnum():
            m = _SERIES.match(low[at:at + 200])
            if m:
                return _count(m.group(1))
        at = low.find("one of ", at + 7)
    return None


def split_aggregates(doc: Doc, figures: list[Figure]) -> list[Figure]:
    """Mark figures that are an aggregate over a series of attacks (see the comment above)."""
    if not figures:
        return figures
    n = series_size(doc)
    if n is None:
        return figures
    out = []
    cache: dict[int, int | None] = {}
    for f in figures:
        if f.sentence not in cache:
            sent = doc.sentences[f.sentence]
            low = doc.low[sent.start:sent.end]
            m = _AGGREGATE.search(low)
            cover = None
            if m and not _SINGLE.search(low):
                cover = next((c for c in map(_count, m.groups()) if c is not None), None) or n
            cache[f.sentence] = cover
        cover = cache[f.sentence]
        out.append(f._replace(series=cover) if cover and cover > 1 else f)
    return out


def divide(total: int, parts: int) -> int:
    """An aggregate divided evenly among ``parts`` attacks, rounded by SPLIT_ROUNDING."""
    if SPLIT_ROUNDING == "ceil":
        return -(-total // parts)
    if SPLIT_ROUNDING == "round":
        return (2 * total + parts) // (2 * parts)  # half up
    return total // parts


def _pick(figs: list[Figure], kind: str) -> tuple[int | None, list[Figure]]:
    """The toll for this event: the first sentence (title and lead first) with an
    exact figure of this kind, its victim figures summed; approximate figures only
    when no exact one is given. An aggregate over a series of attacks is divided."""
    cands = [f for f in figs if f.casualty.type == kind and f.casualty.this_event and not f.subset]
    if not cands:
        return None, []
    closing = [f for f in cands if f.closing]
    if closing:   # an analyst's note states its total on a closing line: that is the toll
        return closing[-1].casualty.value, closing[-1:]
    for pool in ([f for f in cands if f.in_lead], cands):
        for exact in (True, False):
            chosen = [f for f in pool if (not f.casualty.approximate) == exact]
            if not chosen:
                continue
            first = chosen[0]
            if first.casualty.perpetrators:
                # "10 militants were killed in the fighting and 4 soldiers were killed": the
                # victims' figure of the same sentence, past the combatants'
                first = next((f for f in chosen if f.sentence == first.sentence and not f.casualty.perpetrators),
                             first)
            same = [f for f in chosen if f.sentence == first.sentence and f.trigger == first.trigger]
            # "A civilian was also killed", "In addition, one civilian was killed": later
            # sentences of the lead that add victims to the same event
            for f in pool:
                if f.sentence > first.sentence and f.in_lead and f.adds and \
                        f.casualty.approximate == first.casualty.approximate:
                    same.append(f)
                elif f.clause and f.in_lead and f.sentence == first.sentence and f.trigger > first.trigger and \
                        f.casualty.approximate == first.casualty.approximate and f.casualty.value != first.casualty.value:
                    same.append(f)   # "Two soldiers were killed; a civilian died in the crossfire"
            victims = [f for f in same if not f.casualty.perpetrators]
            if not victims and first.in_lead:
                # "Forces killed 8 militants in an operation. Two soldiers were martyred in the
                # exchange of fire.": the lead's next victims' figure is this event's toll
                later = next((f for f in chosen if f.in_lead and f.sentence > first.sentence
                              and not f.casualty.perpetrators), None)
                if later is not None:
                    victims = [f for f in chosen if f.sentence == later.sentence and f.trigger == later.trigger]
            if not victims:
                return None, same
            total = sum(f.casualty.value for f in victims)
            if first.series > 1:
                total = divide(total, first.series)
            # "killing five people. The death toll later rose to 9": the latest figure of a running toll
            rises = [f for f in cands if f.rise and not f.casualty.perpetrators and not f.casualty.approximate
                     and total < f.casualty.value <= RISE_RATIO * total + 20
                     and (f.sentence, f.trigger) > (first.sentence, first.trigger)]
            if rises and first.series <= 1:
                return rises[-1].casualty.value, rises[-1:]
            return total, victims
    return None, []


def tolls(figs: list[Figure]) -> tuple[dict[str, int | None], tuple[Casualty, ...]]:
    """The toll of each kind for this event, and every figure as a Casualty: an aggregate
    over a series is kept with this_event=False, followed by the event's share of it."""
    out: dict[str, int | None] = {}
    shares: dict[int, Casualty] = {}
    for kind in ("killed", "wounded", "arrested"):
        out[kind], chosen = _pick(figs, kind)
        if out[kind] is not None and chosen and chosen[0].series > 1:
            agg = chosen[0]
            shares[id(chosen[-1])] = Casualty(
                type=kind, value=out[kind], qualifier="about", approximate=True,  # type: ignore[arg-type]
                text=f"{agg.casualty.text} (divided among {agg.series} attacks)", this_event=True)
    cas: list[Casualty] = []
    for f in figs:
        c = f.casualty
        if f.series > 1 and c.this_event:
            c = Casualty(type=c.type, value=c.value, qualifier=c.qualifier, approximate=c.approximate,
                         text=c.text, this_event=False, perpetrators=c.perpetrators)
        cas.append(c)
        if id(f) in shares:
            cas.append(shares[id(f)])
    return out, tuple(cas)



# --- one victim named without a number (pattern 1) ----------------------------------------
# A clause that opens with a singular noun phrase and a killing predicate counts one:
# "Journalist shot dead in Mogadishu", "Police commander killed by roadside bomb", "The victim
# died.", "Body of young farmer found". A plural head gives no figure ("Soldiers killed in
# ambush"); "couple", "twins" and "both ..." count two. The noun phrase is short, has no number
# and no verb, and its head is not a thing ("Bill killed in committee").
_BARE_VERBS = {
    "killed": "killed", "murdered": "killed", "beheaded": "killed", "lynched": "killed", "executed": "killed",
    "assassinated": "killed", "slain": "killed", "martyred": "killed", "dies": "killed", "died": "killed",
    "succumbs": "killed", "succumbed": "killed", "kiled": "killed", "decapitated": "killed",
}
_BARE_MANNER = frozenset({"shot", "found", "stabbed", "gunned", "hacked", "beaten", "burned", "burnt", "strangled",
                          "tortured", "lynched", "stoned", "bludgeoned", "clubbed", "macheted", "axed"})
_BARE_OPEN = frozenset({"the", "a", "an", "one", "another", "he", "she"})
# the predicates of a bare subject (a verb, a manner of killing, "lost his life", a chained act is
# followed by one of the verbs): a sentence with none of them has no bare subject
_BARE_VERB_WORDS = frozenset(_BARE_VERBS) | _BARE_MANNER | {"lost", "embraced", "embraces", "embrace", "laid",
                                                              "lays"}
# martyrdom as a predicate: "embraced shahadat", "laid down his life" (Pakistani and Indian military statements)
_MARTYRDOM = frozenset({"martyrdom", "shahadat", "shahadah", "shahadath"})


def _gave_life(words: list[str], k: int) -> int:
    """How many words the martyrdom predicate at ``k`` spans ("embraced shahadat" 2, "laid down his
    life" 4), 0 when there is none."""
    n = len(words)
    w = words[k]
    if w in ("embraced", "embraces", "embrace") and k + 1 < n and words[k + 1] in _MARTYRDOM:
        return 2
    if w in ("laid", "lays") and k + 3 < n and words[k + 1] == "down" and words[k + 2] in ("his", "her", "their") \
            and words[k + 3] in ("life", "lives"):
        return 4
    return 0


_APPOSITION_OPEN = frozenset({"a", "an", "the", "aged", "from", "of", "resident", "native", "hailing", "son"})


def _apposition_end(words: list[str], k: int) -> int:
    """At a comma (index ``k``) after a person's name: the index past the appositions that follow
    (", 24,", ", a resident of Karak,") when a predicate comes right after them, else ``k``."""
    n = len(words)
    j = k
    while j < n and words[j] == ",":
        c = j + 1
        while c < n and c - j <= 7 and words[c] not in (",",) and words[c] not in CLAUSE_PUNCT \
                and words[c] not in _BARE_VERB_WORDS and words[c] not in AUX and words[c] not in STOP:
            c += 1
        if c >= n or c == j + 1 or (words[c] != "," and not (
                words[j + 1] in ("of", "from") and (words[c] in _BARE_VERBS or _gave_life(words, c)))):
            break   # (the last may close on the predicate: "Naik Asif Khan, 31, of Lakki Marwat laid down his life")
        seg = words[j + 1:c]
        if not (all(x.isdigit() for x in seg) or seg[0] in _APPOSITION_OPEN):
            break
        if words[c] != ",":
            return c
        j = c
    if j > k and j + 1 < n and (words[j + 1] in _BARE_VERBS or _gave_life(words, j + 1)):
        return j + 1
    return k
_NOT_VICTIM = frozenset({
    "bill", "deal", "plan", "project", "idea", "proposal", "motion", "law", "reform", "hope", "dream", "talks",
    "engine", "battery", "phone", "car", "vehicle", "truck", "bus", "train", "plane", "tree", "plant", "crop",
    "fire", "blaze", "flame", "light", "power", "signal", "story", "rumour", "rumor", "career", "season", "match",
    "game", "team", "club", "side", "goal", "it", "this", "that", "what", "which", "who", "there", "here", "one",
    "attack", "bomb", "blast", "explosion", "strike", "drone", "rocket", "shell", "mine", "suspect", "gunman",
    "attacker", "assailant", "bomber", "militant", "terrorist", "bandit", "insurgent", "fighter", "rebel", "jihadist",
    "cow", "dog", "horse", "lion", "elephant", "bird", "animal", "fish", "camel", "goat",
    "merger", "takeover", "bid", "offer", "contract", "scheme", "policy", "programme", "program", "initiative",
    "tax", "legislation", "amendment", "momentum", "mood", "rally", "buzz", "vibe", "show", "joke",
    # things of politics and trade ("accuses minister of 'killing' the steel industry")
    "industry", "economy", "sector", "trade", "competition", "democracy", "tourism", "business", "growth",
    "investment", "budget", "brand", "recovery", "innovation",
})
_PAIR = frozenset({"couple", "twins", "pair"})
_ANIMALS = frozenset({"dog", "cat", "horse", "cow", "goat", "sheep", "camel", "donkey", "pig", "bird", "lion",
                      "elephant", "bear", "wolf", "pet", "puppy", "calf", "mule", "eagle", "tiger", "leopard",
                      "rhino", "gorilla", "whale", "dolphin", "turtle", "crocodile", "hippo", "giraffe", "panda"})
_ACTIVE_OBJECT = frozenset({"a", "an", "the", "his", "her", "their", "its", "at", "more", "over", "about", "nearly",
                            "dozens", "scores", "hundreds", "thousands", "several", "many", "some", "him", "them",
                            "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "one"})


# what a natural death is "of" or "after" ("dies of heart attack", "died after a long illness")
_ILLNESS = frozenset("heart cardiac cancer illness illnesses stroke natural complications covid covid-19 pneumonia "
                     "kidney liver lung diabetes leukaemia leukemia tumour tumor disease old age sickness "
                     "surgery".split())


def _natural_death(words: list[str], k: int) -> bool:
    """Do ``words[k:]`` say the death was of an illness ("of a heart attack", "after a long illness")?"""
    if k >= len(words) or words[k] not in ("of", "from", "after"):
        return False
    j = k + 1
    while j < len(words) and j < k + 4 and words[j] in ("a", "an", "long", "short", "brief", "suspected"):
        j += 1
    return j < len(words) and words[j].strip(",.;:") in _ILLNESS


def _bare_subjects(sent: Sentence, toks: Tokens, words: list[str], other: bool, qs_at: dict[int, Quantity]) -> list[Figure]:
    n = len(words)
    out: list[Figure] = _object_to_death(sent, toks, words, other)
    vocab = toks.vocab
    verbs = _BARE_VERB_WORDS.intersection(vocab)
    if not verbs:
        return out   # no predicate a bare subject could have
    if "died" in vocab:
        out.extend(_hurt_later_died(sent, toks, words, other))
    verb_at = toks.positions(verbs)
    starts = [0]
    if "|" in vocab or ":" in vocab or ";" in vocab:
        starts += [i + 1 for i, w in enumerate(words) if w in ("|", ":", ";") and i + 1 < n]
    if "," in vocab:   # "On 3 May, in Sao Paulo, the body of a man was found"
        starts += [i + 1 for i in toks.positions((",",)) if i + 1 < n and (
            words[i + 1] in ("a", "an", "the", "one") or words[i + 1] in _LISTED_PERSON
            or (words[i + 1] in _RANKS and toks[i + 1][0][:1].isupper())   # "During the exchange of fire, Naik X ..."
            or (i + 2 < n and (words[i + 1], words[i + 2]) in _ONE_COMPOUND))]   # "Kaduna, farmer killed",
        # "Gunmen hijack boat off Puntland, crew member killed" (a two-word person)
    sub_starts: set[int] = set()
    seen_verbs: set[int] = set()
    if "after" in vocab or "as" in vocab:   # "Reward offered after driver, teen killed in taxi shooting"
        sub_starts = {i + 1 for i in toks.positions(_SUBORDINATORS.intersection(vocab))
                   if i + 2 < n and words[i + 1].isalpha() and words[i + 1] not in STOP and words[i + 1] not in AUX
                   and words[i + 1] not in _BARE_NOT_OBJ and words[i + 1] not in ("being", "he", "she", "they", "it")}
        starts += sorted(sub_starts)
    if "and" in vocab:  # "Three hostages were released and the fourth hostage, Name, died in captivity"
        starts += [i + 1 for i in toks.positions(("and",)) if i + 2 < n and words[i + 1] in ("the", "a", "an")
                   and i > 0 and words[i - 1] not in (",",)]
    for st in sorted(set(starts)):   # earlier starts first: "after shopkeeper, teen killed" reads both
        nv = bisect.bisect_left(verb_at, st)
        if nv == len(verb_at) or verb_at[nv] - st > 16:
            continue   # no predicate within reach of this start
        k = st
        conj = False
        appos: list[tuple[int, int]] = []
        while k < n and k - st <= 8 + sum(b - a for a, b in appos) and words[k] not in _BARE_VERBS and words[k] not in _BARE_MANNER:
            w = words[k]
            if w in _CHAIN and k > st and words[k - 1] not in _DETS and _chained_kill(words, k):
                break    # "A woman abducted and then killed by militiamen"
            if w == "," and k > st and k + 2 < n and words[k + 1].isdigit() and words[k + 2] == "," \
                    and k + 3 < n and (words[k + 3] in _BARE_VERBS or words[k + 3] in _BARE_MANNER or words[k + 3] in AUX):
                k += 3   # "Victim, 34, died": an age in apposition
                continue
            if w == "," and k > st + 1 and words[st] in _DETS:
                c = k + 1   # "the fourth hostage, Sai San Kham Aik, died": a name in apposition
                while c < n and c - k <= 6 and words[c] != "," and toks[c][0][:1].isupper():
                    c += 1
                if c > k + 1 and c + 1 < n and words[c] == "," and (words[c + 1] in _BARE_VERBS or words[c + 1] in _BARE_MANNER):
                    k = c + 1
                    break
            if w in ("and", ",") and k > st and _conjunct_next(toks, words, st, k):
                conj = True   # "A teacher and his wife beheaded", "Driver, teenager killed"
                k += 1
                continue
            if w.isdigit() and k + 2 < n and words[k + 1] == "-" and words[k + 2].startswith("year"):
                k += 3   # "48-year-old man": an age, not a count
                continue
            if w in ("of", "the", "a", "an") and k > st and words[k - 1] not in ("and", "or") and k + 1 < n \
                    and words[k + 1] not in _BARE_VERBS:
                k += 1   # "Former president of the federation", "Father of a family"
                continue
            if w in ("was", "is", "has", "been") and k > st and k + 1 < n and (
                    words[k + 1] in _BARE_VERBS or words[k + 1] in _BARE_MANNER or words[k + 1] in ("been", "lost")
                    or (words[k + 1] in _THEN and k + 2 < n and words[k + 2] in _BARE_MANNER)):
                k += 1   # "A man's body was found", "one policeman has lost his life"
                continue
            if w == "lost" and k > st and k + 2 < n and words[k + 1] in ("his", "her") and words[k + 2] == "life":
                break
            if k > st and _gave_life(words, k):
                break   # "Sepoy Imran Ali embraced shahadat", "Naik Asif Khan laid down his life"
            if w == "," and k > st and (a := _apposition_end(words, k)) > k:
                appos.append((k, a))   # "Sepoy Imran Ali, 24, a resident of Karak, embraced shahadat"
                k = a
                continue
            if not (w.isalpha() or "-" in w or "'" in w or w == "s") or (k in qs_at and w not in ("a", "an", "one")) \
                    or w in AUX or (w in STOP and not ((w in _CHAIN or w in _PARTICIPLES) and (
                        (k > st and (words[k - 1] in _DETS or words[k - 1].endswith("old")))
                        # a headline opens on the participle: "Kidnapped businessman found dead"
                        or (k == st == 0 and k + 1 < n and words[k + 1].isalpha()
                            and words[k + 1] not in _BARE_VERB_WORDS and words[k + 1] not in ("and", "or", "by"))))) \
                    or (w in LEFT and not (k == st and w in ("wounded", "injured"))) \
                    or w in ("and", "or", "of", "in", "at", "on", "by", "with", "for", "to", "from", "as"):
                if not (w == "of" and k > st and words[k - 1] == "body"):
                    break
            k += 1
        skipped = sum(b - a for a, b in appos)
        if k == st or k >= n or k - st - skipped > 10:
            continue
        v = words[k]
        if v not in _BARE_VERBS and v not in _BARE_MANNER and v != "lost" and not (v in _CHAIN and _chained_kill(words, k)) \
                and not _gave_life(words, k):
            continue
        if v in ("dies", "died") and k + 2 < n and words[k + 1] == "at" and words[k + 2][:1].isdigit():
            continue   # "dies at 88": an obituary gives an age, not a violent death
        if v in ("dies", "died") and k + 1 < n and (words[k + 1] == "aged" or _natural_death(words, k + 1)):
            continue   # "dies of heart attack", "died after a long illness", "dies aged 64": no violent death
        if v in _BARE_VERBS and v not in ("dies", "died", "succumbs", "succumbed") and k + 1 < n and (
                (k + 1) in qs_at or words[k + 1] in _ACTIVE_OBJECT or words[k + 1] in _BARE_NOT_OBJ
                or words[k + 1][:1].isdigit()):
            continue   # "The bombardment killed an unknown number": an active verb, its subject no victim
        if v in _BARE_MANNER:
            if k + 1 < n and words[k + 1] in ("dead", "down") or (k + 2 < n and words[k + 1:k + 3] == ["to", "death"]):
                pass
            elif v == "found" and "body" in words[st:k]:
                pass
            elif _chained_kill(words, k):
                pass
            else:
                continue
        subj = [words[x] for x in range(st, k) if (words[x].isalpha() or "-" in words[x])
                and words[x] not in ("was", "is", "has", "been") and words[x] not in _THEN
                and not any(a <= x < b for a, b in appos)]
        if "of" in subj:
            subj = subj[:subj.index("of")]   # the head is before "of": "president of the federation"
        if not subj or subj[0] in ("no", "nobody", "none", "it", "this", "that", "which", "who", "there", "they"):
            continue
        if any(w in ATTACKERS or w in THINGS for w in subj):
            continue
        head = subj[-1]
        if "body" in subj:
            head = "body"
        count: int | None = 1
        if conj:
            count = _count_conjuncts(toks, words, st, k)
            if count is None or count < 2 or v in ("dies", "succumbs"):
                continue   # "Singer and actor dies aged 79": one person
            if "and" in words[st:k] and not any(words[x] in _DETS and words[x] != "of" for x in range(st, k)) \
                    and words[k - 1] not in _KIN and not (words[st] in _RANKS and words[k - 1] in _RANKS) \
                    and not _two_roles(words, st, k):
                continue   # "Actor and comedian found dead": maybe one person; "Farmer and son": two; two
                # ranks are two men ("Havildar and lance naik embrace shahadat")
        elif head in _PAIR or subj[0] == "both":
            count = 2
        elif (_head_plural(subj) and (subj[0] not in _RANKS or len(subj) == 1)) or head in _NOT_VICTIM or head in _NOT_PERSON:
            continue   # ("Havildar Ghulam Abbas embraced martyrdom": a rank opens one man's name)
        if subj[0] not in _BARE_OPEN and subj[0] not in ("both",) and sent.index != 0 and st == 0 \
                and not toks[st][0][:1].isupper():
            continue
        if k in seen_verbs:
            continue   # the same verb read from an earlier start
        seen_verbs.add(k)
        if st in sub_starts and not _MEMBERS.isdisjoint(subj) and _FORCES.isdisjoint(subj) \
                and _VICTIMS.isdisjoint(subj) and _CIVIL_LEADERS.isdisjoint(subj):
            continue   # "Confusion in ISWAP camp after senior commander killed": whose commander is unsaid
        phrase = " ".join(t[0] for t in toks[st:min(k + 3, n)])
        out.append(Figure(Casualty(type="killed", value=count, text=phrase, this_event=not other),  # type: ignore[arg-type]
                          sent.index, sent.in_lead, False, k, np=(st, k)))
    return out


_DETS = frozenset({"the", "a", "an", "his", "her", "their", "of"})
_SUBORDINATORS = frozenset({"after", "as"})
# The word sets ``Tokens.positions`` is asked for: their indices are gathered in one pass
_INDEXED = _FIGURE_START | _ZONE_OPENERS | _SINGULAR_CUES | _BARE_VERB_WORDS | _SUBORDINATORS | {
    ",", "and", "died", "dead", "death"}
_CIVIL_LEADERS = frozenset({"community", "village", "youth", "religious", "traditional", "opposition", "party",
                            "union", "student", "local", "women", "church", "mosque", "tribal", "clan", "civic"})
# a second person in a bare "X and Y" headline subject ("Farmer and son killed")
_KIN = frozenset({"son", "daughter", "wife", "husband", "brother", "sister", "mother", "father", "child", "baby",
                  "friend", "nephew", "niece", "cousin", "companion", "bodyguard", "driver", "guard", "aide",
                  "colleague", "grandson", "granddaughter", "grandchild", "fiancee", "fiance", "girlfriend",
                  "boyfriend", "partner", "mum", "mom", "dad", "uncle", "aunt", "teen", "teenager", "toddler"})
# participles that describe a person after a determiner ("a 48-year-old displaced man died")
_PARTICIPLES = frozenset({"displaced", "armed", "missing", "held", "released", "rescued", "freed", "hospitalised",
                          "hospitalized", "evacuated", "detained"})
_NOT_CONJUNCT = frozenset({"yesterday", "today", "tonight", "meanwhile", "overnight", "now", "again", "also",
                           "attack", "attacks", "storm", "storms", "raid", "raids", "ambush", "ambushes", "abduct",
                           "abducts", "kidnap", "kidnaps", "kill", "kills", "shoot", "shoots", "burn", "burns"})


def _two_roles(words: list[str], st: int, k: int) -> bool:
    """Is the bare subject ``words[st:k]`` two different people of the news's roles joined by one "and"
    ("Priest and police officer killed" is two: no one is both)?"""
    part = words[st:k]
    if len(part) > 6 or part.count("and") != 1:
        return False
    a = st + part.index("and")
    first, second = words[a - 1] if a > st else "", words[k - 1]
    return first != second and first in _ONE_LISTED and second in _ONE_LISTED and words[k - 1] != "and"


_NEIGHBOURS = frozenset({"neighbour", "neighbor", "relative", "guest", "visitor", "friend", "cousin"})


def _named_people(toks: Tokens, words: list[str], e: int) -> tuple[int, int]:
    """After a named person and the comma at ``e``: the people listed one by one ("Hassan Omar, a village
    elder, his son Abdi and a neighbour, Fatuma Ali" is 3: a name, its appositive, "his son <Name>", "and a
    neighbour, <Name>"). Returns (the count, where the list ends), or (0, ``e``) when no list closed by "and"."""
    n = len(words)
    count, end, i, last, closed = 1, e, e, "name", False
    while i < n and i - e < 30:
        conj = False
        if words[i] == ",":
            i += 1
            if i < n and words[i] == "and":
                i += 1
                conj = True
        elif words[i] == "and":
            i += 1
            conj = True
        else:
            break
        s0 = i
        while i < n and words[i] not in (",", "and") and words[i] not in CLAUSE_PUNCT \
                and words[i] not in _NAME_OBJECT_STOP and i - s0 < 6:
            i += 1
        seg = words[s0:i]
        if not seg or i - s0 >= 6:
            break
        caps = [toks[x][0][:1].isupper() for x in range(s0, i)]
        if seg[0] in ("his", "her", "their") and len(seg) >= 2 and (seg[1] in _KIN_ONE or seg[1] in _KIN) \
                and all(caps[2:]):
            count, last = count + 1, "person"   # "his son Abdi"
        elif seg[0] in ("a", "an") and len(seg) >= 2 and not any(caps[1:]) and all(x.isalpha() for x in seg):
            if conj:
                if seg[-1] not in _ONE_LISTED and seg[-1] not in _KIN and seg[-1] not in _NEIGHBOURS:
                    break
                count, last = count + 1, "noun"   # "and a neighbour"
            elif last == "name":
                last = "appositive"   # "Hassan Omar, a village elder"
            else:
                break
        elif all(caps) and all(x.isalpha() for x in seg):
            if conj:
                count, last = count + 1, "name"
            elif last == "noun":
                last = "name"   # "a neighbour, Fatuma Ali": the neighbour's name
            else:
                break
        else:
            break
        closed = closed or conj
        end = i
    return (count, end) if closed and count >= 2 else (0, e)


def _chained_kill(words: list[str], k: int) -> bool:
    """Is ``words[k]`` followed by "and (then) killed" ("shot and killed", "abducted and then killed")?"""
    n = len(words)
    if k + 2 >= n or words[k + 1] != "and":
        return False
    m = k + 3 if words[k + 2] in _THEN else k + 2
    return m < n and words[m] in _BARE_VERBS


def _conjunct_next(toks: Tokens, words: list[str], st: int, k: int) -> bool:
    """At "and" / "," (index k) in a headline's subject: does another person follow, so that
    the subject is a list of singular people ("A teacher and his wife", "Driver, teenager")?"""
    n = len(words)
    if k + 1 >= n or not words[k + 1].isalpha():
        return False
    nxt = words[k + 1]
    if nxt in _BARE_VERBS or nxt in _BARE_MANNER or nxt in AUX or nxt in STOP or nxt in LEFT or nxt in _CHAIN:
        return False
    part = words[st:k]
    if len(part) > 4 or any(w in _NOT_CONJUNCT or w in _NOT_PERSON or w in LEFT or w in RIGHT or w in _CHAIN
                            or w.endswith("ed") or "," in w for w in part if w.isalpha()):
        return False
    if words[k] == ",":
        # "Driver, teenager killed": two bare nouns, not "Kaduna, farmer killed" (a place first)
        if "," in words[st:k] or "and" in words[st:k]:
            return False
        if not _title_case(toks) and (any(toks[x][0][:1].isupper() for x in range(st + 1, k)) or (
                k + 1 < n and toks[k + 1][0][:1].isupper())):
            return False
        if words[k - 1] not in _LISTED_PERSON and words[k - 1] not in _RANKS:
            return False   # the part before the comma must name a person ("Sepoy, naik martyred"), not a place
    return True


_FIND = frozenset({"find", "finds", "found", "discover", "discovers", "discovered", "recover", "recovers"})
_PLACE_PREP = frozenset({"behind", "next", "beside", "under", "beneath", "across", "opposite", "along", "inside",
                         "outside", "near", "close"})
# the people a "finds dead ..." headline may name
_FOUND_PERSON = _VICTIMS | frozenset({"body", "teenager", "teen", "youth", "officer", "policeman", "soldier", "guard",
                                      "trader", "journalist", "priest", "pastor", "imam", "chief", "nurse", "doctor",
                                      "lawyer", "activist", "shopkeeper", "herder", "fisherman", "miner", "lady",
                                      "baby", "infant", "toddler", "elder", "youngster", "pupil", "motorist"})
# the people a comma list in a headline names ("Driver, teen killed")
_LISTED_PERSON = _FOUND_PERSON | _KIN | frozenset({
    "policeman", "policewoman", "official", "councillor", "cleric", "cyclist", "motorcyclist", "rider", "vendor",
    "passenger", "pedestrian", "bystander", "customer", "businessman", "businesswoman", "politician", "judge",
    "prosecutor", "reporter", "photographer", "cameraman", "villager", "resident", "teacher", "student", "worker",
    "farmer", "driver", "boy", "girl", "man", "woman", "child", "mother", "father", "wife", "husband", "son",
    "daughter", "brother", "sister", "ex-soldier", "veteran", "monk", "nun", "headman", "landlord", "tenant",
    # at sea and in the air ("Missiles hit cargo ship, sailor killed")
    "sailor", "seafarer", "seaman", "crewman", "crewmember", "fisherman", "pilot", "captain",
    # someone who happened to be there ("strike on car kills Hezbollah member, passer-by")
    "passer-by", "passerby", "onlooker"})


_ONE_LISTED = _LISTED_PERSON | frozenset({"commander", "bodyguard", "aide", "escort", "colleague", "companion",
                                          "interpreter", "translator", "guide", "headmaster",
                                          "headmistress", "principal", "lecturer", "watchman", "herdsman", "hunter",
                                          "mechanic", "tailor", "shepherd", "catechist", "labourer", "laborer",
                                          "guard", "vigilante", "chairman", "mayor", "lawmaker"})
# Two-word persons whose head alone names no one ("member": of a crew, not of an armed group)
_ONE_COMPOUND = frozenset({("crew", "member"), ("crew", "man"), ("crew", "woman"), ("aid", "worker"),
                           ("health", "worker"), ("security", "guard"), ("family", "member")})
# ranks of the police and army listed alone ("Police constable, two passers-by killed")
_ONE_LISTED = _ONE_LISTED | frozenset({"constable", "inspector", "sergeant", "corporal", "trooper", "gendarme",
                                       "jawan", "sepoy", "militiaman", "warden", "ranger", "teacher", "headman"})
# Words a listed person's noun phrase may open with ("An elderly woman, her two sons ...")
_ONE_MODIFIERS = frozenset({"a", "an", "the", "elderly", "young", "old", "pregnant", "local", "retired", "female",
                            "male", "teenage", "school", "village", "police", "army"})


def _comma_listed(words: list[str], i: int) -> int:
    """The end of a lone person listed at ``i`` after a headline's comma: a kin noun ("son"), or a listed
    person (``_ONE_LISTED``) after at most two modifiers ("local councillor"); 0 when there is none."""
    if i < len(words) and words[i] in _KIN:
        return i + 1
    j = i
    while j < len(words) and j - i < 2 and words[j] in _ONE_MODIFIERS and words[j] not in ("a", "an", "the"):
        j += 1
    if j + 1 < len(words) and (words[j], words[j + 1]) in _ONE_COMPOUND:
        return j + 2   # "Gunmen kill ship captain, crew member"
    return j + 1 if j < len(words) and words[j] in _ONE_LISTED else 0


def _one_before_comma(words: list[str], k: int) -> int:
    """Does a lone listed person and a comma open the list the counted plural at ``k`` ends
    ("Woman, her two children killed", "Gunmen kill teacher, three pupils")? Only at the headline's
    start, after a colon, right after a killing verb, or after "leaves" ("leaves nurse, two patients dead")."""
    c = k - 1 if k >= 1 and words[k - 1] in ("his", "her", "their") else k
    if c < 2 or words[c - 1] != ",":
        return False
    last = c - 2
    if words[last] not in _ONE_LISTED:
        return False
    b = last - 1
    while b >= 0 and last - b <= 2 and words[b] in _ONE_MODIFIERS:
        b -= 1
    return b < 0 or words[b] == ":" or LEFT.get(words[b]) == "killed" or (
        words[b] in _LEFT_DEAD and words[b + 1] not in ("a", "an", "one")) or (
        words[b] in ("dead", "down") and b >= 1 and words[b - 1] in _SHOT)


# "attack leaves nurse, two patients dead": the lone person opens the list the verb leaves dead
_LEFT_DEAD = frozenset({"leaves", "left", "leaving"})


# Outlaws whom security forces kill are combatants, as in "Police shot dead two robbers"
_OUTLAWS = ATTACKERS | frozenset({"robber", "robbers", "gang", "gangs", "cultist", "cultists", "thug", "thugs",
                                  "smuggler", "smugglers", "trafficker", "traffickers", "fugitive", "outlaw", "outlaws"})


def _by_forces(words: list[str], f: Figure) -> Figure:
    """"Gang leader shot dead by police", "Two robbers killed by troops": the outlaws security forces
    kill are combatants (not "Teenager shot dead by police": a victim)."""
    c, t = f.casualty, f.trigger
    if c.type != "killed" or c.perpetrators or not 0 < t < len(words) - 2:
        return f
    b = t + 1 if words[t + 1] == "by" else t + 2 if words[t + 1] in ("down", "dead") and words[t + 2] == "by" else -1
    if b < 0 or b + 1 >= len(words):
        return f
    agent = words[b + 2] if words[b + 1] in ("the", "security") and b + 2 < len(words) else words[b + 1]
    if agent not in _FORCES or not any(w in _OUTLAWS for w in words[max(0, t - 5):t]):
        return f
    return f._replace(casualty=Casualty(type=c.type, value=c.value, qualifier=c.qualifier, approximate=c.approximate,
                                        text=c.text, this_event=c.this_event, perpetrators=True))


_OBJECT_END = CLAUSE_PUNCT | frozenset({"in", "at", "on", "near", "during", "as", "after", "while", "from", "by", "with",
                                        "inside", "outside", "across", "along", "over", "amid", "for"})


_TAIL_VERBS = frozenset({"abduct", "abducts", "kidnap", "kidnaps", "injure", "injures", "wound", "wounds", "capture",
                         "captures", "seize", "seizes", "take", "takes", "rescue", "rescues", "free", "frees", "arrest",
                         "arrests", "hold", "holds", "spare", "spares", "release", "releases"})


# plurals with no "-s" that a list's counted plural may end on ("kills five children, their teacher")
_IRREGULAR_PLURALS = frozenset({"children", "people", "women", "men", "grandchildren"})


def _listed_one(words: list[str], a: int, b: int) -> int:
    """1 when the counted plural words[a:b] (up to its trigger) ends on a listed singular person
    with no number ("police officers and their driver", "policemen, driver"), else 0."""
    while b > a and (words[b - 1] in AUX or words[b - 1] in _RIGHT2_FIRST or words[b - 1] in _BARE_MANNER):
        b -= 1     # (and the first word of a two-word trigger: "policemen, driver shot dead")
    x = b - 1
    while x > a and words[x] not in ("and", ","):
        x -= 1
    if x <= a or b - x > 4 or x + 1 >= len(words) or words[x + 1] in ("a", "an", "one", "another"):
        return 0   # ("and a civilian" is read as a figure of its own; a sentence ending on "and": none)
    head, tail = words[a:x], [w for w in words[x + 1:b] if w not in ("his", "her", "their", "its", "the")]
    if not (_head_plural(head) or (head and head[-1] in _IRREGULAR_PLURALS)) or any(
            not w.replace("-", "").isalpha() or w == "and" for w in head):
        return 0
    if read_quantity(words, x + 1) is not None or _head_plural(tail):
        return 0   # ("and four civilians": a figure of its own)
    core = tail
    while len(core) > 1 and core[0] in _ONE_MODIFIERS and len(tail) - len(core) < 2:
        core = core[1:]   # "Two engineers, local guard killed": a modifier of the one listed
    if len(core) > (1 if words[x] == "," else 2) or any(w in _TAIL_VERBS or w in LEFT or w in STOP for w in tail):
        return 0   # ("kill 11 soldiers, abduct their commander": another act's object)
    return 1 if tail and tail[-1] in _ONE_LISTED else 0


def _hurt_later_died(sent: Sentence, toks: Tokens, words: list[str], other: bool) -> list[Figure]:
    """One victim hurt first and dead later: "A woman injured during the raid later died of her injuries"."""
    out: list[Figure] = []
    for x in toks.positions(("died",)):
        if x < 3 or words[x - 1] not in ("later", "subsequently", "eventually"):
            continue
        st = x - 2
        while st > 0 and words[st - 1] not in CLAUSE_PUNCT and words[st - 1] != "|" and x - st < 16:
            st -= 1
        if words[st] not in ("a", "an", "the", "one"):
            continue
        p = st + 1
        while p < x and words[p] not in _HURT_THEN_DIED and p - st <= 4:
            p += 1
        if p >= x or words[p] not in _HURT_THEN_DIED:
            continue
        head = words[st:p]
        if _head_plural(head) or any(w in ATTACKERS or w in THINGS or w in _NOT_VICTIM or w in _NOT_PERSON
                                     or not w.isalpha() for w in head):
            continue
        out.append(Figure(Casualty(type="killed", value=1, text=" ".join(t[0] for t in toks[st:x + 1]),
                                   this_event=not other), sent.index, sent.in_lead, False, x, np=(st, p)))
    return out


def _object_to_death(sent: Sentence, toks: Tokens, words: list[str], other: bool) -> list[Figure]:
    """One victim as the object of a manner of killing: "shot dead a civilian", "stabbed a
    journalist to death", "shot a woman to death", "tortured a villager to death"."""
    out: list[Figure] = []
    n = len(words)
    vocab = toks.vocab
    if "dead" not in vocab and "death" not in vocab:
        return out
    for i in toks.positions({"dead", "death"}.intersection(vocab)):
        w = words[i]
        if w == "dead" and i >= 3 and "leaving" in words[max(0, i - 6):i]:
            a = i - 1   # "exploded ... leaving the driver dead"
            while words[a] != "leaving":
                a -= 1
            a, b = a + 1, i
        elif w == "dead" and i >= 1 and words[i - 1] in ("shot", "gunned") and i + 1 < n:
            a = i + 1
            b = a
            while b < n and b - a < 8 and words[b] not in _NAME_OBJECT_STOP and words[b] not in CLAUSE_PUNCT \
                    and words[b] != ",":
                b += 1
        elif w == "dead" and i >= 1 and words[i - 1] in _FIND and i + 1 < n and not (i >= 2 and words[i - 2] in AUX):
            a = i + 1   # "Security guard finds dead man near mall": a headline's bare object
            b = a
            while b < n and b - a < 4 and words[b].isalpha() and words[b] not in _NAME_OBJECT_STOP \
                    and words[b] not in _PLACE_PREP:
                b += 1
            obj = words[a:b]
            if not obj or obj[-1] not in _FOUND_PERSON:
                continue
            out.append(Figure(Casualty(type="killed", value=1, text=" ".join(t[0] for t in toks[max(i - 2, 0):b]),
                                       this_event=not other), sent.index, sent.in_lead, False, i, np=(a, b)))
            continue
        elif w == "death" and i >= 3 and words[i - 1] == "to":
            b = i - 1
            a = b - 1
            while a > 0 and b - a < 7 and words[a - 1] not in _KILL_MANNER and words[a - 1] not in CLAUSE_PUNCT:
                a -= 1
            if a <= 0 or words[a - 1] not in _KILL_MANNER or (a >= 2 and words[a - 2] in AUX):
                continue
        else:
            continue
        obj = words[a:b]
        if not obj or obj[0] not in ("a", "an", "one", "his", "her", "the", "him") or _head_plural(obj) \
                or any(x in ATTACKERS or x in THINGS or x in _NOT_VICTIM for x in obj):
            continue
        out.append(Figure(Casualty(type="killed", value=1, text=" ".join(t[0] for t in toks[max(a - 2, 0):b + 1]),
                                   this_event=not other), sent.index, sent.in_lead, False, i))
    return out
