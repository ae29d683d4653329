"""The extraction speed paths keep behaviour: each fast path gives what the plain code it
replaces gave (written out here as the reference), on made-up text with the characters
that make the difference. No timing is asserted (bench/extract_speed.py measures it)."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import fold as _fold_table
from bot.extraction import _groups, _text

TRICKY = [
    "", " ", "Plain ASCII text. Another sentence.", "tab\there and\r\ncarriage returns",
    "Café naïve résumé ÉLAN İstanbul", "“Quoted” – dashes — and ‘single’ quotes\xa0here",
    "中文 报道 ①② Ⅻ ٣", "lone surrogate \ud800 inside", "e\u0301 \u200b\u2009\u202f x",
    "Kyiv oblast’s governor said 12 were killed in Kharkiv.\tMore\u2026",
]


def _fold_reference(text: str) -> str:
    """fold() as one Python pass over every character (the table it fills lazily)."""
    return "".join(_fold_table._FOLD[ord(c)] for c in text)


@pytest.mark.parametrize("text", TRICKY)
def test_fold_equals_the_per_character_table(text):
    out = _text.fold(text)
    assert out == _fold_reference(text)
    assert len(out) == len(text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fold_equals_the_per_character_table_on_any_text(text):
    assert _text.fold(text) == _fold_reference(text)


def _ends_reference(text: str, pos: int) -> list[int]:
    """_sentence_ends with every mark going through _punct_end (no inline fast paths)."""
    out = []
    for ch in ".!?":
        i = text.find(ch, pos)
        while i != -1:
            e = _text._punct_end(text, i)
            if e >= 0:
                if ch == "." and i and text[i - 1].isalpha():
                    c = text[i - 1]
                    if (c.isupper() and (i < 2 or not text[i - 2].isalpha())) or _text._abbreviation_before(text, e):
                        i = text.find(ch, i + 1)
                        continue
                out.append(e)
            i = text.find(ch, i + 1)
    return out


SENTENCES = [
    "Gunmen killed 2.5 people. Police said 3 others fled.", "The U.S. envoy met Mr. Smith. Talks end.",
    "Wait... what? Yes! \"Quoted.\" Next (aside.) Then", "Ends with a mark.", "Mark then tab.\tNext",
    "Mark then no-break.\xa0Next", "Mark then newline.\n\nNext", "Version 1.2.3 and e.g. this. A",
    "Abbrev Gen. Ahmed spoke. 5 died.", "x.)", "?", "!!", "a.\u2009B",
]


def _ends_but_blank_lines(text: str, pos: int) -> list[int]:
    """The plain scan less the ends of a mark right before a blank line (".\\n\\n"): prepare
    cuts at that blank line's first break, the same offset, itself."""
    return [e for e in _ends_reference(text, pos) if not (text[e - 1] in ".!?" and text[e:e + 2] == "\n\n")]


@pytest.mark.parametrize("text", SENTENCES)
def test_sentence_ends_equal_the_plain_scan(text):
    assert _text._sentence_ends(text, 0) == _ends_but_blank_lines(text, 0)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("aZ1 .!?\"')(\n\t\xa0JU.S") + ["Mr", "Gen", "\u2009", ".\n\n", "?\n\n"])))
def test_sentence_ends_equal_the_plain_scan_on_any_text(parts):
    text = "".join(parts)
    assert _text._sentence_ends(text, 0) == _ends_but_blank_lines(text, 0)


BEFORE = [
    "officials blamed ", "officials blamed members of the ", "the attack was claimed by the ",
    "responsibility was claimed by the ", "police suspected ", "the attack, attributed to the ",
    "it was carried out by suspected militants of the ", "blamed: the ",
    "blamed one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen ",
    "blamed one two three four five six seven eight nine ten eleven twelve thirteen fourteen ",
    "accused of joining the ", "behind the attacks, the ", "the élite unit blamed the ",
    "officials blamed the naïve ", "blamed ﬁghters of the ", "suspected \u00e9 ", "suspected (the) ",
    "nothing here at all ", "blamed", "the suspected", "blamed\u2009the ",
]


@pytest.mark.parametrize("before", BEFORE)
def test_strong_before_equals_the_pattern_search(before):
    want = _groups._any(before, _groups._STRONG_BEFORE_KEYS) and bool(_groups._STRONG_BEFORE.search(before))
    assert _groups._strong_before(before) == want


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["blamed", "suspected", "claimed by", "the", "élan", "(x)", ",", ":", " ", "  ",
                                 "attributed", "\t", "of", "ﬁ", "z"]), max_size=24))
def test_strong_before_equals_the_pattern_search_on_any_words(parts):
    before = unicodedata.normalize("NFC", " ".join(parts))
    want = _groups._any(before, _groups._STRONG_BEFORE_KEYS) and bool(_groups._STRONG_BEFORE.search(before))
    assert _groups._strong_before(before) == want


# --- the scanner: ahocorasick-rs behind pyahocorasick's interface ---------------------------
import ahocorasick  # noqa: E402

from bot.extraction._automaton import Automaton  # noqa: E402


def _leftmost_longest(keys, text, lo=0, hi=None):
    """The reference: at each position the longest key, then on after it; else the next position."""
    hi = len(text) if hi is None else hi
    out, i = [], lo
    while i < hi:
        best = max((k for k in keys if text.startswith(k, i) and i + len(k) <= hi), key=len, default=None)
        if best is None:
            i += 1
            continue
        out.append((i + len(best) - 1, (len(best), keys.index(best))))
        i += len(best)
    return out


def _ours(keys, dfa, overlapping=False):
    a = Automaton(dfa=dfa, overlapping=overlapping)
    for i, k in enumerate(keys):
        a.add_word(k, (len(k), i))
    a.make_automaton()
    return a


KEYS = ["kill", "killed", "killed in", "al-shabaab", "shabaab", "kabul", "kabul bank", "new kabul", "é", "café",
        "北京", "ab", "abcd", "bc", "b", "in the past", "past", "2024", "20"]
TEXTS = ["", "killed in kabul", "new kabul bank killed", "abce abcd bcd", "café é 北京 killed",
         "al-shabaab shabaab al-shabaabx", "in the past 2024 2020 20245", "x" * 50 + "killed" + "é" * 20 + "kabul"]


def test_pyahocorasick_iter_long_was_not_leftmost_longest():
    """Why the scanner changed engine besides speed: pyahocorasick's iter_long misses a key
    inside a longer key's partial match, at the end of the scanned span ("c" in "ac") or
    within it ("a" in "bccax")."""
    for keys, text in ((["c", "aca"], "ac"), (["ccaa", "acc", "caab", "a"], "bccax")):
        old = ahocorasick.Automaton()
        for i, k in enumerate(keys):
            old.add_word(k, (len(k), i))
        old.make_automaton()
        assert list(old.iter_long(text)) != _leftmost_longest(keys, text)
        assert _ours(keys, False).iter_long(text) == _leftmost_longest(keys, text)


def _pyahocorasick_iter(keys, text, lo=0, hi=None):
    old = ahocorasick.Automaton()
    for i, k in enumerate(keys):
        old.add_word(k, (len(k), i))
    old.make_automaton()
    return list(old.iter(text, lo, len(text) if hi is None else hi)) if keys else []


# each scan and its reference: leftmost-longest non-overlapping matches (the gazetteer's and the aliases'
# scan), and every match, overlapping ones too, in pyahocorasick's order, by end and the longest first
# (the kind cues' automata moved to this scanner with their readings unchanged)
_SCANS = {"iter_long": (False, _leftmost_longest), "iter": (True, _pyahocorasick_iter)}


@pytest.mark.parametrize("scan", sorted(_SCANS))
@pytest.mark.parametrize("dfa", [False, True])
@pytest.mark.parametrize("text", TEXTS)
def test_automaton_scans_equal_their_references(text, dfa, scan):
    overlapping, reference = _SCANS[scan]
    ours = getattr(_ours(KEYS, dfa, overlapping), scan)
    assert ours(text) == reference(KEYS, text)
    for lo, hi in ((0, len(text)), (1, len(text)), (2, max(2, len(text) - 3)), (0, len(text) // 2), (3, len(text) + 9)):
        if lo <= hi:
            assert ours(text, lo, hi) == reference(KEYS, text, lo, hi)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abcé -", min_size=1, max_size=5), min_size=1, max_size=12, unique=True),
       st.text(alphabet="abcé -x", max_size=60), st.booleans(), st.sampled_from(sorted(_SCANS)))
def test_automaton_scans_equal_their_references_on_any_keys(keys, text, dfa, scan):
    overlapping, reference = _SCANS[scan]
    assert getattr(_ours(keys, dfa, overlapping), scan)(text) == reference(keys, text)


def test_automaton_answers_only_its_own_kind_of_scan():
    with pytest.raises(TypeError):
        _ours(KEYS, True, overlapping=True).iter_long("killed")
    with pytest.raises(TypeError):
        _ours(KEYS, True).iter("killed")


def test_automaton_lookups_and_misuse():
    ours = _ours(KEYS, False)
    assert ours.exists("kabul") and not ours.exists("kab")
    assert ours.get("kabul") == (5, KEYS.index("kabul"))
    assert ours.get("nope", None) is None
    with pytest.raises(KeyError):
        ours.get("nope")
    ours.add_word("newkey", 1)
    with pytest.raises(AttributeError):   # keys added since the last make_automaton()
        ours.iter_long("newkey")
    assert Automaton().iter_long("anything") == []
    assert list(ours.keys())[:2] == KEYS[:2] and list(ours.items())[0] == (KEYS[0], (len(KEYS[0]), 0))
    assert len(list(ours.values())) == len(ours) == len(KEYS) + 1


def _split_reference(low: str) -> list[str]:
    """split_tokens through the general path only (each chunk found in the text)."""
    parts: list[str] = []
    pos = 0
    for c in low.split():
        s = low.find(c, pos)
        toks: list[str] = []
        _text._chunk_tokens(c, toks)
        parts.append(low[pos:s])
        parts.append(toks[0])
        for t in toks[1:]:
            parts += ["", t]
        pos = s + len(c)
    parts.append(low[pos:])
    return parts


SPLITS = ["", " ", "killed", "three people were killed, police said.", "al-shabaab's 1,000.5 men (x)",
          "two  spaces", " lead and trail ", "tab\\there", "line\nbreak", "é café 中文 ①", "a,b;c:d.", "don't -led"]


@pytest.mark.parametrize("low", SPLITS)
def test_split_tokens_equals_the_general_scan(low):
    assert _text.split_tokens(low) == _split_reference(low)
    assert "".join(_text.split_tokens(low)) == low


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 ,.'-:()\n\t\xa0é中"))))
def test_split_tokens_equals_the_general_scan_on_any_text(low):
    assert _text.split_tokens(low) == _split_reference(low)


# --- the gazetteer: built once, off the start-up path -----------------------------------------
import subprocess  # noqa: E402
import sys  # noqa: E402

_LAZY = r"""
import threading
import bot.extraction as E
from bot.extraction import _places
assert E.load_seconds() is None and _places.gazetteer.cache_info().currsize == 0   # nothing at import
th = E.warm_up_in_background()
assert th.is_alive()                     # returned before the build finished
out = []
workers = [threading.Thread(target=lambda: out.append(E.extract("Gunmen kill 3 in Kabul", "Gunmen killed three people in Kabul."))) for _ in range(3)]
for w in workers: w.start()
for w in workers: w.join()
th.join()
assert _places.gazetteer.cache_info().misses == 1, _places.gazetteer.cache_info()   # one build for all
assert [f.country for f in out] == ["AF"] * 3 and all(f.killed == 3 for f in out)
assert E.load_seconds() > 0
print("ok")
"""


def test_gazetteer_builds_once_beside_start_up():
    res = subprocess.run([sys.executable, "-c", _LAZY], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stdout.strip() == "ok"


def test_extract_diff_compare_names_each_difference(tmp_path, capsys):
    import importlib.util
    from pathlib import Path
    spec = importlib.util.spec_from_file_location(
        "bench_extract_diff", Path(__file__).resolve().parent.parent / "bench" / "extract_diff.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    row = '{"facts": {"killed": %d, "country": "AF"}, "id": "x1", "src": "made-up"}\n'
    a.write_text(row % 3)
    b.write_text(row % 3)
    assert mod.main(["compare", str(a), str(b)]) == 0
    b.write_text(row % 4)
    assert mod.main(["compare", str(a), str(b)]) == 1
    assert "[made-up x1] killed: 3 -> 4" in capsys.readouterr().out


def _lower_reference(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


LOWERS = ["", "ABC", "Kyiv ŁÓDŹ Café", "İstanbul", "ΣΟΦΟΣ Σ", "ẞ STRASSE", "Ǆ ǅ", "lone \ud800 SURROGATE",
          "ᾈ Greek", "ℌ ℍ Ⅻ", "中文 ABC", "KELVIN \u212a"]


@pytest.mark.parametrize("text", LOWERS)
def test_lower_same_length_equals_the_plain_lower(text):
    assert _text.lower_same_length(text) == _lower_reference(text)
    assert len(_text.lower_same_length(text)) == len(text)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_lower_same_length_equals_the_plain_lower_on_any_text(text):
    assert _text.lower_same_length(text) == _lower_reference(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("Ab1 .!?\n\t\"'()É") + ["Mr. ", "U.S. ", "\n\n", "İ"])), st.text(max_size=20))
def test_prepare_sentences_are_plain_sentences(parts, title):
    doc = _text.prepare(title, "".join(parts))
    for s in doc.sentences:
        assert type(s) is _text.Sentence and s.text == doc.text[s.start:s.end]


def _sentences_reference(title: str, body: str) -> list[tuple[int, int, str]]:
    """prepare's body sentences with every line break and every mark looked at (no blank-line
    shortcut): cut at each sentence end (the plain scan) and at each break followed (after
    blanks) by a break, a capital or a quote; each stripped, non-empty piece between two cuts is
    a sentence."""
    doc = _text.prepare(title, body)
    text, pos = doc.text, doc.title_end + 2
    cuts = _ends_reference(text, pos)
    cuts += [i for i in range(pos, len(text)) if text[i] == "\n" and _text._newline_next(text, i + 1)]
    out = []
    for end in sorted(set(cuts)) + [len(text)]:
        if end <= pos:
            continue
        seg = text[pos:end]
        if seg.strip():
            s = pos + len(seg) - len(seg.lstrip())
            out.append((s, s + len(seg.strip()), seg.strip()))
        pos = end
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("Ab1 .!?\n\t\"'") + ["\n\n", "\n\n\n", ".\n\nThe", "\n \nx", "\n\nand",
                                                         "Mr.\n\n", "?\n\n3", ".\"\n\n"])))
def test_prepare_blank_lines_cut_as_every_line_break_would(parts):
    body = "".join(parts)
    doc = _text.prepare("Title", body)
    assert [(s.start, s.end, s.text) for s in doc.sentences[1:]] == _sentences_reference("Title", body)


@pytest.mark.parametrize("low", [
    "no group has claimed the attack, but police blamed al-shabaab.", "nobody has yet claimed it.",
    "no one immediately claimed it; however isis did.", "no organisation took it", "no party had taken it",
    "claimed by no less than isis; no comment was taken", "it was claimed. no, said the police",
    "nobody claimed", "a long text " * 50 + "no group claimed it",
])
def test_no_claim_gate_finds_what_the_pattern_finds(low):
    # the literal gate only skips texts where the pattern cannot match
    nc = _groups._NoClaims(low)
    assert nc.ends == [m.end() for m in _groups._NO_CLAIM.finditer(low)]


ASCII_KEYS = [k for k in KEYS if k.isascii()]


@pytest.mark.parametrize("text", TEXTS + ["killed? kabul\u2026 ?kill?", "a\ud800killed in", "\U0001f600kabul bank",
                                          "caf\u00e9 killed\u00e9kabul", "?" * 5 + "past" + "\u2026" * 3])
def test_ascii_keys_scan_bytes_with_other_characters_replaced(text):
    # ASCII keys with no "?": a DFA scans the text as ASCII bytes ("?" for every other character)
    ours = _ours(ASCII_KEYS, True)
    assert ours._bac is not None and _ours(KEYS, True)._bac is None and _ours(ASCII_KEYS, False)._bac is None
    assert ours.iter_long(text) == _leftmost_longest(ASCII_KEYS, text)
    for lo, hi in ((1, len(text)), (2, max(2, len(text) - 3))):
        if lo <= hi <= len(text):
            assert ours.iter_long(text, lo, hi) == _leftmost_longest(ASCII_KEYS, text, lo, hi)
    assert _ours(ASCII_KEYS + ["what?"], True)._bac is None   # a "?" key keeps the str scan


@pytest.mark.parametrize("body", ["01/02/2021: Gunmen killed two.", "  \n 1/2/2021:x", " " * 150 + "01/02/2021: x",
                                  "\xa001/02/2021: x", "\v01/02/2021: x", "On 01/02/2021: x", "", "12 killed"])
def test_date_prefix_is_blanked_where_the_pattern_matches(body):
    m = _text._DATE_PREFIX.match(body[:200])
    doc = _text.prepare("T", body)
    expected = (" " * m.end() + body[m.end():]) if m else body
    assert doc.raw == "T\n\n" + expected


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(" \t\n\f\r\v\xa0\u2003\u0663\xb2120/:x")), max_size=24))
def test_date_prefix_gate_never_skips_a_match(body):
    # prepare calls the pattern only where an ASCII digit comes first past RE2's \s: blanking as the pattern says
    m = _text._DATE_PREFIX.match(body[:200])
    expected = (" " * m.end() + body[m.end():]) if m else body
    assert _text.prepare("T", body).raw == "T\n\n" + expected


def _locative_words_before(low: str, lo: int, s: int) -> list[str]:
    """The words _locative_words reads, as its walk back over every character found them."""
    words: list[str] = []
    j = s
    while len(words) < 5:
        i = j - 1
        if i < lo or not low[i].isspace():
            break
        while i >= lo and low[i].isspace():
            i -= 1
        end = i + 1
        while i >= lo and not low[i].isspace():
            i -= 1
        if end <= i + 1:
            break
        words.append(low[i + 1:end])
        j = i + 1
    return words


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("in the ofs'(\t\n\xa0\u2009-xy")), max_size=60), st.data())
def test_locative_words_split_equals_the_character_walk(low, data):
    from bot.extraction import _places
    s = data.draw(st.integers(0, len(low)))
    lo = data.draw(st.integers(0, s))
    assert _places._words_back(low, lo, s) == _locative_words_before(low, lo, s)


def _contributions_reference(entries) -> list:
    """_contributions with no one-reading shortcut: the most populous city, the shared weight."""
    from bot.extraction import _places
    top = max((x.population for x in entries if x.kind == "city"), default=0)
    share = max(1, len({en.cc for en in entries if en.kind != "city" or en.population * 5 >= top}))
    return [(en, _places._KIND_WEIGHT[en.kind] * (0.5 if en.sub else 1.0), share) for en in entries
            if en.kind != "city" or en.population >= top]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["country", "demonym", "people", "province", "place", "city"]),
                          st.sampled_from(["NG", "ML", "SO"]), st.integers(0, 10**7), st.booleans()),
                min_size=1, max_size=4))
def test_contributions_equal_the_general_share(rows):
    from bot.extraction import _places
    entries = tuple(_places.Entry(kind, cc, None, f"{kind}-{cc}", population=pop, sub=sub)
                    for kind, cc, pop, sub in rows)
    assert _places._contributions(entries) == _contributions_reference(entries)
