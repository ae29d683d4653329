"""bot._json writes exactly what json.dumps writes (the store's columns are compared byte for byte by
other tests, and read back by json.loads), only faster."""
import json

import pytest
from hypothesis import given, settings, strategies as st

from bot._json import dumps, dumps_compact, dumps_unicode, encode_key

_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=12)
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(_VALUES)
def test_the_same_text_as_json_dumps(value):
    assert dumps(value) == json.dumps(value)
    assert dumps_unicode(value) == json.dumps(value, ensure_ascii=False)
    assert dumps_compact(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, max_size=6))
def test_lists_of_strings_take_the_joined_path_with_the_same_text(value):
    assert dumps(value) == json.dumps(value)
    assert dumps_unicode(value) == json.dumps(value, ensure_ascii=False)


@pytest.mark.parametrize("value", [
    [], ["a"], ["«ADF»", "killed 12 ≥ 10"], ["\ud800 lone surrogate", "\x00\n\t\"\\"],
    ["a", 1], ["a", None], [["a"]], ("a", "b"),
])
def test_edge_lists(value):
    assert dumps(value) == json.dumps(value)
    assert dumps_unicode(value) == json.dumps(value, ensure_ascii=False)


def test_a_str_subclass_is_encoded_as_json_dumps_does():
    class S(str):
        pass
    assert dumps_unicode([S("x")]) == json.dumps([S("x")], ensure_ascii=False)


def test_keys_must_be_strings():
    assert encode_key("rule_title") == '"rule_title"'
    assert encode_key("«x»") == '"«x»"'
    with pytest.raises(TypeError, match="string keys"):
        encode_key(1)    # type: ignore[arg-type]
