"""The ASCII twins of _groups' Unicode cue patterns (small programs for ASCII windows, see
_groups._ascii_twin) find what the Unicode patterns find on ASCII text. No timing is asserted."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.extraction import _groups

TWINS = [(_groups._WEAK_BEFORE, _groups._WEAK_BEFORE_ASCII), (_groups._NEGATIVE_BEFORE, _groups._NEGATIVE_BEFORE_ASCII),
         (_groups._STRONG_BEFORE, _groups._STRONG_BEFORE_ASCII)]
WORDS = ["fighters", "of", "the", "clashes", "between", "army", "and", "linked", "to", "by", "suspected", "against",
         "retook", "town", "from", "blamed", "claimed", "al-shabaab", "rsf's", "2", "(x)", ",", ".", " ", "  ", "\n",
         "_", "-", "war", "on", "talks", "with", "a", "an", "victims"]


@pytest.mark.parametrize("unicode_pattern, ascii_pattern", TWINS)
def test_twin_has_ascii_classes_only(unicode_pattern, ascii_pattern):
    assert "\\p" in unicode_pattern.pattern and "\\p" not in ascii_pattern.pattern


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=16), st.sampled_from(range(len(TWINS))))
def test_twin_finds_what_the_unicode_pattern_finds_on_ascii_text(parts, which):
    unicode_pattern, ascii_pattern = TWINS[which]
    before = " ".join(parts) + " "
    want = unicode_pattern.search(before)
    got = ascii_pattern.search(before)
    assert (got and got.span()) == (want and want.span())
