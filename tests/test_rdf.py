"""The RDF projection: IRIs, vocabulary, round trip, exports read by another parser, SHACL."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest
from fixtures_rdf import DOCUMENTS, ENTITIES, TRIPLES, build
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import DCTERMS, PROV, RDF, RDFS, SDO, SKOS, Dataset, Graph, Literal, URIRef

from kg.model import Document, Entity, Merge, Triple
from kg.rdf import FORMATS, canonical_lines, export, from_dataset, serialize, to_dataset
from kg.rdf.namespaces import (
    KG,
    document_id,
    document_iri,
    entities_graph,
    entity_iri,
    entity_name,
    rel_namespace,
    relation_iri,
    statement_iri,
    summary_graph,
)

ROOT = Path(__file__).resolve().parent.parent


def _sorted(items):
    return sorted(items, key=repr)


# --- IRIs ---------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=40))
def test_any_unicode_name_mints_a_valid_reversible_iri(name):
    iri = entity_iri(name)
    ox.NamedNode(str(iri))  # pyoxigraph rejects invalid IRIs
    list(ox.parse(f"<{iri}> <http://x/p> \"v\" .", format=ox.RdfFormat.N_TRIPLES))
    assert entity_name(iri) == unicodedata.normalize("NFC", name)  # one IRI per canonical form
    assert "/" not in str(iri)[len("https://kg.example.org/id/entity/"):]


def test_hostile_document_id_stays_inside_the_namespace():
    iri = document_iri("../../etc/passwd")
    assert "/../" not in str(iri) and "/etc/" not in str(iri)
    assert str(iri).startswith("https://kg.example.org/id/doc/")
    assert document_id(iri) == "../../etc/passwd"


def test_distinct_names_never_share_an_iri():
    names = ["A B", "A_B", "A%20B", "a b", "", "~", "A  B"]
    assert len({entity_iri(n) for n in names}) == len(names)


def test_statement_iri_is_deterministic_and_separates_negation():
    t = TRIPLES[0]
    assert statement_iri(t) == statement_iri(Triple.from_dict(t.to_dict()))
    from dataclasses import replace
    assert statement_iri(replace(t, negated=True)) != statement_iri(t)
    assert statement_iri(replace(t, confidence=0.1)) == statement_iri(t)


def test_relation_terms_come_from_the_lemma():
    assert relation_iri("meet with") == rel_namespace()["meet_with"]
    assert relation_iri("lash out at") == relation_iri("Lash out  at")


def test_kg_namespace_is_closed_and_matches_the_ontology():
    with pytest.raises(AttributeError):
        KG.negatd  # noqa: B018 - a typo must fail
    ontology = Graph().parse(ROOT / "kg" / "rdf" / "ontology.ttl")
    declared = {str(s) for s in ontology.subjects(RDF.type, None) if str(s).startswith(str(KG._NS))}
    members = {str(KG[name]) for name in KG.__annotations__}
    assert declared == members
    for term in declared:
        assert ontology.value(URIRef(term), RDFS.comment) is not None, term


# --- what the dataset says ---------------------------------------------------------


@pytest.fixture(scope="module")
def dataset():
    return build()


def test_one_named_graph_per_document_plus_entities_and_summary(dataset):
    names = {g.identifier for g in dataset.graphs() if len(g)}
    assert names == {document_iri("a1"), document_iri("a2"), document_iri("a3"), entities_graph(), summary_graph()}


def test_each_triple_is_a_direct_edge_and_a_statement(dataset):
    putin, hollande = entity_iri("Vladimir Putin"), entity_iri("Francois Hollande")
    a1 = dataset.graph(document_iri("a1"))
    assert (putin, rel_namespace()["meet_with"], hollande) in a1
    node = statement_iri(TRIPLES[1])
    assert a1.value(node, RDF.subject) == putin
    assert a1.value(node, KG.relation) == Literal("meet with")
    assert a1.value(node, KG.relationClass) == Literal("CONSULT")
    assert a1.value(node, KG.subjectTitle) == Literal("Russian President")
    sentence = a1.value(node, PROV.wasDerivedFrom)
    article = document_iri("a1")  # the sentence's IRI is minted under its article's, in the article's graph
    assert str(sentence).startswith(str(article) + "/") and a1.value(sentence, DCTERMS.isPartOf) is None
    # the sentence's text is the article's, sliced at the sentence's offsets
    start, end = (a1.value(sentence, p).toPython() for p in (KG.start, KG.end))
    assert str(a1.value(article, SDO.text))[start:end] == "Vladimir Putin met with Francois Hollande in Paris."
    assert str(a1.value(article, SDO.headline)) == "Russia vetoes UN resolution"
    assert a1.value(article, SDO.datePublished).toPython().isoformat() == "2016-10-08"


def test_a_negated_claim_is_no_edge_but_keeps_its_speaker(dataset):
    russia, civilians = entity_iri("Russia"), entity_iri("civilians")
    assert (russia, rel_namespace()["target"], civilians) not in dataset
    node = statement_iri(TRIPLES[2])
    assert dataset.value(node, KG.negated) == Literal(True)
    assert dataset.value(node, PROV.wasAttributedTo) == russia


def test_entities_carry_labels_aliases_types_and_merge_log(dataset):
    g = dataset.graph(entities_graph())
    putin = entity_iri("Vladimir Putin")
    assert set(map(str, g.objects(putin, SKOS.altLabel))) == {"Putin", "Vladimir Putin"}
    assert (putin, RDF.type, SDO.Person) in g
    assert (entity_iri("civilians"), RDF.type, KG.Group) in g
    assert g.value(entity_iri("Russia"), KG.isoCode) == Literal("RUS")
    assert g.value(entity_iri("Russian warplane"), KG.affiliation) == entity_iri("Russia")
    assert len(list(g.subjects(KG.mergedInto, putin))) == 2
    assert g.value(putin, KG.mentionCount).toPython() == 5


def test_a_merge_log_line_keeps_only_what_differs_from_the_commonest_and_reads_back_whole():
    # one article's "Maria Sanchez" joins the corpus's by name, another's "Sanchez" by surname
    same = Merge(alias="Maria Sanchez", entity="Maria Sanchez", rule="same name", doc="b1")
    surname = Merge(alias="Sanchez", entity="Maria Sanchez", rule="surname", doc="b2")
    entity = Entity(name="Maria Sanchez", type="Person", aliases=("Sanchez",), mentions=3, docs=("b1", "b2"),
                    merges=(same, surname))
    ds = to_dataset([], [], [entity])
    g = ds.graph(entities_graph())
    lines = {str(g.value(record, KG.inDocument)).rsplit("/", 1)[-1]: record
             for record in g.subjects(KG.mergedInto, entity_iri("Maria Sanchez"))}
    assert g.value(lines["b1"], KG.alias) is None and g.value(lines["b1"], KG.rule) is None
    assert g.value(lines["b2"], KG.alias) == Literal("Sanchez") and g.value(lines["b2"], KG.rule) == Literal("surname")
    assert from_dataset(ds)[2] == [entity]


def test_names_without_an_entity_still_get_one():
    ds = to_dataset(DOCUMENTS[:1], TRIPLES[:1], [])
    g = ds.graph(entities_graph())
    assert g.value(entity_iri("Russia"), RDFS.label) == Literal("Russia")
    assert (entity_iri("Russia"), RDF.type, SDO.Country) in g


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_round_trip(store, tmp_path):
    ds = build(None if store == "memory" else tmp_path / "store")
    documents, triples, entities = from_dataset(ds)
    assert documents == sorted(DOCUMENTS, key=lambda d: d.id)
    assert _sorted(triples) == _sorted(TRIPLES)
    # fields outside Triple equality travel too
    assert {t.circumstances for t in triples} == {t.circumstances for t in TRIPLES}
    assert entities == sorted(ENTITIES, key=lambda e: e.name)


# --- files -------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_export_parses_in_rdflib_and_pyoxigraph(fmt, dataset, tmp_path):
    path = export(dataset, tmp_path / f"graph.{FORMATS[fmt].file_extension}", fmt)
    expected = set(canonical_lines(dataset))
    if fmt in ("turtle", "ntriples"):
        back = Graph().parse(path, format=FORMATS[fmt].media_type)
        assert len(back) == len({(s, p, o) for s, p, o, _ in dataset.quads()})
    else:
        back = Dataset().parse(path, format=FORMATS[fmt].media_type)
        assert set(canonical_lines(back)) == expected
        graphs = {g.identifier for g in back.graphs() if len(g)}
        assert document_iri("a2") in graphs and entities_graph() in graphs
    objects = back.objects() if fmt in ("turtle", "ntriples") else (q[2] for q in back.quads())
    texts = {str(o) for o in objects if isinstance(o, Literal)}
    assert any(A3_SENTENCE in t for t in texts)  # a line break survives (in the article's text)
    assert any('"} ; DROP ALL ; {"' in t for t in texts)
    assert len(list(ox.parse(path=str(path), format=FORMATS[fmt]))) >= len(back)
    assert not list(tmp_path.glob(".*.tmp"))


A3_SENTENCE = "Putin and Hollande will meet in Moscow.\nBoth said so."


def test_pyoxigraph_dump_parses_in_rdflib(tmp_path):
    ds = build(tmp_path / "store")
    data = ds.store._inner.dump(format=ox.RdfFormat.TRIG)
    back = Dataset().parse(data=data.decode("utf-8"), format="trig")
    assert len(set(back.quads())) == len(set(ds.quads()))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_rebuilding_gives_byte_identical_exports(fmt, tmp_path):
    first = serialize(build(), fmt)
    shuffled = to_dataset(reversed(DOCUMENTS), reversed(TRIPLES), reversed(ENTITIES))
    assert serialize(shuffled, fmt) == first
    assert serialize(build(tmp_path / "store"), fmt) == first


def test_json_ld_is_json(dataset):
    data = json.loads(serialize(dataset, "json-ld"))
    assert isinstance(data, list) and data


# --- SHACL -------------------------------------------------------------------------


def _union(ds) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads():
        g.add((s, p, o))
    return g


def _conforms(graph: Graph) -> tuple[bool, str]:
    from pyshacl import validate

    ok, _, text = validate(graph, shacl_graph=Graph().parse(ROOT / "kg" / "rdf" / "shapes.ttl"))
    return ok, text


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_the_dataset_conforms_to_the_shapes(store, tmp_path):
    ok, report = _conforms(_union(build(None if store == "memory" else tmp_path / "store")))
    assert ok, report


def test_the_shapes_catch_a_pair_summary_with_one_actor(dataset):
    g = _union(dataset)
    pair = next(g.subjects(KG.member, None))
    g.remove((pair, KG.member, next(g.objects(pair, KG.member))))
    ok, report = _conforms(g)
    assert not ok and "exactly two actors" in report


def test_the_shapes_catch_a_statement_without_a_sentence(dataset):
    g = _union(dataset)
    g.remove((statement_iri(TRIPLES[0]), PROV.wasDerivedFrom, None))
    ok, report = _conforms(g)
    assert not ok and "exactly one sentence" in report


def test_values_left_out_are_read_back_as_their_defaults(dataset):
    """What the store leaves out (flags at their default, names as texts, sentence texts, a thing's label)
    comes back when the statements are read."""
    t = TRIPLES[1]  # a1: Putin meets Hollande, asserted, not negated, said by no one
    node = statement_iri(t)
    left_out = (KG.negated, KG.modality, KG.mentionCount, KG.objectText, RDF.predicate, DCTERMS.date)
    assert [dataset.value(node, p) for p in left_out] == [None] * len(left_out)
    assert dataset.value(dataset.value(node, PROV.wasDerivedFrom), SDO.text) is None
    assert dataset.value(entity_iri("war crimes"), RDFS.label) is None  # a thing: its IRI spells it
    documents, triples, _ = from_dataset(dataset)
    assert sorted(triples, key=statement_iri) == sorted(TRIPLES, key=statement_iri)


def test_the_shapes_catch_a_bad_modality(dataset):
    g = _union(dataset)
    node = statement_iri(TRIPLES[0])
    g.set((node, KG.modality, Literal("certain")))
    assert not _conforms(g)[0]


names = st.text(min_size=1, max_size=20).map(lambda s: unicodedata.normalize("NFC", s))


@settings(max_examples=60, deadline=None)
@given(doc_id=names, subject=names, obj=names, relation=names, sentence=st.text(max_size=60))
def test_hostile_text_gives_rdf_every_parser_reads_back(doc_id, subject, obj, relation, sentence):
    doc = Document(id=doc_id, text=sentence, title=sentence[:10] or None)
    t = Triple(doc=doc_id, sentence_index=0, sentence=sentence, start=0, end=len(sentence), subject=subject,
               relation=relation, object=obj, subject_text=sentence[:5], object_text=sentence[-5:])
    ds = to_dataset([doc], [t], [])
    for fmt in ("nquads", "trig", "turtle"):
        text = serialize(ds, fmt)
        assert len(list(ox.parse(text.encode("utf-8"), format=FORMATS[fmt]))) >= len(ds)
        back = (Graph() if fmt == "turtle" else Dataset()).parse(data=text, format=FORMATS[fmt].media_type)
        assert len(back) == len(ds)
    documents, triples, _ = from_dataset(ds)
    assert documents == [doc] and triples == [t]


def test_kg_export_offers_every_rdf_format_kg_writes():
    from kg.cli import main

    option = next(p for p in main.commands["export"].params if p.name == "fmt")
    assert set(option.type.choices) == set(FORMATS)
