"""JSON text as :func:`json.dumps` writes it, made faster for the many small values a poll cycle
stores per item (reasons, group ids, changes) and for its alert payloads.

``json.dumps(x, ensure_ascii=False)`` builds a new encoder on every call (it is cached only for the
default arguments), which costs three times the encoding of a short list. Here the encoders are built
once, and a list of strings is joined directly with the json module's own C string encoders.
"""
from __future__ import annotations

import json
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Any

_ENCODE = json.JSONEncoder().encode
_ENCODE_UNICODE = json.JSONEncoder(ensure_ascii=False).encode


def dumps(obj: Any) -> str:
    """``json.dumps(obj)``: the same text (non-ASCII escaped)."""
    if type(obj) is list and all(type(s) is str for s in obj):
        return "[" + ", ".join(map(encode_basestring_ascii, obj)) + "]"
    return _ENCODE(obj)


def dumps_unicode(obj: Any) -> str:
    """``json.dumps(obj, ensure_ascii=False)``: the same text (non-ASCII kept as it is)."""
    if type(obj) is list and all(type(s) is str for s in obj):
        return "[" + ", ".join(map(encode_basestring, obj)) + "]"
    return _ENCODE_UNICODE(obj)


_ENCODE_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def dumps_compact(obj: Any) -> str:
    """``json.dumps(obj, ensure_ascii=False, separators=(",", ":"))``: the same text."""
    return _ENCODE_COMPACT(obj)


def encode_key(key: str) -> str:
    """A dict key as ``json.dumps(..., ensure_ascii=False)`` writes it (keys must be strings here)."""
    if type(key) is not str:
        raise TypeError(f"JSON text here takes string keys, not {type(key).__name__}")
    return encode_basestring(key)
