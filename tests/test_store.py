"""The store: incremental, idempotent writes; one writer at a time; survives being killed."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from fixtures_rdf import DOCUMENTS, ENTITIES, TRIPLES, build
from kg.model import Document, Entity, Triple
from kg.namespaces import ENTITIES_GRAPH, REL, document_iri, entity_iri, statement_iri
from kg.rdf import canonical_lines, export, from_dataset, to_dataset
from kg.store import (
    load_graph, open_store, replace_document, replace_entities, stored_documents,
    stored_entities,
)

TESTS = Path(__file__).resolve().parent


@pytest.fixture(params=["memory", "oxigraph"])
def store(request, tmp_path):
    ds = open_store(None if request.param == "memory" else tmp_path / "store")
    yield ds
    ds.close()


def test_building_twice_changes_nothing(store):
    to_dataset(DOCUMENTS, TRIPLES, ENTITIES, store)
    before = canonical_lines(store)
    assert not any(replace_document(store, d, [t for t in TRIPLES if t.doc == d.id]) for d in DOCUMENTS)
    assert replace_entities(store, ENTITIES) == 0
    to_dataset(DOCUMENTS, TRIPLES, ENTITIES, store)
    assert canonical_lines(store) == before
    assert len(store) == len(build())


def test_adding_an_article_leaves_the_others_alone(store):
    to_dataset(DOCUMENTS[:2], [t for t in TRIPLES if t.doc != "a3"], ENTITIES, store)
    a1 = sorted(store.graph(document_iri("a1")).triples((None, None, None)))
    assert set(stored_documents(store)) == {"a1", "a2"}
    to_dataset(DOCUMENTS[2:], [t for t in TRIPLES if t.doc == "a3"], ENTITIES, store)
    assert set(stored_documents(store)) == {"a1", "a2", "a3"}
    assert sorted(store.graph(document_iri("a1")).triples((None, None, None))) == a1
    assert canonical_lines(store) == canonical_lines(build())


def test_a_changed_article_replaces_its_own_graph(store):
    to_dataset(DOCUMENTS, TRIPLES, ENTITIES, store)
    a1_before = canonical_lines(_only(store, "a1"))
    old = TRIPLES[4]  # a2: Vladimir Putin | cancel visit to | France
    new = replace(old, relation="postpone visit to")
    a2 = [new if t == old else t for t in TRIPLES if t.doc == "a2"]
    assert replace_document(store, DOCUMENTS[1], a2)
    putin, france = entity_iri("Vladimir Putin"), entity_iri("France")
    assert (putin, REL["cancel_visit_to"], france) not in store
    assert (statement_iri(old), None, None) not in store
    assert (putin, REL["postpone_visit_to"], france) in store.graph(document_iri("a2"))
    assert canonical_lines(_only(store, "a1")) == a1_before
    _, triples, _ = from_dataset(store)
    assert sum(t.doc == "a2" for t in triples) == 4


def _only(store, doc_id):
    from rdflib import Dataset

    ds = Dataset()
    graph = ds.graph(document_iri(doc_id))
    for triple in store.graph(document_iri(doc_id)).triples((None, None, None)):
        graph.add(triple)
    return ds


def test_entities_are_rewritten_only_when_they_change(store):
    to_dataset(DOCUMENTS, TRIPLES, ENTITIES, store)
    changed = [replace(e, mentions=e.mentions + 1) if e.name == "France" else e for e in ENTITIES]
    assert replace_entities(store, changed) == 1
    assert {e.name: e.mentions for e in stored_entities(store)}["France"] == 2
    assert replace_entities(store, changed[:-1]) == 1  # "Russian warplane" pruned
    assert entity_iri("Russian warplane") not in set(store.graph(ENTITIES_GRAPH).subjects())
    assert replace_entities(store, [Entity(name="Syria", type="Country")], prune=False) == 1
    assert "France" in {e.name for e in stored_entities(store)}


def test_stored_documents_fingerprint_content(store):
    to_dataset(DOCUMENTS, TRIPLES, ENTITIES, store)
    prints = stored_documents(store)
    assert set(prints) == {"a1", "a2", "a3"} and len(set(prints.values())) == 3


def test_hostile_document_id_is_just_a_graph_name(tmp_path):
    ds = open_store(tmp_path / "store")
    doc = Document(id="../../etc/passwd", text="Russia vetoed it.")
    t = Triple(doc=doc.id, sentence_index=0, sentence=doc.text, start=0, end=17, subject="Russia",
               relation="veto", object="it", subject_text="Russia", object_text="it")
    to_dataset([doc], [t], [], ds)
    assert list(stored_documents(ds)) == ["../../etc/passwd"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def _script(body: str) -> list[str]:
    prelude = f"import sys; sys.path.insert(0, {str(TESTS)!r})\n"
    return [sys.executable, "-c", prelude + textwrap.dedent(body)]


def test_a_second_process_gets_a_clear_lock_error(tmp_path):
    ds = open_store(tmp_path / "store")
    other = subprocess.run(_script(f"""
        from kg.store import open_store, StoreLockedError
        try:
            open_store({str(tmp_path / 'store')!r}, wait=0.5)
        except StoreLockedError as exc:
            print(exc)
    """), capture_output=True, text=True, timeout=60)
    assert "in use by another process" in other.stdout, other.stderr
    ds.close()


def test_killing_a_build_leaves_whole_graphs_and_the_next_run_completes(tmp_path):
    store = tmp_path / "store"
    writer = subprocess.Popen(_script(f"""
        from kg.model import Document, Triple
        from kg.rdf import to_dataset
        from kg.store import open_store
        ds = open_store({str(store)!r})
        for i in range(100000):
            doc = Document(id=f"d{{i}}", text="X met Y. " * 50)
            triples = [Triple(doc=doc.id, sentence_index=j, sentence="X met Y.", start=9 * j, end=9 * j + 8,
                              subject=f"X{{j}}", relation="meet", object="Y", subject_text="X", object_text="Y")
                       for j in range(50)]
            to_dataset([doc], triples, [], ds)
            print(i, flush=True)
    """), stdout=subprocess.PIPE, text=True)
    for _ in range(5):  # let a few documents land, then kill mid-write
        writer.stdout.readline()
    time.sleep(0.05)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    ds = open_store(store, wait=10)
    documents, triples, _ = from_dataset(ds)
    assert len(documents) >= 5
    for document in documents:  # every stored article is complete
        assert sum(t.doc == document.id for t in triples) == 50
    to_dataset([Document(id="next", text="fine")], [], [], ds)
    assert "next" in stored_documents(ds)


def test_load_graph_reads_a_store_or_falls_back_to_the_export(tmp_path):
    out = tmp_path / "out"
    ds = build(out / "store")
    export(ds, out / "graph.trig")
    n = len(ds)
    assert len(load_graph(out)) == n  # the store is locked by ds: falls back to graph.trig
    ds.close()
    assert len(load_graph(out)) == n
    with pytest.raises(ValueError, match="no kg graph here"):
        load_graph(tmp_path)
