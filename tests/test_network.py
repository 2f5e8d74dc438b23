"""NetworkX projection and its exports, on hand-written statements."""
from __future__ import annotations

import csv

import networkx as nx

from kg.model import Document, Entity, Triple
from kg.network import read_graphml, stream_graphml, to_networkx, write_edge_csv, write_gexf, write_graphml

HOSTILE = "Russia vetoed the draft <script>alert(1)</script> <img src=x onerror=alert(1)>."


def statement(subject, relation, obj, doc="a1", index=0, sentence=None, **flags):
    sentence = sentence or f"{subject} {relation} {obj}."
    return Triple(doc=doc, sentence_index=index, sentence=sentence, start=0, end=len(sentence),
                  subject=subject, relation=relation, object=obj,
                  subject_text=subject, object_text=obj, **flags)


def sample():
    """Putin meets three leaders; Russia vetoes a draft (hostile sentence); one negated, one hedged."""
    triples = [
        statement("Vladimir Putin", "meet with", "Francois Hollande", index=0, relation_class="CONSULT"),
        statement("Vladimir Putin", "meet with", "Angela Merkel", index=1, relation_class="CONSULT",
                  circumstances="in Berlin on Monday"),
        statement("Vladimir Putin", "criticize", "Barack Obama", doc="a2", index=0, negated=True),
        statement("Vladimir Putin", "meet with", "Barack Obama", doc="a2", index=1, modality="hedged"),
        statement("Russia", "veto", "draft", doc="a2", index=2, sentence=HOSTILE, relation_class="REJECT",
                  subject_span=(0, 6), object_span=(18, 23)),
    ]
    entities = [Entity(name="Vladimir Putin", type="Person", mentions=6, aliases=("Putin",),
                       titles=("President",)),
                Entity(name="Francois Hollande", type="Person", mentions=2),
                Entity(name="Angela Merkel", type="Person", mentions=1),
                Entity(name="Barack Obama", type="Person", mentions=2),
                Entity(name="Russia", type="Country", mentions=3, iso="RUS")]
    documents = {"a1": Document(id="a1", text="", title="Leaders meet", date="2015-10-02"),
                 "a2": Document(id="a2", text="", title="Veto <b>night</b>", date="2016-05-03")}
    return triples, entities, documents


def sample_graph():
    return to_networkx(*sample())


def test_nodes_and_edges_carry_entities_and_statements():
    g = sample_graph()
    assert g.number_of_nodes() == 6 and g.number_of_edges() == 5
    assert g.nodes["Vladimir Putin"]["aliases"] == "Putin"
    assert g.nodes["Vladimir Putin"]["titles"] == "President"
    assert g.nodes["Russia"]["iso"] == "RUS"
    assert g.nodes["draft"]["type"] == "Thing"
    (edge,) = [d for d in g.get_edge_data("Vladimir Putin", "Barack Obama").values() if d["negated"]]
    assert edge["relation"] == "criticize" and edge["date"] == "2016-05-03"
    assert edge["title"] == "Veto <b>night</b>"


def test_same_statements_give_same_keys():
    assert sorted(sample_graph().edges(keys=True)) == sorted(sample_graph().edges(keys=True))


def test_graphml_round_trip_keeps_attributes(tmp_path):
    g = sample_graph()
    back = read_graphml(write_graphml(g, tmp_path / "g.graphml"))
    assert isinstance(back, nx.MultiDiGraph)
    assert sorted(back.edges(keys=True)) == sorted(g.edges(keys=True))
    veto = next(d for _, _, d in back.edges(data=True) if d["relation"] == "veto")
    assert veto["sentence"] == HOSTILE and veto["relation_class"] == "REJECT"
    assert back.nodes["Vladimir Putin"]["mentions"] == 6


def test_gexf_and_csv_hold_every_statement(tmp_path):
    g = sample_graph()
    gexf = nx.read_gexf(write_gexf(g, tmp_path / "g.gexf"))
    assert gexf.number_of_edges() == 5
    with open(write_edge_csv(g, tmp_path / "e.csv"), newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5
    assert {r["relation"] for r in rows} == {"meet with", "criticize", "veto"}
    assert next(r for r in rows if r["relation"] == "veto")["sentence"] == HOSTILE


def test_streamed_graphml_is_the_graph_networkx_writes(tmp_path):
    triples, entities, documents = sample()
    by_document = [(documents[d], [t for t in triples if t.doc == d]) for d in ("a1", "a2")]
    streamed = read_graphml(stream_graphml(entities, by_document, tmp_path / "s.graphml"))
    whole = read_graphml(write_graphml(to_networkx(triples, entities, documents), tmp_path / "w.graphml"))
    assert sorted(streamed.nodes(data=True)) == sorted(whole.nodes(data=True))
    assert sorted(streamed.edges(keys=True, data=True)) == sorted(whole.edges(keys=True, data=True))
    merkel = next(d for _, v, d in streamed.edges(data=True) if v == "Angela Merkel")
    assert merkel["circumstances"] == "in Berlin on Monday"
    assert next(d for _, _, d in streamed.edges(data=True) if d["relation"] == "veto")["sentence"] == HOSTILE
