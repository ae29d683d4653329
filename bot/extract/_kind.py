"""Kind of article: attack, arrest (or raid), diplomacy (or politics), or other,
from weighted cue words in the title (counted three times) and the lead, found in
one Aho-Corasick pass. An analysis piece about an attack reports that attack, so it
reads as "attack".
"""
from __future__ import annotations

import ahocorasick

from ._text import Doc

# cue -> kind; matched as whole words (a trailing "*" matches any word ending)
CUES = {
    "attack": (
        "attack", "attacks", "attacked", "attacker", "attackers", "attacking", "assault", "assaults", "assaulted",
        "bomb", "bombs", "bombed", "bombing", "bombings", "bomber", "bombers", "blast", "blasts", "explosion",
        "explosions", "exploded", "massacre", "massacres", "shooting", "shootings", "gunmen", "gunman", "gunfire",
        "ambush", "ambushed", "killed", "killing", "killings", "dead", "death", "deaths", "death toll", "toll",
        "wounded", "injured", "suicide", "stormed", "abducted", "kidnapped", "kidnapping", "beheaded",
        "opened fire", "fired", "rocket", "rockets", "mortar", "mortars", "drone strike", "insurgents", "insurgent",
        "under attack", "clash", "clashes", "hostage", "hostages", "assailant", "assailants", "detonated",
        "explosive", "ied", "carnage", "victims", "victim", "mourn", "mourns", "mourning", "massacred",
        "set fire", "arson", "arsons", "arson attack", "firebomb", "firebombs", "incendiary", "explosive device",
        "explosive devices", "defused", "torched", "grenade", "grenades", "explosives-laden", "sabotage", "assailants",
        "missile", "missiles", "airstrike", "airstrikes", "air strike", "air strikes", "shelling", "shelled",
        "seize", "seized", "seizes", "offensive", "fighting", "battle", "battles", "overran", "raid", "raided",
    ),
    "arrest": (
        "arrest", "arrests", "arrested", "arresting", "detain", "detains", "detained", "detaining", "detention",
        "detentions", "detainees", "custody", "rounded up", "round-up", "roundup", "crackdown", "suspect", "suspects",
        "apprehended", "nabbed", "captured", "charged", "indicted", "convicted", "sentenced", "extradited",
        "extradition", "prosecuted", "prosecution", "police operation", "security sweep", "raids on suspected",
    ),
    "diplomacy": (
        "talks", "negotiation", "negotiations", "negotiate", "negotiating", "agree", "agrees", "agreed", "agreement",
        "deal", "summit", "ceasefire", "truce", "peace process", "peace deal", "peace plan", "peace talks",
        "diplomat", "diplomats", "diplomatic", "diplomacy", "envoy", "ambassador", "foreign minister",
        "foreign ministry", "secretary of state", "bilateral", "withdraw", "withdrawal", "withdrawing", "treaty",
        "sanctions", "visit", "meets", "met with", "accord", "mediation", "mediator", "dialogue", "delegation",
        "resolution", "security council", "election", "elections", "parliament", "president says",
        "prime minister", "coalition",
    ),
}
_TITLE_WEIGHT = 3.0


def _build() -> ahocorasick.Automaton:
    a = ahocorasick.Automaton()
    for kind, words in CUES.items():
        for w in words:
            a.add_word(w, (len(w), kind))
    a.make_automaton()
    return a


_AC = _build()


def classify(doc: Doc, has_casualties: bool) -> tuple[str, list[str]]:
    scores = {k: 0.0 for k in CUES}
    hits: list[str] = []
    low = doc.low
    end = max(doc.lead_end, doc.title_end)
    n = len(low)
    for e, (length, kind) in _AC.iter(low, 0, end):
        s = e - length + 1
        if (s > 0 and low[s - 1].isalnum()) or (e + 1 < n and low[e + 1].isalnum()):
            continue
        scores[kind] += _TITLE_WEIGHT if s < doc.title_end else 1.0
        if len(hits) < 8:
            hits.append(low[s:e + 1])
    if has_casualties:
        scores["attack"] += 2.0
    best = max(scores, key=lambda k: scores[k])
    if scores[best] < 2.0:
        return "other", hits
    return best, hits
