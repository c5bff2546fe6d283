"""The embedded store changes all or nothing: a change that fails part-way (a defect, an
interrupt) must not leave half a document in memory, must not be saved by a later
flush or close, and must not leave a cached query view looking current.

The faults are injected into the store's own write steps (the only way to make a
correct store fail part-way); everything else is the real store and real queries."""
from __future__ import annotations

import json

import pytest

from ecograph.errors import StoreError
from ecograph.queries.partners import partners
from ecograph.store.embedded import EmbeddedStore

from test_query_cache import HELIX, zeta_doc
from test_queries import extractions


def filled(tmp_path) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "store", writable=True)
    for x in extractions():
        store.add(x)
    store.flush()
    return store


def fail_after(store: EmbeddedStore, method: str, calls: int, exc: BaseException) -> None:
    """Make the store's `method` raise `exc` on its (calls + 1)-th call, once."""
    real, seen = getattr(store, method), [0]

    def flaky(*args, **kw):
        seen[0] += 1
        if seen[0] == calls + 1:
            raise exc
        return real(*args, **kw)
    setattr(store, method, flaky)


@pytest.mark.parametrize("exc, raised", [(RuntimeError("boom"), StoreError),
                                         (KeyboardInterrupt(), KeyboardInterrupt)])
def test_an_add_that_fails_part_way_leaves_the_saved_state(tmp_path, exc, raised):
    store = filled(tmp_path)
    saved = store.export()
    on_disk = store.path.read_bytes()
    before = [r.partner for r in partners(store, HELIX)]  # caches a view of this version
    fail_after(store, "_put_relation", 2, exc)  # entities and two relations are in by then
    with pytest.raises(raised) as err:
        store.add(zeta_doc())
    if raised is StoreError:
        assert "storing news/zeta.txt failed" in str(err.value) and "boom" in str(err.value)
        assert "rerun" in err.value.hint
    assert store.export() == saved
    assert store.get_document("doc:zeta") is None
    assert [r.partner for r in partners(store, HELIX)] == before  # not a stale half view
    store.close()  # nothing half-done to save
    assert store.path.read_bytes() == on_disk


def test_after_a_failed_add_the_store_takes_the_document_normally(tmp_path):
    store = filled(tmp_path)
    fail_after(store, "_put_relation", 1, RuntimeError("boom"))
    with pytest.raises(StoreError):
        store.add(zeta_doc())
    store.add(zeta_doc())
    assert "Zeta Works" in [r.partner for r in partners(store, HELIX)]
    reference = EmbeddedStore(tmp_path / "reference", writable=True)
    for x in [*extractions(), zeta_doc()]:
        reference.add(x)
    assert store.export() == reference.export()
    store.close()
    reference.close()


def test_a_forget_that_fails_part_way_keeps_the_document(tmp_path):
    store = filled(tmp_path)
    store.add(zeta_doc())
    store.flush()
    saved = store.export()
    fail_after(store, "_put_entity", 0, RuntimeError("boom"))
    with pytest.raises(StoreError, match="forgetting doc:zeta failed"):
        store.forget("doc:zeta")
    assert store.export() == saved
    assert "Zeta Works" in [r.partner for r in partners(store, HELIX)]
    store.close()


def test_a_load_of_a_broken_exchange_file_keeps_what_was_stored(tmp_path):
    store = filled(tmp_path)
    saved = store.export()
    on_disk = store.path.read_bytes()
    broken = json.loads(json.dumps(saved))
    broken["relations"].append({**broken["relations"][0], "target": "org:nobody-knows-this"})
    with pytest.raises(StoreError, match="unknown entity"):
        store.load(broken)
    assert store.export() == saved
    store.close()
    assert store.path.read_bytes() == on_disk
