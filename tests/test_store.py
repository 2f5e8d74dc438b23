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
from rdflib import Literal

from kg.model import Document, Entity, Triple
from kg.rdf import canonical_lines, export, from_dataset, to_dataset
from kg.rdf.namespaces import document_iri, entities_graph, entity_iri, entity_name, rel_namespace, statement_iri
from kg.rdf.store import (
    load_graph,
    open_store,
    replace_document,
    replace_entities,
    stored_documents,
    stored_entities,
    write_entities,
)
from kg.rdf.summary import rank_band

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
    assert (putin, rel_namespace()["cancel_visit_to"], france) not in store
    assert (statement_iri(old), None, None) not in store
    assert (putin, rel_namespace()["postpone_visit_to"], france) in store.graph(document_iri("a2"))
    assert canonical_lines(_only(store, "a1")) == a1_before
    _, triples, _ = from_dataset(store)
    assert sum(t.doc == "a2" for t in triples) == 4


def _only(store, doc_id):
    return _only_graph(store, document_iri(doc_id))


def _only_graph(store, name):
    from rdflib import Dataset

    ds = Dataset()
    graph = ds.graph(name)
    for triple in store.graph(name).triples((None, None, None)):
        graph.add(triple)
    return ds


def test_entities_are_rewritten_only_when_they_change(store):
    to_dataset(DOCUMENTS, TRIPLES, ENTITIES, store)
    changed = [replace(e, mentions=e.mentions + 1) if e.name == "France" else e for e in ENTITIES]
    assert replace_entities(store, changed) == 1
    assert {e.name: e.mentions for e in stored_entities(store)}["France"] == 2
    assert replace_entities(store, changed[:-1]) == 1  # "Russian warplane" pruned
    assert entity_iri("Russian warplane") not in set(store.graph(entities_graph()).subjects())
    assert replace_entities(store, [Entity(name="Syria", type="Country")], prune=False) == 1
    assert "France" in {e.name for e in stored_entities(store)}


def test_entities_written_in_small_slices_equal_one_write(store, monkeypatch):
    """A slice boundary changes nothing: not what is stored, not which names count as merged away."""
    import kg.rdf.store
    from kg.model import Merge

    # "Jordan" is an entity of its own and also the surface form merged into "Jordan (Country)"
    entities = ENTITIES + [
        Entity(name="Jordan", type="Person", aliases=("Michael Jordan", "MJ"), docs=("a1",), mentions=3),
        Entity(name="Jordan (Country)", type="Country", docs=("a2",),
               merges=(Merge(alias="Jordan", entity="Jordan (Country)", rule="same name", doc="a2"),)),
    ]
    whole = open_store()
    replace_entities(whole, entities[1:])
    to_dataset(DOCUMENTS, TRIPLES, [], store)  # bare entities for every name, pruned below
    monkeypatch.setattr(kg.rdf.store, "QUADS_PER_TRANSACTION", 10)  # slices of an entity or two, flushed often
    monkeypatch.setattr(kg.rdf.store, "QUADS_PER_FLUSH", 10)
    write_entities(store, entities[1:])
    assert canonical_lines(_only_graph(store, entities_graph())) == canonical_lines(_only_graph(whole, entities_graph()))
    assert {e.name for e in stored_entities(store)} == {e.name for e in entities[1:]}


def test_a_bulk_load_in_small_slices_stores_every_quad(tmp_path, monkeypatch):
    """The bulk loader holds a call's quads in memory, so it gets them a slice at a time: none is
    lost or doubled at a slice boundary, from quads or from an N-Quads file (the entities')."""
    import pyoxigraph as ox

    import kg.rdf.store
    from kg.rdf.store import bulk_load, ox_store
    from kg.rdf.terms import to_ox

    whole = build(tmp_path / "whole")
    monkeypatch.setattr(kg.rdf.store, "QUADS_PER_BULK", 7)
    assert canonical_lines(build(tmp_path / "sliced")) == canonical_lines(whole)

    described = list(ox_store(whole).quads_for_pattern(None, None, None, to_ox(entities_graph())))
    assert len(described) > 3 * 7
    path = tmp_path / "entities.nq"
    with open(path, "wb") as nquads:
        ox.serialize(described, nquads, format=ox.RdfFormat.N_QUADS)
    loaded = open_store(tmp_path / "loaded")
    with bulk_load(loaded) as load:
        load.nquads(path)
    assert set(ox_store(loaded).quads_for_pattern(None, None, None, to_ox(entities_graph()))) == set(described)


def test_a_summary_kept_by_another_version_is_recounted(store):
    """A store an older kg kept: its sums miss a node kind this version keeps and hold a stale count."""
    from rdflib import OWL

    from kg.rdf.namespaces import KG, summary_graph
    from kg.rdf.store import recount_summaries

    to_dataset(DOCUMENTS, TRIPLES, ENTITIES, store)
    summary = store.graph(summary_graph())
    for pair in list(summary.subjects(KG.member, None)):
        summary.remove((pair, None, None))
    summary.set((entity_iri("Russia"), KG.subjectCount, Literal(99)))
    summary.remove((summary_graph(), OWL.versionInfo, None))
    assert recount_summaries(store)
    assert_summaries_match(store)
    assert (summary_graph(), OWL.versionInfo, None) in summary
    assert not recount_summaries(store)  # recounted once


def test_a_store_kept_before_day_bands_gets_them_when_read(store):
    """A store written before articles had a ``kg:dayBand``: the date-paged queries would skip
    its articles, so they get their bands, derived from their dates, when the store is read."""
    from rdflib import OWL

    from kg.rdf.namespaces import KG, summary_graph
    from kg.rdf.store import recount_summaries

    to_dataset(DOCUMENTS, TRIPLES, ENTITIES, store)
    bands = set(store.quads((None, KG.dayBand, None, None)))
    assert len(bands) == len(DOCUMENTS)
    for quad in bands:
        store.remove(quad)
    summary = store.graph(summary_graph())
    summary.set((summary_graph(), OWL.versionInfo, Literal("4")))
    recount_summaries(store)
    assert set(store.quads((None, KG.dayBand, None, None))) == bands


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
        from kg.rdf.store import open_store, StoreLockedError
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
        from kg.rdf.store import open_store
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


# --- summaries ----------------------------------------------------------------------
# The summary graph must always equal counts recomputed from the raw statements by
# SPARQL GROUP BY, however the store got there (add, re-add, replace, remove, rename).

_PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX kg: <https://kg.example.org/ns#>
"""
_SUMMARY = "<https://kg.example.org/id/graph/summary>"
_ENTITIES = "<https://kg.example.org/id/graph/entities>"

RECOMPUTED = {
    "actor": """SELECT ?actor ?role (COUNT(DISTINCT ?st) AS ?n) WHERE {
        { ?st rdf:subject ?actor ; kg:subjectType ?type . BIND ("out" AS ?role) }
        UNION { ?st rdf:object ?actor ; kg:objectType ?type . BIND ("in" AS ?role) }
        FILTER (?type != kg:Thing) } GROUP BY ?actor ?role""",
    "speaker": """SELECT ?actor (COUNT(DISTINCT ?st) AS ?n) WHERE {
        ?st prov:wasAttributedTo ?actor } GROUP BY ?actor""",
    "relation": """SELECT ?relation ?class (COUNT(DISTINCT ?st) AS ?n) (SUM(IF(?negated, 1, 0)) AS ?neg)
        (COUNT(DISTINCT ?article) AS ?articles) WHERE {
        GRAPH ?article { ?st kg:relation ?relation ; kg:relationClass ?class ; prov:wasDerivedFrom ?s }
        OPTIONAL { ?st kg:negated ?flag } BIND (COALESCE(?flag, false) AS ?negated) } GROUP BY ?relation ?class""",
    "pair": """SELECT ?a ?b (COUNT(DISTINCT ?s) AS ?n) (COUNT(DISTINCT ?article) AS ?articles) WHERE {
        { ?st1 rdf:subject ?a ; kg:subjectType ?ta } UNION { ?st1 rdf:object ?a ; kg:objectType ?ta }
        { ?st2 rdf:subject ?b ; kg:subjectType ?tb } UNION { ?st2 rdf:object ?b ; kg:objectType ?tb }
        ?st1 prov:wasDerivedFrom ?s . ?st2 prov:wasDerivedFrom ?s . GRAPH ?article { ?s kg:start ?start }
        FILTER (?ta != kg:Thing && ?tb != kg:Thing && STR(?a) < STR(?b)) } GROUP BY ?a ?b""",
}

STORED = {
    "actor": f"""SELECT ?actor ?role ?n WHERE {{ GRAPH {_SUMMARY} {{
        {{ ?actor kg:subjectCount ?n . BIND ("out" AS ?role) }}
        UNION {{ ?actor kg:objectCount ?n . BIND ("in" AS ?role) }} }} }}""",
    "speaker": f"SELECT ?actor ?n WHERE {{ GRAPH {_SUMMARY} {{ ?actor kg:attributedCount ?n }} }}",
    "relation": f"""SELECT ?relation ?class ?n ?neg ?articles WHERE {{ GRAPH {_SUMMARY} {{
        ?r kg:statementBand ?band ; kg:relation ?relation ; kg:relationClass ?class ; kg:statementCount ?n ;
           kg:articleCount ?articles . OPTIONAL {{ ?r kg:negatedCount ?stored }} }}
        BIND (COALESCE(?stored, 0) AS ?neg) }}""",
    "pair": f"""SELECT ?a ?b ?n ?articles WHERE {{ GRAPH {_SUMMARY} {{
        ?p kg:member ?a, ?b ; kg:sentenceCount ?n ; kg:articleCount ?articles ; kg:band ?band .
        FILTER (STR(?a) < STR(?b)) }} }}""",
}


def _rows(dataset, text):
    from kg.rdf.queries import run_query

    rows = run_query(dataset, _PREFIXES + text)
    # rdflib answers a grouped query over nothing with one unbound row
    return sorted((tuple(sorted(row.items())) for row in rows if row.get("n") is not None), key=str)


def summaries(dataset) -> dict:
    """The stored summaries, each beside its recomputation from the statements."""
    return {kind: (_rows(dataset, STORED[kind]), _rows(dataset, RECOMPUTED[kind])) for kind in STORED}


def assert_summaries_match(dataset):
    from kg.rdf.queries import run_query

    for kind, (stored, recomputed) in summaries(dataset).items():
        assert stored == recomputed, kind
    bands = run_query(dataset, _PREFIXES + f"SELECT ?n ?band WHERE {{ GRAPH {_SUMMARY} {{ ?p kg:sentenceCount ?n ; kg:band ?band }} }}")
    assert all(row["band"] == rank_band(row["n"]) for row in bands)
    # no node keeps a zero count or outlives its counts
    assert not run_query(dataset, _PREFIXES + f"ASK {{ GRAPH {_SUMMARY} {{ ?x ?count 0 }} }}")[0]["ask"]
    orphans = f"ASK {{ GRAPH {_SUMMARY} {{ ?x kg:member|kg:relation ?any FILTER NOT EXISTS {{ ?x kg:statementCount|kg:sentenceCount ?n }} }} }}"
    assert not run_query(dataset, _PREFIXES + orphans)[0]["ask"]
    # exactly the recounted speakers carry one name each: the one their IRI was minted from, their label
    named = f"SELECT ?actor ?name WHERE {{ GRAPH {_SUMMARY} {{ ?actor kg:speakerName ?name }} }}"
    names = run_query(dataset, _PREFIXES + named)
    speakers = {row["actor"] for row in run_query(dataset, _PREFIXES + RECOMPUTED["speaker"]) if row["n"]}
    assert sorted((row["actor"], row["name"]) for row in names) == sorted((a, entity_name(a)) for a in speakers)
    relabelled = (f"ASK {{ GRAPH {_SUMMARY} {{ ?actor kg:speakerName ?name }} "
                  f"GRAPH {_ENTITIES} {{ ?actor rdfs:label ?label }} FILTER (?name != ?label) }}")
    assert not run_query(dataset, _PREFIXES + relabelled)[0]["ask"]


def test_summaries_hold_the_hand_counted_numbers(store):
    from kg.rdf.queries import run_query

    to_dataset(DOCUMENTS, TRIPLES, ENTITIES, store)
    assert_summaries_match(store)
    putin = str(entity_iri("Vladimir Putin"))
    actor = dict(((r[0][1], r[2][1]), r[1][1]) for r in summaries(store)["actor"][0])
    assert actor[putin, "out"] == 3 and actor[putin, "in"] == 2  # a1 s1, a2 s0, a3 s1 / a2 s1, a3 s1
    pairs = run_query(store, _PREFIXES + f"SELECT ?n WHERE {{ GRAPH {_SUMMARY} {{ ?p kg:member <{putin}>, "
                      f"<{entity_iri('Francois Hollande')}> ; kg:sentenceCount ?n ; kg:band ?band }} }}")
    assert pairs == [{"n": 3}]  # a1 s1, a2 s1, a3 s1


def test_summaries_follow_re_adds_replacements_and_removals(store, tmp_path):
    from kg.rdf.store import remove_document

    to_dataset(DOCUMENTS, TRIPLES, ENTITIES, store)
    before = canonical_lines(store)
    to_dataset(DOCUMENTS, TRIPLES, ENTITIES, store)  # the same articles again
    assert canonical_lines(store) == before
    changed = [replace(t, relation="denounce", relation_class="ACCUSE", negated=True) if t.relation == "accuse of"
               else t for t in TRIPLES if t.doc == "a2"][1:]  # one statement gone, one changed
    replace_document(store, DOCUMENTS[1], changed)
    assert_summaries_match(store)
    final = [t for t in TRIPLES if t.doc != "a2"] + changed
    fresh = to_dataset(DOCUMENTS, final, ENTITIES, open_store(tmp_path / "fresh"))
    assert _summary_lines(store) == _summary_lines(fresh)
    remove_document(store, "a1")
    assert_summaries_match(store)
    fresh_without_a1 = to_dataset(DOCUMENTS[1:], [t for t in final if t.doc != "a1"], ENTITIES, open_store())
    assert _summary_lines(store) == _summary_lines(fresh_without_a1)
    fresh.close()


def _summary_lines(dataset):
    return [line for line in canonical_lines(dataset) if line.endswith("<https://kg.example.org/id/graph/summary> .")]


def test_a_merge_renames_the_statements_of_stored_articles(store):
    """a3 was built alone and called him "Putin"; a later merge folds "Putin" into "Vladimir Putin"."""
    from kg.model import Merge

    alone = [replace(t, subject="Putin" if t.subject == PUTIN else t.subject,
                     object="Putin" if t.object == PUTIN else t.object) for t in TRIPLES if t.doc == "a3"]
    to_dataset(DOCUMENTS[2:], alone, [Entity(name="Putin", type="Person", docs=("a3",))], store)
    assert any(row.subject == "Putin" for row in from_dataset(store)[1])
    merged = Entity(name=PUTIN, type="Person", docs=("a3",), merges=(Merge(alias="Putin", entity=PUTIN, rule="surname"),))
    assert replace_entities(store, [merged], prune=False) == 2  # Vladimir Putin written, Putin removed
    documents, triples, entities = from_dataset(store)
    assert {t.subject for t in triples} == {"Turkey", PUTIN, "Francois Hollande"}
    assert "Putin" not in {e.name for e in entities}
    assert_summaries_match(store)
    fresh = to_dataset(DOCUMENTS[2:], [t for t in TRIPLES if t.doc == "a3"], [merged], open_store())
    assert _summary_lines(store) == _summary_lines(fresh)
    assert canonical_lines(_only(store, "a3")) == canonical_lines(_only(fresh, "a3"))


PUTIN = "Vladimir Putin"


def test_random_edits_keep_the_summaries_equal_to_a_recount(store):
    """A property test: any sequence of adds, re-adds, replacements and removals."""
    import random

    from kg.rdf.store import remove_document

    rng = random.Random(5)
    names = [("Russia", "Country"), (PUTIN, "Person"), ("Hollande", "Person"), ("NATO", "Organization"),
             ("rebels", "Group"), ("a convoy", "Thing")]
    for _ in range(25):
        doc_id = f"d{rng.randrange(4)}"
        if rng.random() < 0.2:
            remove_document(store, doc_id)
        else:
            document = Document(id=doc_id, text="x", date=rng.choice([None, "2016-01-02", "2017-03-04"]))
            triples = []
            for _ in range(rng.randrange(6)):
                (s, st), (o, ot) = rng.choice(names), rng.choice(names)
                triples.append(Triple(doc=doc_id, sentence_index=rng.randrange(3), sentence="x", start=0, end=1,
                                      subject=s, relation=rng.choice(["meet", "attack", "meet with"]), object=o,
                                      subject_text=s, object_text=o, subject_type=st, object_type=ot,
                                      negated=rng.random() < 0.3, modality=rng.choice(["asserted", "hedged"]),
                                      attributed_to=rng.choice([None, None, "NATO"]),
                                      relation_class=rng.choice(["CONSULT", "ASSAULT"])))
            replace_document(store, document, triples)
            assert not replace_document(store, document, triples)  # idempotent
        assert_summaries_match(store)


def test_querying_a_store_an_older_kg_kept_recounts_it_first(tmp_path):
    """Upgrading kg and querying without a rebuild: the speakers page still answers."""
    from rdflib import OWL

    from kg.rdf.namespaces import KG, summary_graph
    from kg.rdf.queries import run_query

    ds = open_store(tmp_path / "out" / "store")
    to_dataset(DOCUMENTS, TRIPLES, ENTITIES, ds)
    expected = [row["speaker"] for row in run_query(ds, "attributions")]
    summary = ds.graph(summary_graph())
    summary.remove((None, KG.speakerName, None))  # as a kg before speaker names left it
    summary.remove((summary_graph(), OWL.versionInfo, None))
    ds.close()
    ds = load_graph(tmp_path / "out")
    try:
        assert expected and [row["speaker"] for row in run_query(ds, "attributions")] == expected
    finally:
        ds.close()


def test_a_write_cut_short_before_its_fingerprint_is_redone_without_drift(tmp_path, monkeypatch):
    """Killed after a long article's statements landed but before its fingerprint and counts did."""
    import kg.rdf.store
    from kg.rdf.store import remove_document

    store = open_store(tmp_path / "store")
    to_dataset(DOCUMENTS, TRIPLES, ENTITIES, store)
    a2 = [t for t in TRIPLES if t.doc == "a2"]
    changed = [replace(t, relation="denounce") if t.relation == "accuse of" else t for t in a2]
    real_update = kg.rdf.store._update

    def killed_at_the_stamp(dataset, update, summary, **options):
        if any("fingerprint" in part for part in update):
            raise KeyboardInterrupt
        real_update(dataset, update, summary, **options)

    monkeypatch.setattr(kg.rdf.store, "_update", killed_at_the_stamp)
    with pytest.raises(KeyboardInterrupt):
        replace_document(store, DOCUMENTS[1], changed)
    monkeypatch.undo()
    assert stored_documents(store)["a2"] is None  # there, whole, but not stamped: no count includes it
    assert sum(1 for _ in store.graph(document_iri("a2")).triples((None, rel_namespace()["denounce"], None))) == 1

    assert replace_document(store, DOCUMENTS[1], changed)  # the next build rewrites it
    assert_summaries_match(store)
    fresh = to_dataset(DOCUMENTS, [t for t in TRIPLES if t.doc != "a2"] + changed, ENTITIES, open_store())
    assert _summary_lines(store) == _summary_lines(fresh)
    remove_document(store, "a2")  # and a removal subtracts only what was counted
    assert_summaries_match(store)
    store.close()


def test_a_long_article_is_written_in_slices_and_a_cut_in_its_counts_is_recounted(tmp_path, monkeypatch):
    """A share of the summaries too big for one transaction goes in slices; killed among them, the
    summaries lose their version marker, so the next build recounts them instead of adding twice."""
    import kg.rdf.store
    from kg.rdf.store import recount_summaries

    monkeypatch.setattr(kg.rdf.store, "QUADS_PER_TRANSACTION", 3)  # every article is a long one
    store = open_store(tmp_path / "store")
    to_dataset(DOCUMENTS, TRIPLES, ENTITIES, store)
    fresh = to_dataset(DOCUMENTS, TRIPLES, ENTITIES, open_store())
    assert _summary_lines(store) == _summary_lines(fresh)
    assert not recount_summaries(store)  # the marker is back after each sliced write

    a2 = [t for t in TRIPLES if t.doc == "a2"]
    changed = [replace(t, relation="denounce") if t.relation == "accuse of" else t for t in a2]
    real_written, writes = kg.rdf.store._written, []

    def killed_midway(dataset, quads):
        writes.append(quads)
        if len(writes) == 8:
            raise KeyboardInterrupt
        real_written(dataset, quads)

    monkeypatch.setattr(kg.rdf.store, "_written", killed_midway)
    with pytest.raises(KeyboardInterrupt):
        replace_document(store, DOCUMENTS[1], changed)
    monkeypatch.setattr(kg.rdf.store, "_written", real_written)
    assert recount_summaries(store)  # the next build's first step
    assert replace_document(store, DOCUMENTS[1], changed)
    assert_summaries_match(store)
    fresh = to_dataset(DOCUMENTS, [t for t in TRIPLES if t.doc != "a2"] + changed, ENTITIES, open_store())
    assert _summary_lines(store) == _summary_lines(fresh)
    store.close()


def test_exports_of_hundreds_of_graphs_hold_every_statement_once(tmp_path):
    """The exports stream the store (TriG dumped by Oxigraph, Turtle graph by graph); nothing is
    lost, a triple in many graphs is written once to Turtle, and writing again gives the same bytes."""
    from rdflib import Dataset, Graph

    from kg.rdf.files import export_store

    store = open_store(tmp_path / "store")
    for i in range(230):  # hundreds of graphs, one triple shared by all of them
        doc = Document(id=f"d{i:03}", text="Putin met Macron.")
        shared = Triple(doc=doc.id, sentence_index=0, sentence=doc.text, start=0, end=17, subject="Vladimir Putin",
                        relation="meet", object="Emmanuel Macron", subject_text="Putin", object_text="Macron")
        to_dataset([doc], [shared], [], store)
    export_store(store, tmp_path / "graph.trig", "trig")
    export_store(store, tmp_path / "graph.ttl", "turtle")
    for name, format in (("graph.trig", "trig"), ("graph.ttl", "turtle")):
        export_store(store, tmp_path / f"again-{name}", format)
        assert (tmp_path / f"again-{name}").read_bytes() == (tmp_path / name).read_bytes()
    trig = Dataset()
    trig.parse(tmp_path / "graph.trig", format="trig")
    assert canonical_lines(trig) == canonical_lines(store)
    turtle = Graph().parse(tmp_path / "graph.ttl", format="turtle")
    quads = [(s, p, o) for graph in trig.graphs() for s, p, o in graph]
    assert set(turtle) == set(quads) and len(turtle) < len(quads)
    assert len(list(turtle.triples((entity_iri("Vladimir Putin"), rel_namespace()["meet"], entity_iri("Emmanuel Macron"))))) == 1
    assert replace_document(store, Document(id="after", text="Fine."), [])  # the store is still open for writes
    store.close()


# --- the store changed by someone else ------------------------------------------------
# Anyone with the served store (a SPARQL client of `kg serve`, `kg push`) may drop, add or
# replace graphs; written here with pyoxigraph directly, as such a client would.

def _edit_outside_kg(path, update):
    import pyoxigraph as ox

    outside = ox.Store(str(path))
    outside.update(update)
    outside.flush()
    del outside


def test_a_document_graph_dropped_outside_kg_is_recounted_not_counted_twice(tmp_path):
    from kg.rdf.store import recount_summaries

    build(tmp_path / "store").close()
    _edit_outside_kg(tmp_path / "store", f"DROP GRAPH <{document_iri('a1')}>")
    ds = open_store(tmp_path / "store")
    recount_summaries(ds)  # as a build starts; the summary counted a document the store no longer holds
    to_dataset(DOCUMENTS, TRIPLES, ENTITIES, ds)  # what the next build writes: a1 comes back
    assert _summary_lines(ds) == _summary_lines(build())
    assert_summaries_match(ds)
    assert not recount_summaries(ds)  # healed: nothing left to recount
    ds.close()


def test_a_document_graph_replaced_outside_kg_is_recounted(tmp_path):
    from kg.rdf.store import recount_summaries

    build(tmp_path / "store").close()
    # a client puts another version of a2 (its own fingerprint) in place of kg's
    other = replace(DOCUMENTS[1], text=DOCUMENTS[1].text + " Later.")
    lone = to_dataset([other], [t for t in TRIPLES if t.doc == "a2"][:1], ENTITIES, open_store())
    body = "\n".join(line.rsplit(" <", 1)[0] + " ." for line in canonical_lines(lone)
                     if line.endswith(f"<{document_iri('a2')}> ."))
    _edit_outside_kg(tmp_path / "store", f"DROP GRAPH <{document_iri('a2')}> ; "
                                         f"INSERT DATA {{ GRAPH <{document_iri('a2')}> {{ {body} }} }}")
    ds = open_store(tmp_path / "store")
    recount_summaries(ds)
    assert_summaries_match(ds)
    ds.close()


def test_a_document_graph_added_outside_kg_is_counted(tmp_path):
    """A client pushes an article kg did not write here (stamped with its fingerprint): its
    statements count in the rankings as if the build had written it."""
    from kg.rdf.store import recount_summaries

    to_dataset(DOCUMENTS[:2], [t for t in TRIPLES if t.doc != "a3"], ENTITIES, open_store(tmp_path / "store")).close()
    whole = build()
    body = "\n".join(line.rsplit(" <", 1)[0] + " ." for line in canonical_lines(whole)
                     if line.endswith(f"<{document_iri('a3')}> ."))
    _edit_outside_kg(tmp_path / "store", f"INSERT DATA {{ GRAPH <{document_iri('a3')}> {{ {body} }} }}")
    ds = open_store(tmp_path / "store")
    assert recount_summaries(ds)
    assert _summary_lines(ds) == _summary_lines(whole)
    assert not recount_summaries(ds)
    ds.close()


def test_data_written_into_the_store_by_others_stays_out_of_the_exports(tmp_path):
    import pyoxigraph as ox

    from kg.rdf.files import export_store

    ds = build(tmp_path / "store")
    export_store(ds, tmp_path / "clean.trig", "trig")
    export_store(ds, tmp_path / "clean.ttl", "turtle")
    ds.close()
    # one triple in the default graph, one foreign named graph, and a copy of a kg triple in a
    # graph named before every kg graph (the Turtle export writes a triple with its first graph)
    copied = next(line for line in canonical_lines(build()) if "graph/entities" in line).rsplit(" <", 1)[0]
    _edit_outside_kg(tmp_path / "store", 'INSERT DATA { <http://csrf/s> <http://csrf/p> "written-by-a-web-page" . '
                                         'GRAPH <http://csrf/g> { <http://csrf/s> <http://csrf/p> "in-a-graph" . '
                                         f'{copied} . }} }}')
    ds = open_store(tmp_path / "store")
    export_store(ds, tmp_path / "after.trig", "trig")
    export_store(ds, tmp_path / "after.ttl", "turtle")
    with open(tmp_path / "after.ttl", "rb") as handle:
        assert not any("csrf" in str(t) for t in ox.parse(handle, format=ox.RdfFormat.TURTLE))
    assert (tmp_path / "after.trig").read_bytes() == (tmp_path / "clean.trig").read_bytes()
    assert (tmp_path / "after.ttl").read_bytes() == (tmp_path / "clean.ttl").read_bytes()
    from kg.rdf.store import foreign_data

    assert foreign_data(ds) == (1, 1)  # what `kg build` notes, leaving it there
    ds.close()
