"""The extraction speed paths keep behaviour: each fast path gives what the plain code it
replaces gave (written out here as the reference), on made-up text with the characters
that make the difference. No timing is asserted (bench/extract_speed.py measures it)."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.extract import _groups, _text

TRICKY = [
    "", " ", "Plain ASCII text. Another sentence.", "tab\there and\r\ncarriage returns",
    "Café naïve résumé ÉLAN İstanbul", "“Quoted” – dashes — and ‘single’ quotes\xa0here",
    "中文 报道 ①② Ⅻ ٣", "lone surrogate \ud800 inside", "e\u0301 \u200b\u2009\u202f x",
    "Kyiv oblast’s governor said 12 were killed in Kharkiv.\tMore\u2026",
]


def _fold_reference(text: str) -> str:
    """fold() as one Python pass over every character (the table it fills lazily)."""
    return "".join(_text._FOLD[ord(c)] for c in text)


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


@pytest.mark.parametrize("text", SENTENCES)
def test_sentence_ends_equal_the_plain_scan(text):
    assert _text._sentence_ends(text, 0) == _ends_reference(text, 0)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("aZ1 .!?\"')(\n\t\xa0JU.S") + ["Mr", "Gen", "\u2009"])))
def test_sentence_ends_equal_the_plain_scan_on_any_text(parts):
    text = "".join(parts)
    assert _text._sentence_ends(text, 0) == _ends_reference(text, 0)


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
